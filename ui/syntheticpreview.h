#pragma once

#include "core/syntheticdata.h"

#include <QWidget>

class QCustomPlot;
class QLabel;

namespace losslens {

// A small scatter plot of a synthetic data set for the New synthetic data dialog: the points
// and the true line for regression scenarios, the labels 0 and 1 in two colours for
// classification. A note under the plot explains an empty plot.
class SyntheticPreview : public QWidget
{
    Q_OBJECT

public:
    // Above this many points the preview stays empty, so that a slider drag stays smooth.
    static constexpr int pointLimit = 20'000;

    explicit SyntheticPreview(QWidget *parent = nullptr);

    // Generates the data set and plots it, or empties the plot and shows the reason: settings that
    // validateSyntheticSettings() rejects, or more than pointLimit points.
    void showSettings(const SyntheticSettings &settings);

    QCustomPlot *plot() const { return m_plot; }
    QLabel *note() const { return m_note; }

private:
    void plotLine(const SyntheticSettings &settings, const Dataset &data);
    void plotClasses(const Dataset &data);
    void clear(const QString &reason);

    QCustomPlot *m_plot;
    QLabel *m_note;
};

} // namespace losslens
