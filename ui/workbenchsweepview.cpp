#include "workbenchsweepview.h"

#include "plotsupport.h"
#include "uilogging.h"

#include <qcustomplot.h>

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <functional>

namespace losslens {

namespace {

// A spin box for whole numbers that accepts any integer while it is typed. QSpinBox blocks the
// keys of a number above its maximum and, on Return or focus loss, silently keeps its value
// for one below its minimum. This box instead passes a message naming the range to report.
class CountBox : public QSpinBox
{
public:
    CountBox(std::function<void(const QString &)> report, QWidget *parent)
        : QSpinBox(parent), m_report(std::move(report))
    {
        // With keyboard tracking, Return re-emits the kept value, which would read as a new one.
        setKeyboardTracking(false);
    }

    QValidator::State validate(QString &text, int &) const override
    {
        const QString trimmed = text.trimmed();
        if (trimmed.isEmpty() || trimmed == QLatin1String("-") || trimmed == QLatin1String("+"))
            return QValidator::Intermediate;
        bool isNumber = false;
        const qlonglong number = locale().toLongLong(trimmed, &isNumber);
        if (!isNumber)
            return QValidator::Invalid;
        return number >= minimum() && number <= maximum() ? QValidator::Acceptable
                                                          : QValidator::Intermediate;
    }

