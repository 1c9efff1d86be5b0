#include "mae.h"

#include <cmath>

namespace losslens {

std::unique_ptr<Loss> MeanAbsoluteError::clone() const
{
    return std::make_unique<MeanAbsoluteError>(*this);
}

} // namespace losslens
