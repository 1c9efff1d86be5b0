#pragma once

#include "adaptivebarron.h"
#include "learningrateschedule.h"
#include "minibatches.h"
#include "optimizer.h"
#include "trainingrun.h"

#include <Eigen/Core>

#include <memory>
#include <optional>
#include <vector>

namespace losslens {

// One recorded step of AdaptiveBarronTraining: the parameters after `iteration` updates and the
// mean negative log-likelihood and mean rho over all samples there.
struct AdaptiveBarronPoint
{
    int iteration = 0;
    Eigen::VectorXd theta;
    // w and b in training coordinates (theta[0] and theta[1]).
    double weight = 0.0;
    double bias = 0.0;
    double shape = 0.0;
    double scale = 0.0;
    double negativeLogLikelihood = 0.0;
    double meanLoss = 0.0;
};

// Trains an AdaptiveBarronObjective with a clone of an optimizer and a learning rate schedule,
// as TrainingRun trains a LineObjective. SGD takes mini-batches of its batch_size, shuffled each
// epoch by a std::mt19937_64 seeded with its seed, so the same seed gives the same run. The other
// optimizers take all samples. Every step records an AdaptiveBarronPoint.
//
// Divergence: the run stops, marked diverged, when an update gives non-finite parameters or a
// non-finite mean negative log-likelihood, or when that rises above the start's by more than
// divergenceFactor times max(|start|, 1). A likelihood is often negative and shifts by log(u)
// when the target's unit changes by a factor u, so a ratio to the start means nothing. For a
// start of at least 1 the rule is close to TrainingRun's (a loss above divergenceFactor times its
// start). The diverging point is not recorded, except a start whose likelihood is not finite:
// that run is diverged at step 0 with its one point.
// Convergence: as in TrainingRun, an update that leaves theta unchanged, or moves it by at most
// 1e-12 (1 + |theta|) while turning away from the previous update (cosine <= 0.99).
class AdaptiveBarronTraining
{
public:
    static constexpr double divergenceFactor = 1e6;

    AdaptiveBarronTraining(const AdaptiveBarronObjective &objective, const Eigen::Vector2d &start,
                           const Optimizer &optimizer,
                           const LearningRateSchedule &schedule = LearningRateSchedule());

    // Starts again from the line (w, b) in training coordinates with the initial shape and scale.
    void reset(const AdaptiveBarronObjective &objective, const Eigen::Vector2d &start);
    // Applies one update; does nothing once the run has stopped.
    RunStatus step(const AdaptiveBarronObjective &objective);
    // Applies up to `steps` updates, stopping early when the run stops.
    RunStatus run(const AdaptiveBarronObjective &objective, int steps);
    // The (w, b) part of the next update, its gradient and the velocity, for the landscape's
    // arrows, computed on copies so that the run is unchanged. Nothing once the run stopped.
    std::optional<UpdatePreview> previewUpdate(const AdaptiveBarronObjective &objective) const;

    const Optimizer &optimizer() const { return *m_optimizer; }
    const LearningRateSchedule &schedule() const { return m_schedule; }
    RunStatus status() const { return m_status; }
    // The iteration whose update diverged, or -1.
    int divergedAt() const { return m_divergedAt; }
    // The mean negative log-likelihood that the diverging update produced (possibly infinite);
    // 0 before divergence.
    double divergedLikelihood() const { return m_divergedLikelihood; }
    // The gradient the last update used (of its mini-batch for SGD); empty before the first.
    const Eigen::VectorXd &lastGradient() const { return m_lastGradient; }
    const std::vector<AdaptiveBarronPoint> &history() const { return m_history; }
    const AdaptiveBarronPoint &current() const { return m_history.back(); }
    int iteration() const { return m_history.back().iteration; }

private:
    AdaptiveBarronPoint recordPoint(const AdaptiveBarronObjective &objective,
                                    const Eigen::VectorXd &theta, int iteration) const;
    bool isDivergent(double negativeLogLikelihood) const;

    std::unique_ptr<Optimizer> m_optimizer;
    LearningRateSchedule m_schedule;
    MiniBatchSampler m_batches;
    std::vector<AdaptiveBarronPoint> m_history;
    RunStatus m_status = RunStatus::Running;
    int m_divergedAt = -1;
    double m_divergedLikelihood = 0.0;
    double m_startLikelihood = 0.0;
    Eigen::VectorXd m_lastGradient;
    Eigen::VectorXd m_lastUpdate;
};

} // namespace losslens
