#include "sessionmodel.h"

#include "sessionruns.h"
#include "uilogging.h"

#include "core/losscatalogue.h"
#include "core/optimizercatalogue.h"

#include <QUndoCommand>

#include <algorithm>
#include <array>
#include <cmath>

namespace losslens {

namespace {

// Swaps whole session states; they share their data and losses, so this is cheap.
class StateCommand : public QUndoCommand
{
public:
    StateCommand(SessionModel *model, SessionState before, SessionState after, const QString &text,
                 int mergeId, int gesture)
        : QUndoCommand(text), m_model(model), m_before(std::move(before)),
          m_after(std::move(after)), m_mergeId(mergeId), m_gesture(gesture)
    {
    }

    void redo() override { m_model->applyState(m_after); }
    void undo() override { m_model->applyState(m_before); }
    int id() const override { return m_mergeId; }

    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *command = static_cast<const StateCommand *>(other);
        if (other->id() != m_mergeId || command->m_gesture != m_gesture)
            return false;
        m_after = static_cast<const StateCommand *>(other)->m_after;
        return true;
    }

private:
    SessionModel *m_model;
    SessionState m_before;
    SessionState m_after;
    int m_mergeId;
    int m_gesture;
};

} // namespace

QColor lossColour(const QString &name)
{
    // The first eight follow Okabe and Ito's palette, which stays distinct for colour-blind
    // viewers. The rest are from Paul Tol's muted scheme, darkened where needed to read on white.
    static const std::pair<const char *, QRgb> colours[] = {
        {"mse", 0x0072B2},
        {"mae", 0x009E73},
        {"huber", 0xD55E00},
        {"bce", 0xCC79A7},
        {"smooth_l1", 0xE69F00},
        {"logcosh", 0x56B4E9},
        {"quantile", 0x000000},
        {"epsilon_insensitive", 0x8C8C8C},
        {"barron", 0x882255},
        {"cauchy", 0x44AA99},
        {"geman_mcclure", 0x117733},
        {"welsch", 0xAA4499},
        {"tukey", 0x997700},
        {"focal", 0x332288},
        {"hinge", 0x661100},
        {"squared_hinge", 0xCC6677},
        {"modified_huber", 0x6699CC},
        {"exponential", 0xEE3377},
        {"zero_one", 0x555555},
    };
    for (const auto &[key, rgb] : colours) {
        if (name == QLatin1String(key))
            return QColor(rgb);
    }
    // A loss without an assigned colour gets a stable one from its name.
    return QColor::fromHsv(int(qHash(name) % 360), 200, 170);
}

namespace {

// Dark, saturated colours that read on white and differ from every catalogue colour, most of
// all from those of MSE, MAE and Huber, which are on by default. 0xA6761D, 0x66A61E and
// 0xE7298A are from ColorBrewer's Dark2 scheme.
constexpr std::array<QRgb, 7> addedLossPalette = {0x7B2D8E, 0xA6761D, 0x66A61E, 0xE7298A,
                                                  0x4477AA, 0x222255, 0xCC3311};
// The same colours for runs, pink and green first because they stand out most from the MSE and
// Huber runs and from the dark end of the landscape's colour map.
constexpr std::array<QRgb, 7> runPalette = {0xE7298A, 0x66A61E, 0xA6761D, 0x7B2D8E,
                                            0x4477AA, 0xCC3311, 0x222255};

// Returns the first colour of the palette that is not in used. When all are taken, it returns a
// hue derived from the seed, turned by 47 degrees at a time, up to 36 times, until it is free.
QColor distinctColour(const std::array<QRgb, 7> &palette, const std::vector<QColor> &used,
                      const QString &seed)
{
    const auto inUse = [&used](const QColor &colour) {
        return std::find(used.begin(), used.end(), colour) != used.end();
    };
    for (const QRgb rgb : palette) {
        if (!inUse(QColor(rgb)))
            return QColor(rgb);
    }
    int hue = int(qHash(seed) % 360);
    for (int turn = 0; turn < 36 && inUse(QColor::fromHsv(hue, 200, 170)); ++turn)
        hue = (hue + 47) % 360;
    return QColor::fromHsv(hue, 200, 170);
}

} // namespace

