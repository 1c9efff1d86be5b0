#include "minimizer.h"

#include "classseparation.h"
#include "logging.h"
#include "vectorstate.h"

#include <Eigen/Dense>
#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace losslens {

namespace {

// tr() of this file's messages, in the "Minimizer" context of the translation files.
struct MinimizerText
{
    Q_DECLARE_TR_FUNCTIONS(Minimizer)
};

// The smallest and largest scaled feature value of the rows labelled 1 and of the others;
// +inf and -inf for a class without rows.
struct ClassRanges
{
    double positiveMin;
    double positiveMax;
    double negativeMin;
    double negativeMax;
};

ClassRanges classRanges(const LineObjective &objective)
{
    const Eigen::VectorXd &x = objective.scaledFeature();
    const Eigen::VectorXd &y = objective.data().target;
    constexpr double infinity = std::numeric_limits<double>::infinity();
    ClassRanges ranges{infinity, -infinity, infinity, -infinity};
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        if (y[i] == 1.0) {
            ranges.positiveMin = std::min(ranges.positiveMin, x[i]);
            ranges.positiveMax = std::max(ranges.positiveMax, x[i]);
        } else {
            ranges.negativeMin = std::min(ranges.negativeMin, x[i]);
            ranges.negativeMax = std::max(ranges.negativeMax, x[i]);
        }
    }
    return ranges;
}

// Returns how one threshold on the feature separates binary classes, which leaves them no finite
// maximum-likelihood line: the loss keeps falling as the slope grows. Complete: every row of
// one class lies below every row of the other. QuasiComplete: the classes meet at one value of
// x, where rows of both lie. A single class is the extreme case, where the intercept runs off
// instead. When both classes share one constant feature value, no threshold separates them: the
// loss depends on w x + b alone and has its minimum where s(w x + b) is the share of 1 labels.
ClassSeparation thresholdSeparation(const LineObjective &objective)
{
    const auto [positiveMin, positiveMax, negativeMin, negativeMax] = classRanges(objective);
    const bool bothClasses = positiveMin <= positiveMax && negativeMin <= negativeMax;
    if (bothClasses && std::min(positiveMin, negativeMin) == std::max(positiveMax, negativeMax))
        return ClassSeparation::Overlap;
    if (!bothClasses || negativeMax < positiveMin || positiveMax < negativeMin)
        return ClassSeparation::Complete;
    if (negativeMax <= positiveMin || positiveMax <= negativeMin)
        return ClassSeparation::QuasiComplete;
    return ClassSeparation::Overlap;
}

// The line whose margins (2 y - 1)(w x + b) are all at least 1.25 on completely separated
// classes: the threshold halfway between them, with slope 2.5 / gap.
Eigen::Vector2d wideMarginLine(const LineObjective &objective)
{
    const auto [positiveMin, positiveMax, negativeMin, negativeMax] = classRanges(objective);
    const bool positiveAbove = negativeMax < positiveMin;
    const double low = positiveAbove ? negativeMax : positiveMax;
    const double high = positiveAbove ? positiveMin : negativeMin;
    const double threshold = 0.5 * low + 0.5 * high;
    const double slope = (positiveAbove ? 2.5 : -2.5) / (high - low);
    return {slope, -slope * threshold};
}

// Whether the loss is at least 0 at margins from -50 to 50 for both labels. Every loss of the
// catalogue is, but a typed formula need not be.
bool nonNegativeOnMargins(const Loss &loss)
{
    for (int margin = -50; margin <= 50; ++margin) {
        if (!(loss.value(margin, 1.0) >= 0.0) || !(loss.value(margin, 0.0) >= 0.0))
            return false;
    }
    return true;
}

struct NewtonOutcome
{
    Eigen::Vector2d theta;
    double value;
    bool converged;
    // True when the point is a minimum beyond doubt: a tiny Newton step with a positive definite
    // Hessian, or the exact profile search of a convex loss. A search that ended by a test on
    // the gradient's size, or at a gradient of exactly 0, may sit on a slope that keeps falling.
    bool verified = false;
};

