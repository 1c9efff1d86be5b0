// Measures how fast the real main window redraws the landscape while a user changes the loss.
// For each change of a control it takes the time until the landscape plot has painted a picture
// of that change or of a later one. It does so for the coarse grid and for the full one, and it
// also times the coarse grid's computation alone. It runs offscreen on seeded synthetic data and prints a
// Markdown table with the product's targets. bench/README.md describes the method and results.

#include "latencyrecorder.h"
#include "latencyscenario.h"

#include "core/landscape.h"
#include "core/syntheticdata.h"
#include "ui/landscapeview.h"
#include "ui/mainwindow.h"

#include <qcustomplot.h>

#include <QCommandLineParser>
#include <QDateTime>
#include <QLoggingCategory>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <vector>

using namespace losslens;

namespace {

// The product's targets for N = 10,000 points: the first coarse picture after a slider move
// within one 60 Hz frame, and the repainted landscape within two frames for 95% of changes.
constexpr double coarseTargetMilliseconds = 16.0;
constexpr double fullTargetMilliseconds = 33.0;

// The main window's own default size.
constexpr QSize windowSize(1500, 960);

struct Options
{
    int pointCount = 10000;
    std::uint64_t seed = 1;
    int dragSteps = 60;
    int dragPasses = 3;
    int toggleChanges = 12;
    int computeRepeats = 5;
    double intervalMilliseconds = 1000.0 / 60.0;
    bool settled = false;
    bool details = false;
    QStringList losses;
    // Set when --help was given: the text to print instead of running.
    QString helpText;
};

std::optional<Options> parseOptions(const QStringList &arguments, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Times the main window from a change of a loss control to the repainted landscape."));
    parser.addHelpOption();
    const QCommandLineOption quick(QStringLiteral("quick"),
                                   QStringLiteral("Per loss, one drag of 30 steps, 6 clicks "
                                                  "and 3 compute runs instead of three drags "
                                                  "of 60 steps, 12 clicks and 5 runs."));
    const QCommandLineOption points(QStringLiteral("points"),
                                    QStringLiteral("Number of data points (default 10000)."),
                                    QStringLiteral("N"));
    const QCommandLineOption interval(
        QStringLiteral("interval-ms"),
        QStringLiteral("Time between two pointer positions of a drag in milliseconds (default "
                       "16.67, 60 Hz); 0 makes one per turn of the event loop."),
        QStringLiteral("MS"));
    const QCommandLineOption settled(
        QStringLiteral("settled"),
        QStringLiteral("Wait for the full picture after every change, as after a click."));
    const QCommandLineOption losses(
        QStringLiteral("losses"),
        QStringLiteral("Comma-separated subset of mse,mae,huber,tukey,logcosh,bce."),
        QStringLiteral("LIST"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Seed of the synthetic data (default 1)."),
                                  QStringLiteral("SEED"));
    const QCommandLineOption details(QStringLiteral("details"),
                                     QStringLiteral("Print the times of every change."));
    parser.addOptions({quick, points, interval, settled, losses, seed, details});
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    Options options;
    if (parser.isSet(QStringLiteral("help"))) {
        options.helpText = parser.helpText();
        return options;
    }
    if (parser.isSet(quick)) {
        options.dragSteps = 30;
        options.dragPasses = 1;
        options.toggleChanges = 6;
        options.computeRepeats = 3;
    }
    bool ok = true;
    if (parser.isSet(points)) {
        options.pointCount = parser.value(points).toInt(&ok);
        if (!ok || options.pointCount < 2 || options.pointCount > 10000000) {
            *error = QStringLiteral("Invalid --points \"%1\"; give a count from 2 to 10000000.")
                         .arg(parser.value(points));
            return std::nullopt;
        }
    }
    if (parser.isSet(interval)) {
        options.intervalMilliseconds = parser.value(interval).toDouble(&ok);
        if (!ok || !(options.intervalMilliseconds >= 0.0 && options.intervalMilliseconds <= 1e4)) {
            *error = QStringLiteral("Invalid --interval-ms \"%1\"; give milliseconds from 0 to "
                                    "10000.")
                         .arg(parser.value(interval));
            return std::nullopt;
        }
    }
    if (parser.isSet(seed)) {
        options.seed = parser.value(seed).toULongLong(&ok);
        if (!ok) {
            *error = QStringLiteral("Invalid --seed \"%1\"; give a non-negative integer.")
                         .arg(parser.value(seed));
            return std::nullopt;
        }
    }
    options.settled = parser.isSet(settled);
    options.details = parser.isSet(details);
    if (parser.isSet(losses)) {
        options.losses = parser.value(losses).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &loss : options.losses) {
            if (!findScenario(loss)) {
                *error = QStringLiteral("Unknown loss \"%1\" in --losses; choose from %2.")
                             .arg(loss, scenarioNames().join(QLatin1Char(',')));
                return std::nullopt;
            }
        }
    }
    return options;
}

double milliseconds(std::chrono::nanoseconds duration)
{
    return std::chrono::duration<double, std::milli>(duration).count();
}

// Median, 95th percentile (nearest rank: the value at rank ceil(0.95 n) of the sorted sample)
// and maximum.
struct Summary
{
    int count = 0;
    double median = 0.0;
    double percentile95 = 0.0;
    double maximum = 0.0;
};

Summary summarize(std::vector<double> values)
{
    Summary summary;
    summary.count = static_cast<int>(values.size());
    if (values.empty())
        return summary;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    summary.median = n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    const auto rank = static_cast<size_t>(std::ceil(0.95 * static_cast<double>(n)));
    summary.percentile95 = values[std::max<size_t>(rank, 1) - 1];
    summary.maximum = values.back();
    return summary;
}

QString loadAverageText()
{
    double loads[3] = {0.0, 0.0, 0.0};
    if (getloadavg(loads, 3) != 3)
        return QStringLiteral("unknown");
    return QStringLiteral("%1 %2 %3")
        .arg(loads[0], 0, 'f', 2)
        .arg(loads[1], 0, 'f', 2)
        .arg(loads[2], 0, 'f', 2);
}

// Times computeLandscape alone on the given grid and returns the median in milliseconds.
double computeMilliseconds(const LineObjective &objective, const LandscapeGrid &grid, int repeats)
{
    std::vector<double> times;
    for (int r = 0; r < repeats; ++r) {
        const auto start = BenchmarkClock::now();
        const std::optional<Landscape> landscape = computeLandscape(objective, grid);
        times.push_back(milliseconds(BenchmarkClock::now() - start));
        if (!landscape)
            return std::nan("");
    }
    return summarize(times).median;
}

QString number(double value)
{
    if (std::isnan(value))
        return QStringLiteral("—");
    return QString::number(value, 'f', value < 10.0 ? 1 : 0);
}

QString verdict(bool passed)
{
    return passed ? QStringLiteral("pass") : QStringLiteral("FAIL");
}

// Every replot of every plot in the window, to show where the window's thread spends its time.
class ReplotLog
{
public:
    struct Entry
    {
        QString view;
        BenchmarkClock::time_point finished;
        double milliseconds = 0.0;
    };

