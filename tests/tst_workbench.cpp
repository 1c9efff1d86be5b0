// The robustness workbench, offscreen. It opens from the View menu with one row per ticked
// regression loss. Its fits equal findMinimum() started as the landscape view starts it, and the
// landscape view's own marked minimum. The points carry the weights of each loss, and the table
// follows parameter, selection and data changes. The breakdown sweep runs to its end or is
// cancelled. With LOSSLENS_WORKBENCH_GRAB_DIRECTORY set, it also saves a screenshot.

#include "numericcheck.h"

#include "core/breakdownsweep.h"
#include "core/landscape.h"
#include "core/minimizer.h"
#include "core/syntheticdata.h"
#include "ui/landscapeview.h"
#include "ui/mainwindow.h"
#include "ui/weightedscatter.h"
#include "ui/workbenchsweepview.h"
#include "ui/workbenchweightplots.h"
#include "ui/workbenchwindow.h"

#include <qcustomplot.h>

#include <QAction>
#include <QDoubleSpinBox>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

#include <cmath>

using namespace losslens;

namespace {

// The minimum as the landscape view finds it, spelled out: the best node of the automatic
// 161 x 161 grid around the session's start, then findMinimum().
LineParameters directFit(const SessionModel &model, int lossIndex, MinimumResult *result = nullptr)
{
    const auto objective = model.objective(lossIndex);
    const LandscapeGrid grid =
        automaticGrid(*objective, model.startTheta(), LandscapeView::resolution);
    const std::optional<Landscape> landscape = computeLandscape(*objective, grid);
    Eigen::Index row = 0, column = 0;
    landscape->values.minCoeff(&row, &column);
    const MinimumResult minimum = findMinimum(
        *objective, Eigen::Vector2d(grid.slopeAt(int(row)), grid.interceptAt(int(column))));
    if (result)
        *result = minimum;
    return objective->toDataUnits(minimum.theta);
}

QAction *findAction(QMainWindow &window, const QString &text)
{
    for (QAction *menu : window.menuBar()->actions()) {
        for (QAction *action : menu->menu()->actions()) {
            if (action->text() == text)
                return action;
        }
    }
    return nullptr;
}

// Waits until every row shows the fit of the model's current objective.
bool waitForFits(WorkbenchWindow &workbench, SessionModel &model)
{
    return QTest::qWaitFor(
        [&] {
            if (workbench.isFitting())
                return false;
            for (int row = 0; row < workbench.fitTable()->rowCount(); ++row) {
                const auto fit = workbench.fitAt(row);
                if (!fit || fit->objective != model.objective(workbench.lossIndexAt(row)))
                    return false;
            }
            return true;
        },
        30000);
}

int enabledRegressionLosses(const SessionModel &model)
{
    int count = 0;
    for (int index = 0; index < model.lossCount(); ++index) {
        const LossEntry &entry = model.lossEntry(index);
        count += entry.enabled && entry.loss->kind() == LossKind::Regression;
    }
    return count;
}

double cellValue(const WorkbenchWindow &workbench, int row, WorkbenchWindow::Column column)
{
    bool ok = false;
    const double value = workbench.fitTable()->item(row, column)->text().toDouble(&ok);
    return ok ? value : std::nan("");
}

int rowOf(const WorkbenchWindow &workbench, int lossIndex)
{
    for (int row = 0; row < workbench.fitTable()->rowCount(); ++row) {
        if (workbench.lossIndexAt(row) == lossIndex)
            return row;
    }
    return -1;
}

} // namespace

class TestWorkbench : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void opensFromViewMenu();
    void fitsEqualFindMinimum();
    void matchesLandscapeMinimum();
    void weightsOfEachLoss();
    void followsParameterChange();
    void followsSelectionAndData();
    void sweepRunsToEnd();
    void sweepCancels();
    void sweepBoxesReportRange();
    void screenshotWithSweep();

