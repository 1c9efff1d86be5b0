#include "adaptivebarrontraining.h"

#include "logging.h"
#include "optimizers/sgd.h"

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
    m_order.clear();
    m_position = 0;
    if (const auto *stochastic = dynamic_cast<const StochasticGradientDescent *>(m_optimizer.get()))
        m_generator.seed(stochastic->seed());
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

std::vector<Eigen::Index> AdaptiveBarronTraining::nextBatch(Eigen::Index sampleCount, int batchSize)
{
    if (m_position >= m_order.size()) {
        // A new epoch: the samples in an order shuffled by the seeded generator.
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

int AdaptiveBarronTraining::batchSize() const
{
    if (const auto *stochastic = dynamic_cast<const StochasticGradientDescent *>(m_optimizer.get()))
        return stochastic->batchSize();
    return 0;
}

bool AdaptiveBarronTraining::isDivergent(double negativeLogLikelihood) const
{
    if (!std::isfinite(negativeLogLikelihood))
        return true;
    const double allowedRise = divergenceFactor * std::max(std::abs(m_startLikelihood), 1.0);
    return negativeLogLikelihood - m_startLikelihood > allowedRise;
}

RunStatus AdaptiveBarronTraining::step(const AdaptiveBarronObjective &objective)
{
    if (m_status != RunStatus::Running)
        return m_status;

    const AdaptiveBarronPoint &point = m_history.back();
    const Eigen::Index sampleCount = objective.data().size();
    const int samples = batchSize();
    Eigen::VectorXd gradient;
    if (samples > 0 && samples < sampleCount)
        gradient = objective.gradientOnSamples(point.theta, nextBatch(sampleCount, samples));
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
