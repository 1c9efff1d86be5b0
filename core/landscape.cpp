#include "landscape.h"

#include "minimizer.h"

#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

namespace losslens {

double LandscapeGrid::slopeAt(int i) const
{
    if (i == slopeCount - 1)
        return slopeMaximum;
    return slopeMinimum + (slopeMaximum - slopeMinimum) * i / (slopeCount - 1);
}

double LandscapeGrid::interceptAt(int j) const
{
    if (j == interceptCount - 1)
        return interceptMaximum;
    return interceptMinimum + (interceptMaximum - interceptMinimum) * j / (interceptCount - 1);
}

bool LandscapeGrid::isValid() const
{
    return slopeCount >= 2 && interceptCount >= 2 && std::isfinite(slopeMinimum) &&
           std::isfinite(slopeMaximum) && std::isfinite(interceptMinimum) &&
           std::isfinite(interceptMaximum) && slopeMinimum < slopeMaximum &&
           interceptMinimum < interceptMaximum;
}

std::optional<Landscape> computeLandscape(const LineObjective &objective, const LandscapeGrid &grid,
                                          std::stop_token stop)
{
    Landscape landscape;
    landscape.grid = grid;
    landscape.values.resize(grid.slopeCount, grid.interceptCount);

    // Rows are interleaved over the workers so each gets a similar share of the grid.
    const int workerCount = std::max(1u, std::min(std::thread::hardware_concurrency(), 16u));
    auto fillRows = [&](int first) {
        for (int i = first; i < grid.slopeCount && !stop.stop_requested(); i += workerCount) {
            const double slope = grid.slopeAt(i);
            for (int j = 0; j < grid.interceptCount; ++j)
                landscape.values(i, j) = objective.value({slope, grid.interceptAt(j)});
        }
    };
    std::vector<std::jthread> workers;
    for (int worker = 1; worker < workerCount; ++worker)
        workers.emplace_back(fillRows, worker);
    fillRows(0);
    workers.clear();
    if (stop.stop_requested())
        return std::nullopt;

    landscape.minimumValue = landscape.values.minCoeff();
    landscape.maximumValue = landscape.values.maxCoeff();
    return landscape;
}

LandscapeGrid automaticGrid(const LineObjective &objective, const Eigen::Vector2d &start,
                            int resolution)
{
    const Dataset &data = objective.data();
    Eigen::Vector2d centre = start;
    double targetDeviation = 1.0;
    double featureDeviation = 1.0;
    double featureMean = 0.0;
    if (data.size() >= 2) {
        const Eigen::VectorXd &x = objective.scaledFeature();
        featureMean = x.mean();
        featureDeviation = std::sqrt((x.array() - featureMean).square().mean());
        if (!(featureDeviation > 0.0))
            featureDeviation = 1.0;
        const double mean = data.target.mean();
        targetDeviation = std::sqrt((data.target.array() - mean).square().mean());
        if (!(targetDeviation > 0.0))
            targetDeviation = std::max(1.0, std::abs(mean));
        if (objective.loss().kind() == LossKind::Regression)
            centre = leastSquaresLine(objective);
        else
            centre = Eigen::Vector2d::Zero();
    }
    // For classification losses logits of a few units already mean near-certain predictions.
    const double span =
        objective.loss().kind() == LossKind::Regression ? 2.0 * targetDeviation : 6.0;
    double slopeRadius = span / featureDeviation;
    double interceptRadius = span * (1.0 + std::abs(featureMean) / featureDeviation);

    LandscapeGrid grid;
    grid.slopeMinimum = std::min(centre[0] - slopeRadius, start[0] - 0.1 * slopeRadius);
    grid.slopeMaximum = std::max(centre[0] + slopeRadius, start[0] + 0.1 * slopeRadius);
    grid.interceptMinimum = std::min(centre[1] - interceptRadius, start[1] - 0.1 * interceptRadius);
    grid.interceptMaximum = std::max(centre[1] + interceptRadius, start[1] + 0.1 * interceptRadius);
    grid.slopeCount = resolution;
    grid.interceptCount = resolution;
    return grid;
}

} // namespace losslens
