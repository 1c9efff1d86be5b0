#pragma once

#include "learningrateschedule.h"
#include "linearmodel.h"
#include "optimizer.h"

#include <Eigen/Core>

#include <cstddef>
#include <optional>
#include <stop_token>
#include <vector>

namespace losslens {

enum class LinearTrainingStatus {
    // Every requested update was made.
    Completed,
    // The convergence test (see LinearConvergenceTest) stopped the run.
    Converged,
    // An update gave non-finite parameters, or a mean loss that TrainingRun::diverged() counts
    // as diverged.
    Diverged,
};

// When a run on a linear model counts as converged.
enum class LinearConvergenceTest {
    // An update left theta exactly unchanged, so later updates of gradient descent would repeat
    // it.
    UnchangedParameters,
    // TrainingRun's test: an update left theta unchanged, or moved it by at most
    // 1e-12 (1 + |theta|) while turning away from the previous update (cosine at most 0.99), as
    // rounding noise at the minimum does. Short updates that keep their direction are steady
    // progress, as with a tiny learning rate or along a flat valley, so the run goes on.
    UnchangedOrRoundingNoise,
};

// The path of a training run on a linear model: thetas[i] after steps[i] updates and losses[i],
// the mean loss there. An unbounded run records every update, so steps[i] = i. A run with a
// recordedPointLimit records a subset (see LinearTrainingSettings). A path built by hand may
// leave steps empty, which means that every update is recorded. A diverging update is not
// recorded, so every recorded theta and loss is finite, except a start whose own loss is
// non-finite, which is recorded alone with status Diverged and divergedAt 0. The update that
// converged is recorded, as TrainingRun records it, except by the learning-rate overload of
// trainLinearModel, whose converging update left theta unchanged and so adds nothing.
struct LinearTrainingPath
{
    std::vector<Eigen::VectorXd> thetas;
    std::vector<double> losses;
    // Update count before each recorded point, increasing from 0 to stepCount(), or empty when
    // thetas contains one point per update.
    std::vector<int> steps;
    LinearTrainingStatus status = LinearTrainingStatus::Completed;
    // The update that diverged (1 for the first update), or -1.
    int divergedAt = -1;
    // The mean loss that the diverging update gave, possibly infinite.
    double divergedLoss = 0.0;

    const Eigen::VectorXd &start() const { return thetas.front(); }
    const Eigen::VectorXd &end() const { return thetas.back(); }
    // Returns the number of updates before the recorded point at index.
    int stepAt(std::size_t index) const
    {
        return steps.empty() ? static_cast<int>(index) : steps[index];
    }
    // Returns the number of updates that the run kept, recorded or not: the step of its end.
    int stepCount() const { return stepAt(thetas.size() - 1); }
    // Updates attempted: the kept ones, plus the diverging one.
    int stepsTaken() const { return divergedAt >= 0 ? divergedAt : stepCount(); }
};

struct LinearTrainingSettings
{
    // Largest number of updates, at least 0.
    int stepLimit = 0;
    LinearConvergenceTest convergenceTest = LinearConvergenceTest::UnchangedOrRoundingNoise;
    // Largest number K of recorded points, or 0 to record every update. A limit keeps memory
    // at O(K x parameters) however long the run is. K below 2 counts as 2.
    // The start and the end (the last kept update) are recorded exactly, and the path keeps the
    // status, the divergence and the step count of the whole run. A run of n updates with
    // n + 1 <= K records every point. A longer run that reaches stepLimit L records the points
    // after k_i = round(i L / (K - 1)) updates for i = 0 .. K - 1, the points that SlicePath
    // keeps of an unbounded run. A run that converges or diverges after n < L updates records
    // the denser of two evenly spaced sets, plus its end: the k_i up to n, or every s-th
    // update, for s the least power of two with floor(n / s) + 1 <= K - 1.
    int recordedPointLimit = 0;
};

// Runs an optimizer with a learning rate schedule on a linear model from start, as TrainingRun
// runs one on the line model. The optimizer and schedule are copied and reset first. SGD with a
// batch_size below the sample count takes mini-batches: each epoch shuffles the samples with a
// std::mt19937_64 seeded by its seed, and the last batch of an epoch may be smaller. The other
// optimizers take the gradient of all data. Divergence is TrainingRun's rule
// (TrainingRun::diverged). Callers pass a start with parameterCount() entries. Returns
// std::nullopt when stop is requested first, which is checked before every update.
std::optional<LinearTrainingPath>
trainLinearModel(const LinearModelObjective &objective, const Eigen::VectorXd &start,
                 const Optimizer &optimizer, const LearningRateSchedule &schedule,
                 const LinearTrainingSettings &settings, std::stop_token stop = {});

// Runs full-batch gradient descent, theta_{k+1} = theta_k - learningRate * grad L(theta_k), from
// start for at most stepLimit updates, with the UnchangedParameters test. Callers pass a finite,
// positive learning rate, a non-negative step limit and a start with parameterCount() entries.
// recordedPointLimit bounds the recorded points as LinearTrainingSettings describes, and 0
// records every update. Returns std::nullopt when stop is requested first, which is checked before
// every update.
std::optional<LinearTrainingPath> trainLinearModel(const LinearModelObjective &objective,
                                                   const Eigen::VectorXd &start,
                                                   double learningRate, int stepLimit,
                                                   std::stop_token stop = {},
                                                   int recordedPointLimit = 0);

} // namespace losslens
