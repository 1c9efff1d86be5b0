#pragma once

#include "dataset.h"
#include "lineobjective.h"

#include <Eigen/Core>
#include <QString>

#include <memory>
#include <vector>

namespace losslens {

// The range and start of the learnable shape alpha and scale c of Barron's loss. The defaults are
// those of Barron's reference implementation (robust_loss_pytorch, AdaptiveLossFunction):
// alpha in (0.001, 1.999) starting at the midpoint 1, and c above 1e-5 starting at 1.
struct AdaptiveBarronSettings
{
    double minimumShape = 0.001;
    double maximumShape = 1.999;
    double initialShape = 1.0;
    // Whether c is learned too. When it is not, c stays at initialScale.
    bool learnScale = true;
    double minimumScale = 1e-5;
    // In the target's units, as the residuals are.
    double initialScale = 1.0;
};

// Returns an empty string when the settings are valid, else a message that names the setting,
// its value and the rule it broke: 0 <= minimumShape < initialShape < maximumShape <= 10, and
// 0 < minimumScale < initialScale (only initialScale > 0 when c is fixed), all finite.
QString validateAdaptiveBarronSettings(const AdaptiveBarronSettings &settings);

// The mean negative log-likelihood and its gradient at one theta.
struct AdaptiveBarronEvaluation
{
    double negativeLogLikelihood = 0.0;
    // The mean of rho(r_i, alpha, c) alone, without log c + log Z(alpha).
    double meanLoss = 0.0;
    Eigen::VectorXd gradient;
};

// The line model y = w x' + b fitted by maximum likelihood under Barron's distribution (see
// barrondistribution.h), with the shape alpha and optionally the scale c learned with the line.
// x' is the feature after the given scaling, as in LineObjective, and the residual
// r = w x' + b - y is in the target's units, as c is. The parameters are
//   theta = (w, b, u, [v]),  alpha = alpha_min + (alpha_max - alpha_min) sigmoid(u),
//   c = c_min + (c_0 - c_min) softplus(v + log(e - 1)),
// so u = 0 gives the midpoint of the shape range and v = 0 gives the initial scale c_0, as in
// Barron's reference implementation, whose scale map this is. It differs from the plainer
// c = softplus(v) + c_min in making the steps of v relative to c_0, so the same learning rate
// suits data in any units. The objective is the mean over the samples of
//   NLL_i = rho(r_i, alpha, c) + log c + log Z(alpha).
// Its gradient with respect to theta is exact: d rho / d alpha comes in closed form and
// d log Z / d alpha from quadrature (barronLogPartition).
//
// NOTE: with a shape range that contains 2, d rho / d alpha and d log Z / d alpha are infinite
// at alpha = 2 exactly (barronLossShapeDerivative), with opposite signs. There the gradient with
// respect to u is taken at the double just below 2, which keeps it finite (about
// (mean (r/c)^2 - 1) log(2^52) / 4 times d alpha / d u). The default range stays below 2.
class AdaptiveBarronObjective
{
public:
    // The settings must be valid (validateAdaptiveBarronSettings).
    AdaptiveBarronObjective(std::shared_ptr<const Dataset> data, FeatureScaling scaling,
                            AdaptiveBarronSettings settings = {});

    const Dataset &data() const { return *m_data; }
    const FeatureScaling &scaling() const { return m_scaling; }
    const AdaptiveBarronSettings &settings() const { return m_settings; }

    // An empty string when the model can be fitted, else the reason: no data.
    QString applicabilityError() const;

    // 4 when the scale is learned, else 3.
    int parameterCount() const { return m_settings.learnScale ? 4 : 3; }
    // theta for the line (w, b) in training coordinates with the initial shape and scale.
    Eigen::VectorXd startParameters(const Eigen::Vector2d &line) const;
    double shape(const Eigen::VectorXd &theta) const;
    double scale(const Eigen::VectorXd &theta) const;

    // The mean negative log-likelihood over all samples.
    double value(const Eigen::VectorXd &theta) const;
    // The mean of rho alone over all samples.
    double meanLoss(const Eigen::VectorXd &theta) const;
    // The mean negative log-likelihood and mean rho, without the gradient (which is empty).
    AdaptiveBarronEvaluation measure(const Eigen::VectorXd &theta) const;
    // The mean negative log-likelihood, mean rho and the gradient.
    AdaptiveBarronEvaluation evaluate(const Eigen::VectorXd &theta) const;
    Eigen::VectorXd gradient(const Eigen::VectorXd &theta) const
    {
        return evaluate(theta).gradient;
    }
    // The gradient of the mean negative log-likelihood over the given samples alone (a
    // mini-batch). log c + log Z(alpha) is part of every sample's term.
    Eigen::VectorXd gradientOnSamples(const Eigen::VectorXd &theta,
                                      const std::vector<Eigen::Index> &samples) const;

    LineParameters toDataUnits(const Eigen::VectorXd &theta) const;

private:
    double residual(const Eigen::VectorXd &theta, Eigen::Index i) const;
    // Sums the per-sample value and gradient over the samples (all when samples is null).
    AdaptiveBarronEvaluation accumulate(const Eigen::VectorXd &theta,
                                        const std::vector<Eigen::Index> *samples) const;

    std::shared_ptr<const Dataset> m_data;
    FeatureScaling m_scaling;
    AdaptiveBarronSettings m_settings;
    Eigen::VectorXd m_feature;
};

} // namespace losslens
