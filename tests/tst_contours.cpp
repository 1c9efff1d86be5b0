#include "core/contours.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

using namespace losslens;

namespace {

LandscapeGrid squareGrid(double minimum, double maximum, int count)
{
    LandscapeGrid grid;
    grid.slopeMinimum = minimum;
    grid.slopeMaximum = maximum;
    grid.interceptMinimum = minimum;
    grid.interceptMaximum = maximum;
    grid.slopeCount = count;
    grid.interceptCount = count;
    return grid;
}

Eigen::MatrixXd sample(const LandscapeGrid &grid, const std::function<double(double, double)> &f)
{
    Eigen::MatrixXd values(grid.slopeCount, grid.interceptCount);
    for (int i = 0; i < grid.slopeCount; ++i) {
        for (int j = 0; j < grid.interceptCount; ++j)
            values(i, j) = f(grid.slopeAt(i), grid.interceptAt(j));
    }
    return values;
}

double spacing(const LandscapeGrid &grid)
{
    return (grid.slopeMaximum - grid.slopeMinimum) / (grid.slopeCount - 1);
}

bool onBorder(const LandscapeGrid &grid, const Eigen::Vector2d &point)
{
    const double tolerance = 1e-12;
    return std::abs(point[0] - grid.slopeMinimum) < tolerance ||
           std::abs(point[0] - grid.slopeMaximum) < tolerance ||
           std::abs(point[1] - grid.interceptMinimum) < tolerance ||
           std::abs(point[1] - grid.interceptMaximum) < tolerance;
}

// Number of segments marching squares must draw for one level: one per cell whose corners lie
// on both sides, two in a saddle cell. Counted independently of the tracer's case table.
int expectedSegmentCount(const Eigen::MatrixXd &values, double level)
{
    int count = 0;
    for (Eigen::Index i = 0; i + 1 < values.rows(); ++i) {
        for (Eigen::Index j = 0; j + 1 < values.cols(); ++j) {
            const double corners[4] = {values(i, j), values(i + 1, j), values(i + 1, j + 1),
                                       values(i, j + 1)};
            int crossedEdges = 0;
            for (int k = 0; k < 4; ++k)
                crossedEdges += (corners[k] >= level) != (corners[(k + 1) % 4] >= level);
            count += crossedEdges / 2;
        }
    }
    return count;
}

} // namespace

class TestContours : public QObject
{
    Q_OBJECT

private slots:
    void circlesAtSquareRootRadius_data();
    void circlesAtSquareRootRadius();
    void circleCutByBorderIsOpen();
    void levelOutsideValuesHasNoLines();
    void planeGivesStraightLines();
    void saddleHyperbolaBranches();
    void saddleCellResolvedByCentre_data();
    void saddleCellResolvedByCentre();
    void nonFiniteNodeLeavesGap_data();
    void nonFiniteNodeLeavesGap();
    void levelThroughNodesStaysClosed();
    void chainingKeepsEverySegment();
    void finiteRangeSkipsNonFinite();
    void linearLevelsAreRound_data();
    void linearLevelsAreRound();
    void linearLevelsExamples();
    void logarithmicLevelsEvenInLog_data();
    void logarithmicLevelsEvenInLog();
    void logarithmicLevelsExamples();
    void invalidRangeGivesNoLevels();
    void labelsCompact();
    void labelsDistinguishNeighbours();
    void traceLandscapeSizedGrid();
};

void TestContours::circlesAtSquareRootRadius_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<double>("level");

    for (int count : {41, 161}) {
        for (double level : {0.04, 0.5, 1.0, 2.25, 3.9})
            QTest::addRow("%d nodes, level %g", count, level) << count << level;
    }
}

