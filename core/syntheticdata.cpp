#include "syntheticdata.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

namespace losslens {

QString validateSyntheticSettings(const SyntheticSettings &settings)
{
    auto tr = [](const char *text) { return QCoreApplication::translate("SyntheticData", text); };
    if (settings.count < 2 || settings.count > 10'000'000)
        return tr("Point count %1 is out of range; it must lie in [2, 10000000].")
            .arg(settings.count);
    if (!(settings.outlierFraction >= 0.0 && settings.outlierFraction <= 1.0))
        return tr("Outlier fraction %1 is out of range; it must lie in [0, 1].")
            .arg(settings.outlierFraction);
    if (!(settings.noiseDeviation >= 0.0) || !std::isfinite(settings.noiseDeviation))
        return tr("Noise deviation %1 is invalid; it must be finite and not negative.")
            .arg(settings.noiseDeviation);
    if (!std::isfinite(settings.featureMinimum) || !std::isfinite(settings.featureMaximum) ||
        !(settings.featureMinimum < settings.featureMaximum))
        return tr("Feature range [%1, %2] is invalid; it must be finite with minimum < maximum.")
            .arg(settings.featureMinimum)
            .arg(settings.featureMaximum);
    if (!std::isfinite(settings.slope) || !std::isfinite(settings.intercept) ||
        !std::isfinite(settings.outlierSize))
        return tr("Slope, intercept and outlier size must be finite numbers.");
    // Ten noise deviations bound the noise in practice; past this bound the squared errors of
    // the landscape would overflow.
    const double featureBound =
        std::max(std::abs(settings.featureMinimum), std::abs(settings.featureMaximum));
    const double targetBound = std::abs(settings.slope) * featureBound +
                               std::abs(settings.intercept) + 10.0 * settings.noiseDeviation +
                               std::abs(settings.outlierSize);
    if (featureBound > maximumDataMagnitude || !(targetBound <= maximumDataMagnitude))
        return tr("These settings give values beyond %1 in magnitude; choose smaller ones.")
            .arg(maximumDataMagnitude);
    return {};
}

Dataset generateSyntheticData(const SyntheticSettings &settings)
{
    // The standard fixes std::mt19937_64 exactly but not the distributions, so the same seed
    // gives the same data with the same standard library (libstdc++ on Debian 12).
    std::mt19937_64 generator(settings.seed);
    std::uniform_real_distribution<double> uniform(settings.featureMinimum,
                                                   settings.featureMaximum);
    std::normal_distribution<double> noise(0.0, 1.0);

    Dataset data;
    data.feature.resize(settings.count);
    data.target.resize(settings.count);
    for (int i = 0; i < settings.count; ++i) {
        const double x = uniform(generator);
        data.feature[i] = x;
        data.target[i] =
            settings.slope * x + settings.intercept + settings.noiseDeviation * noise(generator);
    }

    // Pick exactly round(fraction * count) distinct points as outliers.
    const int outlierCount =
        static_cast<int>(std::lround(settings.outlierFraction * settings.count));
    std::vector<int> order(settings.count);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), generator);
    for (int i = 0; i < outlierCount; ++i)
        data.target[order[i]] += settings.outlierSize;

    data.featureName = QStringLiteral("x");
    data.targetName = QStringLiteral("y");
    data.source = QStringLiteral("synthetic");
    return data;
}

} // namespace losslens
