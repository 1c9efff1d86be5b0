#include "gridstartedminimum.h"

#include <optional>

namespace losslens {

MinimumResult findMinimumFromAutomaticGrid(const LineObjective &objective,
                                           const Eigen::Vector2d &start, int resolution,
                                           std::stop_token stop)
{
    MinimumResult cancelled;
    cancelled.status = MinimumStatus::Cancelled;
    const LandscapeGrid grid = automaticGrid(objective, start, resolution);
    const std::optional<Landscape> landscape = computeLandscape(objective, grid, stop);
    if (!landscape)
        return cancelled;
    Eigen::Index row = 0, column = 0;
    landscape->values.minCoeff(&row, &column);
    const Eigen::Vector2d initial(grid.slopeAt(int(row)), grid.interceptAt(int(column)));
    return findMinimum(objective, initial, stop);
}

} // namespace losslens
