#pragma once

#include "learningrateschedule.h"
#include "linearmodel.h"
#include "optimizer.h"

#include <Eigen/Core>

#include <optional>
#include <stop_token>
#include <vector>

namespace losslens {

enum class LinearTrainingStatus {
    // Every requested update was made.
    Completed,
    // The convergence test (see LinearConvergenceTest) stopped the run.
    Converged,
    // An update gave non-finite parameters, or a mean loss that is non-finite or above
    // divergenceFactor times the start loss.
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

// The path of a training run on a linear model: thetas[k] after k updates and losses[k], the
// mean loss there. A diverging update is not recorded, so every recorded theta and loss is
// finite, except a start whose own loss is non-finite, which is recorded alone with status
// Diverged and divergedAt 0. The update that converged is recorded, as TrainingRun records it,
// except by the learning-rate overload of trainLinearModel, whose converging update left theta
// unchanged and so adds nothing.
struct LinearTrainingPath
{
    std::vector<Eigen::VectorXd> thetas;
    std::vector<double> losses;
    LinearTrainingStatus status = LinearTrainingStatus::Completed;
    // The update that diverged (1 for the first update), or -1.
    int divergedAt = -1;
    // The mean loss that the diverging update gave, possibly infinite.
    double divergedLoss = 0.0;

    const Eigen::VectorXd &start() const { return thetas.front(); }
    const Eigen::VectorXd &end() const { return thetas.back(); }
    int stepCount() const { return static_cast<int>(thetas.size()) - 1; }
    // Updates attempted: the recorded ones, plus the diverging one.
    int stepsTaken() const { return divergedAt >= 0 ? divergedAt : stepCount(); }
};

struct LinearTrainingSettings
{
    // Largest number of updates, at least 0.
    int stepLimit = 0;
    LinearConvergenceTest convergenceTest = LinearConvergenceTest::UnchangedOrRoundingNoise;
};

// Runs an optimizer with a learning rate schedule on a linear model from start, as TrainingRun
// runs one on the line model. The optimizer and schedule are copied and reset first. SGD with a
// batch_size below the sample count takes mini-batches: each epoch shuffles the samples with a
// std::mt19937_64 seeded by its seed, and the last batch of an epoch may be smaller. The other
// optimizers take the gradient of all data. Divergence is TrainingRun's rule (divergenceFactor
// = 1e6 times the start loss). Callers pass a start with parameterCount() entries. Returns
// std::nullopt when stop is requested first, which is checked before every update.
std::optional<LinearTrainingPath>
trainLinearModel(const LinearModelObjective &objective, const Eigen::VectorXd &start,
                 const Optimizer &optimizer, const LearningRateSchedule &schedule,
                 const LinearTrainingSettings &settings, std::stop_token stop = {});

// Runs full-batch gradient descent, theta_{k+1} = theta_k - learningRate * grad L(theta_k), from
// start for at most stepLimit updates, with the UnchangedParameters test. Callers pass a finite,
// positive learning rate, a non-negative step limit and a start with parameterCount() entries.
// Returns std::nullopt when stop is requested first, which is checked before every update.
std::optional<LinearTrainingPath> trainLinearModel(const LinearModelObjective &objective,
                                                   const Eigen::VectorXd &start,
                                                   double learningRate, int stepLimit,
                                                   std::stop_token stop = {});

} // namespace losslens
