// Vector arithmetic shared by the landscape and formula kernels, compiled once per instruction
// set: a file that includes hwy/foreach_target.h includes this one again for each target, so
// the guard below toggles with HWY_TARGET_TOGGLE instead of stopping the second inclusion.
#if defined(LOSSLENS_VECTORMATH_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef LOSSLENS_VECTORMATH_INL_H_
#undef LOSSLENS_VECTORMATH_INL_H_
#else
#define LOSSLENS_VECTORMATH_INL_H_
#endif

#include <hwy/highway.h>

#include <cstdint>

HWY_BEFORE_NAMESPACE();
namespace losslens {
namespace HWY_NAMESPACE {
namespace vectormath {

namespace hn = hwy::HWY_NAMESPACE;

// 1 / x for positive finite x. AVX-512 has a 14-bit reciprocal estimate, and two Newton steps,
// r <- r + r (1 - x r), take it to about 1 unit in the last place (the error squares at each
// step) on the multiply-add units. A division of 8 doubles occupies the single divider for
// about 16 cycles, which made divisions the bottleneck of several kernels.
template <class D> HWY_INLINE hn::Vec<D> reciprocal(D d, hn::Vec<D> x)
{
    const hn::Vec<D> one = hn::Set(d, 1.0);
#if HWY_ARCH_X86 && HWY_TARGET <= HWY_AVX3
    if constexpr (hn::MaxLanes(D()) == 8) {
        hn::Vec<D> r{_mm512_rcp14_pd(x.raw)};
        r = hn::MulAdd(r, hn::NegMulAdd(x, r, one), r);
        return hn::MulAdd(r, hn::NegMulAdd(x, r, one), r);
    }
#endif
    return hn::Div(one, x);
}

// sqrt(a) for a >= 1 and finite, from the 14-bit estimate of 1 / sqrt(a) and two Newton steps,
// y <- y + (y / 2)(1 - a y^2), within about 2 units in the last place.
template <class D> HWY_INLINE hn::Vec<D> squareRootAtLeastOne([[maybe_unused]] D d, hn::Vec<D> a)
{
#if HWY_ARCH_X86 && HWY_TARGET <= HWY_AVX3
    if constexpr (hn::MaxLanes(D()) == 8) {
        const hn::Vec<D> one = hn::Set(d, 1.0);
        const hn::Vec<D> half = hn::Set(d, 0.5);
        hn::Vec<D> y{_mm512_rsqrt14_pd(a.raw)};
        y = hn::MulAdd(hn::Mul(y, half), hn::NegMulAdd(hn::Mul(a, y), y, one), y);
        y = hn::MulAdd(hn::Mul(y, half), hn::NegMulAdd(hn::Mul(a, y), y, one), y);
        return hn::Mul(a, y);
    }
#endif
    return hn::Sqrt(a);
}

// Natural logarithm of a positive, normal and finite x; other lanes get unspecified values.
// The classic reduction of fdlibm's log: x = 2^k m with m in [sqrt(2)/2, sqrt(2)), f = m - 1,
// s = f / (2 + f), and log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2)), where R is fdlibm's
// minimax polynomial. Its result is within 1 unit in the last place. Here s comes from
// reciprocal() instead of a division; its extra error of about 1 unit in the last place is
// scaled by s (f^2/2 + R) / log(1 + f), at most f^2/2 < 0.09, so the result stays within about
// 1 unit in the last place (the formula kernel's tests check this against the C library).
template <class D> HWY_INLINE hn::Vec<D> logarithm(D d, hn::Vec<D> x)
{
    using V = hn::Vec<D>;
    const hn::RebindToSigned<D> di;
    const hn::RebindToUnsigned<D> du;
    // Adding the difference between the bit patterns of 1 and sqrt(2)/2 carries the mantissas
    // at or above sqrt(2) into the next exponent, so the exponent field then gives k. The
    // mantissa field plus the pattern of sqrt(2)/2 then gives m.
    const auto bits = hn::Add(hn::BitCast(du, x), hn::Set(du, uint64_t{0x00095F6200000000}));
    const auto exponent = hn::Sub(hn::BitCast(di, hn::ShiftRight<52>(bits)), hn::Set(di, int64_t{1023}));
    const V m = hn::BitCast(d, hn::Add(hn::And(bits, hn::Set(du, uint64_t{0x000FFFFFFFFFFFFF})),
                                       hn::Set(du, uint64_t{0x3FE6A09E00000000})));
    const V one = hn::Set(d, 1.0);
    const V f = hn::Sub(m, one);
    const V halfSquare = hn::Mul(hn::Set(d, 0.5), hn::Mul(f, f));
    const V s = hn::Mul(f, reciprocal(d, hn::Add(f, hn::Set(d, 2.0))));
    const V z = hn::Mul(s, s);
    const V w = hn::Mul(z, z);
    // fdlibm's coefficients Lg1 to Lg7.
    const V odd = hn::Mul(
        w, hn::MulAdd(w, hn::MulAdd(w, hn::Set(d, 1.531383769920937332e-01),
                                    hn::Set(d, 2.222219843214978396e-01)),
                      hn::Set(d, 3.999999999940941908e-01)));
    const V even = hn::Mul(
        z, hn::MulAdd(
               w,
               hn::MulAdd(w, hn::MulAdd(w, hn::Set(d, 1.479819860511658591e-01),
                                        hn::Set(d, 1.818357216161805012e-01)),
                          hn::Set(d, 2.857142874366239149e-01)),
               hn::Set(d, 6.666666666666735130e-01)));
    const V series = hn::Add(even, odd);
    const V k = hn::ConvertTo(d, exponent);
    // log 2 split so that k times the high part is exact for |k| < 2048.
    const V log2High = hn::Set(d, 6.93147180369123816490e-01);
    const V log2Low = hn::Set(d, 1.90821492927058770002e-10);
    const V correction = hn::MulAdd(s, hn::Add(halfSquare, series), hn::Mul(k, log2Low));
    return hn::MulSub(k, log2High, hn::Sub(hn::Sub(halfSquare, correction), f));
}

} // namespace vectormath
} // namespace HWY_NAMESPACE
} // namespace losslens
HWY_AFTER_NAMESPACE();

#endif // LOSSLENS_VECTORMATH_INL_H_
