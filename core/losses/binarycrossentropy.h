#pragma once

#include "../loss.h"

#include <algorithm>
#include <cmath>

namespace losslens {

// Binary cross-entropy on the logit z with label y in {0, 1}, as PyTorch's
// torch.nn.functional.binary_cross_entropy_with_logits:
//   rho(z) = -[y log s(z) + (1 - y) log(1 - s(z))],  s(z) = 1 / (1 + exp(-z)),
// computed as max(z, 0) - z y + log(1 + exp(-|z|)) so no exponential overflows.
// rho'(z) = s(z) - y; rho''(z) = s(z) (1 - s(z)). Value at z = 0 is log 2 for either label.
// Noise model: Bernoulli. Minimized by the logit of the true class probability.
class BinaryCrossEntropy final : public LossKernel<BinaryCrossEntropy, LossKind::Classification>
{
public:
    QString name() const override { return QStringLiteral("bce"); }
    QString displayName() const override { return QStringLiteral("Binary cross-entropy"); }
    LossDerivatives evaluate(double input, double label) const override;
    std::unique_ptr<Loss> clone() const override;

    double valueAt(double input, double label) const
    {
        return std::max(input, 0.0) - input * label + std::log1p(std::exp(-std::abs(input)));
    }
};

} // namespace losslens
