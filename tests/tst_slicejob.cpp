// The model slices computation and its window's handling of long work. A long training run is
// thinned to a bounded path that the results and the job's cache share, and a zoom reuses it
// without copying. Closing or hiding the window stops the computation, and so do Cancel and Esc
// while a busy indicator shows. Also: Ctrl+W, the loss's name inside the title, and the
// messages for data that a linear model with several features cannot use.

#include "widgetgrab.h"
#include "core/csvreader.h"
#include "core/losscatalogue.h"
#include "ui/lossinfo.h"
#include "ui/slicecontrols.h"
#include "ui/sliceheatmap.h"
#include "ui/slicejob.h"
#include "ui/slicewindow.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QThreadPool>
#include <QtTest>

#include <algorithm>
#include <random>

using namespace losslens;

namespace {

// Data of count rows and featureCount features drawn from a fixed seed, with a target that
// depends on every feature, so that training moves every weight.
std::shared_ptr<const MultiFeatureData> randomData(int count, int featureCount, bool labels)
{
    std::mt19937_64 generator(7);
    std::normal_distribution<double> normal;
    auto data = std::make_shared<MultiFeatureData>();
    data->features.resize(count, featureCount);
    data->target.resize(count);
    for (int i = 0; i < count; ++i) {
        double sum = 0.0;
        for (int j = 0; j < featureCount; ++j) {
            data->features(i, j) = normal(generator);
            sum += (j % 3 - 1) * data->features(i, j);
        }
        const double noisy = sum + 0.5 * normal(generator);
        data->target[i] = labels ? double(noisy > 0.0) : noisy;
    }
    for (int j = 0; j < featureCount; ++j)
        data->featureNames << QStringLiteral("x%1").arg(j + 1);
    data->targetName = QStringLiteral("y");
    return data;
}

std::shared_ptr<const LinearModelObjective> objectiveFor(const QString &lossSpec,
                                                         std::shared_ptr<const MultiFeatureData> data)
{
    QString error;
    std::shared_ptr<const Loss> loss = LossCatalogue::parse(lossSpec, &error);
    return std::make_shared<const LinearModelObjective>(std::move(data), std::move(loss), true);
}

// A CSV table of the given text, as the window reads one.
CsvTable table(const QByteArray &text)
{
    CsvError error;
    std::optional<CsvTable> parsed = parseCsv(text, QStringLiteral("test.csv"), &error);
    if (!parsed)
        qFatal("test table rejected: %s", qPrintable(error.message));
    return std::move(*parsed);
}

// rowCount rows of five features and a target: enough work per training step that a run of a
// million steps takes minutes, so a test finds it still running.
CsvTable slowTable(int rowCount)
{
    std::mt19937_64 generator(3);
    std::normal_distribution<double> normal;
    QByteArray text = "x1,x2,x3,x4,x5,y\n";
    for (int i = 0; i < rowCount; ++i) {
        double sum = 0.0;
        for (int j = 0; j < 5; ++j) {
            const double value = normal(generator);
            sum += value;
            text += QByteArray::number(value, 'g', 6) + ',';
        }
        text += QByteArray::number(sum + normal(generator), 'g', 6) + '\n';
    }
    return table(text);
}

bool hasCompleteResult(const SliceWindow &window)
{
    return window.result() && window.result()->complete && !window.isComputing();
}

// Whether the thread pool, which runs SliceJob's computations, has nothing running.
bool threadPoolIdle()
{
    return QThreadPool::globalInstance()->activeThreadCount() == 0;
}

void saveGrab(QWidget &window, const QString &name)
{
    losslens::test::saveGrab(window, "LOSSLENS_SLICE_GRAB_DIRECTORY", name);
}

// The heat map's title: the label above the map that starts with "Mean ".
QString heatMapTitle(const SliceWindow &window)
{
    for (const QLabel *label : window.heatMap()->findChildren<QLabel *>()) {
        if (label->text().startsWith(QStringLiteral("Mean ")))
            return label->text();
    }
    return {};
}

} // namespace