QColor addedLossColour(const std::vector<LossEntry> &entries, const Loss &loss)
{
    std::vector<QColor> used;
    for (const LossEntry &entry : entries)
        used.push_back(entry.colour);
    return distinctColour(addedLossPalette, used, loss.spec());
}

QColor newRunColour(const SessionState &state)
{
    // A ticked loss's colour stays free too, so a loss that gets its first run keeps its colour.
    std::vector<QColor> used;
    for (const RunEntry &run : state.runs)
        used.push_back(run.colour);
    for (const LossEntry &entry : state.losses) {
        if (entry.enabled)
            used.push_back(entry.colour);
    }
    return distinctColour(runPalette, used, QStringLiteral("run %1").arg(state.runs.size()));
}

SessionState defaultSessionState(std::shared_ptr<const Dataset> data)
{
    SessionState state;
    state.data = std::move(data);
    for (const QString &name : LossCatalogue::names()) {
        LossEntry entry;
        entry.loss = LossCatalogue::create(name);
        entry.enabled = name == QLatin1String("mse") || name == QLatin1String("huber");
        entry.colour = lossColour(name);
        state.losses.push_back(entry);
    }
    state.currentLoss = static_cast<int>(LossCatalogue::names().indexOf(QStringLiteral("huber")));
    // Full-batch gradient descent at 0.1 contracts the standardized MSE error by 0.8 a step,
    // because the Hessian of MSE on the standardized feature is 2 I.
    auto optimizer = OptimizerCatalogue::create(QStringLiteral("gd"));
    optimizer->setParameterValue(0, 0.1);
    state.optimizer.optimizer = std::move(optimizer);
    addMissingRuns(state);
    state.selectedRun = runOfCurrentLoss(state);
    return state;
}

SessionModel::SessionModel(QObject *parent) : QObject(parent)
{
    m_state = defaultSessionState(std::make_shared<Dataset>());
    rebuildObjectives(false);
}

int SessionModel::lossIndex(const QString &name) const
{
    for (int i = 0; i < lossCount(); ++i) {
        if (m_state.losses[i].loss->name() == name)
            return i;
    }
    return -1;
}

std::shared_ptr<const LineObjective> SessionModel::objective(int lossIndex) const
{
    return m_objectives.at(lossIndex);
}

Eigen::Vector2d SessionModel::startTheta() const
{
    const LineParameters &start = m_state.start;
    return {start.slope * m_scaling.scale, start.intercept + start.slope * m_scaling.mean};
}

void SessionModel::resetState(const SessionState &state)
{
    m_undoStack.clear();
    applyState(state);
}

void SessionModel::applyState(const SessionState &state)
{
    Changes changes;
    if (state.data != m_state.data) {
        changes |= DataChanged;
        const int lineage = editLineage(state.data);
        if (lineage >= 0 && lineage == editLineage(m_state.data))
            changes |= DataEdited;
    }
    if (state.standardize != m_state.standardize)
        changes |= ScalingChanged;
    if (!(state.optimizer == m_state.optimizer))
        changes |= OptimizerChanged;
    if (state.runs.size() != m_state.runs.size())
        changes |= RunsChanged | RunListChanged;
    else if (state.runs != m_state.runs)
        changes |= RunsChanged;
    if (state.selectedRun != m_state.selectedRun)
        changes |= SelectedRunChanged;
    if (state.start.slope != m_state.start.slope ||
        state.start.intercept != m_state.start.intercept)
        changes |= StartChanged;
    if (state.currentLoss != m_state.currentLoss)
        changes |= CurrentLossChanged;
    if (state.losses.size() != m_state.losses.size()) {
        changes |= LossSelectionChanged | LossParametersChanged | LossListChanged;
        // Removing an entry before the current one keeps the current loss at a new index, and
        // removing the current one puts another at the same index, so compare the losses too.
        const bool sameIndexedLoss =
            state.currentLoss < static_cast<int>(m_state.losses.size()) &&
            state.losses[state.currentLoss].loss == m_state.losses[state.currentLoss].loss;
        if (!sameIndexedLoss)
            changes |= CurrentLossChanged;
    } else {
        for (size_t i = 0; i < state.losses.size(); ++i) {
            if (state.losses[i].enabled != m_state.losses[i].enabled)
                changes |= LossSelectionChanged;
            if (state.losses[i].loss != m_state.losses[i].loss)
                changes |= LossParametersChanged;
        }
    }
    m_state = state;
    if (changes & (DataChanged | ScalingChanged))
        rebuildObjectives(false);
    else if (changes & LossParametersChanged)
        rebuildObjectives(true);
    emit changed(changes);
}

