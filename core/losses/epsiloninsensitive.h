#pragma once

#include "../loss.h"

#include <algorithm>
#include <cmath>

namespace losslens {

// Epsilon-insensitive loss with tube half-width epsilon >= 0, from support vector regression:
//   rho(e) = max(0, |e| - epsilon).
// rho'(e) = sign(e) outside the tube, |e| > epsilon, and 0 inside it, including its edges
// |e| = epsilon, where 0 lies in the subdifferential, and e = 0. rho''(e) = 0. Value 0 at e = 0.
// Errors smaller than epsilon cost nothing, so the fit only has to pass within epsilon of each
// target; epsilon = 0 gives MAE exactly. Influence is bounded by 1. Noise model: the density
// proportional to exp(-rho(e)), flat inside the tube with Laplace tails. Vapnik, "The Nature
// of Statistical Learning Theory", Springer, 1995; Smola and Schoelkopf, "A tutorial on support
// vector regression", Statistics and Computing, 2004.
class EpsilonInsensitiveLoss final : public LossKernel<EpsilonInsensitiveLoss, LossKind::Regression, true>
{
public:
    explicit EpsilonInsensitiveLoss(double epsilon = 0.1) : m_epsilon(epsilon) {}

    QString name() const override { return QStringLiteral("epsilon_insensitive"); }
    QString displayName() const override { return QStringLiteral("Epsilon-insensitive"); }
    std::vector<LossParameter> parameters() const override;
    double parameterValue(int index) const override;
    void setParameterValue(int index, double value) override;
    // Defined here so that LossKernel's loops can inline it.
    LossDerivatives evaluateAt(double input, double label) const
    {
        double first = 0.0;
        if (std::abs(input) > m_epsilon)
            first = input > 0.0 ? 1.0 : -1.0;
        return {valueAt(input, label), first, 0.0};
    }
    std::unique_ptr<Loss> clone() const override;

    double epsilon() const { return m_epsilon; }

    // |e| - epsilon is exact when |e| lies within a factor of 2 of epsilon (Sterbenz's lemma),
    // so the value near the tube's edge carries no rounding error.
    double valueAt(double input, double) const
    {
        return std::max(0.0, std::abs(input) - m_epsilon);
    }

private:
    double m_epsilon;
};

} // namespace losslens
