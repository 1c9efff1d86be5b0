#pragma once

#include "slicecomputation.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPCurve;
class QCPGraph;
class QLabel;

namespace losslens {

// The mean loss over a slice's plane as a heat map with a colour scale, the through-point, and
// in the two-parameter plane the training path projected onto it. Under the map a read-out
// gives the plane's coordinates and the mean loss at the pointer.
class SliceHeatMap : public QWidget
{
    Q_OBJECT

public:
    explicit SliceHeatMap(QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    QCPColorMap *colorMap() const { return m_map; }
    QString readOut() const;

    void showResult(std::shared_ptr<const SliceResult> result);
    // The line above the map that sums up the training run.
    QString summary() const;
    void setSummary(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateColourScale();
    void updateMarkers();
    void showReadOut(double a, double c);
    QString axisLabel(int parameter) const;

    QCheckBox *m_logarithmic;
    QLabel *m_title;
    QLabel *m_summary;
    QCustomPlot *m_plot;
    QCPColorMap *m_map;
    QCPColorScale *m_scale;
    QCPCurve *m_pathOutline;
    QCPCurve *m_path;
    QCPGraph *m_startMarker;
    QCPGraph *m_endMarker;
    QLabel *m_readOut;
    std::shared_ptr<const SliceResult> m_result;
    // Smallest and largest finite value of the shown slice.
    double m_lowest = 0.0;
    double m_highest = 0.0;
};

} // namespace losslens
