#include "tukey.h"

#include <QCoreApplication>

#include <cassert>

namespace losslens {

std::vector<LossParameter> TukeyLoss::parameters() const
{
    return {{QStringLiteral("c"), 4.685, 1e-6, 1e6,
             QCoreApplication::translate(
                 "TukeyLoss",
                 "Errors larger than c, in the target's units, have no influence on the fit.")}};
}

double TukeyLoss::parameterValue(int index) const
{
    assert(index == 0);
    Q_UNUSED(index);
    return m_threshold;
}

void TukeyLoss::setParameterValue(int index, double value)
{
    assert(index == 0);
    Q_UNUSED(index);
    m_threshold = value;
}

std::unique_ptr<Loss> TukeyLoss::clone() const
{
    return std::make_unique<TukeyLoss>(*this);
}

} // namespace losslens
