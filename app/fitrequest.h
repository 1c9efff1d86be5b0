#pragma once

#include "core/dataset.h"
#include "core/learningrateschedule.h"
#include "core/lineobjective.h"
#include "core/loss.h"
#include "core/optimizer.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QTextStream;

namespace losslens {

// The options of "losslens fit" after parsing, each checked on its own. What depends on the
// data (the columns, the row count, the start's finiteness) is checked by the fit itself.
struct FitRequest
{
    QString dataPath;
    // The --x columns in the order given, one weight each.
    QStringList featureColumns;
    QString targetColumn;
    // --skip-invalid: leave out rows with missing or invalid cells and list them.
    bool skipInvalidRows = false;
    std::shared_ptr<const Loss> loss;
    // Null for --optimizer minimize.
    std::unique_ptr<Optimizer> optimizer;
    std::unique_ptr<LearningRateSchedule> schedule;
    int stepLimit = 0;
    // The --start text, or nothing when --start is not given (every parameter starts at 0).
    std::optional<QString> startText;
    bool standardize = true;
    // Empty when --trajectory is not given.
    QString trajectoryPath;
    // --learn shape or --learn shape,scale: Barron's alpha (and c) are learned with the line by
    // maximum likelihood (core/adaptivebarron.h) instead of held at the loss's values.
    bool learnShape = false;
    bool learnScale = false;

    bool minimize() const { return optimizer == nullptr; }
};

// Writes "losslens fit: message" to errors and returns the exit status 2.
int failFit(QTextStream &errors, const QString &message);

// The start and the data of a one-feature fit: --start as W, B in the data's units and the
// first --x column with the target, scaled as --standardize asks.
struct LineFitInput
{
    double startSlope = 0.0;
    double startIntercept = 0.0;
    QString startText;
    std::shared_ptr<const Dataset> data;
    FeatureScaling scaling = FeatureScaling::identity();
};

// Reads --start and loads the data of a one-feature fit. Returns std::nullopt with the reason
// written to errors when --start is not two finite numbers or the file cannot be used.
std::optional<LineFitInput> readLineFitInput(const FitRequest &request, QTextStream &errors);

// A JSON number that reads back as the same double: QJsonDocument writes doubles with 17
// significant digits.
inline QJsonValue jsonNumber(double value)
{
    return QJsonValue(value);
}

// Saves text to path through a QSaveFile, so a failed write leaves no partial file. Returns 0,
// or 2 with the reason written to errors.
int writeTrajectory(const QString &path, const QString &text, QTextStream &errors);

// Fits the linear model with several features (featureColumns has two or more entries) and
// prints one JSON object, as runFitCommand() describes. Returns 0 on success and 2 on invalid
// data or a start where the loss is not finite, with the reason written to errors.
int runLinearModelFit(const FitRequest &request, QTextStream &output, QTextStream &errors);

// Fits the line to one feature column with Barron's alpha (and c with learnScale) learned by
// AdaptiveBarronTraining, for --learn. The loss is a barron loss whose alpha and c are the start
// values. Prints the JSON object with the learned values in its loss spec; returns 0, or 2 with
// the reason written to errors.
int runAdaptiveBarronFit(const FitRequest &request, QTextStream &output, QTextStream &errors);

} // namespace losslens