// With allowGradientSteps false the search stops where the Hessian is not clearly positive
// definite, because steepest descent on a piecewise-linear loss such as MAE crawls and the
// profile search that follows is exact there.
NewtonOutcome newtonSearch(const LineObjective &objective, Eigen::Vector2d theta,
                           bool allowGradientSteps, const std::stop_token &stop)
{
    // Values come from value() throughout, because evaluate() sums in another order and a
    // difference of a few ulps would defeat the line search's comparison near the minimum.
    ObjectiveValue current = objective.evaluate(theta);
    current.value = objective.value(theta);
    for (int iteration = 0; iteration < 200 && !stop.stop_requested(); ++iteration) {
        const double gradientNorm = current.gradient.norm();
        // The gradient can be exactly 0 where the value is not, as the derivatives of a typed
        // formula far down exp(e) show, so this point is checked like a gradient test's.
        if (gradientNorm == 0.0)
            return {theta, current.value, true, false};

        // Newton direction where the Hessian is clearly positive definite, else steepest descent.
        // A Newton step is the distance to the minimum of the local quadratic, so a tiny one
        // means convergence whatever the size of the loss. A gradient's size does not measure
        // that distance, so gradient steps use the value-relative tests instead.
        Eigen::Vector2d direction = -current.gradient;
        const Eigen::LDLT<Eigen::Matrix2d> factor(current.hessian);
        const double scale = current.hessian.trace();
        const bool newton = factor.info() == Eigen::Success && factor.isPositive() && scale > 0.0 &&
                            factor.vectorD().minCoeff() > 1e-12 * scale;
        if (newton) {
            direction = -factor.solve(current.gradient);
            if (direction.norm() <= 1e-13 * (1.0 + theta.norm()))
                return {theta, current.value, true, true};
        } else if (!allowGradientSteps) {
            return {theta, current.value, false};
        } else if (gradientNorm <= 1e-14 * (1.0 + std::abs(current.value))) {
            return {theta, current.value, true};
        }

        // Backtracking with the Armijo condition.
        const double slope = current.gradient.dot(direction);
        double step = 1.0;
        bool decreased = false;
        ObjectiveValue candidate;
        for (int halving = 0; halving < 80; ++halving, step *= 0.5) {
            const Eigen::Vector2d trial = theta + step * direction;
            // A step below the rounding of theta moves nothing, and would pass the test below.
            if (trial == theta)
                break;
            const double trialValue = objective.value(trial);
            if (std::isfinite(trialValue) && trialValue <= current.value + 1e-4 * step * slope) {
                theta = trial;
                candidate = objective.evaluate(theta);
                candidate.value = trialValue;
                decreased = true;
                break;
            }
        }
        // Near the minimum a Newton step lowers the value by about |slope| / 2, which can fall
        // below the rounding of the value itself, so the Armijo test cannot see it; the
        // gradient still measures the progress there.
        if (!decreased && newton && std::abs(slope) <= 1e-12 * std::abs(current.value)) {
            const Eigen::Vector2d trial = theta + direction;
            ObjectiveValue next = objective.evaluate(trial);
            if (std::isfinite(next.value) && next.gradient.norm() < gradientNorm) {
                theta = trial;
                candidate = next;
                candidate.value = objective.value(trial);
                decreased = true;
            }
        }
        if (!decreased)
            return {theta, current.value, false};
        const double change = std::abs(current.value - candidate.value);
        current = candidate;
        if (!newton && change <= 1e-16 * std::abs(current.value) &&
            current.gradient.norm() <= 1e-9 * (1.0 + std::abs(current.value)))
            return {theta, current.value, true};
    }
    return {theta, current.value, false};
}

