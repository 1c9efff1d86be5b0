#pragma once

#include "../loss.h"

#include <cmath>

namespace losslens {

// Absolute error: rho(e) = |e|, rho'(e) = sign(e) with rho'(0) = 0, rho''(e) = 0.
// Matches PyTorch's torch.nn.functional.l1_loss per element, whose gradient at 0 is also 0.
// Noise model: Laplace. Influence is bounded by 1, so the fit follows the conditional median.
class MeanAbsoluteError final : public LossKernel<MeanAbsoluteError, LossKind::Regression>
{
public:
    QString name() const override { return QStringLiteral("mae"); }
    QString displayName() const override { return QStringLiteral("MAE"); }
    // Defined here so that LossKernel's loops can inline it.
    LossDerivatives evaluateAt(double input, double) const
    {
        const double sign = input > 0.0 ? 1.0 : (input < 0.0 ? -1.0 : 0.0);
        return {std::abs(input), sign, 0.0};
    }
    std::unique_ptr<Loss> clone() const override;

    double valueAt(double input, double) const { return std::abs(input); }
};

} // namespace losslens
