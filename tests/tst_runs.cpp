#include "ui/controlpanel.h"
#include "ui/dataview.h"
#include "ui/landscapeview.h"
#include "ui/mainwindow.h"
#include "ui/optimizerpanel.h"
#include "ui/parameterslider.h"
#include "ui/playbackbar.h"
#include "ui/runarrows.h"
#include "ui/runlisteditor.h"
#include "ui/trainingview.h"

#include "core/losscatalogue.h"
#include "core/optimizercatalogue.h"

#include <qcustomplot.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QtTest>

#include <cmath>

// Drives the runs of the main window, each a loss, an optimizer and a start point, through its
// controls, and checks them against the core's TrainingRun and against closed forms.
using namespace losslens;

class RunsTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void defaultRunsFollowTickedLosses();
    void windowAdamMatchesCoreRun();
    void otherOptimizerRunDiffers();
    void optimizerChangeUndoes();
    void learningRateBoxSetsSharedOptimizer();
    void learningRateDragIsOneUndoStep();
    void optimizerPanelShowsMethodParameters();
    void scheduleRejectsInvalidFactor();
    void scheduleChangesLearningRates();
    void stepLimitStopsPlayback();
    void lowerStepLimitRecomputesRuns();
    void arrowsDrawnAndFinite();
    void arrowsShowNextStep();
    void arrowModesCountRuns();
    void sgdRunsDeterministic();
    void shiftClickMovesSelectedStart();
    void plainClickMovesEveryStart();
    void divergenceMarkedInEveryView();
    void oscillationIsNotDivergence();
    void runListAddDuplicateRemove();
    void hiddenLossKeepsItsRuns();
    void removedLossTakesItsRuns();

private:
    void waitForLandscape();
    // Chooses a method in an optimizer panel as a user does.
    void chooseMethod(OptimizerPanel *panel, const QString &name);
    // The index of the first run that fits a loss, or -1.
    int runOf(const QString &lossName) const;
    QString statusText() const;

    MainWindow *m_window = nullptr;
};

void RunsTest::init()
{
    m_window = new MainWindow;
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    waitForLandscape();
}

void RunsTest::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void RunsTest::waitForLandscape()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->landscapeView()->isComputing() &&
                                 m_window->landscapeView()->result() != nullptr,
                             10000);
}

void RunsTest::chooseMethod(OptimizerPanel *panel, const QString &name)
{
    QComboBox *box = panel->methodBox();
    const int index = box->findData(name);
    QVERIFY(index >= 0);
    box->setCurrentIndex(index);
    emit box->activated(index);
}

int RunsTest::runOf(const QString &lossName) const
{
    const SessionModel &model = *m_window->model();
    for (int i = 0; i < model.runCount(); ++i) {
        if (model.runEntry(i).lossIndex == model.lossIndex(lossName))
            return i;
    }
    return -1;
}

QString RunsTest::statusText() const
{
    QStringList texts;
    for (const QLabel *label : m_window->statusBar()->findChildren<QLabel *>())
        texts << label->text();
    return texts.join(QLatin1Char('\n'));
}

void RunsTest::defaultRunsFollowTickedLosses()
{
    const SessionModel &model = *m_window->model();
    QCOMPARE(model.runCount(), 2);
    const int mse = runOf(QStringLiteral("mse"));
    const int huber = runOf(QStringLiteral("huber"));
    QVERIFY(mse >= 0 && huber >= 0);
    // Each default run keeps its loss's colour and trains with the shared optimizer, which is
    // full-batch gradient descent at 0.1.
    QCOMPARE(model.runEntry(mse).colour,
             model.lossEntry(model.lossIndex(QStringLiteral("mse"))).colour);
    QCOMPARE(model.runEntry(huber).colour,
             model.lossEntry(model.lossIndex(QStringLiteral("huber"))).colour);
    QVERIFY(!model.runEntry(mse).optimizer.has_value());
    QCOMPARE(model.runOptimizer(mse).optimizer->spec(),
             QStringLiteral("gd:learning_rate=0.1,weight_decay=0"));
    QCOMPARE(model.runOptimizer(mse).schedule.spec(), QStringLiteral("constant"));
    QCOMPARE(model.state().selectedRun, huber);
    QCOMPARE(model.runLabel(huber), QStringLiteral("Huber · Gradient descent, lr 0.1"));
    QCOMPARE(m_window->controlPanel()->runListEditor()->runList()->count(), 2);
    QVERIFY(m_window->landscapeView()->path(mse) != nullptr);
    QCOMPARE(m_window->landscapeView()->path(huber)->pen().color(), model.runEntry(huber).colour);
}

