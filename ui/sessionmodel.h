#pragma once

#include "sessionstate.h"

#include <QObject>
#include <QUndoStack>

#include <memory>

namespace losslens {

// The session the views observe: the state, the objectives derived from it and an undo stack.
// Every change goes through a setter that pushes an undoable command and emits changed().
class SessionModel : public QObject
{
    Q_OBJECT

public:
    enum Change {
        DataChanged = 0x01,
        LossSelectionChanged = 0x02,
        LossParametersChanged = 0x04,
        LearningRateChanged = 0x08,
        ScalingChanged = 0x10,
        StartChanged = 0x20,
        CurrentLossChanged = 0x40,
        // A loss was added or removed, so views that keep an item per loss rebuild them.
        LossListChanged = 0x80,
    };
    Q_DECLARE_FLAGS(Changes, Change)

    explicit SessionModel(QObject *parent = nullptr);

    const SessionState &state() const { return m_state; }
    QUndoStack *undoStack() { return &m_undoStack; }

    const Dataset &data() const { return *m_state.data; }
    int lossCount() const { return static_cast<int>(m_state.losses.size()); }
    const LossEntry &lossEntry(int index) const { return m_state.losses.at(index); }
    int lossIndex(const QString &name) const;
    FeatureScaling scaling() const { return m_scaling; }

    // The mean-loss objective of a loss on the current data, in training coordinates. Its
    // loss() is the loss as fitted and drawn, so a residual scale written scale=mad carries the
    // estimate from the current data there, while lossEntry() keeps the unresolved scale.
    std::shared_ptr<const LineObjective> objective(int lossIndex) const;
    Eigen::Vector2d startTheta() const;

    // Replaces the whole state without an undo step, as when the app starts.
    void resetState(const SessionState &state);

    void setData(std::shared_ptr<const Dataset> data, const QString &description);
    void setLossEnabled(int index, bool enabled);
    // Replaces the loss at a catalogue index, such as an edited formula, as one undo step.
    void setLoss(int index, std::shared_ptr<const Loss> loss);
    // Enables exactly the given losses, with their parameters, as one undo step. A loss whose
    // name is in the catalogue replaces that entry. Any other loss, such as a composite, is
    // appended as a removable entry.
    void setEnabledLosses(const std::vector<std::shared_ptr<const Loss>> &losses);
    void setCurrentLoss(int index);
    // Sets a validated parameter value. Changes of one parameter within one gesture merge into
    // one undo step, so a slider drag is undone at once.
    void setLossParameter(int lossIndex, int parameterIndex, double value);
    // Sets the items of a list parameter, such as cross-entropy's class weights, as one undo
    // step. The loss may resize a list that depends on it in the same step. Returns the message
    // of LossCatalogue::validateParameterList when it rejects the items, and then changes
    // nothing. Returns an empty string otherwise.
    QString setLossParameterList(int lossIndex, int parameterIndex, const QVector<double> &items);
    // Sets the residual scale of a robust regression loss as one undo step. Changes of a fixed
    // scale within one gesture merge, as a slider drag's do. Returns a message naming the loss
    // and the value when the loss takes no scale or a fixed value lies outside
    // [LossCatalogue::minimumResidualScale, maximumResidualScale], and then changes nothing.
    // Returns an empty string otherwise.
    QString setLossResidualScale(int lossIndex, const ResidualScale &scale);
    // Appends a loss, such as a composite typed as a spec, enabled, current and removable, with
    // a colour from addedLossColour(), as one undo step. Returns its index.
    int addLoss(std::shared_ptr<const Loss> loss);
    // Removes a loss that addLoss() or setEnabledLosses() added, as one undo step. Returns false,
    // changing nothing, for a catalogue entry or an index out of range.
    bool removeLoss(int index);
    void setLearningRate(double learningRate);
    void setStandardize(bool standardize);
    void setStartTheta(const Eigen::Vector2d &theta);
    // Ends the current gesture (a slider drag, a mouse drag), so the next change starts a new
    // undo step.
    void finishGesture();

    // Used by the undo commands.
    void applyState(const SessionState &state);

signals:
    void changed(losslens::SessionModel::Changes changes);

private:
    void push(const SessionState &after, const QString &text, int mergeId = -1);
    // Rebuilds the objectives; with keepUnchangedLosses only those whose loss was replaced.
    void rebuildObjectives(bool keepUnchangedLosses);

    SessionState m_state;
    FeatureScaling m_scaling;
    std::vector<std::shared_ptr<const LineObjective>> m_objectives;
    // The session's loss each objective was built from. It differs from the objective's own
    // loss when that carries an estimated residual scale.
    std::vector<std::shared_ptr<const Loss>> m_objectiveLosses;
    QUndoStack m_undoStack;
    int m_gesture = 0;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(SessionModel::Changes)

// The default session: every catalogue loss, MSE and Huber enabled, Huber current.
SessionState defaultSessionState(std::shared_ptr<const Dataset> data);

QColor lossColour(const QString &name);
// A colour for a loss that the user adds. It differs from every colour the entries use unless
// more than 43 losses have been added, when the palette and the hue steps run out.
QColor addedLossColour(const std::vector<LossEntry> &entries, const Loss &loss);

} // namespace losslens
