#pragma once

#include <QString>

#include <memory>
#include <vector>

namespace losslens {

// What a loss takes as its input: the error of a regression or the logit of a classifier.
enum class LossKind { Regression, Classification };

// Value and the first two derivatives of a loss with respect to its input.
struct LossDerivatives
{
    double value = 0.0;
    double first = 0.0;
    double second = 0.0;
};

// A named, bounded loss parameter such as Huber's delta.
struct LossParameter
{
    QString key;
    double defaultValue = 0.0;
    double minimum = 0.0;
    double maximum = 0.0;
    QString description;
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

    virtual LossDerivatives evaluate(double input, double label) const = 0;
    // Convex per-sample losses give a convex mean loss for the linear model, so a local
    // minimum found there is the global one.
    virtual bool isConvex() const { return true; }
    virtual std::unique_ptr<Loss> clone() const = 0;

    // Value alone; losses may override it when it is cheaper than evaluate().
    virtual double value(double input, double label) const { return evaluate(input, label).value; }

    int parameterIndex(const QString &key) const;

    // Canonical specification: the name, then every parameter in declared order,
    // as in "huber:delta=1.5".
    QString spec() const;

    // Short label for legends, as in "Huber (delta=1.5)".
    QString label() const;
};

QString formatNumber(double value);

} // namespace losslens
