#pragma once

#include "dataset.h"

#include <QString>

#include <array>
#include <cstdint>

namespace losslens {

// The kind of synthetic data: five regression scenarios around the line
// y = slope x + intercept with x uniform in [featureMinimum, featureMaximum), and one binary
// classification scenario.
enum class SyntheticScenario {
    // y = slope x + intercept + noiseDeviation z, z standard normal.
    GaussianLine,
    // The Gaussian line with round(outlierFraction count) targets moved by outlierSize.
    VerticalOutliers,
    // The Gaussian line with round(outlierFraction count) points moved right by
    // leverageShift (featureMaximum - featureMinimum) in x, and their targets set to the line at
    // the new x plus their noise plus outlierSize.
    LeveragePoints,
    // y = slope x + intercept + noiseDeviation t, t Student's t with degreesOfFreedom degrees
    // of freedom, drawn as z / sqrt(v / nu) with v chi-squared with nu degrees of freedom.
    // The noise's variance is noiseDeviation^2 nu / (nu - 2) for nu > 2 and not finite otherwise.
    HeavyTailedNoise,
    // y = slope x + intercept + (noiseDeviation + noiseGrowth |x|) z.
    HeteroscedasticNoise,
    // Labels 0 and 1, x ~ N(-d s / 2, s^2) for label 0 and N(+d s / 2, s^2) for label 1 with
    // d = classSeparation and s = classDeviation. round(count / (1 + imbalanceRatio)) points
    // have label 1 before round(labelNoiseRate count) labels, chosen at random, are flipped.
    TwoGaussianClasses,
};

inline constexpr std::array<SyntheticScenario, 6> syntheticScenarios = {
    SyntheticScenario::GaussianLine,         SyntheticScenario::VerticalOutliers,
    SyntheticScenario::LeveragePoints,       SyntheticScenario::HeavyTailedNoise,
    SyntheticScenario::HeteroscedasticNoise, SyntheticScenario::TwoGaussianClasses,
};

// Settings of a synthetic data set. The same settings and seed give the same data set. Each
// scenario reads only its own fields, listed in the scenario's comment, plus count and seed.
struct SyntheticSettings
{
    // The default keeps the generator that existed before scenarios were added: a Gaussian
    // line with vertical outliers, drawn identically.
    SyntheticScenario scenario = SyntheticScenario::VerticalOutliers;
    int count = 50;
    double slope = 2.0;
    double intercept = 1.0;
    // Standard deviation of the Gaussian noise, the scale of the Student-t noise, or the
    // deviation at x = 0 of the heteroscedastic noise.
    double noiseDeviation = 1.0;
    double featureMinimum = -5.0;
    double featureMaximum = 5.0;
    // Share of points in [0, 1] made vertical outliers or leverage points.
    double outlierFraction = 0.1;
    // Added to the target of each vertical outlier, or the offset of a leverage point's target
    // from the true line.
    double outlierSize = 20.0;
    // How far leverage points move right, in units of the feature range.
    double leverageShift = 3.0;
    // Degrees of freedom nu of the Student-t noise.
    double degreesOfFreedom = 3.0;
    // Growth b of the heteroscedastic noise's deviation a + b |x| per unit of |x|.
    double noiseGrowth = 0.5;
    // Distance between the two class means in units of classDeviation.
    double classSeparation = 2.0;
    // Standard deviation of x within each class.
    double classDeviation = 1.0;
    // Number of label-0 points per label-1 point.
    double imbalanceRatio = 1.0;
    // Share of labels flipped after drawing, in [0, 0.5].
    double labelNoiseRate = 0.0;
    std::uint64_t seed = 1;
};

// The scenario's name for menus and messages, as "Heavy-tailed noise (Student's t)".
QString syntheticScenarioName(SyntheticScenario scenario);

// True for the scenario whose targets are 0/1 labels.
bool isClassificationScenario(SyntheticScenario scenario);

// round(outlierFraction count): the number of vertical outliers or leverage points.
int syntheticOutlierCount(const SyntheticSettings &settings);
// round(count / (1 + imbalanceRatio)): the number of label-1 points before label noise.
int syntheticPositiveCount(const SyntheticSettings &settings);
// round(labelNoiseRate count): the number of flipped labels.
int syntheticFlippedLabelCount(const SyntheticSettings &settings);

// Returns an error message that names the first invalid setting of the scenario and its valid
// range, or an empty string when the settings can produce a data set.
QString validateSyntheticSettings(const SyntheticSettings &settings);

// Generates the data set; the settings must be valid.
Dataset generateSyntheticData(const SyntheticSettings &settings);

} // namespace losslens
