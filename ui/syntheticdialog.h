#pragma once

#include "core/syntheticdata.h"

#include <QDialog>

class QLabel;
class QSpinBox;

namespace losslens {

class NumberBox;

// Asks for the settings of a synthetic line with Gaussian noise and vertical outliers.
class SyntheticDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SyntheticDialog(const SyntheticSettings &initial, QWidget *parent = nullptr);

    SyntheticSettings settings() const;

    void accept() override;

private:
    QSpinBox *m_count;
    NumberBox *m_slope;
    NumberBox *m_intercept;
    NumberBox *m_noise;
    NumberBox *m_featureMinimum;
    NumberBox *m_featureMaximum;
    NumberBox *m_outlierFraction;
    NumberBox *m_outlierSize;
    QSpinBox *m_seed;
    QLabel *m_error;
};

} // namespace losslens
