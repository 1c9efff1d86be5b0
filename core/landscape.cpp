#include "landscape.h"

#include "landscapekernel.h"
#include "losses/mse.h"
#include "vectorstate.h"
#include "minimizer.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <limits>
#include <random>
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

namespace {

// The mean squared error of a line follows from a few sums over the data, whatever its size.
// With dx = x - mean(x), dy = y - mean(y), beta = Sxy / Sxx and c = w mean(x) + b - mean(y),
//   L(w, b) = Sxx (w - beta)^2 + 2 (w - beta) P + R + 2 c (w Mdx - Mdy) + c^2,
// where R = mean((dy - beta dx)^2), P = mean(dx (beta dx - dy)), and Mdx, Mdy are the rounded
// means of dx and dy (zero in exact arithmetic). Centring first keeps the sums exact for data
// far from the origin, and every large term is a square, so no cancellation occurs.
class SquaredErrorSums
{
public:
    explicit SquaredErrorSums(const LineObjective &objective)
    {
        const Eigen::ArrayXd x = objective.scaledFeature().array();
        const Eigen::ArrayXd y = objective.data().target.array();
        m_featureMean = x.mean();
        m_targetMean = y.mean();
        const Eigen::ArrayXd dx = x - m_featureMean;
        const Eigen::ArrayXd dy = y - m_targetMean;
        m_featureOffset = dx.mean();
        m_targetOffset = dy.mean();
        m_featureVariance = dx.square().mean();
        m_beta = m_featureVariance > 0.0 ? (dx * dy).mean() / m_featureVariance : 0.0;
        const Eigen::ArrayXd residual = dy - m_beta * dx;
        m_residual = residual.square().mean();
        m_residualCross = -(dx * residual).mean();
    }

    double value(double slope, double intercept) const
    {
        const double slopeError = slope - m_beta;
        const double offset = exactOffset(slope, intercept);
        const double value = m_featureVariance * slopeError * slopeError +
                             2.0 * slopeError * m_residualCross + m_residual +
                             2.0 * offset * (slope * m_featureOffset - m_targetOffset) +
                             offset * offset;
        // Far from the data's line the squares overflow, and an overflowed square meeting a
        // cross term of the other sign gives inf - inf. The mean of squares is then beyond the
        // largest double, so the result is +inf, as the plain loop returns.
        return std::isnan(value) ? std::numeric_limits<double>::infinity() : value;
    }

private:
    // c = w mean(x) + b - mean(y) to within a rounding of c itself. For data far from the
    // origin the terms are large and nearly cancel, so the product is split exactly with fma
    // and the sum is compensated (Neumaier).
    double exactOffset(double slope, double intercept) const
    {
        const double product = slope * m_featureMean;
        const double productError = std::fma(slope, m_featureMean, -product);
        double sum = product;
        double compensation = productError;
        for (const double term : {intercept, -m_targetMean}) {
            const double next = sum + term;
            compensation +=
                std::abs(sum) >= std::abs(term) ? (sum - next) + term : (term - next) + sum;
            sum = next;
        }
        return sum + compensation;
    }

    double m_featureMean = 0.0;
    double m_targetMean = 0.0;
    double m_featureOffset = 0.0;
    double m_targetOffset = 0.0;
    double m_featureVariance = 0.0;
    double m_beta = 0.0;
    double m_residual = 0.0;
    double m_residualCross = 0.0;
};

// Samples per block of the per-sample loop. The 1024 features and targets of a block take
// 16 KiB, so they stay in the level-1 data cache while every intercept of a row passes over
// them. Large data is then read from memory once per row rather than once per node.
constexpr Eigen::Index samplesPerBlock = 1024;

// Fills values[j] with the mean loss at (slope, intercepts[j]) for every j, block by block:
// each block of the data is summed for every intercept before the next block is read. A
// node's sum is then the sum of its block sums in block order. That differs from one plain
// loop over the data only by rounding, and its error bound is smaller. Returns false when stop
// is requested, which is checked once per block.
// With a vectorized kernel the row goes to it instead.
bool fillRowBySamples(const LineObjective &objective, const LandscapeKernel *kernel, double slope,
                      const std::vector<double> &intercepts, double *values, std::stop_token stop)
{
    const Loss &loss = objective.loss();
    const double *feature = objective.scaledFeature().data();
    const double *target = objective.data().target.data();
    const Eigen::Index count = objective.scaledFeature().size();
    const size_t interceptCount = intercepts.size();
    std::fill(values, values + interceptCount, 0.0);
    if (kernel && !kernel->addRow(slope, intercepts, values, stop))
        return false;
    for (Eigen::Index first = 0; !kernel && first < count; first += samplesPerBlock) {
        if (stop.stop_requested())
            return false;
        const Eigen::Index blockCount = std::min(samplesPerBlock, count - first);
        for (size_t j = 0; j < interceptCount; ++j) {
            values[j] +=
                loss.sumForLine(feature + first, target + first, blockCount, slope, intercepts[j]);
        }
    }
    // The same mean and penalty as LineObjective::value().
    const double penalty = objective.penaltyValue(slope);
    for (size_t j = 0; j < interceptCount; ++j)
        values[j] = values[j] / static_cast<double>(count) + penalty;
    return true;
}

} // namespace

