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
    // The target of the optimizer setters that means the session's optimizer, which every run
    // without its own trains with. Any other target is a run's index.
    static constexpr int sessionOptimizer = -1;

    enum Change {
        DataChanged = 0x01,
        LossSelectionChanged = 0x02,
        LossParametersChanged = 0x04,
        // The session's optimizer or its schedule, which the optimizer panel shows.
        OptimizerChanged = 0x08,
        ScalingChanged = 0x10,
        StartChanged = 0x20,
        CurrentLossChanged = 0x40,
        // A loss was added or removed, so views that keep an item per loss rebuild them.
        LossListChanged = 0x80,
        // A run's loss, own optimizer, own start or colour changed.
        RunsChanged = 0x100,
        // A run was added or removed, so views that keep an item per run rebuild them.
        RunListChanged = 0x200,
        SelectedRunChanged = 0x400,
        // Set with DataChanged when the new data comes from the old by adding, moving or removing
        // points, or by undoing or redoing such edits, so views may keep their zoom.
        DataEdited = 0x800,
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
    // The session's start point in training coordinates.
    Eigen::Vector2d startTheta() const;

    int runCount() const { return static_cast<int>(m_state.runs.size()); }
    const RunEntry &runEntry(int runIndex) const { return m_state.runs.at(runIndex); }
    // The optimizer and schedule a run trains with: its own, or the session's.
    const OptimizerSettings &runOptimizer(int runIndex) const;
    // The start of a run in training coordinates: its own, or the session's.
    Eigen::Vector2d runStartTheta(int runIndex) const;
    // Whether a run trains: its loss is ticked and can be fitted to the data.
    bool isRunActive(int runIndex) const;
    // The loss and the optimizer of a run, as legends show it: "Huber · Adam, lr 0.01". Runs
    // whose labels would be equal get their number appended, as in "Huber · Adam, lr 0.01 #3".
    QString runLabel(int runIndex) const;
    // The settings that the optimizer setters change for a target: the session's optimizer for
    // sessionOptimizer, a run's own otherwise. Returns nullptr for a run without its own
    // optimizer or an index out of range.
    const OptimizerSettings *optimizerSettings(int target) const;

    // Replaces the whole state without an undo step, as when the app starts.
    void resetState(const SessionState &state);

    void setData(std::shared_ptr<const Dataset> data, const QString &description);
    // The point edits below change the data as one undo step each, except that an add and the
    // moves that follow it within one gesture merge into one step, so a mouse drag is undone at
    // once. Each rejects an index out of range and a coordinate that is not finite or exceeds
    // maximumDataMagnitude. Each also rejects an edit that would leave data that a line cannot
    // be fitted to (lineFitProblem), unless the current data cannot be fitted either. A
    // rejection changes nothing and returns a message naming the point and the problem.
    // Otherwise each returns an empty string.
    //
    // Appends a point (feature, target) to the data.
    QString addDataPoint(double feature, double target);
    // Moves the point at a 0-based index to (feature, target).
    QString moveDataPoint(int index, double feature, double target);
    // Removes the point at a 0-based index.
    QString removeDataPoint(int index);
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
    // Sets the learning rate of the session's optimizer, as --learning-rate does.
    void setLearningRate(double learningRate);
    // Switches the target's optimizer to a method of OptimizerCatalogue::names(), as one undo
    // step. The learning rate carries over and the other hyperparameters take the method's
    // defaults. Returns a message naming the method when it is unknown, and then changes
    // nothing; returns an empty string otherwise.
    QString setOptimizerMethod(int target, const QString &name);
    // Sets one hyperparameter of the target's optimizer. Changes of one parameter within one
    // gesture merge into one undo step. Returns the message of
    // OptimizerCatalogue::validateParameter for an invalid value, and then changes nothing.
    QString setOptimizerParameter(int target, int parameterIndex, double value);
    // Sets the target's learning rate schedule from a spec such as cosine:period=100, as one undo
    // step. Returns the parser's message for an invalid spec, and then changes nothing.
    QString setSchedule(int target, const QString &spec);

    // Appends a run of a loss with the session's optimizer and start and a colour that no other
    // run uses, ticks the loss and selects the run, as one undo step. Returns its index, or -1
    // for a loss index out of range.
    int addRun(int lossIndex);
    // Appends a copy of a run with a colour of its own and selects it. Returns its index, or -1.
    int duplicateRun(int runIndex);
    // Removes a run as one undo step. Returns false, changing nothing, for an index out of range.
    bool removeRun(int runIndex);
    // Makes a run fit another loss of the session, and ticks that loss, as one undo step.
    void setRunLoss(int runIndex, int lossIndex);
    // Gives a run its own optimizer, a copy of the one it trains with, or makes it train with
    // the session's again.
    void setRunOwnOptimizer(int runIndex, bool own);
    void setRunColour(int runIndex, const QColor &colour);
    // Sets whether a run learns Barron's alpha, and c with it, by maximum likelihood, as one undo
    // step. learnScale counts only with learnShape.
    void setRunLearning(int runIndex, bool learnShape, bool learnScale);
    // Whether the run trains AdaptiveBarronTraining: it learns alpha and its loss is Barron's.
    bool isRunAdaptive(int runIndex) const;
    // Sets one run's own start from a point in training coordinates. Changes within one gesture
    // merge, as a mouse drag's do.
    void setRunStartTheta(int runIndex, const Eigen::Vector2d &theta);
    // Makes a run start at the session's start again.
    void clearRunStart(int runIndex);
    // Selects a run and makes its loss current, so the landscape under its arrows is its own.
    // A view choice, so not undoable.
    void setSelectedRun(int runIndex);

    void setStandardize(bool standardize);
    // Sets the start of every run: the session's start, and no run keeps its own.
    void setStartTheta(const Eigen::Vector2d &theta);
    // Ends the current gesture (a slider drag, a mouse drag), so the next change starts a new
    // undo step.
    void finishGesture();

    // Used by the undo commands.
    void applyState(const SessionState &state);

signals:
    void changed(losslens::SessionModel::Changes changes);

private:
    // Parameter merge ids are ParameterMergeBase + 16 lossIndex + parameterIndex, below
    // ScaleMergeBase for fewer than 65,000 losses, so the two ranges never meet.
    // Optimizer merge ids are OptimizerMergeBase + 16 (target + 1) + parameterIndex, and run start
    // merge ids RunStartMergeBase + runIndex, so no two ranges meet below 2^18 runs.
    enum MergeId {
        StartMerge = 2,
        DataPointMerge = 3,
        ParameterMergeBase = 100,
        ScaleMergeBase = 1 << 20,
        OptimizerMergeBase = 1 << 22,
        RunStartMergeBase = 1 << 26,
    };

    void push(const SessionState &after, const QString &text, int mergeId = -1);
    // The settings that a target's setters replace in a copy of the state, or nullptr.
    OptimizerSettings *optimizerSettings(SessionState &state, int target) const;
    QString optimizerTargetName(int target) const;
    // Rebuilds the objectives; with keepUnchangedLosses only those whose loss was replaced.
    void rebuildObjectives(bool keepUnchangedLosses);
    // Checks an edited copy of the data and pushes it. Returns the rejection message or empty.
    QString pushDataEdit(std::shared_ptr<const Dataset> edited, const QString &text,
                         const QString &rejection, int mergeId);
    // The edit lineage of a data set: the number shared by every data set that point edits made
    // from one loaded data set, or -1 for data that no edit made or started from.
    int editLineage(const std::shared_ptr<const Dataset> &data) const;

    SessionState m_state;
    FeatureScaling m_scaling;
    std::vector<std::shared_ptr<const LineObjective>> m_objectives;
    // The session's loss each objective was built from. It differs from the objective's own
    // loss when that carries an estimated residual scale.
    std::vector<std::shared_ptr<const Loss>> m_objectiveLosses;
    QUndoStack m_undoStack;
    int m_gesture = 0;
    // Every live data set that took part in a point edit, with its edit lineage. Weak, so data
    // that no state or undo step references any more drops out.
    struct EditedData
    {
        std::weak_ptr<const Dataset> data;
        int lineage = 0;
    };
    std::vector<EditedData> m_editedData;
    int m_lineageCount = 0;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(SessionModel::Changes)

// The default session: every catalogue loss, MSE and Huber enabled, Huber current, one run for
// each of the two in the loss's colour, and full-batch gradient descent at a learning rate of
// 0.1.
SessionState defaultSessionState(std::shared_ptr<const Dataset> data);

// A colour for a new run that no run of the state uses, unless more than 43 runs exist.
QColor newRunColour(const SessionState &state);

QColor lossColour(const QString &name);
// A colour for a loss that the user adds. It differs from every colour the entries use unless
// more than 43 losses have been added, when the palette and the hue steps run out.
QColor addedLossColour(const std::vector<LossEntry> &entries, const Loss &loss);

} // namespace losslens
