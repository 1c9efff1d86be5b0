#include "binarycrossentropy.h"

#include <QCoreApplication>

#include <cassert>

namespace losslens {

std::vector<LossParameter> BinaryCrossEntropy::parameters() const
{
    return {
        {QStringLiteral("pos_weight"), 1.0, 1e-6, 1e6,
         QCoreApplication::translate("BinaryCrossEntropy",
                                     "Weight of the positive class's term, as PyTorch's "
                                     "pos_weight; above 1 it favours recall.")},
        {QStringLiteral("smoothing"), 0.0, 0.0, 1.0,
         QCoreApplication::translate("BinaryCrossEntropy", "Label smoothing: the target is "
                                                           "y (1 - smoothing) + smoothing / 2.")}};
}

double BinaryCrossEntropy::parameterValue(int index) const
{
    assert(index == 0 || index == 1);
    return index == 0 ? m_positiveWeight : m_smoothing;
}

void BinaryCrossEntropy::setParameterValue(int index, double value)
{
    assert(index == 0 || index == 1);
    if (index == 0)
        m_positiveWeight = value;
    else
        m_smoothing = value;
}

std::unique_ptr<Loss> BinaryCrossEntropy::clone() const
{
    return std::make_unique<BinaryCrossEntropy>(*this);
}

} // namespace losslens
