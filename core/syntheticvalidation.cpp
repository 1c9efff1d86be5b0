// Validation, names and counts of the synthetic scenarios declared in syntheticdata.h.
#include "syntheticdata.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace losslens {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("SyntheticData", text);
}

// The message for a setting outside its range, as "Outlier fraction 1.5 is out of range; it
// must lie in [0, 1]."
QString outOfRange(const char *name, double value, const QString &range)
{
    return translate("%1 %2 is out of range; it must lie in %3.")
        .arg(translate(name))
        .arg(value)
        .arg(range);
}

bool within(double value, double minimum, double maximum)
{
    // False for NaN, which fails both comparisons.
    return value >= minimum && value <= maximum;
}

bool finiteNotNegative(double value)
{
    return value >= 0.0 && std::isfinite(value);
}

// Magnitude that the noise stays below in practice, in units of its deviation or scale. Ten
// deviations bound Gaussian noise (P(|z| > 10) is about 1.5e-23). Student's t with nu >= 1 has
// P(|t| > 1e12) <= 2 / (pi 1e12), under 1e-12, the Cauchy tail being the heaviest.
double noiseBoundInDeviations(const SyntheticSettings &settings)
{
    return settings.scenario == SyntheticScenario::HeavyTailedNoise ? 1e12 : 10.0;
}

QString validateLine(const SyntheticSettings &settings)
{
    if (!std::isfinite(settings.slope))
        return translate("Slope %1 is invalid; it must be a finite number.").arg(settings.slope);
    if (!std::isfinite(settings.intercept))
        return translate("Intercept %1 is invalid; it must be a finite number.")
            .arg(settings.intercept);
    if (!finiteNotNegative(settings.noiseDeviation))
        return outOfRange("Noise deviation", settings.noiseDeviation, QStringLiteral("[0, ∞)"));
    if (!std::isfinite(settings.featureMinimum) || !std::isfinite(settings.featureMaximum) ||
        !(settings.featureMinimum < settings.featureMaximum))
        return translate("Feature range [%1, %2] is invalid; it must be finite with minimum < "
                         "maximum.")
            .arg(settings.featureMinimum)
            .arg(settings.featureMaximum);

    const SyntheticScenario scenario = settings.scenario;
    const bool outliers = scenario == SyntheticScenario::VerticalOutliers ||
                          scenario == SyntheticScenario::LeveragePoints;
    if (outliers && !within(settings.outlierFraction, 0.0, 1.0))
        return outOfRange("Outlier fraction", settings.outlierFraction, QStringLiteral("[0, 1]"));
    if (outliers && !std::isfinite(settings.outlierSize))
        return translate("Outlier size %1 is invalid; it must be a finite number.")
            .arg(settings.outlierSize);
    if (scenario == SyntheticScenario::LeveragePoints &&
        !(settings.leverageShift > 0.0 && settings.leverageShift <= 1000.0))
        return outOfRange("Leverage shift", settings.leverageShift, QStringLiteral("(0, 1000]"));
    if (scenario == SyntheticScenario::HeavyTailedNoise &&
        !within(settings.degreesOfFreedom, 1.0, 1000.0))
        return outOfRange("Degrees of freedom", settings.degreesOfFreedom,
                          QStringLiteral("[1, 1000]"));
    if (scenario == SyntheticScenario::HeteroscedasticNoise &&
        !finiteNotNegative(settings.noiseGrowth))
        return outOfRange("Noise growth", settings.noiseGrowth, QStringLiteral("[0, ∞)"));

    // Past maximumDataMagnitude the squared errors of the landscape would overflow.
    double featureBound =
        std::max(std::abs(settings.featureMinimum), std::abs(settings.featureMaximum));
    if (scenario == SyntheticScenario::LeveragePoints)
        featureBound +=
            settings.leverageShift * (settings.featureMaximum - settings.featureMinimum);
    double deviationBound = settings.noiseDeviation;
    if (scenario == SyntheticScenario::HeteroscedasticNoise)
        deviationBound += settings.noiseGrowth * featureBound;
    const double targetBound = std::abs(settings.slope) * featureBound +
                               std::abs(settings.intercept) +
                               noiseBoundInDeviations(settings) * deviationBound +
                               (outliers ? std::abs(settings.outlierSize) : 0.0);
    if (!(featureBound <= maximumDataMagnitude) || !(targetBound <= maximumDataMagnitude))
        return translate("These settings give values beyond %1 in magnitude; choose smaller "
                         "ones.")
            .arg(maximumDataMagnitude);
    return {};
}

