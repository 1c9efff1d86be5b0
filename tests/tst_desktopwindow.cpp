#include "app/windowoptions.h"
#include "ui/autosave.h"
#include "ui/csvexport.h"
#include "ui/dataview.h"
#include "ui/filedrop.h"
#include "ui/landscapeview.h"
#include "ui/losscurveview.h"
#include "ui/mainwindow.h"
#include "ui/recentfiles.h"
#include "ui/sessionfiles.h"
#include "ui/trainingcontroller.h"
#include "ui/trainingview.h"
#include "ui/viewexportdialog.h"
#include "ui/viewregistry.h"
#include "ui/viewsettings.h"

#include "core/losscatalogue.h"

#include <qcustomplot.h>

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSpinBox>
#include <QSvgRenderer>
#include <QUndoStack>
#include <QtTest>

#include <cmath>

// The main window as a desktop application: session files, the modified mark and the close
// prompt, recent files, dropped files, and exports of views and CSV.
using namespace losslens;

class DesktopWindowTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void lossCurveRangeFollowsParameters();

    void sessionRoundTripThroughWindow();
    void rejectedSessionKeepsSession();
    void viewSettingsRoundTripThroughWindow();
    void version1SessionOpensLikeVersion2();
    void automaticRangeFitsNewData();
    void sessionOptionsMarkModified();
    void closedControlsDockStaysHidden();
    void modifiedMarkFollowsUndo();
    void closePromptDecides_data();
    void closePromptDecides();
    void unmodifiedCloseAsksNothing();
    void recoveredSessionIsUnsaved();
    void recentFilesOrderAndLimit();
    void recentFilesMenuOpensAndClears();
    void droppedFilesClassified();
    void dropOpensSession();
    void dropCsvOpensImportDialog();
    void exportDialogWritesFormats_data();
    void exportDialogWritesFormats();
    void exportDialogRejectsUnknownSuffix();
    void lossCurvesCsvReadsBack();
    void landscapeCsvMatchesPlainLoop();
    void trajectoriesCsvReadsBack();
    void textFileReportsUnwritablePath();

private:
    // Closes the next message box that opens and stores its text, so a test does not block.
    void closeNextMessageBox(QString *text);
    void waitForLandscape(MainWindow *window);
    QString writeCsv(const QString &name, const QByteArray &content);

    QTemporaryDir m_directory;
    MainWindow *m_window = nullptr;
};

