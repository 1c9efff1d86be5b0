#include "landscapejob.h"

#include "uilogging.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace losslens {

LandscapeJob::LandscapeJob(QObject *parent) : QObject(parent) {}

LandscapeJob::~LandscapeJob()
{
    m_stop.request_stop();
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

using ResultPointer = std::shared_ptr<LandscapeResult>;

void computeProgressively(QPromise<ResultPointer> &promise,
                          std::shared_ptr<const LineObjective> objective, LandscapeGrid grid,
                          std::stop_token stop, std::optional<MinimumResult> knownMinimum)
{
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
    const Eigen::Vector2d initial(full->grid.slopeAt(int(row)), full->grid.interceptAt(int(column)));
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
    watcher->setFuture(
        QtConcurrent::run(computeProgressively, objective, grid, m_stop.get_token(), knownMinimum));
    m_busy = true;
    emit busyChanged(true);
    qCDebug(lcUi) << "landscape requested" << grid.slopeCount << "x" << grid.interceptCount;
}

} // namespace losslens
