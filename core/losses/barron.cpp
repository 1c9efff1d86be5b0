#include "barron.h"

#include <QCoreApplication>

#include <cassert>
#include <limits>

namespace losslens {

std::vector<LossParameter> BarronLoss::parameters() const
{
    // alpha = -inf is part of the family (Welsch's loss), so the range includes it, and
    // LossCatalogue::validateParameter accepts a value equal to an infinite bound.
    return {{QStringLiteral("alpha"), 1.0, -std::numeric_limits<double>::infinity(), 10.0,
             QCoreApplication::translate(
                 "BarronLoss", "Shape: 2 is L2, 1 pseudo-Huber, 0 Cauchy, -2 Geman-McClure and "
                               "-inf Welsch. Lower values give outliers less influence.")},
            {QStringLiteral("c"), 1.0, 1e-6, 1e6,
             QCoreApplication::translate("BarronLoss", "Scale: errors well below c are penalized "
                                                       "quadratically, in the target's units.")}};
}

double BarronLoss::parameterValue(int index) const
{
    assert(index == 0 || index == 1);
    return index == 0 ? m_alpha : m_scale;
}

void BarronLoss::setParameterValue(int index, double value)
{
    assert(index == 0 || index == 1);
    if (index == 0)
        m_alpha = value;
    else
        m_scale = value;
}

std::unique_ptr<Loss> BarronLoss::clone() const
{
    return std::make_unique<BarronLoss>(*this);
}

} // namespace losslens
