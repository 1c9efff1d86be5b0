#include "ui/controlpanel.h"
#include "ui/dataview.h"
#include "ui/landscapeview.h"
#include "ui/listparametereditor.h"
#include "ui/losscurveview.h"
#include "ui/mainwindow.h"
#include "ui/parameterslider.h"
#include "ui/playbackbar.h"
#include "ui/syntheticdialog.h"
#include "ui/trainingview.h"

#include "core/landscape.h"
#include "core/losscatalogue.h"
#include "core/losses/crossentropy.h"
#include "core/losses/huber.h"

#include <qcustomplot.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace losslens;

class MainWindowTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void opensOnStackLoss();
    void allViewsFilled();
    void deltaSliderChangesLandscape();
    void deltaChangeUndoes();
    void playMovesPath();
    void keyboardSpaceToggles();
    void rejectedCsvKeepsData();
    void goodCsvReplacesData();
    void rawScalingStretchesValley();
    void learningRateTooLargeDiverges();
    void startPointClickMovesStart();
    void deltaChangeReplaysRuns();
    void undoWorksInValueBox();
    void coarseLandscapeArrivesFirst();
    void startMoveReplaysRuns();
    void syntheticDialogRejectsBadValues();
    void curveTogglesAddWeights();
    void formulaEditorAppliesAndRejects();
    void crossEntropyShowsListEditors();
    void undoWorksInListEditor();
    void curveDrawsEstimatedScale();
    void curveDrawsFixedScale();
    void crossEntropyTrueClassSelectable();
    void addedCompositeIsFittedAndDrawn();
    void removedLossLeavesViews();
    void commandLineCompositeAppended();
    void landscapeNoteWrapsWithoutWidening();

private:
    void waitForLandscape();
    // The index of the first run that fits a loss, or -1.
    int runIndex(int lossIndex) const;
    // The value curve of a loss in the loss curve view, or nullptr.
    QCPGraph *valueCurve(int lossIndex) const;

    MainWindow *m_window = nullptr;
};

void MainWindowTest::init()
{
    m_window = new MainWindow;
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    waitForLandscape();
}

void MainWindowTest::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void MainWindowTest::waitForLandscape()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->landscapeView()->isComputing() &&
                                 m_window->landscapeView()->result() != nullptr,
                             10000);
}

void MainWindowTest::opensOnStackLoss()
{
    const SessionModel &model = *m_window->model();
    QCOMPARE(model.data().size(), 21);
    QCOMPARE(model.data().featureName, QStringLiteral("AIRFLOW"));
    QCOMPARE(model.data().targetName, QStringLiteral("STACKLOSS"));
    QVERIFY(model.lossEntry(model.lossIndex(QStringLiteral("mse"))).enabled);
    QVERIFY(model.lossEntry(model.lossIndex(QStringLiteral("huber"))).enabled);
    QVERIFY(!model.lossEntry(model.lossIndex(QStringLiteral("mae"))).enabled);
    QVERIFY(model.state().standardize);
}

void MainWindowTest::allViewsFilled()
{
    // Two enabled losses give a value and a derivative curve each.
    QCustomPlot *curves = m_window->lossCurveView()->plot();
    QCOMPARE(curves->graphCount(), 4);
    for (int g = 0; g < curves->graphCount(); ++g)
        QVERIFY(curves->graph(g)->dataCount() > 100);

    const SessionModel &model = *m_window->model();
    const int mse = model.lossIndex(QStringLiteral("mse"));
    const int huber = model.lossIndex(QStringLiteral("huber"));
    QVERIFY(m_window->dataView()->lineGraph(runIndex(mse)) != nullptr);
    QVERIFY(m_window->dataView()->lineGraph(runIndex(huber)) != nullptr);

    const LandscapeResult *result = m_window->landscapeView()->result();
    QCOMPARE(result->landscape.values.rows(), LandscapeView::resolution);
    QVERIFY(result->landscape.values.allFinite());
    QVERIFY(result->landscape.maximumValue > result->landscape.minimumValue);
    QCOMPARE(result->minimum.status, MinimumStatus::Global);

    QVERIFY(m_window->trainingView()->lossGraph(runIndex(mse))->visible());
    QVERIFY(m_window->trainingView()->lossGraph(runIndex(huber))->visible());
}

