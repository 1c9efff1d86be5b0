#pragma once

#include "landscape.h"

#include <Eigen/Core>

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace losslens {

// One connected piece of a level set as a polyline in grid coordinates: x is the slope, y the
// intercept. A closed line repeats its first point at the end, so it can be drawn as it is.
struct ContourLine
{
    std::vector<Eigen::Vector2d> points;
    bool closed = false;
};

// Every line of the level set {values = level} on a grid.
struct ContourLevel
{
    double level = 0.0;
    std::vector<ContourLine> lines;
};

// Traces the level sets of values(i, j), sampled at (grid.slopeAt(i), grid.interceptAt(j)), by
// marching squares. Crossings are linearly interpolated along cell edges, a saddle cell is
// resolved by the mean of its four corners, and a cell with a non-finite corner gets no line,
// so lines end at such gaps and at the grid's border. Segments are chained into polylines.
// Returns one entry per requested level, in the order given. values must have
// grid.slopeCount rows and grid.interceptCount columns.
std::vector<ContourLevel> traceContours(const Eigen::MatrixXd &values, const LandscapeGrid &grid,
                                        const std::vector<double> &levels);

// Smallest and largest finite value of a matrix, or std::nullopt when it has none.
struct ValueRange
{
    double minimum = 0.0;
    double maximum = 0.0;
};
std::optional<ValueRange> finiteRange(const Eigen::MatrixXd &values);

enum class ContourSpacing { Linear, Logarithmic };

// Chooses round contour levels strictly between low and high, about targetCount of them.
// Linear spacing uses an equal step of 1, 2 or 5 times a power of ten. Logarithmic spacing uses
// the same mantissas in every decade, from 10 per decade down to 1, 2, 5 or 1, 3, or whole
// decades, every decade or every few decades. Logarithmic spacing falls back to linear when
// low <= 0 or when the span is less than about 0.7 decades. Returns an empty vector
// when low and high are not finite or low >= high.
std::vector<double> chooseContourLevels(double low, double high, ContourSpacing spacing,
                                        int targetCount = 10);

// Compact labels for ascending levels: 3 significant digits, or more where neighbouring levels
// would otherwise read the same, and a short exponent ("1.2e5", "5e-4") outside [1e-3, 1e4).
QStringList contourLabels(const std::vector<double> &levels);

} // namespace losslens
