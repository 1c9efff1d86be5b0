#include "sliceheatmap.h"

#include "contouroverlay.h"
#include "lossinfo.h"
#include "plotsupport.h"
#include "uilogging.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
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
      m_showContours(new QCheckBox(tr("&Contours"), this)),
      m_fitView(new QPushButton(tr("Fit &view"), this)), m_title(new QLabel(tr("Slice"), this)),
      m_summary(new QLabel(tr("Computing…"), this)), m_plot(new QCustomPlot(this)),
      m_directions(new QLabel(this)), m_readOut(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(createHeader());
    // The title and the run's summary are labels, which wrap at small widths where a plot's
    // title element would be cut off.
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    for (QLabel *label : {m_title, m_summary}) {
        label->setWordWrap(true);
        label->setContentsMargins(6, 0, 6, 0);
        // The window's splitter ignores a wrapped label's height for its width, so each label
        // sets its minimum height from its width when resized (see eventFilter), and a short
        // window takes the height from the plot instead of overlapping the lines.
        label->installEventFilter(this);
        layout->addWidget(label);
    }
    layout->addWidget(m_plot, 1);

    // configurePlot lets the wheel zoom about the pointer, and the right button pans.
    configurePlot(m_plot);
    auto *pan = new RightButtonPan(m_plot);
    m_plot->installEventFilter(this);
    m_plot->setMouseTracking(true);
    createPlottables();

    m_legend = new LegendLabel(m_plot, this);
    layout->addWidget(m_legend);
    m_readOut->setContentsMargins(6, 0, 6, 2);
    m_readOut->setWordWrap(true);
    m_readOut->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_readOut);
    m_directions->setObjectName(QStringLiteral("sliceDirections"));
    m_directions->setContentsMargins(6, 0, 6, 2);
    m_directions->setWordWrap(true);
    m_directions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_directions->setVisible(false);
    layout->addWidget(m_directions);

    m_rangeSettle.setSingleShot(true);
    m_rangeSettle.setInterval(60);
    connect(&m_rangeSettle, &QTimer::timeout, this, &SliceHeatMap::emitViewRange);
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        connect(axis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
                &SliceHeatMap::onRangeChanged);
    }
    connect(pan, &RightButtonPan::panFinished, this, [this] {
        m_rangeSettle.stop();
        emitViewRange();
    });
    connect(m_logarithmic, &QCheckBox::toggled, this, [this] {
        updateColourScale();
        updateContours();
        m_plot->replot();
    });
    connect(m_showContours, &QCheckBox::toggled, this, [this] {
        updateContours();
        m_plot->replot();
    });
    connect(m_fitView, &QPushButton::clicked, this, &SliceHeatMap::fitView);
    auto *fitShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_0), this);
    fitShortcut->setContext(Qt::WindowShortcut);
    connect(fitShortcut, &QShortcut::activated, this, &SliceHeatMap::fitView);
}

QWidget *SliceHeatMap::createHeader()
{
    auto *header = new QWidget(this);
    auto *layout = new QHBoxLayout(header);
    layout->setContentsMargins(6, 0, 6, 0);
    m_logarithmic->setChecked(true);
    m_logarithmic->setToolTip(tr("Colour the mean loss on a logarithmic scale, which shows the "
                                 "shape of deep, narrow valleys."));
    m_showContours->setChecked(true);
    m_showContours->setToolTip(tr("Draw labelled lines of equal mean loss, at round values "
                                  "spaced like the colour scale."));
    m_fitView->setToolTip(tr("Restore the automatic range around the through-point and the "
                             "training path (Ctrl+0). The wheel zooms and a right drag pans."));
    layout->addWidget(m_logarithmic);
    layout->addWidget(m_showContours);
    layout->addStretch();
    layout->addWidget(m_fitView);
    return header;
}

