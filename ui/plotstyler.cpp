#include "plotstyler.h"

#include "plotstyle.h"

#include <qcustomplot.h>

#include <QFontMetricsF>

namespace losslens {

namespace {

QFont scaledFont(const PlotLook &look, QFont font)
{
    if (look.fontScale == 1.0)
        return font;
    if (font.pointSizeF() > 0.0)
        font.setPointSizeF(font.pointSizeF() * look.fontScale);
    else if (font.pixelSize() > 0)
        font.setPixelSize(int(std::lround(font.pixelSize() * look.fontScale)));
    return font;
}

// Maps the light look's ink-to-paper lightness range onto the look's foreground-to-background
// range, keeping hue, saturation and alpha: black ink becomes the foreground, white paper the
// background and the light grey grid a grey just above the background.
QColor chromeColour(const PlotLook &look, const QColor &colour)
{
    if (look.background == QColor(Qt::white) && look.foreground == QColor(Qt::black))
        return colour;
    const double paper = look.background.lightnessF(), ink = look.foreground.lightnessF();
    const QColor hsl = colour.toHsl();
    const double lightness = paper + (ink - paper) * (1.0 - hsl.lightnessF());
    return QColor::fromHslF(hsl.hslHueF(), hsl.hslSaturationF(), std::clamp(lightness, 0.0, 1.0),
                            colour.alphaF());
}

QColor dataColour(const QColor &colour, bool overColourMap)
{
    return PlotStyle::instance()->drawnColour(colour, overColourMap);
}

// QCustomPlot 2.1 clips an axis label longer than its axis, so a label grows by the font scale
// only as far as the axis rect of the last layout allows, and never below the view's size.
QFont fittedLabelFont(const PlotLook &look, const QCPAxis *axis, const QFont &font)
{
    const QFont scaled = scaledFont(look, font);
    const QRect rect = axis->axisRect()->rect();
    const double length = 0.95 * (axis->orientation() == Qt::Vertical ? rect.height() : rect.width());
    const double needed = QFontMetricsF(scaled).horizontalAdvance(axis->label());
    if (look.fontScale <= 1.0 || length <= 0.0 || needed <= length)
        return scaled;
    PlotLook fitted = look;
    fitted.fontScale = std::max(1.0, look.fontScale * length / needed);
    return scaledFont(fitted, font);
}

// A width of 0 is QPainter's cosmetic one-pixel pen, so it scales from 1.
QPen scaledPen(QPen pen, double factor)
{
    if (factor != 1.0 && pen.style() != Qt::NoPen)
        pen.setWidthF(std::max(pen.widthF(), 1.0) * factor);
    return pen;
}

QPen dataPen(const PlotLook &look, QPen pen, bool overColourMap)
{
    pen.setColor(dataColour(pen.color(), overColourMap));
    return scaledPen(pen, look.lineScale);
}

QPen chromePen(const PlotLook &look, QPen pen, double widthFactor)
{
    pen.setColor(chromeColour(look, pen.color()));
    return scaledPen(pen, widthFactor);
}

// Only plain colour brushes change; gradients and textures stay.
template <typename ColourMap>
QBrush mappedBrush(QBrush brush, ColourMap map)
{
    if (brush.style() == Qt::NoBrush || brush.gradient() || brush.style() == Qt::TexturePattern)
        return brush;
    brush.setColor(map(brush.color()));
    return brush;
}

// Draws nothing: it comes first in its layer and styles the layer's other layerables, so a
// layer replot, which emits no beforeReplot, draws them styled too.
class LayerStyleProbe : public QCPLayerable
{
public:
    LayerStyleProbe(QCustomPlot *plot, QCPLayer *layer, PlotStyler *styler)
        : QCPLayerable(plot, layer->name()), m_styler(styler)
    {
        putFirst();
    }

