#pragma once

#include <QStringList>

class QTextStream;

namespace losslens {

// True when the arguments name the "fit" subcommand.
bool isFitCommand(const QStringList &arguments);

// Runs "losslens fit ..." without a window: trains the line model on a CSV file (the linear
// model with one weight per feature when --x is repeated) with an optimizer, or finds the
// minimum with --optimizer minimize, and prints one JSON object.
// Returns 0 on success and 2 on invalid arguments or data, with the reason written to errors.
int runFitCommand(const QStringList &arguments, QTextStream &output, QTextStream &errors);

} // namespace losslens
