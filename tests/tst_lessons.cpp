#include "ui/dataview.h"
#include "ui/landscapeview.h"
#include "ui/lessoncatalogue.h"
#include "ui/lessonpanel.h"
#include "ui/lessonsteps.h"
#include "ui/losscurveview.h"
#include "ui/mainwindow.h"
#include "ui/playbackbar.h"
#include "ui/plotsupport.h"
#include "ui/sessionfile.h"
#include "ui/startpage.h"
#include "ui/trainingview.h"
#include "ui/viewregistry.h"

#include "core/losscatalogue.h"
#include "core/optimizercatalogue.h"

#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>

using namespace losslens;

// The bundled lessons open, and every step applies and trains. Back restores a step exactly.
// Hidden views hide, and their list survives a session file. The lesson entry round-trips.
class TestLessons : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void bundledLessonsListed();
    void everyStepAppliesAndTrains_data();
    void everyStepAppliesAndTrains();
    void backRestoresExactState();
    void hiddenViewsAreHidden();
    void viewMenuHidesAndShows();
    void hiddenListSurvivesSessionFile();
    void unknownHiddenNameRejected();
    void lessonEntryRoundTrips();
    void versionOneFileWithoutNewEntries();
    void unknownSettingRejected();
    void stepErrorsNamed_data();
    void stepErrorsNamed();
    void plainSessionEndsLesson();
    void startPageOpensLesson();
    void lessonNeverSavedOverSessionFile();
    void stepButtonsStayInPlace_data();
    void stepButtonsStayInPlace();
    void landscapeSubtitleFits_data();
    void landscapeSubtitleFits();
    void sessionOptimizerIsSelectedRuns();

private:
    static SessionDocument lessonDocument(const QString &path);
    static QByteArray stateJson(MainWindow &window);
};

void TestLessons::init()
{
    // Any warning, such as a view name the registry does not know, fails the test.
    // The offscreen platform's notes on raise() and size hints are not the app's.
    // A shown window adds QPainter's note on an empty paint buffer: QCustomPlot 2.1 replots a
    // plot that a step shows again while it is still 0 pixels tall, which draws nothing.
    const QString exempt = QTest::currentTestFunction() == QByteArray("stepButtonsStayInPlace") ||
                                   QTest::currentTestFunction() == QByteArray("landscapeSubtitleFits")
                               ? QStringLiteral("This plugin does not support|QPainter::begin: "
                                                "Paint device returned engine == 0")
                               : QStringLiteral("This plugin does not support");
    QTest::failOnWarning(QRegularExpression(QStringLiteral("^(?!%1).*").arg(exempt)));
}

void TestLessons::cleanup() {}

SessionDocument TestLessons::lessonDocument(const QString &path)
{
    QString error;
    std::optional<SessionDocument> document = readSessionFile(path, &error);
    if (!document)
        qFatal("%s", qPrintable(error));
    return *document;
}

// The session as a file saves it, without the landscape's range, which the view sets in the
// background after a data change.
QByteArray TestLessons::stateJson(MainWindow &window)
{
    SessionDocument document = window.sessionDocument();
    document.landscapeRange.reset();
    document.views.reset();
    return sessionToJson(document);
}

void TestLessons::bundledLessonsListed()
{
    const std::vector<BundledLesson> &lessons = bundledLessons();
    QCOMPARE(lessons.size(), size_t(9));
    QStringList titles;
    for (const BundledLesson &lesson : lessons) {
        QVERIFY(!lesson.title.isEmpty());
        QVERIFY(!lesson.summary.isEmpty());
        titles << lesson.title;
    }
    QCOMPARE(titles.front(), QStringLiteral("MSE against MAE with one outlier"));
    QCOMPARE(titles.back(), QStringLiteral("Robust fits on the stars of CYG OB1"));

    MainWindow window;
    QMenu *lessonsMenu = nullptr;
    for (QAction *action : window.menuBar()->actions()) {
        if (action->text() == QStringLiteral("&Lessons"))
            lessonsMenu = action->menu();
    }
    QVERIFY(lessonsMenu);
    QStringList menuTitles;
    for (QAction *action : lessonsMenu->actions()) {
        if (!action->isSeparator() && action != window.lessonDock()->toggleViewAction())
            menuTitles << action->text();
    }
    QCOMPARE(menuTitles, titles);
}

