// Highway compiles this file once per instruction set (foreach_target.h includes it again for
// each), and HWY_DYNAMIC_DISPATCH calls the best version the processor supports.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "core/landscapekernel.cpp"
#include <hwy/foreach_target.h> // must come before highway.h

#include <hwy/contrib/math/math-inl.h>
#include <hwy/highway.h>

#include "core/vectormath-inl.h"
#include "landscapekernel.h"
#include "losses/composite.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <numeric>
#include <optional>
#include <tuple>
#include <type_traits>
#include <vector>

#ifndef LOSSLENS_LANDSCAPE_KERNEL_SHARED
#define LOSSLENS_LANDSCAPE_KERNEL_SHARED
namespace losslens {
namespace {

// Samples per block: the block's precomputed values (up to three arrays of 8 KiB) stay in the
// level-1 data cache while every intercept of the row passes over them.
constexpr Eigen::Index kernelBlockSize = 1024;

// Bound on |u| and |b| below which exp(u) exp(b) is used for exp(u + b). Each factor then lies
// in [e^-300, e^300] and each product in [e^-600, e^600], far from overflow and underflow.
constexpr double productExponentLimit = 300.0;

// One block of one sample group for every intercept of a row and one term of the loss.
struct BlockJob
{
    KernelForm form;
    double weight = 1.0;
    const Loss *loss = nullptr;
    KernelSampleGroup group;
    Eigen::Index first = 0;
    Eigen::Index count = 0;
    double slope = 0.0;
    const double *intercepts = nullptr;
    Eigen::Index interceptCount = 0;
    // Per intercept: b' (b for regression, sign b for classification), and exp(b'') and
    // exp(-b'') for b'' = b / s or sign b.
    const double *shiftedIntercepts = nullptr;
    const double *interceptExpPlus = nullptr;
    const double *interceptExpMinus = nullptr;
    double *sums = nullptr;
};

// Tables for (1 + q)^a - 1 with q >= 0 and a fixed, without a logarithm or an exponential per
// value. With u = 1 + q = 2^E m, m in [1, 2), E = e0 + 16 e1 (e0, e1 in 0..15) and m in the
// interval [1 + j/16, 1 + (j + 1)/16):
//   u^a = 2^(a e0) 2^(16 a e1) (1 / c_j)^a (1 + r)^a,   r = m c_j - 1,
// with c_j = 1 / (1 + j/16) rounded up, so that 0 <= r <= 1/16. Each factor is written as
// 1 + (factor - 1), and (1 + x)(1 + y) - 1 = x + y + x y: all the parts have the sign of a, so
// the products never cancel, and u^a - 1 keeps its relative accuracy as q or a tends to 0.
// (1 + r)^a - 1 = r Q(r), with Q the binomial series sum_k C(a, k + 1) r^k, economized with
// Chebyshev polynomials on [0, 1/16] (Press et al., Numerical Recipes, 3rd ed., 5.8.1) until
// the terms removed reach 1e-13 of |Q|, a tenth of the landscape's 1e-12: 7 terms for alpha
// from 0 to 1.5, 8 to 10 for alpha from -1 to -20. Each term costs about 7% of the kernel's
// time. The sums the tests compare stay within about 3e-15 of the plain loop's.
// The biased exponent E + 1023 picks e0 from its low 4 bits, so the table of 2^(a e0) - 1 is
// stored rotated by one place: at (e0 + 15) mod 16.
struct PowerTables
{
    static constexpr int maximumTerms = 24;
    double exponent = std::numeric_limits<double>::quiet_NaN(); // a
    alignas(64) std::array<double, 16> inverse{};          // c_j
    alignas(64) std::array<double, 16> mantissaPart{};     // (1 / c_j)^a - 1
    alignas(64) std::array<double, 16> lowExponentPart{};  // 2^(a e0) - 1, at (E + 1023) mod 16
    alignas(64) std::array<double, 16> highExponentPart{}; // 2^(16 a e1) - 1
    std::array<double, maximumTerms> series{};               // Q's coefficients, constant first
    int terms = 0;
    // The tables apply where E is below this; 0 where they cannot be used at all.
    int exponentLimit = 0;
};

PowerTables makePowerTables(double a)
{
    using Long = long double;
    const Long ln2 = std::numbers::ln2_v<Long>;
    PowerTables tables;
    tables.exponent = a;
    if (!std::isfinite(a) || a == 0.0)
        return tables;
    for (int j = 0; j < 16; ++j) {
        double inverse = 1.0 / (1.0 + j / 16.0);
        if (j > 0)
            inverse = std::nextafter(inverse, 2.0);
        tables.inverse[j] = inverse;
        tables.mantissaPart[j] = j == 0 ? 0.0 : double(std::expm1(-Long(a) * std::log(Long(inverse))));
        // Indexed by the biased exponent E + 1023 modulo 16, which is (E + 15) modulo 16.
        tables.lowExponentPart[(j + 15) % 16] = double(std::expm1(Long(a) * j * ln2));
        tables.highExponentPart[j] = double(std::expm1(Long(a) * 16 * j * ln2));
    }
    // The series in x = 16 r, in [0, 1], to degree 40. Where the first term left out is not
    // negligible, or the economized series keeps more than maximumTerms terms (large negative
    // a), the tables are not used.
    constexpr int degree = 40;
    const Long step = 1.0L / 16.0L;
    std::array<Long, degree + 1> coefficients{};
    Long binomial = a;
    Long power = 1.0L;
    for (int k = 0; k <= degree; ++k) {
        coefficients[k] = binomial * power;
        binomial *= (Long(a) - (k + 1)) / (k + 2);
        power *= step;
    }
    // Monomial coefficients of the shifted Chebyshev polynomials T_k(2 x - 1), whose largest
    // value on [0, 1] is 1: T_(k+1) = 2 (2 x - 1) T_k - T_(k-1).
    std::vector<std::array<Long, degree + 1>> chebyshev(degree + 1);
    for (auto &row : chebyshev)
        row.fill(0.0L);
    chebyshev[0][0] = 1.0L;
    chebyshev[1][0] = -1.0L;
    chebyshev[1][1] = 2.0L;
    for (int k = 1; k < degree; ++k) {
        for (int i = 0; i <= k + 1; ++i)
            chebyshev[k + 1][i] = (i > 0 ? 4.0L * chebyshev[k][i - 1] : 0.0L) -
                                  2.0L * chebyshev[k][i] - chebyshev[k - 1][i];
    }
    // Q is a secant slope of the convex or concave (1 + r)^a from r = 0, so it is monotonic on
    // [0, 1/16] and its smallest magnitude is at one end.
    const Long smallest = std::min(std::abs(Long(a)), std::abs(std::expm1(Long(a) * std::log1p(step)) / step));
    const Long leftOut = std::abs(binomial * power);
    if (!(leftOut <= 1e-18L * smallest))
        return tables;
    Long budget = 1e-13L * smallest;
    int keptDegree = degree;
    while (keptDegree > 0) {
        const Long leading = chebyshev[keptDegree][keptDegree];
        const Long cost = std::abs(coefficients[keptDegree]) / leading;
        if (cost > budget)
            break;
        budget -= cost;
        const Long factor = coefficients[keptDegree] / leading;
        for (int i = 0; i <= keptDegree; ++i)
            coefficients[i] -= factor * chebyshev[keptDegree][i];
        --keptDegree;
    }
    if (keptDegree + 1 > PowerTables::maximumTerms)
        return tables;
    Long scale = 1.0L;
    for (int k = 0; k <= keptDegree; ++k) {
        tables.series[k] = double(coefficients[k] * scale);
        scale *= 16.0L;
    }
    tables.terms = keptDegree + 1;
    // 2^(a E) stays below e^690 for E below the limit.
    tables.exponentLimit = 256;
    if (a > 0.0)
        tables.exponentLimit = std::min(256, static_cast<int>(690.0 / (a * std::numbers::ln2)));
    return tables;
}

// The tables for Barron's loss at alpha, built once per thread and alpha, since a landscape
// hands thousands of blocks with the same alpha to each thread.
PowerTables barronPowerTables(double alpha)
{
    thread_local PowerTables cached;
    const double a = 0.5 * alpha;
    if (!(cached.exponent == a))
        cached = makePowerTables(a);
    return cached;
}

} // namespace
} // namespace losslens
#endif

HWY_BEFORE_NAMESPACE();
namespace losslens {
namespace HWY_NAMESPACE {
namespace {

namespace hn = hwy::HWY_NAMESPACE;
using D = hn::ScalableTag<double>;
using V = hn::Vec<D>;

// Samples per lane between two logarithms of an accumulated product (see logProduct below).
// The relative error of the product grows by at most two roundings per factor, so 128 factors
// keep it below 3e-14.
constexpr int maximumFactorsPerLogarithm = 128;

// log1p(t) for t in (0, 1] without a division of its own: log1p(t) = log1p(c) + 2 atanh(s),
//   s = (t - c) / (2 + t + c) = ((1 + t) - (1 + c)) / ((1 + t) + (1 + c)),
// with the centre c = 0 for t < 9/32 and c = 9/16 above, so |s| <= 0.1234 and
//   2 atanh(s) = s (2 + 2 s^2/3 + 2 s^4/5 + ... + 2 s^16/17)
// to a relative 2e-18 (the first term left out, 2 s^18/19, over 2). t - c is exact for
// t >= 9/32 (Sterbenz), and no 1 + t is formed, so no rounding of a sum near 1 enters. The
// caller supplies 1 / (2 + t + c), which it shares with other reciprocals (sharedReciprocals).
struct UnitLogarithm
{
    V numerator;   // t - c
    V denominator; // 2 + t + c
    V offset;      // log1p(c)

    UnitLogarithm() = default;
    UnitLogarithm(D d, V t)
    {
        constexpr double centre = 9.0 / 16.0;
        const auto upper = hn::Ge(t, hn::Set(d, 9.0 / 32.0));
        numerator = hn::Sub(t, hn::IfThenElseZero(upper, hn::Set(d, centre)));
        denominator = hn::Add(t, hn::IfThenElse(upper, hn::Set(d, 2.0 + centre), hn::Set(d, 2.0)));
        // log(25 / 16) = 2 log(5 / 4), to the double nearest.
        offset = hn::IfThenElseZero(upper, hn::Set(d, 0.44628710262841953));
    }

    // The value, given the reciprocal of the denominator.
    V value(D d, V reciprocal) const
    {
        const V s = hn::Mul(numerator, reciprocal);
        const V s2 = hn::Mul(s, s);
        V series = hn::Set(d, 2.0 / 17.0);
        for (const double coefficient :
             {2.0 / 15.0, 2.0 / 13.0, 2.0 / 11.0, 2.0 / 9.0, 2.0 / 7.0, 2.0 / 5.0, 2.0 / 3.0, 2.0})
            series = hn::MulAdd(series, s2, hn::Set(d, coefficient));
        return hn::MulAdd(s, series, offset);
    }
};

// The parts of exp(x) = 2^n (1 + expm1(r)) with x = n log(2) + r and |r| <= log(2) / 2, for
// x in [-40, 700] (the callers clamp it). Adding 1.5 * 2^52 rounds x / log(2) to the integer
// n, which then sits in the low bits. log(2) split into two doubles keeps r accurate.
// expm1(r) = r + r^2 P(r) with P of degree 9, fitted by least squares to (expm1(r) - r) / r^2
// at 200 Chebyshev points with mpmath: in double precision r + r^2 P(r) is within 2.3e-16
// relative of expm1 over the whole interval.
struct ExponentParts
{
    V power;     // 2^n
    V remainder; // expm1(r)

