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

} // namespace vectormath
} // namespace HWY_NAMESPACE
} // namespace losslens
HWY_AFTER_NAMESPACE();

#endif // LOSSLENS_VECTORMATH_INL_H_
