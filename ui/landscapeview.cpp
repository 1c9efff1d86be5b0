#include "landscapeview.h"

#include "contouroverlay.h"
#include "lossinfo.h"
#include "plotsupport.h"
#include "replotscheduler.h"
#include "runarrows.h"
#include "runpaths.h"
#include "uilogging.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace losslens {

LandscapeView::LandscapeView(SessionModel *model, TrainingController *training, QWidget *parent)
    : QWidget(parent), m_model(model), m_training(training), m_plot(new QCustomPlot(this)),
      m_replots(new ReplotScheduler(m_plot)),
      m_logarithmic(new QCheckBox(tr("&Logarithmic colours"), this)),
      m_showContours(new QCheckBox(tr("&Contours"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *header = new QHBoxLayout;
    header->setContentsMargins(6, 0, 6, 0);
    m_logarithmic->setChecked(true);
    m_logarithmic->setToolTip(tr("Colour the mean loss on a logarithmic scale, which shows the "
                                 "shape of deep, narrow valleys."));
    m_showContours->setChecked(true);
    m_showContours->setToolTip(tr("Draw labelled lines of equal mean loss, at round values "
                                  "spaced like the colour scale."));
    auto *resetButton = new QPushButton(tr("Fit &view"), this);
    resetButton->setToolTip(tr("Restore the automatic range around the minimum and the start "
                               "point (Ctrl+0)."));
    header->addWidget(m_logarithmic);
    header->addWidget(m_showContours);
    header->addStretch();
    header->addWidget(resetButton);
    layout->addLayout(header);
    layout->addWidget(m_plot, 1);

    configurePlot(m_plot);
    auto *pan = new RightButtonPan(m_plot);
    m_plot->installEventFilter(this);

    m_plot->plotLayout()->insertRow(0);
    m_titleSource = tr("Landscape");
    m_title = new QCPTextElement(m_plot, m_titleSource);
    m_plot->plotLayout()->addElement(0, 0, m_title);
    m_plot->plotLayout()->insertRow(1);
    m_subtitle = new QCPTextElement(m_plot, QString());
    m_subtitle->setFont(m_plot->xAxis->labelFont());
    m_plot->plotLayout()->addElement(1, 0, m_subtitle);
    // A text element requests the width of its longest line from its column, which would widen
    // the whole plot and the view's column of the window. A minimum width of its own removes
    // that request, and wrapTitles() breaks the lines to the column's width instead.
    for (QCPTextElement *text : {m_title, m_subtitle})
        text->setMinimumSize(1, 0);

    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setInterpolate(true);
    m_scale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(2, 1, m_scale);
    m_scale->setType(QCPAxis::atRight);
    m_scale->axis()->setLabel(tr("mean loss"));
    // A deep zoom leaves a loss range that is tiny against the loss itself.
    keepTicksDistinct(m_scale->axis());
    m_map->setColorScale(m_scale);
    m_map->setGradient(lossGradient());
    // Created after the map and before the markers and paths, so it is drawn between them.
    m_contours = new ContourOverlay(m_plot->xAxis, m_plot->yAxis);
    // Keep the colour scale's top and bottom aligned with the map's axis rect.
    auto *group = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::MarginSides(QCP::msBottom | QCP::msTop), group);
    m_scale->setMarginGroup(QCP::MarginSides(QCP::msBottom | QCP::msTop), group);

    // The minimum is a white star over a dark one, so it shows on every colour of the map.
    // The dark star also stands for it in the legend.
    m_minimumOutline = m_plot->addGraph();
    m_minimumOutline->setLineStyle(QCPGraph::lsNone);
    m_minimumOutline->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssStar, QPen(QColor(20, 20, 20), 5.0), Qt::NoBrush, 19));
    m_minimumOutline->setName(tr("minimum"));
    m_minimumMarker = m_plot->addGraph();
    m_minimumMarker->setLineStyle(QCPGraph::lsNone);
    m_minimumMarker->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssStar, QPen(Qt::white, 2.0), Qt::NoBrush, 17));
    m_startMarker = m_plot->addGraph();
    m_startMarker->setLineStyle(QCPGraph::lsNone);
    m_startMarker->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2), Qt::white, 11));
    m_startMarker->setName(tr("start"));

    m_runPaths = new RunPaths(m_plot, m_model, m_training);
    m_runArrows = new RunArrows(m_plot, m_model, m_training, this);
    header->insertWidget(2, m_runArrows->modeBox());

    // The legend names each path, the start and the minimum; the heads and the map need none.
    auto *legend = new LegendLabel(m_plot, this);
    layout->addWidget(legend);
    // A layer replot emits no afterReplot, so the legend refreshes on the scheduler's signal.
    m_replots->setLayersReplotted([legend] { legend->refresh(); });
    m_minimumMarker->setProperty("inLegend", false);

    // A replot lays out the colour scale, whose tick labels set its width and so the width
    // left to the titles, which are then wrapped again for the next replot.
    connect(m_plot, &QCustomPlot::afterReplot, this, [this] {
        if (wrapTitles())
            m_replots->requestReplot();
    });

    m_rangeSettle.setSingleShot(true);
    m_rangeSettle.setInterval(60);
    connect(&m_rangeSettle, &QTimer::timeout, this, &LandscapeView::requestLandscape);
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        connect(axis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, [this] {
            if (!m_settingRange)
                m_rangeSettle.start();
        });
    }
    connect(pan, &RightButtonPan::panFinished, this, &LandscapeView::requestLandscape);
    connect(m_logarithmic, &QCheckBox::toggled, this, [this] {
        updateColourScale();
        updateContours();
        m_plot->replot();
    });
    connect(m_showContours, &QCheckBox::toggled, this, [this] {
        updateContours();
        m_plot->replot();
    });
    connect(resetButton, &QPushButton::clicked, this, &LandscapeView::resetRange);
    connect(&m_job, &LandscapeJob::resultReady, this, &LandscapeView::showResult);
    connect(&m_job, &LandscapeJob::busyChanged, this, &LandscapeView::computingChanged);
    connect(m_model, &SessionModel::changed, this, &LandscapeView::onModelChanged);
    // A training step moves only the paths and arrows, so only their layers are redrawn.
    connect(m_training, &TrainingController::advanced, this, [this] {
        m_runPaths->update();
        m_runArrows->update();
        m_replots->requestLayerReplot(m_runPaths->layer());
        m_replots->requestLayerReplot(m_runArrows->layer());
    });

    resetRange();
}

