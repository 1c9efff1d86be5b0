#pragma once

#include <QDoubleSpinBox>
#include <QWidget>

class QLabel;
class QSlider;
class QToolButton;

namespace losslens {

// A spin box that shows and accepts any double in its range with up to 6 significant digits,
// so a typed value is never rounded to a fixed number of decimals.
class NumberBox : public QDoubleSpinBox
{
    Q_OBJECT

public:
    explicit NumberBox(QWidget *parent = nullptr);

    QString textFromValue(double value) const override;
    double valueFromText(const QString &text) const override;
    QValidator::State validate(QString &text, int &position) const override;
    // Shows in a tooltip why the text is not a valid value. Qt calls it on Return or focus loss,
    // and the box then returns to its last valid value.
    void fixup(QString &text) const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

// A named parameter: a slider over a comfortable range (linear or logarithmic), a value box
// that accepts the parameter's whole valid range, and a button that restores the default.
class ParameterSlider : public QWidget
{
    Q_OBJECT

public:
    struct Settings
    {
        QString label;
        QString toolTip;
        double defaultValue = 1.0;
        // The range the value box accepts.
        double minimum = 0.0;
        double maximum = 1.0;
        // The range the slider covers, inside [minimum, maximum].
        double sliderMinimum = 0.0;
        double sliderMaximum = 1.0;
        bool logarithmic = false;
    };

    explicit ParameterSlider(const Settings &settings, QWidget *parent = nullptr);

    double value() const { return m_value; }
    void setValue(double value);
    QSlider *slider() const { return m_slider; }
    NumberBox *valueBox() const { return m_box; }

signals:
    // The user changed the value with the slider, the box or the reset button.
    void valueChanged(double value);
    // A drag or an edit ended, so the next change is a new undo step.
    void editFinished();

private:
    int sliderPosition(double value) const;
    double valueAt(int position) const;
    void showValue();

    Settings m_settings;
    double m_value;
    QSlider *m_slider;
    NumberBox *m_box;
    QToolButton *m_reset;
    bool m_updating = false;
};

} // namespace losslens
