#include "losscurveview.h"

#include "plotsupport.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>

namespace losslens {

namespace {

constexpr int sampleCount = 600;

} // namespace

LossCurveView::LossCurveView(SessionModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    configurePlot(m_plot);
    new RightButtonPan(m_plot);

    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(
        0, 0, new QCPTextElement(m_plot, tr("Loss curves (solid) and derivatives (dashed)")));
    m_plot->yAxis->setLabel(tr("loss ρ(e) and derivative ρ′(e)"));
    m_plot->xAxis->setRange(-4.0, 4.0);
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignHCenter);

    connect(m_plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            [this] { resample(); });
    connect(m_model, &SessionModel::changed, this, [this](SessionModel::Changes changes) {
        if (changes & (SessionModel::LossSelectionChanged | SessionModel::LossParametersChanged))
            rebuild(true);
    });
    rebuild(true);
}

void LossCurveView::rebuild(bool rescaleValues)
{
    m_plot->clearGraphs();
    bool classifier = false;
    for (int i = 0; i < m_model->lossCount(); ++i) {
        const LossEntry &entry = m_model->lossEntry(i);
        classifier =
            classifier || (entry.enabled && entry.loss->kind() == LossKind::Classification);
    }
    m_plot->xAxis->setLabel(classifier ? tr("error e, or logit z for classifiers (label 1)")
                                       : tr("error e = prediction − target"));
    for (int i = 0; i < m_model->lossCount(); ++i) {
        const LossEntry &entry = m_model->lossEntry(i);
        if (!entry.enabled)
            continue;
        QCPGraph *value = m_plot->addGraph();
        value->setPen(QPen(entry.colour, 2.5));
        value->setName(entry.loss->label());
        QCPGraph *derivative = m_plot->addGraph();
        derivative->setPen(QPen(entry.colour, 1.8, Qt::DashLine));
        derivative->setName(tr("%1 derivative").arg(entry.loss->displayName()));
        derivative->removeFromLegend();
        value->setProperty("lossIndex", i);
    }
    resample();
    if (rescaleValues && m_plot->graphCount() > 0) {
        // Fit the values seen over the visible errors, with zero always in view.
        double low = 0.0, high = 0.0;
        for (int g = 0; g < m_plot->graphCount(); ++g) {
            bool found = false;
            const QCPRange range = m_plot->graph(g)->getValueRange(found);
            if (found) {
                low = std::min(low, range.lower);
                high = std::max(high, range.upper);
            }
        }
        const double margin = 0.05 * (high - low);
        m_plot->yAxis->setRange(low - margin, high + margin);
    }
    m_plot->replot();
}

void LossCurveView::resample()
{
    const QCPRange range = m_plot->xAxis->range();
    QVector<double> inputs(sampleCount);
    for (int k = 0; k < sampleCount; ++k)
        inputs[k] = range.lower + (range.upper - range.lower) * k / (sampleCount - 1);

    for (int g = 0; g + 1 < m_plot->graphCount(); g += 2) {
        const int index = m_plot->graph(g)->property("lossIndex").toInt();
        const Loss &loss = *m_model->lossEntry(index).loss;
        QVector<double> values(sampleCount), derivatives(sampleCount);
        for (int k = 0; k < sampleCount; ++k) {
            const LossDerivatives d = loss.evaluate(inputs[k], 1.0);
            values[k] = displayable(d.value);
            derivatives[k] = displayable(d.first);
        }
        m_plot->graph(g)->setData(inputs, values, true);
        m_plot->graph(g + 1)->setData(inputs, derivatives, true);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace losslens
