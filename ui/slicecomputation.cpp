#include "slicecomputation.h"

#include "uilogging.h"

#include "core/linearmodelinput.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <mutex>

namespace losslens {

namespace {

// tr() of this file's messages, in the "SliceFileRead" context of the translation files.
struct SliceFileRead
{
    Q_DECLARE_TR_FUNCTIONS(SliceFileRead)
};

// The loaded feature and target as a two-column table, each number written with 17 significant
// digits so that it reads back as the same double.
CsvTable loadedColumnsTable(const Dataset &loaded)
{
    CsvTable columns;
    columns.header = {loaded.featureName, loaded.targetName};
    for (Eigen::Index i = 0; i < loaded.size(); ++i) {
        columns.rows.push_back({QByteArray::number(loaded.feature[i], 'g', 17),
                                QByteArray::number(loaded.target[i], 'g', 17)});
        columns.lineNumbers.push_back(i + 2);
        columns.firstLineNumbers.push_back(i + 2);
    }
    columns.headerLine = 1;
    return columns;
}

// The separation of the classes in the data set checked last. The slices of one data set differ
// in loss and settings only, and the check's linear programs take seconds on large data, so
// each data set is checked once, and a check that ran out of time is not repeated.
class SeparationCache
{
public:
    std::optional<ClassSeparation> find(const std::shared_ptr<const MultiFeatureData> &data)
    {
        const std::lock_guard lock(m_mutex);
        if (m_data.expired() || m_data.owner_before(data) || data.owner_before(m_data))
            return std::nullopt;
        return m_separation;
    }

