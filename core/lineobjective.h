#pragma once

#include "dataset.h"
#include "loss.h"

#include <Eigen/Core>

#include <memory>

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
class LineObjective
{
public:
    LineObjective(std::shared_ptr<const Dataset> data, std::shared_ptr<const Loss> loss,
                  FeatureScaling scaling);

    const Dataset &data() const { return *m_data; }
    const Loss &loss() const { return *m_loss; }
    std::shared_ptr<const Dataset> sharedData() const { return m_data; }
    std::shared_ptr<const Loss> sharedLoss() const { return m_loss; }
    const FeatureScaling &scaling() const { return m_scaling; }
    const Eigen::VectorXd &scaledFeature() const { return m_feature; }

    // An empty string when the loss can be fitted to the data, else the reason it cannot. The
    // reasons are no data, a loss that needs more than the line's one logit (multi-class
    // cross-entropy), and a classification loss on targets that are not 0/1 labels.
    QString applicabilityError() const;
    bool isApplicable() const { return applicabilityError().isEmpty(); }

    double modelInput(const Eigen::Vector2d &theta, Eigen::Index i) const;
    double value(const Eigen::Vector2d &theta) const;
    ObjectiveValue evaluate(const Eigen::Vector2d &theta) const;

    LineParameters toDataUnits(const Eigen::Vector2d &theta) const;
    Eigen::Vector2d fromDataUnits(const LineParameters &line) const;

private:
    std::shared_ptr<const Dataset> m_data;
    std::shared_ptr<const Loss> m_loss;
    FeatureScaling m_scaling;
    Eigen::VectorXd m_feature;
    bool m_regression = true;
};

} // namespace losslens
