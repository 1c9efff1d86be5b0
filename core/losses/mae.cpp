#include "mae.h"

#include <cmath>

namespace losslens {

LossDerivatives MeanAbsoluteError::evaluate(double input, double) const
{
    const double sign = input > 0.0 ? 1.0 : (input < 0.0 ? -1.0 : 0.0);
    return {std::abs(input), sign, 0.0};
}

std::unique_ptr<Loss> MeanAbsoluteError::clone() const
{
    return std::make_unique<MeanAbsoluteError>(*this);
}

} // namespace losslens
