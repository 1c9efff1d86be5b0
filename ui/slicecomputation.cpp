#include "slicecomputation.h"

#include <algorithm>
#include <cmath>

namespace losslens {

Eigen::Vector2d SliceResult::throughCoordinates() const
{
    if (settings.mode == SliceMode::RandomDirections)
        return Eigen::Vector2d::Zero();
    return {throughPoint[settings.firstParameter], throughPoint[settings.secondParameter]};
}

double SliceResult::profileT(int index) const
{
    return profileMinimumT +
           (profileMaximumT - profileMinimumT) * index / double(profilePointCount - 1);
}

namespace {

// Population standard deviation, or fallback where it is 0 or not finite.
double deviationOr(const Eigen::VectorXd &values, double fallback)
{
    if (values.size() < 2)
        return fallback;
    const double mean = values.mean();
    const double deviation = std::sqrt((values.array() - mean).square().mean());
    return deviation > 0.0 && std::isfinite(deviation) ? deviation : fallback;
}

} // namespace

double parameterScale(const LinearModelObjective &objective, Eigen::Index parameter)
{
    const Eigen::VectorXd &target = objective.data().target;
    const double targetFallback = target.size() > 0 ? std::max(1.0, std::abs(target.mean())) : 1.0;
    const double span = objective.loss().kind() == LossKind::Regression
                            ? 2.0 * deviationOr(target, targetFallback)
                            : 6.0;
    const Eigen::MatrixXd &features = objective.scaledFeatures();
    const Eigen::Index weightCount = features.cols();
    if (parameter < weightCount)
        return span / deviationOr(features.col(parameter), 1.0);
    double stretch = 1.0;
    for (Eigen::Index j = 0; j < weightCount; ++j) {
        const Eigen::VectorXd column = features.col(j);
        stretch += std::abs(column.mean()) / deviationOr(column, 1.0);
    }
    return span * stretch;
}

SlicePlane slicePlane(const SliceSettings &settings, const Eigen::VectorXd &theta)
{
    if (settings.mode == SliceMode::RandomDirections)
        return randomPlane(theta, settings.seed);
    return parameterPlane(theta, settings.firstParameter, settings.secondParameter);
}

LandscapeGrid sliceGrid(const LinearModelObjective &objective, const SliceSettings &settings,
                        const Eigen::VectorXd &theta, int resolution)
{
    LandscapeGrid grid;
    grid.slopeCount = resolution;
    grid.interceptCount = resolution;
    if (settings.mode == SliceMode::RandomDirections) {
        grid.slopeMinimum = grid.interceptMinimum = -1.0;
        grid.slopeMaximum = grid.interceptMaximum = 1.0;
        return grid;
    }
    auto halfWidth = [&](int parameter) {
        return std::max(2.0 * std::abs(theta[parameter]), parameterScale(objective, parameter));
    };
    const double first = theta[settings.firstParameter];
    const double second = theta[settings.secondParameter];
    const double firstHalfWidth = halfWidth(settings.firstParameter);
    const double secondHalfWidth = halfWidth(settings.secondParameter);
    grid.slopeMinimum = first - firstHalfWidth;
    grid.slopeMaximum = first + firstHalfWidth;
    grid.interceptMinimum = second - secondHalfWidth;
    grid.interceptMaximum = second + secondHalfWidth;
    return grid;
}

bool computeSliceResults(std::shared_ptr<const LinearModelObjective> objective,
                         const SliceSettings &settings, int resolution, int coarseResolution,
                         std::optional<LinearTrainingPath> knownPath, std::stop_token stop,
                         const std::function<void(SliceResult)> &publish)
{
    if (!knownPath) {
        const Eigen::VectorXd start = Eigen::VectorXd::Zero(objective->parameterCount());
        knownPath = trainLinearModel(*objective, start, settings.learningRate,
                                     settings.stepLimit, stop);
        if (!knownPath)
            return false;
    }

    SliceResult result;
    result.objective = objective;
    result.settings = settings;
    result.path = std::move(*knownPath);
    result.throughPoint = settings.through == SliceThrough::EndOfTraining ? result.path.end()
                                                                          : result.path.start();
    result.plane = slicePlane(settings, result.throughPoint);
    result.profile = lineProfile(*objective, result.path.start(), result.path.end(),
                                 profileMinimumT, profileMaximumT, profilePointCount);
    if (stop.stop_requested())
        return false;

    if (coarseResolution < resolution) {
        const LandscapeGrid grid =
            sliceGrid(*objective, settings, result.throughPoint, coarseResolution);
        std::optional<Landscape> coarse = computeSlice(*objective, result.plane, grid, stop);
        if (!coarse)
            return false;
        SliceResult coarseResult = result;
        coarseResult.slice = std::move(*coarse);
        coarseResult.complete = false;
        publish(std::move(coarseResult));
    }
    const LandscapeGrid grid = sliceGrid(*objective, settings, result.throughPoint, resolution);
    std::optional<Landscape> slice = computeSlice(*objective, result.plane, grid, stop);
    if (!slice)
        return false;
    result.slice = std::move(*slice);
    result.complete = true;
    publish(std::move(result));
    return true;
}

std::optional<SliceResult> computeSliceResult(std::shared_ptr<const LinearModelObjective> objective,
                                              const SliceSettings &settings, int resolution,
                                              std::stop_token stop)
{
    std::optional<SliceResult> complete;
    computeSliceResults(std::move(objective), settings, resolution, resolution, std::nullopt,
                        stop, [&](SliceResult result) { complete = std::move(result); });
    return complete;
}

} // namespace losslens
