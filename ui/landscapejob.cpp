#include "landscapejob.h"

#include "uilogging.h"

#include <QFutureWatcher>
#include <QThread>

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>
#include <cerrno>
#include <cstring>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace losslens {

LandscapeJob::LandscapeJob(QObject *parent) : QObject(parent)
{
    // One computation runs at a time. Spare threads let a new one start at once while
    // cancelled ones, in a minimum search or a block of samples, have yet to notice their stop.
    m_pool.setMaxThreadCount(4);
}

LandscapeJob::~LandscapeJob()
{
    m_stop.request_stop();
    m_pool.waitForDone();
}

void LandscapeJob::cancel()
{
    m_stop.request_stop();
    ++m_generation;
    if (m_busy) {
        m_busy = false;
        emit busyChanged(false);
    }
}

namespace {

// Grid side of the quick first pass: 1/16 of the work of a 161 x 161 grid.
constexpr int coarseResolution = 41;

// Nice value of the landscape's threads. The grid's workers fill every core. At equal priority
// the landscape plot's replot took 8.7 ms during slider drags in losslens_ui_latency_benchmark
// on 2 cores, against 2.2 ms with the workers idle. At 10 the scheduler gives the window's
// thread about nine times a worker's share, and idle cores still go to the grid.
constexpr int backgroundNice = 10;

// Lowers the calling thread's priority to backgroundNice. The grid's worker threads, which
// this thread starts, inherit it on Linux.
void lowerThreadPriority()
{
#ifdef Q_OS_LINUX
    const auto thread = static_cast<id_t>(syscall(SYS_gettid));
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, thread);
    if (errno == 0 && current < backgroundNice &&
        setpriority(PRIO_PROCESS, thread, backgroundNice) != 0)
        qCDebug(lcUi) << "could not lower the landscape thread's priority:" << strerror(errno);
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

using ResultPointer = std::shared_ptr<LandscapeResult>;

void computeProgressively(QPromise<ResultPointer> &promise,
                          std::shared_ptr<const LineObjective> objective, LandscapeGrid grid,
                          std::stop_token stop, std::optional<MinimumResult> knownMinimum)
{
    lowerThreadPriority();
    auto publish = [&](const Landscape &landscape, bool fullResolution) {
        auto result = std::make_shared<LandscapeResult>();
        result->objective = objective;
        result->landscape = landscape;
        result->fullResolution = fullResolution;
        if (knownMinimum) {
            result->minimum = *knownMinimum;
            result->hasMinimum = true;
        }
        result->complete = fullResolution && result->hasMinimum;
        promise.addResult(result);
    };

    if (grid.slopeCount > coarseResolution || grid.interceptCount > coarseResolution) {
        LandscapeGrid coarseGrid = grid;
        coarseGrid.slopeCount = std::min(grid.slopeCount, coarseResolution);
        coarseGrid.interceptCount = std::min(grid.interceptCount, coarseResolution);
        const std::optional<Landscape> coarse = computeLandscape(*objective, coarseGrid, stop);
        if (!coarse)
            return;
        publish(*coarse, false);
    }
    const std::optional<Landscape> full = computeLandscape(*objective, grid, stop);
    if (!full)
        return;
    publish(*full, true);
    if (knownMinimum)
        return;
    // The search starts from the best node of the full grid.
    Eigen::Index row = 0, column = 0;
    full->values.minCoeff(&row, &column);
    const Eigen::Vector2d initial(full->grid.slopeAt(int(row)),
                                  full->grid.interceptAt(int(column)));
    const MinimumResult minimum = findMinimum(*objective, initial, stop);
    if (minimum.status == MinimumStatus::Cancelled)
        return;
    knownMinimum = minimum;
    publish(*full, true);
}

} // namespace

void LandscapeJob::request(std::shared_ptr<const LineObjective> objective,
                           const LandscapeGrid &grid)
{
    cancel();
    m_stop = std::stop_source();
    const quint64 generation = m_generation;
    std::optional<MinimumResult> knownMinimum;
    if (objective == m_minimumObjective)
        knownMinimum = m_minimum;

    auto *watcher = new QFutureWatcher<ResultPointer>(this);
    connect(watcher, &QFutureWatcherBase::resultReadyAt, this,
            [this, watcher, generation](int index) {
                const ResultPointer result = watcher->resultAt(index);
                if (generation != m_generation || !result)
                    return;
                if (result->hasMinimum) {
                    m_minimumObjective = result->objective;
                    m_minimum = result->minimum;
                }
                if (result->complete && m_busy) {
                    m_busy = false;
                    emit busyChanged(false);
                }
                emit resultReady(result);
            });
    connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
    watcher->setFuture(QtConcurrent::run(&m_pool, computeProgressively, objective, grid,
                                         m_stop.get_token(), knownMinimum));
    m_busy = true;
    emit busyChanged(true);
    qCDebug(lcUi) << "landscape requested" << grid.slopeCount << "x" << grid.interceptCount;
}

} // namespace losslens
