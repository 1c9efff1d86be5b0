#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace losslens {

// A formula grouped for GiNaC's parser, or the reason it cannot be grouped.
struct FormulaGrouping
{
    // The expression with every operand in parentheses, or empty when error is set.
    std::optional<QString> grouped;
    // A sentence starting with "formula: " that names the problem and its column.
    QString error;
};

// Groups expression by the precedence of Python's operators (** for ^), following the grammar
//   sum     = product (("+" | "-") product)*
//   product = signed (("*" | "/") signed)*
//   signed  = ("+" | "-") signed | power
//   power   = primary ("^" signed)?
//   primary = number | function "(" sum ")" | variable | "(" sum ")"
// So -e^2 is -(e^2), 2^-1*e is (2^-1)*e, 2^3^2 is 2^(3^2) and 3*-e+1 is (3*(-e))+1.
// GiNaC's own parser lets a sign after an operator take in the rest of the expression: it reads
// 3*-e+1 as 3*(-e+1) and 2^-1*e as 2^(-1*e). Chains of + and - or of * and / stay flat within
// one pair of parentheses, since GiNaC's parser recurses once per pair. Numbers and names are
// those of the formula's lexical check: digits and dots with an optional exponent such as e-3,
// and ASCII letters followed by letters or digits. A name before "(" must be one of functions.
// Besides breaks of the grammar, the error names what GiNaC could not finish quickly: more than
// maximumFormulaNesting levels of parentheses, function calls and signs, a number beyond
// double's range, and a power of constants whose exact value would be huge, such as 9^9^9,
// which GiNaC works out in exact arithmetic.
FormulaGrouping groupFormula(const QString &expression, const QStringList &functions);

inline constexpr int maximumFormulaNesting = 100;

} // namespace losslens