void DesktopWindowTest::initTestCase()
{
    // Recent files, the window layout and autosave files go to this test's own folder.
    QCoreApplication::setOrganizationName(QStringLiteral("LossLensTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_desktopwindow"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                       m_directory.filePath(QStringLiteral("settings")));
    QStandardPaths::setTestModeEnabled(true);
}

void DesktopWindowTest::init()
{
    QSettings().clear();
    m_window = new MainWindow;
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void DesktopWindowTest::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void DesktopWindowTest::closeNextMessageBox(QString *text)
{
    auto *timer = new QTimer(this);
    timer->setInterval(20);
    connect(timer, &QTimer::timeout, this, [timer, text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        *text = box->windowTitle() + QLatin1Char('\n') + box->text();
        box->reject();
        timer->deleteLater();
    });
    timer->start();
}

void DesktopWindowTest::waitForLandscape(MainWindow *window)
{
    QTRY_VERIFY_WITH_TIMEOUT(!window->landscapeView()->isComputing() &&
                                 window->landscapeView()->result() != nullptr,
                             10000);
}

QString DesktopWindowTest::writeCsv(const QString &name, const QByteArray &content)
{
    const QString path = m_directory.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(content);
    return path;
}

void DesktopWindowTest::sessionRoundTripThroughWindow()
{
    const QString csv = writeCsv(QStringLiteral("line.csv"), "hours,score\n1,3\n2,5\n3,7.5\n4,9\n");
    QString error;
    QVERIFY2(m_window->loadCsv(csv, QStringLiteral("hours"), QStringLiteral("score"), &error),
             qPrintable(error));
    m_window->model()->setLearningRate(0.03);
    m_window->model()->setStandardize(false);
    const ViewRange range{-2.0, 5.0, -1.0, 4.0};
    m_window->landscapeView()->setRange(range);

    const QString path = m_directory.filePath(QStringLiteral("round.losslens"));
    QVERIFY(m_window->saveSessionTo(path));
    QCOMPARE(m_window->sessionFiles()->path(), QFileInfo(path).absoluteFilePath());
    QVERIFY(!m_window->isWindowModified());

    MainWindow fresh;
    fresh.show();
    QVERIFY(fresh.openSession(path));
    QCOMPARE(fresh.model()->data().size(), 4);
    QCOMPARE(fresh.model()->state().standardize, false);
    QCOMPARE(fresh.landscapeView()->range(), range);
    // The whole state, as the file format writes it, is the same.
    QCOMPARE(sessionToJson(fresh.sessionDocument()), sessionToJson(m_window->sessionDocument()));
    QVERIFY(fresh.windowTitle().startsWith(QStringLiteral("round[*]")));
    QVERIFY(!fresh.isWindowModified());
    QCOMPARE(fresh.recentFiles()->files().value(0), QFileInfo(path).absoluteFilePath());
}

void DesktopWindowTest::rejectedSessionKeepsSession()
{
    const QString path = writeCsv(QStringLiteral("broken.losslens"), "{\"format\": \"losslens-");
    m_window->model()->setLearningRate(0.02);
    const QByteArray before = sessionToJson(m_window->sessionDocument());
    m_window->setUnsavedChangesPrompt(
        [](const QString &) { return UnsavedChangesChoice::Discard; });

    QString message;
    closeNextMessageBox(&message);
    QVERIFY(!m_window->openSession(path));
    QVERIFY2(message.contains(QStringLiteral("broken.losslens")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("unchanged")), qPrintable(message));
    QCOMPARE(sessionToJson(m_window->sessionDocument()), before);
    QVERIFY(m_window->sessionFiles()->path().isEmpty());
    // The undo history of the kept session survives too.
    QCOMPARE(m_window->model()->undoStack()->count(), 1);
    QVERIFY(m_window->isWindowModified());
}

void DesktopWindowTest::lossCurveRangeFollowsParameters()
{
    // The automatic range widens for a large delta and narrows again with it. A zoom of the
    // user's stays, and only such a range is saved.
    SessionModel *model = m_window->model();
    const int huber = model->lossIndex(QStringLiteral("huber"));
    QVERIFY(huber >= 0);
    model->setLossEnabled(huber, true);
    model->setCurrentLoss(huber);
    const int delta = model->state().losses[huber].loss->parameterIndex(QStringLiteral("delta"));
    LossCurveView *curves = m_window->lossCurveView();
    QCustomPlot *plot = curves->plot();
    model->setLossParameter(huber, delta, 100.0);
    QCOMPARE(plot->xAxis->range().upper, 150.0);
    QCOMPARE(plot->xAxis->range().lower, -150.0);
    model->setLossParameter(huber, delta, 1.0);
    QCOMPARE(plot->xAxis->range().upper, 4.0);
    QCOMPARE(plot->xAxis->range().lower, -4.0);
    QVERIFY(!curves->hasUserRange());
    QVERIFY(!currentViewSettings(*m_window).lossCurveRange);

    const ViewRange zoom{-1.0, 2.5, -0.5, 3.0};
    curves->setUserRange(zoom);
    model->setLossParameter(huber, delta, 50.0);
    QVERIFY(currentViewSettings(*m_window).lossCurveRange == zoom);
    curves->fitRange();
    QCOMPARE(plot->xAxis->range().upper, 75.0);
    QVERIFY(!currentViewSettings(*m_window).lossCurveRange);
}

void DesktopWindowTest::viewSettingsRoundTripThroughWindow()
{
    LandscapeView *landscape = m_window->landscapeView();
    landscape->logarithmicBox()->setChecked(false);
    landscape->contoursBox()->setChecked(false);
    LossCurveView *curves = m_window->lossCurveView();
    curves->secondDerivativeBox()->setChecked(true);
    curves->weightBox()->setChecked(true);
    curves->firstDerivativeBox()->setChecked(false);
    m_window->trainingView()->logarithmicBox()->setChecked(true);
    m_window->training()->runSteps(20);
    // Zooms as the wheel and a right drag leave them, with bounds that are not short decimals.
    const ViewRange data{10.0 / 3.0, 91.25, -0.1 - 0.2, 47.5};
    const ViewRange curveRange{-2.0 / 7.0, 6.5, -1.5, 1e3 / 3.0};
    const ViewRange training{0.0, 15.0, 0.25, 900.0};
    QCustomPlot *dataPlot = m_window->dataView()->plot();
    dataPlot->xAxis->setRange(data.horizontalMinimum, data.horizontalMaximum);
    dataPlot->yAxis->setRange(data.verticalMinimum, data.verticalMaximum);
    curves->setUserRange(curveRange);
    // The training view keeps only a range of the user's; an automatic one follows the runs.
    QVERIFY(!currentViewSettings(*m_window).trainingRange);
    m_window->trainingView()->setUserRange(training);
    const ViewSettings saved = currentViewSettings(*m_window);
    QVERIFY(saved.dataRange == data);
    QVERIFY(saved.lossCurveRange == curveRange);
    QVERIFY(saved.trainingRange == training);

    const QString path = m_directory.filePath(QStringLiteral("views.losslens"));
    QVERIFY(m_window->saveSessionTo(path));
    MainWindow fresh;
    fresh.show();
    QVERIFY(QTest::qWaitForWindowExposed(&fresh));
    QVERIFY(fresh.openSession(path));
    // Queued replots and the landscape's computation must not move a restored range.
    waitForLandscape(&fresh);
    QTest::qWait(50);
    const ViewSettings opened = currentViewSettings(fresh);
    QVERIFY(opened.dataRange == data);
    QVERIFY(opened.lossCurveRange == curveRange);
    QVERIFY(opened.trainingRange == training);
    // Further training steps keep the restored range, as they keep a zoom.
    fresh.training()->runSteps(5);
    QVERIFY(currentViewSettings(fresh).trainingRange == training);
    QCOMPARE(opened.logarithmicColours, false);
    QCOMPARE(opened.contours, false);
    QCOMPARE(opened.firstDerivative, false);
    QCOMPARE(opened.secondDerivative, true);
    QCOMPARE(opened.weight, true);
    QCOMPARE(opened.logarithmicLoss, true);
    QVERIFY(opened == saved);
    QVERIFY(!fresh.isWindowModified());
}

void DesktopWindowTest::version1SessionOpensLikeVersion2()
{
    const QString version1 = QFINDTESTDATA("data/sessions/version1.losslens");
    const QString version2 = QFINDTESTDATA("data/sessions/version2.losslens");
    QVERIFY(!version1.isEmpty());
    QVERIFY(!version2.isEmpty());
    QVERIFY(m_window->openSession(version1));
    MainWindow other;
    other.show();
    QVERIFY(QTest::qWaitForWindowExposed(&other));
    QVERIFY(other.openSession(version2));
    waitForLandscape(m_window);
    waitForLandscape(&other);

    QCOMPARE(m_window->landscapeView()->range(), (ViewRange{-4.0, 12.5, -6.0, 30.0}));
    const ViewSettings views = currentViewSettings(*m_window);
    QVERIFY(views.dataRange == (ViewRange{45.0, 85.0, 0.0, 45.0}));
    QCOMPARE(views.logarithmicColours, true);
    QVERIFY(m_window->viewRegistry()->isHidden(QStringLiteral("training")));
    QVERIFY(m_window->viewRegistry()->isHidden(QStringLiteral("optimizer")));
    // The whole window, ranges and switches included, is the same after either file.
    QCOMPARE(sessionToJson(m_window->sessionDocument()), sessionToJson(other.sessionDocument()));
    QVERIFY(!m_window->isWindowModified());
}

void DesktopWindowTest::automaticRangeFitsNewData()
{
    // A zoom far from the file's data, which an automatic range must not keep.
    QCustomPlot *dataPlot = m_window->dataView()->plot();
    dataPlot->xAxis->setRange(1000.0, 2000.0);
    m_window->landscapeView()->setRange(ViewRange{500.0, 600.0, 500.0, 600.0});
    const QString version2 = QFINDTESTDATA("data/sessions/version2.losslens");
    QFile file(version2);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    QJsonObject views = root.value("views").toObject();
    for (const QString &view : {QStringLiteral("landscape"), QStringLiteral("data")}) {
        QJsonObject entry = views.value(view).toObject();
        entry.insert(QStringLiteral("range"), QStringLiteral("automatic"));
        views.insert(view, entry);
    }
    root.insert(QStringLiteral("views"), views);
    const QString path =
        writeCsv(QStringLiteral("automatic.losslens"), QJsonDocument(root).toJson());
    QVERIFY(m_window->openSession(path));

    // The data's air flow runs from 50 to 80 and its stack loss from 7 to 42.
    const QCPRange x = dataPlot->xAxis->range();
    const QCPRange y = dataPlot->yAxis->range();
    QVERIFY2(x.lower < 50.0 && x.upper > 80.0 && x.upper < 100.0,
             qPrintable(QStringLiteral("%1 to %2").arg(x.lower).arg(x.upper)));
    QVERIFY2(y.lower < 7.0 && y.upper > 42.0 && y.upper < 60.0,
             qPrintable(QStringLiteral("%1 to %2").arg(y.lower).arg(y.upper)));
    // The landscape went back to its own range, which contains the start point (-1, 3).
    const ViewRange landscape = m_window->landscapeView()->range();
    QVERIFY(landscape.horizontalMinimum < -1.0 && landscape.horizontalMaximum > -1.0);
    QVERIFY(landscape.verticalMinimum < 3.0 && landscape.verticalMaximum > 3.0);
}

void DesktopWindowTest::sessionOptionsMarkModified()
{
    const QString path = QFINDTESTDATA("data/sessions/version2.losslens");
    QVERIFY(!path.isEmpty());
    QString error;

    // The file alone: the window equals it.
    CommandLineOptions options;
    options.sessionPath = path;
    MainWindow plain;
    QVERIFY2(applyWindowOptions(plain, options, &error), qPrintable(error));
    QVERIFY(!plain.sessionFiles()->isModified());
    QVERIFY(!plain.isWindowModified());

    // Options that restate the file change nothing either.
    options.standardize = true;
    MainWindow restated;
    QVERIFY2(applyWindowOptions(restated, options, &error), qPrintable(error));
    QVERIFY(!restated.sessionFiles()->isModified());

    // Each option that changes the state marks the window, so closing it shows the save prompt.
    const auto changed = [&path] {
        std::vector<std::pair<const char *, CommandLineOptions>> cases;
        CommandLineOptions loss;
        loss.lossSpecs = {QStringLiteral("mae")};
        cases.emplace_back("--loss", loss);
        CommandLineOptions optimizer;
        optimizer.optimizerSpec = QStringLiteral("momentum:lr=0.02,momentum=0.5");
        cases.emplace_back("--optimizer", optimizer);
        CommandLineOptions rate;
        rate.learningRate = 0.003;
        cases.emplace_back("--learning-rate", rate);
        CommandLineOptions standardize;
        standardize.standardize = false;
        cases.emplace_back("--standardize", standardize);
        for (auto &[name, caseOptions] : cases)
            caseOptions.sessionPath = path;
        return cases;
    }();
    for (const auto &[name, caseOptions] : changed) {
        MainWindow window;
        QVERIFY2(applyWindowOptions(window, caseOptions, &error), qPrintable(error));
        QVERIFY2(window.sessionFiles()->isModified(), name);
        QVERIFY2(window.isWindowModified(), name);
        QVERIFY2(window.windowTitle().startsWith(QStringLiteral("version2[*]")), name);
        // Settings from the command line are no undo steps.
        QCOMPARE(window.model()->undoStack()->count(), 0);
        int prompts = 0;
        window.setUnsavedChangesPrompt([&prompts](const QString &) {
            ++prompts;
            return UnsavedChangesChoice::Cancel;
        });
        window.show();
        QVERIFY2(!window.close(), name);
        QCOMPARE(prompts, 1);
    }

    // --data replaces the file's data.
    const QString csv = writeCsv(QStringLiteral("options.csv"), "a,b\n1,2\n2,3\n3,5\n");
    CommandLineOptions data;
    data.sessionPath = path;
    data.dataPath = csv;
    data.featureColumn = QStringLiteral("a");
    data.targetColumn = QStringLiteral("b");
    MainWindow withData;
    QVERIFY2(applyWindowOptions(withData, data, &error), qPrintable(error));
    QCOMPARE(withData.model()->data().size(), 3);
    QVERIFY(withData.isWindowModified());
    // Saving clears the mark.
    QVERIFY(withData.saveSessionTo(m_directory.filePath(QStringLiteral("options.losslens"))));
    QVERIFY(!withData.isWindowModified());

    // --data without columns leaves the data to the import dialog, so a classification loss is
    // not checked against the regression data shown until then.
    CommandLineOptions later;
    later.dataPath = writeCsv(QStringLiteral("labels.csv"), "x,y\n1,0\n2,1\n3,0\n4,1\n");
    later.chooseColumns = true;
    later.lossSpecs = {QStringLiteral("bce")};
    MainWindow chooses;
    QVERIFY2(applyWindowOptions(chooses, later, &error), qPrintable(error));
    // With the columns given, the losses are checked against the loaded data.
    CommandLineOptions mismatched;
    mismatched.lossSpecs = {QStringLiteral("bce")};
    MainWindow rejects;
    QVERIFY(!applyWindowOptions(rejects, mismatched, &error));
    QVERIFY2(error.contains(QStringLiteral("No chosen loss can be fitted")), qPrintable(error));

    // Without --session there is no file to differ from.
    CommandLineOptions noSession;
    noSession.lossSpecs = {QStringLiteral("mae")};
    MainWindow untitled;
    QVERIFY2(applyWindowOptions(untitled, noSession, &error), qPrintable(error));
    QVERIFY(!untitled.isWindowModified());
}

void DesktopWindowTest::closedControlsDockStaysHidden()
{
    auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("controlsDock"));
    QVERIFY(dock);
    ViewRegistry *views = m_window->viewRegistry();
    QAction *show = views->action(QStringLiteral("controls"));
    QVERIFY(show);
    QVERIFY(show->isChecked());
    QVERIFY(dock->isVisible());

    // The × of the dock's title bar, as a user clicks it.
    auto *close = dock->findChild<QAbstractButton *>(QStringLiteral("qt_dockwidget_closebutton"));
    QVERIFY(close);
    QVERIFY(close->isVisible());
    QTest::mouseClick(close, Qt::LeftButton);
    QVERIFY(!dock->isVisible());
    QVERIFY(views->isHidden(QStringLiteral("controls")));
    QVERIFY(!show->isChecked());
    QVERIFY(m_window->sessionDocument().hiddenViews.contains(QStringLiteral("controls")));

    // A saved session keeps it hidden.
    const QString path = m_directory.filePath(QStringLiteral("closed.losslens"));
    QVERIFY(m_window->saveSessionTo(path));
    MainWindow fresh;
    fresh.show();
    QVERIFY(QTest::qWaitForWindowExposed(&fresh));
    QVERIFY(fresh.openSession(path));
    auto *freshDock = fresh.findChild<QDockWidget *>(QStringLiteral("controlsDock"));
    QVERIFY(!freshDock->isVisible());
    QVERIFY(!fresh.viewRegistry()->action(QStringLiteral("controls"))->isChecked());

    // View > Show brings it back, and the list follows.
    show->trigger();
    QVERIFY(dock->isVisible());
    QVERIFY(!views->isHidden(QStringLiteral("controls")));
    QVERIFY(!m_window->sessionDocument().hiddenViews.contains(QStringLiteral("controls")));
}

void DesktopWindowTest::modifiedMarkFollowsUndo()
{
    QVERIFY(!m_window->isWindowModified());
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("Untitled[*]")));
    m_window->model()->setLearningRate(0.05);
    QVERIFY(m_window->isWindowModified());
    m_window->model()->undoStack()->undo();
    QVERIFY(!m_window->isWindowModified());
    m_window->model()->undoStack()->redo();
    QVERIFY(m_window->isWindowModified());

    const QString path = m_directory.filePath(QStringLiteral("marked.losslens"));
    QVERIFY(m_window->saveSessionTo(path));
    QVERIFY(!m_window->isWindowModified());
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("marked[*]")));
    // Undoing past the saved state differs from the file again.
    m_window->model()->undoStack()->undo();
    QVERIFY(m_window->isWindowModified());
}