// Intercept that minimizes the mean loss for a fixed slope. For a convex loss the derivative in b
// never decreases, so bisection on its sign brackets the minimizer. This also handles MAE, whose
// derivative is a step function.
double bestIntercept(const LineObjective &objective, double slope)
{
    const Eigen::VectorXd &x = objective.scaledFeature();
    const Eigen::VectorXd &y = objective.data().target;
    const Loss &loss = objective.loss();
    auto derivative = [&](double intercept) {
        return loss.sumFirstDerivativeForLine(x.data(), y.data(), x.size(), slope, intercept);
    };
    // A regression error changes sign between these ends. A classifier's logits get a
    // bracket around 0 that grows until the derivative changes sign across it.
    double low = 0.0, high = 0.0;
    if (loss.kind() == LossKind::Regression) {
        const Eigen::ArrayXd offsets = y.array() - slope * x.array();
        low = offsets.minCoeff() - 1.0;
        high = offsets.maxCoeff() + 1.0;
    } else {
        const double reach = std::abs(slope) * x.cwiseAbs().maxCoeff() + 2.0;
        low = -reach;
        high = reach;
        for (int growth = 0; growth < 1100 && derivative(low) >= 0.0; ++growth)
            low *= 2.0;
        for (int growth = 0; growth < 1100 && derivative(high) < 0.0; ++growth)
            high *= 2.0;
        if (!std::isfinite(low) || !std::isfinite(high))
            return 0.0;
    }
    for (int iteration = 0; iteration < 200; ++iteration) {
        const double middle = 0.5 * (low + high);
        if (middle <= low || middle >= high)
            break;
        if (derivative(middle) < 0.0)
            low = middle;
        else
            high = middle;
    }
    return 0.5 * (low + high);
}

NewtonOutcome profileSearch(const LineObjective &objective, double slopeGuess,
                            const std::stop_token &stop)
{
    auto profile = [&](double slope) {
        return objective.value({slope, bestIntercept(objective, slope)});
    };
    // Grow a bracket around the guess until both ends rise above the centre. The profile of a
    // convex function is convex, so its minimum then lies inside the bracket.
    // The first radius follows the data's own slope scale, range(y) / range(x'), so data in
    // units of 1e148 need no 1e148 doublings. The bracket grows until it is found or the radius
    // overflows.
    const double centreValue = profile(slopeGuess);
    const Eigen::VectorXd &x = objective.scaledFeature();
    const Eigen::VectorXd &y = objective.data().target;
    const double featureRange = x.maxCoeff() - x.minCoeff();
    const double dataSlope =
        featureRange > 0.0 ? (y.maxCoeff() - y.minCoeff()) / featureRange : 0.0;
    double radius =
        std::max({1e-300, std::abs(slopeGuess), std::isfinite(dataSlope) ? dataSlope : 0.0});
    bool bracketed = false;
    double lowestEnd = centreValue;
    for (int growth = 0;
         growth < 2100 && std::isfinite(slopeGuess + radius) && std::isfinite(slopeGuess - radius);
         ++growth, radius *= 2.0) {
        const double left = profile(slopeGuess - radius);
        const double right = profile(slopeGuess + radius);
        lowestEnd = std::min({lowestEnd, left, right});
        if (left > centreValue && right > centreValue) {
            bracketed = true;
            break;
        }
    }
    if (!bracketed) {
        // No end rose above the centre. A profile that never fell is flat along the slope, as
        // for a constant feature, so the guess is a minimizer. One that fell has no finite
        // minimum.
        const Eigen::Vector2d theta(slopeGuess, bestIntercept(objective, slopeGuess));
        const bool flat = lowestEnd >= centreValue;
        return {theta, objective.value(theta), flat, flat};
    }
    double low = slopeGuess - radius, high = slopeGuess + radius;
    const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
    double left = high - ratio * (high - low), right = low + ratio * (high - low);
    double leftValue = profile(left), rightValue = profile(right);
    while (high - low > 1e-13 * (1.0 + std::abs(low) + std::abs(high)) && !stop.stop_requested()) {
        if (leftValue <= rightValue) {
            high = right;
            right = left;
            rightValue = leftValue;
            left = high - ratio * (high - low);
            leftValue = profile(left);
        } else {
            low = left;
            left = right;
            leftValue = rightValue;
            right = low + ratio * (high - low);
            rightValue = profile(right);
        }
    }
    const double slope = 0.5 * (low + high);
    const Eigen::Vector2d theta(slope, bestIntercept(objective, slope));
    return {theta, objective.value(theta), !stop.stop_requested(), !stop.stop_requested()};
}

