#include "formulagrouping.h"

#include <QCoreApplication>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

namespace losslens {

namespace {

// tr() of this file's messages, in the "FormulaLoss" context of the translation files, with the
// formula's other messages.
struct FormulaGroupingText
{
    Q_DECLARE_TR_FUNCTIONS(FormulaLoss)
};

// Binary digits beyond which the exact value of a power of constants counts as huge. GiNaC
// raises 2 to the power 2^20 in well under a second; 9^9^9 has over a billion digits.
constexpr double largestExactBits = 1 << 20;

enum class TokenKind { Number, Name, Operator, Open, Close };

struct Token
{
    TokenKind kind;
    QString text;
    int column; // 1-based, of the first character
};

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

bool isAsciiLetter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

// A failure to group, carrying its message.
struct GroupingError
{
    QString message;
};

QString unreadableAt(const QString &token, int column)
{
    return FormulaGroupingText::tr("formula: the expression cannot be read at \"%1\" (column "
                                   "%2); check that an operator joins every two operands, as in "
                                   "2*e, and that every operator has an operand on each side.")
        .arg(token)
        .arg(column);
}

std::vector<Token> tokenize(const QString &text)
{
    std::vector<Token> tokens;
    const qsizetype length = text.size();
    qsizetype i = 0;
    while (i < length) {
        const QChar c = text[i];
        const qsizetype start = i;
        const int column = static_cast<int>(start) + 1;
        if (c.isSpace()) {
            ++i;
        } else if (isAsciiDigit(c) || c == QLatin1Char('.')) {
            while (i < length && (isAsciiDigit(text[i]) || text[i] == QLatin1Char('.')))
                ++i;
            // An exponent only where digits follow the e and its sign, as GiNaC's lexer reads it.
            if (i < length && (text[i] == QLatin1Char('e') || text[i] == QLatin1Char('E'))) {
                qsizetype digits = i + 1;
                if (digits < length &&
                    (text[digits] == QLatin1Char('+') || text[digits] == QLatin1Char('-')))
                    ++digits;
                if (digits < length && isAsciiDigit(text[digits])) {
                    i = digits;
                    while (i < length && isAsciiDigit(text[i]))
                        ++i;
                }
            }
            tokens.push_back({TokenKind::Number, text.mid(start, i - start), column});
        } else if (isAsciiLetter(c)) {
            while (i < length && (isAsciiLetter(text[i]) || isAsciiDigit(text[i])))
                ++i;
            tokens.push_back({TokenKind::Name, text.mid(start, i - start), column});
        } else if (QStringLiteral("+-*/^").contains(c)) {
            tokens.push_back({TokenKind::Operator, QString(c), column});
            ++i;
        } else if (c == QLatin1Char('(')) {
            tokens.push_back({TokenKind::Open, QString(c), column});
            ++i;
        } else if (c == QLatin1Char(')')) {
            tokens.push_back({TokenKind::Close, QString(c), column});
            ++i;
        } else {
            throw GroupingError{
                FormulaGroupingText::tr("formula: unexpected character \"%1\" at column %2; only "
                                        "numbers, + - * / ^, parentheses and names may appear.")
                    .arg(c)
                    .arg(column)};
        }
    }
    return tokens;
}

// One grouped part of the expression. For a part without variables, an estimate of its value
// and of the binary digits that exact arithmetic needs for it, which a power multiplies.
struct Part
{
    QString text;
    bool constant = false;
    double value = 0.0;
    double bits = 0.0;
};

// A recursive descent over the tokens, one function per rule of the grammar in the header.
class Grouper
{
public:
    Grouper(std::vector<Token> tokens, const QStringList &functions, int endColumn)
        : m_tokens(std::move(tokens)), m_functions(functions), m_endColumn(endColumn)
    {
    }

    QString whole()
    {
        const Part result = sum();
        if (m_next != m_tokens.size())
            throw GroupingError{unreadableAt(m_tokens[m_next].text, m_tokens[m_next].column)};
        return result.text;
    }

private:
    bool nextIsOperator(QLatin1Char first, QLatin1Char second) const
    {
        if (m_next >= m_tokens.size() || m_tokens[m_next].kind != TokenKind::Operator)
            return false;
        const QChar c = m_tokens[m_next].text[0];
        return c == first || c == second;
    }