void MainWindowTest::deltaSliderChangesLandscape()
{
    ParameterSlider *delta = m_window->controlPanel()->parameterSlider(QStringLiteral("delta"));
    QVERIFY(delta != nullptr);
    const Eigen::MatrixXd before = m_window->landscapeView()->result()->landscape.values;
    const Eigen::Vector2d minimumBefore = m_window->landscapeView()->result()->minimum.theta;

    QSlider *slider = delta->slider();
    slider->setValue(slider->maximum() * 9 / 10);
    const int huber = m_window->model()->lossIndex(QStringLiteral("huber"));
    const double newDelta = m_window->model()->lossEntry(huber).loss->parameterValue(0);
    QVERIFY(newDelta > 1.0);

    QTRY_VERIFY_WITH_TIMEOUT(m_window->landscapeView()->result() != nullptr &&
                                 m_window->landscapeView()->result()->landscape.values != before,
                             10000);
    waitForLandscape();
    const LandscapeResult *after = m_window->landscapeView()->result();
    QCOMPARE(after->objective->loss().parameterValue(0), newDelta);
    QVERIFY((after->minimum.theta - minimumBefore).norm() > 1e-6);
}

void MainWindowTest::deltaChangeUndoes()
{
    ParameterSlider *delta = m_window->controlPanel()->parameterSlider(QStringLiteral("delta"));
    const int huber = m_window->model()->lossIndex(QStringLiteral("huber"));
    delta->valueBox()->setValue(2.5);
    QCOMPARE(m_window->model()->lossEntry(huber).loss->parameterValue(0), 2.5);
    m_window->model()->undoStack()->undo();
    QCOMPARE(m_window->model()->lossEntry(huber).loss->parameterValue(0), 1.0);
    QCOMPARE(delta->value(), 1.0);
    m_window->model()->undoStack()->redo();
    QCOMPARE(delta->value(), 2.5);
}

void MainWindowTest::playMovesPath()
{
    const int mse = m_window->model()->lossIndex(QStringLiteral("mse"));
    QCPCurve *path = m_window->landscapeView()->path(runIndex(mse));
    QVERIFY(path != nullptr);
    QCOMPARE(path->dataCount(), 2);
    const Eigen::Vector2d start = m_window->model()->startTheta();

    m_window->playbackBar()->playAction()->trigger();
    QVERIFY(m_window->training()->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->training()->iteration() >= 10, 10000);
    m_window->playbackBar()->playAction()->trigger();
    QVERIFY(!m_window->training()->isPlaying());

    QVERIFY(path->dataCount() > 10);
    const QCPCurveData head = *(path->data()->constEnd() - 1);
    QVERIFY(std::hypot(head.key - start[0], head.value - start[1]) > 1.0);
}

void MainWindowTest::keyboardSpaceToggles()
{
    m_window->activateWindow();
    m_window->landscapeView()->plot()->setFocus();
    QTest::keyClick(m_window->landscapeView()->plot(), Qt::Key_Space);
    QVERIFY(m_window->training()->isPlaying());
    QTest::keyClick(m_window->landscapeView()->plot(), Qt::Key_Space);
    QVERIFY(!m_window->training()->isPlaying());
    QTest::keyClick(m_window->landscapeView()->plot(), Qt::Key_Right);
    QVERIFY(m_window->training()->iteration() >= 1);
}

void MainWindowTest::rejectedCsvKeepsData()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("short.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("x,y\n1,2\n3\n5,6\n");
    file.close();

    const auto before = m_window->model()->state().data;
    QString error;
    QVERIFY(!m_window->loadCsv(path, QStringLiteral("x"), QStringLiteral("y"), &error));
    QVERIFY2(error.contains(QStringLiteral("line 3")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("short.csv")), qPrintable(error));
    QCOMPARE(m_window->model()->state().data, before);
    QCOMPARE(m_window->model()->data().size(), 21);
    QCOMPARE(m_window->model()->undoStack()->count(), 0);
}

