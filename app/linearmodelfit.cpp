// "losslens fit" with several --x columns: the linear model y = w . x + b, trained by
// trainLinearModel() or minimized by findLinearModelMinimum().

#include "commandsupport.h"
#include "csvinput.h"
#include "fitrequest.h"

#include "core/csvreader.h"
#include "core/linearmodel.h"
#include "core/linearmodelinput.h"
#include "core/linearmodelminimizer.h"
#include "core/linearmodeltraining.h"
#include "core/loss.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cmath>
#include <limits>
#include <memory>
#include <optional>

namespace losslens {

namespace {

// tr() of this file's messages, in the "FitCommand" context of the translation files.
struct FitCommand
{
    Q_DECLARE_TR_FUNCTIONS(FitCommand)
};

// The --start values in data units, W1, ..., Wd, B, or nothing when the text has another count
// or a value that is not a finite number. Without --start every parameter is 0.
std::optional<Eigen::VectorXd> startParameters(const FitRequest &request)
{
    const Eigen::Index count = request.featureColumns.size() + 1;
    if (!request.startText)
        return Eigen::VectorXd::Zero(count);
    const QStringList parts = request.startText->split(QLatin1Char(','));
    if (parts.size() != count)
        return std::nullopt;
    Eigen::VectorXd parameters(count);
    for (Eigen::Index j = 0; j < count; ++j) {
        const std::optional<double> value = finiteNumber(parts[j]);
        if (!value)
            return std::nullopt;
        parameters[j] = *value;
    }
    return parameters;
}

QString trainingStatusText(LinearTrainingStatus status)
{
    switch (status) {
    case LinearTrainingStatus::Diverged:
        return QStringLiteral("diverged");
    case LinearTrainingStatus::Converged:
        return QStringLiteral("converged");
    case LinearTrainingStatus::Completed:
        break;
    }
    return QStringLiteral("max_steps");
}

// The trajectory CSV: the header step,w1,...,wd,b,mean_loss, then one row per recorded point in
// data units.
QString trajectoryText(const LinearModelObjective &objective, const LinearTrainingPath &path)
{
    QString text;
    QTextStream csv(&text);
    csv << "step";
    for (Eigen::Index j = 1; j < objective.parameterCount(); ++j)
        csv << ",w" << j;
    csv << ",b,mean_loss\n";
    for (size_t k = 0; k < path.thetas.size(); ++k) {
        csv << k;
        for (const double parameter : objective.toDataUnits(path.thetas[k]))
            csv << ',' << formatNumber(parameter);
        csv << ',' << formatNumber(path.losses[k]) << '\n';
    }
    csv.flush();
    return text;
}

// Fills w and b from theta in training coordinates.
void addParameters(QJsonObject &result, const LinearModelObjective &objective,
                   const Eigen::VectorXd &theta)
{
    const Eigen::VectorXd parameters = objective.toDataUnits(theta);
    QJsonArray weights;
    for (Eigen::Index j = 0; j + 1 < parameters.size(); ++j)
        weights.append(jsonNumber(parameters[j]));
    result[QStringLiteral("w")] = weights;
    result[QStringLiteral("b")] = jsonNumber(parameters[parameters.size() - 1]);
}

} // namespace

int runLinearModelFit(const FitRequest &request, QTextStream &output, QTextStream &errors)
{
    const qsizetype featureCount = request.featureColumns.size();
    const std::optional<Eigen::VectorXd> start = startParameters(request);
    if (!start) {
        // W1,W2,B for two features, W1,...,Wd,B from three on.
        const QString form = featureCount == 2 ? QStringLiteral("W1,W2,B")
                                               : QStringLiteral("W1,...,W%1,B").arg(featureCount);
        return failFit(errors, FitCommand::tr("--start must be %1 finite numbers %2 (one weight "
                                              "per --x, then the intercept), got \"%3\".")
                                   .arg(featureCount + 1)
                                   .arg(form, *request.startText));
    }
    // TODO: estimate the residual scale at the multi-feature fit, as residualscale.h does for
    // the line; the estimate now exists for one feature only.
    if (request.loss->residualScale().isEstimatedFromData()) {
        return failFit(
            errors, FitCommand::tr("%1 estimates its residual scale from a one-feature fit; with "
                                   "several --x columns give a fixed scale=S.")
                        .arg(request.loss->spec()));
    }

    QString loadError;
    std::optional<MultiFeatureData> loaded = loadCommandLineMultiFeatureData(
        request.dataPath, request.featureColumns, request.targetColumn, request.skipInvalidRows,
        QStringLiteral("losslens fit: "), errors, &loadError);
    if (!loaded)
        return failFit(errors, loadError);
    if (const QString rows = linearModelRowCountProblem(loaded->size(), featureCount);
        !rows.isEmpty()) {
        return failFit(errors, FitCommand::tr("%1: %2 Give more rows or fewer --x columns.")
                                   .arg(request.dataPath, rows));
    }
    auto data = std::make_shared<const MultiFeatureData>(std::move(*loaded));
    const LinearModelObjective objective(data, request.loss, request.standardize);
    const QString problem = objective.applicabilityError();
    if (!problem.isEmpty())
        return failFit(errors, problem);
    const Eigen::VectorXd startTheta = objective.fromDataUnits(*start);
    const double startLoss = objective.value(startTheta);
    if (!startTheta.allFinite() || !std::isfinite(startLoss) ||
        startLoss >= std::numeric_limits<double>::max()) {
        return failFit(errors,
                       FitCommand::tr("the mean loss at --start %1 is not finite: the loss is "
                                      "infinite or undefined for some errors there, or the sum "
                                      "overflows; choose a start where the loss is defined, "
                                      "nearer the data.")
                           .arg(request.startText.value_or(QStringLiteral("0"))));
    }

    QJsonObject result;
    result[QStringLiteral("loss")] = objective.loss().spec();
    LinearTrainingPath path;
    if (request.minimize()) {
        const LinearMinimumResult minimum = findLinearModelMinimum(objective, startTheta);
        if (minimum.status != LinearMinimumStatus::Global &&
            minimum.status != LinearMinimumStatus::Local) {
            return failFit(errors,
                           FitCommand::tr("--optimizer minimize found no minimum of %1 with %2 "
                                          "features: %3. Train with an optimizer instead, such as "
                                          "--optimizer adam:learning_rate=0.1 --steps 5000.")
                               .arg(objective.loss().spec())
                               .arg(featureCount)
                               .arg(minimum.note));
        }
        result[QStringLiteral("optimizer")] = QStringLiteral("minimize");
        result[QStringLiteral("steps")] = 0;
        addParameters(result, objective, minimum.theta);
        result[QStringLiteral("mean_loss")] = jsonNumber(minimum.value);
        result[QStringLiteral("status")] = minimum.status == LinearMinimumStatus::Global
                                               ? QStringLiteral("converged")
                                               : QStringLiteral("approximate");
        path.thetas.push_back(minimum.theta);
        path.losses.push_back(minimum.value);
    } else {
        LinearTrainingSettings settings;
        settings.stepLimit = request.stepLimit;
        settings.convergenceTest = LinearConvergenceTest::UnchangedOrRoundingNoise;
        // trainLinearModel returns nothing only when a stop is requested, which a default
        // stop token never is.
        path = *trainLinearModel(objective, startTheta, *request.optimizer, *request.schedule,
                                 settings);
        result[QStringLiteral("optimizer")] = request.optimizer->spec();
        result[QStringLiteral("steps")] = path.stepsTaken();
        addParameters(result, objective, path.end());
        result[QStringLiteral("mean_loss")] = jsonNumber(path.losses.back());
        result[QStringLiteral("status")] = trainingStatusText(path.status);
    }

    if (!request.trajectoryPath.isEmpty()) {
        if (const int status =
                writeTrajectory(request.trajectoryPath, trajectoryText(objective, path), errors))
            return status;
    }
    output << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}

} // namespace losslens
