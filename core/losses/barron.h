#pragma once

#include "../loss.h"

#include <cmath>
#include <limits>

namespace losslens {

// Barron's general robust loss with shape alpha in [-inf, 10] and scale c > 0:
//   rho(e) = |alpha - 2| / alpha (((e/c)^2 / |alpha - 2| + 1)^(alpha/2) - 1),
// with the limits 0.5 (e/c)^2 at alpha = 2, log(0.5 (e/c)^2 + 1) at alpha = 0 and
// 1 - exp(-0.5 (e/c)^2) at alpha = -inf. With s = (e/c)^2, b = |alpha - 2| and P = s/b + 1,
//   rho'(e)  = (e/c^2) P^(alpha/2 - 1),
//   rho''(e) = (1/c^2) P^(alpha/2 - 2) (1 + (alpha - 1) s/b) = (1/c^2) P^(alpha/2 - 1) R,
//   R        = (1 + (alpha - 1) s/b) / P.
// Value 0 at e = 0 and rho''(0) = 1/c^2 for every alpha. Special cases: alpha = 2 is L2,
// alpha = 1 pseudo-Huber, alpha = 0 Cauchy, alpha = -2 Geman-McClure, alpha = -inf Welsch.
// The influence rho' grows like |e|^(alpha - 1), so it is bounded for alpha <= 1 and
// redescends to 0 for alpha < 1. rho'' >= 0 everywhere exactly when alpha >= 1, so the loss is
// convex there and non-convex below. Barron, "A General and Adaptive Robust Loss Function",
// CVPR 2019.
//
// The formula as written divides 0 by 0 at alpha = 0 and alpha = 2 and cancels
// catastrophically near them. With L = log1p(s/b) and E = (alpha/2) L it is rewritten exactly as
//   rho = (b/alpha) expm1(E) = H h(E),  H = (b/2) L = (s/2) log1p(q)/q,  h(E) = expm1(E)/E,
// where q = s/b. Nothing there divides by alpha, h(0) = 1 gives the Cauchy limit log1p(s/2)
// at alpha = 0, and near alpha = 2 the large q only enters through log1p. The derivatives
// take P^(alpha/2 - 1) = exp((alpha/2 - 1) L) = exp(sign(alpha - 2) H). At alpha = -inf
// (b = inf, q = 0, alpha/b = -1) the same expressions give Welsch's loss, so only alpha = 2
// needs its own branch. Each step keeps a few ulps of relative accuracy, tiny e included.
// Only exp(+-H) in the derivatives magnifies the rounding of s, by a factor of about H: at
// most 745 eps = 1.7e-13 relatively before exp(-H) underflows.
//
// The exact loss is continuous in alpha but not smooth at alpha = 2: there it changes like
// d log(1/|d|) with d = alpha - 2, so rho at alpha = 2 +- 1e-8 differs from 0.5 (e/c)^2 by
// about 1e-7 relatively. Near alpha = -inf it changes like 1/|alpha|.
class BarronLoss final : public LossKernel<BarronLoss, LossKind::Regression, true>
{
public:
    explicit BarronLoss(double alpha = 1.0, double scale = 1.0) : m_alpha(alpha), m_scale(scale) {}

    QString name() const override { return QStringLiteral("barron"); }
    QString displayName() const override { return QStringLiteral("Barron"); }
    std::vector<LossParameter> parameters() const override;
    double parameterValue(int index) const override;
    void setParameterValue(int index, double value) override;
    bool isConvex() const override { return m_alpha >= 1.0; }
    // Defined here so that LossKernel's loops can inline it.
    LossDerivatives evaluateAt(double input, double) const
    {
        const double t = input / m_scale;
        const double s = t * t;
        if (m_alpha == 2.0)
            return {0.5 * s, t / m_scale, 1.0 / (m_scale * m_scale)};
        if (std::isinf(t) || (std::isinf(s) && std::isinf(m_alpha)))
            return limitAtInfinity(t);
        const Terms terms = termsAt(t, s);
        const double value = m_alpha == 1.0 ? pseudoHuberValue(t, s) : valueFrom(terms);
        const double sign = m_alpha > 2.0 ? 1.0 : -1.0;
        const double power = std::exp(sign * terms.halfLog);
        const double ratio = secondDerivativeRatio(s, terms.q);
        // Where s overflows or P^(alpha/2 - 1) falls below the smallest normal double, while
        // t P^(alpha/2 - 1) may still be representable, the product is formed from logarithms.
        const bool smallPower = power < std::numeric_limits<double>::min();
        const double first =
            std::isinf(s) || smallPower
                ? std::copysign(std::exp(std::log(std::abs(t)) + sign * terms.halfLog), t)
                : t * power;
        return {value, first / m_scale, power * ratio / (m_scale * m_scale)};
    }
    std::unique_ptr<Loss> clone() const override;