    ExponentParts(D d, V x)
    {
        const hn::RebindToSigned<D> di;
        const V shifter = hn::Set(d, 6755399441055744.0);
        const V shifted = hn::MulAdd(x, hn::Set(d, 1.4426950408889634), shifter);
        const V n = hn::Sub(shifted, shifter);
        V r = hn::NegMulAdd(n, hn::Set(d, 0.6931471805599453), x);
        r = hn::NegMulAdd(n, hn::Set(d, 2.3190468138462996e-17), r);
        V series = hn::Set(d, 2.5105217695684516e-08);
        for (const double coefficient :
             {2.762008948195459e-07, 2.755725539833871e-06, 2.4801521293463862e-05,
              0.00019841269874822307, 0.0013888888917215586, 0.008333333333326134,
              0.04166666666662412, 0.1666666666666667, 0.5000000000000001})
            series = hn::MulAdd(series, r, hn::Set(d, coefficient));
        remainder = hn::MulAdd(hn::Mul(r, r), series, r);
        // n shifted into the exponent field, plus the bits of 1.0 for the bias.
        power = hn::BitCast(d, hn::Add(hn::ShiftLeft<52>(hn::BitCast(di, shifted)),
                                       hn::BitCast(di, hn::Set(d, 1.0))));
    }
};

// expm1(x) for x clamped to [-40, 700], cheaper than Highway's Expm1, which also handles the
// range beyond. Below -40, expm1(x) rounds to -1 in double precision; above 700 the callers
// switch to a logarithmic form. expm1(x) = 2^n expm1(r) + (2^n - 1) in one fused
// multiply-add: for n = 0 it keeps expm1's relative accuracy near 0, and for n != 0 the sum
// cannot cancel, since 1 + expm1(r) >= 0.7. In a check against glibc's expm1 on 4 million
// arguments of both signs, 1e-320 to 700 in magnitude, it differed by at most 2.7e-16 relative.
V boundedExpm1(D d, V x)
{
    const ExponentParts parts(d, hn::Min(hn::Max(x, hn::Set(d, -40.0)), hn::Set(d, 700.0)));
    return hn::MulAdd(parts.power, parts.remainder, hn::Sub(parts.power, hn::Set(d, 1.0)));
}

// 1 - exp(x) = -expm1(x) for x <= 0, as boundedExpm1 but without its upper clamp and sign change.
V oneMinusExp(D d, V x)
{
    const ExponentParts parts(d, hn::Max(x, hn::Set(d, -40.0)));
    const V one = hn::Set(d, 1.0);
    return hn::NegMulAdd(parts.power, parts.remainder, hn::Sub(one, parts.power));
}

using vectormath::reciprocal;
using vectormath::squareRootAtLeastOne;

// Computes 1 / p[k] for Count positive values with one division. With the prefix products
// q_k = p_0 ... p_k and R = 1 / q_{n-1}, 1 / p_k = R q_{k-1} (p_{k+1} ... p_{n-1}), walked
// backwards. Each result carries about 3 Count roundings, an estimated 1.4e-15 relative for
// Count = 4.
// The caller keeps the product in range (here each p lies in [2, 8]).
template <int Count> void sharedReciprocals(D d, const V *values, V *reciprocals)
{
    V prefix[Count];
    prefix[0] = values[0];
    for (int k = 1; k < Count; ++k)
        prefix[k] = hn::Mul(prefix[k - 1], values[k]);
    V rest = hn::Div(hn::Set(d, 1.0), prefix[Count - 1]);
    for (int k = Count - 1; k > 0; --k) {
        reciprocals[k] = hn::Mul(rest, prefix[k - 1]);
        rest = hn::Mul(rest, values[k]);
    }
    reciprocals[0] = rest;
}

// Each shape gives the loss at the kernels' input x (the scaled error for regression, the
// logit or the margin for classification) and declares what else it needs:
// - usesExponentials: exp(x) and exp(-x), passed as products (see LandscapeKernel);
// - logProduct: the shape's value is sum + logWeight * sum_i log1p(q_i), and value() returns
//   q_i through its last argument. factorsPerLogarithm bounds the factors of one product, so
//   that it cannot overflow, and returns 0 where the product cannot be used.
struct PlainShape
{
    static constexpr int interceptsPerPass = 4;
    // Whether sumChunk forms the error (w x + b) - y with a multiply-add instead of a
    // subtraction. Shapes without this member use the subtraction.
    static constexpr bool errorOnMultiplyAdd = false;
    static constexpr bool usesExponentials = false;
    static constexpr bool logProduct = false;
    double logWeight = 0.0;
    int factorsPerLogarithm(double) const { return maximumFactorsPerLogarithm; }
};

struct SquaredErrorShape : PlainShape
{
    V value(D, V x, V, V, V &) const { return hn::Mul(x, x); }
};

struct AbsoluteErrorShape : PlainShape
{
    V value(D, V x, V, V, V &) const { return hn::Abs(x); }
};

struct HuberShape : PlainShape
{
    // Its kernel keeps the adders busier than the multiply-add units, so the error's
    // subtraction goes to the multiply-add units (see sumChunk).
    static constexpr bool errorOnMultiplyAdd = true;
    double delta;
    V value(D d, V x, V, V, V &) const
    {
        // a (|x| - a / 2) with a = min(|x|, delta), as HuberLoss.
        const V magnitude = hn::Abs(x);
        const V clipped = hn::Min(magnitude, hn::Set(d, delta));
        return hn::Mul(clipped, hn::NegMulAdd(hn::Set(d, 0.5), clipped, magnitude));
    }
    // sum + value(x), with the product and the sum fused into one instruction.
    V accumulate(D d, V x, V sum) const
    {
        const V magnitude = hn::Abs(x);
        const V clipped = hn::Min(magnitude, hn::Set(d, delta));
        return hn::MulAdd(clipped, hn::NegMulAdd(hn::Set(d, 0.5), clipped, magnitude), sum);
    }
};

struct SmoothL1Shape : PlainShape
{
    double beta;
    V value(D d, V x, V, V, V &) const
    {
        // For beta = 0 the quadratic lanes hold inf or NaN, but none is selected.
        const V magnitude = hn::Abs(x);
        const V quadratic =
            hn::Mul(hn::Mul(hn::Set(d, 0.5), x), hn::Mul(x, hn::Set(d, 1.0 / beta)));
        const V linear = hn::Sub(magnitude, hn::Set(d, 0.5 * beta));
        return hn::IfThenElse(hn::Lt(magnitude, hn::Set(d, beta)), quadratic, linear);
    }
};

struct QuantileShape : PlainShape
{
    double tau;
    V value(D d, V x, V, V, V &) const
    {
        return hn::IfThenElse(hn::Lt(x, hn::Zero(d)), hn::Mul(hn::Set(d, -tau), x),
                              hn::Mul(hn::Set(d, 1.0 - tau), x));
    }
};

struct EpsilonInsensitiveShape : PlainShape
{
    double epsilon;
    V value(D d, V x, V, V, V &) const
    {
        return hn::Max(hn::Zero(d), hn::Sub(hn::Abs(x), hn::Set(d, epsilon)));
    }
};

struct TukeyShape : PlainShape
{
    double c;
    V value(D d, V x, V, V, V &) const
    {
        // x^2 (3 + u (u - 3)) / 6 with u = (x / c)^2 inside, c^2 / 6 outside, as TukeyLoss.
        // Multiplications by 1 / c and 1 / 6 replace the divisions, at a rounding's cost.
        const V ratio = hn::Mul(x, hn::Set(d, 1.0 / c));
        const V u = hn::Mul(ratio, ratio);
        const V inner = hn::MulAdd(u, hn::Sub(u, hn::Set(d, 3.0)), hn::Set(d, 3.0));
        const V inside = hn::Mul(hn::Mul(hn::Mul(x, x), inner), hn::Set(d, 1.0 / 6.0));
        return hn::IfThenElse(hn::Lt(hn::Abs(x), hn::Set(d, c)), inside, hn::Set(d, c * c / 6.0));
    }
};

struct GemanMcClureShape : PlainShape
{
    V value(D d, V x, V, V, V &) const
    {
        const V s = hn::Mul(x, x);
        const V four = hn::Set(d, 4.0);
        // A division: reciprocal() made this kernel slower (87 ms against 68 ms at N = 10,000,
        // G = 200), because the divider was not its bottleneck.
        const V p = hn::Div(four, hn::Add(s, four));
        const V two = hn::Set(d, 2.0);
        return hn::IfThenElse(hn::Lt(s, four), hn::Mul(hn::Mul(hn::Set(d, 0.5), s), p),
                              hn::NegMulAdd(two, p, two));
    }
};

struct WelschShape : PlainShape
{
    V value(D d, V x, V, V, V &) const
    {
        return oneMinusExp(d, hn::Mul(hn::Set(d, -0.5), hn::Mul(x, x)));
    }
};

// Looks up table[index & 15] in a 16-entry table. AVX-512 does it with one two-register
// permutation, which reads only the index's low 4 bits. Narrower vectors use a gather.
HWY_INLINE V lookupSixteen(D d, const std::array<double, 16> &table, hn::Vec<hn::RebindToSigned<D>> index)
{
#if HWY_ARCH_X86 && HWY_TARGET <= HWY_AVX3
    if constexpr (hn::MaxLanes(D()) == 8) {
        const V low = hn::Load(d, table.data());
        const V high = hn::Load(d, table.data() + 8);
        return V{_mm512_permutex2var_pd(low.raw, index.raw, high.raw)};
    }
#endif
    const hn::RebindToSigned<D> di;
    return hn::GatherIndex(d, table.data(), hn::And(index, hn::Set(di, int64_t{15})));
}

// The mantissa of u > 0, in [1, 2): one instruction with AVX-512, two bit operations elsewhere.
HWY_INLINE V mantissaOf(D d, V u)
{
#if HWY_ARCH_X86 && HWY_TARGET <= HWY_AVX3
    if constexpr (hn::MaxLanes(D()) == 8)
        return V{_mm512_getmant_pd(u.raw, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_src)};
#endif
    const hn::RebindToUnsigned<D> du;
    const auto bits = hn::BitCast(du, u);
    return hn::BitCast(d, hn::Or(hn::And(bits, hn::Set(du, uint64_t{0x000FFFFFFFFFFFFF})),
                                 hn::Set(du, uint64_t{0x3FF0000000000000})));
}

// Computes (1 + q_k)^a - 1 from PowerTables for Chunk vectors of q >= 0 at once, so that the
// series' multiply-adds of the Chunk vectors interleave. Returns false, leaving result alone,
// when a lane has 1 + q at or beyond 2^exponentLimit or not finite, so that the caller takes the
// general form. Where every E is below 16, 2^(16 a e1) is 1 and its table is skipped.
template <int Chunk>
HWY_INLINE bool tablePowersMinusOne(D d, const PowerTables &tables, const V *q, V *result)
{
    const hn::RebindToSigned<D> di;
    const hn::RebindToUnsigned<D> du;
    using VI = hn::Vec<decltype(di)>;
    const V one = hn::Set(d, 1.0);
    V u[Chunk];
    // The biased exponents E + 1023. Since u >= 1 is positive, its bits shifted right by 52
    // are exactly that. The tables' range is checked on the largest of them.
    VI biased[Chunk];
    for (int k = 0; k < Chunk; ++k) {
        u[k] = hn::Add(one, q[k]);
        biased[k] = hn::BitCast(di, hn::ShiftRight<52>(hn::BitCast(du, u[k])));
    }
    VI largest = biased[0];
    for (int k = 1; k < Chunk; ++k)
        largest = hn::Max(largest, biased[k]);
    if (!hn::AllTrue(di, hn::Lt(largest, hn::Set(di, int64_t{1023 + tables.exponentLimit}))))
        return false;
    V r[Chunk];
    VI interval[Chunk];
    for (int k = 0; k < Chunk; ++k) {
        const auto bits = hn::BitCast(du, u[k]);
        interval[k] = hn::BitCast(di, hn::ShiftRight<48>(bits));
        const V inverse = lookupSixteen(d, tables.inverse, interval[k]);
        const V reducedArgument = hn::MulSub(mantissaOf(d, u[k]), inverse, one);
        // Below 1 + q = 17/16, c_j is 1 and r is q itself, because u = 1 + q has lost the low
        // bits of q. Elsewhere the rounding of u, at most 2^-53 u, changes u^a - 1 by at most
        // (1 / ln u + max(a, 0)) 2^-53 of its value (from 1 - e^-x >= x / (1 + x) for a > 0,
        // and u^|a| - 1 >= |a| ln u for a < 0). That is under 1e-14 for a < 70.
        r[k] = hn::IfThenElse(hn::Lt(u[k], hn::Set(d, 17.0 / 16.0)), q[k], reducedArgument);
    }
    V series[Chunk];
    for (int k = 0; k < Chunk; ++k)
        series[k] = hn::Set(d, tables.series[tables.terms - 1]);
    for (int i = tables.terms - 2; i >= 0; --i) {
        const V coefficient = hn::Set(d, tables.series[i]);
        for (int k = 0; k < Chunk; ++k)
            series[k] = hn::MulAdd(series[k], r[k], coefficient);
    }
    const bool small = hn::AllTrue(di, hn::Lt(largest, hn::Set(di, int64_t{1023 + 16})));
    for (int k = 0; k < Chunk; ++k) {
        // With P = (1 / c_j)^a - 1, the mantissa's share (1 + P)(1 + r Q) - 1 is written as
        // P + ((1 + P) r) Q, two multiply-adds. Both terms have the sign of a, so none cancels.
        const V part = lookupSixteen(d, tables.mantissaPart, interval[k]);
        const V mantissaShare = hn::MulAdd(hn::MulAdd(part, r[k], r[k]), series[k], part);
        // The low table is indexed by E + 1023 modulo 16 (see PowerTables).
        V total = lookupSixteen(d, tables.lowExponentPart, biased[k]);
        if (!small) {
            const VI exponent = hn::Sub(biased[k], hn::Set(di, int64_t{1023}));
            const V high = lookupSixteen(d, tables.highExponentPart, hn::ShiftRight<4>(exponent));
            total = hn::MulAdd(total, high, hn::Add(total, high));
        }
        result[k] = hn::MulAdd(total, mantissaShare, hn::Add(total, mantissaShare));
    }
    return true;
}

// Barron's general loss at t = e / c: with s = t^2, b = |alpha - 2| and q = s / b,
//   rho = (b / alpha) ((1 + q)^(alpha / 2) - 1) = (b / alpha) expm1((alpha / 2) log1p(q)),
// which keeps its relative accuracy as q or alpha tends to 0, since expm1 and log1p do.
// BarronLoss writes the same value as H expm1(E) / E with H = (b / 2) log1p(q) and
// E = (alpha / b) H; the form here saves its division. The limits alpha = 2 (s / 2),
// alpha = 0 ((b / 2) log1p(q)) and alpha = -inf (-expm1(-s / 2)) are the loss's.
struct BarronShape : PlainShape
{
    static constexpr int interceptsPerPass = 8;
    static constexpr bool sharesIntercepts = true;
    double alpha;
    // Tables for (1 + q)^(alpha / 2) - 1 (see PowerTables). The logarithm and exponential of
    // logarithmicValue remain for huge q and for alpha beyond the tables' reach.
    PowerTables tables;
    double quotientScale; // 1 / b, so that q = s quotientScale
    // b / alpha where the tables apply: accumulateChunk then sums (1 + q)^(alpha / 2) - 1 and
    // the caller multiplies each sum once. 1 elsewhere.
    double plainWeight;