QCPCurve *LandscapeView::path(int runIndex) const
{
    return m_runPaths->path(runIndex);
}

void LandscapeView::onModelChanged(SessionModel::Changes changes)
{
    // An added or removed run needs its own path, or frees one. The runs were synchronized
    // before this view heard of the change, so the new paths are filled at once.
    if (changes & (SessionModel::LossListChanged | SessionModel::RunListChanged)) {
        m_runPaths->rebuild();
        updatePaths();
    }
    if (changes & (SessionModel::DataChanged | SessionModel::ScalingChanged |
                   SessionModel::CurrentLossChanged)) {
        // Until the new loss's first pass arrives, the map still shows the old loss. Its star
        // and contour labels go, so that they are not read as the new loss's.
        if (changes & SessionModel::CurrentLossChanged) {
            for (QCPGraph *marker : {m_minimumOutline, m_minimumMarker})
                marker->setVisible(false);
            m_contours->clear();
        }
        resetRange();
        return;
    }
    if (changes & SessionModel::LossParametersChanged)
        requestLandscape();
    if (changes & (SessionModel::StartChanged | SessionModel::SelectedRunChanged))
        updatePaths();
}

void LandscapeView::resetRange()
{
    const auto objective = m_model->objective(m_model->state().currentLoss);
    const LandscapeGrid grid = automaticGrid(*objective, m_model->startTheta(), resolution);
    m_settingRange = true;
    m_plot->xAxis->setRange(grid.slopeMinimum, grid.slopeMaximum);
    m_plot->yAxis->setRange(grid.interceptMinimum, grid.interceptMaximum);
    m_settingRange = false;
    m_result.reset();
    updateLabels();
    requestLandscape();
    updatePaths();
}

ViewRange LandscapeView::range() const
{
    return {m_plot->xAxis->range().lower, m_plot->xAxis->range().upper,
            m_plot->yAxis->range().lower, m_plot->yAxis->range().upper};
}