void TestLessons::everyStepAppliesAndTrains_data()
{
    QTest::addColumn<QString>("path");
    for (const BundledLesson &lesson : bundledLessons())
        QTest::newRow(qPrintable(lesson.resourcePath)) << lesson.resourcePath;
}

void TestLessons::everyStepAppliesAndTrains()
{
    QFETCH(QString, path);
    const SessionDocument document = lessonDocument(path);
    QVERIFY(document.lesson);
    const int stepCount = static_cast<int>(document.lesson->steps.size());
    QVERIFY2(stepCount >= 3 && stepCount <= 5, qPrintable(QString::number(stepCount)));
    for (const LessonStep &step : document.lesson->steps) {
        QVERIFY(!step.title.isEmpty());
        // 2 to 4 sentences: count the full stops, question marks and exclamation marks that end
        // one (a number such as 0.5 has no space after its dot).
        const QString text = step.text + QLatin1Char(' ');
        const int sentences = static_cast<int>(text.count(QStringLiteral(". ")) +
                                               text.count(QStringLiteral("? ")) +
                                               text.count(QStringLiteral("! ")));
        QVERIFY2(sentences >= 2 && sentences <= 4, qPrintable(step.title));
    }

    MainWindow window;
    QVERIFY(window.openLesson(path));
    LessonPanel *panel = window.lessonPanel();
    QCOMPARE(panel->stepCount(), stepCount);
    QCOMPARE(panel->stepIndex(), 0);
    QVERIFY(!window.lessonDock()->isHidden());
    for (int k = 0; k < stepCount; ++k) {
        if (k > 0)
            panel->nextButton()->click();
        QCOMPARE(panel->stepIndex(), k);
        QCOMPARE(panel->textLabel()->text(), document.lesson->steps[k].text);
        QCOMPARE(window.training()->isPlaying(), panel->step(k).play);
        QCOMPARE(window.viewRegistry()->hiddenNames(), panel->step(k).document.hiddenViews);
        // A few updates of every run, each of whose points stays finite. A diverging run (the
        // learning-rate lesson) grows but does not reach infinity in 10 steps.
        window.training()->runSteps(10);
        const SessionModel &model = *window.model();
        QVERIFY(model.runCount() > 0);
        for (int i = 0; i < model.runCount(); ++i) {
            const RunTrack *run = window.training()->run(i);
            QVERIFY2(run, qPrintable(QStringLiteral("step %1 run %2 does not train").arg(k).arg(i)));
            QVERIFY(run->iteration() > 0);
            for (const TrainingPoint &point : run->history()) {
                QVERIFY2(point.theta.allFinite() && std::isfinite(point.loss),
                         qPrintable(QStringLiteral("step %1 run %2 iteration %3")
                                        .arg(k)
                                        .arg(i)
                                        .arg(point.iteration)));
            }
        }
    }
    QVERIFY(!panel->nextButton()->isEnabled());
}

