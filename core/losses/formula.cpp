#include "formula.h"

#include "../formulakernel.h"
#include "formulagrouping.h"

#include <ginac/ginac.h>

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

namespace losslens {

struct FormulaLoss::Compiled
{
    QString expression;
    LossKind kind = LossKind::Regression;
    FormulaProgram value;
    FormulaProgram first;
    FormulaProgram second;
};

namespace {

// The double nearest a real GiNaC number. CLN's conversion returns 0 for magnitudes below the
// smallest normal double, so such a number is read back from its decimal form by strtod, which
// rounds to the nearest subnormal.
double nearestDouble(const GiNaC::numeric &number)
{
    const double converted = number.to_double();
    if (number.is_zero() || std::abs(converted) >= std::numeric_limits<double>::min())
        return converted;
    std::ostringstream text;
    text << GiNaC::ex(number).evalf();
    const std::string decimal = text.str();
    char *end = nullptr;
    const double parsed = std::strtod(decimal.c_str(), &end);
    return end == decimal.c_str() + decimal.size() ? parsed : converted;
}


// tr() of this file's messages, in the "FormulaLoss" context of the translation files.
struct FormulaLossText
{
    Q_DECLARE_TR_FUNCTIONS(FormulaLoss)
};

const QStringList &functionNames()
{
    static const QStringList names = {
        QStringLiteral("abs"),  QStringLiteral("exp"),  QStringLiteral("log"),
        QStringLiteral("sqrt"), QStringLiteral("sin"),  QStringLiteral("cos"),
        QStringLiteral("tan"),  QStringLiteral("tanh"), QStringLiteral("cosh"),
        QStringLiteral("sinh"), QStringLiteral("atan")};
    return names;
}

QString allowedNames()
{
    return FormulaLossText::tr("the variables are e, or z and y, and the functions are %1")
        .arg(functionNames().join(QStringLiteral(", ")));
}

// A failure while building a program, carrying the message for the user.
struct FormulaError
{
    QString message;
};

// Only ASCII counts, because GiNaC's lexer reads no other digits or letters.
bool isDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

bool isLetter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || c == QLatin1Char('_');
}

// Result of the lexical check: which variables the text uses.
struct Scan
{
    bool usesE = false;
    bool usesZ = false;
    bool usesY = false;
};

// GiNaC's parser reports no position, so this check finds the errors it can place, unknown
// names, stray characters and unbalanced parentheses, and gives their 1-based column. Numbers
// are read as GiNaC's lexer reads them: digits and dots, then an optional exponent such as e-3.
Scan scanExpression(const QString &text)
{
    Scan scan;
    std::vector<int> openColumns;
    // Whether the last token ended an operand (a number, a name or ")"), so that a binary
    // operator * / ^ has something on its left. Unary + and - need nothing there.
    bool operandBefore = false;
    const int length = static_cast<int>(text.size());
    int i = 0;
    while (i < length) {
        const QChar c = text[i];
        const int column = i + 1;
        if (c.isSpace()) {
            ++i;
            continue;
        }
        // Every branch below that does not throw reads one token; only an operand leaves
        // this true, and "(" or an operator resets it.
        const bool startsOperand = isDigit(c) || c == QLatin1Char('.') || isLetter(c) ||
                                   c == QLatin1Char(')');
        if (isDigit(c) || c == QLatin1Char('.')) {
            while (i < length && (isDigit(text[i]) || text[i] == QLatin1Char('.')))
                ++i;
            if (i < length && (text[i] == QLatin1Char('e') || text[i] == QLatin1Char('E'))) {
                int digits = i + 1;
                if (digits < length &&
                    (text[digits] == QLatin1Char('+') || text[digits] == QLatin1Char('-')))
                    ++digits;
                // GiNaC's lexer takes any e after a number as an exponent and fails on one
                // without digits, so "2e" is caught here with a hint instead.
                if (digits >= length || !isDigit(text[digits])) {
                    throw FormulaError{
                        FormulaLossText::tr("formula: the number at column %1 runs into a name; "
                                            "write * between them, as in 2*e.")
                            .arg(column)};
                }
                i = digits;
                while (i < length && isDigit(text[i]))
                    ++i;
            }
            if (i < length && isLetter(text[i])) {
                throw FormulaError{
                    FormulaLossText::tr("formula: the number at column %1 runs into a name; "
                                        "write * between them, as in 2*e.")
                        .arg(column)};
            }
        } else if (isLetter(c)) {
            int end = i;
            while (end < length && (isLetter(text[end]) || isDigit(text[end])))
                ++end;
            const QString word = text.mid(i, end - i);
            int next = end;
            while (next < length && text[next].isSpace())
                ++next;
            const bool called = next < length && text[next] == QLatin1Char('(');
            if (word == QLatin1String("e")) {
                scan.usesE = true;
            } else if (word == QLatin1String("z")) {
                scan.usesZ = true;
            } else if (word == QLatin1String("y")) {
                scan.usesY = true;
            } else if (functionNames().contains(word)) {
                if (!called) {
                    throw FormulaError{
                        FormulaLossText::tr("formula: the function %1 at column %2 needs its "
                                            "argument in parentheses, as in %1(e).")
                            .arg(word)
                            .arg(column)};
                }
            } else {
                throw FormulaError{
                    FormulaLossText::tr("formula: unknown name \"%1\" at column %2; %3.")
                        .arg(word)
                        .arg(column)
                        .arg(allowedNames())};
            }
            i = end;
        } else if (c == QLatin1Char('(')) {
            openColumns.push_back(column);
            ++i;
        } else if (c == QLatin1Char(')')) {
            if (openColumns.empty()) {
                throw FormulaError{
                    FormulaLossText::tr("formula: unbalanced parenthesis: \")\" at column %1 has "
                                        "no matching \"(\".")
                        .arg(column)};
            }
            openColumns.pop_back();
            ++i;
        } else if (QStringLiteral("+-*/^").contains(c)) {
            if (!operandBefore && c != QLatin1Char('+') && c != QLatin1Char('-')) {
                throw FormulaError{
                    FormulaLossText::tr("formula: the operator %1 at column %2 has nothing on "
                                        "its left.")
                        .arg(c)
                        .arg(column)};
            }
            ++i;
        } else {
            throw FormulaError{
                FormulaLossText::tr("formula: unexpected character \"%1\" at column %2; only "
                                    "numbers, + - * / ^, parentheses and names may appear.")
                    .arg(c)
                    .arg(column)};
        }
        operandBefore = startsOperand;
    }
    if (!openColumns.empty()) {
        throw FormulaError{
            FormulaLossText::tr(
                "formula: unbalanced parenthesis: \"(\" at column %1 is never closed.")
                .arg(openColumns.back())};
    }
    return scan;
}

// Returns the useful middle of a GiNaC message. Parse errors start with "GiNaC: parse error at
// line 0, column 0: ", because the lexer tracks no position, and end with a line naming
// GiNaC's own source file.
QString cleanMessage(const char *what)
{
    QString message = QString::fromUtf8(what);
    const qsizetype newline = message.indexOf(QLatin1Char('\n'));
    if (newline >= 0)
        message.truncate(newline);
    const QString marker = QStringLiteral("column 0: ");
    const qsizetype at = message.indexOf(marker);
    if (at >= 0)
        message = message.mid(at + marker.size());
    return message.trimmed();
}

// Returns the message for an expression that GiNaC finds undefined while it simplifies.
// GiNaC's own messages name its functions, as in "power::eval(): division by zero" or
// "log_eval(): log(0)", so the known ones are recognised by their ends and reworded.
QString undefinedMessage(const QString &ginacMessage, const Scan &scan)
{
    const QString whatever = scan.usesE ? FormulaLossText::tr("whatever e is")
                             : scan.usesZ || scan.usesY ? FormulaLossText::tr("whatever z and y are")
                                                        : FormulaLossText::tr("in any case");
    if (ginacMessage.contains(QLatin1String("division by zero"))) {
        return FormulaLossText::tr("formula: the expression divides by zero %1 (constant parts "
                                   "such as 0/0 are worked out first).")
            .arg(whatever);
    }
    if (ginacMessage.contains(QLatin1String("log(0)")) ||
        ginacMessage.startsWith(QLatin1String("log"))) {
        return FormulaLossText::tr("formula: the expression takes the logarithm of 0 %1.")
            .arg(whatever);
    }
    if (ginacMessage.contains(QLatin1String("pow(0,0)"))) {
        return FormulaLossText::tr("formula: the expression raises 0 to the power 0 %1.")
            .arg(whatever);
    }
    if (ginacMessage.contains(QLatin1String("pole"))) {
        const qsizetype end = ginacMessage.indexOf(QLatin1Char('_'));
        const QString function = end > 0 ? ginacMessage.left(end) : QString();
        if (functionNames().contains(function)) {
            return FormulaLossText::tr("formula: the expression takes %1 where it has no value "
                                       "%2.")
                .arg(function, whatever);
        }
        return FormulaLossText::tr("formula: the expression takes a function where it has no "
                                   "value %1.")
            .arg(whatever);
    }
    return FormulaLossText::tr("formula: the expression is undefined %1.").arg(whatever);
}

// Builds a FormulaProgram from a GiNaC expression by a post-order walk of its tree.
class ProgramBuilder
{
public:
    ProgramBuilder(const GiNaC::ex &input, const GiNaC::ex &label) : m_input(input), m_label(label)
    {
    }

