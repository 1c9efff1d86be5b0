#include "adam.h"

#include "adamw.h"

#include <QCoreApplication>

#include <cmath>

namespace losslens {

namespace {

// tr() of the parameter descriptions, shared by Adam and AdamW in the "Adam" context.
struct AdamText
{
    Q_DECLARE_TR_FUNCTIONS(Adam)
};

std::vector<OptimizerParameter> adamParameters(double weightDecay)
{
    return {
        {QStringLiteral("learning_rate"), 0.001, 1e-12, 1e6, AdamText::tr("Step size lr"), false,
         true},
        {QStringLiteral("beta1"), 0.9, 0.0, 0.9999,
         AdamText::tr("Smoothing of the running average of gradients (first moment)")},
        {QStringLiteral("beta2"), 0.999, 0.0, 0.999999,
         AdamText::tr("Smoothing of the running average of squared gradients (second moment)")},
        {QStringLiteral("epsilon"), 1e-8, 1e-300, 1.0,
         AdamText::tr("Added to the root of the second moment so the division stays finite")},
        {QStringLiteral("weight_decay"), weightDecay, 0.0, 1e3, AdamText::tr("Weight decay")},
    };
}

} // namespace

Adam::Adam() : Adam(false) {}

Adam::Adam(bool decoupledWeightDecay) : m_decoupledWeightDecay(decoupledWeightDecay)
{
    for (const OptimizerParameter &parameter : adamParameters(decoupledWeightDecay ? 0.01 : 0.0))
        m_values.push_back(parameter.defaultValue);
}

std::vector<OptimizerParameter> Adam::parameters() const
{
    return adamParameters(0.0);
}

void Adam::reset()
{
    m_firstMoment.resize(0);
    m_secondMoment.resize(0);
    m_lastStep.resize(0);
    m_stepCount = 0;
}

void Adam::step(Eigen::VectorXd &theta, const Eigen::VectorXd &gradient, double learningRate)
{
    const double beta1 = m_values[1];
    const double beta2 = m_values[2];
    const double epsilon = m_values[3];
    const double weightDecay = m_values[4];
    if (m_firstMoment.size() != theta.size()) {
        m_firstMoment = Eigen::VectorXd::Zero(theta.size());
        m_secondMoment = Eigen::VectorXd::Zero(theta.size());
    }
    ++m_stepCount;
    const Eigen::VectorXd start = theta;
    Eigen::VectorXd direction = gradient;
    if (m_decoupledWeightDecay)
        theta *= 1.0 - learningRate * weightDecay;
    else if (weightDecay != 0.0)
        direction = gradient + weightDecay * theta;

    // The operations follow PyTorch's single-tensor Adam in its order, so runs agree to the
    // last bits. The updates are m beta1 + (1 - beta1) g, v beta2 + ((1 - beta2) g) g and
    // theta + (-step_size m) / (sqrt(v) / sqrt(1 - beta2^t) + eps).
    m_firstMoment.array() = m_firstMoment.array() * beta1 + (1.0 - beta1) * direction.array();
    m_secondMoment.array() =
        m_secondMoment.array() * beta2 + (1.0 - beta2) * direction.array() * direction.array();
    const double step = double(m_stepCount);
    const double firstCorrection = 1.0 - std::pow(beta1, step);
    const double secondCorrection = 1.0 - std::pow(beta2, step);
    const double stepSize = learningRate / firstCorrection;
    const Eigen::ArrayXd denominator =
        m_secondMoment.array().sqrt() / std::sqrt(secondCorrection) + epsilon;
    theta.array() += (-stepSize * m_firstMoment.array()) / denominator;
    m_lastStep = theta - start;
}

std::unique_ptr<Optimizer> Adam::clone() const
{
    return std::make_unique<Adam>(*this);
}

std::optional<Eigen::VectorXd> Adam::velocity() const
{
    if (m_stepCount == 0)
        return std::nullopt;
    return m_firstMoment / (1.0 - std::pow(m_values[1], double(m_stepCount)));
}

AdamW::AdamW() : Adam(true) {}

std::vector<OptimizerParameter> AdamW::parameters() const
{
    return adamParameters(0.01);
}

std::unique_ptr<Optimizer> AdamW::clone() const
{
    return std::make_unique<AdamW>(*this);
}

} // namespace losslens