    // Qt calls it on Return or focus loss with text that validate() did not accept, and then
    // restores the last valid value.
    void fixup(QString &text) const override
    {
        const QString typed = text.trimmed();
        const QString message = typed.isEmpty()
                                    ? WorkbenchSweepView::tr("the box is empty")
                                    : WorkbenchSweepView::tr("%1 is out of range").arg(typed);
        m_report(WorkbenchSweepView::tr("%1; give a whole number from %2 to %3. The box keeps %4.")
                     .arg(message)
                     .arg(minimum())
                     .arg(maximum())
                     .arg(value()));
    }

private:
    std::function<void(const QString &)> m_report;
};

void runSweep(QPromise<BreakdownSweepResult> &promise,
              std::vector<std::shared_ptr<const Loss>> losses, BreakdownSweepSettings settings,
              std::stop_token stop)
{
    auto progress = [&promise](int done, int total) {
        promise.setProgressRange(0, total);
        promise.setProgressValue(done);
    };
    std::optional<BreakdownSweepResult> result =
        runBreakdownSweep(losses, settings, progress, stop);
    if (result)
        promise.addResult(std::move(*result));
}

QCustomPlot *createErrorPlot(QWidget *parent, const QString &valueLabel)
{
    auto *plot = new QCustomPlot(parent);
    configurePlot(plot);
    plot->setInteractions(QCP::Interactions());
    plot->setMinimumSize(320, 200);
    plot->xAxis->setLabel(QObject::tr("outlier fraction (%)"));
    plot->yAxis->setLabel(valueLabel);
    plot->xAxis->setRange(0.0, 50.0);
    plot->yAxis->setRange(0.0, 1.0);
    auto *hint = new QCPItemText(plot);
    hint->setObjectName(QStringLiteral("emptyHint"));
    hint->position->setType(QCPItemPosition::ptAxisRectRatio);
    hint->position->setCoords(0.5, 0.5);
    hint->setText(QObject::tr("Press Run sweep to fill this plot."));
    hint->setColor(QColor(100, 100, 100));
    return plot;
}

} // namespace

WorkbenchSweepView::WorkbenchSweepView(QWidget *parent)
    : QWidget(parent),
      m_pointCount(new CountBox(
          [this](const QString &text) { showInputProblem(tr("Points"), text); }, this)),
      m_seedCount(
          new CountBox([this](const QString &text) { showInputProblem(tr("Seeds"), text); }, this)),
      m_step(new NumberBox(this)), m_outlierSize(new NumberBox(this)), m_noise(new NumberBox(this)),
      m_run(new QPushButton(tr("&Run sweep"), this)), m_cancel(new QPushButton(tr("Cancel"), this)),
      m_progress(new QProgressBar(this)), m_message(new QLabel(this)),
      m_inputProblem(new QLabel(this))
{
    m_slopePlot = createErrorPlot(this, tr("mean |slope − true slope|"));
    m_interceptPlot = createErrorPlot(this, tr("mean |intercept − true intercept|"));
    auto *legend = new LegendLabel(m_slopePlot, this);
    m_message->setWordWrap(true);

    const SyntheticSettings defaults;
    auto *title = new QLabel(tr("<b>Breakdown sweep</b>: each loss fitted to synthetic lines "
                                "y = %1 x + %2 + noise, x in [%3, %4], with a growing share of "
                                "points moved up by the outlier size.")
                                 .arg(defaults.slope)
                                 .arg(defaults.intercept)
                                 .arg(defaults.featureMinimum)
                                 .arg(defaults.featureMaximum),
                             this);
    title->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(createControls());
    m_inputProblem->setWordWrap(true);
    m_inputProblem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_inputProblem->setVisible(false);
    layout->addWidget(m_inputProblem);
    layout->addWidget(m_message);
    layout->addWidget(m_slopePlot, 1);
    layout->addWidget(m_interceptPlot, 1);
    layout->addWidget(legend);

    connect(m_run, &QPushButton::clicked, this, &WorkbenchSweepView::run);
    connect(m_cancel, &QPushButton::clicked, this, &WorkbenchSweepView::cancel);
    setRunning(false);
}

WorkbenchSweepView::~WorkbenchSweepView()
{
    m_stop.request_stop();
}

QWidget *WorkbenchSweepView::createControls()
{
    const SyntheticSettings defaults;
    m_pointCount->setRange(10, 100000);
    m_pointCount->setValue(defaults.count);
    m_pointCount->setToolTip(tr("Points in each synthetic data set, from 10 to 100000."));
    m_seedCount->setRange(1, 100);
    m_seedCount->setValue(5);
    m_seedCount->setToolTip(tr("Data sets per outlier fraction, from 1 to 100, with seeds 1, "
                               "2, …; the errors are their mean."));
    m_step->setRange(1.0, 25.0);
    m_step->setSingleStep(0.5);
    m_step->setValue(2.5);
    m_step->setToolTip(tr("Step between outlier fractions, from 1 to 25 percent; the fractions "
                          "run from 0 to 50 percent."));
    m_outlierSize->setRange(-1000.0, 1000.0);
    m_outlierSize->setValue(defaults.outlierSize);
    m_outlierSize->setToolTip(tr("How far each outlier is moved up, in the target's units, from "
                                 "-1000 to 1000."));
    m_noise->setRange(0.0, 100.0);
    m_noise->setValue(defaults.noiseDeviation);
    m_noise->setToolTip(tr("Standard deviation of the Gaussian noise on every point, from 0 to "
                           "100."));

    // A new value in any box clears the message about an earlier rejected text.
    for (QSpinBox *box : {m_pointCount, m_seedCount})
        connect(box, &QSpinBox::valueChanged, this, [this] { showInputProblem({}, {}); });
    const std::pair<NumberBox *, QString> numberBoxes[] = {{m_step, tr("Fraction step (%)")},
                                                           {m_outlierSize, tr("Outlier size")},
                                                           {m_noise, tr("Noise deviation")}};
    for (const auto &[box, name] : numberBoxes) {
        connect(box, &NumberBox::inputRejected, this,
                [this, name](const QString &text) { showInputProblem(name, text); });
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] { showInputProblem({}, {}); });
    }

    auto *controls = new QWidget(this);
    auto *form = new QFormLayout;
    form->addRow(tr("Points"), m_pointCount);
    form->addRow(tr("Seeds"), m_seedCount);
    form->addRow(numberBoxes[0].second, m_step);
    auto *form2 = new QFormLayout;
    form2->addRow(numberBoxes[1].second, m_outlierSize);
    form2->addRow(numberBoxes[2].second, m_noise);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress, 1);
    form2->addRow(buttons);
    auto *row = new QHBoxLayout(controls);
    row->setContentsMargins(0, 0, 0, 0);
    row->addLayout(form);
    row->addLayout(form2, 1);
    return controls;
}

void WorkbenchSweepView::setLosses(const std::vector<SweepLoss> &losses, bool standardize)
{
    m_losses = losses;
    m_standardize = standardize;
    m_run->setEnabled(!m_running && !m_losses.empty());
}

BreakdownSweepSettings WorkbenchSweepView::settings() const
{
    BreakdownSweepSettings settings;
    settings.data.count = m_pointCount->value();
    settings.data.outlierSize = m_outlierSize->value();
    settings.data.noiseDeviation = m_noise->value();
    settings.data.seed = 1;
    settings.seedCount = m_seedCount->value();
    settings.outlierFractions = evenOutlierFractions(m_step->value() / 100.0, 0.5);
    settings.standardize = m_standardize;
    return settings;
}

QString WorkbenchSweepView::message() const
{
    return m_message->text();
}

QString WorkbenchSweepView::inputProblem() const
{
    return m_inputProblem->text();
}

