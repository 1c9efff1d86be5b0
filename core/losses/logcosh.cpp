#include "logcosh.h"

namespace losslens {

std::unique_ptr<Loss> LogCoshLoss::clone() const
{
    return std::make_unique<LogCoshLoss>(*this);
}

} // namespace losslens