void TestContours::circlesAtSquareRootRadius()
{
    QFETCH(int, count);
    QFETCH(double, level);

    const LandscapeGrid grid = squareGrid(-2.0, 2.0, count);
    const Eigen::MatrixXd values = sample(grid, [](double x, double y) { return x * x + y * y; });
    const std::vector<ContourLevel> contours = traceContours(values, grid, {level});
    QCOMPARE(contours.size(), size_t(1));
    QCOMPARE(contours[0].level, level);
    QCOMPARE(contours[0].lines.size(), size_t(1));

    const ContourLine &circle = contours[0].lines[0];
    QVERIFY(circle.closed);
    QVERIFY(circle.points.size() > 8);
    QCOMPARE(circle.points.front(), circle.points.back());
    // Interpolating x^2 linearly along an edge misplaces the crossing by less than the spacing.
    const double radius = std::sqrt(level);
    const double h = spacing(grid);
    double angleTurned = 0.0;
    for (size_t k = 0; k < circle.points.size(); ++k) {
        const Eigen::Vector2d &point = circle.points[k];
        QVERIFY2(std::abs(point.norm() - radius) < h,
                 qPrintable(QStringLiteral("point %1 at radius %2, expected %3")
                                .arg(k)
                                .arg(point.norm())
                                .arg(radius)));
        if (k > 0) {
            const Eigen::Vector2d &previous = circle.points[k - 1];
            angleTurned += std::atan2(previous[0] * point[1] - previous[1] * point[0],
                                      previous.dot(point));
        }
    }
    // Consecutive points are neighbours along the circle, so the line goes round exactly once.
    QVERIFY2(std::abs(std::abs(angleTurned) - 2.0 * M_PI) < 1e-9,
             qPrintable(QStringLiteral("turned by %1 rad").arg(angleTurned)));
}

void TestContours::circleCutByBorderIsOpen()
{
    // The radius sqrt(5) exceeds 2 but not the corner distance sqrt(8), so the level set is
    // four arcs around the corners.
    const LandscapeGrid grid = squareGrid(-2.0, 2.0, 81);
    const Eigen::MatrixXd values = sample(grid, [](double x, double y) { return x * x + y * y; });
    const std::vector<ContourLevel> contours = traceContours(values, grid, {5.0});
    QCOMPARE(contours[0].lines.size(), size_t(4));
    for (const ContourLine &arc : contours[0].lines) {
        QVERIFY(!arc.closed);
        QVERIFY(arc.points.size() >= 2);
        QVERIFY(onBorder(grid, arc.points.front()));
        QVERIFY(onBorder(grid, arc.points.back()));
        for (const Eigen::Vector2d &point : arc.points)
            QVERIFY(std::abs(point.norm() - std::sqrt(5.0)) < spacing(grid));
    }
}

void TestContours::levelOutsideValuesHasNoLines()
{
    const LandscapeGrid grid = squareGrid(-2.0, 2.0, 41);
    const Eigen::MatrixXd values = sample(grid, [](double x, double y) { return x * x + y * y; });
    const std::vector<ContourLevel> contours =
        traceContours(values, grid, {-1.0, 9.0, std::numeric_limits<double>::quiet_NaN()});
    QCOMPARE(contours.size(), size_t(3));
    for (const ContourLevel &entry : contours)
        QVERIFY(entry.lines.empty());
}

void TestContours::planeGivesStraightLines()
{
    LandscapeGrid grid = squareGrid(-3.0, 5.0, 33);
    grid.interceptMinimum = -1.0;
    grid.interceptMaximum = 2.0;
    grid.interceptCount = 17;
    const auto plane = [](double x, double y) { return 2.0 * x + 3.0 * y + 1.0; };
    const Eigen::MatrixXd values = sample(grid, plane);
    const std::vector<double> levels = {-4.3, 0.0, 2.5, 11.7};
    const std::vector<ContourLevel> contours = traceContours(values, grid, levels);
    QCOMPARE(contours.size(), levels.size());
    for (const ContourLevel &entry : contours) {
        QCOMPARE(entry.lines.size(), size_t(1));
        const ContourLine &line = entry.lines[0];
        QVERIFY(!line.closed);
        QVERIFY(onBorder(grid, line.points.front()));
        QVERIFY(onBorder(grid, line.points.back()));
        // Linear interpolation is exact for a plane, so every point lies on the level line.
        for (const Eigen::Vector2d &point : line.points)
            QVERIFY(std::abs(plane(point[0], point[1]) - entry.level) < 1e-12);
        // Each point moves the same way along the line's direction (-3, 2) or its reverse.
        const Eigen::Vector2d direction = Eigen::Vector2d(-3.0, 2.0).normalized();
        const double sign = (line.points.back() - line.points.front()).dot(direction) > 0 ? 1 : -1;
        for (size_t k = 1; k < line.points.size(); ++k)
            QVERIFY(sign * (line.points[k] - line.points[k - 1]).dot(direction) > 0.0);
    }
}

