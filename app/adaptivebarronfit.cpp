// "losslens fit --learn shape[,scale]": the line y = w x + b with Barron's shape alpha (and scale
// c) learned by minimizing the negative log-likelihood of Barron's distribution, as in Barron,
// "A General and Adaptive Robust Loss Function", CVPR 2019.

#include "commandsupport.h"
#include "fitrequest.h"

#include "core/adaptivebarron.h"
#include "core/adaptivebarrontraining.h"
#include "core/csvreader.h"
#include "core/lineobjective.h"
#include "core/losses/barron.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cmath>
#include <memory>
#include <optional>

namespace losslens {

namespace {

// tr() of this file's messages, in the "FitCommand" context of the translation files.
struct FitCommand
{
    Q_DECLARE_TR_FUNCTIONS(FitCommand)
};

QString statusText(RunStatus status)
{
    switch (status) {
    case RunStatus::Diverged:
        return QStringLiteral("diverged");
    case RunStatus::Converged:
        return QStringLiteral("converged");
    case RunStatus::Running:
        break;
    }
    return QStringLiteral("max_steps");
}

// The canonical spec of Barron's loss with the learned alpha and c, as LossCatalogue writes it.
QString learnedSpec(double shape, double scale)
{
    return BarronLoss(shape, scale).spec();
}

} // namespace

int runAdaptiveBarronFit(const FitRequest &request, QTextStream &output, QTextStream &errors)
{
    const auto *barron = dynamic_cast<const BarronLoss *>(request.loss.get());
    if (!barron) {
        return failFit(
            errors, FitCommand::tr("--learn applies to Barron's loss only (--loss barron), whose "
                                   "alpha and c it learns; got %1.")
                        .arg(request.loss->spec()));
    }
    if (request.featureColumns.size() != 1) {
        return failFit(errors,
                       FitCommand::tr("--learn fits one feature column; give one --x, got %1.")
                           .arg(request.featureColumns.size()));
    }
    if (request.minimize()) {
        return failFit(
            errors, FitCommand::tr("--learn trains alpha with an optimizer; --optimizer minimize "
                                   "does not learn it. Give one such as "
                                   "adam:learning_rate=0.01 and --steps."));
    }
    // The learned c is in the target's units, so a residual scale would divide it once more.
    if (request.loss->residualScale().isEstimatedFromData() ||
        request.loss->residualScale().value != 1.0) {
        return failFit(errors,
                       FitCommand::tr("--learn learns c in the target's units; drop the residual "
                                      "scale=%1 from %2.")
                           .arg(request.loss->residualScale().isEstimatedFromData()
                                    ? QStringLiteral("mad")
                                    : formatNumber(request.loss->residualScale().value),
                                request.loss->spec()));
    }

    AdaptiveBarronSettings settings;
    settings.initialShape = barron->alpha();
    settings.initialScale = barron->scale();
    settings.learnScale = request.learnScale;
    const QString settingsError = validateAdaptiveBarronSettings(settings);
    if (!settingsError.isEmpty()) {
        return failFit(
            errors,
            FitCommand::tr("--learn starts from %1: %2").arg(barron->spec(), settingsError));
    }

    const std::optional<LineFitInput> input = readLineFitInput(request, errors);
    if (!input)
        return 2;
    const QString &startText = input->startText;
    const std::shared_ptr<const Dataset> &shared = input->data;
    const FeatureScaling &scaling = input->scaling;
    const AdaptiveBarronObjective objective(shared, scaling, settings);
    const QString problem = objective.applicabilityError();
    if (!problem.isEmpty())
        return failFit(errors, problem);
    // LineObjective converts the start to training coordinates the same way for any loss.
    const LineObjective lineObjective(shared, request.loss, scaling);
    const Eigen::Vector2d startLine =
        lineObjective.fromDataUnits({input->startSlope, input->startIntercept});
    const double startLikelihood = objective.value(objective.startParameters(startLine));
    if (!startLine.allFinite() || !std::isfinite(startLikelihood)) {
        return failFit(errors,
                       FitCommand::tr("the negative log-likelihood at --start %1 is not finite; "
                                      "choose a start nearer the data.")
                           .arg(startText));
    }

    AdaptiveBarronTraining training(objective, startLine, *request.optimizer, *request.schedule);
    training.run(objective, request.stepLimit);
    const AdaptiveBarronPoint &last = training.current();
    const LineParameters line = objective.toDataUnits(last.theta);

    QJsonObject result;
    result[QStringLiteral("loss")] = learnedSpec(last.shape, last.scale);
    result[QStringLiteral("optimizer")] = request.optimizer->spec();
    result[QStringLiteral("steps")] =
        training.divergedAt() >= 0 ? training.divergedAt() : training.iteration();
    result[QStringLiteral("w")] = QJsonArray{jsonNumber(line.slope)};
    result[QStringLiteral("b")] = jsonNumber(line.intercept);
    result[QStringLiteral("mean_loss")] = jsonNumber(last.meanLoss);
    result[QStringLiteral("status")] = statusText(training.status());

    if (!request.trajectoryPath.isEmpty()) {
        QString text;
        QTextStream csv(&text);
        csv << "step,w,b,mean_loss,alpha,scale,negative_log_likelihood\n";
        for (const AdaptiveBarronPoint &point : training.history()) {
            const LineParameters pointLine = objective.toDataUnits(point.theta);
            csv << point.iteration << ',' << formatNumber(pointLine.slope) << ','
                << formatNumber(pointLine.intercept) << ',' << formatNumber(point.meanLoss) << ','
                << formatNumber(point.shape) << ',' << formatNumber(point.scale) << ','
                << formatNumber(point.negativeLogLikelihood) << '\n';
        }
        csv.flush();
        if (const int status = writeTrajectory(request.trajectoryPath, text, errors))
            return status;
    }
    output << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}

} // namespace losslens
