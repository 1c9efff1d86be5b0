#pragma once

#include "../loss.h"

#include <algorithm>
#include <cmath>

namespace losslens {

// Focal loss on the logit z with label y in {0, 1}, as torchvision.ops.sigmoid_focal_loss with
// reduction='none' (the loss of RetinaNet, Lin et al., arXiv:1708.02002):
//   p = s(z),  ce = BCE(z, y),  p_t = p y + (1 - p)(1 - y),
//   rho(z) = alpha_t ce (1 - p_t)^gamma,  alpha_t = alpha y + (1 - alpha)(1 - y),
// with alpha_t = 1 when alpha < 0, which turns the class weighting off. Parameters: the focusing
// exponent gamma in [0, 20] (default 2) and alpha in [-1, 1] (default 0.25).
//
// With the margin u = y' z, y' = 2y - 1, both factors depend on u alone: ce = softplus(-u) = A
// and 1 - p_t = s(-u), so the loss is alpha_t f(u) with f = A B, B = s(-u)^gamma. Computing
// 1 - p_t as s(-u) rather than 1 - p_t keeps tiny losses exact: at u = 40 and gamma = 2 the
// loss is about 1e-53, where 1 - p_t would round to 0. From A' = -s(-u), A'' = s(u) s(-u) and
// B' = -gamma s(u) B:
//   f'(u)  = -B [s(-u) + gamma s(u) A],
//   f''(u) = B [(1 + 2 gamma) s(u) s(-u) + gamma (s(u) A) (gamma s(u) - s(-u))],
// and rho'(z) = alpha_t y' f'(u), rho''(z) = alpha_t f''(u) since y'^2 = 1. The product s(u) A
// is formed first: it stays below 0.37, whereas gamma A alone overflows for z near the largest
// double.
//
// Value at z = 0: alpha_t log(2) / 2^gamma. With gamma = 0 the loss is alpha_t times BCE and
// convex. For every gamma > 0 it is not convex: as u -> -inf, f''(u) behaves like
// e^u ((1 + 2 gamma) - gamma |u|), which is negative once |u| > 2 + 1 / gamma.
class FocalLoss final : public LossKernel<FocalLoss, LossKind::Classification>
{
public:
    explicit FocalLoss(double gamma = 2.0, double alpha = 0.25) : m_gamma(gamma), m_alpha(alpha) {}

    QString name() const override { return QStringLiteral("focal"); }
    QString displayName() const override { return QStringLiteral("Focal"); }
    std::vector<LossParameter> parameters() const override;
    double parameterValue(int index) const override;
    void setParameterValue(int index, double value) override;
    bool isConvex() const override { return m_gamma == 0.0; }
    // Defined here so that LossKernel's loops can inline it.
    LossDerivatives evaluateAt(double input, double label) const
    {
        const double sign = 2.0 * label - 1.0;
        const Terms terms = termsAt(sign * input);
        const double weight = classWeight(label);
        const double first =
            -terms.focus * (terms.complement + m_gamma * terms.sigmoid * terms.softplus);
        const double sigmoidSoftplus = terms.sigmoid * terms.softplus;
        const double second =
            terms.focus *
            ((1.0 + 2.0 * m_gamma) * terms.sigmoid * terms.complement +
             m_gamma * sigmoidSoftplus * (m_gamma * terms.sigmoid - terms.complement));
        return {weight * (terms.softplus * terms.focus), weight * sign * first, weight * second};
    }
    std::unique_ptr<Loss> clone() const override;

    double valueAt(double input, double label) const
    {
        const Terms terms = termsAt((2.0 * label - 1.0) * input);
        return classWeight(label) * (terms.softplus * terms.focus);
    }

private:
    // The factors at the margin u: s(u), s(-u), A = softplus(-u) = BCE and B = s(-u)^gamma.
    struct Terms
    {
        double sigmoid;
        double complement;
        double softplus;
        double focus;
    };

    Terms termsAt(double margin) const
    {
        // exp(-|u|) lies in (0, 1], so nothing below overflows, and each sigmoid is formed
        // without the cancellation of 1 - s.
        const double decay = std::exp(-std::abs(margin));
        const double sigmoid = margin >= 0.0 ? 1.0 / (1.0 + decay) : decay / (1.0 + decay);
        const double complement = margin >= 0.0 ? decay / (1.0 + decay) : 1.0 / (1.0 + decay);
        const double softplus = std::max(-margin, 0.0) + std::log1p(decay);
        return {sigmoid, complement, softplus, std::pow(complement, m_gamma)};
    }

    double classWeight(double label) const
    {
        if (m_alpha < 0.0)
            return 1.0;
        return m_alpha * label + (1.0 - m_alpha) * (1.0 - label);
    }

    double m_gamma;
    double m_alpha;
};

} // namespace losslens
