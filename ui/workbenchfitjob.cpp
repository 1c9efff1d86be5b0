#include "workbenchfitjob.h"

#include "uilogging.h"

#include "core/gridstartedminimum.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace losslens {

std::shared_ptr<const WorkbenchFit> fitForWorkbench(int lossIndex,
                                                    std::shared_ptr<const LineObjective> objective,
                                                    const Eigen::Vector2d &start,
                                                    std::stop_token stop)
{
    auto fit = std::make_shared<WorkbenchFit>();
    fit->lossIndex = lossIndex;
    fit->objective = objective;
    fit->minimum = findMinimumFromAutomaticGrid(*objective, start, minimumSearchGridResolution, stop);
    if (fit->minimum.status == MinimumStatus::Cancelled)
        return nullptr;
    fit->line = objective->toDataUnits(fit->minimum.theta);
    const Dataset &data = objective->data();
    fit->errors = ((fit->line.slope * data.feature.array() + fit->line.intercept) -
                   data.target.array())
                      .matrix();
    const WeightFunction weights(objective->loss(),
                                 weightReferenceResidual(fit->errors, data.target));
    fit->weights = weights.weights(fit->errors);
    fit->normalization = weights.normalization();
    fit->referenceResidual = weights.referenceResidual();
    return fit;
}

WorkbenchFitJob::WorkbenchFitJob(QObject *parent) : QObject(parent) {}

WorkbenchFitJob::~WorkbenchFitJob()
{
    m_stop.request_stop();
}

void WorkbenchFitJob::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

void WorkbenchFitJob::cancel()
{
    m_stop.request_stop();
    ++m_generation;
    setBusy(false);
}

namespace {

using PositionedFit = std::pair<int, std::shared_ptr<const WorkbenchFit>>;

void fitAll(QPromise<PositionedFit> &promise,
            std::vector<std::pair<int, std::shared_ptr<const LineObjective>>> objectives,
            std::vector<int> positions, Eigen::Vector2d start, std::stop_token stop)
{
    for (std::size_t k = 0; k < objectives.size(); ++k) {
        auto fit = fitForWorkbench(objectives[k].first, objectives[k].second, start, stop);
        if (!fit)
            return;
        promise.addResult(PositionedFit(positions[k], std::move(fit)));
    }
}

} // namespace

void WorkbenchFitJob::request(const WorkbenchFitRequest &request)
{
    cancel();
    m_stop = std::stop_source();
    const quint64 generation = m_generation;

    // Fits of objectives that the request still contains, at the same start, are kept.
    const bool sameStart = request.start == m_cachedStart;
    std::map<const LineObjective *, std::shared_ptr<const WorkbenchFit>> kept;
    std::vector<std::pair<int, std::shared_ptr<const LineObjective>>> pending;
    std::vector<int> positions;
    std::vector<PositionedFit> known;
    for (int position = 0; position < int(request.objectives.size()); ++position) {
        const auto &[lossIndex, objective] = request.objectives[position];
        const auto cached = m_cache.find(objective.get());
        if (sameStart && cached != m_cache.end() && cached->second->objective == objective &&
            cached->second->lossIndex == lossIndex) {
            kept.insert(*cached);
            known.emplace_back(position, cached->second);
        } else {
            pending.emplace_back(lossIndex, objective);
            positions.push_back(position);
        }
    }
    m_cache = std::move(kept);
    m_cachedStart = request.start;
    for (const auto &[position, fit] : known)
        emit fitReady(position, fit);
    if (pending.empty()) {
        emit finished();
        return;
    }

    auto *watcher = new QFutureWatcher<PositionedFit>(this);
    connect(watcher, &QFutureWatcherBase::resultReadyAt, this,
            [this, watcher, generation](int index) {
                if (generation != m_generation)
                    return;
                const PositionedFit result = watcher->resultAt(index);
                m_cache[result.second->objective.get()] = result.second;
                emit fitReady(result.first, result.second);
            });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        setBusy(false);
        emit finished();
    });
    watcher->setFuture(QtConcurrent::run(fitAll, std::move(pending), std::move(positions),
                                         request.start, m_stop.get_token()));
    setBusy(true);
    qCDebug(lcUi) << "workbench fits requested for" << request.objectives.size() << "losses";
}

} // namespace losslens