    FormulaProgram build(const GiNaC::ex &expression)
    {
        m_code.clear();
        m_depth = 0;
        append(expression);
        return FormulaProgram(std::move(m_code));
    }

private:
    using Op = FormulaProgram::Op;

    void push(Op op, double number = 0.0)
    {
        m_code.push_back({op, 0, number});
        if (++m_depth > FormulaProgram::maximumDepth)
            throw FormulaError{
                FormulaLossText::tr("formula: the expression is nested too deeply.")};
    }

    // An operation that pops ARITY entries and pushes one.
    void apply(Op op, int arity, int exponent = 0)
    {
        m_code.push_back({op, exponent, 0.0});
        m_depth -= arity - 1;
    }

    void append(const GiNaC::ex &x)
    {
        using namespace GiNaC;
        if (is_a<numeric>(x)) {
            const numeric &n = ex_to<numeric>(x);
            if (!n.is_real())
                throw FormulaError{
                    FormulaLossText::tr("formula: the expression has a complex value.")};
            push(Op::Constant, nearestDouble(n));
        } else if (is_a<symbol>(x)) {
            if (x.is_equal(m_input))
                push(Op::Input);
            else if (x.is_equal(m_label))
                push(Op::Label);
            else
                throw FormulaError{
                    FormulaLossText::tr("formula: unexpected symbol in the expression.")};
        } else if (is_a<add>(x) || is_a<mul>(x)) {
            const Op op = is_a<add>(x) ? Op::Add : Op::Multiply;
            append(x.op(0));
            // Folding term by term keeps the stack two entries deep however long the sum.
            for (size_t i = 1; i < x.nops(); ++i) {
                append(x.op(i));
                apply(op, 2);
            }
        } else if (is_a<power>(x)) {
            appendPower(x.op(0), x.op(1));
        } else if (is_a<function>(x)) {
            appendFunction(ex_to<function>(x));
        } else if (!x.has(m_input) && !x.has(m_label) && is_a<numeric>(x.evalf())) {
            // A constant that GiNaC keeps by name, such as Pi from atan(1) = Pi/4.
            append(x.evalf());
        } else {
            throw FormulaError{
                FormulaLossText::tr("formula: the expression contains something other than "
                                    "numbers, arithmetic and the allowed functions.")};
        }
    }