void TestLessons::backRestoresExactState()
{
    MainWindow window;
    const QString path = QStringLiteral(":/lessons/05-adam-sgd.losslens");
    QVERIFY(window.openLesson(path));
    LessonPanel *panel = window.lessonPanel();
    panel->nextButton()->click();
    const QByteArray second = stateJson(window);
    QCOMPARE(second, sessionToJson([&] {
                 SessionDocument expected = panel->step(1).document;
                 expected.landscapeRange.reset();
                 return expected;
             }()));

    // The user changes things, then goes on and comes back.
    window.model()->setLearningRate(0.123);
    window.model()->setStandardize(true);
    window.viewRegistry()->setHidden(QStringLiteral("curves"), true);
    window.training()->runSteps(5);
    panel->nextButton()->click();
    QCOMPARE(panel->stepIndex(), 2);
    QVERIFY(stateJson(window) != second);
    panel->backButton()->click();
    QCOMPARE(panel->stepIndex(), 1);
    QCOMPARE(stateJson(window), second);
    QCOMPARE(window.viewRegistry()->hiddenNames(), QStringList());
    QVERIFY(!window.lossCurveView()->isHidden());
    // The runs start over, so the paths are those of the step as first applied.
    QVERIFY(window.model()->undoStack()->count() == 0);
    QCOMPARE(window.training()->iteration() <= 1, true);
    panel->backButton()->click();
    QCOMPARE(panel->stepIndex(), 0);
    QVERIFY(!panel->backButton()->isEnabled());
    QCOMPARE(window.model()->runCount(), 1);
}

void TestLessons::hiddenViewsAreHidden()
{
    MainWindow window;
    ViewRegistry *views = window.viewRegistry();
    QCOMPARE(views->names(), hideableViewNames());
    SessionDocument document = window.sessionDocument();
    document.hiddenViews = {QStringLiteral("training"), QStringLiteral("optimizer"),
                            QStringLiteral("loss_info"), QStringLiteral("playback")};
    window.applySessionDocument(document);
    QVERIFY(window.trainingView()->isHidden());
    QVERIFY(window.playbackBar()->isHidden());
    QVERIFY(views->widget(QStringLiteral("optimizer"))->isHidden());
    QVERIFY(views->widget(QStringLiteral("loss_info"))->isHidden());
    QVERIFY(!window.landscapeView()->isHidden());
    QVERIFY(!window.dataView()->isHidden());
    QVERIFY(!views->widget(QStringLiteral("runs"))->isHidden());
    QCOMPARE(views->hiddenNames(), document.hiddenViews);

    // The control panel shows the loss's page for a new current loss; the registry hides it
    // again.
    window.model()->setCurrentLoss(window.model()->lossIndex(QStringLiteral("mae")));
    QVERIFY(views->widget(QStringLiteral("loss_info"))->isHidden());

    // Both views of a row hidden: the row goes too, so the other row fills the window.
    document.hiddenViews = {QStringLiteral("curves"), QStringLiteral("data")};
    window.applySessionDocument(document);
    QVERIFY(window.lossCurveView()->parentWidget()->isHidden());
    QVERIFY(!window.landscapeView()->parentWidget()->isHidden());
    QVERIFY(!window.trainingView()->isHidden());
    QVERIFY(!window.playbackBar()->isHidden());

    document.hiddenViews.clear();
    window.applySessionDocument(document);
    for (const QString &name : hideableViewNames())
        QVERIFY2(!views->widget(name)->isHidden(), qPrintable(name));
}

void TestLessons::viewMenuHidesAndShows()
{
    MainWindow window;
    ViewRegistry *views = window.viewRegistry();
    QAction *landscape = views->action(QStringLiteral("landscape"));
    QVERIFY(landscape);
    QVERIFY(landscape->isChecked());
    landscape->trigger();
    QVERIFY(window.landscapeView()->isHidden());
    QCOMPARE(window.sessionDocument().hiddenViews, QStringList{QStringLiteral("landscape")});
    landscape->trigger();
    QVERIFY(!window.landscapeView()->isHidden());
    // Hiding through the registry ticks the menu entry off.
    views->setHidden(QStringLiteral("runs"), true);
    QVERIFY(!views->action(QStringLiteral("runs"))->isChecked());
}

