#pragma once

#include "sessionmodel.h"
#include "trainingcontroller.h"

#include <QWidget>

class QCheckBox;
class QCustomPlot;
class QCPGraph;

namespace losslens {

class ReplotScheduler;

// Mean loss against iteration for every run in its colour, on a linear or logarithmic value
// axis. The legend names each run's loss and optimizer and the step at which a run diverged.
// A run that learns Barron's alpha also draws alpha (dashed) and, when it learns it, c (dotted)
// against the iteration on the right axis. Its loss is the mean Barron loss at each step's own
// alpha and c.
class TrainingView : public QWidget
{
    Q_OBJECT

public:
    TrainingView(SessionModel *model, TrainingController *training, QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    // The graph of a run, or nullptr for an index out of range.
    QCPGraph *lossGraph(int runIndex) const;
    const ReplotScheduler *replots() const { return m_replots; }
    // The graph of a run's learned alpha, or of its learned c. It is empty and hidden for a run
    // that does not learn that value, and nullptr for an index out of range.
    QCPGraph *shapeGraph(int runIndex) const;
    QCPGraph *scaleGraph(int runIndex) const;

private:
    void update();

    SessionModel *m_model;
    TrainingController *m_training;
    QCustomPlot *m_plot;
    ReplotScheduler *m_replots;
    QCheckBox *m_logarithmic;
    std::vector<QCPGraph *> m_graphs;
    std::vector<QCPGraph *> m_shapeGraphs;
    std::vector<QCPGraph *> m_scaleGraphs;
};

} // namespace losslens
