#pragma once

#include "sessionmodel.h"
#include "trainingcontroller.h"

#include <QWidget>

class QCustomPlot;
class QCPGraph;
class QCPLayer;

namespace losslens {

class DataPointEditor;
class ReplotScheduler;

// The data as a scatter and, for every run, the line it is fitting in the run's colour, in the
// data's own units. A diverged run's line is dotted and its legend entry gives the step. The
// lines have a buffered layer of their own, so a change of the runs alone redraws the lines
// and not the scatter, which takes tens of milliseconds at 10,000 points. The points can be
// added, moved and removed with the mouse and the keys (DataPointEditor), which draws a moving
// point on a layer of its own, so a step of a drag does not redraw the scatter. New data resets
// the axis ranges to the data, and an edit keeps the current zoom.
class DataView : public QWidget
{
    Q_OBJECT

public:
    DataView(SessionModel *model, TrainingController *training, QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    // The line drawn for a run, or nullptr when it has none.
    QCPGraph *lineGraph(int runIndex) const;
    const ReplotScheduler *replots() const { return m_replots; }
    DataPointEditor *pointEditor() const { return m_editor; }

signals:
    // The position under the cursor and what a click there does, for the status bar.
    void hoverText(const QString &text);
    // Why an edit of the points was rejected, or why the edited data cannot be fitted yet.
    void editMessage(const QString &message);

private:
    // Refills the scatter. With keepRange the axes keep their ranges, as after an edit.
    void rebuildData(bool keepRange = false);
    // Refills the scatter without the point that the editor is moving. Returns false, changing
    // nothing, when no other point differs from the scatter, as on each step of a drag.
    bool updatePoints();
    // Refills the run lines and replots their layer when one of them changed. With
    // dataChanged the whole plot is replotted.
    void updateLines(bool dataChanged = false);

    SessionModel *m_model;
    TrainingController *m_training;
    QCustomPlot *m_plot;
    ReplotScheduler *m_replots;
    QCPLayer *m_linesLayer;
    QCPGraph *m_points;
    // The data that m_points shows, and the index of the point it leaves out, or -1.
    std::shared_ptr<const Dataset> m_plottedData;
    int m_omittedPoint = -1;
    DataPointEditor *m_editor;
    // One graph per run, kept while the run count stays the same: adding or removing a
    // plottable invalidates its layer's buffer, which forces a full replot. A run without a
    // line has its graph hidden.
    std::vector<QCPGraph *> m_lines;
};

} // namespace losslens
