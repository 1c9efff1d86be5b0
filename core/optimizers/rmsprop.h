#pragma once

#include "../optimizer.h"

namespace losslens {

// PyTorch's torch.optim.RMSprop (Hinton's lecture notes, 2012), not centred. With g = gradient +
// weight_decay theta:
//   s = alpha s + (1 - alpha) g^2,  d = g / (sqrt(s) + eps)
//   without momentum: theta -= lr d;  with momentum mu: v = mu v + d, theta -= lr v.
// PyTorch's defaults: lr 0.01, alpha 0.99, epsilon 1e-8, momentum 0.
class RmsProp final : public Optimizer
{
public:
    RmsProp();

    QString name() const override { return QStringLiteral("rmsprop"); }
    QString displayName() const override { return QStringLiteral("RMSProp"); }
    std::vector<OptimizerParameter> parameters() const override;
    void reset() override;
    void step(Eigen::VectorXd &theta, const Eigen::VectorXd &gradient,
              double learningRate) override;
    std::unique_ptr<Optimizer> clone() const override;
    std::optional<Eigen::VectorXd> velocity() const override;

private:
    Eigen::VectorXd m_squareAverage;
    Eigen::VectorXd m_velocity;
};

} // namespace losslens
