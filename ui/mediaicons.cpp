#include "mediaicons.h"

#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

namespace losslens {

namespace {

// Paints one shape at any size, so the icon is sharp on high-density screens too.
class MediaIconEngine : public QIconEngine
{
public:
    MediaIconEngine(MediaIcon shape, const QColor &normal, const QColor &disabled)
        : m_shape(shape), m_normal(normal), m_disabled(disabled)
    {
    }

    QIconEngine *clone() const override { return new MediaIconEngine(*this); }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        // A square in the middle of rect, in units of its side.
        const double side = std::min(rect.width(), rect.height());
        const QPointF origin(rect.x() + (rect.width() - side) / 2.0,
                             rect.y() + (rect.height() - side) / 2.0);
        const auto at = [&](double x, double y) { return origin + QPointF(x * side, y * side); };
        const auto bar = [&](double left, double right) {
            QPainterPath path;
            path.addRect(QRectF(at(left, 0.18), at(right, 0.82)));
            return path;
        };
        const auto triangle = [&](double base, double tip) {
            QPainterPath path;
            path.moveTo(at(base, 0.18));
            path.lineTo(at(tip, 0.5));
            path.lineTo(at(base, 0.82));
            path.closeSubpath();
            return path;
        };
        QPainterPath shape;
        switch (m_shape) {
        case MediaIcon::Play:
            shape = triangle(0.26, 0.82);
            break;
        case MediaIcon::Pause:
            shape = bar(0.24, 0.42).united(bar(0.58, 0.76));
            break;
        case MediaIcon::Step:
            shape = triangle(0.16, 0.66).united(bar(0.70, 0.84));
            break;
        case MediaIcon::Reset:
            shape = bar(0.16, 0.30).united(triangle(0.84, 0.34));
            break;
        }
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(mode == QIcon::Disabled ? m_disabled : m_normal);
        painter->drawPath(shape);
        painter->restore();
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pixmap(size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return pixmap;
    }

private:
    MediaIcon m_shape;
    QColor m_normal;
    QColor m_disabled;
};

} // namespace

QIcon mediaIcon(MediaIcon shape, const QPalette &palette)
{
    return QIcon(new MediaIconEngine(shape, palette.color(QPalette::Active, QPalette::ButtonText),
                                     palette.color(QPalette::Disabled, QPalette::ButtonText)));
}

} // namespace losslens
