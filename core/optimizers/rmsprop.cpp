#include "rmsprop.h"

#include <QCoreApplication>

namespace losslens {

RmsProp::RmsProp()
{
    for (const OptimizerParameter &parameter : parameters())
        m_values.push_back(parameter.defaultValue);
}

std::vector<OptimizerParameter> RmsProp::parameters() const
{
    auto tr = [](const char *text) { return QCoreApplication::translate("RmsProp", text); };
    return {
        {QStringLiteral("learning_rate"), 0.01, 1e-12, 1e6, tr("Step size lr"), false, true},
        {QStringLiteral("alpha"), 0.99, 0.0, 0.9999,
         tr("Smoothing of the running average of squared gradients")},
        {QStringLiteral("epsilon"), 1e-8, 1e-300, 1.0,
         tr("Added to the root of the average so the division stays finite")},
        {QStringLiteral("momentum"), 0.0, 0.0, 0.9999, tr("Share of the previous step kept")},
        {QStringLiteral("weight_decay"), 0.0, 0.0, 1e3,
         tr("L2 penalty added to the gradient as weight_decay theta")},
    };
}

void RmsProp::reset()
{
    m_squareAverage.resize(0);
    m_velocity.resize(0);
    m_lastStep.resize(0);
}

void RmsProp::step(Eigen::VectorXd &theta, const Eigen::VectorXd &gradient, double learningRate)
{
    const double alpha = m_values[1];
    const double epsilon = m_values[2];
    const double momentum = m_values[3];
    const double weightDecay = m_values[4];
    if (m_squareAverage.size() != theta.size()) {
        m_squareAverage = Eigen::VectorXd::Zero(theta.size());
        m_velocity = Eigen::VectorXd::Zero(theta.size());
    }
    Eigen::VectorXd direction = gradient;
    if (weightDecay != 0.0)
        direction = gradient + weightDecay * theta;
    m_squareAverage.array() =
        m_squareAverage.array() * alpha + (1.0 - alpha) * direction.array() * direction.array();
    const Eigen::ArrayXd denominator = m_squareAverage.array().sqrt() + epsilon;
    if (momentum > 0.0) {
        m_velocity.array() = m_velocity.array() * momentum + direction.array() / denominator;
        m_lastStep = -learningRate * m_velocity;
    } else {
        // PyTorch's addcdiv computes theta + (value g) / denominator, in that order.
        m_lastStep = ((-learningRate * direction.array()) / denominator).matrix();
    }
    theta += m_lastStep;
}

std::unique_ptr<Optimizer> RmsProp::clone() const
{
    return std::make_unique<RmsProp>(*this);
}

std::optional<Eigen::VectorXd> RmsProp::velocity() const
{
    if (m_values[3] > 0.0 && m_velocity.size() > 0)
        return m_velocity;
    return std::nullopt;
}

} // namespace losslens
