#include "contours.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace losslens {

namespace {

// The four edges of cell (i, j), named as seen with i growing to the right and j upwards.
enum CellEdge { Bottom, Right, Top, Left };

// Chains the segments of one level into polylines. Every crossing point sits on one grid edge,
// and an edge is shared by at most two cells, so a point joins at most two segments. Chaining
// by edge rather than by coordinates keeps the topology exact even where a crossing lands on a
// grid node and neighbouring points coincide.
class LevelTracer
{
public:
    LevelTracer(const Eigen::MatrixXd &values, const std::vector<double> &slopes,
                const std::vector<double> &intercepts)
        : m_values(values), m_slopes(slopes), m_intercepts(intercepts),
          m_slopeCount(int(slopes.size())), m_interceptCount(int(intercepts.size())),
          m_slopeEdgePoint(size_t(m_slopeCount - 1) * size_t(m_interceptCount), -1),
          m_interceptEdgePoint(size_t(m_slopeCount) * size_t(m_interceptCount - 1), -1)
    {
    }

    std::vector<ContourLine> trace(double level);

private:
    int pointOnEdge(int i, int j, CellEdge edge);
    void connect(int first, int second);
    void traceCell(int i, int j);
    ContourLine follow(int start, bool closed);

    const Eigen::MatrixXd &m_values;
    const std::vector<double> &m_slopes;
    const std::vector<double> &m_intercepts;
    const int m_slopeCount;
    const int m_interceptCount;
    double m_level = 0.0;
    // Index into m_points of the crossing on each edge, or -1. An edge along the slope axis
    // joins nodes (i, j) and (i + 1, j), one along the intercept axis (i, j) and (i, j + 1).
    std::vector<int> m_slopeEdgePoint;
    std::vector<int> m_interceptEdgePoint;
    std::vector<Eigen::Vector2d> m_points;
    // The one or two points each point is joined to, -1 where there is none.
    std::vector<std::array<int, 2>> m_neighbours;
    std::vector<bool> m_visited;
};

int LevelTracer::pointOnEdge(int i, int j, CellEdge edge)
{
    const size_t slopeEdgesPerRow = size_t(m_slopeCount - 1);
    int *slot = nullptr;
    switch (edge) {
    case Bottom:
        slot = &m_slopeEdgePoint[size_t(j) * slopeEdgesPerRow + size_t(i)];
        break;
    case Top:
        slot = &m_slopeEdgePoint[size_t(j + 1) * slopeEdgesPerRow + size_t(i)];
        break;
    case Left:
        slot = &m_interceptEdgePoint[size_t(j) * size_t(m_slopeCount) + size_t(i)];
        break;
    case Right:
        slot = &m_interceptEdgePoint[size_t(j) * size_t(m_slopeCount) + size_t(i + 1)];
        break;
    }
    if (*slot >= 0)
        return *slot;

    // The edge's two nodes, the second one step further along the edge.
    int i0 = i, j0 = j, i1 = i, j1 = j;
    switch (edge) {
    case Bottom:
        i1 = i + 1;
        break;
    case Top:
        j0 = j1 = j + 1;
        i1 = i + 1;
        break;
    case Left:
        j1 = j + 1;
        break;
    case Right:
        i0 = i1 = i + 1;
        j1 = j + 1;
        break;
    }
    const double v0 = m_values(i0, j0);
    const double v1 = m_values(i1, j1);
    // The nodes lie on opposite sides of the level, so v0 != v1.
    const double t = std::clamp((m_level - v0) / (v1 - v0), 0.0, 1.0);
    const Eigen::Vector2d p0(m_slopes[size_t(i0)], m_intercepts[size_t(j0)]);
    const Eigen::Vector2d p1(m_slopes[size_t(i1)], m_intercepts[size_t(j1)]);
    *slot = int(m_points.size());
    m_points.push_back(p0 + t * (p1 - p0));
    m_neighbours.push_back({-1, -1});
    return *slot;
}

void LevelTracer::connect(int first, int second)
{
    for (auto [from, to] : {std::pair{first, second}, std::pair{second, first}}) {
        std::array<int, 2> &links = m_neighbours[size_t(from)];
        assert(links[1] < 0);
        links[links[0] < 0 ? 0 : 1] = to;
    }
}

void LevelTracer::traceCell(int i, int j)
{
    const double bottomLeft = m_values(i, j);
    const double bottomRight = m_values(i + 1, j);
    const double topRight = m_values(i + 1, j + 1);
    const double topLeft = m_values(i, j + 1);
    if (!std::isfinite(bottomLeft) || !std::isfinite(bottomRight) || !std::isfinite(topRight) ||
        !std::isfinite(topLeft))
        return;
    // A corner at or above the level counts as above.
    const int corners = (bottomLeft >= m_level ? 1 : 0) | (bottomRight >= m_level ? 2 : 0) |
                        (topRight >= m_level ? 4 : 0) | (topLeft >= m_level ? 8 : 0);
    auto segment = [&](CellEdge a, CellEdge b) {
        connect(pointOnEdge(i, j, a), pointOnEdge(i, j, b));
    };
    switch (corners) {
    case 0:
    case 15:
        return;
    // One corner differs from the other three, so the segment cuts that corner off.
    case 1:
    case 14:
        return segment(Left, Bottom);
    case 2:
    case 13:
        return segment(Bottom, Right);
    case 4:
    case 11:
        return segment(Right, Top);
    case 8:
    case 7:
        return segment(Top, Left);
    // Two neighbouring corners lie on each side, so the segment crosses the cell.
    case 3:
    case 12:
        return segment(Left, Right);
    case 6:
    case 9:
        return segment(Bottom, Top);
    default:
        break;
    }
    // A saddle: diagonal corners on the same side. Bilinear interpolation cannot decide which
    // diagonal is connected, so the mean of the corners, as the value at the cell's centre,
    // does. When the centre is above the level the two above corners are joined through it and
    // the segments cut off the two below corners.
    const double centre = 0.25 * (bottomLeft + bottomRight + topRight + topLeft);
    const bool centreAbove = centre >= m_level;
    const bool bottomLeftAbove = corners == 5;
    if (centreAbove == bottomLeftAbove) {
        // The bottom-left and top-right corners are joined, so the segments cut off the other
        // two.
        segment(Bottom, Right);
        segment(Top, Left);
    } else {
        segment(Left, Bottom);
        segment(Right, Top);
    }
}

ContourLine LevelTracer::follow(int start, bool closed)
{
    ContourLine line;
    line.closed = closed;
    int previous = -1;
    int current = start;
    while (current >= 0 && !m_visited[size_t(current)]) {
        m_visited[size_t(current)] = true;
        const Eigen::Vector2d &point = m_points[size_t(current)];
        // A crossing on a grid node is shared by several edges, so it is kept once.
        if (line.points.empty() || line.points.back() != point)
            line.points.push_back(point);
        const std::array<int, 2> &links = m_neighbours[size_t(current)];
        const int next = links[0] != previous ? links[0] : links[1];
        previous = current;
        current = next;
    }
    if (closed && line.points.size() > 1 && line.points.front() != line.points.back())
        line.points.push_back(line.points.front());
    return line;
}

std::vector<ContourLine> LevelTracer::trace(double level)
{
    m_level = level;
    std::fill(m_slopeEdgePoint.begin(), m_slopeEdgePoint.end(), -1);
    std::fill(m_interceptEdgePoint.begin(), m_interceptEdgePoint.end(), -1);
    m_points.clear();
    m_neighbours.clear();
    for (int j = 0; j + 1 < m_interceptCount; ++j) {
        for (int i = 0; i + 1 < m_slopeCount; ++i)
            traceCell(i, j);
    }

    m_visited.assign(m_points.size(), false);
    std::vector<ContourLine> lines;
    auto keep = [&](ContourLine line) {
        // A line that collapsed to one point (a level touching a single node) is not drawn.
        if (line.points.size() >= 2)
            lines.push_back(std::move(line));
    };
    // An open line starts and ends at a point with one neighbour, on the border or at a gap.
    for (size_t p = 0; p < m_points.size(); ++p) {
        if (!m_visited[p] && m_neighbours[p][1] < 0)
            keep(follow(int(p), false));
    }
    // Every point left lies on a closed loop.
    for (size_t p = 0; p < m_points.size(); ++p) {
        if (!m_visited[p])
            keep(follow(int(p), true));
    }
    return lines;
}

// 10^exponent. For |exponent| <= 22 the power is exact, and a negative exponent costs one
// correctly rounded division.
double powerOfTen(int exponent)
{
    return exponent >= 0 ? std::pow(10.0, exponent) : 1.0 / std::pow(10.0, -exponent);
}

// mantissaTenths / 10 * 10^exponent, rounded once, so 1.2e-3 comes out as the double nearest
// to 0.0012 and not as 1.2 * 0.001.
double decimalValue(int mantissaTenths, int exponent)
{
    const int shifted = exponent - 1;
    return shifted >= 0 ? mantissaTenths * std::pow(10.0, shifted)
                        : mantissaTenths / std::pow(10.0, -shifted);
}

std::vector<double> linearLevels(double low, double high, int targetCount)
{
    const double span = high - low;
    if (!std::isfinite(span) || span <= 0.0)
        return {};
    const int exponent = int(std::floor(std::log10(span / targetCount)));
    std::vector<double> best;
    for (int e = exponent - 1; e <= exponent + 1; ++e) {
        for (int mantissa : {1, 2, 5}) {
            const double step = mantissa * powerOfTen(e);
            // Multiples of the step, so every level is a round number however far from 0.
            const double first = std::floor(low / step) + 1.0;
            const double last = std::ceil(high / step) - 1.0;
            if (!(last - first < 4.0 * targetCount))
                continue;
            // Beyond 2^52 consecutive multiples are no longer distinct doubles (k + 1 rounds to
            // k), as for a range only a few ulps wide: such steps are finer than the values.
            constexpr double exactIntegerLimit = 4503599627370496.0; // 2^52
            if (!(std::abs(first) < exactIntegerLimit && std::abs(last) < exactIntegerLimit))
                continue;
            std::vector<double> levels;
            const int count = static_cast<int>(last - first) + 1;
            for (int index = 0; index < count; ++index) {
                const double k = first + index;
                // k * mantissa is an exact integer, and one multiplication or division by a
                // power of ten rounds once, so 3 * 0.1 comes out as the double nearest 0.3.
                const double multiple = k * mantissa;
                const double level = e >= 0 ? multiple * std::pow(10.0, e)
                                            : multiple / std::pow(10.0, -e);
                if (level > low && level < high)
                    levels.push_back(level);
            }
            const auto distance = [&](const std::vector<double> &candidate) {
                return std::abs(int(candidate.size()) - targetCount);
            };
            // On a tie the larger step, tried later, wins because it draws fewer lines.
            if (best.empty() || distance(levels) <= distance(best))
                best = std::move(levels);
        }
    }
    return best;
}

std::vector<double> logarithmicLevels(double low, double high, int targetCount)
{
    const int lowestDecade = int(std::floor(std::log10(low)));
    const int highestDecade = int(std::ceil(std::log10(high)));
    const auto inside = [&](double level) { return level > low && level < high; };

    std::vector<std::vector<double>> candidates;
    // Mantissas per decade in tenths, from fine to coarse. Each set is roughly even in log.
    const std::vector<std::vector<int>> mantissaSets = {
        {10, 12, 15, 20, 25, 30, 40, 50, 60, 80}, {10, 15, 20, 30, 50, 70}, {10, 20, 50}, {10, 30}};
    for (const std::vector<int> &mantissas : mantissaSets) {
        std::vector<double> levels;
        for (int decade = lowestDecade; decade <= highestDecade; ++decade) {
            for (int tenths : mantissas) {
                const double level = decimalValue(tenths, decade);
                if (inside(level))
                    levels.push_back(level);
            }
        }
        candidates.push_back(std::move(levels));
    }
    // Whole decades, every decade or every few decades for very wide spans.
    for (int stride : {1, 2, 3, 5, 10, 20, 30, 50, 100}) {
        std::vector<double> levels;
        const int first = int(std::floor(double(lowestDecade) / stride)) * stride;
        for (int decade = first; decade <= highestDecade; decade += stride) {
            const double level = powerOfTen(decade);
            if (inside(level))
                levels.push_back(level);
        }
        candidates.push_back(std::move(levels));
    }

    // Less than about 0.7 decades leaves the finest set well short of the target. Over such a
    // narrow span equal round steps are close enough to even in log, and there are more.
    if (10 * int(candidates.front().size()) < 7 * targetCount)
        return linearLevels(low, high, targetCount);
    const auto distance = [&](const std::vector<double> &levels) {
        return std::abs(int(levels.size()) - targetCount);
    };
    std::vector<double> best = candidates.front();
    for (const std::vector<double> &levels : candidates) {
        if (distance(levels) <= distance(best))
            best = levels;
    }
    return best;
}

// value with `digits` significant digits, trailing zeros dropped, and a short exponent outside
// [1e-3, 1e4).
QString formatLevel(double value, int digits)
{
    if (value == 0.0)
        return QStringLiteral("0");
    const double magnitude = std::abs(value);
    if (magnitude >= 1e4 || magnitude < 1e-3) {
        // QString::number writes "1.20e+05", which is shortened to "1.2e5".
        const QString text = QString::number(value, 'e', digits - 1);
        const qsizetype e = text.indexOf(QLatin1Char('e'));
        QString mantissa = text.left(e);
        if (mantissa.contains(QLatin1Char('.'))) {
            while (mantissa.endsWith(QLatin1Char('0')))
                mantissa.chop(1);
            if (mantissa.endsWith(QLatin1Char('.')))
                mantissa.chop(1);
        }
        const int exponent = text.mid(e + 1).toInt();
        return mantissa + QLatin1Char('e') + QString::number(exponent);
    }
    const int decimals = std::max(0, digits - 1 - int(std::floor(std::log10(magnitude))));
    QString text = QString::number(value, 'f', decimals);
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
    }
    return text;
}

} // namespace