void DesktopWindowTest::closePromptDecides_data()
{
    QTest::addColumn<int>("choice");
    QTest::addColumn<bool>("closes");
    QTest::addColumn<double>("savedLearningRate");
    QTest::newRow("save") << int(UnsavedChangesChoice::Save) << true << 0.07;
    QTest::newRow("discard") << int(UnsavedChangesChoice::Discard) << true << 0.1;
    QTest::newRow("cancel") << int(UnsavedChangesChoice::Cancel) << false << 0.1;
}

void DesktopWindowTest::closePromptDecides()
{
    QFETCH(int, choice);
    QFETCH(bool, closes);
    QFETCH(double, savedLearningRate);
    const QString path = m_directory.filePath(QStringLiteral("close.losslens"));
    m_window->model()->setLearningRate(0.1);
    QVERIFY(m_window->saveSessionTo(path));
    m_window->model()->setLearningRate(0.07);
    int prompts = 0;
    QString promptedName;
    m_window->setUnsavedChangesPrompt([&](const QString &name) {
        ++prompts;
        promptedName = name;
        return UnsavedChangesChoice(choice);
    });

    QCOMPARE(m_window->close(), closes);
    QCOMPARE(prompts, 1);
    QCOMPARE(promptedName, QStringLiteral("close"));
    QCOMPARE(m_window->isVisible(), !closes);
    QString error;
    const std::optional<SessionDocument> saved = readSessionFile(path, &error);
    QVERIFY2(saved, qPrintable(error));
    const auto *rate = saved->state.optimizer.optimizer.get();
    QVERIFY(rate);
    QCOMPARE(m_window->model()->state().optimizer.optimizer->learningRate(), 0.07);
    QCOMPARE(rate->learningRate(), savedLearningRate);
}