void MainWindowTest::goodCsvReplacesData()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("line.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("hours,score\n1,3\n2,5\n3,7.5\n4,9\n");
    file.close();

    QString error;
    QVERIFY2(m_window->loadCsv(path, QStringLiteral("hours"), QStringLiteral("score"), &error),
             qPrintable(error));
    QCOMPARE(m_window->model()->data().size(), 4);
    waitForLandscape();
    QCOMPARE(m_window->landscapeView()->result()->objective->data().size(), 4);
    m_window->model()->undoStack()->undo();
    QCOMPARE(m_window->model()->data().size(), 21);
}

void MainWindowTest::rawScalingStretchesValley()
{
    const double standardizedSpan = m_window->landscapeView()->plot()->xAxis->range().size();
    m_window->controlPanel()->standardizeBox()->setChecked(false);
    QVERIFY(!m_window->model()->state().standardize);
    waitForLandscape();
    // Raw air flow has a standard deviation of about 9, so the slope range shrinks by about
    // that factor while the intercept range grows.
    const double rawSpan = m_window->landscapeView()->plot()->xAxis->range().size();
    QVERIFY2(rawSpan < standardizedSpan / 3, qPrintable(QString::number(rawSpan)));
    const LandscapeResult *result = m_window->landscapeView()->result();
    QCOMPARE(result->objective->scaling().scale, 1.0);
}

void MainWindowTest::learningRateTooLargeDiverges()
{
    m_window->controlPanel()->learningRateSlider()->valueBox()->setValue(5.0);
    QCOMPARE(m_window->model()->state().optimizer.optimizer->learningRate(), 5.0);
    const int mse = m_window->model()->lossIndex(QStringLiteral("mse"));
    for (int i = 0; i < 200 && m_window->training()->runOfLoss(mse)->status() == RunStatus::Running;
         ++i)
        m_window->training()->stepOnce();
    const RunTrack *run = m_window->training()->runOfLoss(mse);
    QCOMPARE(run->status(), RunStatus::Diverged);
    for (const TrainingPoint &point : run->history())
        QVERIFY(std::isfinite(point.loss));
    QVERIFY(m_window->trainingView()
                ->lossGraph(runIndex(mse))
                ->name()
                .contains(QStringLiteral("diverged")));
}

void MainWindowTest::startPointClickMovesStart()
{
    QCustomPlot *plot = m_window->landscapeView()->plot();
    const double w = plot->xAxis->range().center();
    const double b = plot->yAxis->range().center();
    const QPoint pixel(int(plot->xAxis->coordToPixel(w)), int(plot->yAxis->coordToPixel(b)));
    QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, pixel);
    const Eigen::Vector2d start = m_window->model()->startTheta();
    // One pixel of the plot spans well under 1% of each range.
    QVERIFY(std::abs(start[0] - w) < 0.01 * plot->xAxis->range().size());
    QVERIFY(std::abs(start[1] - b) < 0.01 * plot->yAxis->range().size());
    const int mse = m_window->model()->lossIndex(QStringLiteral("mse"));
    QCOMPARE(m_window->training()->runOfLoss(mse)->current().theta, start);
    m_window->model()->undoStack()->undo();
    QCOMPARE(m_window->model()->startTheta(), Eigen::Vector2d(0.0, 0.0));
}

void MainWindowTest::deltaChangeReplaysRuns()
{
    const int huber = m_window->model()->lossIndex(QStringLiteral("huber"));
    for (int i = 0; i < 30; ++i)
        m_window->training()->stepOnce();
    QCOMPARE(m_window->training()->runOfLoss(huber)->iteration(), 30);

    m_window->controlPanel()->parameterSlider(QStringLiteral("delta"))->valueBox()->setValue(3.0);
    const RunTrack *run = m_window->training()->runOfLoss(huber);
    // The run is recomputed under the new delta up to the step it had reached, so its first
    // loss is the start's loss under delta = 3, not the one under the old delta.
    QCOMPARE(run->iteration(), 30);
    const auto objective = m_window->model()->objective(huber);
    QCOMPARE(objective->loss().parameterValue(0), 3.0);
    QCOMPARE(run->history().front().loss, objective->value(m_window->model()->startTheta()));
    QCOMPARE(run->history().back().loss, objective->value(run->history().back().theta));
}

