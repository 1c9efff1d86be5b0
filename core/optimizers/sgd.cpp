#include "sgd.h"

#include <QCoreApplication>

namespace losslens {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StochasticGradientDescent", text);
}

} // namespace

StochasticGradientDescent::StochasticGradientDescent(Variant variant) : m_variant(variant)
{
    for (const OptimizerParameter &parameter : parameters())
        m_values.push_back(parameter.defaultValue);
}

QString StochasticGradientDescent::name() const
{
    switch (m_variant) {
    case Variant::GradientDescent:
        return QStringLiteral("gd");
    case Variant::Stochastic:
        return QStringLiteral("sgd");
    case Variant::Momentum:
        return QStringLiteral("momentum");
    case Variant::Nesterov:
        return QStringLiteral("nesterov");
    }
    return {};
}

QString StochasticGradientDescent::displayName() const
{
    switch (m_variant) {
    case Variant::GradientDescent:
        return tr("Gradient descent");
    case Variant::Stochastic:
        return tr("SGD");
    case Variant::Momentum:
        return tr("Momentum");
    case Variant::Nesterov:
        return tr("Nesterov");
    }
    return {};
}

std::vector<OptimizerParameter> StochasticGradientDescent::parameters() const
{
    std::vector<OptimizerParameter> declared = {
        {QStringLiteral("learning_rate"), 0.01, 1e-12, 1e6, tr("Step size lr"), false, true}};
    if (m_variant == Variant::Momentum || m_variant == Variant::Nesterov) {
        declared.push_back({QStringLiteral("momentum"), 0.9, 0.0, 0.9999,
                            tr("Share mu of the previous velocity kept in each step")});
    }
    if (m_variant == Variant::Stochastic) {
        declared.push_back({QStringLiteral("batch_size"), 32, 1, 1e9,
                            tr("Samples in each mini-batch (one update per mini-batch)"), true});
        declared.push_back({QStringLiteral("seed"), 0, 0, 4294967295.0,
                            tr("Seed of the shuffling of the samples each epoch"), true});
    }
    declared.push_back({QStringLiteral("weight_decay"), 0.0, 0.0, 1e3,
                        tr("L2 penalty added to the gradient as weight_decay theta")});
    return declared;
}

void StochasticGradientDescent::reset()
{
    m_velocity.resize(0);
    m_lastStep.resize(0);
    m_started = false;
}

void StochasticGradientDescent::step(Eigen::VectorXd &theta, const Eigen::VectorXd &gradient,
                                     double learningRate)
{
    const double weightDecay = m_values.back();
    Eigen::VectorXd direction = gradient;
    if (weightDecay != 0.0)
        direction = gradient + weightDecay * theta;
    if (m_variant == Variant::Momentum || m_variant == Variant::Nesterov) {
        const double momentum = m_values[1];
        // PyTorch starts the buffer at the first gradient itself, not at mu times zero plus it.
        if (!m_started)
            m_velocity = direction;
        else
            m_velocity = momentum * m_velocity + direction;
        if (m_variant == Variant::Nesterov)
            direction = direction + momentum * m_velocity;
        else
            direction = m_velocity;
    }
    m_started = true;
    m_lastStep = -learningRate * direction;
    theta += m_lastStep;
}

std::unique_ptr<Optimizer> StochasticGradientDescent::clone() const
{
    return std::make_unique<StochasticGradientDescent>(*this);
}

std::optional<Eigen::VectorXd> StochasticGradientDescent::velocity() const
{
    if (m_velocity.size() == 0)
        return std::nullopt;
    return m_velocity;
}

int StochasticGradientDescent::batchSize() const
{
    return m_variant == Variant::Stochastic ? static_cast<int>(m_values[1]) : 0;
}

std::uint64_t StochasticGradientDescent::seed() const
{
    return m_variant == Variant::Stochastic ? static_cast<std::uint64_t>(m_values[2]) : 0;
}

} // namespace losslens
