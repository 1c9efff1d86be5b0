#pragma once

#include "../optimizer.h"

namespace losslens {

// PyTorch's torch.optim.Adam with bias correction (Kingma and Ba, ICLR 2015), without
// amsgrad. With g = gradient + weight_decay theta and step count t:
//   m = beta1 m + (1 - beta1) g,  v = beta2 v + (1 - beta2) g^2,
//   theta -= (lr / (1 - beta1^t)) m / (sqrt(v) / sqrt(1 - beta2^t) + eps).
// Dividing by the root of v gives each parameter a step of about lr whatever its gradient's
// size, which is why Adam does not overshoot a narrow valley as momentum does. PyTorch's
// defaults: lr 0.001, beta1 0.9, beta2 0.999, epsilon 1e-8, weight_decay 0.
class Adam : public Optimizer
{
public:
    Adam();

    QString name() const override { return QStringLiteral("adam"); }
    QString displayName() const override { return QStringLiteral("Adam"); }
    std::vector<OptimizerParameter> parameters() const override;
    void reset() override;
    void step(Eigen::VectorXd &theta, const Eigen::VectorXd &gradient,
              double learningRate) override;
    std::unique_ptr<Optimizer> clone() const override;
    // The bias-corrected first moment m / (1 - beta1^t), the direction Adam moves along.
    std::optional<Eigen::VectorXd> velocity() const override;

protected:
    // AdamW decays theta itself before the update instead of adding to the gradient.
    explicit Adam(bool decoupledWeightDecay);

private:
    bool m_decoupledWeightDecay = false;
    Eigen::VectorXd m_firstMoment;
    Eigen::VectorXd m_secondMoment;
    long long m_stepCount = 0;
};

} // namespace losslens
