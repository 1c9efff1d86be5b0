// Measures the frame rate of the training animation in the real main window, offscreen: four
// Huber runs (gradient descent, momentum, Adam and RMSProp) on 10,000 seeded synthetic points,
// played as the Play button plays them. A frame is one tick of the training controller's timer.
// The rate is the number of landscape repaints per second, and each frame's time is split into
// the training step, the replots of the plots and the other widget painting. It prints a
// Markdown table and the verdict on the 60 frames per second target. bench/README.md describes
// the method and results.

#include "core/syntheticdata.h"
#include "ui/landscapeview.h"
#include "ui/mainwindow.h"
#include "ui/playbackbar.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <optional>
#include <vector>

using namespace losslens;

namespace {

using Clock = std::chrono::steady_clock;

constexpr double targetFramesPerSecond = 60.0;
// The main window's own default size.
constexpr QSize windowSize(1500, 960);
const QStringList optimizerNames = {QStringLiteral("gd"), QStringLiteral("momentum"),
                                    QStringLiteral("adam"), QStringLiteral("rmsprop")};

struct Options
{
    int pointCount = 10000;
    std::uint64_t seed = 1;
    double seconds = 5.0;
    double warmUpSeconds = 1.0;
    // The playback bar's default speed.
    int stepsPerFrame = 2;
    QString helpText;
};

std::optional<Options> parseOptions(const QStringList &arguments, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Measures the training animation's frame rate in the main window, offscreen."));
    parser.addHelpOption();
    const QCommandLineOption points(QStringLiteral("points"),
                                    QStringLiteral("Number of data points (default 10000)."),
                                    QStringLiteral("N"));
    const QCommandLineOption seconds(
        QStringLiteral("seconds"),
        QStringLiteral("Length of the measured playback in seconds, after 1 s of warm-up "
                       "(default 5)."),
        QStringLiteral("S"));
    const QCommandLineOption steps(
        QStringLiteral("steps-per-frame"),
        QStringLiteral("Updates of each run per frame, as the playback bar's speed (default 2)."),
        QStringLiteral("K"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Seed of the synthetic data (default 1)."),
                                  QStringLiteral("SEED"));
    parser.addOptions({points, seconds, steps, seed});
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    Options options;
    if (parser.isSet(QStringLiteral("help"))) {
        options.helpText = parser.helpText();
        return options;
    }
    const auto invalid = [&](const QCommandLineOption &option, const QString &rule) {
        *error = QStringLiteral("Invalid --%1 \"%2\"; give %3.")
                     .arg(option.names().first(), parser.value(option), rule);
        return std::nullopt;
    };
    bool ok = true;
    if (parser.isSet(points)) {
        options.pointCount = parser.value(points).toInt(&ok);
        if (!ok || options.pointCount < 2 || options.pointCount > 10000000)
            return invalid(points, QStringLiteral("a count from 2 to 10000000"));
    }
    if (parser.isSet(seconds)) {
        options.seconds = parser.value(seconds).toDouble(&ok);
        if (!ok || !(options.seconds >= 0.5 && options.seconds <= 600.0))
            return invalid(seconds, QStringLiteral("seconds from 0.5 to 600"));
    }
    if (parser.isSet(steps)) {
        options.stepsPerFrame = parser.value(steps).toInt(&ok);
        if (!ok || options.stepsPerFrame < 1 || options.stepsPerFrame > 1000)
            return invalid(steps, QStringLiteral("a count from 1 to 1000"));
    }
    if (parser.isSet(seed)) {
        options.seed = parser.value(seed).toULongLong(&ok);
        if (!ok)
            return invalid(seed, QStringLiteral("a non-negative integer"));
    }
    return options;
}

double milliseconds(Clock::duration duration)
{
    return std::chrono::duration<double, std::milli>(duration).count();
}

// Median and 95th percentile (nearest rank: the value at rank ceil(0.95 n) of the sorted
// sample).
struct Summary
{
    int count = 0;
    double median = std::nan("");
    double percentile95 = std::nan("");
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
    return summary;
}

QString number(double value)
{
    if (std::isnan(value))
        return QStringLiteral("—");
    return QString::number(value, 'f', std::abs(value) < 10.0 ? 2 : 1);
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

// A QApplication that reports every paint event with its start and end. An event filter runs
// before the widget paints, so only notify() can take the time when the painting ends.
class PaintClockApplication : public QApplication
{
public:
    using PaintCallback = std::function<void(QObject *, Clock::time_point, Clock::time_point)>;

    PaintClockApplication(int &argc, char **argv) : QApplication(argc, argv) {}

    void setPaintCallback(PaintCallback callback) { m_callback = std::move(callback); }

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (event->type() != QEvent::Paint || !m_callback)
            return QApplication::notify(receiver, event);
        const Clock::time_point start = Clock::now();
        const bool handled = QApplication::notify(receiver, event);
        m_callback(receiver, start, Clock::now());
        return handled;
    }

private:
    PaintCallback m_callback;
};

// One tick of the training controller's timer and the drawing it caused.
struct Frame
{
    Clock::time_point start;
    double stepMilliseconds = 0.0;
    // Wall time inside QCustomPlot::replot() of every plot, whose default immediate refresh
    // paints the plot widget too.
    double replotMilliseconds = 0.0;
    // Paint events outside a replot: labels, the playback bar and plots repainted later.
    double otherPaintMilliseconds = 0.0;
    // End of the last replot or paint of this frame.
    Clock::time_point end;
};

// Follows the frames and the replots of every plot of the window while recording is on.
class FrameLog
{
public:
    void watch(MainWindow &window, QObject *context);
    void setRecording(bool recording) { m_recording = recording; }
    void onPaint(QObject *receiver, Clock::time_point start, Clock::time_point end);

    const std::vector<Frame> &frames() const { return m_frames; }
    // The end of each replot of a view, by the view's class name.
    const std::map<QString, std::vector<Clock::time_point>> &replotEnds() const
    {
        return m_replotEnds;
    }
    const std::map<QString, std::vector<double>> &replotTimes() const { return m_replotTimes; }

private:
    bool m_recording = false;
    int m_replotDepth = 0;
    // The plots inside their own replot, whose paint the replot already counts.
    std::set<QObject *> m_replotting;
    std::vector<Frame> m_frames;
    std::map<QString, std::vector<Clock::time_point>> m_replotEnds;
    std::map<QString, std::vector<double>> m_replotTimes;
};

void FrameLog::watch(MainWindow &window, QObject *context)
{
    // advanced() ends a tick's updates, which began lastStepMilliseconds earlier.
    QObject::connect(window.training(), &TrainingController::advanced, context, [this, &window] {
        if (!m_recording)
            return;
        const Clock::time_point now = Clock::now();
        const double step = window.training()->lastStepMilliseconds();
        Frame frame;
        frame.start = now - std::chrono::nanoseconds(std::llround(step * 1e6));
        frame.stepMilliseconds = step;
        frame.end = now;
        m_frames.push_back(frame);
    });
    for (QCustomPlot *plot : window.findChildren<QCustomPlot *>()) {
        const QString view = QString::fromLatin1(plot->parent()->metaObject()->className())
                                 .remove(QStringLiteral("losslens::"));
        auto started = std::make_shared<Clock::time_point>();
        QObject::connect(plot, &QCustomPlot::beforeReplot, context, [this, started, plot] {
            ++m_replotDepth;
            m_replotting.insert(plot);
            *started = Clock::now();
        });
        QObject::connect(plot, &QCustomPlot::afterReplot, context, [this, started, view, plot] {
            m_replotDepth = std::max(0, m_replotDepth - 1);
            m_replotting.erase(plot);
            if (!m_recording || m_frames.empty())
                return;
            const Clock::time_point now = Clock::now();
            const double time = milliseconds(now - *started);
            m_frames.back().replotMilliseconds += time;
            m_frames.back().end = std::max(m_frames.back().end, now);
            m_replotEnds[view].push_back(now);
            m_replotTimes[view].push_back(time);
        });
    }
}

void FrameLog::onPaint(QObject *receiver, Clock::time_point start, Clock::time_point end)
{
    if (!m_recording || m_frames.empty())
        return;
    // A plot whose changed layers alone were replotted repaints without a replot signal, often
    // while another plot's replot flushes the window. That paint shows the new frame as a full
    // replot would, so it counts as the view's repaint.
    auto *plot = qobject_cast<QCustomPlot *>(receiver);
    if (plot && !m_replotting.count(plot)) {
        const QString view = QString::fromLatin1(plot->parent()->metaObject()->className())
                                 .remove(QStringLiteral("losslens::"));
        m_replotEnds[view].push_back(end);
    }
    // A paint inside a replot is already part of the replot's time.
    if (m_replotDepth > 0)
        return;
    m_frames.back().otherPaintMilliseconds += milliseconds(end - start);
    m_frames.back().end = std::max(m_frames.back().end, end);
}

// Shows only Huber, with one run per optimizer, each with its own optimizer at the session's
// learning rate, added as the run list's Add button adds them. Returns false with *error set
// when the session does not end up with those four active runs.
bool setUpRuns(MainWindow &window, QString *error)
{
    SessionModel *model = window.model();
    const int huber = model->lossIndex(QStringLiteral("huber"));
    const int mse = model->lossIndex(QStringLiteral("mse"));
    if (huber < 0 || mse < 0) {
        *error = QStringLiteral("the catalogue has no huber or mse loss");
        return false;
    }
    model->setLossEnabled(mse, false);
    const int previous = model->runCount();
    for (const QString &name : optimizerNames) {
        const int run = model->addRun(huber);
        model->setRunOwnOptimizer(run, true);
        const QString problem = model->setOptimizerMethod(run, name);
        if (!problem.isEmpty()) {
            *error = problem;
            return false;
        }
    }
    for (int i = 0; i < previous; ++i)
        model->removeRun(0);
    if (model->runCount() != optimizerNames.size()) {
        *error = QStringLiteral("expected 4 runs, the session has %1").arg(model->runCount());
        return false;
    }
    for (int i = 0; i < model->runCount(); ++i) {
        if (!model->isRunActive(i) || model->runOptimizer(i).optimizer->name() != optimizerNames[i]) {
            *error = QStringLiteral("run %1 is not an active Huber run with %2")
                         .arg(i + 1)
                         .arg(optimizerNames[i]);
            return false;
        }
    }
    return true;
}

// Processes events until the landscape of the current data is drawn, at most 60 s.
bool waitForLandscape(MainWindow &window)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 60000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        if (!window.landscapeView()->isComputing() && window.landscapeView()->result())
            return true;
    }
    return false;
}

