#pragma once

#include "sessionmodel.h"
#include "trainingcontroller.h"

#include <QWidget>

class QCheckBox;
class QCustomPlot;
class QCPGraph;

namespace losslens {

// Mean loss against iteration for every run in its colour, on a linear or logarithmic value
// axis. The legend names each run's loss and optimizer and the step at which a run diverged.
class TrainingView : public QWidget
{
    Q_OBJECT

public:
    TrainingView(SessionModel *model, TrainingController *training, QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    // The graph of a run, or nullptr for an index out of range.
    QCPGraph *lossGraph(int runIndex) const;

private:
    void update();

    SessionModel *m_model;
    TrainingController *m_training;
    QCustomPlot *m_plot;
    QCheckBox *m_logarithmic;
    std::vector<QCPGraph *> m_graphs;
};

} // namespace losslens
