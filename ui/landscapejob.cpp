#include "landscapejob.h"

#include "uilogging.h"

#include <QElapsedTimer>
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

// Largest grid side of the first pass, 1/16 of the work of a 161 x 161 grid.
constexpr int largestFirstCount = 41;
// Smallest grid side of a pass before the full grid.
constexpr int smallestFirstCount = 6;
// Time the first pass may take, predicted from the last pass of the same loss: within a frame
// of 16.7 ms together with the handlers (about 2 ms) and the landscape's replot (about 5 ms).
constexpr double firstPassSeconds = 0.005;
// Assumed cost of one evaluation, on all cores, of a loss with no measured pass yet: about a
// formula loss's per-sample loop on 2 cores (3.3 s for 200 x 200 nodes on 10,000 points, 8 ns).
constexpr double unmeasuredSecondsPerEvaluation = 1e-8;
// Passes between the first and the full grid are computed and shown only when the rest of the
// full grid is predicted to take longer than this, as for a million points. Each costs a replot
// of about 5 ms on the window's thread, and costs measured during a drag run about twice the
// idle ones, so landscapes of 10,000 points get none.
constexpr double intermediatePassSeconds = 0.25;

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

// Samples summed per node. An empty data set still counts one evaluation per node.
double samplesPerNode(const LineObjective &objective)
{
    return double(std::max<Eigen::Index>(1, objective.data().size()));
}

// Node and sample pairs of a grid: the work of computing it.
double evaluations(const LandscapeGrid &grid, const LineObjective &objective)
{
    return double(grid.slopeCount) * grid.interceptCount * samplesPerNode(objective);
}

void computeProgressively(QPromise<ResultPointer> &promise,
                          std::shared_ptr<const LineObjective> objective, LandscapeGrid grid,
                          std::stop_token stop, std::optional<MinimumResult> knownMinimum,
                          std::shared_ptr<std::atomic<double>> secondsPerEvaluation)
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
    // Computes one pass, refining the previous one, and updates the cost per evaluation.
    std::optional<Landscape> previous;
    auto compute = [&](const LandscapeGrid &pass) -> bool {
        QElapsedTimer timer;
        timer.start();
        std::optional<Landscape> landscape =
            previous ? refineLandscape(*objective, *previous, pass, stop)
                     : computeLandscape(*objective, pass, stop);
        if (!landscape)
            return false;
        const double computed =
            evaluations(pass, *objective) - (previous && isNestedGrid(previous->grid, pass)
                                                 ? evaluations(previous->grid, *objective)
                                                 : 0.0);
        if (computed > 0.0)
            secondsPerEvaluation->store(double(timer.nsecsElapsed()) * 1e-9 / computed);
        previous = std::move(landscape);
        return true;
    };

    if (const std::optional<LandscapeGrid> first =
            firstPassGrid(grid,
                          secondsPerEvaluation->load() * samplesPerNode(*objective),
                          firstPassSeconds, smallestFirstCount, largestFirstCount)) {
        if (!compute(*first))
            return;
        publish(*previous, false);
        for (const LandscapeGrid &pass : nestedGrids(grid, smallestFirstCount)) {
            if (pass.slopeCount <= previous->grid.slopeCount)
                continue;
            const double rest =
                evaluations(grid, *objective) - evaluations(previous->grid, *objective);
            if (secondsPerEvaluation->load() * rest <= intermediatePassSeconds)
                break;
            if (!compute(pass))
                return;
            publish(*previous, false);
        }
    } else if (grid.slopeCount > largestFirstCount || grid.interceptCount > largestFirstCount) {
        // A grid with no nested coarse grid, such as one with an even number of nodes, gets a
        // coarse pass of its own, which the full grid cannot reuse.
        LandscapeGrid coarseGrid = grid;
        coarseGrid.slopeCount = std::min(grid.slopeCount, largestFirstCount);
        coarseGrid.interceptCount = std::min(grid.interceptCount, largestFirstCount);
        if (!compute(coarseGrid))
            return;
        publish(*previous, false);
    }
    if (!compute(grid))
        return;
    const Landscape &full = *previous;
    publish(full, true);
    if (knownMinimum)
        return;
    // The search starts from the best node of the full grid.
    Eigen::Index row = 0, column = 0;
    full.values.minCoeff(&row, &column);
    const Eigen::Vector2d initial(full.grid.slopeAt(int(row)), full.grid.interceptAt(int(column)));
    const MinimumResult minimum = findMinimum(*objective, initial, stop);
    if (minimum.status == MinimumStatus::Cancelled)
        return;
    knownMinimum = minimum;
    publish(full, true);
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
    // The cost of the loss's last pass predicts the passes of this request. A loss not yet
    // measured is assumed as slow as a formula's per-sample loop, so its first picture comes
    // quickly on a million points too. Its first pass then measures the real cost.
    auto &cost = m_secondsPerEvaluation[objective->loss().name()];
    if (!cost)
        cost = std::make_shared<std::atomic<double>>(unmeasuredSecondsPerEvaluation);
    watcher->setFuture(QtConcurrent::run(&m_pool, computeProgressively, objective, grid,
                                         m_stop.get_token(), knownMinimum, cost));
    m_busy = true;
    emit busyChanged(true);
    qCDebug(lcUi) << "landscape requested" << grid.slopeCount << "x" << grid.interceptCount;
}

} // namespace losslens