    // Builds the shape for alpha, with its tables and weight.
    static BarronShape create(double alpha)
    {
        BarronShape shape{{}, alpha, barronPowerTables(alpha), 1.0 / std::abs(alpha - 2.0), 1.0};
        if (shape.tabled())
            shape.plainWeight = std::abs(alpha - 2.0) / alpha;
        return shape;
    }

    // Whether the tables apply: alpha is finite, has tables, and differs from the shapes that
    // value() writes without a power (2, 1 and -2).
    bool tabled() const
    {
        return tables.exponentLimit > 0 && alpha != 2.0 && alpha != 1.0 && alpha != -2.0 &&
               std::isfinite(alpha);
    }

    template <int Chunk>
    HWY_INLINE void accumulateChunk(D d, const V *t, const V *, const V *, V *sums) const
    {
        if (tabled()) {
            V q[Chunk];
            V power[Chunk];
            for (int k = 0; k < Chunk; ++k)
                q[k] = hn::Mul(hn::Mul(t[k], t[k]), hn::Set(d, quotientScale));
            if (tablePowersMinusOne<Chunk>(d, tables, q, power)) {
                for (int k = 0; k < Chunk; ++k)
                    sums[k] = hn::Add(sums[k], power[k]);
                return;
            }
            // A lane beyond the tables: the general form, in units of the weight b / alpha
            // that the caller applies to the sum.
            const V inverseWeight = hn::Set(d, 1.0 / plainWeight);
            for (int k = 0; k < Chunk; ++k)
                sums[k] = hn::MulAdd(logarithmicValue(d, t[k], q[k]), inverseWeight, sums[k]);
            return;
        }
        for (int k = 0; k < Chunk; ++k)
            sums[k] = hn::Add(sums[k], value(d, t[k]));
    }

    // Computes the value where the tables do not apply.
    HWY_INLINE V value(D d, V t) const
    {
        const V s = hn::Mul(t, t);
        if (alpha == 2.0)
            return hn::Mul(hn::Set(d, 0.5), s);
        if (std::isinf(alpha))
            return oneMinusExp(d, hn::Mul(hn::Set(d, -0.5), s));
        // Two common shapes without logarithm and exponential: alpha = 1 (pseudo-Huber),
        // sqrt(1 + s) - 1 = s / (sqrt(1 + s) + 1), and alpha = -2, 2 s / (s + 4) written as
        // 2 / (1 + 4 / s). Where s overflows (|t| > 1.3e154) they are |t| and 2 to rounding.
        if (alpha == 1.0) {
            const V one = hn::Set(d, 1.0);
            const V infinity = hn::Set(d, std::numeric_limits<double>::infinity());
            const V root = squareRootAtLeastOne(d, hn::Add(one, s));
            const V value = hn::Mul(s, reciprocal(d, hn::Add(root, one)));
            return hn::IfThenElse(hn::Eq(s, infinity), hn::Abs(t), value);
        }
        if (alpha == -2.0) {
            const V two = hn::Set(d, 2.0);
            return hn::Div(two, hn::Add(hn::Set(d, 1.0), hn::Div(hn::Set(d, 4.0), s)));
        }
        return logarithmicValue(d, t, hn::Mul(s, hn::Set(d, quotientScale)));
    }

