#pragma once

#include "loss.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace losslens {

// The losses LossLens provides, created by name or from a specification such as
// "huber:delta=1.5" (name, then comma-separated key=value pairs). A list parameter separates its
// items with '|', as in "cross_entropy:weights=1|2|0.5,others=0|1". A custom loss is written
// "formula:EXPR" (see FormulaLoss); it is not among names(), since it has no default.
class LossCatalogue
{
public:
    static QStringList names();

    // Returns a loss with default parameters, or nullptr for an unknown name.
    static std::unique_ptr<Loss> create(const QString &name);

    // Parses a specification. On failure returns nullptr and sets *error to a message that
    // names the offending part, its value and the rule it broke.
    static std::unique_ptr<Loss> parse(const QString &spec, QString *error);

    // Checks a value against the parameter's declared range; returns an empty string when valid.
    static QString validateParameter(const Loss &loss, int index, double value);

    // The range of a fixed residual scale. Data values reach 1e150, so scales do too.
    static constexpr double minimumResidualScale = 1e-150;
    static constexpr double maximumResidualScale = 1e150;

    // Reads the value of a robust loss's scale key: "mad", or a number in the range above.
    // On failure returns nothing and sets *error to a message naming the loss and the value.
    static std::optional<ResidualScale> parseResidualScale(const QString &name,
                                                           const QString &text, QString *error);

    // Checks the items of a list parameter: their count against the declared item-count rule,
    // then each item, which must be finite and inside the declared range. Returns an empty
    // string when valid.
    static QString validateParameterList(const Loss &loss, int index, const QVector<double> &items);
};

} // namespace losslens