namespace {

// Ratio of the node spacings of `coarse` and `fine` along one axis: 2^k when the coarse nodes
// are every 2^k-th fine node, else 0.
int nestingStep(int coarseCount, int fineCount)
{
    if (coarseCount < 2 || fineCount < coarseCount || (fineCount - 1) % (coarseCount - 1) != 0)
        return 0;
    const int step = (fineCount - 1) / (coarseCount - 1);
    return std::has_single_bit(static_cast<unsigned>(step)) ? step : 0;
}

// Fills the landscape of `grid`, taking the nodes of `coarser` (nested in grid) from it when it
// is given. Rows go to the workers from a shared counter, because rows that contain coarse
// nodes need fewer evaluations than the others.
std::optional<Landscape> fillLandscape(const LineObjective &objective, const LandscapeGrid &grid,
                                       const Landscape *coarser, std::stop_token stop)
{
    Landscape landscape;
    landscape.grid = grid;
    landscape.values.resize(grid.slopeCount, grid.interceptCount);
    const int rowStep =
        coarser ? nestingStep(coarser->grid.slopeCount, grid.slopeCount) : 0;
    const int columnStep =
        coarser ? nestingStep(coarser->grid.interceptCount, grid.interceptCount) : 0;

    std::optional<SquaredErrorSums> squaredError;
    if (dynamic_cast<const MeanSquaredError *>(&objective.loss()) && objective.data().size() > 0)
        squaredError.emplace(objective);

    std::unique_ptr<LandscapeKernel> kernel;
    if (!squaredError && objective.data().size() > 0)
        kernel = LandscapeKernel::create(objective.loss(), objective.scaledFeature(),
                                         objective.data().target);

    std::vector<double> intercepts(grid.interceptCount);
    for (int j = 0; j < grid.interceptCount; ++j)
        intercepts[j] = grid.interceptAt(j);
    // The intercepts of a row through coarse nodes that the coarse grid does not have.
    std::vector<double> newIntercepts;
    std::vector<int> newColumns;
    for (int j = 0; coarser && j < grid.interceptCount; ++j) {
        if (j % columnStep != 0) {
            newIntercepts.push_back(intercepts[j]);
            newColumns.push_back(j);
        }
    }

    std::atomic<int> nextRow = 0;
    auto fillRows = [&] {
        clearUpperVectorState();
        std::vector<double> row(grid.interceptCount);
        for (int i = nextRow++; i < grid.slopeCount && !stop.stop_requested(); i = nextRow++) {
            const double slope = grid.slopeAt(i);
            const bool knownRow = coarser && i % rowStep == 0;
            const std::vector<double> &rowIntercepts = knownRow ? newIntercepts : intercepts;
            if (squaredError) {
                for (size_t j = 0; j < rowIntercepts.size(); ++j)
                    row[j] = squaredError->value(slope, rowIntercepts[j]);
            } else if (!fillRowBySamples(objective, kernel.get(), slope, rowIntercepts, row.data(),
                                         stop)) {
                return;
            }
            if (knownRow) {
                for (int j = 0; j < grid.interceptCount; j += columnStep)
                    landscape.values(i, j) = coarser->values(i / rowStep, j / columnStep);
                for (size_t k = 0; k < newColumns.size(); ++k)
                    landscape.values(i, newColumns[k]) = row[k];
            } else {
                for (int j = 0; j < grid.interceptCount; ++j)
                    landscape.values(i, j) = row[j];
            }
        }
    };
    // Small jobs stay on the calling thread, where starting threads would cost more.
    const double nodes = double(grid.slopeCount) * grid.interceptCount -
                         (coarser ? double(coarser->values.size()) : 0.0);
    const double work = nodes * (squaredError ? 1.0 : double(objective.data().size()));
    const int workerCount = std::max(1u, std::min(std::thread::hardware_concurrency(), 16u));
    std::vector<std::jthread> workers;
    if (work > 1e5) {
        for (int worker = 1; worker < workerCount; ++worker)
            workers.emplace_back(fillRows);
    }
    fillRows();
    workers.clear();
    if (stop.stop_requested())
        return std::nullopt;

    landscape.minimumValue = landscape.values.minCoeff();
    landscape.maximumValue = landscape.values.maxCoeff();
    return landscape;
}

} // namespace

