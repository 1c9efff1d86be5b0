#include "steprule.h"

namespace losslens {

Eigen::Vector2d GradientDescent::update(const Eigen::Vector2d &gradient)
{
    return -m_learningRate * gradient;
}

std::unique_ptr<StepRule> GradientDescent::clone() const
{
    return std::make_unique<GradientDescent>(*this);
}

} // namespace losslens