QString validateClasses(const SyntheticSettings &settings)
{
    if (!within(settings.classSeparation, 0.0, 1000.0))
        return outOfRange("Class separation", settings.classSeparation,
                          QStringLiteral("[0, 1000]"));
    if (!(settings.classDeviation > 0.0 && std::isfinite(settings.classDeviation)))
        return outOfRange("Class deviation", settings.classDeviation, QStringLiteral("(0, ∞)"));
    if (!within(settings.imbalanceRatio, 0.001, 1000.0))
        return outOfRange("Imbalance ratio", settings.imbalanceRatio,
                          QStringLiteral("[0.001, 1000]"));
    if (!within(settings.labelNoiseRate, 0.0, 0.5))
        return outOfRange("Label noise rate", settings.labelNoiseRate, QStringLiteral("[0, 0.5]"));

    const int positives = syntheticPositiveCount(settings);
    if (positives == 0 || positives == settings.count)
        return translate("Imbalance ratio %1 leaves label %2 without points among %3; choose a "
                         "ratio nearer 1 or more points.")
            .arg(settings.imbalanceRatio)
            .arg(positives == 0 ? 1 : 0)
            .arg(settings.count);
    // Ten deviations bound the Gaussian draws in practice.
    const double featureBound = settings.classDeviation * (settings.classSeparation / 2.0 + 10.0);
    if (!(featureBound <= maximumDataMagnitude))
        return translate("These settings give values beyond %1 in magnitude; choose smaller "
                         "ones.")
            .arg(maximumDataMagnitude);
    return {};
}

} // namespace

QString syntheticScenarioName(SyntheticScenario scenario)
{
    switch (scenario) {
    case SyntheticScenario::GaussianLine:
        return translate("Line with Gaussian noise");
    case SyntheticScenario::VerticalOutliers:
        return translate("Vertical outliers");
    case SyntheticScenario::LeveragePoints:
        return translate("Leverage points (outliers in x)");
    case SyntheticScenario::HeavyTailedNoise:
        return translate("Heavy-tailed noise (Student's t)");
    case SyntheticScenario::HeteroscedasticNoise:
        return translate("Noise growing with |x|");
    case SyntheticScenario::TwoGaussianClasses:
        return translate("Two Gaussian classes (labels 0/1)");
    }
    return {};
}

bool isClassificationScenario(SyntheticScenario scenario)
{
    return scenario == SyntheticScenario::TwoGaussianClasses;
}

int syntheticOutlierCount(const SyntheticSettings &settings)
{
    // std::lround rounds halves away from zero, so 0.5 * 7 gives 4.
    return static_cast<int>(std::lround(settings.outlierFraction * settings.count));
}

int syntheticPositiveCount(const SyntheticSettings &settings)
{
    return static_cast<int>(std::lround(settings.count / (1.0 + settings.imbalanceRatio)));
}

int syntheticFlippedLabelCount(const SyntheticSettings &settings)
{
    return static_cast<int>(std::lround(settings.labelNoiseRate * settings.count));
}

QString validateSyntheticSettings(const SyntheticSettings &settings)
{
    if (std::find(syntheticScenarios.begin(), syntheticScenarios.end(), settings.scenario) ==
        syntheticScenarios.end())
        return translate("Scenario %1 is unknown.").arg(static_cast<int>(settings.scenario));
    if (settings.count < 2 || settings.count > 10'000'000)
        return translate("Point count %1 is out of range; it must lie in [2, 10000000].")
            .arg(settings.count);
    return isClassificationScenario(settings.scenario) ? validateClasses(settings)
                                                       : validateLine(settings);
}

} // namespace losslens
