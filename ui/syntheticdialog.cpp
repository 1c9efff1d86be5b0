#include "syntheticdialog.h"

#include "parameterslider.h"
#include "syntheticpreview.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace losslens {

namespace {

using Scenario = SyntheticScenario;

// A parameter of SyntheticSettings that the dialog edits with a slider.
struct SliderField
{
    const char *name;
    double SyntheticSettings::*member;
};

// Every double-valued field, in the order of the dialog.
const SliderField sliderFields[] = {
    {"slope", &SyntheticSettings::slope},
    {"intercept", &SyntheticSettings::intercept},
    {"noiseDeviation", &SyntheticSettings::noiseDeviation},
    {"featureMinimum", &SyntheticSettings::featureMinimum},
    {"featureMaximum", &SyntheticSettings::featureMaximum},
    {"outlierFraction", &SyntheticSettings::outlierFraction},
    {"outlierSize", &SyntheticSettings::outlierSize},
    {"leverageShift", &SyntheticSettings::leverageShift},
    {"degreesOfFreedom", &SyntheticSettings::degreesOfFreedom},
    {"noiseGrowth", &SyntheticSettings::noiseGrowth},
    {"classSeparation", &SyntheticSettings::classSeparation},
    {"classDeviation", &SyntheticSettings::classDeviation},
    {"imbalanceRatio", &SyntheticSettings::imbalanceRatio},
    {"labelNoiseRate", &SyntheticSettings::labelNoiseRate},
};

// True when the scenario reads the field, following the scenario comments in syntheticdata.h.
bool fieldApplies(const QString &field, Scenario scenario)
{
    if (field == QLatin1String("count"))
        return true;
    if (isClassificationScenario(scenario)) {
        return field == QLatin1String("classSeparation") ||
               field == QLatin1String("classDeviation") ||
               field == QLatin1String("imbalanceRatio") || field == QLatin1String("labelNoiseRate");
    }
    if (field == QLatin1String("outlierFraction") || field == QLatin1String("outlierSize"))
        return scenario == Scenario::VerticalOutliers || scenario == Scenario::LeveragePoints;
    if (field == QLatin1String("leverageShift"))
        return scenario == Scenario::LeveragePoints;
    if (field == QLatin1String("degreesOfFreedom"))
        return scenario == Scenario::HeavyTailedNoise;
    if (field == QLatin1String("noiseGrowth"))
        return scenario == Scenario::HeteroscedasticNoise;
    return field == QLatin1String("slope") || field == QLatin1String("intercept") ||
           field == QLatin1String("noiseDeviation") || field == QLatin1String("featureMinimum") ||
           field == QLatin1String("featureMaximum");
}

// The value of a field named as in sliderFields, or of "count".
double fieldValue(const SyntheticSettings &settings, const QString &field)
{
    if (field == QLatin1String("count"))
        return settings.count;
    for (const SliderField &entry : sliderFields) {
        if (field == QLatin1String(entry.name))
            return settings.*entry.member;
    }
    Q_ASSERT_X(false, "fieldValue", "no such field");
    return 0.0;
}

} // namespace

