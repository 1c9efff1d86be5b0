#pragma once

#include <QStringList>

namespace losslens {

// True when the arguments name the "landscape" subcommand.
bool isLandscapeCommand(const QStringList &arguments);

// Runs "losslens landscape ...": writes the grid of the mean loss over (w, b) in the data's own
// units as CSV, or an image of the landscape view for an --out ending in .png. Creates the
// application object itself, a QApplication on the offscreen platform (unless QT_QPA_PLATFORM
// is set) only for an image. Returns the exit status: 0 on success, 2 on any error, with a
// message on standard error.
int runLandscapeCommand(int &argc, char **argv, const QStringList &arguments);

} // namespace losslens
