#pragma once

#include "core/syntheticdata.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QLabel;
class QSpinBox;
class QTimer;

namespace losslens {

class ParameterSlider;
class SyntheticPreview;

// Asks for a synthetic scenario, its point count and parameters (each a slider with a value
// box), and a seed, with a live preview of the points. Each
// parameter's slider and value box have its SyntheticSettings field name as object name, as
// "outlierFraction".
class SyntheticDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SyntheticDialog(const SyntheticSettings &initial, QWidget *parent = nullptr);

    SyntheticSettings settings() const;

    QComboBox *scenarioBox() const { return m_scenario; }
    SyntheticPreview *preview() const { return m_preview; }
    // Regenerates the preview now instead of after the short delay that merges quick edits.
    void refreshPreview();

    void accept() override;

private:
    // Adds the slider of a SyntheticSettings field, showing the field's value in initial.
    ParameterSlider *addSlider(const SyntheticSettings &initial, const QString &field,
                               const QString &label, const QString &toolTip, double sliderMinimum,
                               double sliderMaximum, bool logarithmic);
    void showScenarioControls();

    QComboBox *m_scenario;
    // The sliders by field name, as "slope".
    QHash<QString, ParameterSlider *> m_sliders;
    QSpinBox *m_seed;
    SyntheticPreview *m_preview;
    QTimer *m_previewTimer;
    QLabel *m_error;
};

} // namespace losslens
