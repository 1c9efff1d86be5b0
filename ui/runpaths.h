#pragma once

#include "sessionmodel.h"
#include "trainingcontroller.h"

#include <QObject>

#include <vector>

class QCustomPlot;
class QCPLayer;
class QCPCurve;
class QCPGraph;
class QCPRange;

namespace losslens {

// The runs on the landscape, in training coordinates. Each run has its path in its colour, a
// marker at its current point and, when it has its own start, a ring there. A white halo under
// each path keeps it readable on every colour of the map. A diverged run's path is dashed and
// ends in a cross, and its legend entry gives the step.
class RunPaths : public QObject
{
    Q_OBJECT

public:
    RunPaths(QCustomPlot *plot, SessionModel *model, TrainingController *training);

    // Makes one set of plottables per run of the session, replacing any there are.
    void rebuild();
    // Fills the plottables from the runs; the caller replots.
    void update();
    // The buffered layer the paths are drawn on, so that a training step replots only it.
    QCPLayer *layer() const { return m_layer; }
    // The path of a run as drawn, or nullptr when the run has none.
    QCPCurve *path(int runIndex) const;

private:
    struct Items
    {
        QCPCurve *halo = nullptr;
        QCPCurve *path = nullptr;
        QCPGraph *head = nullptr;
        QCPGraph *start = nullptr;
    };

    QCustomPlot *m_plot;
    QCPLayer *m_layer = nullptr;
    SessionModel *m_model;
    TrainingController *m_training;
    std::vector<Items> m_items;
};

// Keeps a far-away point inside what the painter can draw without overflowing: NaN becomes 0
// and a value beyond a million view widths from the range is clamped there.
double clampToView(double value, const QCPRange &range);

} // namespace losslens