void MainWindowTest::undoWorksInValueBox()
{
    NumberBox *box = m_window->controlPanel()->parameterSlider(QStringLiteral("delta"))->valueBox();
    const int huber = m_window->model()->lossIndex(QStringLiteral("huber"));
    m_window->activateWindow();
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, QStringLiteral("2.5"));
    QTest::keyClick(box, Qt::Key_Return);
    QCOMPARE(m_window->model()->lossEntry(huber).loss->parameterValue(0), 2.5);
    QVERIFY(box->hasFocus());
    QTest::keyClick(box, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_window->model()->lossEntry(huber).loss->parameterValue(0), 1.0);
    QCOMPARE(box->value(), 1.0);
}

void MainWindowTest::coarseLandscapeArrivesFirst()
{
    QList<int> sizes;
    std::vector<LandscapeGrid> grids;
    connect(m_window->landscapeView(), &LandscapeView::landscapeUpdated, this, [&] {
        if (const LandscapeResult *result = m_window->landscapeView()->result()) {
            sizes << int(result->landscape.values.rows());
            grids.push_back(result->landscape.grid);
        }
    });
    m_window->landscapeView()->resetRange();
    waitForLandscape();
    QVERIFY(sizes.size() >= 2);
    QVERIFY(sizes.front() < LandscapeView::resolution);
    QCOMPARE(sizes.back(), LandscapeView::resolution);
    // Each pass refines the one before, so its nodes are nodes of the full grid.
    for (size_t k = 1; k < grids.size(); ++k)
        QVERIFY(isNestedGrid(grids[k - 1], grids[k]));
    // The refined picture equals a computation of the full grid in one go.
    const LandscapeResult *result = m_window->landscapeView()->result();
    const std::optional<Landscape> full = computeLandscape(*result->objective, grids.back());
    QVERIFY(full);
    for (Eigen::Index i = 0; i < full->values.rows(); ++i) {
        for (Eigen::Index j = 0; j < full->values.cols(); ++j) {
            const double expected = full->values(i, j);
            QVERIFY(std::abs(result->landscape.values(i, j) - expected) <=
                    1e-12 * std::abs(expected));
        }
    }
}

void MainWindowTest::startMoveReplaysRuns()
{
    for (int i = 0; i < 20; ++i)
        m_window->training()->stepOnce();
    m_window->model()->setStartTheta(Eigen::Vector2d(2.0, 5.0));
    const int mse = m_window->model()->lossIndex(QStringLiteral("mse"));
    const RunTrack *run = m_window->training()->runOfLoss(mse);
    QCOMPARE(run->iteration(), 20);
    QCOMPARE(run->history().front().theta, Eigen::Vector2d(2.0, 5.0));
    m_window->model()->undoStack()->undo();
    QCOMPARE(m_window->training()->runOfLoss(mse)->iteration(), 20);
    QCOMPARE(m_window->training()->runOfLoss(mse)->history().front().theta,
             Eigen::Vector2d(0.0, 0.0));
}

void MainWindowTest::syntheticDialogRejectsBadValues()
{
    SyntheticDialog dialog(SyntheticSettings{});
    auto *fraction = dialog.findChild<NumberBox *>(QStringLiteral("outlierFraction"));
    QVERIFY(fraction != nullptr);
    fraction->setValue(2.0);
    QCOMPARE(dialog.settings().outlierFraction, 2.0);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    bool messageShown = false;
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        messageShown = messageShown || label->text().contains(QStringLiteral("Outlier fraction"));
    QVERIFY(messageShown);
}

void MainWindowTest::curveTogglesAddWeights()
{
    QCustomPlot *plot = m_window->lossCurveView()->plot();
    m_window->lossCurveView()->secondDerivativeBox()->setChecked(true);
    m_window->lossCurveView()->weightBox()->setChecked(true);
    // MSE and Huber, each with value, gradient, second derivative and weight.
    QCOMPARE(plot->graphCount(), 8);
    plot->xAxis->setRange(-3.0, 5.0);
    const int huber = m_window->model()->lossIndex(QStringLiteral("huber"));
    for (int g = 0; g < plot->graphCount(); ++g) {
        QCPGraph *graph = plot->graph(g);
        // Curves are numbered value 0, gradient 1, second derivative 2, weight 3.
        if (graph->property("curve").toInt() != 3)
            continue;
        // The last sample sits at e = 5: Huber's weight is delta / |e| = 0.2, MSE's is 1.
        const double expected = graph->property("lossIndex").toInt() == huber ? 0.2 : 1.0;
        QCOMPARE((graph->data()->constEnd() - 1)->value, expected);
    }
}