SyntheticDialog::SyntheticDialog(const SyntheticSettings &initial, QWidget *parent)
    : QDialog(parent), m_scenario(new QComboBox(this)), m_seed(new QSpinBox(this)),
      m_preview(new SyntheticPreview(this)), m_previewTimer(new QTimer(this)),
      m_error(new QLabel(this))
{
    setWindowTitle(tr("New synthetic data"));
    for (const Scenario scenario : syntheticScenarios)
        m_scenario->addItem(syntheticScenarioName(scenario), static_cast<int>(scenario));
    m_scenario->setCurrentIndex(m_scenario->findData(static_cast<int>(initial.scenario)));
    m_scenario->setToolTip(tr("The kind of data: a noisy line with one kind of trouble, or two "
                              "classes with 0/1 labels."));

    // The count box accepts exactly the valid range, because the count is a whole number.
    addSlider(initial, QStringLiteral("count"), tr("&Points"),
              tr("Number of points, from 2 to 10000000; a typed fraction is rounded."), 10.0,
              100'000.0, true);
    addSlider(initial, QStringLiteral("slope"), tr("&Slope"),
              tr("Slope of the true line y = slope x + intercept."), -10.0, 10.0, false);
    addSlider(initial, QStringLiteral("intercept"), tr("&Intercept"),
              tr("Intercept of the true line y = slope x + intercept."), -50.0, 50.0, false);
    addSlider(initial, QStringLiteral("noiseDeviation"), tr("&Noise deviation"),
              tr("Standard deviation of the Gaussian noise; for Student's t noise its scale, and "
                 "for noise growing with |x| its deviation a at x = 0. At least 0."),
              0.0, 10.0, false);
    addSlider(initial, QStringLiteral("featureMinimum"), tr("Feature &from"),
              tr("Lower end of the uniform range of x."), -100.0, 100.0, false);
    addSlider(initial, QStringLiteral("featureMaximum"), tr("Feature &to"),
              tr("Upper end of the uniform range of x; greater than the lower end."), -100.0, 100.0,
              false);
    addSlider(initial, QStringLiteral("outlierFraction"), tr("&Outlier fraction"),
              tr("Share of the points, from 0 to 1, made outliers: round(fraction × points) of "
                 "them."),
              0.0, 0.5, false);
    addSlider(initial, QStringLiteral("outlierSize"), tr("Outlier si&ze"),
              tr("Added to the target of a vertical outlier; for a leverage point, its target's "
                 "offset from the true line."),
              -100.0, 100.0, false);
    addSlider(initial, QStringLiteral("leverageShift"), tr("&Leverage shift"),
              tr("How far leverage points move right in x, in feature ranges (feature to − "
                 "feature from). Greater than 0, at most 1000."),
              0.5, 10.0, false);
    addSlider(initial, QStringLiteral("degreesOfFreedom"), tr("&Degrees of freedom ν"),
              tr("Degrees of freedom of Student's t noise, from 1 (Cauchy) to 1000 (nearly "
                 "Gaussian). The variance is scale² ν / (ν − 2) for ν > 2 and not finite below."),
              1.0, 100.0, true);
    addSlider(initial, QStringLiteral("noiseGrowth"), tr("Noise &growth b"),
              tr("The noise's deviation is a + b |x|, a being the noise deviation. At least 0."),
              0.0, 2.0, false);
    addSlider(initial, QStringLiteral("classSeparation"), tr("Class &separation"),
              tr("Distance between the two class means in class deviations, from 0 (the classes "
                 "coincide) to 1000."),
              0.0, 8.0, false);
    addSlider(initial, QStringLiteral("classDeviation"), tr("Class de&viation"),
              tr("Standard deviation of x within each class; greater than 0."), 0.1, 10.0, true);
    addSlider(initial, QStringLiteral("imbalanceRatio"), tr("&Imbalance ratio"),
              tr("Points of label 0 per point of label 1, from 0.001 to 1000; 1 balances the "
                 "classes."),
              0.05, 20.0, true);
    addSlider(initial, QStringLiteral("labelNoiseRate"), tr("La&bel noise rate"),
              tr("Share of labels flipped at random, from 0 to 0.5: round(rate × points) of "
                 "them."),
              0.0, 0.5, false);

    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(static_cast<int>(initial.seed));
    m_seed->setToolTip(tr("The same seed and settings give the same data."));

    auto *controls = new QVBoxLayout;
    auto *scenarioRow = new QFormLayout;
    scenarioRow->addRow(tr("S&cenario:"), m_scenario);
    controls->addLayout(scenarioRow);
    // Every slider is added, and showScenarioControls() hides those the scenario ignores.
    controls->addWidget(m_sliders.value(QStringLiteral("count")));
    for (const SliderField &field : sliderFields)
        controls->addWidget(m_sliders.value(QLatin1String(field.name)));
    auto *seedRow = new QFormLayout;
    seedRow->addRow(tr("S&eed:"), m_seed);
    controls->addLayout(seedRow);
    controls->addStretch(1);

    auto *previewColumn = new QVBoxLayout;
    previewColumn->addWidget(m_preview);
    previewColumn->addStretch(1);

    auto *columns = new QHBoxLayout;
    columns->addLayout(controls, 1);
    columns->addLayout(previewColumn, 1);

    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SyntheticDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    // A drag changes a value many times a second, so the preview waits for a short pause.
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(40);
    connect(m_previewTimer, &QTimer::timeout, this, &SyntheticDialog::refreshPreview);
    for (ParameterSlider *slider : std::as_const(m_sliders))
        connect(slider, &ParameterSlider::valueChanged, m_previewTimer,
                qOverload<>(&QTimer::start));
    connect(m_seed, &QSpinBox::valueChanged, m_previewTimer, qOverload<>(&QTimer::start));
    connect(m_scenario, &QComboBox::currentIndexChanged, this, [this] {
        showScenarioControls();
        m_previewTimer->start();
    });
    showScenarioControls();
    refreshPreview();
}

ParameterSlider *SyntheticDialog::addSlider(const SyntheticSettings &initial, const QString &field,
                                            const QString &label, const QString &toolTip,
                                            double sliderMinimum, double sliderMaximum,
                                            bool logarithmic)
{
    ParameterSlider::Settings sliderSettings;
    sliderSettings.label = label;
    sliderSettings.toolTip = toolTip;
    sliderSettings.defaultValue = fieldValue(SyntheticSettings{}, field);
    const bool count = field == QLatin1String("count");
    // The other boxes accept any finite number, so that a value out of range reaches
    // validateSyntheticSettings() and gets a message that names the parameter and its range.
    const double large = 1e300;
    sliderSettings.minimum = count ? 2.0 : -large;
    sliderSettings.maximum = count ? 10'000'000.0 : large;
    sliderSettings.sliderMinimum = sliderMinimum;
    sliderSettings.sliderMaximum = sliderMaximum;
    sliderSettings.logarithmic = logarithmic;
    auto *slider = new ParameterSlider(sliderSettings, this);
    slider->setValue(fieldValue(initial, field));
    slider->setObjectName(field);
    slider->valueBox()->setObjectName(field);
    m_sliders.insert(field, slider);
    return slider;
}

void SyntheticDialog::showScenarioControls()
{
    const auto scenario = static_cast<Scenario>(m_scenario->currentData().toInt());
    for (auto it = m_sliders.cbegin(); it != m_sliders.cend(); ++it)
        it.value()->setVisible(fieldApplies(it.key(), scenario));
}

SyntheticSettings SyntheticDialog::settings() const
{
    SyntheticSettings settings;
    settings.scenario = static_cast<Scenario>(m_scenario->currentData().toInt());
    // The count box's range keeps the value inside int.
    settings.count =
        static_cast<int>(std::lround(m_sliders.value(QStringLiteral("count"))->value()));
    for (const SliderField &field : sliderFields)
        settings.*field.member = m_sliders.value(QLatin1String(field.name))->value();
    settings.seed = static_cast<std::uint64_t>(m_seed->value());
    return settings;
}

void SyntheticDialog::refreshPreview()
{
    m_previewTimer->stop();
    m_preview->showSettings(settings());
}

void SyntheticDialog::accept()
{
    const QString error = validateSyntheticSettings(settings());
    if (!error.isEmpty()) {
        m_error->setText(error);
        return;
    }
    QDialog::accept();
}

} // namespace losslens
