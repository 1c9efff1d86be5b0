#include "core/losscatalogue.h"
#include "ui/landscapeview.h"
#include "ui/lessonpanel.h"
#include "ui/mainwindow.h"
#include "ui/plotsupport.h"
#include "ui/sessionmodel.h"
#include "ui/trainingcontroller.h"
#include "ui/trainingview.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QRegularExpression>
#include <QTextDocumentFragment>
#include <QtTest>

#include <cmath>
#include <memory>

using namespace losslens;

namespace {

// A line y = scale (2x + 1) with a little deterministic scatter, so MSE's loss scales as scale².
std::shared_ptr<Dataset> scaledLine(double scale)
{
    auto data = std::make_shared<Dataset>();
    data->feature = Eigen::VectorXd::LinSpaced(20, 0.0, 10.0);
    data->target = Eigen::VectorXd(20);
    for (Eigen::Index i = 0; i < 20; ++i)
        data->target[i] = scale * (2.0 * data->feature[i] + 1.0 + 0.3 * std::sin(3.0 * i));
    data->featureName = QStringLiteral("x");
    data->targetName = QStringLiteral("y");
    data->source = QStringLiteral("synthetic");
    return data;
}

// Shows MSE and log(e) and trains 5 steps. log(e) is infinite for the negative errors of the
// start line y = 0, so its run stops at once. Returns that run's index, or -1.
int trainWithInfiniteStart(MainWindow &window)
{
    window.resize(1200, 800);
    window.show();
    QString error;
    window.model()->setEnabledLosses(
        {LossCatalogue::parse(QStringLiteral("mse"), &error),
         LossCatalogue::parse(QStringLiteral("formula:log(e)"), &error)});
    if (!error.isEmpty())
        return -1;
    window.training()->runSteps(5);
    int infiniteRun = -1;
    for (int i = 0; i < window.model()->runCount(); ++i) {
        const RunTrack *run = window.training()->run(i);
        if (run && run->divergedAt() == 0)
            infiniteRun = i;
    }
    return infiniteRun;
}

// The largest mean loss of every run's path, leaving out the run skippedRun.
double largestLoss(MainWindow &window, int skippedRun = -1)
{
    double largest = 0.0;
    for (int i = 0; i < window.model()->runCount(); ++i) {
        if (i == skippedRun)
            continue;
        if (const RunTrack *run = window.training()->run(i)) {
            for (const TrainingPoint &point : run->history())
                largest = std::max(largest, point.loss);
        }
    }
    return largest;
}

void zoomIn(QCustomPlot *plot)
{
    const QPointF centre = plot->axisRect()->rect().center();
    QWheelEvent wheel(centre, plot->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(plot, &wheel);
}

} // namespace

// The training view fits its axes to the runs, keeps a user's zoom while they go on, fits again
// on new data or a reset, and shows a note when a loss is beyond the largest range an axis takes.
class TestTrainingView : public QObject
{
    Q_OBJECT

private slots:
    void newDataRescales();
    void zoomKeptUntilReset();
    void hugeLossNamed();
    void infiniteStartLossNamed();
    void infiniteStartKeptInHistory();
    void negativeLossKeepsZero();
    void learnedValuesOutOfLegend();
    // The landscape view's label of the minimum for typed formulas, next to the training view
    // in the same window.
    void formulaMinimumLabels_data();
    void formulaMinimumLabels();
    void convexMinimumOutsideView();
    void classifierMinimumNamesLogit();
    void tinyScaleSuggestsEstimate();
};

void TestTrainingView::newDataRescales()
{
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    window.model()->setData(scaledLine(1.0), QStringLiteral("small"));
    window.training()->runSteps(20);
    QCPAxis *axis = window.trainingView()->plot()->yAxis;
    const double smallLoss = largestLoss(window);
    QVERIFY(axis->range().upper >= smallLoss);
    QVERIFY(axis->range().upper < 2.0 * smallLoss);

    window.model()->setData(scaledLine(1000.0), QStringLiteral("large"));
    window.training()->runSteps(20);
    const double largeLoss = largestLoss(window);
    QVERIFY(largeLoss > 1e5 * smallLoss);
    QVERIFY(axis->range().upper >= largeLoss);
    QVERIFY(axis->range().upper < 2.0 * largeLoss);

    // And back: the small losses fill the view again instead of lying squashed at its bottom.
    window.model()->setData(scaledLine(1.0), QStringLiteral("small again"));
    window.training()->runSteps(20);
    QVERIFY(axis->range().upper < 2.0 * largestLoss(window));
}

void TestTrainingView::zoomKeptUntilReset()
{
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.training()->runSteps(20);
    TrainingView *view = window.trainingView();
    QCPAxis *axis = view->plot()->yAxis;
    const QCPRange fitted = axis->range();
    zoomIn(view->plot());
    QVERIFY(view->hasUserRange());
    const QCPRange zoomed = axis->range();
    QVERIFY(zoomed.size() < fitted.size());

    window.training()->runSteps(20);
    QCOMPARE(axis->range().lower, zoomed.lower);
    QCOMPARE(axis->range().upper, zoomed.upper);

    window.training()->reset();
    QVERIFY(!view->hasUserRange());
    QVERIFY(axis->range().upper >= largestLoss(window));
    QVERIFY(axis->range().size() > zoomed.size());

    zoomIn(view->plot());
    QVERIFY(view->hasUserRange());
    view->fitRange();
    QVERIFY(!view->hasUserRange());
}

void TestTrainingView::hugeLossNamed()
{
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    // Targets near 1e140 give MSE losses near 1e282, beyond the 1e249 an axis can take.
    window.model()->setData(scaledLine(1e140), QStringLiteral("huge"));
    window.training()->runSteps(5);
    TrainingView *view = window.trainingView();
    QVERIFY(largestLoss(window) > 1e249);
    QVERIFY(!view->beyondAxisLabel()->isHidden());
    QVERIFY2(view->beyondAxisLabel()->text().contains(QStringLiteral("1e249")),
             qPrintable(view->beyondAxisLabel()->text()));
    const QCPRange range = view->plot()->yAxis->range();
    QVERIFY(std::isfinite(range.lower) && std::isfinite(range.upper));
    QVERIFY(range.lower < range.upper);

    window.model()->setData(scaledLine(1.0), QStringLiteral("small"));
    window.training()->runSteps(5);
    QVERIFY(view->beyondAxisLabel()->isHidden());
}

// log(e) is infinite for the negative errors of the start line y = 0, so the run's mean loss
// is infinite at its start. The note names the infinity instead of a stand-in number, and the
// stand-in stays out of the curve and the axis range.
void TestTrainingView::infiniteStartLossNamed()
{
    MainWindow window;
    const int infiniteRun = trainWithInfiniteStart(window);
    QVERIFY(infiniteRun >= 0);
    TrainingView *view = window.trainingView();
    QVERIFY(std::isinf(window.training()->run(infiniteRun)->divergedLoss()));
    const QString note = view->beyondAxisLabel()->text();
    QVERIFY(!view->beyondAxisLabel()->isHidden());
    QVERIFY2(note.contains(QStringLiteral("is not finite at its start (infinite or undefined)")),
             qPrintable(note));
    QVERIFY2(note.contains(window.model()->runLabel(infiniteRun)), qPrintable(note));
    QVERIFY2(!note.contains(QStringLiteral("e+308")) && !note.contains(QStringLiteral("1e249")),
             qPrintable(note));
    QVERIFY2(!note.contains(QStringLiteral("nan"), Qt::CaseInsensitive), qPrintable(note));
    QVERIFY(view->lossGraph(infiniteRun)->data()->isEmpty());
    // The finite run fills the axis.
    QVERIFY(view->plot()->yAxis->range().upper < 2.0 * largestLoss(window, infiniteRun));
}

// The run keeps the true infinite loss of its start, and nothing in the window prints it as a
// number: no stand-in such as 1.7977e+308 and no "nan" in a label, a tooltip or a legend.
void TestTrainingView::infiniteStartKeptInHistory()
{
    MainWindow window;
    const int infiniteRun = trainWithInfiniteStart(window);
    QVERIFY(infiniteRun >= 0);
    TrainingView *view = window.trainingView();
    const RunTrack *run = window.training()->run(infiniteRun);
    QCOMPARE(run->history().size(), std::size_t(1));
    QVERIFY(std::isinf(run->history().front().loss));
    QVERIFY(run->history().front().loss > 0.0);
    QCOMPARE(run->history().front().loss, run->divergedLoss());
    QVERIFY(view->lossGraph(infiniteRun)->data()->isEmpty());
    const QCPRange range = view->plot()->yAxis->range();
    QVERIFY(std::isfinite(range.lower) && std::isfinite(range.upper));
    QVERIFY(range.upper < 1e249);

    QApplication::processEvents();
    const QRegularExpression printed(QStringLiteral("\\bnan\\b|e\\+308|1\\.797"),
                                     QRegularExpression::CaseInsensitiveOption);
    QStringList texts{view->lossGraph(infiniteRun)->name()};
    for (const QLabel *label : window.findChildren<QLabel *>())
        texts << label->text() << label->toolTip();
    for (const QString &text : texts)
        QVERIFY2(!text.contains(printed), qPrintable(text));
}

// The formula e is negative at every point of its run. Zero stays in view, and the axis spans
// the losses with room to spare, not a sliver around them.
void TestTrainingView::negativeLossKeepsZero()
{
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QString error;
    window.model()->setEnabledLosses({LossCatalogue::parse(QStringLiteral("formula:e"), &error)});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    TrainingView *view = window.trainingView();
    // Before the first step the run has its start point alone.
    view->fitRange();
    const double start = window.training()->run(0)->history().front().loss;
    QVERIFY(start < 0.0);
    QCPRange range = view->plot()->yAxis->range();
    QVERIFY2(range.lower < start && range.upper >= 0.0,
             qPrintable(QStringLiteral("%1 to %2").arg(range.lower).arg(range.upper)));
    QVERIFY(range.size() > 0.5 * std::abs(start));
    window.training()->runSteps(5);
    view->fitRange();
    range = view->plot()->yAxis->range();
    QVERIFY(range.upper >= 0.0);
    // Every recorded loss is in view.
    for (const auto &point : window.training()->run(0)->history())
        QVERIFY2(range.contains(point.loss), qPrintable(QString::number(point.loss)));
}

// The adaptive loss lesson's runs learn alpha and c, whose graphs are named after their run and
// stay out of the legend, which gives their current values in the run's own entry.
void TestTrainingView::learnedValuesOutOfLegend()
{
    MainWindow window;
    window.resize(1500, 960);
    window.show();
    QVERIFY(window.openLesson(QStringLiteral(":/lessons/08-adaptive-loss.losslens")));
    LessonPanel *panel = window.lessonPanel();
    TrainingView *view = window.trainingView();
    auto *legend = view->findChild<LegendLabel *>();
    QVERIFY(legend);
    // The legend's text as read, without its markup and non-breaking spaces.
    const auto legendText = [legend] {
        return QTextDocumentFragment::fromHtml(legend->text())
            .toPlainText()
            .replace(QChar(0x00A0), QLatin1Char(' '));
    };
    int learningSteps = 0;
    for (int k = 0; k < panel->stepCount(); ++k) {
        panel->goToStep(k);
        window.training()->pause();
        window.training()->runSteps(20);
        view->plot()->replot();
        const QString where = QStringLiteral("step %1").arg(k + 1);
        bool learns = false;
        for (int i = 0; i < window.model()->runCount(); ++i) {
            QCPGraph *shape = view->shapeGraph(i);
            QCPGraph *scale = view->scaleGraph(i);
            const QString runName = window.model()->runLabel(i);
            QCOMPARE(shape->name(), QStringLiteral("alpha of %1").arg(runName));
            QCOMPARE(scale->name(), QStringLiteral("c of %1").arg(runName));
            QCOMPARE(shape->property("inLegend"), QVariant(false));
            QCOMPARE(scale->property("inLegend"), QVariant(false));
            learns = learns || shape->visible();
        }
        learningSteps += learns ? 1 : 0;
        // No graph under QCustomPlot's default name "Graph n" and nothing learned in the legend.
        for (int i = 0; i < view->plot()->graphCount(); ++i) {
            QCPGraph *graph = view->plot()->graph(i);
            QVERIFY2(!graph->name().startsWith(QStringLiteral("Graph ")),
                     qPrintable(where + QStringLiteral(": ") + graph->name()));
        }
        QVERIFY2(!legendText().contains(QStringLiteral("Graph")),
                 qPrintable(where + QStringLiteral(": ") + legendText()));
        QVERIFY2(!legendText().contains(QStringLiteral("alpha of")),
                 qPrintable(where + QStringLiteral(": ") + legendText()));
        // A learning run names its current alpha in its own entry.
        if (learns) {
            QVERIFY2(legendText().contains(QStringLiteral("alpha =")),
                     qPrintable(where + QStringLiteral(": ") + legendText()));
        }
    }
    // Steps 3 and 4 learn alpha and c.
    QCOMPARE(learningSteps, 2);
}

QTEST_MAIN(TestTrainingView)

namespace {

// Returns the texts of the landscape's plot (its title and subtitle), with wrapped lines joined
// by single spaces.
QString plotTexts(const LandscapeView &view)
{
    QString texts;
    QCPLayoutGrid *layout = view.plot()->plotLayout();
    for (int k = 0; k < layout->elementCount(); ++k) {
        if (const auto *text = qobject_cast<QCPTextElement *>(layout->elementAt(k)))
            texts += text->text() + QLatin1Char('\n');
    }
    texts.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return texts;
}

// Waits until the view shows the complete landscape of the range, with its minimum.
bool waitForMinimum(const LandscapeView &view, const ViewRange &range)
{
    return QTest::qWaitFor(
        [&view, &range] {
            const LandscapeResult *result = view.result();
            return !view.isComputing() && result && result->complete && result->hasMinimum &&
                   result->landscape.grid.slopeMinimum == range.horizontalMinimum &&
                   result->landscape.grid.interceptMaximum == range.verticalMaximum;
        },
        20000);
}

// Shows the window with data and the one loss of spec. Returns whether spec parsed.
bool showLoss(MainWindow &window, std::shared_ptr<Dataset> data, const QString &spec)
{
    window.resize(1200, 800);
    window.show();
    window.model()->setData(std::move(data), QStringLiteral("test"));
    QString error;
    std::unique_ptr<Loss> loss = LossCatalogue::parse(spec, &error);
    if (!loss) {
        qWarning() << error;
        return false;
    }
    window.model()->setEnabledLosses({std::move(loss)});
    return true;
}

// Waits until the view shows the complete landscape of a loss whose spec starts with prefix,
// with its minimum.
bool waitForLandscapeOf(const LandscapeView &view, const QString &prefix)
{
    return QTest::qWaitFor(
        [&view, &prefix] {
            const LandscapeResult *result = view.result();
            return !view.isComputing() && result && result->complete && result->hasMinimum &&
                   result->objective && result->objective->loss().spec().startsWith(prefix);
        },
        20000);
}

} // namespace

void TestTrainingView::formulaMinimumLabels_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");
    // e^2 has a minimum, but a typed formula's convexity is unknown, not known to fail.
    QTest::newRow("square") << "formula:e^2"
                            << QStringList{"minimum ✶",
                                           "(local search: a typed formula may not be convex)"}
                            << QStringList{"the loss is not convex", "fall without end"};
    // Never negative, so whatever the search does, the loss does not fall without end.
    QTest::newRow("never negative") << "formula:log(1+e^2/4)" << QStringList{"✶"}
                                    << QStringList{"fall without end", "is not convex"};
    // e^3 falls without end as the errors grow negative, and exp(50 e) falls towards 0, which
    // it never reaches: neither has a minimum to mark.
    QTest::newRow("cube") << "formula:e^3" << QStringList{"No minimum"}
                          << QStringList{"minimum ✶", "lowest point found ✶"};
    QTest::newRow("steep exponential") << "formula:exp(50*e)" << QStringList{"No minimum"}
                                       << QStringList{"minimum ✶", "lowest point found ✶"};
}

