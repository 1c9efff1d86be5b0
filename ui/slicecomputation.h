#pragma once

#include "core/classseparation.h"
#include "core/csvreader.h"
#include "core/dataset.h"
#include "core/landscape.h"
#include "core/landscapeslice.h"
#include "core/linearmodel.h"
#include "core/linearmodeltraining.h"

#include <Eigen/Core>

#include <QString>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <vector>

namespace losslens {

// Kind of plane the slice window shows: the plane of two parameters, or the plane of two
// random directions normalized to the parameters' scale (see randomPlane).
enum class SliceMode { TwoParameters, RandomDirections };

// The point the slice passes through: the end of the training run or its start.
enum class SliceThrough { EndOfTraining, StartOfTraining };

// The rectangle of plane coordinates that a slice covers: a along the x axis, c along the y
// axis.
struct SliceRange
{
    double firstMinimum = -1.0;
    double firstMaximum = 1.0;
    double secondMinimum = -1.0;
    double secondMaximum = 1.0;

    // Whether every bound is finite and each minimum is below its maximum.
    bool isValid() const;
    bool operator==(const SliceRange &) const = default;
};

// Everything besides the objective that a slice depends on.
struct SliceSettings
{
    double learningRate = 0.1;
    int stepLimit = 200;
    SliceMode mode = SliceMode::TwoParameters;
    // Two different parameter indices, in theta's order, for SliceMode::TwoParameters.
    int firstParameter = 0;
    int secondParameter = 1;
    std::uint64_t seed = 1;
    SliceThrough through = SliceThrough::EndOfTraining;
    // Whether the objective was built on standardized features, which the axis labels state.
    bool standardize = true;
    // The range that the user zoomed or panned to, or empty for sliceGrid's automatic range.
    std::optional<SliceRange> range;
};

// A read-only array whose copies share one buffer, so that a result, its coarse forerunner and
// SliceJob's cache hold a training path once instead of copying it.
template <typename T>
class SharedArray
{
public:
    SharedArray() = default;
    explicit SharedArray(std::vector<T> values)
        : m_values(std::make_shared<const std::vector<T>>(std::move(values)))
    {
    }

    const std::vector<T> &values() const { return m_values ? *m_values : emptyValues(); }
    std::size_t size() const { return values().size(); }
    bool empty() const { return values().empty(); }
    const T &operator[](std::size_t index) const { return values()[index]; }
    const T &front() const { return values().front(); }
    const T &back() const { return values().back(); }
    auto begin() const { return values().begin(); }
    auto end() const { return values().end(); }

private:
    static const std::vector<T> &emptyValues()
    {
        static const std::vector<T> none;
        return none;
    }

    std::shared_ptr<const std::vector<T>> m_values;
};

// The largest number of points that a SlicePath keeps of a training run: the start and 2000
// updates.
inline constexpr int slicePathPointLimit = 2001;

// The part of a training run on a linear model that the slice views use. A long run is thinned,
// because the views draw at most a few thousand points and the profile uses the start and the
// end alone. Keeping every update would cost memory and time on every zoom without changing what
// is shown: 10^6 updates of 51 parameters are about 400 MB. The window's training records at
// most pointLimit points already (LinearTrainingSettings::recordedPointLimit). A run of n updates with
// n + 1 <= pointLimit points keeps every point. A longer one keeps pointLimit points, those after
// k_i = round(i n / (pointLimit - 1)) updates for i = 0 .. pointLimit - 1, which include the
// start (k = 0) and the end (k = n) and are evenly spaced in between. The step count, the status
// and the divergence stay those of the whole run.
struct SlicePath
{
    // The number of updates before each kept point, increasing from 0 to stepCount().
    SharedArray<int> steps;
    // The kept points and the mean loss at each, as in LinearTrainingPath.
    SharedArray<Eigen::VectorXd> thetas;
    SharedArray<double> losses;
    LinearTrainingStatus status = LinearTrainingStatus::Completed;
    // The update that diverged (1 for the first update), or -1.
    int divergedAt = -1;
    // The mean loss that the diverging update gave, possibly infinite.
    double divergedLoss = 0.0;
    // The recorded updates of the whole run, kept or not.
    int recordedStepCount = 0;

    const Eigen::VectorXd &start() const { return thetas.front(); }
    const Eigen::VectorXd &end() const { return thetas.back(); }
    // The same counts as LinearTrainingPath's, for the whole run.
    int stepCount() const { return recordedStepCount; }
    int stepsTaken() const { return divergedAt >= 0 ? divergedAt : stepCount(); }

