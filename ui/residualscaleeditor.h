#pragma once

#include "core/loss.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace losslens {

class ParameterSlider;

// The residual scale s of a robust regression loss, which then evaluates rho(e / s): none
// (s = 1), a fixed s in the data's units, or s estimated from the data as
// median(|residual|) / Phi^-1(3/4), with Phi^-1(3/4) about 0.67449 (normalQuartile), at the fit
// that s gives. In the estimated mode a line shows the current estimate.
class ResidualScaleEditor : public QWidget
{
    Q_OBJECT

public:
    // The order of the choices in modeBox().
    enum class Choice { None, Fixed, Estimated };

    explicit ResidualScaleEditor(QWidget *parent = nullptr);

    // Shows the scale as the session stores it and, from the loss's objective, the scale in
    // use, which carries the estimate in the estimated mode. Emits nothing.
    void setScale(const ResidualScale &sessionScale, const ResidualScale &scaleInUse);

    Choice choice() const;
    QComboBox *modeBox() const { return m_mode; }
    ParameterSlider *valueSlider() const { return m_value; }
    QLabel *estimateLabel() const { return m_estimate; }

signals:
    // The user chose a mode or a fixed value. The receiver validates and applies it.
    void scaleChosen(const losslens::ResidualScale &scale);
    // A drag or an edit of the fixed value ended, so the next change is a new undo step.
    void editFinished();

private:
    void onChoiceActivated(int index);
    void showChoice(Choice choice);

    QComboBox *m_mode;
    ParameterSlider *m_value;
    QLabel *m_estimate;
    // Fixed at s = 1 is stored as no scale. After the user picks Fixed, such a value stays
    // shown as Fixed, so the value box does not vanish while the user is about to type.
    bool m_fixedChosen = false;
    // The estimate last shown, which a switch from Estimated to Fixed keeps as the fixed value.
    double m_lastEstimate = 0.0;
    bool m_updating = false;
};

} // namespace losslens
