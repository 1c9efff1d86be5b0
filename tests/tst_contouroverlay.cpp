#include "core/contours.h"
#include "core/losscatalogue.h"
#include "testdata.h"
#include "ui/contouroverlay.h"
#include "ui/landscapeview.h"
#include "ui/mainwindow.h"
#include "ui/plotsupport.h"
#include "ui/sessionmodel.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QElapsedTimer>
#include <QtTest>

#include <cmath>

using namespace losslens;

namespace {

// The label's rotated rectangle in pixels.
QPolygonF labelOutline(const ContourOverlay::Label &label)
{
    QTransform transform;
    transform.translate(label.centre.x(), label.centre.y());
    transform.rotate(label.angle);
    const QRectF box(-0.5 * label.size.width(), -0.5 * label.size.height(), label.size.width(),
                     label.size.height());
    return transform.map(QPolygonF(box));
}

// Distance in pixels from a point to the nearest line of one level.
double distanceToLevel(const QCustomPlot &plot, const ContourLevel &level, const QPointF &pixel)
{
    double nearest = std::numeric_limits<double>::infinity();
    for (const ContourLine &line : level.lines) {
        for (size_t k = 1; k < line.points.size(); ++k) {
            const QPointF a(plot.xAxis->coordToPixel(line.points[k - 1][0]),
                            plot.yAxis->coordToPixel(line.points[k - 1][1]));
            const QPointF b(plot.xAxis->coordToPixel(line.points[k][0]),
                            plot.yAxis->coordToPixel(line.points[k][1]));
            const QPointF ab = b - a;
            const double lengthSquared = QPointF::dotProduct(ab, ab);
            const double t =
                lengthSquared > 0
                    ? std::clamp(QPointF::dotProduct(pixel - a, ab) / lengthSquared, 0.0, 1.0)
                    : 0.0;
            const QPointF closest = a + t * ab;
            nearest =
                std::min(nearest, std::hypot(pixel.x() - closest.x(), pixel.y() - closest.y()));
        }
    }
    return nearest;
}

QCheckBox *checkBoxNamed(QWidget *parent, const QString &text)
{
    for (QCheckBox *box : parent->findChildren<QCheckBox *>()) {
        if (box->text() == text)
            return box;
    }
    return nullptr;
}

// Waits until the view has the complete landscape of its latest request: the full grid and
// its minimum.
bool waitForCompleteLandscape(const LandscapeView *view)
{
    return QTest::qWaitFor(
        [view] { return !view->isComputing() && view->result() && view->result()->complete; },
        10000);
}

} // namespace

class TestContourOverlay : public QObject
{
    Q_OBJECT

private slots:
    void labelsPlacedClearOnLines_data();
    void labelsPlacedClearOnLines();
    void clearRemovesEverything();
    void replotTimeWithContours();
    void landscapeViewDrawsContours();
    void hugeLossesShownInUnits();
    void vastRangeKeepsLogarithmicColours();
    void deepZoomTicksDistinct();
    void lossSwitchDropsOldMinimum();
    void shortLogarithmicScaleLabelsLowEnd_data();
    void shortLogarithmicScaleLabelsLowEnd();
};

void TestContourOverlay::labelsPlacedClearOnLines_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<double>("zoom");

    QTest::newRow("small") << QSize(360, 260) << 1.0;
    QTest::newRow("large") << QSize(900, 700) << 1.0;
    QTest::newRow("zoomed in") << QSize(500, 400) << 0.4;
}