void DesktopWindowTest::unmodifiedCloseAsksNothing()
{
    int prompts = 0;
    m_window->setUnsavedChangesPrompt([&](const QString &) {
        ++prompts;
        return UnsavedChangesChoice::Cancel;
    });
    QVERIFY(m_window->close());
    QCOMPARE(prompts, 0);
    // Closing stored the layout for the next start.
    QVERIFY(!QSettings().value(QStringLiteral("window/state")).toByteArray().isEmpty());
}

void DesktopWindowTest::recoveredSessionIsUnsaved()
{
    const QString folder = m_directory.filePath(QStringLiteral("autosave"));
    QVERIFY(QDir().mkpath(folder));
    // A crashed process's copy: process ids above the kernel's pid_max (4194304) never run.
    const QString crashed = QDir(folder).filePath(QStringLiteral("autosave-99999999.losslens"));
    SessionDocument document = m_window->sessionDocument();
    document.state.standardize = false;
    QString error;
    QVERIFY2(writeSessionFile(crashed, document, &error), qPrintable(error));
    QCOMPARE(Autosave::recoverableFiles(folder), QStringList{crashed});

    m_window->enableAutosave(folder);
    QVERIFY(m_window->recoverSession(crashed));
    QCOMPARE(m_window->model()->state().standardize, false);
    QVERIFY(m_window->sessionFiles()->path().isEmpty());
    QVERIFY(m_window->isWindowModified());
    // The window's own copy replaced the crashed one, which is no longer offered.
    QVERIFY(!QFile::exists(crashed));
    QVERIFY(QFile::exists(m_window->sessionFiles()->autosave()->filePath()));
    QVERIFY(Autosave::recoverableFiles(folder).isEmpty());

    // A normal close after Discard removes the copy.
    m_window->setUnsavedChangesPrompt(
        [](const QString &) { return UnsavedChangesChoice::Discard; });
    QVERIFY(m_window->close());
    QVERIFY(!QFile::exists(m_window->sessionFiles()->autosave()->filePath()));
}

