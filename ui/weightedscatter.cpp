#include "weightedscatter.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace losslens {

QCPColorGradient weightGradient()
{
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.0, QColor(235, 235, 235));
    gradient.setColorStopAt(0.35, QColor(158, 202, 225));
    gradient.setColorStopAt(0.7, QColor(49, 130, 189));
    gradient.setColorStopAt(1.0, QColor(8, 40, 100));
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    return gradient;
}

WeightedScatter::WeightedScatter(QCPAxis *keyAxis, QCPAxis *valueAxis)
    : QCPAbstractPlottable(keyAxis, valueAxis), m_gradient(weightGradient())
{
    setSelectable(QCP::stNone);
}

void WeightedScatter::setData(const Eigen::VectorXd &keys, const Eigen::VectorXd &values,
                              const Eigen::VectorXd &weights)
{
    Q_ASSERT(keys.size() == values.size() && keys.size() == weights.size());
    m_keys = keys;
    m_values = values;
    m_weights = weights;
    m_order.resize(std::size_t(keys.size()));
    std::iota(m_order.begin(), m_order.end(), 0);
    std::stable_sort(m_order.begin(), m_order.end(),
                     [&](int a, int b) { return m_weights[a] < m_weights[b]; });
}

QColor WeightedScatter::colourAt(int index) const
{
    const double weight = m_weights[index];
    // NaN, which the weight function never gives, would pick an arbitrary colour.
    const double clamped = std::isnan(weight) ? 0.0 : std::clamp(weight, 0.0, 1.0);
    return QColor::fromRgb(m_gradient.color(clamped, QCPRange(0.0, 1.0)));
}

double WeightedScatter::selectTest(const QPointF &, bool, QVariant *) const
{
    return -1.0;
}

QCPRange WeightedScatter::getKeyRange(bool &foundRange, QCP::SignDomain) const
{
    foundRange = m_keys.size() > 0;
    if (!foundRange)
        return {};
    return QCPRange(m_keys.minCoeff(), m_keys.maxCoeff());
}

QCPRange WeightedScatter::getValueRange(bool &foundRange, QCP::SignDomain, const QCPRange &) const
{
    foundRange = m_values.size() > 0;
    if (!foundRange)
        return {};
    return QCPRange(m_values.minCoeff(), m_values.maxCoeff());
}

void WeightedScatter::draw(QCPPainter *painter)
{
    QCPAxis *keyAxis = mKeyAxis.data();
    QCPAxis *valueAxis = mValueAxis.data();
    if (!keyAxis || !valueAxis)
        return;
    applyDefaultAntialiasingHint(painter);
    painter->setPen(QPen(QColor(110, 110, 110), 0.8));
    const double radius = 0.5 * m_pointSize;
    const QRectF area = clipRect();
    for (const int i : m_order) {
        const QPointF centre(keyAxis->coordToPixel(m_keys[i]), valueAxis->coordToPixel(m_values[i]));
        if (!area.adjusted(-radius, -radius, radius, radius).contains(centre))
            continue;
        painter->setBrush(colourAt(i));
        painter->drawEllipse(centre, radius, radius);
    }
}

void WeightedScatter::drawLegendIcon(QCPPainter *painter, const QRectF &rect) const
{
    painter->setPen(QPen(QColor(110, 110, 110), 0.8));
    painter->setBrush(QColor::fromRgb(m_gradient.color(1.0, QCPRange(0.0, 1.0))));
    const double radius = 0.5 * m_pointSize;
    painter->drawEllipse(rect.center(), radius, radius);
}

} // namespace losslens
