#include "residualscaleeditor.h"

#include "parameterslider.h"

#include "core/losscatalogue.h"
#include "core/residualscale.h"

#include <QComboBox>
#include <QLabel>
#include <QVBoxLayout>

namespace losslens {

ResidualScaleEditor::ResidualScaleEditor(QWidget *parent)
    : QWidget(parent), m_mode(new QComboBox(this)), m_estimate(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("Scale of the &residuals"), this);
    title->setBuddy(m_mode);
    const QString toolTip =
        tr("The loss is evaluated at e / s, so its parameters are in units of s rather than of "
           "the data. Estimated sets s = median(|residual|) / Φ⁻¹(3/4), with the normal quartile "
           "Φ⁻¹(3/4) ≈ 0.67449, at the fit that s itself gives, as statsmodels' robust linear "
           "model does.");
    title->setToolTip(toolTip);
    m_mode->setToolTip(toolTip);
    // The same order as Choice.
    m_mode->addItem(tr("None (1)"));
    m_mode->addItem(tr("Fixed"));
    m_mode->addItem(tr("Estimated (MAD / %1)").arg(normalQuartile, 0, 'f', 4));

    ParameterSlider::Settings settings;
    settings.label = tr("s, in the target's units");
    settings.toolTip = tr("Fixed scale s of the residuals. The slider covers 0.001 to 1000; the "
                          "box takes any value in [%1, %2].")
                           .arg(QString::number(LossCatalogue::minimumResidualScale, 'g', 6),
                                QString::number(LossCatalogue::maximumResidualScale, 'g', 6));
    settings.defaultValue = 1.0;
    settings.minimum = LossCatalogue::minimumResidualScale;
    settings.maximum = LossCatalogue::maximumResidualScale;
    settings.sliderMinimum = 1e-3;
    settings.sliderMaximum = 1e3;
    settings.logarithmic = true;
    m_value = new ParameterSlider(settings, this);

    m_estimate->setWordWrap(true);
    m_estimate->setTextInteractionFlags(Qt::TextSelectableByMouse);

    layout->addWidget(title);
    layout->addWidget(m_mode);
    layout->addWidget(m_value);
    layout->addWidget(m_estimate);

    connect(m_mode, &QComboBox::activated, this, &ResidualScaleEditor::onChoiceActivated);
    connect(m_value, &ParameterSlider::valueChanged, this, [this](double value) {
        if (!m_updating)
            emit scaleChosen({ResidualScale::Mode::Fixed, value, false});
    });
    connect(m_value, &ParameterSlider::editFinished, this, &ResidualScaleEditor::editFinished);
    showChoice(Choice::None);
}

ResidualScaleEditor::Choice ResidualScaleEditor::choice() const
{
    return Choice(m_mode->currentIndex());
}

void ResidualScaleEditor::setScale(const ResidualScale &sessionScale,
                                   const ResidualScale &scaleInUse)
{
    m_updating = true;
    if (sessionScale.isEstimatedFromData()) {
        showChoice(Choice::Estimated);
        if (scaleInUse.estimated) {
            m_lastEstimate = scaleInUse.value;
            m_estimate->setText(tr("s = %1, estimated from the current fit's residuals")
                                    .arg(QString::number(scaleInUse.value, 'g', 6)));
        } else {
            m_estimate->setText(tr("Not estimated: the data need at least 2 points; s = 1 is "
                                   "used meanwhile."));
        }
    } else {
        const bool unscaled = sessionScale.value == 1.0;
        showChoice(unscaled && !m_fixedChosen ? Choice::None : Choice::Fixed);
        m_value->setValue(sessionScale.value);
    }
    m_updating = false;
}

void ResidualScaleEditor::onChoiceActivated(int index)
{
    const Choice chosen = Choice(index);
    const double estimate = m_lastEstimate;
    m_fixedChosen = chosen == Choice::Fixed;
    showChoice(chosen);
    switch (chosen) {
    case Choice::None:
        emit scaleChosen({ResidualScale::Mode::Fixed, 1.0, false});
        break;
    case Choice::Fixed: {
        // Leaving Estimated keeps the estimate as the fixed value, so the curve does not jump.
        const double value = estimate > 0.0 ? estimate : m_value->value();
        m_updating = true;
        m_value->setValue(value);
        m_updating = false;
        emit scaleChosen({ResidualScale::Mode::Fixed, value, false});
        break;
    }
    case Choice::Estimated:
        emit scaleChosen({ResidualScale::Mode::MedianAbsoluteDeviation, 1.0, false});
        break;
    }
    emit editFinished();
}

void ResidualScaleEditor::showChoice(Choice choice)
{
    m_mode->setCurrentIndex(int(choice));
    m_value->setVisible(choice == Choice::Fixed);
    m_estimate->setVisible(choice == Choice::Estimated);
    if (choice != Choice::Estimated)
        m_lastEstimate = 0.0;
}

} // namespace losslens
