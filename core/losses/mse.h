#pragma once

#include "../loss.h"

namespace losslens {

// Squared error: rho(e) = e^2, rho'(e) = 2e, rho''(e) = 2. Value 0 at e = 0.
// Matches PyTorch's torch.nn.functional.mse_loss per element (no factor 1/2).
// Noise model: Gaussian. Influence grows without bound, so one outlier can move the fit anywhere.
class MeanSquaredError final : public Loss
{
public:
    QString name() const override { return QStringLiteral("mse"); }
    QString displayName() const override { return QStringLiteral("MSE"); }
    LossKind kind() const override { return LossKind::Regression; }
    LossDerivatives evaluate(double input, double label) const override;
    double value(double input, double label) const override;
    std::unique_ptr<Loss> clone() const override;
};

} // namespace losslens
