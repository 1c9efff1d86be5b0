#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <random>
#include <vector>

namespace losslens {

class Optimizer;

// Samples per update for an optimizer: SGD's batch_size, 0 (all samples) for the others.
int miniBatchSize(const Optimizer &optimizer);
// The seed of SGD's shuffling, 0 for the other optimizers, which draw no batches.
std::uint64_t miniBatchSeed(const Optimizer &optimizer);

// The mini-batches of SGD: each epoch shuffles the samples 0 .. N - 1 with a std::mt19937_64
// seeded by the optimizer's seed, and each update takes the next batch_size samples of that
// order, the last batch of an epoch possibly smaller. Every training loop of LossLens draws
// its batches here, so the same seed gives the same batches to each of them.
class MiniBatchSampler
{
public:
    // Starts over from the first epoch with the seed.
    void reset(std::uint64_t seed);
    // The samples of the next batch, reshuffling at the start of each epoch.
    std::vector<Eigen::Index> next(Eigen::Index sampleCount, int batchSize);
    // The samples next() would return, without drawing them.
    std::vector<Eigen::Index> peek(Eigen::Index sampleCount, int batchSize) const;

private:
    std::mt19937_64 m_generator;
    std::vector<Eigen::Index> m_order;
    std::size_t m_position = 0;
};

} // namespace losslens