void SessionModel::rebuildObjectives(bool keepUnchangedLosses)
{
    // Each objective copies the scaled feature, so a slider drag on one loss rebuilds only that
    // loss's objective; new data or scaling rebuilds them all.
    if (!keepUnchangedLosses) {
        m_scaling = m_state.standardize ? FeatureScaling::standardizing(m_state.data->feature)
                                        : FeatureScaling::identity();
        m_objectives.clear();
        m_objectiveLosses.clear();
    }
    m_objectives.resize(m_state.losses.size());
    m_objectiveLosses.resize(m_state.losses.size());
    for (size_t i = 0; i < m_state.losses.size(); ++i) {
        const std::shared_ptr<const Loss> &loss = m_state.losses[i].loss;
        // Compared with the session's loss rather than the objective's, because an objective
        // with an estimated residual scale carries a copy, and the estimate is costly to repeat.
        if (!m_objectives[i] || m_objectiveLosses[i] != loss) {
            m_objectives[i] = std::make_shared<const LineObjective>(m_state.data, loss, m_scaling);
            m_objectiveLosses[i] = loss;
        }
    }
}

void SessionModel::push(const SessionState &after, const QString &text, int mergeId)
{
    m_undoStack.push(new StateCommand(this, m_state, after, text, mergeId, m_gesture));
}

void SessionModel::setData(std::shared_ptr<const Dataset> data, const QString &description)
{
    SessionState after = m_state;
    after.data = std::move(data);
    push(after, description);
}

namespace {

// Returns why a point cannot be stored, or an empty string. The bound is the CSV reader's, so
// that squares of differences of values stay finite.
QString coordinateProblem(double feature, double target, const Dataset &data)
{
    for (const auto &[value, name] :
         {std::pair{feature, data.featureName}, std::pair{target, data.targetName}}) {
        if (!std::isfinite(value) || std::abs(value) > maximumDataMagnitude)
            return SessionModel::tr("%1 = %2 is out of range; values must be finite and at most "
                                    "%3 in magnitude")
                .arg(name, QString::number(value, 'g', 6), QString::number(maximumDataMagnitude));
    }
    return {};
}

} // namespace

QString SessionModel::addDataPoint(double feature, double target)
{
    const Dataset &data = *m_state.data;
    const QString invalid = coordinateProblem(feature, target, data);
    if (!invalid.isEmpty())
        return tr("Cannot add the point: %1.").arg(invalid);
    auto edited = std::make_shared<Dataset>(data);
    const Eigen::Index size = data.size();
    edited->feature.conservativeResize(size + 1);
    edited->target.conservativeResize(size + 1);
    edited->feature[size] = feature;
    edited->target[size] = target;
    return pushDataEdit(edited, tr("Add point %1").arg(size + 1), tr("Cannot add the point"),
                        DataPointMerge);
}

