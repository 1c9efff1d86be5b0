#pragma once

#include <Eigen/Core>
#include <QString>
#include <QVector>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

namespace losslens {

// Kind of input a loss takes: the error of a regression or the logit of a classifier.
enum class LossKind { Regression, Classification };

// Value and the first two derivatives of a loss with respect to its input.
struct LossDerivatives
{
    double value = 0.0;
    double first = 0.0;
    double second = 0.0;
    // False where a derivative does not exist although the value does, as for e^e at e = -1.
    // first and second then read 0, which training takes as no preferred direction, while
    // plots and exported tables leave the point empty.
    bool firstDefined = true;
    bool secondDefined = true;
};

// A named, bounded loss parameter such as Huber's delta. A list parameter (isList), such as the
// class weights of cross-entropy, contains from minimumItems to maximumItems numbers, each in
// [minimum, maximum], with defaultList as its default. A spec writes it as key=1|2|0.5.
struct LossParameter
{
    QString key;
    double defaultValue = 0.0;
    double minimum = 0.0;
    double maximum = 0.0;
    QString description;
    bool isList = false;
    int minimumItems = 0;
    int maximumItems = 0;
    QVector<double> defaultList = {};
};

// Scale s of the residuals for a robust regression loss, which then evaluates rho(e / s) as
// robust regression packages do (statsmodels' RLM minimizes sum rho(r_i / s)). The scale is
// fixed, or estimated from the data as the median of |residual| divided by the normal quantile
// Phi^-1(3/4) = 0.6745, at the fit that this scale itself gives (see residualscale.h). value
// is the fixed scale, or the current estimate once one is made.
struct ResidualScale
{
    enum class Mode { Fixed, MedianAbsoluteDeviation };
    Mode mode = Mode::Fixed;
    double value = 1.0;
    // For MedianAbsoluteDeviation: whether value is an estimate from data yet.
    bool estimated = false;

    bool isEstimatedFromData() const { return mode == Mode::MedianAbsoluteDeviation; }
};

// Penalty on the model's weight w (the slope; never the intercept) that a composite loss adds to
// the mean loss: l1 |w| + l2 w^2. Both terms together make the elastic net.
struct WeightPenalty
{
    double l1 = 0.0;
    double l2 = 0.0;

    bool isZero() const { return l1 == 0.0 && l2 == 0.0; }
    double value(double weight) const { return l1 * std::abs(weight) + l2 * weight * weight; }
    // The derivative, taking sign(0) = 0 for the L1 term: the subgradient of smallest size at
    // the kink when the data's gradient is zero there.
    double first(double weight) const
    {
        return l1 * ((weight > 0.0) - (weight < 0.0)) + 2.0 * l2 * weight;
    }
    double second() const { return 2.0 * l2; }
};

// A per-sample loss. Regression losses take the error e = prediction - target and ignore the
// label; classification losses take the logit z and a label y in {0, 1}. Parameters are stored
// by index in the order of parameters(); callers validate values against the declared range
// before setting them (LossCatalogue does).
class Loss
{
public:
    virtual ~Loss() = default;

    virtual QString name() const = 0;
    virtual QString displayName() const = 0;
    virtual LossKind kind() const = 0;
    virtual std::vector<LossParameter> parameters() const { return {}; }
    virtual double parameterValue(int index) const;
    virtual void setParameterValue(int index, double value);
    // The items of a list parameter; scalar parameters use parameterValue() instead.
    virtual QVector<double> parameterList(int index) const;
    virtual void setParameterList(int index, const QVector<double> &items);

    virtual LossDerivatives evaluate(double input, double label) const = 0;
    // Convex per-sample losses give a convex mean loss for the linear model, so a local
    // minimum found there is the global one.
    virtual bool isConvex() const { return true; }
    // False for a loss whose input is one logit among several that the one-output line model
    // cannot supply, such as multi-class cross-entropy: its curve is drawn, but never fitted.
    virtual bool fitsLineModel() const { return true; }
    virtual std::unique_ptr<Loss> clone() const = 0;

    // Whether the loss takes the optional residual scale (written scale=S or scale=mad). Only
    // robust regression losses do: for MSE, MAE and the quantile loss a scale would only
    // multiply the loss, without changing its shape.
    virtual bool acceptsResidualScale() const { return false; }
    const ResidualScale &residualScale() const { return m_residualScale; }
    // Callers check acceptsResidualScale() and a positive, finite value first.
    void setResidualScale(const ResidualScale &scale) { m_residualScale = scale; }

    // The penalty on the model's weight that the mean loss adds; zero except for composites.
    virtual WeightPenalty weightPenalty() const { return {}; }

    // Value alone; losses may override it when it is cheaper than evaluate().
    virtual double value(double input, double label) const { return evaluate(input, label).value; }

    // Sum over a data set of the loss of the line f(x) = slope x + intercept: rho(f(x_i) - y_i)
    // for regression losses and rho(f(x_i), y_i) for classification losses. This loop is the
    // landscape's inner loop, so LossKernel implements it without a virtual call per sample.
    virtual double sumForLine(const double *feature, const double *target, Eigen::Index count,
                              double slope, double intercept) const = 0;

    // Sum over a data set of rho' at the line's inputs, the intercept derivative of
    // sumForLine(); the minimizer's profile search calls it many times.
    virtual double sumFirstDerivativeForLine(const double *feature, const double *target,
                                             Eigen::Index count, double slope,
                                             double intercept) const = 0;