void DesktopWindowTest::recentFilesOrderAndLimit()
{
    const QStringList three{QStringLiteral("/a.csv"), QStringLiteral("/b.csv"),
                            QStringLiteral("/c.csv")};
    QCOMPARE(withRecentFile(three, QStringLiteral("/b.csv"), 10),
             (QStringList{QStringLiteral("/b.csv"), QStringLiteral("/a.csv"),
                          QStringLiteral("/c.csv")}));
    QCOMPARE(withRecentFile(three, QStringLiteral("/d.csv"), 3),
             (QStringList{QStringLiteral("/d.csv"), QStringLiteral("/a.csv"),
                          QStringLiteral("/b.csv")}));
    QCOMPARE(withRecentFile(three, QStringLiteral("/x/../a.csv"), 10).size(), 3);

    RecentFiles recent(QStringLiteral("recentTest"));
    QSignalSpy changes(&recent, &RecentFiles::changed);
    for (int i = 0; i < RecentFiles::maximumCount + 3; ++i)
        recent.add(QStringLiteral("/data/file%1.csv").arg(i));
    const QStringList files = recent.files();
    QCOMPARE(files.size(), RecentFiles::maximumCount);
    QCOMPARE(files.first(), QStringLiteral("/data/file12.csv"));
    QCOMPARE(files.last(), QStringLiteral("/data/file3.csv"));
    recent.add(QStringLiteral("/data/file7.csv"));
    QCOMPARE(recent.files().first(), QStringLiteral("/data/file7.csv"));
    QCOMPARE(recent.files().count(QStringLiteral("/data/file7.csv")), 1);
    // Another object on the same key reads the stored list, as the next start does.
    QCOMPARE(RecentFiles(QStringLiteral("recentTest")).files(), recent.files());
    recent.clear();
    QVERIFY(recent.files().isEmpty());
    QCOMPARE(changes.count(), RecentFiles::maximumCount + 5);
}