    bool nextIs(TokenKind kind) const
    {
        return m_next < m_tokens.size() && m_tokens[m_next].kind == kind;
    }

    // Fails at the next token, or at the end when none is left.
    [[noreturn]] void failAtNext() const
    {
        if (m_next >= m_tokens.size()) {
            throw GroupingError{
                FormulaGroupingText::tr("formula: the expression ends too early at column %1: "
                                        "complete the last operation or close the last "
                                        "parenthesis.")
                    .arg(m_endColumn)};
        }
        throw GroupingError{unreadableAt(m_tokens[m_next].text, m_tokens[m_next].column)};
    }

    void expect(TokenKind kind)
    {
        if (!nextIs(kind))
            failAtNext();
        ++m_next;
    }

    // One chain of operators of the same precedence, kept in one pair of parentheses.
    template <class Operand>
    Part chain(QLatin1Char first, QLatin1Char second, Operand operand)
    {
        Part result = operand();
        if (!nextIsOperator(first, second))
            return result;
        QString text = QLatin1Char('(') + result.text;
        while (nextIsOperator(first, second)) {
            const QChar operation = m_tokens[m_next++].text[0];
            const Part right = operand();
            text += operation + right.text;
            result.constant = result.constant && right.constant;
            result.bits += right.bits;
            if (operation == QLatin1Char('+'))
                result.value += right.value;
            else if (operation == QLatin1Char('-'))
                result.value -= right.value;
            else if (operation == QLatin1Char('*'))
                result.value *= right.value;
            else
                result.value /= right.value;
        }
        result.text = text + QLatin1Char(')');
        return result;
    }

    Part sum()
    {
        return chain(QLatin1Char('+'), QLatin1Char('-'), [this] { return product(); });
    }

    Part product()
    {
        return chain(QLatin1Char('*'), QLatin1Char('/'), [this] { return signedPower(); });
    }

    // Counts one level of nesting for as long as it lives.
    class Level
    {
    public:
        explicit Level(Grouper &grouper) : m_grouper(grouper)
        {
            // The outermost part is level 0.
            if (++m_grouper.m_depth > maximumFormulaNesting + 1) {
                throw GroupingError{FormulaGroupingText::tr(
                                        "formula: the expression is nested too deeply: more "
                                        "than %1 levels of parentheses, functions and signs.")
                                        .arg(maximumFormulaNesting)};
            }
        }
        ~Level() { --m_grouper.m_depth; }
        Level(const Level &) = delete;
        Level &operator=(const Level &) = delete;

    private:
        Grouper &m_grouper;
    };

    Part signedPower()
    {
        const Level level(*this);
        if (nextIsOperator(QLatin1Char('+'), QLatin1Char('-'))) {
            const bool negative = m_tokens[m_next++].text == QLatin1String("-");
            Part operand = signedPower();
            if (negative) {
                operand.text = QStringLiteral("(-") + operand.text + QLatin1Char(')');
                operand.value = -operand.value;
            }
            return operand;
        }
        return power();
    }

    Part power()
    {
        Part base = primary();
        if (!nextIsOperator(QLatin1Char('^'), QLatin1Char('^')))
            return base;
        const int column = m_tokens[m_next].column;
        ++m_next;
        // Right-associative, and the exponent may carry its own sign: 2^-3^2 is 2^(-(3^2)).
        const Part exponent = signedPower();
        Part result;
        result.text = QLatin1Char('(') + base.text + QLatin1Char('^') + exponent.text +
                      QLatin1Char(')');
        if (base.constant && exponent.constant) {
            result.constant = true;
            result.bits = std::abs(exponent.value) * base.bits;
            result.value = std::pow(base.value, exponent.value);
            if (!(result.bits <= largestExactBits)) {
                throw GroupingError{
                    FormulaGroupingText::tr("formula: the power of constants at column %1 is too "
                                            "large to work out exactly: its exact value would "
                                            "have over a million binary digits. Write its value "
                                            "as a decimal number instead.")
                        .arg(column)};
            }
        }
        return result;
    }

