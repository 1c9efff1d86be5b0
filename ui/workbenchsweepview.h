#pragma once

#include "numberbox.h"

#include "core/breakdownsweep.h"

#include <QColor>
#include <QWidget>

#include <memory>
#include <optional>
#include <stop_token>
#include <vector>

class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace losslens {

// A loss as the sweep fits and draws it.
struct SweepLoss
{
    std::shared_ptr<const Loss> loss;
    QString label;
    QColor colour;
};

// The breakdown sweep of the workbench. It has the settings of the synthetic data (a line with
// vertical outliers), a Run and a Cancel button with a progress bar, and plots of the mean
// errors of each loss's fitted slope and intercept against the outlier fraction. The sweep runs
// on the thread pool, so the window stays responsive. It fits the losses as they were when it
// started.
class WorkbenchSweepView : public QWidget
{
    Q_OBJECT

public:
    explicit WorkbenchSweepView(QWidget *parent = nullptr);
    ~WorkbenchSweepView() override;

    // The losses the next run fits, and whether it standardizes the feature.
    void setLosses(const std::vector<SweepLoss> &losses, bool standardize);
    // The settings the controls describe.
    BreakdownSweepSettings settings() const;
    bool isRunning() const { return m_running; }
    // The latest finished sweep, or nothing before the first.
    const std::optional<BreakdownSweepResult> &result() const { return m_result; }

    QSpinBox *pointCountBox() const { return m_pointCount; }
    QSpinBox *seedCountBox() const { return m_seedCount; }
    QDoubleSpinBox *stepBox() const { return m_step; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_progress; }
    QCustomPlot *slopePlot() const { return m_slopePlot; }
    QCustomPlot *interceptPlot() const { return m_interceptPlot; }
    QString message() const;
    // The reason the last text typed into a setting was rejected, naming the box and its range,
    // or empty. A new value in any box clears it.
    QString inputProblem() const;
    QDoubleSpinBox *outlierSizeBox() const { return m_outlierSize; }
    QDoubleSpinBox *noiseBox() const { return m_noise; }

public slots:
    void run();
    void cancel();

signals:
    // A sweep finished and was drawn, or was cancelled.
    void sweepFinished(bool completed);

private:
    QWidget *createControls();
    void setRunning(bool running);
    // Shows text, a sentence about the box named boxName, below the settings. Empty text hides
    // it.
    void showInputProblem(const QString &boxName, const QString &text);
    void showResult(const BreakdownSweepResult &result, const std::vector<SweepLoss> &losses,
                    const BreakdownSweepSettings &settings);

    QSpinBox *m_pointCount;
    QSpinBox *m_seedCount;
    NumberBox *m_step;
    NumberBox *m_outlierSize;
    NumberBox *m_noise;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_message;
    QLabel *m_inputProblem;
    QCustomPlot *m_slopePlot;
    QCustomPlot *m_interceptPlot;

    std::vector<SweepLoss> m_losses;
    bool m_standardize = true;
    bool m_running = false;
    std::stop_source m_stop;
    quint64 m_generation = 0;
    std::optional<BreakdownSweepResult> m_result;
};

} // namespace losslens
