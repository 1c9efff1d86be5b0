#include "trainingcontroller.h"

#include "uilogging.h"

#include <QElapsedTimer>

#include <algorithm>

namespace losslens {

namespace {

// Time the replay may take in one turn of the event loop. With the replots that follow, a
// change stays within a 16.7 ms frame.
constexpr std::chrono::milliseconds replaySlice{4};

} // namespace

TrainingController::TrainingController(SessionModel *model, QObject *parent)
    : QObject(parent), m_model(model)
{
    // At least 60 frames per second where the drawing keeps up; each frame applies
    // stepsPerFrame updates to every run. A coarse timer may fire up to 5% late, so the timer
    // is precise, and its 15 ms leave room for a frame that takes a little longer.
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(15);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        // The interval between ticks includes the replots the last frame queued, so it
        // measures the real frame rate.
        if (m_frameClock.isValid()) {
            const double seconds = m_frameClock.nsecsElapsed() / 1e9;
            const double rate = seconds > 0.0 ? 1.0 / seconds : 0.0;
            m_framesPerSecond =
                m_framesPerSecond > 0.0 ? 0.9 * m_framesPerSecond + 0.1 * rate : rate;
        }
        m_frameClock.start();
        if (!advance(m_stepsPerFrame)) {
            pause();
            emit stopped(stopReason());
        }
    });
    // A zero interval replays the next slice once the events queued meanwhile, such as replots
    // and the landscape's results, have been handled.
    m_replayTimer.setInterval(0);
    connect(&m_replayTimer, &QTimer::timeout, this, [this] {
        if (!replayPending(replaySlice))
            m_replayTimer.stop();
        emit advanced();
    });
    connect(m_model, &SessionModel::changed, this, &TrainingController::onModelChanged);
    syncRuns(true, 0);
}

const RunTrack *TrainingController::run(int runIndex) const
{
    if (runIndex < 0 || runIndex >= runCount() || !m_runs[runIndex])
        return nullptr;
    return &*m_runs[runIndex];
}

const RunTrack *TrainingController::runOfLoss(int lossIndex) const
{
    for (int i = 0; i < std::min(runCount(), m_model->runCount()); ++i) {
        if (m_model->runEntry(i).lossIndex == lossIndex)
            return run(i);
    }
    return nullptr;
}

int TrainingController::iteration() const
{
    int longest = 0;
    for (const auto &run : m_runs) {
        if (run)
            longest = std::max(longest, run->stepsTaken());
    }
    return longest;
}

bool TrainingController::canContinue(const RunTrack &run) const
{
    return run.status() == RunStatus::Running && run.iteration() < m_stepLimit;
}

QString TrainingController::stopReason() const
{
    bool anyRun = false;
    bool anyAtLimit = false;
    for (const auto &run : m_runs) {
        if (!run)
            continue;
        anyRun = true;
        anyAtLimit = anyAtLimit || run->status() == RunStatus::Running;
    }
    if (!anyRun)
        return tr("No run to train: tick a loss that can be fitted to the data.");
    if (anyAtLimit)
        return tr("Stopped at step limit %1.").arg(m_stepLimit);
    return tr("Every run has stopped: each one converged or diverged.");
}

void TrainingController::play()
{
    if (m_timer.isActive())
        return;
    // Starting again after every run stopped begins a fresh race.
    const bool anyRunning = std::any_of(
        m_runs.begin(), m_runs.end(), [this](const auto &run) { return run && canContinue(*run); });
    if (!anyRunning)
        syncRuns(true, 0);
    m_frameClock.invalidate();
    m_framesPerSecond = 0.0;
    m_timer.start();
    emit playingChanged(true);
}

void TrainingController::pause()
{
    if (!m_timer.isActive())
        return;
    m_timer.stop();
    emit playingChanged(false);
}

void TrainingController::togglePlay()
{
    if (isPlaying())
        pause();
    else
        play();
}

void TrainingController::stepOnce()
{
    pause();
    if (!advance(1))
        emit stopped(stopReason());
}

void TrainingController::runSteps(int steps)
{
    pause();
    if (steps > 0)
        advance(steps);
}

void TrainingController::reset()
{
    pause();
    syncRuns(true, 0);
}

void TrainingController::setStepsPerFrame(int steps)
{
    m_stepsPerFrame = std::clamp(steps, 1, 1000);
}

void TrainingController::setStepLimit(int steps)
{
    const int limit = std::clamp(steps, 1, maximumSteps);
    if (limit == m_stepLimit)
        return;
    m_stepLimit = limit;
    qCDebug(lcUi) << "step limit" << limit;
    // Runs past the new limit are recomputed up to it, so every view shows the same step.
    if (raceStep() > limit)
        syncRuns(true, limit);
}

int TrainingController::raceStep() const
{
    int step = iteration();
    for (int i = 0; i < runCount(); ++i) {
        if (m_runs[i] && m_replayRemaining[i] > 0)
            step = std::max(step, m_runs[i]->stepsTaken() + m_replayRemaining[i]);
    }
    return step;
}

