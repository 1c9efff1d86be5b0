#pragma once

#include "sessionfile.h"

#include <QByteArray>
#include <QString>

#include <optional>

class QTextStream;

namespace losslens {

struct Landscape;
class SessionModel;
class TrainingController;

// The input range and labels at which File > Export as CSV > Loss curves samples the curves.
struct CurveSampling
{
    double lower = -3.0;
    double upper = 3.0;
    // Number of inputs, both ends included; at least 2.
    int count = 601;
    // The label of binary classification losses, 0 or 1. The margin view evaluates label 1,
    // because a label-1 point's margin is its logit.
    double binaryLabel = 1.0;
    // The true class of multi-class losses; a loss with fewer classes is left out.
    int trueClass = 0;
};

// Writes the landscape as CSV rows "w,b,loss", w in the outer loop, each number written so that
// it reads back as the same double. `losslens landscape` writes its output with it too.
void writeLandscapeCsv(const Landscape &landscape, QTextStream &stream);

// The value and first derivative of every enabled loss as its objective fits it, at evenly
// spaced inputs: the header "input,SPEC value,SPEC derivative,..." and one row per input.
// A spec that contains a comma is quoted.
QByteArray lossCurvesCsv(const SessionModel &model, const CurveSampling &sampling);

// The mean loss of the current loss on a grid in the data's own units, as `losslens landscape`
// writes it: the smallest rectangle in data units that contains the training-coordinate range
// (the landscape view's), with `resolution` nodes per side. Returns std::nullopt with a message
// when the current loss cannot be fitted to the data or the range is not a valid grid.
std::optional<QByteArray> landscapeCsv(const SessionModel &model, const ViewRange &trainingRange,
                                       int resolution, QString *error);

// Every active run's path in the data's own units: the header "run,step,w,b,loss" and one row
// per recorded step, runs in the session's order. The loss is the run's mean loss at that
// step; for a run that learns Barron's alpha, at that step's alpha and c.
QByteArray trajectoriesCsv(const SessionModel &model, const TrainingController &training);

// Writes text to path through QSaveFile, so a failure leaves an existing file whole. Returns
// false with a message naming the file and the reason.
bool writeTextFile(const QString &path, const QByteArray &text, QString *error);

} // namespace losslens