    // The value from log1p and expm1, for alpha = 0, for alpha beyond the tables and for huge q.
    // Kept out of line, so that the tables' path above stays small enough to inline.
    HWY_NOINLINE V logarithmicValue(D d, V t, V q) const
    {
        const double b = std::abs(alpha - 2.0);
        V logarithm = hn::Log1p(d, q);
        const V infinity = hn::Set(d, std::numeric_limits<double>::infinity());
        const auto overflowed = hn::Eq(q, infinity);
        if (!hn::AllFalse(d, overflowed)) {
            // Only when s / b overflows: there log1p(s / b) = 2 log|t| - log(b) to rounding,
            // whether s itself overflowed or not.
            const V logarithmOfMagnitude = hn::Log(d, hn::Abs(t));
            logarithm = hn::IfThenElse(
                overflowed,
                hn::MulSub(hn::Set(d, 2.0), logarithmOfMagnitude, hn::Set(d, std::log(b))),
                logarithm);
        }
        if (alpha == 0.0)
            return hn::Mul(hn::Set(d, 0.5 * b), logarithm);
        const V exponent = hn::Mul(hn::Set(d, 0.5 * alpha), logarithm);
        V result = hn::Mul(hn::Set(d, b / alpha), boundedExpm1(d, exponent));
        // expm1(E) overflows above about 709.8 while (b / alpha) expm1(E) may be finite.
        const auto large = hn::Gt(exponent, hn::Set(d, 700.0));
        if (!hn::AllFalse(d, large)) {
            const V logarithmic = hn::Exp(d, hn::Add(exponent, hn::Set(d, std::log(b / alpha))));
            result = hn::IfThenElse(large, logarithmic, result);
        }
        // t itself overflows: the loss's limits, b / |alpha| for alpha < 0 and infinity above.
        const auto unbounded = hn::Eq(hn::Abs(t), infinity);
        if (!hn::AllFalse(d, unbounded)) {
            const double limit = alpha < 0.0 ? b / -alpha : std::numeric_limits<double>::infinity();
            result = hn::IfThenElse(unbounded, hn::Set(d, limit), result);
        }
        return result;
    }
};

// log1p(x^2 / 2) summed as the logarithm of a product.
struct CauchyShape
{
    static constexpr int interceptsPerPass = 4;
    static constexpr bool usesExponentials = false;
    static constexpr bool logProduct = true;
    double logWeight = 1.0;
    V value(D d, V x, V, V, V &factor) const
    {
        factor = hn::Mul(hn::Set(d, 0.5), hn::Mul(x, x));
        return hn::Zero(d);
    }
    // With |x| <= bound every factor 1 + q is at most 1 + bound^2 / 2, and a product of F of
    // them stays below e^690.
    int factorsPerLogarithm(double bound) const
    {
        if (!(bound <= 1e150))
            return 0;
        const double logFactor = std::log1p(0.5 * bound * bound);
        if (logFactor <= 690.0 / maximumFactorsPerLogarithm)
            return maximumFactorsPerLogarithm;
        return std::max(1, static_cast<int>(690.0 / logFactor));
    }
};

// log cosh x. Near 0 the series x^2/2 - x^4/12 + x^6/45 - 17 x^8/2520 + 31 x^10/14175
// - 691 x^12/935550, whose next term is below 1e-15 of the value for |x| < 0.1; elsewhere
// log1p(q) with q = cosh x - 1, summed as the logarithm of a product. There q >= 0.005 and its
// rounding (about 4e-16 absolute) is at most 1e-13 of it, as log(cosh x) costs.
struct LogCoshShape
{
    static constexpr int interceptsPerPass = 4;
    static constexpr bool usesExponentials = true;
    static constexpr bool logProduct = true;
    double logWeight = 1.0;
    V value(D d, V x, V expPlus, V expMinus, V &factor) const
    {
        const V s = hn::Mul(x, x);
        V series = hn::Set(d, -691.0 / 935550.0);
        for (const double coefficient :
             {31.0 / 14175.0, -17.0 / 2520.0, 1.0 / 45.0, -1.0 / 12.0, 0.5})
            series = hn::MulAdd(series, s, hn::Set(d, coefficient));
        series = hn::Mul(series, s);
        const V excess = hn::MulSub(hn::Set(d, 0.5), hn::Add(expPlus, expMinus), hn::Set(d, 1.0));
        const auto near = hn::Lt(hn::Abs(x), hn::Set(d, 0.1));
        factor = hn::IfThenZeroElse(near, excess);
        return hn::IfThenElseZero(near, series);
    }
    // The same value without the exponentials of products, for errors so large that those
    // would overflow: log cosh x = |x| - log 2 + log1p(e^-2|x|), with the series near 0. Below
    // |x| = 1 the subtraction loses up to about 7 bits of the value, well within 1e-12.
    V directValue(D d, V x) const
    {
        const V magnitude = hn::Abs(x);
        // For |x| >= 19, log1p(e^-2|x|) <= e^-38 is below 2e-18 of |x| - log 2, so it would not
        // change the rounded value. A small residual scale puts most errors there.
        if (hn::AllTrue(d, hn::Ge(magnitude, hn::Set(d, 19.0))))
            return hn::Sub(magnitude, hn::Set(d, std::numbers::ln2));
        V unused;
        const V zero = hn::Zero(d);
        const V series = value(d, x, zero, zero, unused);
        const V far = hn::Add(hn::Sub(magnitude, hn::Set(d, std::numbers::ln2)),
                              hn::Log1p(d, hn::Exp(d, hn::Mul(hn::Set(d, -2.0), magnitude))));
        return hn::IfThenElse(hn::Lt(magnitude, hn::Set(d, 0.1)), series, far);
    }
    // 1 + q = cosh x <= e^|x|, so F factors stay below e^690 when F |x| <= 690.
    int factorsPerLogarithm(double bound) const
    {
        if (bound <= 690.0 / maximumFactorsPerLogarithm)
            return maximumFactorsPerLogarithm;
        return std::max(1, static_cast<int>(690.0 / bound));
    }
};

// a softplus(-z) + c softplus(z) = a max(-z, 0) + c max(z, 0) + (a + c) log1p(exp(-|z|)),
// the log terms summed as the logarithm of a product.
struct BinaryCrossEntropyShape
{
    static constexpr int interceptsPerPass = 4;
    static constexpr bool usesExponentials = true;
    static constexpr bool logProduct = true;
    double first;
    double second;
    double logWeight;
    V value(D d, V x, V expPlus, V expMinus, V &factor) const
    {
        factor = hn::Min(expPlus, expMinus);
        const V zero = hn::Zero(d);
        return hn::MulAdd(hn::Set(d, first), hn::Max(hn::Neg(x), zero),
                          hn::Mul(hn::Set(d, second), hn::Max(x, zero)));
    }
    int factorsPerLogarithm(double) const { return maximumFactorsPerLogarithm; }
};

// w softplus(-m) s(-m)^gamma at the margin m, with t = e^-|m| and L = log1p(t):
//   softplus(-m) = max(-m, 0) + L,   s(-m) = t / (1 + t) for m >= 0 and 1 / (1 + t) below.
// For an integer gamma the power is a product. Otherwise s(-m)^gamma = exp(-gamma softplus(m))
// with softplus(m) = max(m, 0) + L. The reciprocals 1 / (1 + t) and the logarithm's
// 1 / (2 + t + c) of all Chunk intercepts come from one division (sharedReciprocals), which
// costs about as much as the rest of the loss. The class weight w multiplies the sum instead
// of each term (plainWeight).
struct FocalShape : PlainShape
{
    static constexpr int interceptsPerPass = 4;
    static constexpr bool usesExponentials = true;
    static constexpr bool sharesIntercepts = true;
    // The far forms of accumulateFarChunk, from the farthest samples inwards.
    static constexpr int farTerms[] = {3, 6, 9, 12};
    double gamma;
    double plainWeight;

    template <int Chunk>
    void accumulateChunk(D d, const V *x, const V *expPlus, const V *expMinus, V *sums) const
    {
        const V one = hn::Set(d, 1.0);
        V t[Chunk];
        V onePlusT[Chunk];
        V products[2 * Chunk];
        UnitLogarithm logarithms[Chunk];
        for (int k = 0; k < Chunk; ++k) {
            t[k] = hn::Min(expPlus[k], expMinus[k]);
            logarithms[k] = UnitLogarithm(d, t[k]);
            onePlusT[k] = hn::Add(one, t[k]);
            products[k] = hn::Mul(onePlusT[k], logarithms[k].denominator);
        }
        sharedReciprocals<Chunk>(d, products, products + Chunk);
        for (int k = 0; k < Chunk; ++k) {
            const V reciprocal = products[Chunk + k];
            const V logarithm = logarithms[k].value(d, hn::Mul(reciprocal, onePlusT[k]));
            const V inverse = hn::Mul(reciprocal, logarithms[k].denominator);
            sums[k] = addTerm(d, x[k], expMinus[k], logarithm, inverse, sums[k]);
        }
    }

    // As accumulateChunk where every margin of the pass has |m| >= farMargin(Terms), so that
    // t <= e^-|m| is small enough for Terms + 1 terms of two Taylor series to be exact:
    //   1 / (1 + t) = 1 - t + t^2 - ... + (-t)^Terms,     error below t^(Terms + 1),
    //   log1p(t) = t (1 - t/2 + t^2/3 - ... + (-t)^Terms / (Terms + 1)),
    // the relative error of the second below t^(Terms + 1) / (Terms + 2). Neither needs a
    // division, and together they cost about half of the logarithm and reciprocals above.
    template <int Chunk, int Terms>
    void accumulateFarChunk(D d, const V *x, const V *expPlus, const V *expMinus, V *sums) const
    {
        for (int k = 0; k < Chunk; ++k) {
            const V t = hn::Min(expPlus[k], expMinus[k]);
            V inverse = hn::Set(d, Terms % 2 == 0 ? 1.0 : -1.0);
            V series = hn::Set(d, (Terms % 2 == 0 ? 1.0 : -1.0) / (Terms + 1));
            for (int n = Terms - 1; n >= 0; --n) {
                const double sign = n % 2 == 0 ? 1.0 : -1.0;
                inverse = hn::MulAdd(inverse, t, hn::Set(d, sign));
                series = hn::MulAdd(series, t, hn::Set(d, sign / (n + 1)));
            }
            sums[k] = addTerm(d, x[k], expMinus[k], hn::Mul(t, series), inverse, sums[k]);
        }
    }

    // The smallest |m| at which accumulateFarChunk<Terms> may be used: there
    // t^(Terms + 1) <= e^-(Terms + 1) |m| <= 2^-53, half a unit in the last place.
    static constexpr double farMargin(int terms) { return 36.75 / (terms + 1); }