void TestLessons::hiddenListSurvivesSessionFile()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(QStringLiteral("hidden.losslens"));
    MainWindow window;
    window.viewRegistry()->setHidden(QStringLiteral("data"), true);
    window.viewRegistry()->setHidden(QStringLiteral("runs"), true);
    QString error;
    QVERIFY2(writeSessionFile(path, window.sessionDocument(), &error), qPrintable(error));
    const std::optional<SessionDocument> read = readSessionFile(path, &error);
    QVERIFY2(read, qPrintable(error));
    const QStringList expected = {QStringLiteral("data"), QStringLiteral("runs")};
    QCOMPARE(read->hiddenViews, expected);
    QVERIFY(!read->lesson);

    MainWindow other;
    other.applySessionDocument(*read);
    QCOMPARE(other.viewRegistry()->hiddenNames(), expected);
    QVERIFY(other.dataView()->isHidden());
}

void TestLessons::unknownHiddenNameRejected()
{
    // A session file that hides a view under a name the app does not know is refused with a
    // message naming it, instead of opening with that view shown.
    MainWindow window;
    window.viewRegistry()->setHidden(QStringLiteral("data"), true);
    QByteArray json = sessionToJson(window.sessionDocument());
    QVERIFY(json.contains("\"data\""));
    json.replace("\"hidden\": [\n        \"data\"", "\"hidden\": [\n        \"dataa\"");
    QVERIFY(json.contains("\"dataa\""));
    QString error;
    const std::optional<SessionDocument> read =
        sessionFromJson(json, QStringLiteral("typo.losslens"), &error);
    QVERIFY(!read);
    QVERIFY2(error.contains(QStringLiteral("\"dataa\" is not a view or control")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("typo.losslens")), qPrintable(error));
}

void TestLessons::lessonEntryRoundTrips()
{
    // Every bundled lesson, which between them use every setting, reads back equal.
    for (const BundledLesson &bundled : bundledLessons()) {
        const SessionDocument document = lessonDocument(bundled.resourcePath);
        QString error;
        const std::optional<SessionDocument> read =
            sessionFromJson(sessionToJson(document), QStringLiteral("copy.losslens"), &error);
        QVERIFY2(read, qPrintable(error));
        QVERIFY(read->lesson);
        QVERIFY2(*read->lesson == *document.lesson, qPrintable(bundled.resourcePath));
        QCOMPARE(sessionToJson(*read), sessionToJson(document));
    }

    // A step with every setting at once.
    QString error;
    LessonStep step;
    step.title = QStringLiteral("Everything");
    step.text = QStringLiteral("One. Two.");
    LessonStepSettings &settings = step.settings;
    auto data = std::make_shared<Dataset>();
    data->feature = Eigen::VectorXd{{0.0, 1.0, 2.5}};
    data->target = Eigen::VectorXd{{0.1, 1e-300, -7.25}};
    data->source = QStringLiteral("synthetic");
    data->featureName = QStringLiteral("x");
    data->targetName = QStringLiteral("y");
    settings.data = data;
    settings.losses = std::vector<std::shared_ptr<const Loss>>{
        LossCatalogue::parse(QStringLiteral("huber:delta=0.3"), &error),
        LossCatalogue::parse(QStringLiteral("barron:alpha=0.5,c=2"), &error)};
    settings.currentLoss = LossCatalogue::parse(QStringLiteral("huber:delta=0.7"), &error);
    settings.optimizer = OptimizerSettings{
        OptimizerCatalogue::parse(QStringLiteral("adam:learning_rate=0.01"), &error),
        *LearningRateSchedule::parse(QStringLiteral("cosine:period=100,minimum=0"), &error)};
    settings.learningRate = 0.02;
    settings.start = LineParameters{1.5, -0.25};
    settings.standardize = false;
    settings.runs = std::vector<LessonRun>{
        {QStringLiteral("huber"), std::nullopt, LineParameters{0.1, 0.2}, false, false},
        {QStringLiteral("barron"), settings.optimizer, std::nullopt, true, true}};
    settings.selectedRun = 1;
    settings.hiddenViews = QStringList{QStringLiteral("landscape")};
    settings.landscapeRange = ViewRange{-1.0, 2.0, -3.0, 4.0};
    settings.play = true;
    SessionDocument document = lessonDocument(bundledLessons().front().resourcePath);
    document.lesson->steps = {step};
    const std::optional<SessionDocument> read =
        sessionFromJson(sessionToJson(document), QStringLiteral("all.losslens"), &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->lesson->steps.size(), size_t(1));
    QVERIFY(read->lesson->steps.front() == step);
    // And it resolves: Huber with delta 0.7, and the adaptive Barron run selected, which makes
    // Barron's loss current.
    const auto resolved = resolveLessonSteps(*read, &error);
    QVERIFY2(resolved, qPrintable(error));
    const SessionState &state = resolved->front().document.state;
    QCOMPARE(state.losses[state.runs[0].lossIndex].loss->spec(), QStringLiteral("huber:delta=0.7"));
    QCOMPARE(state.selectedRun, 1);
    QCOMPARE(state.losses[state.currentLoss].loss->name(), QStringLiteral("barron"));
    QVERIFY(state.runs[1].learnShape);
    QCOMPARE(state.optimizer.optimizer->spec(),
             OptimizerCatalogue::parse(QStringLiteral("adam:learning_rate=0.02"), &error)->spec());
    QCOMPARE(resolved->front().document.hiddenViews, QStringList{QStringLiteral("landscape")});

    // Learning alpha needs a start inside (0.001, 1.999), so alpha = 2 is rejected.
    document.lesson->steps.front().settings.losses->back() =
        LossCatalogue::parse(QStringLiteral("barron:alpha=2,c=2"), &error);
    QVERIFY(!resolveLessonSteps(document, &error));
    QVERIFY2(error.contains(QStringLiteral("The initial shape 2 must lie strictly inside")),
             qPrintable(error));
}

