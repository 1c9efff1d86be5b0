#pragma once

#include "slicecomputation.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPCurve;
class QCPGraph;
class QLabel;
class QPushButton;

namespace losslens {

class ContourOverlay;
class LegendLabel;

// The mean loss over a slice's plane as a heat map with a colour scale and labelled contour
// lines, the start and end of training and the training path projected onto the plane. Under
// the map a read-out gives the plane's coordinates and the mean loss at the pointer. The wheel
// zooms about the pointer and a right drag pans. Once the axes settle, viewRangeChanged
// requests the slice on the new range. Fit view (Ctrl+0) requests the automatic range again.
class SliceHeatMap : public QWidget
{
    Q_OBJECT

public:
    explicit SliceHeatMap(QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    QCPColorMap *colorMap() const { return m_map; }
    QCPCurve *pathCurve() const { return m_path; }
    QCPGraph *startMarker() const { return m_startMarker; }
    QCPGraph *endMarker() const { return m_endMarker; }
    // The star at the lowest mean loss found on the plane, hidden when that lies on the range's
    // edge (the minimum is then outside the range) or when there is none.
    // It is hidden too where the mean loss is the same everywhere in view, to rounding, which
    // makes every point a lowest one.
    QCPGraph *minimumMarker() const { return m_minimumMarker; }
    // The line under the map that gives the two random directions, hidden on a parameter plane.
    QLabel *directionsLabel() const { return m_directions; }
    // The labelled contour lines over the map, empty while they are switched off.
    const ContourOverlay *contours() const { return m_contours; }
    QCheckBox *logarithmicBox() const { return m_logarithmic; }
    QCheckBox *contourBox() const { return m_showContours; }
    QPushButton *fitViewButton() const { return m_fitView; }
    QLabel *legend() const;
    QString readOut() const;
    // The range the axes show, in plane coordinates.
    SliceRange viewRange() const;
    // Whether the user zoomed or panned since the last fitView() or followNextResult().
    bool isViewChangedByUser() const { return m_viewChangedByUser; }

    void showResult(std::shared_ptr<const SliceResult> result);
    // The line above the map that sums up the training run.
    QString summary() const;
    void setSummary(const QString &text);
    // Marks a coarse result on screen as final, for a computation that was stopped before its
    // full grid. The summary then reports the stop instead of a refinement to come.
    void markRefinementStopped();
    // Lets the next result set the axes to its grid, as after a change of the settings, which
    // makes the zoomed range meaningless.
    void followNextResult();

public slots:
    // Drops the user's zoom and pan and requests the automatic range (fitViewRequested).
    void fitView();

signals:
    // The user zoomed or panned, and the axes have settled on range.
    void viewRangeChanged(const losslens::SliceRange &range);
    void fitViewRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Sets a wrapped label's minimum height to what its text needs at its current width.
    static void fitLabelHeight(QLabel *label);
    // Whether the finite values of the shown slice are all the same to rounding
    // (flatToRounding), so that the map has one colour and no lowest point of its own.
    bool isFlat() const;
    QWidget *createHeader();
    void createPlottables();
    void setAxisRanges(const LandscapeGrid &grid);
    void onRangeChanged();
    void emitViewRange();
    void updateColourScale();
    void updateContours();
    void updateMarkers();
    void updateMinimumMarker();
    void updateDirections();
    void updateTitles();
    void showReadOut(double a, double c);
    QString axisLabel(int parameter) const;

    QCheckBox *m_logarithmic;
    QCheckBox *m_showContours;
    QPushButton *m_fitView;
    QLabel *m_title;
    QLabel *m_summary;
    QCustomPlot *m_plot;
    QCPColorMap *m_map;
    QCPColorScale *m_scale;
    ContourOverlay *m_contours;
    QCPCurve *m_pathOutline;
    QCPCurve *m_path;
    QCPGraph *m_startMarker;
    QCPGraph *m_endMarker;
    QCPGraph *m_minimumOutline;
    QCPGraph *m_minimumMarker;
    QLabel *m_directions;
    LegendLabel *m_legend;
    QLabel *m_readOut;
    std::shared_ptr<const SliceResult> m_result;
    // Smallest and largest finite value of the shown slice.
    double m_lowest = 0.0;
    bool m_refinementStopped = false;
    double m_highest = 0.0;
    // Collects the range changes of a wheel turn or a drag into one request.
    QTimer m_rangeSettle;
    bool m_settingRange = false;
    bool m_viewChangedByUser = false;
};

} // namespace losslens
