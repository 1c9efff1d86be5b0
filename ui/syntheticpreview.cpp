#include "syntheticpreview.h"

#include "plotsupport.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <cmath>

namespace losslens {

namespace {

QCPScatterStyle pointStyle(const QColor &colour)
{
    QColor fill = colour;
    fill.setAlpha(90);
    return QCPScatterStyle(QCPScatterStyle::ssCircle, colour, fill, 5);
}

QVector<double> toVector(const Eigen::VectorXd &values)
{
    return QVector<double>(values.data(), values.data() + values.size());
}

} // namespace

SyntheticPreview::SyntheticPreview(QWidget *parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_note(new QLabel(this))
{
    configurePlot(m_plot);
    m_plot->setMinimumSize(320, 260);
    m_plot->xAxis->setLabel(QStringLiteral("x"));
    m_note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    layout->addWidget(m_note);
}

void SyntheticPreview::showSettings(const SyntheticSettings &settings)
{
    const QString error = validateSyntheticSettings(settings);
    if (!error.isEmpty()) {
        clear(tr("No preview: %1").arg(error));
        return;
    }
    if (settings.count > pointLimit) {
        clear(tr("No preview above %1 points.").arg(pointLimit));
        return;
    }
    m_plot->clearGraphs();
    const Dataset data = generateSyntheticData(settings);
    if (isClassificationScenario(settings.scenario))
        plotClasses(data);
    else
        plotLine(settings, data);
    m_plot->rescaleAxes();
    // Margins of 5 % keep the outermost points off the axes.
    m_plot->xAxis->scaleRange(1.1);
    m_plot->yAxis->scaleRange(1.1);
    m_plot->replot();
}

void SyntheticPreview::plotLine(const SyntheticSettings &settings, const Dataset &data)
{
    QCPGraph *points = m_plot->addGraph();
    points->setLineStyle(QCPGraph::lsNone);
    points->setScatterStyle(pointStyle(QColor(40, 40, 40)));
    points->setData(toVector(data.feature), toVector(data.target), true);

    const double low = data.feature.minCoeff(), high = data.feature.maxCoeff();
    QCPGraph *line = m_plot->addGraph();
    line->setPen(QPen(QColor(0, 114, 178), 2, Qt::DashLine));
    line->setData({low, high}, {settings.slope * low + settings.intercept,
                                settings.slope * high + settings.intercept});
    m_plot->yAxis->setLabel(QStringLiteral("y"));
    const QString sign = settings.intercept < 0.0 ? QStringLiteral("−") : QStringLiteral("+");
    m_note->setText(
        tr("%1 points; dashed: the true line y = %2 x %3 %4.")
            .arg(data.size())
            .arg(shortNumber(settings.slope), sign, shortNumber(std::abs(settings.intercept))));
}

void SyntheticPreview::plotClasses(const Dataset &data)
{
    // Okabe-Ito blue and vermilion, distinguishable with the common colour vision deficiencies.
    const QColor colours[] = {QColor(0, 114, 178), QColor(213, 94, 0)};
    int counts[2] = {0, 0};
    for (int label = 0; label < 2; ++label) {
        QVector<double> xs, ys;
        for (Eigen::Index i = 0; i < data.size(); ++i) {
            if (data.target[i] == label) {
                xs.append(data.feature[i]);
                ys.append(label);
            }
        }
        counts[label] = static_cast<int>(xs.size());
        QCPGraph *graph = m_plot->addGraph();
        graph->setLineStyle(QCPGraph::lsNone);
        graph->setScatterStyle(pointStyle(colours[label]));
        graph->setData(xs, ys);
    }
    m_plot->yAxis->setLabel(tr("label"));
    m_note->setText(tr("%1 points of label 0 (blue) and %2 of label 1 (orange), after label "
                       "noise.")
                        .arg(counts[0])
                        .arg(counts[1]));
}

void SyntheticPreview::clear(const QString &reason)
{
    m_plot->clearGraphs();
    m_plot->replot();
    m_note->setText(reason);
}

} // namespace losslens