// The window's run with Adam, chosen in the optimizer panel, equals the core's TrainingRun with
// the same spec at every step, and its first step is Adam's closed form: with bias correction
// m̂ = g and v̂ = g², so theta moves by -lr g / (|g| + eps) in each coordinate.
void RunsTest::windowAdamMatchesCoreRun()
{
    OptimizerPanel *panel = m_window->controlPanel()->optimizerPanel();
    chooseMethod(panel, QStringLiteral("adam"));
    panel->learningRateSlider()->valueBox()->setValue(0.05);
    panel->parameterSlider(QStringLiteral("beta1"))->valueBox()->setValue(0.8);
    const SessionModel &model = *m_window->model();
    const QString spec = model.state().optimizer.optimizer->spec();
    QCOMPARE(spec, QStringLiteral("adam:learning_rate=0.05,beta1=0.8,beta2=0.999,epsilon=1e-08,"
                                  "weight_decay=0"));

    const int huber = runOf(QStringLiteral("huber"));
    const auto objective = model.objective(model.runEntry(huber).lossIndex);
    QString error;
    const auto optimizer = OptimizerCatalogue::parse(spec, &error);
    QVERIFY2(optimizer, qPrintable(error));
    TrainingRun reference(*objective, model.runStartTheta(huber), *optimizer);
    for (int k = 0; k < 60; ++k) {
        m_window->training()->stepOnce();
        reference.step(*objective);
    }
    const RunTrack *run = m_window->training()->run(huber);
    QCOMPARE(run->history().size(), reference.history().size());
    for (std::size_t k = 0; k < reference.history().size(); ++k) {
        QVERIFY2(run->history()[k].theta == reference.history()[k].theta,
                 qPrintable(QStringLiteral("step %1").arg(k)));
        QCOMPARE(run->history()[k].loss, reference.history()[k].loss);
    }

    const Eigen::Vector2d start = run->history()[0].theta;
    const Eigen::Vector2d gradient = objective->evaluate(start).gradient;
    for (int i = 0; i < 2; ++i) {
        const double expected = start[i] - 0.05 * gradient[i] / (std::abs(gradient[i]) + 1e-8);
        // The closed form and the run differ by a few roundings at the size of the start.
        QVERIFY(std::abs(run->history()[1].theta[i] - expected) <=
                1e-14 * (1.0 + std::abs(expected)));
    }
}

// A copy of the Huber run with its own momentum optimizer makes the same first step as gradient
// descent, since PyTorch's momentum buffer starts at the first gradient, and the closed form
// theta_2 = theta_1 - lr (mu g_0 + g_1) next.
void RunsTest::otherOptimizerRunDiffers()
{
    SessionModel *model = m_window->model();
    const int huber = runOf(QStringLiteral("huber"));
    model->setSelectedRun(huber);
    RunListEditor *editor = m_window->controlPanel()->runListEditor();
    editor->duplicateButton()->click();
    const int copy = model->state().selectedRun;
    QCOMPARE(copy, 2);
    QVERIFY(model->runEntry(copy).colour != model->runEntry(huber).colour);
    editor->ownOptimizerBox()->setChecked(true);
    QVERIFY(model->runEntry(copy).optimizer.has_value());
    QVERIFY(editor->optimizerPanel()->isVisibleTo(editor));
    QCOMPARE(editor->optimizerPanel()->target(), copy);
    chooseMethod(editor->optimizerPanel(), QStringLiteral("momentum"));
    QCOMPARE(model->runOptimizer(copy).optimizer->name(), QStringLiteral("momentum"));
    QCOMPARE(model->runOptimizer(huber).optimizer->name(), QStringLiteral("gd"));
    QVERIFY(model->runLabel(copy).contains(QStringLiteral("Momentum")));

    for (int k = 0; k < 20; ++k)
        m_window->training()->stepOnce();
    const auto &plain = m_window->training()->run(huber)->history();
    const auto &momentum = m_window->training()->run(copy)->history();
    QCOMPARE(momentum.size(), plain.size());
    QVERIFY(momentum[1].theta == plain[1].theta);
    QVERIFY((momentum[20].theta - plain[20].theta).norm() > 1e-3);

    const auto objective = model->objective(model->lossIndex(QStringLiteral("huber")));
    const Eigen::Vector2d g0 = objective->evaluate(momentum[0].theta).gradient;
    const Eigen::Vector2d g1 = objective->evaluate(momentum[1].theta).gradient;
    const Eigen::Vector2d expected = momentum[1].theta - 0.1 * (0.9 * g0 + g1);
    QVERIFY((momentum[2].theta - expected).norm() <= 1e-14 * (1.0 + expected.norm()));
}

