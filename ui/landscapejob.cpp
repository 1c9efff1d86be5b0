#include "landscapejob.h"

#include "uilogging.h"

#include <QFutureWatcher>
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

void LandscapeJob::request(std::shared_ptr<const LineObjective> objective,
                           const LandscapeGrid &grid)
{
    cancel();
    m_stop = std::stop_source();
    const quint64 generation = m_generation;
    const std::stop_token stop = m_stop.get_token();
    std::optional<MinimumResult> knownMinimum;
    if (objective == m_minimumObjective)
        knownMinimum = m_minimum;

    auto work = [objective, grid, stop, knownMinimum]() -> std::shared_ptr<LandscapeResult> {
        auto landscape = computeLandscape(*objective, grid, stop);
        if (!landscape)
            return nullptr;
        auto result = std::make_shared<LandscapeResult>();
        result->objective = objective;
        result->landscape = std::move(*landscape);
        if (knownMinimum) {
            result->minimum = *knownMinimum;
        } else {
            // Start the search from the best node of the grid.
            Eigen::Index row = 0, column = 0;
            result->landscape.values.minCoeff(&row, &column);
            const Eigen::Vector2d initial(grid.slopeAt(int(row)), grid.interceptAt(int(column)));
            result->minimum = findMinimum(*objective, initial, stop);
            if (result->minimum.status == MinimumStatus::Cancelled)
                return nullptr;
        }
        return result;
    };

    auto *watcher = new QFutureWatcher<std::shared_ptr<LandscapeResult>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        const auto result = watcher->result();
        if (generation != m_generation || !result)
            return;
        m_minimumObjective = result->objective;
        m_minimum = result->minimum;
        m_busy = false;
        emit busyChanged(false);
        emit finished(result);
    });
    watcher->setFuture(QtConcurrent::run(work));
    m_busy = true;
    emit busyChanged(true);
    qCDebug(lcUi) << "landscape requested" << grid.slopeCount << "x" << grid.interceptCount;
}

} // namespace losslens
