#pragma once

#include "commandline.h"

#include <QString>

namespace losslens {

class MainWindow;

// Opens the --session file, when given, in a new window, then applies the other options that
// set the state: --data with --x and --y, --loss, --standardize, --learning-rate, --optimizer and
// --schedule. When these options change the opened session, the window counts as modified, so
// its title shows "*" and closing it asks to save. The options leave no undo steps. Returns
// false with a message for a rejected session file, unreadable data or losses that cannot be
// fitted to the data.
bool applyWindowOptions(MainWindow &window, const CommandLineOptions &options, QString *error);

} // namespace losslens