void RunsTest::optimizerChangeUndoes()
{
    SessionModel *model = m_window->model();
    OptimizerPanel *panel = m_window->controlPanel()->optimizerPanel();
    chooseMethod(panel, QStringLiteral("rmsprop"));
    QCOMPARE(model->state().optimizer.optimizer->name(), QStringLiteral("rmsprop"));
    // The learning rate carries over; the other hyperparameters are PyTorch's defaults.
    QCOMPARE(model->state().optimizer.optimizer->spec(),
             QStringLiteral("rmsprop:learning_rate=0.1,alpha=0.99,epsilon=1e-08,momentum=0,"
                            "weight_decay=0"));
    QVERIFY(panel->parameterSlider(QStringLiteral("alpha")) != nullptr);
    const int huber = runOf(QStringLiteral("huber"));
    QCOMPARE(m_window->training()->run(huber)->optimizer().name(), QStringLiteral("rmsprop"));

    model->undoStack()->undo();
    QCOMPARE(model->state().optimizer.optimizer->name(), QStringLiteral("gd"));
    QCOMPARE(panel->methodBox()->currentData().toString(), QStringLiteral("gd"));
    QVERIFY(panel->parameterSlider(QStringLiteral("alpha")) == nullptr);
    QCOMPARE(panel->learningRateSlider()->value(), 0.1);
    QCOMPARE(m_window->training()->run(huber)->optimizer().name(), QStringLiteral("gd"));
    model->undoStack()->redo();
    QCOMPARE(panel->methodBox()->currentData().toString(), QStringLiteral("rmsprop"));
}

void RunsTest::learningRateBoxSetsSharedOptimizer()
{
    SessionModel *model = m_window->model();
    ParameterSlider *rate = m_window->controlPanel()->learningRateSlider();
    QVERIFY(rate != nullptr);
    rate->valueBox()->setValue(0.3);
    QCOMPARE(model->state().optimizer.optimizer->learningRate(), 0.3);
    for (int i = 0; i < model->runCount(); ++i)
        QCOMPARE(m_window->training()->run(i)->optimizer().learningRate(), 0.3);
    // --learning-rate goes through the same setter.
    model->setLearningRate(0.02);
    QCOMPARE(rate->value(), 0.02);
    // The value box takes the parameter's range, [1e-12, 1e6], and the model rejects more.
    QCOMPARE(rate->valueBox()->minimum(), 1e-12);
    QCOMPARE(rate->valueBox()->maximum(), 1e6);
    const QString error = model->setOptimizerParameter(SessionModel::sessionOptimizer, 0, 1e7);
    QVERIFY2(error.contains(QStringLiteral("learning_rate=1e+07")), qPrintable(error));
    QCOMPARE(model->state().optimizer.optimizer->learningRate(), 0.02);
    model->undoStack()->undo();
    QCOMPARE(rate->value(), 0.3);
}

// A slider drag changes the learning rate many times but is one undo step.
void RunsTest::learningRateDragIsOneUndoStep()
{
    SessionModel *model = m_window->model();
    QSlider *slider = m_window->controlPanel()->learningRateSlider()->slider();
    const int countBefore = model->undoStack()->count();
    for (int position : {100, 200, 300, 400})
        slider->setValue(position);
    emit slider->sliderReleased();
    QCOMPARE(model->undoStack()->count(), countBefore + 1);
    QVERIFY(model->state().optimizer.optimizer->learningRate() != 0.1);
    model->undoStack()->undo();
    QCOMPARE(model->state().optimizer.optimizer->learningRate(), 0.1);
}

