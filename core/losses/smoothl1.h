#pragma once

#include "../loss.h"

#include <cmath>

namespace losslens {

// Smooth L1 loss with threshold beta >= 0, as PyTorch's torch.nn.functional.smooth_l1_loss:
//   rho(e) = e^2 / (2 beta)   for |e| < beta,
//   rho(e) = |e| - beta / 2   otherwise.
// rho'(e) = e / beta inside and sign(e) outside, with rho'(0) = 0. rho''(e) = 1 / beta inside
// and 0 outside. Value 0 at e = 0.
// Beta is the error size where the loss turns from quadratic to linear. Smooth L1 is Huber's
// loss divided by beta, so its slope outside is 1 for every beta and its influence is bounded
// by 1. With beta = 0 the quadratic branch is never taken (|e| < 0 is false), so the loss is
// exactly MAE and nothing is divided by zero. PyTorch documents beta = 0 as equivalent to
// L1Loss, but torch 1.13's smooth_l1_loss returns the slope -1 at e = 0 there, where MAE and
// this class return 0.
// NOTE: for a subnormal beta below 1 / DBL_MAX (about 5.6e-309) the inside curvature 1 / beta
// rounds to +inf. That is its correctly rounded value, and only inputs with |e| < beta see it.
class SmoothL1Loss final : public LossKernel<SmoothL1Loss, LossKind::Regression, true>
{
public:
    explicit SmoothL1Loss(double beta = 1.0) : m_beta(beta) {}

    QString name() const override { return QStringLiteral("smooth_l1"); }
    QString displayName() const override { return QStringLiteral("Smooth L1"); }
    std::vector<LossParameter> parameters() const override;
    double parameterValue(int index) const override;
    void setParameterValue(int index, double value) override;
    // Defined here so that LossKernel's loops can inline it. PyTorch takes the quadratic branch
    // when |e| < beta. At |e| = beta both branches give beta / 2 and slope sign(e), so only the
    // second derivative depends on the choice.
    LossDerivatives evaluateAt(double input, double label) const
    {
        const double value = valueAt(input, label);
        if (std::abs(input) < m_beta)
            return {value, input / m_beta, 1.0 / m_beta};
        const double sign = input > 0.0 ? 1.0 : (input < 0.0 ? -1.0 : 0.0);
        return {value, sign, 0.0};
    }
    std::unique_ptr<Loss> clone() const override;

    double beta() const { return m_beta; }

    // Inside, (e / 2) (e / beta) is used instead of e^2 / (2 beta): e / beta lies in (-1, 1),
    // so e^2 cannot underflow before the division for tiny e and beta. Both branches are plain
    // arithmetic, so the compiler can compute both and select one in the landscape's loop; the
    // unselected 0 / 0 of the inside branch at beta = 0, e = 0 is discarded.
    double valueAt(double input, double) const
    {
        const double magnitude = std::abs(input);
        return magnitude < m_beta ? (0.5 * input) * (input / m_beta) : magnitude - 0.5 * m_beta;
    }

private:
    double m_beta;
};

} // namespace losslens
