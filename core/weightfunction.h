#pragma once

#include "loss.h"

#include <Eigen/Core>

namespace losslens {

// The weight function of a regression loss in robust statistics, w(e) = psi(e) / e with
// psi = rho', the weight iteratively reweighted least squares (IRLS) gives a point with error e:
// at the loss's minimum the line is the weighted least-squares line with these weights. For
// MSE w is constant, Huber's falls like delta / |e| beyond delta, and Tukey's is 0 beyond c, so
// the points a loss ignores have weights near 0. The loss's residual scale s is included, since
// the loss evaluates rho(e / s). Huber, "Robust Statistics", Wiley 1981, section 7.8.
//
// Two normalizations, chosen by the loss's curvature at 0:
//   - rho''(0) positive and finite (MSE, Huber, Tukey, Cauchy, log-cosh, ...): psi(e) / e tends
//     to rho''(0) as e -> 0, so w(e) = psi(e) / (e rho''(0)) and w(0) = 1 exactly. w may exceed
//     1 for a loss that grows faster than e^2 (Barron with alpha > 2).
//   - any other loss, kinked at 0 (MAE, quantile, epsilon-insensitive, smooth L1 with beta = 0):
//     psi(e) / e is unbounded, or 0, near 0, so it is divided by its mean over e = +r and
//     e = -r at a reference residual r and clipped to [0, 1]. r is the given reference residual,
//     doubled until the loss responds there (psi(r) != 0, as needed beyond an epsilon tube).
//     For MAE this gives w(e) = min(1, r / |e|), Huber's weight with delta = r.
class WeightFunction
{
public:
    enum class Normalization { ZeroErrorCurvature, ReferenceResidual };

    // loss must be a regression loss; referenceResidual must be positive and finite, and is only
    // used for a loss without a positive, finite rho''(0).
    WeightFunction(const Loss &loss, double referenceResidual);

    double weight(double error) const;
    Eigen::VectorXd weights(const Eigen::VectorXd &errors) const;

    Normalization normalization() const { return m_normalization; }
    // The residual r that ReferenceResidual normalizes at, after any doubling; 0 otherwise.
    double referenceResidual() const { return m_referenceResidual; }

private:
    const Loss &m_loss;
    Normalization m_normalization = Normalization::ZeroErrorCurvature;
    // rho''(0), or the mean of psi(r) / r and psi(-r) / (-r).
    double m_divisor = 1.0;
    double m_referenceResidual = 0.0;
};

// A reference residual for WeightFunction from a fit's errors: their scale
// median(|e|) / Phi^-1(3/4) (as residualscale.h estimates it), or when more than half of the
// errors are 0, the standard deviation of the targets, or 1 for constant targets.
double weightReferenceResidual(const Eigen::VectorXd &errors, const Eigen::VectorXd &targets);

} // namespace losslens
