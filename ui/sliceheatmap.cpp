#include "sliceheatmap.h"

#include "plotsupport.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace losslens {

namespace {


// Keeps far-away path points inside what the painter can draw without overflowing.
double clampToView(double value, const QCPRange &range)
{
    const double span = std::max(range.size(), 1e-300);
    return std::clamp(displayable(value), range.lower - 1e6 * span, range.upper + 1e6 * span);
}

QCPGraph *addMarker(QCustomPlot *plot, const QCPScatterStyle &style, const QString &name)
{
    QCPGraph *marker = plot->addGraph();
    marker->setLineStyle(QCPGraph::lsNone);
    marker->setScatterStyle(style);
    marker->setName(name);
    return marker;
}

} // namespace

SliceHeatMap::SliceHeatMap(QWidget *parent)
    : QWidget(parent), m_logarithmic(new QCheckBox(tr("&Logarithmic colours"), this)),
      m_title(new QLabel(tr("Slice"), this)), m_summary(new QLabel(tr("Computing…"), this)), m_plot(new QCustomPlot(this)),
      m_readOut(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *header = new QHBoxLayout;
    header->setContentsMargins(6, 0, 6, 0);
    m_logarithmic->setChecked(true);
    m_logarithmic->setToolTip(tr("Colour the mean loss on a logarithmic scale, which shows the "
                                 "shape of deep, narrow valleys."));
    header->addWidget(m_logarithmic);
    header->addStretch();
    layout->addLayout(header);
    // The title and the run's summary are labels, which wrap at small widths where a plot's
    // title element would be cut off.
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    for (QLabel *label : {m_title, m_summary}) {
        label->setWordWrap(true);
        label->setContentsMargins(6, 0, 6, 0);
        layout->addWidget(label);
    }
    layout->addWidget(m_plot, 1);

    configurePlot(m_plot);
    // The grid is computed for a fixed range, so zooming would only show its edges.
    m_plot->setInteractions(QCP::Interactions());
    m_plot->installEventFilter(this);
    m_plot->setMouseTracking(true);


    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setInterpolate(true);
    m_map->setVisible(false);
    m_scale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(0, 1, m_scale);
    m_scale->setType(QCPAxis::atRight);
    m_scale->axis()->setLabel(tr("mean loss"));
    m_scale->setVisible(false);
    m_map->setColorScale(m_scale);
    m_map->setGradient(lossGradient());
    auto *group = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::MarginSides(QCP::msBottom | QCP::msTop), group);
    m_scale->setMarginGroup(QCP::MarginSides(QCP::msBottom | QCP::msTop), group);

    // The path is white over a dark outline, so it shows on every colour of the map. The
    // outline represents it in the legend.
    m_pathOutline = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    m_pathOutline->setPen(QPen(QColor(20, 20, 20), 4.0));
    m_pathOutline->setName(tr("training path"));
    m_path = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    m_path->setPen(QPen(Qt::white, 1.8));
    m_path->setProperty("inLegend", false);
    m_startMarker =
        addMarker(m_plot, QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2), Qt::white, 11),
                  tr("start"));
    m_endMarker = addMarker(m_plot,
                            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(200, 0, 0), 2),
                                            QColor(255, 90, 90), 11),
                            tr("end of training"));
    for (QCPAbstractPlottable *plottable :
         std::initializer_list<QCPAbstractPlottable *>{m_pathOutline, m_path, m_startMarker,
                                                       m_endMarker})
        plottable->setVisible(false);

    layout->addWidget(new LegendLabel(m_plot, this));
    m_readOut->setContentsMargins(6, 0, 6, 2);
    m_readOut->setWordWrap(true);
    m_readOut->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_readOut);

    connect(m_logarithmic, &QCheckBox::toggled, this, [this] {
        updateColourScale();
        m_plot->replot();
    });
}

QString SliceHeatMap::readOut() const
{
    return m_readOut->text();
}

void SliceHeatMap::setSummary(const QString &text)
{
    m_summary->setText(text);
}

QString SliceHeatMap::summary() const
{
    return m_summary->text();
}

QString SliceHeatMap::axisLabel(int parameter) const
{
    const QStringList names = m_result->objective->parameterNames();
    const QString name = names.value(parameter);
    const int weightCount = int(names.size()) - 1;
    if (!m_result->settings.standardize)
        return name;
    if (parameter < weightCount) {
        return tr("%1 per standard deviation of %2")
            .arg(name, m_result->objective->data().featureNames.value(parameter));
    }
    return tr("%1 at the features' means").arg(name);
}

