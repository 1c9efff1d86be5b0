#pragma once

#include "core/landscape.h"
#include "core/lineobjective.h"

#include <QApplication>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace losslens {

class LandscapeView;
struct LandscapeResult;

using BenchmarkClock = std::chrono::steady_clock;

// A QApplication that reports the end of every paint event of one widget. An event filter runs
// before the widget paints, so only notify() can take the time once its pixels are in the
// window's backing store.
class PaintTimingApplication : public QApplication
{
public:
    using PaintCallback = std::function<void(BenchmarkClock::time_point)>;

    PaintTimingApplication(int &argc, char **argv);

    void watchPaints(QWidget *widget, PaintCallback callback);
    bool notify(QObject *receiver, QEvent *event) override;

private:
    QWidget *m_watched = nullptr;
    PaintCallback m_callback;
};

// One measured change of a control and when the screen first showed it.
struct ChangeTiming
{
    BenchmarkClock::time_point changed;
    // How long after the pointer reached the position the change was made, because the event
    // loop was busy. Zero for clicks and for drags that apply every position in turn.
    std::chrono::nanoseconds lateness{0};
    // How long the control's handlers ran on the window's thread: the session model, the views
    // that update at once and the landscape request.
    std::chrono::nanoseconds handling{0};
    // The objective the change produced. A landscape result belongs to this change when it was
    // computed for this objective.
    std::shared_ptr<const LineObjective> objective;
    // End of the first paint of the landscape plot after it drew a result, coarse or full, of
    // this change or of a later one.
    std::optional<BenchmarkClock::time_point> firstPictureShown;
    // The same for a full-resolution result.
    std::optional<BenchmarkClock::time_point> fullPictureShown;
    // Whether the plot drew this change's own coarse result, rather than only a later change's.
    bool ownCoarseDrawn = false;
};

// Follows the landscape view through a series of changes. Each result the plot draws is
// matched to a change by its objective, so a result computed for an older value is never taken
// for a newer one. A result is shown at the end of the first paint of the plot after its replot
// starts. QCustomPlot 2.1 repaints at once inside replot() while the plotting hint
// phImmediateRefresh is set, as it is by default, and later from the event loop otherwise.
class LatencyRecorder
{
public:
    explicit LatencyRecorder(const LandscapeView *view) : m_view(view) {}

    // Starts a new series, forgetting the changes recorded so far.
    void clear();
    void recordChange(BenchmarkClock::time_point changed, std::chrono::nanoseconds lateness,
                      std::chrono::nanoseconds handling,
                      std::shared_ptr<const LineObjective> objective);
    // Called on the plot's beforeReplot() and afterReplot() signals.
    void onReplotStarted();
    void onReplotFinished();
    // Called at the end of each paint event of the landscape plot.
    void onPlotPainted(BenchmarkClock::time_point painted);

    const std::vector<ChangeTiming> &changes() const { return m_changes; }
    // The grid of the last coarse result drawn, if one was.
    const std::optional<LandscapeGrid> &coarseGrid() const { return m_coarseGrid; }
    bool fullPictureShown(size_t changeIndex) const;

private:
    void noteResultDrawn(const LandscapeResult &result);
    // Marks the changes up to the newest one drawn as shown when the paint finished.
    void markShown(BenchmarkClock::time_point paintFinished);

    const LandscapeView *m_view;
    std::vector<ChangeTiming> m_changes;
    std::optional<LandscapeGrid> m_coarseGrid;
    bool m_replotting = false;
    std::optional<BenchmarkClock::time_point> m_paintedInReplot;
    // The newest change whose result, any or full, was drawn but not yet painted, or -1.
    int m_drawnNotPainted = -1;
    int m_fullDrawnNotPainted = -1;
};

} // namespace losslens
