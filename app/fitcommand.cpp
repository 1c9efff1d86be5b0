#include "fitcommand.h"

#include "commandsupport.h"

#include "core/csvreader.h"
#include "core/learningrateschedule.h"
#include "core/lineobjective.h"
#include "core/losscatalogue.h"
#include "core/minimizer.h"
#include "core/optimizercatalogue.h"
#include "core/optimizers/sgd.h"
#include "core/trainingrun.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTextStream>

#include <cmath>
#include <limits>
#include <memory>
#include <optional>

namespace losslens {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FitCommand", text);
}

int fail(QTextStream &errors, const QString &message)
{
    errors << "losslens fit: " << message << Qt::endl;
    return 2;
}

// A JSON number that reads back as the same double: QJsonDocument writes doubles with 17
// significant digits.
QJsonValue number(double value)
{
    return QJsonValue(value);
}

} // namespace

bool isFitCommand(const QStringList &arguments)
{
    return arguments.size() >= 2 && arguments[1] == QLatin1String("fit");
}

int runFitCommand(const QStringList &arguments, QTextStream &output, QTextStream &errors)
{
    QCommandLineParser parser;
    const QCommandLineOption data(QStringLiteral("data"), tr("CSV file with a header row."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption feature(QStringLiteral("x"), tr("Feature column, by header name."),
                                     QStringLiteral("COLUMN"));
    const QCommandLineOption target(QStringLiteral("y"), tr("Target column, by header name."),
                                    QStringLiteral("COLUMN"));
    const QCommandLineOption loss(QStringLiteral("loss"), tr("Loss spec, as losslens losses lists."),
                                  QStringLiteral("SPEC"));
    const QCommandLineOption optimizer(
        QStringLiteral("optimizer"),
        tr("Optimizer spec, such as adam:learning_rate=0.01 (gd, sgd, momentum, nesterov, "
           "adagrad, rmsprop, adam, adamw), or minimize for the minimum the landscape's solver "
           "finds."),
        QStringLiteral("SPEC"));
    const QCommandLineOption schedule(
        QStringLiteral("schedule"),
        tr("Learning rate schedule: constant (default), step:interval=K,factor=G, "
           "exponential:factor=G or cosine:period=T,minimum=M."),
        QStringLiteral("SPEC"), QStringLiteral("constant"));
    const QCommandLineOption steps(QStringLiteral("steps"),
                                   tr("Largest number of updates (one mini-batch each for sgd)."),
                                   QStringLiteral("N"));
    const QCommandLineOption start(QStringLiteral("start"),
                                   tr("Start point W,B in the data's own units (default 0,0)."),
                                   QStringLiteral("W,B"), QStringLiteral("0,0"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  tr("Seed of sgd's shuffling; overrides the spec's seed."),
                                  QStringLiteral("S"));
    const QCommandLineOption standardize(
        QStringLiteral("standardize"),
        tr("on (default): train on the standardized feature, as the window does; off: on the "
           "raw feature."),
        QStringLiteral("on|off"), QStringLiteral("on"));
    const QCommandLineOption trajectory(
        QStringLiteral("trajectory"),
        tr("Write every step as CSV (step,w,b,mean_loss, in the data's own units) to FILE."),
        QStringLiteral("FILE"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Print this help and exit."));
    parser.setApplicationDescription(
        tr("Fits the line y = w x + b to two columns of a CSV file and prints one JSON object "
           "with the keys loss, optimizer, steps, w, b, mean_loss and status. status is "
           "converged when an update leaves (w, b) unchanged, or moves it by at most "
           "1e-12 (1 + |(w, b)|) while turning against the previous update, as rounding noise "
           "does at the minimum; diverged when the mean loss becomes non-finite or exceeds 1e6 "
           "times its start; max_steps otherwise. w is an array with one weight per feature."));
    parser.addOptions(
        {data, feature, target, loss, optimizer, schedule, steps, start, seed, standardize,
         trajectory, help});
    if (!parser.parse(arguments))
        return fail(errors, parser.errorText());
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(0, text.indexOf(QLatin1Char('\n')),
                     QStringLiteral("Usage: losslens fit [options]"));
        output << text;
        return 0;
    }
    if (parser.positionalArguments().size() > 1)
        return fail(errors, tr("unexpected argument \"%1\".").arg(parser.positionalArguments()[1]));
    for (const QCommandLineOption *required : {&data, &feature, &target, &loss, &optimizer}) {
        if (!parser.isSet(*required))
            return fail(errors, tr("--%1 is required; see losslens fit --help.")
                                    .arg(required->names().constFirst()));
    }

    QString error;
    std::shared_ptr<const Loss> parsedLoss = LossCatalogue::parse(parser.value(loss), &error);
    if (!parsedLoss)
        return fail(errors, error);

    const bool minimize = parser.value(optimizer).trimmed() == QLatin1String("minimize");
    std::unique_ptr<Optimizer> parsedOptimizer;
    std::unique_ptr<LearningRateSchedule> parsedSchedule;
    int stepLimit = 0;
    if (!minimize) {
        parsedOptimizer = OptimizerCatalogue::parse(parser.value(optimizer), &error);
        if (!parsedOptimizer) {
            return fail(errors,
                        error + QLatin1Char(' ') +
                            tr("--optimizer minimize gives the minimum the solver finds."));
        }
        parsedSchedule = LearningRateSchedule::parse(parser.value(schedule), &error);
        if (!parsedSchedule)
            return fail(errors, error);
        if (!parser.isSet(steps))
            return fail(errors, tr("--steps is required with an optimizer; see losslens fit --help."));
        bool ok = false;
        stepLimit = parser.value(steps).toInt(&ok);
        if (!ok || stepLimit < 0 || stepLimit > 100'000'000)
            return fail(errors, tr("--steps must be a whole number from 0 to 100000000, got \"%1\".")
                                    .arg(parser.value(steps)));
        if (parser.isSet(seed)) {
            const int index = parsedOptimizer->parameterIndex(QStringLiteral("seed"));
            const auto value = finiteNumber(parser.value(seed));
            if (index < 0)
                return fail(errors, tr("--seed applies to sgd only, whose mini-batches it shuffles."));
            const QString rangeError =
                value ? OptimizerCatalogue::validateParameter(*parsedOptimizer, index, *value)
                      : tr("\"%1\" is not a number").arg(parser.value(seed));
            if (!rangeError.isEmpty())
                return fail(errors, tr("--seed: %1").arg(rangeError));
            parsedOptimizer->setParameterValue(index, *value);
        }
    }

    const QStringList startParts = parser.value(start).split(QLatin1Char(','));
    const auto startSlope = startParts.size() == 2 ? finiteNumber(startParts[0]) : std::nullopt;
    const auto startIntercept = startParts.size() == 2 ? finiteNumber(startParts[1]) : std::nullopt;
    if (!startSlope || !startIntercept)
        return fail(errors, tr("--start must be two finite numbers W,B, got \"%1\".")
                                .arg(parser.value(start)));
    const QString scalingText = parser.value(standardize);
    if (scalingText != QLatin1String("on") && scalingText != QLatin1String("off"))
        return fail(errors, tr("--standardize must be on or off, got \"%1\".").arg(scalingText));

    CsvError csvError;
    const std::optional<Dataset> loaded =
        loadCsvDataset(parser.value(data), parser.value(feature), parser.value(target), &csvError);
    if (!loaded)
        return fail(errors, csvError.message);
    auto shared = std::make_shared<const Dataset>(*loaded);
    const FeatureScaling scaling = scalingText == QLatin1String("on")
                                       ? FeatureScaling::standardizing(shared->feature)
                                       : FeatureScaling::identity();
    const LineObjective objective(shared, parsedLoss, scaling);
    const QString problem = objective.applicabilityError();
    if (!problem.isEmpty())
        return fail(errors, problem);
    const Eigen::Vector2d startTheta = objective.fromDataUnits({*startSlope, *startIntercept});
    const double startLoss = objective.value(startTheta);
    if (!startTheta.allFinite() || !std::isfinite(startLoss) ||
        startLoss >= std::numeric_limits<double>::max()) {
        return fail(errors, tr("the mean loss at --start %1 is not finite (it overflows a "
                               "double); choose a start nearer the data.")
                                .arg(parser.value(start)));
    }

    QJsonObject result;
    result[QStringLiteral("loss")] = objective.loss().spec();
    std::vector<TrainingPoint> history;
    if (minimize) {
        const MinimumResult minimum = findMinimum(objective, startTheta);
        const LineParameters line = objective.toDataUnits(minimum.theta);
        result[QStringLiteral("optimizer")] = QStringLiteral("minimize");
        result[QStringLiteral("steps")] = 0;
        result[QStringLiteral("w")] = QJsonArray{number(line.slope)};
        result[QStringLiteral("b")] = number(line.intercept);
        result[QStringLiteral("mean_loss")] = number(minimum.value);
        result[QStringLiteral("status")] = minimum.status == MinimumStatus::NotAttained
                                               ? QStringLiteral("not_attained")
                                           : minimum.status == MinimumStatus::Global
                                               ? QStringLiteral("converged")
                                               : QStringLiteral("approximate");
        history.push_back({0, minimum.theta, minimum.value});
    } else {
        TrainingRun run(objective, startTheta, *parsedOptimizer, *parsedSchedule);
        for (int step = 0; step < stepLimit && run.status() == RunStatus::Running; ++step)
            run.step(objective);
        const TrainingPoint &last = run.current();
        const LineParameters line = objective.toDataUnits(last.theta);
        result[QStringLiteral("optimizer")] = parsedOptimizer->spec();
        result[QStringLiteral("steps")] = run.stepsTaken();
        result[QStringLiteral("w")] = QJsonArray{number(line.slope)};
        result[QStringLiteral("b")] = number(line.intercept);
        result[QStringLiteral("mean_loss")] = number(last.loss);
        result[QStringLiteral("status")] = run.status() == RunStatus::Diverged
                                               ? QStringLiteral("diverged")
                                           : run.status() == RunStatus::Converged
                                               ? QStringLiteral("converged")
                                               : QStringLiteral("max_steps");
        history = run.history();
    }

    if (parser.isSet(trajectory)) {
        QSaveFile file(parser.value(trajectory));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
            return fail(errors, tr("cannot write the trajectory %1: %2")
                                    .arg(parser.value(trajectory), file.errorString()));
        QTextStream csv(&file);
        csv << "step,w,b,mean_loss\n";
        for (const TrainingPoint &point : history) {
            const LineParameters line = objective.toDataUnits(point.theta);
            csv << point.iteration << ',' << formatNumber(line.slope) << ','
                << formatNumber(line.intercept) << ',' << formatNumber(point.loss) << '\n';
        }
        csv.flush();
        if (!file.commit())
            return fail(errors, tr("cannot write the trajectory %1: %2")
                                    .arg(parser.value(trajectory), file.errorString()));
    }
    output << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}

} // namespace losslens
