#pragma once

#include "workbenchfitjob.h"

#include <QWidget>

#include <memory>
#include <vector>

class QCustomPlot;
class QCPColorScale;
class QCPGraph;
class QCPTextElement;
class QGridLayout;
class QLabel;

namespace losslens {

class WeightedScatter;

// One small multiple: the data coloured by the weight one loss gives each point at its fit, the
// fitted line in the loss's colour, and a note on how the weights are normalized.
class WeightPlot : public QWidget
{
    Q_OBJECT

public:
    explicit WeightPlot(QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    WeightedScatter *scatter() const { return m_scatter; }
    QCPGraph *line() const { return m_line; }
    QString title() const;
    QString note() const;

    void setFit(const WorkbenchFit &fit, const QString &title, const QColor &colour);
    // Shows the title and a reason in place of the points, for a loss that cannot be fitted.
    void showProblem(const QString &title, const QString &problem);

private:
    QCustomPlot *m_plot;
    QCPTextElement *m_title;
    WeightedScatter *m_scatter;
    QCPGraph *m_line;
    QLabel *m_note;
};

// The small multiples in a grid of up to three columns, above the shared colour scale of the
// weights.
class WeightPlotGrid : public QWidget
{
    Q_OBJECT

public:
    explicit WeightPlotGrid(QWidget *parent = nullptr);

    // Keeps count plots, creating or removing them at the end.
    void setPlotCount(int count);
    int plotCount() const { return int(m_plots.size()); }
    WeightPlot *plotAt(int index) const { return m_plots.at(std::size_t(index)); }
    QCPColorScale *colourScale() const { return m_scale; }

private:
    QGridLayout *m_grid;
    std::vector<WeightPlot *> m_plots;
    QCPColorScale *m_scale;
};

} // namespace losslens
