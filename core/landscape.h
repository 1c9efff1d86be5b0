#pragma once

#include "lineobjective.h"

#include <Eigen/Core>

#include <optional>
#include <stop_token>
#include <vector>

namespace losslens {

// A rectangular grid over (w, b) in training coordinates; both ends of each range are nodes.
struct LandscapeGrid
{
    double slopeMinimum = -1.0;
    double slopeMaximum = 1.0;
    double interceptMinimum = -1.0;
    double interceptMaximum = 1.0;
    int slopeCount = 101;
    int interceptCount = 101;

    double slopeAt(int i) const;
    double interceptAt(int j) const;
    bool isValid() const;
};

// Mean loss on every node: values(i, j) is L(slopeAt(i), interceptAt(j)).
struct Landscape
{
    LandscapeGrid grid;
    Eigen::MatrixXd values;
    double minimumValue = 0.0;
    double maximumValue = 0.0;
};

// Evaluates the mean loss on the grid, splitting the rows over the machine's cores.
// Returns std::nullopt when stop is requested before it finishes.
std::optional<Landscape> computeLandscape(const LineObjective &objective, const LandscapeGrid &grid,
                                          std::stop_token stop = {});

// True when every node of `coarse` is a node of `fine`: the same ranges, and node spacings in
// a power-of-two ratio, for which slopeAt and interceptAt give the same doubles on both grids.
bool isNestedGrid(const LandscapeGrid &coarse, const LandscapeGrid &fine);

// Computes the landscape of `grid` as computeLandscape does, but takes the nodes of `coarser`
// from it and evaluates only the others, so a progressive computation wastes no work. With a
// grid not nested in `grid` it computes every node. The kernels group the intercepts of a row
// differently, so values may differ from computeLandscape's by rounding.
std::optional<Landscape> refineLandscape(const LineObjective &objective, const Landscape &coarser,
                                         const LandscapeGrid &grid, std::stop_token stop = {});

// The grids nested in `grid` with 2, 4, 8, ... times its node spacing and at least
// minimumCount nodes per axis, coarsest first. Empty when no count halves exactly, as for an
// even number of nodes.
std::vector<LandscapeGrid> nestedGrids(const LandscapeGrid &grid, int minimumCount);

// Chooses the first pass of a progressive computation of `grid`: the finest grid of
// nestedGrids(grid, smallestCount) with at most largestCount nodes per axis whose predicted
// time, secondsPerNode per node, is at most `seconds`, else the coarsest of them. Returns
// std::nullopt when no grid is nested in `grid`.
std::optional<LandscapeGrid> firstPassGrid(const LandscapeGrid &grid, double secondsPerNode,
                                           double seconds, int smallestCount, int largestCount);

// Evaluates the mean loss on a grid in the data's own units, where a node (w, b) is the line
// y = w x + b on the raw feature x, whatever scaling the objective trains with. Each node sums
// rho(w x_i + b - y_i) (regression) or rho(w x_i + b, y_i) (classification) over the raw data,
// so the values equal a plain loop up to summation rounding. Nodes mapped to training
// coordinates would round w' x'_i + b' differently, and for a feature far from zero that loses
// digits of every error. A weight penalty keeps its meaning in the training coordinates, so it
// adds P(penaltyFactor s w), where s is the feature's scale.
std::optional<Landscape> computeLandscapeInDataUnits(const LineObjective &objective,
                                                     const LandscapeGrid &grid,
                                                     std::stop_token stop = {});

// A grid that shows the valley around the least-squares line and also contains the start
// point: about two target standard deviations of the prediction around the line, stretched
// along the intercept by the feature's offset so the raw, ill-conditioned valley stays in view.
// For a regression loss that is not convex, on data with outliers, the grid centres on the
// Theil-Sen line instead, with the target's spread without the outliers.
LandscapeGrid automaticGrid(const LineObjective &objective, const Eigen::Vector2d &start,
                            int resolution);

// automaticGrid() in the data's own units: the smallest data-unit rectangle that contains the
// automatic grid of the training coordinates, with start given in data units. With a
// standardized feature x' = (x - m) / s the training rectangle maps to a parallelogram, because
// the data-unit intercept b = b' - w m depends on the slope, so the rectangle is the box around
// its four corners. Without scaling the two grids are the same.
LandscapeGrid automaticGridInDataUnits(const LineObjective &objective, const LineParameters &start,
                                       int resolution);

} // namespace losslens
