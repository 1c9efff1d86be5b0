#include "vectorstate.h"

namespace losslens {

void clearUpperVectorState()
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    static const bool hasAvx = __builtin_cpu_supports("avx");
    // vzeroupper keeps the low 128 bits of every register, but the clobbers make code compiled
    // for AVX reload anything it kept in the upper halves.
    if (hasAvx) {
        __asm__ volatile("vzeroupper" ::
                             : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
                               "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14",
                               "xmm15");
    }
#endif
}

} // namespace losslens
