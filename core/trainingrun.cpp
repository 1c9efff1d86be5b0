#include "trainingrun.h"

#include "logging.h"
#include "optimizers/sgd.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace losslens {

TrainingRun::TrainingRun(const LineObjective &objective, const Eigen::Vector2d &start,
                         const Optimizer &optimizer, const LearningRateSchedule &schedule)
    : m_optimizer(optimizer.clone()), m_schedule(schedule)
{
    reset(objective, start);
}

void TrainingRun::reset(const LineObjective &objective, const Eigen::Vector2d &start)
{
    m_history.clear();
    m_status = RunStatus::Running;
    m_divergedAt = -1;
    m_divergedLoss = 0.0;
    m_stalled = false;
    m_lastUpdate.setZero();
    m_lastGradient.setZero();
    m_optimizer->reset();
    m_schedule.reset(m_optimizer->learningRate());
    m_order.clear();
    m_position = 0;
    if (const auto *stochastic = dynamic_cast<const StochasticGradientDescent *>(m_optimizer.get()))
        m_generator.seed(stochastic->seed());
    m_startLoss = objective.value(start);
    if (!std::isfinite(m_startLoss)) {
        // A start so far out that the loss overflows: keep the point out of the plots.
        m_history.push_back({0, start, std::numeric_limits<double>::max()});
        m_status = RunStatus::Diverged;
        m_divergedAt = 0;
        m_divergedLoss = m_startLoss;
        return;
    }
    m_history.push_back({0, start, m_startLoss});
}

std::vector<Eigen::Index> TrainingRun::nextBatch(Eigen::Index sampleCount, int batchSize)
{
    if (m_position >= m_order.size()) {
        m_order.resize(sampleCount);
        for (Eigen::Index i = 0; i < sampleCount; ++i)
            m_order[i] = i;
        std::shuffle(m_order.begin(), m_order.end(), m_generator);
        m_position = 0;
    }
    const std::size_t end = std::min(m_order.size(), m_position + std::size_t(batchSize));
    std::vector<Eigen::Index> batch(m_order.begin() + m_position, m_order.begin() + end);
    m_position = end;
    return batch;
}

RunStatus TrainingRun::step(const LineObjective &objective)
{
    if (m_status != RunStatus::Running)
        return m_status;

    const TrainingPoint &point = m_history.back();
    const Eigen::Index sampleCount = objective.data().size();
    int batchSize = 0;
    if (const auto *stochastic = dynamic_cast<const StochasticGradientDescent *>(m_optimizer.get()))
        batchSize = stochastic->batchSize();
    Eigen::Vector2d gradient;
    if (batchSize > 0 && batchSize < sampleCount)
        gradient = objective.gradientOnSamples(point.theta, nextBatch(sampleCount, batchSize));
    else
        gradient = objective.evaluate(point.theta).gradient;
    m_lastGradient = gradient;
    Eigen::VectorXd updated = point.theta;
    m_optimizer->step(updated, gradient, m_schedule.current());
    m_schedule.advance();
    const Eigen::Vector2d next = updated;
    const double loss =
        next.allFinite() ? objective.value(next) : std::numeric_limits<double>::infinity();
    const double limit = divergenceFactor * std::max(m_startLoss, 1e-300);
    if (!std::isfinite(loss) || loss > limit) {
        m_status = RunStatus::Diverged;
        m_divergedAt = point.iteration + 1;
        m_divergedLoss = loss;
        qCDebug(lcCore) << "run diverged at step" << m_divergedAt << "loss" << loss;
        return m_status;
    }

    const Eigen::Vector2d update = next - point.theta;
    const Eigen::Vector2d previousUpdate = m_lastUpdate;
    const double moved = update.norm();
    const double tolerance = 1e-12 * (1.0 + point.theta.norm());
    m_lastUpdate = update;
    m_history.push_back({point.iteration + 1, next, loss});
    if (moved == 0.0) {
        m_status = RunStatus::Converged;
        m_stalled = gradient.isZero(0.0);
    } else if (moved <= tolerance && !previousUpdate.isZero(0.0)) {
        // Rounding noise at the minimum turns the update's direction at random; steady progress
        // keeps it.
        const double cosine = update.dot(previousUpdate) / (moved * previousUpdate.norm());
        if (cosine <= 0.99)
            m_status = RunStatus::Converged;
    }
    return m_status;
}

} // namespace losslens
