#pragma once

#include "core/adaptivebarron.h"
#include "core/adaptivebarrontraining.h"
#include "core/lineobjective.h"
#include "core/trainingrun.h"

#include <memory>
#include <optional>
#include <vector>

namespace losslens {

// One run of the window as every view reads it: either a TrainingRun of the run's loss, or an
// AdaptiveBarronTraining that learns Barron's shape alpha (and scale c) with the line. Both give
// the same path of (w, b) in training coordinates, so the paths, the playback, the step limit
// and the divergence marks work alike. For an adaptive run a path point's loss is the mean
// Barron loss at that step's own alpha and c (AdaptiveBarronPoint::meanLoss), and the learned
// values are in adaptiveHistory().
// Builds the settings of a run of Barron's loss that learns alpha. alpha starts at the loss's
// alpha, and c at its c times the residual scale s, so c is in the target's units: rho(e / s)
// with scale c equals rho(e) with scale c s. Returns nothing, with the
// reason in error, when the loss is not Barron's or its alpha lies outside the learnable range.
std::optional<AdaptiveBarronSettings> adaptiveSettings(const LineObjective &objective,
                                                       bool learnScale, QString *error);

// The objective of such a run on the objective's data and scaling, or nullptr (see
// adaptiveSettings()).
std::shared_ptr<const AdaptiveBarronObjective>
adaptiveObjective(const LineObjective &objective, bool learnScale, QString *error = nullptr);

class RunTrack
{
public:
    // A run of a fixed loss.
    RunTrack(const LineObjective &objective, const Eigen::Vector2d &start,
             const Optimizer &optimizer, const LearningRateSchedule &schedule);
    // A run that learns alpha (and c): it trains the given objective, which it keeps, so the
    // objective passed to step() is not used.
    RunTrack(std::shared_ptr<const AdaptiveBarronObjective> objective, const Eigen::Vector2d &start,
             const Optimizer &optimizer, const LearningRateSchedule &schedule);

    bool isAdaptive() const { return m_adaptive.has_value(); }

    // Applies one update; does nothing once the run has stopped.
    RunStatus step(const LineObjective &objective);

    const Optimizer &optimizer() const;
    RunStatus status() const;
    int divergedAt() const;
    // The mean loss the diverging update produced; for an adaptive run, the mean negative
    // log-likelihood, which is what diverged.
    double divergedLoss() const;
    bool stalled() const { return m_plain ? m_plain->stalled() : false; }
    int stepsTaken() const { return divergedAt() >= 0 ? divergedAt() : iteration(); }
    const std::vector<TrainingPoint> &history() const;
    const TrainingPoint &current() const { return history().back(); }
    int iteration() const { return current().iteration; }
    // The next update for the landscape's arrows, or nothing once the run stopped.
    // For an adaptive run the arrows show the (w, b) part of the update, which also moves alpha
    // and c.
    std::optional<UpdatePreview> previewUpdate(const LineObjective &objective) const;

    // The adaptive run's own points with alpha, c and the likelihood; empty for a plain run.
    const std::vector<AdaptiveBarronPoint> &adaptiveHistory() const;
    // The objective an adaptive run trains, or nullptr for a plain run.
    const AdaptiveBarronObjective *adaptiveObjective() const { return m_adaptiveObjective.get(); }

private:
    // Appends the (w, b) path points that the adaptive run recorded since the last call.
    void mirrorAdaptivePoints();

    std::optional<TrainingRun> m_plain;
    std::shared_ptr<const AdaptiveBarronObjective> m_adaptiveObjective;
    std::optional<AdaptiveBarronTraining> m_adaptive;
    std::vector<TrainingPoint> m_adaptivePath;
};

} // namespace losslens
