#pragma once

#include "../optimizer.h"

namespace losslens {

// PyTorch's torch.optim.Adagrad (Duchi, Hazan and Singer, JMLR 2011). With g = gradient +
// weight_decay theta and step count t:
//   lr_t = lr / (1 + (t - 1) learning_rate_decay),  s += g^2,  theta -= lr_t g / (sqrt(s) + eps)
// so each parameter's step shrinks as its squared gradients accumulate. PyTorch's defaults:
// lr 0.01, learning_rate_decay 0, initial_accumulator 0, epsilon 1e-10.
class Adagrad final : public Optimizer
{
public:
    Adagrad();

    QString name() const override { return QStringLiteral("adagrad"); }
    QString displayName() const override { return QStringLiteral("AdaGrad"); }
    std::vector<OptimizerParameter> parameters() const override;
    void reset() override;
    void step(Eigen::VectorXd &theta, const Eigen::VectorXd &gradient,
              double learningRate) override;
    std::unique_ptr<Optimizer> clone() const override;

private:
    Eigen::VectorXd m_squareSum;
    long long m_stepCount = 0;
};

} // namespace losslens
