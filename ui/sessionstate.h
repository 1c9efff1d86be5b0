#pragma once

#include "core/dataset.h"
#include "core/lineobjective.h"
#include "core/loss.h"

#include <QColor>

#include <memory>
#include <vector>

namespace losslens {

// One loss of the catalogue as the session shows it.
struct LossEntry
{
    std::shared_ptr<const Loss> loss;
    bool enabled = false;
    QColor colour;
};

// Everything the user has set. Copies are cheap because the data set and the losses are
// shared and immutable; a change replaces them.
struct SessionState
{
    std::shared_ptr<const Dataset> data;
    std::vector<LossEntry> losses;
    // The loss whose parameters are on the sliders and whose landscape is drawn.
    int currentLoss = 0;
    double learningRate = 0.1;
    bool standardize = true;
    // Start of every run, in the data's own units.
    LineParameters start;
};

} // namespace losslens
