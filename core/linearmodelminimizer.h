#pragma once

#include "linearmodel.h"

#include <Eigen/Core>
#include <QString>

#include <stop_token>

namespace losslens {

enum class LinearMinimumStatus {
    // A stationary point of a convex mean loss, so its global minimum, found to near machine
    // precision.
    Global,
    // A stationary point of a non-convex mean loss: a local minimum, and a lower one may exist.
    Local,
    // The search found no minimum, and note contains the reason.
    Failed,
    // The search was cancelled.
    Cancelled,
};

struct LinearMinimumResult
{
    // In the objective's own training coordinates, like its start.
    Eigen::VectorXd theta;
    double value = 0.0;
    LinearMinimumStatus status = LinearMinimumStatus::Failed;
    // A sentence for the user when the status is Failed.
    QString note;
};

// Finds the minimum of a linear model's mean loss by Newton's method with a backtracking
// (Armijo) line search, in at most 200 iterations. A convex regression loss starts from the
// least-squares fit when its mean loss is lower there than at start; other losses start from
// start. Where the Hessian is not clearly positive definite (smallest LDL^T pivot at most
// 1e-12 times the trace) the step solves (H + |g| I) d = -g instead. The search converges only
// where the Hessian is positive definite and the Newton step is at most 1e-13 (1 + |theta|),
// or where the gradient is exactly 0. It fails for a loss without curvature near the minimum
// (MAE, the quantile loss, Huber with too few errors within delta), for features that are
// linear combinations of each other, and at once for an L1 weight penalty, whose kink at
// w_j = 0 has no Hessian. A non-convex loss also converges where a step without a positive
// definite Hessian no longer changes the value, a local search.
// Without a weight penalty the search runs on standardized features, whose Hessian is well
// conditioned, and maps the result back. A weight penalty depends on the coordinates, so the
// search then runs in the objective's own. Classes that a plane separates, completely or with
// rows on it, leave a loss such as cross-entropy without a minimum (see classSeparation): the
// search then fails at once, with the reason in the note.
LinearMinimumResult findLinearModelMinimum(const LinearModelObjective &objective,
                                           const Eigen::VectorXd &start, std::stop_token stop = {});

} // namespace losslens
