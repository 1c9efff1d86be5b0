#pragma once

#include "sessionmodel.h"

#include "core/trainingrun.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <optional>
#include <vector>

namespace losslens {

// Runs gradient descent for every enabled loss from the session's start point and animates it
// with a timer. A change of the data, scaling, start point, a loss parameter or the learning
// rate recomputes the affected runs from the start up to the step the race had reached, so a
// path always shows the current settings. A work budget bounds the replay, which may then stop
// short. Reset starts every run over at step 0.
class TrainingController : public QObject
{
    Q_OBJECT

public:
    static constexpr int maximumSteps = 100000;

    explicit TrainingController(SessionModel *model, QObject *parent = nullptr);

    bool isPlaying() const { return m_timer.isActive(); }
    int stepsPerFrame() const { return m_stepsPerFrame; }
    // The run of a loss, or nullptr when that loss is hidden or cannot be fitted to the data.
    const TrainingRun *run(int lossIndex) const;
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

signals:
    // The paths moved or were started over.
    void advanced();
    void playingChanged(bool playing);

private:
    void onModelChanged(SessionModel::Changes changes);
    // Creates, drops and restarts runs to match the session; restarted runs replay to target.
    void syncRuns(bool restartAll, int target);
    void replay(int lossIndex, int iterations);
    bool advance(int steps);

    SessionModel *m_model;
    std::vector<std::optional<TrainingRun>> m_runs;
    // The loss and learning rate each run was computed with, to tell which runs are stale.
    std::vector<std::shared_ptr<const Loss>> m_runLosses;
    double m_runLearningRate = 0.0;
    QTimer m_timer;
    int m_stepsPerFrame = 2;
    double m_lastStepMilliseconds = 0.0;
    double m_framesPerSecond = 0.0;
    QElapsedTimer m_frameClock;
};

} // namespace losslens