void TestContours::saddleHyperbolaBranches()
{
    // f = x y: level c > 0 has one branch in the first and one in the third quadrant, c < 0 in
    // the second and fourth. Saddle cells near the origin must not join the branches.
    const LandscapeGrid grid = squareGrid(-1.0, 1.0, 60);
    const Eigen::MatrixXd values = sample(grid, [](double x, double y) { return x * y; });
    const std::vector<ContourLevel> contours = traceContours(values, grid, {0.1, -0.1});
    for (const ContourLevel &entry : contours) {
        QCOMPARE(entry.lines.size(), size_t(2));
        for (const ContourLine &branch : entry.lines) {
            QVERIFY(!branch.closed);
            const double quadrantSign = branch.points.front()[0] > 0 ? 1.0 : -1.0;
            for (const Eigen::Vector2d &point : branch.points) {
                QCOMPARE(point[0] > 0 ? 1.0 : -1.0, quadrantSign);
                QVERIFY(std::abs(point[0] * point[1] - entry.level) < spacing(grid));
            }
        }
    }
}

void TestContours::saddleCellResolvedByCentre_data()
{
    QTest::addColumn<double>("bottomLeft");
    QTest::addColumn<double>("bottomRight");
    QTest::addColumn<double>("topRight");
    QTest::addColumn<double>("topLeft");
    QTest::addColumn<double>("level");
    // Corners at (0, 0), (1, 0), (1, 1) and (0, 1) that each segment cuts off.
    QTest::addColumn<QList<QPointF>>("cutCorners");

    const QPointF bottomLeft(0, 0), bottomRight(1, 0), topRight(1, 1), topLeft(0, 1);
    // Mean 1: at level 0 the centre is above, so the above corners join through it.
    QTest::newRow("above pair, centre above")
        << 3.0 << -1.0 << 3.0 << -1.0 << 0.0 << QList<QPointF>{bottomRight, topLeft};
    QTest::newRow("above pair, centre below")
        << 3.0 << -1.0 << 3.0 << -1.0 << 2.0 << QList<QPointF>{bottomLeft, topRight};
    QTest::newRow("other diagonal, centre above")
        << -1.0 << 3.0 << -1.0 << 3.0 << 0.0 << QList<QPointF>{bottomLeft, topRight};
    QTest::newRow("other diagonal, centre below")
        << -1.0 << 3.0 << -1.0 << 3.0 << 2.0 << QList<QPointF>{bottomRight, topLeft};
}

void TestContours::saddleCellResolvedByCentre()
{
    QFETCH(double, bottomLeft);
    QFETCH(double, bottomRight);
    QFETCH(double, topRight);
    QFETCH(double, topLeft);
    QFETCH(double, level);
    QFETCH(QList<QPointF>, cutCorners);

    const LandscapeGrid grid = squareGrid(0.0, 1.0, 2);
    Eigen::MatrixXd values(2, 2);
    values(0, 0) = bottomLeft;
    values(1, 0) = bottomRight;
    values(1, 1) = topRight;
    values(0, 1) = topLeft;
    const std::vector<ContourLevel> contours = traceContours(values, grid, {level});
    QCOMPARE(contours[0].lines.size(), size_t(2));
    QList<QPointF> found;
    for (const ContourLine &segment : contours[0].lines) {
        QCOMPARE(segment.points.size(), size_t(2));
        // The corner a segment cuts off is the cell corner nearest its midpoint.
        const Eigen::Vector2d middle = 0.5 * (segment.points[0] + segment.points[1]);
        found << QPointF(std::round(middle[0]), std::round(middle[1]));
    }
    std::sort(found.begin(), found.end(), [](const QPointF &a, const QPointF &b) {
        return std::pair(a.x(), a.y()) < std::pair(b.x(), b.y());
    });
    std::sort(cutCorners.begin(), cutCorners.end(), [](const QPointF &a, const QPointF &b) {
        return std::pair(a.x(), a.y()) < std::pair(b.x(), b.y());
    });
    QCOMPARE(found, cutCorners);
}

void TestContours::nonFiniteNodeLeavesGap_data()
{
    QTest::addColumn<double>("badValue");

    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("+inf") << std::numeric_limits<double>::infinity();
    QTest::newRow("-inf") << -std::numeric_limits<double>::infinity();
}

