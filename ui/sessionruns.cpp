#include "sessionruns.h"
#include "sessionmodel.h"

#include "core/losses/barron.h"
#include "core/optimizercatalogue.h"

#include <algorithm>

namespace losslens {

void addMissingRuns(SessionState &state)
{
    for (int i = 0; i < static_cast<int>(state.losses.size()); ++i) {
        if (!state.losses[i].enabled)
            continue;
        const bool hasRun = std::any_of(state.runs.begin(), state.runs.end(),
                                        [i](const RunEntry &run) { return run.lossIndex == i; });
        if (hasRun)
            continue;
        RunEntry run;
        run.lossIndex = i;
        const QColor colour = state.losses[i].colour;
        const bool colourTaken =
            std::any_of(state.runs.begin(), state.runs.end(),
                        [&colour](const RunEntry &other) { return other.colour == colour; });
        run.colour = colourTaken ? newRunColour(state) : colour;
        state.runs.push_back(run);
    }
    if (state.selectedRun < 0 && !state.runs.empty())
        state.selectedRun = 0;
}

int runOfCurrentLoss(const SessionState &state)
{
    for (int i = 0; i < static_cast<int>(state.runs.size()); ++i) {
        if (state.runs[i].lossIndex == state.currentLoss)
            return i;
    }
    return state.runs.empty() ? -1 : 0;
}

QString OptimizerSettings::spec() const
{
    return QStringLiteral("%1 with %2").arg(optimizer->spec(), schedule.spec());
}

bool OptimizerSettings::operator==(const OptimizerSettings &other) const
{
    const bool sameOptimizer =
        optimizer == other.optimizer ||
        (optimizer && other.optimizer && optimizer->spec() == other.optimizer->spec());
    return sameOptimizer && schedule.spec() == other.schedule.spec();
}

bool RunEntry::operator==(const RunEntry &other) const
{
    const bool sameStart = start.has_value() == other.start.has_value() &&
                           (!start || (start->slope == other.start->slope &&
                                       start->intercept == other.start->intercept));
    return lossIndex == other.lossIndex && optimizer == other.optimizer && sameStart &&
           colour == other.colour && learnShape == other.learnShape &&
           learnScale == other.learnScale;
}

const OptimizerSettings &SessionModel::runOptimizer(int runIndex) const
{
    const RunEntry &run = m_state.runs.at(runIndex);
    return run.optimizer ? *run.optimizer : m_state.optimizer;
}

Eigen::Vector2d SessionModel::runStartTheta(int runIndex) const
{
    const RunEntry &run = m_state.runs.at(runIndex);
    if (!run.start)
        return startTheta();
    return {run.start->slope * m_scaling.scale,
            run.start->intercept + run.start->slope * m_scaling.mean};
}

bool SessionModel::isRunActive(int runIndex) const
{
    const RunEntry &run = m_state.runs.at(runIndex);
    return m_state.losses.at(run.lossIndex).enabled &&
           m_objectives.at(run.lossIndex)->isApplicable();
}

bool SessionModel::isRunAdaptive(int runIndex) const
{
    const RunEntry &run = m_state.runs.at(runIndex);
    return run.learnShape &&
           dynamic_cast<const BarronLoss *>(m_state.losses.at(run.lossIndex).loss.get()) != nullptr;
}

QString SessionModel::runLabel(int runIndex) const
{
    const auto label = [this](int index) {
        const RunEntry &run = m_state.runs.at(index);
        const OptimizerSettings &settings = runOptimizer(index);
        QString text = tr("%1 · %2, lr %3")
                           .arg(m_state.losses.at(run.lossIndex).loss->displayName(),
                                settings.optimizer->displayName())
                           .arg(settings.optimizer->learningRate(), 0, 'g', 4);
        if (settings.schedule.kind() != LearningRateSchedule::Kind::Constant)
            text += QStringLiteral(" (%1)").arg(
                settings.schedule.spec().section(QLatin1Char(':'), 0, 0));
        return text;
    };
    const QString text = label(runIndex);
    for (int i = 0; i < runCount(); ++i) {
        if (i != runIndex && label(i) == text)
            return tr("%1 #%2").arg(text).arg(runIndex + 1);
    }
    return text;
}

const OptimizerSettings *SessionModel::optimizerSettings(int target) const
{
    if (target == sessionOptimizer)
        return &m_state.optimizer;
    if (target < 0 || target >= runCount() || !m_state.runs[target].optimizer)
        return nullptr;
    return &*m_state.runs[target].optimizer;
}

OptimizerSettings *SessionModel::optimizerSettings(SessionState &state, int target) const
{
    if (target == sessionOptimizer)
        return &state.optimizer;
    if (target < 0 || target >= static_cast<int>(state.runs.size()) ||
        !state.runs[target].optimizer)
        return nullptr;
    return &*state.runs[target].optimizer;
}

QString SessionModel::optimizerTargetName(int target) const
{
    return target == sessionOptimizer ? tr("the optimizer")
                                      : tr("run %1's optimizer").arg(target + 1);
}

QString SessionModel::setOptimizerMethod(int target, const QString &name)
{
    SessionState after = m_state;
    OptimizerSettings *settings = optimizerSettings(after, target);
    if (!settings)
        return tr("Run %1 has no optimizer of its own to change.").arg(target + 1);
    if (settings->optimizer->name() == name)
        return {};
    std::unique_ptr<Optimizer> optimizer = OptimizerCatalogue::create(name);
    if (!optimizer) {
        return tr("Unknown optimizer \"%1\"; known optimizers are %2.")
            .arg(name, OptimizerCatalogue::names().join(QStringLiteral(", ")));
    }
    // Every optimizer's first parameter is learning_rate, with the same valid range.
    optimizer->setParameterValue(0, settings->optimizer->learningRate());
    const QString text =
        tr("Use %1 for %2").arg(optimizer->displayName(), optimizerTargetName(target));
    settings->optimizer = std::move(optimizer);
    push(after, text);
    return {};
}

QString SessionModel::setOptimizerParameter(int target, int parameterIndex, double value)
{
    SessionState after = m_state;
    OptimizerSettings *settings = optimizerSettings(after, target);
    if (!settings)
        return tr("Run %1 has no optimizer of its own to change.").arg(target + 1);
    const Optimizer &optimizer = *settings->optimizer;
    if (parameterIndex < 0 || parameterIndex >= static_cast<int>(optimizer.parameters().size()))
        return tr("%1 has no parameter %2.").arg(optimizer.name()).arg(parameterIndex);
    const QString error = OptimizerCatalogue::validateParameter(optimizer, parameterIndex, value);
    if (!error.isEmpty() || optimizer.parameterValue(parameterIndex) == value)
        return error;
    std::unique_ptr<Optimizer> changed = optimizer.clone();
    changed->setParameterValue(parameterIndex, value);
    const QString key = optimizer.parameters().at(parameterIndex).key;
    settings->optimizer = std::move(changed);
    push(after, tr("Set %1 of %2").arg(key, optimizerTargetName(target)),
         OptimizerMergeBase + 16 * (target + 1) + parameterIndex);
    return {};
}

QString SessionModel::setSchedule(int target, const QString &spec)
{
    SessionState after = m_state;
    OptimizerSettings *settings = optimizerSettings(after, target);
    if (!settings)
        return tr("Run %1 has no optimizer of its own to change.").arg(target + 1);
    QString error;
    const std::unique_ptr<LearningRateSchedule> schedule =
        LearningRateSchedule::parse(spec, &error);
    if (!schedule)
        return error;
    if (schedule->spec() == settings->schedule.spec())
        return {};
    settings->schedule = *schedule;
    push(after, tr("Set the schedule of %1").arg(optimizerTargetName(target)));
    return {};
}

int SessionModel::addRun(int lossIndex)
{
    if (lossIndex < 0 || lossIndex >= lossCount())
        return -1;
    SessionState after = m_state;
    after.losses[lossIndex].enabled = true;
    RunEntry run;
    run.lossIndex = lossIndex;
    run.colour = newRunColour(after);
    after.runs.push_back(run);
    after.selectedRun = static_cast<int>(after.runs.size()) - 1;
    after.currentLoss = lossIndex;
    push(after, tr("Add a run of %1").arg(after.losses[lossIndex].loss->displayName()));
    return after.selectedRun;
}

int SessionModel::duplicateRun(int runIndex)
{
    if (runIndex < 0 || runIndex >= runCount())
        return -1;
    SessionState after = m_state;
    const QColor colour = newRunColour(after);
    after.runs.push_back(after.runs[runIndex]);
    after.runs.back().colour = colour;
    after.selectedRun = static_cast<int>(after.runs.size()) - 1;
    push(after, tr("Duplicate run %1").arg(runIndex + 1));
    return after.selectedRun;
}

bool SessionModel::removeRun(int runIndex)
{
    if (runIndex < 0 || runIndex >= runCount())
        return false;
    SessionState after = m_state;
    eraseRuns(after, [runIndex](int index, const RunEntry &) { return index == runIndex; });
    push(after, tr("Remove run %1").arg(runIndex + 1));
    return true;
}

void SessionModel::setRunLoss(int runIndex, int lossIndex)
{
    if (runIndex < 0 || runIndex >= runCount() || lossIndex < 0 || lossIndex >= lossCount() ||
        m_state.runs[runIndex].lossIndex == lossIndex)
        return;
    SessionState after = m_state;
    after.runs[runIndex].lossIndex = lossIndex;
    after.losses[lossIndex].enabled = true;
    if (after.selectedRun == runIndex)
        after.currentLoss = lossIndex;
    push(after,
         tr("Fit %1 in run %2").arg(after.losses[lossIndex].loss->displayName()).arg(runIndex + 1));
}

void SessionModel::setRunOwnOptimizer(int runIndex, bool own)
{
    if (runIndex < 0 || runIndex >= runCount() ||
        m_state.runs[runIndex].optimizer.has_value() == own)
        return;
    SessionState after = m_state;
    if (own)
        after.runs[runIndex].optimizer = m_state.optimizer;
    else
        after.runs[runIndex].optimizer.reset();
    push(after, own ? tr("Give run %1 its own optimizer").arg(runIndex + 1)
                    : tr("Train run %1 with the session's optimizer").arg(runIndex + 1));
}

void SessionModel::setRunLearning(int runIndex, bool learnShape, bool learnScale)
{
    // c is learned only together with alpha, as AdaptiveBarronSettings allows.
    learnScale = learnScale && learnShape;
    if (runIndex < 0 || runIndex >= runCount())
        return;
    const RunEntry &run = m_state.runs[runIndex];
    if (run.learnShape == learnShape && run.learnScale == learnScale)
        return;
    SessionState after = m_state;
    after.runs[runIndex].learnShape = learnShape;
    after.runs[runIndex].learnScale = learnScale;
    push(after, !learnShape   ? tr("Hold alpha of run %1 fixed").arg(runIndex + 1)
                : learnScale ? tr("Learn alpha and c of run %1").arg(runIndex + 1)
                             : tr("Learn alpha of run %1").arg(runIndex + 1));
}

void SessionModel::setRunColour(int runIndex, const QColor &colour)
{
    if (runIndex < 0 || runIndex >= runCount() || !colour.isValid() ||
        m_state.runs[runIndex].colour == colour)
        return;
    SessionState after = m_state;
    after.runs[runIndex].colour = colour;
    push(after, tr("Colour run %1").arg(runIndex + 1));
}

void SessionModel::setRunStartTheta(int runIndex, const Eigen::Vector2d &theta)
{
    if (runIndex < 0 || runIndex >= runCount() || !theta.allFinite())
        return;
    SessionState after = m_state;
    const double slope = theta[0] / m_scaling.scale;
    after.runs[runIndex].start = LineParameters{slope, theta[1] - slope * m_scaling.mean};
    push(after, tr("Move the start of run %1").arg(runIndex + 1), RunStartMergeBase + runIndex);
}

void SessionModel::clearRunStart(int runIndex)
{
    if (runIndex < 0 || runIndex >= runCount() || !m_state.runs[runIndex].start)
        return;
    SessionState after = m_state;
    after.runs[runIndex].start.reset();
    push(after, tr("Start run %1 at the shared start").arg(runIndex + 1));
}

void SessionModel::setSelectedRun(int runIndex)
{
    if (runIndex == m_state.selectedRun || runIndex < 0 || runIndex >= runCount())
        return;
    SessionState after = m_state;
    after.selectedRun = runIndex;
    after.currentLoss = after.runs[runIndex].lossIndex;
    applyState(after);
}

} // namespace losslens
