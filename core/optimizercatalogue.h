#pragma once

#include "optimizer.h"

#include <QStringList>

#include <memory>

namespace losslens {

// The optimizers LossLens provides, created by name or from a specification such as
// "adam:learning_rate=0.01,beta1=0.8" (name, then comma-separated key=value pairs):
// gd, sgd, momentum, nesterov, adagrad, rmsprop, adam and adamw.
class OptimizerCatalogue
{
public:
    static QStringList names();
    // Returns an optimizer with default parameters, or nullptr for an unknown name.
    static std::unique_ptr<Optimizer> create(const QString &name);
    // Parses a specification. On failure returns nullptr and sets *error to a message that
    // names the offending part, its value and the rule it broke.
    static std::unique_ptr<Optimizer> parse(const QString &spec, QString *error);
    // Checks a value against the parameter's range (and wholeness for integer parameters);
    // returns an empty string when valid.
    static QString validateParameter(const Optimizer &optimizer, int index, double value);
};

} // namespace losslens
