#include "syntheticdialog.h"

#include "parameterslider.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

namespace losslens {

namespace {

NumberBox *numberBox(double value, double minimum, double maximum, QWidget *parent)
{
    auto *box = new NumberBox(parent);
    box->setRange(minimum, maximum);
    box->setValue(value);
    return box;
}

} // namespace

SyntheticDialog::SyntheticDialog(const SyntheticSettings &initial, QWidget *parent)
    : QDialog(parent), m_count(new QSpinBox(this)), m_error(new QLabel(this))
{
    setWindowTitle(tr("New synthetic data"));
    // The boxes accept any number, so that a value out of range reaches validation and gets
    // a message instead of being silently replaced.
    const double large = 1e300;
    m_count->setRange(0, std::numeric_limits<int>::max());
    m_count->setValue(initial.count);
    m_slope = numberBox(initial.slope, -large, large, this);
    m_intercept = numberBox(initial.intercept, -large, large, this);
    m_noise = numberBox(initial.noiseDeviation, -large, large, this);
    m_featureMinimum = numberBox(initial.featureMinimum, -large, large, this);
    m_featureMaximum = numberBox(initial.featureMaximum, -large, large, this);
    m_outlierFraction = numberBox(initial.outlierFraction, -large, large, this);
    m_outlierFraction->setObjectName(QStringLiteral("outlierFraction"));
    m_outlierSize = numberBox(initial.outlierSize, -large, large, this);
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(static_cast<int>(initial.seed));

    auto *form = new QFormLayout;
    form->addRow(tr("&Points:"), m_count);
    form->addRow(tr("&Slope:"), m_slope);
    form->addRow(tr("&Intercept:"), m_intercept);
    form->addRow(tr("&Noise standard deviation:"), m_noise);
    form->addRow(tr("Feature from:"), m_featureMinimum);
    form->addRow(tr("Feature to:"), m_featureMaximum);
    form->addRow(tr("&Outlier fraction (0 to 1):"), m_outlierFraction);
    form->addRow(tr("Outlier si&ze (added to y):"), m_outlierSize);
    form->addRow(tr("S&eed:"), m_seed);
    m_slope->setToolTip(tr("Slope of the true line y = slope x + intercept."));
    m_noise->setToolTip(tr("Standard deviation of the Gaussian noise added to every target."));
    m_outlierFraction->setToolTip(tr("Share of the points moved up by the outlier size."));
    m_seed->setToolTip(tr("The same seed and settings give the same data."));

    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SyntheticDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

SyntheticSettings SyntheticDialog::settings() const
{
    SyntheticSettings settings;
    settings.count = m_count->value();
    settings.slope = m_slope->value();
    settings.intercept = m_intercept->value();
    settings.noiseDeviation = m_noise->value();
    settings.featureMinimum = m_featureMinimum->value();
    settings.featureMaximum = m_featureMaximum->value();
    settings.outlierFraction = m_outlierFraction->value();
    settings.outlierSize = m_outlierSize->value();
    settings.seed = static_cast<std::uint64_t>(m_seed->value());
    return settings;
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
