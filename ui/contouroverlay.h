#pragma once

#include "core/contours.h"

#include <qcustomplot.h>

#include <QFont>
#include <QImage>
#include <QPolygonF>
#include <QStringList>

#include <vector>

namespace losslens {

// Labelled contour lines drawn over a plot's axis rect: thin, semi-transparent lines with each
// level's value written along a few of its lines. A line is dark unless the heat map's colour
// at its level, which is the colour all along it, is dark, and then it is light. Labels keep clear of each other, of
// other levels' lines and of the obstacle points. Lines and labels are laid out in pixels and
// drawn once into an image when the axis ranges, the axis rect, the contours or the obstacles
// change. Other replots, such as the animation's, only copy that image. Exports, which
// QCustomPlot 2.1 paints in its pmNoCaching or pmVectorized mode, draw them directly.
class ContourOverlay : public QCPLayerable
{
public:
    // A label as laid out: its text centred on centre (pixels), rotated clockwise by angle
    // degrees.
    struct Label
    {
        int level = 0;
        QString text;
        QPointF centre;
        double angle = 0.0;
        QSizeF size;
    };

    ContourOverlay(QCPAxis *keyAxis, QCPAxis *valueAxis);

    // Replaces the lines. labels[k] is written on the lines of contours[k], and
    // backgrounds[k] is the heat map's colour at that level.
    void setContours(std::vector<ContourLevel> contours, QStringList labels,
                     std::vector<QColor> backgrounds);
    void clear();
    // Points in plot coordinates, such as markers, that no label may cover.
    void setObstacles(std::vector<QPointF> points);

    const std::vector<ContourLevel> &contours() const { return m_contours; }
    // The labels of the last layout, which runs at the next replot after a change.
    const std::vector<Label> &labels() const { return m_labels; }
    // Milliseconds that the last layout of lines and labels took.
    double lastLayoutMilliseconds() const { return m_layoutMilliseconds; }

protected:
    QRect clipRect() const override;
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override;
    void draw(QCPPainter *painter) override;

private:
    bool layoutIsCurrent() const;
    void updateLayout();
    void layoutLabels(const QRectF &area);
    void paintContents(QPainter *painter) const;

    QCPAxis *m_keyAxis;
    QCPAxis *m_valueAxis;
    std::vector<ContourLevel> m_contours;
    QStringList m_levelLabels;
    std::vector<QColor> m_lineColours;
    std::vector<QPointF> m_obstacles;
    // The labels' font before and after PlotLook's font scale, and the scales the layout used.
    QFont m_baseFont;
    QFont m_font;
    double m_fontScale = 1.0;
    double m_lineScale = 1.0;

    // The layout in pixels and what it was made for.
    bool m_layoutValid = false;
    QCPRange m_layoutKeyRange;
    QCPRange m_layoutValueRange;
    QRect m_layoutRect;
    // Polylines of each level in pixels.
    std::vector<std::vector<QPolygonF>> m_pixelLines;
    std::vector<Label> m_labels;
    double m_layoutMilliseconds = 0.0;
    // The lines and labels drawn over a transparent background, covering the axis rect.
    QImage m_image;
    bool m_imageAntialiased = false;
};

} // namespace losslens
