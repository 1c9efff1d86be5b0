#pragma once

#include "sessionjson.h"
#include "viewsettings.h"

#include <QJsonObject>

#include <optional>

namespace losslens {

// The "views" entry of a session file of format 2 and later:
//   {"landscape": {"range": R, "colour_scale": "logarithmic" or "linear", "contours": B},
//    "data": {"range": R},
//    "loss_curves": {"range": R, "first_derivative": B, "second_derivative": B, "weight": B,
//                    "classifier_input": "logit_label_1", "logit_label_0" or "margin",
//                    "true_class": 0 to 99},
//    "training": {"range": R, "loss_axis": "linear" or "logarithmic"}}
// with each R either {"horizontal": [min, max], "vertical": [min, max]} or "automatic", which
// lets the view choose its own range, and each B true or false.
QJsonObject viewsToJson(const std::optional<ViewRange> &landscapeRange,
                        const ViewSettings &settings);

// Reads root's "views" entry. Every entry above is required, and the first problem goes to the
// reader with the entry's path, such as "views.loss_curves.weight".
void readViews(SessionReader &reader, const QJsonObject &root,
               std::optional<ViewRange> *landscapeRange, ViewSettings *settings);

} // namespace losslens
