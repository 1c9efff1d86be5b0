#include "cauchy.h"

#include <QCoreApplication>

#include <cassert>

namespace losslens {

std::vector<LossParameter> CauchyLoss::parameters() const
{
    return {
        {QStringLiteral("c"), 1.0, 1e-6, 1e6,
         QCoreApplication::translate(
             "CauchyLoss",
             "Scale: errors well below c are penalized quadratically, in the target's units.")}};
}

double CauchyLoss::parameterValue(int index) const
{
    assert(index == 0);
    Q_UNUSED(index);
    return m_scale;
}

void CauchyLoss::setParameterValue(int index, double value)
{
    assert(index == 0);
    Q_UNUSED(index);
    m_scale = value;
}

std::unique_ptr<Loss> CauchyLoss::clone() const
{
    return std::make_unique<CauchyLoss>(*this);
}

} // namespace losslens