void DesktopWindowTest::recentFilesMenuOpensAndClears()
{
    const QString path = m_directory.filePath(QStringLiteral("recent.losslens"));
    QVERIFY(m_window->saveSessionTo(path));
    QMenu menu;
    QStringList opened;
    m_window->recentFiles()->fillMenu(&menu, [&](const QString &file) { opened << file; });
    QVERIFY(menu.isEnabled());
    const QList<QAction *> actions = menu.actions();
    QCOMPARE(actions.size(), 3); // the file, a separator, Clear
    QCOMPARE(actions[0]->toolTip(), QFileInfo(path).absoluteFilePath());
    actions[0]->trigger();
    QCOMPARE(opened, QStringList{QFileInfo(path).absoluteFilePath()});
    actions[2]->trigger();
    QVERIFY(m_window->recentFiles()->files().isEmpty());
}

void DesktopWindowTest::droppedFilesClassified()
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(QStringLiteral("/tmp/a.LOSSLENS")),
                  QUrl::fromLocalFile(QStringLiteral("/tmp/b.csv")),
                  QUrl::fromLocalFile(QStringLiteral("/tmp/c.png")),
                  QUrl(QStringLiteral("https://example.org/d.csv")),
                  QUrl::fromLocalFile(QStringLiteral("/tmp/e.tsv"))});
    const std::vector<DroppedFile> files = droppedFiles(&mime);
    QCOMPARE(files.size(), std::size_t(3));
    QCOMPARE(files[0].path, QStringLiteral("/tmp/a.LOSSLENS"));
    QVERIFY(files[0].kind == DroppedFileKind::Session);
    QVERIFY(files[1].kind == DroppedFileKind::Csv);
    QCOMPARE(files[2].path, QStringLiteral("/tmp/e.tsv"));
    QMimeData text;
    text.setText(QStringLiteral("/tmp/b.csv"));
    QVERIFY(droppedFiles(&text).empty());
}

