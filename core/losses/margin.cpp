#include "margin.h"

namespace losslens {

std::unique_ptr<Loss> HingeLoss::clone() const
{
    return std::make_unique<HingeLoss>(*this);
}

std::unique_ptr<Loss> SquaredHingeLoss::clone() const
{
    return std::make_unique<SquaredHingeLoss>(*this);
}

std::unique_ptr<Loss> ModifiedHuberLoss::clone() const
{
    return std::make_unique<ModifiedHuberLoss>(*this);
}

std::unique_ptr<Loss> ExponentialLoss::clone() const
{
    return std::make_unique<ExponentialLoss>(*this);
}

std::unique_ptr<Loss> ZeroOneLoss::clone() const
{
    return std::make_unique<ZeroOneLoss>(*this);
}

} // namespace losslens
