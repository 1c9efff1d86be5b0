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
#include <utility>
#include <vector>

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

// Point of a run: theta after step updates and the mean loss there.
struct RecordedPoint
{
    int step = 0;
    Eigen::VectorXd theta;
    double loss = 0.0;
};

// Recorder of a run's points: every one, or at most pointLimit as
// LinearTrainingSettings::recordedPointLimit describes. A run may stop before its step limit,
// so a bounded recorder keeps two sets. The planned points k_i = round(i L / (K - 1)) are evenly
// spaced when the run reaches the limit L. The multiples of a stride s, which doubles whenever
// K - 1 of them are kept, stay evenly spaced and dense when it stops early. Each set has at most
// K points, so memory is O(K x parameters).
class PathRecorder
{
public:
    PathRecorder(int pointLimit, int stepLimit)
    {
        const int limit = std::max(pointLimit, 2);
        if (pointLimit <= 0 || std::int64_t(stepLimit) + 1 <= limit) {
            m_everyPoint = true;
            const std::size_t capacity = std::size_t(std::max(stepLimit, 0)) + 1;
            m_all.thetas.reserve(capacity);
            m_all.losses.reserve(capacity);
            m_all.steps.reserve(capacity);
            return;
        }
        m_stepLimit = stepLimit;
        m_intervals = limit - 1;
        m_planned.reserve(std::size_t(limit));
        m_strided.reserve(std::size_t(m_intervals));
    }

    // Records the start (step 0) and then every kept update, in order.
    void record(int step, const Eigen::VectorXd &theta, double loss)
    {
        if (m_everyPoint) {
            m_all.thetas.push_back(theta);
            m_all.losses.push_back(loss);
            m_all.steps.push_back(step);
            return;
        }
        if (step == m_nextPlannedStep) {
            m_planned.push_back({step, theta, loss});
            ++m_plannedIndex;
            // k_i = round(i L / (K - 1)) in integers, as SlicePath thins a path. The spacing
            // L / (K - 1) is above 1, so every k_i is a different step.
            m_nextPlannedStep = m_plannedIndex <= m_intervals
                                    ? (m_plannedIndex * m_stepLimit + m_intervals / 2) / m_intervals
                                    : -1;
        }
        if (step % m_stride != 0)
            return;
        if (std::int64_t(m_strided.size()) >= m_intervals) {
            // The set is 0, s, ..., (K - 2) s, and keeping the multiples of 2 s halves it.
            m_stride *= 2;
            std::erase_if(m_strided,
                          [&](const RecordedPoint &point) { return point.step % m_stride != 0; });
        }
        if (step % m_stride == 0 && std::int64_t(m_strided.size()) < m_intervals)
            m_strided.push_back({step, theta, loss});
    }

    // Moves the recorded points into path. The run ended after endStep kept updates at
    // endTheta, whose mean loss is endLoss.
    void finish(LinearTrainingPath &path, int endStep, const Eigen::VectorXd &endTheta,
                double endLoss)
    {
        if (m_everyPoint) {
            path.thetas = std::move(m_all.thetas);
            path.losses = std::move(m_all.losses);
            path.steps = std::move(m_all.steps);
            return;
        }
        const auto countWithEnd = [&](const std::vector<RecordedPoint> &points) {
            return points.size() + (points.back().step != endStep ? 1 : 0);
        };
        // On a tie the planned points win, so a run that reaches the step limit records exactly
        // SlicePath's points.
        std::vector<RecordedPoint> &kept =
            countWithEnd(m_planned) >= countWithEnd(m_strided) ? m_planned : m_strided;
        if (kept.back().step != endStep)
            kept.push_back({endStep, endTheta, endLoss});
        path.thetas.reserve(kept.size());
        path.losses.reserve(kept.size());
        path.steps.reserve(kept.size());
        for (RecordedPoint &point : kept) {
            path.thetas.push_back(std::move(point.theta));
            path.losses.push_back(point.loss);
            path.steps.push_back(point.step);
        }
        m_planned.clear();
        m_strided.clear();
    }

private:
    bool m_everyPoint = false;
    LinearTrainingPath m_all;
    std::int64_t m_stepLimit = 0;
    std::int64_t m_intervals = 1;
    std::int64_t m_plannedIndex = 0;
    std::int64_t m_nextPlannedStep = 0;
    std::vector<RecordedPoint> m_planned;
    std::int64_t m_stride = 1;
    std::vector<RecordedPoint> m_strided;
};