// Returns whether the mean loss keeps falling without end along a ray from the search's end
// point, by meanLossFallsWithoutEnd. The rays tried are the negative gradient, the search's net
// displacement from initial, and the intercept alone, down and up. Moving b shifts every model
// input by the same amount, so it is the way down for any loss that falls towards one end of e
// (exp(e), 1/(1+e^2)), whatever the data.
bool fallsWithoutEnd(const LineObjective &objective, const Eigen::Vector2d &initial,
                     const Eigen::Vector2d &end)
{
    const std::vector<Eigen::VectorXd> directions{
        -objective.evaluate(end).gradient, end - initial, Eigen::Vector2d(0.0, -1.0),
        Eigen::Vector2d(0.0, 1.0)};
    const Eigen::VectorXd &targets = objective.data().target;
    const double targetSize = targets.size() > 0 ? targets.cwiseAbs().maxCoeff() : 0.0;
    const double scale =
        1.0 + end.cwiseAbs().maxCoeff() + (std::isfinite(targetSize) ? targetSize : 0.0);
    return meanLossFallsWithoutEnd(
        [&](const Eigen::VectorXd &theta) { return objective.value(Eigen::Vector2d(theta)); },
        [&](const Eigen::VectorXd &theta) -> Eigen::VectorXd {
            return objective.evaluate(Eigen::Vector2d(theta)).gradient;
        },
        end, directions, scale);
}

// Returns whether the fall along point + t direction (unit length) is endless, by the rule of
// meanLossFallsWithoutEnd.
bool fallsAlongRay(const std::function<double(const Eigen::VectorXd &)> &meanLoss,
                   const std::function<Eigen::VectorXd(const Eigen::VectorXd &)> &gradient,
                   const Eigen::VectorXd &point, double startValue,
                   const Eigen::VectorXd &direction, double scale)
{
    // Rounding of a mean of many terms, summed in an order the loss chooses: far above a few
    // ulps, far below any fall or rise the search cares about.
    constexpr double roundingShare = 1e-12;
    auto differsBeyondRounding = [](double lower, double higher) {
        return higher - lower > roundingShare * std::max(std::abs(lower), std::abs(higher));
    };
    constexpr int probeCount = 131;
    double distance = std::ldexp(scale, -30);
    double previousDistance = 0.0;
    double previous = startValue;
    // The distances of the last probe that fell below its predecessor and of the one before it.
    double lastFallDistance = -1.0, beforeLastFallDistance = 0.0;
    double lastFallValue = startValue;
    for (int probe = 0; probe < probeCount; ++probe, previousDistance = distance, distance *= 2.0) {
        const Eigen::VectorXd trial = point + distance * direction;
        if (!trial.allFinite())
            return false;
        const double value = meanLoss(trial);
        if (value == -std::numeric_limits<double>::infinity())
            return true;
        if (!std::isfinite(value) || differsBeyondRounding(previous, value))
            return false;
        if (differsBeyondRounding(value, previous)) {
            lastFallDistance = distance;
            beforeLastFallDistance = previousDistance;
            lastFallValue = value;
        }
        previous = value;
    }
    const bool fell = lastFallDistance >= 0.0;
    if (fell && !differsBeyondRounding(previous, startValue))
        return false;
    // Still falling at the last probe, 2^100 scale away.
    if (fell && lastFallDistance == previousDistance)
        return true;
    // The values are level from the last fall on, or from the point itself. Below the rounding
    // of the value the derivative along the ray can still be negative, as for exp(e) + 1
    // levelling at 1.
    const Eigen::VectorXd levelPoint = point + (fell ? lastFallDistance : 0.0) * direction;
    const Eigen::VectorXd levelGradient = gradient(levelPoint);
    if (levelGradient.dot(direction) < 0.0)
        return true;
    if (!fell || !levelGradient.isZero(0.0) || lastFallValue != 0.0)
        return false;
    // A level of exactly 0 with a zero gradient: either the loss is 0 there (a margin loss
    // beyond its margin) or every term underflowed (exp(50 e) far down). Bisection finds where
    // the value turns 0. An underflow leaves a last value above 0 below DBL_MIN, while a loss
    // that reaches 0 at a finite distance is far above that next to the edge.
    double low = beforeLastFallDistance, high = lastFallDistance;
    double lowValue = low == 0.0 ? startValue : meanLoss(point + low * direction);
    for (int halving = 0; halving < 200; ++halving) {
        const double middle = 0.5 * (low + high);
        if (middle <= low || middle >= high)
            break;
        const double value = meanLoss(point + middle * direction);
        if (value == 0.0) {
            high = middle;
        } else {
            low = middle;
            lowValue = value;
        }
    }
    return lowValue > 0.0 && lowValue < std::numeric_limits<double>::min();
}