// Processes events for a number of seconds.
void runEventLoop(double seconds)
{
    QElapsedTimer clock;
    clock.start();
    const auto limit = static_cast<qint64>(seconds * 1000.0);
    while (clock.elapsed() < limit)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

// Rates of the views' replots and the intervals between landscape replots, over the recorded
// span.
void printViews(QTextStream &out, const FrameLog &log, double seconds)
{
    out << "\n| view | repaints | repaints/s | median full replot ms | p95 full replot ms |\n"
        << "|---|---:|---:|---:|---:|\n";
    for (const auto &[view, ends] : log.replotEnds()) {
        // A view repainted only after layer replots has no full replot times.
        const auto found = log.replotTimes().find(view);
        const Summary times =
            summarize(found == log.replotTimes().end() ? std::vector<double>{} : found->second);
        out << "| " << view << " | " << ends.size() << " | "
            << number(static_cast<double>(ends.size()) / seconds) << " | "
            << number(times.median) << " | " << number(times.percentile95) << " |\n";
    }
}

// Prints the frame table and returns the landscape's repaints per second.
double printFrames(QTextStream &out, const FrameLog &log, double seconds)
{
    std::vector<double> step, replot, otherPaint, work, interval;
    for (const Frame &frame : log.frames()) {
        step.push_back(frame.stepMilliseconds);
        replot.push_back(frame.replotMilliseconds);
        otherPaint.push_back(frame.otherPaintMilliseconds);
        work.push_back(milliseconds(frame.end - frame.start));
    }
    const auto landscape = log.replotEnds().find(QStringLiteral("LandscapeView"));
    const size_t landscapeReplots =
        landscape == log.replotEnds().end() ? 0 : landscape->second.size();
    if (landscapeReplots > 1) {
        const std::vector<Clock::time_point> &ends = landscape->second;
        for (size_t i = 1; i < ends.size(); ++i)
            interval.push_back(milliseconds(ends[i] - ends[i - 1]));
    }
    const double rate = static_cast<double>(landscapeReplots) / seconds;
    out << "\n| per frame | median ms | p95 ms |\n|---|---:|---:|\n";
    const std::pair<const char *, const std::vector<double> *> rows[] = {
        {"training step (4 runs)", &step},
        {"replots of all plots", &replot},
        {"other painting", &otherPaint},
        {"work: tick to last pixel", &work},
        {"interval between landscape repaints", &interval}};
    for (const auto &[name, values] : rows) {
        const Summary summary = summarize(*values);
        out << "| " << name << " | " << number(summary.median) << " | "
            << number(summary.percentile95) << " |\n";
    }
    out << "\nframes (timer ticks): " << log.frames().size() << " in " << number(seconds)
        << " s, " << number(static_cast<double>(log.frames().size()) / seconds) << " per second\n"
        << "landscape repaints: " << landscapeReplots << ", " << number(rate)
        << " per second\n";
    const Summary workSummary = summarize(work);
    out << "95th percentile of the work per frame: " << number(workSummary.percentile95)
        << " ms of the " << number(1000.0 / targetFramesPerSecond) << " ms a 60 fps frame has\n";
    return rate;
}

void printHeader(QTextStream &out, const Options &options, const QString &loadBefore)
{
    out << "LossLens animation benchmark, " << QDateTime::currentDateTime().toString(Qt::ISODate)
        << "\n"
        << "Qt " << qVersion() << " on the " << QGuiApplication::platformName()
        << " platform, QCustomPlot " << QCUSTOMPLOT_VERSION_STR << ", window "
        << windowSize.width() << " x " << windowSize.height() << "\n"
        << "machine: " << QThread::idealThreadCount() << " cores, load average " << loadBefore
        << " (1, 5, 15 min) before the run\n"
        << "data: " << options.pointCount << " seeded synthetic points (seed " << options.seed
        << "); runs: Huber with " << optimizerNames.join(QStringLiteral(", "))
        << "; " << options.stepsPerFrame << " steps per frame; " << number(options.seconds)
        << " s measured after " << number(options.warmUpSeconds) << " s of warm-up\n";
    out.flush();
}

} // namespace

