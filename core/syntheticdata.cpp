// Generation of the synthetic scenarios. Validation and names are in syntheticvalidation.cpp.
#include "syntheticdata.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

namespace losslens {

namespace {

// The standard fixes std::mt19937_64 exactly but not the distributions, so the same seed gives
// the same data with the same standard library (libstdc++ on Debian 12).
using Generator = std::mt19937_64;

// Returns count distinct indices of [0, size), uniformly chosen: the front of a shuffled order.
std::vector<int> pickIndices(int size, int count, Generator &generator)
{
    std::vector<int> order(size);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), generator);
    order.resize(count);
    return order;
}

// Draws the noise of one target at feature x.
class NoiseSource
{
public:
    explicit NoiseSource(const SyntheticSettings &settings)
        : m_settings(settings),
          // Only heavy-tailed noise draws from it; 1 keeps the distribution valid otherwise.
          m_chiSquared(settings.scenario == SyntheticScenario::HeavyTailedNoise
                           ? settings.degreesOfFreedom
                           : 1.0)
    {
    }

    double draw(double x, Generator &generator)
    {
        const double z = m_normal(generator);
        switch (m_settings.scenario) {
        case SyntheticScenario::HeavyTailedNoise: {
            // Student's t as the ratio z / sqrt(v / nu) of independent z ~ N(0, 1) and
            // v ~ chi^2(nu), its definition. libstdc++ 12's student_t_distribution computes the
            // same ratio.
            const double v = m_chiSquared(generator);
            return m_settings.noiseDeviation * (z / std::sqrt(v / m_settings.degreesOfFreedom));
        }
        case SyntheticScenario::HeteroscedasticNoise:
            return (m_settings.noiseDeviation + m_settings.noiseGrowth * std::abs(x)) * z;
        default:
            return m_settings.noiseDeviation * z;
        }
    }

private:
    const SyntheticSettings &m_settings;
    std::normal_distribution<double> m_normal{0.0, 1.0};
    std::chi_squared_distribution<double> m_chiSquared;
};

Dataset generateLine(const SyntheticSettings &settings)
{
    Generator generator(settings.seed);
    std::uniform_real_distribution<double> uniform(settings.featureMinimum,
                                                   settings.featureMaximum);
    NoiseSource noiseSource(settings);

    Dataset data;
    data.feature.resize(settings.count);
    data.target.resize(settings.count);
    std::vector<double> noise(settings.count);
    for (int i = 0; i < settings.count; ++i) {
        const double x = uniform(generator);
        noise[i] = noiseSource.draw(x, generator);
        data.feature[i] = x;
        data.target[i] = settings.slope * x + settings.intercept + noise[i];
    }

    const std::vector<int> outliers =
        settings.scenario == SyntheticScenario::VerticalOutliers ||
                settings.scenario == SyntheticScenario::LeveragePoints
            ? pickIndices(settings.count, syntheticOutlierCount(settings), generator)
            : std::vector<int>{};
    const double shift =
        settings.leverageShift * (settings.featureMaximum - settings.featureMinimum);
    for (const int i : outliers) {
        if (settings.scenario == SyntheticScenario::VerticalOutliers) {
            data.target[i] += settings.outlierSize;
            continue;
        }
        // A leverage point keeps its noise, so outlierSize is its offset from the noisy line.
        const double x = data.feature[i] + shift;
        data.feature[i] = x;
        data.target[i] = settings.slope * x + settings.intercept + noise[i] + settings.outlierSize;
    }

    data.featureName = QStringLiteral("x");
    data.targetName = QStringLiteral("y");
    return data;
}

Dataset generateClasses(const SyntheticSettings &settings)
{
    Generator generator(settings.seed);
    std::normal_distribution<double> normal(0.0, 1.0);

    Dataset data;
    data.feature.resize(settings.count);
    data.target = Eigen::VectorXd::Zero(settings.count);
    for (const int i : pickIndices(settings.count, syntheticPositiveCount(settings), generator))
        data.target[i] = 1.0;

    const double halfDistance = settings.classSeparation * settings.classDeviation / 2.0;
    for (int i = 0; i < settings.count; ++i) {
        const double mean = data.target[i] == 1.0 ? halfDistance : -halfDistance;
        data.feature[i] = mean + settings.classDeviation * normal(generator);
    }

    // Flipped after every feature is drawn, so the same seed with and without label noise gives
    // the same features, and the labels differ exactly at the flipped points.
    for (const int i : pickIndices(settings.count, syntheticFlippedLabelCount(settings), generator))
        data.target[i] = 1.0 - data.target[i];

    data.featureName = QStringLiteral("x");
    data.targetName = QStringLiteral("label");
    return data;
}

} // namespace

Dataset generateSyntheticData(const SyntheticSettings &settings)
{
    Dataset data = isClassificationScenario(settings.scenario) ? generateClasses(settings)
                                                               : generateLine(settings);
    data.source = QStringLiteral("synthetic");
    return data;
}

} // namespace losslens
