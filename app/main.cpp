#include "commandline.h"
#include "commandsupport.h"
#include "fitcommand.h"
#include "landscapecommand.h"
#include "losscommands.h"
#include "windowoptions.h"

#include "ui/autosave.h"
#include "ui/landscapeview.h"
#include "ui/mainwindow.h"
#include "ui/startpage.h"

#include <QApplication>
#include <QBuffer>
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
        return fail(QCoreApplication::translate("CommandLine",
                                                "the landscape did not finish within 120 s"));
    const QPixmap image = window.grab();
    // The PNG is encoded in memory and written in one piece, so that a failed write, such as
    // on a full disk, shows with the system's reason.
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return fail(QCoreApplication::translate("CommandLine",
                                                "the screenshot could not be encoded as PNG."));
    QString error;
    if (!losslens::writeCommandOutputFile(options.screenshotPath, bytes, &error))
        return fail(error);
    QTextStream output(stdout);
    output << QCoreApplication::translate("CommandLine", "wrote %1").arg(options.screenshotPath)
           << '\n';
    if (const QString outputError = losslens::standardOutputError(output); !outputError.isEmpty())
        return fail(outputError);
    return 0;
}

// A command (landscape, fit, losses, curves) prints its results and errors itself. Log messages
// of LossLens and Qt's warnings, such as the offscreen platform's "This plugin does not support
// propagateSizeHints()" while an image is drawn, say nothing about its result, so they stay off
// there unless QT_LOGGING_RULES is set. Critical and fatal messages still pass.
QtMessageHandler defaultMessageHandler = nullptr;

void commandMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtCriticalMsg || type == QtFatalMsg)
        defaultMessageHandler(type, context, message);
}

void quietCommandMessages()
{
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        defaultMessageHandler = qInstallMessageHandler(commandMessages);
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
    const bool command = losslens::isLandscapeCommand(arguments) ||
                         losslens::isFitCommand(arguments) ||
                         losslens::isLossCommand(arguments);
    if (command)
        quietCommandMessages();
    if (losslens::isLandscapeCommand(arguments))
        return losslens::runLandscapeCommand(argc, argv, arguments);
    if (losslens::isFitCommand(arguments)) {
        QCoreApplication application(argc, argv);
        QTextStream output(stdout);
        QTextStream errors(stderr);
        const int status = losslens::runFitCommand(arguments, output, errors);
        // The JSON reaches a full disk or a closed pipe only as it is flushed.
        if (const QString outputError = losslens::standardOutputError(output);
            !outputError.isEmpty()) {
            if (status == 0)
                errors << "losslens fit: " << outputError << Qt::endl;
            return 2;
        }
        return status;
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
        QTextStream output(stdout);
        output << options->helpText;
        if (const QString outputError = losslens::standardOutputError(output);
            !outputError.isEmpty())
            return fail(outputError);
        return 0;
    }

    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("LossLens"));
    QApplication::setOrganizationName(QStringLiteral("LossLens"));
    QApplication::setApplicationVersion(QStringLiteral(LOSSLENS_VERSION));
    // The same icon as the installed menu entry; Qt SVG's image plugin draws it at any size.
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/losslens.svg")));

    losslens::MainWindow window;
    if (!losslens::applyWindowOptions(window, *options, &error))
        return fail(error);
    if (!options->screenshotPath.isEmpty())
        return renderScreenshot(window, *options);

    // Screenshots stay reproducible and leave no trace: only an interactive window restores
    // its layout, keeps an autosave copy and offers to recover one.
    const QString autosaveFolder = losslens::Autosave::defaultFolder();
    window.restoreLayout();
    window.enableAutosave(autosaveFolder);
    window.show();
    // The recovery question comes first. Without arguments the start page then offers the
    // lessons, unless its box was unticked or a session was recovered.
    const bool offerRecovery = options->offerRecovery;
    const bool startPage = arguments.size() == 1 && losslens::StartPage::showsAtStartup();
    QTimer::singleShot(0, &window, [&window, autosaveFolder, offerRecovery, startPage] {
        const bool recovered = offerRecovery && window.offerRecovery(autosaveFolder);
        if (startPage && !recovered)
            window.showStartPage();
    });
    if (options->chooseColumns) {
        const QString path = options->dataPath;
        QTimer::singleShot(0, &window, [&window, path] { window.importCsv(path); });
    }
    return application.exec();
}