void TestLessons::versionOneFileWithoutNewEntries()
{
    // A version-1 file from before "hidden" and "lesson" existed still reads, showing all.
    MainWindow window;
    QJsonObject root = QJsonDocument::fromJson(sessionToJson(window.sessionDocument())).object();
    root.remove(QStringLiteral("hidden"));
    root.remove(QStringLiteral("lesson"));
    // Format 1's "views" kept ranges only, and none of them is required.
    root.insert(QStringLiteral("version"), 1);
    root.insert(QStringLiteral("views"), QJsonObject());
    QString error;
    const std::optional<SessionDocument> read =
        sessionFromJson(QJsonDocument(root).toJson(), QStringLiteral("old.losslens"), &error);
    QVERIFY2(read, qPrintable(error));
    QVERIFY(read->hiddenViews.isEmpty());
    QVERIFY(!read->lesson);
}

void TestLessons::unknownSettingRejected()
{
    QJsonObject root = QJsonDocument::fromJson(
                           sessionToJson(lessonDocument(bundledLessons().front().resourcePath)))
                           .object();
    QJsonObject lesson = root.value(QStringLiteral("lesson")).toObject();
    QJsonArray steps = lesson.value(QStringLiteral("steps")).toArray();
    QJsonObject step = steps[1].toObject();
    QJsonObject set = step.value(QStringLiteral("set")).toObject();
    set.insert(QStringLiteral("learningrate"), 0.5);
    step.insert(QStringLiteral("set"), set);
    steps[1] = step;
    lesson.insert(QStringLiteral("steps"), steps);
    root.insert(QStringLiteral("lesson"), lesson);
    QString error;
    QVERIFY(!sessionFromJson(QJsonDocument(root).toJson(), QStringLiteral("typo.losslens"),
                             &error));
    QVERIFY2(error.contains(QStringLiteral("lesson.steps[1].set.learningrate is not a setting")),
             qPrintable(error));
}

