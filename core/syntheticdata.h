#pragma once

#include "dataset.h"

#include <cstdint>

namespace losslens {

// A line y = slope x + intercept plus Gaussian noise, with a fraction of the points turned
// into vertical outliers. The same settings and seed give the same data set.
struct SyntheticSettings
{
    int count = 50;
    double slope = 2.0;
    double intercept = 1.0;
    double noiseDeviation = 1.0;
    double featureMinimum = -5.0;
    double featureMaximum = 5.0;
    // Share of points in [0, 1] moved by outlierSize (upwards) on top of their noise.
    double outlierFraction = 0.1;
    double outlierSize = 20.0;
    std::uint64_t seed = 1;
};

// Returns an error message when the settings cannot produce a data set, else an empty string.
QString validateSyntheticSettings(const SyntheticSettings &settings);

// Generates the data set; the settings must be valid.
Dataset generateSyntheticData(const SyntheticSettings &settings);

} // namespace losslens