    // Logs the replots of every plot in the window while context exists.
    void watch(QWidget *window, QObject *context)
    {
        for (QCustomPlot *plot : window->findChildren<QCustomPlot *>()) {
            const QString view = QString::fromLatin1(plot->parent()->metaObject()->className())
                                     .remove(QStringLiteral("losslens::"));
            QObject::connect(plot, &QCustomPlot::afterReplot, context, [this, plot, view] {
                m_entries.push_back({view, BenchmarkClock::now(), plot->replotTime()});
            });
        }
    }

    // Count and median duration of the replots of each view between two times, as text.
    QString summary(BenchmarkClock::time_point from, BenchmarkClock::time_point to) const
    {
        std::map<QString, std::vector<double>> byView;
        for (const Entry &entry : m_entries) {
            if (entry.finished >= from && entry.finished <= to)
                byView[entry.view].push_back(entry.milliseconds);
        }
        QStringList parts;
        for (const auto &[view, times] : byView) {
            double total = 0.0;
            for (double time : times)
                total += time;
            parts << QStringLiteral("%1 %2 × %3 ms (%4 ms in all)")
                         .arg(view)
                         .arg(times.size())
                         .arg(number(summarize(times).median), number(total));
        }
        return parts.join(QStringLiteral(", "));
    }

private:
    std::vector<Entry> m_entries;
};

struct LossReport
{
    QString loss;
    ScenarioOutcome outcome;
    double coarseComputeMilliseconds = std::nan("");
    QString replots;
};

void printDetails(QTextStream &out, const QString &loss, const ScenarioOutcome &outcome)
{
    out << "\n"
        << loss << ": change, value, late ms, handler ms, own coarse drawn, (a) ms, (b) ms\n";
    for (size_t i = 0; i < outcome.changes.size(); ++i) {
        const ChangeTiming &change = outcome.changes[i];
        const auto since = [&](const std::optional<BenchmarkClock::time_point> &shown) {
            return shown ? number(milliseconds(*shown - change.changed)) : QStringLiteral("—");
        };
        out << i << ", " << outcome.values.value(int(i)) << ", "
            << number(milliseconds(change.lateness)) << ", "
            << number(milliseconds(change.handling)) << ", " << (change.ownCoarseDrawn ? "yes" : "no") << ", " << since(change.firstPictureShown)
            << ", " << since(change.fullPictureShown) << "\n";
    }
}

void printReport(QTextStream &out, const std::vector<LossReport> &reports)
{
    out << "\n| loss | change | changes | own coarse drawn | handler ms | first pass | first pass ms "
           "| (a) median ms | (a) p95 | (a) max | (b) median ms | (b) p95 | (b) max "
           "| first pass ≤ 16 ms | (a) max ≤ 16 ms | (a) p95 ≤ 33 ms | (b) p95 ≤ 33 ms |\n";
    out << "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|\n";
    for (const LossReport &report : reports) {
        std::vector<double> first, full, handling;
        int ownCoarse = 0;
        for (const ChangeTiming &change : report.outcome.changes) {
            handling.push_back(milliseconds(change.handling));
            if (change.firstPictureShown)
                first.push_back(milliseconds(*change.firstPictureShown - change.changed));
            if (change.fullPictureShown)
                full.push_back(milliseconds(*change.fullPictureShown - change.changed));
            ownCoarse += change.ownCoarseDrawn ? 1 : 0;
        }
        const int count = static_cast<int>(report.outcome.changes.size());
        const Summary a = summarize(first), b = summarize(full);
        // A change never shown counts as a failure of both targets.
        const bool complete = a.count == count && b.count == count && count > 0;
        out << "| " << report.loss << " | " << report.outcome.action << " | " << count << " | "
            << ownCoarse << " | " << number(summarize(handling).median) << " | "
            << (report.outcome.coarseGrid ? QStringLiteral("%1 × %2")
                                                .arg(report.outcome.coarseGrid->slopeCount)
                                                .arg(report.outcome.coarseGrid->interceptCount)
                                          : QStringLiteral("—"))
            << " | " << number(report.coarseComputeMilliseconds) << " | " << number(a.median)
            << " | " << number(a.percentile95) << " | " << number(a.maximum) << " | "
            << number(b.median) << " | " << number(b.percentile95) << " | "
            << number(b.maximum) << " | "
            << verdict(report.coarseComputeMilliseconds <= coarseTargetMilliseconds) << " | "
            << verdict(complete && a.maximum <= coarseTargetMilliseconds) << " | "
            << verdict(complete && a.percentile95 <= fullTargetMilliseconds) << " | "
            << verdict(complete && b.percentile95 <= fullTargetMilliseconds) << " |\n";
    }
    out << "\nReplots from the first change to the last full picture, with QCustomPlot's "
           "replotTime():\n";
    for (const LossReport &report : reports)
        out << "- " << report.loss << ": " << report.replots << "\n";
    out << "\n(a): from the value change to the end of the first paint of the landscape plot "
           "that shows a coarse or full result of this change or a later one. (b): the same "
           "for a full-resolution result. Handler: median time the control's handlers ran on "
           "the window's thread. First pass: the grid of the last change's first picture. "
           "Targets: the first coarse picture within "
        << coarseTargetMilliseconds << " ms, judged on the first pass's computation and, "
           "more strictly, on (a) for every change; the repainted landscape within "
        << fullTargetMilliseconds << " ms for 95% of changes, judged on (a) and, more "
           "strictly, on (b).\n";
}

// Seeded synthetic data: a line y = 2 x + 1 with unit Gaussian noise, x uniform in [-5, 5] and
// 10% of the points moved up by 20. The classification data labels the same points 1 where
// y > 1, as the landscape benchmark does, so a logistic line fits them.
BenchmarkData makeBenchmarkData(const Options &options)
{
    SyntheticSettings settings;
    settings.count = options.pointCount;
    settings.seed = options.seed;
    auto regression = std::make_shared<Dataset>(generateSyntheticData(settings));
    auto classification = std::make_shared<Dataset>(*regression);
    for (Eigen::Index i = 0; i < classification->size(); ++i)
        classification->target[i] = regression->target[i] > 1.0 ? 1.0 : 0.0;
    classification->targetName = QStringLiteral("label");
    return {regression, classification};
}

void printHeader(QTextStream &out, const Options &options, const QString &loadBefore)
{
    out << "LossLens UI latency benchmark, " << QDateTime::currentDateTime().toString(Qt::ISODate)
        << "\n"
        << "Qt " << qVersion() << " on the " << QGuiApplication::platformName()
        << " platform, QCustomPlot " << QCUSTOMPLOT_VERSION_STR << ", window "
        << windowSize.width() << " x " << windowSize.height() << "\n"
        << "machine: " << QThread::idealThreadCount() << " cores, load average " << loadBefore
        << " (1, 5, 15 min) before the run\n"
        << "data: " << options.pointCount << " seeded synthetic points (seed " << options.seed
        << "); ";
    out << "drags: " << options.dragPasses << " × " << options.dragSteps
        << " pointer positions, ";
    if (options.settled)
        out << "each change waiting for its full picture\n";
    else if (options.intervalMilliseconds > 0.0)
        out << "one every " << QString::number(options.intervalMilliseconds, 'f', 2) << " ms\n";
    else
        out << "one per turn of the event loop\n";
    out.flush();
}

// Runs the scenarios that the options select, one after the other in the same window. Returns
// false when one of them could not be measured.
bool measure(MainWindow &window, const Options &options, QTextStream &out, QTextStream &errors,
             std::vector<LossReport> *reports)
{
    LandscapeView *view = window.landscapeView();
    LatencyRecorder recorder(view);
    ReplotLog replotLog;
    // The connections end with this scope, before the recorder and the log they call.
    QObject connectionScope;
    QObject::connect(view->plot(), &QCustomPlot::beforeReplot, &connectionScope,
                     [&recorder] { recorder.onReplotStarted(); });
    QObject::connect(view->plot(), &QCustomPlot::afterReplot, &connectionScope,
                     [&recorder] { recorder.onReplotFinished(); });
    replotLog.watch(&window, &connectionScope);
    auto *application = static_cast<PaintTimingApplication *>(QCoreApplication::instance());
    application->watchPaints(view->plot(), [&recorder](BenchmarkClock::time_point painted) {
        recorder.onPlotPainted(painted);
    });

    ScenarioSettings settings;
    settings.dragSteps = options.dragSteps;
    settings.dragPasses = options.dragPasses;
    settings.toggleChanges = options.toggleChanges;
    settings.interval = std::chrono::nanoseconds(std::llround(options.intervalMilliseconds * 1e6));
    settings.settled = options.settled;
    const BenchmarkData data = makeBenchmarkData(options);

    bool measuredAll = true;
    for (const Scenario &scenario : scenarios()) {
        if (!options.losses.isEmpty() && !options.losses.contains(scenario.loss))
            continue;
        QString error;
        std::optional<ScenarioOutcome> outcome =
            runScenario(window, recorder, data, scenario, settings, &error);
        if (!outcome) {
            errors << "ui_latency_benchmark: " << scenario.loss << ": " << error << Qt::endl;
            measuredAll = false;
            continue;
        }
        LossReport report;
        report.loss = scenario.loss;
        report.outcome = std::move(*outcome);
        const ChangeTiming &last = report.outcome.changes.back();
        report.replots = replotLog.summary(report.outcome.changes.front().changed,
                                           last.fullPictureShown.value_or(last.changed));
        if (report.outcome.coarseGrid) {
            const auto objective = window.model()->objective(window.model()->state().currentLoss);
            report.coarseComputeMilliseconds = computeMilliseconds(
                *objective, *report.outcome.coarseGrid, options.computeRepeats);
        }
        if (options.details)
            printDetails(out, scenario.loss, report.outcome);
        out << scenario.loss << " done, load average " << loadAverageText() << "\n";
        out.flush();
        reports->push_back(std::move(report));
    }
    application->watchPaints(nullptr, {});
    return measuredAll;
}

} // namespace


int main(int argc, char **argv)
{
    // The benchmark needs no display, so choose the offscreen platform unless one was set.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("losslens.*.debug=false"));

    PaintTimingApplication application(argc, argv);
    QTextStream out(stdout);
    QTextStream errors(stderr);
    QString error;
    const std::optional<Options> options = parseOptions(application.arguments(), &error);
    if (!options) {
        errors << "ui_latency_benchmark: " << error << Qt::endl;
        return 2;
    }
    if (!options->helpText.isEmpty()) {
        out << options->helpText;
        return 0;
    }

    MainWindow window;
    // The window's own default size, which the small offscreen screen would otherwise cut.
    window.resize(windowSize);
    window.show();

    const QString loadBefore = loadAverageText();
    printHeader(out, *options, loadBefore);
    std::vector<LossReport> reports;
    const bool measuredAll = measure(window, *options, out, errors, &reports);
    printReport(out, reports);
    out << "First pass ms: computeLandscape alone on the first pass's grid, called from the "
           "window's thread while the window is idle (it splits the rows over every core, as in "
           "the app), median of "
        << options->computeRepeats << " runs.\n";
    out << "load average: " << loadBefore << " before, " << loadAverageText() << " after\n";
    return measuredAll ? 0 : 1;
}
