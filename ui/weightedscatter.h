#pragma once

#include <Eigen/Core>
#include <qcustomplot.h>

#include <vector>

namespace losslens {

// The colour scale of point weights in [0, 1], from pale grey at weight 0 through blue to dark
// navy at weight 1, so the points a loss ignores fade.
QCPColorGradient weightGradient();

// A scatter whose points each take their colour from their weight, through weightGradient().
// QCPGraph colours all its points alike, hence this plottable. Every point has a thin grey
// outline, so a point of weight 0 stays visible, and heavier points are drawn over lighter
// ones. Weights outside [0, 1] are drawn at the nearer end of the scale.
class WeightedScatter : public QCPAbstractPlottable
{
    Q_OBJECT

public:
    explicit WeightedScatter(QCPAxis *keyAxis, QCPAxis *valueAxis);

    // keys, values and weights must have the same size.
    void setData(const Eigen::VectorXd &keys, const Eigen::VectorXd &values,
                 const Eigen::VectorXd &weights);
    int pointCount() const { return int(m_keys.size()); }
    double weightAt(int index) const { return m_weights[index]; }
    // The colour point index is drawn with.
    QColor colourAt(int index) const;
    void setPointSize(double size) { m_pointSize = size; }

    double selectTest(const QPointF &pos, bool onlySelectable,
                      QVariant *details = nullptr) const override;
    QCPRange getKeyRange(bool &foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool &foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth,
                           const QCPRange &inKeyRange = QCPRange()) const override;

protected:
    void draw(QCPPainter *painter) override;
    void drawLegendIcon(QCPPainter *painter, const QRectF &rect) const override;

private:
    Eigen::VectorXd m_keys;
    Eigen::VectorXd m_values;
    Eigen::VectorXd m_weights;
    // Point indices by increasing weight, the drawing order.
    std::vector<int> m_order;
    // Mutable because QCPColorGradient::color() fills its lookup table on first use.
    mutable QCPColorGradient m_gradient;
    double m_pointSize = 7.0;
};

} // namespace losslens
