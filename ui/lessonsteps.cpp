#include "lessonsteps.h"

#include "runtrack.h"

#include "sessionmodel.h"
#include "sessionruns.h"
#include "viewregistry.h"

#include "core/losscatalogue.h"
#include "core/optimizercatalogue.h"

#include <QCoreApplication>

namespace losslens {

namespace {

// The ticked loss of a name, or -1.
int enabledLossIndex(const SessionState &state, const QString &name)
{
    for (int i = 0; i < static_cast<int>(state.losses.size()); ++i) {
        if (state.losses[i].enabled && state.losses[i].loss->name() == name)
            return i;
    }
    return -1;
}

// Ticks exactly these losses, as SessionModel::setEnabledLosses does: a catalogue loss replaces
// its entry (appended when the session lacks it) and any other loss gets a removable entry.
void enableLosses(SessionState &state, const std::vector<std::shared_ptr<const Loss>> &losses)
{
    for (LossEntry &entry : state.losses)
        entry.enabled = false;
    const QStringList catalogue = LossCatalogue::names();
    int current = -1;
    for (const auto &loss : losses) {
        int index = -1;
        if (catalogue.contains(loss->name())) {
            for (int i = 0; i < static_cast<int>(state.losses.size()) && index < 0; ++i) {
                if (state.losses[i].loss->name() == loss->name() && !state.losses[i].removable)
                    index = i;
            }
        }
        if (index < 0) {
            LossEntry entry;
            entry.loss = loss;
            const bool known = catalogue.contains(loss->name());
            entry.colour = known ? lossColour(loss->name()) : addedLossColour(state.losses, *loss);
            entry.removable = !known;
            state.losses.push_back(entry);
            index = static_cast<int>(state.losses.size()) - 1;
        }
        state.losses[index].loss = loss;
        state.losses[index].enabled = true;
        // The first loss with parameters is current, so its sliders are in view.
        if (current < 0 && !loss->parameters().empty())
            current = index;
    }
    if (current < 0)
        current = enabledLossIndex(state, losses.front()->name());
    state.currentLoss = current;
    eraseRuns(state,
              [&state](int, const RunEntry &run) { return !state.losses[run.lossIndex].enabled; });
    addMissingRuns(state);
    state.selectedRun = runOfCurrentLoss(state);
}

// A colour for a new run: its loss's colour while no run has it, else one no run uses.
QColor runColour(const SessionState &state, int lossIndex)
{
    const QColor colour = state.losses[lossIndex].colour;
    for (const RunEntry &run : state.runs) {
        if (run.colour == colour)
            return newRunColour(state);
    }
    return colour;
}

class StepApplier
{
    Q_DECLARE_TR_FUNCTIONS(Lesson)

public:
    StepApplier(SessionState state, QStringList hidden)
        : m_state(std::move(state)), m_hidden(std::move(hidden))
    {
    }

    const SessionState &state() const { return m_state; }
    const QStringList &hidden() const { return m_hidden; }

    // Applies the settings in the order their comments in LessonStepSettings assume. Returns an
    // error naming the setting under path, or an empty string.
    QString apply(const LessonStepSettings &settings, const QString &path)
    {
        if (settings.data)
            m_state.data = settings.data;
        if (settings.losses)
            enableLosses(m_state, *settings.losses);
        if (settings.currentLoss) {
            const int index = enabledLossIndex(m_state, settings.currentLoss->name());
            if (index < 0) {
                return tr("%1.current_loss: no ticked loss is named \"%2\"")
                    .arg(path, settings.currentLoss->name());
            }
            m_state.losses[index].loss = settings.currentLoss;
            m_state.currentLoss = index;
            m_state.selectedRun = runOfCurrentLoss(m_state);
        }
        if (settings.optimizer)
            m_state.optimizer = *settings.optimizer;
        if (settings.learningRate) {
            const QString problem = setLearningRate(*settings.learningRate);
            if (!problem.isEmpty())
                return tr("%1.learning_rate: %2").arg(path, problem);
        }
        if (settings.standardize)
            m_state.standardize = *settings.standardize;
        if (settings.start) {
            m_state.start = *settings.start;
            for (RunEntry &run : m_state.runs)
                run.start.reset();
        }
        if (settings.runs) {
            const QString problem = replaceRuns(*settings.runs, path + QStringLiteral(".runs"));
            if (!problem.isEmpty())
                return problem;
        }
        if (settings.selectedRun) {
            if (*settings.selectedRun >= static_cast<int>(m_state.runs.size())) {
                return tr("%1.selected_run: %2 is not a run; the step has %3 runs")
                    .arg(path)
                    .arg(*settings.selectedRun)
                    .arg(m_state.runs.size());
            }
            m_state.selectedRun = *settings.selectedRun;
            m_state.currentLoss = m_state.runs[m_state.selectedRun].lossIndex;
        }
        if (settings.hiddenViews) {
            for (const QString &name : *settings.hiddenViews) {
                if (!hideableViewNames().contains(name)) {
                    return tr("%1.hidden: \"%2\" is not a view or control; known names are %3")
                        .arg(path, name, hideableViewNames().join(QStringLiteral(", ")));
                }
            }
            m_hidden = *settings.hiddenViews;
        }
        return checkRunsFit(path);
    }

private:
    QString setLearningRate(double learningRate)
    {
        std::unique_ptr<Optimizer> optimizer = m_state.optimizer.optimizer->clone();
        const int index = optimizer->parameterIndex(QStringLiteral("learning_rate"));
        if (index < 0)
            return tr("%1 has no learning rate").arg(optimizer->spec());
        const QString problem = OptimizerCatalogue::validateParameter(*optimizer, index,
                                                                      learningRate);
        if (!problem.isEmpty())
            return problem;
        optimizer->setParameterValue(index, learningRate);
        m_state.optimizer.optimizer = std::move(optimizer);
        return {};
    }

