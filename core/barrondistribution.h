#pragma once

namespace losslens {

// Barron's probability density of a residual x with shape alpha >= 0 and scale c > 0:
//   p(x | alpha, c) = exp(-rho(x, alpha, c)) / (c Z(alpha)),
//   Z(alpha) = integral over the real line of exp(-rho(x, alpha, 1)) dx,
// with rho the loss of BarronLoss (losses/barron.h). Its negative log-likelihood is
//   -log p = rho(x, alpha, c) + log c + log Z(alpha).
// Z(2) = sqrt(2 pi) (the normal density) and Z(0) = sqrt(2) pi (exp(-rho) = 1 / (1 + x^2 / 2), a
// Cauchy density). For alpha < 0 the loss is bounded, so exp(-rho) does not decay and Z diverges.
// Barron, "A General and Adaptive Robust Loss Function", CVPR 2019.

// The largest shape the distribution functions accept; BarronLoss accepts the same maximum.
inline constexpr double barronDistributionMaximumShape = 10.0;

// log Z(alpha) and its derivative with respect to alpha.
struct BarronLogPartition
{
    double value = 0.0;
    double shapeDerivative = 0.0;
};

// Computes log Z(alpha) and d log Z / d alpha = -E[d rho(x, alpha, 1) / d alpha] (the expectation
// under p(x | alpha, 1)) for alpha in [0, barronDistributionMaximumShape], to about 1e-14
// relatively, by double-exponential quadrature on [0, inf) (Boost.Math's exp_sinh). The
// derivative is -inf at alpha = 2, where d rho / d alpha is +inf for every x != 0 (see
// barronLossShapeDerivative), and finite elsewhere. Returns NaN for both outside that range.
// A call took 0.008 to 0.025 ms (0.002 to 0.008 ms for barronLogPartitionValue) in a loop of
// 2000 calls on the project's 2-core Xeon test machine, so no table is kept.
BarronLogPartition barronLogPartition(double alpha);

// Returns log Z(alpha) alone, the same value as barronLogPartition's, for a third of the work.
double barronLogPartitionValue(double alpha);

// Returns d rho(x, alpha, c) / d alpha in closed form (within about 5e-14 relatively), for alpha
// in [0, barronDistributionMaximumShape], with alpha = 0 as the limit. With s = (x/c)^2,
// b = |alpha - 2|, sigma = sign(alpha - 2), q = s / b, L = log1p(q) and E = alpha L / 2:
//   d rho / d alpha = (sigma / 2) (exp(E) (L - q / (1 + q)) - L^2 g(E)),
//   g(E) = (E exp(E) - expm1(E)) / E^2,
// which is >= 0 (rho grows with alpha), about s^3 / (24 b^2) for small s and, at alpha = 0,
// (L^2 / 2 + q / (1 + q) - L) / 2. At alpha = 2 it is +inf for x != 0: near 2, rho changes like
// (s/4) d log(1/|d|) with d = alpha - 2. Returns +inf when s overflows.
double barronLossShapeDerivative(double residual, double alpha, double scale);

// Returns d rho(x, alpha, c) / d c = -(x / c) d rho / d x, for every shape BarronLoss accepts.
double barronLossScaleDerivative(double residual, double alpha, double scale);

// Returns the negative log-likelihood rho(x, alpha, c) + log c + log Z(alpha) of one residual.
double barronNegativeLogLikelihood(double residual, double alpha, double scale);

} // namespace losslens
