#include "adaptivebarrontraining.h"

#include "logging.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace losslens {

AdaptiveBarronTraining::AdaptiveBarronTraining(const AdaptiveBarronObjective &objective,
                                               const Eigen::Vector2d &start,
                                               const Optimizer &optimizer,
                                               const LearningRateSchedule &schedule)
    : m_optimizer(optimizer.clone()), m_schedule(schedule)
{
    reset(objective, start);
}

void AdaptiveBarronTraining::reset(const AdaptiveBarronObjective &objective,
                                   const Eigen::Vector2d &start)
{
    m_history.clear();
    m_status = RunStatus::Running;
    m_divergedAt = -1;
    m_divergedLikelihood = 0.0;
    m_lastGradient.resize(0);
    m_lastUpdate = Eigen::VectorXd::Zero(objective.parameterCount());
    m_optimizer->reset();
    m_schedule.reset(m_optimizer->learningRate());
    m_batches.reset(miniBatchSeed(*m_optimizer));
    const AdaptiveBarronPoint first = recordPoint(objective, objective.startParameters(start), 0);
    m_startLikelihood = first.negativeLogLikelihood;
    m_history.push_back(first);
    if (!std::isfinite(m_startLikelihood)) {
        // A start whose likelihood overflows: nothing to train from.
        m_status = RunStatus::Diverged;
        m_divergedAt = 0;
        m_divergedLikelihood = m_startLikelihood;
    }
}

AdaptiveBarronPoint AdaptiveBarronTraining::recordPoint(const AdaptiveBarronObjective &objective,
                                                        const Eigen::VectorXd &theta,
                                                        int iteration) const
{
    AdaptiveBarronPoint point;
    point.iteration = iteration;
    point.theta = theta;
    point.weight = theta[0];
    point.bias = theta[1];
    point.shape = objective.shape(theta);
    point.scale = objective.scale(theta);
    const AdaptiveBarronEvaluation measured = objective.measure(theta);
    point.meanLoss = measured.meanLoss;
    point.negativeLogLikelihood = measured.negativeLogLikelihood;
    return point;
}

bool AdaptiveBarronTraining::isDivergent(double negativeLogLikelihood) const
{
    if (!std::isfinite(negativeLogLikelihood))
        return true;
    const double allowedRise = divergenceFactor * std::max(std::abs(m_startLikelihood), 1.0);
    return negativeLogLikelihood - m_startLikelihood > allowedRise;
}

std::optional<UpdatePreview>
AdaptiveBarronTraining::previewUpdate(const AdaptiveBarronObjective &objective) const
{
    if (m_status != RunStatus::Running)
        return std::nullopt;
    const AdaptiveBarronPoint &point = m_history.back();
    const Eigen::Index sampleCount = objective.data().size();
    const int samples = miniBatchSize(*m_optimizer);
    const Eigen::VectorXd gradient =
        samples > 0 && samples < sampleCount
            ? objective.gradientOnSamples(point.theta, m_batches.peek(sampleCount, samples))
            : objective.gradient(point.theta);
    UpdatePreview preview;
    preview.gradient = gradient.head<2>();
    preview.learningRate = m_schedule.current();
    if (const std::optional<Eigen::VectorXd> velocity = m_optimizer->velocity())
        preview.velocity = Eigen::Vector2d(velocity->head<2>());
    // The same arithmetic as step(), on a clone, so the preview equals the next update.
    const std::unique_ptr<Optimizer> optimizer = m_optimizer->clone();
    Eigen::VectorXd next = point.theta;
    optimizer->step(next, gradient, preview.learningRate);
    preview.step = (next - point.theta).head<2>();
    return preview;
}

RunStatus AdaptiveBarronTraining::step(const AdaptiveBarronObjective &objective)
{
    if (m_status != RunStatus::Running)
        return m_status;

    const AdaptiveBarronPoint &point = m_history.back();
    const Eigen::Index sampleCount = objective.data().size();
    const int samples = miniBatchSize(*m_optimizer);
    Eigen::VectorXd gradient;
    if (samples > 0 && samples < sampleCount)
        gradient = objective.gradientOnSamples(point.theta, m_batches.next(sampleCount, samples));
    else
        gradient = objective.gradient(point.theta);
    m_lastGradient = gradient;
    Eigen::VectorXd next = point.theta;
    m_optimizer->step(next, gradient, m_schedule.current());
    m_schedule.advance();

    const int iteration = point.iteration + 1;
    AdaptiveBarronPoint measured;
    measured.negativeLogLikelihood = std::numeric_limits<double>::infinity();
    if (next.allFinite())
        measured = recordPoint(objective, next, iteration);
    if (isDivergent(measured.negativeLogLikelihood)) {
        m_status = RunStatus::Diverged;
        m_divergedAt = iteration;
        m_divergedLikelihood = measured.negativeLogLikelihood;
        qCDebug(lcCore) << "adaptive Barron run diverged at step" << iteration
                        << "negative log-likelihood" << measured.negativeLogLikelihood;
        return m_status;
    }

    const Eigen::VectorXd update = next - point.theta;
    const Eigen::VectorXd previousUpdate = m_lastUpdate;
    const double moved = update.norm();
    const double tolerance = 1e-12 * (1.0 + point.theta.norm());
    m_lastUpdate = update;
    m_history.push_back(measured);
    if (moved == 0.0) {
        m_status = RunStatus::Converged;
    } else if (moved <= tolerance && !previousUpdate.isZero(0.0)) {
        // Rounding noise at the minimum turns the update's direction at random; steady progress
        // keeps it.
        const double cosine = update.dot(previousUpdate) / (moved * previousUpdate.norm());
        if (cosine <= 0.99)
            m_status = RunStatus::Converged;
    }
    return m_status;
}

RunStatus AdaptiveBarronTraining::run(const AdaptiveBarronObjective &objective, int steps)
{
    for (int i = 0; i < steps && m_status == RunStatus::Running; ++i)
        step(objective);
    return m_status;
}

} // namespace losslens
