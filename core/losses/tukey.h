#pragma once

#include "../loss.h"

#include <cmath>

namespace losslens {

// Tukey's biweight (bisquare) loss with threshold c > 0. With u = (e/c)^2,
//   rho(e)   = (c^2/6) (1 - (1 - u)^3)  for |e| <= c,  c^2/6 otherwise,
//   rho'(e)  = e (1 - u)^2              for |e| <= c,  0 otherwise,
//   rho''(e) = (1 - u) (1 - 5u)         for |e| <= c,  0 otherwise.
// Value 0 at e = 0. Errors beyond c have no influence at all: rho' redescends to exactly 0 at
// |e| = c, so the loss is bounded, not convex, and twice continuously differentiable (rho''
// also reaches 0 at c). The default c = 4.685 gives 95% asymptotic efficiency at the normal
// distribution: (E rho'')^2 / E rho'^2 = 0.950 there by numerical integration. Beaton and
// Tukey, Technometrics, 1974.
//
// Written as 1 - (1 - u)^3, the value cancels for tiny e. The expansion
// (c^2/6)(3u - 3u^2 + u^3) = (e^2/6)(3 + u (u - 3)) keeps full relative precision, since
// 3 + u (u - 3) lies in [1, 3]. Near |e| = c, 1 - u is computed as (c - |e|)(c + |e|) / c^2,
// where c - |e| is exact, so rho' and rho'' keep their relative precision as they vanish.
class TukeyLoss final : public LossKernel<TukeyLoss, LossKind::Regression, true>
{
public:
    explicit TukeyLoss(double threshold = 4.685) : m_threshold(threshold) {}

    QString name() const override { return QStringLiteral("tukey"); }
    QString displayName() const override { return QStringLiteral("Tukey biweight"); }
    std::vector<LossParameter> parameters() const override;
    double parameterValue(int index) const override;
    void setParameterValue(int index, double value) override;
    bool isConvex() const override { return false; }
    // Defined here so that LossKernel's loops can inline it.
    LossDerivatives evaluateAt(double input, double label) const
    {
        const double magnitude = std::abs(input);
        if (!(magnitude < m_threshold))
            return {valueAt(input, label), 0.0, 0.0};
        const double c = m_threshold;
        const double u = (input / c) * (input / c);
        const double w = (c - magnitude) * (c + magnitude) / (c * c);
        return {valueAt(input, label), input * w * w, w * (1.0 - 5.0 * u)};
    }
    std::unique_ptr<Loss> clone() const override;

    double threshold() const { return m_threshold; }

    double valueAt(double input, double) const
    {
        const double c = m_threshold;
        if (!(std::abs(input) < c))
            return c * c / 6.0;
        const double u = (input / c) * (input / c);
        return input * input * (3.0 + u * (u - 3.0)) / 6.0;
    }

private:
    double m_threshold;
};

} // namespace losslens