void TestContourOverlay::labelsPlacedClearOnLines()
{
    QFETCH(QSize, size);
    QFETCH(double, zoom);

    QCustomPlot plot;
    plot.resize(size);
    plot.xAxis->setRange(-2.0 * zoom, 2.0 * zoom);
    plot.yAxis->setRange(-1.5 * zoom, 1.5 * zoom);
    auto *overlay = new ContourOverlay(plot.xAxis, plot.yAxis);

    LandscapeGrid grid;
    grid.slopeMinimum = -2.0;
    grid.slopeMaximum = 2.0;
    grid.interceptMinimum = -1.5;
    grid.interceptMaximum = 1.5;
    grid.slopeCount = 161;
    grid.interceptCount = 121;
    Eigen::MatrixXd values(grid.slopeCount, grid.interceptCount);
    for (int i = 0; i < grid.slopeCount; ++i) {
        for (int j = 0; j < grid.interceptCount; ++j) {
            const double x = grid.slopeAt(i), y = grid.interceptAt(j);
            values(i, j) = x * x + 3.0 * y * y + 0.5 * x * y;
        }
    }
    const std::vector<double> levels =
        chooseContourLevels(values.minCoeff(), values.maxCoeff(), ContourSpacing::Linear);
    overlay->setContours(traceContours(values, grid, levels), contourLabels(levels),
                         std::vector<QColor>(levels.size(), Qt::white));
    const QPointF obstacle(0.0, 0.0);
    overlay->setObstacles({obstacle});
    plot.replot();

    const std::vector<ContourOverlay::Label> &labels = overlay->labels();
    QVERIFY(!labels.empty());
    const QRectF area = plot.axisRect()->rect();
    std::vector<int> perLevel(levels.size(), 0);
    const QPointF obstaclePixel(plot.xAxis->coordToPixel(obstacle.x()),
                                plot.yAxis->coordToPixel(obstacle.y()));
    for (size_t a = 0; a < labels.size(); ++a) {
        const ContourOverlay::Label &label = labels[a];
        QVERIFY(label.level >= 0 && label.level < int(levels.size()));
        ++perLevel[size_t(label.level)];
        QCOMPARE(label.text, contourLabels(levels)[label.level]);
        QVERIFY(label.angle > -90.0 && label.angle <= 90.0);
        const QPolygonF outline = labelOutline(label);
        for (const QPointF &corner : outline)
            QVERIFY2(area.contains(corner), qPrintable(label.text));
        // Each label sits on a line of its own level.
        QVERIFY(distanceToLevel(plot, overlay->contours()[size_t(label.level)], label.centre) <
                1.0);
        // The label keeps at least 8 pixels away from the obstacle.
        ContourOverlay::Label grown = label;
        grown.size += QSizeF(16.0, 16.0);
        QVERIFY(!labelOutline(grown).containsPoint(obstaclePixel, Qt::OddEvenFill));
        for (size_t b = a + 1; b < labels.size(); ++b)
            QVERIFY2(!outline.intersects(labelOutline(labels[b])),
                     qPrintable(label.text + QStringLiteral(" overlaps ") + labels[b].text));
    }
    for (int count : perLevel)
        QVERIFY(count <= 2);

    // A new range lays the labels out again, still on their lines.
    plot.xAxis->setRange(-1.0, 1.5);
    plot.replot();
    QVERIFY(!overlay->labels().empty());
    for (const ContourOverlay::Label &label : overlay->labels())
        QVERIFY(distanceToLevel(plot, overlay->contours()[size_t(label.level)], label.centre) <
                1.0);
}

void TestContourOverlay::clearRemovesEverything()
{
    QCustomPlot plot;
    plot.resize(400, 300);
    auto *overlay = new ContourOverlay(plot.xAxis, plot.yAxis);
    LandscapeGrid grid;
    grid.slopeCount = 41;
    grid.interceptCount = 41;
    Eigen::MatrixXd values(41, 41);
    for (int i = 0; i < 41; ++i) {
        for (int j = 0; j < 41; ++j)
            values(i, j) = std::pow(grid.slopeAt(i), 2) + std::pow(grid.interceptAt(j), 2);
    }
    plot.xAxis->setRange(-1, 1);
    plot.yAxis->setRange(-1, 1);
    overlay->setContours(traceContours(values, grid, {0.25, 0.5}), {"0.25", "0.5"},
                         {Qt::black, Qt::white});
    plot.replot();
    QVERIFY(!overlay->labels().empty());
    overlay->clear();
    plot.replot();
    QVERIFY(overlay->contours().empty());
    QVERIFY(overlay->labels().empty());
}

