#pragma once

#include "core/minimizer.h"
#include "core/weightfunction.h"

#include <Eigen/Core>
#include <QObject>

#include <cmath>
#include <map>
#include <memory>
#include <stop_token>
#include <vector>

namespace losslens {

// One loss's fit on the session's data: the minimum that the landscape view marks for it, the
// line in the data's own units, and the weight w(e) = psi(e) / e that the loss gives each point
// at that line (see WeightFunction).
struct WorkbenchFit
{
    // The loss's index in the session.
    int lossIndex = -1;
    std::shared_ptr<const LineObjective> objective;
    MinimumResult minimum;
    LineParameters line;
    // e_i = line(x_i) - y_i, in the target's units.
    Eigen::VectorXd errors;
    Eigen::VectorXd weights;
    WeightFunction::Normalization normalization = WeightFunction::Normalization::ZeroErrorCurvature;
    // The residual a kinked loss's weights are measured at, or 0.
    double referenceResidual = 0.0;
};

// The objectives a request fits, each with its session index, and the start of the search in
// training coordinates.
struct WorkbenchFitRequest
{
    std::vector<std::pair<int, std::shared_ptr<const LineObjective>>> objectives;
    Eigen::Vector2d start = Eigen::Vector2d::Zero();
};

// Fits the workbench's losses on the thread pool, one after another, and delivers each fit as it
// is done. A new request cancels the one in flight, so only the latest request's fits arrive.
// An objective that is unchanged since the last request (the same object, as SessionModel keeps
// it while its loss and the data stay the same) keeps its fit, so a slider on one loss refits
// that loss alone.
class WorkbenchFitJob : public QObject
{
    Q_OBJECT

public:
    explicit WorkbenchFitJob(QObject *parent = nullptr);
    ~WorkbenchFitJob() override;

    void request(const WorkbenchFitRequest &request);
    void cancel();
    bool isBusy() const { return m_busy; }

signals:
    // A fit of the latest request; position is its row in the request.
    void fitReady(int position, std::shared_ptr<const losslens::WorkbenchFit> fit);
    // Every fit of the latest request has been delivered.
    void finished();
    void busyChanged(bool busy);

private:
    void setBusy(bool busy);

    std::stop_source m_stop;
    quint64 m_generation = 0;
    bool m_busy = false;
    Eigen::Vector2d m_cachedStart = Eigen::Vector2d::Constant(std::nan(""));
    std::map<const LineObjective *, std::shared_ptr<const WorkbenchFit>> m_cache;
};

// Fits one objective as WorkbenchFitJob does, on the calling thread. Returns nullptr when stop
// is requested first.
std::shared_ptr<const WorkbenchFit> fitForWorkbench(int lossIndex,
                                                    std::shared_ptr<const LineObjective> objective,
                                                    const Eigen::Vector2d &start,
                                                    std::stop_token stop = {});

} // namespace losslens