void TestContours::nonFiniteNodeLeavesGap()
{
    QFETCH(double, badValue);

    const LandscapeGrid grid = squareGrid(-2.0, 2.0, 41);
    Eigen::MatrixXd values = sample(grid, [](double x, double y) { return x * x + y * y; });
    // The node (1, 0) lies next to the circle of radius sqrt(0.9), which breaks without it.
    const int badI = 30, badJ = 20;
    QCOMPARE(grid.slopeAt(badI), 1.0);
    QCOMPARE(grid.interceptAt(badJ), 0.0);
    values(badI, badJ) = badValue;

    const std::vector<ContourLevel> contours = traceContours(values, grid, {0.9, 2.25});
    QCOMPARE(contours[0].lines.size(), size_t(1));
    const ContourLine &broken = contours[0].lines[0];
    QVERIFY(!broken.closed);
    QVERIFY(broken.points.size() > 8);
    // The four cells around the bad node get no line, so nothing lies strictly inside them.
    const double h = spacing(grid);
    for (const Eigen::Vector2d &point : broken.points) {
        const bool insideGap = std::abs(point[0] - 1.0) < h * (1.0 - 1e-9) &&
                               std::abs(point[1]) < h * (1.0 - 1e-9);
        QVERIFY2(!insideGap, qPrintable(QStringLiteral("point (%1, %2) inside the gap")
                                            .arg(point[0])
                                            .arg(point[1])));
    }
    // Both ends sit on the boundary of the gap, next to the bad node.
    for (const Eigen::Vector2d &end : {broken.points.front(), broken.points.back()})
        QVERIFY((end - Eigen::Vector2d(1.0, 0.0)).cwiseAbs().maxCoeff() < h * (1.0 + 1e-9));

    // A circle away from the bad node stays whole.
    QCOMPARE(contours[1].lines.size(), size_t(1));
    QVERIFY(contours[1].lines[0].closed);
}

void TestContours::levelThroughNodesStaysClosed()
{
    // Nodes at (+-1, 0) and (0, +-1) have exactly the level's value, so crossings land on
    // nodes and several edges share a point.
    const LandscapeGrid grid = squareGrid(-2.0, 2.0, 41);
    const Eigen::MatrixXd values = sample(grid, [](double x, double y) { return x * x + y * y; });
    QCOMPARE(values(30, 20), 1.0);
    const std::vector<ContourLevel> contours = traceContours(values, grid, {1.0});
    QCOMPARE(contours[0].lines.size(), size_t(1));
    const ContourLine &circle = contours[0].lines[0];
    QVERIFY(circle.closed);
    QCOMPARE(circle.points.front(), circle.points.back());
    for (size_t k = 1; k < circle.points.size(); ++k)
        QVERIFY(circle.points[k] != circle.points[k - 1]);
    for (const Eigen::Vector2d &point : circle.points)
        QVERIFY(std::abs(point.norm() - 1.0) < spacing(grid));
}

void TestContours::chainingKeepsEverySegment()
{
    // Random values make many small loops, open lines and saddles.
    QRandomGenerator random(12345);
    const LandscapeGrid grid = squareGrid(0.0, 1.0, 30);
    Eigen::MatrixXd values(grid.slopeCount, grid.interceptCount);
    for (Eigen::Index k = 0; k < values.size(); ++k)
        values.data()[k] = random.generateDouble();
    for (double level : {0.2, 0.5, 0.77}) {
        const std::vector<ContourLevel> contours = traceContours(values, grid, {level});
        int segments = 0;
        for (const ContourLine &line : contours[0].lines) {
            segments += int(line.points.size()) - 1;
            if (line.closed) {
                QCOMPARE(line.points.front(), line.points.back());
            } else {
                QVERIFY(onBorder(grid, line.points.front()));
                QVERIFY(onBorder(grid, line.points.back()));
            }
        }
        QCOMPARE(segments, expectedSegmentCount(values, level));
    }
}

void TestContours::finiteRangeSkipsNonFinite()
{
    Eigen::MatrixXd values(2, 3);
    values << 4.0, std::numeric_limits<double>::quiet_NaN(), -2.5,
        std::numeric_limits<double>::infinity(), 7.0, 1.0;
    const std::optional<ValueRange> range = finiteRange(values);
    QVERIFY(range);
    QCOMPARE(range->minimum, -2.5);
    QCOMPARE(range->maximum, 7.0);

    values.setConstant(std::numeric_limits<double>::quiet_NaN());
    QVERIFY(!finiteRange(values));
}

void TestContours::linearLevelsAreRound_data()
{
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");

    QTest::newRow("0 to 100") << 0.0 << 100.0;
    QTest::newRow("2.07 to 25.3") << 2.07 << 25.3;
    QTest::newRow("0.013 to 0.87") << 0.013 << 0.87;
    QTest::newRow("405 to 91234") << 405.0 << 91234.0;
    QTest::newRow("negative") << -7.3 << 2.2;
    QTest::newRow("narrow far from 0") << 1000.0001 << 1000.0009;
    QTest::newRow("huge") << 3e200 << 7e203;
}

