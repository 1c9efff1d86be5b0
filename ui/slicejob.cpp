#include "slicejob.h"

#include "uilogging.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <mutex>

namespace losslens {

SliceJob::SliceJob(QObject *parent) : QObject(parent) {}

SliceJob::~SliceJob()
{
    m_stop.request_stop();
}

void SliceJob::cancel()
{
    m_stop.request_stop();
    ++m_generation;
    if (m_busy) {
        m_busy = false;
        emit busyChanged(false);
    }
}

namespace {

using ResultPointer = std::shared_ptr<const SliceResult>;

void computeInBackground(QPromise<ResultPointer> &promise,
                         std::shared_ptr<const LinearModelObjective> objective,
                         SliceSettings settings, int resolution,
                         std::optional<SlicePath> knownPath, std::stop_token stop)
{
    promise.setProgressRange(0, sliceRowCount(resolution, SliceJob::coarseResolution));
    // The grid's worker threads finish rows out of order, so only a count above the last one
    // reported goes to the promise, and the bar never moves back.
    std::mutex progressMutex;
    int reportedRows = 0;
    computeSliceResults(
        objective, settings, resolution, SliceJob::coarseResolution, std::move(knownPath), stop,
        [&](SliceResult result) {
            promise.addResult(std::make_shared<const SliceResult>(std::move(result)));
        },
        [&](int rowsDone) {
            const std::lock_guard lock(progressMutex);
            if (rowsDone > reportedRows) {
                reportedRows = rowsDone;
                promise.setProgressValue(rowsDone);
            }
        });
}

} // namespace

void SliceJob::request(std::shared_ptr<const LinearModelObjective> objective,
                       const SliceSettings &settings, int resolution)
{
    cancel();
    m_stop = std::stop_source();
    const quint64 generation = m_generation;
    // Copying a SlicePath copies pointers to its shared points, not the points.
    std::optional<SlicePath> knownPath;
    if (objective == m_pathObjective && settings.learningRate == m_pathLearningRate &&
        settings.stepLimit == m_pathStepLimit)
        knownPath = m_path;

    auto *watcher = new QFutureWatcher<ResultPointer>(this);
    connect(watcher, &QFutureWatcherBase::resultReadyAt, this,
            [this, watcher, generation](int index) {
                const ResultPointer result = watcher->resultAt(index);
                if (generation != m_generation || !result)
                    return;
                m_pathObjective = result->objective;
                m_pathLearningRate = result->settings.learningRate;
                m_pathStepLimit = result->settings.stepLimit;
                m_path = result->path;
                if (result->complete && m_busy) {
                    m_busy = false;
                    emit busyChanged(false);
                }
                emit resultReady(result);
            });
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this,
            [this, watcher, generation](int rowsDone) {
                if (generation == m_generation && m_busy)
                    emit progressChanged(rowsDone, watcher->progressMaximum());
            });
    connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
    watcher->setFuture(QtConcurrent::run(computeInBackground, objective, settings, resolution,
                                         std::move(knownPath), m_stop.get_token()));
    m_busy = true;
    emit busyChanged(true);
    qCDebug(lcUi) << "slice requested" << resolution << "x" << resolution << "through"
                  << objective->parameterCount() << "parameters";
}

} // namespace losslens