    int parameterIndex(const QString &key) const;

    // Canonical specification: the name, then every parameter in declared order,
    // as in "huber:delta=1.5" or "cross_entropy:weights=1|2|0.5,smoothing=0,others=0|0".
    // Virtual because a loss defined by text rather than numbers, such as a formula, writes
    // that text instead.
    virtual QString spec() const;

    // Short label for legends, as in "Huber (delta=1.5)".
    virtual QString label() const;

protected:
    // The residual scale as a spec writes it: "2.5", or "mad" when estimated from data.
    QString residualScaleText() const;

    ResidualScale m_residualScale;
};

// Base of the catalogue's losses. Derived supplies inline valueAt(input, label) and
// evaluateAt(input, label), and this class builds the virtual value(), evaluate() and the
// data-set loops on them, so the compiler can inline the loss into the loops. With
// AcceptsScale, a regression loss takes the residual scale s and evaluates rho(e / s), with
// derivatives rho'(e / s) / s and rho''(e / s) / s^2.
template <class Derived, LossKind Kind, bool AcceptsScale = false> class LossKernel : public Loss
{
    static_assert(!AcceptsScale || Kind == LossKind::Regression,
                  "only regression losses take a residual scale");

public:
    LossKind kind() const final { return Kind; }
    bool acceptsResidualScale() const final { return AcceptsScale; }

    double value(double input, double label) const final
    {
        if (isScaled())
            return self().valueAt(input / m_residualScale.value, label);
        return self().valueAt(input, label);
    }

    LossDerivatives evaluate(double input, double label) const final
    {
        if (!isScaled())
            return self().evaluateAt(input, label);
        const double scale = m_residualScale.value;
        LossDerivatives d = self().evaluateAt(input / scale, label);
        d.first /= scale;
        d.second /= scale * scale;
        return d;
    }

    double sumForLine(const double *feature, const double *target, Eigen::Index count, double slope,
                      double intercept) const final
    {
        if (isScaled())
            return sumValues<true>(feature, target, count, slope, intercept);
        return sumValues<false>(feature, target, count, slope, intercept);
    }

    double sumFirstDerivativeForLine(const double *feature, const double *target,
                                     Eigen::Index count, double slope, double intercept) const final
    {
        double sum = 0.0;
        for (Eigen::Index i = 0; i < count; ++i) {
            const double output = slope * feature[i] + intercept;
            const double input = Kind == LossKind::Regression ? output - target[i] : output;
            sum += evaluate(input, target[i]).first;
        }
        return sum;
    }

private:
    const Derived &self() const { return static_cast<const Derived &>(*this); }

    // A scale of exactly 1 is skipped, so the unscaled loops stay as fast as before.
    bool isScaled() const { return AcceptsScale && m_residualScale.value != 1.0; }

    template <bool Scaled>
    double sumValues(const double *feature, const double *target, Eigen::Index count,
                     double slope, double intercept) const
    {
        // A loss that sums a block of inputs with vectorized math (sumOfValues) gets its inputs
        // in blocks, because glibc's scalar exp and log would otherwise dominate its loop.
        if constexpr (requires(const Derived &loss, const double *inputs, Eigen::Index size) {
                          loss.sumOfValues(inputs, size);
                      }) {
            static_assert(Kind == LossKind::Regression, "block sums take errors, not labels");
            constexpr Eigen::Index blockSize = 256;
            double inputs[blockSize];
            double sum = 0.0;
            for (Eigen::Index first = 0; first < count; first += blockSize) {
                const Eigen::Index size = std::min(blockSize, count - first);
                for (Eigen::Index i = 0; i < size; ++i) {
                    const double error = slope * feature[first + i] + intercept - target[first + i];
                    inputs[i] = Scaled ? error / m_residualScale.value : error;
                }
                sum += self().sumOfValues(inputs, size);
            }
            return sum;
        } else {
            // Four partial sums break the dependency chain of one accumulator, so consecutive
            // samples are evaluated in parallel by the processor.
            double sums[4] = {0.0, 0.0, 0.0, 0.0};
            Eigen::Index i = 0;
            for (; i + 4 <= count; i += 4) {
                for (int lane = 0; lane < 4; ++lane) {
                    sums[lane] += sampleValue<Scaled>(feature[i + lane], target[i + lane], slope,
                                                      intercept);
                }
            }
            for (; i < count; ++i)
                sums[0] += sampleValue<Scaled>(feature[i], target[i], slope, intercept);
            return (sums[0] + sums[1]) + (sums[2] + sums[3]);
        }
    }

    template <bool Scaled>
    double sampleValue(double x, double y, double slope, double intercept) const
    {
        const double output = slope * x + intercept;
        if constexpr (Kind == LossKind::Regression) {
            if constexpr (Scaled)
                return self().valueAt((output - y) / m_residualScale.value, y);
            else
                return self().valueAt(output - y, y);
        } else {
            return self().valueAt(output, y);
        }
    }
};

QString formatNumber(double value);

// The items of a list parameter as a spec writes them: "1|2|0.5", each item by formatNumber.
QString formatList(const QVector<double> &items);

// Whether a classification loss is still above 0 at a margin of 40 for both labels, so that on
// separated classes it keeps falling as the margins grow and has no finite minimizer. Binary
// cross-entropy gives log(1 + e^-40), about 4e-18, there. The hinge losses are exactly 0 from a
// margin of 1 on, so they reach their minimum.
bool positiveAtLargeMargins(const Loss &loss);

} // namespace losslens
