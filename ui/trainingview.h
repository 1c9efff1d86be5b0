#pragma once

#include "sessionmodel.h"
#include "trainingcontroller.h"
#include "viewrange.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QCustomPlot;
class QCPGraph;

namespace losslens {

class ReplotScheduler;

// Mean loss against iteration for every run in its colour, on a linear or logarithmic value
// axis. The legend names each run's loss and optimizer and the step at which a run diverged.
// A run that learns Barron's alpha also draws alpha (dashed) and, when it learns it, c (dotted)
// against the iteration on the right axis. Its loss is the mean Barron loss at each step's own
// alpha and c.
//
// The axes follow the runs: after every update they fit the whole paths. A wheel zoom or a right
// drag fixes the range, which then stays while the runs go on. New data, a reset (the runs start
// over at a lower step), a switch of the logarithmic axis or a double click fits the axes again.
class TrainingView : public QWidget
{
    Q_OBJECT

public:
    TrainingView(SessionModel *model, TrainingController *training, QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    // The graph of a run, or nullptr for an index out of range.
    QCPGraph *lossGraph(int runIndex) const;
    const ReplotScheduler *replots() const { return m_replots; }
    // The switch between a linear and a logarithmic mean-loss axis.
    QCheckBox *logarithmicBox() const { return m_logarithmic; }
    // The graph of a run's learned alpha, or of its learned c. It is empty and hidden for a run
    // that does not learn that value, and nullptr for an index out of range.
    QCPGraph *shapeGraph(int runIndex) const;
    QCPGraph *scaleGraph(int runIndex) const;
    // The note shown when a mean loss exceeds the largest value an axis can show, or when a
    // run's mean loss at its start is infinite or NaN.
    QLabel *beyondAxisLabel() const { return m_beyondAxis; }
    // Whether the user's zoom or pan holds the range instead of the automatic fit.
    bool hasUserRange() const { return m_userRange; }
    // Returns to the automatic range, fitted to the runs.
    void fitRange();
    // Shows the range and keeps it as the user's, as a zoom or pan does.
    void setUserRange(const ViewRange &range);

private:
    void update();
    // Sets the axes' ranges to the runs' iterations, losses and learned values.
    void fitAxes(double low, double high, int longest, double learnedLow, double learnedHigh);

    SessionModel *m_model;
    TrainingController *m_training;
    QCustomPlot *m_plot;
    ReplotScheduler *m_replots;
    QCheckBox *m_logarithmic;
    QLabel *m_beyondAxis;
    std::vector<QCPGraph *> m_graphs;
    std::vector<QCPGraph *> m_shapeGraphs;
    std::vector<QCPGraph *> m_scaleGraphs;
    bool m_userRange = false;
    // The longest run's step at the last update: a smaller one means the runs started over.
    int m_lastIteration = 0;
};

} // namespace losslens
