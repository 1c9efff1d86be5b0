#include "trainingview.h"

#include "plotsupport.h"
#include "replotscheduler.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStringList>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace losslens {

namespace {

// The word for a mean loss that is infinite or NaN, for the note above the plot. A typed
// formula turns an undefined value, such as log(e) at e < 0, into +inf (core/losses/formula.h),
// so +inf from a loss with a formula in its spec may as well be undefined.
QString nonFiniteName(double loss, const Loss *runLoss)
{
    if (std::isnan(loss))
        return TrainingView::tr("undefined (not a number)");
    if (loss < 0)
        return TrainingView::tr("minus infinity");
    const bool formula = runLoss && runLoss->spec().contains(QLatin1String("formula:"));
    return formula ? TrainingView::tr("infinite or undefined") : TrainingView::tr("infinite");
}

} // namespace

TrainingView::TrainingView(SessionModel *model, TrainingController *training, QWidget *parent)
    : QWidget(parent), m_model(model), m_training(training), m_plot(new QCustomPlot(this)),
      m_replots(new ReplotScheduler(m_plot)),
      m_logarithmic(new QCheckBox(tr("Lo&garithmic loss axis"), this)),
      m_beyondAxis(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *header = new QHBoxLayout;
    header->setContentsMargins(6, 0, 6, 0);
    m_logarithmic->setToolTip(tr("Show the mean loss on a logarithmic axis."));
    header->addWidget(m_logarithmic);
    header->addStretch();
    layout->addLayout(header);
    m_beyondAxis->setWordWrap(true);
    m_beyondAxis->setContentsMargins(6, 0, 6, 0);
    m_beyondAxis->hide();
    layout->addWidget(m_beyondAxis);
    layout->addWidget(m_plot, 1);

    configurePlot(m_plot);
    auto *pan = new RightButtonPan(m_plot);
    connect(pan, &RightButtonPan::panFinished, this, [this] { m_userRange = true; });
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_userRange = true; });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, &TrainingView::fitRange);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, new QCPTextElement(m_plot, tr("Training")));
    m_plot->xAxis->setLabel(tr("iteration"));
    m_plot->yAxis->setLabel(tr("mean loss"));
    m_plot->yAxis2->setLabel(tr("learned alpha (dashed), c (dotted)"));
    layout->addWidget(new LegendLabel(m_plot, this));

    connect(m_logarithmic, &QCheckBox::toggled, this, [this](bool logarithmic) {
        setLogarithmic(m_plot->yAxis, logarithmic);
        fitRange();
    });
    connect(m_training, &TrainingController::advanced, this, &TrainingView::update);
    // New data restarts the runs at the step they had reached, so the step count alone does not
    // show it, while the losses may now be of another size altogether.
    connect(m_model, &SessionModel::changed, this, [this](SessionModel::Changes changes) {
        if (changes & SessionModel::DataChanged && !(changes & SessionModel::DataEdited))
            fitRange();
    });
    update();
}

QCPGraph *TrainingView::lossGraph(int runIndex) const
{
    if (runIndex < 0 || runIndex >= static_cast<int>(m_graphs.size()))
        return nullptr;
    return m_graphs[runIndex];
}

QCPGraph *TrainingView::shapeGraph(int runIndex) const
{
    if (runIndex < 0 || runIndex >= static_cast<int>(m_shapeGraphs.size()))
        return nullptr;
    return m_shapeGraphs[runIndex];
}

QCPGraph *TrainingView::scaleGraph(int runIndex) const
{
    if (runIndex < 0 || runIndex >= static_cast<int>(m_scaleGraphs.size()))
        return nullptr;
    return m_scaleGraphs[runIndex];
}

void TrainingView::fitRange()
{
    m_userRange = false;
    update();
}

void TrainingView::setUserRange(const ViewRange &range)
{
    m_userRange = true;
    m_plot->xAxis->setRange(range.horizontalMinimum, range.horizontalMaximum);
    m_plot->yAxis->setRange(range.verticalMinimum, range.verticalMaximum);
    m_replots->requestReplot();
}

