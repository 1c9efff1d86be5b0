#pragma once

#include "../loss.h"

#include <algorithm>
#include <cmath>

namespace losslens {

// Huber loss with threshold delta > 0, as PyTorch's torch.nn.functional.huber_loss:
//   rho(e) = e^2 / 2                  for |e| <= delta,
//   rho(e) = delta (|e| - delta / 2)  otherwise.
// rho'(e) = e inside and delta sign(e) outside; rho''(e) = 1 inside and 0 outside.
// Value 0 at e = 0. Quadratic like MSE for small errors and linear like MAE for large ones,
// so its influence is bounded by delta. Huber, "Robust Estimation of a Location Parameter",
// Annals of Mathematical Statistics, 1964.
class HuberLoss final : public LossKernel<HuberLoss, LossKind::Regression, true>
{
public:
    explicit HuberLoss(double delta = 1.0) : m_delta(delta) {}

    QString name() const override { return QStringLiteral("huber"); }
    QString displayName() const override { return QStringLiteral("Huber"); }
    std::vector<LossParameter> parameters() const override;
    double parameterValue(int index) const override;
    void setParameterValue(int index, double value) override;
    // Defined here so that LossKernel's loops can inline it. PyTorch takes the quadratic
    // branch when |e| < delta; at |e| = delta both branches agree in value and first
    // derivative, so only the second derivative depends on the choice.
    LossDerivatives evaluateAt(double input, double) const
    {
        const double magnitude = std::abs(input);
        if (magnitude < m_delta)
            return {0.5 * input * input, input, 1.0};
        return {m_delta * (magnitude - 0.5 * m_delta), std::copysign(m_delta, input), 0.0};
    }
    std::unique_ptr<Loss> clone() const override;

    double delta() const { return m_delta; }

    // With a = min(|e|, delta), rho(e) = a (|e| - a / 2) covers both branches without a jump,
    // so the compiler can vectorize the landscape's loop. Inside, |e| - |e| / 2 is exact, so
    // the value equals e^2 / 2 rounded once.
    double valueAt(double input, double) const
    {
        const double magnitude = std::abs(input);
        const double clipped = std::min(magnitude, m_delta);
        return clipped * (magnitude - 0.5 * clipped);
    }

private:
    double m_delta;
};

} // namespace losslens
