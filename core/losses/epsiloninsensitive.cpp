#include "epsiloninsensitive.h"

#include <QCoreApplication>

#include <cassert>

namespace losslens {

std::vector<LossParameter> EpsilonInsensitiveLoss::parameters() const
{
    return {{QStringLiteral("epsilon"), 0.1, 0.0, 1e6,
             QCoreApplication::translate("EpsilonInsensitiveLoss",
                                         "Half-width of the tube around the target inside which "
                                         "errors cost nothing, in the target's units; 0 gives "
                                         "the absolute error.")}};
}

double EpsilonInsensitiveLoss::parameterValue(int index) const
{
    assert(index == 0);
    Q_UNUSED(index);
    return m_epsilon;
}

void EpsilonInsensitiveLoss::setParameterValue(int index, double value)
{
    assert(index == 0);
    Q_UNUSED(index);
    m_epsilon = value;
}

std::unique_ptr<Loss> EpsilonInsensitiveLoss::clone() const
{
    return std::make_unique<EpsilonInsensitiveLoss>(*this);
}

} // namespace losslens
