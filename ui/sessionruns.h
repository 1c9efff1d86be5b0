#pragma once

#include "sessionstate.h"

#include <vector>

namespace losslens {

// Bookkeeping of the run list in a session state, shared by the session model's setters.

// Gives every ticked loss that no run fits a run with the session's optimizer and start, in its
// loss's colour unless a run already has that colour.
void addMissingRuns(SessionState &state);

// Returns the run of the current loss, or the first run, or -1.
int runOfCurrentLoss(const SessionState &state);

// Removes the runs for which remove(index, run) returns true. The selection stays on the same run,
// moves to the run before a removed selected one, or to the first run.
template <typename Predicate> void eraseRuns(SessionState &state, Predicate remove)
{
    std::vector<RunEntry> remaining;
    int selected = -1;
    for (int i = 0; i < static_cast<int>(state.runs.size()); ++i) {
        if (remove(i, state.runs[i]))
            continue;
        if (i <= state.selectedRun)
            selected = static_cast<int>(remaining.size());
        remaining.push_back(state.runs[i]);
    }
    state.runs = std::move(remaining);
    state.selectedRun = selected < 0 && !state.runs.empty() ? 0 : selected;
}

} // namespace losslens
