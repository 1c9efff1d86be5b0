#pragma once

#include "../loss.h"

namespace losslens {

// Absolute error: rho(e) = |e|, rho'(e) = sign(e) with rho'(0) = 0, rho''(e) = 0.
// Matches PyTorch's torch.nn.functional.l1_loss per element, whose gradient at 0 is also 0.
// Noise model: Laplace. Influence is bounded by 1, so the fit follows the conditional median.
class MeanAbsoluteError final : public Loss
{
public:
    QString name() const override { return QStringLiteral("mae"); }
    QString displayName() const override { return QStringLiteral("MAE"); }
    LossKind kind() const override { return LossKind::Regression; }
    LossDerivatives evaluate(double input, double label) const override;
    std::unique_ptr<Loss> clone() const override;
};

} // namespace losslens
