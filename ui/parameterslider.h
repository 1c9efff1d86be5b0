#pragma once

#include "numberbox.h"

#include <QWidget>

class QLabel;
class QSlider;
class QToolButton;

namespace losslens {

// A named parameter: a slider over a comfortable range (linear or logarithmic), a value box
// that accepts the parameter's whole valid range, a button that restores the default, and a
// message line under them that explains a rejected entry.
class ParameterSlider : public QWidget
{
    Q_OBJECT

public:
    struct Settings
    {
        QString label;
        QString toolTip;
        double defaultValue = 1.0;
        // The range the value box accepts. An infinite bound is a value of its own, which the
        // slider's end position selects.
        double minimum = 0.0;
        double maximum = 1.0;
        // The range the slider covers, inside [minimum, maximum] and finite. A value outside it
        // puts the slider at its end.
        double sliderMinimum = 0.0;
        double sliderMaximum = 1.0;
        bool logarithmic = false;
    };

    explicit ParameterSlider(const Settings &settings, QWidget *parent = nullptr);

    double value() const { return m_value; }
    void setValue(double value);
    QSlider *slider() const { return m_slider; }
    NumberBox *valueBox() const { return m_box; }
    // The line that shows why a typed value was rejected. It is hidden otherwise.
    QLabel *messageLabel() const { return m_message; }

signals:
    // The user changed the value with the slider, the box or the reset button.
    void valueChanged(double value);
    // A drag or an edit ended, so the next change is a new undo step.
    void editFinished();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showMessageColour();
    int sliderPosition(double value) const;
    double valueAt(int position) const;
    // The slider positions of sliderMinimum and sliderMaximum. They are the slider's ends unless
    // an infinite bound takes the end position.
    int firstFinitePosition() const;
    int lastFinitePosition() const;
    void showValue();

    Settings m_settings;
    double m_value;
    QSlider *m_slider;
    NumberBox *m_box;
    QToolButton *m_reset;
    QLabel *m_message;
    bool m_updating = false;
};

} // namespace losslens
