#include "parameterslider.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>

#include <cmath>

namespace losslens {

namespace {

constexpr int sliderSteps = 1000;

} // namespace

ParameterSlider::ParameterSlider(const Settings &settings, QWidget *parent)
    : QWidget(parent), m_settings(settings), m_value(settings.defaultValue),
      m_slider(new QSlider(Qt::Horizontal, this)), m_box(new NumberBox(this)),
      m_reset(new QToolButton(this)), m_message(new QLabel(this))
{
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(settings.label, this);
    label->setBuddy(m_box);
    layout->addWidget(label, 0, 0, 1, 3);
    layout->addWidget(m_slider, 1, 0);
    layout->addWidget(m_box, 1, 1);
    layout->addWidget(m_reset, 1, 2);
    layout->addWidget(m_message, 2, 0, 1, 3);
    layout->setColumnStretch(0, 1);

    m_slider->setRange(0, sliderSteps);
    m_box->setRange(settings.minimum, settings.maximum);
    m_box->setMinimumWidth(90);
    m_reset->setText(QStringLiteral("↺"));
    m_reset->setToolTip(
        tr("Reset to the default, %1").arg(m_box->textFromValue(settings.defaultValue)));
    m_message->setWordWrap(true);
    showMessageColour();
    m_message->hide();
    for (QWidget *widget : {static_cast<QWidget *>(label), static_cast<QWidget *>(m_slider),
                            static_cast<QWidget *>(m_box)})
        widget->setToolTip(settings.toolTip);
    QString sliderToolTip = settings.toolTip;
    if (std::isinf(settings.minimum))
        sliderToolTip +=
            tr(" The leftmost position is %1.").arg(m_box->textFromValue(settings.minimum));
    if (std::isinf(settings.maximum))
        sliderToolTip +=
            tr(" The rightmost position is %1.").arg(m_box->textFromValue(settings.maximum));
    m_slider->setToolTip(sliderToolTip.trimmed());

    connect(m_slider, &QSlider::valueChanged, this, [this](int position) {
        if (m_updating)
            return;
        m_message->hide();
        m_value = valueAt(position);
        showValue();
        emit valueChanged(m_value);
    });
    connect(m_slider, &QSlider::sliderReleased, this, &ParameterSlider::editFinished);
    connect(m_box, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        if (m_updating || value == m_value)
            return;
        m_message->hide();
        m_value = value;
        showValue();
        emit valueChanged(m_value);
        emit editFinished();
    });
    connect(m_box, &NumberBox::inputRejected, this, [this](const QString &message) {
        // The label may carry a mnemonic, as "&Learning rate" does.
        QString name = m_settings.label;
        m_message->setText(tr("%1: %2").arg(name.remove(QLatin1Char('&')), message));
        m_message->show();
    });
    connect(m_reset, &QToolButton::clicked, this, [this] {
        emit editFinished();
        m_message->hide();
        setValue(m_settings.defaultValue);
        emit valueChanged(m_value);
        emit editFinished();
    });
    showValue();
}

void ParameterSlider::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        showMessageColour();
    QWidget::changeEvent(event);
}

void ParameterSlider::showMessageColour()
{
    // A dark red on a light window, a light red on a dark one: both about 6:1 against it.
    const bool dark = palette().color(QPalette::Window).lightnessF() < 0.5;
    m_message->setStyleSheet(dark ? QStringLiteral("color: #ff8a80")
                                  : QStringLiteral("color: #b00020"));
}

void ParameterSlider::setValue(double value)
{
    // A new value from elsewhere, such as an undo, makes an old rejection message stale.
    if (value != m_value)
        m_message->hide();
    m_value = value;
    showValue();
}

int ParameterSlider::firstFinitePosition() const
{
    return std::isinf(m_settings.minimum) ? 1 : 0;
}

int ParameterSlider::lastFinitePosition() const
{
    return std::isinf(m_settings.maximum) ? sliderSteps - 1 : sliderSteps;
}

int ParameterSlider::sliderPosition(double value) const
{
    if (std::isinf(value))
        return value < 0.0 ? 0 : sliderSteps;
    const double low = m_settings.sliderMinimum, high = m_settings.sliderMaximum;
    // A value of 0 or below, which a box may accept under a logarithmic slider, lies left of
    // every logarithmic position, because its logarithm would be -inf or NaN.
    double fraction = 0.0;
    if (!m_settings.logarithmic)
        fraction = (value - low) / (high - low);
    else if (value > 0.0)
        fraction = std::log(value / low) / std::log(high / low);
    // A finite value below sliderMinimum stops at the first finite position, since the end
    // position may stand for an infinite bound.
    const int first = firstFinitePosition();
    const int span = lastFinitePosition() - first;
    return first + static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * span));
}

double ParameterSlider::valueAt(int position) const
{
    if (position < firstFinitePosition())
        return m_settings.minimum;
    if (position > lastFinitePosition())
        return m_settings.maximum;
    const int first = firstFinitePosition();
    const double fraction = static_cast<double>(position - first) / (lastFinitePosition() - first);
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
