#include "gemanmcclure.h"

#include <QCoreApplication>

#include <cassert>

namespace losslens {

std::vector<LossParameter> GemanMcClureLoss::parameters() const
{
    return {
        {QStringLiteral("c"), 1.0, 1e-6, 1e6,
         QCoreApplication::translate(
             "GemanMcClureLoss",
             "Scale: errors well below c are penalized quadratically, in the target's units.")}};
}

double GemanMcClureLoss::parameterValue(int index) const
{
    assert(index == 0);
    Q_UNUSED(index);
    return m_scale;
}

void GemanMcClureLoss::setParameterValue(int index, double value)
{
    assert(index == 0);
    Q_UNUSED(index);
    m_scale = value;
}

std::unique_ptr<Loss> GemanMcClureLoss::clone() const
{
    return std::make_unique<GemanMcClureLoss>(*this);
}

} // namespace losslens