class SliceJobTest : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();

    void thinnedPathKeepsEndsAndCounts();
    void shortPathIsKeptWhole();
    void longRunKeepsBoundedPath();
    void zoomSharesThePath();
    void stoppedCoarseResultReported();
    void progressCountsGridRows();

    void closingStopsTheComputation();
    void hidingStopsAndShowingResumes();
    void busyIndicatorAndCancel();
    void dataProblemReplacesStoppedNote();
    void escapeCancelsThenCloses();
    void closeShortcutClosesTheWindow();

    void lossNameInSentenceCase_data();
    void lossNameInSentenceCase();
    void titleUsesSentenceCase();

    void oneRowSpeaksOfTheModel();
    void constantColumnSpeaksOfTheModel();

private:
    // A shown window on slowTable's data whose first result has arrived.
    void openSlowWindow(int rowCount = 20000);
    // Starts a run of a million steps on the window's data.
    void startLongRun();

    SliceWindow *m_window = nullptr;
};

void SliceJobTest::cleanup()
{
    delete m_window;
    m_window = nullptr;
    // A test that failed may leave work that stops only now; the next one starts idle.
    QTRY_VERIFY_WITH_TIMEOUT(threadPoolIdle(), 10000);
}

void SliceJobTest::openSlowWindow(int rowCount)
{
    m_window = new SliceWindow(QStringLiteral("mse"));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->openTable(slowTable(rowCount), QStringLiteral("slow.csv"), QStringLiteral("y"));
    QVERIFY2(m_window->message().isEmpty(), qPrintable(m_window->message()));
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window), 20000);
}

void SliceJobTest::startLongRun()
{
    m_window->controls()->stepLimitBox()->setValue(1'000'000);
    QVERIFY(m_window->isComputing());
    // Training has started once the pool runs the job.
    QTRY_VERIFY_WITH_TIMEOUT(!threadPoolIdle(), 5000);
}

void SliceJobTest::thinnedPathKeepsEndsAndCounts()
{
    // A path of 100,000 recorded updates in two parameters, theta_k = (k, -k), loss 1 / (k + 1),
    // that diverged at the next update.
    LinearTrainingPath path;
    const int updates = 100'000;
    for (int k = 0; k <= updates; ++k) {
        path.thetas.push_back(Eigen::Vector2d(k, -k));
        path.losses.push_back(1.0 / (k + 1));
    }
    path.status = LinearTrainingStatus::Diverged;
    path.divergedAt = updates + 1;
    path.divergedLoss = 1e300;

    const SlicePath thin = SlicePath::thinned(path);
    QCOMPARE(thin.thetas.size(), std::size_t(slicePathPointLimit));
    QCOMPARE(thin.losses.size(), thin.thetas.size());
    QCOMPARE(thin.steps.size(), thin.thetas.size());
    // The counts, the status and the divergence are the whole run's.
    QCOMPARE(thin.stepCount(), updates);
    QCOMPARE(thin.stepsTaken(), updates + 1);
    QCOMPARE(thin.status, LinearTrainingStatus::Diverged);
    QCOMPARE(thin.divergedAt, updates + 1);
    QCOMPARE(thin.divergedLoss, 1e300);
    // The start and the end are kept exactly.
    QCOMPARE(thin.start(), path.start());
    QCOMPARE(thin.end(), path.end());
    QCOMPARE(thin.losses.front(), path.losses.front());
    QCOMPARE(thin.losses.back(), path.losses.back());
    QCOMPARE(thin.steps.front(), 0);
    QCOMPARE(thin.steps.back(), updates);
    // Every kept point is the recorded one of its step, and the steps are evenly spaced:
    // k_i = round(i n / 2000), 50 apart here.
    for (std::size_t i = 0; i < thin.steps.size(); ++i) {
        const int step = thin.steps[i];
        QCOMPARE(step, int(std::llround(double(i) * updates / (slicePathPointLimit - 1))));
        QCOMPARE(thin.thetas[i], path.thetas[std::size_t(step)]);
        QCOMPARE(thin.losses[i], path.losses[std::size_t(step)]);
    }

    // An uneven ratio: 4,999 updates into 11 points, still increasing from 0 to 4,999.
    path.thetas.resize(5000);
    path.losses.resize(5000);
    const SlicePath eleven = SlicePath::thinned(path, 11);
    QCOMPARE(eleven.steps.size(), std::size_t(11));
    QCOMPARE(eleven.steps.front(), 0);
    QCOMPARE(eleven.steps.back(), 4999);
    for (std::size_t i = 1; i < eleven.steps.size(); ++i) {
        const int gap = eleven.steps[i] - eleven.steps[i - 1];
        QVERIFY2(gap == 500 || gap == 499, qPrintable(QString::number(gap)));
    }
}

