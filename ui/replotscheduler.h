#pragma once

#include <qcustomplot.h>

#include <QEvent>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

namespace losslens {

// Replots a plot once at the next turn of the event loop however often it is asked to, and
// only the layers asked for when no request needs the whole plot. A request is dropped when the
// plot replots in full before then, as a view that must show a new result at once does, and is
// kept while the plot is hidden, which replots when it is shown. QCustomPlot 2.1's own
// rpQueuedReplot replots the whole plot even when it was replotted in the meantime.
// Header-only and without Q_OBJECT, so it needs no entry in the build files.
class ReplotScheduler : public QObject
{
public:
    explicit ReplotScheduler(QCustomPlot *plot) : QObject(plot), m_plot(plot)
    {
        // Any full replot, this scheduler's or another caller's, draws every layer, so nothing
        // asked for before it is still pending.
        connect(plot, &QCustomPlot::afterReplot, this, [this] {
            m_everReplotted = true;
            m_fullPending = false;
            m_pendingLayers.clear();
        });
        plot->installEventFilter(this);
        m_holdTimer.setSingleShot(true);
        connect(&m_holdTimer, &QTimer::timeout, this, [this] { release(); });
        schedulers().push_back(this);
    }
    ~ReplotScheduler() override { std::erase(schedulers(), this); }

    // Asks for a replot of the whole plot, because the axes, the layout or a layer in the
    // logical mode (QCPLayer::lmLogical) changed.
    void requestReplot()
    {
        m_fullPending = true;
        schedule();
    }

    // Asks for a replot of one layer in the buffered mode (QCPLayer::lmBuffered), when only its
    // layerables changed. QCustomPlot replots the whole plot instead while any paint buffer is
    // invalid, as it is after a plottable was added to or removed from a layer.
    void requestLayerReplot(QCPLayer *layer)
    {
        if (std::find(m_pendingLayers.begin(), m_pendingLayers.end(), layer) ==
            m_pendingLayers.end())
            m_pendingLayers.push_back(layer);
        schedule();
    }

    // Delays the requests until release() or for at most timeout. A view calls it when its new
    // result is about to arrive, so it replots once, with the result, and the result is not
    // queued behind a replot of the old picture. A delay in force is not extended, so a series
    // of changes delays the replots by at most timeout.
    void holdFor(std::chrono::milliseconds timeout)
    {
        if (!m_holdTimer.isActive())
            m_holdTimer.start(timeout);
    }

    void release()
    {
        m_holdTimer.stop();
        if (m_fullPending || !m_pendingLayers.empty())
            schedule();
    }

    // holdFor() and release() on every scheduler of the application. The landscape delays every
    // plot's replots while its coarse picture is computed, so that picture is painted before
    // the other views' replots and not after them.
    static void holdAllFor(std::chrono::milliseconds timeout)
    {
        for (ReplotScheduler *scheduler : schedulers())
            scheduler->holdFor(timeout);
    }
    static void releaseAll()
    {
        for (ReplotScheduler *scheduler : schedulers())
            scheduler->release();
    }

    // Called after layers alone were replotted, which emits no QCustomPlot::afterReplot.
    void setLayersReplotted(std::function<void()> callback)
    {
        m_layersReplotted = std::move(callback);
    }

    // Replots this scheduler started, for benchmarks and tests. A layer replot that QCustomPlot
    // turned into a full one counts as a layer replot.
    int fullReplotCount() const { return m_fullReplots; }
    int layerReplotCount() const { return m_layerReplots; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_plot && event->type() == QEvent::Show &&
            (m_fullPending || !m_pendingLayers.empty()))
            schedule();
        return false;
    }

private:
    // The schedulers that exist, all on the application's thread.
    static std::vector<ReplotScheduler *> &schedulers()
    {
        static std::vector<ReplotScheduler *> all;
        return all;
    }

    void schedule()
    {
        if (m_scheduled)
            return;
        m_scheduled = true;
        QMetaObject::invokeMethod(
            this, [this] { replotPending(); }, Qt::QueuedConnection);
    }

    void replotPending()
    {
        m_scheduled = false;
        if (!m_fullPending && m_pendingLayers.empty())
            return;
        // A hidden plot keeps its requests until it is shown, a held one until it is released.
        if (!m_plot->isVisible() || m_holdTimer.isActive())
            return;
        // A layer has no paint buffer of its own before the first full replot.
        if (m_fullPending || !m_everReplotted) {
            ++m_fullReplots;
            m_plot->replot();
            return;
        }
        const std::vector<QCPLayer *> layers = std::move(m_pendingLayers);
        m_pendingLayers.clear();
        for (QCPLayer *layer : layers) {
            ++m_layerReplots;
            layer->replot();
        }
        if (m_layersReplotted)
            m_layersReplotted();
    }

    QCustomPlot *m_plot;
    QTimer m_holdTimer;
    std::function<void()> m_layersReplotted;
    bool m_scheduled = false;
    bool m_fullPending = false;
    bool m_everReplotted = false;
    std::vector<QCPLayer *> m_pendingLayers;
    int m_fullReplots = 0;
    int m_layerReplots = 0;
};

} // namespace losslens
