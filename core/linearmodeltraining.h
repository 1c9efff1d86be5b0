#pragma once

#include "linearmodel.h"

#include <Eigen/Core>

#include <optional>
#include <stop_token>
#include <vector>

namespace losslens {

enum class LinearTrainingStatus {
    // Every requested update was made.
    Completed,
    // An update left theta exactly unchanged, so later updates would repeat it. That update is
    // not recorded.
    Converged,
    // An update gave non-finite parameters, or a mean loss that is non-finite or above
    // divergenceFactor times the start loss.
    Diverged,
};

// The path of full-batch gradient descent on a linear model: thetas[k] after k updates and
// losses[k], the mean loss there. A diverging update is not recorded, so every recorded theta
// and loss is finite, except a start whose own loss is non-finite, which is recorded alone with
// status Diverged and divergedAt 0.
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
};

// Runs full-batch gradient descent, theta_{k+1} = theta_k - learningRate * grad L(theta_k), from
// start for at most stepLimit updates. The divergence rule is the line model's
// (TrainingRun::divergenceFactor = 1e6 times the start loss). Callers pass a finite, positive
// learning rate, a non-negative step limit and a start with parameterCount() entries. Returns
// std::nullopt when stop is requested first, which is checked before every update.
std::optional<LinearTrainingPath> trainLinearModel(const LinearModelObjective &objective,
                                                   const Eigen::VectorXd &start,
                                                   double learningRate, int stepLimit,
                                                   std::stop_token stop = {});

} // namespace losslens