void DesktopWindowTest::dropOpensSession()
{
    SessionDocument document = m_window->sessionDocument();
    document.state.standardize = false;
    const QString path = m_directory.filePath(QStringLiteral("dropped.losslens"));
    QString error;
    QVERIFY2(writeSessionFile(path, document, &error), qPrintable(error));

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint centre = m_window->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window, &drop);
    QVERIFY(drop.isAccepted());
    QTRY_COMPARE(m_window->sessionFiles()->path(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(m_window->model()->state().standardize, false);

    QMimeData image;
    image.setUrls({QUrl::fromLocalFile(m_directory.filePath(QStringLiteral("x.png")))});
    QDragEnterEvent rejected(centre, Qt::CopyAction, &image, Qt::LeftButton, Qt::NoModifier);
    rejected.setAccepted(false);
    QApplication::sendEvent(m_window, &rejected);
    QVERIFY(!rejected.isAccepted());
}

void DesktopWindowTest::dropCsvOpensImportDialog()
{
    const QString path = writeCsv(QStringLiteral("dropped.csv"), "u,v\n1,2\n2,4.5\n3,5\n");
    QString dialogTitle;
    auto *timer = new QTimer(this);
    timer->setInterval(20);
    connect(timer, &QTimer::timeout, this, [timer, &dialogTitle] {
        QWidget *dialog = QApplication::activeModalWidget();
        if (!dialog)
            return;
        dialogTitle = dialog->windowTitle() + QLatin1Char(' ') +
                      QString::fromLatin1(dialog->metaObject()->className());
        QMetaObject::invokeMethod(dialog, "reject");
        timer->deleteLater();
    });
    timer->start();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    // A drop follows an accepted drag enter, as in a real drag.
    const QPoint centre = m_window->rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window, &drop);
    QVERIFY2(drop.isAccepted(), qPrintable(path));
    QTRY_VERIFY(!dialogTitle.isEmpty());
    QVERIFY2(dialogTitle.contains(QStringLiteral("CsvImportDialog")), qPrintable(dialogTitle));
    // The cancelled import leaves the data as it was.
    QCOMPARE(m_window->model()->data().size(), 21);
}

void DesktopWindowTest::exportDialogWritesFormats_data()
{
    QTest::addColumn<int>("view");
    QTest::addColumn<QString>("suffix");
    QTest::newRow("landscape png") << int(ExportedView::Landscape) << QStringLiteral("png");
    QTest::newRow("data svg") << int(ExportedView::Data) << QStringLiteral("svg");
    QTest::newRow("curves pdf") << int(ExportedView::LossCurves) << QStringLiteral("pdf");
    QTest::newRow("training png") << int(ExportedView::Training) << QStringLiteral("png");
    QTest::newRow("window png") << int(ExportedView::Window) << QStringLiteral("png");
}

void DesktopWindowTest::exportDialogWritesFormats()
{
    QFETCH(int, view);
    QFETCH(QString, suffix);
    waitForLandscape(m_window);
    const QString path = m_directory.filePath(QStringLiteral("view%1.%2").arg(view).arg(suffix));
    ViewExportDialog dialog({},
                            [this](ExportedView v) { return m_window->exportSource(v)->size(); });
    dialog.viewBox()->setCurrentIndex(dialog.viewBox()->findData(view));
    const QSize viewSize = m_window->exportSource(ExportedView(view))->size();
    QCOMPARE(dialog.widthBox()->value(), viewSize.width());
    QCOMPARE(dialog.heightBox()->value(), viewSize.height());
    dialog.widthBox()->setValue(400);
    dialog.heightBox()->setValue(300);
    dialog.dotsPerInchBox()->setValue(192);
    dialog.pathEdit()->setText(path);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QString error;
    QVERIFY2(m_window->exportViewTo(dialog.request(), &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    if (suffix == QLatin1String("png")) {
        const QImage image = QImage::fromData(content, "PNG");
        // 192 dpi doubles each side of the 400 x 300 logical size.
        QCOMPARE(image.size(), QSize(800, 600));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 5) {
            for (int x = 0; x < image.width(); x += 5)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 10, qPrintable(QString::number(colours.size())));
    } else if (suffix == QLatin1String("svg")) {
        QSvgRenderer renderer(content);
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.viewBox(), QRect(0, 0, 400, 300));
        // The plot is drawn again as vector graphics, not embedded as an image.
        QVERIFY(content.contains("<polyline") || content.contains("<path"));
        QVERIFY(!content.contains("<image"));
    } else {
        QVERIFY(content.startsWith("%PDF-"));
        QVERIFY(content.trimmed().endsWith("%%EOF"));
    }
}

void DesktopWindowTest::exportDialogRejectsUnknownSuffix()
{
    ViewExportDialog dialog({}, [](ExportedView) { return QSize(300, 200); });
    dialog.pathEdit()->setText(m_directory.filePath(QStringLiteral("view.jpg")));
    dialog.accept();
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY2(dialog.errorText().contains(QStringLiteral("view.jpg")),
             qPrintable(dialog.errorText()));
    dialog.pathEdit()->setText(m_directory.filePath(QStringLiteral("missing/view.png")));
    dialog.accept();
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY2(dialog.errorText().contains(QStringLiteral("missing")),
             qPrintable(dialog.errorText()));
}