    void putFirst() { moveToLayer(layer(), true); }

protected:
    void applyDefaultAntialiasingHint(QCPPainter *) const override {}
    void draw(QCPPainter *) override { m_styler->restyleLayer(layer()); }

private:
    PlotStyler *m_styler;
};

} // namespace

PlotStyler::PlotStyler(QCustomPlot *plot) : QObject(plot), m_plot(plot)
{
    connect(plot, &QCustomPlot::beforeReplot, this, [this] {
        restylePlot();
        m_inFullReplot = true;
    });
    connect(plot, &QCustomPlot::afterReplot, this, [this] { m_inFullReplot = false; });
    connect(PlotStyle::instance(), &PlotStyle::lookChanged, this,
            [this] { m_plot->replot(QCustomPlot::rpQueuedReplot); });
}

template <typename Value, typename Transform>
Value PlotStyler::styled(QObject *owner, Slot slot, const Value &current, Transform transform)
{
    auto owned = m_drawn.find(owner);
    if (owned == m_drawn.end()) {
        owned = m_drawn.insert(owner, {});
        connect(owner, &QObject::destroyed, this,
                [this](QObject *destroyed) { m_drawn.remove(destroyed); });
    }
    Drawn &record = (*owned)[int(slot)];
    Value base = current;
    if (record.drawn.isValid() && record.drawn.template value<Value>() == current)
        base = record.base.template value<Value>();
    const Value result = transform(base);
    record.base = QVariant::fromValue(base);
    record.drawn = QVariant::fromValue(result);
    return result;
}

bool PlotStyler::hasColourMap() const
{
    for (int i = 0; i < m_plot->plottableCount(); ++i) {
        if (qobject_cast<QCPColorMap *>(m_plot->plottable(i)))
            return true;
    }
    return false;
}

void PlotStyler::restylePlot()
{
    const PlotLook &look = PlotStyle::instance()->look();
    // Nothing was styled since the look became neutral, so every view's choice is drawn as is.
    if (look.isNeutral() && m_neutralDrawn)
        return;
    if (!m_background || *m_background != look.background) {
        m_plot->setBackground(QBrush(look.background));
        m_background = look.background;
    }
    if (!look.isNeutral())
        ensureLayerProbes();
    const bool overColourMap = hasColourMap();
    m_labelChanged = false;
    for (int i = 0; i < m_plot->layerCount(); ++i) {
        for (QCPLayerable *layerable : m_plot->layer(i)->children())
            restyle(layerable, overColourMap);
    }
    m_neutralDrawn = look.isNeutral();
    // A label fitted to the last layout's axis rect changes this layout, so the label is fitted
    // again on it. Two rounds in a row at most, in case the sizes alternate.
    m_labelRounds = m_labelChanged ? m_labelRounds + 1 : 0;
    if (m_labelChanged && m_labelRounds <= 2)
        m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlotStyler::restyleLayer(QCPLayer *layer)
{
    if (m_inFullReplot || (PlotStyle::instance()->look().isNeutral() && m_neutralDrawn))
        return;
    const bool overColourMap = hasColourMap();
    for (QCPLayerable *layerable : layer->children())
        restyle(layerable, overColourMap);
}

void PlotStyler::ensureLayerProbes()
{
    for (int i = 0; i < m_plot->layerCount(); ++i) {
        QCPLayer *layer = m_plot->layer(i);
        const QList<QCPLayerable *> children = layer->children();
        if (!children.isEmpty() && dynamic_cast<LayerStyleProbe *>(children.first()))
            continue;
        LayerStyleProbe *probe = nullptr;
        for (QCPLayerable *child : children) {
            if ((probe = dynamic_cast<LayerStyleProbe *>(child)))
                break;
        }
        if (probe)
            probe->putFirst();
        else
            new LayerStyleProbe(m_plot, layer, this);
    }
}

void PlotStyler::restyle(QObject *layerable, bool overColourMap)
{
    if (auto *axis = qobject_cast<QCPAxis *>(layerable))
        restyleAxis(axis);
    else if (auto *grid = qobject_cast<QCPGrid *>(layerable))
        restyleGrid(grid);
    else if (auto *plottable = qobject_cast<QCPAbstractPlottable *>(layerable))
        restylePlottable(plottable, overColourMap);
    else if (auto *item = qobject_cast<QCPAbstractItem *>(layerable))
        restyleItem(item, overColourMap);
    // Legend items are left out: QCPLegend::setFont() and setTextColor() pass the legend's
    // styled values on to them, and styling them again would scale or map twice.
    else if (qobject_cast<QCPTextElement *>(layerable) || qobject_cast<QCPLegend *>(layerable))
        restyleText(layerable, false);
    else if (auto *rect = qobject_cast<QCPAxisRect *>(layerable)) {
        const PlotLook &look = PlotStyle::instance()->look();
        const QBrush brush = styled(rect, Slot::Brush, rect->backgroundBrush(), [&](QBrush b) {
            return mappedBrush(b, [&](const QColor &c) { return chromeColour(look, c); });
        });
        if (brush != rect->backgroundBrush())
            rect->setBackground(brush);
    }
}

void PlotStyler::restyleAxis(QCPAxis *axis)
{
    const PlotLook &look = PlotStyle::instance()->look();
    const auto pen = [&](QPen p) { return chromePen(look, p, look.lineScale); };
    const auto font = [&](const QFont &f) { return scaledFont(look, f); };
    const auto colour = [&](const QColor &c) { return chromeColour(look, c); };
    const QPen basePen = styled(axis, Slot::BasePen, axis->basePen(), pen);
    if (basePen != axis->basePen())
        axis->setBasePen(basePen);
    const QPen tickPen = styled(axis, Slot::TickPen, axis->tickPen(), pen);
    if (tickPen != axis->tickPen())
        axis->setTickPen(tickPen);
    const QPen subTickPen = styled(axis, Slot::SubTickPen, axis->subTickPen(), pen);
    if (subTickPen != axis->subTickPen())
        axis->setSubTickPen(subTickPen);
    const QFont labelFont = styled(axis, Slot::LabelFont, axis->labelFont(),
                                   [&](const QFont &f) { return fittedLabelFont(look, axis, f); });
    if (labelFont != axis->labelFont()) {
        axis->setLabelFont(labelFont);
        m_labelChanged = true;
    }
    const QFont tickLabelFont = styled(axis, Slot::TickLabelFont, axis->tickLabelFont(), font);
    if (tickLabelFont != axis->tickLabelFont())
        axis->setTickLabelFont(tickLabelFont);
    const QColor labelColour = styled(axis, Slot::LabelColour, axis->labelColor(), colour);
    if (labelColour != axis->labelColor())
        axis->setLabelColor(labelColour);
    const QColor tickLabelColour =
        styled(axis, Slot::TickLabelColour, axis->tickLabelColor(), colour);
    if (tickLabelColour != axis->tickLabelColor())
        axis->setTickLabelColor(tickLabelColour);
}

void PlotStyler::restyleGrid(QCPGrid *grid)
{
    // Grid lines keep their width: wider dotted lines would compete with the data.
    const PlotLook &look = PlotStyle::instance()->look();
    const auto pen = [&](QPen p) { return chromePen(look, p, 1.0); };
    const QPen gridPen = styled(grid, Slot::Pen, grid->pen(), pen);
    if (gridPen != grid->pen())
        grid->setPen(gridPen);
    const QPen subGridPen = styled(grid, Slot::SubGridPen, grid->subGridPen(), pen);
    if (subGridPen != grid->subGridPen())
        grid->setSubGridPen(subGridPen);
    const QPen zeroLinePen = styled(grid, Slot::ZeroLinePen, grid->zeroLinePen(), pen);
    if (zeroLinePen != grid->zeroLinePen())
        grid->setZeroLinePen(zeroLinePen);
}

void PlotStyler::restyleText(QObject *owner, bool overColourMap)
{
    const PlotLook &look = PlotStyle::instance()->look();
    const auto font = [&](const QFont &f) { return scaledFont(look, f); };
    // Text over a heat map keeps the view's colours, which it chose for the map.
    const auto colour = [&](const QColor &c) {
        return overColourMap ? c : chromeColour(look, c);
    };
    if (auto *text = qobject_cast<QCPTextElement *>(owner)) {
        const QFont f = styled(text, Slot::Font, text->font(), font);
        if (f != text->font())
            text->setFont(f);
        const QColor c = styled(text, Slot::TextColour, text->textColor(), colour);
        if (c != text->textColor())
            text->setTextColor(c);
    } else if (auto *legend = qobject_cast<QCPLegend *>(owner)) {
        const QFont f = styled(legend, Slot::Font, legend->font(), font);
        if (f != legend->font())
            legend->setFont(f);
        const QColor c = styled(legend, Slot::TextColour, legend->textColor(), colour);
        if (c != legend->textColor())
            legend->setTextColor(c);
        const QBrush brush = styled(legend, Slot::Brush, legend->brush(),
                                    [&](const QBrush &b) { return mappedBrush(b, colour); });
        if (brush != legend->brush())
            legend->setBrush(brush);
        const QPen border = styled(legend, Slot::BorderPen, legend->borderPen(),
                                   [&](const QPen &p) { return chromePen(look, p, 1.0); });
        if (border != legend->borderPen())
            legend->setBorderPen(border);
    } else if (auto *label = qobject_cast<QCPItemText *>(owner)) {
        const QFont f = styled(label, Slot::Font, label->font(), font);
        if (f != label->font())
            label->setFont(f);
        const QColor c = styled(label, Slot::TextColour, label->color(), colour);
        if (c != label->color())
            label->setColor(c);
        const QBrush brush = styled(label, Slot::Brush, label->brush(),
                                    [&](const QBrush &b) { return mappedBrush(b, colour); });
        if (brush != label->brush())
            label->setBrush(brush);
        const QPen pen = styled(label, Slot::Pen, label->pen(), [&](const QPen &p) {
            return overColourMap ? p : chromePen(look, p, 1.0);
        });
        if (pen != label->pen())
            label->setPen(pen);
    }
}

QCPScatterStyle PlotStyler::styledScatter(QObject *owner, const QCPScatterStyle &scatter,
                                          bool overColourMap)
{
    const PlotLook &look = PlotStyle::instance()->look();
    QCPScatterStyle result = scatter;
    // An undefined scatter pen means the plottable's pen, which is styled on its own.
    if (scatter.isPenDefined()) {
        // The outline grows with the marker, so a star keeps its proportions.
        result.setPen(styled(owner, Slot::ScatterPen, scatter.pen(), [&](QPen p) {
            p.setColor(dataColour(p.color(), overColourMap));
            return scaledPen(p, look.markerScale);
        }));
    }
    result.setBrush(styled(owner, Slot::ScatterBrush, scatter.brush(), [&](const QBrush &b) {
        return mappedBrush(b, [&](const QColor &c) { return dataColour(c, overColourMap); });
    }));
    result.setSize(styled(owner, Slot::ScatterSize, scatter.size(),
                          [&](double size) { return size * look.markerScale; }));
    return result;
}

void PlotStyler::restylePlottable(QCPAbstractPlottable *plottable, bool overColourMap)
{
    // A heat map's colours are its colour scale, which stays as it is.
    if (qobject_cast<QCPColorMap *>(plottable))
        return;
    const PlotLook &look = PlotStyle::instance()->look();
    const QPen pen = styled(plottable, Slot::Pen, plottable->pen(),
                            [&](const QPen &p) { return dataPen(look, p, overColourMap); });
    if (pen != plottable->pen())
        plottable->setPen(pen);
    const QBrush brush = styled(plottable, Slot::Brush, plottable->brush(), [&](const QBrush &b) {
        return mappedBrush(b, [&](const QColor &c) { return dataColour(c, overColourMap); });
    });
    if (brush != plottable->brush())
        plottable->setBrush(brush);
    const auto sameScatter = [](const QCPScatterStyle &a, const QCPScatterStyle &b) {
        return a.shape() == b.shape() && a.size() == b.size() && a.pen() == b.pen() &&
               a.brush() == b.brush() && a.isPenDefined() == b.isPenDefined();
    };
    if (auto *graph = qobject_cast<QCPGraph *>(plottable)) {
        const QCPScatterStyle scatter = styledScatter(graph, graph->scatterStyle(), overColourMap);
        if (!sameScatter(scatter, graph->scatterStyle()))
            graph->setScatterStyle(scatter);
    } else if (auto *curve = qobject_cast<QCPCurve *>(plottable)) {
        const QCPScatterStyle scatter = styledScatter(curve, curve->scatterStyle(), overColourMap);
        if (!sameScatter(scatter, curve->scatterStyle()))
            curve->setScatterStyle(scatter);
    }
}

QCPLineEnding PlotStyler::styledEnding(QObject *owner, Slot slot, const QCPLineEnding &ending)
{
    const double scale = PlotStyle::instance()->look().lineScale;
    const QSizeF size = styled(owner, slot, QSizeF(ending.width(), ending.length()),
                               [&](const QSizeF &s) { return s * scale; });
    QCPLineEnding result = ending;
    result.setWidth(size.width());
    result.setLength(size.height());
    return result;
}

void PlotStyler::restyleItem(QCPAbstractItem *item, bool overColourMap)
{
    if (qobject_cast<QCPItemText *>(item)) {
        restyleText(item, overColourMap);
        return;
    }
    const PlotLook &look = PlotStyle::instance()->look();
    const auto sameEnding = [](const QCPLineEnding &a, const QCPLineEnding &b) {
        return a.style() == b.style() && a.width() == b.width() && a.length() == b.length();
    };
    const auto restylePen = [&](auto *owner) {
        const QPen pen = styled(owner, Slot::Pen, owner->pen(),
                                [&](const QPen &p) { return dataPen(look, p, overColourMap); });
        if (pen != owner->pen())
            owner->setPen(pen);
    };
    const auto restyleEnds = [&](auto *owner) {
        const QCPLineEnding head = styledEnding(owner, Slot::Head, owner->head());
        if (!sameEnding(head, owner->head()))
            owner->setHead(head);
        const QCPLineEnding tail = styledEnding(owner, Slot::Tail, owner->tail());
        if (!sameEnding(tail, owner->tail()))
            owner->setTail(tail);
    };
    const auto restyleBrush = [&](auto *owner) {
        const QBrush brush = styled(owner, Slot::Brush, owner->brush(), [&](const QBrush &b) {
            return mappedBrush(b,
                               [&](const QColor &c) { return dataColour(c, overColourMap); });
        });
        if (brush != owner->brush())
            owner->setBrush(brush);
    };
    if (auto *line = qobject_cast<QCPItemLine *>(item)) {
        restylePen(line);
        restyleEnds(line);
    } else if (auto *curve = qobject_cast<QCPItemCurve *>(item)) {
        restylePen(curve);
        restyleEnds(curve);
    } else if (auto *straight = qobject_cast<QCPItemStraightLine *>(item)) {
        restylePen(straight);
    } else if (auto *tracer = qobject_cast<QCPItemTracer *>(item)) {
        restylePen(tracer);
        restyleBrush(tracer);
        const double size = styled(tracer, Slot::Size, tracer->size(),
                                   [&](double s) { return s * look.markerScale; });
        if (size != tracer->size())
            tracer->setSize(size);
    } else if (auto *rect = qobject_cast<QCPItemRect *>(item)) {
        restylePen(rect);
        restyleBrush(rect);
    } else if (auto *ellipse = qobject_cast<QCPItemEllipse *>(item)) {
        restylePen(ellipse);
        restyleBrush(ellipse);
    }
}

} // namespace losslens
