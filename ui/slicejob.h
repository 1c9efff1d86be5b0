#pragma once

#include "slicecomputation.h"

#include <QObject>

#include <memory>
#include <optional>
#include <stop_token>

namespace losslens {

// Computes slice results on the thread pool: the training run, the profile, a coarse grid
// delivered at once and then the full grid. A new request cancels the one in flight, so only
// the latest request's results are delivered. The thinned training path (see SlicePath) is
// reused while the objective, the learning rate and the step limit stay the same, so changing
// only the plane or the range costs no training. The cache and the results share its points.
class SliceJob : public QObject
{
    Q_OBJECT

public:
    static constexpr int coarseResolution = 41;

    explicit SliceJob(QObject *parent = nullptr);
    ~SliceJob() override;

    void request(std::shared_ptr<const LinearModelObjective> objective,
                 const SliceSettings &settings, int resolution);
    // Stops the request in flight, which then delivers nothing. The computation notices within
    // one training update or one row of the grid.
    void cancel();
    bool isBusy() const { return m_busy; }

signals:
    // A coarse or complete result of the latest request.
    void resultReady(std::shared_ptr<const losslens::SliceResult> result);
    void busyChanged(bool busy);
    // Grid rows of the latest request finished so far, of rowCount (see sliceRowCount). It is
    // not emitted while the model trains, whose length is not known beforehand.
    void progressChanged(int rowsDone, int rowCount);

private:
    std::stop_source m_stop;
    quint64 m_generation = 0;
    bool m_busy = false;
    // The latest training path and what it was computed from.
    std::shared_ptr<const LinearModelObjective> m_pathObjective;
    double m_pathLearningRate = 0.0;
    int m_pathStepLimit = -1;
    std::optional<SlicePath> m_path;
};

} // namespace losslens