void TestContourOverlay::replotTimeWithContours()
{
    // A replot of a 161 x 161 heat map with and without ten levels of contours, for the record.
    QCustomPlot plot;
    plot.resize(700, 500);
    LandscapeGrid grid;
    grid.slopeMinimum = -3.0;
    grid.slopeMaximum = 3.0;
    grid.interceptMinimum = -3.0;
    grid.interceptMaximum = 3.0;
    grid.slopeCount = 161;
    grid.interceptCount = 161;
    auto *map = new QCPColorMap(plot.xAxis, plot.yAxis);
    map->data()->setSize(161, 161);
    map->data()->setRange(QCPRange(-3, 3), QCPRange(-3, 3));
    Eigen::MatrixXd values(161, 161);
    for (int i = 0; i < 161; ++i) {
        for (int j = 0; j < 161; ++j) {
            const double x = grid.slopeAt(i), y = grid.interceptAt(j);
            values(i, j) = std::log1p(std::pow(x - 0.3, 2) + 4.0 * std::pow(y + 0.2, 2)) +
                           0.3 * std::sin(3.0 * x) * std::cos(2.0 * y);
            map->data()->setCell(i, j, values(i, j));
        }
    }
    map->rescaleDataRange();
    plot.xAxis->setRange(-3, 3);
    plot.yAxis->setRange(-3, 3);
    auto *overlay = new ContourOverlay(plot.xAxis, plot.yAxis);
    const std::vector<double> levels =
        chooseContourLevels(values.minCoeff(), values.maxCoeff(), ContourSpacing::Linear);

    constexpr int repeats = 20;
    auto averageReplot = [&] {
        plot.replot();
        QElapsedTimer timer;
        timer.start();
        for (int k = 0; k < repeats; ++k)
            plot.replot();
        return timer.nsecsElapsed() / 1e6 / repeats;
    };
    const double without = averageReplot();
    QElapsedTimer timer;
    timer.start();
    overlay->setContours(traceContours(values, grid, levels), contourLabels(levels),
                         std::vector<QColor>(levels.size(), Qt::white));
    const double tracing = timer.nsecsElapsed() / 1e6;
    timer.restart();
    // The first replot lays out the labels and draws lines and labels into the cached image.
    plot.replot();
    const double firstReplot = timer.nsecsElapsed() / 1e6;
    const double layout = overlay->lastLayoutMilliseconds();
    const double with = averageReplot();
    qInfo("%zu levels traced in %.2f ms; first replot %.2f ms (layout of %zu labels %.2f ms); "
          "later replots %.2f ms with contours, %.2f ms without",
          levels.size(), tracing, firstReplot, overlay->labels().size(), layout, with, without);
    QVERIFY(!overlay->labels().empty());
}

void TestContourOverlay::landscapeViewDrawsContours()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    LandscapeView *view = window.landscapeView();
    QVERIFY(waitForCompleteLandscape(view));
    view->plot()->replot();

    const ContourOverlay *overlay = view->contours();
    QVERIFY(overlay);
    QVERIFY(overlay->contours().size() >= 5);
    QVERIFY(!overlay->labels().empty());
    const Landscape &landscape = view->result()->landscape;
    const std::optional<ValueRange> range = finiteRange(landscape.values);
    QVERIFY(range);
    // The view opens with logarithmic colours, and the levels follow them.
    std::vector<double> levels;
    for (const ContourLevel &level : overlay->contours())
        levels.push_back(level.level);
    QCOMPARE(levels,
             chooseContourLevels(range->minimum, range->maximum, ContourSpacing::Logarithmic));

    QCheckBox *logarithmic = checkBoxNamed(view, QStringLiteral("&Logarithmic colours"));
    QCheckBox *contours = checkBoxNamed(view, QStringLiteral("&Contours"));
    QVERIFY(logarithmic);
    QVERIFY(contours);
    QVERIFY(contours->isChecked());

    logarithmic->setChecked(false);
    levels.clear();
    for (const ContourLevel &level : overlay->contours())
        levels.push_back(level.level);
    QCOMPARE(levels, chooseContourLevels(range->minimum, range->maximum, ContourSpacing::Linear));

    contours->setChecked(false);
    QVERIFY(overlay->contours().empty());
    QVERIFY(overlay->labels().empty());
    contours->setChecked(true);
    QVERIFY(!overlay->contours().empty());
}

void TestContourOverlay::hugeLossesShownInUnits()
{
    // Mean squared errors near 1e282 lie beyond the 1e250 that QCustomPlot's axes accept, so
    // the map and its colour scale show them in units of a power of ten.
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    std::vector<double> feature;
    std::vector<double> target;
    for (int i = 0; i < 30; ++i) {
        feature.push_back(i / 3.0);
        target.push_back((2.0 * i / 3.0 + 1.0 + ((i * 7) % 5 - 2) * 0.3) * 1e140);
    }
    auto data = std::make_shared<Dataset>();
    data->feature = Eigen::Map<const Eigen::VectorXd>(feature.data(), Eigen::Index(feature.size()));
    data->target = Eigen::Map<const Eigen::VectorXd>(target.data(), Eigen::Index(target.size()));
    window.model()->setData(data, QStringLiteral("huge"));
    QString error;
    const std::shared_ptr<const Loss> loss = LossCatalogue::parse(QStringLiteral("mse"), &error);
    QVERIFY(loss);
    window.model()->setEnabledLosses({loss});
    window.model()->setCurrentLoss(window.model()->lossIndex(QStringLiteral("mse")));
    LandscapeView *view = window.landscapeView();
    QVERIFY(waitForCompleteLandscape(view));
    QCustomPlot *plot = view->plot();
    QCPColorMap *map = nullptr;
    for (int k = 0; k < plot->plottableCount(); ++k) {
        if (auto *candidate = qobject_cast<QCPColorMap *>(plot->plottable(k)))
            map = candidate;
    }
    QVERIFY(map);
    QCPColorScale *scale = map->colorScale();
    QVERIFY(scale);
    const Landscape &landscape = view->result()->landscape;
    QVERIFY(landscape.maximumValue > 1e250);
    const QString label = scale->axis()->label();
    const QString prefix = QStringLiteral("mean loss in units of 1e");
    QVERIFY2(label.startsWith(prefix), qPrintable(label));
    bool ok = false;
    const int exponent = label.mid(prefix.size()).toInt(&ok);
    QVERIFY(ok);
    QVERIFY(exponent > 100);
    const QCPRange range = scale->dataRange();
    QVERIFY(range.lower > 0.0);
    QVERIFY(range.upper > range.lower);
    QVERIFY(range.upper <= 1e249);
    const double unit = std::pow(10.0, exponent);
    QVERIFY(std::abs(map->data()->cell(3, 5) - landscape.values(3, 5) / unit) <=
            1e-12 * landscape.values(3, 5) / unit);
}