void LandscapeView::setRange(const ViewRange &range)
{
    m_settingRange = true;
    m_plot->xAxis->setRange(range.horizontalMinimum, range.horizontalMaximum);
    m_plot->yAxis->setRange(range.verticalMinimum, range.verticalMaximum);
    m_settingRange = false;
    m_result.reset();
    requestLandscape();
    updatePaths();
}

void LandscapeView::requestLandscape()
{
    m_rangeSettle.stop();
    const auto objective = m_model->objective(m_model->state().currentLoss);
    m_notApplicable = objective->applicabilityError();
    if (!m_notApplicable.isEmpty()) {
        m_job.cancel();
        m_result.reset();
        m_map->data()->clear();
        m_map->setVisible(false);
        m_scale->setVisible(false);
        m_contours->clear();
        updateLabels();
        m_plot->replot();
        emit landscapeUpdated();
        return;
    }
    LandscapeGrid grid;
    grid.slopeMinimum = m_plot->xAxis->range().lower;
    grid.slopeMaximum = m_plot->xAxis->range().upper;
    grid.interceptMinimum = m_plot->yAxis->range().lower;
    grid.interceptMaximum = m_plot->yAxis->range().upper;
    grid.slopeCount = resolution;
    grid.interceptCount = resolution;
    if (!grid.isValid())
        return;
    m_job.request(objective, grid);
    // The first pass is sized to arrive within about 5 ms (see LandscapeJob), and took at most
    // 2.2 ms for 10,000 points on 2 cores in losslens_ui_latency_benchmark when idle. Every
    // plot's queued replots wait for it, so
    // the new picture is painted first, and the paths of the same change are drawn with it in
    // one replot. The hold bounds the wait on a slower machine.
    ReplotScheduler::holdAllFor(std::chrono::milliseconds(30));
}

void LandscapeView::showResult(std::shared_ptr<const LandscapeResult> result)
{
    // A result for a loss that is no longer current is stale.
    if (result->objective != m_model->objective(m_model->state().currentLoss))
        return;
    m_result = std::move(result);
    const Landscape &landscape = m_result->landscape;
    const LandscapeGrid &grid = landscape.grid;
    m_map->setVisible(true);
    m_scale->setVisible(true);
    m_map->data()->setSize(grid.slopeCount, grid.interceptCount);
    m_map->data()->setRange(QCPRange(grid.slopeMinimum, grid.slopeMaximum),
                            QCPRange(grid.interceptMinimum, grid.interceptMaximum));
    // QCustomPlot's axes stop at 1e250, so larger losses are shown in units of a power of ten
    // that brings the largest finite value near 1e100, with the unit in the scale's label.
    m_finiteRange = finiteRange(landscape.values);
    m_colourExponent = 0;
    if (const std::optional<ValueRange> &range = m_finiteRange;
        range && std::max(std::abs(range->minimum), std::abs(range->maximum)) > largestAxisValue) {
        const double largest = std::max(std::abs(range->minimum), std::abs(range->maximum));
        m_colourExponent = static_cast<int>(std::floor(std::log10(largest))) - 100;
    }
    const double unit = std::pow(10.0, m_colourExponent);
    // The colours span at most 300 decades below the largest value, and smaller positive cells
    // take the lowest colour. A wider range, such as exp(50 e)'s 1e-293 to 1e306 on the stack
    // loss data, made QCustomPlot keep the colour scale's previous range.
    const double floor =
        m_finiteRange && m_finiteRange->maximum > 0.0 ? m_finiteRange->maximum / unit * 1e-300 : 0.0;
    // Cells whose mean loss is infinite or undefined (a formula such as log(e) where an error is
    // negative) are NaN, which the gradient leaves blank, so the colours span the finite values.
    m_undefinedCellCount = 0;
    for (int i = 0; i < grid.slopeCount; ++i) {
        for (int j = 0; j < grid.interceptCount; ++j) {
            double value = landscape.values(i, j) / unit;
            if (landscape.values(i, j) > 0.0)
                value = std::max(value, floor);
            if (std::isfinite(value)) {
                m_map->data()->setCell(i, j, value);
            } else {
                m_map->data()->setCell(i, j, std::numeric_limits<double>::quiet_NaN());
                ++m_undefinedCellCount;
            }
        }
    }
    m_scale->axis()->setLabel(m_colourExponent == 0
                                  ? tr("mean loss")
                                  : tr("mean loss in units of 1e%1").arg(m_colourExponent));
    updateColourScale();
    updateContours();

    const MinimumResult &minimum = m_result->minimum;
    for (QCPGraph *marker : {m_minimumOutline, m_minimumMarker}) {
        const bool shown = m_result->hasMinimum && minimum.status != MinimumStatus::NotAttained;
        marker->setVisible(shown);
        if (shown)
            marker->setData({minimum.theta[0]}, {minimum.theta[1]});
    }
    updateContourObstacles();
    updateLabels();
    // At once rather than queued, so the new picture does not wait behind other replots. This
    // replot also draws the paths whose replot was delayed for it.
    m_plot->replot();
    ReplotScheduler::releaseAll();
    emit landscapeUpdated();
}