void RunsTest::optimizerPanelShowsMethodParameters()
{
    OptimizerPanel *panel = m_window->controlPanel()->optimizerPanel();
    chooseMethod(panel, QStringLiteral("adam"));
    for (const char *key : {"learning_rate", "beta1", "beta2", "epsilon", "weight_decay"})
        QVERIFY2(panel->parameterSlider(QString::fromLatin1(key)) != nullptr, key);
    QVERIFY(panel->parameterSlider(QStringLiteral("momentum")) == nullptr);
    // Epsilon spans decades, so its slider is logarithmic like the learning rate's.
    ParameterSlider *epsilon = panel->parameterSlider(QStringLiteral("epsilon"));
    epsilon->slider()->setValue(epsilon->slider()->maximum() / 2);
    QVERIFY(std::abs(std::log10(m_window->model()->state().optimizer.optimizer->parameterValue(3)) +
                     8.0) < 0.05);

    chooseMethod(panel, QStringLiteral("sgd"));
    QVERIFY(panel->wholeNumberBox(QStringLiteral("batch_size")) != nullptr);
    QVERIFY(panel->wholeNumberBox(QStringLiteral("seed")) != nullptr);
    QVERIFY(panel->parameterSlider(QStringLiteral("beta1")) == nullptr);
    QCOMPARE(panel->wholeNumberBox(QStringLiteral("batch_size"))->value(), 32.0);
    // The seed takes PyTorch's whole range of 32-bit seeds.
    panel->wholeNumberBox(QStringLiteral("seed"))->setValue(4294967295.0);
    QCOMPARE(m_window->model()->state().optimizer.optimizer->parameterValue(2), 4294967295.0);
}

void RunsTest::scheduleRejectsInvalidFactor()
{
    SessionModel *model = m_window->model();
    OptimizerPanel *panel = m_window->controlPanel()->optimizerPanel();
    QComboBox *schedule = panel->scheduleBox();
    const int exponential = schedule->findData(QStringLiteral("exponential"));
    schedule->setCurrentIndex(exponential);
    emit schedule->activated(exponential);
    QCOMPARE(model->state().optimizer.schedule.spec(), QStringLiteral("exponential:factor=0.99"));
    QVERIFY(panel->factorBox()->isVisibleTo(panel));
    QVERIFY(!panel->periodBox()->isVisibleTo(panel));

    panel->factorBox()->setValue(0.0);
    QCOMPARE(model->state().optimizer.schedule.spec(), QStringLiteral("exponential:factor=0.99"));
    QVERIFY(panel->messageLabel()->isVisibleTo(panel));
    QVERIFY2(panel->messageLabel()->text().contains(QStringLiteral("factor")),
             qPrintable(panel->messageLabel()->text()));
    panel->factorBox()->setValue(0.5);
    QCOMPARE(model->state().optimizer.schedule.spec(), QStringLiteral("exponential:factor=0.5"));
    QVERIFY(!panel->messageLabel()->isVisibleTo(panel));
}

// With ExponentialLR at factor 0.5 the k-th update of gradient descent uses lr 0.1 / 2^k, so the
// second step is theta_1 - 0.05 g_1.
void RunsTest::scheduleChangesLearningRates()
{
    SessionModel *model = m_window->model();
    QVERIFY(
        model->setSchedule(SessionModel::sessionOptimizer, QStringLiteral("exponential:factor=0.5"))
            .isEmpty());
    for (int k = 0; k < 3; ++k)
        m_window->training()->stepOnce();
    const int mse = runOf(QStringLiteral("mse"));
    const auto &history = m_window->training()->run(mse)->history();
    const auto objective = model->objective(model->lossIndex(QStringLiteral("mse")));
    const Eigen::Vector2d g1 = objective->evaluate(history[1].theta).gradient;
    const Eigen::Vector2d expected = history[1].theta - 0.05 * g1;
    QVERIFY((history[2].theta - expected).norm() <= 1e-14 * (1.0 + expected.norm()));
    QVERIFY(model->runLabel(mse).contains(QStringLiteral("exponential")));
}

void RunsTest::stepLimitStopsPlayback()
{
    QSpinBox *limit = m_window->playbackBar()->stepLimitBox();
    limit->setValue(15);
    QCOMPARE(m_window->training()->stepLimit(), 15);
    m_window->playbackBar()->playAction()->trigger();
    QVERIFY(m_window->training()->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->training()->isPlaying(), 10000);
    QCOMPARE(m_window->training()->iteration(), 15);
    for (int i = 0; i < m_window->model()->runCount(); ++i)
        QCOMPARE(m_window->training()->run(i)->iteration(), 15);
    QVERIFY2(statusText().contains(QStringLiteral("Stopped at step limit 15")),
             qPrintable(statusText()));
    // A single step does not go past the limit either.
    m_window->training()->stepOnce();
    QCOMPARE(m_window->training()->iteration(), 15);
    // Play at the limit starts a fresh race, which stops there again.
    m_window->playbackBar()->playAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->training()->isPlaying(), 10000);
    QCOMPARE(m_window->training()->iteration(), 15);
}