void TestLessons::stepErrorsNamed_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("current loss not ticked")
        << "current_loss" << QJsonValue(QStringLiteral("tukey"))
        << "step 2: lesson.steps[1].set.current_loss: no ticked loss is named \"tukey\"";
    QTest::newRow("learning rate out of range")
        << "learning_rate" << QJsonValue(-1.0) << "lesson.steps[1].set.learning_rate:";
    QTest::newRow("unknown view")
        << "hidden" << QJsonValue(QJsonArray{QStringLiteral("sidebar")})
        << "\"sidebar\" is not a view or control";
    QTest::newRow("run of an unticked loss")
        << "runs" << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("loss"), QStringLiteral("huber")}}})
        << "runs[0].loss: no ticked loss is named \"huber\"";
    QTest::newRow("learned shape of another loss")
        << "runs"
        << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("loss"), QStringLiteral("mse")},
                                             {QStringLiteral("learn_shape"), true}}})
        << "only a run of Barron's loss learns its shape";
    QTest::newRow("classification loss on regression data")
        << "losses" << QJsonValue(QJsonArray{QStringLiteral("bce")}) << "cannot be fitted to";
    QTest::newRow("selected run out of range")
        << "selected_run" << QJsonValue(5) << "5 is not a run";
}

void TestLessons::stepErrorsNamed()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);
    SessionDocument document = lessonDocument(bundledLessons().front().resourcePath);
    QJsonObject root = QJsonDocument::fromJson(sessionToJson(document)).object();
    QJsonObject lesson = root.value(QStringLiteral("lesson")).toObject();
    QJsonArray steps = lesson.value(QStringLiteral("steps")).toArray();
    QJsonObject step = steps[1].toObject();
    QJsonObject set = step.value(QStringLiteral("set")).toObject();
    set.insert(key, value);
    step.insert(QStringLiteral("set"), set);
    steps[1] = step;
    lesson.insert(QStringLiteral("steps"), steps);
    root.insert(QStringLiteral("lesson"), lesson);

    QString error;
    const std::optional<SessionDocument> read =
        sessionFromJson(QJsonDocument(root).toJson(), QStringLiteral("bad.losslens"), &error);
    QVERIFY2(read, qPrintable(error));
    QVERIFY(!resolveLessonSteps(*read, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("MSE against MAE with one outlier")), qPrintable(error));

    // The window rejects the lesson before it replaces the session.
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("bad.losslens"));
    QVERIFY(writeSessionFile(path, *read, &error));
    MainWindow window;
    // openLesson() would show a message box, which blocks, so the window is checked through
    // applySessionDocument(), which logs the problem and opens no lesson.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("lesson not opened")));
    window.applySessionDocument(*read);
    QVERIFY(window.lessonDock()->isHidden());
    QVERIFY(!window.lessonPanel()->isOpen());
}

void TestLessons::plainSessionEndsLesson()
{
    MainWindow window;
    const SessionDocument plain = window.sessionDocument();
    QVERIFY(window.openLesson(bundledLessons()[2].resourcePath));
    QVERIFY(window.lessonPanel()->isOpen());
    window.applySessionDocument(plain);
    QVERIFY(!window.lessonPanel()->isOpen());
    QVERIFY(window.lessonDock()->isHidden());
    // Opening the lesson's file as a session starts the lesson, as the Lessons menu does.
    window.applySessionDocument(lessonDocument(bundledLessons()[2].resourcePath));
    QVERIFY(window.lessonPanel()->isOpen());
    QCOMPARE(window.lessonPanel()->stepIndex(), 0);
}

void TestLessons::lessonNeverSavedOverSessionFile()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("mine.losslens"));
    MainWindow window;
    QString error;
    QVERIFY2(window.sessionFiles()->save(path, &error), qPrintable(error));
    QCOMPARE(window.sessionFiles()->path(), path);
    QVERIFY(window.openLesson(bundledLessons()[0].resourcePath));
    // Save now prompts for a name instead of writing the lesson over the user's file.
    QVERIFY(window.sessionFiles()->path().isEmpty());
}

