#include "contouroverlay.h"

#include "plotstyle.h"
#include "uilogging.h"

#include <QElapsedTimer>
#include <QFontMetricsF>

#include <algorithm>
#include <cmath>
#include <limits>

namespace losslens {

namespace {

// Pixels of empty space around a label's text, left and right and above and below.
constexpr double labelPaddingX = 3.0;
constexpr double labelPaddingY = 1.0;
// A label sits only where the line is nearly straight under it: the chord between the label's
// ends must be at least this fraction of the arc length between them.
constexpr double minimumStraightness = 0.92;
constexpr int maximumLabelsPerLevel = 2;
// At most one label per this many square pixels of plot, and at least 6 labels in all, so a
// small plot is not covered in numbers.
constexpr double pixelsPerLabel = 8000.0;
// Labels of one level stay this fraction of the plot's diagonal apart.
constexpr double sameLevelSeparation = 0.4;
// Free pixels kept around each label and around each obstacle point.
constexpr double labelMargin = 3.0;
constexpr double obstacleRadius = 11.0;
// Side in pixels of the cells of the occupancy raster.
constexpr double cellSize = 3.0;

// Bits of the occupancy raster: one per level (levels 30 apart share a bit, which only lets a
// label cover such a line), one for placed labels and one for obstacles.
constexpr quint32 labelBit = 1u << 30;
constexpr quint32 obstacleBit = 1u << 31;
quint32 levelBit(int level)
{
    return 1u << (level % 30);
}

// A coarse raster over the plot area that records which levels' lines, which labels and which
// obstacles cover each cell, so that testing a label candidate costs a few dozen cells.
class Occupancy
{
public:
    explicit Occupancy(const QRectF &area)
        : m_area(area), m_columns(std::max(1, int(std::ceil(area.width() / cellSize)))),
          m_rows(std::max(1, int(std::ceil(area.height() / cellSize)))),
          m_bits(size_t(m_columns) * size_t(m_rows), 0u)
    {
    }

    void markPolyline(const QPolygonF &line, quint32 bits)
    {
        for (int k = 1; k < line.size(); ++k) {
            const QPointF from = line[k - 1];
            const QPointF to = line[k];
            // Samples every half cell, so no cell that the segment crosses is missed.
            const double length = std::hypot(to.x() - from.x(), to.y() - from.y());
            const int steps = std::min(100000, int(std::ceil(length / (0.5 * cellSize))));
            for (int s = 0; s <= steps; ++s) {
                const double t = steps > 0 ? double(s) / steps : 0.0;
                mark(from + t * (to - from), bits);
            }
        }
    }

    void markDisc(const QPointF &centre, double radius, quint32 bits)
    {
        forCellsNear(centre, radius, [&](int column, int row, const QPointF &cellCentre) {
            if (std::hypot(cellCentre.x() - centre.x(), cellCentre.y() - centre.y()) <=
                radius + cellSize)
                m_bits[index(column, row)] |= bits;
            return true;
        });
    }

    void markLabel(const ContourOverlay::Label &label, quint32 bits)
    {
        forCellsUnder(label, labelMargin, [&](int column, int row) {
            m_bits[index(column, row)] |= bits;
            return true;
        });
    }

    // Returns whether every cell under the label contains only the given bits.
    bool isFree(const ContourOverlay::Label &label, quint32 allowed) const
    {
        bool free = true;
        forCellsUnder(label, 0.5 * cellSize, [&](int column, int row) {
            free = (m_bits[index(column, row)] & ~allowed) == 0;
            return free;
        });
        return free;
    }

private:
    size_t index(int column, int row) const { return size_t(row) * size_t(m_columns) + column; }

    void mark(const QPointF &point, quint32 bits)
    {
        const int column = int(std::floor((point.x() - m_area.left()) / cellSize));
        const int row = int(std::floor((point.y() - m_area.top()) / cellSize));
        if (column >= 0 && column < m_columns && row >= 0 && row < m_rows)
            m_bits[index(column, row)] |= bits;
    }

    // Calls visit(column, row, cell centre) for the cells within reach of centre until it
    // returns false.
    template <typename Visit>
    void forCellsNear(const QPointF &centre, double reach, Visit visit) const
    {
        const int firstColumn = std::max(0, int((centre.x() - reach - m_area.left()) / cellSize));
        const int lastColumn =
            std::min(m_columns - 1, int((centre.x() + reach - m_area.left()) / cellSize));
        const int firstRow = std::max(0, int((centre.y() - reach - m_area.top()) / cellSize));
        const int lastRow = std::min(m_rows - 1, int((centre.y() + reach - m_area.top()) / cellSize));
        for (int row = firstRow; row <= lastRow; ++row) {
            for (int column = firstColumn; column <= lastColumn; ++column) {
                const QPointF cellCentre(m_area.left() + (column + 0.5) * cellSize,
                                         m_area.top() + (row + 0.5) * cellSize);
                if (!visit(column, row, cellCentre))
                    return;
            }
        }
    }