void RunsTest::lowerStepLimitRecomputesRuns()
{
    for (int k = 0; k < 30; ++k)
        m_window->training()->stepOnce();
    const int mse = runOf(QStringLiteral("mse"));
    const Eigen::Vector2d atTen = m_window->training()->run(mse)->history()[10].theta;
    m_window->playbackBar()->stepLimitBox()->setValue(10);
    QCOMPARE(m_window->training()->run(mse)->iteration(), 10);
    QVERIFY(m_window->training()->run(mse)->current().theta == atTen);
    QCOMPARE(m_window->landscapeView()->path(mse)->dataCount(), 12);
}

// The selected run's arrows: with momentum, the next step, the gradient step and the velocity,
// each finite, starting at the run's current point.
void RunsTest::arrowsDrawnAndFinite()
{
    OptimizerPanel *panel = m_window->controlPanel()->optimizerPanel();
    chooseMethod(panel, QStringLiteral("momentum"));
    for (int k = 0; k < 5; ++k)
        m_window->training()->stepOnce();
    const RunArrows *arrows = m_window->landscapeView()->arrows();
    QCOMPARE(arrows->mode(), RunArrows::Mode::SelectedRun);
    QCOMPARE(int(arrows->arrows().size()), 3);
    QVERIFY(arrows->magnification() > 0.0);
    const int selected = m_window->model()->state().selectedRun;
    const Eigen::Vector2d head = m_window->training()->run(selected)->current().theta;
    for (const QCPItemLine *arrow : arrows->arrows()) {
        const QPointF start = arrow->start->coords();
        const QPointF end = arrow->end->coords();
        QVERIFY(std::isfinite(start.x()) && std::isfinite(start.y()));
        QVERIFY(std::isfinite(end.x()) && std::isfinite(end.y()));
        QCOMPARE(start.x(), head[0]);
        QCOMPARE(start.y(), head[1]);
        QVERIFY(end != start);
    }
    // The legend names the three kinds and the magnification.
    bool velocityNamed = false;
    QCustomPlot *plot = m_window->landscapeView()->plot();
    for (int i = 0; i < plot->plottableCount(); ++i)
        velocityNamed =
            velocityNamed || (plot->plottable(i)->visible() &&
                              plot->plottable(i)->name().contains(QStringLiteral("velocity")));
    QVERIFY(velocityNamed);
    // The step's key names the loss of the run whose arrows these are.
    SessionModel *model = m_window->model();
    const QString lossName =
        model->state().losses.at(model->runEntry(selected).lossIndex).loss->displayName();
    bool stepNamed = false;
    for (int i = 0; i < plot->plottableCount(); ++i)
        stepNamed = stepNamed || (plot->plottable(i)->visible() &&
                                  plot->plottable(i)->name().endsWith(
                                      QStringLiteral("next step of ") + lossName));
    QVERIFY(stepNamed);

    // Gradient descent has no velocity, so its runs get two arrows.
    chooseMethod(panel, QStringLiteral("gd"));
    QCOMPARE(int(arrows->arrows().size()), 2);
}

// The arrow in the run's colour is the next update, magnified: after one more step the run's
// point moves by exactly what it showed.
void RunsTest::arrowsShowNextStep()
{
    chooseMethod(m_window->controlPanel()->optimizerPanel(), QStringLiteral("adam"));
    for (int k = 0; k < 4; ++k)
        m_window->training()->stepOnce();
    const RunArrows *arrows = m_window->landscapeView()->arrows();
    const int selected = m_window->model()->state().selectedRun;
    const QColor colour = m_window->model()->runEntry(selected).colour;
    const QCPItemLine *stepArrow = nullptr;
    for (const QCPItemLine *arrow : arrows->arrows()) {
        if (arrow->pen().color() == colour)
            stepArrow = arrow;
    }
    QVERIFY(stepArrow != nullptr);
    const QPointF shown =
        (stepArrow->end->coords() - stepArrow->start->coords()) / arrows->magnification();
    const Eigen::Vector2d before = m_window->training()->run(selected)->current().theta;
    m_window->training()->stepOnce();
    const Eigen::Vector2d moved = m_window->training()->run(selected)->current().theta - before;
    // The drawn end is origin + k step, rounded once in each coordinate.
    QVERIFY(std::abs(shown.x() - moved[0]) <=
            1e-12 * (1.0 + std::abs(before[0])) * arrows->magnification());
    QVERIFY(std::abs(shown.y() - moved[1]) <=
            1e-12 * (1.0 + std::abs(before[1])) * arrows->magnification());
}