// Returns the point behind point (against direction, unit length) where the mean loss turns 0,
// for a point whose mean loss is exactly 0: the last point with a positive finite value, to the
// rounding of bisection. Probes go back at the distances 2^(k-30) scale, k = 0, ..., 130, as
// the probes of fallsAlongRay() go forward. The first positive probe may overflow to +inf, as
// exp(50 e) does a few units past the edge, so bisection runs between 0 and any positive value.
// Returns nothing when the line stays at 0 that far back, or meets a negative or NaN value.
std::optional<Eigen::VectorXd>
positiveEdgeBehind(const std::function<double(const Eigen::VectorXd &)> &meanLoss,
                   const Eigen::VectorXd &point, const Eigen::VectorXd &direction, double scale)
{
    constexpr int probeCount = 131;
    double zeroDistance = 0.0;
    double distance = std::ldexp(scale, -30);
    for (int probe = 0; probe < probeCount; ++probe, zeroDistance = distance, distance *= 2.0) {
        const Eigen::VectorXd trial = point - distance * direction;
        if (!trial.allFinite())
            return std::nullopt;
        double value = meanLoss(trial);
        if (value == 0.0)
            continue;
        if (!(value > 0.0))
            return std::nullopt;
        // The mean loss is 0 at zeroDistance and positive at distance. Within a factor of 2,
        // about 60 halvings reach adjacent doubles. Between the point and the first probe they
        // may stop short of the edge, which leaves a larger last value and so errs towards a
        // minimum.
        for (int halving = 0; halving < 200; ++halving) {
            const double middle = 0.5 * (zeroDistance + distance);
            if (middle <= zeroDistance || middle >= distance)
                break;
            const double middleValue = meanLoss(point - middle * direction);
            if (middleValue == 0.0) {
                zeroDistance = middle;
            } else if (middleValue > 0.0) {
                distance = middle;
                value = middleValue;
            } else {
                return std::nullopt;
            }
        }
        if (!std::isfinite(value))
            return std::nullopt;
        return Eigen::VectorXd(point - distance * direction);
    }
    return std::nullopt;
}

} // namespace

bool meanLossFallsWithoutEnd(
    const std::function<double(const Eigen::VectorXd &)> &meanLoss,
    const std::function<Eigen::VectorXd(const Eigen::VectorXd &)> &gradient,
    const Eigen::VectorXd &point, const std::vector<Eigen::VectorXd> &directions, double scale)
{
    const double startValue = meanLoss(point);
    if (!std::isfinite(startValue) || !std::isfinite(scale) || !(scale > 0.0))
        return false;
    // A point whose mean loss is exactly 0 with a zero gradient shows no fall, because no probe
    // goes below 0. The 0 is either attained (a perfect fit under MSE, a margin loss inside its
    // margin) or an underflow of positive terms (exp(50 e) far down). The rule of
    // fallsAlongRay(), applied from the edge behind the point where the mean loss turns 0 on
    // the ray's line, distinguishes them. An underflow falls from that edge through values below
    // DBL_MIN and stays at 0 out to 2^100 scale. An attained 0 either rises again past the
    // point, as a sum of losses that are 0 at e = 0 alone does, or is 0 on a region. A loss
    // reaches such a region at a rate that leaves its last value next to the edge above
    // DBL_MIN: max(0, e) is at least an ulp of the terms of e there.
    // NOTE: a loss that is 0 on a region and reaches it only through values below DBL_MIN, such
    // as max(0, e)^2 with an edge where every e is below 1e-154, is taken for an underflow.
    const bool zeroLevel = startValue == 0.0 && gradient(point).isZero(0.0);
    for (const Eigen::VectorXd &direction : directions) {
        const double length = direction.norm();
        if (!std::isfinite(length) || length == 0.0)
            continue;
        const Eigen::VectorXd unit = direction / length;
        if (fallsAlongRay(meanLoss, gradient, point, startValue, unit, scale))
            return true;
        if (!zeroLevel)
            continue;
        const std::optional<Eigen::VectorXd> edge =
            positiveEdgeBehind(meanLoss, point, unit, scale);
        if (edge && fallsAlongRay(meanLoss, gradient, *edge, meanLoss(*edge), unit, scale))
            return true;
    }
    return false;
}