void SliceHeatMap::createPlottables()
{
    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setInterpolate(true);
    m_map->setVisible(false);
    m_scale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(0, 1, m_scale);
    m_scale->setType(QCPAxis::atRight);
    m_scale->axis()->setLabel(tr("mean loss"));
    m_scale->setVisible(false);
    // The colours follow the computed values, so the wheel and the right drag move the map's
    // axes only.
    m_scale->setRangeZoom(false);
    m_scale->setRangeDrag(false);
    // A deep zoom leaves a loss range that is tiny against the loss itself.
    keepTicksDistinct(m_scale->axis());
    m_map->setColorScale(m_scale);
    m_map->setGradient(lossGradient());
    // Created after the map and before the path and markers, so it is drawn between them.
    m_contours = new ContourOverlay(m_plot->xAxis, m_plot->yAxis);
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
    // The minimum's star is white over a dark outline, as in the landscape view, so it shows on
    // every colour of the map. It lies under the start and end markers, and its arms reach past
    // them where training ends at the minimum.
    m_minimumOutline = addMarker(
        m_plot,
        QCPScatterStyle(QCPScatterStyle::ssStar, QPen(QColor(20, 20, 20), 5.0), Qt::NoBrush, 19),
        tr("minimum"));
    m_minimumMarker = addMarker(
        m_plot, QCPScatterStyle(QCPScatterStyle::ssStar, QPen(Qt::white, 2.0), Qt::NoBrush, 17),
        tr("minimum"));
    m_minimumMarker->setProperty("inLegend", false);
    m_startMarker =
        addMarker(m_plot, QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2), Qt::white, 11),
                  tr("start"));
    m_endMarker = addMarker(m_plot,
                            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(200, 0, 0), 2),
                                            QColor(255, 90, 90), 11),
                            tr("end of training"));
    for (QCPAbstractPlottable *plottable : std::initializer_list<QCPAbstractPlottable *>{
             m_pathOutline, m_path, m_startMarker, m_endMarker, m_minimumOutline, m_minimumMarker})
        plottable->setVisible(false);
}

QLabel *SliceHeatMap::legend() const
{
    return m_legend;
}

QString SliceHeatMap::readOut() const
{
    return m_readOut->text();
}

void SliceHeatMap::setSummary(const QString &text)
{
    m_summary->setText(text);
    fitLabelHeight(m_summary);
}

QString SliceHeatMap::summary() const
{
    return m_summary->text();
}

SliceRange SliceHeatMap::viewRange() const
{
    const QCPRange x = m_plot->xAxis->range(), y = m_plot->yAxis->range();
    return {x.lower, x.upper, y.lower, y.upper};
}

void SliceHeatMap::followNextResult()
{
    m_rangeSettle.stop();
    m_viewChangedByUser = false;
}

void SliceHeatMap::fitView()
{
    followNextResult();
    emit fitViewRequested();
}

void SliceHeatMap::setAxisRanges(const LandscapeGrid &grid)
{
    m_settingRange = true;
    m_plot->xAxis->setRange(grid.slopeMinimum, grid.slopeMaximum);
    m_plot->yAxis->setRange(grid.interceptMinimum, grid.interceptMaximum);
    m_settingRange = false;
}

void SliceHeatMap::onRangeChanged()
{
    if (m_settingRange)
        return;
    m_viewChangedByUser = true;
    m_rangeSettle.start();
}

void SliceHeatMap::emitViewRange()
{
    if (!m_result || !m_viewChangedByUser)
        return;
    const SliceRange range = viewRange();
    const LandscapeGrid &grid = m_result->slice.grid;
    const SliceRange shown{grid.slopeMinimum, grid.slopeMaximum, grid.interceptMinimum,
                           grid.interceptMaximum};
    // A right click without a drag leaves the range as it is, and so does a zoom so deep that
    // the range's ends meet in double precision.
    if (range == shown || !range.isValid())
        return;
    qCDebug(lcUi) << "slice view moved to" << range.firstMinimum << range.firstMaximum
                  << range.secondMinimum << range.secondMaximum;
    emit viewRangeChanged(range);
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
    m_refinementStopped = false;
    const Landscape &landscape = m_result->slice;
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
    // While the user looks at a zoomed or panned range, a result keeps the axes where the user
    // put them, since a newer request for them may be on its way.
    if (!m_viewChangedByUser)
        setAxisRanges(grid);
    updateColourScale();
    updateContours();
    updateTitles();
    updateMarkers();
    updateMinimumMarker();
    updateDirections();
    const Eigen::Vector2d centre = m_result->throughCoordinates();
    showReadOut(centre[0], centre[1]);
    m_plot->replot();
}