void MainWindowTest::crossEntropyShowsListEditors()
{
    SessionModel *model = m_window->model();
    const int index = model->lossIndex(QStringLiteral("cross_entropy"));
    QVERIFY(index >= 0);
    model->setCurrentLoss(index);
    // Smoothing keeps its slider, and the two list parameters get text boxes instead.
    ControlPanel *panel = m_window->controlPanel();
    QVERIFY(panel->parameterSlider(QStringLiteral("smoothing")) != nullptr);
    QVERIFY(panel->parameterSlider(QStringLiteral("weights")) == nullptr);
    QVERIFY(panel->parameterSlider(QStringLiteral("others")) == nullptr);
    ListParameterEditor *weights = panel->listEditor(QStringLiteral("weights"));
    ListParameterEditor *others = panel->listEditor(QStringLiteral("others"));
    QVERIFY(weights != nullptr);
    QVERIFY(others != nullptr);
    // The layout shows new widgets from a queued call, and deletes the old ones later.
    QCoreApplication::processEvents();
    QVERIFY(weights->isVisibleTo(panel));
    QCOMPARE(weights->lineEdit()->text(), QStringLiteral("1|1|1"));
    QCOMPARE(others->lineEdit()->text(), QStringLiteral("0|0"));
    // The line model supplies one logit, so the loss is never fitted.
    QVERIFY(!model->objective(index)->isApplicable());
}

