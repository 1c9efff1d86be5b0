#include "workbenchweightplots.h"

#include "plotsupport.h"
#include "weightedscatter.h"

#include <qcustomplot.h>

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace losslens {

WeightPlot::WeightPlot(QWidget *parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_note(new QLabel(this))
{
    configurePlot(m_plot);
    m_plot->setInteractions(QCP::Interactions());
    m_plot->setMinimumSize(200, 150);
    m_plot->plotLayout()->insertRow(0);
    m_title = new QCPTextElement(m_plot, QString(), QFont(font().family(), 10, QFont::Bold));
    m_plot->plotLayout()->addElement(0, 0, m_title);
    m_scatter = new WeightedScatter(m_plot->xAxis, m_plot->yAxis);
    m_line = m_plot->addGraph();
    m_line->setPen(QPen(Qt::black, 2.2));
    m_note->setWordWrap(true);
    m_note->setStyleSheet(QStringLiteral("color: #444; font-size: 9pt"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(1);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_note);
}

QString WeightPlot::title() const
{
    return m_title->text();
}

QString WeightPlot::note() const
{
    return m_note->text();
}

void WeightPlot::setFit(const WorkbenchFit &fit, const QString &title, const QColor &colour)
{
    const Dataset &data = fit.objective->data();
    m_title->setText(title);
    m_title->setTextColor(colour.darker(115));
    m_scatter->setData(data.feature, data.target, fit.weights);
    m_scatter->setVisible(true);

    const double low = data.feature.minCoeff();
    const double high = data.feature.maxCoeff();
    const LineParameters &line = fit.line;
    m_line->setData({low, high}, {displayable(line.slope * low + line.intercept),
                                  displayable(line.slope * high + line.intercept)});
    m_line->setPen(QPen(colour, 2.2));
    m_line->setVisible(true);

    // The axes cover the data, not the line, so a line that a loss sends far off the data
    // leaves the points readable. The line's ends are clipped at the frame.
    bool found = false;
    const QCPRange keys = m_scatter->getKeyRange(found);
    const QCPRange values = m_scatter->getValueRange(found);
    const double keyMargin = 0.05 * std::max(keys.size(), 1e-300);
    const double valueMargin = 0.08 * std::max(values.size(), 1e-300);
    m_plot->xAxis->setRange(keys.lower - keyMargin, keys.upper + keyMargin);
    m_plot->yAxis->setRange(values.lower - valueMargin, values.upper + valueMargin);
    m_plot->xAxis->setLabel(data.featureName);
    m_plot->yAxis->setLabel(data.targetName);

    const int ignored = int((fit.weights.array() < 0.1).count());
    QString note;
    if (fit.normalization == WeightFunction::Normalization::ZeroErrorCurvature) {
        note = tr("w = ψ(e)/e ÷ ρ''(0), 1 at e = 0.");
    } else {
        note = tr("ψ(e)/e is unbounded or 0 at e = 0: w is relative to its value at |e| = r = %1 "
                  "and clipped to 1.")
                   .arg(shortNumber(fit.referenceResidual));
    }
    if (fit.weights.size() > 0 && fit.weights.maxCoeff() > 1.0)
        note += QLatin1Char(' ') + tr("Weights above 1 (largest %1) are drawn as 1.")
                                       .arg(shortNumber(fit.weights.maxCoeff()));
    note += QLatin1Char(' ') + tr("%n of %1 points have w < 0.1.", nullptr, ignored)
                                   .arg(fit.weights.size());
    m_note->setText(note);
    m_plot->replot();
}

void WeightPlot::showProblem(const QString &title, const QString &problem)
{
    m_title->setText(title);
    m_title->setTextColor(Qt::black);
    m_scatter->setVisible(false);
    m_line->setVisible(false);
    m_note->setText(problem);
    m_plot->replot();
}

WeightPlotGrid::WeightPlotGrid(QWidget *parent) : QWidget(parent), m_grid(new QGridLayout)
{
    // A plot of the colour scale alone, horizontal, as the legend of every small multiple.
    auto *legend = new QCustomPlot(this);
    legend->plotLayout()->clear();
    m_scale = new QCPColorScale(legend);
    m_scale->setType(QCPAxis::atBottom);
    m_scale->setGradient(weightGradient());
    m_scale->setDataRange(QCPRange(0.0, 1.0));
    m_scale->setBarWidth(12);
    // QCustomPlot drops the labels at the ends of the range, so the label names them.
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (const double tick : {0.0, 0.25, 0.5, 0.75, 1.0})
        ticker->addTick(tick, QString::number(tick));
    m_scale->axis()->setTicker(ticker);
    m_scale->setLabel(tr("weight w(e) = ψ(e)/e, normalized: pale at 0 (the loss ignores the "
                         "point), dark at 1 (full weight)"));
    legend->plotLayout()->addElement(0, 0, m_scale);
    legend->setFixedHeight(62);
    legend->setObjectName(QStringLiteral("weightScale"));

    m_grid->setSpacing(4);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_grid, 1);
    layout->addWidget(legend);
}

void WeightPlotGrid::setPlotCount(int count)
{
    count = std::max(count, 0);
    while (int(m_plots.size()) > count) {
        delete m_plots.back();
        m_plots.pop_back();
    }
    while (int(m_plots.size()) < count)
        m_plots.push_back(new WeightPlot(this));
    // Up to three columns; two for up to four plots, so two or four losses form a square.
    const int columns = count <= 1 ? 1 : (count <= 4 ? 2 : 3);
    for (int index = 0; index < count; ++index) {
        m_grid->removeWidget(m_plots[index]);
        m_grid->addWidget(m_plots[index], index / columns, index % columns);
    }
    for (int column = 0; column < 3; ++column)
        m_grid->setColumnStretch(column, column < columns ? 1 : 0);
}

} // namespace losslens
