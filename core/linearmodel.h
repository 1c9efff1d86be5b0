#pragma once

#include "dataset.h"
#include "loss.h"

#include <Eigen/Core>
#include <QStringList>

#include <memory>
#include <vector>

namespace losslens {

// Several feature columns (one per row of the design matrix's columns) and one target column,
// for linear models with more than one weight.
struct MultiFeatureData
{
    // N x d: one row per sample, one column per feature.
    Eigen::MatrixXd features;
    Eigen::VectorXd target;
    QStringList featureNames;
    QString targetName;
    QString source;

    Eigen::Index size() const { return target.size(); }
    Eigen::Index featureCount() const { return features.cols(); }

    // The one-feature data set of column j, for the line model.
    Dataset column(Eigen::Index j) const;
};

// Mean loss of the linear model f(x) = w . x' + b with d weights, where x'_j is feature j after
// its own scaling (standardized or identity). theta = (w_1, ..., w_d, b), the intercept last as
// in the line model's (w, b). The output is the prediction for regression losses, e = f(x) - y,
// and the logit for classification losses (logistic regression with BCE). A composite loss's
// penalty acts on every weight: l1 |w|_1 + l2 |w|^2.
//   L(theta) = (1/N) sum_i rho(input_i) + P(w),  dL/dw = (1/N) X'^T rho' + P'(w),
//   dL/db = mean(rho').
class LinearModelObjective
{
public:
    LinearModelObjective(std::shared_ptr<const MultiFeatureData> data,
                         std::shared_ptr<const Loss> loss, bool standardize);

    const MultiFeatureData &data() const { return *m_data; }
    const Loss &loss() const { return *m_loss; }
    std::shared_ptr<const MultiFeatureData> sharedData() const { return m_data; }
    std::shared_ptr<const Loss> sharedLoss() const { return m_loss; }
    // True when every feature is standardized, false when every one keeps its raw values.
    bool isStandardized() const { return m_standardized; }
    Eigen::Index parameterCount() const { return m_features.cols() + 1; }
    const std::vector<FeatureScaling> &scalings() const { return m_scalings; }
    // The features after scaling, N x d.
    const Eigen::MatrixXd &scaledFeatures() const { return m_features; }
    // Names of the parameters in theta's order: the feature names' weights, then "b".
    QStringList parameterNames() const;

    // An empty string when the loss can be fitted to the data, else the reason it cannot.
    QString applicabilityError() const;

    // Model outputs X' w + b for every sample.
    Eigen::VectorXd outputs(const Eigen::VectorXd &theta) const;
    // Mean loss of given model outputs, without the penalty.
    double meanLossOfOutputs(const Eigen::VectorXd &outputs) const;
    double penaltyValue(const Eigen::VectorXd &theta) const;
    double value(const Eigen::VectorXd &theta) const;
    Eigen::VectorXd gradient(const Eigen::VectorXd &theta) const;
    // Gradient of the mean loss over the given samples alone (a mini-batch), plus the penalty's:
    //   dL_B/dw = (1/|B|) sum_{i in B} rho'(input_i) x'_i + P'(w),  dL_B/db = mean_B(rho').
    Eigen::VectorXd gradientOnSamples(const Eigen::VectorXd &theta,
                                      const std::vector<Eigen::Index> &samples) const;
    // Hessian of value(): (1/N) A^T diag(rho''(input_i)) A with A = [X' 1], plus 2 l2 on the
    // weights' diagonal. The L1 term has no second derivative (it is 0 away from w_j = 0 and
    // undefined at it), so it adds nothing.
    Eigen::MatrixXd hessian(const Eigen::VectorXd &theta) const;

    // Weights and intercept of the model on the unscaled features: w_j / s_j and
    // b - sum_j w_j m_j / s_j for feature j standardized as (x - m_j) / s_j.
    Eigen::VectorXd toDataUnits(const Eigen::VectorXd &theta) const;
    Eigen::VectorXd fromDataUnits(const Eigen::VectorXd &parameters) const;

private:
    std::shared_ptr<const MultiFeatureData> m_data;
    std::shared_ptr<const Loss> m_loss;
    std::vector<FeatureScaling> m_scalings;
    Eigen::MatrixXd m_features;
    WeightPenalty m_penalty;
    bool m_regression = true;
    bool m_standardized = true;
};

} // namespace losslens
