#include "fitcommand.h"

#include "commandsupport.h"
#include "csvinput.h"
#include "fitrequest.h"

#include "core/csvreader.h"
#include "core/gridstartedminimum.h"
#include "core/lineobjective.h"
#include "core/losscatalogue.h"
#include "core/minimizer.h"
#include "core/optimizercatalogue.h"
#include "core/trainingrun.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
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

// The --optimizer, --schedule, --steps and --seed options, checked into request.
int parseTraining(const QCommandLineParser &parser, const QCommandLineOption &optimizer,
                  const QCommandLineOption &schedule, const QCommandLineOption &steps,
                  const QCommandLineOption &seed, FitRequest &request, QTextStream &errors)
{
    QString error;
    request.optimizer = OptimizerCatalogue::parse(parser.value(optimizer), &error);
    if (!request.optimizer) {
        return failFit(
            errors, error + QLatin1Char(' ') +
                        FitCommand::tr("--optimizer minimize gives the minimum the solver finds."));
    }
    request.schedule = LearningRateSchedule::parse(parser.value(schedule), &error);
    if (!request.schedule)
        return failFit(errors, error);
    if (!parser.isSet(steps))
        return failFit(
            errors,
            FitCommand::tr("--steps is required with an optimizer; see losslens fit --help."));
    bool ok = false;
    request.stepLimit = parser.value(steps).toInt(&ok);
    if (!ok || request.stepLimit < 0 || request.stepLimit > 100'000'000)
        return failFit(
            errors,
            FitCommand::tr("--steps must be a whole number from 0 to 100000000, got \"%1\".")
                .arg(parser.value(steps)));
    if (parser.isSet(seed)) {
        const int index = request.optimizer->parameterIndex(QStringLiteral("seed"));
        const auto value = finiteNumber(parser.value(seed));
        if (index < 0)
            return failFit(
                errors,
                FitCommand::tr("--seed applies to sgd only, whose mini-batches it shuffles."));
        const QString rangeError =
            value ? OptimizerCatalogue::validateParameter(*request.optimizer, index, *value)
                  : FitCommand::tr("\"%1\" is not a number.").arg(parser.value(seed));
        if (!rangeError.isEmpty())
            return failFit(errors, FitCommand::tr("--seed: %1").arg(rangeError));
        request.optimizer->setParameterValue(index, *value);
    }
    return 0;
}

