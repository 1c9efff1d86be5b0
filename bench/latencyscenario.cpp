#include "latencyscenario.h"

#include "core/losscatalogue.h"
#include "ui/controlpanel.h"
#include "ui/landscapeview.h"
#include "ui/mainwindow.h"
#include "ui/parameterslider.h"
#include "ui/residualscaleeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEventLoop>
#include <QSlider>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <optional>

namespace losslens {

namespace {

constexpr std::chrono::seconds pictureTimeout{120};

// Runs the event loop until condition() holds, checking every 2 ms rather than spinning, so the
// wait takes almost no processor time from the landscape's threads. Returns false on timeout.
bool processEventsUntil(const std::function<bool()> &condition, std::chrono::milliseconds timeout)
{
    if (condition())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setTimerType(Qt::PreciseTimer);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (condition())
            loop.quit();
    });
    poll.start(2);
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    loop.exec();
    return condition();
}

// Runs the event loop until the given time; when it has passed, runs one turn of it.
void processEventsUntilTime(BenchmarkClock::time_point time)
{
    // Rounded up, so the loop never ends before the time.
    const auto remaining = std::chrono::ceil<std::chrono::milliseconds>(time - BenchmarkClock::now());
    if (remaining.count() <= 0) {
        QCoreApplication::processEvents();
        return;
    }
    QEventLoop loop;
    QTimer::singleShot(remaining, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

// Waits until the view has finished its landscape, then lets queued replots and paints run.
bool waitUntilIdle(const LandscapeView *view)
{
    const bool finished = processEventsUntil(
        [view] { return !view->isComputing() && view->result() && view->result()->complete; },
        pictureTimeout);
    processEventsUntil([] { return false; }, std::chrono::milliseconds(100));
    return finished;
}

QString valueText(double value)
{
    return QString::number(value, 'g', 3);
}

std::shared_ptr<const LineObjective> currentObjective(MainWindow &window)
{
    return window.model()->objective(window.model()->state().currentLoss);
}

bool prepareSession(MainWindow &window, const BenchmarkData &data, const Scenario &scenario,
                    QString *error)
{
    SessionModel *model = window.model();
    const auto &dataset = scenario.classification ? data.classification : data.regression;
    if (&model->data() != dataset.get())
        model->setData(dataset, QStringLiteral("Benchmark data"));
    model->setStandardize(true);
    const std::shared_ptr<const Loss> loss = LossCatalogue::parse(scenario.loss, error);
    if (!loss)
        return false;
    model->setEnabledLosses({loss});
    model->setCurrentLoss(model->lossIndex(scenario.loss));
    const QString problem = currentObjective(window)->applicabilityError();
    if (!problem.isEmpty()) {
        *error = problem;
        return false;
    }
    if (!waitUntilIdle(window.landscapeView())) {
        *error = QStringLiteral("the first landscape did not finish within 120 s");
        return false;
    }
    return true;
}

// Finds the slider that the scenario drags, choosing the fixed residual scale first when the
// scenario drags that.
ParameterSlider *findSlider(MainWindow &window, const Scenario &scenario, QString *error)
{
    ControlPanel *panel = window.controlPanel();
    if (scenario.action == ScenarioAction::DragParameter) {
        ParameterSlider *slider = panel->parameterSlider(scenario.parameter);
        if (!slider)
            *error = QStringLiteral("the control panel has no slider for \"%1\"")
                         .arg(scenario.parameter);
        return slider;
    }
    ResidualScaleEditor *editor = panel->residualScaleEditor();
    if (!editor) {
        *error = QStringLiteral("the control panel has no residual scale for this loss");
        return nullptr;
    }
    // The choices are None, Fixed and Estimated, so one step down from None picks Fixed.
    QTest::keyClick(editor->modeBox(), Qt::Key_Down);
    if (editor->choice() != ResidualScaleEditor::Choice::Fixed) {
        *error = QStringLiteral("the residual scale box did not switch to Fixed");
        return nullptr;
    }
    return editor->valueSlider();
}

// Part of a slider's range that a drag covers, in slider positions, with the values at its ends.
struct DragRange
{
    int first = 0;
    int last = 0;
    QString firstValue;
    QString lastValue;
};

// Chooses 30% of the slider's range, centred on its value where the slider allows, and puts
// the handle at the start of it. These changes are not measured.
std::optional<DragRange> prepareDrag(MainWindow &window, ParameterSlider *parameter,
                                     QString *error)
{
    QSlider *slider = parameter->slider();
    const int span = slider->maximum() - slider->minimum();
    DragRange range;
    range.first = std::max(slider->minimum(), slider->value() - span * 3 / 20);
    range.last = std::min(slider->maximum(), range.first + span * 3 / 10);
    slider->setSliderPosition(range.last);
    range.lastValue = valueText(parameter->value());
    slider->setSliderPosition(range.first);
    range.firstValue = valueText(parameter->value());
    if (!waitUntilIdle(window.landscapeView())) {
        *error = QStringLiteral("the landscape at the drag's first value did not finish");
        return std::nullopt;
    }
    return range;
}

// Drags the handle of a slider with the calls that QSlider's own mouse handlers make: pressed,
// moved, released.
bool dragSlider(MainWindow &window, LatencyRecorder &recorder, ParameterSlider *parameter,
                const QString &label, const ScenarioSettings &settings, ScenarioOutcome *outcome,
                QString *error)
{
    const std::optional<DragRange> range = prepareDrag(window, parameter, error);
    if (!range)
        return false;
    const int first = range->first, last = range->last;

    // The pointer reaches sample k at start + k * interval. It moves by (last - first) / steps
    // per sample and turns back at each end of the range. Each time the event loop is free, the
    // handle goes to the newest sample the pointer has reached, so samples passed while the
    // window was busy are skipped rather than queued. Without an interval, or when settled,
    // every sample is applied in turn.
    const int steps = settings.dragSteps;
    const int samples = steps * settings.dragPasses;
    const auto positionAt = [&](int sample) {
        const int pass = (sample - 1) / steps;
        const int offset = sample - pass * steps;
        return pass % 2 == 0 ? first + (last - first) * offset / steps
                             : last - (last - first) * offset / steps;
    };
    const bool everySample = settings.settled || settings.interval.count() == 0;
    QSlider *slider = parameter->slider();
    recorder.clear();
    slider->setSliderDown(true);
    const auto start = BenchmarkClock::now();
    int sample = 0;
    while (sample < samples) {
        int next = sample + 1;
        if (everySample) {
            QCoreApplication::processEvents();
        } else {
            processEventsUntilTime(start + next * settings.interval);
            const auto reached = (BenchmarkClock::now() - start) / settings.interval;
            next = std::clamp(static_cast<int>(reached), next, samples);
        }
        sample = next;
        const auto previous = currentObjective(window);
        const auto changed = BenchmarkClock::now();
        slider->setSliderPosition(positionAt(sample));
        const auto handled = BenchmarkClock::now();
        const auto objective = currentObjective(window);
        if (objective == previous)
            continue;
        const auto lateness = everySample ? std::chrono::nanoseconds(0)
                                          : changed - (start + sample * settings.interval);
        recorder.recordChange(changed, lateness, handled - changed, objective);
        outcome->values << valueText(parameter->value());
        const size_t index = recorder.changes().size() - 1;
        if (settings.settled &&
            !processEventsUntil([&] { return recorder.fullPictureShown(index); },
                                pictureTimeout)) {
            slider->setSliderDown(false);
            *error = QStringLiteral("a full picture did not arrive within 120 s");
            return false;
        }
    }
    slider->setSliderDown(false);
    outcome->action = QStringLiteral("drag %1 between %2 and %3, %4")
                          .arg(label, range->firstValue, range->lastValue,
                               settings.dragPasses == 1
                                   ? QStringLiteral("1 pass")
                                   : QStringLiteral("%1 passes").arg(settings.dragPasses));
    return true;
}

bool toggleStandardize(MainWindow &window, LatencyRecorder &recorder,
                       const ScenarioSettings &settings, ScenarioOutcome *outcome, QString *error)
{
    QCheckBox *box = window.controlPanel()->standardizeBox();
    recorder.clear();
    for (int k = 0; k < settings.toggleChanges; ++k) {
        const auto changed = BenchmarkClock::now();
        box->click();
        const auto handled = BenchmarkClock::now();
        recorder.recordChange(changed, std::chrono::nanoseconds(0), handled - changed,
                              currentObjective(window));
        outcome->values << (box->isChecked() ? QStringLiteral("on") : QStringLiteral("off"));
        const size_t index = recorder.changes().size() - 1;
        if (!processEventsUntil([&] { return recorder.fullPictureShown(index); },
                                pictureTimeout)) {
            *error = QStringLiteral("a full picture did not arrive within 120 s");
            return false;
        }
    }
    outcome->action = QStringLiteral("click Standardize");
    return true;
}

} // namespace

const std::vector<Scenario> &scenarios()
{
    static const std::vector<Scenario> list = {
        {QStringLiteral("mse"), false, ScenarioAction::ToggleStandardize, {}},
        {QStringLiteral("mae"), false, ScenarioAction::ToggleStandardize, {}},
        {QStringLiteral("huber"), false, ScenarioAction::DragParameter, QStringLiteral("delta")},
        {QStringLiteral("tukey"), false, ScenarioAction::DragParameter, QStringLiteral("c")},
        {QStringLiteral("logcosh"), false, ScenarioAction::DragResidualScale, {}},
        {QStringLiteral("bce"), true, ScenarioAction::DragParameter,
         QStringLiteral("pos_weight")},
    };
    return list;
}

const Scenario *findScenario(const QString &loss)
{
    for (const Scenario &scenario : scenarios()) {
        if (scenario.loss == loss)
            return &scenario;
    }
    return nullptr;
}

QStringList scenarioNames()
{
    QStringList names;
    for (const Scenario &scenario : scenarios())
        names << scenario.loss;
    return names;
}

std::optional<ScenarioOutcome> runScenario(MainWindow &window, LatencyRecorder &recorder,
                                           const BenchmarkData &data, const Scenario &scenario,
                                           const ScenarioSettings &settings, QString *error)
{
    if (!prepareSession(window, data, scenario, error))
        return std::nullopt;
    ScenarioOutcome outcome;
    if (scenario.action == ScenarioAction::ToggleStandardize) {
        if (!toggleStandardize(window, recorder, settings, &outcome, error))
            return std::nullopt;
    } else {
        ParameterSlider *slider = findSlider(window, scenario, error);
        if (!slider)
            return std::nullopt;
        const QString label = scenario.action == ScenarioAction::DragParameter
                                  ? scenario.parameter
                                  : QStringLiteral("the fixed residual scale");
        if (!dragSlider(window, recorder, slider, label, settings, &outcome, error))
            return std::nullopt;
    }
    if (recorder.changes().empty()) {
        *error = QStringLiteral("no step of the control changed the loss");
        return std::nullopt;
    }
    // Every change up to the last is shown once the last one is.
    const size_t last = recorder.changes().size() - 1;
    if (!processEventsUntil([&] { return recorder.fullPictureShown(last); }, pictureTimeout)) {
        *error = QStringLiteral("the last change's full picture did not arrive within 120 s");
        return std::nullopt;
    }
    outcome.changes = recorder.changes();
    outcome.coarseGrid = recorder.coarseGrid();
    return outcome;
}

} // namespace losslens
