#pragma once

#include "../loss.h"

#include <algorithm>
#include <cmath>

namespace losslens {

// Margin losses on the logit z with label y in {0, 1}. Each is a function rho(m) of the margin
// m = y' z with y' = 2y - 1, positive when the sign of z predicts the label. With respect to z,
//   d rho / dz = y' rho'(m),  d^2 rho / dz^2 = y'^2 rho''(m) = rho''(m),
// so loss(z, 1) = loss(-z, 0) and the first derivative changes sign between the two. At a kink
// each class reports the one-sided derivative named in its comment, chosen to match
// scikit-learn's SGDClassifier losses where they define one.
inline double marginOf(double logit, double label)
{
    // y' is exactly +-1, so the product is exact.
    return (2.0 * label - 1.0) * logit;
}

// Hinge loss, as scikit-learn's SGDClassifier(loss='hinge'), the loss of the linear SVM:
//   rho(m) = max(0, 1 - m),  rho'(m) = -1 for m <= 1 and 0 above,  rho'' = 0.
// At the kink m = 1 the subgradient -1 is reported, as scikit-learn does. Value 1 at z = 0.
// Convex.
class HingeLoss final : public LossKernel<HingeLoss, LossKind::Classification>
{
public:
    QString name() const override { return QStringLiteral("hinge"); }
    QString displayName() const override { return QStringLiteral("Hinge"); }
    LossDerivatives evaluateAt(double input, double label) const
    {
        const double sign = 2.0 * label - 1.0;
        const double margin = sign * input;
        if (margin <= 1.0)
            return {1.0 - margin, -sign, 0.0};
        return {0.0, 0.0, 0.0};
    }
    std::unique_ptr<Loss> clone() const override;

    double valueAt(double input, double label) const
    {
        return std::max(0.0, 1.0 - marginOf(input, label));
    }
};

// Squared hinge loss, as scikit-learn's SGDClassifier(loss='squared_hinge'):
//   rho(m) = max(0, 1 - m)^2,  rho'(m) = -2 max(0, 1 - m),  rho''(m) = 2 for m < 1, 0 above.
// rho' is continuous; at m = 1 the second derivative is reported as 0, the flat side's value,
// matching scikit-learn's strict comparison there. Value 1 at z = 0. Convex. It overflows to
// +inf only for |z| above about 1.3e154.
class SquaredHingeLoss final : public LossKernel<SquaredHingeLoss, LossKind::Classification>
{
public:
    QString name() const override { return QStringLiteral("squared_hinge"); }
    QString displayName() const override { return QStringLiteral("Squared hinge"); }
    LossDerivatives evaluateAt(double input, double label) const
    {
        const double sign = 2.0 * label - 1.0;
        const double margin = sign * input;
        const double gap = std::max(0.0, 1.0 - margin);
        return {gap * gap, -2.0 * gap * sign, margin < 1.0 ? 2.0 : 0.0};
    }
    std::unique_ptr<Loss> clone() const override;

    double valueAt(double input, double label) const
    {
        const double gap = std::max(0.0, 1.0 - marginOf(input, label));
        return gap * gap;
    }
};

// Modified Huber loss, as scikit-learn's SGDClassifier(loss='modified_huber'):
//   rho(m) = -4 m for m < -1,  max(0, 1 - m)^2 otherwise,
//   rho'(m) = -4 for m < -1,  -2 max(0, 1 - m) otherwise,
//   rho''(m) = 2 for -1 <= m < 1,  0 otherwise.
// Value and slope are continuous at m = -1 (4 and -4). The second derivative takes the
// quadratic branch's 2 at m = -1 and the flat branch's 0 at m = 1, as scikit-learn's
// comparisons (z >= 1, then z >= -1) do. Value 1 at z = 0. Convex.
class ModifiedHuberLoss final : public LossKernel<ModifiedHuberLoss, LossKind::Classification>
{
public:
    QString name() const override { return QStringLiteral("modified_huber"); }
    QString displayName() const override { return QStringLiteral("Modified Huber"); }
    LossDerivatives evaluateAt(double input, double label) const
    {
        const double sign = 2.0 * label - 1.0;
        const double margin = sign * input;
        if (margin < -1.0)
            return {-4.0 * margin, -4.0 * sign, 0.0};
        const double gap = std::max(0.0, 1.0 - margin);
        return {gap * gap, -2.0 * gap * sign, margin < 1.0 ? 2.0 : 0.0};
    }
    std::unique_ptr<Loss> clone() const override;

    double valueAt(double input, double label) const
    {
        const double margin = marginOf(input, label);
        const double gap = std::max(0.0, 1.0 - margin);
        return margin < -1.0 ? -4.0 * margin : gap * gap;
    }
};

// Exponential loss, the loss AdaBoost minimizes, as scikit-learn's
// GradientBoostingClassifier(loss='exponential') on the raw score:
//   rho(m) = exp(-m),  rho'(m) = -exp(-m),  rho''(m) = exp(-m).
// Value 1 at z = 0. Convex. exp(-m) overflows for m below about -709.78: the value and second
// derivative are then +inf and the first derivative -y' inf, never NaN. The plots clamp an
// infinite value to the largest double, so such a point is drawn off the scale.
class ExponentialLoss final : public LossKernel<ExponentialLoss, LossKind::Classification>
{
public:
    QString name() const override { return QStringLiteral("exponential"); }
    QString displayName() const override { return QStringLiteral("Exponential"); }
    LossDerivatives evaluateAt(double input, double label) const
    {
        const double sign = 2.0 * label - 1.0;
        const double value = std::exp(-(sign * input));
        return {value, -sign * value, value};
    }
    std::unique_ptr<Loss> clone() const override;

    double valueAt(double input, double label) const { return std::exp(-marginOf(input, label)); }
};

// Zero-one loss, the misclassification count that the other classification losses bound
// from above:
//   rho(m) = 1 for m <= 0,  0 for m > 0.
// A zero margin counts as a mistake for either label, so the loss stays symmetric in the
// label. scikit-learn's predict() assigns z = 0 to class 0, so there its error count differs
// for label 0. Value 1 at z = 0. The derivatives are reported as 0 everywhere: the loss is
// piecewise constant and is shown only, not trained on. Not convex.
class ZeroOneLoss final : public LossKernel<ZeroOneLoss, LossKind::Classification>
{
public:
    QString name() const override { return QStringLiteral("zero_one"); }
    QString displayName() const override { return QStringLiteral("Zero-one"); }
    bool isConvex() const override { return false; }
    LossDerivatives evaluateAt(double input, double label) const
    {
        return {valueAt(input, label), 0.0, 0.0};
    }
    std::unique_ptr<Loss> clone() const override;

    double valueAt(double input, double label) const
    {
        return marginOf(input, label) <= 0.0 ? 1.0 : 0.0;
    }
};

} // namespace losslens
