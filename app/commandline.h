#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace losslens {

// Settings requested on the command line, validated.
struct CommandLineOptions
{
    QString dataPath;
    QString featureColumn;
    QString targetColumn;
    // --skip-invalid: leave out rows of --data with missing or invalid cells and list them.
    bool skipInvalidRows = false;
    // --data without --x and --y: open the import dialog on the file to choose its columns.
    bool chooseColumns = false;
    QStringList lossSpecs;
    // --session: a session or lesson file to open before the other options change it.
    QString sessionPath;
    // False for --no-recovery: autosaved work of a crashed run is not offered at the start.
    bool offerRecovery = true;
    QString screenshotPath;
    int steps = 0;
    int width = 1500;
    int height = 960;
    std::optional<bool> standardize;
    std::optional<double> learningRate;
    // The optimizer and schedule of every run, as canonical specs; empty when not given.
    QString optimizerSpec;
    QString scheduleSpec;
    // Set for --help or --version: print it and exit with status 0.
    QString helpText;
};

// Parses the arguments, the program name first; needs no QCoreApplication, so errors and --help
// work without a display. On an invalid argument or combination returns std::nullopt and sets
// *error. For --help and --version only helpText is set.
std::optional<CommandLineOptions> parseCommandLine(const QStringList &arguments, QString *error);

// True when the arguments ask for a screenshot, checked before any QApplication exists so the
// offscreen platform can be chosen.
bool wantsScreenshot(int argc, char **argv);

} // namespace losslens
