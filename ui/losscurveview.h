#pragma once

#include "sessionmodel.h"

#include <QElapsedTimer>

#include "viewrange.h"

#include <QWidget>

class QCheckBox;
class QCPGraph;
class QComboBox;
class QCustomPlot;
class QSpinBox;

namespace losslens {

class ReplotScheduler;
class TrainingController;

// Each enabled loss against its input, with optional curves of its first derivative (the
// gradient, dashed) and second derivative (dotted). Regression losses may also show the weight
// psi(e) / e that iteratively reweighted least squares gives a point (dash-dotted). That weight
// is scaled by rho''(0) so that it tends to 1 as e tends to 0. Binary classification losses are
// drawn against the logit for label 1 or 0, or against the margin y'z with y' = 2y - 1.
// Multi-class cross-entropy is drawn against the logit of a chosen true class, 0 to K - 1. Each
// loss is drawn as its objective fits it, so an estimated residual scale s (scale=mad) is the
// current data's estimate. The curves are sampled anew over the visible range after a zoom or
// pan, so they stay exact. With a training controller, every run that learns Barron's alpha
// also draws Barron's loss at its current alpha and c (dash-dot-dot in the run's colour), which
// moves as the run trains.
class LossCurveView : public QWidget
{
    Q_OBJECT

public:
    explicit LossCurveView(SessionModel *model, TrainingController *training = nullptr,
                           QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    QCheckBox *firstDerivativeBox() const { return m_first; }
    QCheckBox *secondDerivativeBox() const { return m_second; }
    QCheckBox *weightBox() const { return m_weight; }
    // The input of the binary classification curves: logit for label 1, for label 0, or margin.
    QComboBox *classifierAxisBox() const { return m_classifierAxis; }
    // The true class of the multi-class curves, shown while such a loss is enabled.
    QSpinBox *trueClassBox() const { return m_trueClass; }
    const ReplotScheduler *replots() const { return m_replots; }
    // The curve of Barron's loss at a run's current learned alpha and c, or nullptr when the run
    // does not learn alpha.
    QCPGraph *learnedCurve(int runIndex) const;
    // Whether the user's zoom or pan holds the range instead of the automatic one, which
    // follows the current loss's parameters and the curves' values.
    bool hasUserRange() const { return m_userRange; }
    // Returns to the automatic range.
    void fitRange();
    // Shows the range and keeps it as the user's, as a zoom or pan does.
    void setUserRange(const ViewRange &range);

signals:
    // Every curve's value at the input under the cursor, for the status bar.
    void hoverText(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Curve { Value, First, Second, Weight };
    enum class ClassifierAxis { LogitLabelOne, LogitLabelZero, Margin };

    void rebuild(bool rescaleValues);
    void showScaleOfCurrentLoss();
    void resample();
    // weightScale divides the Weight curve (see weightScale()); other curves ignore it.
    double curveValue(const Loss &loss, Curve curve, double input, double weightScale = 1.0) const;
    static double weightScale(const Loss &loss);
    double classifierLabel() const;
    // The label a loss is evaluated with: none for regression, the binary label, or the class.
    double labelFor(const Loss &loss) const;
    // Whether the chosen true class is beyond the classes of a multi-class loss, which then
    // has no curve.
    bool lacksTrueClass(const Loss &loss) const;
    // The loss as the objective of entry lossIndex fits it.
    const Loss &drawnLoss(int lossIndex) const;
    QString readOut(double input) const;
    // Lays the legend out in as many columns as keep it low, or hides it where it would still
    // cover much of a low plot, and elides each name to its column's width, so the legend is no
    // wider than the plot. The full name stays in the graph's "fullName" property and shows
    // as a tooltip over the entry. Returns whether the legend changed.
    bool fitLegendNames();
    // The full name of the legend entry at a pixel position, empty where there is none.
    QString legendNameAt(const QPoint &position) const;
    // Redraws the learned curves after training steps, at most every 200 ms while playing.
    void onTrainingAdvanced();
    // Whether some run now learns alpha, or a learned curve is still drawn.
    bool showsLearnedCurves() const;

    SessionModel *m_model;
    TrainingController *m_training;
    QElapsedTimer m_learnedRedraw;
    QCustomPlot *m_plot;
    ReplotScheduler *m_replots;
    bool m_userRange = false;
    QCheckBox *m_first;
    QCheckBox *m_second;
    QCheckBox *m_weight;
    QComboBox *m_classifierAxis;
    QSpinBox *m_trueClass;
};

} // namespace losslens