void TestTrainingView::formulaMinimumLabels()
{
    QFETCH(QString, spec);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    window.model()->setData(scaledLine(1.0), QStringLiteral("small"));
    QString error;
    window.model()->setEnabledLosses({LossCatalogue::parse(spec, &error)});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const LandscapeView *view = window.landscapeView();
    QVERIFY(QTest::qWaitFor(
        [view, &spec] {
            const LandscapeResult *result = view->result();
            return !view->isComputing() && result && result->complete && result->hasMinimum &&
                   result->objective && result->objective->loss().spec() == spec;
        },
        20000));
    const QString texts = plotTexts(*view);
    for (const QString &phrase : present)
        QVERIFY2(texts.contains(phrase), qPrintable(texts));
    for (const QString &phrase : absent)
        QVERIFY2(!texts.contains(phrase), qPrintable(texts));
}

void TestTrainingView::convexMinimumOutsideView()
{
    // A tiny view far from MSE's exact minimum: the minimum is still the minimum, outside the
    // view, and not a sign that the loss falls without end.
    MainWindow window;
    QVERIFY(showLoss(window, scaledLine(1.0), QStringLiteral("mse")));
    LandscapeView *view = window.landscapeView();
    const ViewRange range{40.0, 40.000001, 0.0, 0.000001};
    view->setRange(range);
    QVERIFY(waitForMinimum(*view, range));
    QCOMPARE(view->result()->minimum.status, MinimumStatus::Global);
    const QString texts = plotTexts(*view);
    QVERIFY2(texts.contains(QStringLiteral("minimum ✶")), qPrintable(texts));
    QVERIFY2(texts.contains(QStringLiteral("(outside the view)")), qPrintable(texts));
    QVERIFY2(!texts.contains(QStringLiteral("fall without end")), qPrintable(texts));
    QVERIFY2(!texts.contains(QStringLiteral("lowest point found")), qPrintable(texts));
}