    void appendPower(const GiNaC::ex &base, const GiNaC::ex &exponent)
    {
        using namespace GiNaC;
        if (is_a<numeric>(exponent)) {
            const numeric &n = ex_to<numeric>(exponent);
            // Integer powers by repeated squaring take a few multiplications instead of a
            // std::pow call. Odd halves use sqrt, which is correctly rounded.
            if (n.is_integer() && abs(n) <= 64) {
                append(base);
                apply(Op::IntegerPower, 1, n.to_int());
                return;
            }
            if (n.is_rational() && n.denom() == 2 && abs(n.numer()) <= 129) {
                append(base);
                apply(Op::Sqrt, 1);
                apply(Op::IntegerPower, 1, n.numer().to_int());
                return;
            }
        }
        append(base);
        append(exponent);
        apply(Op::Power, 2);
    }

    void appendFunction(const GiNaC::function &f)
    {
        static const std::array<std::pair<const char *, Op>, 13> table = {{
            {"abs", Op::Abs},
            {"exp", Op::Exp},
            {"log", Op::Log},
            {"sin", Op::Sin},
            {"cos", Op::Cos},
            {"tan", Op::Tan},
            {"tanh", Op::Tanh},
            {"cosh", Op::Cosh},
            {"sinh", Op::Sinh},
            {"atan", Op::Atan},
            // Derivatives of abs may bring in the sign and step functions.
            {"csgn", Op::Sign},
            {"step", Op::Step},
            {"sqrt", Op::Sqrt},
        }};
        const std::string name = f.get_name();
        // GiNaC's derivative of abs(u) contains conjugate(u) where it cannot show u real, as for
        // u = e^e, which is complex for e < 0. Every value here is real, so conjugate(u) = u,
        // and a complex u is undefined (NaN) on its own.
        if (name == "conjugate" && f.nops() == 1) {
            append(f.op(0));
            return;
        }
        for (const auto &[known, op] : table) {
            if (name == known && f.nops() == 1) {
                append(f.op(0));
                apply(op, 1);
                return;
            }
        }
        throw FormulaError{FormulaLossText::tr("formula: the function %1 cannot be evaluated.")
                               .arg(QString::fromStdString(name))};
    }

