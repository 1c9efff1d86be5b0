#include "plotsupport.h"

#include "plotstyle.h"
#include "plotstyler.h"

#include <qcustomplot.h>

#include <cmath>
#include <limits>

namespace losslens {

QCPColorGradient lossGradient()
{
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.00, QColor(68, 1, 84));
    gradient.setColorStopAt(0.25, QColor(59, 82, 139));
    gradient.setColorStopAt(0.50, QColor(33, 145, 140));
    gradient.setColorStopAt(0.75, QColor(94, 201, 98));
    gradient.setColorStopAt(1.00, QColor(253, 231, 37));
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    gradient.setNanHandling(QCPColorGradient::nhTransparent);
    return gradient;
}

namespace {

// Enough significant digits that neighbouring ticks differ, as on a narrow range far from 0.
void adaptPrecision(QCPAxis *axis)
{
    if (axis->scaleType() != QCPAxis::stLinear)
        return;
    const QCPRange range = axis->range();
    const double magnitude = std::max(std::abs(range.lower), std::abs(range.upper));
    int digits = 6;
    if (range.size() > 0.0 && magnitude > 0.0)
        digits = std::clamp(int(std::ceil(std::log10(magnitude / range.size()))) + 2, 6, 15);
    if (axis->numberPrecision() != digits)
        axis->setNumberPrecision(digits);
}

} // namespace

void configurePlot(QCustomPlot *plot)
{
    plot->setAntialiasedElements(QCP::aePlottables | QCP::aeItems);
    plot->setInteractions(QCP::iRangeZoom);
    plot->axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    plot->setNoAntialiasingOnDrag(true);
    plot->setFocusPolicy(Qt::ClickFocus);
    // The unscaled font, so that presentation mode, which scales the application font, scales a
    // plot made during it only once, through its PlotStyler. Titles made later start from it.
    plot->setFont(PlotStyle::instance()->baseFont());
    QFont font = plot->font();
    font.setPointSizeF(font.pointSizeF() * 0.95);
    for (QCPAxis *axis : {plot->xAxis, plot->yAxis}) {
        axis->setTickLabelFont(font);
        axis->setLabelFont(font);
    }
    plot->legend->setFont(font);
    for (QCPAxis *axis : {plot->xAxis, plot->yAxis}) {
        QObject::connect(axis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), axis,
                         [axis] { adaptPrecision(axis); });
    }
    plot->legend->setBrush(QColor(255, 255, 255, 210));
    new PlotStyler(plot);
}

void setLogarithmic(QCPAxis *axis, bool logarithmic)
{
    axis->setScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    updateTicks(axis);
}

void updateTicks(QCPAxis *axis)
{
    const QCPRange range = axis->range();
    const bool decades = axis->scaleType() == QCPAxis::stLogarithmic && range.lower > 0.0 &&
                         range.upper / range.lower >= 100.0;
    const bool hasDecadeTicker = !axis->ticker().dynamicCast<QCPAxisTickerLog>().isNull();
    if (decades == hasDecadeTicker)
        return;
    if (decades) {
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        axis->setNumberFormat(QStringLiteral("eb"));
        axis->setNumberPrecision(0);
    } else {
        axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        axis->setNumberFormat(QStringLiteral("gb"));
        axis->setNumberPrecision(6);
        adaptPrecision(axis);
    }
}

namespace {

// A short run of text that looks like the plottable: a line (solid or dashed) or its marker,
// in its colour. A dark background lightens the colour to 3:1, because a marker's dark outline
// would vanish there. On a light one the key keeps the plot's colour.
QString legendSymbol(QCPAbstractPlottable *plottable, const QColor &background)
{
    const QPen pen = plottable->pen();
    QColor colour = pen.color();
    QString symbol = pen.style() == Qt::SolidLine ? QStringLiteral("━━") : QStringLiteral("╍╍");
    if (auto *graph = qobject_cast<QCPGraph *>(plottable);
        graph && graph->lineStyle() == QCPGraph::lsNone) {
        const QCPScatterStyle style = graph->scatterStyle();
        colour = style.pen().color();
        switch (style.shape()) {
        case QCPScatterStyle::ssStar:
            symbol = QStringLiteral("✶");
            break;
        case QCPScatterStyle::ssCircle:
            symbol = style.brush().style() == Qt::NoBrush || style.brush().color() == Qt::white
                         ? QStringLiteral("○")
                         : QStringLiteral("●");
            break;
        default:
            symbol = QStringLiteral("●");
            break;
        }
    }
    return QStringLiteral("<span style='color:%1; font-weight:bold'>%2</span>")
        .arg(background.lightnessF() < 0.5
                 ? readableColour(colour, background, minimumGraphicContrast).name()
                 : colour.name(),
             symbol);
}

} // namespace