void TestTrainingView::classifierMinimumNamesLogit()
{
    // Overlapping classes, so that cross-entropy has a minimum. Its line gives the logit z.
    auto data = std::make_shared<Dataset>();
    data->feature = Eigen::VectorXd::LinSpaced(12, -3.0, 3.0);
    data->target = Eigen::VectorXd(12);
    data->target << 0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 1, 1;
    data->featureName = QStringLiteral("x");
    data->targetName = QStringLiteral("label");
    data->source = QStringLiteral("synthetic");
    MainWindow window;
    QVERIFY(showLoss(window, data, QStringLiteral("bce")));
    const LandscapeView *view = window.landscapeView();
    QVERIFY(waitForLandscapeOf(*view, QStringLiteral("bce")));
    const QString texts = plotTexts(*view);
    QVERIFY2(texts.contains(QStringLiteral("minimum ✶")), qPrintable(texts));
    QVERIFY2(texts.contains(QStringLiteral("at logit z =")), qPrintable(texts));
    QVERIFY2(!texts.contains(QStringLiteral("at y =")), qPrintable(texts));
}

void TestTrainingView::tinyScaleSuggestsEstimate()
{
    // Errors of about 1e5 against Welsch's scale of 1: the mean loss is 1 to rounding almost
    // everywhere, so the view is flat, and the caption points to an estimated scale.
    MainWindow window;
    QVERIFY(showLoss(window, scaledLine(1e6), QStringLiteral("welsch")));
    const LandscapeView *view = window.landscapeView();
    QVERIFY(waitForLandscapeOf(*view, QStringLiteral("welsch")));
    const QString texts = plotTexts(*view);
    QVERIFY2(texts.contains(QStringLiteral("the same everywhere in view")), qPrintable(texts));
    QVERIFY2(texts.contains(QStringLiteral("try scale=mad")), qPrintable(texts));
}

#include "tst_trainingview.moc"
