#include "runpaths.h"

#include "plotsupport.h"

#include <qcustomplot.h>

#include <algorithm>

namespace losslens {

double clampToView(double value, const QCPRange &range)
{
    const double span = std::max(range.size(), 1e-300);
    return std::clamp(displayable(value), range.lower - 1e6 * span, range.upper + 1e6 * span);
}

RunPaths::RunPaths(QCustomPlot *plot, SessionModel *model, TrainingController *training)
    : QObject(plot), m_plot(plot), m_model(model), m_training(training)
{
    // A layer of its own with a paint buffer: a training step moves only the paths, so only
    // this layer (and the arrows') is redrawn, not the colour map and its contours.
    const QString name = QStringLiteral("runPaths");
    if (!m_plot->layer(name))
        m_plot->addLayer(name, m_plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    m_layer = m_plot->layer(name);
    m_layer->setMode(QCPLayer::lmBuffered);
    rebuild();
}

void RunPaths::rebuild()
{
    for (const Items &items : m_items) {
        m_plot->removePlottable(items.halo);
        m_plot->removePlottable(items.path);
        m_plot->removePlottable(items.head);
        m_plot->removePlottable(items.start);
    }
    m_items.clear();
    for (int i = 0; i < m_model->runCount(); ++i) {
        Items items;
        items.halo = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
        items.halo->setProperty("inLegend", false);
        items.path = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
        items.head = m_plot->addGraph();
        items.head->setLineStyle(QCPGraph::lsNone);
        items.head->setProperty("inLegend", false);
        items.start = m_plot->addGraph();
        items.start->setLineStyle(QCPGraph::lsNone);
        items.start->setProperty("inLegend", false);
        for (QCPAbstractPlottable *plottable : {static_cast<QCPAbstractPlottable *>(items.halo),
                                                static_cast<QCPAbstractPlottable *>(items.path),
                                                static_cast<QCPAbstractPlottable *>(items.head),
                                                static_cast<QCPAbstractPlottable *>(items.start)})
        {
            plottable->setLayer(m_layer);
            plottable->setVisible(false);
        }
        m_items.push_back(items);
    }
}

QCPCurve *RunPaths::path(int runIndex) const
{
    if (runIndex < 0 || runIndex >= static_cast<int>(m_items.size()) ||
        !m_items[runIndex].path->visible())
        return nullptr;
    return m_items[runIndex].path;
}

void RunPaths::update()
{
    const QCPRange xRange = m_plot->xAxis->range(), yRange = m_plot->yAxis->range();
    for (int i = 0; i < static_cast<int>(m_items.size()); ++i) {
        const Items &items = m_items[i];
        const RunTrack *run = i < m_model->runCount() ? m_training->run(i) : nullptr;
        for (QCPAbstractPlottable *plottable : {static_cast<QCPAbstractPlottable *>(items.halo),
                                                static_cast<QCPAbstractPlottable *>(items.path),
                                                static_cast<QCPAbstractPlottable *>(items.head)})
            plottable->setVisible(run != nullptr);
        items.start->setVisible(run != nullptr && m_model->runEntry(i).start.has_value());
        if (!run)
            continue;
        const QColor colour = m_model->runEntry(i).colour;
        const bool diverged = run->status() == RunStatus::Diverged;
        // Earlier paths are wider, so a path that runs on top of another leaves a coloured rim.
        const double width = 4.0 - 0.8 * std::min(i, 3);
        items.path->setPen(QPen(colour, width, diverged ? Qt::DashLine : Qt::SolidLine));
        items.halo->setPen(QPen(QColor(255, 255, 255, 150), width + 3.0, Qt::SolidLine,
                                Qt::RoundCap, Qt::RoundJoin));
        const QString name = m_model->runLabel(i);
        items.path->setName(
            diverged ? tr("%1 (diverged at step %2)").arg(name).arg(run->divergedAt()) : name);
        items.head->setScatterStyle(
            diverged
                ? QCPScatterStyle(QCPScatterStyle::ssCross, QPen(colour, 3), Qt::NoBrush, 12)
                : QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::white, 1.5), colour, 12));
        items.start->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(colour, 2.5), Qt::white, 10));

        const auto &history = run->history();
        // Long runs are thinned to about 4000 drawn points; the last point is always kept.
        const size_t stride = std::max<size_t>(1, history.size() / 4000);
        QVector<double> ws, bs;
        ws.reserve(int(history.size() / stride + 2));
        bs.reserve(ws.capacity());
        for (size_t k = 0; k < history.size(); k += stride) {
            ws << clampToView(history[k].theta[0], xRange);
            bs << clampToView(history[k].theta[1], yRange);
        }
        const Eigen::Vector2d &last = history.back().theta;
        ws << clampToView(last[0], xRange);
        bs << clampToView(last[1], yRange);
        items.halo->setData(ws, bs);
        items.path->setData(ws, bs);
        items.head->setData({ws.back()}, {bs.back()});
        items.start->setData({ws.front()}, {bs.front()});
    }
}

} // namespace losslens
