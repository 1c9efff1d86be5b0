#pragma once

#include "../loss.h"

#include <cmath>

namespace losslens {

// Welsch (Leclerc) loss with scale c > 0, Barron's loss at alpha = -inf. With s = (e/c)^2 and
// w = exp(-s/2):
//   rho(e)   = 1 - w = -expm1(-s/2),
//   rho'(e)  = (e/c^2) w,
//   rho''(e) = (1/c^2) w (1 - s).
// Value 0 at e = 0, and the loss tends to 1 as |e| grows. The influence rho' peaks at |e| = c
// and redescends to 0 like e exp(-e^2 / (2 c^2)), so it is bounded and the loss is not convex.
// It is one minus an unnormalized Gaussian. Source: Barron, "A General and Adaptive Robust
// Loss Function", CVPR 2019.
//
// expm1 keeps tiny values exact (rho(1e-9) = 5e-19 with c = 1). Once w underflows to 0 the
// second derivative is 0, which also avoids 0 * inf when s overflows.
class WelschLoss final : public LossKernel<WelschLoss, LossKind::Regression, true>
{
public:
    explicit WelschLoss(double scale = 1.0) : m_scale(scale) {}

    QString name() const override { return QStringLiteral("welsch"); }
    QString displayName() const override { return QStringLiteral("Welsch"); }
    std::vector<LossParameter> parameters() const override;
    double parameterValue(int index) const override;
    void setParameterValue(int index, double value) override;
    bool isConvex() const override { return false; }
    // Defined here so that LossKernel's loops can inline it.
    LossDerivatives evaluateAt(double input, double) const
    {
        const double t = input / m_scale;
        const double s = t * t;
        const double w = std::exp(-0.5 * s);
        const double second = w == 0.0 ? 0.0 : w * (1.0 - s) / (m_scale * m_scale);
        return {-std::expm1(-0.5 * s), decayingProduct(t, w) / m_scale, second};
    }
    std::unique_ptr<Loss> clone() const override;

    double scale() const { return m_scale; }

    double valueAt(double input, double) const
    {
        const double t = input / m_scale;
        return -std::expm1(-0.5 * t * t);
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
