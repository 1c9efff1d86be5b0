#pragma once

#include <QSize>
#include <QString>

#include <functional>

class QWidget;

namespace losslens {

// Contents and destination of an exported animation.
struct AnimationExportSettings
{
    enum class Format { Gif, PngSequence };
    Format format = Format::Gif;
    // The .gif file, or the folder that receives frame_0001.png, frame_0002.png, ...
    QString path;
    int frameCount = 60;
    // Training steps between two frames; the first frame shows the current state.
    int stepsPerFrame = 1;
    // Frame time in hundredths of a second; 4 gives 25 frames per second.
    int delayCentiseconds = 4;
    // Output size in pixels; an invalid size keeps the widget's own.
    QSize size;
};

// Records an animation of a widget: grabs it, advances the runs by stepsPerFrame, and repeats
// frameCount times. advance(steps) returns false when no run can go on (all stopped, diverged
// or at the step limit), which ends the animation early with the frames so far. progress(done,
// total) returns false to cancel; a cancelled or failed GIF leaves no partial file behind.
// Returns false and sets *error on failure or cancellation.
bool exportAnimation(QWidget *source, const AnimationExportSettings &settings,
                     const std::function<bool(int steps)> &advance,
                     const std::function<bool(int done, int total)> &progress, QString *error,
                     int *framesWritten = nullptr);

} // namespace losslens
