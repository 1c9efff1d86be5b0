#pragma once

#include "dataset.h"
#include "loss.h"

#include <Eigen/Core>

#include <memory>
#include <vector>

namespace losslens {

// Slope and intercept of the line y = slope x + intercept in the data's own units.
struct LineParameters
{
    double slope = 0.0;
    double intercept = 0.0;
};

// Mean loss and its first two derivatives in the training coordinates theta = (w, b).
struct ObjectiveValue
{
    double value = 0.0;
    Eigen::Vector2d gradient = Eigen::Vector2d::Zero();
    Eigen::Matrix2d hessian = Eigen::Matrix2d::Zero();
};

// Mean loss of the one-feature linear model f(x) = w x' + b over a data set, where x' is the
// feature after the given scaling (identity for raw data). The model output is the prediction
// for regression losses, so e = f(x) - y, and the logit for classification losses.
//   L(w, b) = (1/N) sum_i rho(input_i),  dL/dw = (1/N) sum_i rho'(input_i) x'_i,
//   dL/db = (1/N) sum_i rho'(input_i),   Hessian = (1/N) sum_i rho''(input_i) [x'; 1][x'; 1]^T.
// A loss's weight penalty P (see WeightPenalty) is added on the weight in training
// coordinates, P(w), so that it means the same as a penalty in PyTorch or scikit-learn on the
// features that training uses. A loss whose residual scale is to be estimated from data gets the
// estimate here (see residualscale.h), on a copy, so loss() reports the scale in use.
class LineObjective
{
public:
    // penaltyFactor converts this objective's weight to the one the penalty is defined on, for
    // an objective that evaluates another's in other coordinates (the minimizer's standardized
    // copy of a raw objective): the penalty is P(penaltyFactor w).
    LineObjective(std::shared_ptr<const Dataset> data, std::shared_ptr<const Loss> loss,
                  FeatureScaling scaling, double penaltyFactor = 1.0);

    const Dataset &data() const { return *m_data; }
    const Loss &loss() const { return *m_loss; }
    std::shared_ptr<const Dataset> sharedData() const { return m_data; }
    std::shared_ptr<const Loss> sharedLoss() const { return m_loss; }
    const FeatureScaling &scaling() const { return m_scaling; }
    double penaltyFactor() const { return m_penaltyFactor; }
    const Eigen::VectorXd &scaledFeature() const { return m_feature; }

    // An empty string when the loss can be fitted to the data, else the reason it cannot. The
    // reasons are no data, a loss that needs more than the line's one logit (multi-class
    // cross-entropy), and a classification loss on targets that are not 0/1 labels.
    QString applicabilityError() const;
    bool isApplicable() const { return applicabilityError().isEmpty(); }

    double modelInput(const Eigen::Vector2d &theta, Eigen::Index i) const;
    // The mean loss plus the weight penalty.
    double value(const Eigen::Vector2d &theta) const;
    // The weight penalty alone at this objective's weight w.
    double penaltyValue(double weight) const;
    ObjectiveValue evaluate(const Eigen::Vector2d &theta) const;

    // Gradient of the mean loss over the given samples alone (a mini-batch), plus the penalty.
    Eigen::Vector2d gradientOnSamples(const Eigen::Vector2d &theta,
                                      const std::vector<Eigen::Index> &samples) const;

    LineParameters toDataUnits(const Eigen::Vector2d &theta) const;
    Eigen::Vector2d fromDataUnits(const LineParameters &line) const;

private:
    std::shared_ptr<const Dataset> m_data;
    std::shared_ptr<const Loss> m_loss;
    FeatureScaling m_scaling;
    WeightPenalty m_penalty;
    double m_penaltyFactor = 1.0;
    Eigen::VectorXd m_feature;
    bool m_regression = true;
};

} // namespace losslens
