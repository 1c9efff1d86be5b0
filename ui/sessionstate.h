#pragma once

#include "core/dataset.h"
#include "core/learningrateschedule.h"
#include "core/lineobjective.h"
#include "core/loss.h"
#include "core/optimizer.h"

#include <QColor>

#include <memory>
#include <optional>
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

// An optimizer with its learning rate schedule, as a run trains with them. The optimizer is
// never stepped here: each run steps a clone, so the session's copy is shared and immutable,
// and a change replaces it.
struct OptimizerSettings
{
    std::shared_ptr<const Optimizer> optimizer;
    LearningRateSchedule schedule;

    // "adam:learning_rate=0.01,... with cosine:period=100,minimum=0", both canonical.
    QString spec() const;
    bool operator==(const OptimizerSettings &other) const;
};

// One training run: a loss of the session, an optimizer and a start point, drawn in its own
// colour in every view. A run trains only while its loss is ticked.
struct RunEntry
{
    // Index into SessionState::losses.
    int lossIndex = 0;
    // The run's own optimizer, or nothing when it trains with the session's optimizer.
    std::optional<OptimizerSettings> optimizer;
    // The run's own start in the data's own units, or nothing when it starts at the session's.
    std::optional<LineParameters> start;
    QColor colour;
    // Whether the run learns Barron's shape alpha, and also its scale c, with the line by
    // maximum likelihood (core/adaptivebarron.h) instead of holding the loss's values. Only a
    // run of Barron's loss learns them, and c only with alpha. Another loss ignores them.
    bool learnShape = false;
    bool learnScale = false;

    bool operator==(const RunEntry &other) const;
};

// Everything the user has set. Copies are cheap because the data set, the losses and the
// optimizers are shared and immutable; a change replaces them.
struct SessionState
{
    std::shared_ptr<const Dataset> data;
    std::vector<LossEntry> losses;
    // The loss whose parameters are on the sliders and whose landscape is drawn.
    int currentLoss = 0;
    // The optimizer of every run without its own, which the optimizer panel sets.
    OptimizerSettings optimizer;
    std::vector<RunEntry> runs;
    // The run whose own settings the run list edits and whose arrows the landscape draws, or -1
    // when there are no runs.
    int selectedRun = -1;
    bool standardize = true;
    // Start of every run without its own, in the data's own units.
    LineParameters start;
};

} // namespace losslens
