#include "barrondistribution.h"

#include "logging.h"
#include "losses/barron.h"
#include "vectorstate.h"

#include <boost/math/quadrature/exp_sinh.hpp>

#include <cmath>
#include <exception>
#include <limits>

namespace losslens {

namespace {

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

// Below this q = s / b the closed forms of d rho / d alpha cancel, because the result is
// O(b q^3) while their terms are O(q^2) (low form) or O(b) (high form). The power series in q
// takes over there; at q = 0.5 it needs about 55 terms.
constexpr double seriesLimit = 0.5;

// The shape at which d rho / d alpha changes from the low closed form to the high one (for q
// above seriesLimit). Against mpmath at 120 digits on q from 0.5 to 1e6, the low form is within
// 2e-14 below 1.5 but loses about 1/b near 2. The high form is within 5e-14 from 1.5 up, but
// below 1.5 it loses up to 1.5e-13 (at alpha = 1, q = 0.5).
constexpr double closedFormSwitch = 1.5;

// Exp-sinh stops refining when two levels differ by at most this fraction of the integral of
// |f|. The error of the finer level is then far smaller, because double-exponential quadrature
// doubles its correct digits per level: against mpmath at 40 digits, log Z and its derivative
// agree to 2e-15 (tests/reference/check_barron_distribution.py).
constexpr double quadratureTolerance = 1e-10;

bool isShapeInDomain(double alpha)
{
    return alpha >= 0.0 && alpha <= barronDistributionMaximumShape;
}

// rho = sum_{k>=1} c_k s^k with c_k = prod_{j=1}^{k-1} (alpha - 2j) b^(1-k) / (2^k k!), from
// the binomial series of (1 + q)^(alpha/2). The j = 1 factor is (alpha - 2) = sigma b, so with
// Pi_k = prod_{j=2}^{k-1} (alpha - 2j) and q = s / b,
//   d rho / d alpha = sigma s^2 sum_{k>=3} q^(k-2) / (2^k k!) (Pi_k' - sigma (k - 2) Pi_k / b).
// The k = 3 term gives the leading s^3 / (24 b^2). The terms shrink like q^k; valid for q < 1.
double shapeDerivativeSeries(double s, double alpha)
{
    const double b = std::abs(alpha - 2.0);
    const double sign = alpha > 2.0 ? 1.0 : -1.0;
    const double q = s / b;
    double product = 1.0;
    double productDerivative = 0.0;
    double power = 1.0;
    double denominator = 8.0;
    double sum = 0.0;
    double previousTerm = infinity;
    for (int k = 3; k < 120; ++k) {
        const double factor = alpha - 2.0 * (k - 1);
        productDerivative = productDerivative * factor + product;
        product *= factor;
        power *= q;
        denominator *= 2.0 * k;
        const double bracket = productDerivative - sign * (k - 2) * product / b;
        const double term = power / denominator * bracket;
        sum += term;
        // Two small terms in a row, in case one bracket happens to vanish.
        const double negligible = 1e-17 * std::abs(sum);
        if (std::abs(term) <= negligible && std::abs(previousTerm) <= negligible)
            break;
        previousTerm = term;
    }
    return sign * s * s * sum;
}

// g(E) = (E exp(E) - expm1(E)) / E^2 = sum_{k>=2} (k - 1) E^(k-2) / k!, which is 1/2 at E = 0.
// The closed form cancels for small |E|, so the series is used below 1.
double exponentialRemainder(double exponent)
{
    if (std::abs(exponent) >= 1.0)
        return (exponent * std::exp(exponent) - std::expm1(exponent)) / (exponent * exponent);
    double sum = 0.0;
    double power = 1.0;
    double factorial = 2.0;
    for (int k = 2; k < 40; ++k) {
        const double term = (k - 1) * power / factorial;
        sum += term;
        if (std::abs(term) <= 1e-17 * std::abs(sum))
            break;
        power *= exponent;
        factorial *= k + 1;
    }
    return sum;
}

// The closed form for alpha below closedFormSwitch, written so that alpha = 0 needs no limit:
//   d rho / d alpha = (sigma / 2) (exp(E) (L - q / (1 + q)) - L^2 g(E)).
// It follows from rho = (b / alpha) expm1(E) with d b / d alpha = sigma and
// d q / d alpha = -sigma q / b, after substituting L / alpha = 2 E / alpha^2. Near alpha = 2 its
// two terms both grow like q L and cancel to s log(1/b), so it is not used there.
double shapeDerivativeLowShape(double s, double alpha)
{
    const double b = 2.0 - alpha;
    const double q = s / b;
    const double logTerm = std::log1p(q);
    const double exponent = 0.5 * alpha * logTerm;
    const double bracket = std::exp(exponent) * (logTerm - q / (1.0 + q)) -
                           logTerm * logTerm * exponentialRemainder(exponent);
    return -0.5 * bracket;
}

// The closed form from closedFormSwitch up, from the same derivative with exp(E) = (1 + q) P,
// P = (1 + q)^(alpha/2 - 1) = exp(h), h = (alpha/2 - 1) L, and (alpha - 2) = sigma b:
//   d rho / d alpha = (sigma / 2) (expm1(h) + sigma b (alpha + 2) / alpha^2
//                                  + sigma P (b + s) (L - (alpha + 2) / alpha) / alpha).
// Its terms stay of the size of the result near alpha = 2, where q is huge but b q = s. Away
// from 2 they are O(b) while the result is O(b q^3) for small q, so it is not used below 1.5.
double shapeDerivativeHighShape(double s, double alpha)
{
    const double b = std::abs(alpha - 2.0);
    const double sign = alpha > 2.0 ? 1.0 : -1.0;
    const double q = s / b;
    const double logTerm = std::log1p(q);
    const double h = (0.5 * alpha - 1.0) * logTerm;
    const double ratio = (alpha + 2.0) / alpha;
    const double bracket = std::expm1(h) + sign * b * ratio / alpha +
                           sign * std::exp(h) * (b + s) * (logTerm - ratio) / alpha;
    return 0.5 * sign * bracket;
}

// Integrates f over [0, inf). Returns NaN when the quadrature fails.
template <typename Integrand> double integrateHalfLine(const Integrand &f, double alpha)
{
    // Constructing the integrator computes its nodes and weights, so one is shared. Boost 1.74
    // declares integrate() non-const (its trailing "const" applies to the return type), but it
    // only reads the nodes and adds finer levels under a mutex, so threads may share it.
    static boost::math::quadrature::exp_sinh<double> integrator;
    // Each integral calls libm's exp, expm1 and log1p at 85 to 270 nodes. With the upper halves
    // of the AVX registers left in use by earlier code (see vectorstate.h), log Z and its
    // derivative at alpha = 1 took 0.24 ms instead of 0.024 ms.
    clearUpperVectorState();
    try {
        return integrator.integrate(f, quadratureTolerance);
    } catch (const std::exception &error) {
        // Boost raises evaluation_error when the integrand is not finite at a node, which the
        // integrands here rule out. Catching it turns a failure into NaN instead of a crash.
        qCWarning(lcCore) << "integral for Barron's distribution at alpha" << alpha
                          << "failed:" << error.what();
        return notANumber;
    }
}

// Integrates exp(-rho(x, alpha, 1)) over [0, inf), which gives half of Z(alpha) because the
// integrand is even.
double halfPartition(const BarronLoss &loss)
{
    const auto density = [&loss](double x) { return std::exp(-loss.valueAt(x, 0.0)); };
    return integrateHalfLine(density, loss.alpha());
}

} // namespace

double barronLossShapeDerivative(double residual, double alpha, double scale)
{
    if (!isShapeInDomain(alpha))
        return notANumber;
    const double t = residual / scale;
    const double s = t * t;
    if (s == 0.0)
        return 0.0;
    if (std::isinf(s) || alpha == 2.0)
        return infinity;
    const double q = s / std::abs(alpha - 2.0);
    if (q <= seriesLimit)
        return shapeDerivativeSeries(s, alpha);
    if (alpha < closedFormSwitch)
        return shapeDerivativeLowShape(s, alpha);
    return shapeDerivativeHighShape(s, alpha);
}

double barronLossScaleDerivative(double residual, double alpha, double scale)
{
    // rho depends on x and c through t = x / c only, so d rho / d c = -(t / c) d rho / d t
    // = -(x / c) d rho / d x.
    const double first = BarronLoss(alpha, scale).evaluateAt(residual, 0.0).first;
    if (first == 0.0)
        return 0.0;
    return -(residual / scale) * first;
}

double barronLogPartitionValue(double alpha)
{
    if (!isShapeInDomain(alpha))
        return notANumber;
    return std::log(2.0 * halfPartition(BarronLoss(alpha, 1.0)));
}

BarronLogPartition barronLogPartition(double alpha)
{
    if (!isShapeInDomain(alpha))
        return {notANumber, notANumber};
    const BarronLoss loss(alpha, 1.0);
    const double half = halfPartition(loss);
    const double value = std::log(2.0 * half);
    if (alpha == 2.0)
        return {value, -infinity};
    // d log Z / d alpha = -(integral of (d rho / d alpha) exp(-rho)) / Z, both halves even.
    const auto weightedDerivative = [&loss, alpha](double x) {
        const double weight = std::exp(-loss.valueAt(x, 0.0));
        // Far out in the tail exp(-rho) underflows while d rho / d alpha may be infinite.
        return weight == 0.0 ? 0.0 : weight * barronLossShapeDerivative(x, alpha, 1.0);
    };
    return {value, -integrateHalfLine(weightedDerivative, alpha) / half};
}

double barronNegativeLogLikelihood(double residual, double alpha, double scale)
{
    const double logPartition = barronLogPartitionValue(alpha);
    return BarronLoss(alpha, scale).valueAt(residual, 0.0) + std::log(scale) + logPartition;
}

} // namespace losslens