void SliceHeatMap::showResult(std::shared_ptr<const SliceResult> result)
{
    m_result = std::move(result);
    const SliceResult &slice = *m_result;
    const Landscape &landscape = slice.slice;
    const LandscapeGrid &grid = landscape.grid;

    m_lowest = std::numeric_limits<double>::infinity();
    m_highest = -m_lowest;
    m_map->data()->setSize(grid.slopeCount, grid.interceptCount);
    m_map->data()->setRange(QCPRange(grid.slopeMinimum, grid.slopeMaximum),
                            QCPRange(grid.interceptMinimum, grid.interceptMaximum));
    for (int i = 0; i < grid.slopeCount; ++i) {
        for (int k = 0; k < grid.interceptCount; ++k) {
            const double value = landscape.values(i, k);
            if (std::isfinite(value)) {
                m_lowest = std::min(m_lowest, value);
                m_highest = std::max(m_highest, value);
            }
            // An overflowing loss (+inf) takes the top colour, and NaN stays a transparent gap.
            m_map->data()->setCell(i, k, std::isnan(value) ? value : displayable(value));
        }
    }
    const bool anyFinite = m_lowest <= m_highest;
    m_map->setVisible(anyFinite);
    m_scale->setVisible(anyFinite);
    updateColourScale();

    m_plot->xAxis->setRange(grid.slopeMinimum, grid.slopeMaximum);
    m_plot->yAxis->setRange(grid.interceptMinimum, grid.interceptMaximum);
    const QString lossName = slice.objective->loss().displayName();
    const QString through = slice.settings.through == SliceThrough::EndOfTraining
                                ? tr("the end of training")
                                : tr("the start of training");
    if (slice.settings.mode == SliceMode::TwoParameters) {
        m_title->setText(tr("Mean %1 over two parameters through %2").arg(lossName, through));
        m_plot->xAxis->setLabel(axisLabel(slice.settings.firstParameter));
        m_plot->yAxis->setLabel(axisLabel(slice.settings.secondParameter));
    } else {
        m_title->setText(tr("Mean %1 along two random directions through %2")
                             .arg(lossName, through));
        m_plot->xAxis->setLabel(tr("direction 1"));
        m_plot->yAxis->setLabel(tr("direction 2"));
    }

    const int steps = slice.path.stepCount();
    QString summary = (steps == 1 ? tr("1 step") : tr("%1 steps").arg(steps)) +
                      tr(": mean loss %1 at the start ○, %2 at the end ●")
                          .arg(shortNumber(slice.path.losses.front()),
                               shortNumber(slice.path.losses.back()));
    if (slice.path.status == LinearTrainingStatus::Diverged) {
        summary += tr("; diverged at step %1 (mean loss %2), so the end is the last finite point")
                        .arg(slice.path.divergedAt)
                        .arg(shortNumber(slice.path.divergedLoss));
    } else if (slice.path.status == LinearTrainingStatus::Converged) {
        summary += tr("; converged: the last update changed nothing");
    }
    if (!anyFinite)
        summary += tr("; the mean loss overflows everywhere on this slice");
    if (!slice.complete)
        summary += tr(" (coarse grid, refining…)");
    m_summary->setText(summary);

    updateMarkers();
    const Eigen::Vector2d centre = slice.throughCoordinates();
    showReadOut(centre[0], centre[1]);
    m_plot->replot();
}

void SliceHeatMap::updateColourScale()
{
    if (!m_result || m_lowest > m_highest)
        return;
    const double low = std::min(m_lowest, largestAxisValue);
    const double high = std::clamp(m_highest, low, largestAxisValue);
    // A logarithmic scale needs positive values, so a loss of exactly 0 falls back to linear.
    const bool logarithmic = m_logarithmic->isChecked() && low > 0.0 && high > low;
    m_scale->setDataScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    setLogarithmic(m_scale->axis(), logarithmic);
    const double upper = high > low ? high : low + std::max(1e-12, std::abs(low) * 1e-9);
    m_scale->setDataRange(QCPRange(low, upper));
    updateTicks(m_scale->axis());
}

void SliceHeatMap::updateMarkers()
{
    const SliceResult &slice = *m_result;
    const QCPRange xRange = m_plot->xAxis->range(), yRange = m_plot->yAxis->range();
    const auto &thetas = slice.path.thetas;
    const bool parameters = slice.settings.mode == SliceMode::TwoParameters;
    // On a random plane the path's points other than the through-point generally lie off the
    // plane, so only the through-point is marked.
    const bool throughEnd = slice.settings.through == SliceThrough::EndOfTraining;
    m_startMarker->setVisible(parameters || !throughEnd);
    m_endMarker->setVisible(parameters || throughEnd);
    m_pathOutline->setVisible(parameters && thetas.size() > 1);
    m_path->setVisible(m_pathOutline->visible());
    if (!parameters) {
        (throughEnd ? m_endMarker : m_startMarker)->setData({0.0}, {0.0});
        return;
    }
    const int first = slice.settings.firstParameter, second = slice.settings.secondParameter;
    // Long runs are thinned to about 4000 drawn points, always keeping the last one.
    const size_t stride = std::max<size_t>(1, thetas.size() / 4000);
    QVector<double> xs, ys;
    for (size_t k = 0; k < thetas.size(); k += stride) {
        xs << clampToView(thetas[k][first], xRange);
        ys << clampToView(thetas[k][second], yRange);
    }
    xs << clampToView(thetas.back()[first], xRange);
    ys << clampToView(thetas.back()[second], yRange);
    m_pathOutline->setData(xs, ys);
    m_path->setData(xs, ys);
    m_startMarker->setData({xs.front()}, {ys.front()});
    m_endMarker->setData({xs.back()}, {ys.back()});
}

void SliceHeatMap::showReadOut(double a, double c)
{
    const SliceResult &slice = *m_result;
    const double loss = slice.objective->value(slice.plane.pointAt(a, c));
    QString coordinates;
    if (slice.settings.mode == SliceMode::TwoParameters) {
        const QStringList names = slice.objective->parameterNames();
        coordinates = tr("%1 = %2, %3 = %4")
                          .arg(names.value(slice.settings.firstParameter), shortNumber(a),
                               names.value(slice.settings.secondParameter), shortNumber(c));
    } else {
        coordinates = tr("direction 1 = %1, direction 2 = %2").arg(shortNumber(a), shortNumber(c));
    }
    m_readOut->setText(tr("%1: mean loss %2").arg(coordinates, shortNumber(loss)));
}

bool SliceHeatMap::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot && event->type() == QEvent::MouseMove && m_result) {
        const QPointF position = static_cast<QMouseEvent *>(event)->position();
        if (m_plot->axisRect()->rect().contains(position.toPoint())) {
            showReadOut(m_plot->xAxis->pixelToCoord(position.x()),
                        m_plot->yAxis->pixelToCoord(position.y()));
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace losslens
