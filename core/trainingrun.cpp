#include "trainingrun.h"

#include "logging.h"

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
    m_batches.reset(miniBatchSeed(*m_optimizer));
    m_startLoss = objective.value(start);
    // The start is recorded at its true loss even when that is infinite or NaN, as where the
    // loss is undefined for some errors or overflows. hasFiniteStart() reports that case.
    m_history.push_back({0, start, m_startLoss});
    if (!std::isfinite(m_startLoss)) {
        m_status = RunStatus::Diverged;
        m_divergedAt = 0;
        m_divergedLoss = m_startLoss;
    }
}

std::optional<UpdatePreview> TrainingRun::previewUpdate(const LineObjective &objective) const
{
    if (m_status != RunStatus::Running)
        return std::nullopt;
    const TrainingPoint &point = m_history.back();
    const Eigen::Index sampleCount = objective.data().size();
    const int samples = miniBatchSize(*m_optimizer);
    UpdatePreview preview;
    if (samples > 0 && samples < sampleCount)
        preview.gradient =
            objective.gradientOnSamples(point.theta, m_batches.peek(sampleCount, samples));
    else
        preview.gradient = objective.evaluate(point.theta).gradient;
    preview.learningRate = m_schedule.current();
    if (const std::optional<Eigen::VectorXd> velocity = m_optimizer->velocity())
        preview.velocity = Eigen::Vector2d(*velocity);
    // The same arithmetic as step(), on a clone, so the preview equals the next update bit for
    // bit.
    const std::unique_ptr<Optimizer> optimizer = m_optimizer->clone();
    Eigen::VectorXd theta = point.theta;
    optimizer->step(theta, preview.gradient, preview.learningRate);
    const Eigen::Vector2d next = theta;
    preview.step = next - point.theta;
    return preview;
}

RunStatus TrainingRun::step(const LineObjective &objective)
{
    if (m_status != RunStatus::Running)
        return m_status;

    const TrainingPoint &point = m_history.back();
    const Eigen::Index sampleCount = objective.data().size();
    const int samples = miniBatchSize(*m_optimizer);
    Eigen::Vector2d gradient;
    if (samples > 0 && samples < sampleCount)
        gradient = objective.gradientOnSamples(point.theta, m_batches.next(sampleCount, samples));
    else
        gradient = objective.evaluate(point.theta).gradient;
    m_lastGradient = gradient;
    Eigen::VectorXd updated = point.theta;
    m_optimizer->step(updated, gradient, m_schedule.current());
    m_schedule.advance();
    const Eigen::Vector2d next = updated;
    const double loss =
        next.allFinite() ? objective.value(next) : std::numeric_limits<double>::infinity();
    if (diverged(loss, m_startLoss)) {
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

bool TrainingRun::diverged(double loss, double startLoss)
{
    if (!std::isfinite(loss))
        return true;
    // A start loss of exactly 0 would make every later loss count as diverged, so the reach
    // is at least 1e-300.
    const double reach = divergenceFactor * std::max(std::abs(startLoss), 1e-300);
    if (startLoss > 0.0)
        return loss > reach;
    return loss > startLoss + reach || loss < startLoss - reach;
}

} // namespace losslens
