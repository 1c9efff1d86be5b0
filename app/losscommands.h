#pragma once

#include <QStringList>

class QTextStream;

namespace losslens {

// True when the arguments name a subcommand that needs no window ("losses" or "curves").
bool isLossCommand(const QStringList &arguments);

// Runs "losslens losses" or "losslens curves ..." and returns the exit status: 0 on success,
// 2 on invalid arguments, with the reason written to errors.
int runLossCommand(const QStringList &arguments, QTextStream &output, QTextStream &errors);

} // namespace losslens
