#pragma once

#include "sessionmodel.h"
#include "trainingcontroller.h"

#include <QWidget>

class QCheckBox;
class QCustomPlot;
class QCPGraph;

namespace losslens {

// Mean loss against iteration for every run, on a linear or logarithmic value axis.
class TrainingView : public QWidget
{
    Q_OBJECT

public:
    TrainingView(SessionModel *model, TrainingController *training, QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    QCPGraph *lossGraph(int lossIndex) const;

private:
    void update();

    SessionModel *m_model;
    TrainingController *m_training;
    QCustomPlot *m_plot;
    QCheckBox *m_logarithmic;
    std::vector<QCPGraph *> m_graphs;
};

} // namespace losslens