LegendLabel::LegendLabel(QCustomPlot *plot, QWidget *parent) : QLabel(parent), m_plot(plot)
{
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setContentsMargins(6, 0, 6, 2);
    // Never taller than its text, so the plot above takes the spare height.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    plot->legend->setVisible(false);
    connect(plot, &QCustomPlot::afterReplot, this, &LegendLabel::refresh);
}

void LegendLabel::refresh()
{
    QStringList entries;
    for (int i = 0; i < m_plot->plottableCount(); ++i) {
        QCPAbstractPlottable *plottable = m_plot->plottable(i);
        if (!plottable->visible() || plottable->name().isEmpty() ||
            plottable->property("inLegend") == QVariant(false))
            continue;
        // Lines wrap between entries, never inside one.
        entries << legendSymbol(plottable, palette().color(QPalette::Window)) +
                       QStringLiteral("&nbsp;") +
                       plottable->name().toHtmlEscaped().replace(QLatin1Char(' '),
                                                                 QStringLiteral("&nbsp;"));
    }
    const QString text = entries.join(QStringLiteral("&nbsp;&nbsp;&nbsp; "));
    if (text != this->text())
        setText(text);
}

RightButtonPan::RightButtonPan(QCustomPlot *plot) : QObject(plot), m_plot(plot)
{
    plot->installEventFilter(this);
}

bool RightButtonPan::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot)
        return false;
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::RightButton)
            return false;
        m_active = true;
        m_lastPosition = mouse->position();
        return true;
    }
    case QEvent::MouseMove: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (!m_active)
            return false;
        const QPointF position = mouse->position();
        QCPAxis *x = m_plot->xAxis;
        QCPAxis *y = m_plot->yAxis;
        const double dx = x->pixelToCoord(m_lastPosition.x()) - x->pixelToCoord(position.x());
        const double dy = y->pixelToCoord(m_lastPosition.y()) - y->pixelToCoord(position.y());
        if (x->scaleType() == QCPAxis::stLogarithmic || y->scaleType() == QCPAxis::stLogarithmic)
            return true;
        x->moveRange(dx);
        y->moveRange(dy);
        m_lastPosition = position;
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return true;
    }
    case QEvent::MouseButtonRelease: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::RightButton || !m_active)
            return false;
        m_active = false;
        emit panFinished();
        return true;
    }
    case QEvent::ContextMenu:
        return true;
    default:
        return false;
    }
}

double displayable(double value)
{
    if (std::isnan(value))
        return 0.0;
    if (std::isinf(value))
        return value > 0 ? std::numeric_limits<double>::max() : -std::numeric_limits<double>::max();
    return value;
}

QString shortNumber(double value)
{
    if (!std::isfinite(value))
        return value > 0 ? QStringLiteral("∞")
                         : (value < 0 ? QStringLiteral("−∞") : QStringLiteral("–"));
    return QString::number(value, 'g', 5);
}

QString lineFormula(const LineParameters &line, const Dataset &data)
{
    double slope = line.slope, intercept = line.intercept;
    if (!data.isEmpty()) {
        const double featureSpan = data.feature.maxCoeff() - data.feature.minCoeff();
        const double featureReach = data.feature.cwiseAbs().maxCoeff();
        const double targetScale = data.target.cwiseAbs().maxCoeff();
        if (std::abs(slope) * featureSpan < 1e-12 * targetScale)
            slope = 0.0;
        if (std::abs(intercept) < 1e-12 * (std::abs(slope) * featureReach + targetScale))
            intercept = 0.0;
    }
    return QStringLiteral("%1 x %2 %3")
        .arg(shortNumber(slope), intercept < 0 ? QStringLiteral("−") : QStringLiteral("+"),
             shortNumber(std::abs(intercept)));
}

QString divergenceText(const RunTrack &run)
{
    if (run.status() != RunStatus::Diverged)
        return {};
    return QCoreApplication::translate("Training", "diverged at step %1 (mean loss %2)")
        .arg(run.divergedAt())
        .arg(shortNumber(run.divergedLoss()));
}

} // namespace losslens
