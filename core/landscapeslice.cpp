#include "landscapeslice.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <random>
#include <thread>

namespace losslens {

SlicePlane parameterPlane(const Eigen::VectorXd &theta, Eigen::Index i, Eigen::Index j)
{
    SlicePlane plane;
    plane.origin = theta;
    plane.origin[i] = 0.0;
    plane.origin[j] = 0.0;
    plane.first = Eigen::VectorXd::Unit(theta.size(), i);
    plane.second = Eigen::VectorXd::Unit(theta.size(), j);
    return plane;
}

namespace {

// Scales the weights (all but the last entry) and the intercept (the last) of direction to the
// norms of theta's weights and intercept. A group of theta whose norm is 0, or at most 1e-10 of
// theta's norm, gets norm 1 instead. Such a group is rounding noise around 0, as the weights
// near 1e-16 that training on a constant target leaves. Scaled to it, the direction would be
// the other group alone, which for the intercept is the same line for both directions.
void normalizeByGroup(Eigen::VectorXd &direction, const Eigen::VectorXd &theta)
{
    const Eigen::Index weightCount = theta.size() - 1;
    const double negligible = 1e-10 * theta.norm();
    auto scaleGroup = [negligible](auto group, double targetNorm) {
        const double norm = group.norm();
        if (norm > 0.0)
            group *= (targetNorm > negligible ? targetNorm : 1.0) / norm;
    };
    scaleGroup(direction.head(weightCount), theta.head(weightCount).norm());
    scaleGroup(direction.tail(1), std::abs(theta[weightCount]));
}

// Whether two directions are parallel to within an angle of about 1.4e-3 radians.
bool nearlyParallel(const Eigen::VectorXd &first, const Eigen::VectorXd &second)
{
    const double cosine = first.dot(second) / (first.norm() * second.norm());
    return !(std::abs(cosine) < 1.0 - 1e-6);
}

} // namespace

SlicePlane randomPlane(const Eigen::VectorXd &theta, std::uint64_t seed)
{
    // std::mt19937_64 is specified exactly by the standard. The normal distribution is
    // implementation-defined, so another standard library may give other directions for a seed.
    std::mt19937_64 generator(seed);
    std::normal_distribution<double> normal;
    SlicePlane plane;
    plane.origin = theta;
    plane.first = Eigen::VectorXd::NullaryExpr(theta.size(), [&] { return normal(generator); });
    plane.second = Eigen::VectorXd::NullaryExpr(theta.size(), [&] { return normal(generator); });
    plane.second -= plane.first * (plane.first.dot(plane.second) / plane.first.squaredNorm());
    normalizeByGroup(plane.first, theta);
    normalizeByGroup(plane.second, theta);
    // The scaling undoes the orthogonality. Should it leave the two parallel, reversing the
    // second direction's intercept makes them independent again, since both groups are nonzero.
    if (nearlyParallel(plane.first, plane.second))
        plane.second[theta.size() - 1] = -plane.second[theta.size() - 1];
    return plane;
}

std::optional<PlaneProjection> projectOntoPlane(const SlicePlane &plane,
                                                const Eigen::VectorXd &theta)
{
    if (theta.size() != plane.origin.size())
        return std::nullopt;
    const Eigen::VectorXd offset = theta - plane.origin;
    const double firstFirst = plane.first.squaredNorm();
    const double firstSecond = plane.first.dot(plane.second);
    const double secondSecond = plane.second.squaredNorm();
    const double firstOffset = plane.first.dot(offset);
    const double secondOffset = plane.second.dot(offset);
    // det = |d1|^2 |d2|^2 sin^2(angle), so comparing it with |d1|^2 |d2|^2 tests the angle
    // whatever the directions' lengths.
    const double determinant = firstFirst * secondSecond - firstSecond * firstSecond;
    if (!(determinant > 1e-12 * firstFirst * secondSecond))
        return std::nullopt;
    // Cramer's rule on the 2 x 2 system.
    PlaneProjection projection;
    projection.coordinates[0] = (secondSecond * firstOffset - firstSecond * secondOffset) /
                                determinant;
    projection.coordinates[1] = (firstFirst * secondOffset - firstSecond * firstOffset) /
                                determinant;
    projection.distance = (offset - projection.coordinates[0] * plane.first -
                           projection.coordinates[1] * plane.second)
                              .norm();
    if (!projection.coordinates.allFinite() || !std::isfinite(projection.distance))
        return std::nullopt;
    return projection;
}

namespace {

// The model's outputs are affine in (a, c): outputs(a, c) = o + a p + c q, with o, p and q the
// outputs of the origin and the directions' changes, so each point of the plane costs one pass
// over the data instead of a matrix product.
struct PlaneOutputs
{
    PlaneOutputs(const LinearModelObjective &objective, const SlicePlane &plane)
        : origin(objective.outputs(plane.origin))
    {
        const Eigen::Index weightCount = objective.parameterCount() - 1;
        along = objective.scaledFeatures() * plane.first.head(weightCount) +
                Eigen::VectorXd::Constant(origin.size(), plane.first[weightCount]);
        across = objective.scaledFeatures() * plane.second.head(weightCount) +
                 Eigen::VectorXd::Constant(origin.size(), plane.second[weightCount]);
    }

