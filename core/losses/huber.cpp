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

std::unique_ptr<Loss> HuberLoss::clone() const
{
    return std::make_unique<HuberLoss>(*this);
}

} // namespace losslens
