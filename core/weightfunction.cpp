#include "weightfunction.h"

#include "residualscale.h"
#include "vectorstate.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace losslens {

namespace {

// Mean of psi(r) / r and psi(-r) / (-r), so an asymmetric loss (the quantile loss) is measured
// against both of its sides.
double meanWeightAt(const Loss &loss, double residual)
{
    const double above = loss.evaluate(residual, 0.0).first / residual;
    const double below = loss.evaluate(-residual, 0.0).first / -residual;
    return 0.5 * (above + below);
}

} // namespace

WeightFunction::WeightFunction(const Loss &loss, double referenceResidual) : m_loss(loss)
{
    const double curvature = loss.evaluate(0.0, 0.0).second;
    if (curvature > 0.0 && std::isfinite(curvature)) {
        m_divisor = curvature;
        return;
    }
    m_normalization = Normalization::ReferenceResidual;
    // Doubling reaches past an epsilon-insensitive tube of any width within about 2,000 steps,
    // since the residual starts at 1e-300 or more and doubles up to the largest double.
    double residual = std::max(referenceResidual, 1e-300);
    m_divisor = 0.0;
    for (int doubling = 0; doubling < 2100 && std::isfinite(residual); ++doubling) {
        const double mean = meanWeightAt(loss, residual);
        if (mean > 0.0 && std::isfinite(mean)) {
            m_divisor = mean;
            m_referenceResidual = residual;
            return;
        }
        residual *= 2.0;
    }
}

double WeightFunction::weight(double error) const
{
    if (m_normalization == Normalization::ZeroErrorCurvature) {
        if (error == 0.0)
            return 1.0;
        return m_loss.evaluate(error, 0.0).first / (error * m_divisor);
    }
    // A loss that never responds with a positive weight (a formula loss that falls away from 0)
    // gives no point any weight.
    if (m_divisor <= 0.0)
        return 0.0;
    // At e = 0 the weight is its limit, taken at the smallest normal double: 1 for a kink such
    // as MAE's, where psi(e) / e grows without bound, and 0 inside an epsilon tube.
    const double ratio = error == 0.0
                             ? meanWeightAt(m_loss, std::numeric_limits<double>::min()) / m_divisor
                             : m_loss.evaluate(error, 0.0).first / (error * m_divisor);
    return std::isnan(ratio) ? 0.0 : std::clamp(ratio, 0.0, 1.0);
}

Eigen::VectorXd WeightFunction::weights(const Eigen::VectorXd &errors) const
{
    // One derivative per error, through libm (see vectorstate.h).
    clearUpperVectorState();
    Eigen::VectorXd result(errors.size());
    for (Eigen::Index i = 0; i < errors.size(); ++i)
        result[i] = weight(errors[i]);
    return result;
}

double weightReferenceResidual(const Eigen::VectorXd &errors, const Eigen::VectorXd &targets)
{
    const double scale = medianAbsoluteDeviationScale(errors);
    if (scale > 0.0 && std::isfinite(scale))
        return scale;
    if (targets.size() > 1) {
        const double deviation =
            std::sqrt((targets.array() - targets.mean()).square().sum() / double(targets.size()));
        if (deviation > 0.0 && std::isfinite(deviation))
            return deviation;
    }
    return 1.0;
}

} // namespace losslens