void RunsTest::arrowModesCountRuns()
{
    chooseMethod(m_window->controlPanel()->optimizerPanel(), QStringLiteral("nesterov"));
    m_window->training()->stepOnce();
    RunArrows *arrows = const_cast<RunArrows *>(m_window->landscapeView()->arrows());
    QComboBox *mode = arrows->modeBox();
    mode->setCurrentIndex(mode->findData(int(RunArrows::Mode::EveryRun)));
    QCOMPARE(int(arrows->arrows().size()), 6);
    mode->setCurrentIndex(mode->findData(int(RunArrows::Mode::None)));
    QCOMPARE(int(arrows->arrows().size()), 0);
    QCOMPARE(arrows->magnification(), 0.0);
}

// Two runs of one loss with the same SGD seed take the same mini-batches, so their paths are
// equal to the bit. A reset repeats them, and another seed changes the path.
void RunsTest::sgdRunsDeterministic()
{
    SessionModel *model = m_window->model();
    OptimizerPanel *panel = m_window->controlPanel()->optimizerPanel();
    chooseMethod(panel, QStringLiteral("sgd"));
    panel->wholeNumberBox(QStringLiteral("batch_size"))->setValue(5);
    panel->wholeNumberBox(QStringLiteral("seed"))->setValue(7);
    const int huber = runOf(QStringLiteral("huber"));
    const int copy = model->duplicateRun(huber);
    for (int k = 0; k < 25; ++k)
        m_window->training()->stepOnce();
    const std::vector<TrainingPoint> first = m_window->training()->run(huber)->history();
    const auto &second = m_window->training()->run(copy)->history();
    QCOMPARE(second.size(), first.size());
    for (std::size_t k = 0; k < first.size(); ++k)
        QVERIFY(second[k].theta == first[k].theta);

    m_window->training()->reset();
    for (int k = 0; k < 25; ++k)
        m_window->training()->stepOnce();
    const auto &again = m_window->training()->run(huber)->history();
    for (std::size_t k = 0; k < first.size(); ++k)
        QVERIFY(again[k].theta == first[k].theta);

    // The core's run with the same spec takes the same path.
    const auto objective = model->objective(model->lossIndex(QStringLiteral("huber")));
    QString error;
    const auto optimizer =
        OptimizerCatalogue::parse(model->state().optimizer.optimizer->spec(), &error);
    TrainingRun reference(*objective, model->startTheta(), *optimizer);
    for (int k = 0; k < 25; ++k)
        reference.step(*objective);
    QVERIFY(reference.current().theta == first.back().theta);

    model->setRunOwnOptimizer(copy, true);
    const int seed = model->runOptimizer(copy).optimizer->parameterIndex(QStringLiteral("seed"));
    QVERIFY(model->setOptimizerParameter(copy, seed, 8).isEmpty());
    const auto &reseeded = m_window->training()->run(copy)->history();
    QCOMPARE(reseeded.size(), first.size());
    QVERIFY(reseeded.back().theta != first.back().theta);
}

void RunsTest::shiftClickMovesSelectedStart()
{
    SessionModel *model = m_window->model();
    const int mse = runOf(QStringLiteral("mse"));
    const int huber = runOf(QStringLiteral("huber"));
    QCOMPARE(model->state().selectedRun, huber);
    QCustomPlot *plot = m_window->landscapeView()->plot();
    const double w = plot->xAxis->range().lower + 0.3 * plot->xAxis->range().size();
    const double b = plot->yAxis->range().lower + 0.7 * plot->yAxis->range().size();
    const QPoint pixel(int(plot->xAxis->coordToPixel(w)), int(plot->yAxis->coordToPixel(b)));
    QTest::mouseClick(plot, Qt::LeftButton, Qt::ShiftModifier, pixel);

    QVERIFY(model->runEntry(huber).start.has_value());
    QVERIFY(!model->runEntry(mse).start.has_value());
    const Eigen::Vector2d start = model->runStartTheta(huber);
    // One pixel of the plot spans well under 1% of each range.
    QVERIFY(std::abs(start[0] - w) < 0.01 * plot->xAxis->range().size());
    QVERIFY(std::abs(start[1] - b) < 0.01 * plot->yAxis->range().size());
    QVERIFY(m_window->training()->run(huber)->history().front().theta == start);
    QCOMPARE(m_window->training()->run(mse)->history().front().theta, Eigen::Vector2d(0.0, 0.0));
    QCOMPARE(model->startTheta(), Eigen::Vector2d(0.0, 0.0));
    RunListEditor *editor = m_window->controlPanel()->runListEditor();
    QVERIFY(editor->sharedStartButton()->isEnabled());
    QVERIFY(editor->runList()->item(huber)->text().contains(QStringLiteral("own start")));

    model->undoStack()->undo();
    QVERIFY(!model->runEntry(huber).start.has_value());
    QCOMPARE(m_window->training()->run(huber)->history().front().theta, Eigen::Vector2d(0.0, 0.0));
    model->undoStack()->redo();
    editor->sharedStartButton()->click();
    QVERIFY(!model->runEntry(huber).start.has_value());
}