void DesktopWindowTest::lossCurvesCsvReadsBack()
{
    SessionModel *model = m_window->model();
    const int mse = static_cast<int>(LossCatalogue::names().indexOf(QStringLiteral("mse")));
    const int mae = static_cast<int>(LossCatalogue::names().indexOf(QStringLiteral("mae")));
    for (int i = 0; i < model->lossCount(); ++i)
        model->setLossEnabled(i, i == mse || i == mae);
    CurveSampling sampling;
    sampling.lower = -2.0;
    sampling.upper = 3.0;
    sampling.count = 11;
    const QString path = m_directory.filePath(QStringLiteral("curves.csv"));
    QString error;
    QVERIFY2(writeTextFile(path, lossCurvesCsv(*model, sampling), &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines =
        QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 12);
    QCOMPARE(lines[0], QStringLiteral("input,mse value,mse derivative,mae value,mae derivative"));
    for (int k = 1; k < lines.size(); ++k) {
        const QStringList cells = lines[k].split(QLatin1Char(','));
        QCOMPARE(cells.size(), 5);
        const double e = cells[0].toDouble();
        QCOMPARE(e, -2.0 + 0.5 * (k - 1));
        // MSE has rho = e^2 and rho' = 2e, MAE has rho = |e| and rho' = sign(e).
        QCOMPARE(cells[1].toDouble(), e * e);
        QCOMPARE(cells[2].toDouble(), 2.0 * e);
        QCOMPARE(cells[3].toDouble(), std::abs(e));
        if (e != 0.0)
            QCOMPARE(cells[4].toDouble(), e > 0.0 ? 1.0 : -1.0);
    }
}

void DesktopWindowTest::landscapeCsvMatchesPlainLoop()
{
    SessionModel *model = m_window->model();
    const int mse = static_cast<int>(LossCatalogue::names().indexOf(QStringLiteral("mse")));
    model->setCurrentLoss(mse);
    const ViewRange range{-1.0, 2.0, 10.0, 25.0};
    QString error;
    const std::optional<QByteArray> text = landscapeCsv(*model, range, 5, &error);
    QVERIFY2(text, qPrintable(error));
    const QStringList lines = QString::fromUtf8(*text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 26);
    QCOMPARE(lines[0], QStringLiteral("w,b,loss"));
    const Dataset &data = model->data();
    const LineObjective &objective = *model->objective(mse);
    double slopeMinimum = INFINITY;
    double slopeMaximum = -INFINITY;
    for (int k = 1; k < lines.size(); ++k) {
        const QStringList cells = lines[k].split(QLatin1Char(','));
        QCOMPARE(cells.size(), 3);
        const double w = cells[0].toDouble();
        const double b = cells[1].toDouble();
        slopeMinimum = std::min(slopeMinimum, w);
        slopeMaximum = std::max(slopeMaximum, w);
        double sum = 0.0;
        for (Eigen::Index i = 0; i < data.size(); ++i) {
            const double e = w * data.feature[i] + b - data.target[i];
            sum += e * e;
        }
        const double expected = sum / data.size();
        QVERIFY2(std::abs(cells[2].toDouble() - expected) <= 1e-12 * expected,
                 qPrintable(lines[k]));
    }
    // The rows span the view's slope range in data units: w = w' / s.
    const double scale = objective.scaling().scale;
    QCOMPARE(slopeMinimum, range.horizontalMinimum / scale);
    QCOMPARE(slopeMaximum, range.horizontalMaximum / scale);
}

void DesktopWindowTest::trajectoriesCsvReadsBack()
{
    waitForLandscape(m_window);
    TrainingController *training = m_window->training();
    training->runSteps(5);
    const QByteArray text = trajectoriesCsv(*m_window->model(), *training);
    const QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines[0], QStringLiteral("run,step,w,b,loss"));
    int activeRuns = 0;
    for (int r = 0; r < training->runCount(); ++r)
        activeRuns += training->run(r) ? 1 : 0;
    QVERIFY(activeRuns >= 2);
    QCOMPARE(lines.size(), 1 + activeRuns * 6);
    // The last row of the first run is its current point in data units.
    const RunTrack *first = training->run(0);
    QVERIFY(first);
    // A run's label may contain commas inside its quotes, so step, w, b and loss are counted from
    // the end.
    const QStringList cells = lines[6].split(QLatin1Char(','));
    QVERIFY(cells.size() >= 5);
    const QStringList last = cells.mid(cells.size() - 5);
    QCOMPARE(last[1], QStringLiteral("5"));
    const LineParameters line = m_window->model()
                                    ->objective(m_window->model()->runEntry(0).lossIndex)
                                    ->toDataUnits(first->current().theta);
    QCOMPARE(last[2].toDouble(), line.slope);
    QCOMPARE(last[3].toDouble(), line.intercept);
    QCOMPARE(last[4].toDouble(), first->current().loss);
    const QStringList firstRow = lines[1].split(QLatin1Char(','));
    QCOMPARE(firstRow[firstRow.size() - 4], QStringLiteral("0"));
}

void DesktopWindowTest::textFileReportsUnwritablePath()
{
    const QString path = m_directory.filePath(QStringLiteral("no/such/folder/out.csv"));
    QString error;
    QVERIFY(!writeTextFile(path, "a\n", &error));
    QVERIFY2(error.contains(path), qPrintable(error));
}

QTEST_MAIN(DesktopWindowTest)
#include "tst_desktopwindow.moc"