    GiNaC::ex m_input;
    GiNaC::ex m_label;
    std::vector<FormulaProgram::Instruction> m_code;
    int m_depth = 0;
};

// Only the allowed functions from GiNaC's own reader table, so that no other name parses.
GiNaC::prototype_table allowedFunctions()
{
    GiNaC::prototype_table table;
    for (const auto &[prototype, reader] : GiNaC::get_default_reader()) {
        if (prototype.second == 1 &&
            functionNames().contains(QString::fromStdString(prototype.first)))
            table.emplace(prototype, reader);
    }
    return table;
}

std::shared_ptr<const FormulaLoss::Compiled> compile(const QString &expression)
{
    if (expression.isEmpty()) {
        throw FormulaError{FormulaLossText::tr(
            "formula: the expression is empty; write one in e for a regression "
            "loss or in z and y for a classification loss, as in formula:e^2.")};
    }
    const Scan scan = scanExpression(expression);
    if (scan.usesE && (scan.usesZ || scan.usesY)) {
        throw FormulaError{
            FormulaLossText::tr("formula: the expression uses both e, the error of a regression "
                                "loss, and %1, of a classification loss; use one or the other.")
                .arg(scan.usesZ ? QStringLiteral("z, the logit") : QStringLiteral("y, the label"))};
    }

    // GiNaC keeps global state without locks, so only one thread at a time may use it.
    static std::mutex ginacMutex;
    const std::lock_guard<std::mutex> lock(ginacMutex);
    try {
        // Real symbols, so that GiNaC simplifies conjugates away in the derivatives of abs.
        const GiNaC::realsymbol e("e");
        const GiNaC::realsymbol z("z");
        const GiNaC::realsymbol y("y");
        GiNaC::symtab symbols;
        symbols["e"] = e;
        symbols["z"] = z;
        symbols["y"] = y;
        GiNaC::parser parser(symbols, true, allowedFunctions());
        // GiNaC's parser lets a sign after an operator take in the rest of the expression
        // (3*-e+1 as 3*(-e+1)), so it reads the expression grouped by the usual precedence.
        const FormulaGrouping grouping = groupFormula(expression, functionNames());
        if (!grouping.grouped)
            throw FormulaError{grouping.error};
        const GiNaC::ex parsed = parser(grouping.grouped->toStdString());

        auto compiled = std::make_shared<FormulaLoss::Compiled>();
        compiled->expression = expression;
        const bool classification = scan.usesZ || scan.usesY;
        compiled->kind = classification ? LossKind::Classification : LossKind::Regression;
        const GiNaC::ex input = classification ? GiNaC::ex(z) : GiNaC::ex(e);
        ProgramBuilder builder(input, y);
        const GiNaC::ex first = parsed.diff(GiNaC::ex_to<GiNaC::symbol>(input));
        const GiNaC::ex second = first.diff(GiNaC::ex_to<GiNaC::symbol>(input));
        compiled->value = builder.build(parsed);
        compiled->first = builder.build(first);
        compiled->second = builder.build(second);
        compiled->first.makeZeroAbsorbInfinity();
        compiled->second.makeZeroAbsorbInfinity();
        return compiled;
    } catch (const GiNaC::parse_error &error) {
        // The lexical check has reported every error it can place. What remains comes from
        // GiNaC, which gives no position, except that "got: EOF" means the expression ended
        // too early, as in "e^2 +", so the column just after its end is known. "expected
        // EOF", as for "e e", means the opposite: more follows a complete expression.
        const QString message = cleanMessage(error.what());
        if (message.endsWith(QLatin1String("got: EOF"))) {
            throw FormulaError{
                FormulaLossText::tr(
                    "formula: the expression ends too early at column %1: complete the last "
                    "operation or close the last parenthesis.")
                    .arg(expression.trimmed().size() + 1)};
        }
        // GiNaC's other messages name its parser's terms ("unexpected token", "expected EOF")
        // and end with the token it stopped at, as in: got: "e". Only that token is kept.
        const QString marker = QStringLiteral("got: ");
        const qsizetype at = message.indexOf(marker);
        if (at >= 0) {
            throw FormulaError{
                FormulaLossText::tr("formula: the expression cannot be read at %1; check that "
                                    "an operator joins every two operands, as in 2*e, and "
                                    "that every operator has an operand on each side.")
                    .arg(message.mid(at + marker.size()).trimmed())};
        }
        throw FormulaError{
            FormulaLossText::tr("formula: the expression cannot be read; check that an "
                                "operator joins every two operands, as in 2*e, and that every "
                                "operator has an operand on each side.")};
    } catch (const std::exception &error) {
        // GiNaC simplifies as it parses, so a constant pole such as log(0) or 1/0 ends here,
        // before any value of the variable is put in.
        throw FormulaError{undefinedMessage(cleanMessage(error.what()), scan)};
    }
}

} // namespace

