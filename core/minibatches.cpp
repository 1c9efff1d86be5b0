#include "minibatches.h"

#include "optimizers/sgd.h"

#include <algorithm>

namespace losslens {

namespace {

// Sets order to the samples 0 .. sampleCount - 1 shuffled with the generator.
void fillShuffledOrder(std::vector<Eigen::Index> &order, Eigen::Index sampleCount,
                       std::mt19937_64 &generator)
{
    order.resize(sampleCount);
    for (Eigen::Index i = 0; i < sampleCount; ++i)
        order[i] = i;
    std::shuffle(order.begin(), order.end(), generator);
}

} // namespace

int miniBatchSize(const Optimizer &optimizer)
{
    if (const auto *stochastic = dynamic_cast<const StochasticGradientDescent *>(&optimizer))
        return stochastic->batchSize();
    return 0;
}

std::uint64_t miniBatchSeed(const Optimizer &optimizer)
{
    if (const auto *stochastic = dynamic_cast<const StochasticGradientDescent *>(&optimizer))
        return stochastic->seed();
    return 0;
}

void MiniBatchSampler::reset(std::uint64_t seed)
{
    m_generator.seed(seed);
    m_order.clear();
    m_position = 0;
}

std::vector<Eigen::Index> MiniBatchSampler::next(Eigen::Index sampleCount, int batchSize)
{
    if (m_position >= m_order.size()) {
        fillShuffledOrder(m_order, sampleCount, m_generator);
        m_position = 0;
    }
    const std::size_t end = std::min(m_order.size(), m_position + std::size_t(batchSize));
    std::vector<Eigen::Index> batch(m_order.begin() + m_position, m_order.begin() + end);
    m_position = end;
    return batch;
}

std::vector<Eigen::Index> MiniBatchSampler::peek(Eigen::Index sampleCount, int batchSize) const
{
    if (m_position < m_order.size()) {
        const std::size_t end = std::min(m_order.size(), m_position + std::size_t(batchSize));
        return {m_order.begin() + m_position, m_order.begin() + end};
    }
    // The next batch starts an epoch. Shuffling with a copy of the generator gives the order
    // that next() will draw, because the shuffle depends only on the generator's state.
    std::mt19937_64 generator = m_generator;
    std::vector<Eigen::Index> order;
    fillShuffledOrder(order, sampleCount, generator);
    order.resize(std::min(order.size(), std::size_t(batchSize)));
    return order;
}

} // namespace losslens
