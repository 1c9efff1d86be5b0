#pragma once

#include <QColor>
#include <QHash>
#include <QObject>
#include <QVariant>

#include <optional>

class QCustomPlot;
class QCPAbstractItem;
class QCPAbstractPlottable;
class QCPAxis;
class QCPGrid;
class QCPLayer;
class QCPLineEnding;
class QCPScatterStyle;

namespace losslens {

// Keeps one plot drawn in the current PlotLook. Before each replot, and before each layer draws
// on its own (as ReplotScheduler's layer replots do), it replaces the pens, fonts and colours
// that the view set by their styled form. It remembers what the view set, so a neutral look
// restores it exactly. A pen, font or colour that differs from the one it drew is the view's new
// choice, so a run added or recoloured in presentation mode is styled too.
// configurePlot() attaches one to every plot. The styler owns the plot's background brush.
class PlotStyler : public QObject
{
    Q_OBJECT

public:
    explicit PlotStyler(QCustomPlot *plot);

    // Styles every layerable of the plot. The plot calls it before each replot.
    void restylePlot();
    // Styles the layerables of one layer, before that layer draws.
    void restyleLayer(QCPLayer *layer);

private:
    // The properties of a layerable that the styler replaces.
    enum class Slot {
        Pen,
        Brush,
        Font,
        TextColour,
        BasePen,
        TickPen,
        SubTickPen,
        LabelFont,
        TickLabelFont,
        LabelColour,
        TickLabelColour,
        SubGridPen,
        ZeroLinePen,
        BorderPen,
        ScatterPen,
        ScatterBrush,
        ScatterSize,
        Head,
        Tail,
        Size,
    };
    struct Drawn
    {
        QVariant base;
        QVariant drawn;
    };

    // Returns transform(base), where base is current unless current is what the styler drew
    // last in this slot, and then the view's value that it was drawn from.
    template <typename Value, typename Transform>
    Value styled(QObject *owner, Slot slot, const Value &current, Transform transform);
    void restyle(QObject *layerable, bool overColourMap);
    void restyleAxis(QCPAxis *axis);
    void restyleGrid(QCPGrid *grid);
    void restyleText(QObject *owner, bool overColourMap);
    void restylePlottable(QCPAbstractPlottable *plottable, bool overColourMap);
    void restyleItem(QCPAbstractItem *item, bool overColourMap);
    QCPScatterStyle styledScatter(QObject *owner, const QCPScatterStyle &scatter,
                                  bool overColourMap);
    QCPLineEnding styledEnding(QObject *owner, Slot slot, const QCPLineEnding &ending);
    void ensureLayerProbes();
    bool hasColourMap() const;

    QCustomPlot *m_plot;
    QHash<const QObject *, QHash<int, Drawn>> m_drawn;
    // Set between beforeReplot and afterReplot, when restylePlot() has styled every layer.
    bool m_inFullReplot = false;
    // The last restylePlot() ran under a neutral look, so what the views set is drawn as is.
    bool m_neutralDrawn = true;
    std::optional<QColor> m_background;
    // Whether the last restylePlot() changed an axis label's font, and how many in a row did.
    bool m_labelChanged = false;
    int m_labelRounds = 0;
};

} // namespace losslens