void SliceJobTest::shortPathIsKeptWhole()
{
    LinearTrainingPath path;
    for (int k = 0; k <= 300; ++k) {
        path.thetas.push_back(Eigen::Vector3d(k, 2 * k, 1));
        path.losses.push_back(k);
    }
    path.status = LinearTrainingStatus::Converged;
    const SlicePath thin = SlicePath::thinned(path);
    QCOMPARE(thin.thetas.size(), path.thetas.size());
    QCOMPARE(thin.stepCount(), 300);
    QCOMPARE(thin.status, LinearTrainingStatus::Converged);
    for (std::size_t k = 0; k < path.thetas.size(); ++k) {
        QCOMPARE(thin.steps[k], int(k));
        QCOMPARE(thin.thetas[k], path.thetas[k]);
    }
    // A copy shares the points instead of copying them.
    const SlicePath copy = thin;
    QCOMPARE(&copy.thetas.values(), &thin.thetas.values());
}

void SliceJobTest::longRunKeepsBoundedPath()
{
    // 20,000 steps of a 51-parameter model: the result keeps at most slicePathPointLimit points,
    // and its summary still counts every step.
    const auto objective = objectiveFor(QStringLiteral("bce"), randomData(200, 50, true));
    SliceSettings settings;
    settings.learningRate = 0.01;
    settings.stepLimit = 20'000;
    settings.mode = SliceMode::RandomDirections;
    std::optional<SliceResult> result = computeSliceResult(objective, settings, 21);
    QVERIFY(result);
    QCOMPARE(result->path.stepCount(), 20'000);
    QVERIFY2(result->path.thetas.size() <= std::size_t(slicePathPointLimit),
             qPrintable(QString::number(result->path.thetas.size())));
    QCOMPARE(result->projectedPath.size(), result->path.thetas.size());
    // The profile runs from the start to the end of the whole run.
    const Eigen::VectorXd start = Eigen::VectorXd::Zero(objective->parameterCount());
    QCOMPARE(result->path.start(), start);
    const double startLoss = objective->value(start);
    QVERIFY(std::abs(result->profile[50] - startLoss) <= 1e-12 * startLoss);
    QCOMPARE(result->path.losses.front(), startLoss);
    QVERIFY(std::abs(result->profile[150] - result->path.losses.back()) <=
            1e-12 * std::abs(result->path.losses.back()));

    // The heat map's summary counts the whole run's steps.
    SliceHeatMap heatMap;
    heatMap.resize(800, 600);
    heatMap.show();
    heatMap.showResult(std::make_shared<const SliceResult>(std::move(*result)));
    QVERIFY2(heatMap.summary().startsWith(QStringLiteral("20000 steps")),
             qPrintable(heatMap.summary()));
}

void SliceJobTest::stoppedCoarseResultReported()
{
    const auto objective = objectiveFor(QStringLiteral("mse"), randomData(50, 3, false));
    std::optional<SliceResult> result = computeSliceResult(objective, SliceSettings{}, 11);
    QVERIFY(result);
    result->complete = false;
    SliceHeatMap heatMap;
    heatMap.resize(800, 600);
    heatMap.show();
    heatMap.showResult(std::make_shared<const SliceResult>(*result));
    QVERIFY2(heatMap.summary().contains(QStringLiteral("refining")), qPrintable(heatMap.summary()));
    // A stop before the full grid leaves the coarse one as the final picture.
    heatMap.markRefinementStopped();
    QVERIFY2(!heatMap.summary().contains(QStringLiteral("refining")),
             qPrintable(heatMap.summary()));
    QVERIFY2(heatMap.summary().contains(QStringLiteral("stopped before the full one")),
             qPrintable(heatMap.summary()));
    // The next result, coarse or not, starts afresh.
    heatMap.showResult(std::make_shared<const SliceResult>(*result));
    QVERIFY(heatMap.summary().contains(QStringLiteral("refining")));
    result->complete = true;
    heatMap.showResult(std::make_shared<const SliceResult>(*result));
    heatMap.markRefinementStopped();
    QVERIFY(!heatMap.summary().contains(QStringLiteral("coarse")));
}

void SliceJobTest::zoomSharesThePath()
{
    const auto objective = objectiveFor(QStringLiteral("bce"), randomData(200, 50, true));
    SliceSettings settings;
    settings.learningRate = 0.01;
    settings.stepLimit = 5000;
    settings.mode = SliceMode::RandomDirections;
    SliceJob job;
    std::vector<std::shared_ptr<const SliceResult>> results;
    connect(&job, &SliceJob::resultReady, this,
            [&](std::shared_ptr<const SliceResult> result) { results.push_back(result); });
    job.request(objective, settings, 61);
    QTRY_VERIFY_WITH_TIMEOUT(!job.isBusy(), 20000);
    QCOMPARE(results.size(), std::size_t(2));
    const std::shared_ptr<const SliceResult> first = results.back();
    // The coarse and the complete result hold the same points.
    QCOMPARE(results.front()->path.thetas.front().data(), first->path.thetas.front().data());

    // A zoom, which changes the range only, reuses the cached path without copying it.
    results.clear();
    settings.range = SliceRange{-0.5, 0.5, -0.5, 0.5};
    job.request(objective, settings, 61);
    QTRY_VERIFY_WITH_TIMEOUT(!job.isBusy(), 20000);
    QCOMPARE(results.size(), std::size_t(2));
    const std::shared_ptr<const SliceResult> zoomed = results.back();
    QCOMPARE(zoomed->path.thetas.front().data(), first->path.thetas.front().data());
    QCOMPARE(zoomed->path.thetas.back().data(), first->path.thetas.back().data());
    QCOMPARE(zoomed->path.stepCount(), first->path.stepCount());
    QCOMPARE(zoomed->projectedPath, first->projectedPath);
    QCOMPARE(zoomed->slice.grid.slopeMinimum, -0.5);
}

void SliceJobTest::closingStopsTheComputation()
{
    openSlowWindow();
    startLongRun();
    QVERIFY(m_window->close());
    QVERIFY(!m_window->isComputing());
    // The work stops within one training update, far below the run's minutes.
    QTRY_VERIFY_WITH_TIMEOUT(threadPoolIdle(), 2000);
}

void SliceJobTest::hidingStopsAndShowingResumes()
{
    openSlowWindow();
    m_window->controls()->stepLimitBox()->setValue(3000);
    QVERIFY(m_window->isComputing());
    m_window->hide();
    QVERIFY(!m_window->isComputing());
    QTRY_VERIFY_WITH_TIMEOUT(threadPoolIdle(), 2000);
    // Shown again, the window computes the slice of its settings.
    m_window->show();
    QVERIFY(m_window->isComputing());
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window), 60000);
    QCOMPARE(m_window->result()->settings.stepLimit, 3000);
}

