#include "dataview.h"

#include "datapointeditor.h"
#include "plotsupport.h"
#include "replotscheduler.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

namespace losslens {

DataView::DataView(SessionModel *model, TrainingController *training, QWidget *parent)
    : QWidget(parent), m_model(model), m_training(training), m_plot(new QCustomPlot(this)),
      m_replots(new ReplotScheduler(m_plot))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    configurePlot(m_plot);
    // QCustomPlot 2.1 drags a range with the left button only, which adds and moves points
    // here, so the right button pans.
    new RightButtonPan(m_plot);

    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, new QCPTextElement(m_plot, tr("Data")));
    auto *legend = new LegendLabel(m_plot, this);
    layout->addWidget(legend);
    // A layer replot emits no afterReplot, so the legend refreshes on the scheduler's signal.
    m_replots->setLayersReplotted([legend] { legend->refresh(); });

    // The lines above the points, on a layer with its own paint buffer.
    m_plot->addLayer(QStringLiteral("lines"), m_plot->layer(QStringLiteral("main")),
                     QCustomPlot::limAbove);
    m_linesLayer = m_plot->layer(QStringLiteral("lines"));
    m_linesLayer->setMode(QCPLayer::lmBuffered);

    m_points = m_plot->addGraph();
    m_points->setLineStyle(QCPGraph::lsNone);
    m_points->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(40, 40, 40), QColor(40, 40, 40, 90), 7));
    m_points->setName(tr("data"));

    // Installed after RightButtonPan, so it receives the mouse first and takes a right press on
    // a point, to remove it, before the pan does.
    m_editor = new DataPointEditor(m_model, m_points, m_replots, m_linesLayer);
    connect(m_editor, &DataPointEditor::hoverText, this, &DataView::hoverText);
    connect(m_editor, &DataPointEditor::editMessage, this, &DataView::editMessage);
    connect(m_editor, &DataPointEditor::movingPointChanged, this, [this] { rebuildData(true); });

    connect(m_model, &SessionModel::changed, this, [this](SessionModel::Changes changes) {
        if (changes & SessionModel::DataChanged)
            rebuildData(changes & SessionModel::DataEdited);
    });
    connect(m_training, &TrainingController::advanced, this, [this] { updateLines(); });
    rebuildData();
}

QCPGraph *DataView::lineGraph(int runIndex) const
{
    if (runIndex < 0 || runIndex >= static_cast<int>(m_lines.size()) ||
        !m_lines[runIndex]->visible())
        return nullptr;
    return m_lines[runIndex];
}

namespace {

// Whether two data sets of one size have the same values at every index but skipped.
bool equalExcept(const Dataset &a, const Dataset &b, Eigen::Index skipped)
{
    if (a.size() != b.size() || skipped < 0 || skipped >= a.size())
        return false;
    const Eigen::Index after = a.size() - skipped - 1;
    return a.feature.head(skipped) == b.feature.head(skipped) &&
           a.target.head(skipped) == b.target.head(skipped) &&
           a.feature.tail(after) == b.feature.tail(after) &&
           a.target.tail(after) == b.target.tail(after);
}

} // namespace

bool DataView::updatePoints()
{
    const std::shared_ptr<const Dataset> &data = m_model->state().data;
    const int omitted = m_editor->movingPoint();
    if (omitted >= 0 && omitted == m_omittedPoint && m_plottedData &&
        equalExcept(*m_plottedData, *data, omitted)) {
        m_plottedData = data;
        return false;
    }
    QVector<double> x, y;
    x.reserve(data->size());
    y.reserve(data->size());
    for (Eigen::Index i = 0; i < data->size(); ++i) {
        if (i == omitted)
            continue;
        x.push_back(data->feature[i]);
        y.push_back(data->target[i]);
    }
    m_points->setData(x, y);
    m_plottedData = data;
    m_omittedPoint = omitted;
    return true;
}

