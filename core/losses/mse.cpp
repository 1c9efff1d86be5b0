#include "mse.h"

namespace losslens {

std::unique_ptr<Loss> MeanSquaredError::clone() const
{
    return std::make_unique<MeanSquaredError>(*this);
}

} // namespace losslens
