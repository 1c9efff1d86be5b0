#pragma once

namespace losslens::bench {

// Peak double-precision arithmetic rate of this machine, as measured by measurePeakFlops().
struct PeakFlops
{
    // Floating-point operations per second, counting a fused multiply-add as 2.
    double flopsPerSecond = 0.0;
    int threadCount = 0;
    // Doubles per vector of the measured loop, which is 8: a 64-byte vector is one AVX-512
    // register or two AVX2 registers.
    int vectorWidth = 0;
    // Independent chains per thread in the fastest run.
    int chainCount = 0;
};

// Measures the peak rate of fused multiply-adds on every core. Each thread runs many
// independent chains acc = acc * a + b in registers, so no chain waits on another's latency
// and none touches memory. It tries several chain counts, takes the best of a few runs of
// each and spends about the given seconds in all. fmaprobe.cpp is compiled with
// -O3 -march=native -ffp-contract=fast, so the loop uses this processor's widest vector fused
// multiply-add.
PeakFlops measurePeakFlops(double seconds);

} // namespace losslens::bench
