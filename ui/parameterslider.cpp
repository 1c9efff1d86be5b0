#include "parameterslider.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QToolButton>
#include <QToolTip>

#include <cmath>

namespace losslens {

namespace {

constexpr int sliderSteps = 1000;

} // namespace

NumberBox::NumberBox(QWidget *parent) : QDoubleSpinBox(parent)
{
    setDecimals(17);
    setKeyboardTracking(false);
    setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    setAccelerated(true);
    lineEdit()->installEventFilter(this);
    installEventFilter(this);
}

bool NumberBox::eventFilter(QObject *watched, QEvent *event)
{
    // The line edit would take Ctrl+Z for its own text. A user means the window's undo of the
    // session, so the box lets the shortcut through.
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) {
            event->ignore();
            return true;
        }
    }
    return QDoubleSpinBox::eventFilter(watched, event);
}

QString NumberBox::textFromValue(double value) const
{
    return QString::number(value, 'g', 6);
}

double NumberBox::valueFromText(const QString &text) const
{
    return locale().toDouble(text.trimmed());
}

QValidator::State NumberBox::validate(QString &text, int &) const
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed == QLatin1String("-") || trimmed == QLatin1String("+") ||
        trimmed.endsWith(QLatin1Char('e'), Qt::CaseInsensitive) ||
        trimmed.endsWith(QLatin1String("e-"), Qt::CaseInsensitive))
        return QValidator::Intermediate;
    bool ok = false;
    const double value = locale().toDouble(trimmed, &ok);
    if (!ok || !std::isfinite(value))
        return QValidator::Invalid;
    return value >= minimum() && value <= maximum() ? QValidator::Acceptable
                                                    : QValidator::Intermediate;
}

void NumberBox::fixup(QString &text) const
{
    bool ok = false;
    const double value = locale().toDouble(text.trimmed(), &ok);
    const QString range = tr("[%1, %2]").arg(textFromValue(minimum()), textFromValue(maximum()));
    const QString message =
        ok && std::isfinite(value)
            ? tr("%1 is out of range; the value must lie in %2.").arg(text.trimmed(), range)
            : tr("\"%1\" is not a number; give a value in %2.").arg(text.trimmed(), range);
    QToolTip::showText(mapToGlobal(QPoint(0, height())), message, const_cast<NumberBox *>(this));
}

ParameterSlider::ParameterSlider(const Settings &settings, QWidget *parent)
    : QWidget(parent), m_settings(settings), m_value(settings.defaultValue),
      m_slider(new QSlider(Qt::Horizontal, this)), m_box(new NumberBox(this)),
      m_reset(new QToolButton(this))
{
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(settings.label, this);
    label->setBuddy(m_box);
    layout->addWidget(label, 0, 0, 1, 3);
    layout->addWidget(m_slider, 1, 0);
    layout->addWidget(m_box, 1, 1);
    layout->addWidget(m_reset, 1, 2);
    layout->setColumnStretch(0, 1);

    m_slider->setRange(0, sliderSteps);
    m_box->setRange(settings.minimum, settings.maximum);
    m_box->setMinimumWidth(90);
    m_reset->setText(QStringLiteral("↺"));
    m_reset->setToolTip(tr("Reset to the default, %1").arg(settings.defaultValue));
    for (QWidget *widget : {static_cast<QWidget *>(label), static_cast<QWidget *>(m_slider),
                            static_cast<QWidget *>(m_box)})
        widget->setToolTip(settings.toolTip);

    connect(m_slider, &QSlider::valueChanged, this, [this](int position) {
        if (m_updating)
            return;
        m_value = valueAt(position);
        showValue();
        emit valueChanged(m_value);
    });
    connect(m_slider, &QSlider::sliderReleased, this, &ParameterSlider::editFinished);
    connect(m_box, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        if (m_updating || value == m_value)
            return;
        m_value = value;
        showValue();
        emit valueChanged(m_value);
        emit editFinished();
    });
    connect(m_reset, &QToolButton::clicked, this, [this] {
        emit editFinished();
        setValue(m_settings.defaultValue);
        emit valueChanged(m_value);
        emit editFinished();
    });
    showValue();
}

void ParameterSlider::setValue(double value)
{
    m_value = value;
    showValue();
}

int ParameterSlider::sliderPosition(double value) const
{
    const double low = m_settings.sliderMinimum, high = m_settings.sliderMaximum;
    const double fraction = m_settings.logarithmic ? std::log(value / low) / std::log(high / low)
                                                   : (value - low) / (high - low);
    return static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * sliderSteps));
}

double ParameterSlider::valueAt(int position) const
{
    const double fraction = static_cast<double>(position) / sliderSteps;
    const double low = m_settings.sliderMinimum, high = m_settings.sliderMaximum;
    double value = m_settings.logarithmic ? low * std::pow(high / low, fraction)
                                          : low + fraction * (high - low);
    // Round to 3 significant digits so slider values read cleanly, as 0.0316 or 2.5.
    value = QString::number(value, 'g', 3).toDouble();
    return std::clamp(value, m_settings.minimum, m_settings.maximum);
}

void ParameterSlider::showValue()
{
    m_updating = true;
    m_slider->setValue(sliderPosition(m_value));
    m_box->setValue(m_value);
    m_updating = false;
}

} // namespace losslens
