#include "adagrad.h"

#include <QCoreApplication>

namespace losslens {

Adagrad::Adagrad()
{
    for (const OptimizerParameter &parameter : parameters())
        m_values.push_back(parameter.defaultValue);
}

std::vector<OptimizerParameter> Adagrad::parameters() const
{
    auto tr = [](const char *text) { return QCoreApplication::translate("Adagrad", text); };
    return {
        {QStringLiteral("learning_rate"), 0.01, 1e-12, 1e6, tr("Step size lr"), false, true},
        {QStringLiteral("learning_rate_decay"), 0.0, 0.0, 1e3,
         tr("Decay of the step size: lr / (1 + (t - 1) decay)")},
        {QStringLiteral("initial_accumulator"), 0.0, 0.0, 1e6,
         tr("Starting value of each parameter's sum of squared gradients")},
        {QStringLiteral("epsilon"), 1e-10, 1e-300, 1.0,
         tr("Added to the root of the sum so the division stays finite")},
        {QStringLiteral("weight_decay"), 0.0, 0.0, 1e3,
         tr("L2 penalty added to the gradient as weight_decay theta")},
    };
}

void Adagrad::reset()
{
    m_squareSum.resize(0);
    m_lastStep.resize(0);
    m_stepCount = 0;
}

void Adagrad::step(Eigen::VectorXd &theta, const Eigen::VectorXd &gradient, double learningRate)
{
    const double decay = m_values[1];
    const double epsilon = m_values[3];
    const double weightDecay = m_values[4];
    if (m_squareSum.size() != theta.size())
        m_squareSum = Eigen::VectorXd::Constant(theta.size(), m_values[2]);
    ++m_stepCount;
    Eigen::VectorXd direction = gradient;
    if (weightDecay != 0.0)
        direction = gradient + weightDecay * theta;
    const double rate = learningRate / (1.0 + double(m_stepCount - 1) * decay);
    m_squareSum.array() += direction.array() * direction.array();
    const Eigen::ArrayXd denominator = m_squareSum.array().sqrt() + epsilon;
    // PyTorch's addcdiv computes theta + (value g) / denominator, in that order.
    m_lastStep = ((-rate * direction.array()) / denominator).matrix();
    theta += m_lastStep;
}

std::unique_ptr<Optimizer> Adagrad::clone() const
{
    return std::make_unique<Adagrad>(*this);
}

} // namespace losslens
