#pragma once

#include "core/landscape.h"
#include "core/lineobjective.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace losslens {

// A rendered landscape image and the nodes of its grid where the mean loss is not finite, which
// the view leaves blank.
struct LandscapeImage
{
    QByteArray png;
    Eigen::Index nodeCount = 0;
    Eigen::Index undefinedCount = 0;
    // The first undefined node, slope in the outer loop as in the CSV, in the data's own units.
    LineParameters firstUndefined;
};

// Renders the window's landscape view of one loss on one data set as a PNG image, offscreen,
// once its landscape is complete, and returns the PNG file's bytes. The view draws training
// coordinates at its own resolution: with standardize, the slope per standard deviation of the
// feature and the intercept at the feature's mean. With automaticRange it shows its automatic
// range; otherwise it shows the smallest training-coordinate rectangle that contains dataGrid,
// given in data units. Needs a QApplication. Returns the PNG file's bytes with a count of the
// image grid's undefined nodes, or std::nullopt and sets *error when the view cannot show that
// rectangle, which the message then gives, or does not finish its landscape.
std::optional<LandscapeImage> renderLandscapeImage(std::shared_ptr<const Dataset> data,
                                               std::shared_ptr<const Loss> loss, bool standardize,
                                               const LandscapeGrid &dataGrid, bool automaticRange,
                                               QString *error);

} // namespace losslens
