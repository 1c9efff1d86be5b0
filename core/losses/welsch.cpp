#include "welsch.h"

#include <QCoreApplication>

#include <cassert>

namespace losslens {

std::vector<LossParameter> WelschLoss::parameters() const
{
    return {
        {QStringLiteral("c"), 1.0, 1e-6, 1e6,
         QCoreApplication::translate(
             "WelschLoss",
             "Scale: errors well below c are penalized quadratically, in the target's units.")}};
}

double WelschLoss::parameterValue(int index) const
{
    assert(index == 0);
    Q_UNUSED(index);
    return m_scale;
}

void WelschLoss::setParameterValue(int index, double value)
{
    assert(index == 0);
    Q_UNUSED(index);
    m_scale = value;
}

std::unique_ptr<Loss> WelschLoss::clone() const
{
    return std::make_unique<WelschLoss>(*this);
}

} // namespace losslens