QString SessionModel::moveDataPoint(int index, double feature, double target)
{
    const Dataset &data = *m_state.data;
    if (index < 0 || index >= data.size())
        return tr("Cannot move point %1: the data has %2 points.").arg(index + 1).arg(data.size());
    const QString invalid = coordinateProblem(feature, target, data);
    if (!invalid.isEmpty())
        return tr("Cannot move point %1: %2.").arg(index + 1).arg(invalid);
    if (data.feature[index] == feature && data.target[index] == target)
        return {};
    auto edited = std::make_shared<Dataset>(data);
    edited->feature[index] = feature;
    edited->target[index] = target;
    return pushDataEdit(edited, tr("Move point %1").arg(index + 1),
                        tr("Cannot move point %1 there").arg(index + 1), DataPointMerge);
}

QString SessionModel::removeDataPoint(int index)
{
    const Dataset &data = *m_state.data;
    if (index < 0 || index >= data.size())
        return tr("Cannot remove point %1: the data has %2 points.")
            .arg(index + 1)
            .arg(data.size());
    auto edited = std::make_shared<Dataset>(data);
    const Eigen::Index after = data.size() - index - 1;
    edited->feature.resize(data.size() - 1);
    edited->target.resize(data.size() - 1);
    edited->feature << data.feature.head(index), data.feature.tail(after);
    edited->target << data.target.head(index), data.target.tail(after);
    return pushDataEdit(edited, tr("Remove point %1").arg(index + 1),
                        tr("Cannot remove point %1").arg(index + 1), -1);
}

QString SessionModel::pushDataEdit(std::shared_ptr<const Dataset> edited, const QString &text,
                                   const QString &rejection, int mergeId)
{
    // Data that cannot be fitted already, such as an empty session's, may be edited towards data
    // that can, so only an edit that breaks fittable data is rejected.
    if (!lineFitProblem(*edited).isEmpty() && lineFitProblem(*m_state.data).isEmpty()) {
        const QString feature =
            edited->featureName.isEmpty() ? QStringLiteral("x") : edited->featureName;
        const QString problem =
            edited->size() < 2
                ? tr("a line needs at least 2 points, and %1 would be left. Add a point first")
                      .arg(edited->size())
                : tr("every point would have %1 = %2, so the slope of a line would be "
                     "undetermined")
                      .arg(feature, QString::number(edited->feature[0], 'g', 10));
        qCDebug(lcUi) << "data edit rejected:" << rejection << problem;
        return tr("%1: %2.").arg(rejection, problem);
    }

    int lineage = editLineage(m_state.data);
    std::erase_if(m_editedData, [](const EditedData &entry) { return entry.data.expired(); });
    if (lineage < 0) {
        lineage = ++m_lineageCount;
        m_editedData.push_back({m_state.data, lineage});
    }
    m_editedData.push_back({edited, lineage});

    SessionState after = m_state;
    after.data = std::move(edited);
    push(after, text, mergeId);
    return {};
}

int SessionModel::editLineage(const std::shared_ptr<const Dataset> &data) const
{
    if (!data)
        return -1;
    for (const EditedData &entry : m_editedData) {
        if (entry.data.lock() == data)
            return entry.lineage;
    }
    return -1;
}

void SessionModel::setLossEnabled(int index, bool enabled)
{
    if (m_state.losses.at(index).enabled == enabled)
        return;
    SessionState after = m_state;
    after.losses[index].enabled = enabled;
    // A hidden loss keeps its runs, so ticking it again brings them back as they were.
    addMissingRuns(after);
    const QString name = after.losses[index].loss->displayName();
    push(after, enabled ? tr("Show %1").arg(name) : tr("Hide %1").arg(name));
}

void SessionModel::setLoss(int index, std::shared_ptr<const Loss> loss)
{
    SessionState after = m_state;
    after.losses.at(index).loss = std::move(loss);
    push(after, tr("Edit %1").arg(after.losses[index].loss->displayName()));
}

