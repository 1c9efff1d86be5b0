#include "landscape.h"

#include "landscapekernel.h"
#include "losses/mse.h"
#include "vectorstate.h"
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
        return m_featureVariance * slopeError * slopeError + 2.0 * slopeError * m_residualCross +
               m_residual + 2.0 * offset * (slope * m_featureOffset - m_targetOffset) +
               offset * offset;
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

std::optional<Landscape> computeLandscape(const LineObjective &objective, const LandscapeGrid &grid,
                                          std::stop_token stop)
{
    Landscape landscape;
    landscape.grid = grid;
    landscape.values.resize(grid.slopeCount, grid.interceptCount);

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

    // Rows are interleaved over the workers so each gets a similar share of the grid.
    const int workerCount = std::max(1u, std::min(std::thread::hardware_concurrency(), 16u));
    auto fillRows = [&](int first) {
        clearUpperVectorState();
        std::vector<double> row(grid.interceptCount);
        for (int i = first; i < grid.slopeCount && !stop.stop_requested(); i += workerCount) {
            const double slope = grid.slopeAt(i);
            if (squaredError) {
                for (int j = 0; j < grid.interceptCount; ++j)
                    row[j] = squaredError->value(slope, intercepts[j]);
            } else if (!fillRowBySamples(objective, kernel.get(), slope, intercepts, row.data(),
                                         stop)) {
                return;
            }
            for (int j = 0; j < grid.interceptCount; ++j)
                landscape.values(i, j) = row[j];
        }
    };
    // Small jobs stay on the calling thread, where starting threads would cost more.
    const double work = double(grid.slopeCount) * grid.interceptCount *
                        (squaredError ? 1.0 : double(objective.data().size()));
    std::vector<std::jthread> workers;
    if (work > 1e5) {
        for (int worker = 1; worker < workerCount; ++worker)
            workers.emplace_back(fillRows, worker);
        fillRows(0);
    } else {
        for (int first = 0; first < workerCount; ++first)
            fillRows(first);
    }
    workers.clear();
    if (stop.stop_requested())
        return std::nullopt;

    landscape.minimumValue = landscape.values.minCoeff();
    landscape.maximumValue = landscape.values.maxCoeff();
    return landscape;
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