void LandscapeView::updateColourScale()
{
    if (!m_result)
        return;
    const double unit = std::pow(10.0, m_colourExponent);
    // The finite values only: infinite cells are blank (see setResult).
    const std::optional<ValueRange> &finite = m_finiteRange;
    const double lowest = finite ? finite->minimum : 0.0;
    const double highest = finite ? finite->maximum : 1.0;
    double low = std::clamp(lowest / unit, -largestAxisValue, largestAxisValue);
    const double high = std::clamp(highest / unit, low, largestAxisValue);
    // At most 300 decades, the floor of the cells (see setResult).
    if (lowest > 0.0)
        low = std::max(low, high * 1e-300);
    // A logarithmic scale needs positive values, so a loss of exactly 0 falls back to linear, and
    // the box shows it.
    offerLogarithmicColours(m_logarithmic, lowest);
    // A map flat to rounding shows one colour, on a linear scale with a single tick.
    const bool logarithmic =
        m_logarithmic->isChecked() && low > 0.0 && high > low && !flatToRounding(low, high);
    m_scale->setDataScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    setLogarithmic(m_scale->axis(), logarithmic);
    m_scale->setDataRange(colourScaleRange(low, high));
    updateTicks(m_scale->axis());
    labelFlatColourScale(m_scale->axis(), low, high);
}

void LandscapeView::updateContours()
{
    if (!m_result || !m_showContours->isChecked()) {
        m_contours->clear();
        return;
    }
    QElapsedTimer timer;
    timer.start();
    const Landscape &landscape = m_result->landscape;
    const std::optional<ValueRange> &range = m_finiteRange;
    // Contours of a landscape flat to rounding would trace its noise.
    if (!range || flatToRounding(range->minimum, range->maximum)) {
        m_contours->clear();
        return;
    }
    // Logarithmic levels need a positive minimum, as the logarithmic colour scale does.
    const ContourSpacing spacing = m_logarithmic->isChecked() && range->minimum > 0.0
                                       ? ContourSpacing::Logarithmic
                                       : ContourSpacing::Linear;
    const std::vector<double> levels = chooseContourLevels(range->minimum, range->maximum, spacing);
    std::vector<ContourLevel> contours = traceContours(landscape.values, landscape.grid, levels);
    // The map's colour at each level, so each line can contrast with what lies under it.
    QCPColorGradient gradient = m_map->gradient();
    const bool logarithmicColours = m_scale->dataScaleType() == QCPAxis::stLogarithmic;
    std::vector<QColor> backgrounds;
    const double unit = std::pow(10.0, m_colourExponent);
    for (double level : levels) {
        backgrounds.emplace_back(
            gradient.color(level / unit, m_scale->dataRange(), logarithmicColours));
    }
    // Labels wait for the full grid: placing them takes about 1.5 ms of each replot, and during a
    // slider drag the coarse pictures replace each other too fast to read them.
    m_contours->setContours(std::move(contours),
                            m_result->fullResolution ? contourLabels(levels) : QStringList(),
                            std::move(backgrounds));
    qCDebug(lcUi) << "traced contour levels" << levels << "on" << landscape.grid.slopeCount << "x"
                  << landscape.grid.interceptCount << "in" << timer.nsecsElapsed() / 1e6 << "ms";
}

