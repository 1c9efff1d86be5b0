#pragma once

#include "sessionmodel.h"

#include <QStringList>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;
class QVBoxLayout;

namespace losslens {

class NumberBox;
class ParameterSlider;

// An optimizer of the session: the session's own, which every run without one trains with, or
// a run's own. It shows the method, its hyperparameters and the learning rate schedule. Real
// hyperparameters get a slider with a value box (the learning rate's slider is logarithmic),
// whole-number ones (batch size, seed) a box. Every control writes to the session model at once,
// one undo step per gesture, and follows the model on undo.
class OptimizerPanel : public QWidget
{
    Q_OBJECT

public:
    // target is SessionModel::sessionOptimizer or a run's index.
    OptimizerPanel(SessionModel *model, int target, QWidget *parent = nullptr);

    int target() const { return m_target; }
    // Shows another target's optimizer, as when the selected run changes.
    void setTarget(int target);

    QComboBox *methodBox() const { return m_method; }
    ParameterSlider *learningRateSlider() const
    {
        return parameterSlider(QStringLiteral("learning_rate"));
    }
    // The slider of a real hyperparameter, or nullptr.
    ParameterSlider *parameterSlider(const QString &key) const;
    // The box of a whole-number hyperparameter such as batch_size or seed, or nullptr.
    QDoubleSpinBox *wholeNumberBox(const QString &key) const;
    QComboBox *scheduleBox() const { return m_schedule; }
    // The boxes of the schedule's parameters: interval and period are whole numbers.
    QSpinBox *intervalBox() const { return m_interval; }
    QSpinBox *periodBox() const { return m_period; }
    NumberBox *factorBox() const { return m_factor; }
    NumberBox *minimumBox() const { return m_minimum; }
    // The line that explains a rejected schedule or hyperparameter. It is hidden otherwise.
    QLabel *messageLabel() const { return m_message; }

private:
    void onModelChanged(SessionModel::Changes changes);
    // Shows the target's settings, rebuilding the hyperparameter widgets for another method.
    void sync();
    void rebuildParameters(const Optimizer &optimizer);
    void addSlider(const Optimizer &optimizer, int index);
    void addWholeNumberBox(const Optimizer &optimizer, int index);
    void syncSchedule(const LearningRateSchedule &schedule);
    // Applies the schedule the widgets show, or explains why the model rejects it.
    void applySchedule();
    void applyParameter(int index, double value);
    void showMessage(const QString &message);

    SessionModel *m_model;
    int m_target;
    QComboBox *m_method;
    QVBoxLayout *m_parameterLayout;
    std::vector<std::pair<QString, ParameterSlider *>> m_sliders;
    std::vector<std::pair<QString, QDoubleSpinBox *>> m_wholeNumberBoxes;
    std::vector<QWidget *> m_parameterWidgets;
    // Name and parameter keys of the optimizer the widgets were built for.
    QString m_builtName;
    QStringList m_builtKeys;
    QComboBox *m_schedule;
    QFormLayout *m_scheduleLayout;
    QSpinBox *m_interval;
    NumberBox *m_factor;
    QSpinBox *m_period;
    NumberBox *m_minimum;
    QLabel *m_message;
    bool m_syncing = false;
};

} // namespace losslens