void TestLessons::startPageOpensLesson()
{
    MainWindow window;
    window.showStartPage();
    StartPage *page = window.startPage();
    QVERIFY(page);
    QVERIFY(page->isVisible());
    QCOMPARE(page->lessonList()->count(), static_cast<int>(bundledLessons().size()));
    page->lessonList()->setCurrentRow(6);
    page->startLessonButton()->click();
    QVERIFY(!page->isVisible());
    QVERIFY(window.lessonPanel()->isOpen());
    QCOMPARE(window.lessonPanel()->lesson().title, bundledLessons()[6].title);

    window.showStartPage();
    page->exploreButton()->click();
    QVERIFY(!page->isVisible());
    // Start exploring changes nothing: the lesson stays open.
    QVERIFY(window.lessonPanel()->isOpen());
}


void TestLessons::stepButtonsStayInPlace_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QSize>("windowSize");
    // The window's default size and a larger one.
    // TODO: add 1280 by 800, where steps that hide views change the dock's width. There the dock
    // is 225 px wide, narrower than the panel's minimum of 240 px, which the scroll area around
    // the panel does not pass on to the dock, so the panel's right edge is cut off.
    for (const QSize &size : {QSize(1500, 960), QSize(1600, 1000)}) {
        for (const BundledLesson &lesson : bundledLessons()) {
            const QString row = QStringLiteral("%1 %2x%3")
                                    .arg(QFileInfo(lesson.resourcePath).baseName())
                                    .arg(size.width())
                                    .arg(size.height());
            QTest::newRow(qPrintable(row)) << lesson.resourcePath << size;
        }
    }
}