void MainWindowTest::undoWorksInListEditor()
{
    SessionModel *model = m_window->model();
    const int index = model->lossIndex(QStringLiteral("cross_entropy"));
    model->setCurrentLoss(index);
    QLineEdit *weights =
        m_window->controlPanel()->listEditor(QStringLiteral("weights"))->lineEdit();
    m_window->activateWindow();
    weights->setFocus();
    weights->selectAll();
    QTest::keyClicks(weights, QStringLiteral("1|2|3"));
    QTest::keyClick(weights, Qt::Key_Return);
    QCOMPARE(model->lossEntry(index).loss->parameterList(0), (QVector<double>{1.0, 2.0, 3.0}));
    QVERIFY(weights->hasFocus());
    // Ctrl+Z reaches the window's Undo, not the line edit's own undo of its text.
    QTest::keyClick(weights, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(model->lossEntry(index).loss->parameterList(0), (QVector<double>{1.0, 1.0, 1.0}));
    QCOMPARE(weights->text(), QStringLiteral("1|1|1"));
}

void MainWindowTest::formulaEditorAppliesAndRejects()
{
    SessionModel *model = m_window->model();
    const int formula = model->lossIndex(QStringLiteral("formula"));
    QVERIFY(formula >= 0);
    model->setCurrentLoss(formula);
    auto *editor =
        m_window->controlPanel()->findChild<QLineEdit *>(QStringLiteral("formulaEditor"));
    QVERIFY(editor != nullptr);

    editor->setText(QStringLiteral("e^2"));
    emit editor->returnPressed();
    QCOMPARE(model->lossEntry(formula).loss->spec(), QStringLiteral("formula:e^2"));
    QCOMPARE(model->lossEntry(formula).loss->evaluate(3.0, 0.0).value, 9.0);

    editor = m_window->controlPanel()->findChild<QLineEdit *>(QStringLiteral("formulaEditor"));
    editor->setText(QStringLiteral("foo(e)"));
    emit editor->returnPressed();
    QCOMPARE(model->lossEntry(formula).loss->spec(), QStringLiteral("formula:e^2"));
    bool messageShown = false;
    for (const QLabel *label : m_window->controlPanel()->findChildren<QLabel *>())
        messageShown = messageShown || (label->isVisibleTo(m_window->controlPanel()) &&
                                        label->text().contains(QStringLiteral("foo")));
    QVERIFY(messageShown);
}

int MainWindowTest::runIndex(int lossIndex) const
{
    for (int i = 0; i < m_window->model()->runCount(); ++i) {
        if (m_window->model()->runEntry(i).lossIndex == lossIndex)
            return i;
    }
    return -1;
}

QCPGraph *MainWindowTest::valueCurve(int lossIndex) const
{
    QCustomPlot *plot = m_window->lossCurveView()->plot();
    for (int g = 0; g < plot->graphCount(); ++g) {
        QCPGraph *graph = plot->graph(g);
        // Curves are numbered value 0, gradient 1, second derivative 2, weight 3.
        if (graph->property("lossIndex").toInt() == lossIndex &&
            graph->property("curve").toInt() == 0)
            return graph;
    }
    return nullptr;
}

void MainWindowTest::curveDrawsEstimatedScale()
{
    SessionModel *model = m_window->model();
    const int huber = model->lossIndex(QStringLiteral("huber"));
    const ResidualScale estimated{ResidualScale::Mode::MedianAbsoluteDeviation, 1.0, false};
    QVERIFY(model->setLossResidualScale(huber, estimated).isEmpty());
    const ResidualScale scale = model->objective(huber)->loss().residualScale();
    QVERIFY(scale.estimated);
    QVERIFY(std::abs(scale.value - 1.0) > 0.1);

    QCPGraph *graph = valueCurve(huber);
    QVERIFY(graph != nullptr);
    QVERIFY2(graph->name().contains(QStringLiteral("scale=mad=")), qPrintable(graph->name()));
    // The curve is Huber's rho(e / s) at the estimate s, not rho(e) at the unresolved s = 1.
    const HuberLoss unscaled;
    int compared = 0;
    for (auto point = graph->data()->constBegin(); point != graph->data()->constEnd(); ++point) {
        QCOMPARE(point->value, unscaled.value(point->key / scale.value, 0.0));
        ++compared;
    }
    QVERIFY(compared > 100);
    const auto last = graph->data()->constEnd() - 1;
    QVERIFY(std::abs(last->value - unscaled.value(last->key, 0.0)) > 0.1);
}

void MainWindowTest::curveDrawsFixedScale()
{
    SessionModel *model = m_window->model();
    const int huber = model->lossIndex(QStringLiteral("huber"));
    QVERIFY(model->setLossResidualScale(huber, {ResidualScale::Mode::Fixed, 2.0, false}).isEmpty());
    QCPGraph *graph = valueCurve(huber);
    QVERIFY(graph != nullptr);
    const HuberLoss unscaled;
    const auto last = graph->data()->constEnd() - 1;
    QCOMPARE(last->value, unscaled.value(last->key / 2.0, 0.0));
    model->undoStack()->undo();
    graph = valueCurve(huber);
    QCOMPARE((graph->data()->constEnd() - 1)->value,
             unscaled.value((graph->data()->constEnd() - 1)->key, 0.0));
}

void MainWindowTest::crossEntropyTrueClassSelectable()
{
    SessionModel *model = m_window->model();
    const int index = model->lossIndex(QStringLiteral("cross_entropy"));
    // Unequal weights make the classes' curves differ.
    QVERIFY(model->setLossParameterList(index, 0, {1.0, 2.0, 4.0, 0.5}).isEmpty());
    model->setLossEnabled(index, true);

    LossCurveView *view = m_window->lossCurveView();
    QSpinBox *trueClass = view->trueClassBox();
    QVERIFY(trueClass->isVisibleTo(view));
    QCOMPARE(trueClass->minimum(), 0);
    QCOMPARE(trueClass->maximum(), 3);
    // MSE and Huber are regression losses, so the binary label choice has nothing to set.
    QVERIFY(!view->classifierAxisBox()->isVisibleTo(view));

    trueClass->setValue(2);
    QVERIFY2(view->plot()->xAxis->label().contains(QStringLiteral("true class 2")),
             qPrintable(view->plot()->xAxis->label()));
    const Loss &loss = model->objective(index)->loss();
    QCPGraph *graph = valueCurve(index);
    QVERIFY(graph != nullptr);
    QVERIFY(graph->dataCount() > 100);
    bool differsFromClassOne = false;
    for (auto point = graph->data()->constBegin(); point != graph->data()->constEnd(); ++point) {
        QCOMPARE(point->value, loss.evaluate(point->key, 2.0).value);
        differsFromClassOne = differsFromClassOne ||
                              std::abs(point->value - loss.evaluate(point->key, 1.0).value) > 0.1;
    }
    QVERIFY(differsFromClassOne);

    // Fewer weights shrink the choice to the new K, and the value moves into range.
    QVERIFY(model->setLossParameterList(index, 0, {1.0, 2.0}).isEmpty());
    QCOMPARE(trueClass->maximum(), 1);
    QCOMPARE(trueClass->value(), 1);
}

void MainWindowTest::addedCompositeIsFittedAndDrawn()
{
    SessionModel *model = m_window->model();
    QString error;
    std::shared_ptr<const Loss> composite =
        LossCatalogue::parse(QStringLiteral("0.5*(huber:delta=1) + 0.5*(mae) + l2(0.1)"), &error);
    QVERIFY2(composite, qPrintable(error));
    const int index = model->addLoss(composite);
    waitForLandscape();
    QCOMPARE(m_window->landscapeView()->result()->objective->loss().spec(), composite->spec());
    QVERIFY(valueCurve(index) != nullptr);
    // The legend may shorten the name to fit; the full one stays with the curve.
    QCOMPARE(valueCurve(index)->property("fullName").toString(), composite->label());

    for (int i = 0; i < 20; ++i)
        m_window->training()->stepOnce();
    // The added loss gets a run of its own, in the loss's colour.
    const int run = runIndex(index);
    QVERIFY(run >= 0);
    QVERIFY(m_window->training()->run(run) != nullptr);
    QCPCurve *path = m_window->landscapeView()->path(run);
    QVERIFY(path != nullptr);
    QVERIFY(path->dataCount() > 10);
    QCOMPARE(path->pen().color(), model->lossEntry(index).colour);
    QCPGraph *training = m_window->trainingView()->lossGraph(run);
    QVERIFY(training->visible());
    QCOMPARE(training->pen().color(), model->lossEntry(index).colour);
    QVERIFY(m_window->dataView()->lineGraph(run) != nullptr);
}

void MainWindowTest::removedLossLeavesViews()
{
    SessionModel *model = m_window->model();
    const int countBefore = model->lossCount();
    QString error;
    const int index = model->addLoss(LossCatalogue::parse(QStringLiteral("mae + l1(0.5)"), &error));
    const int other = model->addLoss(LossCatalogue::parse(QStringLiteral("huber:delta=3"), &error));
    for (int i = 0; i < 5; ++i)
        m_window->training()->stepOnce();

    // Removing a loss that is not current keeps the current one and every other path in view,
    // and takes its run with it.
    const int runsBefore = model->runCount();
    model->setCurrentLoss(index);
    QVERIFY(model->removeLoss(other));
    QCOMPARE(model->state().currentLoss, index);
    QCOMPARE(model->runCount(), runsBefore - 1);
    QVERIFY(m_window->landscapeView()->path(runIndex(index)) != nullptr);
    QCOMPARE(runIndex(other), -1);
    QVERIFY(m_window->landscapeView()->path(model->runCount()) == nullptr);
    QVERIFY(m_window->landscapeView()->path(runIndex(model->lossIndex(QStringLiteral("mse")))) !=
            nullptr);

    QVERIFY(model->removeLoss(index));
    QCOMPARE(model->lossCount(), countBefore);
    QCOMPARE(runIndex(index), -1);
    QVERIFY(m_window->landscapeView()->path(model->runCount()) == nullptr);
    QVERIFY(valueCurve(index) == nullptr);
    QCOMPARE(m_window->controlPanel()->lossList()->count(), countBefore);
    waitForLandscape();
    model->undoStack()->undo();
    QCOMPARE(model->lossCount(), countBefore + 1);
    QVERIFY(m_window->landscapeView()->path(runIndex(index)) != nullptr);
    QCOMPARE(m_window->trainingView()->lossGraph(runIndex(index))->pen().color(),
             model->lossEntry(index).colour);
}

void MainWindowTest::commandLineCompositeAppended()
{
    // --loss passes its specs to setEnabledLosses. A composite is not in the catalogue, so it
    // gets an entry of its own.
    SessionModel *model = m_window->model();
    const int countBefore = model->lossCount();
    QString error;
    std::vector<std::shared_ptr<const Loss>> losses;
    for (const char *spec :
         {"huber:delta=1.345,scale=mad", "0.5*(mse) + 0.5*(mae) + l2(0.1)", "mse + l1(1)"})
        losses.push_back(LossCatalogue::parse(QString::fromLatin1(spec), &error));
    model->setEnabledLosses(losses);
    QCOMPARE(model->lossCount(), countBefore + 2);
    const int huber = model->lossIndex(QStringLiteral("huber"));
    QVERIFY(model->lossEntry(huber).enabled);
    QCOMPARE(model->state().currentLoss, huber);
    for (int k = 0; k < 2; ++k) {
        const LossEntry &entry = model->lossEntry(countBefore + k);
        QCOMPARE(entry.loss, losses[k + 1]);
        QVERIFY(entry.enabled);
        QVERIFY(entry.removable);
    }
    QVERIFY(model->lossEntry(countBefore).colour != model->lossEntry(countBefore + 1).colour);
    QVERIFY(!model->lossEntry(model->lossIndex(QStringLiteral("mse"))).enabled);

    // Two losses of one name, as from --loss formula:tan(e) --loss formula:e, are both shown.
    const int countWithComposites = model->lossCount();
    std::vector<std::shared_ptr<const Loss>> sameName;
    for (const char *spec : {"formula:tan(e)", "formula:e", "huber:delta=1", "huber:delta=2"})
        sameName.push_back(LossCatalogue::parse(QString::fromLatin1(spec), &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    model->setEnabledLosses(sameName);
    QCOMPARE(model->lossCount(), countWithComposites + 2);
    for (const auto &loss : sameName) {
        bool enabledEntry = false;
        for (int i = 0; i < model->lossCount(); ++i) {
            if (model->lossEntry(i).loss == loss && model->lossEntry(i).enabled)
                enabledEntry = true;
        }
        QVERIFY2(enabledEntry, qPrintable(loss->spec()));
    }
}

QTEST_MAIN(MainWindowTest)
// A loss without a minimum, such as the typed e, gives the landscape a long note under its
// title. Its lines fit the map's column, beside the colour scale, and the views keep their
// widths, on a screen as small as 1280 x 800.
void MainWindowTest::landscapeNoteWrapsWithoutWidening()
{
    m_window->resize(1280, 800);
    QCoreApplication::processEvents();
    LandscapeView *view = m_window->landscapeView();
    const int landscapeWidth = view->width();
    const int trainingWidth = m_window->trainingView()->width();

    SessionModel *model = m_window->model();
    QString error;
    const int index = model->addLoss(LossCatalogue::parse(QStringLiteral("formula:e"), &error));
    QVERIFY2(index >= 0, qPrintable(error));
    model->setLossEnabled(index, true);
    model->setCurrentLoss(index);
    QTRY_VERIFY_WITH_TIMEOUT(view->result() && view->result()->hasMinimum &&
                                 !view->isComputing(),
                             20000);
    QCoreApplication::processEvents();
    view->plot()->replot();
    QCoreApplication::processEvents();

    QCustomPlot *plot = view->plot();
    auto *subtitle = qobject_cast<QCPTextElement *>(plot->plotLayout()->element(1, 0));
    QVERIFY(subtitle);
    // The long note that the mean loss falls without end, so it has no minimum.
    QVERIFY2(subtitle->text().contains(QStringLiteral("No minimum")), qPrintable(subtitle->text()));
    QVERIFY2(subtitle->text().contains(QLatin1Char('\n')), qPrintable(subtitle->text()));
    // The title and subtitle share the column of the map's axis rect.
    const int column = plot->axisRect()->outerRect().width();
    const QFontMetrics metrics(subtitle->font());
    for (const QString &line : subtitle->text().split(QLatin1Char('\n'))) {
        QVERIFY2(metrics.horizontalAdvance(line) <= column,
                 qPrintable(QStringLiteral("\"%1\" is %2 px wide in a column of %3 px")
                                .arg(line)
                                .arg(metrics.horizontalAdvance(line))
                                .arg(column)));
    }
    QVERIFY(plot->plotLayout()->minimumOuterSizeHint().width() <= plot->width());
    QCOMPARE(view->width(), landscapeWidth);
    QCOMPARE(m_window->trainingView()->width(), trainingWidth);
}

#include "tst_mainwindow.moc"
