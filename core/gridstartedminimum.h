#pragma once

#include "landscape.h"
#include "minimizer.h"

#include <Eigen/Core>

#include <stop_token>

namespace losslens {

// Side of the grid whose best node starts the search, the landscape view's resolution.
inline constexpr int minimumSearchGridResolution = 161;

// The minimum that the landscape view marks at its automatic range: the mean loss is evaluated
// on automaticGrid(objective, start, resolution), and findMinimum() starts from the grid's
// lowest node. For a convex loss the start does not change the result beyond rounding. For a
// non-convex one (Tukey, Cauchy, Welsch) the search is local, so this start is what makes it
// find the same local minimum as the landscape view. Returns status Cancelled when stop is
// requested.
MinimumResult findMinimumFromAutomaticGrid(const LineObjective &objective,
                                           const Eigen::Vector2d &start,
                                           int resolution = minimumSearchGridResolution,
                                           std::stop_token stop = {});

} // namespace losslens