    double alpha() const { return m_alpha; }
    double scale() const { return m_scale; }

    double valueAt(double input, double) const
    {
        const double t = input / m_scale;
        const double s = t * t;
        if (m_alpha == 2.0)
            return 0.5 * s;
        if (std::isinf(t) || (std::isinf(s) && std::isinf(m_alpha)))
            return limitAtInfinity(t).value;
        if (m_alpha == 1.0)
            return pseudoHuberValue(t, s);
        return valueFrom(termsAt(t, s));
    }

private:
    // The default alpha = 1 is sqrt(1 + s) - 1, written s / (sqrt(1 + s) + 1) so that it does not
    // cancel: within a few ulps for every t. The general form's expm1(E) magnifies the rounding
    // of E = log1p(s) / 2 by E, up to about 250 ulps for |t| above 1e15. Where s overflows,
    // sqrt(1 + s) - 1 is |t| - 1, which rounds to |t| there.
    // NOTE: other alpha keep the general form's error, up to about 250 ulps for |t| above 1e15.
    static double pseudoHuberValue(double t, double s)
    {
        if (std::isinf(s))
            return std::abs(t);
        return s / (std::sqrt(1.0 + s) + 1.0);
    }

    // q = s/b, H = (b/2) log1p(q) and E = (alpha/2) log1p(q) = (alpha/b) H.
    struct Terms
    {
        double q;
        double halfLog;
        double exponent;
    };

    // t = e/c is finite; s = t^2 may have overflowed unless alpha = -inf.
    Terms termsAt(double t, double s) const
    {
        const double b = std::abs(m_alpha - 2.0);
        const double q = s / b;
        double halfLog = 0.0;
        if (q > 1.0) {
            // b is finite here. q overflows for |t| above about 1.3e154 (less for b < 1),
            // where q >> 1 makes log1p(q) = 2 log|t| - log(b) to within rounding: the terms
            // left out are below 1/q < 1e-300.
            const double logTerm =
                std::isinf(q) ? 2.0 * std::log(std::abs(t)) - std::log(b) : std::log1p(q);
            halfLog = 0.5 * b * logTerm;
        } else {
            // b may be infinite (alpha = -inf, q = 0), so H is written with s instead of b.
            halfLog = 0.5 * s * (q == 0.0 ? 1.0 : std::log1p(q) / q);
        }
        const double ratio = std::isinf(m_alpha) ? -1.0 : m_alpha / b;
        return {q, halfLog, ratio * halfLog};
    }

    // R = P^(alpha/2 - 2) (1 + (alpha - 1) s/b) / P^(alpha/2 - 1) = (1 + (alpha - 1) q) / (1 + q).
    // For alpha >= 0 the numerator is computed as written: (alpha - 1) q never cancels
    // against 1 when alpha >= 1, and for 0 <= alpha < 1 it cancels only at the inflection
    // point, where rho'' = 0. For alpha < 0, (alpha - 1) / b = 1 / b - 1 turns the numerator
    // into (1 - s) + q, which is exact at e = c and gives Welsch's 1 - s at alpha = -inf
    // (q = 0, where alpha - 1 and b are both infinite).
    double secondDerivativeRatio(double s, double q) const
    {
        if (std::isinf(q))
            return m_alpha - 1.0;
        const double numerator = m_alpha >= 0.0 ? 1.0 + (m_alpha - 1.0) * q : (1.0 - s) + q;
        return numerator / (1.0 + q);
    }

    static double valueFrom(const Terms &terms)
    {
        const double exponent = terms.exponent;
        if (exponent == 0.0)
            return terms.halfLog;
        // expm1(E) overflows above about 709.8 while H h(E) may still be finite (alpha just
        // above 2 and e/c above 1e146). There expm1(E) = exp(E) to double precision.
        if (exponent > 700.0)
            return std::exp(exponent + std::log(terms.halfLog) - std::log(exponent));
        return terms.halfLog * (std::expm1(exponent) / exponent);
    }

    // Limits as e/c tends to infinity (reached when e/c itself overflows, or when (e/c)^2
    // does at alpha = -inf): rho tends to b/|alpha| for alpha < 0 and grows without
    // bound otherwise, rho' behaves like |e|^(alpha - 1) and rho'' like |e|^(alpha - 2).
    LossDerivatives limitAtInfinity(double t) const
    {
        const double inf = HUGE_VAL;
        double value = inf;
        if (std::isinf(m_alpha))
            value = 1.0;
        else if (m_alpha < 0.0)
            value = (2.0 - m_alpha) / -m_alpha;
        double first = 0.0;
        if (m_alpha == 1.0)
            first = 1.0 / m_scale;
        else if (m_alpha > 1.0)
            first = inf;
        return {value, std::copysign(first, t), m_alpha > 2.0 ? inf : 0.0};
    }

    double m_alpha;
    double m_scale;
};

} // namespace losslens