void SliceHeatMap::updateTitles()
{
    const SliceResult &slice = *m_result;
    const QString lossName = lossNameInSentence(slice.objective->loss());
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
    fitLabelHeight(m_title);

    const int steps = slice.path.stepCount();
    const bool noFinitePoint =
        slice.path.status == LinearTrainingStatus::Diverged && slice.path.divergedAt <= 0;
    QString summary = (steps == 1 ? tr("1 step") : tr("%1 steps").arg(steps)) +
                      tr(": mean loss %1 at the start ○, %2 at the end ●")
                          .arg(shortNumber(slice.path.losses.front()),
                               shortNumber(slice.path.losses.back()));
    if (noFinitePoint) {
        // A start whose mean loss is not finite is recorded alone (core/linearmodeltraining.h),
        // so the run has no finite point at all, and its losses would only read ∞. A typed
        // formula turns an undefined value into +inf, so +inf may be either.
        summary = tr("The mean loss is infinite or undefined at the start, so the run has no "
                     "finite point and took no step");
    } else if (slice.path.status == LinearTrainingStatus::Diverged) {
        summary += tr("; diverged at step %1 (mean loss %2), so the end is the last finite point")
                        .arg(slice.path.divergedAt)
                        .arg(shortNumber(slice.path.divergedLoss));
    } else if (slice.path.status == LinearTrainingStatus::Converged) {
        summary += tr("; converged: the last update changed nothing");
    }
    if (m_lowest > m_highest)
        summary += tr("; the mean loss is infinite or undefined everywhere on this slice");
    if (isFlat()) {
        // As in the landscape view: every point of the view is lowest alike, so the search's
        // point is an arbitrary one and gets no star.
        summary += QLatin1Char('\n');
        summary += tr("The mean loss is the same everywhere in view on this plane, to rounding: "
                      "%1.")
                       .arg(shortNumber(m_lowest + 0.5 * (m_highest - m_lowest)));
    } else if (slice.minimum) {
        const SliceMinimum &minimum = *slice.minimum;
        const QString where = tr("(%1, %2)").arg(shortNumber(minimum.coordinates[0]),
                                                 shortNumber(minimum.coordinates[1]));
        summary += QLatin1Char('\n');
        switch (minimum.status) {
        case SliceMinimumStatus::Settled:
            // Separated classes: the plane keeps some parameters fixed, which can give it a
            // minimum of its own although the mean loss over all parameters has none.
            summary += slice.classesSeparated
                           ? tr("minimum ✶ %1 at %2 on this plane, though the mean loss over "
                                "all parameters has none")
                                 .arg(shortNumber(minimum.value), where)
                           : tr("minimum ✶ %1 at %2 on this plane")
                                 .arg(shortNumber(minimum.value), where);
            // The search starts at the grid's lowest node; a loss that is not convex may have
            // a lower minimum elsewhere on the plane.
            if (!slice.objective->loss().isConvex()) {
                summary += slice.objective->loss().name() == QLatin1String("formula")
                               ? tr(" (local search: a typed formula may not be convex)")
                               : tr(" (local search: the loss is not convex)");
            }
            break;
        case SliceMinimumStatus::NotSettled:
            summary += tr("lowest point found ✶ %1 at %2 (the search did not settle)")
                           .arg(shortNumber(minimum.value), where);
            break;
        case SliceMinimumStatus::AtEdge:
            summary += tr("no minimum in this range: the lowest mean loss, %1 at %2, lies on "
                          "its edge")
                           .arg(shortNumber(minimum.value), where);
            break;
        }
    }
    if (!slice.complete) {
        summary += m_refinementStopped ? tr(" (coarse grid: stopped before the full one)")
                                       : tr(" (coarse grid, refining…)");
    }
    m_summary->setText(summary);
    fitLabelHeight(m_summary);
}