void TestContourOverlay::vastRangeKeepsLogarithmicColours()
{
    // exp(50 e) spans about 1e-293 to 1e306 over the automatic grid on the stack loss data.
    // The colours must still be logarithmic over the top 300 decades, with the smaller cells at
    // the lowest colour.
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString error;
    const std::shared_ptr<const Loss> loss =
        LossCatalogue::parse(QStringLiteral("formula:exp(50*e)"), &error);
    QVERIFY2(loss, qPrintable(error));
    window.model()->setEnabledLosses({loss});
    window.model()->setCurrentLoss(window.model()->lossIndex(loss->spec()));
    LandscapeView *view = window.landscapeView();
    QVERIFY(waitForCompleteLandscape(view));
    const Landscape &landscape = view->result()->landscape;
    QVERIFY(landscape.minimumValue > 0.0);
    QVERIFY(landscape.minimumValue < 1e-250);
    QCustomPlot *plot = view->plot();
    QCPColorMap *map = nullptr;
    for (int k = 0; k < plot->plottableCount(); ++k) {
        if (auto *candidate = qobject_cast<QCPColorMap *>(plot->plottable(k)))
            map = candidate;
    }
    QVERIFY(map);
    QCPColorScale *scale = map->colorScale();
    QVERIFY(scale);
    QCOMPARE(scale->dataScaleType(), QCPAxis::stLogarithmic);
    const QCPRange range = scale->dataRange();
    QVERIFY(range.lower > 0.0);
    QVERIFY(range.upper <= 1e249);
    QVERIFY(range.upper / range.lower > 1e299);
    QVERIFY(std::isfinite(range.upper / range.lower));
    // The axis shows that range, not an older one.
    QCOMPARE(scale->axis()->range().lower, range.lower);
    QCOMPARE(scale->axis()->range().upper, range.upper);
    for (int i = 0; i < map->data()->keySize(); ++i) {
        for (int j = 0; j < map->data()->valueSize(); ++j) {
            const double cell = map->data()->cell(i, j);
            QVERIFY(std::isnan(cell) || cell >= range.lower * (1.0 - 1e-12));
        }
    }
}

void TestContourOverlay::deepZoomTicksDistinct()
{
    // A zoom deep into the valley leaves ranges a millionth of their values wide, on the axes and
    // on the colour scale. Every tick label must still differ from its neighbours.
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    LandscapeView *view = window.landscapeView();
    QVERIFY(waitForCompleteLandscape(view));
    const Eigen::Vector2d minimum = view->result()->minimum.theta;
    view->setRange({minimum[0] - 2e-6, minimum[0] + 2e-6, minimum[1] - 3e-6, minimum[1] + 3e-6});
    QVERIFY(waitForCompleteLandscape(view));
    QCustomPlot *plot = view->plot();
    plot->replot();
    QCPColorScale *scale = nullptr;
    for (int k = 0; k < plot->plotLayout()->elementCount(); ++k) {
        if (auto *candidate = qobject_cast<QCPColorScale *>(plot->plotLayout()->elementAt(k)))
            scale = candidate;
    }
    QVERIFY(scale);
    QVERIFY(scale->axis()->range().size() < 1e-6 * std::abs(scale->axis()->range().upper));
    for (QCPAxis *axis : {plot->xAxis, plot->yAxis, scale->axis()}) {
        const QVector<QString> labels = axis->tickVectorLabels();
        QVERIFY2(labels.size() >= 2, qPrintable(axis->label()));
        for (qsizetype k = 1; k < labels.size(); ++k)
            QVERIFY2(labels[k] != labels[k - 1], qPrintable(axis->label() + QStringLiteral(": ") +
                                                           labels[k]));
    }
    // Long labels on the horizontal axis come with fewer ticks.
    QVERIFY(plot->xAxis->tickVectorLabels().size() <= 4);
}