// Fits the line y = w x + b to one feature column with TrainingRun or findMinimum().
int runLineFit(const FitRequest &request, QTextStream &output, QTextStream &errors)
{
    const std::optional<LineFitInput> input = readLineFitInput(request, errors);
    if (!input)
        return 2;
    const QString &startText = input->startText;
    const std::shared_ptr<const Dataset> &shared = input->data;
    const FeatureScaling &scaling = input->scaling;
    const LineObjective objective(shared, request.loss, scaling);
    const QString problem = objective.applicabilityError();
    if (!problem.isEmpty())
        return failFit(errors, problem);
    const Eigen::Vector2d startTheta =
        objective.fromDataUnits({input->startSlope, input->startIntercept});
    const double startLoss = objective.value(startTheta);
    if (!startTheta.allFinite() || !std::isfinite(startLoss) ||
        startLoss >= std::numeric_limits<double>::max()) {
        return failFit(errors,
                       FitCommand::tr("the mean loss at --start %1 is not finite: the loss is "
                                      "infinite or undefined for some errors there, or the sum "
                                      "overflows; choose a start where the loss is defined, "
                                      "nearer the data.")
                           .arg(startText));
    }

    QJsonObject result;
    result[QStringLiteral("loss")] = objective.loss().spec();
    std::vector<TrainingPoint> history;
    if (request.minimize()) {
        MinimumResult minimum = findMinimum(objective, startTheta);
        // For a non-convex loss the search is local, so it also starts from the lowest node of
        // the landscape's automatic grid, as the window's marked minimum does, and the lower of
        // the two minima is reported.
        if (!objective.loss().isConvex() && minimum.status != MinimumStatus::NotAttained) {
            const MinimumResult fromGrid = findMinimumFromAutomaticGrid(objective, startTheta);
            if (fromGrid.status != MinimumStatus::Cancelled && std::isfinite(fromGrid.value) &&
                !(minimum.value <= fromGrid.value))
                minimum = fromGrid;
        }
        const LineParameters line = objective.toDataUnits(minimum.theta);
        result[QStringLiteral("optimizer")] = QStringLiteral("minimize");
        result[QStringLiteral("steps")] = 0;
        result[QStringLiteral("w")] = QJsonArray{jsonNumber(line.slope)};
        result[QStringLiteral("b")] = jsonNumber(line.intercept);
        result[QStringLiteral("mean_loss")] = jsonNumber(minimum.value);
        result[QStringLiteral("status")] =
            minimum.status == MinimumStatus::NotAttained ? QStringLiteral("not_attained")
            : minimum.status == MinimumStatus::Global    ? QStringLiteral("converged")
                                                         : QStringLiteral("approximate");
        // The note explains why there is no minimum, or why it may not be the lowest. Without a
        // minimum, and where the search did not settle, w and b are not a fit, so the note also
        // goes to standard error.
        if (!minimum.note.isEmpty()) {
            result[QStringLiteral("note")] = minimum.note;
            if (minimum.status == MinimumStatus::NotAttained || !minimum.settled)
                errors << "losslens fit: " << minimum.note << Qt::endl;
        }
        history.push_back({0, minimum.theta, minimum.value});
    } else {
        TrainingRun run(objective, startTheta, *request.optimizer, *request.schedule);
        for (int step = 0; step < request.stepLimit && run.status() == RunStatus::Running; ++step)
            run.step(objective);
        const TrainingPoint &last = run.current();
        const LineParameters line = objective.toDataUnits(last.theta);
        result[QStringLiteral("optimizer")] = request.optimizer->spec();
        result[QStringLiteral("steps")] = run.stepsTaken();
        result[QStringLiteral("w")] = QJsonArray{jsonNumber(line.slope)};
        result[QStringLiteral("b")] = jsonNumber(line.intercept);
        result[QStringLiteral("mean_loss")] = jsonNumber(last.loss);
        result[QStringLiteral("status")] =
            run.status() == RunStatus::Diverged    ? QStringLiteral("diverged")
            : run.status() == RunStatus::Converged ? QStringLiteral("converged")
                                                   : QStringLiteral("max_steps");
        history = run.history();
    }

    if (!request.trajectoryPath.isEmpty()) {
        QString text;
        QTextStream csv(&text);
        csv << "step,w,b,mean_loss\n";
        for (const TrainingPoint &point : history) {
            const LineParameters line = objective.toDataUnits(point.theta);
            csv << point.iteration << ',' << formatNumber(line.slope) << ','
                << formatNumber(line.intercept) << ',' << formatNumber(point.loss) << '\n';
        }
        csv.flush();
        if (const int status = writeTrajectory(request.trajectoryPath, text, errors))
            return status;
    }
    output << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}

} // namespace

int failFit(QTextStream &errors, const QString &message)
{
    errors << "losslens fit: " << message << Qt::endl;
    return 2;
}

std::optional<LineFitInput> readLineFitInput(const FitRequest &request, QTextStream &errors)
{
    LineFitInput input;
    input.startText = request.startText.value_or(QStringLiteral("0,0"));
    const QStringList startParts = input.startText.split(QLatin1Char(','));
    const auto startSlope = startParts.size() == 2 ? finiteNumber(startParts[0]) : std::nullopt;
    const auto startIntercept = startParts.size() == 2 ? finiteNumber(startParts[1]) : std::nullopt;
    if (!startSlope || !startIntercept) {
        failFit(errors, FitCommand::tr("--start must be two finite numbers W,B, got \"%1\".")
                            .arg(input.startText));
        return std::nullopt;
    }
    input.startSlope = *startSlope;
    input.startIntercept = *startIntercept;

    QString loadError;
    const std::optional<Dataset> loaded = loadCommandLineDataset(
        request.dataPath, request.featureColumns.constFirst(), request.targetColumn,
        request.skipInvalidRows, QStringLiteral("losslens fit: "), errors, &loadError);
    if (!loaded) {
        failFit(errors, loadError);
        return std::nullopt;
    }
    input.data = std::make_shared<const Dataset>(*loaded);
    if (request.standardize)
        input.scaling = FeatureScaling::standardizing(input.data->feature);
    return input;
}

int writeTrajectory(const QString &path, const QString &text, QTextStream &errors)
{
    // The shared writer checks every write and the final flush, and writes a device in place
    // instead of renaming a save file over it.
    QString error;
    if (!writeCommandOutputFile(path, text.toUtf8(), &error))
        return failFit(errors, error);
    return 0;
}

bool isFitCommand(const QStringList &arguments)
{
    return arguments.size() >= 2 && arguments[1] == QLatin1String("fit");
}

