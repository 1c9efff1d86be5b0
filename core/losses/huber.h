#pragma once

#include "../loss.h"

#include <cmath>

namespace losslens {

// Huber loss with threshold delta > 0, as PyTorch's torch.nn.functional.huber_loss:
//   rho(e) = e^2 / 2                  for |e| <= delta,
//   rho(e) = delta (|e| - delta / 2)  otherwise.
// rho'(e) = e inside and delta sign(e) outside; rho''(e) = 1 inside and 0 outside.
// Value 0 at e = 0. Quadratic like MSE for small errors and linear like MAE for large ones,
// so its influence is bounded by delta. Huber, "Robust Estimation of a Location Parameter",
// Annals of Mathematical Statistics, 1964.
class HuberLoss final : public LossKernel<HuberLoss, LossKind::Regression>
{
public:
    explicit HuberLoss(double delta = 1.0) : m_delta(delta) {}

    QString name() const override { return QStringLiteral("huber"); }
    QString displayName() const override { return QStringLiteral("Huber"); }
    std::vector<LossParameter> parameters() const override;
    double parameterValue(int index) const override;
    void setParameterValue(int index, double value) override;
    LossDerivatives evaluate(double input, double label) const override;
    std::unique_ptr<Loss> clone() const override;

    double delta() const { return m_delta; }

    double valueAt(double input, double) const
    {
        const double magnitude = std::abs(input);
        return magnitude < m_delta ? 0.5 * input * input : m_delta * (magnitude - 0.5 * m_delta);
    }

private:
    double m_delta;
};

} // namespace losslens
