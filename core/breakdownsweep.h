#pragma once

#include "gridstartedminimum.h"
#include "loss.h"
#include "syntheticdata.h"

#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <vector>

namespace losslens {

// A sweep of the outlier fraction of synthetic data, which shows where each loss breaks down.
// At each fraction, seedCount data sets (seeds data.seed, data.seed + 1, ...) are generated and
// each loss is fitted to each of them. The errors of the fitted slope and intercept against the
// true line are averaged over the seeds.
struct BreakdownSweepSettings
{
    // The data's line, noise, size and outliers; outlierFraction and seed are set per data set.
    SyntheticSettings data;
    // Each in [0, 1], in the order to plot them.
    std::vector<double> outlierFractions;
    // From 1 to maximumSeedCount.
    int seedCount = 5;
    // Fits on the standardized feature, as the window trains by default. Only a weight penalty
    // depends on this choice.
    bool standardize = true;
    // Grid of the search's start, as findMinimumFromAutomaticGrid() takes it.
    int gridResolution = minimumSearchGridResolution;

    static constexpr int maximumSeedCount = 1000;
};

// One loss's mean errors, one entry per outlier fraction of the sweep.
struct BreakdownCurve
{
    std::shared_ptr<const Loss> loss;
    // mean over seeds of |fitted slope - true slope|, in the data's own units.
    std::vector<double> slopeError;
    // mean over seeds of |fitted intercept - true intercept|.
    std::vector<double> interceptError;
};

struct BreakdownSweepResult
{
    std::vector<double> outlierFractions;
    std::vector<BreakdownCurve> curves;
};

// The fractions 0, step, 2 step, ... up to maximum (included when it is a multiple of step up to
// rounding). step must be positive and maximum in [0, 1].
std::vector<double> evenOutlierFractions(double step, double maximum);

// Returns a message naming the setting at fault, or an empty string when the sweep can run.
QString validateBreakdownSweep(const BreakdownSweepSettings &settings);

// Runs the sweep for regression losses that fit the line model; the settings must be valid.
// progress, if set, is called from the calling thread after every fit with the fits done and
// their total. Returns std::nullopt when stop is requested before the end.
std::optional<BreakdownSweepResult>
runBreakdownSweep(const std::vector<std::shared_ptr<const Loss>> &losses,
                  const BreakdownSweepSettings &settings,
                  const std::function<void(int done, int total)> &progress = {},
                  std::stop_token stop = {});

} // namespace losslens
