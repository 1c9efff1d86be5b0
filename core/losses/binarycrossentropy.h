#pragma once

#include "../loss.h"

#include <algorithm>
#include <cmath>

namespace losslens {

// Binary cross-entropy on the logit z with label y in {0, 1}, as PyTorch's
// torch.nn.functional.binary_cross_entropy_with_logits with pos_weight p and a label-smoothed
// target t = y (1 - smoothing) + smoothing / 2:
//   rho(z) = -[p t log s(z) + (1 - t) log(1 - s(z))],  s(z) = 1 / (1 + exp(-z)).
// With log s(z) = -softplus(-z), log(1 - s(z)) = -softplus(z) and
// softplus(x) = max(x, 0) + log1p(exp(-|x|)), no exponential overflows and both terms are
// non-negative, so the value keeps its relative precision. It is +inf only where p |z| exceeds
// the largest double.
//   rho'(z)  = (1 - t) s(z) - p t s(-z),
//   rho''(z) = (p t + 1 - t) s(z) s(-z).
// Value at z = 0: (p t + 1 - t) log 2, which is log 2 for p = 1. Defaults p = 1 and
// smoothing = 0 give plain binary cross-entropy. Convex for every p > 0 and t in [0, 1], since
// rho'' >= 0. Noise model: Bernoulli. The logits are finite: an infinite z would multiply a
// zero weight by an infinite softplus.
class BinaryCrossEntropy final : public LossKernel<BinaryCrossEntropy, LossKind::Classification>
{
public:
    explicit BinaryCrossEntropy(double positiveWeight = 1.0, double smoothing = 0.0)
        : m_positiveWeight(positiveWeight), m_smoothing(smoothing)
    {
    }

    QString name() const override { return QStringLiteral("bce"); }
    QString displayName() const override { return QStringLiteral("Binary cross-entropy"); }
    std::vector<LossParameter> parameters() const override;
    double parameterValue(int index) const override;
    void setParameterValue(int index, double value) override;
    // Defined here so that LossKernel's loops can inline it.
    LossDerivatives evaluateAt(double input, double label) const
    {
        // exp(-|z|) lies in (0, 1], so neither log1p nor the sigmoids below can overflow.
        const double decay = std::exp(-std::abs(input));
        const Weights weights = weightsFor(label);
        // s(z) and s(-z) from the same decay term: 1 / (1 + e^-z) for z >= 0, e^z / (1 + e^z)
        // for z < 0, so 1 - s never cancels.
        const double sigmoid = input >= 0.0 ? 1.0 / (1.0 + decay) : decay / (1.0 + decay);
        const double complement = input >= 0.0 ? decay / (1.0 + decay) : 1.0 / (1.0 + decay);
        // For p = 1 and t in {0, 1} this is s - y with full relative precision, where s - 1
        // would round to 0 for large z.
        const double first = weights.negative * sigmoid - weights.positive * complement;
        // s (1 - s) = decay / (1 + decay)^2 for either sign.
        const double curvature = decay / ((1.0 + decay) * (1.0 + decay));
        return {valueFrom(input, std::log1p(decay), weights), first,
                (weights.positive + weights.negative) * curvature};
    }
    std::unique_ptr<Loss> clone() const override;

    double positiveWeight() const { return m_positiveWeight; }
    double smoothing() const { return m_smoothing; }

    double valueAt(double input, double label) const
    {
        return valueFrom(input, std::log1p(std::exp(-std::abs(input))), weightsFor(label));
    }

private:
    // Weights of softplus(-z) and softplus(z) in the loss: p t and 1 - t.
    struct Weights
    {
        double positive;
        double negative;
    };

    Weights weightsFor(double label) const
    {
        // 1 - t is computed as (1 - y)(1 - smoothing) + smoothing / 2 rather than as 1 - t, so
        // for y = 1 it is smoothing / 2 exactly and a large z costs exactly smoothing z / 2.
        const double half = 0.5 * m_smoothing;
        const double kept = 1.0 - m_smoothing;
        return {m_positiveWeight * (label * kept + half), (1.0 - label) * kept + half};
    }

    // p t softplus(-z) + (1 - t) softplus(z), with log1p(exp(-|z|)) shared by both softplus
    // terms. For p = 1 and t in {0, 1} one weight is 1 and the other 0, so the value is the
    // single softplus rounded as in the plain loss.
    static double valueFrom(double input, double logTerm, Weights weights)
    {
        return weights.positive * (std::max(-input, 0.0) + logTerm) +
               weights.negative * (std::max(input, 0.0) + logTerm);
    }

    double m_positiveWeight;
    double m_smoothing;
};

} // namespace losslens
