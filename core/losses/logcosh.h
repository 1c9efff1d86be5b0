#pragma once

#include "../loss.h"

#include <Eigen/Core>

#include <cmath>
#include <numbers>

namespace losslens {

// Log-cosh loss: rho(e) = log(cosh(e)), rho'(e) = tanh(e), rho''(e) = 1 - tanh(e)^2
// = 1 / cosh(e)^2. No parameters. Value 0 at e = 0. About e^2 / 2 for small |e| and
// |e| - log 2 for large |e|, so it behaves like MSE / 2 near 0 and like MAE in the tails. Its
// influence tanh(e) is bounded by 1. Noise model: exp(-rho(e)) = 1 / cosh(e) is, divided by pi,
// the density of the hyperbolic secant distribution, roughly Gaussian near 0 and Laplace in
// the tails. Smooth everywhere, unlike Huber, and strictly convex.
//
// Direct log(cosh(e)) fails twice: cosh(e) overflows for |e| > 710, and for tiny e cosh(e)
// rounds to 1, so log-cosh of 1e-9, which is 5e-19, would come out as 0. Two exact rewrites
// avoid both:
//   moderate |e|: cosh(e) = 1 + 2 sinh(e / 2)^2, so rho(e) = log1p(2 sinh(e / 2)^2). Every
//     step keeps a few ulps of relative accuracy and nothing cancels, but sinh(e / 2)^2
//     overflows once |e| exceeds about 710.
//   large |e|: cosh(e) = e^|e| (1 + t) / 2 with t = exp(-2 |e|), so
//     rho(e) = |e| - log 2 + log1p(t). The subtraction cancels near |e| = log 2, where it loses
//     log2((|e| + log 2) / (|e| - log 2)) bits.
// The switch point kSwitch = 20 sits where both forms are accurate: the moderate form is far
// from overflow, and the large form loses under 0.1 bit (ratio 1.07). The two agree to a few
// ulps there, so the value has no visible step at the switch.
// The second derivative uses the same split: 1 / cosh(e)^2 for |e| <= kSwitch, and
// 4 t / (1 + t)^2 above, which underflows gradually instead of dividing by an overflowed
// cosh(e)^2 (that would give 0 beyond |e| of about 355.6, where the exact value is still a
// subnormal).
class LogCoshLoss final : public LossKernel<LogCoshLoss, LossKind::Regression, true>
{
public:
    static constexpr double kSwitch = 20.0;

    QString name() const override { return QStringLiteral("logcosh"); }
    QString displayName() const override { return QStringLiteral("Log-cosh"); }
    // Defined here so that LossKernel's loops can inline it. tanh(e) needs no rewriting because
    // it is bounded by 1 and cannot overflow.
    LossDerivatives evaluateAt(double input, double label) const
    {
        const double magnitude = std::abs(input);
        const double first = std::tanh(input);
        if (magnitude <= kSwitch) {
            const double c = std::cosh(input);
            return {valueAt(input, label), first, 1.0 / (c * c)};
        }
        const double t = std::exp(-2.0 * magnitude);
        const double onePlusT = 1.0 + t;
        return {valueAt(input, label), first, 4.0 * t / (onePlusT * onePlusT)};
    }
    std::unique_ptr<Loss> clone() const override;

    // Sum of rho over a block of errors with Eigen's vectorized exp and log, for the
    // landscape's loops. Three forms, each accurate to about 1e-14 relative:
    //   |e| < 0.1:   the Taylor series e^2/2 - e^4/12 + e^6/45 - 17 e^8/2520 + 31 e^10/14175
    //                - 691 e^12/935550, whose next term is below 1e-15 of the value;
    //   |e| <= 20:   log((u + 1/u) / 2) with u = exp(|e|), whose rounding of about 3e-16 in
    //                cosh is at most 6e-14 of a value that is at least 0.005;
    //   |e| > 20:    |e| - log 2 + exp(-2 |e|), since log1p(t) = t to 1e-35 for t < 5e-18.
    double sumOfValues(const double *inputs, Eigen::Index size) const
    {
        // Arrays of at most 256 entries live on the stack, so a block allocates nothing.
        using Block = Eigen::Array<double, Eigen::Dynamic, 1, Eigen::ColMajor, 256, 1>;
        const Eigen::Map<const Eigen::ArrayXd> error(inputs, size);
        const Block magnitude = error.abs();
        const Block growth = magnitude.min(kSwitch).exp();
        const Block moderate = (0.5 * (growth + growth.inverse())).log();
        const Block square = magnitude.min(0.1).square();
        const Block series =
            square *
            (0.5 + square * (-1.0 / 12.0 +
                             square * (1.0 / 45.0 +
                                       square * (-17.0 / 2520.0 +
                                                 square * (31.0 / 14175.0 +
                                                           square * (-691.0 / 935550.0))))));
        double sum = 0.0;
        for (Eigen::Index i = 0; i < size; ++i) {
            const double a = magnitude[i];
            // Beyond 20 the scalar large form is cheap and rare.
            sum += a < 0.1       ? series[i]
                   : a <= kSwitch ? moderate[i]
                                  : (a - std::numbers::ln2) + std::exp(-2.0 * a);
        }
        return sum;
    }

    double valueAt(double input, double) const
    {
        const double magnitude = std::abs(input);
        if (magnitude <= kSwitch) {
            const double s = std::sinh(0.5 * input);
            return std::log1p(2.0 * s * s);
        }
        return (magnitude - std::numbers::ln2) + std::log1p(std::exp(-2.0 * magnitude));
    }
};

} // namespace losslens
