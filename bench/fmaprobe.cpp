#include "fmaprobe.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

namespace losslens::bench {

namespace {

// A 64-byte vector of doubles (GCC and Clang vector extension): one AVX-512 register, or two
// AVX2 registers where AVX-512 is missing.
using Vector = double __attribute__((vector_size(64)));
constexpr int vectorWidth = static_cast<int>(sizeof(Vector) / sizeof(double));

// Runs Chains independent chains for the given number of iterations and returns their sum,
// which the caller keeps so the compiler cannot drop the loop. With a = 1 - 1e-7 and
// b = 1e-7 every chain converges to 1 and stays a normal number.
template <int Chains> double runChains(long iterations)
{
    Vector accumulators[Chains];
    for (int k = 0; k < Chains; ++k) {
        for (int lane = 0; lane < vectorWidth; ++lane)
            accumulators[k][lane] = 1.0 + 1e-3 * (k * vectorWidth + lane);
    }
    const Vector factor = Vector{} + (1.0 - 1e-7);
    const Vector offset = Vector{} + 1e-7;
    for (long iteration = 0; iteration < iterations; ++iteration) {
#pragma GCC unroll 32
        for (int k = 0; k < Chains; ++k)
            accumulators[k] = accumulators[k] * factor + offset;
    }
    double sum = 0.0;
    for (int k = 0; k < Chains; ++k) {
        for (int lane = 0; lane < vectorWidth; ++lane)
            sum += accumulators[k][lane];
    }
    return sum;
}

// Flops per second of Chains chains on every thread at once, run for about seconds.
template <int Chains> double measureChains(int threadCount, double seconds)
{
    using Clock = std::chrono::steady_clock;
    // A short calibration run sizes the timed one.
    long iterations = 100'000;
    for (;;) {
        const auto start = Clock::now();
        volatile double sink = runChains<Chains>(iterations);
        (void)sink;
        const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        if (elapsed > 0.02) {
            iterations = std::max(1L, static_cast<long>(iterations * seconds / elapsed));
            break;
        }
        iterations *= 4;
    }

    std::vector<double> sums(threadCount);
    const auto start = Clock::now();
    {
        std::vector<std::jthread> threads;
        for (int t = 0; t < threadCount; ++t)
            threads.emplace_back(
                [&sums, t, iterations] { sums[t] = runChains<Chains>(iterations); });
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    volatile double sink = sums[0];
    (void)sink;
    const double flopsPerThread = 2.0 * vectorWidth * Chains * static_cast<double>(iterations);
    return threadCount * flopsPerThread / elapsed;
}

} // namespace

PeakFlops measurePeakFlops(double seconds)
{
    PeakFlops peak;
    peak.threadCount = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    peak.vectorWidth = vectorWidth;
    // A fused multiply-add has a latency of about 4 cycles and up to 2 issue per cycle, so 8
    // chains can keep the units busy. More chains hide a longer latency until the registers run
    // out (AVX-512 has 32). The best of the repeats counts, because other work on the machine
    // only ever slows a run down.
    constexpr int repeats = 3;
    const double share = seconds / (4.0 * repeats);
    for (int repeat = 0; repeat < repeats; ++repeat) {
        const std::pair<int, double> candidates[] = {
            {8, measureChains<8>(peak.threadCount, share)},
            {12, measureChains<12>(peak.threadCount, share)},
            {16, measureChains<16>(peak.threadCount, share)},
            {24, measureChains<24>(peak.threadCount, share)},
        };
        for (const auto &[chains, rate] : candidates) {
            if (rate > peak.flopsPerSecond) {
                peak.flopsPerSecond = rate;
                peak.chainCount = chains;
            }
        }
    }
    return peak;
}

} // namespace losslens::bench
