#include "dataview.h"

#include "plotsupport.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

namespace losslens {

DataView::DataView(SessionModel *model, TrainingController *training, QWidget *parent)
    : QWidget(parent), m_model(model), m_training(training), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    configurePlot(m_plot);
    new RightButtonPan(m_plot);

    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, new QCPTextElement(m_plot, tr("Data")));
    layout->addWidget(new LegendLabel(m_plot, this));

    m_points = m_plot->addGraph();
    m_points->setLineStyle(QCPGraph::lsNone);
    m_points->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(40, 40, 40), QColor(40, 40, 40, 90), 7));
    m_points->setName(tr("data"));

    connect(m_model, &SessionModel::changed, this, [this](SessionModel::Changes changes) {
        if (changes & SessionModel::DataChanged)
            rebuildData();
    });
    connect(m_training, &TrainingController::advanced, this, &DataView::updateLines);
    rebuildData();
}

QCPGraph *DataView::lineGraph(int runIndex) const
{
    if (runIndex < 0 || runIndex >= static_cast<int>(m_lines.size()))
        return nullptr;
    return m_lines[runIndex];
}

void DataView::rebuildData()
{
    const Dataset &data = m_model->data();
    QVector<double> x(data.size()), y(data.size());
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        x[i] = data.feature[i];
        y[i] = data.target[i];
    }
    m_points->setData(x, y);
    m_plot->xAxis->setLabel(data.featureName);
    m_plot->yAxis->setLabel(data.targetName);
    auto *title = static_cast<QCPTextElement *>(m_plot->plotLayout()->element(0, 0));
    title->setText(tr("Data: %1 against %2, %3 points")
                       .arg(data.targetName, data.featureName)
                       .arg(data.size()));

    if (!data.isEmpty()) {
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
    updateLines();
}

void DataView::updateLines()
{
    for (QCPGraph *line : m_lines) {
        if (line)
            m_plot->removeGraph(line);
    }
    m_lines.assign(m_model->runCount(), nullptr);

    const Dataset &data = m_model->data();
    if (!data.isEmpty()) {
        const double xLow = data.feature.minCoeff(), xHigh = data.feature.maxCoeff();
        for (int i = 0; i < m_model->runCount(); ++i) {
            const TrainingRun *run = m_training->run(i);
            if (!run)
                continue;
            const RunEntry &entry = m_model->runEntry(i);
            const Loss &loss = *m_model->lossEntry(entry.lossIndex).loss;
            const LineParameters line =
                m_model->objective(entry.lossIndex)->toDataUnits(run->current().theta);
            QCPGraph *graph = m_plot->addGraph();
            const bool diverged = run->status() == RunStatus::Diverged;
            graph->setPen(QPen(entry.colour, 2.5, diverged ? Qt::DotLine : Qt::SolidLine));
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
            graph->setData(xs, ys, true);
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
            graph->setName(name);
            m_lines[i] = graph;
        }
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace losslens