    // sum + w' softplus(-m) s(-m)^gamma from log1p(t) and 1 / (1 + t).
    V addTerm(D d, V x, V expMinus, V logarithm, V inverse, V sum) const
    {
        const V one = hn::Set(d, 1.0);
        const V zero = hn::Zero(d);
        // max(-m, 0) = -min(m, 0).
        const V softplusNegative = hn::Sub(logarithm, hn::Min(x, zero));
        const int power = static_cast<int>(gamma);
        V focus;
        if (power == gamma) {
            // s(-m) = (1 / (1 + t)) min(1, e^-m): t for m >= 0, 1 below.
            const V complement = hn::Mul(inverse, hn::Min(one, expMinus));
            if (power == 2) {
                // The default, without the loop below.
                focus = hn::Mul(complement, complement);
            } else {
                focus = one;
                V factor = complement;
                for (int bits = power; bits > 0; bits >>= 1) {
                    if (bits & 1)
                        focus = hn::Mul(focus, factor);
                    if (bits > 1)
                        factor = hn::Mul(factor, factor);
                }
            }
        } else {
            const V softplusPositive = hn::Add(hn::Max(x, zero), logarithm);
            focus = hn::Exp(d, hn::Mul(hn::Set(d, -gamma), softplusPositive));
        }
        return hn::MulAdd(softplusNegative, focus, sum);
    }
};

struct HingeShape : PlainShape
{
    V value(D d, V x, V, V, V &) const { return hn::Max(hn::Zero(d), hn::Sub(hn::Set(d, 1.0), x)); }
};

struct SquaredHingeShape : PlainShape
{
    V value(D d, V x, V, V, V &) const
    {
        const V gap = hn::Max(hn::Zero(d), hn::Sub(hn::Set(d, 1.0), x));
        return hn::Mul(gap, gap);
    }
};

struct ModifiedHuberShape : PlainShape
{
    V value(D d, V x, V, V, V &) const
    {
        const V gap = hn::Max(hn::Zero(d), hn::Sub(hn::Set(d, 1.0), x));
        return hn::IfThenElse(hn::Lt(x, hn::Set(d, -1.0)), hn::Mul(hn::Set(d, -4.0), x),
                              hn::Mul(gap, gap));
    }
};

struct ExponentialShape : PlainShape
{
    static constexpr bool usesExponentials = true;
    V value(D, V, V, V expMinus, V &) const { return expMinus; }
};

struct ZeroOneShape : PlainShape
{
    V value(D d, V x, V, V, V &) const
    {
        return hn::IfThenElseZero(hn::Le(x, hn::Zero(d)), hn::Set(d, 1.0));
    }
};

// Bands of a block's samples around the decision boundary, for margins m = u_i + b with b in
// [lowest, highest]: outside band k every margin has |m| >= bounds[k]. Inputs u_i in
// increasing (order > 0) or decreasing (order < 0) order pass the interval
// [-bound - highest, bound - lowest] in one stretch, so the samples before and after it are
// those far from the boundary. Each edge is walked from its last place. The intercepts of a
// row come in order, so the edges move little from one pass to the next, and a bisection per
// pass cost a tenth of the loss.
template <size_t Tiers> class MarginBands
{
public:
    MarginBands(const double *inputs, size_t count, int order, size_t lanes,
                const std::array<double, Tiers> &bounds)
        : m_inputs(inputs), m_count(count), m_order(order), m_lanes(lanes), m_bounds(bounds)
    {
        m_edges.fill({0, count});
    }

    // Sets the bands for intercepts in [lowest, highest].
    void update(double lowest, double highest)
    {
        for (size_t tier = 0; tier < Tiers; ++tier) {
            const double below = -m_bounds[tier] - highest;
            const double above = m_bounds[tier] - lowest;
            auto &[begin, end] = m_edges[tier];
            if (m_order > 0) {
                walk(begin, [&](double u) { return u > below; });
                walk(end, [&](double u) { return u >= above; });
            } else {
                walk(begin, [&](double u) { return u < above; });
                walk(end, [&](double u) { return u <= below; });
            }
        }
    }

    // Band k in whole vectors, grown outwards to vector boundaries and kept inside band k - 1.
    std::pair<size_t, size_t> band(size_t tier) const
    {
        size_t begin = m_edges[tier].first - m_edges[tier].first % m_lanes;
        size_t end = std::min(m_count, (m_edges[tier].second + m_lanes - 1) / m_lanes * m_lanes);
        if (tier > 0) {
            const auto outer = band(tier - 1);
            begin = std::max(begin, outer.first);
            end = std::min(end, outer.second);
        }
        return {begin, std::max(begin, end)};
    }

private:
    // Moves `edge` to the first sample where `after` holds; `after` is false, then true.
    template <class Predicate> void walk(size_t &edge, Predicate after) const
    {
        while (edge > 0 && after(m_inputs[edge - 1]))
            --edge;
        while (edge < m_count && !after(m_inputs[edge]))
            ++edge;
    }

    const double *m_inputs;
    size_t m_count;
    int m_order;
    size_t m_lanes;
    std::array<double, Tiers> m_bounds;
    std::array<std::pair<size_t, size_t>, Tiers> m_edges;
};

// The far-form bands a shape uses, or nothing.
template <class Shape> struct FarBands
{
    using Type = std::nullptr_t;
};
template <class Shape>
requires requires
{
    Shape::farTerms;
}
struct FarBands<Shape>
{
    using Type = MarginBands<std::size(Shape::farTerms)>;
};

// Sums the shape over the first `count` samples of the block (a multiple of the lane count)
// for Chunk intercepts at once: each sample vector is loaded once for all of them, and the
// Chunk accumulators are independent chains.
// For regression, inputs contains w x and the kernel forms ((w x + b) - y) / s as the
// per-sample loop does, so that errors near 0 are rounded alike. For classification, inputs
// contains the margin's (2 y - 1) w x.
// The input's form, fixed per loop so that the loop has no test: the margin's, the error's, or
// the error's divided by a residual scale other than 1.
enum class InputForm { Margin, Error, ScaledError };

template <int Chunk, InputForm Form, class Shape>
void sumChunk(const Shape &shape, const double *targets, double inverseScale, const double *inputs,
              const typename FarBands<Shape>::Type *bands,
              const std::pair<size_t, size_t> *nearBand, const double *expPlus,
              const double *expMinus, size_t count, const double *shifted,
              const double *shiftedExpPlus, const double *shiftedExpMinus, int factorsPerLogarithm,
              double *plainSums, double *logSums)
{
    const D d;
    const size_t lanes = hn::Lanes(d);
    V plain[Chunk];
    V product[Chunk];
    V logarithms[Chunk];
    V intercept[Chunk];
    V interceptPlus[Chunk];
    V interceptMinus[Chunk];
    for (int k = 0; k < Chunk; ++k) {
        plain[k] = hn::Zero(d);
        product[k] = hn::Zero(d);
        logarithms[k] = hn::Zero(d);
        intercept[k] = hn::Set(d, shifted[k]);
        if constexpr (Shape::usesExponentials) {
            interceptPlus[k] = hn::Set(d, shiftedExpPlus[k]);
            interceptMinus[k] = hn::Set(d, shiftedExpMinus[k]);
        } else {
            interceptPlus[k] = interceptMinus[k] = hn::Zero(d);
        }
    }
    const V scale = hn::Set(d, inverseScale);
    if constexpr (requires { Shape::sharesIntercepts; }) {
        // Shapes that share work between the intercepts of a pass, in one loop per stretch of
        // samples: Terms > 0 for the far form with that many terms, 0 for the full one.
        const auto pass = [&](auto terms, size_t begin, size_t end) {
            // Local copies, so that the compiler keeps them in registers.
            V sums[Chunk];
            V shift[Chunk];
            V factorPlus[Chunk];
            V factorMinus[Chunk];
            for (int k = 0; k < Chunk; ++k) {
                sums[k] = plain[k];
                shift[k] = intercept[k];
                factorPlus[k] = interceptPlus[k];
                factorMinus[k] = interceptMinus[k];
            }
            for (size_t i = begin; i < end; i += lanes) {
                const V input = hn::Load(d, inputs + i);
                const V plus = hn::Load(d, expPlus + i);
                const V minus = hn::Load(d, expMinus + i);
                V x[Chunk];
                V termPlus[Chunk];
                V termMinus[Chunk];
#pragma GCC unroll 4
                for (int k = 0; k < Chunk; ++k) {
                    x[k] = hn::Add(input, shift[k]);
                    if constexpr (Form != InputForm::Margin)
                        x[k] = hn::Sub(x[k], hn::LoadU(d, targets + i));
                    if constexpr (Form == InputForm::ScaledError)
                        x[k] = hn::Mul(x[k], scale);
                    termPlus[k] = hn::Mul(plus, factorPlus[k]);
                    termMinus[k] = hn::Mul(minus, factorMinus[k]);
                }
                if constexpr (decltype(terms)::value == 0)
                    shape.template accumulateChunk<Chunk>(d, x, termPlus, termMinus, sums);
                else
                    shape.template accumulateFarChunk<Chunk, decltype(terms)::value>(
                        d, x, termPlus, termMinus, sums);
            }
            for (int k = 0; k < Chunk; ++k)
                plain[k] = sums[k];
        };
        bool passed = false;
        if (nearBand) {
            // The caller sums the samples outside the band (focalFarTotals).
            pass(std::integral_constant<int, 0>{}, nearBand->first, nearBand->second);
            passed = true;
        }
        if constexpr (requires { Shape::farTerms; } && Form == InputForm::Margin) {
            if (bands && !passed) {
                // Nested stretches, from the samples farthest from the boundary inwards.
                std::pair<size_t, size_t> outer{0, count};
                [&]<size_t... Tier>(std::index_sequence<Tier...>)
                {
                    (([&] {
                         constexpr int terms = Shape::farTerms[Tier];
                         const auto [begin, end] = bands->band(Tier);
                         pass(std::integral_constant<int, terms>{}, outer.first, begin);
                         pass(std::integral_constant<int, terms>{}, end, outer.second);
                         outer = {begin, end};
                     }()),
                     ...);
                }
                (std::make_index_sequence<std::size(Shape::farTerms)>{});
                pass(std::integral_constant<int, 0>{}, outer.first, outer.second);
                passed = true;
            }
        }
        if (!passed)
            pass(std::integral_constant<int, 0>{}, 0, count);
    } else {
        int factors = 0;
        for (size_t i = 0; i < count; i += lanes) {
            const V input = hn::Load(d, inputs + i);
            V plus = hn::Zero(d);
            V minus = hn::Zero(d);
            if constexpr (Shape::usesExponentials) {
                plus = hn::Load(d, expPlus + i);
                minus = hn::Load(d, expMinus + i);
            }
            // Unrolled, so that the accumulators stay in registers.
#pragma GCC unroll 4
            for (int k = 0; k < Chunk; ++k) {
                V factor = hn::Zero(d);
                V x = hn::Add(input, intercept[k]);
                if constexpr (Form != InputForm::Margin) {
                    const V target = hn::LoadU(d, targets + i);
                    // -(y * 1) + (w x + b) rounds once, as the subtraction does, on the
                    // multiply-add units. Shapes whose work is mostly multiply-adds keep the
                    // subtraction.
                    if constexpr (requires { requires Shape::errorOnMultiplyAdd; })
                        x = hn::NegMulAdd(target, hn::Set(d, 1.0), x);
                    else
                        x = hn::Sub(x, target);
                }
                if constexpr (Form == InputForm::ScaledError)
                    x = hn::Mul(x, scale);
                V termPlus = plus;
                V termMinus = minus;
                if constexpr (Shape::usesExponentials) {
                    termPlus = hn::Mul(plus, interceptPlus[k]);
                    termMinus = hn::Mul(minus, interceptMinus[k]);
                }
                if constexpr (requires { shape.accumulate(d, x, plain[k]); })
                    plain[k] = shape.accumulate(d, x, plain[k]);
                else
                    plain[k] = hn::Add(plain[k], shape.value(d, x, termPlus, termMinus, factor));
                if constexpr (Shape::logProduct)
                    product[k] = hn::MulAdd(product[k], factor, hn::Add(product[k], factor));
            }
            if constexpr (Shape::logProduct) {
                if (++factors == factorsPerLogarithm) {
                    for (int k = 0; k < Chunk; ++k) {
                        logarithms[k] = hn::Add(logarithms[k], hn::Log1p(d, product[k]));
                        product[k] = hn::Zero(d);
                    }
                    factors = 0;
                }
            }
        }
    }
    for (int k = 0; k < Chunk; ++k) {
        if constexpr (Shape::logProduct)
            logarithms[k] = hn::Add(logarithms[k], hn::Log1p(d, product[k]));
        plainSums[k] = hn::GetLane(hn::SumOfLanes(d, plain[k]));
        logSums[k] = hn::GetLane(hn::SumOfLanes(d, logarithms[k]));
    }
}

// The focal loss w' softplus(-m) s(-m)^gamma summed over the samples of a block whose margins
// have |m| >= focalSeriesMargin, for every intercept of a row, from power sums of the samples
// instead of one term per sample. With t = e^-|m| <= e^-focalSeriesMargin, two series in t
// converge fast:
//   m <= -T: s(-m)^gamma softplus(-m) = sum_n t^n (g_n (-m) + h_n),
//   m >= T:  s(-m)^gamma softplus(-m) = t^gamma sum_n h_n t^n,
// with (1 + t)^-gamma = sum_n g_n t^n, g_n = binomial(-gamma, n), and
// (1 + t)^-gamma log1p(t) = sum_n h_n t^n. In sorted samples the far ones of each side are a
// run from one end, and with t_i = y_i Z (y_i of the sample relative to a reference sample,
// Z of the intercept) the sum over the run is sum_n Z^n (coefficient times sum_i y_i^n): the
// power sums come from one pass over the samples for all intercepts of the row. Every sum is
// of terms of one sign, scaled so that no power overflows; where the scaling could overflow or
// lose the leading terms, it returns false and the caller sums per sample.
constexpr double focalSeriesMargin = 1.5;
constexpr int focalSeriesMaximumTerms = 40;

template <class Shape>
bool focalFarTotals(const Shape &shape, const BlockJob &job, const double *inputs, int order,
                    const double *expPlus, const double *expMinus, size_t vectorCount, int chunk,
                    std::vector<std::pair<size_t, size_t>> *nearBands, std::vector<double> *totals)
{
    const D d;
    const size_t lanes = hn::Lanes(d);
    const double gamma = shape.gamma;
    if (!(gamma >= 0.0) || vectorCount == 0)
        return false;
    // The coefficients, and the terms after which the rest is below 2^-56 of the leading term
    // at t = e^-T: |g_(n+1)| t^(n+1) and |h_(n+1)| t^n.
    double g[focalSeriesMaximumTerms + 1];
    double h[focalSeriesMaximumTerms + 1];
    const double farLimit = std::exp(-focalSeriesMargin);
    int terms = -1;
    g[0] = 1.0;
    h[0] = 0.0;
    double power = 1.0;
    for (int n = 1; n <= focalSeriesMaximumTerms; ++n) {
        g[n] = -g[n - 1] * (gamma + n - 1) / n;
        h[n] = 0.0;
        for (int k = 1; k <= n; ++k)
            h[n] += (k % 2 == 1 ? 1.0 : -1.0) / k * g[n - k];
        if (std::abs(g[n]) * power * farLimit < 0x1p-56 && std::abs(h[n]) * power < 0x1p-56) {
            terms = n - 1;
            break;
        }
        power *= farLimit;
    }
    if (terms < 1)
        return false;
    const int integerPower = static_cast<int>(gamma);
    const bool integerGamma = integerPower == gamma;

    const Eigen::Index interceptCount = job.interceptCount;
    const size_t groups = static_cast<size_t>((interceptCount + chunk - 1) / chunk);
    const double *shifted = job.shiftedIntercepts;
    nearBands->assign(groups, {0, vectorCount});
    totals->assign(static_cast<size_t>(interceptCount), 0.0);
    // Runs from the negative end (m <= -T) and the positive end (m >= T), in samples.
    std::vector<size_t> negativeRun(groups);
    std::vector<size_t> positiveRun(groups);
    MarginBands<1> bands(inputs, vectorCount, order, lanes, {focalSeriesMargin});
    for (size_t group = 0; group < groups; ++group) {
        const Eigen::Index first = static_cast<Eigen::Index>(group) * chunk;
        const Eigen::Index last = std::min<Eigen::Index>(first + chunk, interceptCount);
        const auto [lowest, highest] = std::minmax_element(shifted + first, shifted + last);
        bands.update(*lowest, *highest);
        const auto band = bands.band(0);
        (*nearBands)[group] = band;
        // Inputs increase from the negative end.
        negativeRun[group] = order > 0 ? band.first : vectorCount - band.second;
        positiveRun[group] = order > 0 ? vectorCount - band.second : band.first;
    }
    // The index of the sample at position p from either end.
    const auto fromNegativeEnd = [&](size_t p) { return order > 0 ? p : vectorCount - 1 - p; };
    const auto fromPositiveEnd = [&](size_t p) { return order > 0 ? vectorCount - 1 - p : p; };
    // The first index of the vector at positions [p, p + lanes) from either end.
    const auto vectorFromNegativeEnd = [&](size_t p) {
        return order > 0 ? p : vectorCount - lanes - p;
    };
    const auto vectorFromPositiveEnd = [&](size_t p) {
        return order > 0 ? vectorCount - lanes - p : p;
    };
    std::vector<size_t> sequence(groups);

    // m <= -T: t_i = e^(u_i + b) = y_i Z with y_i = e^(u_i - r) <= 1 for the reference input
    // r, the largest of the longest run, and Z = e^(r + b); -m_i = (r - u_i) - (r + b).
    const size_t longestNegative = *std::max_element(negativeRun.begin(), negativeRun.end());
    if (longestNegative > 0) {
        const size_t reference = fromNegativeEnd(longestNegative - 1);
        const double referenceInput = inputs[reference];
        for (size_t group = 0; group < groups; ++group) {
            if (negativeRun[group] == 0)
                continue;
            const Eigen::Index first = static_cast<Eigen::Index>(group) * chunk;
            const Eigen::Index last = std::min<Eigen::Index>(first + chunk, interceptCount);
            for (Eigen::Index j = first; j < last; ++j) {
                if (!((terms + 1) * (referenceInput + shifted[j]) < 700.0))
                    return false;
            }
        }
        std::iota(sequence.begin(), sequence.end(), size_t{0});
        std::stable_sort(sequence.begin(), sequence.end(),
                         [&](size_t a, size_t b) { return negativeRun[a] < negativeRun[b]; });
        // Per lane, n = 0 .. terms: sums of y^n and of (r - u) y^n.
        HWY_ALIGN double powers[(focalSeriesMaximumTerms + 1) * hn::MaxLanes(D())] = {};
        HWY_ALIGN double weighted[(focalSeriesMaximumTerms + 1) * hn::MaxLanes(D())] = {};
        const V relative = hn::Set(d, expMinus[reference]);
        const V referenceVector = hn::Set(d, referenceInput);
        size_t done = 0;
        double sumPowers[focalSeriesMaximumTerms + 1];
        double sumWeighted[focalSeriesMaximumTerms + 1];
        for (const size_t group : sequence) {
            if (negativeRun[group] == 0)
                continue;
            for (; done < negativeRun[group]; done += lanes) {
                const size_t at = vectorFromNegativeEnd(done);
                const V y = hn::Mul(hn::Load(d, expPlus + at), relative);
                const V distance = hn::Sub(referenceVector, hn::Load(d, inputs + at));
                V yPower = hn::Set(d, 1.0);
                for (int n = 0; n <= terms; ++n) {
                    double *power = powers + n * lanes;
                    double *weight = weighted + n * lanes;
                    hn::Store(hn::Add(hn::Load(d, power), yPower), d, power);
                    hn::Store(hn::MulAdd(distance, yPower, hn::Load(d, weight)), d, weight);
                    yPower = hn::Mul(yPower, y);
                }
            }
            for (int n = 0; n <= terms; ++n) {
                sumPowers[n] = hn::GetLane(hn::SumOfLanes(d, hn::Load(d, powers + n * lanes)));
                sumWeighted[n] = hn::GetLane(hn::SumOfLanes(d, hn::Load(d, weighted + n * lanes)));
            }
            const Eigen::Index first = static_cast<Eigen::Index>(group) * chunk;
            const Eigen::Index last = std::min<Eigen::Index>(first + chunk, interceptCount);
            for (Eigen::Index j = first; j < last; ++j) {
                const double offset = referenceInput + shifted[j];
                const double factor = expPlus[reference] * job.interceptExpPlus[j];
                double total = 0.0;
                for (int n = terms; n >= 0; --n) {
                    const double margins = sumWeighted[n] - offset * sumPowers[n];
                    total = total * factor + (g[n] * margins + h[n] * sumPowers[n]);
                }
                (*totals)[static_cast<size_t>(j)] += total;
            }
        }
    }

    // m >= T: t_i = e^-(u_i + b) = y_i Z with y_i = e^-(u_i - r) <= 1 for the reference input
    // r, the smallest of the longest run, and Z = e^-(r + b). The powers start at y^gamma.
    const size_t longestPositive = *std::max_element(positiveRun.begin(), positiveRun.end());
    if (longestPositive > 0) {
        const size_t reference = fromPositiveEnd(longestPositive - 1);
        const double referenceInput = inputs[reference];
        for (size_t group = 0; group < groups; ++group) {
            if (positiveRun[group] == 0)
                continue;
            // The run's own first sample must keep its leading power y^(gamma + 1) in range.
            const double edge = inputs[fromPositiveEnd(positiveRun[group] - 1)];
            if (!((gamma + 1.0) * (edge - referenceInput) < 700.0))
                return false;
            const Eigen::Index first = static_cast<Eigen::Index>(group) * chunk;
            const Eigen::Index last = std::min<Eigen::Index>(first + chunk, interceptCount);
            for (Eigen::Index j = first; j < last; ++j) {
                if (!(-(terms + gamma + 1.0) * (referenceInput + shifted[j]) < 700.0))
                    return false;
            }
        }
        std::iota(sequence.begin(), sequence.end(), size_t{0});
        std::stable_sort(sequence.begin(), sequence.end(),
                         [&](size_t a, size_t b) { return positiveRun[a] < positiveRun[b]; });
        HWY_ALIGN double powers[(focalSeriesMaximumTerms + 1) * hn::MaxLanes(D())] = {};
        const V relative = hn::Set(d, expPlus[reference]);
        const V referenceVector = hn::Set(d, referenceInput);
        size_t done = 0;
        double sumPowers[focalSeriesMaximumTerms + 1];
        for (const size_t group : sequence) {
            if (positiveRun[group] == 0)
                continue;
            for (; done < positiveRun[group]; done += lanes) {
                const size_t at = vectorFromPositiveEnd(done);
                const V y = hn::Mul(hn::Load(d, expMinus + at), relative);
                V yPower;
                if (integerGamma) {
                    yPower = hn::Set(d, 1.0);
                    for (int k = 0; k < integerPower; ++k)
                        yPower = hn::Mul(yPower, y);
                } else {
                    const V distance = hn::Sub(hn::Load(d, inputs + at), referenceVector);
                    yPower = hn::Exp(d, hn::Mul(hn::Set(d, -gamma), distance));
                }
                for (int n = 0; n <= terms; ++n) {
                    double *power = powers + n * lanes;
                    hn::Store(hn::Add(hn::Load(d, power), yPower), d, power);
                    yPower = hn::Mul(yPower, y);
                }
            }
            for (int n = 0; n <= terms; ++n)
                sumPowers[n] = hn::GetLane(hn::SumOfLanes(d, hn::Load(d, powers + n * lanes)));
            const Eigen::Index first = static_cast<Eigen::Index>(group) * chunk;
            const Eigen::Index last = std::min<Eigen::Index>(first + chunk, interceptCount);
            for (Eigen::Index j = first; j < last; ++j) {
                const double factor = expMinus[reference] * job.interceptExpMinus[j];
                double total = 0.0;
                for (int n = terms; n >= 1; --n)
                    total = (total + h[n] * sumPowers[n]) * factor;
                double leading = 1.0;
                if (integerGamma) {
                    for (int k = 0; k < integerPower; ++k)
                        leading *= factor;
                } else {
                    leading = std::exp(-gamma * (referenceInput + shifted[j]));
                }
                (*totals)[static_cast<size_t>(j)] += leading * total;
            }
        }
    }
    return true;
}

// Sums the shape's directValue over the first `count` samples for one intercept, with the
// inputs formed as in sumChunk.
template <class Shape>
double sumDirect(const Shape &shape, const double *targets, double inverseScale,
                 const double *inputs, size_t count, double intercept)
{
    const D d;
    const size_t lanes = hn::Lanes(d);
    const V shift = hn::Set(d, intercept);
    const V scale = hn::Set(d, inverseScale);
    V sum = hn::Zero(d);
    for (size_t i = 0; i < count; i += lanes) {
        V x = hn::Add(hn::Load(d, inputs + i), shift);
        if (targets)
            x = hn::Mul(hn::Sub(x, hn::LoadU(d, targets + i)), scale);
        sum = hn::Add(sum, shape.directValue(d, x));
    }
    return hn::GetLane(hn::SumOfLanes(d, sum));
}

// Adds one term of the loss, with weight `weight`, for the block to every intercept's sum.
template <class Shape>
void addTerm(const Shape &shape, const BlockJob &job, const Loss &loss, double weight,
             const double *targets, double inverseScale, const double *inputs, int inputOrder,
             const double *expPlus, const double *expMinus, size_t vectorCount, double inputBound)
{
    const Eigen::Index count = job.count;
    const double *feature = job.group.feature + job.first;
    const double *target = job.group.target + job.first;
    const bool inputsUsable = !Shape::usesExponentials || inputBound <= productExponentLimit;
    constexpr int chunk = Shape::interceptsPerPass;
    using Bands = typename FarBands<Shape>::Type;
    std::optional<Bands> bands;
    if constexpr (requires { Shape::farTerms; }) {
        if (!targets && inputOrder != 0) {
            std::array<double, std::size(Shape::farTerms)> bounds;
            for (size_t tier = 0; tier < bounds.size(); ++tier)
                bounds[tier] = Shape::farMargin(Shape::farTerms[tier]);
            bands.emplace(inputs, vectorCount, inputOrder, hn::Lanes(D()), bounds);
        }
    }
    // The focal loss's samples far from the boundary, summed from power sums where they can be.
    std::vector<std::pair<size_t, size_t>> nearBands;
    std::vector<double> farTotals;
    if constexpr (requires { Shape::farTerms; }) {
        if (bands && inputsUsable) {
            if (!focalFarTotals(shape, job, inputs, inputOrder, expPlus, expMinus, vectorCount,
                                chunk, &nearBands, &farTotals)) {
                nearBands.clear();
                farTotals.clear();
            }
        }
    }
    for (Eigen::Index j = 0; j < job.interceptCount; j += chunk) {
        const int size = static_cast<int>(std::min<Eigen::Index>(chunk, job.interceptCount - j));
        const std::pair<size_t, size_t> *nearBand =
            nearBands.empty() ? nullptr : &nearBands[static_cast<size_t>(j / chunk)];
        const auto bandsFor = [&](Eigen::Index first, int length) -> const Bands * {
            if constexpr (requires { Shape::farTerms; }) {
                if (!bands || nearBand)
                    return nullptr;
                const auto [lowest, highest] = std::minmax_element(
                    job.shiftedIntercepts + first, job.shiftedIntercepts + first + length);
                bands->update(*lowest, *highest);
                return &*bands;
            } else {
                return nullptr;
            }
        };
        double interceptBound = 0.0;
        for (int k = 0; k < size; ++k)
            interceptBound = std::max(interceptBound, std::abs(job.shiftedIntercepts[j + k]));
        if (targets)
            interceptBound *= inverseScale;
        const int factorsPerLogarithm = shape.factorsPerLogarithm(inputBound + interceptBound);
        const bool usable = inputsUsable && factorsPerLogarithm > 0 &&
                            (!Shape::usesExponentials || interceptBound <= productExponentLimit);
        if (!usable) {
            // Exponentials that would overflow, or products too large: the shape's direct form
            // where it has one, else the loss's own loop.
            if constexpr (requires { shape.directValue(D(), hn::Zero(D())); }) {
                for (int k = 0; k < size; ++k) {
                    double sum = sumDirect(shape, targets, inverseScale, inputs, vectorCount,
                                           job.shiftedIntercepts[j + k]);
                    if (static_cast<Eigen::Index>(vectorCount) < count) {
                        const Eigen::Index rest = count - static_cast<Eigen::Index>(vectorCount);
                        sum += loss.sumForLine(feature + vectorCount, target + vectorCount, rest,
                                               job.slope, job.intercepts[j + k]);
                    }
                    job.sums[j + k] += weight * sum;
                }
                continue;
            }
            for (int k = 0; k < size; ++k) {
                job.sums[j + k] += weight * loss.sumForLine(feature, target, count, job.slope,
                                                            job.intercepts[j + k]);
            }
            continue;
        }
        double plainSums[chunk];
        double logSums[chunk];
        const auto run = [&](auto form) {
            constexpr InputForm inputForm = decltype(form)::value;
            if (size == chunk) {
                sumChunk<chunk, inputForm>(
                    shape, targets, inverseScale, inputs, bandsFor(j, chunk), nearBand, expPlus,
                    expMinus, vectorCount, job.shiftedIntercepts + j, job.interceptExpPlus + j,
                    job.interceptExpMinus + j, factorsPerLogarithm, plainSums, logSums);
                return;
            }
            for (int k = 0; k < size; ++k) {
                sumChunk<1, inputForm>(shape, targets, inverseScale, inputs, bandsFor(j + k, 1),
                                       nearBand, expPlus, expMinus, vectorCount,
                                       job.shiftedIntercepts + j + k, job.interceptExpPlus + j + k,
                                       job.interceptExpMinus + j + k, factorsPerLogarithm,
                                       plainSums + k, logSums + k);
            }
        };
        if (!targets)
            run(std::integral_constant<InputForm, InputForm::Margin>{});
        else if (inverseScale == 1.0)
            run(std::integral_constant<InputForm, InputForm::Error>{});
        else
            run(std::integral_constant<InputForm, InputForm::ScaledError>{});
        if (!farTotals.empty()) {
            for (int k = 0; k < size; ++k)
                plainSums[k] += farTotals[static_cast<size_t>(j + k)];
        }
        for (int k = 0; k < size; ++k) {
            double sum = plainSums[k] + shape.logWeight * logSums[k];
            if constexpr (requires { shape.plainWeight; })
                sum = shape.plainWeight * plainSums[k];
            // The samples after the last full vector.
            if (static_cast<Eigen::Index>(vectorCount) < count) {
                const Eigen::Index rest = count - static_cast<Eigen::Index>(vectorCount);
                sum += loss.sumForLine(feature + vectorCount, target + vectorCount, rest, job.slope,
                                       job.intercepts[j + k]);
            }
            job.sums[j + k] += weight * sum;
        }
    }
}

} // namespace

void AddBlockSums(const BlockJob &job)
{
    const D d;
    const size_t lanes = hn::Lanes(d);
    HWY_ALIGN double inputs[kernelBlockSize];
    HWY_ALIGN double expPlus[kernelBlockSize];
    HWY_ALIGN double expMinus[kernelBlockSize];
    const size_t count = static_cast<size_t>(job.count);
    const size_t vectorCount = count - count % lanes;
    const double *feature = job.group.feature + job.first;
    const double *target = job.group.target + job.first;

    const KernelForm &form = job.form;
    const KernelForm::Shape kind = form.shape;
    const bool needsExponentials =
        kind == KernelForm::Shape::LogCosh || kind == KernelForm::Shape::BinaryCrossEntropy ||
        kind == KernelForm::Shape::Focal || kind == KernelForm::Shape::Exponential;
    const bool regression = job.loss->kind() == LossKind::Regression;
    // Regression: inputs hold w x, and the bound and exponentials are of r = (w x - y) / s,
    // to which b / s is added. Classification: inputs hold sign w x, to which sign b is
    // added, so that the margin losses see m = (2 y - 1) z.
    const V slope = hn::Set(d, job.slope * (regression ? 1.0 : job.group.sign));
    const V inverseScale = hn::Set(d, form.inverseScale);
    V bound = hn::Zero(d);
    for (size_t i = 0; i < vectorCount; i += lanes) {
        const V input = hn::Mul(slope, hn::LoadU(d, feature + i));
        hn::Store(input, d, inputs + i);
        V shifted = input;
        if (regression)
            shifted = hn::Mul(hn::Sub(input, hn::LoadU(d, target + i)), inverseScale);
        hn::Store(shifted, d, expPlus + i);
        bound = hn::Max(bound, hn::Abs(shifted));
    }
    const double inputBound = vectorCount > 0 ? hn::GetLane(hn::MaxOfLanes(d, bound)) : 0.0;
    // Sorted inputs let the focal loss find the samples far from the decision boundary.
    int inputOrder = 0;
    if (kind == KernelForm::Shape::Focal && !regression && vectorCount > 0) {
        if (std::is_sorted(inputs, inputs + vectorCount))
            inputOrder = 1;
        else if (std::is_sorted(inputs, inputs + vectorCount, std::greater<>()))
            inputOrder = -1;
    }
    if (needsExponentials && inputBound <= productExponentLimit) {
        for (size_t i = 0; i < vectorCount; i += lanes) {
            const V shifted = hn::Load(d, expPlus + i);
            hn::Store(hn::Exp(d, shifted), d, expPlus + i);
            hn::Store(hn::Exp(d, hn::Neg(shifted)), d, expMinus + i);
        }
    }
    const Loss &loss = *job.loss;
    const double weight = job.weight;
    auto add = [&](const auto &shape) {
        addTerm(shape, job, loss, weight, regression ? target : nullptr, form.inverseScale, inputs,
                inputOrder, expPlus, expMinus, vectorCount, inputBound);
    };
    switch (form.shape) {
    case KernelForm::Shape::SquaredError:
        add(SquaredErrorShape{});
        break;
    case KernelForm::Shape::AbsoluteError:
        add(AbsoluteErrorShape{});
        break;
    case KernelForm::Shape::Huber:
        add(HuberShape{{}, form.parameter});
        break;
    case KernelForm::Shape::SmoothL1:
        add(SmoothL1Shape{{}, form.parameter});
        break;
    case KernelForm::Shape::Quantile:
        add(QuantileShape{{}, form.parameter});
        break;
    case KernelForm::Shape::EpsilonInsensitive:
        add(EpsilonInsensitiveShape{{}, form.parameter});
        break;
    case KernelForm::Shape::Tukey:
        add(TukeyShape{{}, form.parameter});
        break;
    case KernelForm::Shape::GemanMcClure:
        add(GemanMcClureShape{});
        break;
    case KernelForm::Shape::Welsch:
        add(WelschShape{});
        break;
    case KernelForm::Shape::Cauchy:
        add(CauchyShape{});
        break;
    case KernelForm::Shape::Barron:
        add(BarronShape::create(form.parameter));
        break;
    case KernelForm::Shape::LogCosh:
        add(LogCoshShape{});
        break;
    case KernelForm::Shape::BinaryCrossEntropy:
        add(BinaryCrossEntropyShape{job.group.first, job.group.second,
                                    job.group.first + job.group.second});
        break;
    case KernelForm::Shape::Focal:
        add(FocalShape{{}, form.parameter, job.group.first});
        break;
    case KernelForm::Shape::Hinge:
        add(HingeShape{});
        break;
    case KernelForm::Shape::SquaredHinge:
        add(SquaredHingeShape{});
        break;
    case KernelForm::Shape::ModifiedHuber:
        add(ModifiedHuberShape{});
        break;
    case KernelForm::Shape::Exponential:
        add(ExponentialShape{});
        break;
    case KernelForm::Shape::ZeroOne:
        add(ZeroOneShape{});
        break;
    }
}

const char *InstructionSet()
{
    return hwy::TargetName(HWY_TARGET);
}

} // namespace HWY_NAMESPACE
} // namespace losslens
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace losslens {

HWY_EXPORT(AddBlockSums);
HWY_EXPORT(InstructionSet);

namespace {

// The kernel's form of a loss that is not a composite, if it has one.
std::optional<KernelForm> formOf(const Loss &loss)
{
    using Shape = KernelForm::Shape;
    static const std::vector<std::pair<QString, Shape>> shapes = {
        {QStringLiteral("mse"), Shape::SquaredError},
        {QStringLiteral("mae"), Shape::AbsoluteError},
        {QStringLiteral("huber"), Shape::Huber},
        {QStringLiteral("smooth_l1"), Shape::SmoothL1},
        {QStringLiteral("quantile"), Shape::Quantile},
        {QStringLiteral("epsilon_insensitive"), Shape::EpsilonInsensitive},
        {QStringLiteral("tukey"), Shape::Tukey},
        {QStringLiteral("geman_mcclure"), Shape::GemanMcClure},
        {QStringLiteral("welsch"), Shape::Welsch},
        {QStringLiteral("cauchy"), Shape::Cauchy},
        {QStringLiteral("barron"), Shape::Barron},
        {QStringLiteral("logcosh"), Shape::LogCosh},
        {QStringLiteral("bce"), Shape::BinaryCrossEntropy},
        {QStringLiteral("focal"), Shape::Focal},
        {QStringLiteral("hinge"), Shape::Hinge},
        {QStringLiteral("squared_hinge"), Shape::SquaredHinge},
        {QStringLiteral("modified_huber"), Shape::ModifiedHuber},
        {QStringLiteral("exponential"), Shape::Exponential},
        {QStringLiteral("zero_one"), Shape::ZeroOne},
    };
    const auto found = std::find_if(shapes.begin(), shapes.end(),
                                    [&](const auto &entry) { return entry.first == loss.name(); });
    if (found == shapes.end())
        return std::nullopt;
    KernelForm form;
    form.shape = found->second;
    // The parameter each shape takes, by its key in the loss's spec.
    static const std::vector<std::pair<Shape, QString>> keys = {
        {Shape::Huber, QStringLiteral("delta")},
        {Shape::SmoothL1, QStringLiteral("beta")},
        {Shape::Quantile, QStringLiteral("tau")},
        {Shape::EpsilonInsensitive, QStringLiteral("epsilon")},
        {Shape::Tukey, QStringLiteral("c")},
        {Shape::Focal, QStringLiteral("gamma")},
        {Shape::Barron, QStringLiteral("alpha")},
    };
    for (const auto &[shape, key] : keys) {
        if (shape == form.shape)
            form.parameter = loss.parameterValue(loss.parameterIndex(key));
    }
    // Barron's loss at alpha = 0 is log1p((e / c)^2 / 2), Cauchy's loss, whose kernel sums the
    // logarithms as the logarithm of a product.
    if (form.shape == Shape::Barron && form.parameter == 0.0)
        form.shape = Shape::Cauchy;
    // Geman-McClure, Welsch, Cauchy and Barron write x / c as x / s: their c multiplies the
    // scale.
    double scale = loss.acceptsResidualScale() ? loss.residualScale().value : 1.0;
    if (form.shape == Shape::GemanMcClure || form.shape == Shape::Welsch ||
        form.shape == Shape::Cauchy || form.shape == Shape::Barron)
        scale *= loss.parameterValue(loss.parameterIndex(QStringLiteral("c")));
    if (!(scale > 0.0) || !std::isfinite(scale))
        return std::nullopt;
    form.inverseScale = 1.0 / scale;
    return form;
}

} // namespace

std::unique_ptr<LandscapeKernel> LandscapeKernel::create(const Loss &loss,
                                                         const Eigen::VectorXd &feature,
                                                         const Eigen::VectorXd &target)
{
    std::unique_ptr<LandscapeKernel> kernel(new LandscapeKernel);
    std::vector<std::shared_ptr<const Loss>> parts;
    std::vector<double> weights;
    if (const auto *composite = dynamic_cast<const CompositeLoss *>(&loss)) {
        for (const CompositeLoss::Term &term : composite->terms()) {
            if (term.weight == 0.0)
                continue;
            parts.push_back(term.loss);
            weights.push_back(term.weight);
        }
    } else {
        parts.push_back(std::shared_ptr<const Loss>(loss.clone()));
        weights.push_back(1.0);
    }
    for (size_t t = 0; t < parts.size(); ++t) {
        const std::optional<KernelForm> form = formOf(*parts[t]);
        if (!form)
            return nullptr;
        kernel->m_terms.push_back({*form, weights[t], parts[t]});
    }
    if (kernel->m_terms.empty())
        return nullptr;

    const Eigen::Index count = feature.size();
    if (loss.kind() == LossKind::Regression) {
        kernel->m_feature = feature;
        kernel->m_target = target;
        kernel->m_groups.push_back({kernel->m_feature.data(), kernel->m_target.data(), count});
        return kernel;
    }

    // Classification: the samples of label 0, then those of label 1.
    if (((target.array() != 0.0) && (target.array() != 1.0)).any())
        return nullptr;
    const Eigen::Index positives = static_cast<Eigen::Index>((target.array() == 1.0).count());
    kernel->m_feature.resize(count);
    kernel->m_target.resize(count);
    Eigen::Index next[2] = {0, count - positives};
    for (Eigen::Index i = 0; i < count; ++i) {
        const int label = target[i] == 1.0 ? 1 : 0;
        kernel->m_feature[next[label]] = feature[i];
        kernel->m_target[next[label]] = target[i];
        ++next[label];
    }
    // The focal kernel is cheaper far from the decision boundary. It finds those samples as
    // runs at the ends of samples sorted by feature. The order of a sum does not matter.
    const bool sortsSamples = kernel->m_terms.size() == 1 &&
                              kernel->m_terms.front().form.shape == KernelForm::Shape::Focal;
    if (sortsSamples) {
        std::sort(kernel->m_feature.data(), kernel->m_feature.data() + count - positives);
        std::sort(kernel->m_feature.data() + count - positives, kernel->m_feature.data() + count);
    }
    for (const int label : {0, 1}) {
        KernelSampleGroup group;
        const Eigen::Index first = label == 0 ? 0 : count - positives;
        group.feature = kernel->m_feature.data() + first;
        group.target = kernel->m_target.data() + first;
        group.count = label == 0 ? count - positives : positives;
        group.sign = label == 0 ? -1.0 : 1.0;
        // Constants per label; a composite of classification losses has at most one term
        // that takes them, so a mixed composite falls back below.
        const Loss &term = *kernel->m_terms.front().loss;
        if (term.name() == QLatin1String("bce")) {
            const double positiveWeight =
                term.parameterValue(term.parameterIndex(QStringLiteral("pos_weight")));
            const double smoothing =
                term.parameterValue(term.parameterIndex(QStringLiteral("smoothing")));
            // As BinaryCrossEntropy::weightsFor: p t and (1 - y)(1 - smoothing) + smoothing/2.
            group.first = positiveWeight * (label * (1.0 - smoothing) + 0.5 * smoothing);
            group.second = (1.0 - label) * (1.0 - smoothing) + 0.5 * smoothing;
            // bce takes the logit, not the margin.
            group.sign = 1.0;
        } else if (term.name() == QLatin1String("focal")) {
            const double alpha = term.parameterValue(term.parameterIndex(QStringLiteral("alpha")));
            // As FocalLoss::classWeight: no weighting for a negative alpha.
            group.first = alpha < 0.0 ? 1.0 : (label == 1 ? alpha : 1.0 - alpha);
        }
        if (group.count > 0)
            kernel->m_groups.push_back(group);
    }
    // The per-label constants serve one term only.
    const auto takesConstants = [](const Term &term) {
        return term.form.shape == KernelForm::Shape::BinaryCrossEntropy ||
               term.form.shape == KernelForm::Shape::Focal;
    };
    const auto constantTerms =
        std::count_if(kernel->m_terms.begin(), kernel->m_terms.end(), takesConstants);
    const bool bceWithOthers = constantTerms > 0 && kernel->m_terms.size() > 1;
    if (bceWithOthers)
        return nullptr;
    return kernel;
}

bool LandscapeKernel::addRow(double slope, const std::vector<double> &intercepts, double *sums,
                             std::stop_token stop) const
{
    const Eigen::Index interceptCount = static_cast<Eigen::Index>(intercepts.size());
    std::vector<double> shifted(interceptCount);
    std::vector<double> shiftedPlus(interceptCount);
    std::vector<double> shiftedMinus(interceptCount);
    const bool regression = m_terms.front().loss->kind() == LossKind::Regression;
    for (const KernelSampleGroup &group : m_groups) {
        for (size_t t = 0; t < m_terms.size(); ++t) {
            // Terms of a regression composite may have different residual scales, so each
            // term runs on its own.
            // Regression kernels add b itself and take exp(b / s); classification kernels add
            // and exponentiate sign b.
            const double factor = regression ? m_terms[t].form.inverseScale : group.sign;
            for (Eigen::Index j = 0; j < interceptCount; ++j) {
                shifted[j] = regression ? intercepts[j] : intercepts[j] * factor;
                shiftedPlus[j] = std::exp(intercepts[j] * factor);
                shiftedMinus[j] = std::exp(-intercepts[j] * factor);
            }
            for (Eigen::Index first = 0; first < group.count; first += kernelBlockSize) {
                if (stop.stop_requested())
                    return false;
                BlockJob job;
                job.form = m_terms[t].form;
                job.weight = m_terms[t].weight;
                job.loss = m_terms[t].loss.get();
                job.group = group;
                job.first = first;
                job.count = std::min(kernelBlockSize, group.count - first);
                job.slope = slope;
                job.intercepts = intercepts.data();
                job.interceptCount = interceptCount;
                job.shiftedIntercepts = shifted.data();
                job.interceptExpPlus = shiftedPlus.data();
                job.interceptExpMinus = shiftedMinus.data();
                job.sums = sums;
                HWY_DYNAMIC_DISPATCH(AddBlockSums)(job);
            }
        }
    }
    return true;
}

const char *LandscapeKernel::instructionSet()
{
    return HWY_DYNAMIC_DISPATCH(InstructionSet)();
}

std::vector<QString> LandscapeKernel::availableInstructionSets()
{
    std::vector<QString> names;
    for (const int64_t target : hwy::SupportedAndGeneratedTargets())
        names.push_back(QString::fromLatin1(hwy::TargetName(target)));
    return names;
}

bool LandscapeKernel::restrictInstructionSet(const QString &name)
{
    if (name.isEmpty()) {
        hwy::SetSupportedTargetsForTest(0);
        return true;
    }
    for (const int64_t target : hwy::SupportedAndGeneratedTargets()) {
        if (name == QLatin1String(hwy::TargetName(target))) {
            hwy::SetSupportedTargetsForTest(target);
            return true;
        }
    }
    return false;
}

} // namespace losslens
#endif // HWY_ONCE
