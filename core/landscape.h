#pragma once

#include "lineobjective.h"

#include <Eigen/Core>

#include <optional>
#include <stop_token>

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

// A grid that shows the valley around the least-squares line and also contains the start
// point: about two target standard deviations of the prediction around the line, stretched
// along the intercept by the feature's offset so the raw, ill-conditioned valley stays in view.
LandscapeGrid automaticGrid(const LineObjective &objective, const Eigen::Vector2d &start,
                            int resolution);

} // namespace losslens
