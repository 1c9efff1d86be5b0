#include "sessionmodel.h"

#include "core/losscatalogue.h"

#include <QUndoCommand>

namespace losslens {

namespace {

enum MergeId { LearningRateMerge = 1, StartMerge = 2, ParameterMergeBase = 100 };

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
    if (state.data != m_state.data)
        changes |= DataChanged;
    if (state.standardize != m_state.standardize)
        changes |= ScalingChanged;
    if (state.learningRate != m_state.learningRate)
        changes |= LearningRateChanged;
    if (state.start.slope != m_state.start.slope ||
        state.start.intercept != m_state.start.intercept)
        changes |= StartChanged;
    if (state.currentLoss != m_state.currentLoss)
        changes |= CurrentLossChanged;
    if (state.losses.size() != m_state.losses.size()) {
        changes |= LossSelectionChanged | LossParametersChanged;
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
    }
    m_objectives.resize(m_state.losses.size());
    for (size_t i = 0; i < m_state.losses.size(); ++i) {
        const std::shared_ptr<const Loss> &loss = m_state.losses[i].loss;
        if (!m_objectives[i] || m_objectives[i]->sharedLoss() != loss)
            m_objectives[i] = std::make_shared<const LineObjective>(m_state.data, loss, m_scaling);
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

void SessionModel::setLossEnabled(int index, bool enabled)
{
    if (m_state.losses.at(index).enabled == enabled)
        return;
    SessionState after = m_state;
    after.losses[index].enabled = enabled;
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
    int first = -1;
    for (const auto &loss : losses) {
        const int index = lossIndex(loss->name());
        if (index < 0)
            continue;
        after.losses[index].loss = loss;
        after.losses[index].enabled = true;
        if (first < 0)
            first = index;
    }
    // Keep a loss with parameters current, so its sliders are in view.
    for (const auto &loss : losses) {
        if (!loss->parameters().empty()) {
            first = lossIndex(loss->name());
            break;
        }
    }
    if (first >= 0)
        after.currentLoss = first;
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

void SessionModel::setLearningRate(double learningRate)
{
    if (learningRate == m_state.learningRate || !(learningRate > 0.0))
        return;
    SessionState after = m_state;
    after.learningRate = learningRate;
    push(after, tr("Set learning rate"), LearningRateMerge);
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
    SessionState after = m_state;
    const double slope = theta[0] / m_scaling.scale;
    after.start = {slope, theta[1] - slope * m_scaling.mean};
    push(after, tr("Move start point"), StartMerge);
}

} // namespace losslens
