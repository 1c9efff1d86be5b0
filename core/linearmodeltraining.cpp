#include "linearmodeltraining.h"

#include "minibatches.h"

#include "logging.h"
#include "optimizers/sgd.h"
#include "trainingrun.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <random>

namespace losslens {

namespace {

// The mini-batches of SGD for one run, drawn by the MiniBatchSampler that TrainingRun uses, so
// a line model and a linear model with the same seed see the same batches.
class MiniBatches
{
public:
    MiniBatches(Eigen::Index sampleCount, int batchSize, std::uint64_t seed)
        : m_sampleCount(sampleCount), m_batchSize(batchSize)
    {
        m_sampler.reset(seed);
    }

    const std::vector<Eigen::Index> &next()
    {
        m_batch = m_sampler.next(m_sampleCount, m_batchSize);
        return m_batch;
    }

private:
    Eigen::Index m_sampleCount;
    int m_batchSize;
    MiniBatchSampler m_sampler;
    std::vector<Eigen::Index> m_batch;
};

// Mini-batches for SGD whose batch_size is below the sample count, nothing otherwise, as in
// TrainingRun.
std::optional<MiniBatches> miniBatchesFor(const Optimizer &optimizer, Eigen::Index sampleCount)
{
    const int batchSize = miniBatchSize(optimizer);
    if (batchSize <= 0 || batchSize >= sampleCount)
        return std::nullopt;
    return MiniBatches(sampleCount, batchSize, miniBatchSeed(optimizer));
}

// Whether the update from theta to next ends the run under the test. previousUpdate is the
// update before it, zero before the first.
bool converges(LinearConvergenceTest test, const Eigen::VectorXd &theta,
               const Eigen::VectorXd &next, const Eigen::VectorXd &previousUpdate)
{
    const Eigen::VectorXd update = next - theta;
    const double moved = update.norm();
    if (moved == 0.0)
        return true;
    if (test == LinearConvergenceTest::UnchangedParameters || previousUpdate.isZero(0.0))
        return false;
    if (moved > 1e-12 * (1.0 + theta.norm()))
        return false;
    // Rounding noise at the minimum turns the update's direction at random; steady progress
    // keeps it.
    const double cosine = update.dot(previousUpdate) / (moved * previousUpdate.norm());
    return cosine <= 0.99;
}

} // namespace

std::optional<LinearTrainingPath>
trainLinearModel(const LinearModelObjective &objective, const Eigen::VectorXd &start,
                 const Optimizer &optimizer, const LearningRateSchedule &schedule,
                 const LinearTrainingSettings &settings, std::stop_token stop)
{
    LinearTrainingPath path;
    const double startLoss = objective.value(start);
    path.thetas.push_back(start);
    path.losses.push_back(startLoss);
    if (!std::isfinite(startLoss)) {
        path.status = LinearTrainingStatus::Diverged;
        path.divergedAt = 0;
        path.divergedLoss = startLoss;
        return path;
    }

    const std::unique_ptr<Optimizer> stepRule = optimizer.clone();
    stepRule->reset();
    LearningRateSchedule rates = schedule;
    rates.reset(stepRule->learningRate());
    std::optional<MiniBatches> batches = miniBatchesFor(*stepRule, objective.data().size());

    // A start loss of exactly 0 would make every later loss count as diverged, so the limit
    // uses at least 1e-300, as TrainingRun does.
    const double limit = TrainingRun::divergenceFactor * std::max(startLoss, 1e-300);
    const int stepLimit = std::max(settings.stepLimit, 0);
    path.thetas.reserve(static_cast<size_t>(stepLimit) + 1);
    path.losses.reserve(path.thetas.capacity());
    Eigen::VectorXd previousUpdate = Eigen::VectorXd::Zero(start.size());
    for (int step = 1; step <= stepLimit; ++step) {
        if (stop.stop_requested())
            return std::nullopt;
        const Eigen::VectorXd &theta = path.thetas.back();
        const Eigen::VectorXd gradient = batches
                                             ? objective.gradientOnSamples(theta, batches->next())
                                             : objective.gradient(theta);
        Eigen::VectorXd next = theta;
        stepRule->step(next, gradient, rates.current());
        rates.advance();
        const double loss =
            next.allFinite() ? objective.value(next) : std::numeric_limits<double>::infinity();
        if (!std::isfinite(loss) || loss > limit) {
            path.status = LinearTrainingStatus::Diverged;
            path.divergedAt = step;
            path.divergedLoss = loss;
            qCDebug(lcCore) << "linear model diverged at step" << step << "loss" << loss;
            return path;
        }
        const bool converged = converges(settings.convergenceTest, theta, next, previousUpdate);
        previousUpdate = next - theta;
        path.thetas.push_back(std::move(next));
        path.losses.push_back(loss);
        if (converged) {
            path.status = LinearTrainingStatus::Converged;
            return path;
        }
    }
    return path;
}

std::optional<LinearTrainingPath> trainLinearModel(const LinearModelObjective &objective,
                                                   const Eigen::VectorXd &start,
                                                   double learningRate, int stepLimit,
                                                   std::stop_token stop)
{
    StochasticGradientDescent descent(StochasticGradientDescent::Variant::GradientDescent);
    descent.setParameterValue(0, learningRate);
    LinearTrainingSettings settings;
    settings.stepLimit = stepLimit;
    settings.convergenceTest = LinearConvergenceTest::UnchangedParameters;
    std::optional<LinearTrainingPath> path =
        trainLinearModel(objective, start, descent, LearningRateSchedule(), settings, stop);
    // The converging update of gradient descent repeats the point before it, so it is dropped.
    if (path && path->status == LinearTrainingStatus::Converged) {
        path->thetas.pop_back();
        path->losses.pop_back();
    }
    return path;
}

} // namespace losslens
