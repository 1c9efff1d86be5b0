#pragma once

#include "core/dataset.h"
#include "core/lineobjective.h"
#include "core/loss.h"

#include <QColor>

#include <memory>
#include <vector>

namespace losslens {

// One loss as the session shows it: a catalogue entry, or one that the user added by its spec.
struct LossEntry
{
    std::shared_ptr<const Loss> loss;
    bool enabled = false;
    QColor colour;
    // True for a loss the user added (a typed spec, or a --loss outside the catalogue such as a
    // composite), which may be removed again. Catalogue entries are never removed.
    bool removable = false;
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
