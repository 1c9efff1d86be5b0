#include "focal.h"

#include <QCoreApplication>

#include <cassert>

namespace losslens {

std::vector<LossParameter> FocalLoss::parameters() const
{
    return {{QStringLiteral("gamma"), 2.0, 0.0, 20.0,
             QCoreApplication::translate("FocalLoss",
                                         "Focusing exponent: larger values shrink the loss of "
                                         "well-classified samples; 0 gives weighted BCE.")},
            {QStringLiteral("alpha"), 0.25, -1.0, 1.0,
             QCoreApplication::translate("FocalLoss",
                                         "Weight of the positive class, 1 - alpha for the "
                                         "negative one; a negative value turns weighting off.")}};
}

double FocalLoss::parameterValue(int index) const
{
    assert(index == 0 || index == 1);
    return index == 0 ? m_gamma : m_alpha;
}

void FocalLoss::setParameterValue(int index, double value)
{
    assert(index == 0 || index == 1);
    if (index == 0)
        m_gamma = value;
    else
        m_alpha = value;
}

std::unique_ptr<Loss> FocalLoss::clone() const
{
    return std::make_unique<FocalLoss>(*this);
}

} // namespace losslens
