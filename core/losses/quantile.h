#pragma once

#include "../loss.h"

namespace losslens {

// Quantile (pinball) loss with level tau in [0, 1], on the error e = prediction - target:
//   rho(e) = -tau e        for e < 0 (under-prediction costs tau per unit),
//   rho(e) = (1 - tau) e   for e >= 0 (over-prediction costs 1 - tau per unit).
// rho'(e) = -tau for e < 0 and 1 - tau for e > 0; at the kink e = 0 it is 0, which lies in the
// subdifferential [-tau, 1 - tau], as MAE takes 0 there. rho''(e) = 0. Value 0 at e = 0.
// Minimizing the mean of rho over a constant prediction p sets the slope
// -tau P(y > p) + (1 - tau) P(y < p) to 0, so P(y < p) = tau: the fit follows the conditional
// tau-quantile of the target, and tau = 0.5 gives MAE / 2 and the median. Noise model:
// asymmetric Laplace. Influence is bounded by max(tau, 1 - tau). Koenker and Bassett,
// "Regression Quantiles", Econometrica, 1978.
class QuantileLoss final : public LossKernel<QuantileLoss, LossKind::Regression>
{
public:
    explicit QuantileLoss(double tau = 0.5) : m_tau(tau) {}

    QString name() const override { return QStringLiteral("quantile"); }
    QString displayName() const override { return QStringLiteral("Quantile"); }
    std::vector<LossParameter> parameters() const override;
    double parameterValue(int index) const override;
    void setParameterValue(int index, double value) override;
    // Defined here so that LossKernel's loops can inline it.
    LossDerivatives evaluateAt(double input, double label) const
    {
        const double first = input < 0.0 ? -m_tau : (input > 0.0 ? 1.0 - m_tau : 0.0);
        return {valueAt(input, label), first, 0.0};
    }
    std::unique_ptr<Loss> clone() const override;

    double tau() const { return m_tau; }

    // Both branches are one multiplication, so the compiler can select between them without a
    // jump in the landscape's loop.
    double valueAt(double input, double) const
    {
        return input < 0.0 ? -m_tau * input : (1.0 - m_tau) * input;
    }

private:
    double m_tau;
};

} // namespace losslens