std::optional<Landscape> computeLandscape(const LineObjective &objective, const LandscapeGrid &grid,
                                          std::stop_token stop)
{
    return fillLandscape(objective, grid, nullptr, stop);
}

bool isNestedGrid(const LandscapeGrid &coarse, const LandscapeGrid &fine)
{
    return coarse.slopeMinimum == fine.slopeMinimum && coarse.slopeMaximum == fine.slopeMaximum &&
           coarse.interceptMinimum == fine.interceptMinimum &&
           coarse.interceptMaximum == fine.interceptMaximum &&
           nestingStep(coarse.slopeCount, fine.slopeCount) > 0 &&
           nestingStep(coarse.interceptCount, fine.interceptCount) > 0;
}

std::optional<Landscape> refineLandscape(const LineObjective &objective, const Landscape &coarser,
                                         const LandscapeGrid &grid, std::stop_token stop)
{
    if (!isNestedGrid(coarser.grid, grid) || coarser.values.rows() != coarser.grid.slopeCount ||
        coarser.values.cols() != coarser.grid.interceptCount)
        return fillLandscape(objective, grid, nullptr, stop);
    return fillLandscape(objective, grid, &coarser, stop);
}

std::vector<LandscapeGrid> nestedGrids(const LandscapeGrid &grid, int minimumCount)
{
    std::vector<LandscapeGrid> grids;
    LandscapeGrid coarser = grid;
    while ((coarser.slopeCount - 1) % 2 == 0 && (coarser.interceptCount - 1) % 2 == 0 &&
           (coarser.slopeCount - 1) / 2 + 1 >= minimumCount &&
           (coarser.interceptCount - 1) / 2 + 1 >= minimumCount) {
        coarser.slopeCount = (coarser.slopeCount - 1) / 2 + 1;
        coarser.interceptCount = (coarser.interceptCount - 1) / 2 + 1;
        grids.insert(grids.begin(), coarser);
    }
    return grids;
}

std::optional<LandscapeGrid> firstPassGrid(const LandscapeGrid &grid, double secondsPerNode,
                                           double seconds, int smallestCount, int largestCount)
{
    std::optional<LandscapeGrid> chosen;
    for (const LandscapeGrid &candidate : nestedGrids(grid, smallestCount)) {
        if (candidate.slopeCount > largestCount || candidate.interceptCount > largestCount)
            break;
        const double nodes = double(candidate.slopeCount) * candidate.interceptCount;
        if (chosen && !(secondsPerNode * nodes <= seconds))
            break;
        chosen = candidate;
    }
    return chosen;
}

std::optional<Landscape> computeLandscapeInDataUnits(const LineObjective &objective,
                                                     const LandscapeGrid &grid,
                                                     std::stop_token stop)
{
    // The objective's training weight is w' = s w, and its penalty P(penaltyFactor w').
    const double penaltyFactor = objective.penaltyFactor() * objective.scaling().scale;
    // sharedLoss() carries a residual scale already estimated from the data, so the copy does
    // not estimate it again.
    const LineObjective raw(objective.sharedData(), objective.sharedLoss(),
                            FeatureScaling::identity(), penaltyFactor);
    return computeLandscape(raw, grid, stop);
}

