#pragma once

#include <QObject>
#include <QPointF>

class QCustomPlot;
class QCPAxis;

namespace losslens {

// Common look of every plot: antialiasing, readable fonts, wheel zoom on the axis rect.
void configurePlot(QCustomPlot *plot);

// Pans a plot while the right mouse button is held, leaving the left button free for
// view-specific work such as setting the start point.
class RightButtonPan : public QObject
{
    Q_OBJECT

public:
    explicit RightButtonPan(QCustomPlot *plot);

signals:
    void panFinished();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QCustomPlot *m_plot;
    bool m_active = false;
    QPointF m_lastPosition;
};

// A finite value for display: NaN becomes 0 and infinities the largest finite double, so a
// plot never receives a non-finite number.
double displayable(double value);

// Formats a number with a few significant digits for labels.
QString shortNumber(double value);

} // namespace losslens