void LandscapeView::updateContourObstacles()
{
    // Labels keep clear of the start point and of the minimum's star.
    std::vector<QPointF> obstacles;
    const Eigen::Vector2d start = m_model->startTheta();
    obstacles.emplace_back(start[0], start[1]);
    if (m_minimumMarker->visible() && !m_minimumMarker->data()->isEmpty()) {
        const QCPGraphData &minimum = *m_minimumMarker->data()->constBegin();
        obstacles.emplace_back(minimum.key, minimum.value);
    }
    m_contours->setObstacles(std::move(obstacles));
}

namespace {

// Breaks each line of text between words so that no line is wider than width pixels, except a
// single word that is wider on its own.
QString wrapLines(const QString &text, const QFontMetrics &metrics, int width)
{
    QStringList wrapped;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        QString current;
        for (const QString &word : line.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QString longer = current.isEmpty() ? word : current + QLatin1Char(' ') + word;
            if (!current.isEmpty() && metrics.horizontalAdvance(longer) > width) {
                wrapped << current;
                current = word;
            } else {
                current = longer;
            }
        }
        wrapped << current;
    }
    return wrapped.join(QLatin1Char('\n'));
}

// Returns whether the search's lowest point looks like a run down an endless slope rather than
// a minimum. It does when the point lies more than 100 view widths (or heights) from the
// view's centre, or when its mean loss m < L - 10 max(S, |L|), where L is the lowest finite
// value in view and S the spread of those values. A loss that is never negative has
// m >= 0 > L - 10 |L| for L > 0, so only a loss below 0, such as a typed e^3, passes that test.
bool searchRanAway(const MinimumResult &minimum, const LandscapeGrid &grid,
                   const std::optional<ValueRange> &finite)
{
    constexpr double viewWidths = 100.0;
    constexpr double spreads = 10.0;
    const double width = grid.slopeMaximum - grid.slopeMinimum;
    const double height = grid.interceptMaximum - grid.interceptMinimum;
    const double slopeCentre = 0.5 * (grid.slopeMinimum + grid.slopeMaximum);
    const double interceptCentre = 0.5 * (grid.interceptMinimum + grid.interceptMaximum);
    // Written so that a NaN or infinite coordinate counts as far away.
    const bool nearSlope = std::abs(minimum.theta[0] - slopeCentre) <= viewWidths * width;
    const bool nearIntercept =
        std::abs(minimum.theta[1] - interceptCentre) <= viewWidths * height;
    if (!nearSlope || !nearIntercept)
        return true;
    if (!finite)
        return false;
    const double margin =
        spreads * std::max(finite->maximum - finite->minimum, std::abs(finite->minimum));
    return minimum.value < finite->minimum - margin;
}

} // namespace