private:
    MainWindow *m_window = nullptr;
    WorkbenchWindow *m_workbench = nullptr;
};

void TestWorkbench::init()
{
    m_window = new MainWindow;
    m_window->show();
    QAction *action = findAction(*m_window, QStringLiteral("&Robustness workbench…"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    action->trigger();
    m_workbench = m_window->workbenchWindow();
    QVERIFY(m_workbench);
    QVERIFY(waitForFits(*m_workbench, *m_window->model()));
}

void TestWorkbench::cleanup()
{
    delete m_window;
    m_window = nullptr;
    m_workbench = nullptr;
}

void TestWorkbench::opensFromViewMenu()
{
    QVERIFY(m_workbench->isVisible());
    // The default session ticks MSE and Huber.
    QCOMPARE(m_workbench->fitTable()->rowCount(), enabledRegressionLosses(*m_window->model()));
    QCOMPARE(m_workbench->fitTable()->rowCount(), 2);
    QCOMPARE(m_workbench->weightPlots()->plotCount(), 2);
    // Opening it again raises the same window.
    findAction(*m_window, QStringLiteral("&Robustness workbench…"))->trigger();
    QCOMPARE(m_window->workbenchWindow(), m_workbench);

    const QString directory = qEnvironmentVariable("LOSSLENS_WORKBENCH_GRAB_DIRECTORY");
    if (!directory.isEmpty())
        QVERIFY(m_workbench->grab().save(QDir(directory).filePath("workbench.png")));
}

void TestWorkbench::fitsEqualFindMinimum()
{
    SessionModel &model = *m_window->model();
    for (int row = 0; row < m_workbench->fitTable()->rowCount(); ++row) {
        const int lossIndex = m_workbench->lossIndexAt(row);
        MinimumResult expected;
        const LineParameters line = directFit(model, lossIndex, &expected);
        const auto fit = m_workbench->fitAt(row);
        // The same computation on the same objective, so the same doubles.
        COMPARE_NEAR(fit->line.slope, line.slope, 0.0);
        COMPARE_NEAR(fit->line.intercept, line.intercept, 0.0);
        COMPARE_NEAR(fit->minimum.value, expected.value, 0.0);
        // The table prints 10 significant digits.
        COMPARE_NEAR(cellValue(*m_workbench, row, WorkbenchWindow::SlopeColumn), line.slope,
                     1e-9 * std::abs(line.slope));
        COMPARE_NEAR(cellValue(*m_workbench, row, WorkbenchWindow::InterceptColumn),
                     line.intercept, 1e-9 * std::abs(line.intercept));
        COMPARE_NEAR(cellValue(*m_workbench, row, WorkbenchWindow::MinimumColumn), expected.value,
                     1e-9 * std::abs(expected.value));
        QCOMPARE(m_workbench->fitTable()->item(row, WorkbenchWindow::SearchColumn)->text(),
                 QStringLiteral("global (convex)"));
    }
    // MSE's line is the least-squares line, which Eigen solves directly.
    const int mse = model.lossIndex(QStringLiteral("mse"));
    const auto objective = model.objective(mse);
    const LineParameters leastSquares = objective->toDataUnits(leastSquaresLine(*objective));
    const auto fit = m_workbench->fitAt(rowOf(*m_workbench, mse));
    COMPARE_NEAR(fit->line.slope, leastSquares.slope, 1e-10 * std::abs(leastSquares.slope));
    COMPARE_NEAR(fit->line.intercept, leastSquares.intercept,
                 1e-10 * std::abs(leastSquares.intercept));
}

// Huber is the current loss, so the landscape view marks its minimum too.
void TestWorkbench::matchesLandscapeMinimum()
{
    SessionModel &model = *m_window->model();
    LandscapeView *view = m_window->landscapeView();
    QVERIFY(QTest::qWaitFor([&] { return view->result() && view->result()->complete; }, 30000));
    const int current = model.state().currentLoss;
    const int row = rowOf(*m_workbench, current);
    QVERIFY(row >= 0);
    const LineParameters marked = model.objective(current)->toDataUnits(view->result()->minimum.theta);
    COMPARE_NEAR(m_workbench->fitAt(row)->line.slope, marked.slope, 0.0);
    COMPARE_NEAR(m_workbench->fitAt(row)->line.intercept, marked.intercept, 0.0);
}

// MSE gives every point weight 1; Huber with delta = 1 and scale 1 gives min(1, 1 / |e|).
void TestWorkbench::weightsOfEachLoss()
{
    SessionModel &model = *m_window->model();
    const Dataset &data = model.data();
    for (int row = 0; row < m_workbench->fitTable()->rowCount(); ++row) {
        const auto fit = m_workbench->fitAt(row);
        const WeightedScatter *scatter = m_workbench->weightPlots()->plotAt(row)->scatter();
        QCOMPARE(scatter->pointCount(), int(data.size()));
        const QString name = model.lossEntry(fit->lossIndex).loss->name();
        for (int i = 0; i < scatter->pointCount(); ++i) {
            const double error = fit->line.slope * data.feature[i] + fit->line.intercept -
                                 data.target[i];
            const double expected =
                name == QLatin1String("huber") ? std::min(1.0, 1.0 / std::abs(error)) : 1.0;
            COMPARE_NEAR(scatter->weightAt(i), expected, 1e-12);
        }
    }
    // Some of the stack loss points lie more than 1 from Huber's line, so they fade.
    const int huberRow = rowOf(*m_workbench, model.lossIndex(QStringLiteral("huber")));
    const WeightedScatter *huber = m_workbench->weightPlots()->plotAt(huberRow)->scatter();
    int faded = 0;
    for (int i = 0; i < huber->pointCount(); ++i)
        faded += huber->weightAt(i) < 0.5;
    QVERIFY(faded > 0);
    QVERIFY(huber->colourAt(0).isValid());
    QVERIFY(m_workbench->weightPlots()->plotAt(huberRow)->note().contains(QStringLiteral("ρ''(0)")));
}

void TestWorkbench::followsParameterChange()
{
    SessionModel &model = *m_window->model();
    const int huber = model.lossIndex(QStringLiteral("huber"));
    const int mse = model.lossIndex(QStringLiteral("mse"));
    const auto mseFit = m_workbench->fitAt(rowOf(*m_workbench, mse));
    const LineParameters before = m_workbench->fitAt(rowOf(*m_workbench, huber))->line;
    // Two changes in a row: the first request is cancelled, the second one shown.
    model.setLossParameter(huber, 0, 3.0);
    model.setLossParameter(huber, 0, 0.4);
    QVERIFY(waitForFits(*m_workbench, model));
    const auto fit = m_workbench->fitAt(rowOf(*m_workbench, huber));
    const LineParameters expected = directFit(model, huber);
    COMPARE_NEAR(fit->line.slope, expected.slope, 0.0);
    COMPARE_NEAR(fit->line.intercept, expected.intercept, 0.0);
    QVERIFY(fit->line.slope != before.slope);
    QVERIFY(fit->objective->loss().label().contains(QStringLiteral("delta=0.4")));
    // MSE's objective did not change, so its fit was kept.
    QCOMPARE(m_workbench->fitAt(rowOf(*m_workbench, mse)), mseFit);
}

void TestWorkbench::followsSelectionAndData()
{
    SessionModel &model = *m_window->model();
    const int tukey = model.lossIndex(QStringLiteral("tukey"));
    model.setLossEnabled(tukey, true);
    const int bce = model.lossIndex(QStringLiteral("bce"));
    if (bce >= 0)
        model.setLossEnabled(bce, true);
    QVERIFY(waitForFits(*m_workbench, model));
    // A classification loss gets no row.
    QCOMPARE(m_workbench->fitTable()->rowCount(), 3);
    QCOMPARE(m_workbench->fitTable()->rowCount(), enabledRegressionLosses(model));
    const int row = rowOf(*m_workbench, tukey);
    QCOMPARE(m_workbench->fitTable()->item(row, WorkbenchWindow::SearchColumn)->text(),
             QStringLiteral("local search (non-convex)"));
    const LineParameters expected = directFit(model, tukey);
    COMPARE_NEAR(m_workbench->fitAt(row)->line.slope, expected.slope, 0.0);

    SyntheticSettings settings;
    settings.count = 80;
    settings.outlierFraction = 0.2;
    model.setData(std::make_shared<Dataset>(generateSyntheticData(settings)), QStringLiteral("test"));
    QVERIFY(waitForFits(*m_workbench, model));
    for (int r = 0; r < m_workbench->fitTable()->rowCount(); ++r) {
        QCOMPARE(m_workbench->weightPlots()->plotAt(r)->scatter()->pointCount(), 80);
        const LineParameters line = directFit(model, m_workbench->lossIndexAt(r));
        COMPARE_NEAR(m_workbench->fitAt(r)->line.slope, line.slope, 0.0);
    }
    // Tukey ignores the outliers 20 above the line: a fifth of the points get weight 0.
    const WeightedScatter *scatter = m_workbench->weightPlots()->plotAt(row)->scatter();
    int ignored = 0;
    for (int i = 0; i < scatter->pointCount(); ++i)
        ignored += scatter->weightAt(i) == 0.0;
    QCOMPARE(ignored, 16);
}

void TestWorkbench::sweepRunsToEnd()
{
    WorkbenchSweepView *sweep = m_workbench->sweepView();
    sweep->pointCountBox()->setValue(20);
    sweep->seedCountBox()->setValue(2);
    sweep->stepBox()->setValue(25.0);
    QSignalSpy finished(sweep, &WorkbenchSweepView::sweepFinished);
    QTest::mouseClick(sweep->runButton(), Qt::LeftButton);
    QVERIFY(sweep->isRunning());
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QVERIFY(!sweep->isRunning());
    QCOMPARE(sweep->progressBar()->value(), sweep->progressBar()->maximum());
    QCOMPARE(sweep->progressBar()->maximum(), 3 * 2 * 2);

    const auto &result = sweep->result();
    QVERIFY(result);
    QCOMPARE(result->outlierFractions, (std::vector<double>{0.0, 0.25, 0.5}));
    QCOMPARE(result->curves.size(), std::size_t(2));
    QCOMPARE(sweep->slopePlot()->graphCount(), 2);
    QCOMPARE(sweep->interceptPlot()->graphCount(), 2);
    QCOMPARE(sweep->slopePlot()->graph(0)->dataCount(), 3);

    // The same sweep run here directly on the session's losses.
    SessionModel &model = *m_window->model();
    std::vector<std::shared_ptr<const Loss>> losses;
    for (int row = 0; row < m_workbench->fitTable()->rowCount(); ++row)
        losses.push_back(model.lossEntry(m_workbench->lossIndexAt(row)).loss);
    const auto direct = runBreakdownSweep(losses, sweep->settings());
    QVERIFY(direct);
    for (std::size_t k = 0; k < losses.size(); ++k) {
        QCOMPARE(result->curves[k].slopeError, direct->curves[k].slopeError);
        QCOMPARE(result->curves[k].interceptError, direct->curves[k].interceptError);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(sweep->slopePlot()->graph(int(k))->data()->at(i)->value,
                     direct->curves[k].slopeError[std::size_t(i)]);
    }
}

void TestWorkbench::sweepCancels()
{
    WorkbenchSweepView *sweep = m_workbench->sweepView();
    // About 10,000 fits of 20,000 points: far longer than the test waits.
    sweep->pointCountBox()->setValue(20000);
    sweep->seedCountBox()->setValue(100);
    sweep->stepBox()->setValue(1.0);
    QSignalSpy finished(sweep, &WorkbenchSweepView::sweepFinished);
    QTest::mouseClick(sweep->runButton(), Qt::LeftButton);
    QVERIFY(sweep->isRunning());
    QVERIFY(sweep->cancelButton()->isEnabled());
    // The window stays responsive while it runs: events are processed.
    QTest::qWait(200);
    QTest::mouseClick(sweep->cancelButton(), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(!sweep->isRunning());
    QVERIFY(!sweep->result());
    QVERIFY(sweep->message().contains(QStringLiteral("cancelled")));
    QVERIFY(sweep->runButton()->isEnabled());
}

namespace {

// Replaces the text of a box with typed and presses Return, as a user does.
void typeIntoBox(QAbstractSpinBox *box, const QString &typed)
{
    box->selectAll();
    QTest::keyClicks(box, typed);
    QTest::keyClick(box, Qt::Key_Return);
}

} // namespace

void TestWorkbench::sweepBoxesReportRange()
{
    WorkbenchSweepView *sweep = m_workbench->sweepView();
    QVERIFY(sweep->inputProblem().isEmpty());
    QSpinBox *points = sweep->pointCountBox();
    const int pointCount = points->value();
    for (const QString &typed : {QStringLiteral("2"), QStringLiteral("200000")}) {
        typeIntoBox(points, typed);
        const QString problem = sweep->inputProblem();
        QVERIFY2(problem.startsWith(QStringLiteral("Points: %1 is out of range").arg(typed)),
                 qPrintable(problem));
        QVERIFY2(problem.contains(QStringLiteral("from 10 to 100000")), qPrintable(problem));
        QCOMPARE(points->value(), pointCount);
    }
    // A value in range is taken and clears the message.
    typeIntoBox(points, QStringLiteral("30"));
    QCOMPARE(points->value(), 30);
    QVERIFY2(sweep->inputProblem().isEmpty(), qPrintable(sweep->inputProblem()));

    QDoubleSpinBox *outlierSize = sweep->outlierSizeBox();
    const double size = outlierSize->value();
    typeIntoBox(outlierSize, QStringLiteral("1e200"));
    const QString problem = sweep->inputProblem();
    QVERIFY2(problem.startsWith(QStringLiteral("Outlier size: 1e200 is out of range")),
             qPrintable(problem));
    QVERIFY2(problem.contains(QStringLiteral("[-1000, 1000]")), qPrintable(problem));
    QCOMPARE(outlierSize->value(), size);
    typeIntoBox(outlierSize, QStringLiteral("250"));
    QCOMPARE(outlierSize->value(), 250.0);
    QVERIFY2(sweep->inputProblem().isEmpty(), qPrintable(sweep->inputProblem()));
    QCOMPARE(sweep->settings().data.outlierSize, 250.0);
    QCOMPARE(sweep->settings().data.count, 30);
}

// Four losses and a default sweep, saved for a look at the whole window.
void TestWorkbench::screenshotWithSweep()
{
    const QString directory = qEnvironmentVariable("LOSSLENS_WORKBENCH_GRAB_DIRECTORY");
    if (directory.isEmpty())
        QSKIP("LOSSLENS_WORKBENCH_GRAB_DIRECTORY is not set, so no screenshot is saved.");
    SessionModel &model = *m_window->model();
    for (const char *name : {"tukey", "cauchy", "mae"})
        model.setLossEnabled(model.lossIndex(QString::fromLatin1(name)), true);
    QVERIFY(waitForFits(*m_workbench, model));
    WorkbenchSweepView *sweep = m_workbench->sweepView();
    QSignalSpy finished(sweep, &WorkbenchSweepView::sweepFinished);
    QTest::mouseClick(sweep->runButton(), Qt::LeftButton);
    QVERIFY(finished.wait(120000));
    // The legends wrap after the replot, and the layout follows on the next events.
    QTest::qWait(200);
    QVERIFY(m_workbench->grab().save(QDir(directory).filePath("workbench-sweep.png")));
}

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