namespace {

// Returns the median of values, which it reorders.
double medianOf(std::vector<double> &values)
{
    const auto middle = values.begin() + std::ptrdiff_t(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

// Returns the Theil-Sen line w x + b through (x, y): w is the median of the slopes between pairs
// of points with different x, and b the median of y - w x. Unlike least squares, and unlike
// least absolute deviations where the outliers sit at one end of x, it follows the other points
// while fewer than about 29% are outliers (the median of the pairs' slopes is one of theirs).
// Beyond maximumPairs pairs, a fixed pseudo-random sample of them keeps the cost linear and the
// result the same from call to call. Returns a non-finite line where every x is the same.
Eigen::Vector2d theilSenLine(const Eigen::VectorXd &x, const Eigen::VectorXd &y)
{
    constexpr std::size_t maximumPairs = 40000;
    const Eigen::Index count = x.size();
    std::vector<double> slopes;
    const auto addSlope = [&](Eigen::Index i, Eigen::Index j) {
        const double run = x[j] - x[i];
        if (run != 0.0) {
            const double slope = (y[j] - y[i]) / run;
            if (std::isfinite(slope))
                slopes.push_back(slope);
        }
    };
    const double pairCount = 0.5 * double(count) * double(count - 1);
    if (pairCount <= double(maximumPairs)) {
        for (Eigen::Index i = 0; i < count; ++i) {
            for (Eigen::Index j = i + 1; j < count; ++j)
                addSlope(i, j);
        }
    } else {
        std::mt19937_64 generator(20181203);
        std::uniform_int_distribution<Eigen::Index> pick(0, count - 1);
        for (std::size_t k = 0; k < maximumPairs; ++k)
            addSlope(pick(generator), pick(generator));
    }
    if (slopes.empty())
        return Eigen::Vector2d::Constant(std::numeric_limits<double>::quiet_NaN());
    const double slope = medianOf(slopes);
    std::vector<double> intercepts(static_cast<std::size_t>(count));
    for (Eigen::Index i = 0; i < count; ++i)
        intercepts[std::size_t(i)] = y[i] - slope * x[i];
    const double intercept = medianOf(intercepts);
    return Eigen::Vector2d(slope, intercept);
}

// Returns the median of |values|.
double medianMagnitude(const Eigen::ArrayXd &values)
{
    std::vector<double> magnitudes(static_cast<std::size_t>(values.size()));
    for (Eigen::Index i = 0; i < values.size(); ++i)
        magnitudes[std::size_t(i)] = std::abs(values[i]);
    return medianOf(magnitudes);
}

} // namespace

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
        // A loss that is not convex, such as Tukey's, is level far from the points it fits.
        // Where outliers pull the least-squares line away and inflate the target's spread,
        // its valley would be a speck in a view sized from them. The view then centres on the
        // Theil-Sen line and takes the target's spread without the outliers:
        // the line's own spread w s_x and 1.4826 times the median absolute residual, which
        // estimates the inliers' standard deviation for normal noise. Without outliers that
        // median is close to the least-squares residuals' spread, and nothing changes.
        if (objective.loss().kind() == LossKind::Regression && !objective.loss().isConvex() &&
            centre.allFinite()) {
            const Eigen::ArrayXd leastSquaresResidual =
                data.target.array() - (centre[0] * x.array() + centre[1]);
            const double residualDeviation =
                std::sqrt(leastSquaresResidual.square().mean());
            const Eigen::Vector2d robust = theilSenLine(x, data.target);
            const double robustDeviation =
                1.4826 * medianMagnitude(data.target.array() - (robust[0] * x.array() + robust[1]));
            // A loss whose scale is large next to the outliers' distance, such as Cauchy with
            // c = 20, has its minimum near the least-squares line instead, so the view moves
            // only where the loss is lower on the robust line.
            if (robust.allFinite() && robustDeviation > 0.0 &&
                robustDeviation < 0.5 * residualDeviation &&
                objective.value(robust) < objective.value(centre)) {
                centre = robust;
                targetDeviation = std::hypot(robust[0] * featureDeviation, robustDeviation);
            }
        }
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

LandscapeGrid automaticGridInDataUnits(const LineObjective &objective, const LineParameters &start,
                                       int resolution)
{
    const LandscapeGrid training =
        automaticGrid(objective, objective.fromDataUnits(start), resolution);
    LandscapeGrid grid = training;
    bool first = true;
    for (const double slope : {training.slopeMinimum, training.slopeMaximum}) {
        for (const double intercept : {training.interceptMinimum, training.interceptMaximum}) {
            const LineParameters corner = objective.toDataUnits({slope, intercept});
            if (first) {
                grid.slopeMinimum = grid.slopeMaximum = corner.slope;
                grid.interceptMinimum = grid.interceptMaximum = corner.intercept;
                first = false;
                continue;
            }
            grid.slopeMinimum = std::min(grid.slopeMinimum, corner.slope);
            grid.slopeMaximum = std::max(grid.slopeMaximum, corner.slope);
            grid.interceptMinimum = std::min(grid.interceptMinimum, corner.intercept);
            grid.interceptMaximum = std::max(grid.interceptMaximum, corner.intercept);
        }
    }
    return grid;
}

} // namespace losslens
