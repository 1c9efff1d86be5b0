#pragma once

#include "core/landscape.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace losslens {

// Renders the window's landscape view of one loss on one data set as a PNG image, offscreen,
// once its landscape is complete, and returns the PNG file's bytes. The view draws training
// coordinates at its own resolution: with standardize, the slope per standard deviation of the
// feature and the intercept at the feature's mean. With automaticRange it shows its automatic
// range; otherwise it shows the smallest training-coordinate rectangle that contains dataGrid,
// given in data units. Needs a QApplication. Returns std::nullopt and sets *error when the view
// cannot show that rectangle, which the message then gives, or does not finish its landscape.
std::optional<QByteArray> renderLandscapeImage(std::shared_ptr<const Dataset> data,
                                               std::shared_ptr<const Loss> loss, bool standardize,
                                               const LandscapeGrid &dataGrid, bool automaticRange,
                                               QString *error);

} // namespace losslens