void TestContours::linearLevelsAreRound()
{
    QFETCH(double, low);
    QFETCH(double, high);

    const std::vector<double> levels = chooseContourLevels(low, high, ContourSpacing::Linear);
    QVERIFY2(levels.size() >= 7 && levels.size() <= 13,
             qPrintable(QStringLiteral("%1 levels").arg(levels.size())));
    // The step is 1, 2 or 5 times a power of ten. The difference of two levels far from 0
    // carries their rounding, so it is rounded to one significant digit first.
    const double difference = levels[1] - levels[0];
    const double exponent = std::floor(std::log10(difference) + 0.01);
    const double mantissa = std::round(difference / std::pow(10.0, exponent));
    QVERIFY2(mantissa == 1.0 || mantissa == 2.0 || mantissa == 5.0,
             qPrintable(QStringLiteral("step %1").arg(difference)));
    const double step = mantissa * std::pow(10.0, exponent);
    for (size_t k = 0; k < levels.size(); ++k) {
        QVERIFY(levels[k] > low);
        QVERIFY(levels[k] < high);
        // Every level is a multiple of the step.
        const double multiple = levels[k] / step;
        QVERIFY2(std::abs(multiple - std::round(multiple)) < 1e-6,
                 qPrintable(QStringLiteral("level %1, step %2").arg(levels[k]).arg(step)));
        if (k > 0)
            QVERIFY(std::abs(levels[k] - levels[k - 1] - step) <= 1e-9 * std::abs(levels[k]));
    }
    // No further multiple of the step fits in the range.
    QVERIFY(levels.front() - step <= low);
    QVERIFY(levels.back() + step >= high);
}

void TestContours::linearLevelsExamples()
{
    QCOMPARE(chooseContourLevels(0.0, 100.0, ContourSpacing::Linear),
             (std::vector<double>{10, 20, 30, 40, 50, 60, 70, 80, 90}));
    QCOMPARE(chooseContourLevels(0.0, 1.0, ContourSpacing::Linear),
             (std::vector<double>{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}));
    QCOMPARE(chooseContourLevels(2.07, 25.3, ContourSpacing::Linear),
             (std::vector<double>{4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24}));
    // A logarithmic request on a range that reaches 0 falls back to linear levels.
    QCOMPARE(chooseContourLevels(0.0, 100.0, ContourSpacing::Logarithmic),
             chooseContourLevels(0.0, 100.0, ContourSpacing::Linear));
    // A landscape flat to two ulps, as Barron's loss at alpha = -60 with c = 1e-6 gives: the
    // steps are finer than the values, so there are no levels, and the search for them ends.
    const double flatLow = 1.0333333333333332;
    const double flatHigh = std::nextafter(std::nextafter(flatLow, 2.0), 2.0);
    QVERIFY(chooseContourLevels(flatLow, flatHigh, ContourSpacing::Linear).size() <= 1);
    QVERIFY(chooseContourLevels(flatLow, flatHigh, ContourSpacing::Logarithmic).size() <= 1);
    QVERIFY(
        chooseContourLevels(1e300, std::nextafter(1e300, 2e300), ContourSpacing::Linear).size() <=
        1);
}

void TestContours::logarithmicLevelsEvenInLog_data()
{
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");

    QTest::newRow("one decade") << 2.07 << 25.3;
    QTest::newRow("two decades") << 0.31 << 47.0;
    QTest::newRow("three decades") << 1.0 << 1000.0;
    QTest::newRow("six decades") << 0.8 << 9e5;
    QTest::newRow("twelve decades") << 3e-4 << 2e8;
    QTest::newRow("300 decades") << 1e-150 << 1e150;
}

void TestContours::logarithmicLevelsEvenInLog()
{
    QFETCH(double, low);
    QFETCH(double, high);

    const std::vector<double> levels = chooseContourLevels(low, high, ContourSpacing::Logarithmic);
    QVERIFY2(levels.size() >= 7 && levels.size() <= 13,
             qPrintable(QStringLiteral("%1 levels").arg(levels.size())));
    double smallestRatio = std::numeric_limits<double>::infinity(), largestRatio = 0.0;
    for (size_t k = 0; k < levels.size(); ++k) {
        QVERIFY(levels[k] > low);
        QVERIFY(levels[k] < high);
        // Each level is round, with at most two significant digits.
        const double scale = std::pow(10.0, std::floor(std::log10(levels[k])) - 1.0);
        const double digits = levels[k] / scale;
        QVERIFY2(std::abs(digits - std::round(digits)) < 1e-6,
                 qPrintable(QStringLiteral("level %1").arg(levels[k])));
        if (k > 0) {
            const double ratio = std::log10(levels[k] / levels[k - 1]);
            smallestRatio = std::min(smallestRatio, ratio);
            largestRatio = std::max(largestRatio, ratio);
        }
    }
    // Even in log: the widest gap in log10 must be at most twice the narrowest.
    QVERIFY2(largestRatio <= 2.0 * smallestRatio,
             qPrintable(QStringLiteral("log10 gaps from %1 to %2").arg(smallestRatio).arg(largestRatio)));
}