FormulaProgram::FormulaProgram(std::vector<Instruction> code) : m_code(std::move(code))
{
    int depth = 0;
    for (const Instruction &instruction : m_code) {
        switch (instruction.op) {
        case Op::Constant:
        case Op::Input:
        case Op::Label:
            m_depth = std::max(m_depth, ++depth);
            break;
        case Op::Add:
        case Op::Multiply:
        case Op::Power:
            --depth;
            break;
        default:
            break;
        }
    }
}

double FormulaProgram::run(double input, double label) const
{
    double value = 0.0;
    execute<1>(&input, &label, 1, &value);
    return value;
}

void FormulaProgram::runBlock(const double *inputs, const double *labels, int count,
                              double *values) const
{
    execute<blockSize>(inputs, labels, count, values);
}

namespace {

// Replaces each of the first `count` values by f of it.
template <class Function> void applyToBlock(double *values, int count, Function f)
{
    for (int i = 0; i < count; ++i)
        values[i] = f(values[i]);
}

} // namespace

template <int Width>
void FormulaProgram::execute(const double *inputs, const double *labels, int requested,
                             double *values) const
{
    // One row of the stack per depth, each holding the block. Every sample meets the same
    // operations in the same order as alone, so the results are the same doubles. A width of
    // 1 makes the count a constant, so run() compiles to the plain loop over the code.
    const int count = Width == 1 ? 1 : requested;
    double stack[maximumDepth][Width];
    int top = -1;
    for (const Instruction &instruction : m_code) {
        double *row = top >= 0 ? stack[top] : nullptr;
        switch (instruction.op) {
        case Op::Constant:
            ++top;
            std::fill_n(stack[top], count, instruction.number);
            break;
        case Op::Input:
            ++top;
            std::copy_n(inputs, count, stack[top]);
            break;
        case Op::Label:
            ++top;
            std::copy_n(labels, count, stack[top]);
            break;
        case Op::Add:
            for (int i = 0; i < count; ++i)
                stack[top - 1][i] += row[i];
            --top;
            break;
        case Op::Multiply:
            if (m_zeroAbsorbsInfinity) {
                for (int i = 0; i < count; ++i) {
                    const double left = stack[top - 1][i];
                    const bool zeroTimesInfinity = (left == 0.0 && std::isinf(row[i])) ||
                                                   (row[i] == 0.0 && std::isinf(left));
                    stack[top - 1][i] = zeroTimesInfinity ? 0.0 : left * row[i];
                }
            } else {
                for (int i = 0; i < count; ++i)
                    stack[top - 1][i] *= row[i];
            }
            --top;
            break;
        case Op::IntegerPower: {
            int magnitude = instruction.exponent;
            const bool reciprocal = magnitude < 0;
            if (reciprocal)
                magnitude = -magnitude;
            applyToBlock(row, count, [&](double base) {
                double result = 1.0;
                double square = base;
                for (int exponent = magnitude; exponent > 0; exponent >>= 1) {
                    if (exponent & 1)
                        result *= square;
                    square *= square;
                }
                return reciprocal ? 1.0 / result : result;
            });
            break;
        }
        case Op::Power:
            for (int i = 0; i < count; ++i)
                stack[top - 1][i] = std::pow(stack[top - 1][i], row[i]);
            --top;
            break;
        case Op::Sqrt:
            applyToBlock(row, count, [](double x) { return std::sqrt(x); });
            break;
        case Op::Abs:
            applyToBlock(row, count, [](double x) { return std::abs(x); });
            break;
        case Op::Exp:
            applyToBlock(row, count, [](double x) { return std::exp(x); });
            break;
        case Op::Log:
            applyToBlock(row, count, [](double x) { return std::log(x); });
            break;
        case Op::Sin:
            applyToBlock(row, count, [](double x) { return std::sin(x); });
            break;
        case Op::Cos:
            applyToBlock(row, count, [](double x) { return std::cos(x); });
            break;
        case Op::Tan:
            applyToBlock(row, count, [](double x) { return std::tan(x); });
            break;
        case Op::Tanh:
            applyToBlock(row, count, [](double x) { return std::tanh(x); });
            break;
        case Op::Cosh:
            applyToBlock(row, count, [](double x) { return std::cosh(x); });
            break;
        case Op::Sinh:
            applyToBlock(row, count, [](double x) { return std::sinh(x); });
            break;
        case Op::Atan:
            applyToBlock(row, count, [](double x) { return std::atan(x); });
            break;
        case Op::Sign:
            // 0 stays 0, and NaN stays NaN.
            applyToBlock(row, count, [](double x) { return x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : x); });
            break;
        case Op::Step:
            // GiNaC's step is 1/2 at zero, and NaN stays NaN.
            applyToBlock(row, count, [](double x) {
                if (x > 0.0)
                    return 1.0;
                if (x < 0.0)
                    return 0.0;
                return x == 0.0 ? 0.5 : x;
            });
            break;
        }
    }
    if (top == 0)
        std::copy_n(stack[0], count, values);
    else
        std::fill_n(values, count, 0.0);
}