    // Calls visit(column, row) for the cells whose centre lies in the label's rotated
    // rectangle grown by margin, until it returns false.
    template <typename Visit>
    void forCellsUnder(const ContourOverlay::Label &label, double margin, Visit visit) const
    {
        const double halfWidth = 0.5 * label.size.width() + margin;
        const double halfHeight = 0.5 * label.size.height() + margin;
        const double radians = qDegreesToRadians(label.angle);
        const double cosine = std::cos(radians);
        const double sine = std::sin(radians);
        forCellsNear(label.centre, std::hypot(halfWidth, halfHeight),
                     [&](int column, int row, const QPointF &cellCentre) {
                         const QPointF d = cellCentre - label.centre;
                         const double along = d.x() * cosine + d.y() * sine;
                         const double across = -d.x() * sine + d.y() * cosine;
                         if (std::abs(along) > halfWidth || std::abs(across) > halfHeight)
                             return true;
                         return visit(column, row);
                     });
    }

    QRectF m_area;
    int m_columns;
    int m_rows;
    std::vector<quint32> m_bits;
};

// A polyline with its cumulative arc length, for finding the point at a distance along it.
class ArcLength
{
public:
    explicit ArcLength(const QPolygonF &line) : m_line(line), m_distance(size_t(line.size()), 0.0)
    {
        for (int k = 1; k < line.size(); ++k) {
            const QPointF step = line[k] - line[k - 1];
            m_distance[size_t(k)] = m_distance[size_t(k - 1)] + std::hypot(step.x(), step.y());
        }
    }

    double length() const { return m_distance.empty() ? 0.0 : m_distance.back(); }