int main(int argc, char **argv)
{
    // The benchmark needs no display, so choose the offscreen platform unless one was set.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("losslens.*.debug=false"));

    PaintClockApplication application(argc, argv);
    QTextStream out(stdout);
    QTextStream errors(stderr);
    QString error;
    const std::optional<Options> options = parseOptions(application.arguments(), &error);
    if (!options) {
        errors << "animation_benchmark: " << error << Qt::endl;
        return 2;
    }
    if (!options->helpText.isEmpty()) {
        out << options->helpText;
        return 0;
    }

    MainWindow window;
    window.resize(windowSize);
    window.show();
    SyntheticSettings data;
    data.count = options->pointCount;
    data.seed = options->seed;
    window.model()->setData(std::make_shared<Dataset>(generateSyntheticData(data)),
                            QStringLiteral("benchmark data"));
    if (!setUpRuns(window, &error) || !waitForLandscape(window)) {
        errors << "animation_benchmark: "
               << (error.isEmpty() ? QStringLiteral("the landscape was not drawn within 60 s")
                                   : error)
               << Qt::endl;
        return 1;
    }
    window.training()->setStepsPerFrame(options->stepsPerFrame);

    const QString loadBefore = loadAverageText();
    printHeader(out, *options, loadBefore);
    FrameLog log;
    QObject connectionScope;
    log.watch(window, &connectionScope);
    application.setPaintCallback(
        [&log](QObject *receiver, Clock::time_point start, Clock::time_point end) {
            log.onPaint(receiver, start, end);
        });
    // A race in which every run stopped starts over, as pressing Play again does.
    int restarts = 0;
    QObject::connect(window.training(), &TrainingController::stopped, &connectionScope, [&] {
        ++restarts;
        window.playbackBar()->playAction()->trigger();
    });

    window.playbackBar()->playAction()->trigger();
    runEventLoop(options->warmUpSeconds);
    log.setRecording(true);
    QElapsedTimer measured;
    measured.start();
    runEventLoop(options->seconds);
    log.setRecording(false);
    const double seconds = measured.nsecsElapsed() / 1e9;
    QObject::disconnect(window.training(), &TrainingController::stopped, &connectionScope,
                        nullptr);
    window.training()->pause();
    application.setPaintCallback({});

    printViews(out, log, seconds);
    const double rate = printFrames(out, log, seconds);
    out << "runs at the end: step " << window.training()->iteration() << ", races started over "
        << restarts << " times\n";
    out << "target: at least " << targetFramesPerSecond << " landscape repaints per second: "
        << (rate >= targetFramesPerSecond ? "met" : "missed") << " (" << number(rate) << ")\n";
    out << "load average: " << loadBefore << " before, " << loadAverageText() << " after\n";
    return 0;
}
