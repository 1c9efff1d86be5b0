#include "commandline.h"
#include "csvinput.h"
#include "fitcommand.h"
#include "landscapecommand.h"
#include "losscommands.h"

#include "core/losscatalogue.h"
#include "core/optimizercatalogue.h"
#include "ui/autosave.h"
#include "ui/sessionfiles.h"
#include "ui/landscapeview.h"
#include "ui/mainwindow.h"
#include "ui/startpage.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QIcon>
#include <QLoggingCategory>
#include <QPixmap>
#include <QTextStream>
#include <QTimer>

#include <cstdlib>

namespace {

int fail(const QString &message)
{
    QTextStream(stderr) << "losslens: " << message << Qt::endl;
    return 2;
}

// Applies the command line's data, losses and settings to a fresh window.
bool applyOptions(losslens::MainWindow &window, const losslens::CommandLineOptions &options,
                  QString *error)
{
    using namespace losslens;
    if (!options.dataPath.isEmpty() && !options.chooseColumns) {
        QTextStream errors(stderr);
        std::optional<Dataset> data = loadCommandLineDataset(
            options.dataPath, options.featureColumn, options.targetColumn,
            options.skipInvalidRows, QStringLiteral("losslens: "), errors, error);
        if (!data)
            return false;
        window.model()->setData(std::make_shared<Dataset>(std::move(*data)), QString());
    }
    if (!options.lossSpecs.isEmpty()) {
        std::vector<std::shared_ptr<const Loss>> losses;
        for (const QString &spec : options.lossSpecs)
            losses.push_back(LossCatalogue::parse(spec, error));
        window.model()->setEnabledLosses(losses);
        // A figure in which no chosen loss can be fitted would show empty views.
        QStringList reasons;
        for (int i = 0; i < window.model()->lossCount(); ++i) {
            if (window.model()->lossEntry(i).enabled)
                reasons << window.model()->objective(i)->applicabilityError();
        }
        if (reasons.removeAll(QString()) == 0) {
            *error = QCoreApplication::translate("CommandLine",
                                                 "No chosen loss can be fitted to this data: %1")
                         .arg(reasons.join(QLatin1Char(' ')));
            return false;
        }
    }
    if (options.standardize)
        window.model()->setStandardize(*options.standardize);
    if (options.learningRate)
        window.model()->setLearningRate(*options.learningRate);
    SessionModel &model = *window.model();
    if (!options.optimizerSpec.isEmpty()) {
        // The spec was checked when the command line was read.
        QString unused;
        const std::unique_ptr<Optimizer> optimizer =
            OptimizerCatalogue::parse(options.optimizerSpec, &unused);
        model.setOptimizerMethod(SessionModel::sessionOptimizer, optimizer->name());
        for (int i = 0; i < static_cast<int>(optimizer->parameters().size()); ++i) {
            model.setOptimizerParameter(SessionModel::sessionOptimizer, i,
                                        optimizer->parameterValue(i));
        }
    }
    if (!options.scheduleSpec.isEmpty())
        model.setSchedule(SessionModel::sessionOptimizer, options.scheduleSpec);
    // Settings from the command line are the starting point, not edits to undo.
    window.model()->undoStack()->clear();
    return true;
}

int renderScreenshot(losslens::MainWindow &window, const losslens::CommandLineOptions &options)
{
    window.resize(options.width, options.height);
    window.show();
    window.training()->runSteps(options.steps);
    // Wait for the background landscape, at most 120 seconds.
    QDeadlineTimer deadline(120000);
    QApplication::processEvents();
    while (window.landscapeView()->isComputing() && !deadline.hasExpired())
        QApplication::processEvents(QEventLoop::AllEvents, 20);
    QApplication::processEvents();
    if (window.landscapeView()->isComputing())
        return fail(QStringLiteral("the landscape did not finish within 120 s"));
    const QPixmap image = window.grab();
    if (!image.save(options.screenshotPath, "PNG"))
        return fail(
            QStringLiteral("could not write the screenshot %1").arg(options.screenshotPath));
    QTextStream(stdout) << "wrote " << options.screenshotPath << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    // A screenshot needs no display, so choose the offscreen platform unless one was set.
    if (losslens::wantsScreenshot(argc, argv) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    // Debug messages of LossLens stay off unless QT_LOGGING_RULES turns them on.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("losslens.*.debug=false"));

    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    if (losslens::isLandscapeCommand(arguments))
        return losslens::runLandscapeCommand(argc, argv, arguments);
    if (losslens::isFitCommand(arguments)) {
        QCoreApplication application(argc, argv);
        QTextStream output(stdout);
        QTextStream errors(stderr);
        return losslens::runFitCommand(arguments, output, errors);
    }
    if (losslens::isLossCommand(arguments)) {
        QCoreApplication application(argc, argv);
        QTextStream output(stdout);
        QTextStream errors(stderr);
        return losslens::runLossCommand(arguments, output, errors);
    }

    QString error;
    const auto options = losslens::parseCommandLine(arguments, &error);
    if (!options)
        return fail(error);
    if (!options->helpText.isEmpty()) {
        QTextStream(stdout) << options->helpText;
        return 0;
    }

    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("LossLens"));
    QApplication::setOrganizationName(QStringLiteral("LossLens"));
    QApplication::setApplicationVersion(QStringLiteral(LOSSLENS_VERSION));
    // The same icon as the installed menu entry; Qt SVG's image plugin draws it at any size.
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/losslens.svg")));

    losslens::MainWindow window;
    if (!options->sessionPath.isEmpty() &&
        !window.sessionFiles()->open(options->sessionPath, &error))
        return fail(error);
    if (!applyOptions(window, *options, &error))
        return fail(error);
    if (!options->screenshotPath.isEmpty())
        return renderScreenshot(window, *options);

    // Screenshots stay reproducible and leave no trace: only an interactive window restores
    // its layout, keeps an autosave copy and offers to recover one.
    const QString autosaveFolder = losslens::Autosave::defaultFolder();
    window.restoreLayout();
    window.enableAutosave(autosaveFolder);
    window.show();
    if (options->offerRecovery)
        QTimer::singleShot(0, &window, [&window, autosaveFolder] {
            window.offerRecovery(autosaveFolder);
        });
    // Without arguments the start page offers the lessons, unless its box was unticked.
    if (arguments.size() == 1 && losslens::StartPage::showsAtStartup())
        QTimer::singleShot(0, &window, &losslens::MainWindow::showStartPage);
    if (options->chooseColumns) {
        const QString path = options->dataPath;
        QTimer::singleShot(0, &window, [&window, path] { window.importCsv(path); });
    }
    return application.exec();
}
