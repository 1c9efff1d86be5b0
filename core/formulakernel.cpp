// Highway compiles this file once per instruction set (foreach_target.h includes it again for
// each), and HWY_DYNAMIC_DISPATCH calls the best version the processor supports.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "core/formulakernel.cpp"
#include <hwy/foreach_target.h> // must come before highway.h

#include <hwy/aligned_allocator.h>
#include <hwy/contrib/math/math-inl.h>
#include <hwy/highway.h>

#include "core/vectormath-inl.h"
#include "formulakernel.h"
#include "losses/formula.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#ifndef LOSSLENS_FORMULA_KERNEL_SHARED
#define LOSSLENS_FORMULA_KERNEL_SHARED
namespace losslens {
namespace {

// Samples per pass over the program: one row of 64 doubles per stack entry and its bounds stay
// in the level-1 data cache, and each instruction's dispatch is paid once per 64 samples.
constexpr size_t formulaBlockSamples = 64;

// Stack entries kept on the thread's stack; deeper programs take theirs from the heap.
constexpr int localDepth = 16;

// The arguments of one sum, as the instruction-set-specific code takes them.
struct FormulaJob
{
    const FormulaProgram *program = nullptr;
    bool regression = true;
    double nanReplacement = 0.0;
    const double *feature = nullptr;
    const double *target = nullptr;
    Eigen::Index count = 0;
    double slope = 0.0;
    double intercept = 0.0;
};

} // namespace
} // namespace losslens
#endif // LOSSLENS_FORMULA_KERNEL_SHARED

