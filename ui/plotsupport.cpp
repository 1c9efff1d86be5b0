#include "plotsupport.h"

#include <qcustomplot.h>

#include <cmath>
#include <limits>

namespace losslens {

void configurePlot(QCustomPlot *plot)
{
    plot->setAntialiasedElements(QCP::aePlottables | QCP::aeItems);
    plot->setInteractions(QCP::iRangeZoom);
    plot->axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    plot->setNoAntialiasingOnDrag(true);
    plot->setFocusPolicy(Qt::ClickFocus);
    QFont font = plot->font();
    font.setPointSizeF(font.pointSizeF() * 0.95);
    for (QCPAxis *axis : {plot->xAxis, plot->yAxis}) {
        axis->setTickLabelFont(font);
        axis->setLabelFont(font);
    }
    plot->legend->setFont(font);
    plot->legend->setBrush(QColor(255, 255, 255, 210));
}

RightButtonPan::RightButtonPan(QCustomPlot *plot) : QObject(plot), m_plot(plot)
{
    plot->installEventFilter(this);
}

bool RightButtonPan::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot)
        return false;
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::RightButton)
            return false;
        m_active = true;
        m_lastPosition = mouse->position();
        return true;
    }
    case QEvent::MouseMove: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (!m_active)
            return false;
        const QPointF position = mouse->position();
        QCPAxis *x = m_plot->xAxis;
        QCPAxis *y = m_plot->yAxis;
        const double dx = x->pixelToCoord(m_lastPosition.x()) - x->pixelToCoord(position.x());
        const double dy = y->pixelToCoord(m_lastPosition.y()) - y->pixelToCoord(position.y());
        if (x->scaleType() == QCPAxis::stLogarithmic || y->scaleType() == QCPAxis::stLogarithmic)
            return true;
        x->moveRange(dx);
        y->moveRange(dy);
        m_lastPosition = position;
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return true;
    }
    case QEvent::MouseButtonRelease: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::RightButton || !m_active)
            return false;
        m_active = false;
        emit panFinished();
        return true;
    }
    case QEvent::ContextMenu:
        return true;
    default:
        return false;
    }
}

double displayable(double value)
{
    if (std::isnan(value))
        return 0.0;
    if (std::isinf(value))
        return value > 0 ? std::numeric_limits<double>::max() : -std::numeric_limits<double>::max();
    return value;
}

QString shortNumber(double value)
{
    if (!std::isfinite(value))
        return value > 0 ? QStringLiteral("∞")
                         : (value < 0 ? QStringLiteral("−∞") : QStringLiteral("–"));
    return QString::number(value, 'g', 5);
}

} // namespace losslens
