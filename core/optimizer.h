#pragma once

#include <Eigen/Core>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace losslens {

// A named, bounded optimizer hyperparameter such as Adam's beta1. Integer parameters (batch
// size, seed) take whole numbers only.
struct OptimizerParameter
{
    QString key;
    double defaultValue = 0.0;
    double minimum = 0.0;
    double maximum = 0.0;
    QString description;
    bool isInteger = false;
    // Shown on a logarithmic slider, as the learning rate is.
    bool isLogarithmic = false;
};

// A first-order optimizer that updates the parameters theta from the gradient of the loss, one
// update per step, with the update rules of PyTorch's torch.optim so that a run can be
// reproduced there. The learning rate of each step comes from the caller, because a schedule
// may change it; learningRate() is the base rate the schedule starts from.
class Optimizer
{
public:
    virtual ~Optimizer() = default;

    virtual QString name() const = 0;
    virtual QString displayName() const = 0;
    // Every optimizer's first parameter is learning_rate.
    virtual std::vector<OptimizerParameter> parameters() const = 0;
    double parameterValue(int index) const;
    void setParameterValue(int index, double value);
    int parameterIndex(const QString &key) const;
    double learningRate() const { return parameterValue(0); }

    // Forgets the state (momentum buffers, running averages, step count) before a new run.
    virtual void reset() = 0;
    // Applies one update to theta for the given gradient and learning rate.
    virtual void step(Eigen::VectorXd &theta, const Eigen::VectorXd &gradient,
                      double learningRate) = 0;
    virtual std::unique_ptr<Optimizer> clone() const = 0;

    // The velocity (momentum buffer) after the last step, for optimizers that keep one.
    virtual std::optional<Eigen::VectorXd> velocity() const { return std::nullopt; }
    // The change of theta in the last step, for drawing the adapted step next to the gradient.
    const Eigen::VectorXd &lastStep() const { return m_lastStep; }

    // Canonical specification: the name, then every parameter in declared order.
    QString spec() const;
    QString label() const;

protected:
    // Holds each parameter's value, in declared order; derived constructors fill it with the
    // defaults.
    std::vector<double> m_values;
    Eigen::VectorXd m_lastStep;
};

} // namespace losslens
