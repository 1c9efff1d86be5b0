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

// The robust estimate, kept above 1e-6 of the targets' spread. The median residual falls to
// rounding level when more than half of the points lie on one line, and dividing by such a
// scale would send the loss to 1e13 and beyond. With the floor the fit still follows those
// points (rho(e / s) for a small s ranks lines as the absolute error does), and the
// alternation settles at the floor instead of chasing rounding noise.
double usableScale(const Eigen::VectorXd &residuals, double targetSpread)
{
    const double floor = 1e-6 * targetSpread;
    const double scale = medianAbsoluteDeviationScale(residuals);
    return std::isfinite(scale) ? std::max(scale, floor) : targetSpread;
}

// The targets' standard deviation, or their largest magnitude (or 1) when they are all equal.
double spreadOf(const Eigen::VectorXd &target)
{
    const Eigen::ArrayXd centred = target.array() - target.mean();
    const double largest = centred.abs().maxCoeff();
    const double spread = largest > 0.0 ? largest * std::sqrt((centred / largest).square().mean())
                                        : 0.0;
    if (spread > 0.0 && std::isfinite(spread))
        return spread;
    const double magnitude = target.cwiseAbs().maxCoeff();
    return magnitude > 0.0 && std::isfinite(magnitude) ? magnitude : 1.0;
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
    const double targetSpread = spreadOf(data.target);
    double scale = usableScale(residualsOf(leastSquares, theta), targetSpread);

    std::unique_ptr<Loss> fixed = loss.clone();
    for (estimate.iterations = 1; estimate.iterations <= 200; ++estimate.iterations) {
        fixed->setResidualScale({ResidualScale::Mode::Fixed, scale, false});
        auto fixedShared = std::shared_ptr<const Loss>(fixed->clone());
        const LineObjective objective(shared, fixedShared, scaling);
        const MinimumResult minimum = findMinimum(objective, theta);
        theta = minimum.theta;
        const double next = usableScale(residualsOf(objective, theta), targetSpread);
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
