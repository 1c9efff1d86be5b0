#pragma once

#include "../loss.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace losslens {

// A straight-line program over doubles in postfix order: each instruction pushes a number or
// replaces the top one or two entries of a stack by the result of an operation. It is immutable
// once built, so any number of threads may run it at once without locking.
class FormulaProgram
{
public:
    enum class Op : std::uint8_t {
        Constant,
        Input,
        Label,
        Add,
        Multiply,
        IntegerPower,
        Power,
        Sqrt,
        Abs,
        Exp,
        Log,
        Sin,
        Cos,
        Tan,
        Tanh,
        Cosh,
        Sinh,
        Atan,
        Sign,
        Step
    };

    struct Instruction
    {
        Op op = Op::Constant;
        int exponent = 0;
        double number = 0.0;
    };

    // Maximum stack depth of a program. run() keeps its stack in a local array of this size so
    // that it allocates nothing, and the compiler rejects deeper expressions.
    static constexpr int maximumDepth = 128;

    FormulaProgram() = default;
    explicit FormulaProgram(std::vector<Instruction> code);

    double run(double input, double label) const;
    // Runs the program on `count` samples at once, at most blockSize, writing their results to
    // values. Each result equals run() on its sample.
    void runBlock(const double *inputs, const double *labels, int count, double *values) const;

    static constexpr int blockSize = 32;

    const std::vector<Instruction> &code() const { return m_code; }
    // The largest number of stack entries the program uses at once.
    int depth() const { return m_depth; }

    // Makes a product of 0 and an infinity 0 instead of NaN, for the derivative programs. A
    // symbolic derivative can hold such a product where the function itself is smooth: the
    // derivative of y^z - z by z is y^z log(y) - 1, which at y = 0 reads 0 (-inf) - 1, while the
    // function is -z there, with derivative -1. Where the limit of the product is not 0 the
    // result is still wrong, but it was NaN, reported as 0, before.
    void makeZeroAbsorbInfinity() { m_zeroAbsorbsInfinity = true; }
    bool zeroAbsorbsInfinity() const { return m_zeroAbsorbsInfinity; }

private:
    // Runs the code on `count` samples, at most Width, keeping Width values per stack entry.
    template <int Width>
    void execute(const double *inputs, const double *labels, int count, double *values) const;

    std::vector<Instruction> m_code;
    int m_depth = 0;
    bool m_zeroAbsorbsInfinity = false;
};

// A loss typed as a formula, written formula:EXPR. EXPR is in the variable e for a regression
// loss (the error), or in z and optionally y for a classification loss (the logit and the 0/1
// label). It may use numbers, + - * / ^, parentheses and the functions abs, exp, log, sqrt, sin,
// cos, tan, tanh, cosh, sinh and atan. GiNaC parses it into a symbolic expression and
// differentiates it exactly, so nothing typed is ever run as code.
//
// GiNaC objects are not thread-safe, and the landscape evaluates a loss from several threads at
// once, so the value and both derivatives are compiled at construction into FormulaPrograms,
// and only those run afterwards. Clones share the compiled programs.
//
// A formula may be undefined at some inputs, such as log(e) at e <= 0. An infinite result is
// returned as it is, since the plots and the minimizer handle infinities. NaN is never returned,
// because one NaN would poison a landscape's sums and show as NaN on screen. A NaN value becomes
// +inf, which rules the input out as an infinite loss does. A NaN derivative becomes 0, so no
// direction is preferred where the slope is undefined, and evaluate() marks it as undefined.
// NOTE: at a kink of abs a derivative that exists can also read 0, e.g. the second derivative
// of e^2/(1+abs(e)) at e = 0 is 2, because GiNaC's symbolic form there is 0/0.
class FormulaLoss final : public Loss
{
public:
    struct Compiled;

    // Compiles EXPRESSION; on failure returns nullptr and sets *error to a message that names the
    // problem and, where known, its column in the expression.
    static std::unique_ptr<FormulaLoss> create(const QString &expression, QString *error);

    QString name() const override { return QStringLiteral("formula"); }
    // "Formula" and the expression, shortened to 24 characters, so that the legends, read-outs
    // and titles tell two formulas apart.
    QString displayName() const override;
    LossKind kind() const override;
    LossDerivatives evaluate(double input, double label) const override;
    double value(double input, double label) const override;
    // Convexity of an arbitrary formula is unknown, since no general symbolic test decides it.
    // Returning false keeps the minimizer from taking a local minimum for the global one.
    bool isConvex() const override { return false; }
    std::unique_ptr<Loss> clone() const override;
    double sumForLine(const double *feature, const double *target, Eigen::Index count, double slope,
                      double intercept) const override;
    double sumFirstDerivativeForLine(const double *feature, const double *target,
                                     Eigen::Index count, double slope,
                                     double intercept) const override;
    QString spec() const override;
    QString label() const override;

    // The expression as typed, trimmed of outer spaces.
    QString expression() const;

private:
    explicit FormulaLoss(std::shared_ptr<const Compiled> compiled) : m_compiled(std::move(compiled))
    {
    }

    std::shared_ptr<const Compiled> m_compiled;
};

} // namespace losslens
