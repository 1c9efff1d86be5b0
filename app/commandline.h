#pragma once

#include <QString>
#include <QStringList>

#include <optional>

class QCoreApplication;

namespace losslens {

// What the command line asks for, validated.
struct CommandLineOptions
{
    QString dataPath;
    QString featureColumn;
    QString targetColumn;
    QStringList lossSpecs;
    QString screenshotPath;
    int steps = 0;
    int width = 1500;
    int height = 960;
    std::optional<bool> standardize;
    std::optional<double> learningRate;
};

// Parses the arguments. On an invalid combination returns std::nullopt and sets *error; help
// and version requests print and exit inside, as QCommandLineParser does.
std::optional<CommandLineOptions> parseCommandLine(const QCoreApplication &application,
                                                   QString *error);

// True when the arguments ask for a screenshot, checked before any QApplication exists so the
// offscreen platform can be chosen.
bool wantsScreenshot(int argc, char **argv);

} // namespace losslens