void RunsTest::plainClickMovesEveryStart()
{
    SessionModel *model = m_window->model();
    const int huber = runOf(QStringLiteral("huber"));
    model->setRunStartTheta(huber, Eigen::Vector2d(3.0, 4.0));
    QCustomPlot *plot = m_window->landscapeView()->plot();
    const QPoint pixel(int(plot->xAxis->coordToPixel(plot->xAxis->range().center())),
                       int(plot->yAxis->coordToPixel(plot->yAxis->range().center())));
    QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, pixel);
    QVERIFY(!model->runEntry(huber).start.has_value());
    for (int i = 0; i < model->runCount(); ++i)
        QVERIFY(m_window->training()->run(i)->history().front().theta == model->startTheta());
}

// MSE on the standardized feature has the Hessian 2 I, so gradient descent at a rate of 5
// multiplies the error by -9 a step and the excess loss by 81. The loss passes 1e6 times its
// start within a few steps. Every view marks the step, and no plotted number is non-finite.
void RunsTest::divergenceMarkedInEveryView()
{
    m_window->controlPanel()->learningRateSlider()->valueBox()->setValue(5.0);
    const int mse = runOf(QStringLiteral("mse"));
    for (int k = 0; k < 20; ++k)
        m_window->training()->stepOnce();
    const RunTrack *run = m_window->training()->run(mse);
    QCOMPARE(run->status(), RunStatus::Diverged);
    const QString marker = QStringLiteral("diverged at step %1").arg(run->divergedAt());
    // The diverging update is the first one not recorded.
    QCOMPARE(run->divergedAt(), int(run->history().size()));
    QVERIFY(run->divergedLoss() > 1e6 * run->history().front().loss);
    QCPCurve *path = m_window->landscapeView()->path(mse);
    QVERIFY2(path->name().contains(marker), qPrintable(path->name()));
    QCOMPARE(path->pen().style(), Qt::DashLine);
    QCPGraph *line = m_window->dataView()->lineGraph(mse);
    QVERIFY2(line->name().contains(marker), qPrintable(line->name()));
    QCOMPARE(line->pen().style(), Qt::DotLine);
    QCPGraph *training = m_window->trainingView()->lossGraph(mse);
    QVERIFY2(training->name().contains(marker), qPrintable(training->name()));
    QVERIFY(m_window->playbackBar()->runsLabel()->text().contains(marker));

    for (auto point = path->data()->constBegin(); point != path->data()->constEnd(); ++point)
        QVERIFY(std::isfinite(point->key) && std::isfinite(point->value));
    for (QCPGraph *graph : {line, training}) {
        for (auto point = graph->data()->constBegin(); point != graph->data()->constEnd(); ++point)
            QVERIFY(std::isfinite(point->key) && std::isfinite(point->value));
    }
    // A diverged run has no next step, so it gets no arrows.
    m_window->model()->setSelectedRun(mse);
    QCOMPARE(int(m_window->landscapeView()->arrows()->arrows().size()), 0);
}

// At a rate of 1 on the same Hessian the error flips sign each step at a constant size, so the
// run oscillates forever without growing and is neither diverged nor converged.
void RunsTest::oscillationIsNotDivergence()
{
    m_window->controlPanel()->learningRateSlider()->valueBox()->setValue(1.0);
    const int mse = runOf(QStringLiteral("mse"));
    for (int k = 0; k < 300; ++k)
        m_window->training()->stepOnce();
    const RunTrack *run = m_window->training()->run(mse);
    QCOMPARE(run->status(), RunStatus::Running);
    QCOMPARE(run->iteration(), 300);
    const double startLoss = run->history().front().loss;
    QVERIFY(std::abs(run->current().loss - startLoss) <= 1e-9 * startLoss);
    QVERIFY((run->history()[299].theta - run->history()[300].theta).norm() > 1.0);
}