void SliceJobTest::busyIndicatorAndCancel()
{
    openSlowWindow();
    QVERIFY(!m_window->busyIndicator()->isVisibleTo(m_window));
    QVERIFY(!m_window->cancelButton()->isEnabled());
    QVERIFY(m_window->status().isEmpty());
    const std::shared_ptr<const SliceResult> before = m_window->result();

    startLongRun();
    QVERIFY(m_window->busyIndicator()->isVisibleTo(m_window));
    QVERIFY(m_window->cancelButton()->isEnabled());
    QVERIFY2(m_window->status().contains(QStringLiteral("Computing")),
             qPrintable(m_window->status()));
    QVERIFY(m_window->cancelButton()->toolTip().contains(QStringLiteral("Esc")));
    saveGrab(*m_window, QStringLiteral("slices-computing.png"));

    QTest::mouseClick(m_window->cancelButton(), Qt::LeftButton);
    QVERIFY(!m_window->isComputing());
    QVERIFY(!m_window->busyIndicator()->isVisibleTo(m_window));
    QVERIFY(!m_window->cancelButton()->isEnabled());
    QVERIFY2(m_window->status().contains(QStringLiteral("Stopped")),
             qPrintable(m_window->status()));
    QTRY_VERIFY_WITH_TIMEOUT(threadPoolIdle(), 2000);
    // The plots keep the last slice, and the window stays open.
    QCOMPARE(m_window->result(), before);
    QVERIFY(m_window->isVisible());
    saveGrab(*m_window, QStringLiteral("slices-stopped.png"));

    // The next change computes again and clears the note.
    m_window->controls()->stepLimitBox()->setValue(50);
    QVERIFY(m_window->status().contains(QStringLiteral("Computing")));
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window), 20000);
    QVERIFY(m_window->status().isEmpty());
    QVERIFY(!m_window->busyIndicator()->isVisibleTo(m_window));
}

