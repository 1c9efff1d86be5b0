#include "residualscale.h"

#include "lineobjective.h"
#include "logging.h"
#include "losses/mse.h"
#include "minimizer.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace losslens {

double medianAbsoluteDeviationScale(const Eigen::VectorXd &residuals)
{
    if (residuals.size() == 0)
        return 0.0;
    std::vector<double> magnitudes(residuals.size());
    for (Eigen::Index i = 0; i < residuals.size(); ++i)
        magnitudes[i] = std::abs(residuals[i]);
    // The median of an even count is the mean of the two middle values, as numpy's median.
    const std::size_t middle = magnitudes.size() / 2;
    std::nth_element(magnitudes.begin(), magnitudes.begin() + middle, magnitudes.end());
    double median = magnitudes[middle];
    if (magnitudes.size() % 2 == 0) {
        const double lower = *std::max_element(magnitudes.begin(), magnitudes.begin() + middle);
        median = 0.5 * lower + 0.5 * median;
    }
    return median / normalQuartile;
}

namespace {

Eigen::VectorXd residualsOf(const LineObjective &objective, const Eigen::Vector2d &theta)
{
    const Eigen::VectorXd &x = objective.scaledFeature();
    return ((theta[0] * x.array() + theta[1]) - objective.data().target.array()).matrix();
}

// A scale that every loss can work with: the robust estimate, else the root mean square of the
// residuals, else 1 for a perfect fit.
double usableScale(const Eigen::VectorXd &residuals)
{
    double scale = medianAbsoluteDeviationScale(residuals);
    if (scale > 0.0 && std::isfinite(scale))
        return scale;
    scale = residuals.size() > 0 ? std::sqrt(residuals.squaredNorm() / residuals.size()) : 0.0;
    return scale > 0.0 && std::isfinite(scale) ? scale : 1.0;
}

} // namespace

ResidualScaleEstimate estimateResidualScale(const Dataset &data, const Loss &loss)
{
    ResidualScaleEstimate estimate;
    if (data.size() < 2)
        return estimate;
    auto shared = std::make_shared<const Dataset>(data);
    const FeatureScaling scaling = FeatureScaling::standardizing(data.feature);
    const LineObjective leastSquares(shared, std::make_shared<MeanSquaredError>(), scaling);
    Eigen::Vector2d theta = leastSquaresLine(leastSquares);
    double scale = usableScale(residualsOf(leastSquares, theta));

    std::unique_ptr<Loss> fixed = loss.clone();
    for (estimate.iterations = 1; estimate.iterations <= 200; ++estimate.iterations) {
        fixed->setResidualScale({ResidualScale::Mode::Fixed, scale, false});
        auto fixedShared = std::shared_ptr<const Loss>(fixed->clone());
        const LineObjective objective(shared, fixedShared, scaling);
        const MinimumResult minimum = findMinimum(objective, theta);
        theta = minimum.theta;
        const double next = usableScale(residualsOf(objective, theta));
        const bool settled = std::abs(next - scale) <= 1e-12 * scale;
        scale = next;
        if (settled) {
            estimate.converged = true;
            break;
        }
    }
    if (!estimate.converged) {
        qCWarning(lcCore) << "the residual scale of" << loss.spec()
                          << "did not settle; using the last estimate" << scale;
    }
    estimate.scale = scale;
    return estimate;
}

} // namespace losslens