bool SliceHeatMap::isFlat() const
{
    return m_lowest <= m_highest && flatToRounding(m_lowest, m_highest);
}

void SliceHeatMap::fitLabelHeight(QLabel *label)
{
    const int height = label->heightForWidth(label->width());
    if (height > 0 && height != label->minimumHeight())
        label->setMinimumHeight(height);
}

void SliceHeatMap::markRefinementStopped()
{
    if (!m_result || m_result->complete)
        return;
    m_refinementStopped = true;
    updateTitles();
}

void SliceHeatMap::updateColourScale()
{
    if (!m_result || m_lowest > m_highest)
        return;
    const double low = std::min(m_lowest, largestAxisValue);
    const double high = std::clamp(m_highest, low, largestAxisValue);
    // A logarithmic scale needs positive values, so a loss of exactly 0 falls back to linear,
    // and the box shows it.
    offerLogarithmicColours(m_logarithmic, m_lowest);
    // A map flat to rounding shows one colour, on a linear scale with a single tick.
    const bool logarithmic =
        m_logarithmic->isChecked() && low > 0.0 && high > low && !flatToRounding(low, high);
    m_scale->setDataScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    setLogarithmic(m_scale->axis(), logarithmic);
    m_scale->setDataRange(colourScaleRange(low, high));
    updateTicks(m_scale->axis());
    labelFlatColourScale(m_scale->axis(), low, high);
}

void SliceHeatMap::updateContours()
{
    if (!m_result || !m_showContours->isChecked() || m_lowest > m_highest) {
        m_contours->clear();
        return;
    }
    const Landscape &landscape = m_result->slice;
    // The levels follow the colour scale: logarithmic spacing where the colours are
    // logarithmic, which needs a positive minimum, and linear spacing otherwise.
    const ContourSpacing spacing = m_scale->dataScaleType() == QCPAxis::stLogarithmic
                                       ? ContourSpacing::Logarithmic
                                       : ContourSpacing::Linear;
    // Contours of a slice flat to rounding would trace its noise.
    if (flatToRounding(m_lowest, m_highest)) {
        m_contours->clear();
        return;
    }
    const std::vector<double> levels = chooseContourLevels(m_lowest, m_highest, spacing);
    std::vector<ContourLevel> contours = traceContours(landscape.values, landscape.grid, levels);
    // The map's colour at each level, so each line can contrast with what lies under it.
    QCPColorGradient gradient = m_map->gradient();
    const bool logarithmicColours = spacing == ContourSpacing::Logarithmic;
    std::vector<QColor> backgrounds;
    for (double level : levels)
        backgrounds.emplace_back(gradient.color(level, m_scale->dataRange(), logarithmicColours));
    m_contours->setContours(std::move(contours), contourLabels(levels), std::move(backgrounds));
}