int runFitCommand(const QStringList &arguments, QTextStream &output, QTextStream &errors)
{
    QCommandLineParser parser;
    const QCommandLineOption data(QStringLiteral("data"), dataOptionHelp(), QStringLiteral("FILE"));
    const QCommandLineOption feature(
        QStringLiteral("x"),
        FitCommand::tr(
            "Feature column, %1. Repeat it for several features (--x A --x B), whose weights w "
            "then follow the order given.")
            .arg(columnOptionHelp()),
        QStringLiteral("COLUMN"));
    const QCommandLineOption target(QStringLiteral("y"),
                                    FitCommand::tr("Target column, %1.").arg(columnOptionHelp()),
                                    QStringLiteral("COLUMN"));
    const QCommandLineOption skipInvalid = skipInvalidOption();
    const QCommandLineOption loss(QStringLiteral("loss"),
                                  FitCommand::tr("Loss spec, as losslens losses lists."),
                                  QStringLiteral("SPEC"));
    const QCommandLineOption optimizer(
        QStringLiteral("optimizer"),
        FitCommand::tr(
            "Optimizer spec, such as adam:learning_rate=0.01 (gd, sgd, momentum, nesterov, "
            "adagrad, rmsprop, adam, adamw), or minimize for the minimum the landscape's solver "
            "finds."),
        QStringLiteral("SPEC"));
    const QCommandLineOption schedule(
        QStringLiteral("schedule"),
        FitCommand::tr("Learning rate schedule: constant (default), step:interval=K,factor=G, "
                       "exponential:factor=G or cosine:period=T,minimum=M."),
        QStringLiteral("SPEC"), QStringLiteral("constant"));
    const QCommandLineOption steps(
        QStringLiteral("steps"),
        FitCommand::tr("Largest number of updates (one mini-batch each for sgd)."),
        QStringLiteral("N"));
    const QCommandLineOption start(
        QStringLiteral("start"),
        FitCommand::tr("Start point W,B in the data's own units, or W1,...,Wd,B with d --x columns "
                       "(default all 0)."),
        QStringLiteral("W,B"));
    const QCommandLineOption seed(
        QStringLiteral("seed"),
        FitCommand::tr("Seed of sgd's shuffling; overrides the spec's seed."), QStringLiteral("S"));
    const QCommandLineOption standardize(
        QStringLiteral("standardize"),
        FitCommand::tr(
            "on (default): train on standardized features, as the window does; off: on the raw "
            "features."),
        QStringLiteral("on|off"), QStringLiteral("on"));
    const QCommandLineOption trajectory(
        QStringLiteral("trajectory"),
        FitCommand::tr(
            "Write every step as CSV to FILE, in the data's own units: step,w,b,mean_loss, or "
            "step,w1,...,wd,b,mean_loss with d --x columns. FILE cannot be -, because standard "
            "output carries the JSON result."),
        QStringLiteral("FILE"));
    const QCommandLineOption learn(
        QStringLiteral("learn"),
        FitCommand::tr(
            "shape: learn Barron's alpha with the line by minimizing the negative log-likelihood "
            "of Barron's distribution (Barron, CVPR 2019), starting from the loss's alpha inside "
            "(0.001, 1.999); shape,scale: learn c too. Needs --loss barron, one --x and an "
            "optimizer. The loss key then gives the learned alpha and c, mean_loss the mean "
            "Barron loss with them, and --trajectory adds the columns "
            "alpha,scale,negative_log_likelihood."),
        QStringLiteral("shape|shape,scale"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  FitCommand::tr("Print this help and exit."));
    parser.setApplicationDescription(FitCommand::tr(
        "Fits the linear model y = w1 x1 + ... + wd xd + b (the line y = w x + b for one --x) "
        "to columns of a CSV file and prints one JSON object with the keys loss, optimizer, "
        "steps, w (one weight per --x), b, mean_loss and status. status is converged when an "
        "update leaves (w, b) unchanged, or moves it by at most 1e-12 (1 + |(w, b)|) while "
        "turning against the previous update, as rounding noise does at the minimum; "
        "diverged when the mean loss becomes non-finite or exceeds 1e6 times its start; "
        "max_steps otherwise. A loss that may be negative, such as a formula, is diverged "
        "when it moves from a start of at most 0 by more than 1e6 times the start's "
        "magnitude. With --optimizer minimize, status is converged at the minimum of a convex "
        "loss and approximate where a non-convex loss may have a lower one, with a note key "
        "that says so; a non-convex loss is searched from --start and from the lowest node of "
        "the landscape's automatic grid, and the lower minimum is given. One feature may also "
        "give not_attained, with the start as w and b and a note key (also on standard error) "
        "that says why; a search that did not settle prints its note on standard error too. "
        "With several --x, minimize uses Newton's method and exits with status 2 when it finds "
        "no minimum."));
    parser.addOptions({data, feature, target, skipInvalid, loss, optimizer, schedule, steps, start,
                       seed, standardize, trajectory, learn, help});
    if (!parser.parse(arguments))
        return failFit(errors, parser.errorText());
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        text.replace(0, text.indexOf(QLatin1Char('\n')),
                     QStringLiteral("Usage: losslens fit [options]"));
        output << text;
        return 0;
    }
    if (parser.positionalArguments().size() > 1)
        return failFit(
            errors,
            FitCommand::tr("unexpected argument \"%1\".").arg(parser.positionalArguments()[1]));
    // --x may repeat, one per feature; every other option takes one value.
    if (const QString repeated =
            repeatedOptionError(parser, {&data, &target, &loss, &optimizer, &schedule, &steps,
                                         &start, &seed, &standardize, &trajectory, &learn});
        !repeated.isEmpty())
        return failFit(errors, repeated);
    for (const QCommandLineOption *required : {&data, &feature, &target, &loss, &optimizer}) {
        if (!parser.isSet(*required))
            return failFit(errors, FitCommand::tr("--%1 is required; see losslens fit --help.")
                                       .arg(required->names().constFirst()));
    }

    FitRequest request;
    request.dataPath = parser.value(data);
    request.featureColumns = parser.values(feature);
    request.targetColumn = parser.value(target);
    request.skipInvalidRows = parser.isSet(skipInvalid);
    for (qsizetype k = 0; k < request.featureColumns.size(); ++k) {
        if (request.featureColumns.indexOf(request.featureColumns[k]) != k)
            return failFit(errors,
                           FitCommand::tr("--x %1 is given twice; name each feature column once.")
                               .arg(request.featureColumns[k]));
    }
    QString error;
    request.loss = LossCatalogue::parse(parser.value(loss), &error);
    if (!request.loss)
        return failFit(errors, error);
    if (parser.value(optimizer).trimmed() != QLatin1String("minimize")) {
        if (const int status =
                parseTraining(parser, optimizer, schedule, steps, seed, request, errors))
            return status;
    }
    if (parser.isSet(start))
        request.startText = parser.value(start);
    const QString scalingText = parser.value(standardize);
    if (scalingText != QLatin1String("on") && scalingText != QLatin1String("off"))
        return failFit(
            errors,
            FitCommand::tr("--standardize must be on or off, got \"%1\".").arg(scalingText));
    request.standardize = scalingText == QLatin1String("on");
    request.trajectoryPath = parser.value(trajectory);
    if (parser.isSet(trajectory) && request.trajectoryPath.isEmpty())
        return failFit(errors, FitCommand::tr("the --trajectory path is empty; give the CSV file "
                                              "to write the steps to, or leave --trajectory out."));
    // Standard output carries the JSON result, which the steps would break up.
    if (request.trajectoryPath == QLatin1String("-"))
        return failFit(errors, FitCommand::tr("--trajectory - would write the steps to standard "
                                              "output, which carries the JSON result; give a "
                                              "file name."));
    // Writing the trajectory over the data file would lose the data.
    const QFileInfo trajectoryFile(request.trajectoryPath);
    if (!request.trajectoryPath.isEmpty() && trajectoryFile.exists() &&
        trajectoryFile.canonicalFilePath() == QFileInfo(request.dataPath).canonicalFilePath())
        return failFit(errors, FitCommand::tr("--trajectory %1 is the --data file; choose "
                                              "another path, so that the data is kept.")
                                   .arg(request.trajectoryPath));
    if (parser.isSet(learn)) {
        QStringList learned = parser.value(learn).split(QLatin1Char(','));
        for (QString &item : learned)
            item = item.trimmed();
        const bool shapeOnly = learned == QStringList{QStringLiteral("shape")};
        const bool withScale = learned.size() == 2 && learned.contains(QStringLiteral("shape")) &&
                               learned.contains(QStringLiteral("scale"));
        if (!shapeOnly && !withScale)
            return failFit(errors,
                           FitCommand::tr("--learn must be shape or shape,scale, got \"%1\".")
                               .arg(parser.value(learn)));
        request.learnShape = true;
        request.learnScale = withScale;
        return runAdaptiveBarronFit(request, output, errors);
    }

    if (request.featureColumns.size() == 1)
        return runLineFit(request, output, errors);
    return runLinearModelFit(request, output, errors);
}

} // namespace losslens