std::unique_ptr<FormulaLoss> FormulaLoss::create(const QString &expression, QString *error)
{
    try {
        return std::unique_ptr<FormulaLoss>(new FormulaLoss(compile(expression.trimmed())));
    } catch (const FormulaError &failure) {
        *error = failure.message;
        return nullptr;
    }
}

LossKind FormulaLoss::kind() const
{
    return m_compiled->kind;
}

namespace {

// See the header: NaN never leaves the loss.
double finiteValue(double value)
{
    return std::isnan(value) ? std::numeric_limits<double>::infinity() : value;
}

double finiteDerivative(double derivative)
{
    return std::isnan(derivative) ? 0.0 : derivative;
}

} // namespace

LossDerivatives FormulaLoss::evaluate(double input, double label) const
{
    const double first = m_compiled->first.run(input, label);
    const double second = m_compiled->second.run(input, label);
    LossDerivatives result{finiteValue(m_compiled->value.run(input, label)),
                           finiteDerivative(first), finiteDerivative(second)};
    result.firstDefined = !std::isnan(first);
    result.secondDefined = !std::isnan(second);
    return result;
}

double FormulaLoss::value(double input, double label) const
{
    return finiteValue(m_compiled->value.run(input, label));
}

std::unique_ptr<Loss> FormulaLoss::clone() const
{
    return std::unique_ptr<Loss>(new FormulaLoss(m_compiled));
}

double FormulaLoss::sumForLine(const double *feature, const double *target, Eigen::Index count,
                               double slope, double intercept) const
{
    return sumFormulaForLine(m_compiled->value, m_compiled->kind == LossKind::Regression,
                             std::numeric_limits<double>::infinity(), feature, target, count,
                             slope, intercept);
}

double FormulaLoss::sumFirstDerivativeForLine(const double *feature, const double *target,
                                              Eigen::Index count, double slope,
                                              double intercept) const
{
    return sumFormulaForLine(m_compiled->first, m_compiled->kind == LossKind::Regression, 0.0,
                             feature, target, count, slope, intercept);
}

QString FormulaLoss::spec() const
{
    return name() + QLatin1Char(':') + m_compiled->expression;
}

QString FormulaLoss::displayName() const
{
    constexpr qsizetype longest = 24;
    QString expression = m_compiled->expression.simplified();
    if (expression.size() > longest)
        expression = expression.left(longest - 1) + QChar(0x2026);
    return QStringLiteral("Formula ") + expression;
}

QString FormulaLoss::label() const
{
    return QStringLiteral("Formula (") + m_compiled->expression + QLatin1Char(')');
}

QString FormulaLoss::expression() const
{
    return m_compiled->expression;
}

} // namespace losslens
