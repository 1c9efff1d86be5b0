#pragma once

#include "sessionstate.h"
#include "viewrange.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace losslens {

// A run that a lesson step creates: a loss of the session by its name, and optionally an own
// optimizer, an own start and Barron's adaptive shape. Its colour is chosen when the step
// applies, as for a run added in the run list.
struct LessonRun
{
    QString lossName;
    std::optional<OptimizerSettings> optimizer;
    std::optional<LineParameters> start;
    bool learnShape = false;
    bool learnScale = false;

    bool operator==(const LessonRun &other) const;
};

// The changes of one lesson step. An absent entry keeps the previous step's value (the
// session's for the first step), except landscapeRange and play, which apply to their step only.
struct LessonStepSettings
{
    // Embedded data, in the same form as the session's "data" entry.
    std::shared_ptr<const Dataset> data;
    // The ticked losses with their parameters. Every other loss is unticked, and the runs of
    // unticked losses go while each ticked loss without a run gets one, as the loss list does.
    std::optional<std::vector<std::shared_ptr<const Loss>>> losses;
    // The current loss: the ticked loss of this name, which takes these parameters.
    std::shared_ptr<const Loss> currentLoss;
    std::optional<OptimizerSettings> optimizer;
    // The session optimizer's learning rate, set after the optimizer.
    std::optional<double> learningRate;
    // The session's start, in the data's own units. Every run starts there afterwards.
    std::optional<LineParameters> start;
    std::optional<bool> standardize;
    // Replaces every run.
    std::optional<std::vector<LessonRun>> runs;
    std::optional<int> selectedRun;
    // The views and controls hidden from this step on (ViewRegistry names); the others show.
    std::optional<QStringList> hiddenViews;
    // The landscape's range in this step; without it the view fits its content.
    std::optional<ViewRange> landscapeRange;
    // Whether training plays as soon as the step applies.
    bool play = false;

    bool operator==(const LessonStepSettings &other) const;
};

struct LessonStep
{
    QString title;
    // A few sentences for the lesson panel, plain text.
    QString text;
    LessonStepSettings settings;

    bool operator==(const LessonStep &other) const = default;
};

// A lesson: a session file with a "lesson" entry. The session is where the lesson starts, and
// each step changes it further, so step k is the session with steps 1 to k applied in order.
struct Lesson
{
    QString title;
    QString summary;
    std::vector<LessonStep> steps;

    bool operator==(const Lesson &other) const = default;
};

} // namespace losslens