void TrainingView::fitAxes(double low, double high, int longest, double learnedLow,
                           double learnedHigh)
{
    m_plot->xAxis->setRange(0, std::max(longest, 10));
    // No run gives no range, and the old one stays. Clamping comes after that check, because it
    // would turn the empty range's infinities into a reversed range of +-1e249.
    if (std::isfinite(low) && std::isfinite(high)) {
        low = std::clamp(low, -largestAxisValue, largestAxisValue);
        high = std::clamp(high, -largestAxisValue, largestAxisValue);
        if (m_logarithmic->isChecked()) {
            // A logarithmic axis cannot show 0; keep the lower end positive.
            const double lower = low > 0 ? low / 1.5 : std::max(high * 1e-6, 1e-300);
            m_plot->yAxis->setRange(lower, std::max(high * 1.5, lower * 10));
        } else {
            // Zero stays in view on either side: a loss that is negative throughout (a formula
            // such as e) would otherwise get a sliver of an axis around its values.
            const double lowEnd = std::min(0.0, low);
            const double highEnd = std::max(0.0, high);
            const double margin = highEnd > lowEnd ? 0.05 * (highEnd - lowEnd) : 1.0;
            m_plot->yAxis->setRange(lowEnd - margin, highEnd + margin);
        }
    }
    updateTicks(m_plot->yAxis);
    if (std::isfinite(learnedLow) && std::isfinite(learnedHigh)) {
        // The axis shows at least 0 to 2, because alpha stays inside (0.001, 1.999).
        const double low = std::min(0.0, learnedLow);
        const double high = std::max(2.0, learnedHigh);
        m_plot->yAxis2->setRange(low, high + 0.05 * (high - low));
        updateTicks(m_plot->yAxis2);
    }
}

