#pragma once

#include "latencyrecorder.h"

#include "core/dataset.h"

#include <QStringList>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

namespace losslens {

class MainWindow;

// The user action by which the benchmark changes one loss's landscape.
enum class ScenarioAction {
    // Drag the slider of one of the loss's parameters.
    DragParameter,
    // Pick the fixed residual scale in its box, then drag the scale's slider.
    DragResidualScale,
    // Click "Standardize the feature" on and off, for losses without parameters. Each click
    // waits for the full picture of the one before, as a person looks before clicking again.
    ToggleStandardize,
};

struct Scenario
{
    // The catalogue name of the loss, which the session enables alone and makes current.
    QString loss;
    bool classification = false;
    ScenarioAction action = ScenarioAction::DragParameter;
    // The parameter key for DragParameter.
    QString parameter;
};

const std::vector<Scenario> &scenarios();
const Scenario *findScenario(const QString &loss);
QStringList scenarioNames();

struct BenchmarkData
{
    std::shared_ptr<const Dataset> regression;
    // The same points with 0/1 labels.
    std::shared_ptr<const Dataset> classification;
};

struct ScenarioSettings
{
    // Pointer positions on the way from one end of the drag to the other.
    int dragSteps = 60;
    // Times the pointer crosses the drag's range, turning back at each end.
    int dragPasses = 3;
    int toggleChanges = 12;
    // Time between two pointer positions; zero makes one per turn of the event loop.
    std::chrono::nanoseconds interval{16666667};
    // Wait for the full picture after every drag step too.
    bool settled = false;
};

struct ScenarioOutcome
{
    // The control and the range of values it went through.
    QString action;
    std::vector<ChangeTiming> changes;
    // The value after each change, as text.
    QStringList values;
    std::optional<LandscapeGrid> coarseGrid;
};

// Sets up the window for the scenario's loss, changes its control through a series of values
// and returns when every change has been shown at full resolution. Returns std::nullopt with
// *error set when the control is missing or a picture does not arrive within two minutes.
std::optional<ScenarioOutcome> runScenario(MainWindow &window, LatencyRecorder &recorder,
                                           const BenchmarkData &data, const Scenario &scenario,
                                           const ScenarioSettings &settings, QString *error);

} // namespace losslens