void SessionModel::setEnabledLosses(const std::vector<std::shared_ptr<const Loss>> &losses)
{
    SessionState after = m_state;
    for (LossEntry &entry : after.losses)
        entry.enabled = false;
    const QStringList catalogue = LossCatalogue::names();
    std::vector<int> indices;
    for (const auto &loss : losses) {
        int index = lossIndex(loss->name());
        const bool usedAlready = std::find(indices.begin(), indices.end(), index) != indices.end();
        if (index < 0 || !catalogue.contains(loss->name()) || usedAlready) {
            // A composite is named "composite" whatever its terms, so each one gets its own
            // entry rather than replacing another. So does a second loss of one name, such as
            // two formulas or Huber at two deltas, so that both are shown.
            LossEntry entry;
            entry.loss = loss;
            entry.colour = addedLossColour(after.losses, *loss);
            entry.removable = true;
            after.losses.push_back(entry);
            index = static_cast<int>(after.losses.size()) - 1;
        }
        after.losses[index].loss = loss;
        after.losses[index].enabled = true;
        indices.push_back(index);
    }
    int first = indices.empty() ? -1 : indices.front();
    // Keep a loss with parameters current, so its sliders are in view.
    for (size_t k = 0; k < losses.size(); ++k) {
        if (!losses[k]->parameters().empty()) {
            first = indices[k];
            break;
        }
    }
    if (first >= 0)
        after.currentLoss = first;
    // A new choice of losses replaces the runs too: the runs of losses left out go.
    eraseRuns(after,
              [&after](int, const RunEntry &run) { return !after.losses[run.lossIndex].enabled; });
    addMissingRuns(after);
    after.selectedRun = runOfCurrentLoss(after);
    push(after, tr("Choose losses"));
}

void SessionModel::setCurrentLoss(int index)
{
    if (index == m_state.currentLoss || index < 0 || index >= lossCount())
        return;
    // Which loss is on the sliders is a view choice, not an edit, so it is not undoable.
    SessionState after = m_state;
    after.currentLoss = index;
    applyState(after);
}

void SessionModel::setLossParameter(int lossIndex, int parameterIndex, double value)
{
    const Loss &loss = *m_state.losses.at(lossIndex).loss;
    if (loss.parameterValue(parameterIndex) == value)
        return;
    if (!LossCatalogue::validateParameter(loss, parameterIndex, value).isEmpty())
        return;
    std::unique_ptr<Loss> changedLoss = loss.clone();
    changedLoss->setParameterValue(parameterIndex, value);
    SessionState after = m_state;
    after.losses[lossIndex].loss = std::move(changedLoss);
    const QString key = loss.parameters().at(parameterIndex).key;
    push(after, tr("Set %1 %2").arg(loss.displayName(), key),
         ParameterMergeBase + lossIndex * 16 + parameterIndex);
}

QString SessionModel::setLossParameterList(int lossIndex, int parameterIndex,
                                           const QVector<double> &items)
{
    const Loss &loss = *m_state.losses.at(lossIndex).loss;
    const QString error = LossCatalogue::validateParameterList(loss, parameterIndex, items);
    if (!error.isEmpty() || loss.parameterList(parameterIndex) == items)
        return error;
    std::unique_ptr<Loss> changedLoss = loss.clone();
    changedLoss->setParameterList(parameterIndex, items);
    SessionState after = m_state;
    after.losses[lossIndex].loss = std::move(changedLoss);
    const QString key = loss.parameters().at(parameterIndex).key;
    push(after, tr("Set %1 %2").arg(loss.displayName(), key));
    return {};
}

