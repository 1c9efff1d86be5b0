#include "trainingcontroller.h"

#include "core/optimizers/sgd.h"

#include "uilogging.h"

#include <QElapsedTimer>

namespace losslens {

TrainingController::TrainingController(SessionModel *model, QObject *parent)
    : QObject(parent), m_model(model)
{
    // About 60 frames per second; each frame applies stepsPerFrame updates to every run.
    m_timer.setInterval(16);
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
        if (!advance(m_stepsPerFrame))
            pause();
    });
    connect(m_model, &SessionModel::changed, this, &TrainingController::onModelChanged);
    syncRuns(true, 0);
}

const TrainingRun *TrainingController::run(int lossIndex) const
{
    if (lossIndex < 0 || lossIndex >= static_cast<int>(m_runs.size()) || !m_runs[lossIndex])
        return nullptr;
    return &*m_runs[lossIndex];
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

void TrainingController::play()
{
    if (m_timer.isActive())
        return;
    // Starting again after every run stopped begins a fresh race.
    bool anyRunning = false;
    for (const auto &run : m_runs)
        anyRunning = anyRunning || (run && run->status() == RunStatus::Running &&
                                    run->iteration() < maximumSteps);
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
    advance(1);
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

void TrainingController::onModelChanged(SessionModel::Changes changes)
{
    // Every setting that shapes a path starts it over and replays it to the step the race had
    // reached, so dragging the start point or a slider redraws whole paths live. Only Reset
    // goes back to step 0.
    const SessionModel::Changes all =
        SessionModel::DataChanged | SessionModel::ScalingChanged | SessionModel::StartChanged;
    if (changes & all)
        syncRuns(true, iteration());
    else if (changes & (SessionModel::LossSelectionChanged | SessionModel::LossParametersChanged |
                        SessionModel::LearningRateChanged))
        syncRuns(false, iteration());
}

void TrainingController::syncRuns(bool restartAll, int target)
{
    const double learningRate = m_model->state().learningRate;
    const bool rateChanged = learningRate != m_runLearningRate;
    m_runLearningRate = learningRate;
    // TODO: the window trains with plain gradient descent only; the other optimizers of the
    // core are not yet offered in the session.
    StochasticGradientDescent optimizer(StochasticGradientDescent::Variant::GradientDescent);
    optimizer.setParameterValue(0, learningRate);

    const int count = m_model->lossCount();
    m_runs.resize(count);
    m_runLosses.resize(count);
    for (int i = 0; i < count; ++i) {
        const LossEntry &entry = m_model->lossEntry(i);
        const auto objective = m_model->objective(i);
        if (!entry.enabled || !objective->isApplicable()) {
            m_runs[i].reset();
            m_runLosses[i].reset();
            continue;
        }
        // Runs that start over catch up with the race, so they stay comparable with the others.
        const bool stale = restartAll || !m_runs[i] || rateChanged || m_runLosses[i] != entry.loss;
        if (!stale)
            continue;
        m_runs[i].emplace(*objective, m_model->startTheta(), optimizer);
        m_runLosses[i] = entry.loss;
        replay(i, target);
    }
    qCDebug(lcUi) << "runs synchronized, restart" << restartAll << "target" << target;
    emit advanced();
}

void TrainingController::replay(int lossIndex, int iterations)
{
    // Each update evaluates the loss on every point twice. About 2e7 evaluations take tens of
    // milliseconds, which keeps a slider drag responsive.
    const auto objective = m_model->objective(lossIndex);
    const double costPerStep = 2.0 * std::max<double>(1.0, double(objective->data().size()));
    const int affordable = static_cast<int>(std::min<double>(iterations, 2e7 / costPerStep));
    TrainingRun &run = *m_runs[lossIndex];
    for (int k = 0; k < affordable && run.status() == RunStatus::Running; ++k)
        run.step(*objective);
}

bool TrainingController::advance(int steps)
{
    QElapsedTimer clock;
    clock.start();
    bool anyRunning = false;
    for (int i = 0; i < static_cast<int>(m_runs.size()); ++i) {
        if (!m_runs[i])
            continue;
        const auto objective = m_model->objective(i);
        TrainingRun &run = *m_runs[i];
        for (int k = 0;
             k < steps && run.status() == RunStatus::Running && run.iteration() < maximumSteps; ++k)
            run.step(*objective);
        anyRunning =
            anyRunning || (run.status() == RunStatus::Running && run.iteration() < maximumSteps);
    }
    m_lastStepMilliseconds = clock.nsecsElapsed() / 1e6;
    emit advanced();
    return anyRunning;
}

} // namespace losslens