    // Keeps at most pointLimit (at least 2) points of path, as described above. Of a path that
    // recorded only some updates, it keeps evenly spaced recorded points with their steps.
    static SlicePath thinned(const LinearTrainingPath &path,
                             int pointLimit = slicePathPointLimit);
};

// The 1D profile's range of t on the line (1 - t) start + t end: half the run's length beyond
// each end, so the profile shows whether the loss rises again past the end.
inline constexpr double profileMinimumT = -0.5;
inline constexpr double profileMaximumT = 1.5;
inline constexpr int profilePointCount = 201;

// A training run on a linear model and the views of its loss around it.
struct SliceResult
{
    std::shared_ptr<const LinearModelObjective> objective;
    SliceSettings settings;
    // Gradient descent from theta = 0 in training coordinates, thinned to at most
    // slicePathPointLimit points (see SlicePath). Copies of a result share its points.
    SlicePath path;
    Eigen::VectorXd throughPoint;
    SlicePlane plane;
    // The least-squares coordinates on the plane of every kept point of path.thetas (see
    // projectOntoPlane), or empty when the plane's directions are parallel. On a parameter
    // plane they are the two parameters' values.
    std::vector<Eigen::Vector2d> projectedPath;
    // The largest distance of a kept path point from the plane, 0 when the path lies in it.
    double largestPathDistance = 0.0;
    // Mean loss over the plane's (a, c) grid: a along the x axis, c along the y axis.
    Landscape slice;
    // Mean loss at profilePointCount evenly spaced t from profileMinimumT to profileMaximumT.
    std::vector<double> profile;
    // False for the quick coarse grid that comes before the full one.
    bool complete = true;
    // The lowest mean loss on the plane within the grid's range, searched from the grid's
    // lowest node (see findSliceMinimum), or empty when no node is finite.
    std::optional<SliceMinimum> minimum;
    // How a plane separates the classes, where separation would leave the mean loss without a
    // minimum (see separationWithoutMinimum): Overlap where it would not, Unknown while the
    // check has not run on this data or where it ran out of time.
    ClassSeparation separation = ClassSeparation::Unknown;
    // Whether the mean loss has no minimum because a plane separates the classes: the check's
    // result, or where that is Unknown, whether the end of training separates them (see
    // classesSeparatedAt).
    bool classesSeparated = false;

    // The through-point's coordinates on the plane: the two parameters' values, or (0, 0) on the
    // random plane, whose origin it is.
    Eigen::Vector2d throughCoordinates() const;
    double profileT(int index) const;
};

// Half-width of a parameter's axis when nothing else sets it: about two standard deviations of
// the target in the parameter's own units. A weight's scale is span / sd(x'_j), for x'_j the
// feature that training uses. The intercept's is span (1 + sum_j |mean(x'_j)| / sd(x'_j)), so
// that raw features far from 0, which move the best intercept by w_j mean(x'_j), stay in view.
// span is 2 sd(y) for regression and 6 for classification, where logits of a few units already
// mean near-certain predictions. automaticGrid uses the same rule for the line model.
double parameterScale(const LinearModelObjective &objective, Eigen::Index parameter);

// The plane of a slice through theta.
SlicePlane slicePlane(const SliceSettings &settings, const Eigen::VectorXd &theta);

// The grid of resolution x resolution nodes of a result whose objective, settings,
// throughPoint and projectedPath are set. It spans settings.range when that is set. Otherwise,
// for two parameters i, j, each axis spans theta_p +- max(2 |theta_p|, parameterScale(p)),
// which also contains theta_p = 0, the start. For random directions a and c both span [-h, h]
// with h = min(max(1, 1.1 max_k max(|a_k|, |c_k|)), 1e100) over the projected path's kept
// points. That is at least the [-1, 1] of Li et al., where 1 moves each group of parameters by
// its norm, and wide enough to show the whole path with the through-point in the middle. The
// updates between two kept points of a thinned run move theta little, so the margin of a tenth
// takes them in.
LandscapeGrid sliceGrid(const SliceResult &result, int resolution);

// The rows of grid that computeSliceResults computes: the coarse grid's, when there is one,
// and the full grid's. Its progress counts them.
int sliceRowCount(int resolution, int coarseResolution);

// Trains from theta = 0 and thins the path (unless knownPath is given, which must come from the
// same objective, learning rate and step limit), then computes the profile and a slice of
// resolution x resolution nodes. publish receives a coarse result first when coarseResolution is below
// resolution, then the complete one. progress, when set, receives the grid rows finished so far
// (of sliceRowCount()) from the worker threads, as computeSlice's rowsDone does. Returns false
// when stop is requested first, and then publishes nothing more.
bool computeSliceResults(std::shared_ptr<const LinearModelObjective> objective,
                         const SliceSettings &settings, int resolution, int coarseResolution,
                         std::optional<SlicePath> knownPath, std::stop_token stop,
                         const std::function<void(SliceResult)> &publish,
                         const std::function<void(int rowsDone)> &progress = {});

// The complete result alone, or std::nullopt when stop is requested first.
std::optional<SliceResult> computeSliceResult(std::shared_ptr<const LinearModelObjective> objective,
                                              const SliceSettings &settings, int resolution,
                                              std::stop_token stop = {});

// A request to read the main window's file for the model slices window: the file that the main
// window's data came from, the dialect and target chosen when it was imported, and the data
// that the import loaded.
struct SliceFileRequest
{
    QString path;
    CsvDialect dialect;
    QString targetColumn;
    // The two columns that the main window loaded. They replace the file's numeric columns when
    // those leave out the loaded feature or the file cannot be read (see readSliceFileTable()).
    std::shared_ptr<const Dataset> loaded;
};

// The result of reading the main window's file for the model slices window.
struct SliceFileTable
{
    // The file's numeric columns, or the loaded columns. It is empty when the read was cancelled,
    // or when it failed and the request had no loaded columns.
    std::optional<CsvTable> table;
    QString targetColumn;
    // The reason the file could not be read, naming it. With loaded columns in the request, table
    // then contains them, and this reason explains why only they are shown.
    QString error;
    bool cancelled = false;
};

// Reads and parses the whole file with the request's dialect and keeps the columns that hold a
// number in every row (numericColumnsTable()). Rows that the import skipped, or a file changed
// since, can leave the loaded feature out of that table, so the loaded feature and target
// columns then make the table. A file that cannot be opened or parsed gives an error, and the loaded
// columns when the request has them, else no table.
// cancelled is polled between the steps, so a superseded read stops early. Safe to call on a
// worker thread: it touches only its arguments.
SliceFileTable readSliceFileTable(const SliceFileRequest &request,
                                  const std::atomic_bool &cancelled);

} // namespace losslens