    QPointF pointAt(double s) const
    {
        const auto after = std::upper_bound(m_distance.begin(), m_distance.end(), s);
        if (after == m_distance.begin())
            return m_line.first();
        if (after == m_distance.end())
            return m_line.last();
        const int k = int(after - m_distance.begin());
        const double span = m_distance[size_t(k)] - m_distance[size_t(k - 1)];
        const double t = span > 0.0 ? (s - m_distance[size_t(k - 1)]) / span : 0.0;
        return m_line[k - 1] + t * (m_line[k] - m_line[k - 1]);
    }

private:
    const QPolygonF &m_line;
    std::vector<double> m_distance;
};

// Whether the label's rotated rectangle lies inside the area.
bool labelInside(const ContourOverlay::Label &label, const QRectF &area)
{
    const double radians = qDegreesToRadians(label.angle);
    const QPointF along(std::cos(radians) * 0.5 * label.size.width(),
                        std::sin(radians) * 0.5 * label.size.width());
    const QPointF across(-std::sin(radians) * 0.5 * label.size.height(),
                         std::cos(radians) * 0.5 * label.size.height());
    for (const QPointF &corner : {label.centre + along + across, label.centre + along - across,
                                  label.centre - along + across, label.centre - along - across}) {
        if (!area.contains(corner))
            return false;
    }
    return true;
}

double distance(const QPointF &a, const QPointF &b)
{
    return std::hypot(a.x() - b.x(), a.y() - b.y());
}

// Keeps far-away points within what QPainter draws without overflowing.
double clampPixel(double pixel)
{
    return std::clamp(pixel, -1e6, 1e6);
}

} // namespace

ContourOverlay::ContourOverlay(QCPAxis *keyAxis, QCPAxis *valueAxis)
    : QCPLayerable(keyAxis->parentPlot()), m_keyAxis(keyAxis), m_valueAxis(valueAxis)
{
    m_baseFont = parentPlot()->font();
    m_baseFont.setPointSizeF(m_baseFont.pointSizeF() * 0.8);
    m_font = m_baseFont;
}

void ContourOverlay::setContours(std::vector<ContourLevel> contours, QStringList labels,
                                 std::vector<QColor> backgrounds)
{
    m_contours = std::move(contours);
    m_levelLabels = std::move(labels);
    m_lineColours.clear();
    for (const QColor &background : backgrounds) {
        // Rec. 709 luma of the gamma-encoded colour: below 0.3 (the darkest third of viridis)
        // a dark line would hardly show.
        const double luma = 0.2126 * background.redF() + 0.7152 * background.greenF() +
                            0.0722 * background.blueF();
        m_lineColours.push_back(luma < 0.3 ? QColor(255, 255, 255, 150) : QColor(0, 0, 0, 150));
    }
    m_layoutValid = false;
}

void ContourOverlay::clear()
{
    setContours({}, {}, {});
    m_pixelLines.clear();
    m_labels.clear();
    m_image = QImage();
}

void ContourOverlay::setObstacles(std::vector<QPointF> points)
{
    if (points == m_obstacles)
        return;
    m_obstacles = std::move(points);
    m_layoutValid = false;
}

QRect ContourOverlay::clipRect() const
{
    return m_keyAxis->axisRect()->rect();
}

void ContourOverlay::applyDefaultAntialiasingHint(QCPPainter *painter) const
{
    applyAntialiasingHint(painter, mAntialiased, QCP::aePlottables);
}

bool ContourOverlay::layoutIsCurrent() const
{
    return m_layoutValid && m_layoutKeyRange == m_keyAxis->range() &&
           m_layoutValueRange == m_valueAxis->range() &&
           m_layoutRect == m_keyAxis->axisRect()->rect();
}

void ContourOverlay::updateLayout()
{
    QElapsedTimer timer;
    timer.start();
    m_pixelLines.assign(m_contours.size(), {});
    for (size_t k = 0; k < m_contours.size(); ++k) {
        for (const ContourLine &line : m_contours[k].lines) {
            QPolygonF pixels;
            pixels.reserve(qsizetype(line.points.size()));
            for (const Eigen::Vector2d &point : line.points)
                pixels << QPointF(clampPixel(m_keyAxis->coordToPixel(point[0])),
                                  clampPixel(m_valueAxis->coordToPixel(point[1])));
            m_pixelLines[k].push_back(std::move(pixels));
        }
    }
    layoutLabels(QRectF(m_keyAxis->axisRect()->rect()));
    m_layoutKeyRange = m_keyAxis->range();
    m_layoutValueRange = m_valueAxis->range();
    m_layoutRect = m_keyAxis->axisRect()->rect();
    m_layoutValid = true;
    m_layoutMilliseconds = timer.nsecsElapsed() / 1e6;
    qCDebug(lcUi) << "laid out" << m_labels.size() << "contour labels in" << m_layoutMilliseconds
                  << "ms";
}

void ContourOverlay::layoutLabels(const QRectF &area)
{
    m_labels.clear();
    if (m_levelLabels.isEmpty())
        return;
    Occupancy occupancy(area);
    for (size_t k = 0; k < m_pixelLines.size(); ++k) {
        for (const QPolygonF &line : m_pixelLines[k])
            occupancy.markPolyline(line, levelBit(int(k)));
    }
    for (const QPointF &obstacle : m_obstacles) {
        const QPointF pixel(m_keyAxis->coordToPixel(obstacle.x()),
                            m_valueAxis->coordToPixel(obstacle.y()));
        occupancy.markDisc(pixel, obstacleRadius, obstacleBit);
    }

    const QFontMetricsF metrics(m_font);
    const QRectF inner = area.adjusted(2, 2, -2, -2);
    const double minimumSameLevelDistance =
        sameLevelSeparation * std::hypot(area.width(), area.height());
    // Distances to other labels beyond this count the same, so straightness decides.
    const double spreadCap = 0.25 * std::hypot(area.width(), area.height());

    const size_t maximumLabels =
        size_t(std::max(6.0, area.width() * area.height() / pixelsPerLabel));
    // Each pass gives every level at most one more label, so crowded plots label every level
    // once before any level twice.
    for (int pass = 0; pass < maximumLabelsPerLevel; ++pass) {
        for (size_t k = 0; k < m_pixelLines.size(); ++k) {
            if (int(k) >= m_levelLabels.size() || m_labels.size() >= maximumLabels)
                break;
            Label best;
            double bestScore = -std::numeric_limits<double>::infinity();
            Label candidate;
            candidate.level = int(k);
            candidate.text = m_levelLabels[int(k)];
            candidate.size = QSizeF(metrics.horizontalAdvance(candidate.text) + 2 * labelPaddingX,
                                    metrics.height() + 2 * labelPaddingY);
            const double span = candidate.size.width() + 2.0;
            for (size_t p = 0; p < m_pixelLines[k].size(); ++p) {
                const QPolygonF &line = m_pixelLines[k][p];
                const ArcLength arc(line);
                const bool closed = m_contours[k].lines[p].closed;
                // A small closed loop would vanish under its own label.
                if (arc.length() < (closed ? 3.0 : 1.5) * span)
                    continue;
                const double stride = std::max(4.0, 0.25 * span);
                for (double s = 0.5 * span; s <= arc.length() - 0.5 * span; s += stride) {
                    const QPointF start = arc.pointAt(s - 0.5 * span);
                    const QPointF end = arc.pointAt(s + 0.5 * span);
                    const double straightness = distance(start, end) / span;
                    if (straightness < minimumStraightness)
                        continue;
                    candidate.centre = arc.pointAt(s);
                    double angle = qRadiansToDegrees(
                        std::atan2(end.y() - start.y(), end.x() - start.x()));
                    // Text reads left to right: never upside down.
                    if (angle > 90.0)
                        angle -= 180.0;
                    else if (angle <= -90.0)
                        angle += 180.0;
                    candidate.angle = angle;
                    if (!labelInside(candidate, inner) ||
                        !occupancy.isFree(candidate, levelBit(int(k))))
                        continue;
                    double nearest = spreadCap;
                    bool tooClose = false;
                    for (const Label &placed : m_labels) {
                        const double d = distance(placed.centre, candidate.centre);
                        if (placed.level == int(k) && d < minimumSameLevelDistance)
                            tooClose = true;
                        nearest = std::min(nearest, d);
                    }
                    if (tooClose)
                        continue;
                    // Far from other labels first, then straight and level text.
                    const double score = nearest + 20.0 * straightness -
                                         0.05 * std::abs(candidate.angle);
                    if (score > bestScore) {
                        bestScore = score;
                        best = candidate;
                    }
                }
            }
            if (bestScore > -std::numeric_limits<double>::infinity()) {
                occupancy.markLabel(best, labelBit);
                m_labels.push_back(best);
            }
        }
    }
}

void ContourOverlay::draw(QCPPainter *painter)
{
    if (m_contours.empty())
        return;
    // Presentation mode draws wider lines and larger labels, which need a new layout.
    const PlotLook &look = PlotStyle::instance()->look();
    if (look.fontScale != m_fontScale || look.lineScale != m_lineScale) {
        m_fontScale = look.fontScale;
        m_lineScale = look.lineScale;
        m_font = m_baseFont;
        m_font.setPointSizeF(m_baseFont.pointSizeF() * m_fontScale);
        m_layoutValid = false;
    }
    if (!layoutIsCurrent()) {
        updateLayout();
        m_image = QImage();
    }
    if (painter->modes() & (QCPPainter::pmVectorized | QCPPainter::pmNoCaching)) {
        paintContents(painter);
        return;
    }
    const QRect area = m_keyAxis->axisRect()->rect();
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    if (m_image.isNull() || m_image.devicePixelRatio() != ratio ||
        m_imageAntialiased != painter->antialiasing()) {
        m_image = QImage(area.size() * ratio, QImage::Format_ARGB32_Premultiplied);
        m_image.setDevicePixelRatio(ratio);
        m_image.fill(Qt::transparent);
        m_imageAntialiased = painter->antialiasing();
        QPainter imagePainter(&m_image);
        imagePainter.setRenderHint(QPainter::Antialiasing, m_imageAntialiased);
        imagePainter.setRenderHint(QPainter::TextAntialiasing, true);
        imagePainter.translate(-area.topLeft());
        paintContents(&imagePainter);
    }
    painter->drawImage(area.topLeft(), m_image);
}

void ContourOverlay::paintContents(QPainter *painter) const
{
    // One pixel wide (times PlotLook's line scale): the raster engine draws thin lines much faster than wide antialiased
    // ones, and the lines stay behind the map's colours.
    painter->setBrush(Qt::NoBrush);
    for (size_t k = 0; k < m_pixelLines.size(); ++k) {
        QPen pen(k < m_lineColours.size() ? m_lineColours[k] : QColor(0, 0, 0, 150),
                 m_lineScale);
        pen.setCosmetic(true);
        painter->setPen(pen);
        for (const QPolygonF &line : m_pixelLines[k])
            painter->drawPolyline(line);
    }

    painter->setFont(m_font);
    for (const Label &label : m_labels) {
        painter->save();
        painter->translate(label.centre);
        painter->rotate(label.angle);
        const QRectF box(-0.5 * label.size.width(), -0.5 * label.size.height(),
                         label.size.width(), label.size.height());
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(255, 255, 255, 200));
        painter->drawRoundedRect(box, 3.0, 3.0);
        painter->setPen(QColor(20, 20, 20));
        painter->drawText(box, Qt::AlignCenter, label.text);
        painter->restore();
    }
}

} // namespace losslens
