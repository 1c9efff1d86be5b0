#include "csvexport.h"

#include "sessionmodel.h"
#include "trainingcontroller.h"

#include "core/csvwriter.h"
#include "core/landscape.h"
#include "core/losses/composite.h"
#include "core/losses/crossentropy.h"

#include <QCoreApplication>
#include <QSaveFile>
#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace losslens {

namespace {

// tr() of this file's messages, in the "CsvExport" context of the translation files.
struct CsvExport
{
    Q_DECLARE_TR_FUNCTIONS(CsvExport)
};

} // namespace

void writeLandscapeCsv(const Landscape &landscape, QTextStream &stream)
{
    stream << "w,b,loss\n";
    const LandscapeGrid &grid = landscape.grid;
    for (int i = 0; i < grid.slopeCount; ++i) {
        const QString slope = formatNumber(grid.slopeAt(i)) + QLatin1Char(',');
        for (int j = 0; j < grid.interceptCount; ++j) {
            stream << slope << formatNumber(grid.interceptAt(j)) << ','
                   << formatNumber(landscape.values(i, j)) << '\n';
        }
    }
}

QByteArray lossCurvesCsv(const SessionModel &model, const CurveSampling &sampling)
{
    // The losses as their objectives fit them, so an estimated residual scale is the data's.
    std::vector<const Loss *> losses;
    std::vector<double> labels;
    QByteArray text = "input";
    for (int i = 0; i < model.lossCount(); ++i) {
        if (!model.lossEntry(i).enabled)
            continue;
        const Loss &loss = model.objective(i)->loss();
        double label = 0.0;
        if (loss.kind() == LossKind::Classification) {
            const int classes = crossEntropyClassCount(loss);
            if (classes > 0 && sampling.trueClass >= classes)
                continue;
            label = classes > 0 ? sampling.trueClass : sampling.binaryLabel;
        }
        losses.push_back(&loss);
        labels.push_back(label);
        text += ',' + csvField(loss.spec() + QStringLiteral(" value"));
        text += ',' + csvField(loss.spec() + QStringLiteral(" derivative"));
    }
    text += '\n';
    const int count = std::max(sampling.count, 2);
    for (int k = 0; k < count; ++k) {
        // The last input is the upper end exactly, not lower plus a rounded sum of steps.
        const double input = k == count - 1 ? sampling.upper
                                            : sampling.lower + (sampling.upper - sampling.lower) *
                                                                   k / (count - 1);
        text += csvNumber(input);
        for (std::size_t i = 0; i < losses.size(); ++i) {
            const LossDerivatives derivatives = losses[i]->evaluate(input, labels[i]);
            // As in the view, no derivative where the loss is infinite or undefined, or where a
            // typed formula has a value but no derivative.
            const bool defined = std::isfinite(derivatives.value) && derivatives.firstDefined;
            text += ',' + csvNumber(derivatives.value) + ',' +
                    (defined ? csvNumber(derivatives.first) : QByteArray());
        }
        text += '\n';
    }
    return text;
}

std::optional<QByteArray> landscapeCsv(const SessionModel &model, const ViewRange &trainingRange,
                                       int resolution, QString *error)
{
    const int lossIndex = model.state().currentLoss;
    const std::shared_ptr<const LineObjective> objective = model.objective(lossIndex);
    const QString reason = objective->applicabilityError();
    if (!reason.isEmpty()) {
        *error = CsvExport::tr("%1 cannot be fitted to this data: %2")
                     .arg(objective->loss().displayName(), reason);
        return std::nullopt;
    }
    // With a standardized feature the training rectangle is a parallelogram in data units,
    // because b = b' - w m / s depends on the slope; the grid is the box around its corners, as
    // automaticGridInDataUnits() chooses it.
    LandscapeGrid grid;
    grid.slopeCount = resolution;
    grid.interceptCount = resolution;
    bool first = true;
    for (const double slope : {trainingRange.horizontalMinimum, trainingRange.horizontalMaximum}) {
        for (const double intercept :
             {trainingRange.verticalMinimum, trainingRange.verticalMaximum}) {
            const LineParameters corner = objective->toDataUnits({slope, intercept});
            if (first) {
                grid.slopeMinimum = grid.slopeMaximum = corner.slope;
                grid.interceptMinimum = grid.interceptMaximum = corner.intercept;
                first = false;
                continue;
            }
            grid.slopeMinimum = std::min(grid.slopeMinimum, corner.slope);
            grid.slopeMaximum = std::max(grid.slopeMaximum, corner.slope);
            grid.interceptMinimum = std::min(grid.interceptMinimum, corner.intercept);
            grid.interceptMaximum = std::max(grid.interceptMaximum, corner.intercept);
        }
    }
    if (!grid.isValid()) {
        *error =
            CsvExport::tr("The range [%1, %2] x [%3, %4] is not a finite, non-empty rectangle.")
                .arg(formatNumber(grid.slopeMinimum), formatNumber(grid.slopeMaximum),
                     formatNumber(grid.interceptMinimum), formatNumber(grid.interceptMaximum));
        return std::nullopt;
    }
    const std::optional<Landscape> landscape = computeLandscapeInDataUnits(*objective, grid);
    if (!landscape) {
        *error = CsvExport::tr("The landscape computation was cancelled.");
        return std::nullopt;
    }
    QByteArray text;
    QTextStream stream(&text);
    writeLandscapeCsv(*landscape, stream);
    stream.flush();
    return text;
}

QByteArray trajectoriesCsv(const SessionModel &model, const TrainingController &training)
{
    QByteArray text = "run,step,w,b,loss\n";
    for (int r = 0; r < training.runCount(); ++r) {
        const RunTrack *run = training.run(r);
        if (!run)
            continue;
        const LineObjective &objective = *model.objective(model.runEntry(r).lossIndex);
        const QByteArray label = csvField(model.runLabel(r));
        for (const TrainingPoint &point : run->history()) {
            const LineParameters line = objective.toDataUnits(point.theta);
            text += label + ',' + QByteArray::number(point.iteration) + ',' +
                    csvNumber(line.slope) + ',' + csvNumber(line.intercept) + ',' +
                    csvNumber(point.loss) + '\n';
        }
    }
    return text;
}

bool writeTextFile(const QString &path, const QByteArray &text, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = CsvExport::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.write(text) != text.size() || !file.commit()) {
        *error = CsvExport::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace losslens
