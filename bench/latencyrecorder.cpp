#include "latencyrecorder.h"

#include "ui/landscapeview.h"

#include <algorithm>

namespace losslens {

PaintTimingApplication::PaintTimingApplication(int &argc, char **argv) : QApplication(argc, argv)
{
}

void PaintTimingApplication::watchPaints(QWidget *widget, PaintCallback callback)
{
    m_watched = widget;
    m_callback = std::move(callback);
}

bool PaintTimingApplication::notify(QObject *receiver, QEvent *event)
{
    const bool isWatchedPaint = receiver == m_watched && event->type() == QEvent::Paint;
    const bool handled = QApplication::notify(receiver, event);
    if (isWatchedPaint && m_callback)
        m_callback(BenchmarkClock::now());
    return handled;
}

void LatencyRecorder::clear()
{
    m_changes.clear();
    m_coarseGrid.reset();
    m_replotting = false;
    m_paintedInReplot.reset();
    m_drawnNotPainted = -1;
    m_fullDrawnNotPainted = -1;
}

void LatencyRecorder::recordChange(BenchmarkClock::time_point changed,
                                   std::chrono::nanoseconds lateness,
                                   std::chrono::nanoseconds handling,
                                   std::shared_ptr<const LineObjective> objective)
{
    ChangeTiming timing;
    timing.changed = changed;
    timing.lateness = lateness;
    timing.handling = handling;
    timing.objective = std::move(objective);
    m_changes.push_back(std::move(timing));
}

void LatencyRecorder::onReplotStarted()
{
    m_replotting = true;
    m_paintedInReplot.reset();
}

void LatencyRecorder::onReplotFinished()
{
    m_replotting = false;
    // The view stores a new result before it replots, so the result drawn is the current one.
    if (const LandscapeResult *result = m_view->result())
        noteResultDrawn(*result);
    if (m_paintedInReplot)
        markShown(*m_paintedInReplot);
}

void LatencyRecorder::noteResultDrawn(const LandscapeResult &result)
{
    // Each recorded change made a new objective, so at most one change matches.
    int index = -1;
    for (int i = static_cast<int>(m_changes.size()) - 1; i >= 0; --i) {
        if (m_changes[i].objective == result.objective) {
            index = i;
            break;
        }
    }
    if (index < 0)
        return;
    m_drawnNotPainted = std::max(m_drawnNotPainted, index);
    if (result.fullResolution) {
        m_fullDrawnNotPainted = std::max(m_fullDrawnNotPainted, index);
    } else {
        // The first pass of the change, not a finer pass drawn after it.
        if (!m_changes[index].ownCoarseDrawn)
            m_coarseGrid = result.landscape.grid;
        m_changes[index].ownCoarseDrawn = true;
    }
}

void LatencyRecorder::onPlotPainted(BenchmarkClock::time_point painted)
{
    // A paint inside replot() is matched to its result when the replot finishes.
    if (m_replotting)
        m_paintedInReplot = painted;
    else
        markShown(painted);
}

void LatencyRecorder::markShown(BenchmarkClock::time_point paintFinished)
{
    for (int i = 0; i <= m_drawnNotPainted; ++i) {
        if (!m_changes[i].firstPictureShown)
            m_changes[i].firstPictureShown = paintFinished;
    }
    for (int i = 0; i <= m_fullDrawnNotPainted; ++i) {
        if (!m_changes[i].fullPictureShown)
            m_changes[i].fullPictureShown = paintFinished;
    }
    m_drawnNotPainted = -1;
    m_fullDrawnNotPainted = -1;
}

bool LatencyRecorder::fullPictureShown(size_t changeIndex) const
{
    return changeIndex < m_changes.size() && m_changes[changeIndex].fullPictureShown.has_value();
}

} // namespace losslens