void TestContours::logarithmicLevelsExamples()
{
    QCOMPARE(chooseContourLevels(0.5, 2e10, ContourSpacing::Logarithmic),
             (std::vector<double>{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10}));
    QCOMPARE(chooseContourLevels(0.9, 1100.0, ContourSpacing::Logarithmic),
             (std::vector<double>{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}));
    QCOMPARE(chooseContourLevels(1e-5, 0.09, ContourSpacing::Logarithmic),
             (std::vector<double>{2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2,
                                  5e-2}));
    // Less than 0.7 decades gets equal round steps.
    QCOMPARE(chooseContourLevels(2.0, 3.0, ContourSpacing::Logarithmic),
             chooseContourLevels(2.0, 3.0, ContourSpacing::Linear));
    QCOMPARE(chooseContourLevels(2.6, 8.5, ContourSpacing::Logarithmic),
             (std::vector<double>{3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8}));
}

void TestContours::invalidRangeGivesNoLevels()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    for (ContourSpacing spacing : {ContourSpacing::Linear, ContourSpacing::Logarithmic}) {
        QVERIFY(chooseContourLevels(1.0, 1.0, spacing).empty());
        QVERIFY(chooseContourLevels(2.0, 1.0, spacing).empty());
        QVERIFY(chooseContourLevels(nan, 1.0, spacing).empty());
        QVERIFY(chooseContourLevels(0.0, inf, spacing).empty());
    }
}

void TestContours::labelsCompact()
{
    QCOMPARE(contourLabels({0.25, 0.5, 0.75}), (QStringList{"0.25", "0.5", "0.75"}));
    QCOMPARE(contourLabels({10, 20, 30}), (QStringList{"10", "20", "30"}));
    QCOMPARE(contourLabels({1e4, 1.2e5, 1e6}), (QStringList{"1e4", "1.2e5", "1e6"}));
    QCOMPARE(contourLabels({5e-4, 1e-3, 0.002}), (QStringList{"5e-4", "0.001", "0.002"}));
    QCOMPARE(contourLabels({1e-150, 1e150}), (QStringList{"1e-150", "1e150"}));
    QCOMPARE(contourLabels({-2, 0, 2}), (QStringList{"-2", "0", "2"}));
    QCOMPARE(contourLabels({0.3333333333}), (QStringList{"0.333"}));
    QCOMPARE(contourLabels({123456.0}), (QStringList{"1.23e5"}));
}

void TestContours::labelsDistinguishNeighbours()
{
    // Three significant digits would read 1e3 for all of them.
    QCOMPARE(contourLabels({1000.0001, 1000.0002, 1000.0003}),
             (QStringList{"1000.0001", "1000.0002", "1000.0003"}));
    QCOMPARE(contourLabels({120100.0, 120200.0}), (QStringList{"1.201e5", "1.202e5"}));
}

void TestContours::traceLandscapeSizedGrid()
{
    // The landscape view's grid with ten levels, timed for the record.
    const LandscapeGrid grid = squareGrid(-3.0, 3.0, 161);
    const Eigen::MatrixXd values = sample(grid, [](double x, double y) {
        return std::log1p(std::pow(x - 0.3, 2) + 4.0 * std::pow(y + 0.2, 2)) +
               0.3 * std::sin(3.0 * x) * std::cos(2.0 * y);
    });
    const std::optional<ValueRange> range = finiteRange(values);
    QVERIFY(range);
    const std::vector<double> levels =
        chooseContourLevels(range->minimum, range->maximum, ContourSpacing::Linear);
    std::vector<ContourLevel> contours;
    QBENCHMARK {
        contours = traceContours(values, grid, levels);
    }
    QCOMPARE(contours.size(), levels.size());
}

QTEST_GUILESS_MAIN(TestContours)
#include "tst_contours.moc"
