#pragma once

#include <QString>

#include <optional>

namespace losslens {

// Returns expression with every operation in parentheses, grouped by the precedence of
// Python's operators (** for ^), or std::nullopt when it does not follow the grammar
//   sum     = product (("+" | "-") product)*
//   product = signed (("*" | "/") signed)*
//   signed  = ("+" | "-") signed | power
//   power   = primary ("^" signed)?
//   primary = number | name "(" sum ")" | name | "(" sum ")"
// So -e^2 is -(e^2), 2^-1*e is (2^-1)*e, 2^3^2 is 2^(3^2) and 3*-e+1 is (3*(-e))+1.
// GiNaC's own parser lets a sign after an operator take in the rest of the expression: it reads
// 3*-e+1 as 3*(-e+1) and 2^-1*e as 2^(-1*e). Numbers and names are those of the formula's
// lexical check: digits and dots with an optional exponent such as e-3, and ASCII letters
// followed by letters or digits. Parentheses, function calls and signs nested more than
// maximumFormulaNesting deep also give std::nullopt, with tooDeep set, since each level takes
// a few frames of the stack.
std::optional<QString> groupedFormula(const QString &expression, bool *tooDeep = nullptr);

inline constexpr int maximumFormulaNesting = 1000;

} // namespace losslens