// Back and Next keep their place in the window on every step, forwards and back, so a teacher
// can click through a lesson without moving the mouse.
void TestLessons::stepButtonsStayInPlace()
{
    QFETCH(QString, path);
    QFETCH(QSize, windowSize);
    MainWindow window;
    window.resize(windowSize);
    // Opened before the window shows, as the command line's --session does.
    QVERIFY(window.openLesson(path));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    LessonPanel *panel = window.lessonPanel();
    const auto settle = [] {
        // The dock and the scroll areas lay out in posted events, some posted by others.
        for (int i = 0; i < 3; ++i)
            QCoreApplication::processEvents();
    };
    const auto placeOf = [&window](QPushButton *button) {
        return QRect(button->mapTo(&window, QPoint(0, 0)), button->size());
    };
    settle();
    const QRect back = placeOf(panel->backButton());
    const QRect next = placeOf(panel->nextButton());
    QVERIFY2(window.rect().contains(next),
             qPrintable(QStringLiteral("Next at (%1, %2) %3x%4 in a window of %5x%6, the panel "
                                       "%7 px wide in a dock of %8 px")
                            .arg(next.x())
                            .arg(next.y())
                            .arg(next.width())
                            .arg(next.height())
                            .arg(window.width())
                            .arg(window.height())
                            .arg(panel->width())
                            .arg(window.lessonDock()->width())));
    QVERIFY(!panel->nextButton()->visibleRegion().isEmpty());
    QVERIFY(!panel->backButton()->visibleRegion().isEmpty());
    const auto checkPlace = [&](int step) {
        const QByteArray where = QStringLiteral("step %1").arg(step + 1).toUtf8();
        QVERIFY2(panel->stepIndex() == step, where.constData());
        const auto describe = [&where](const QRect &actual, const QRect &expected) {
            return QStringLiteral("%1: at (%2, %3) %4x%5, on step 1 at (%6, %7) %8x%9")
                .arg(QString::fromUtf8(where))
                .arg(actual.x())
                .arg(actual.y())
                .arg(actual.width())
                .arg(actual.height())
                .arg(expected.x())
                .arg(expected.y())
                .arg(expected.width())
                .arg(expected.height())
                .toUtf8();
        };
        QVERIFY2(placeOf(panel->backButton()) == back,
                 describe(placeOf(panel->backButton()), back).constData());
        QVERIFY2(placeOf(panel->nextButton()) == next,
                 describe(placeOf(panel->nextButton()), next).constData());
        QVERIFY2(panel->nextButton()->visibleRegion().boundingRect() == panel->nextButton()->rect(),
                 where.constData());
    };
    for (int k = 1; k < panel->stepCount(); ++k) {
        QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
        settle();
        checkPlace(k);
        if (QTest::currentTestFailed())
            return;
    }
    for (int k = panel->stepCount() - 2; k >= 0; --k) {
        QTest::mouseClick(panel->backButton(), Qt::LeftButton);
        settle();
        checkPlace(k);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestLessons::landscapeSubtitleFits_data()
{
    QTest::addColumn<QString>("path");
    for (const BundledLesson &lesson : bundledLessons())
        QTest::newRow(qPrintable(lesson.resourcePath)) << lesson.resourcePath;
}

// The landscape's title and subtitle (the minimum and its note) fit the plot's width on every
// step with the lesson panel open, at the window's default size.
void TestLessons::landscapeSubtitleFits()
{
    QFETCH(QString, path);
    MainWindow window;
    window.resize(1500, 960);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openLesson(path));
    LessonPanel *panel = window.lessonPanel();
    QCustomPlot *plot = window.landscapeView()->plot();
    auto *title = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(0, 0));
    auto *subtitle = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(1, 0));
    QVERIFY(title);
    QVERIFY(subtitle);
    for (int k = 0; k < panel->stepCount(); ++k) {
        panel->goToStep(k);
        window.training()->pause();
        if (window.landscapeView()->isHidden())
            continue;
        QTRY_VERIFY_WITH_TIMEOUT(window.landscapeView()->result() &&
                                     window.landscapeView()->result()->hasMinimum &&
                                     !window.landscapeView()->isComputing(),
                                 20000);
        QCoreApplication::processEvents();
        for (QCPTextElement *element : {title, subtitle}) {
            const QFontMetrics metrics(element->font());
            const int textWidth =
                metrics.boundingRect(QRect(), Qt::TextDontClip, element->text()).width();
            QVERIFY2(textWidth <= plot->width(),
                     qPrintable(QStringLiteral("step %1: \"%2\" is %3 px wide in a plot of %4 px")
                                    .arg(k + 1)
                                    .arg(element->text())
                                    .arg(textWidth)
                                    .arg(plot->width())));
        }
        QVERIFY2(!subtitle->text().isEmpty(), qPrintable(QString::number(k + 1)));
    }
}

// Where every run trains with its own optimizer, the optimizer panel shows the selected run's,
// so it agrees with the step's text, which names the runs' optimizers.
void TestLessons::sessionOptimizerIsSelectedRuns()
{
    QStringList mismatches;
    for (const BundledLesson &lesson : bundledLessons()) {
        const SessionDocument document = lessonDocument(lesson.resourcePath);
        QString error;
        const std::optional<std::vector<ResolvedLessonStep>> steps =
            resolveLessonSteps(document, &error);
        QVERIFY2(steps, qPrintable(error));
        for (size_t k = 0; k < steps->size(); ++k) {
            const SessionState &state = (*steps)[k].document.state;
            const bool allOwn =
                !state.runs.empty() &&
                std::all_of(state.runs.begin(), state.runs.end(),
                            [](const RunEntry &run) { return run.optimizer.has_value(); });
            if (!allOwn || state.selectedRun < 0)
                continue;
            const OptimizerSettings &selected = *state.runs[state.selectedRun].optimizer;
            if (!(state.optimizer == selected)) {
                mismatches << QStringLiteral("%1 step %2: the panel shows %3, the selected run "
                                             "trains with %4")
                                  .arg(lesson.resourcePath)
                                  .arg(k + 1)
                                  .arg(state.optimizer.spec(), selected.spec());
            }
        }
    }
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestLessons)
#include "tst_lessons.moc"
