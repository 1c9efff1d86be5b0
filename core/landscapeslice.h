#pragma once

#include "landscape.h"
#include "linearmodel.h"

#include <Eigen/Core>

#include <cstdint>
#include <functional>
#include <optional>
#include <stop_token>
#include <vector>

namespace losslens {

// A plane through parameter space, theta(a, c) = origin + a first + c second, on which a model
// with more than two parameters shows its loss as a 2D landscape. a runs along the grid's slope
// axis and c along its intercept axis.
struct SlicePlane
{
    Eigen::VectorXd origin;
    Eigen::VectorXd first;
    Eigen::VectorXd second;

    Eigen::VectorXd pointAt(double a, double c) const { return origin + a * first + c * second; }
};

// The plane of parameters i and j through theta, with the other parameters held at theta's
// values: the axes then read as the values of parameters i and j themselves.
SlicePlane parameterPlane(const Eigen::VectorXd &theta, Eigen::Index i, Eigen::Index j);

// The plane through theta along two random directions, drawn from a standard normal
// distribution with the given seed and normalized as in Li et al., "Visualizing the Loss
// Landscape of Neural Nets" (NeurIPS 2018): each group of parameters (the weights, then the
// intercept) is scaled to the norm of theta's own group, so a = 1 moves each group by its own
// size. A group whose norm is 0, as at the usual start theta = 0, or negligible against theta's
// (at most 1e-10 of it), keeps a direction of norm 1. The second direction is first made
// orthogonal to the first, and should the scaling leave the two parallel, the second's
// intercept is reversed, so the plane never collapses to a line when theta has at least two
// entries.
SlicePlane randomPlane(const Eigen::VectorXd &theta, std::uint64_t seed);

// A point's least-squares coordinates on a plane and its distance from it.
struct PlaneProjection
{
    // (a, c) of the plane's point nearest to the projected point.
    Eigen::Vector2d coordinates = Eigen::Vector2d::Zero();
    // |theta - plane.pointAt(a, c)|, the part of theta that the plane cannot show.
    double distance = 0.0;
};

// Projects theta onto the plane by least squares. With d1 = plane.first, d2 = plane.second and
// r = theta - plane.origin, (a, c) solves the normal equations
//   [d1.d1  d1.d2] [a]   [d1.r]
//   [d1.d2  d2.d2] [c] = [d2.r],
// so the directions need not be orthogonal. On a parameter plane a and c are theta's own two
// parameters. Returns std::nullopt when the directions are parallel to working precision (the
// Gram determinant is at most 1e-12 (d1.d1)(d2.d2), an angle below 1e-6 radians), when theta's
// size differs from the plane's, or when a result is not finite.
std::optional<PlaneProjection> projectOntoPlane(const SlicePlane &plane,
                                                const Eigen::VectorXd &theta);

// Mean loss (with the penalty) on every node of the grid over (a, c), on all cores:
// values(i, k) = L(plane.pointAt(grid.slopeAt(i), grid.interceptAt(k))). Returns std::nullopt
// when stop is requested first. rowsDone, when set, receives the number of finished rows (of
// grid.slopeCount) after each row, from the worker threads and not necessarily in order, so
// it must be thread-safe and ignore a count below one it has seen.
std::optional<Landscape> computeSlice(const LinearModelObjective &objective,
                                      const SlicePlane &plane, const LandscapeGrid &grid,
                                      std::stop_token stop = {},
                                      const std::function<void(int rowsDone)> &rowsDone = {});

enum class SliceMinimumStatus {
    // The search settled inside the range: a minimum of the mean loss on the plane (the global
    // one for a convex loss, a local one otherwise).
    Settled,
    // The search ran out of iterations before its steps became small: the lowest point found.
    NotSettled,
    // The lowest point lies on the range's edge, so the minimum on the plane, if there is one,
    // lies outside the range.
    AtEdge,
};

// The lowest mean loss found on a slice's plane within its grid's range.
struct SliceMinimum
{
    Eigen::Vector2d coordinates = Eigen::Vector2d::Zero();
    double value = 0.0;
    SliceMinimumStatus status = SliceMinimumStatus::NotSettled;
};

// Searches the lowest mean loss on the plane within the range of landscape's grid, starting at
// its lowest finite node. The search is a compass (pattern) search, which needs no derivatives
// and so also suits losses with kinks (MAE, hinge). It tries the eight moves (+-h_a, 0),
// (0, +-h_c) and (+-h_a, +-h_c), clamped to the range. It takes the lowest if that is lower
// than the current point, and otherwise halves h, which starts at the grid's spacing. The search settles
// when both steps are below 1e-10 of their axis' span, which takes about 30 halvings, and
// gives up after 3000 moves and halvings. Returns std::nullopt when no node is finite or when
// stop is requested first.
std::optional<SliceMinimum> findSliceMinimum(const LinearModelObjective &objective,
                                             const SlicePlane &plane, const Landscape &landscape,
                                             std::stop_token stop = {});

// Returns the mean loss on the straight line from start to end, L((1 - t) start + t end), at
// count evenly spaced t from tMinimum to tMaximum, both included. This 1D view of a training
// run shows whether the path crossed a barrier.
std::vector<double> lineProfile(const LinearModelObjective &objective,
                                const Eigen::VectorXd &start, const Eigen::VectorXd &end,
                                double tMinimum, double tMaximum, int count);

} // namespace losslens