HWY_BEFORE_NAMESPACE();
namespace losslens {
namespace HWY_NAMESPACE {
namespace {

namespace hn = hwy::HWY_NAMESPACE;
using D = hn::ScalableTag<double>;
using V = hn::Vec<D>;
using Op = FormulaProgram::Op;

// Unit roundoff of double, 2^-53.
constexpr double unitRoundoff = 0x1p-53;
// A bound of more than this share of its value sends the sample to FormulaProgram::run().
// Tests ask for 1e-12 relative agreement, which leaves a factor of about 70.
constexpr double acceptedShare = 0x1p-46;
// Largest argument bound for which first-order propagation through a function is safe. A larger
// one sends the sample to run() as well.
constexpr double perturbationLimit = 0x1p-20;
// Bound on the distance between a vectorized function's result and the C library's, as a share
// of the result. Highway's documentation gives at most 4 units in the last place for the
// functions used here, and glibc's are taken to be within 2, an estimate that the tests check
// on many arguments. One unit in the last place is at most 2 unit roundoffs.
constexpr double functionShare = 16 * unitRoundoff;
// Absolute part of every bound. Results below the normal range (gradual underflow) keep only an
// absolute accuracy of a few multiples of the smallest subnormal 2^-1074. A share of the result
// does not cover that error, so this term does.
constexpr double underflowBound = 0x1p-1070;
// Bound on the slack of first-order propagation under perturbationLimit: for |t| <= 2^-20,
// e^|t| - 1 <= 1.000001 |t|, and (1 + t)^n - 1 <= 1.0001 n |t| for n up to 64.
constexpr double firstOrderSlack = 1.001;

// The fused multiply-add makes Highway's argument reduction for sin and cos exact. Without it
// the reduction loses accuracy near multiples of pi, and every function runs in the C library
// instead, so that nothing can differ from the plain loop.
constexpr bool vectorFunctions = HWY_NATIVE_FMA != 0;

// One stack entry: the values of the block's samples, and, when they may differ from run()'s,
// a bound on that difference for each. No member initializers: runBlock sets each entry as it
// pushes it, and an array of initialized entries would be cleared for every block.
struct Entry
{
    // The values, which may be the block's inputs or labels themselves, never written.
    const double *values;
    // The entry's own rows, where each operation writes its results.
    double *own;
    double *bounds;
    bool mayDiffer;
};

// Calls f(i) for the first sample of each vector of the block.
template <class Function> HWY_INLINE void forEachVector(Function f)
{
    const size_t lanes = hn::Lanes(D());
    for (size_t i = 0; i < formulaBlockSamples; i += lanes)
        f(i);
}

// The bound of an entry, or zero when it cannot differ.
HWY_INLINE V boundOf(const Entry &entry, size_t i)
{
    return entry.mayDiffer ? hn::Load(D(), entry.bounds + i) : hn::Zero(D());
}

// |x - x'| <= delta: a ratio delta / |x| that is 0 when delta is 0, also at x = 0, and +inf when
// x = 0 < delta, so that the sample is sent to run().
HWY_INLINE V relativeBound(V delta, V x)
{
    const D d;
    return hn::IfThenZeroElse(hn::Eq(delta, hn::Zero(d)), hn::Div(delta, hn::Abs(x)));
}

HWY_INLINE V infinity()
{
    return hn::Set(D(), std::numeric_limits<double>::infinity());
}

// +inf where the condition is false, else the bound.
HWY_INLINE V boundWhere(hn::Mask<D> usable, V bound)
{
    return hn::IfThenElse(usable, bound, infinity());
}

// Runs a function of the C library on each sample, as run() does.
template <class Function> void applyScalar(const double *arguments, double *values, Function f)
{
    for (size_t i = 0; i < formulaBlockSamples; ++i)
        values[i] = f(arguments[i]);
}

// Bound for the result r of a one-argument function with |f'| <= slope near the argument:
// |f(x) - f(x')| <= slope delta (1 + slack), plus the result's own rounding share.
HWY_INLINE V propagatedBound(V slope, V delta, V result, V share)
{
    const D d;
    const V firstOrder = hn::Mul(hn::Mul(hn::Abs(slope), delta), hn::Set(d, firstOrderSlack));
    return hn::MulAdd(share, hn::Abs(result), hn::Add(firstOrder, hn::Set(d, underflowBound)));
}

// Evaluates a vectorized function at x. Returns the result, sets `usable` to the lanes where
// the argument lies in the function's range, and sets `slope` to a bound on |f'| near x, which a
// caller needs only when the argument may differ from run()'s.
template <Op function>
HWY_INLINE V evaluateFunction(V x, hn::Mask<D> &usable, V &slope)
{
    const D d;
    const V one = hn::Set(d, 1.0);
    const V largest = hn::Set(d, std::numeric_limits<double>::max());
    V r;
    slope = one;
    if constexpr (function == Op::Exp) {
        // Highway's range, kept to normal results, where a share of the result bounds an error
        // of a few units in the last place.
        r = hn::Exp(d, x);
        usable = hn::And(hn::Ge(x, hn::Set(d, -708.0)), hn::Le(x, hn::Set(d, 706.0)));
        slope = hn::Abs(r);
    } else if constexpr (function == Op::Log) {
        r = hn::Log(d, x);
        usable = hn::And(hn::Ge(x, hn::Set(d, std::numeric_limits<double>::min())),
                         hn::Le(x, largest));
        slope = hn::Div(one, x);
    } else if constexpr (function == Op::Sin || function == Op::Cos) {
        // Highway's argument reduction is exact within |x| <= 39000.
        r = function == Op::Sin ? hn::Sin(d, x) : hn::Cos(d, x);
        usable = hn::Le(hn::Abs(x), hn::Set(d, 10000.0));
    } else if constexpr (function == Op::Tanh) {
        r = hn::Tanh(d, x);
        usable = hn::Le(hn::Abs(x), largest);
    } else if constexpr (function == Op::Atan) {
        r = hn::Atan(d, x);
        usable = hn::Le(hn::Abs(x), largest);
    } else if constexpr (function == Op::Sinh) {
        r = hn::Sinh(d, x);
        usable = hn::Le(hn::Abs(x), hn::Set(d, 700.0));
        slope = hn::Add(hn::Abs(r), one);
    } else {
        static_assert(function == Op::Cosh);
        // cosh x = (e^|x| + e^-|x|) / 2: each term within about 2 units in the last place, so
        // their sum within 4 and the halving exact.
        const V grown = hn::Exp(d, hn::Abs(x));
        r = hn::Mul(hn::Add(grown, vectormath::reciprocal(d, grown)), hn::Set(d, 0.5));
        usable = hn::Le(hn::Abs(x), hn::Set(d, 700.0));
        slope = r;
    }
    return r;
}

// The bound of a vectorized function's result r when its argument equals run()'s: the result's
// own share, +inf outside the function's range.
HWY_INLINE V functionBound(V r, hn::Mask<D> usable)
{
    const D d;
    return boundWhere(usable, hn::MulAdd(hn::Set(d, functionShare), hn::Abs(r),
                                         hn::Set(d, underflowBound)));
}

// One vectorized function over the block. Without a bound on the argument (it equals run()'s)
// the result's bound is its share alone; with one, the argument must lie in the function's
// range and close enough for first-order propagation, with the slope |f'| bounded near it.
template <Op function, bool ArgumentDiffers> void vectorFunction(Entry &entry)
{
    const D d;
    const V share = hn::Set(d, functionShare);
    const V limit = hn::Set(d, perturbationLimit);
    forEachVector([&](size_t i) {
        const V x = hn::Load(d, entry.values + i);
        hn::Mask<D> usable;
        V slope;
        const V r = evaluateFunction<function>(x, usable, slope);
        hn::Store(r, d, entry.own + i);
        if constexpr (ArgumentDiffers) {
            const V delta = hn::Load(d, entry.bounds + i);
            usable = hn::And(usable, hn::Le(delta, limit));
            if constexpr (function == Op::Log)
                usable = hn::And(usable, hn::Le(delta, hn::Mul(x, limit)));
            hn::Store(boundWhere(usable, propagatedBound(slope, delta, r, share)), d,
                      entry.bounds + i);
        } else {
            hn::Store(functionBound(r, usable), d, entry.bounds + i);
        }
    });
    entry.values = entry.own;
}

// Applies a one-argument function to an entry: its values become f of them, and its bounds
// become bounds that are valid when the argument's were. With run()'s argument x' within delta
// of x, the vector result r and run()'s r' satisfy
// |r - r'| <= |f(x) - f(x')| + |r - f(x)| + |r' - f(x')|.
void applyFunction(Op op, Entry &entry)
{
    const D d;
    const bool argumentDiffers = entry.mayDiffer;
    const bool vectorized = vectorFunctions && op != Op::Tan;
    if (!vectorized) {
        // The C library's function, as run() calls it: equal results for equal arguments.
        double arguments[formulaBlockSamples];
        std::copy_n(entry.values, formulaBlockSamples, arguments);
        entry.values = entry.own;
        switch (op) {
        case Op::Exp: applyScalar(arguments, entry.own, [](double x) { return std::exp(x); }); break;
        case Op::Log: applyScalar(arguments, entry.own, [](double x) { return std::log(x); }); break;
        case Op::Sin: applyScalar(arguments, entry.own, [](double x) { return std::sin(x); }); break;
        case Op::Cos: applyScalar(arguments, entry.own, [](double x) { return std::cos(x); }); break;
        case Op::Tan: applyScalar(arguments, entry.own, [](double x) { return std::tan(x); }); break;
        case Op::Tanh: applyScalar(arguments, entry.own, [](double x) { return std::tanh(x); }); break;
        case Op::Cosh: applyScalar(arguments, entry.own, [](double x) { return std::cosh(x); }); break;
        case Op::Sinh: applyScalar(arguments, entry.own, [](double x) { return std::sinh(x); }); break;
        case Op::Atan: applyScalar(arguments, entry.own, [](double x) { return std::atan(x); }); break;
        default: break;
        }
        if (!argumentDiffers)
            return;
        // Same function, arguments within delta: only the slope and the two results' errors
        // count.
        const V share = hn::Set(d, functionShare);
        forEachVector([&](size_t i) {
            const V x = hn::Load(d, arguments + i);
            const V r = hn::Load(d, entry.values + i);
            const V delta = hn::Load(d, entry.bounds + i);
            const auto small = hn::Le(delta, hn::Set(d, perturbationLimit));
            V slope = hn::Set(d, 1.0);
            auto usable = small;
            switch (op) {
            case Op::Exp:
            case Op::Cosh:
                slope = hn::Abs(r); // |sinh x| <= cosh x
                break;
            case Op::Sinh:
                slope = hn::Add(hn::Abs(r), hn::Set(d, 1.0)); // cosh x <= |sinh x| + 1
                break;
            case Op::Log:
                slope = hn::Div(hn::Set(d, 1.0), x);
                usable = hn::And(small, hn::Le(delta, hn::Mul(x, hn::Set(d, perturbationLimit))));
                break;
            case Op::Tan: {
                // tan' = 1 + tan^2; the argument must lie far closer to x than to a pole, which
                // is about 1 / |tan x| away.
                slope = hn::MulAdd(r, r, hn::Set(d, 1.0));
                const V reach = hn::Mul(delta, hn::Add(hn::Abs(r), hn::Set(d, 1.0)));
                usable = hn::Le(reach, hn::Set(d, perturbationLimit));
                break;
            }
            default: // sin, cos, tanh, atan: |f'| <= 1
                break;
            }
            hn::Store(boundWhere(usable, propagatedBound(slope, delta, r, share)), d,
                      entry.bounds + i);
        });
        return;
    }

    const auto run = [&entry, argumentDiffers](auto function) {
        constexpr Op chosen = decltype(function)::value;
        if (argumentDiffers)
            vectorFunction<chosen, true>(entry);
        else
            vectorFunction<chosen, false>(entry);
    };
    switch (op) {
    case Op::Exp: run(std::integral_constant<Op, Op::Exp>()); break;
    case Op::Log: run(std::integral_constant<Op, Op::Log>()); break;
    case Op::Sin: run(std::integral_constant<Op, Op::Sin>()); break;
    case Op::Cos: run(std::integral_constant<Op, Op::Cos>()); break;
    case Op::Tanh: run(std::integral_constant<Op, Op::Tanh>()); break;
    case Op::Atan: run(std::integral_constant<Op, Op::Atan>()); break;
    case Op::Sinh: run(std::integral_constant<Op, Op::Sinh>()); break;
    case Op::Cosh: run(std::integral_constant<Op, Op::Cosh>()); break;
    default: break;
    }
    entry.mayDiffer = true;
}

// |fl(a + b) - fl(a' + b')| <= (delta_a + delta_b)(1 + u) + 2u |a + b|, with |a + b| at most
// |r| (1 + u): the factors below cover both.
void add(Entry &left, const Entry &right)
{
    const D d;
    const bool differs = left.mayDiffer || right.mayDiffer;
    forEachVector([&](size_t i) {
        const V r = hn::Add(hn::Load(d, left.values + i), hn::Load(d, right.values + i));
        hn::Store(r, d, left.own + i);
        if (differs) {
            const V delta = hn::Add(boundOf(left, i), boundOf(right, i));
            const V bound = hn::MulAdd(hn::Set(d, 4 * unitRoundoff), hn::Abs(r),
                                       hn::MulAdd(delta, hn::Set(d, 1 + 4 * unitRoundoff),
                                                  hn::Set(d, underflowBound)));
            hn::Store(bound, d, left.bounds + i);
        }
    });
    left.values = left.own;
    left.mayDiffer = differs;
}

// |ab - a'b'| <= |a| delta_b + |b| delta_a + delta_a delta_b, plus both roundings.
void multiply(Entry &left, const Entry &right)
{
    const D d;
    const bool differs = left.mayDiffer || right.mayDiffer;
    forEachVector([&](size_t i) {
        const V a = hn::Load(d, left.values + i);
        const V b = hn::Load(d, right.values + i);
        const V r = hn::Mul(a, b);
        hn::Store(r, d, left.own + i);
        if (differs) {
            const V deltaA = boundOf(left, i);
            const V deltaB = boundOf(right, i);
            const V spread = hn::MulAdd(deltaA, deltaB,
                                        hn::MulAdd(hn::Abs(a), deltaB, hn::Mul(hn::Abs(b), deltaA)));
            const V bound = hn::MulAdd(hn::Set(d, 4 * unitRoundoff), hn::Abs(r),
                                       hn::MulAdd(spread, hn::Set(d, 1 + 4 * unitRoundoff),
                                                  hn::Set(d, underflowBound)));
            hn::Store(bound, d, left.bounds + i);
        }
    });
    left.values = left.own;
    left.mayDiffer = differs;
}

// Computes x^n by repeated squaring, with the same multiplications in the same order as run().
// run() starts from 1 and multiplies by each needed square. Since 1 * x is exactly x, the first
// product is skipped, and so is the square after the last needed one.
HWY_INLINE V integerPowerValue(V base, int exponent)
{
    const D d;
    const int magnitude = exponent < 0 ? -exponent : exponent;
    V result = hn::Set(d, 1.0);
    V square = base;
    bool started = false;
    for (int remaining = magnitude; remaining > 0; remaining >>= 1) {
        if (remaining & 1) {
            result = started ? hn::Mul(result, square) : square;
            started = true;
        }
        if (remaining > 1)
            square = hn::Mul(square, square);
    }
    return exponent < 0 ? hn::Div(hn::Set(d, 1.0), result) : result;
}

// x^n as integerPowerValue computes it. With |x - x'| <= delta = t |x|,
// |x^n - x'^n| <= 1.0001 |n| t |x^n| for t <= 2^-20, and the at most 13 roundings of each side
// add 2 * 14u of the result.
void integerPower(Entry &entry, int exponent)
{
    const D d;
    const int magnitude = exponent < 0 ? -exponent : exponent;
    forEachVector([&](size_t i) {
        const V base = hn::Load(d, entry.values + i);
        const V result = integerPowerValue(base, exponent);
        hn::Store(result, d, entry.own + i);
        if (entry.mayDiffer) {
            const V t = relativeBound(hn::Load(d, entry.bounds + i), base);
            const V share = hn::MulAdd(hn::Set(d, firstOrderSlack * magnitude), t,
                                       hn::Set(d, 32 * unitRoundoff));
            const V bound = hn::MulAdd(share, hn::Abs(result), hn::Set(d, underflowBound));
            hn::Store(boundWhere(hn::Le(t, hn::Set(d, perturbationLimit)), bound), d,
                      entry.bounds + i);
        }
    });
    entry.values = entry.own;
}

// sqrt is correctly rounded on both sides. With x' = x (1 + t), sqrt(x') = sqrt(x) (1 + t/2 +
// O(t^2)).
void squareRoot(Entry &entry)
{
    const D d;
    forEachVector([&](size_t i) {
        const V x = hn::Load(d, entry.values + i);
        const V r = hn::Sqrt(x);
        hn::Store(r, d, entry.own + i);
        if (entry.mayDiffer) {
            const V t = relativeBound(hn::Load(d, entry.bounds + i), x);
            const V share = hn::MulAdd(hn::Set(d, 0.5 * firstOrderSlack), t,
                                       hn::Set(d, 4 * unitRoundoff));
            hn::Store(boundWhere(hn::Le(t, hn::Set(d, perturbationLimit)),
                                 hn::MulAdd(share, hn::Abs(r), hn::Set(d, underflowBound))),
                      d, entry.bounds + i);
        }
    });
    entry.values = entry.own;
}

// x^p with a non-constant exponent, in the C library as run() does. With relative changes
// t = delta_x / |x| and an absolute change delta_p of p, x'^p' = x^p (1 + |p| t + |log x|
// delta_p + O(t^2 + delta_p^2)).
void power(Entry &base, const Entry &exponent)
{
    const D d;
    double arguments[formulaBlockSamples];
    std::copy_n(base.values, formulaBlockSamples, arguments);
    for (size_t i = 0; i < formulaBlockSamples; ++i)
        base.own[i] = std::pow(arguments[i], exponent.values[i]);
    base.values = base.own;
    if (!base.mayDiffer && !exponent.mayDiffer)
        return;
    forEachVector([&](size_t i) {
        const V x = hn::Load(d, arguments + i);
        const V p = hn::Load(d, exponent.values + i);
        const V r = hn::Load(d, base.values + i);
        const V t = relativeBound(boundOf(base, i), x);
        const V deltaP = boundOf(exponent, i);
        const V logarithm = hn::Abs(hn::Log(d, hn::Abs(x)));
        const V change = hn::MulAdd(hn::Abs(p), t,
                                    hn::IfThenZeroElse(hn::Eq(deltaP, hn::Zero(d)),
                                                       hn::Mul(logarithm, deltaP)));
        const V share = hn::MulAdd(hn::Set(d, firstOrderSlack), change,
                                   hn::Set(d, 4 * unitRoundoff));
        // A negative base has a real power only at integer exponents, which a change of the
        // exponent leaves; x = 0 gives t = +inf when it differs.
        const auto usable = hn::And(hn::Le(change, hn::Set(d, perturbationLimit)),
                                    hn::Gt(x, hn::Zero(d)));
        hn::Store(boundWhere(usable, hn::MulAdd(share, hn::Abs(r), hn::Set(d, underflowBound))), d,
                  base.bounds + i);
    });
    base.mayDiffer = true;
}

// A constant right operand of + or *, as the program's next instruction after pushing the
// constant: the same sum or product without storing the constant for every sample. A constant
// has no bound, so with c exact, |a c - a' c| <= |c| delta_a.
void combineWithConstant(Op op, Entry &left, double constant)
{
    const D d;
    const V number = hn::Set(d, constant);
    const V magnitude = hn::Abs(number);
    const bool multiplying = op == Op::Multiply;
    forEachVector([&](size_t i) {
        const V a = hn::Load(d, left.values + i);
        const V r = multiplying ? hn::Mul(a, number) : hn::Add(a, number);
        hn::Store(r, d, left.own + i);
        if (left.mayDiffer) {
            V delta = hn::Load(d, left.bounds + i);
            if (multiplying)
                delta = hn::Mul(delta, magnitude);
            const V bound = hn::MulAdd(hn::Set(d, 4 * unitRoundoff), hn::Abs(r),
                                       hn::MulAdd(delta, hn::Set(d, 1 + 4 * unitRoundoff),
                                                  hn::Set(d, underflowBound)));
            hn::Store(bound, d, left.bounds + i);
        }
    });
    left.values = left.own;
}

// abs changes no magnitude, so the bound carries over.
void absolute(Entry &entry)
{
    const D d;
    forEachVector([&](size_t i) {
        hn::Store(hn::Abs(hn::Load(d, entry.values + i)), d, entry.own + i);
    });
    entry.values = entry.own;
}

// The sign (0 at 0) or the step (1/2 at 0), NaN kept, as run() computes them.
HWY_INLINE V signOrStepValue(V x, bool step)
{
    const D d;
    const V zero = hn::Zero(d);
    const V positive = hn::Set(d, 1.0);
    const V negative = hn::Set(d, step ? 0.0 : -1.0);
    const V atZero = step ? hn::Set(d, 0.5) : zero;
    const V middle = hn::IfThenElse(hn::Eq(x, zero), atZero, x);
    return hn::IfThenElse(hn::Gt(x, zero), positive,
                          hn::IfThenElse(hn::Lt(x, zero), negative, middle));
}

// The sign or the step over the block. Where the bound reaches the argument's magnitude the two
// sides may fall on different sides of 0.
void signOrStep(Entry &entry, bool step)
{
    const D d;
    forEachVector([&](size_t i) {
        const V x = hn::Load(d, entry.values + i);
        hn::Store(signOrStepValue(x, step), d, entry.own + i);
        if (entry.mayDiffer) {
            const V zero = hn::Zero(d);
            const V delta = hn::Load(d, entry.bounds + i);
            const auto settled = hn::Or(hn::Eq(delta, zero), hn::Gt(hn::Abs(x), delta));
            hn::Store(boundWhere(settled, zero), d, entry.bounds + i);
        }
    });
    entry.values = entry.own;
}

// One step of a chain of operations on the top entry that need no bound: their results equal
// run()'s whenever their argument does.
struct ChainStep
{
    Op op;
    int exponent;
    double number;
};

// Maximum number of steps fused into one pass.
constexpr int maximumChainSteps = 16;

HWY_INLINE V applyStep(const ChainStep &step, V x)
{
    const D d;
    switch (step.op) {
    case Op::IntegerPower: return integerPowerValue(x, step.exponent);
    case Op::Add: return hn::Add(x, hn::Set(d, step.number));
    case Op::Multiply: return hn::Mul(x, hn::Set(d, step.number));
    case Op::Sqrt: return hn::Sqrt(x);
    case Op::Abs: return hn::Abs(x);
    case Op::Sign: return signOrStepValue(x, false);
    case Op::Step: return signOrStepValue(x, true);
    default: return x;
    }
}

// Runs a chain of steps, then `function` unless it is Op::Constant, on an entry that equals
// run()'s, in one pass. Each vector stays in registers from the first step to the last, so the
// separate passes' stores and loads between steps are saved. The results are the same doubles.
template <Op function> void runChain(Entry &entry, const ChainStep *steps, int count)
{
    const D d;
    forEachVector([&](size_t i) {
        V x = hn::Load(d, entry.values + i);
        for (int k = 0; k < count; ++k)
            x = applyStep(steps[k], x);
        if constexpr (function == Op::Constant) {
            hn::Store(x, d, entry.own + i);
        } else {
            hn::Mask<D> usable;
            V slope;
            const V r = evaluateFunction<function>(x, usable, slope);
            hn::Store(r, d, entry.own + i);
            hn::Store(functionBound(r, usable), d, entry.bounds + i);
        }
    });
    entry.values = entry.own;
    if constexpr (function != Op::Constant)
        entry.mayDiffer = true;
}

// Reads the chain that starts at code[k] into steps, with a vectorized function that may end
// it. Returns the index of the first instruction after the chain.
size_t readChain(const std::vector<FormulaProgram::Instruction> &code, size_t k, ChainStep *steps,
                 int &count, Op &function)
{
    count = 0;
    function = Op::Constant;
    while (k < code.size() && count < maximumChainSteps) {
        const FormulaProgram::Instruction &instruction = code[k];
        switch (instruction.op) {
        case Op::IntegerPower:
        case Op::Sqrt:
        case Op::Abs:
        case Op::Sign:
        case Op::Step:
            steps[count++] = {instruction.op, instruction.exponent, 0.0};
            ++k;
            continue;
        case Op::Constant:
            // A constant right operand, as combineWithConstant takes it.
            if (k + 1 < code.size() &&
                (code[k + 1].op == Op::Add || code[k + 1].op == Op::Multiply)) {
                steps[count++] = {code[k + 1].op, 0, instruction.number};
                k += 2;
                continue;
            }
            break;
        default:
            break;
        }
        break;
    }
    if (vectorFunctions && k < code.size()) {
        switch (code[k].op) {
        case Op::Exp:
        case Op::Log:
        case Op::Sin:
        case Op::Cos:
        case Op::Tanh:
        case Op::Atan:
        case Op::Sinh:
        case Op::Cosh:
            function = code[k].op;
            ++k;
            break;
        default:
            break;
        }
    }
    return k;
}

// Runs runChain with its ending function chosen at run time.
void runChainEndingIn(Op function, Entry &entry, const ChainStep *steps, int count)
{
    switch (function) {
    case Op::Exp: runChain<Op::Exp>(entry, steps, count); break;
    case Op::Log: runChain<Op::Log>(entry, steps, count); break;
    case Op::Sin: runChain<Op::Sin>(entry, steps, count); break;
    case Op::Cos: runChain<Op::Cos>(entry, steps, count); break;
    case Op::Tanh: runChain<Op::Tanh>(entry, steps, count); break;
    case Op::Atan: runChain<Op::Atan>(entry, steps, count); break;
    case Op::Sinh: runChain<Op::Sinh>(entry, steps, count); break;
    case Op::Cosh: runChain<Op::Cosh>(entry, steps, count); break;
    default: runChain<Op::Constant>(entry, steps, count); break;
    }
}

// Runs the program on one block of samples, with `stack` holding at least the program's depth
// of entries. Returns the entry holding the results.
const Entry &runBlock(const std::vector<FormulaProgram::Instruction> &code, const double *inputs,
               const double *labels, double *storage, Entry *stack)
{
    const D d;
    int top = -1;
    const auto pushed = [&]() -> Entry & {
        ++top;
        Entry &entry = stack[top];
        entry.own = storage + 2 * formulaBlockSamples * static_cast<size_t>(top);
        entry.values = entry.own;
        entry.bounds = entry.own + formulaBlockSamples;
        entry.mayDiffer = false;
        return entry;
    };
    for (size_t k = 0; k < code.size(); ++k) {
        if (top >= 0 && !stack[top].mayDiffer) {
            ChainStep steps[maximumChainSteps];
            int count = 0;
            Op function = Op::Constant;
            const size_t next = readChain(code, k, steps, count, function);
            if (count >= 2 || (count == 1 && function != Op::Constant)) {
                runChainEndingIn(function, stack[top], steps, count);
                k = next - 1;
                continue;
            }
        }
        const FormulaProgram::Instruction &instruction = code[k];
        switch (instruction.op) {
        case Op::Constant: {
            if (top >= 0 && k + 1 < code.size() &&
                (code[k + 1].op == Op::Add || code[k + 1].op == Op::Multiply)) {
                combineWithConstant(code[k + 1].op, stack[top], instruction.number);
                ++k;
                break;
            }
            const V number = hn::Set(d, instruction.number);
            Entry &entry = pushed();
            forEachVector([&](size_t i) { hn::Store(number, d, entry.own + i); });
            break;
        }
        case Op::Input:
            pushed().values = inputs;
            break;
        case Op::Label:
            pushed().values = labels;
            break;
        case Op::Add:
            add(stack[top - 1], stack[top]);
            --top;
            break;
        case Op::Multiply:
            multiply(stack[top - 1], stack[top]);
            --top;
            break;
        case Op::Power:
            power(stack[top - 1], stack[top]);
            --top;
            break;
        case Op::IntegerPower:
            integerPower(stack[top], instruction.exponent);
            break;
        case Op::Sqrt:
            squareRoot(stack[top]);
            break;
        case Op::Abs:
            absolute(stack[top]);
            break;
        case Op::Sign:
        case Op::Step:
            signOrStep(stack[top], instruction.op == Op::Step);
            break;
        default:
            applyFunction(instruction.op, stack[top]);
            break;
        }
    }
    return stack[0];
}

// Returns the sum of the first `size` results of a block. A sample whose bound is too loose, or
// whose value is not finite, is evaluated again by the plain program. So is a NaN of a program
// in which 0 absorbs an infinity, which the vector products do not do. A NaN counts as
// nanReplacement.
HWY_INLINE V blockSum(const FormulaProgram &program, const Entry &result, size_t size,
                        const double *inputs, const double *labels, double nanReplacement)
{
    const D d;
    const size_t lanes = hn::Lanes(d);
    const V accepted = hn::Set(d, acceptedShare);
    const V replacement = hn::Set(d, nanReplacement);
    const bool rerunNaN = program.zeroAbsorbsInfinity();
    V sum = hn::Zero(d);
    if (size == formulaBlockSamples) {
        // A whole block is summed at once. A block with a sample to evaluate again is rare, so
        // it is summed again below, one vector at a time.
        if (!result.mayDiffer && !rerunNaN) {
            forEachVector([&](size_t i) {
                const V value = hn::Load(d, result.values + i);
                sum = hn::Add(sum, hn::IfThenElse(hn::IsNaN(value), replacement, value));
            });
            return sum;
        }
        auto allGood = hn::FirstN(d, lanes);
        if (result.mayDiffer) {
            forEachVector([&](size_t i) {
                const V value = hn::Load(d, result.values + i);
                const V bound = hn::Load(d, result.bounds + i);
                allGood = hn::And(allGood, hn::And(hn::IsFinite(value),
                                                   hn::Le(bound, hn::Mul(accepted, hn::Abs(value)))));
                sum = hn::Add(sum, value);
            });
        } else {
            forEachVector([&](size_t i) {
                const V value = hn::Load(d, result.values + i);
                allGood = hn::And(allGood, hn::Not(hn::IsNaN(value)));
                sum = hn::Add(sum, value);
            });
        }
        if (hn::AllTrue(d, allGood))
            return sum;
        sum = hn::Zero(d);
    }
    for (size_t i = 0; i < size; i += lanes) {
        V value = hn::Load(d, result.values + i);
        const auto counted = hn::FirstN(d, size - i);
        if (result.mayDiffer || rerunNaN) {
            auto good = hn::Not(hn::IsNaN(value));
            if (result.mayDiffer) {
                const V bound = hn::Load(d, result.bounds + i);
                const auto close = hn::Le(bound, hn::Mul(accepted, hn::Abs(value)));
                good = hn::And(hn::IsFinite(value), close);
            }
            if (!hn::AllTrue(d, hn::Or(good, hn::Not(counted)))) {
                HWY_ALIGN double values[hn::MaxLanes(d)];
                HWY_ALIGN double goodLanes[hn::MaxLanes(d)];
                hn::Store(value, d, values);
                hn::Store(hn::VecFromMask(d, good), d, goodLanes);
                for (size_t lane = 0; lane < lanes && i + lane < size; ++lane) {
                    if (goodLanes[lane] == 0.0) {
                        values[lane] =
                            program.run(inputs[i + lane], labels ? labels[i + lane] : 0.0);
                    }
                }
                value = hn::Load(d, values);
            }
        }
        value = hn::IfThenElse(hn::IsNaN(value), replacement, value);
        sum = hn::Add(sum, hn::IfThenElseZero(counted, value));
    }
    return sum;
}

// Sums a program that is one chain on the input, such as log(1 + e^2/4). Each vector of samples
// goes from the data through every step and the ending function to the sum in registers,
// without the block's rows. The values and bounds are those of the passes over a block, and a
// sample is evaluated again by run() under the same rule as in blockSum.
// The lanes of a mask as the bits of a number, lane 0 in bit 0.
HWY_INLINE uint64_t laneBits(hn::Mask<D> mask)
{
    uint8_t bytes[8] = {};
    hn::StoreMaskBits(D(), mask, bytes);
    uint64_t bits = 0;
    for (int k = 7; k >= 0; --k)
        bits = bits << 8 | bytes[k];
    return bits;
}

// Number of vectors that sumChain takes through each step together. One dispatch of a step
// serves all of them, and their independent operations keep the units busy.
constexpr size_t chainGroup = 8;

template <Op function>
double sumChain(const FormulaJob &job, const ChainStep *steps, int count)
{
    // Whole groups only: the caller sums the samples after them.
    const D d;
    const FormulaProgram &program = *job.program;
    const size_t lanes = hn::Lanes(d);
    const size_t groupSamples = chainGroup * lanes;
    const V slope = hn::Set(d, job.slope);
    const V intercept = hn::Set(d, job.intercept);
    const V accepted = hn::Set(d, acceptedShare);
    const V replacement = hn::Set(d, job.nanReplacement);
    const bool rerunNaN = program.zeroAbsorbsInfinity();
    // Vectors with a sample to evaluate again, and their lanes. The hot loop below calls
    // nothing, so that the compiler keeps its sum and vectors in registers.
    constexpr size_t maximumRetries = 64;
    size_t retryFirst[maximumRetries];
    uint64_t retryLanes[maximumRetries];
    size_t retries = 0;
    const V zero = hn::Zero(d);
    V sum = zero;
    const size_t total = static_cast<size_t>(job.count);
    // Sum of the samples evaluated again.
    double tail = 0.0;
    size_t first = 0;
    const auto retry = [&]() {
        for (size_t r = 0; r < retries; ++r) {
            for (size_t lane = 0; lane < lanes; ++lane) {
                if (!(retryLanes[r] >> lane & 1))
                    continue;
                const size_t at = retryFirst[r] + lane;
                const double output = job.slope * job.feature[at] + job.intercept;
                const double value =
                    program.run(job.regression ? output - job.target[at] : output, 0.0);
                tail += std::isnan(value) ? job.nanReplacement : value;
            }
        }
        retries = 0;
    };
    // For a chain ending in log, the sum of log x over samples with x = 1 + q, q in [0, 2^60],
    // is the logarithm of their product. Each lane of the group's vectors keeps its product
    // less 1 as an excess E, updated to E + q + E q. No term is negative, so nothing cancels.
    // Every factorsPerLogarithm factors, log1p(E) joins the sum, so one logarithm serves 16
    // samples.
    // Error: each update rounds twice, so after F factors E is within 2 F u of its exact value
    // in relative terms. Since E / (1 + E) <= log1p(E), log1p(E) is then within 2 F u of the
    // exact sum of logarithms, plus 2 u for Highway's log1p. q = x - 1 rounds only for x > 2,
    // where it moves log x by at most u. With F = 16 the total is below 40 u, and with the
    // plain loop's own rounding it stays below 2^-46 of the sum, the bound of other samples.
    // q up to 2^60 keeps a product of 16 factors below 2^960, far from overflow.
    // Any other sample, such as x < 1, takes the function as in the other chains.
    constexpr int factorsPerLogarithm = 16;
    const V one = hn::Set(d, 1.0);
    const V largestFactor = hn::Set(d, 0x1p60);
    V excess[chainGroup];
    for (size_t g = 0; g < chainGroup; ++g)
        excess[g] = zero;
    int factors = 0;
    const auto takeLogarithms = [&]() {
        for (size_t g = 0; g < chainGroup; ++g) {
            sum = hn::Add(sum, hn::Log1p(d, excess[g]));
            excess[g] = zero;
        }
        factors = 0;
    };
    for (; first + groupSamples <= total; first += groupSamples) {
        V x[chainGroup];
        for (size_t g = 0; g < chainGroup; ++g) {
            // The same products and sums as FormulaLoss's own loop, without contraction.
            const size_t at = first + g * lanes;
            const V output = hn::Add(hn::Mul(slope, hn::LoadU(d, job.feature + at)), intercept);
            x[g] = job.regression ? hn::Sub(output, hn::LoadU(d, job.target + at)) : output;
        }
        for (int k = 0; k < count; ++k) {
            const ChainStep &step = steps[k];
            switch (step.op) {
            case Op::IntegerPower:
                for (size_t g = 0; g < chainGroup; ++g)
                    x[g] = integerPowerValue(x[g], step.exponent);
                break;
            case Op::Add:
                for (size_t g = 0; g < chainGroup; ++g)
                    x[g] = hn::Add(x[g], hn::Set(d, step.number));
                break;
            case Op::Multiply:
                for (size_t g = 0; g < chainGroup; ++g)
                    x[g] = hn::Mul(x[g], hn::Set(d, step.number));
                break;
            default:
                for (size_t g = 0; g < chainGroup; ++g)
                    x[g] = applyStep(step, x[g]);
                break;
            }
        }
        for (size_t g = 0; g < chainGroup; ++g) {
            V value = x[g];
            // Lanes whose function value is summed sample by sample: all but the product's.
            auto perSample = hn::FirstN(d, lanes);
            if constexpr (function == Op::Log) {
                // The factor x = 1 + q joins its lane's product, kept as the product less 1.
                const V q = hn::Sub(x[g], one);
                const auto factor = hn::And(hn::Ge(q, zero), hn::Le(q, largestFactor));
                const V joined = hn::IfThenElseZero(factor, q);
                excess[g] = hn::MulAdd(excess[g], joined, hn::Add(excess[g], joined));
                perSample = hn::Not(factor);
                if (HWY_LIKELY(hn::AllFalse(d, perSample)))
                    continue;
            }
            if constexpr (function != Op::Constant) {
                hn::Mask<D> usable;
                V unusedSlope;
                value = evaluateFunction<function>(x[g], usable, unusedSlope);
                const V bound = functionBound(value, usable);
                const auto good = hn::And(hn::IsFinite(value),
                                          hn::Le(bound, hn::Mul(accepted, hn::Abs(value))));
                const auto again = hn::AndNot(good, perSample);
                if (HWY_UNLIKELY(!hn::AllFalse(d, again))) {
                    retryFirst[retries] = first + g * lanes;
                    retryLanes[retries] = laneBits(again);
                    ++retries;
                }
                sum = hn::Add(sum, hn::IfThenElseZero(hn::And(good, perSample), value));
            } else {
                const auto isNaN = hn::IsNaN(value);
                if (rerunNaN && HWY_UNLIKELY(!hn::AllFalse(d, isNaN))) {
                    retryFirst[retries] = first + g * lanes;
                    retryLanes[retries] = laneBits(isNaN);
                    ++retries;
                    sum = hn::Add(sum, hn::IfThenZeroElse(isNaN, value));
                } else {
                    sum = hn::Add(sum, hn::IfThenElse(isNaN, replacement, value));
                }
            }
        }
        if (HWY_UNLIKELY(retries + chainGroup > maximumRetries))
            retry();
        if constexpr (function == Op::Log) {
            if (++factors == factorsPerLogarithm)
                takeLogarithms();
        }
    }
    if constexpr (function == Op::Log)
        takeLogarithms();
    retry();
    return hn::GetLane(hn::SumOfLanes(d, sum)) + tail;
}

// Returns the number of samples in one group of sumChain.
size_t chainGroupSamples()
{
    return chainGroup * hn::Lanes(D());
}

// Runs sumChain with its ending function chosen at run time.
double sumChainEndingIn(Op function, const FormulaJob &job, const ChainStep *steps, int count)
{
    switch (function) {
    case Op::Exp: return sumChain<Op::Exp>(job, steps, count);
    case Op::Log: return sumChain<Op::Log>(job, steps, count);
    case Op::Sin: return sumChain<Op::Sin>(job, steps, count);
    case Op::Cos: return sumChain<Op::Cos>(job, steps, count);
    case Op::Tanh: return sumChain<Op::Tanh>(job, steps, count);
    case Op::Atan: return sumChain<Op::Atan>(job, steps, count);
    case Op::Sinh: return sumChain<Op::Sinh>(job, steps, count);
    case Op::Cosh: return sumChain<Op::Cosh>(job, steps, count);
    default: return sumChain<Op::Constant>(job, steps, count);
    }
}

} // namespace

double SumFormula(const FormulaJob &job)
{
    const D d;
    const FormulaProgram &program = *job.program;
    const std::vector<FormulaProgram::Instruction> &code = program.code();
    if (code.empty() || job.count <= 0)
        return 0.0;
    // A program that is one chain on the input sums its whole groups of samples in sumChain,
    // and the rest below.
    double chainSum = 0.0;
    Eigen::Index start = 0;
    if (code.front().op == Op::Input) {
        ChainStep steps[maximumChainSteps];
        int count = 0;
        Op function = Op::Constant;
        if (readChain(code, 1, steps, count, function) == code.size()) {
            FormulaJob groups = job;
            groups.count = job.count - job.count % static_cast<Eigen::Index>(chainGroupSamples());
            chainSum = sumChainEndingIn(function, groups, steps, count);
            start = groups.count;
            if (start == job.count)
                return chainSum;
        }
    }
    const size_t entryDoubles = 2 * formulaBlockSamples;
    HWY_ALIGN double localStorage[localDepth * 2 * formulaBlockSamples];
    hwy::AlignedFreeUniquePtr<double[]> heapStorage;
    double *storage = localStorage;
    if (program.depth() > localDepth) {
        heapStorage = hwy::AllocateAligned<double>(entryDoubles * static_cast<size_t>(program.depth()));
        storage = heapStorage.get();
    }
    Entry stack[FormulaProgram::maximumDepth];
    const bool usesLabels = std::any_of(code.begin(), code.end(), [](const auto &instruction) {
        return instruction.op == Op::Label;
    });
    HWY_ALIGN double inputs[formulaBlockSamples];
    HWY_ALIGN double labels[formulaBlockSamples];
    const V slope = hn::Set(d, job.slope);
    const V intercept = hn::Set(d, job.intercept);
    V sum = hn::Zero(d);
    for (Eigen::Index first = start; first < job.count; first += formulaBlockSamples) {
        const size_t size = static_cast<size_t>(
            std::min<Eigen::Index>(formulaBlockSamples, job.count - first));
        const double *feature = job.feature + first;
        const double *target = job.target + first;
        // The same products and sums as FormulaLoss's own loop; this file is compiled without
        // contraction into fused multiply-adds, so the inputs are the same doubles.
        if (size == formulaBlockSamples) {
            forEachVector([&](size_t i) {
                const V output =
                    hn::Add(hn::Mul(slope, hn::LoadU(d, feature + i)), intercept);
                const V y = hn::LoadU(d, target + i);
                hn::Store(job.regression ? hn::Sub(output, y) : output, d, inputs + i);
                if (usesLabels)
                    hn::Store(y, d, labels + i);
            });
        } else {
            for (size_t i = 0; i < formulaBlockSamples; ++i) {
                // Samples past the end repeat the last one; their results are not summed.
                const size_t k = std::min(i, size - 1);
                const double output = job.slope * feature[k] + job.intercept;
                inputs[i] = job.regression ? output - target[k] : output;
                labels[i] = target[k];
            }
        }
        const Entry &result = runBlock(code, inputs, labels, storage, stack);
        sum = hn::Add(sum, blockSum(program, result, size, inputs, usesLabels ? labels : nullptr,
                                    job.nanReplacement));
    }
    return chainSum + hn::GetLane(hn::SumOfLanes(d, sum));
}

} // namespace HWY_NAMESPACE
} // namespace losslens
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace losslens {

HWY_EXPORT(SumFormula);

double sumFormulaForLine(const FormulaProgram &program, bool regression, double nanReplacement,
                         const double *feature, const double *target, Eigen::Index count,
                         double slope, double intercept)
{
    FormulaJob job;
    job.program = &program;
    job.regression = regression;
    job.nanReplacement = nanReplacement;
    job.feature = feature;
    job.target = target;
    job.count = count;
    job.slope = slope;
    job.intercept = intercept;
    return HWY_DYNAMIC_DISPATCH(SumFormula)(job);
}

} // namespace losslens
#endif // HWY_ONCE
