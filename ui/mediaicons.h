#pragma once

#include <QIcon>

class QPalette;

namespace losslens {

enum class MediaIcon { Play, Pause, Step, Reset };

// Returns a playback icon drawn as vector shapes in the palette's button text colour, and in its
// disabled button text colour for QIcon::Disabled. Unlike the style's bitmap icons it stays
// readable on a dark palette. A palette change needs a new icon.
QIcon mediaIcon(MediaIcon shape, const QPalette &palette);

} // namespace losslens
