#pragma once

#include "sessionmodel.h"

#include <QWidget>

class QCustomPlot;

namespace losslens {

// Each enabled loss (solid) and its first derivative (dashed, same colour) against the error
// e = prediction - target; classification losses are drawn against the logit for label 1.
// The curves are sampled anew over the visible range after a zoom or pan, so they stay exact.
class LossCurveView : public QWidget
{
    Q_OBJECT

public:
    explicit LossCurveView(SessionModel *model, QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }

private:
    void rebuild(bool rescaleValues);
    void resample();

    SessionModel *m_model;
    QCustomPlot *m_plot;
};

} // namespace losslens
