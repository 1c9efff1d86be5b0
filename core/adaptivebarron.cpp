#include "adaptivebarron.h"

#include "barrondistribution.h"
#include "losses/barron.h"
#include "vectorstate.h"

#include <QCoreApplication>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numbers>

namespace losslens {

namespace {

// log(e - 1) = softplus^-1(1): the shift that makes the latent scale 0 give the initial scale.
const double scaleShift = std::log(std::numbers::e - 1.0);

double sigmoid(double u)
{
    if (u >= 0.0)
        return 1.0 / (1.0 + std::exp(-u));
    const double e = std::exp(u);
    return e / (1.0 + e);
}

// sigmoid(u) (1 - sigmoid(u)) = exp(-|u|) / (1 + exp(-|u|))^2, without 1 - sigmoid cancelling.
double sigmoidDerivative(double u)
{
    const double e = std::exp(-std::abs(u));
    return e / ((1.0 + e) * (1.0 + e));
}

// softplus(u) = log(1 + exp(u)) = max(u, 0) + log1p(exp(-|u|)), finite for every finite u.
double softplus(double u)
{
    return std::max(u, 0.0) + std::log1p(std::exp(-std::abs(u)));
}

} // namespace

QString validateAdaptiveBarronSettings(const AdaptiveBarronSettings &settings)
{
    const double lowest = settings.minimumShape;
    const double highest = settings.maximumShape;
    const double shape = settings.initialShape;
    if (!std::isfinite(lowest) || !std::isfinite(highest) || !std::isfinite(shape)) {
        return QCoreApplication::translate("AdaptiveBarron",
                                           "The shape range [%1, %2] and the initial shape %3 "
                                           "must be finite numbers.")
            .arg(lowest)
            .arg(highest)
            .arg(shape);
    }
    if (lowest < 0.0) {
        return QCoreApplication::translate(
                   "AdaptiveBarron", "The minimum shape %1 is invalid: Barron's distribution needs "
                                     "alpha >= 0.")
            .arg(lowest);
    }
    if (highest > barronDistributionMaximumShape) {
        return QCoreApplication::translate(
                   "AdaptiveBarron", "The maximum shape %1 is invalid: it must be at most %2.")
            .arg(highest)
            .arg(barronDistributionMaximumShape);
    }
    if (!(lowest < highest)) {
        return QCoreApplication::translate(
                   "AdaptiveBarron",
                   "The shape range [%1, %2] is empty: the minimum must be below the "
                   "maximum.")
            .arg(lowest)
            .arg(highest);
    }
    if (!(lowest < shape && shape < highest)) {
        return QCoreApplication::translate(
                   "AdaptiveBarron", "The initial shape %1 must lie strictly inside (%2, %3).")
            .arg(shape)
            .arg(lowest)
            .arg(highest);
    }
    const double scale = settings.initialScale;
    if (!std::isfinite(scale) || !(scale > 0.0))
        return QCoreApplication::translate("AdaptiveBarron",
                                           "The initial scale %1 is invalid: it must be positive.")
            .arg(scale);
    if (!settings.learnScale)
        return {};
    const double minimumScale = settings.minimumScale;
    if (!std::isfinite(minimumScale) || !(minimumScale > 0.0)) {
        return QCoreApplication::translate("AdaptiveBarron",
                                           "The minimum scale %1 is invalid: it must be positive.")
            .arg(minimumScale);
    }
    if (!(minimumScale < scale)) {
        return QCoreApplication::translate(
                   "AdaptiveBarron", "The initial scale %1 must be above the minimum scale %2.")
            .arg(scale)
            .arg(minimumScale);
    }
    return {};
}

AdaptiveBarronObjective::AdaptiveBarronObjective(std::shared_ptr<const Dataset> data,
                                                 FeatureScaling scaling,
                                                 AdaptiveBarronSettings settings)
    : m_data(std::move(data)), m_scaling(scaling), m_settings(settings)
{
    assert(validateAdaptiveBarronSettings(m_settings).isEmpty());
    m_feature = (m_data->feature.array() - m_scaling.mean) / m_scaling.scale;
}

QString AdaptiveBarronObjective::applicabilityError() const
{
    if (m_data->isEmpty())
        return QCoreApplication::translate("AdaptiveBarron", "The data set is empty.");
    return {};
}

Eigen::VectorXd AdaptiveBarronObjective::startParameters(const Eigen::Vector2d &line) const
{
    Eigen::VectorXd theta(parameterCount());
    theta[0] = line[0];
    theta[1] = line[1];
    // u = logit((alpha_0 - alpha_min) / (alpha_max - alpha_min)).
    const double fraction = (m_settings.initialShape - m_settings.minimumShape) /
                            (m_settings.maximumShape - m_settings.minimumShape);
    theta[2] = std::log(fraction) - std::log1p(-fraction);
    // v = 0 gives c_0 by construction of the scale map.
    if (m_settings.learnScale)
        theta[3] = 0.0;
    return theta;
}

double AdaptiveBarronObjective::shape(const Eigen::VectorXd &theta) const
{
    const double width = m_settings.maximumShape - m_settings.minimumShape;
    return m_settings.minimumShape + width * sigmoid(theta[2]);
}

double AdaptiveBarronObjective::scale(const Eigen::VectorXd &theta) const
{
    if (!m_settings.learnScale)
        return m_settings.initialScale;
    const double range = m_settings.initialScale - m_settings.minimumScale;
    return m_settings.minimumScale + range * softplus(theta[3] + scaleShift);
}

double AdaptiveBarronObjective::residual(const Eigen::VectorXd &theta, Eigen::Index i) const
{
    return theta[0] * m_feature[i] + theta[1] - m_data->target[i];
}

double AdaptiveBarronObjective::meanLoss(const Eigen::VectorXd &theta) const
{
    // The loop calls libm's log1p and expm1 for every sample (see vectorstate.h).
    clearUpperVectorState();
    const BarronLoss loss(shape(theta), scale(theta));
    const Eigen::Index count = m_feature.size();
    double sum = 0.0;
    for (Eigen::Index i = 0; i < count; ++i)
        sum += loss.valueAt(residual(theta, i), 0.0);
    return sum / static_cast<double>(count);
}

double AdaptiveBarronObjective::value(const Eigen::VectorXd &theta) const
{
    return measure(theta).negativeLogLikelihood;
}

AdaptiveBarronEvaluation AdaptiveBarronObjective::measure(const Eigen::VectorXd &theta) const
{
    AdaptiveBarronEvaluation result;
    result.meanLoss = meanLoss(theta);
    result.negativeLogLikelihood =
        result.meanLoss + std::log(scale(theta)) + barronLogPartitionValue(shape(theta));
    return result;
}

AdaptiveBarronEvaluation AdaptiveBarronObjective::evaluate(const Eigen::VectorXd &theta) const
{
    return accumulate(theta, nullptr);
}

Eigen::VectorXd
AdaptiveBarronObjective::gradientOnSamples(const Eigen::VectorXd &theta,
                                           const std::vector<Eigen::Index> &samples) const
{
    return accumulate(theta, &samples).gradient;
}

AdaptiveBarronEvaluation
AdaptiveBarronObjective::accumulate(const Eigen::VectorXd &theta,
                                    const std::vector<Eigen::Index> *samples) const
{
    const double alpha = shape(theta);
    const double c = scale(theta);
    // d rho / d alpha and d log Z / d alpha are +inf and -inf at alpha = 2, so the shape's
    // gradient is taken just below it (see the class comment).
    const double derivativeShape = alpha == 2.0 ? std::nextafter(2.0, 0.0) : alpha;
    const BarronLogPartition partition = barronLogPartition(alpha);
    const double partitionDerivative = alpha == 2.0
                                           ? barronLogPartition(derivativeShape).shapeDerivative
                                           : partition.shapeDerivative;
    const BarronLoss loss(alpha, c);
    // The loop calls libm's log1p, exp and expm1 for every sample (see vectorstate.h).
    clearUpperVectorState();

    double lossSum = 0.0, firstSum = 0.0, firstByFeature = 0.0;
    double shapeSum = 0.0, scaleSum = 0.0;
    const auto addSample = [&](Eigen::Index i) {
        const double r = residual(theta, i);
        const LossDerivatives d = loss.evaluateAt(r, 0.0);
        lossSum += d.value;
        firstSum += d.first;
        firstByFeature += d.first * m_feature[i];
        shapeSum += barronLossShapeDerivative(r, derivativeShape, c);
        // d rho / d c = -(r / c) d rho / d r; zero where rho' is zero, infinite r included.
        if (d.first != 0.0)
            scaleSum -= (r / c) * d.first;
    };
    Eigen::Index count = 0;
    if (samples) {
        for (const Eigen::Index i : *samples)
            addSample(i);
        count = Eigen::Index(samples->size());
    } else {
        count = m_feature.size();
        for (Eigen::Index i = 0; i < count; ++i)
            addSample(i);
    }
    const double n = static_cast<double>(count);

    AdaptiveBarronEvaluation result;
    result.meanLoss = lossSum / n;
    result.negativeLogLikelihood = result.meanLoss + std::log(c) + partition.value;
    result.gradient.resize(parameterCount());
    result.gradient[0] = firstByFeature / n;
    result.gradient[1] = firstSum / n;
    // Chain rule through alpha = alpha_min + (alpha_max - alpha_min) sigmoid(u).
    const double width = m_settings.maximumShape - m_settings.minimumShape;
    result.gradient[2] = (shapeSum / n + partitionDerivative) * width * sigmoidDerivative(theta[2]);
    if (m_settings.learnScale) {
        // Chain rule through c = c_min + (c_0 - c_min) softplus(v + shift), softplus' = sigmoid.
        const double range = m_settings.initialScale - m_settings.minimumScale;
        result.gradient[3] = (scaleSum / n + 1.0 / c) * range * sigmoid(theta[3] + scaleShift);
    }
    return result;
}

LineParameters AdaptiveBarronObjective::toDataUnits(const Eigen::VectorXd &theta) const
{
    // w x' + b = w (x - m) / s + b = (w / s) x + (b - w m / s), as in LineObjective.
    const double slope = theta[0] / m_scaling.scale;
    return {slope, theta[1] - slope * m_scaling.mean};
}

} // namespace losslens