void LandscapeView::updateLabels()
{
    const SessionState &state = m_model->state();
    const auto objective = m_model->objective(state.currentLoss);
    const Dataset &data = m_model->data();
    m_titleSource =
        tr("Landscape: mean %1 over (w, b)").arg(lossNameInSentence(objective->loss()));
    if (state.standardize) {
        m_plot->xAxis->setLabel(tr("slope w per standard deviation of %1").arg(data.featureName));
        m_plot->yAxis->setLabel(tr("intercept b at the mean of %1").arg(data.featureName));
    } else {
        m_plot->xAxis->setLabel(tr("slope w (raw %1)").arg(data.featureName));
        m_plot->yAxis->setLabel(tr("intercept b"));
    }

    QString subtitle;
    bool unsettled = false;
    if (!m_notApplicable.isEmpty()) {
        subtitle = m_notApplicable;
    } else if (m_result) {
        const MinimumResult &minimum = m_result->minimum;
        if (!m_result->hasMinimum) {
            subtitle = tr("Finding the minimum…");
        } else if (minimum.status == MinimumStatus::NotAttained) {
            subtitle = minimum.note;
        } else {
            const LineParameters line = objective->toDataUnits(minimum.theta);
            // The minimizer can meet its tolerance far down a slope where the loss keeps
            // falling, as for e^3, so such a point is only the lowest one found.
            // A search that merely stopped early, as for log(1 + e^2/4) which is never
            // negative, gets no remark that the loss may fall without end.
            // A convex loss's global minimum is exact wherever it lies, so it cannot have run
            // away, even from a tiny view.
            const LandscapeGrid &grid = m_result->landscape.grid;
            const bool ranAway = minimum.status != MinimumStatus::Global &&
                                 searchRanAway(minimum, grid, m_finiteRange);
            const bool settled = minimum.settled && !ranAway;
            // Written so that a NaN coordinate counts as outside.
            const bool insideView =
                minimum.theta[0] >= grid.slopeMinimum && minimum.theta[0] <= grid.slopeMaximum &&
                minimum.theta[1] >= grid.interceptMinimum &&
                minimum.theta[1] <= grid.interceptMaximum;
            // No-break spaces keep the line's equation on one line of the subtitle.
            QString equation = lineFormula(line, data);
            equation.replace(QLatin1Char(' '), QChar(QChar::Nbsp));
            // A classifier's line gives the logit, not the target.
            const QString lineValue = objective->loss().kind() == LossKind::Classification
                                          ? tr("logit z")
                                          : QStringLiteral("y");
            subtitle = settled ? tr("minimum ✶ %1 at %2 = %3")
                                     .arg(shortNumber(minimum.value), lineValue, equation)
                               : tr("lowest point found ✶ %1 at %2 = %3")
                                     .arg(shortNumber(minimum.value), lineValue, equation);
            // The note goes on a line of its own, which keeps the minimum's line short.
            if (ranAway) {
                subtitle += QLatin1Char('\n');
                subtitle += tr("(far outside the view or far below its lowest value: the loss "
                               "may fall without end, so there may be no minimum)");
            } else if (!settled) {
                subtitle += QLatin1Char('\n');
                subtitle += tr("(the search did not settle; this is the lowest point it found)");
                unsettled = true;
            }
            if (settled && !insideView) {
                subtitle += QLatin1Char('\n');
                subtitle += tr("(outside the view)");
            }
            if (settled && minimum.status != MinimumStatus::Global) {
                subtitle += QLatin1Char('\n');
                // A typed formula reports itself as not convex because its convexity is not
                // known (FormulaLoss::isConvex), so it is not called non-convex here.
                const Loss &loss = objective->loss();
                subtitle += loss.isConvex() ? minimum.note
                            : loss.spec().contains(QLatin1String("formula:"))
                                ? tr("(local search: a typed formula may not be convex)")
                                : tr("(local search: the loss is not convex)");
            }
        }
    } else {
        subtitle = tr("Computing…");
    }
    bool flat = false;
    if (m_result && m_notApplicable.isEmpty()) {
        if (const std::optional<ValueRange> &finite = m_finiteRange;
            finite && flatToRounding(finite->minimum, finite->maximum)) {
            flat = true;
            subtitle += QLatin1Char('\n');
            subtitle += m_undefinedCellCount > 0
                            ? tr("The mean loss is the same wherever it is finite, to rounding.")
                            : tr("The mean loss is the same everywhere in view, to rounding.");
        }
    }
    // A robust loss whose scale is tiny next to the errors, such as c = 1 on values near 1e6,
    // is level almost everywhere, which leaves the view flat or the search unsettled.
    if (const Loss &loss = objective->loss();
        (unsettled || flat) && m_notApplicable.isEmpty() && loss.acceptsResidualScale() &&
        !loss.residualScale().isEstimatedFromData()) {
        subtitle += QLatin1Char('\n');
        subtitle += tr("If the errors are much larger than the loss's scale, try scale=mad, "
                       "which estimates it from the data.");
    }
    if (m_result && m_notApplicable.isEmpty() && m_undefinedCellCount > 0) {
        const Eigen::Index cells = m_result->landscape.values.size();
        subtitle += QLatin1Char('\n');
        subtitle += m_undefinedCellCount == cells
                        ? tr("The mean loss is infinite or undefined at every node of the grid.")
                        : tr("Blank: the mean loss is infinite or undefined there (%1% of the "
                             "grid).")
                              // Between 1% and 99%, since some cells are finite.
                              .arg(std::clamp(int(std::lround(100.0 * m_undefinedCellCount /
                                                              double(cells))),
                                              1, 99));
    }
    m_subtitleSource = subtitle;
    wrapTitles();
}