void SliceHeatMap::updateMarkers()
{
    const SliceResult &slice = *m_result;
    const QCPRange xRange = m_plot->xAxis->range(), yRange = m_plot->yAxis->range();
    const std::vector<Eigen::Vector2d> &points = slice.projectedPath;
    const bool parameters = slice.settings.mode == SliceMode::TwoParameters;
    m_pathOutline->setName(parameters ? tr("training path")
                                      : tr("training path, projected onto the plane"));
    m_pathOutline->setVisible(points.size() > 1);
    m_path->setVisible(points.size() > 1);
    if (points.empty()) {
        // The plane's directions are parallel, so only the through-point has a place on it.
        const bool throughEnd = slice.settings.through == SliceThrough::EndOfTraining;
        const Eigen::Vector2d centre = slice.throughCoordinates();
        m_startMarker->setVisible(!throughEnd);
        m_endMarker->setVisible(throughEnd);
        (throughEnd ? m_endMarker : m_startMarker)->setData({centre[0]}, {centre[1]});
        m_legend->setToolTip(QString());
        m_contours->setObstacles({QPointF(centre[0], centre[1])});
        return;
    }
    // Long runs are thinned to about 4000 drawn points, always keeping the last one.
    const size_t stride = std::max<size_t>(1, points.size() / 4000);
    QVector<double> xs, ys;
    for (size_t k = 0; k < points.size(); k += stride) {
        xs << clampToView(points[k][0], xRange);
        ys << clampToView(points[k][1], yRange);
    }
    xs << clampToView(points.back()[0], xRange);
    ys << clampToView(points.back()[1], yRange);
    m_pathOutline->setData(xs, ys);
    m_path->setData(xs, ys);
    m_startMarker->setVisible(true);
    m_endMarker->setVisible(true);
    m_startMarker->setData({xs.front()}, {ys.front()});
    m_endMarker->setData({xs.back()}, {ys.back()});
    m_contours->setObstacles({QPointF(xs.front(), ys.front()), QPointF(xs.back(), ys.back())});

    const QString distance = shortNumber(slice.largestPathDistance);
    m_legend->setToolTip(
        parameters
            ? tr("The path is drawn by its values of the two parameters. Along it the other "
                 "parameters differ from the through-point's values by up to %1 (Euclidean "
                 "norm), while the colours under it show the loss with them held there.")
                  .arg(distance)
            : tr("The path's points lie off the plane in general, so each is drawn at its "
                 "least-squares projection onto the plane. The farthest lies %1 from it, and the "
                 "colours under the path show the loss on the plane, not the path's own loss.")
                  .arg(distance));
}

void SliceHeatMap::updateMinimumMarker()
{
    const std::optional<SliceMinimum> &minimum = m_result->minimum;
    const bool markerVisible =
        minimum && minimum->status != SliceMinimumStatus::AtEdge && !isFlat();
    for (QCPGraph *marker : {m_minimumOutline, m_minimumMarker}) {
        marker->setVisible(markerVisible);
        if (!markerVisible) {
            marker->data()->clear();
            continue;
        }
        // The legend draws the star beside the name.
        marker->setName(minimum->status == SliceMinimumStatus::Settled ? tr("minimum")
                                                                       : tr("lowest point found"));
        marker->setData({minimum->coordinates[0]}, {minimum->coordinates[1]});
    }
}

namespace {

// "(0.12, -3.4, …)" with at most entryLimit entries, for a line under the map.
QString shortVector(const Eigen::VectorXd &vector, Eigen::Index entryLimit)
{
    QStringList entries;
    for (Eigen::Index k = 0; k < std::min(vector.size(), entryLimit); ++k)
        entries << shortNumber(vector[k]);
    if (vector.size() > entryLimit)
        entries << QStringLiteral("…");
    return QLatin1Char('(') + entries.join(QStringLiteral(", ")) + QLatin1Char(')');
}

} // namespace

void SliceHeatMap::updateDirections()
{
    const SliceResult &slice = *m_result;
    const bool random = slice.settings.mode == SliceMode::RandomDirections;
    m_directions->setVisible(random);
    if (!random) {
        m_directions->clear();
        m_directions->setToolTip(QString());
        return;
    }
    constexpr Eigen::Index entryLimit = 6;
    m_directions->setText(tr("direction 1 = %1; direction 2 = %2")
                              .arg(shortVector(slice.plane.first, entryLimit),
                                   shortVector(slice.plane.second, entryLimit)));
    // The tooltip lists every entry by parameter name, with full precision.
    const QStringList names = slice.objective->parameterNames();
    QStringList lines;
    lines << tr("theta(a, c) = centre + a · direction 1 + c · direction 2, in training "
                "coordinates:");
    for (Eigen::Index k = 0; k < slice.plane.origin.size(); ++k) {
        lines << tr("%1: centre %2, direction 1 %3, direction 2 %4")
                     .arg(names.value(int(k)))
                     .arg(slice.plane.origin[k], 0, 'g', 17)
                     .arg(slice.plane.first[k], 0, 'g', 17)
                     .arg(slice.plane.second[k], 0, 'g', 17);
    }
    m_directions->setToolTip(lines.join(QLatin1Char('\n')));
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
    if ((watched == m_title || watched == m_summary) && event->type() == QEvent::Resize)
        fitLabelHeight(static_cast<QLabel *>(watched));
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
