#pragma once

#include "core/landscape.h"
#include "core/minimizer.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <stop_token>

namespace losslens {

struct LandscapeResult
{
    std::shared_ptr<const LineObjective> objective;
    Landscape landscape;
    MinimumResult minimum;
    // True once the minimum is known as well; the last result of a request.
    bool complete = false;
    // True for the requested grid, false for the quick coarse pass. The requested grid is
    // delivered before the minimum search, so the view draws it sooner during a slider drag.
    bool fullResolution = false;
    bool hasMinimum = false;
};

// Computes a landscape and the minimum of its objective on the thread pool, progressively. A
// coarse grid comes first, sized to take at most about 5 ms, and is delivered at once. Finer
// grids follow only when the full grid is slow. Each pass refines the one before, and the full
// grid is delivered again with the minimum. A new request
// cancels the one in flight, so only the latest request's results are delivered. The minimum
// does not depend on the grid and is reused while the objective stays the same.
class LandscapeJob : public QObject
{
    Q_OBJECT

public:
    explicit LandscapeJob(QObject *parent = nullptr);
    ~LandscapeJob() override;

    void request(std::shared_ptr<const LineObjective> objective, const LandscapeGrid &grid);
    void cancel();
    bool isBusy() const { return m_busy; }

signals:
    // A coarse or complete result of the latest request.
    void resultReady(std::shared_ptr<const losslens::LandscapeResult> result);
    void busyChanged(bool busy);

private:
    // Threads of their own, run below the window's priority (see landscapejob.cpp).
    QThreadPool m_pool;
    std::stop_source m_stop;
    quint64 m_generation = 0;
    bool m_busy = false;
    std::shared_ptr<const LineObjective> m_minimumObjective;
    std::optional<MinimumResult> m_minimum;
    // Measured seconds per node and sample of each loss's last pass, shared with the
    // computation that updates it. Keyed by the loss's name, as costs differ between losses.
    std::map<QString, std::shared_ptr<std::atomic<double>>> m_secondsPerEvaluation;
};

} // namespace losslens
