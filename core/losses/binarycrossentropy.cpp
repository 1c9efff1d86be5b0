#include "binarycrossentropy.h"

#include <cmath>

namespace losslens {

LossDerivatives BinaryCrossEntropy::evaluate(double input, double label) const
{
    // exp(-|z|) lies in (0, 1], so neither log1p nor the sigmoid below can overflow.
    const double decay = std::exp(-std::abs(input));
    const double value = std::max(input, 0.0) - input * label + std::log1p(decay);
    // s(z) from the same decay term: 1 / (1 + e^-z) for z >= 0, e^z / (1 + e^z) for z < 0.
    const double sigmoid = input >= 0.0 ? 1.0 / (1.0 + decay) : decay / (1.0 + decay);
    const double complement = input >= 0.0 ? decay / (1.0 + decay) : 1.0 / (1.0 + decay);
    // s - y written as (1 - y) s - y (1 - s) keeps full relative precision for y in {0, 1},
    // where s - 1 would round to 0 for large z.
    const double first = (1.0 - label) * sigmoid - label * complement;
    // s (1 - s) = decay / (1 + decay)^2 for either sign, without cancellation in 1 - s.
    const double curvature = decay / ((1.0 + decay) * (1.0 + decay));
    return {value, first, curvature};
}

std::unique_ptr<Loss> BinaryCrossEntropy::clone() const
{
    return std::make_unique<BinaryCrossEntropy>(*this);
}

} // namespace losslens
