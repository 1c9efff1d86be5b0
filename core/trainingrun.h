#pragma once

#include "learningrateschedule.h"
#include "lineobjective.h"
#include "minibatches.h"
#include "optimizer.h"

#include <Eigen/Core>

#include <cmath>
#include <memory>
#include <optional>
#include <vector>

namespace losslens {

enum class RunStatus { Running, Converged, Diverged };

// One point of a run: the parameters after `iteration` updates and the mean loss there.
struct TrainingPoint
{
    int iteration = 0;
    Eigen::Vector2d theta = Eigen::Vector2d::Zero();
    double loss = 0.0;
};

// The update a run would make next from its current point, for drawing it as arrows. All three
// vectors are in training coordinates (w, b), like the path.
struct UpdatePreview
{
    // The gradient the next update uses: of the next mini-batch for SGD, of all data otherwise.
    Eigen::Vector2d gradient = Eigen::Vector2d::Zero();
    // The schedule's learning rate for the next update.
    double learningRate = 0.0;
    // The optimizer's next change of (w, b).
    Eigen::Vector2d step = Eigen::Vector2d::Zero();
    // The optimizer's velocity before that update, for optimizers that keep one (see
    // Optimizer::velocity()).
    std::optional<Eigen::Vector2d> velocity;
};

// Drives an optimizer with a learning rate schedule over an objective and keeps the path. The
// run owns its optimizer and schedule, whose state (momentum, moments, step count) reset()
// clears. SGD takes mini-batches: each epoch shuffles the samples with a std::mt19937_64
// seeded by its seed, and each step uses the next batch_size of them. The last batch of an
// epoch may be smaller. The other optimizers use the whole data set. The objective is passed to
// every step so that a loss parameter or the data may change while the run goes on.
//
// Divergence: the run stops, marked diverged, when an update gives non-finite parameters or
// a mean loss that diverged() rejects. That point is
// not recorded, so every recorded value is finite, except the loss at a start where it is
// infinite or NaN. Such a run stops at once, marked diverged at step 0. Its history has the
// start alone, at its true loss (see hasFiniteStart()).
// Convergence: the run stops when an update leaves theta unchanged, or when it moves theta by at
// most 1e-12 (1 + |theta|) and turns away from the previous update (cosine at most 0.99), as
// rounding noise does at the minimum. Short updates that keep their direction are steady
// progress: with a tiny learning rate, or along the flat direction of an ill-conditioned
// valley, they are short while the minimum is still far away, so the run goes on.
class TrainingRun
{
public:
    static constexpr double divergenceFactor = 1e6;

    // Returns true when a mean loss counts as diverged from a run that started at startLoss. That
    // is a non-finite loss, a loss above divergenceFactor times a positive start, or a loss
    // farther from a start of at most 0 than divergenceFactor times its magnitude (at least
    // 1e-300). So a loss that may be negative, such as a typed formula, neither diverges at its
    // first rise above 0 nor falls without end unnoticed.
    static bool diverged(double loss, double startLoss);

    TrainingRun(const LineObjective &objective, const Eigen::Vector2d &start,
                const Optimizer &optimizer,
                const LearningRateSchedule &schedule = LearningRateSchedule());

    void reset(const LineObjective &objective, const Eigen::Vector2d &start);

    // Applies one update; does nothing once the run has stopped.
    RunStatus step(const LineObjective &objective);

    const Optimizer &optimizer() const { return *m_optimizer; }
    const LearningRateSchedule &schedule() const { return m_schedule; }
    // The gradient the last update used (of its mini-batch for SGD), zero before the first.
    const Eigen::Vector2d &lastGradient() const { return m_lastGradient; }
    // The change of (w, b) in the last recorded update, zero before the first.
    const Eigen::Vector2d &lastUpdate() const { return m_lastUpdate; }
    // Computes the next update on copies of the optimizer, the schedule and the mini-batch order,
    // so the run itself is unchanged and its next step() makes exactly this update. Returns
    // nothing once the run has stopped.
    std::optional<UpdatePreview> previewUpdate(const LineObjective &objective) const;

    RunStatus status() const { return m_status; }
    // The iteration whose update diverged, or -1.
    int divergedAt() const { return m_divergedAt; }
    // The mean loss the diverging update produced (possibly infinite); 0 before divergence.
    double divergedLoss() const { return m_divergedLoss; }
    // True when the run stopped because the gradient was exactly zero, as on a flat region of
    // a redescending loss, which need not be a minimum.
    bool stalled() const { return m_stalled; }
    // Returns whether the mean loss at the start is finite. When it is not, history() contains
    // the start alone at its true loss, infinite or NaN, which is also divergedLoss(). Callers
    // keep that value out of plots and describe it in words instead of printing it.
    bool hasFiniteStart() const { return std::isfinite(m_startLoss); }
    // The mean loss at the start, possibly infinite or NaN.
    double startLoss() const { return m_startLoss; }
    // Updates attempted: the recorded ones, plus the diverging one.
    int stepsTaken() const { return m_divergedAt >= 0 ? m_divergedAt : iteration(); }
    const std::vector<TrainingPoint> &history() const { return m_history; }
    const TrainingPoint &current() const { return m_history.back(); }
    int iteration() const { return m_history.back().iteration; }

private:
    std::unique_ptr<Optimizer> m_optimizer;
    LearningRateSchedule m_schedule;
    MiniBatchSampler m_batches;
    Eigen::Vector2d m_lastGradient = Eigen::Vector2d::Zero();
    std::vector<TrainingPoint> m_history;
    RunStatus m_status = RunStatus::Running;
    int m_divergedAt = -1;
    double m_divergedLoss = 0.0;
    bool m_stalled = false;
    double m_startLoss = 0.0;
    // The latest update, zero before the first one.
    Eigen::Vector2d m_lastUpdate = Eigen::Vector2d::Zero();
};

} // namespace losslens
