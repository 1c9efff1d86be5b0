#include "minimizer.h"

#include "logging.h"

#include <Eigen/Dense>
#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

namespace losslens {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Minimizer", text);
}

// Binary classes that one threshold on the feature separates have no finite
// maximum-likelihood line: the loss keeps falling as the slope grows. A single class is the
// extreme case, where the intercept runs off instead. When both classes share one constant
// feature value, no threshold separates them: the loss depends on w x + b alone and has its
// minimum where s(w x + b) is the share of 1 labels.
bool classesSeparable(const LineObjective &objective)
{
    const Eigen::VectorXd &x = objective.scaledFeature();
    const Eigen::VectorXd &y = objective.data().target;
    double positiveMin = std::numeric_limits<double>::infinity(), positiveMax = -positiveMin;
    double negativeMin = positiveMin, negativeMax = -positiveMin;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        if (y[i] == 1.0) {
            positiveMin = std::min(positiveMin, x[i]);
            positiveMax = std::max(positiveMax, x[i]);
        } else {
            negativeMin = std::min(negativeMin, x[i]);
            negativeMax = std::max(negativeMax, x[i]);
        }
    }
    const bool bothClasses = positiveMin <= positiveMax && negativeMin <= negativeMax;
    if (bothClasses && std::min(positiveMin, negativeMin) == std::max(positiveMax, negativeMax))
        return false;
    return negativeMax <= positiveMin || positiveMax <= negativeMin;
}

struct NewtonOutcome
{
    Eigen::Vector2d theta;
    double value;
    bool converged;
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
        if (gradientNorm <= 1e-14 * (1.0 + std::abs(current.value)))
            return {theta, current.value, true};

        // Newton direction where the Hessian is clearly positive definite, else steepest descent.
        Eigen::Vector2d direction = -current.gradient;
        const Eigen::LDLT<Eigen::Matrix2d> factor(current.hessian);
        const double scale = current.hessian.trace();
        if (factor.info() == Eigen::Success && factor.isPositive() && scale > 0.0 &&
            factor.vectorD().minCoeff() > 1e-12 * scale)
            direction = -factor.solve(current.gradient);
        else if (!allowGradientSteps)
            return {theta, current.value, false};

        // Backtracking with the Armijo condition.
        const double slope = current.gradient.dot(direction);
        double step = 1.0;
        bool decreased = false;
        ObjectiveValue candidate;
        for (int halving = 0; halving < 80; ++halving, step *= 0.5) {
            const Eigen::Vector2d trial = theta + step * direction;
            const double trialValue = objective.value(trial);
            if (std::isfinite(trialValue) && trialValue <= current.value + 1e-4 * step * slope) {
                theta = trial;
                candidate = objective.evaluate(theta);
                candidate.value = trialValue;
                decreased = true;
                break;
            }
        }
        if (!decreased)
            return {theta, current.value, false};
        const double change = std::abs(current.value - candidate.value);
        current = candidate;
        if (change <= 1e-16 * std::abs(current.value) &&
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
    const Eigen::ArrayXd offsets = y.array() - slope * x.array();
    double low = offsets.minCoeff() - 1.0;
    double high = offsets.maxCoeff() + 1.0;
    const Loss &loss = objective.loss();
    auto derivative = [&](double intercept) {
        return loss.sumFirstDerivativeForLine(x.data(), y.data(), x.size(), slope, intercept);
    };
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
    const double centreValue = profile(slopeGuess);
    double radius = std::max(1.0, std::abs(slopeGuess));
    for (int growth = 0; growth < 200; ++growth, radius *= 2.0) {
        if (profile(slopeGuess - radius) > centreValue &&
            profile(slopeGuess + radius) > centreValue)
            break;
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
    return {theta, objective.value(theta), !stop.stop_requested()};
}

} // namespace

Eigen::Vector2d leastSquaresLine(const LineObjective &objective)
{
    const Eigen::Index count = objective.data().size();
    Eigen::MatrixXd design(count, 2);
    design.col(0) = objective.scaledFeature();
    design.col(1).setOnes();
    return design.colPivHouseholderQr().solve(objective.data().target);
}

MinimumResult findMinimum(const LineObjective &objective, const Eigen::Vector2d &initial,
                          std::stop_token stop)
{
    MinimumResult result;
    const bool regression = objective.loss().kind() == LossKind::Regression;
    if (!regression && classesSeparable(objective)) {
        result.theta = initial;
        result.value = objective.value(initial);
        result.status = MinimumStatus::NotAttained;
        result.note = tr("No minimum: a threshold on x separates the classes, so the loss falls "
                         "forever as |w| grows.");
        return result;
    }

    NewtonOutcome outcome = newtonSearch(objective, initial, !regression, stop);
    if (!outcome.converged && regression && !stop.stop_requested()) {
        const NewtonOutcome profiled = profileSearch(objective, outcome.theta[0], stop);
        if (profiled.value <= outcome.value)
            outcome = profiled;
        outcome.converged = profiled.converged;
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
        result.note = tr("Local minimum: the loss is not convex, so another minimum may be lower.");
    } else {
        result.status = MinimumStatus::Approximate;
        result.note = tr("The search for the minimum stopped before reaching its tolerance.");
        qCWarning(lcCore) << "minimum search did not converge for" << objective.loss().spec();
    }
    return result;
}

} // namespace losslens
