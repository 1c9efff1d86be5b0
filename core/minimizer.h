#pragma once

#include "lineobjective.h"

#include <Eigen/Core>
#include <QString>

#include <stop_token>

namespace losslens {

enum class MinimumStatus {
    // The minimum of a convex mean loss, found to near machine precision.
    Global,
    // The mean loss has no finite minimizer (it decreases forever along some direction).
    NotAttained,
    // The search stopped before it met its tolerance; the point is the best one found.
    Approximate,
    // The search was cancelled.
    Cancelled,
};

struct MinimumResult
{
    Eigen::Vector2d theta = Eigen::Vector2d::Zero();
    double value = 0.0;
    MinimumStatus status = MinimumStatus::Approximate;
    // A sentence for the user when the status is not Global.
    QString note;
    // False when the search stopped before its tolerance, as it does where the mean loss keeps
    // falling (a formula such as e has no minimum): then theta is only the lowest point found.
    bool settled = true;
};

// Finds the minimum of the mean loss in training coordinates, starting from initial.
// Smooth losses use Newton's method with a backtracking line search. Convex losses whose
// curvature vanishes (MAE, Huber with few inliers) fall back to a profile search, exact for
// every convex per-sample loss: bisection on the derivative gives the best intercept for each
// slope, and golden section gives the slope. Non-convex losses get a local search.
MinimumResult findMinimum(const LineObjective &objective, const Eigen::Vector2d &initial,
                          std::stop_token stop = {});

// The least-squares line in training coordinates, solved directly by Eigen.
Eigen::Vector2d leastSquaresLine(const LineObjective &objective);

} // namespace losslens
