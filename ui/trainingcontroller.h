#pragma once

#include "sessionmodel.h"

#include "core/trainingrun.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <optional>
#include <vector>

namespace losslens {

// Trains every run of the session (a loss, an optimizer with its schedule, and a start point)
// and animates them with a timer. A change of the data, scaling, a start point, a loss
// parameter or an optimizer recomputes the affected runs from their start up to the step the
// race had reached, so a path always shows the current settings. A work budget bounds the
// replay, which may then stop short. Reset starts every run over at step 0. No run goes past
// the step limit.
class TrainingController : public QObject
{
    Q_OBJECT

public:
    static constexpr int maximumSteps = 100000;

    explicit TrainingController(SessionModel *model, QObject *parent = nullptr);

    bool isPlaying() const { return m_timer.isActive(); }
    int stepsPerFrame() const { return m_stepsPerFrame; }
    int stepLimit() const { return m_stepLimit; }
    int runCount() const { return static_cast<int>(m_runs.size()); }
    // A run of the session by its index, or nullptr when its loss is hidden or cannot be fitted
    // to the data.
    const TrainingRun *run(int runIndex) const;
    // The first run that fits a loss, or nullptr when no run fits it or that run is not active.
    const TrainingRun *runOfLoss(int lossIndex) const;
    // Updates attempted by the longest run, the diverging one included.
    int iteration() const;
    // Milliseconds the last frame's updates took, for the status bar.
    double lastStepMilliseconds() const { return m_lastStepMilliseconds; }
    // Animation frames per second while playing (a moving average), 0 when paused.
    double framesPerSecond() const { return isPlaying() ? m_framesPerSecond : 0.0; }

public slots:
    void play();
    void pause();
    void togglePlay();
    void stepOnce();
    // Pauses and applies up to steps updates to every run, redrawing once at the end.
    void runSteps(int steps);
    void reset();
    void setStepsPerFrame(int steps);
    // Sets the step no run goes past, from 1 to maximumSteps. Runs that are already past it are
    // recomputed up to it.
    void setStepLimit(int steps);

signals:
    // The paths moved or were started over.
    void advanced();
    void playingChanged(bool playing);
    // Playback or a step ended by itself, with the reason for the status bar, such as "Stopped
    // at step limit 200".
    void stopped(const QString &reason);

private:
    // The loss, optimizer and start a run was computed from, which tell whether a change of the
    // session makes the run stale.
    struct RunSource
    {
        std::shared_ptr<const Loss> loss;
        QString optimizerSpec;
        Eigen::Vector2d start = Eigen::Vector2d::Zero();
    };

    void onModelChanged(SessionModel::Changes changes);
    // Creates, drops and restarts runs to match the session; restarted runs replay to target.
    void syncRuns(bool restartAll, int target);
    void replay(int runIndex, int iterations);
    // Applies up to steps updates to every run that can go on; returns whether one still can.
    bool advance(int steps);
    bool canContinue(const TrainingRun &run) const;
    // Why no run can go on: the step limit, or every run has converged or diverged.
    QString stopReason() const;

    SessionModel *m_model;
    std::vector<std::optional<TrainingRun>> m_runs;
    std::vector<RunSource> m_sources;
    QTimer m_timer;
    int m_stepsPerFrame = 2;
    int m_stepLimit = maximumSteps;
    double m_lastStepMilliseconds = 0.0;
    double m_framesPerSecond = 0.0;
    QElapsedTimer m_frameClock;
};

} // namespace losslens
