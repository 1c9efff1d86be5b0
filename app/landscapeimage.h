#pragma once

#include "core/landscape.h"

#include <QString>

#include <memory>

namespace losslens {

// Renders the window's landscape view of one loss on one data set to a PNG file, offscreen,
// once its landscape is complete. The view draws training coordinates at its own resolution:
// with standardize, the slope per standard deviation of the feature and the intercept at the
// feature's mean. With automaticRange it shows its automatic range; otherwise it shows the
// smallest training-coordinate rectangle that contains dataGrid, given in data units.
// Needs a QApplication. Returns false and sets *error when the file cannot be written.
bool writeLandscapeImage(std::shared_ptr<const Dataset> data, std::shared_ptr<const Loss> loss,
                         bool standardize, const LandscapeGrid &dataGrid, bool automaticRange,
                         const QString &path, QString *error);

} // namespace losslens
