#pragma once

#include "../loss.h"

namespace losslens {

// Squared error: rho(e) = e^2, rho'(e) = 2e, rho''(e) = 2. Value 0 at e = 0.
// Matches PyTorch's torch.nn.functional.mse_loss per element (no factor 1/2).
// Noise model: Gaussian. Influence grows without bound, so one outlier can move the fit anywhere.
class MeanSquaredError final : public LossKernel<MeanSquaredError, LossKind::Regression>
{
public:
    QString name() const override { return QStringLiteral("mse"); }
    QString displayName() const override { return QStringLiteral("MSE"); }
    // Defined here so that LossKernel's loops can inline it.
    LossDerivatives evaluateAt(double input, double) const
    {
        return {input * input, 2.0 * input, 2.0};
    }
    std::unique_ptr<Loss> clone() const override;

    double valueAt(double input, double) const { return input * input; }
};

} // namespace losslens