void WorkbenchSweepView::showInputProblem(const QString &boxName, const QString &text)
{
    m_inputProblem->setText(text.isEmpty() ? QString() : tr("%1: %2").arg(boxName, text));
    m_inputProblem->setVisible(!text.isEmpty());
}

void WorkbenchSweepView::setRunning(bool running)
{
    m_running = running;
    m_run->setEnabled(!running && !m_losses.empty());
    m_cancel->setEnabled(running);
    for (QWidget *box : std::initializer_list<QWidget *>{m_pointCount, m_seedCount, m_step,
                                                         m_outlierSize, m_noise})
        box->setEnabled(!running);
}

void WorkbenchSweepView::run()
{
    if (m_running || m_losses.empty())
        return;
    const BreakdownSweepSettings settings = this->settings();
    const QString problem = validateBreakdownSweep(settings);
    if (!problem.isEmpty()) {
        m_message->setText(problem);
        return;
    }
    std::vector<std::shared_ptr<const Loss>> losses;
    for (const SweepLoss &loss : m_losses)
        losses.push_back(loss.loss);
    const int total = int(settings.outlierFractions.size()) * settings.seedCount * int(losses.size());
    m_progress->setRange(0, total);
    m_progress->setValue(0);
    m_message->setText(tr("Fitting %n losses…", nullptr, int(losses.size())));

    m_stop = std::stop_source();
    const quint64 generation = ++m_generation;
    const std::vector<SweepLoss> sweptLosses = m_losses;
    auto *watcher = new QFutureWatcher<BreakdownSweepResult>(this);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this,
            [this, generation](int value) {
                if (generation == m_generation)
                    m_progress->setValue(value);
            });
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation, sweptLosses, settings] {
                watcher->deleteLater();
                if (generation != m_generation)
                    return;
                setRunning(false);
                const bool completed = watcher->future().resultCount() > 0;
                if (completed) {
                    m_result = watcher->future().result();
                    showResult(*m_result, sweptLosses, settings);
                } else {
                    m_message->setText(tr("Sweep cancelled; the plots show the last finished "
                                          "sweep, if any."));
                }
                emit sweepFinished(completed);
            });
    watcher->setFuture(QtConcurrent::run(runSweep, std::move(losses), settings, m_stop.get_token()));
    setRunning(true);
    qCInfo(lcUi) << "breakdown sweep started:" << total << "fits";
}

void WorkbenchSweepView::cancel()
{
    if (!m_running)
        return;
    // The worker stops at its next fit; the finished handler reports the cancellation.
    m_stop.request_stop();
    m_cancel->setEnabled(false);
    qCInfo(lcUi) << "breakdown sweep cancelled";
}

namespace {

// Draws one error per loss against the fraction in percent, with the value axis from 0 (so a flat
// curve at the noise level reads as small) to 8 % above the largest error.
void plotErrors(QCustomPlot *plot, const QVector<double> &percents,
                const std::vector<std::vector<double>> &errors, const std::vector<SweepLoss> &losses)
{
    plot->clearGraphs();
    plot->clearItems();
    double top = 0.0;
    for (std::size_t k = 0; k < errors.size(); ++k) {
        QVector<double> values;
        for (const double error : errors[k]) {
            values << displayable(error);
            top = std::max(top, values.back());
        }
        QCPGraph *graph = plot->addGraph();
        graph->setName(losses[k].label);
        graph->setPen(QPen(losses[k].colour, 2.0));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
        graph->setData(percents, values);
    }
    plot->yAxis->setRange(0.0, std::max(top, 1e-12) * 1.08);
    plot->xAxis->setRange(0.0, std::max(percents.isEmpty() ? 50.0 : percents.back(), 1.0));
    plot->replot();
}

} // namespace

void WorkbenchSweepView::showResult(const BreakdownSweepResult &result,
                                    const std::vector<SweepLoss> &losses,
                                    const BreakdownSweepSettings &settings)
{
    QVector<double> percents;
    for (const double fraction : result.outlierFractions)
        percents << 100.0 * fraction;
    std::vector<std::vector<double>> slopeErrors, interceptErrors;
    for (const BreakdownCurve &curve : result.curves) {
        slopeErrors.push_back(curve.slopeError);
        interceptErrors.push_back(curve.interceptError);
    }
    plotErrors(m_slopePlot, percents, slopeErrors, losses);
    plotErrors(m_interceptPlot, percents, interceptErrors, losses);
    m_message->setText(tr("%1 outlier fractions × %2 seeds × %n losses, %3 points each.", nullptr,
                          int(losses.size()))
                           .arg(result.outlierFractions.size())
                           .arg(settings.seedCount)
                           .arg(settings.data.count));
}

} // namespace losslens
