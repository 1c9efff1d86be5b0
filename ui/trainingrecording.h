#pragma once

#include "animationexport.h"

#include <QString>

class QWidget;

namespace losslens {

class LandscapeView;
class TrainingController;

// The outcome of recordTraining.
struct TrainingRecording
{
    bool written = false;
    bool cancelled = false;
    int framesWritten = 0;
    // Set when recording ended before the requested frame count because no run could go on.
    bool runsStopped = false;
    // The reason nothing, or not everything, was written, naming the file and the cause.
    QString error;
};

// Records an animation of source while training the session's runs with the controller's own
// stepping, as the Step button does. It pauses playback, waits up to 10 s for a landscape
// computation in progress, then writes the first frame from the current state and applies
// settings.stepsPerFrame updates to every run before each later frame. So a complete recording
// of n frames advances every running run by (n - 1) stepsPerFrame steps, and the runs stay
// there afterwards. A modal progress dialog with Cancel opens on dialogParent when recording
// takes longer than half a second. The undo stack is not touched.
TrainingRecording recordTraining(TrainingController *training, LandscapeView *landscape,
                                 QWidget *source, const AnimationExportSettings &settings,
                                 QWidget *dialogParent);

} // namespace losslens
