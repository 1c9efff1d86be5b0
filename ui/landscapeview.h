#pragma once

#include "landscapejob.h"
#include "sessionfile.h"
#include "sessionmodel.h"
#include "trainingcontroller.h"

#include "core/contours.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPCurve;
class QCPGraph;
class QCPTextElement;

namespace losslens {

class ContourOverlay;
class ReplotScheduler;
class RunArrows;
class RunPaths;

// The mean loss of the current loss over (w, b) in training coordinates as a heat map with a
// colour scale and labelled contour lines, its minimum, the start point, every run's path and
// arrows at the selected run's current point. A left click or drag sets the start point of every
// run, or of the selected run alone while Shift is held. The wheel zooms and a right drag pans.
// The map is recomputed in the background for the visible range.
class LandscapeView : public QWidget
{
    Q_OBJECT

public:
    static constexpr int resolution = 161;

    LandscapeView(SessionModel *model, TrainingController *training, QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    // The latest landscape shown, or nullptr while none has arrived.
    const LandscapeResult *result() const { return m_result.get(); }
    bool isComputing() const { return m_job.isBusy(); }
    // Points of a run's path as drawn, or nullptr when the run is not active.
    QCPCurve *path(int runIndex) const;
    const RunArrows *arrows() const { return m_runArrows; }
    // The labelled contour lines over the heat map, empty while they are switched off.
    const ContourOverlay *contours() const { return m_contours; }
    // The star at the minimum of the mean loss, hidden while there is none to show.
    const QCPGraph *minimumMarker() const { return m_minimumMarker; }
    const ReplotScheduler *replots() const { return m_replots; }
    // The header's switches: a logarithmic colour scale (else linear) and the contour lines.
    QCheckBox *logarithmicBox() const { return m_logarithmic; }
    QCheckBox *contoursBox() const { return m_showContours; }
    // Ranges of the slope (horizontal) and intercept (vertical) axes, in the coordinates the
    // landscape is drawn in.
    ViewRange range() const;
    // Shows a range, as a zoom does, and computes the landscape for it.
    void setRange(const ViewRange &range);

public slots:
    void resetRange();

signals:
    void landscapeUpdated();
    void computingChanged(bool computing);
    // A read-out of the point under the cursor, for the status bar.
    void hoverText(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onModelChanged(SessionModel::Changes changes);
    void requestLandscape();
    void showResult(std::shared_ptr<const LandscapeResult> result);
    void updatePaths();
    void updateLabels();
    // The width of the plot's first column, which contains the title, the subtitle and the map,
    // while the colour scale takes the second.
    int titleColumnWidth() const;
    // Sets the title and the subtitle to m_titleSource and m_subtitleSource, broken into lines
    // that fit titleColumnWidth(). Returns whether either text changed.
    bool wrapTitles();
    void updateColourScale();
    void updateContours();
    void updateContourObstacles();
    // Sets the start of every run, or with selectedRunOnly that of the selected run.
    void setStartFromPixel(const QPointF &pixel, bool selectedRunOnly);

    SessionModel *m_model;
    TrainingController *m_training;
    QCustomPlot *m_plot;
    ReplotScheduler *m_replots;
    QCheckBox *m_logarithmic;
    QCheckBox *m_showContours;
    QCPTextElement *m_title;
    QCPTextElement *m_subtitle;
    // The title and the subtitle before wrapping, wrapped again when the plot's width or the
    // colour scale's width changes.
    QString m_titleSource;
    QString m_subtitleSource;
    QCPColorMap *m_map;
    QCPColorScale *m_scale;
    ContourOverlay *m_contours;
    QCPGraph *m_minimumMarker;
    QCPGraph *m_minimumOutline;
    QCPGraph *m_startMarker;
    RunPaths *m_runPaths;
    RunArrows *m_runArrows;
    LandscapeJob m_job;
    std::shared_ptr<const LandscapeResult> m_result;
    // The map and its colour scale show the mean loss divided by 10^m_colourExponent, which is
    // 0 unless the largest value lies beyond what an axis can show (largestAxisValue).
    int m_colourExponent = 0;
    // Cells of the shown landscape whose mean loss is infinite or undefined, drawn blank.
    Eigen::Index m_undefinedCellCount = 0;
    // The smallest and largest finite mean loss of the shown landscape, found once per result
    // for the colour scale, the contours and the subtitle.
    std::optional<ValueRange> m_finiteRange;
    QTimer m_rangeSettle;
    bool m_settingRange = false;
    bool m_draggingStart = false;
    bool m_draggingSelectedStart = false;
    QString m_notApplicable;
};

} // namespace losslens
