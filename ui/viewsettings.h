#pragma once

#include "viewrange.h"

#include <optional>

namespace losslens {

class MainWindow;

// The input of the loss-curve view's binary classification curves, in the order of its box.
enum class ClassifierInput { LogitLabelOne, LogitLabelZero, Margin };

// The state of the views that a session file keeps besides the landscape's range, which
// SessionDocument::landscapeRange holds because lesson steps set it too. The defaults are those
// of a new window. An absent range leaves the view to choose its own, as it does without a
// session: the data view fits new data, the loss-curve view widens to the loss's scale
// parameter and fits the curves' values, and the training view fits the runs' losses.
struct ViewSettings
{
    // The landscape's colour scale (logarithmic or linear) and its contour lines.
    bool logarithmicColours = true;
    bool contours = true;

    std::optional<ViewRange> dataRange;

    // The loss-curve view's range (error or logit against loss) and the curves it draws.
    std::optional<ViewRange> lossCurveRange;
    bool firstDerivative = true;
    bool secondDerivative = false;
    bool weight = false;
    ClassifierInput classifierInput = ClassifierInput::LogitLabelOne;
    // The true class of the cross-entropy curves, 0 to K - 1.
    int trueClass = 1;

    // The training view's range (iteration against mean loss) and its loss axis.
    std::optional<ViewRange> trainingRange;
    bool logarithmicLoss = false;

    bool operator==(const ViewSettings &other) const = default;
};

// The window's views as a session file saves them, every range included.
ViewSettings currentViewSettings(const MainWindow &window);

// Sets the views' switches, then the ranges that are present. Called after the session's state
// is in place, because a new state makes the views fit their content again.
void applyViewSettings(MainWindow &window, const ViewSettings &settings);

} // namespace losslens