void TrainingView::update()
{
    if (m_training->iteration() < m_lastIteration)
        m_userRange = false;
    m_lastIteration = m_training->iteration();

    // One graph per run. An added or removed run changes the count and shifts the colours.
    while (static_cast<int>(m_graphs.size()) < m_model->runCount())
        m_graphs.push_back(m_plot->addGraph());
    while (static_cast<int>(m_graphs.size()) > m_model->runCount()) {
        m_plot->removeGraph(m_graphs.back());
        m_graphs.pop_back();
    }
    // The learned values' graphs on the right axis stay out of the legend, which names the run
    // once with its current alpha and c. The legend label reads the property "inLegend", not
    // QCustomPlot's own legend, and would list them under QCustomPlot's names "Graph n".
    const auto addLearnedGraph = [this] {
        QCPGraph *graph = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
        graph->removeFromLegend();
        graph->setProperty("inLegend", false);
        return graph;
    };
    while (static_cast<int>(m_shapeGraphs.size()) < m_model->runCount()) {
        m_shapeGraphs.push_back(addLearnedGraph());
        m_scaleGraphs.push_back(addLearnedGraph());
    }
    while (static_cast<int>(m_shapeGraphs.size()) > m_model->runCount()) {
        m_plot->removeGraph(m_shapeGraphs.back());
        m_plot->removeGraph(m_scaleGraphs.back());
        m_shapeGraphs.pop_back();
        m_scaleGraphs.pop_back();
    }
    for (int i = 0; i < static_cast<int>(m_graphs.size()); ++i) {
        const QColor colour = m_model->runEntry(i).colour;
        // Named for exports and anything else that lists the plot's graphs.
        const QString runName = m_model->runLabel(i);
        m_shapeGraphs[i]->setName(tr("alpha of %1").arg(runName));
        m_scaleGraphs[i]->setName(tr("c of %1").arg(runName));
        m_graphs[i]->setPen(QPen(colour, 2.5));
        m_shapeGraphs[i]->setPen(QPen(colour, 1.8, Qt::DashLine));
        m_scaleGraphs[i]->setPen(QPen(colour, 1.8, Qt::DotLine));
    }
    double learnedLow = std::numeric_limits<double>::infinity(), learnedHigh = -learnedLow;

    double low = std::numeric_limits<double>::infinity(), high = -low;
    int longest = 1;
    // Runs whose mean loss at the start is infinite or NaN: they have no curve and get a note.
    QStringList undefinedStarts;
    for (int i = 0; i < static_cast<int>(m_graphs.size()); ++i) {
        QCPGraph *graph = m_graphs[i];
        const RunTrack *run = m_training->run(i);
        graph->setVisible(run != nullptr);
        const bool adaptive = run && run->isAdaptive();
        const bool learnsScale = adaptive && run->adaptiveObjective()->settings().learnScale;
        m_shapeGraphs[i]->setVisible(adaptive);
        m_scaleGraphs[i]->setVisible(learnsScale);
        if (!adaptive)
            m_shapeGraphs[i]->data()->clear();
        if (!learnsScale)
            m_scaleGraphs[i]->data()->clear();
        if (!run) {
            graph->data()->clear();
            continue;
        }
        if (adaptive) {
            const auto &points = run->adaptiveHistory();
            const size_t step = std::max<size_t>(1, points.size() / 4000);
            QVector<double> iterations, shapes, scales;
            for (size_t k = 0; k < points.size(); k += step) {
                iterations << points[k].iteration;
                shapes << points[k].shape;
                scales << points[k].scale;
            }
            iterations << points.back().iteration;
            shapes << points.back().shape;
            scales << points.back().scale;
            m_shapeGraphs[i]->setData(iterations, shapes, true);
            for (double shape : shapes) {
                learnedLow = std::min(learnedLow, shape);
                learnedHigh = std::max(learnedHigh, shape);
            }
            if (learnsScale) {
                m_scaleGraphs[i]->setData(iterations, scales, true);
                for (double scale : scales) {
                    learnedLow = std::min(learnedLow, scale);
                    learnedHigh = std::max(learnedHigh, scale);
                }
            }
        }
        const auto &history = run->history();
        const size_t stride = std::max<size_t>(1, history.size() / 4000);
        QVector<double> iterations, losses;
        // Losses that are not finite, which only a start can have, are left out of the curve
        // and of the axis range.
        const auto addPoint = [&](size_t k) {
            const double loss = history[k].loss;
            if (std::isfinite(loss)) {
                iterations << history[k].iteration;
                losses << loss;
            }
        };
        for (size_t k = 0; k < history.size(); k += stride)
            addPoint(k);
        if ((history.size() - 1) % stride != 0)
            addPoint(history.size() - 1);
        if (const double start = history.front().loss; !std::isfinite(start)) {
            const Loss *runLoss = i < m_model->runCount()
                                      ? m_model->state()
                                            .losses.at(m_model->runEntry(i).lossIndex)
                                            .loss.get()
                                      : nullptr;
            undefinedStarts << tr("The mean loss of run %1 (%2) is not finite at its start "
                                  "(%3), so the run cannot train and has no curve: the loss is "
                                  "infinite or undefined for some of the errors there.")
                                   .arg(i + 1)
                                   .arg(m_model->runLabel(i),
                                        nonFiniteName(start, runLoss));
        }
        graph->setData(iterations, losses, true);
        // A line needs two points; before the first step the start loss shows as a dot.
        graph->setScatterStyle(history.size() == 1 ? QCPScatterStyle(QCPScatterStyle::ssDisc, 7)
                                                   : QCPScatterStyle(QCPScatterStyle::ssNone));
        for (double loss : losses) {
            low = std::min(low, loss);
            high = std::max(high, loss);
        }
        longest = std::max(longest, history.back().iteration);

        // The bottom bar gives the full status; the legend stays short enough for a small view.
        const QString runName = m_model->runLabel(i);
        QString name = tr("%1: %2").arg(runName, shortNumber(history.back().loss));
        if (run->status() == RunStatus::Diverged)
            name = tr("%1: diverged at step %2").arg(runName).arg(run->divergedAt());
        else if (run->stalled())
            name += tr(", zero gradient");
        else if (run->status() == RunStatus::Converged)
            name += tr(", converged");
        if (adaptive) {
            const AdaptiveBarronPoint &point = run->adaptiveHistory().back();
            name += tr(", alpha = %1").arg(shortNumber(point.shape));
            if (learnsScale)
                name += tr(", c = %1").arg(shortNumber(point.scale));
        }
        graph->setName(name);
    }
    if (!m_userRange)
        fitAxes(low, high, longest, learnedLow, learnedHigh);
    // QCustomPlot 2.1 cannot set a range beyond 1e250, so a larger loss is cut off at the top.
    QStringList notes = undefinedStarts;
    if (std::isfinite(high) && high > largestAxisValue) {
        notes << tr("The mean loss reaches %1, beyond the largest value the axis can show "
                    "(1e249), so the curves are cut off at the top. Scale the data down to see "
                    "them whole.")
                     .arg(shortNumber(high));
    }
    m_beyondAxis->setVisible(!notes.isEmpty());
    m_beyondAxis->setText(notes.join(QLatin1Char(' ')));
    const bool anyLearned = std::isfinite(learnedLow) && std::isfinite(learnedHigh);
    m_plot->yAxis2->setVisible(anyLearned);
    m_replots->requestReplot();
}

} // namespace losslens
