#pragma once

#include "adam.h"

namespace losslens {

// PyTorch's torch.optim.AdamW (Loshchilov and Hutter, ICLR 2019): Adam with the weight decay
// decoupled from the gradient, theta *= 1 - lr weight_decay before the Adam step, so the decay
// is not divided by the root of v. PyTorch's default weight_decay is 0.01.
class AdamW final : public Adam
{
public:
    AdamW();

    QString name() const override { return QStringLiteral("adamw"); }
    QString displayName() const override { return QStringLiteral("AdamW"); }
    std::vector<OptimizerParameter> parameters() const override;
    std::unique_ptr<Optimizer> clone() const override;
};

} // namespace losslens