void DataView::rebuildData(bool keepRange)
{
    const Dataset &data = m_model->data();
    m_plot->setToolTip(m_editor->instructions());
    // Only the moving point moved, and the editor redraws it: no full replot.
    if (!updatePoints() && keepRange) {
        updateLines();
        return;
    }
    m_plot->xAxis->setLabel(data.featureName);
    m_plot->yAxis->setLabel(data.targetName);
    auto *title = static_cast<QCPTextElement *>(m_plot->plotLayout()->element(0, 0));
    title->setText(tr("Data: %1 against %2, %3 points")
                       .arg(data.targetName, data.featureName)
                       .arg(data.size()));

    if (!data.isEmpty() && !keepRange) {
        const double xLow = data.feature.minCoeff(), xHigh = data.feature.maxCoeff();
        const double yLow = data.target.minCoeff(), yHigh = data.target.maxCoeff();
        // A column with one value still gets a readable range around it.
        const double xMargin =
            xHigh > xLow ? 0.06 * (xHigh - xLow) : std::max(1.0, 0.1 * std::abs(xLow));
        const double yMargin =
            yHigh > yLow ? 0.08 * (yHigh - yLow) : std::max(1.0, 0.1 * std::abs(yLow));
        m_plot->xAxis->setRange(xLow - xMargin, xHigh + xMargin);
        m_plot->yAxis->setRange(yLow - yMargin, yHigh + yMargin);
    }
    updateLines(true);
}

namespace {

bool sameData(const QCPGraph &graph, const QVector<double> &xs, const QVector<double> &ys)
{
    if (graph.dataCount() != xs.size())
        return false;
    int k = 0;
    for (auto point = graph.data()->constBegin(); point != graph.data()->constEnd(); ++point, ++k) {
        if (point->key != xs[k] || point->value != ys[k])
            return false;
    }
    return true;
}

} // namespace

void DataView::updateLines(bool dataChanged)
{
    const int runCount = m_model->runCount();
    bool graphsChanged = false;
    while (static_cast<int>(m_lines.size()) < runCount) {
        QCPGraph *graph = m_plot->addGraph();
        graph->setLayer(m_linesLayer);
        graph->setVisible(false);
        m_lines.push_back(graph);
        graphsChanged = true;
    }
    while (static_cast<int>(m_lines.size()) > runCount) {
        m_plot->removeGraph(m_lines.back());
        m_lines.pop_back();
        graphsChanged = true;
    }

    bool linesChanged = false;
    const Dataset &data = m_model->data();
    for (int i = 0; i < runCount; ++i) {
        QCPGraph *graph = m_lines[i];
        const RunTrack *run = data.isEmpty() ? nullptr : m_training->run(i);
        if (!run) {
            linesChanged = linesChanged || graph->visible();
            graph->setVisible(false);
            continue;
        }
        const double xLow = data.feature.minCoeff(), xHigh = data.feature.maxCoeff();
        const RunEntry &entry = m_model->runEntry(i);
        const Loss &loss = *m_model->lossEntry(entry.lossIndex).loss;
        const LineParameters line =
            m_model->objective(entry.lossIndex)->toDataUnits(run->current().theta);
        const bool diverged = run->status() == RunStatus::Diverged;
        const QPen pen(entry.colour, 2.5, diverged ? Qt::DotLine : Qt::SolidLine);
        // A regression line predicts the target. A classifier's line is a logit, so the
        // view draws its probability 1 / (1 + exp(-(w x + b))) over the 0/1 labels.
        const bool classifier = loss.kind() == LossKind::Classification;
        const int sampleCount = classifier ? 200 : 2;
        QVector<double> xs(sampleCount), ys(sampleCount);
        for (int k = 0; k < sampleCount; ++k) {
            xs[k] = xLow + (xHigh - xLow) * k / (sampleCount - 1);
            const double output = line.slope * xs[k] + line.intercept;
            ys[k] = displayable(classifier ? 1.0 / (1.0 + std::exp(-output)) : output);
        }
        // Only BCE and focal loss model a probability; other classifiers give a score.
        const bool probabilistic =
            loss.name() == QLatin1String("bce") || loss.name() == QLatin1String("focal");
        const QString formula = !classifier     ? tr("%1: y = %2")
                                : probabilistic ? tr("%1: P(y=1) = σ(%2)")
                                                : tr("%1: σ(%2) of the score");
        QString name = formula.arg(m_model->runLabel(i), lineFormula(line, data));
        // The line stays at the last finite point, dotted, and the legend gives the step.
        if (diverged)
            name += tr(", diverged at step %1").arg(run->divergedAt());

        // A slider drag changes the loss of a run at step 0 without moving its line, and
        // such a change needs no replot.
        if (!graph->visible() || graph->pen() != pen || graph->name() != name ||
            !sameData(*graph, xs, ys)) {
            graph->setVisible(true);
            graph->setPen(pen);
            graph->setName(name);
            graph->setData(xs, ys, true);
            linesChanged = true;
        }
    }
    if (dataChanged || graphsChanged)
        m_replots->requestReplot();
    else if (linesChanged)
        m_replots->requestLayerReplot(m_linesLayer);
}

} // namespace losslens
