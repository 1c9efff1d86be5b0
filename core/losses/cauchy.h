#pragma once

#include "../loss.h"

#include <cmath>
#include <numbers>

namespace losslens {

// Cauchy (Lorentzian) loss with scale c > 0, Barron's loss at alpha = 0. With s = (e/c)^2 and
// p = 1 / (1 + s/2):
//   rho(e)   = log(1 + s/2),
//   rho'(e)  = (e/c^2) p,
//   rho''(e) = (1/c^2) (1 - s/2) p^2 = (1/c^2) (2p - 1) p.
// Value 0 at e = 0. The influence rho' peaks at |e| = sqrt(2) c and redescends to 0 like 1/e,
// so it is bounded. rho'' < 0 beyond sqrt(2) c, so the loss is not convex. It is the negative
// log-likelihood of a Cauchy distribution up to a constant, hence the name (also Lorentzian).
// Source: Barron, "A General and Adaptive Robust Loss Function", CVPR 2019.
//
// log1p keeps tiny values exact (rho(1e-9) = 5e-19 with c = 1), and the form (2p - 1) p stays
// finite when s overflows, where (1 - s/2) / (1 + s/2)^2 would give inf / inf.
class CauchyLoss final : public LossKernel<CauchyLoss, LossKind::Regression, true>
{
public:
    explicit CauchyLoss(double scale = 1.0) : m_scale(scale) {}

    QString name() const override { return QStringLiteral("cauchy"); }
    QString displayName() const override { return QStringLiteral("Cauchy"); }
    std::vector<LossParameter> parameters() const override;
    double parameterValue(int index) const override;
    void setParameterValue(int index, double value) override;
    bool isConvex() const override { return false; }
    // Defined here so that LossKernel's loops can inline it.
    LossDerivatives evaluateAt(double input, double label) const
    {
        const double t = input / m_scale;
        const double p = 1.0 / (1.0 + 0.5 * t * t);
        // Beyond |t| = 1e100, (2p - 1) p = -(2 / t^2) (1 - 2 / t^2) / (1 + 2 / t^2)^2 is -2 / t^2
        // to within rounding, while p itself loses digits below the smallest normal double.
        const double curvature = std::abs(t) > 1e100 ? -(2.0 / t) / t : (2.0 * p - 1.0) * p;
        return {valueAt(input, label), decayingProduct(t, p) / m_scale,
                curvature / (m_scale * m_scale)};
    }
    std::unique_ptr<Loss> clone() const override;

    double scale() const { return m_scale; }

    double valueAt(double input, double) const
    {
        const double t = input / m_scale;
        // 0.5 t^2 overflows for |t| above about 1.9e154. Beyond 1e100 the value is
        // log(0.5 t^2) + log1p(2 / t^2) = 2 log|t| - log 2 to within rounding (2 / t^2 < 1e-199),
        // which stays finite up to the largest double and gives infinity only for infinite t.
        if (std::abs(t) > 1e100)
            return 2.0 * std::log(std::abs(t)) - std::numbers::ln2;
        return std::log1p(0.5 * t * t);
    }

private:
    // Returns t p = t / (1 + t^2 / 2). Beyond |t| = 1e100 it is 2 / t to within rounding,
    // which avoids p's loss of digits below the smallest normal double and its underflow to 0
    // where t^2 / 2 overflows; for infinite t it gives the limit 0 with the sign of t.
    static double decayingProduct(double t, double p)
    {
        return std::abs(t) > 1e100 ? 2.0 / t : t * p;
    }

    double m_scale;
};

} // namespace losslens
