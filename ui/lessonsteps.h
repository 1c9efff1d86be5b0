#pragma once

#include "sessionfile.h"

#include <optional>
#include <vector>

namespace losslens {

// A lesson step as the window applies it: the whole session document and whether to play.
struct ResolvedLessonStep
{
    SessionDocument document;
    bool play = false;
};

// Applies a lesson's steps in order to its session, so each step's document is complete and
// Back can apply an earlier step exactly. Returns nothing and sets *error, naming the step and
// the setting, when a step names a loss that is not ticked, a run or view that does not exist,
// an invalid learning rate or adaptive shape, or leaves a run whose loss cannot be fitted to
// the data. The documents carry no lesson entry.
std::optional<std::vector<ResolvedLessonStep>> resolveLessonSteps(const SessionDocument &document,
                                                                  QString *error);

} // namespace losslens
