#pragma once

#include "sessionmodel.h"
#include "trainingcontroller.h"

#include <QWidget>

class QCustomPlot;
class QCPGraph;
class QCPLayer;

namespace losslens {

class ReplotScheduler;

// The data as a scatter and, for every run, the line it is fitting in the run's colour, in the
// data's own units. A diverged run's line is dotted and its legend entry gives the step. The
// lines have a buffered layer of their own, so a change of the runs alone redraws the lines
// and not the scatter, which takes tens of milliseconds at 10,000 points.
class DataView : public QWidget
{
    Q_OBJECT

public:
    DataView(SessionModel *model, TrainingController *training, QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    // The line drawn for a run, or nullptr when it has none.
    QCPGraph *lineGraph(int runIndex) const;
    const ReplotScheduler *replots() const { return m_replots; }

private:
    void rebuildData();
    // Refills the run lines and replots their layer when one of them changed. With
    // dataChanged the whole plot is replotted.
    void updateLines(bool dataChanged = false);

    SessionModel *m_model;
    TrainingController *m_training;
    QCustomPlot *m_plot;
    ReplotScheduler *m_replots;
    QCPLayer *m_linesLayer;
    QCPGraph *m_points;
    // One graph per run, kept while the run count stays the same: adding or removing a
    // plottable invalidates its layer's buffer, which forces a full replot. A run without a
    // line has its graph hidden.
    std::vector<QCPGraph *> m_lines;
};

} // namespace losslens