void SliceJobTest::dataProblemReplacesStoppedNote()
{
    openSlowWindow();
    startLongRun();
    QTest::mouseClick(m_window->cancelButton(), Qt::LeftButton);
    QVERIFY(m_window->status().contains(QStringLiteral("Stopped")));
    // A data problem found next replaces the note, so the two do not contradict each other.
    m_window->openTable(table("a,b,y\n1,7,3\n2,7,5\n3,7,4\n"), QStringLiteral("constant.csv"),
                        QStringLiteral("y"));
    QVERIFY2(m_window->message().contains(QStringLiteral("every row has the same b")),
             qPrintable(m_window->message()));
    QVERIFY2(m_window->status().isEmpty(), qPrintable(m_window->status()));
}

void SliceJobTest::escapeCancelsThenCloses()
{
    openSlowWindow();
    startLongRun();
    // Esc while busy stops the computation and leaves the window open.
    QTest::keyClick(m_window, Qt::Key_Escape);
    QVERIFY(!m_window->isComputing());
    QVERIFY(m_window->isVisible());
    QVERIFY(m_window->status().contains(QStringLiteral("Stopped")));
    QTRY_VERIFY_WITH_TIMEOUT(threadPoolIdle(), 2000);
    // Esc with nothing to stop closes the window.
    QTest::keyClick(m_window, Qt::Key_Escape);
    QVERIFY(!m_window->isVisible());
}

void SliceJobTest::closeShortcutClosesTheWindow()
{
    openSlowWindow();
    startLongRun();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    const QKeySequence close(QKeySequence::Close);
    QVERIFY(!close.isEmpty());
    QTest::keySequence(m_window, close);
    QVERIFY(!m_window->isVisible());
    QVERIFY(!m_window->isComputing());
    QTRY_VERIFY_WITH_TIMEOUT(threadPoolIdle(), 2000);

    // Ctrl+W itself, whatever the platform lists first for Close.
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    QTest::keyClick(m_window, Qt::Key_W, Qt::ControlModifier);
    QVERIFY(!m_window->isVisible());
}

void SliceJobTest::lossNameInSentenceCase_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bce") << "bce" << "binary cross-entropy";
    QTest::newRow("mse") << "mse" << "MSE";
    QTest::newRow("mae") << "mae" << "MAE";
    QTest::newRow("huber") << "huber" << "Huber";
    QTest::newRow("barron") << "barron" << "Barron";
    QTest::newRow("cauchy") << "cauchy" << "Cauchy";
    QTest::newRow("welsch") << "welsch" << "Welsch";
    QTest::newRow("tukey") << "tukey" << "Tukey biweight";
    QTest::newRow("geman-mcclure") << "geman_mcclure" << "Geman-McClure";
    QTest::newRow("log-cosh") << "logcosh" << "log-cosh";
    QTest::newRow("smooth l1") << "smooth_l1" << "smooth L1";
    QTest::newRow("hinge") << "hinge" << "hinge";
    QTest::newRow("modified huber") << "modified_huber" << "modified Huber";
}

