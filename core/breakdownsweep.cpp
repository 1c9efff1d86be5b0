#include "breakdownsweep.h"

#include "lineobjective.h"
#include "logging.h"

#include <QCoreApplication>

#include <cmath>

namespace losslens {

namespace {

// tr() of this file's messages, in the "BreakdownSweep" context of the translation files.
struct BreakdownSweepText
{
    Q_DECLARE_TR_FUNCTIONS(BreakdownSweep)
};

} // namespace

std::vector<double> evenOutlierFractions(double step, double maximum)
{
    std::vector<double> fractions;
    // Multiplying the index, rather than adding step repeatedly, keeps 0.025 * 20 at 0.5 exactly
    // enough for the end test, whose slack of 1e-9 steps absorbs the rounding.
    for (int index = 0; index * step <= maximum + 1e-9 * step; ++index)
        fractions.push_back(std::min(index * step, maximum));
    return fractions;
}

QString validateBreakdownSweep(const BreakdownSweepSettings &settings)
{
    if (settings.outlierFractions.empty())
        return BreakdownSweepText::tr(
            "The sweep has no outlier fractions; give at least one in [0, 1].");
    for (const double fraction : settings.outlierFractions) {
        if (!(fraction >= 0.0 && fraction <= 1.0))
            return BreakdownSweepText::tr(
                       "Outlier fraction %1 is out of range; it must lie in [0, 1].")
                .arg(fraction);
    }
    if (settings.seedCount < 1 || settings.seedCount > BreakdownSweepSettings::maximumSeedCount)
        return BreakdownSweepText::tr("Seed count %1 is out of range; it must lie in [1, %2].")
            .arg(settings.seedCount)
            .arg(BreakdownSweepSettings::maximumSeedCount);
    if (settings.gridResolution < 2 || settings.gridResolution > 512)
        return BreakdownSweepText::tr(
                   "Grid resolution %1 is out of range; it must lie in [2, 512].")
            .arg(settings.gridResolution);
    return validateSyntheticSettings(settings.data);
}

std::optional<BreakdownSweepResult>
runBreakdownSweep(const std::vector<std::shared_ptr<const Loss>> &losses,
                  const BreakdownSweepSettings &settings,
                  const std::function<void(int done, int total)> &progress, std::stop_token stop)
{
    BreakdownSweepResult result;
    result.outlierFractions = settings.outlierFractions;
    const std::size_t fractionCount = settings.outlierFractions.size();
    for (const auto &loss : losses)
        result.curves.push_back({loss, std::vector<double>(fractionCount, 0.0),
                                 std::vector<double>(fractionCount, 0.0)});

    const int total = int(fractionCount) * settings.seedCount * int(losses.size());
    int done = 0;
    for (std::size_t f = 0; f < fractionCount; ++f) {
        for (int seedIndex = 0; seedIndex < settings.seedCount; ++seedIndex) {
            SyntheticSettings dataSettings = settings.data;
            dataSettings.outlierFraction = settings.outlierFractions[f];
            dataSettings.seed = settings.data.seed + std::uint64_t(seedIndex);
            const auto data = std::make_shared<const Dataset>(generateSyntheticData(dataSettings));
            const FeatureScaling scaling = settings.standardize
                                               ? FeatureScaling::standardizing(data->feature)
                                               : FeatureScaling::identity();
            for (BreakdownCurve &curve : result.curves) {
                if (stop.stop_requested())
                    return std::nullopt;
                // The objective estimates a scale=mad residual scale on this data set.
                const LineObjective objective(data, curve.loss, scaling);
                const MinimumResult minimum = findMinimumFromAutomaticGrid(
                    objective, objective.fromDataUnits(LineParameters{}), settings.gridResolution,
                    stop);
                if (minimum.status == MinimumStatus::Cancelled)
                    return std::nullopt;
                const LineParameters line = objective.toDataUnits(minimum.theta);
                curve.slopeError[f] += std::abs(line.slope - dataSettings.slope);
                curve.interceptError[f] += std::abs(line.intercept - dataSettings.intercept);
                if (progress)
                    progress(++done, total);
            }
        }
        for (BreakdownCurve &curve : result.curves) {
            curve.slopeError[f] /= settings.seedCount;
            curve.interceptError[f] /= settings.seedCount;
        }
    }
    qCDebug(lcCore) << "breakdown sweep finished:" << total << "fits";
    return result;
}

} // namespace losslens
