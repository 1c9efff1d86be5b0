#pragma once

#include "../loss.h"

#include <cmath>

namespace losslens {

// Geman-McClure loss with scale c > 0, Barron's loss at alpha = -2. With s = (e/c)^2 and
// p = 4 / (s + 4):
//   rho(e)   = 2 s / (s + 4) = (s/2) p = 2 - 2p,
//   rho'(e)  = 16 (e/c^2) / (s + 4)^2 = (e/c^2) p^2,
//   rho''(e) = 16 (1/c^2) (4 - 3s) / (s + 4)^3 = (1/c^2) p^2 (4p - 3).
// Value 0 at e = 0, and the loss tends to 2 as |e| grows. The influence rho' peaks at
// |e| = 2c / sqrt(3) and redescends to 0 like 1/e^3, so it is bounded and the loss is not
// convex. Named after Geman and McClure. Source: Barron, "A General and Adaptive Robust Loss
// Function", CVPR 2019.
//
// (s/2) p keeps tiny values exact, and 2 - 2p avoids inf * 0 when s overflows. The value
// switches forms at s = 4, where both are accurate (2 - 2p = 1 without cancellation).
class GemanMcClureLoss final : public LossKernel<GemanMcClureLoss, LossKind::Regression, true>
{
public:
    explicit GemanMcClureLoss(double scale = 1.0) : m_scale(scale) {}

    QString name() const override { return QStringLiteral("geman_mcclure"); }
    QString displayName() const override { return QStringLiteral("Geman-McClure"); }
    std::vector<LossParameter> parameters() const override;
    double parameterValue(int index) const override;
    void setParameterValue(int index, double value) override;
    bool isConvex() const override { return false; }
    // Defined here so that LossKernel's loops can inline it.
    LossDerivatives evaluateAt(double input, double label) const
    {
        const double t = input / m_scale;
        const double p = 4.0 / (t * t + 4.0);
        return {valueAt(input, label), decayingProduct(t, p * p) / m_scale,
                p * p * (4.0 * p - 3.0) / (m_scale * m_scale)};
    }
    std::unique_ptr<Loss> clone() const override;

    double scale() const { return m_scale; }

    double valueAt(double input, double) const
    {
        const double t = input / m_scale;
        const double s = t * t;
        const double p = 4.0 / (s + 4.0);
        return s < 4.0 ? 0.5 * s * p : 2.0 - 2.0 * p;
    }

private:
    // Returns t * factor for a factor that decays faster than 1/t grows. Where t = e/c
    // overflows it returns the limit, 0 with the sign of t, because inf * 0 would be NaN.
    static double decayingProduct(double t, double factor)
    {
        return std::isinf(t) ? std::copysign(0.0, t) : t * factor;
    }

    double m_scale;
};

} // namespace losslens