// Runs training for both overloads of trainLinearModel. keepUnchangedUpdate selects whether an
// update that left theta exactly unchanged, and so converged, is recorded as a point of its own.
std::optional<LinearTrainingPath>
runTraining(const LinearModelObjective &objective, const Eigen::VectorXd &start,
            const Optimizer &optimizer, const LearningRateSchedule &schedule,
            const LinearTrainingSettings &settings, bool keepUnchangedUpdate, std::stop_token stop)
{
    LinearTrainingPath path;
    const double startLoss = objective.value(start);
    if (!std::isfinite(startLoss)) {
        path.thetas.push_back(start);
        path.losses.push_back(startLoss);
        path.steps.push_back(0);
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

    const int stepLimit = std::max(settings.stepLimit, 0);
    PathRecorder recorder(settings.recordedPointLimit, stepLimit);
    Eigen::VectorXd theta = start;
    double thetaLoss = startLoss;
    int keptSteps = 0;
    recorder.record(0, theta, thetaLoss);
    Eigen::VectorXd previousUpdate = Eigen::VectorXd::Zero(start.size());
    for (int step = 1; step <= stepLimit; ++step) {
        if (stop.stop_requested())
            return std::nullopt;
        const Eigen::VectorXd gradient = batches
                                             ? objective.gradientOnSamples(theta, batches->next())
                                             : objective.gradient(theta);
        Eigen::VectorXd next = theta;
        stepRule->step(next, gradient, rates.current());
        rates.advance();
        const double loss =
            next.allFinite() ? objective.value(next) : std::numeric_limits<double>::infinity();
        if (TrainingRun::diverged(loss, startLoss)) {
            path.status = LinearTrainingStatus::Diverged;
            path.divergedAt = step;
            path.divergedLoss = loss;
            qCDebug(lcCore) << "linear model diverged at step" << step << "loss" << loss;
            break;
        }
        const bool converged = converges(settings.convergenceTest, theta, next, previousUpdate);
        Eigen::VectorXd update = next - theta;
        if (converged && !keepUnchangedUpdate && update.isZero(0.0)) {
            path.status = LinearTrainingStatus::Converged;
            break;
        }
        previousUpdate = std::move(update);
        theta = std::move(next);
        thetaLoss = loss;
        keptSteps = step;
        recorder.record(step, theta, thetaLoss);
        if (converged) {
            path.status = LinearTrainingStatus::Converged;
            break;
        }
    }
    recorder.finish(path, keptSteps, theta, thetaLoss);
    return path;
}

} // namespace

std::optional<LinearTrainingPath>
trainLinearModel(const LinearModelObjective &objective, const Eigen::VectorXd &start,
                 const Optimizer &optimizer, const LearningRateSchedule &schedule,
                 const LinearTrainingSettings &settings, std::stop_token stop)
{
    return runTraining(objective, start, optimizer, schedule, settings, true, stop);
}

std::optional<LinearTrainingPath> trainLinearModel(const LinearModelObjective &objective,
                                                   const Eigen::VectorXd &start,
                                                   double learningRate, int stepLimit,
                                                   std::stop_token stop, int recordedPointLimit)
{
    StochasticGradientDescent descent(StochasticGradientDescent::Variant::GradientDescent);
    descent.setParameterValue(0, learningRate);
    LinearTrainingSettings settings;
    settings.stepLimit = stepLimit;
    settings.convergenceTest = LinearConvergenceTest::UnchangedParameters;
    settings.recordedPointLimit = recordedPointLimit;
    // The converging update of gradient descent repeats the point before it, so it is not
    // recorded.
    return runTraining(objective, start, descent, LearningRateSchedule(), settings, false, stop);
}

} // namespace losslens