Eigen::Vector2d leastSquaresLine(const LineObjective &objective)
{
    // From centred sums, w = sum (x - mx)(y - my) / sum (x - mx)^2 and b = my - w mx, which stay
    // accurate far from the origin. Unlike a QR solve, they give w = 0 and b = y exactly where
    // every target is the same y, so that the fit's mean squared error is exactly 0.
    const Eigen::VectorXd &x = objective.scaledFeature();
    const Eigen::VectorXd &y = objective.data().target;
    if (x.size() == 0)
        return Eigen::Vector2d::Zero();
    const double featureMean = x.mean();
    const double targetMean = y.mean();
    const Eigen::ArrayXd centredFeature = x.array() - featureMean;
    const double squares = centredFeature.square().sum();
    const double slope =
        squares > 0.0 ? (centredFeature * (y.array() - targetMean)).sum() / squares : 0.0;
    return {slope, targetMean - slope * featureMean};
}

namespace {

MinimumResult minimizeWellScaled(const LineObjective &objective, const Eigen::Vector2d &initial,
                                 const std::stop_token &stop)
{
    MinimumResult result;
    const bool regression = objective.loss().kind() == LossKind::Regression;
    // A penalty on the weight stops |w| from running off, but not the intercept of one class.
    const Eigen::VectorXd &labels = objective.data().target;
    const bool oneClass = labels.size() > 0 && labels.minCoeff() == labels.maxCoeff();
    const bool penalized = !objective.loss().weightPenalty().isZero();
    const Loss &loss = objective.loss();
    const bool positiveAtEveryMargin = positiveAtLargeMargins(loss);
    const ClassSeparation separation =
        regression ? ClassSeparation::Overlap : thresholdSeparation(objective);
    if (separation != ClassSeparation::Overlap && positiveAtEveryMargin && (oneClass || !penalized)) {
        result.theta = initial;
        result.value = objective.value(initial);
        result.status = MinimumStatus::NotAttained;
        // The direction of the fall: b grows for a class of 1s and falls for one of 0s, and w
        // grows when the rows labelled 1 lie above the threshold t and falls when they lie
        // below, with b = -w t keeping the line's zero at t.
        const auto [positiveMin, positiveMax, negativeMin, negativeMax] = classRanges(objective);
        const bool positiveAbove = negativeMax <= positiveMin;
        if (oneClass) {
            result.note = labels[0] > 0.5
                              ? MinimizerText::tr("No minimum: every label is %1, so the loss "
                                                  "falls forever as b grows.")
                              : MinimizerText::tr("No minimum: every label is %1, so the loss "
                                                  "falls forever as b falls.");
            result.note = result.note.arg(labels[0]);
        } else if (separation == ClassSeparation::Complete) {
            result.note = positiveAbove
                              ? MinimizerText::tr("No minimum: a threshold t on x separates the "
                                                  "classes, with the label 1 above it, so the "
                                                  "loss falls forever as w grows with b = -w t.")
                              : MinimizerText::tr("No minimum: a threshold t on x separates the "
                                                  "classes, with the label 1 below it, so the "
                                                  "loss falls forever as w falls with b = -w t.");
        } else {
            result.note =
                positiveAbove
                    ? MinimizerText::tr("No minimum: a threshold t on x separates the classes, "
                                        "with the label 1 above it and rows of both classes at "
                                        "it, so the loss falls as w grows with b = -w t, towards "
                                        "the loss of the rows at the threshold.")
                    : MinimizerText::tr("No minimum: a threshold t on x separates the classes, "
                                        "with the label 1 below it and rows of both classes at "
                                        "it, so the loss falls as w falls with b = -w t, towards "
                                        "the loss of the rows at the threshold.");
        }
        return result;
    }
    // A loss that is 0 from a finite margin on takes its lowest value, 0, on every line that
    // puts each row of completely separated classes far enough on its side. Those lines form a
    // region, so no search would settle on one; the one halfway between the classes is given.
    if (separation == ClassSeparation::Complete && !oneClass && !penalized &&
        nonNegativeOnMargins(loss)) {
        const Eigen::Vector2d line = wideMarginLine(objective);
        if (line.allFinite() && objective.value(line) == 0.0) {
            result.theta = line;
            result.value = 0.0;
            result.status = MinimumStatus::Global;
            return result;
        }
    }

    // The profile search relies on convexity. A non-convex loss (Tukey, Cauchy, Welsch) takes
    // damped Newton and gradient steps from the initial point instead, which is a local search:
    // the caller starts it from the best node of a landscape grid.
    const bool convex = objective.loss().isConvex();
    // A convex regression loss has one minimum value whatever the start, so the search starts
    // from the least-squares line where that is lower. For MSE the line is the minimum itself,
    // exact where the targets are all equal, which Newton steps from far away miss by a rounding.
    Eigen::Vector2d start = initial;
    if (convex && regression) {
        const Eigen::Vector2d line = leastSquaresLine(objective);
        if (line.allFinite() && objective.value(line) < objective.value(initial))
            start = line;
    }
    NewtonOutcome outcome = newtonSearch(objective, start, !convex, stop);
    if (!outcome.converged && convex && !stop.stop_requested()) {
        NewtonOutcome profiled = profileSearch(objective, outcome.theta[0], stop);
        // Golden section finds the slope only to about sqrt(epsilon) relative, since the
        // profile is flat to second order there. Where the curvature at that point is positive
        // (Huber that started with too few inliers), Newton's method takes it to full precision.
        if (profiled.converged && !stop.stop_requested()) {
            const NewtonOutcome polished = newtonSearch(objective, profiled.theta, false, stop);
            if (polished.converged && polished.value <= profiled.value)
                profiled = polished;
        }
        if (profiled.value <= outcome.value)
            outcome = profiled;
        outcome.converged = profiled.converged;
        outcome.verified = profiled.converged;
    }
    if (!outcome.verified && !stop.stop_requested() &&
        fallsWithoutEnd(objective, initial, outcome.theta)) {
        result.theta = initial;
        result.value = objective.value(initial);
        result.status = MinimumStatus::NotAttained;
        result.note = MinimizerText::tr(
            "No minimum: from the lowest point the search found, the mean loss keeps falling "
            "along a straight line, without end or towards a value it never reaches.");
        return result;
    }
    result.theta = outcome.theta;
    // Evaluated again by value(), whose summation order differs from evaluate()'s by a few ulps,
    // so the reported minimum equals what the landscape and the read-outs show at that point.
    result.value = objective.value(outcome.theta);
    if (stop.stop_requested()) {
        result.status = MinimumStatus::Cancelled;
    } else if (outcome.converged && objective.loss().isConvex()) {
        result.status = MinimumStatus::Global;
    } else if (outcome.converged) {
        result.status = MinimumStatus::Approximate;
        result.note = MinimizerText::tr(
            "Local search: the loss is not convex, so a lower minimum may exist.");
    } else {
        result.status = MinimumStatus::Approximate;
        result.settled = false;
        result.note =
            MinimizerText::tr("The search for the minimum did not settle: w and b are the "
                              "lowest point it found, and the loss may fall without end, so "
                              "there may be no minimum.");
        qCWarning(lcCore) << "minimum search did not converge for" << objective.loss().spec();
    }
    return result;
}

} // namespace