void TestContourOverlay::lossSwitchDropsOldMinimum()
{
    // Until the first pass of a newly chosen loss arrives, the map still shows the old loss, so
    // its star and contour labels must not stay on it.
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    LandscapeView *view = window.landscapeView();
    QVERIFY(waitForCompleteLandscape(view));
    QVERIFY(view->minimumMarker()->visible());
    QVERIFY(!view->contours()->labels().empty());

    const int mae = window.model()->lossIndex(QStringLiteral("mae"));
    QVERIFY(mae >= 0);
    window.model()->setCurrentLoss(mae);
    QVERIFY(!view->minimumMarker()->visible());
    QVERIFY(view->contours()->labels().empty());

    QVERIFY(waitForCompleteLandscape(view));
    QCOMPARE(view->result()->objective->loss().name(), QStringLiteral("mae"));
    QVERIFY(view->minimumMarker()->visible());
    view->plot()->replot();
    QVERIFY(!view->contours()->labels().empty());
}

void TestContourOverlay::shortLogarithmicScaleLabelsLowEnd_data()
{
    QTest::addColumn<double>("lower");
    QTest::addColumn<double>("upper");
    QTest::addColumn<double>("lowestTickAtMost");
    QTest::addColumn<int>("fewestTicks");

    // Under two decades the plain ticker would label only the top: 250, 500, ..., 1250.
    QTest::newRow("22 to 1250") << 22.0 << 1250.0 << 50.0 << 4;
    QTest::newRow("0.04 to 0.8") << 0.04 << 0.8 << 0.05 << 4;
    QTest::newRow("1.2 to 4") << 1.2 << 4.0 << 1.5 << 3;
    QTest::newRow("7 to 9.5") << 7.0 << 9.5 << 7.0 << 3;
    // 0.8, 0.9 and 1 alone would leave 1 to 1.95 unlabelled.
    QTest::newRow("0.77 to 1.95") << 0.77 << 1.95 << 0.8 << 4;
    // 5, 10 and 20 span half of the axis but leave 2.07 to 5, a third of it, unlabelled.
    QTest::newRow("2.07 to 22") << 2.07 << 22.0 << 3.0 << 4;
    // Two decades and more keep the powers of ten.
    QTest::newRow("0.001 to 10") << 0.001 << 10.0 << 0.001 << 5;
}

void TestContourOverlay::shortLogarithmicScaleLabelsLowEnd()
{
    QFETCH(double, lower);
    QFETCH(double, upper);
    QFETCH(double, lowestTickAtMost);
    QFETCH(int, fewestTicks);

    QCustomPlot plot;
    QCPAxis *axis = plot.yAxis;
    axis->setRange(lower, upper);
    setLogarithmic(axis, true);
    QVector<double> ticks;
    QVector<QString> labels;
    axis->ticker()->generate(axis->range(), QLocale::c(), QLatin1Char('g'), 6, ticks, nullptr,
                             &labels);
    QVERIFY2(ticks.size() >= fewestTicks, qPrintable(QStringList(labels.begin(), labels.end())
                                                         .join(QLatin1Char(' '))));
    QVERIFY(ticks.front() >= lower);
    QVERIFY(ticks.front() <= lowestTickAtMost);
    QVERIFY(ticks.back() <= upper);
    QVERIFY2(ticks.size() <= 10, qPrintable(QStringList(labels.begin(), labels.end())
                                                .join(QLatin1Char(' '))));
    // The outer ticks span at least half of the axis, so neither end is left unlabelled.
    QVERIFY2(std::log(ticks.back() / ticks.front()) >= 0.5 * std::log(upper / lower),
             qPrintable(QStringList(labels.begin(), labels.end()).join(QLatin1Char(' '))));
    QCOMPARE(QSet<QString>(labels.begin(), labels.end()).size(), labels.size());
    // Back to linear, the plain ticker returns.
    setLogarithmic(axis, false);
    QVERIFY(axis->ticker().dynamicCast<QCPAxisTickerLog>().isNull());
    QCOMPARE(axis->numberFormat(), QStringLiteral("gb"));
}

QTEST_MAIN(TestContourOverlay)
#include "tst_contouroverlay.moc"