    Eigen::VectorXd origin;
    Eigen::VectorXd along;
    Eigen::VectorXd across;
};

} // namespace

std::optional<Landscape> computeSlice(const LinearModelObjective &objective,
                                      const SlicePlane &plane, const LandscapeGrid &grid,
                                      std::stop_token stop,
                                      const std::function<void(int rowsDone)> &rowsDone)
{
    Landscape landscape;
    landscape.grid = grid;
    landscape.values.resize(grid.slopeCount, grid.interceptCount);

    const PlaneOutputs planeOutputs(objective, plane);
    const Eigen::VectorXd &origin = planeOutputs.origin;
    const Eigen::VectorXd &along = planeOutputs.along;
    const Eigen::VectorXd &across = planeOutputs.across;

    const int workerCount = std::max(1u, std::min(std::thread::hardware_concurrency(), 16u));
    std::atomic_int finishedRows = 0;
    auto fillRows = [&](int first) {
        Eigen::VectorXd row(origin.size());
        Eigen::VectorXd outputs(origin.size());
        for (int i = first; i < grid.slopeCount && !stop.stop_requested(); i += workerCount) {
            const double a = grid.slopeAt(i);
            row = origin + a * along;
            for (int k = 0; k < grid.interceptCount; ++k) {
                const double c = grid.interceptAt(k);
                outputs = row + c * across;
                landscape.values(i, k) = objective.meanLossOfOutputs(outputs) +
                                         objective.penaltyValue(plane.pointAt(a, c));
            }
            const int finished = finishedRows.fetch_add(1) + 1;
            if (rowsDone)
                rowsDone(finished);
        }
    };
    const double work = double(grid.slopeCount) * grid.interceptCount * double(origin.size());
    std::vector<std::jthread> workers;
    if (work > 1e5) {
        for (int worker = 1; worker < workerCount; ++worker)
            workers.emplace_back(fillRows, worker);
    } else {
        for (int worker = 1; worker < workerCount; ++worker)
            fillRows(worker);
    }
    fillRows(0);
    workers.clear();
    if (stop.stop_requested())
        return std::nullopt;
    landscape.minimumValue = landscape.values.minCoeff();
    landscape.maximumValue = landscape.values.maxCoeff();
    return landscape;
}

std::optional<SliceMinimum> findSliceMinimum(const LinearModelObjective &objective,
                                             const SlicePlane &plane, const Landscape &landscape,
                                             std::stop_token stop)
{
    const LandscapeGrid &grid = landscape.grid;
    if (grid.slopeCount < 1 || grid.interceptCount < 1 ||
        landscape.values.rows() != grid.slopeCount || landscape.values.cols() != grid.interceptCount)
        return std::nullopt;
    int bestRow = -1, bestColumn = -1;
    double best = std::numeric_limits<double>::infinity();
    for (int i = 0; i < grid.slopeCount; ++i) {
        for (int k = 0; k < grid.interceptCount; ++k) {
            const double value = landscape.values(i, k);
            if (std::isfinite(value) && (bestRow < 0 || value < best)) {
                best = value;
                bestRow = i;
                bestColumn = k;
            }
        }
    }
    if (bestRow < 0)
        return std::nullopt;

    const Eigen::Vector2d lower(grid.slopeMinimum, grid.interceptMinimum);
    const Eigen::Vector2d upper(grid.slopeMaximum, grid.interceptMaximum);
    const Eigen::Vector2d span = upper - lower;
    // The grid's spacing, or a tenth of the span for a grid of one node per axis.
    Eigen::Vector2d step(grid.slopeCount > 1 ? span[0] / (grid.slopeCount - 1) : span[0] / 10,
                         grid.interceptCount > 1 ? span[1] / (grid.interceptCount - 1)
                                                 : span[1] / 10);
    const Eigen::Vector2d tolerance = 1e-10 * span;
    // The grid's own arithmetic, so a node's value is the one computeSlice gave.
    const PlaneOutputs planeOutputs(objective, plane);
    Eigen::VectorXd outputs(planeOutputs.origin.size());
    auto evaluate = [&](const Eigen::Vector2d &point) {
        outputs = planeOutputs.origin + point[0] * planeOutputs.along;
        outputs += point[1] * planeOutputs.across;
        const double value = objective.meanLossOfOutputs(outputs) +
                             objective.penaltyValue(plane.pointAt(point[0], point[1]));
        // NaN never wins a comparison below, and +inf loses to any finite value.
        return std::isnan(value) ? std::numeric_limits<double>::infinity() : value;
    };

    SliceMinimum minimum;
    minimum.coordinates = {grid.slopeAt(bestRow), grid.interceptAt(bestColumn)};
    // The same arithmetic as the grid's; the minimum guards against a contraction into fused
    // multiply-adds that differs between the two loops by an ulp.
    minimum.value = std::min(evaluate(minimum.coordinates), best);
    constexpr std::array<std::array<int, 2>, 8> moves = {
        {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {1, -1}, {-1, 1}, {-1, -1}}};
    bool settled = false;
    for (int iteration = 0; iteration < 3000; ++iteration) {
        if (stop.stop_requested())
            return std::nullopt;
        if (step[0] <= tolerance[0] && step[1] <= tolerance[1]) {
            settled = true;
            break;
        }
        Eigen::Vector2d bestPoint = minimum.coordinates;
        double bestValue = minimum.value;
        for (const auto &move : moves) {
            const Eigen::Vector2d point =
                (minimum.coordinates + Eigen::Vector2d(move[0] * step[0], move[1] * step[1]))
                    .cwiseMax(lower)
                    .cwiseMin(upper);
            const double value = evaluate(point);
            if (value < bestValue) {
                bestValue = value;
                bestPoint = point;
            }
        }
        if (bestValue < minimum.value) {
            minimum.coordinates = bestPoint;
            minimum.value = bestValue;
        } else {
            step *= 0.5;
        }
    }
    // Within a thousandth of a grid cell of a side counts as on it: the search stops there
    // because the clamp keeps it inside, not because the loss rises beyond.
    const Eigen::Vector2d edgeMargin(1e-3 * span[0] / std::max(grid.slopeCount - 1, 1),
                                     1e-3 * span[1] / std::max(grid.interceptCount - 1, 1));
    bool atEdge = false;
    for (int axis = 0; axis < 2; ++axis) {
        atEdge = atEdge || minimum.coordinates[axis] - lower[axis] <= edgeMargin[axis] ||
                 upper[axis] - minimum.coordinates[axis] <= edgeMargin[axis];
    }
    minimum.status = atEdge    ? SliceMinimumStatus::AtEdge
                     : settled ? SliceMinimumStatus::Settled
                               : SliceMinimumStatus::NotSettled;
    return minimum;
}

std::vector<double> lineProfile(const LinearModelObjective &objective,
                                const Eigen::VectorXd &start, const Eigen::VectorXd &end,
                                double tMinimum, double tMaximum, int count)
{
    std::vector<double> values;
    values.reserve(std::max(count, 0));
    for (int k = 0; k < count; ++k) {
        const double t =
            count == 1 ? tMinimum : tMinimum + (tMaximum - tMinimum) * k / (count - 1);
        values.push_back(objective.value((1.0 - t) * start + t * end));
    }
    return values;
}

} // namespace losslens
