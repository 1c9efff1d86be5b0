#include "linearmodeltraining.h"

#include "logging.h"
#include "trainingrun.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace losslens {

std::optional<LinearTrainingPath> trainLinearModel(const LinearModelObjective &objective,
                                                   const Eigen::VectorXd &start,
                                                   double learningRate, int stepLimit,
                                                   std::stop_token stop)
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

    // A start loss of exactly 0 would make every later loss count as diverged, so the limit
    // uses at least 1e-300, as TrainingRun does.
    const double limit = TrainingRun::divergenceFactor * std::max(startLoss, 1e-300);
    path.thetas.reserve(static_cast<size_t>(std::max(stepLimit, 0)) + 1);
    path.losses.reserve(path.thetas.capacity());
    for (int step = 1; step <= stepLimit; ++step) {
        if (stop.stop_requested())
            return std::nullopt;
        const Eigen::VectorXd &theta = path.thetas.back();
        Eigen::VectorXd next = theta - learningRate * objective.gradient(theta);
        const double loss = next.allFinite() ? objective.value(next)
                                             : std::numeric_limits<double>::infinity();
        if (!std::isfinite(loss) || loss > limit) {
            path.status = LinearTrainingStatus::Diverged;
            path.divergedAt = step;
            path.divergedLoss = loss;
            qCDebug(lcCore) << "linear model diverged at step" << step << "loss" << loss;
            return path;
        }
        if (next == theta) {
            path.status = LinearTrainingStatus::Converged;
            return path;
        }
        path.thetas.push_back(std::move(next));
        path.losses.push_back(loss);
    }
    return path;
}

} // namespace losslens
