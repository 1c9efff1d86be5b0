#include "trainingview.h"

#include "plotsupport.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace losslens {

TrainingView::TrainingView(SessionModel *model, TrainingController *training, QWidget *parent)
    : QWidget(parent), m_model(model), m_training(training), m_plot(new QCustomPlot(this)),
      m_logarithmic(new QCheckBox(tr("Lo&garithmic loss axis"), this))
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
    layout->addWidget(m_plot, 1);

    configurePlot(m_plot);
    new RightButtonPan(m_plot);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, new QCPTextElement(m_plot, tr("Training")));
    m_plot->xAxis->setLabel(tr("iteration"));
    m_plot->yAxis->setLabel(tr("mean loss"));
    layout->addWidget(new LegendLabel(m_plot, this));

    connect(m_logarithmic, &QCheckBox::toggled, this, [this](bool logarithmic) {
        setLogarithmic(m_plot->yAxis, logarithmic);
        update();
    });
    connect(m_training, &TrainingController::advanced, this, &TrainingView::update);
    update();
}

QCPGraph *TrainingView::lossGraph(int runIndex) const
{
    if (runIndex < 0 || runIndex >= static_cast<int>(m_graphs.size()))
        return nullptr;
    return m_graphs[runIndex];
}

void TrainingView::update()
{
    // One graph per run. An added or removed run changes the count and shifts the colours.
    while (static_cast<int>(m_graphs.size()) < m_model->runCount())
        m_graphs.push_back(m_plot->addGraph());
    while (static_cast<int>(m_graphs.size()) > m_model->runCount()) {
        m_plot->removeGraph(m_graphs.back());
        m_graphs.pop_back();
    }
    for (int i = 0; i < static_cast<int>(m_graphs.size()); ++i)
        m_graphs[i]->setPen(QPen(m_model->runEntry(i).colour, 2.5));

    double low = std::numeric_limits<double>::infinity(), high = -low;
    int longest = 1;
    for (int i = 0; i < static_cast<int>(m_graphs.size()); ++i) {
        QCPGraph *graph = m_graphs[i];
        const TrainingRun *run = m_training->run(i);
        graph->setVisible(run != nullptr);
        if (!run) {
            graph->data()->clear();
            continue;
        }
        const auto &history = run->history();
        const size_t stride = std::max<size_t>(1, history.size() / 4000);
        QVector<double> iterations, losses;
        for (size_t k = 0; k < history.size(); k += stride) {
            iterations << history[k].iteration;
            losses << history[k].loss;
        }
        iterations << history.back().iteration;
        losses << history.back().loss;
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
        graph->setName(name);
    }
    m_plot->xAxis->setRange(0, std::max(longest, 10));
    low = std::clamp(low, -largestAxisValue, largestAxisValue);
    high = std::clamp(high, -largestAxisValue, largestAxisValue);
    if (std::isfinite(low) && std::isfinite(high)) {
        if (m_logarithmic->isChecked()) {
            // A logarithmic axis cannot show 0; keep the lower end positive.
            const double lower = low > 0 ? low / 1.5 : std::max(high * 1e-6, 1e-300);
            m_plot->yAxis->setRange(lower, std::max(high * 1.5, lower * 10));
        } else {
            const double margin = std::max(0.05 * (high - low), 1e-12 * std::abs(high) + 1e-300);
            m_plot->yAxis->setRange(std::min(0.0, low) - margin, high + margin);
        }
    }
    updateTicks(m_plot->yAxis);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace losslens
