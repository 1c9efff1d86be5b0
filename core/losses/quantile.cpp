#include "quantile.h"

#include <QCoreApplication>

#include <cassert>

namespace losslens {

std::vector<LossParameter> QuantileLoss::parameters() const
{
    return {{QStringLiteral("tau"), 0.5, 0.0, 1.0,
             QCoreApplication::translate("QuantileLoss",
                                         "Quantile the fit follows: the cost per unit of "
                                         "under-prediction, while over-prediction costs 1 - tau; "
                                         "0.5 gives the median.")}};
}

double QuantileLoss::parameterValue(int index) const
{
    assert(index == 0);
    Q_UNUSED(index);
    return m_tau;
}

void QuantileLoss::setParameterValue(int index, double value)
{
    assert(index == 0);
    Q_UNUSED(index);
    m_tau = value;
}

std::unique_ptr<Loss> QuantileLoss::clone() const
{
    return std::make_unique<QuantileLoss>(*this);
}

} // namespace losslens