void SliceJobTest::lossNameInSentenceCase()
{
    QFETCH(QString, spec);
    QFETCH(QString, expected);
    QString error;
    const std::unique_ptr<Loss> loss = LossCatalogue::parse(spec, &error);
    QVERIFY2(loss, qPrintable(error));
    QCOMPARE(lossNameInSentence(*loss), expected);
}

void SliceJobTest::titleUsesSentenceCase()
{
    CsvTable labelled = table("a,b,c,y\n1,2,0.5,0\n2,1,0.1,1\n3,5,0.7,0\n4,3,0.2,1\n5,4,0.9,1\n");
    m_window = new SliceWindow(QStringLiteral("bce"));
    m_window->show();
    m_window->openTable(std::move(labelled), QStringLiteral("labels.csv"), QStringLiteral("y"));
    QVERIFY2(m_window->message().isEmpty(), qPrintable(m_window->message()));
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window), 20000);
    QCOMPARE(heatMapTitle(*m_window),
             QStringLiteral("Mean binary cross-entropy over two parameters through the end of "
                            "training"));
}

void SliceJobTest::oneRowSpeaksOfTheModel()
{
    m_window = new SliceWindow(QStringLiteral("mse"));
    m_window->openTable(table("a,b,c,y\n1,2,3,4\n"), QStringLiteral("one.csv"),
                        QStringLiteral("y"));
    const QString message = m_window->message();
    QVERIFY2(message.contains(QStringLiteral("a linear model with 3 features needs at least 2 "
                                             "rows")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("but the data has 1.")), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("a line ")), qPrintable(message));
}

void SliceJobTest::constantColumnSpeaksOfTheModel()
{
    m_window = new SliceWindow(QStringLiteral("mse"));
    m_window->openTable(table("a,b,c,y\n1,7,3,4\n2,7,1,5\n3,7,2,7\n"),
                        QStringLiteral("constant.csv"), QStringLiteral("y"));
    const QString message = m_window->message();
    QVERIFY2(message.contains(QStringLiteral("every row has the same b (7), so the weight w(b) of "
                                             "a linear model with 3 features is undetermined")),
             qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("slope of a line")), qPrintable(message));

    // Problems of a row keep their own wording, which names the line of the file.
    m_window->openTable(table("a,b,c,y\n1,7,3,4\n2,x,1,5\n"), QStringLiteral("bad.csv"),
                        QStringLiteral("y"));
    QVERIFY2(m_window->message().contains(QStringLiteral("line 3")),
             qPrintable(m_window->message()));
}

void SliceJobTest::progressCountsGridRows()
{
    const auto objective = objectiveFor(QStringLiteral("mse"), randomData(2000, 20, false));
    SliceSettings settings;
    settings.mode = SliceMode::RandomDirections;
    SliceJob job;
    std::vector<int> reported;
    int rowCount = 0;
    connect(&job, &SliceJob::progressChanged, this, [&](int rowsDone, int total) {
        reported.push_back(rowsDone);
        rowCount = total;
    });
    job.request(objective, settings, 101);
    QTRY_VERIFY_WITH_TIMEOUT(!job.isBusy(), 20000);
    // The coarse grid's 41 rows and the full grid's 101, counted up without going back.
    QCOMPARE(rowCount, SliceJob::coarseResolution + 101);
    QCOMPARE(rowCount, sliceRowCount(101, SliceJob::coarseResolution));
    QVERIFY(!reported.empty());
    QVERIFY(std::is_sorted(reported.begin(), reported.end()));
    QCOMPARE(reported.back(), rowCount);
    // A grid no finer than the coarse one has no coarse pass.
    QCOMPARE(sliceRowCount(41, SliceJob::coarseResolution), 41);
}

QTEST_MAIN(SliceJobTest)
#include "tst_slicejob.moc"
