#pragma once

namespace losslens {

// The visible part of a two-dimensional view: ranges of its horizontal and vertical axes.
struct ViewRange
{
    double horizontalMinimum = 0.0;
    double horizontalMaximum = 1.0;
    double verticalMinimum = 0.0;
    double verticalMaximum = 1.0;

    bool operator==(const ViewRange &other) const = default;
};

} // namespace losslens