std::vector<ContourLevel> traceContours(const Eigen::MatrixXd &values, const LandscapeGrid &grid,
                                        const std::vector<double> &levels)
{
    assert(values.rows() == grid.slopeCount && values.cols() == grid.interceptCount);
    std::vector<ContourLevel> result;
    result.reserve(levels.size());
    for (double level : levels)
        result.push_back({level, {}});
    if (values.rows() < 2 || values.cols() < 2)
        return result;

    std::vector<double> slopes(size_t(values.rows()));
    std::vector<double> intercepts(size_t(values.cols()));
    for (int i = 0; i < int(slopes.size()); ++i)
        slopes[size_t(i)] = grid.slopeAt(i);
    for (int j = 0; j < int(intercepts.size()); ++j)
        intercepts[size_t(j)] = grid.interceptAt(j);

    LevelTracer tracer(values, slopes, intercepts);
    for (ContourLevel &entry : result) {
        if (std::isfinite(entry.level))
            entry.lines = tracer.trace(entry.level);
    }
    return result;
}

std::optional<ValueRange> finiteRange(const Eigen::MatrixXd &values)
{
    double minimum = std::numeric_limits<double>::infinity();
    double maximum = -std::numeric_limits<double>::infinity();
    for (Eigen::Index k = 0; k < values.size(); ++k) {
        const double value = values.data()[k];
        if (std::isfinite(value)) {
            minimum = std::min(minimum, value);
            maximum = std::max(maximum, value);
        }
    }
    if (minimum > maximum)
        return std::nullopt;
    return ValueRange{minimum, maximum};
}

std::vector<double> chooseContourLevels(double low, double high, ContourSpacing spacing,
                                        int targetCount)
{
    if (!std::isfinite(low) || !std::isfinite(high) || !(low < high) || targetCount < 1)
        return {};
    if (spacing == ContourSpacing::Logarithmic && low > 0.0)
        return logarithmicLevels(low, high, targetCount);
    return linearLevels(low, high, targetCount);
}

QStringList contourLabels(const std::vector<double> &levels)
{
    QStringList labels;
    for (size_t k = 0; k < levels.size(); ++k) {
        // Enough digits that the label differs from both neighbours' at the same precision. For
        // k = 0, k - 1 wraps around to the largest size_t and is skipped like k + 1 at the end.
        QString label;
        for (int digits = 3; digits <= 17; ++digits) {
            label = formatLevel(levels[k], digits);
            bool distinct = true;
            for (size_t other : {k - 1, k + 1}) {
                if (other < levels.size() && levels[other] != levels[k] &&
                    formatLevel(levels[other], digits) == label)
                    distinct = false;
            }
            if (distinct)
                break;
        }
        labels << label;
    }
    return labels;
}

} // namespace losslens