int LandscapeView::titleColumnWidth() const
{
    // The colour scale's column has the scale's width, which QCPColorScale fixes in each
    // layout. Before the first layout that width is not known yet and counts as 0.
    // The layout keeps the scale's column while the scale is hidden, as for a loss that does
    // not apply to the data, so its width counts then too.
    const QCPLayoutGrid *grid = m_plot->plotLayout();
    const int scaleWidth = m_scale->outerRect().width();
    return m_plot->width() - grid->margins().left() - grid->margins().right() - scaleWidth -
           (scaleWidth > 0 ? grid->columnSpacing() : 0);
}

bool LandscapeView::wrapTitles()
{
    bool changed = false;
    const int column = titleColumnWidth();
    for (const auto &[element, source] : {std::pair{m_title, &m_titleSource},
                                         std::pair{m_subtitle, &m_subtitleSource}}) {
        const QFontMetrics metrics(element->font());
        // The element's margins, then two average characters for the rounding of QCustomPlot's
        // own measure, which the line must not touch.
        const int width = std::max(metrics.averageCharWidth(),
                                   column - element->margins().left() -
                                       element->margins().right() -
                                       2 * metrics.averageCharWidth());
        const QString wrapped = wrapLines(*source, metrics, width);
        if (wrapped != element->text()) {
            element->setText(wrapped);
            changed = true;
        }
    }
    return changed;
}

void LandscapeView::updatePaths()
{
    const Eigen::Vector2d start = m_model->startTheta();
    m_startMarker->setData({start[0]}, {start[1]});
    updateContourObstacles();
    m_runPaths->update();
    m_runArrows->update();
    m_replots->requestReplot();
}

void LandscapeView::setStartFromPixel(const QPointF &pixel, bool selectedRunOnly)
{
    const Eigen::Vector2d theta(m_plot->xAxis->pixelToCoord(pixel.x()),
                                m_plot->yAxis->pixelToCoord(pixel.y()));
    if (!theta.allFinite())
        return;
    if (selectedRunOnly)
        m_model->setRunStartTheta(m_model->state().selectedRun, theta);
    else
        m_model->setStartTheta(theta);
}

bool LandscapeView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot)
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::Resize: {
        // The subtitle's lines follow the new width; QCustomPlot lays out and replots itself.
        if (wrapTitles())
            m_replots->requestReplot();
        return false;
    }
    case QEvent::MouseButtonPress: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::LeftButton ||
            !m_plot->axisRect()->rect().contains(mouse->position().toPoint()))
            return false;
        m_model->finishGesture();
        m_draggingStart = true;
        // Shift moves the selected run's start alone; the whole drag keeps the first choice.
        m_draggingSelectedStart =
            (mouse->modifiers() & Qt::ShiftModifier) && m_model->state().selectedRun >= 0;
        setStartFromPixel(mouse->position(), m_draggingSelectedStart);
        return true;
    }
    case QEvent::MouseMove: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (m_draggingStart)
            setStartFromPixel(mouse->position(), m_draggingSelectedStart);
        const double w = m_plot->xAxis->pixelToCoord(mouse->position().x());
        const double b = m_plot->yAxis->pixelToCoord(mouse->position().y());
        const auto objective = m_model->objective(m_model->state().currentLoss);
        if (objective->isApplicable()) {
            const LineParameters line = objective->toDataUnits({w, b});
            emit hoverText(tr("w = %1, b = %2, the line y = %3 in data units: mean loss %4. "
                              "Click: start of every run; Shift+click: of the selected run.")
                               .arg(shortNumber(w), shortNumber(b),
                                    lineFormula(line, objective->data()),
                                    shortNumber(objective->value({w, b}))));
        }
        return m_draggingStart;
    }
    case QEvent::MouseButtonRelease: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::LeftButton || !m_draggingStart)
            return false;
        m_draggingStart = false;
        m_model->finishGesture();
        return true;
    }
    default:
        return false;
    }
}

} // namespace losslens
