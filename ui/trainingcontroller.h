#pragma once

#include "sessionmodel.h"

#include "runtrack.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <optional>
#include <vector>

namespace losslens {

// Trains every run of the session (a loss, an optimizer with its schedule, and a start point)
// and animates them with a timer. A change of the data, scaling, a start point, a loss
// parameter or an optimizer recomputes the affected runs from their start up to the step the
// race had reached, so a path always shows the current settings. A work budget bounds the
// replay, which may then stop short. Reset starts every run over at step 0. No run goes past
// the step limit. A run of Barron's loss that learns alpha (RunEntry::learnShape) trains an
// AdaptiveBarronTraining instead of a TrainingRun, and RunTrack gives both to the views alike.
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
    const RunTrack *run(int runIndex) const;
    // The first run that fits a loss, or nullptr when no run fits it or that run is not active.
    const RunTrack *runOfLoss(int lossIndex) const;
    // Updates attempted by the longest run, the diverging one included.
    int iteration() const;
    // Whether a restarted run is still replaying the race in later turns of the event loop.
    bool isReplaying() const { return m_replayTimer.isActive(); }
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
        bool learnShape = false;
        bool learnScale = false;
    };

    void onModelChanged(SessionModel::Changes changes);
    // Creates, drops and restarts runs to match the session; restarted runs replay to target.
    void syncRuns(bool restartAll, int target);
    // Sets how many updates a restarted run replays, within the work budget. The replay runs
    // for a few milliseconds in the change's handler and goes on in later turns of the event
    // loop, so a slider drag stays responsive on large data. Playing or stepping finishes it.
    void scheduleReplay(int runIndex, int iterations);
    // Replays pending updates for at most budget, or to the end without one; returns whether
    // updates remain.
    bool replayPending(std::optional<std::chrono::nanoseconds> budget);
    // The step the race has reached, counting the updates still to replay.
    int raceStep() const;
    // Applies up to steps updates to every run that can go on; returns whether one still can.
    bool advance(int steps);
    bool canContinue(const RunTrack &run) const;
    // Why no run can go on: the step limit, or every run has converged or diverged.
    QString stopReason() const;

    SessionModel *m_model;
    std::vector<std::optional<RunTrack>> m_runs;
    std::vector<RunSource> m_sources;
    // Updates each run still has to replay, 0 when it has caught up.
    std::vector<int> m_replayRemaining;
    QTimer m_timer;
    QTimer m_replayTimer;
    int m_stepsPerFrame = 2;
    int m_stepLimit = maximumSteps;
    double m_lastStepMilliseconds = 0.0;
    double m_framesPerSecond = 0.0;
    QElapsedTimer m_frameClock;
};

} // namespace losslens
