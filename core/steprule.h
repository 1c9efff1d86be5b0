#pragma once

#include <Eigen/Core>
#include <QString>

#include <memory>

namespace losslens {

// Turns a gradient into a parameter update. A rule owns its state (momentum, moment
// estimates), which reset() clears when a run starts over.
class StepRule
{
public:
    virtual ~StepRule() = default;

    virtual QString name() const = 0;
    virtual Eigen::Vector2d update(const Eigen::Vector2d &gradient) = 0;
    virtual void reset() {}
    virtual std::unique_ptr<StepRule> clone() const = 0;
};

// Plain gradient descent, theta <- theta - learningRate * gradient, the update of PyTorch's
// torch.optim.SGD without momentum or weight decay.
class GradientDescent final : public StepRule
{
public:
    explicit GradientDescent(double learningRate = 0.1) : m_learningRate(learningRate) {}

    QString name() const override { return QStringLiteral("gd"); }
    Eigen::Vector2d update(const Eigen::Vector2d &gradient) override;
    std::unique_ptr<StepRule> clone() const override;

    double learningRate() const { return m_learningRate; }
    void setLearningRate(double learningRate) { m_learningRate = learningRate; }

private:
    double m_learningRate;
};

} // namespace losslens
