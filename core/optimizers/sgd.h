#pragma once

#include "../optimizer.h"

#include <cstdint>

namespace losslens {

// PyTorch's torch.optim.SGD with dampening 0, in four variants that the catalogue names:
// gradient descent and SGD (no momentum; SGD also takes mini-batches of batch_size samples,
// shuffled with seed each epoch), momentum and Nesterov momentum. With g = gradient +
// weight_decay theta:
//   momentum:  v = g on the first step, else v = mu v + g;  theta -= lr v
//   Nesterov:  the same v, then theta -= lr (g + mu v)
// The batch size and seed are read by the training loop; the update itself does not use them.
class StochasticGradientDescent final : public Optimizer
{
public:
    enum class Variant { GradientDescent, Stochastic, Momentum, Nesterov };

    explicit StochasticGradientDescent(Variant variant);

    QString name() const override;
    QString displayName() const override;
    std::vector<OptimizerParameter> parameters() const override;
    void reset() override;
    void step(Eigen::VectorXd &theta, const Eigen::VectorXd &gradient,
              double learningRate) override;
    std::unique_ptr<Optimizer> clone() const override;
    std::optional<Eigen::VectorXd> velocity() const override;

    Variant variant() const { return m_variant; }
    // Samples per update for the stochastic variant, 0 meaning the whole data set.
    int batchSize() const;
    std::uint64_t seed() const;

private:
    Variant m_variant;
    Eigen::VectorXd m_velocity;
    bool m_started = false;
};

} // namespace losslens