MinimumResult findMinimum(const LineObjective &objective, const Eigen::Vector2d &initial,
                          std::stop_token stop)
{
    // The search calls libm's exp and log many times, usually on a worker thread.
    clearUpperVectorState();
    // The search runs on the standardized feature, whose Hessian is well conditioned, and maps
    // the result back. On a raw feature far from 0 (say x near 1e6 with a spread of 1e-8) the
    // raw Hessian is too ill-conditioned for a Newton step or a least-squares solve.
    const FeatureScaling standard = FeatureScaling::standardizing(objective.data().feature);
    const FeatureScaling &own = objective.scaling();
    if (own.mean == standard.mean && own.scale == standard.scale)
        return minimizeWellScaled(objective, initial, stop);
    const LineObjective standardized(objective.sharedData(), objective.sharedLoss(), standard,
                                     objective.penaltyFactor() * own.scale / standard.scale);
    MinimumResult result = minimizeWellScaled(
        standardized, standardized.fromDataUnits(objective.toDataUnits(initial)), stop);
    result.theta = objective.fromDataUnits(standardized.toDataUnits(result.theta));
    // The value stays the standardized evaluation: the raw one sums errors w x + b - y whose
    // terms cancel, which loses digits on exactly the data this detour is for.
    return result;
}

} // namespace losslens