void RunsTest::runListAddDuplicateRemove()
{
    SessionModel *model = m_window->model();
    RunListEditor *editor = m_window->controlPanel()->runListEditor();
    const int countBefore = model->runCount();
    editor->addButton()->click();
    QCOMPARE(model->runCount(), countBefore + 1);
    const int added = model->state().selectedRun;
    QCOMPARE(added, countBefore);
    QCOMPARE(model->runEntry(added).lossIndex, model->state().currentLoss);
    for (int i = 0; i < added; ++i)
        QVERIFY(model->runEntry(i).colour != model->runEntry(added).colour);
    QCOMPARE(editor->runList()->count(), countBefore + 1);
    QCOMPARE(editor->runList()->currentRow(), added);
    QVERIFY(m_window->landscapeView()->path(added) != nullptr);
    QCOMPARE(m_window->trainingView()->lossGraph(added)->pen().color(),
             model->runEntry(added).colour);
    QVERIFY(m_window->dataView()->lineGraph(added) != nullptr);
    // Two runs with one label differ by their numbers.
    QVERIFY(model->runLabel(added).endsWith(QStringLiteral("#%1").arg(added + 1)));

    editor->lossBox()->setCurrentIndex(model->lossIndex(QStringLiteral("mae")));
    emit editor->lossBox()->activated(model->lossIndex(QStringLiteral("mae")));
    QCOMPARE(model->runEntry(added).lossIndex, model->lossIndex(QStringLiteral("mae")));
    QVERIFY(model->lossEntry(model->lossIndex(QStringLiteral("mae"))).enabled);
    QVERIFY(m_window->training()->run(added) != nullptr);

    editor->duplicateButton()->click();
    QCOMPARE(model->runCount(), countBefore + 2);
    editor->removeButton()->click();
    QCOMPARE(model->runCount(), countBefore + 1);
    QCOMPARE(model->state().selectedRun, added);
    for (int k = 0; k < 3; ++k)
        model->undoStack()->undo();
    QCOMPARE(model->runCount(), countBefore + 1);
    model->undoStack()->undo();
    QCOMPARE(model->runCount(), countBefore);
    QCOMPARE(editor->runList()->count(), countBefore);
    QVERIFY(m_window->landscapeView()->path(countBefore) == nullptr);
}

void RunsTest::hiddenLossKeepsItsRuns()
{
    SessionModel *model = m_window->model();
    const int huberLoss = model->lossIndex(QStringLiteral("huber"));
    const int huber = runOf(QStringLiteral("huber"));
    model->setLossEnabled(huberLoss, false);
    QCOMPARE(model->runCount(), 2);
    QVERIFY(!model->isRunActive(huber));
    QVERIFY(m_window->training()->run(huber) == nullptr);
    QVERIFY(m_window->landscapeView()->path(huber) == nullptr);
    QVERIFY(m_window->dataView()->lineGraph(huber) == nullptr);
    model->setLossEnabled(huberLoss, true);
    QCOMPARE(model->runCount(), 2);
    QVERIFY(m_window->training()->run(huber) != nullptr);

    // Ticking a loss without a run gives it one in its own colour.
    const int mae = model->lossIndex(QStringLiteral("mae"));
    model->setLossEnabled(mae, true);
    QCOMPARE(model->runCount(), 3);
    QCOMPARE(model->runEntry(2).lossIndex, mae);
    QCOMPARE(model->runEntry(2).colour, model->lossEntry(mae).colour);
}

void RunsTest::removedLossTakesItsRuns()
{
    SessionModel *model = m_window->model();
    QString error;
    const int added = model->addLoss(LossCatalogue::parse(QStringLiteral("mae + l2(0.1)"), &error));
    QCOMPARE(model->runCount(), 3);
    QCOMPARE(model->runEntry(2).lossIndex, added);
    QCOMPARE(model->state().selectedRun, 2);
    model->duplicateRun(2);
    QCOMPARE(model->runCount(), 4);
    QVERIFY(model->removeLoss(added));
    QCOMPARE(model->runCount(), 2);
    QVERIFY(model->state().selectedRun >= 0 && model->state().selectedRun < 2);
    for (int i = 0; i < model->runCount(); ++i)
        QVERIFY(m_window->training()->run(i) != nullptr);
    model->undoStack()->undo();
    QCOMPARE(model->runCount(), 4);
    QVERIFY(m_window->training()->run(3) != nullptr);
}

QTEST_MAIN(RunsTest)
#include "tst_runs.moc"