QString SessionModel::setLossResidualScale(int lossIndex, const ResidualScale &scale)
{
    const Loss &loss = *m_state.losses.at(lossIndex).loss;
    if (!loss.acceptsResidualScale()) {
        return tr("%1 takes no residual scale; only robust regression losses such as huber do.")
            .arg(loss.name());
    }
    ResidualScale requested = scale;
    if (requested.isEstimatedFromData()) {
        // The session's loss keeps the scale unresolved, and each objective makes its estimate.
        requested.value = 1.0;
        requested.estimated = false;
    } else if (!std::isfinite(requested.value) ||
               !(requested.value >= LossCatalogue::minimumResidualScale) ||
               requested.value > LossCatalogue::maximumResidualScale) {
        return tr("%1: the scale %2 is out of range; a fixed scale must lie in [%3, %4].")
            .arg(loss.name(), formatNumber(requested.value),
                 QString::number(LossCatalogue::minimumResidualScale, 'g', 6),
                 QString::number(LossCatalogue::maximumResidualScale, 'g', 6));
    } else {
        requested.estimated = false;
    }
    const ResidualScale &current = loss.residualScale();
    if (current.mode == requested.mode && current.value == requested.value)
        return {};
    std::unique_ptr<Loss> changedLoss = loss.clone();
    changedLoss->setResidualScale(requested);
    SessionState after = m_state;
    after.losses[lossIndex].loss = std::move(changedLoss);
    // Only a fixed value merges, so a drag of its slider is one step but a mode switch is not.
    const bool dragged =
        current.mode == ResidualScale::Mode::Fixed && requested.mode == ResidualScale::Mode::Fixed;
    push(after, tr("Set %1 scale").arg(loss.displayName()),
         dragged ? ScaleMergeBase + lossIndex : -1);
    return {};
}

int SessionModel::addLoss(std::shared_ptr<const Loss> loss)
{
    SessionState after = m_state;
    LossEntry entry;
    entry.colour = addedLossColour(after.losses, *loss);
    entry.loss = std::move(loss);
    entry.enabled = true;
    entry.removable = true;
    after.losses.push_back(entry);
    after.currentLoss = static_cast<int>(after.losses.size()) - 1;
    addMissingRuns(after);
    after.selectedRun = static_cast<int>(after.runs.size()) - 1;
    qCDebug(lcUi) << "adding loss" << entry.loss->spec() << "at" << after.currentLoss;
    push(after, tr("Add %1").arg(entry.loss->displayName()));
    return after.currentLoss;
}

bool SessionModel::removeLoss(int index)
{
    if (index < 0 || index >= lossCount() || !m_state.losses[index].removable)
        return false;
    SessionState after = m_state;
    const QString name = after.losses[index].loss->displayName();
    qCDebug(lcUi) << "removing loss" << after.losses[index].loss->spec() << "at" << index;
    after.losses.erase(after.losses.begin() + index);
    // The runs of the removed loss go with it, and the others keep pointing at their losses.
    eraseRuns(after, [index](int, const RunEntry &run) { return run.lossIndex == index; });
    for (RunEntry &run : after.runs) {
        if (run.lossIndex > index)
            --run.lossIndex;
    }
    // The current loss stays the same loss. When it is the one removed, the entry before it
    // becomes current.
    if (after.currentLoss >= index)
        after.currentLoss = std::max(0, after.currentLoss - 1);
    push(after, tr("Remove %1").arg(name));
    return true;
}

void SessionModel::setLearningRate(double learningRate)
{
    const QString error = setOptimizerParameter(sessionOptimizer, 0, learningRate);
    if (!error.isEmpty())
        qCWarning(lcUi) << "learning rate rejected:" << error;
}

void SessionModel::setStandardize(bool standardize)
{
    if (standardize == m_state.standardize)
        return;
    SessionState after = m_state;
    after.standardize = standardize;
    push(after, standardize ? tr("Standardize feature") : tr("Use raw feature"));
}

void SessionModel::finishGesture()
{
    ++m_gesture;
}

void SessionModel::setStartTheta(const Eigen::Vector2d &theta)
{
    if (!theta.allFinite())
        return;
    SessionState after = m_state;
    const double slope = theta[0] / m_scaling.scale;
    after.start = {slope, theta[1] - slope * m_scaling.mean};
    for (RunEntry &run : after.runs)
        run.start.reset();
    push(after, tr("Move start point"), StartMerge);
}

} // namespace losslens
