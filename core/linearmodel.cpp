#include "linearmodel.h"

#include "vectorstate.h"

#include <QCoreApplication>

#include <cmath>

namespace losslens {

Dataset MultiFeatureData::column(Eigen::Index j) const
{
    Dataset data;
    data.feature = features.col(j);
    data.target = target;
    data.featureName = featureNames.value(int(j));
    data.targetName = targetName;
    data.source = source;
    return data;
}

LinearModelObjective::LinearModelObjective(std::shared_ptr<const MultiFeatureData> data,
                                           std::shared_ptr<const Loss> loss, bool standardize)
    : m_data(std::move(data)), m_loss(std::move(loss)), m_penalty(m_loss->weightPenalty()),
      m_regression(m_loss->kind() == LossKind::Regression), m_standardized(standardize)
{
    const Eigen::Index count = m_data->featureCount();
    m_features.resize(m_data->size(), count);
    for (Eigen::Index j = 0; j < count; ++j) {
        const Eigen::VectorXd column = m_data->features.col(j);
        const FeatureScaling scaling =
            standardize ? FeatureScaling::standardizing(column) : FeatureScaling::identity();
        m_scalings.push_back(scaling);
        m_features.col(j) = (column.array() - scaling.mean) / scaling.scale;
    }
}

QStringList LinearModelObjective::parameterNames() const
{
    QStringList names;
    for (Eigen::Index j = 0; j < m_data->featureCount(); ++j) {
        const QString feature = m_data->featureNames.value(int(j));
        names << (feature.isEmpty() ? QStringLiteral("w%1").arg(j + 1)
                                    : QStringLiteral("w(%1)").arg(feature));
    }
    names << QStringLiteral("b");
    return names;
}

QString LinearModelObjective::applicabilityError() const
{
    if (m_data->size() == 0)
        return QCoreApplication::translate("LinearModelObjective", "The data set is empty.");
    if (m_data->featureCount() == 0)
        return QCoreApplication::translate("LinearModelObjective", "No feature column is chosen.");
    if (!m_loss->fitsLineModel()) {
        return QCoreApplication::translate(
                   "LinearModelObjective",
                   "%1 needs a multi-class model; the linear model fits one output.")
            .arg(m_loss->displayName());
    }
    if (!m_regression) {
        for (Eigen::Index i = 0; i < m_data->size(); ++i) {
            const double label = m_data->target[i];
            if (label != 0.0 && label != 1.0) {
                return QCoreApplication::translate(
                           "LinearModelObjective",
                           "%1 needs 0/1 labels, but the column \"%2\" contains %3 in data row "
                           "%4 (the first row below the header is data row 1).")
                    .arg(m_loss->displayName(), m_data->targetName)
                    .arg(label)
                    .arg(i + 1);
            }
        }
    }
    return {};
}

Eigen::VectorXd LinearModelObjective::outputs(const Eigen::VectorXd &theta) const
{
    const Eigen::Index count = m_features.cols();
    return (m_features * theta.head(count)).array() + theta[count];
}

double LinearModelObjective::meanLossOfOutputs(const Eigen::VectorXd &outputs) const
{
    // This and the derivative loops call libm per sample (see vectorstate.h).
    clearUpperVectorState();
    // sumForLine with slope 1 and intercept 0 evaluates rho(output_i - y_i) for regression and
    // rho(output_i, y_i) for classification, in the loss's own inlined loop.
    const double sum =
        m_loss->sumForLine(outputs.data(), m_data->target.data(), outputs.size(), 1.0, 0.0);
    return sum / static_cast<double>(outputs.size());
}

double LinearModelObjective::penaltyValue(const Eigen::VectorXd &theta) const
{
    if (m_penalty.isZero())
        return 0.0;
    const auto weights = theta.head(m_features.cols());
    return m_penalty.l1 * weights.lpNorm<1>() + m_penalty.l2 * weights.squaredNorm();
}

double LinearModelObjective::value(const Eigen::VectorXd &theta) const
{
    return meanLossOfOutputs(outputs(theta)) + penaltyValue(theta);
}

Eigen::VectorXd LinearModelObjective::gradient(const Eigen::VectorXd &theta) const
{
    clearUpperVectorState();
    const Eigen::VectorXd output = outputs(theta);
    const Eigen::Index sampleCount = output.size();
    Eigen::VectorXd first(sampleCount);
    for (Eigen::Index i = 0; i < sampleCount; ++i) {
        const double input = m_regression ? output[i] - m_data->target[i] : output[i];
        first[i] = m_loss->evaluate(input, m_data->target[i]).first;
    }
    const Eigen::Index count = m_features.cols();
    Eigen::VectorXd result(count + 1);
    result.head(count) = m_features.transpose() * first / static_cast<double>(sampleCount);
    result[count] = first.mean();
    if (!m_penalty.isZero()) {
        for (Eigen::Index j = 0; j < count; ++j)
            result[j] += m_penalty.first(theta[j]);
    }
    return result;
}

Eigen::VectorXd
LinearModelObjective::gradientOnSamples(const Eigen::VectorXd &theta,
                                        const std::vector<Eigen::Index> &samples) const
{
    clearUpperVectorState();
    const Eigen::Index count = m_features.cols();
    Eigen::VectorXd result = Eigen::VectorXd::Zero(count + 1);
    for (const Eigen::Index i : samples) {
        const double output = m_features.row(i).dot(theta.head(count)) + theta[count];
        const double input = m_regression ? output - m_data->target[i] : output;
        const double first = m_loss->evaluate(input, m_data->target[i]).first;
        result.head(count) += first * m_features.row(i).transpose();
        result[count] += first;
    }
    result /= static_cast<double>(samples.size());
    if (!m_penalty.isZero()) {
        for (Eigen::Index j = 0; j < count; ++j)
            result[j] += m_penalty.first(theta[j]);
    }
    return result;
}

Eigen::MatrixXd LinearModelObjective::hessian(const Eigen::VectorXd &theta) const
{
    clearUpperVectorState();
    const Eigen::VectorXd output = outputs(theta);
    const Eigen::Index sampleCount = output.size();
    const Eigen::Index count = m_features.cols();
    Eigen::MatrixXd design(sampleCount, count + 1);
    design << m_features, Eigen::VectorXd::Ones(sampleCount);
    Eigen::VectorXd second(sampleCount);
    for (Eigen::Index i = 0; i < sampleCount; ++i) {
        const double input = m_regression ? output[i] - m_data->target[i] : output[i];
        second[i] = m_loss->evaluate(input, m_data->target[i]).second;
    }
    Eigen::MatrixXd result =
        design.transpose() * second.asDiagonal() * design / static_cast<double>(sampleCount);
    if (!m_penalty.isZero()) {
        for (Eigen::Index j = 0; j < count; ++j)
            result(j, j) += m_penalty.second();
    }
    return result;
}

Eigen::VectorXd LinearModelObjective::toDataUnits(const Eigen::VectorXd &theta) const
{
    const Eigen::Index count = m_features.cols();
    Eigen::VectorXd parameters(count + 1);
    double intercept = theta[count];
    for (Eigen::Index j = 0; j < count; ++j) {
        parameters[j] = theta[j] / m_scalings[j].scale;
        intercept -= parameters[j] * m_scalings[j].mean;
    }
    parameters[count] = intercept;
    return parameters;
}

Eigen::VectorXd LinearModelObjective::fromDataUnits(const Eigen::VectorXd &parameters) const
{
    const Eigen::Index count = m_features.cols();
    Eigen::VectorXd theta(count + 1);
    double intercept = parameters[count];
    for (Eigen::Index j = 0; j < count; ++j) {
        theta[j] = parameters[j] * m_scalings[j].scale;
        intercept += parameters[j] * m_scalings[j].mean;
    }
    theta[count] = intercept;
    return theta;
}

} // namespace losslens
