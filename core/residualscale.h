#pragma once

#include "dataset.h"
#include "loss.h"

#include <Eigen/Core>

namespace losslens {

// The normal quantile Phi^-1(3/4): for Gaussian residuals with deviation sigma, the median of
// |residual| is sigma times this, so dividing by it makes the estimate consistent for sigma.
inline constexpr double normalQuartile = 0.6744897501960817;

// median(|r_i|) / Phi^-1(3/4), the scale estimate of statsmodels' RLM (its mad with centre 0:
// with an intercept in the model the residuals are centred on 0 already). Zero when more than
// half of the residuals are 0.
double medianAbsoluteDeviationScale(const Eigen::VectorXd &residuals);

struct ResidualScaleEstimate
{
    double scale = 1.0;
    int iterations = 0;
    bool converged = false;
};

// Estimates the residual scale of a robust regression loss as the fixed point s of
//   s = median(|y - f_s(x)|) / Phi^-1(3/4),
// where f_s is the line that minimizes the mean of rho(e / s). Like statsmodels' RLM it starts
// from the least-squares residuals and alternates between the fit for the current scale and the
// scale of that fit's residuals, until the scale changes by less than 1e-12 relative (at most
// 200 rounds). The estimate is kept above 1e-6 of the targets' standard deviation: a line
// through more than half of the points has a median residual of 0, and the estimate then
// settles at that floor.
ResidualScaleEstimate estimateResidualScale(const Dataset &data, const Loss &loss);

} // namespace losslens
