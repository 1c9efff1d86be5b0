#include "lineobjective.h"

#include "logging.h"
#include "residualscale.h"
#include "vectorstate.h"

#include <QCoreApplication>

namespace losslens {

LineObjective::LineObjective(std::shared_ptr<const Dataset> data, std::shared_ptr<const Loss> loss,
                             FeatureScaling scaling, double penaltyFactor)
    : m_data(std::move(data)), m_loss(std::move(loss)), m_scaling(scaling),
      m_penalty(m_loss->weightPenalty()), m_penaltyFactor(penaltyFactor),
      m_regression(m_loss->kind() == LossKind::Regression)
{
    m_feature = (m_data->feature.array() - m_scaling.mean) / m_scaling.scale;
    const ResidualScale &scale = m_loss->residualScale();
    if (scale.isEstimatedFromData() && !scale.estimated && m_data->size() >= 2) {
        const ResidualScaleEstimate estimate = estimateResidualScale(*m_data, *m_loss);
        std::unique_ptr<Loss> resolved = m_loss->clone();
        resolved->setResidualScale({scale.mode, estimate.scale, true});
        m_loss = std::move(resolved);
        qCDebug(lcCore) << "residual scale of" << m_loss->spec() << "estimated as"
                        << estimate.scale << "in" << estimate.iterations << "rounds";
    }
}

QString LineObjective::applicabilityError() const
{
    if (m_data->isEmpty())
        return QCoreApplication::translate("LineObjective", "The data set is empty.");
    if (!m_loss->fitsLineModel()) {
        return QCoreApplication::translate(
                   "LineObjective", "%1 needs a multi-class model; the line model fits one logit.")
            .arg(m_loss->displayName());
    }
    if (!m_regression && !m_data->hasBinaryLabels()) {
        return QCoreApplication::translate(
                   "LineObjective",
                   "%1 needs 0/1 labels, but the column \"%2\" holds other values.")
            .arg(m_loss->displayName(), m_data->targetName);
    }
    return {};
}

double LineObjective::modelInput(const Eigen::Vector2d &theta, Eigen::Index i) const
{
    const double output = theta[0] * m_feature[i] + theta[1];
    return m_regression ? output - m_data->target[i] : output;
}

double LineObjective::value(const Eigen::Vector2d &theta) const
{
    // Each of these loops calls libm per sample, often on the window's thread right after Qt
    // has hashed a string (see vectorstate.h).
    clearUpperVectorState();
    const Eigen::Index count = m_feature.size();
    const double sum =
        m_loss->sumForLine(m_feature.data(), m_data->target.data(), count, theta[0], theta[1]);
    return sum / static_cast<double>(count) + penaltyValue(theta[0]);
}

double LineObjective::penaltyValue(double weight) const
{
    if (m_penalty.isZero())
        return 0.0;
    return m_penalty.value(m_penaltyFactor * weight);
}

ObjectiveValue LineObjective::evaluate(const Eigen::Vector2d &theta) const
{
    clearUpperVectorState();
    const Eigen::Index count = m_feature.size();
    double sum = 0.0, firstByFeature = 0.0, first = 0.0;
    double secondByFeatureSquared = 0.0, secondByFeature = 0.0, second = 0.0;
    for (Eigen::Index i = 0; i < count; ++i) {
        const double x = m_feature[i];
        const LossDerivatives d = m_loss->evaluate(modelInput(theta, i), m_data->target[i]);
        sum += d.value;
        first += d.first;
        firstByFeature += d.first * x;
        second += d.second;
        secondByFeature += d.second * x;
        secondByFeatureSquared += d.second * x * x;
    }
    const double n = static_cast<double>(count);
    ObjectiveValue result;
    result.value = sum / n;
    result.gradient = {firstByFeature / n, first / n};
    result.hessian << secondByFeatureSquared / n, secondByFeature / n, secondByFeature / n,
        second / n;
    if (!m_penalty.isZero()) {
        const double weight = m_penaltyFactor * theta[0];
        result.value += m_penalty.value(weight);
        result.gradient[0] += m_penaltyFactor * m_penalty.first(weight);
        result.hessian(0, 0) += m_penaltyFactor * m_penaltyFactor * m_penalty.second();
    }
    return result;
}

Eigen::Vector2d LineObjective::gradientOnSamples(const Eigen::Vector2d &theta,
                                                 const std::vector<Eigen::Index> &samples) const
{
    clearUpperVectorState();
    double first = 0.0, firstByFeature = 0.0;
    for (const Eigen::Index i : samples) {
        const double d = m_loss->evaluate(modelInput(theta, i), m_data->target[i]).first;
        first += d;
        firstByFeature += d * m_feature[i];
    }
    const double n = static_cast<double>(samples.size());
    Eigen::Vector2d gradient(firstByFeature / n, first / n);
    if (!m_penalty.isZero())
        gradient[0] += m_penaltyFactor * m_penalty.first(m_penaltyFactor * theta[0]);
    return gradient;
}

LineParameters LineObjective::toDataUnits(const Eigen::Vector2d &theta) const
{
    // w x' + b = w (x - m) / s + b = (w / s) x + (b - w m / s).
    const double slope = theta[0] / m_scaling.scale;
    return {slope, theta[1] - slope * m_scaling.mean};
}

Eigen::Vector2d LineObjective::fromDataUnits(const LineParameters &line) const
{
    return {line.slope * m_scaling.scale, line.intercept + line.slope * m_scaling.mean};
}

} // namespace losslens
