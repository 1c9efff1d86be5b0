// The loss-curve view's automatic value range. A loss that explodes within the view, through a
// pole or a growth like exp(e^2), is cut off at the edge so that the other curves stay readable.
// Steady curves such as MSE's parabola set the range in full.

#include "numericcheck.h"

#include "core/losscatalogue.h"
#include "ui/losscurveview.h"
#include "ui/mainwindow.h"
#include "ui/sessionmodel.h"
#include "ui/viewrange.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QtTest>

#include <cmath>

using namespace losslens;

namespace {

// Enables the losses of the specs and returns whether every spec parsed.
bool enableLosses(MainWindow &window, const QStringList &specs)
{
    std::vector<std::shared_ptr<const Loss>> losses;
    for (const QString &spec : specs) {
        QString error;
        losses.push_back(LossCatalogue::parse(spec, &error));
        if (!error.isEmpty() || !losses.back())
            return false;
    }
    window.model()->setEnabledLosses(losses);
    return true;
}

// The largest and smallest finite sample of the value curve named name.
QCPRange curveExtent(const QCustomPlot *plot, const QString &name)
{
    QCPRange extent(0.0, 0.0);
    bool any = false;
    for (int g = 0; g < plot->graphCount(); ++g) {
        QCPGraph *graph = plot->graph(g);
        if (!graph->name().startsWith(name))
            continue;
        for (auto point = graph->data()->constBegin(); point != graph->data()->constEnd();
             ++point) {
            if (!std::isfinite(point->value))
                continue;
            extent = any ? QCPRange(std::min(extent.lower, point->value),
                                    std::max(extent.upper, point->value))
                         : QCPRange(point->value, point->value);
            any = true;
        }
    }
    return extent;
}

} // namespace

class TestLossCurveView : public QObject
{
    Q_OBJECT

private slots:
    void explodingLossClipped();
    void poleClipped();
    void poleBesideSteadyLosses();
    void steadyCurvesShownWhole();
    void derivativesBrokenWhereLossUndefined();
};

// exp(e^2) reaches about 9e6 at e = 4 and its gradient 7e7; MSE and Huber stay below 16.
void TestLossCurveView::explodingLossClipped()
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(enableLosses(window, {QStringLiteral("mse"), QStringLiteral("huber"),
                                  QStringLiteral("formula:exp(e^2)")}));
    LossCurveView *view = window.lossCurveView();
    view->firstDerivativeBox()->setChecked(true);
    view->fitRange();
    const QCPRange range = view->plot()->yAxis->range();
    const QCPRange mse = curveExtent(view->plot(), QStringLiteral("MSE"));
    QVERIFY(mse.upper >= 16.0);
    QVERIFY2(range.upper >= mse.upper && range.upper < 1.5 * mse.upper,
             qPrintable(QStringLiteral("%1 to %2").arg(range.lower).arg(range.upper)));
    QVERIFY(range.lower < 0.0 && range.lower > -mse.upper);
    // The exploding curve goes on beyond the top.
    QVERIFY(curveExtent(view->plot(), QStringLiteral("Formula")).upper > 100.0 * range.upper);
}

// 1/e alone: infinite at e = 0 and huge beside it, but the range shows the curve's shape.
void TestLossCurveView::poleClipped()
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(enableLosses(window, {QStringLiteral("formula:1/e")}));
    LossCurveView *view = window.lossCurveView();
    view->firstDerivativeBox()->setChecked(false);
    view->fitRange();
    const QCPRange range = view->plot()->yAxis->range();
    QVERIFY(std::isfinite(range.lower) && std::isfinite(range.upper));
    // 1/e at the view's edges, e = +-4, is 0.25; the range shows values of a few units.
    QVERIFY2(range.upper > 0.25 && range.upper < 100.0 && range.lower < -0.25 &&
                 range.lower > -100.0,
             qPrintable(QStringLiteral("%1 to %2").arg(range.lower).arg(range.upper)));
}

// 1/e next to MSE and Huber with their gradients: the pole at 0 reaches about +-150 on the
// sampled errors, and must not squeeze MSE's 0 to 16 into a sliver.
void TestLossCurveView::poleBesideSteadyLosses()
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(enableLosses(window, {QStringLiteral("mse"), QStringLiteral("huber"),
                                  QStringLiteral("formula:1/e")}));
    LossCurveView *view = window.lossCurveView();
    view->firstDerivativeBox()->setChecked(true);
    view->fitRange();
    const QCPRange range = view->plot()->yAxis->range();
    const QCPRange mse = curveExtent(view->plot(), QStringLiteral("MSE"));
    QVERIFY2(range.upper >= mse.upper && range.upper < 2.5 * mse.upper,
             qPrintable(QStringLiteral("%1 to %2").arg(range.lower).arg(range.upper)));
    QVERIFY2(range.lower > -2.5 * mse.upper,
             qPrintable(QStringLiteral("%1 to %2").arg(range.lower).arg(range.upper)));
}

// MSE and Geman-McClure differ by a factor of 10 at e = +-4, and both are steady: the
// range takes MSE whole.
void TestLossCurveView::steadyCurvesShownWhole()
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(enableLosses(window, {QStringLiteral("mse"), QStringLiteral("geman_mcclure")}));
    LossCurveView *view = window.lossCurveView();
    view->fitRange();
    const QCPRange range = view->plot()->yAxis->range();
    const QCPRange mse = curveExtent(view->plot(), QStringLiteral("MSE"));
    QVERIFY(range.upper >= mse.upper);
}

// log(e) is undefined for e <= 0, where the formula loss gives +inf. Its derivative curves have
// a gap there too, though the symbolic rho'(e) = 1 / e is finite at negative e. Where e > 0 the
// curves are drawn, rho' as 1 / e.
void TestLossCurveView::derivativesBrokenWhereLossUndefined()
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(enableLosses(window, {QStringLiteral("formula:log(e)")}));
    LossCurveView *view = window.lossCurveView();
    view->firstDerivativeBox()->setChecked(true);
    view->secondDerivativeBox()->setChecked(true);
    view->weightBox()->setChecked(true);
    view->setUserRange(ViewRange{-3.0, 3.0, -5.0, 5.0});
    QCustomPlot *plot = view->plot();
    // curve 0 is rho, then rho', rho'' and the weight, as LossCurveView numbers them.
    int checkedCurves = 0;
    for (int g = 0; g < plot->graphCount(); ++g) {
        const QCPGraph *graph = plot->graph(g);
        const int curve = graph->property("curve").toInt();
        if (curve == 0)
            continue;
        ++checkedCurves;
        int gaps = 0, drawn = 0;
        for (auto point = graph->data()->constBegin(); point != graph->data()->constEnd();
             ++point) {
            if (point->key <= 0.0) {
                QVERIFY2(std::isnan(point->value),
                         qPrintable(QStringLiteral("curve %1 at e = %2: %3")
                                        .arg(curve)
                                        .arg(point->key)
                                        .arg(point->value)));
                ++gaps;
            } else if (curve == 1) {
                COMPARE_NEAR(point->value, 1.0 / point->key, 1e-9 / point->key);
                ++drawn;
            } else if (std::isfinite(point->value)) {
                ++drawn;
            }
        }
        QVERIFY2(
            gaps > 100 && drawn > 100,
            qPrintable(
                QStringLiteral("curve %1: %2 gaps, %3 drawn").arg(curve).arg(gaps).arg(drawn)));
    }
    QCOMPARE(checkedCurves, 3);
}

QTEST_MAIN(TestLossCurveView)
#include "tst_losscurveview.moc"
