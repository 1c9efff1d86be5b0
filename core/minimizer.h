#pragma once

#include "lineobjective.h"

#include <Eigen/Core>
#include <QString>

#include <functional>
#include <stop_token>
#include <vector>

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

// Returns whether the mean loss L has no minimum because it keeps falling along one of the rays
// p(t) = point + t d, t > 0, for d in directions (each scaled to unit length; zero or
// non-finite ones are skipped). The probes at t_k = 2^(k-30) scale, k = 0, ..., 130, must never
// rise by more than rounding: L(p(t_{k+1})) <= L(p(t_k)) + r with r = 1e-12 max(|L(p(t_k))|,
// |L(p(t_{k+1}))|). A minimum along the ray, or a barrier such as Tukey's level far away above
// a local minimum, shows as such a rise. The fall then counts as endless when L reaches -inf
// or still falls by more than r at the last probe. It also counts where the values are level
// only in rounding, because the derivative along d is still negative there (exp(e) + 1 levels
// at 1). So does a level of 0 reached by underflow, with a last value above 0 below DBL_MIN
// (exp(50 e)). A point whose mean loss is exactly 0 with a zero gradient, where no probe can
// fall, is checked by the same rule from the edge behind it where the mean loss turns 0.
// A level reached with a zero gradient above underflow, as by a loss that is exactly 0 beyond a
// margin, is a minimum attained, and so is an exact 0 that the loss rises from on both sides.
// Probes stop at 2^100 scale, so a minimum farther out than that is not seen. scale should cover
// the size of the point and of the targets.
bool meanLossFallsWithoutEnd(
    const std::function<double(const Eigen::VectorXd &)> &meanLoss,
    const std::function<Eigen::VectorXd(const Eigen::VectorXd &)> &gradient,
    const Eigen::VectorXd &point, const std::vector<Eigen::VectorXd> &directions, double scale);

// The least-squares line in training coordinates, from centred sums. A feature without spread
// gives the flat line at the targets' mean.
Eigen::Vector2d leastSquaresLine(const LineObjective &objective);

} // namespace losslens