    Part number(const Token &token)
    {
        const std::string text = token.text.toStdString();
        char *end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (end != text.c_str() + text.size()) {
            throw GroupingError{
                FormulaGroupingText::tr("formula: %1 at column %2 is not a number: write digits "
                                        "with at most one decimal point, as in 1.25 or 2.5e-3.")
                    .arg(token.text)
                    .arg(token.column)};
        }
        // A mantissa with a digit other than 0 that reads as 0 has underflowed.
        bool nonZeroMantissa = false;
        for (const QChar c : token.text) {
            if (c == QLatin1Char('e') || c == QLatin1Char('E'))
                break;
            nonZeroMantissa = nonZeroMantissa || (c >= QLatin1Char('1') && c <= QLatin1Char('9'));
        }
        if (std::isinf(value) || (value == 0.0 && nonZeroMantissa)) {
            throw GroupingError{
                FormulaGroupingText::tr("formula: the number %1 at column %2 is beyond the range "
                                        "of double, about 4.9e-324 to 1.8e308 in magnitude.")
                    .arg(token.text)
                    .arg(token.column)};
        }
        Part part;
        // A whole number written with a point or an exponent (2.0, 3e2) goes to GiNaC as an
        // integer: GiNaC reads 2.0 as an inexact float, and takes (-2)^2.0 for a complex power.
        // Below 2^53 the integer is the same double.
        const bool wholeNumber = std::floor(value) == value && std::abs(value) < 0x1p53;
        const QString digits =
            wholeNumber ? QString::number(static_cast<qint64>(value)) : token.text;
        part.text = QLatin1Char('(') + digits + QLatin1Char(')');
        part.constant = true;
        part.value = value;
        // A decimal such as 0.1 is an exact fraction of a 53-bit numerator over a power of 2 or
        // 10, a few dozen digits each.
        part.bits = 64.0 + (value == 0.0 ? 0.0 : std::abs(std::log2(std::abs(value))));
        return part;
    }

    Part primary()
    {
        if (m_next >= m_tokens.size())
            failAtNext();
        const Token &token = m_tokens[m_next];
        switch (token.kind) {
        case TokenKind::Number:
            ++m_next;
            return number(token);
        case TokenKind::Name: {
            ++m_next;
            if (!nextIs(TokenKind::Open)) {
                Part variable;
                variable.text = QLatin1Char('(') + token.text + QLatin1Char(')');
                return variable;
            }
            if (!m_functions.contains(token.text)) {
                throw GroupingError{
                    FormulaGroupingText::tr("formula: %1 at column %2 is a variable, not a "
                                            "function; write * before the parenthesis, as in "
                                            "%1*(2).")
                        .arg(token.text)
                        .arg(token.column)};
            }
            ++m_next;
            if (nextIs(TokenKind::Close)) {
                throw GroupingError{
                    FormulaGroupingText::tr("formula: the function %1 at column %2 needs an "
                                            "argument inside its parentheses, as in %1(e).")
                        .arg(token.text)
                        .arg(token.column)};
            }
            // GiNaC may keep a function of constants as it is, so its value is not tracked.
            Part call;
            call.text = QLatin1Char('(') + token.text + QLatin1Char('(') + sum().text +
                        QStringLiteral("))");
            expect(TokenKind::Close);
            return call;
        }
        case TokenKind::Open: {
            ++m_next;
            Part inner = sum();
            expect(TokenKind::Close);
            return inner;
        }
        case TokenKind::Operator:
        case TokenKind::Close:
            break;
        }
        failAtNext();
    }

    std::vector<Token> m_tokens;
    const QStringList &m_functions;
    int m_endColumn;
    std::size_t m_next = 0;
    int m_depth = 0;
};

} // namespace

FormulaGrouping groupFormula(const QString &expression, const QStringList &functions)
{
    FormulaGrouping result;
    try {
        std::vector<Token> tokens = tokenize(expression);
        // The column just after the last character that is not a space.
        int endColumn = static_cast<int>(expression.size());
        while (endColumn > 0 && expression[endColumn - 1].isSpace())
            --endColumn;
        Grouper grouper(std::move(tokens), functions, endColumn + 1);
        result.grouped = grouper.whole();
    } catch (const GroupingError &error) {
        result.error = error.message;
    }
    return result;
}

} // namespace losslens
