#include "huber.h"

#include <QCoreApplication>

#include <cassert>
#include <cmath>

namespace losslens {

std::vector<LossParameter> HuberLoss::parameters() const
{
    return {{QStringLiteral("delta"), 1.0, 1e-6, 1e6,
             QCoreApplication::translate("HuberLoss",
                                         "Error size where the loss turns from quadratic to "
                                         "linear, in the target's units.")}};
}

double HuberLoss::parameterValue(int index) const
{
    assert(index == 0);
    Q_UNUSED(index);
    return m_delta;
}

void HuberLoss::setParameterValue(int index, double value)
{
    assert(index == 0);
    Q_UNUSED(index);
    m_delta = value;
}

LossDerivatives HuberLoss::evaluate(double input, double) const
{
    const double magnitude = std::abs(input);
    // PyTorch takes the quadratic branch when |e| < delta; at |e| = delta both branches agree
    // in value and first derivative, so only the second derivative depends on the choice.
    if (magnitude < m_delta)
        return {0.5 * input * input, input, 1.0};
    return {m_delta * (magnitude - 0.5 * m_delta), std::copysign(m_delta, input), 0.0};
}

std::unique_ptr<Loss> HuberLoss::clone() const
{
    return std::make_unique<HuberLoss>(*this);
}

} // namespace losslens
