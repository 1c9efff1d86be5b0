#pragma once

#include "sessionmodel.h"
#include "trainingcontroller.h"

#include <QWidget>

class QCustomPlot;
class QCPGraph;

namespace losslens {

// The data as a scatter and, for every run, the line it is fitting in the run's colour, in the
// data's own units. A diverged run's line is dotted and its legend entry gives the step.
class DataView : public QWidget
{
    Q_OBJECT

public:
    DataView(SessionModel *model, TrainingController *training, QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    // The line drawn for a run, or nullptr when it has none.
    QCPGraph *lineGraph(int runIndex) const;

private:
    void rebuildData();
    void updateLines();

    SessionModel *m_model;
    TrainingController *m_training;
    QCustomPlot *m_plot;
    QCPGraph *m_points;
    std::vector<QCPGraph *> m_lines;
};

} // namespace losslens