    void store(const std::shared_ptr<const MultiFeatureData> &data, ClassSeparation separation)
    {
        const std::lock_guard lock(m_mutex);
        m_data = data;
        m_separation = separation;
    }

private:
    std::mutex m_mutex;
    std::weak_ptr<const MultiFeatureData> m_data;
    ClassSeparation m_separation = ClassSeparation::Unknown;
};

SeparationCache &separationCache()
{
    static SeparationCache cache;
    return cache;
}

// Time for the separation check of one data set. It took about 30 ms on 10,000 rows of 5
// features and 1.6 s on 100,000 rows of 10 overlapping ones. Separated rows take longer, because
// two programs run.
constexpr std::chrono::seconds separationTimeLimit{3};

// Sets result.separation to separation where it matters for the result's loss, and
// result.classesSeparated from it.
void setSeparation(SliceResult &result, ClassSeparation separation)
{
    result.separation = separationLeavesNoMinimum(*result.objective) ? separation
                                                                     : ClassSeparation::Overlap;
    switch (result.separation) {
    case ClassSeparation::Complete:
    case ClassSeparation::QuasiComplete:
        result.classesSeparated = true;
        break;
    case ClassSeparation::Overlap:
        result.classesSeparated = false;
        break;
    case ClassSeparation::Unknown:
        result.classesSeparated = classesSeparatedAt(*result.objective, result.path.end());
        break;
    }
}

} // namespace

Eigen::Vector2d SliceResult::throughCoordinates() const
{
    if (settings.mode == SliceMode::RandomDirections)
        return Eigen::Vector2d::Zero();
    return {throughPoint[settings.firstParameter], throughPoint[settings.secondParameter]};
}

double SliceResult::profileT(int index) const
{
    return profileMinimumT +
           (profileMaximumT - profileMinimumT) * index / double(profilePointCount - 1);
}

SlicePath SlicePath::thinned(const LinearTrainingPath &path, int pointLimit)
{
    SlicePath thin;
    thin.status = path.status;
    thin.divergedAt = path.divergedAt;
    thin.divergedLoss = path.divergedLoss;
    thin.recordedStepCount = path.stepCount();
    // Positions in path: one per update for a path that recorded every update, else one per
    // recorded point of a path that training already bounded.
    const std::int64_t lastPosition = static_cast<std::int64_t>(path.thetas.size()) - 1;
    const std::int64_t intervals = std::max(pointLimit, 2) - 1;
    const std::int64_t keptCount = std::min(lastPosition, intervals) + 1;
    std::vector<int> steps;
    std::vector<Eigen::VectorXd> thetas;
    std::vector<double> losses;
    steps.reserve(std::size_t(keptCount));
    thetas.reserve(std::size_t(keptCount));
    losses.reserve(std::size_t(keptCount));
    for (std::int64_t i = 0; i < keptCount; ++i) {
        // k_i = round(i n / (keptCount - 1)) in integers; every k_i is distinct because the
        // spacing n / (keptCount - 1) is at least 1.
        const std::int64_t position =
            lastPosition < intervals ? i : (i * lastPosition + intervals / 2) / intervals;
        steps.push_back(path.stepAt(std::size_t(position)));
        thetas.push_back(path.thetas[std::size_t(position)]);
        losses.push_back(path.losses[std::size_t(position)]);
    }
    thin.steps = SharedArray<int>(std::move(steps));
    thin.thetas = SharedArray<Eigen::VectorXd>(std::move(thetas));
    thin.losses = SharedArray<double>(std::move(losses));
    return thin;
}

bool SliceRange::isValid() const
{
    return std::isfinite(firstMinimum) && std::isfinite(firstMaximum) &&
           std::isfinite(secondMinimum) && std::isfinite(secondMaximum) &&
           firstMinimum < firstMaximum && secondMinimum < secondMaximum;
}

namespace {

// Population standard deviation, or fallback where it is 0 or not finite.
double deviationOr(const Eigen::VectorXd &values, double fallback)
{
    if (values.size() < 2)
        return fallback;
    const double mean = values.mean();
    const double deviation = std::sqrt((values.array() - mean).square().mean());
    return deviation > 0.0 && std::isfinite(deviation) ? deviation : fallback;
}

} // namespace

double parameterScale(const LinearModelObjective &objective, Eigen::Index parameter)
{
    const Eigen::VectorXd &target = objective.data().target;
    const double targetFallback = target.size() > 0 ? std::max(1.0, std::abs(target.mean())) : 1.0;
    const double span = objective.loss().kind() == LossKind::Regression
                            ? 2.0 * deviationOr(target, targetFallback)
                            : 6.0;
    const Eigen::MatrixXd &features = objective.scaledFeatures();
    const Eigen::Index weightCount = features.cols();
    if (parameter < weightCount)
        return span / deviationOr(features.col(parameter), 1.0);
    double stretch = 1.0;
    for (Eigen::Index j = 0; j < weightCount; ++j) {
        const Eigen::VectorXd column = features.col(j);
        stretch += std::abs(column.mean()) / deviationOr(column, 1.0);
    }
    return span * stretch;
}

SlicePlane slicePlane(const SliceSettings &settings, const Eigen::VectorXd &theta)
{
    if (settings.mode == SliceMode::RandomDirections)
        return randomPlane(theta, settings.seed);
    return parameterPlane(theta, settings.firstParameter, settings.secondParameter);
}

LandscapeGrid sliceGrid(const SliceResult &result, int resolution)
{
    const SliceSettings &settings = result.settings;
    LandscapeGrid grid;
    grid.slopeCount = resolution;
    grid.interceptCount = resolution;
    if (settings.range && settings.range->isValid()) {
        grid.slopeMinimum = settings.range->firstMinimum;
        grid.slopeMaximum = settings.range->firstMaximum;
        grid.interceptMinimum = settings.range->secondMinimum;
        grid.interceptMaximum = settings.range->secondMaximum;
        return grid;
    }
    if (settings.mode == SliceMode::RandomDirections) {
        double reach = 0.0;
        for (const Eigen::Vector2d &point : result.projectedPath)
            reach = std::max(reach, point.cwiseAbs().maxCoeff());
        // The cap keeps a diverged run's far points from making a range that the plot's axes
        // (QCustomPlot 2.1 accepts magnitudes up to 1e250) or the grid cannot hold.
        const double halfWidth = std::min(std::max(1.0, 1.1 * reach), 1e100);
        grid.slopeMinimum = grid.interceptMinimum = -halfWidth;
        grid.slopeMaximum = grid.interceptMaximum = halfWidth;
        return grid;
    }
    const Eigen::VectorXd &theta = result.throughPoint;
    auto halfWidth = [&](int parameter) {
        return std::max(2.0 * std::abs(theta[parameter]),
                        parameterScale(*result.objective, parameter));
    };
    const double first = theta[settings.firstParameter];
    const double second = theta[settings.secondParameter];
    const double firstHalfWidth = halfWidth(settings.firstParameter);
    const double secondHalfWidth = halfWidth(settings.secondParameter);
    grid.slopeMinimum = first - firstHalfWidth;
    grid.slopeMaximum = first + firstHalfWidth;
    grid.interceptMinimum = second - secondHalfWidth;
    grid.interceptMaximum = second + secondHalfWidth;
    return grid;
}

namespace {

// Fills the result's projectedPath and largestPathDistance from its path and plane.
void projectPath(SliceResult &result)
{
    result.projectedPath.clear();
    result.largestPathDistance = 0.0;
    result.projectedPath.reserve(result.path.thetas.size());
    for (const Eigen::VectorXd &theta : result.path.thetas) {
        const std::optional<PlaneProjection> projection = projectOntoPlane(result.plane, theta);
        if (!projection) {
            result.projectedPath.clear();
            result.largestPathDistance = 0.0;
            return;
        }
        result.projectedPath.push_back(projection->coordinates);
        result.largestPathDistance = std::max(result.largestPathDistance, projection->distance);
    }
}

} // namespace

bool computeSliceResults(std::shared_ptr<const LinearModelObjective> objective,
                         const SliceSettings &settings, int resolution, int coarseResolution,
                         std::optional<SlicePath> knownPath, std::stop_token stop,
                         const std::function<void(SliceResult)> &publish,
                         const std::function<void(int rowsDone)> &progress)
{
    if (!knownPath) {
        const Eigen::VectorXd start = Eigen::VectorXd::Zero(objective->parameterCount());
        // Training records at most slicePathPointLimit points, so memory stays small however
        // many updates the run takes.
        const std::optional<LinearTrainingPath> trained =
            trainLinearModel(*objective, start, settings.learningRate, settings.stepLimit, stop,
                             slicePathPointLimit);
        if (trained)
            knownPath = SlicePath::thinned(*trained);
        if (!knownPath)
            return false;
    }

    SliceResult result;
    result.objective = objective;
    result.settings = settings;
    result.path = std::move(*knownPath);
    result.throughPoint = settings.through == SliceThrough::EndOfTraining ? result.path.end()
                                                                          : result.path.start();
    result.plane = slicePlane(settings, result.throughPoint);
    projectPath(result);
    result.profile = lineProfile(*objective, result.path.start(), result.path.end(),
                                 profileMinimumT, profileMaximumT, profilePointCount);
    if (stop.stop_requested())
        return false;

    // A data set checked before gives its result at once. A new one is checked after its full
    // grid, so that the check does not delay the pictures.
    const bool separationMatters = separationLeavesNoMinimum(*objective);
    const std::optional<ClassSeparation> knownSeparation =
        separationMatters ? separationCache().find(objective->sharedData()) : std::nullopt;
    setSeparation(result, knownSeparation.value_or(ClassSeparation::Unknown));

    // The full grid's rows count after the coarse grid's.
    int rowsBefore = 0;
    auto rowsDone = [&](int rows) {
        if (progress)
            progress(rowsBefore + rows);
    };
    if (coarseResolution < resolution) {
        const LandscapeGrid grid = sliceGrid(result, coarseResolution);
        std::optional<Landscape> coarse =
            computeSlice(*objective, result.plane, grid, stop, rowsDone);
        if (!coarse)
            return false;
        rowsBefore = coarseResolution;
        SliceResult coarseResult = result;
        coarseResult.slice = std::move(*coarse);
        // No minimum search on the coarse grid: each of its steps passes over all the data, so
        // it would delay the first picture, and the full grid's search follows at once.
        coarseResult.minimum.reset();
        coarseResult.complete = false;
        publish(std::move(coarseResult));
    }
    const LandscapeGrid grid = sliceGrid(result, resolution);
    std::optional<Landscape> slice = computeSlice(*objective, result.plane, grid, stop, rowsDone);
    if (!slice)
        return false;
    result.slice = std::move(*slice);
    result.minimum = findSliceMinimum(*objective, result.plane, result.slice, stop);
    if (stop.stop_requested())
        return false;
    result.complete = true;
    if (!separationMatters || knownSeparation) {
        publish(std::move(result));
        return true;
    }
    publish(result);
    if (stop.stop_requested())
        return false;
    // GLPK's simplex cannot be interrupted, so a cancelled job may still run it to its time
    // limit. The result is stored for the next job on the same data.
    const ClassSeparation separation =
        classSeparation(objective->data().features, objective->data().target, separationTimeLimit);
    separationCache().store(objective->sharedData(), separation);
    if (stop.stop_requested())
        return false;
    setSeparation(result, separation);
    publish(std::move(result));
    return true;
}

int sliceRowCount(int resolution, int coarseResolution)
{
    return coarseResolution < resolution ? coarseResolution + resolution : resolution;
}

std::optional<SliceResult> computeSliceResult(std::shared_ptr<const LinearModelObjective> objective,
                                              const SliceSettings &settings, int resolution,
                                              std::stop_token stop)
{
    std::optional<SliceResult> complete;
    computeSliceResults(std::move(objective), settings, resolution, resolution, std::nullopt,
                        stop, [&](SliceResult result) { complete = std::move(result); });
    return complete;
}

namespace {

// readSliceFileTable() without the fallback to the loaded columns on a failed read.
SliceFileTable readWholeSliceFile(const SliceFileRequest &request, const std::atomic_bool &cancelled)
{
    SliceFileTable result;
    result.targetColumn = request.targetColumn;
    const QString fileName = QFileInfo(request.path).fileName();
    QFile file(request.path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = SliceFileRead::tr("Cannot open %1: %2.").arg(fileName, file.errorString());
        return result;
    }
    const QByteArray text = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        result.error = SliceFileRead::tr("Cannot read %1: %2.").arg(fileName, file.errorString());
        return result;
    }
    if (cancelled) {
        result.cancelled = true;
        return result;
    }
    CsvError error;
    const std::optional<CsvTable> table =
        parseCsvText(text, request.dialect, true, fileName, &error);
    if (!table) {
        result.error = error.message;
        return result;
    }
    if (cancelled) {
        result.cancelled = true;
        return result;
    }
    result.table = numericColumnsTable(*table, request.targetColumn);
    if (request.loaded &&
        (!result.table || !result.table->header.contains(request.loaded->featureName))) {
        qCInfo(lcUi) << "slices window gets the loaded columns of" << request.path;
        result.table = loadedColumnsTable(*request.loaded);
        result.targetColumn = request.loaded->targetName;
    } else if (!result.table) {
        result.error = SliceFileRead::tr("%1 has no column of numbers besides %2.")
                           .arg(fileName, request.targetColumn);
    }
    return result;
}

} // namespace

SliceFileTable readSliceFileTable(const SliceFileRequest &request,
                                  const std::atomic_bool &cancelled)
{
    SliceFileTable result = readWholeSliceFile(request, cancelled);
    if (!result.table && !result.cancelled && request.loaded) {
        // The main window still has the rows it loaded, which are better than nothing.
        qCInfo(lcUi) << "slices window falls back to the loaded columns of" << request.path;
        result.table = loadedColumnsTable(*request.loaded);
        result.targetColumn = request.loaded->targetName;
    }
    return result;
}

} // namespace losslens
