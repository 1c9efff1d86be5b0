#include "commandline.h"

#include "commandsupport.h"
#include "csvinput.h"

#include "core/learningrateschedule.h"
#include "core/losscatalogue.h"
#include "core/optimizercatalogue.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

#include <cstring>

namespace losslens {

namespace {

// tr() of this file's messages, in the "CommandLine" context of the translation files.
struct CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

} // namespace

bool wantsScreenshot(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--screenshot") == 0 ||
            std::strncmp(argv[i], "--screenshot=", 13) == 0)
            return true;
    }
    return false;
}

std::optional<CommandLineOptions> parseCommandLine(const QStringList &arguments, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "CommandLine",
        "See loss functions, their landscapes and gradient descent on real data. Without options "
        "the window opens on the bundled stack loss data with MSE and Huber. In the window, "
        "File > Export animation (Ctrl+Shift+E) records the training as an animated GIF or as "
        "PNG frames.\n\nSubcommands, each with its own --help: losslens losses (list the "
        "losses), losslens curves (a loss's values and derivatives as CSV), losslens fit (train "
        "a line or a linear model on CSV data) and losslens landscape (the mean loss over a "
        "grid of slopes and intercepts as CSV or PNG)."));
    const QCommandLineOption help(
        QStringList{QStringLiteral("h"), QStringLiteral("help")},
        QCoreApplication::translate("CommandLine", "Print this help and exit."));
    const QCommandLineOption version(
        QStringLiteral("version"),
        QCoreApplication::translate("CommandLine", "Print the version and exit."));
    parser.addOption(help);
    parser.addOption(version);
    const QCommandLineOption data(
        QStringLiteral("data"),
        QCoreApplication::translate("CommandLine",
                                    "%1 It replaces the bundled stack loss data. Without --x "
                                    "and --y the window opens its import dialog on the file.")
            .arg(dataOptionHelp()),
        QStringLiteral("FILE"));
    const QCommandLineOption feature(
        QStringLiteral("x"),
        QCoreApplication::translate("CommandLine", "The feature column of --data, %1.")
            .arg(columnOptionHelp()),
        QStringLiteral("COL"));
    const QCommandLineOption target(
        QStringLiteral("y"),
        QCoreApplication::translate("CommandLine", "The target or 0/1 label column of --data, %1.")
            .arg(columnOptionHelp()),
        QStringLiteral("COL"));
    const QCommandLineOption skipInvalid = skipInvalidOption();
    const QCommandLineOption loss(
        QStringLiteral("loss"),
        QCoreApplication::translate("CommandLine",
                                    "Loss to show, as NAME or NAME:key=value,... such as mse "
                                    "or huber:delta=1.5; repeat for several (default: mse and "
                                    "huber). Known: %1.")
            .arg(LossCatalogue::names().join(QStringLiteral(", "))),
        QStringLiteral("SPEC"));
    const QCommandLineOption session(
        QStringLiteral("session"),
        QCoreApplication::translate("CommandLine",
                                    "Open a session file (.losslens), as File > Open session "
                                    "does; a lesson file is a session file too. The other "
                                    "options then change the opened session."),
        QStringLiteral("FILE"));
    const QCommandLineOption noRecovery(
        QStringLiteral("no-recovery"),
        QCoreApplication::translate("CommandLine",
                                    "Do not offer to recover the work that a crashed LossLens "
                                    "autosaved; its files stay for a later start. --screenshot "
                                    "never offers it."));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("CommandLine",
                                    "Render the main window, with the --session if one is "
                                    "given, to this PNG file without a display, then exit."),
        QStringLiteral("FILE.png"));
    const QCommandLineOption steps(
        QStringLiteral("steps"),
        QCoreApplication::translate("CommandLine",
                                    "Gradient-descent updates to apply before the screenshot, "
                                    "0 to 100000 (default 0)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption size(
        QStringLiteral("size"),
        QCoreApplication::translate("CommandLine",
                                    "Window size in pixels for the screenshot, from 1000x640 to "
                                    "8000x8000 (default 1500x960)."),
        QStringLiteral("WxH"), QStringLiteral("1500x960"));
    const QCommandLineOption standardize(
        QStringLiteral("standardize"),
        QCoreApplication::translate("CommandLine", "Standardize the feature for training and the "
                                                   "landscape: on (default) or off."),
        QStringLiteral("on|off"));
    const QCommandLineOption learningRate(
        QStringLiteral("learning-rate"),
        QCoreApplication::translate("CommandLine", "Gradient-descent learning rate (default 0.1)."),
        QStringLiteral("RATE"));
    const QCommandLineOption optimizer(
        QStringLiteral("optimizer"),
        QCoreApplication::translate("CommandLine",
                                    "Optimizer of the runs, as `losslens fit` takes it, for "
                                    "example adam:lr=0.01 (default gd:learning_rate=0.1)."),
        QStringLiteral("SPEC"));
    const QCommandLineOption schedule(
        QStringLiteral("schedule"),
        QCoreApplication::translate("CommandLine",
                                    "Learning rate schedule: constant (default), "
                                    "step:interval=N,factor=F, exponential:factor=F or "
                                    "cosine:period=N,minimum=M."),
        QStringLiteral("SPEC"));
    parser.addOptions({data, feature, target, skipInvalid, loss, session, noRecovery, screenshot,
                       steps, size, standardize, learningRate, optimizer, schedule});
    CommandLineOptions options;
    // parse() rather than process(), so that every invalid argument exits with status 2.
    if (!parser.parse(arguments)) {
        QString reason = parser.errorText();
        if (reason.endsWith(QLatin1Char('.')))
            reason.chop(1);
        *error = CommandLine::tr("%1; see --help.").arg(reason);
        return std::nullopt;
    }
    if (parser.isSet(help)) {
        // Without a QCoreApplication the parser cannot know the program's name.
        options.helpText = parser.helpText().replace(QStringLiteral("<executable_name>"),
                                                     QStringLiteral("losslens"));
        return options;
    }
    if (parser.isSet(version)) {
        options.helpText = QStringLiteral("LossLens %1\n").arg(QStringLiteral(LOSSLENS_VERSION));
        return options;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = CommandLine::tr("Unexpected argument \"%1\"; see --help.")
                     .arg(parser.positionalArguments().constFirst());
        return std::nullopt;
    }
    // Of an option given twice, value() keeps the last and would drop the first unnoticed.
    if (QString repeated = repeatedOptionError(parser, {&data, &feature, &target, &session,
                                                        &screenshot, &steps, &size, &standardize,
                                                        &learningRate, &optimizer, &schedule});
        !repeated.isEmpty()) {
        // The window's messages are sentences.
        repeated[0] = repeated[0].toUpper();
        *error = repeated;
        return std::nullopt;
    }
    options.dataPath = parser.value(data);
    options.featureColumn = parser.value(feature);
    options.targetColumn = parser.value(target);
    options.skipInvalidRows = parser.isSet(skipInvalid);
    options.chooseColumns = !options.dataPath.isEmpty() && options.featureColumn.isEmpty() &&
                            options.targetColumn.isEmpty();
    if (!options.dataPath.isEmpty() && !options.chooseColumns &&
        (options.featureColumn.isEmpty() || options.targetColumn.isEmpty())) {
        *error = CommandLine::tr(
            "--data needs both --x and --y to name the feature and target columns, or "
            "neither to choose them in the import dialog.");
        return std::nullopt;
    }
    if (parser.isSet(screenshot) &&
        !parser.value(screenshot).endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        *error =
            CommandLine::tr("--screenshot writes PNG files only, so its name must end in .png, not "
                            "\"%1\". Use File > Export view for SVG or PDF.")
                .arg(parser.value(screenshot));
        return std::nullopt;
    }
    if (options.chooseColumns && parser.isSet(screenshot)) {
        *error = CommandLine::tr(
            "--screenshot needs --x and --y with --data, because a screenshot opens "
            "no dialog.");
        return std::nullopt;
    }
    if (options.skipInvalidRows && options.dataPath.isEmpty()) {
        *error = CommandLine::tr("--skip-invalid needs --data.");
        return std::nullopt;
    }
    if (options.dataPath.isEmpty() &&
        (!options.featureColumn.isEmpty() || !options.targetColumn.isEmpty())) {
        *error = CommandLine::tr("--x and --y need --data.");
        return std::nullopt;
    }
    options.lossSpecs = parser.values(loss);
    for (const QString &spec : options.lossSpecs) {
        QString lossError;
        if (!LossCatalogue::parse(spec, &lossError)) {
            *error = CommandLine::tr("Invalid --loss: %1").arg(lossError);
            return std::nullopt;
        }
    }
    options.sessionPath = parser.value(session);
    options.offerRecovery = !parser.isSet(noRecovery);
    options.screenshotPath = parser.value(screenshot);

    bool ok = false;
    options.steps = parser.value(steps).toInt(&ok);
    if (!ok || options.steps < 0 || options.steps > 100000) {
        *error = CommandLine::tr("Invalid --steps \"%1\"; give a whole number from 0 to 100000.")
                     .arg(parser.value(steps));
        return std::nullopt;
    }
    const auto match =
        QRegularExpression(QStringLiteral("^(\\d{1,6})x(\\d{1,6})$")).match(parser.value(size));
    options.width = match.hasMatch() ? match.captured(1).toInt() : 0;
    options.height = match.hasMatch() ? match.captured(2).toInt() : 0;
    // Below about 1000x640 the controls and four views no longer fit; above 8000 the image
    // takes hundreds of megabytes.
    if (options.width < 1000 || options.width > 8000 || options.height < 640 ||
        options.height > 8000) {
        *error =
            CommandLine::tr("Invalid --size \"%1\"; give WIDTHxHEIGHT with the width from 1000 to "
                            "8000 and the height from 640 to 8000 pixels, such as 1500x960.")
                .arg(parser.value(size));
        return std::nullopt;
    }
    if (parser.isSet(standardize)) {
        const QString value = parser.value(standardize).toLower();
        if (value != QLatin1String("on") && value != QLatin1String("off")) {
            *error = CommandLine::tr("Invalid --standardize \"%1\"; give on or off.").arg(value);
            return std::nullopt;
        }
        options.standardize = value == QLatin1String("on");
    }
    if (parser.isSet(learningRate)) {
        const double rate = parser.value(learningRate).toDouble(&ok);
        if (!ok || !(rate >= 1e-12) || !(rate <= 1e6)) {
            *error =
                CommandLine::tr("Invalid --learning-rate \"%1\"; give a number in [1e-12, 1e6].")
                    .arg(parser.value(learningRate));
            return std::nullopt;
        }
        options.learningRate = rate;
    }
    if (parser.isSet(optimizer)) {
        QString reason;
        const std::unique_ptr<Optimizer> parsed =
            OptimizerCatalogue::parse(parser.value(optimizer), &reason);
        if (!parsed) {
            *error = CommandLine::tr("Invalid --optimizer \"%1\": %2")
                         .arg(parser.value(optimizer), reason);
            return std::nullopt;
        }
        if (options.learningRate) {
            *error = CommandLine::tr(
                "Give the learning rate either in --optimizer or with --learning-rate, "
                "not both.");
            return std::nullopt;
        }
        options.optimizerSpec = parsed->spec();
    }
    if (parser.isSet(schedule)) {
        QString reason;
        const std::unique_ptr<LearningRateSchedule> parsed =
            LearningRateSchedule::parse(parser.value(schedule), &reason);
        if (!parsed) {
            *error = CommandLine::tr("Invalid --schedule \"%1\": %2")
                         .arg(parser.value(schedule), reason);
            return std::nullopt;
        }
        options.scheduleSpec = parser.value(schedule);
    }
    return options;
}

} // namespace losslens
