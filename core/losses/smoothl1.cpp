#include "smoothl1.h"

#include <QCoreApplication>

#include <cassert>

namespace losslens {

std::vector<LossParameter> SmoothL1Loss::parameters() const
{
    return {{QStringLiteral("beta"), 1.0, 0.0, 1e6,
             QCoreApplication::translate("SmoothL1Loss",
                                         "Error size where the loss turns from quadratic to "
                                         "linear, in the target's units; 0 gives the absolute "
                                         "error.")}};
}

double SmoothL1Loss::parameterValue(int index) const
{
    assert(index == 0);
    Q_UNUSED(index);
    return m_beta;
}

void SmoothL1Loss::setParameterValue(int index, double value)
{
    assert(index == 0);
    Q_UNUSED(index);
    m_beta = value;
}

std::unique_ptr<Loss> SmoothL1Loss::clone() const
{
    return std::make_unique<SmoothL1Loss>(*this);
}

} // namespace losslens