    QString replaceRuns(const std::vector<LessonRun> &runs, const QString &path)
    {
        m_state.runs.clear();
        for (int i = 0; i < static_cast<int>(runs.size()); ++i) {
            const LessonRun &lessonRun = runs[i];
            const QString runPath = QStringLiteral("%1[%2]").arg(path).arg(i);
            RunEntry run;
            run.lossIndex = enabledLossIndex(m_state, lessonRun.lossName);
            if (run.lossIndex < 0) {
                return tr("%1.loss: no ticked loss is named \"%2\"")
                    .arg(runPath, lessonRun.lossName);
            }
            if (lessonRun.learnShape && lessonRun.lossName != QLatin1String("barron"))
                return tr("%1.learn_shape: only a run of Barron's loss learns its shape")
                    .arg(runPath);
            if (lessonRun.learnScale && !lessonRun.learnShape)
                return tr("%1.learn_scale: a run learns its scale only with its shape")
                    .arg(runPath);
            run.optimizer = lessonRun.optimizer;
            run.start = lessonRun.start;
            run.learnShape = lessonRun.learnShape;
            run.learnScale = lessonRun.learnScale;
            run.colour = runColour(m_state, run.lossIndex);
            m_state.runs.push_back(run);
        }
        m_state.selectedRun = runOfCurrentLoss(m_state);
        return {};
    }

    // Every run must train: a run of a loss that cannot be fitted to the data would show
    // nothing, and the step's text would describe a run that is not there.
    QString checkRunsFit(const QString &path) const
    {
        if (m_state.runs.empty())
            return tr("%1: the step has no runs").arg(path);
        SessionModel model;
        model.resetState(m_state);
        for (const RunEntry &run : m_state.runs) {
            const QString problem = model.objective(run.lossIndex)->applicabilityError();
            if (!problem.isEmpty()) {
                return tr("%1: %2 cannot be fitted to %3: %4")
                    .arg(path, model.lossEntry(run.lossIndex).loss->displayName(),
                         m_state.data->source, problem);
            }
            // Learning alpha starts from the loss's alpha, which must lie inside the learnable
            // range, so the step's Barron loss may not allow it.
            QString adaptiveProblem;
            if (run.learnShape &&
                !adaptiveSettings(*model.objective(run.lossIndex), run.learnScale,
                                  &adaptiveProblem)) {
                return tr("%1.runs: %2").arg(path, adaptiveProblem);
            }
        }
        return {};
    }

    SessionState m_state;
    QStringList m_hidden;
};

} // namespace

std::optional<std::vector<ResolvedLessonStep>> resolveLessonSteps(const SessionDocument &document,
                                                                  QString *error)
{
    if (!document.lesson) {
        *error = StepApplier::tr("The session has no lesson.");
        return std::nullopt;
    }
    StepApplier applier(document.state, document.hiddenViews);
    std::vector<ResolvedLessonStep> resolved;
    const std::vector<LessonStep> &steps = document.lesson->steps;
    for (int i = 0; i < static_cast<int>(steps.size()); ++i) {
        const QString path = QStringLiteral("lesson.steps[%1].set").arg(i);
        const QString problem = applier.apply(steps[i].settings, path);
        if (!problem.isEmpty()) {
            *error = StepApplier::tr("Lesson \"%1\", step %2: %3.")
                         .arg(document.lesson->title)
                         .arg(i + 1)
                         .arg(problem);
            return std::nullopt;
        }
        ResolvedLessonStep step;
        step.document.state = applier.state();
        step.document.hiddenViews = applier.hidden();
        step.document.landscapeRange = steps[i].settings.landscapeRange;
        step.play = steps[i].settings.play;
        resolved.push_back(step);
    }
    return resolved;
}

} // namespace losslens