void TrainingController::onModelChanged(SessionModel::Changes changes)
{
    // Every setting that shapes a path starts it over and replays it to the step the race had
    // reached, so dragging a start point or a slider redraws whole paths live. Only Reset goes
    // back to step 0.
    const int target = std::min(raceStep(), m_stepLimit);
    if (changes & (SessionModel::DataChanged | SessionModel::ScalingChanged))
        syncRuns(true, target);
    else if (changes & (SessionModel::LossSelectionChanged | SessionModel::LossParametersChanged |
                        SessionModel::OptimizerChanged | SessionModel::StartChanged |
                        SessionModel::RunsChanged | SessionModel::RunListChanged))
        syncRuns(false, target);
}

void TrainingController::syncRuns(bool restartAll, int target)
{
    const int count = m_model->runCount();
    m_runs.resize(count);
    m_sources.resize(count);
    m_replayRemaining.resize(count, 0);
    for (int i = 0; i < count; ++i) {
        if (!m_model->isRunActive(i)) {
            m_runs[i].reset();
            m_sources[i] = {};
            continue;
        }
        const int lossIndex = m_model->runEntry(i).lossIndex;
        const OptimizerSettings &settings = m_model->runOptimizer(i);
        const bool adaptive = m_model->isRunAdaptive(i);
        const RunSource source{m_model->lossEntry(lossIndex).loss, settings.spec(),
                               m_model->runStartTheta(i), adaptive,
                               adaptive && m_model->runEntry(i).learnScale};
        // Runs that start over catch up with the race, so they stay comparable with the others.
        const bool stale = restartAll || !m_runs[i] || m_sources[i].loss != source.loss ||
                           m_sources[i].optimizerSpec != source.optimizerSpec ||
                           m_sources[i].start != source.start ||
                           m_sources[i].learnShape != source.learnShape ||
                           m_sources[i].learnScale != source.learnScale;
        if (!stale)
            continue;
        if (adaptive) {
            QString problem;
            auto objective =
                adaptiveObjective(*m_model->objective(lossIndex), source.learnScale, &problem);
            if (!objective) {
                qCWarning(lcUi) << "run" << i + 1 << "does not train:" << problem;
                m_runs[i].reset();
                m_sources[i] = {};
                continue;
            }
            m_runs[i].emplace(std::move(objective), source.start, *settings.optimizer,
                              settings.schedule);
        } else {
            m_runs[i].emplace(*m_model->objective(lossIndex), source.start, *settings.optimizer,
                              settings.schedule);
        }
        m_sources[i] = source;
        scheduleReplay(i, target);
    }
    // The rest of the replay waits for the next turns of the event loop.
    if (replayPending(replaySlice))
        m_replayTimer.start();
    else
        m_replayTimer.stop();
    qCDebug(lcUi) << "runs synchronized, restart" << restartAll << "target" << target;
    emit advanced();
}

void TrainingController::scheduleReplay(int runIndex, int iterations)
{
    // Each update evaluates the loss on every point twice. About 2e7 evaluations take tens of
    // milliseconds, which bounds the replay that playing or stepping waits for.
    const auto objective = m_model->objective(m_model->runEntry(runIndex).lossIndex);
    const double costPerStep = 2.0 * std::max<double>(1.0, double(objective->data().size()));
    m_replayRemaining[runIndex] =
        static_cast<int>(std::min<double>(std::max(iterations, 0), 2e7 / costPerStep));
}

bool TrainingController::replayPending(std::optional<std::chrono::nanoseconds> budget)
{
    QElapsedTimer clock;
    clock.start();
    bool remaining = false;
    for (int i = 0; i < runCount(); ++i) {
        if (!m_runs[i] || m_replayRemaining[i] <= 0)
            continue;
        const auto objective = m_model->objective(m_model->runEntry(i).lossIndex);
        RunTrack &run = *m_runs[i];
        while (m_replayRemaining[i] > 0 && canContinue(run)) {
            if (budget && std::chrono::nanoseconds(clock.nsecsElapsed()) >= *budget)
                break;
            run.step(*objective);
            --m_replayRemaining[i];
        }
        if (!canContinue(run))
            m_replayRemaining[i] = 0;
        remaining = remaining || m_replayRemaining[i] > 0;
    }
    return remaining;
}

bool TrainingController::advance(int steps)
{
    // Every run catches up with the race before it moves on, so the runs stay comparable.
    if (m_replayTimer.isActive()) {
        replayPending(std::nullopt);
        m_replayTimer.stop();
    }
    QElapsedTimer clock;
    clock.start();
    bool anyRunning = false;
    for (int i = 0; i < runCount(); ++i) {
        if (!m_runs[i])
            continue;
        const auto objective = m_model->objective(m_model->runEntry(i).lossIndex);
        RunTrack &run = *m_runs[i];
        for (int k = 0; k < steps && canContinue(run); ++k)
            run.step(*objective);
        anyRunning = anyRunning || canContinue(run);
    }
    m_lastStepMilliseconds = clock.nsecsElapsed() / 1e6;
    emit advanced();
    return anyRunning;
}

} // namespace losslens
