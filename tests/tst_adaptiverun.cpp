// A run of Barron's loss that learns alpha in the main window: it follows the core's
// AdaptiveBarronTraining step for step, the views show alpha moving, and the option undoes.

#include "ui/controlpanel.h"
#include "ui/losscurveview.h"
#include "ui/mainwindow.h"
#include "ui/playbackbar.h"
#include "ui/runlisteditor.h"
#include "ui/trainingview.h"

#include "core/adaptivebarrontraining.h"
#include "core/losses/barron.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QLabel>
#include <QtTest>

using namespace losslens;

class AdaptiveRunTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void windowRunMatchesCoreTraining();
    void viewsShowAlphaMoving();
    void learnOptionUndoes();

private:
    // Ticks Barron's loss, selects its run and ticks "Learn shape (alpha)" as a user does.
    // Returns the run's index.
    int learnAlpha(bool learnScale);

    MainWindow *m_window = nullptr;
};

void AdaptiveRunTest::init()
{
    m_window = new MainWindow;
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void AdaptiveRunTest::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

int AdaptiveRunTest::learnAlpha(bool learnScale)
{
    SessionModel *model = m_window->model();
    const int barron = model->lossIndex(QStringLiteral("barron"));
    model->setLossEnabled(barron, true);
    int run = -1;
    for (int i = 0; i < model->runCount() && run < 0; ++i) {
        if (model->runEntry(i).lossIndex == barron)
            run = i;
    }
    if (run < 0)
        return -1;
    model->setSelectedRun(run);
    RunListEditor *editor = m_window->controlPanel()->runListEditor();
    if (editor->learnShapeBox()->isHidden())
        return -1;
    editor->learnShapeBox()->setChecked(true);
    if (learnScale)
        editor->learnScaleBox()->setChecked(true);
    return run;
}

void AdaptiveRunTest::windowRunMatchesCoreTraining()
{
    const int run = learnAlpha(true);
    QVERIFY(run >= 0);
    const SessionModel &model = *m_window->model();
    QVERIFY(model.isRunAdaptive(run));
    QVERIFY(model.runEntry(run).learnScale);

    const auto objective = model.objective(model.runEntry(run).lossIndex);
    const auto *barron = dynamic_cast<const BarronLoss *>(&objective->loss());
    QVERIFY(barron);
    AdaptiveBarronSettings settings;
    settings.initialShape = barron->alpha();
    settings.initialScale = barron->scale() * barron->residualScale().value;
    settings.learnScale = true;
    const AdaptiveBarronObjective adaptive(objective->sharedData(), objective->scaling(),
                                           settings);
    AdaptiveBarronTraining reference(adaptive, model.runStartTheta(run),
                                     *model.runOptimizer(run).optimizer,
                                     model.runOptimizer(run).schedule);
    for (int k = 0; k < 40; ++k) {
        m_window->training()->stepOnce();
        reference.step(adaptive);
    }
    const RunTrack *track = m_window->training()->run(run);
    QVERIFY(track && track->isAdaptive());
    QCOMPARE(track->adaptiveHistory().size(), reference.history().size());
    QCOMPARE(track->history().size(), reference.history().size());
    for (std::size_t k = 0; k < reference.history().size(); ++k) {
        const AdaptiveBarronPoint &point = track->adaptiveHistory()[k];
        QVERIFY2(point.theta == reference.history()[k].theta, qPrintable(QString::number(k)));
        QCOMPARE(point.shape, reference.history()[k].shape);
        QCOMPARE(point.scale, reference.history()[k].scale);
        // The path the other views draw is the run's (w, b) with the mean Barron loss.
        QCOMPARE(track->history()[k].theta[0], reference.history()[k].weight);
        QCOMPARE(track->history()[k].theta[1], reference.history()[k].bias);
        QCOMPARE(track->history()[k].loss, reference.history()[k].meanLoss);
    }
    QVERIFY(reference.current().shape != settings.initialShape);
}

void AdaptiveRunTest::viewsShowAlphaMoving()
{
    const int run = learnAlpha(false);
    QVERIFY(run >= 0);
    m_window->training()->runSteps(60);
    const RunTrack *track = m_window->training()->run(run);
    QVERIFY(track && track->isAdaptive());
    const double shape = track->adaptiveHistory().back().shape;
    QVERIFY(shape != track->adaptiveHistory().front().shape);

    // The training view's alpha graph contains every step's alpha, from the start to now.
    QCPGraph *shapes = m_window->trainingView()->shapeGraph(run);
    QVERIFY(shapes && shapes->visible());
    QCOMPARE(shapes->valueAxis(), m_window->trainingView()->plot()->yAxis2);
    QVERIFY(shapes->data()->size() >= 2);
    QCOMPARE(shapes->data()->constBegin()->value, track->adaptiveHistory().front().shape);
    QCOMPARE((shapes->data()->constEnd() - 1)->value, shape);
    QVERIFY(!m_window->trainingView()->scaleGraph(run)->visible());
    QVERIFY(m_window->trainingView()->lossGraph(run)->name().contains(QStringLiteral("alpha = ")));

    // The loss curve view draws Barron's loss at the current alpha and c.
    QCPGraph *curve = m_window->lossCurveView()->learnedCurve(run);
    QVERIFY(curve);
    const BarronLoss learned(shape, track->adaptiveHistory().back().scale);
    bool checked = false;
    for (auto point = curve->data()->constBegin(); point != curve->data()->constEnd(); ++point) {
        if (std::abs(point->key) > 0.5) {
            QCOMPARE(point->value, learned.value(point->key, 0.0));
            checked = true;
            break;
        }
    }
    QVERIFY(checked);

    // The bottom bar names alpha.
    bool named = false;
    for (const QLabel *label : m_window->playbackBar()->findChildren<QLabel *>())
        named = named || label->text().contains(QStringLiteral("alpha = "));
    QVERIFY(named);
}

void AdaptiveRunTest::learnOptionUndoes()
{
    const int run = learnAlpha(false);
    QVERIFY(run >= 0);
    SessionModel *model = m_window->model();
    RunListEditor *editor = m_window->controlPanel()->runListEditor();
    QVERIFY(model->runEntry(run).learnShape);
    QVERIFY(m_window->training()->run(run)->isAdaptive());
    QCOMPARE(model->undoStack()->undoText(), QStringLiteral("Learn alpha of run %1").arg(run + 1));

    model->undoStack()->undo();
    QVERIFY(!model->runEntry(run).learnShape);
    QVERIFY(!editor->learnShapeBox()->isChecked());
    QVERIFY(!m_window->training()->run(run)->isAdaptive());
    QVERIFY(!m_window->trainingView()->shapeGraph(run)->visible());
    QVERIFY(m_window->lossCurveView()->learnedCurve(run) == nullptr);

    model->undoStack()->redo();
    QVERIFY(model->runEntry(run).learnShape);
    QVERIFY(editor->learnShapeBox()->isChecked());
    QVERIFY(m_window->training()->run(run)->isAdaptive());

    // The scale box is only meaningful with the shape learned.
    QVERIFY(editor->learnScaleBox()->isEnabled());
    editor->learnShapeBox()->setChecked(false);
    QVERIFY(!editor->learnScaleBox()->isEnabled());
}

QTEST_MAIN(AdaptiveRunTest)
#include "tst_adaptiverun.moc"
