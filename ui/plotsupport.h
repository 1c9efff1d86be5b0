#pragma once

#include <QLabel>
#include <QObject>
#include <QPointF>

#include "core/dataset.h"
#include "core/lineobjective.h"
#include "core/trainingrun.h"
#include "runtrack.h"

class QCheckBox;
class QCustomPlot;
class QCPColorGradient;
class QCPAxis;
class QCPRange;

namespace losslens {

// Common look of every plot: antialiasing, readable fonts, wheel zoom on the axis rect, and a
// PlotStyler that draws the plot in the current PlotLook (presentation mode, theme).
void configurePlot(QCustomPlot *plot);

// Returns the colour scale of every loss heat map: perceptually uniform, from dark blue-purple
// (low loss) to yellow (high loss), with stops sampled from matplotlib's viridis colour map
// (public domain, CC0). NaN cells, which no loss should give, stay transparent.
QCPColorGradient lossGradient();

// A legend for a plot as a wrapping label under it, which never covers data and never clips
// at small sizes. It lists the visible plottables that have a name, in creation order, and
// refreshes after every replot. Set the property "inLegend" to false to leave one out.
//
// Lines break between entries while each entry fits the label's width. An entry wider than
// that starts a line of its own and breaks after "·", "," or ":", and a phrase between those
// that is still too wide breaks between words. So the label's minimum width is its widest
// word, not its widest entry, and a long run name never keeps a view wider than its column.
//
// A legend in a view (a label with a parent) takes at most 15 % of the view's height, or two
// lines where that is less, so
// the plot keeps most of it on a low screen or in presentation mode. Where the full entries
// need more lines, the entries leave out the phrases that all of them share, such as the
// optimizer of runs that all use the same one, and then everything after their first phrase,
// such as "MSE". The tooltip then lists the full entries.
class LegendLabel : public QLabel
{
    Q_OBJECT

public:
    LegendLabel(QCustomPlot *plot, QWidget *parent);

    void refresh();

    QSize minimumSizeHint() const override;
    int heightForWidth(int width) const override;
    // Whether the entries shown leave out phrases of the full ones, for lack of height.
    bool isShortened() const { return m_shortened; }

protected:
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // One plottable's entry as HTML pieces: its coloured symbol, and its name cut into phrases
    // after "·", "," and ":", each phrase escaped and without its trailing space.
    struct Entry
    {
        QString symbol;
        QStringList phrases;

        bool operator==(const Entry &other) const = default;
    };

    // The entries in one form, full or shortened, with the unbroken widths of each entry and of
    // each entry's phrases, margins included.
    struct Form
    {
        QList<Entry> entries;
        QList<int> entryWidths;
        QList<QList<int>> phraseWidths;
    };

    // The label's text when it is `width` pixels wide, margins included, and whether that text
    // shortens the entries.
    QString textForWidth(int width, bool *shortened = nullptr) const;
    // The text of one form at a width, from its cached widths, which must be current.
    static QString composeText(const Form &form, int width);
    void updateText();
    // The width, margins included, that `html` needs on one line.
    int unbrokenWidth(const QString &html) const;
    // Fills m_forms and the cached widths for the current entries and font.
    void measureEntries() const;
    // Returns the maximum height of the legend: a share of its view's height, but at least two
    // lines. Without a view it has no limit (-1).
    int heightLimit() const;
    // The full entries, one per line, for the tooltip of a shortened legend.
    QString fullLegend() const;

    QCustomPlot *m_plot;
    QList<Entry> m_entries;
    // The full entries, then the forms without the shared phrases and with the first phrases
    // only, where those differ from the one before.
    mutable QList<Form> m_forms;
    bool m_shortened = false;
    // A hidden label with this one's settings and font, which measures the text for a width
    // that the label does not have yet, as a layout requests through heightForWidth().
    QLabel *m_measure;
    // The label's minimum width, with margins, or -1 while it and m_forms are stale.
    mutable int m_minimumWidth = -1;
};

// Gives an axis with plain (not decade) ticks enough significant digits that neighbouring tick
// labels differ, now and after every range change, and a horizontal one fewer ticks when its
// labels grow long.
// configurePlot() does this for the plot's main axes.
void keepTicksDistinct(QCPAxis *axis);

// Switches an axis between a linear and a logarithmic scale, with ticks to match its range.
void setLogarithmic(QCPAxis *axis, bool logarithmic);

// The switch of a heat map's logarithmic colour scale, which needs every value positive. While
// the lowest value is 0 or below, the box is disabled, its text states that the colours are
// linear, and its tooltip gives the reason. It keeps its tick, the user's choice that the view
// settings save, so logarithmic colours return as chosen once the values are positive again.
// The box is kept as wide as its longer text, so the change of text moves nothing around it.
void offerLogarithmicColours(QCheckBox *box, double lowest);

// Chooses an axis's ticks for its current range. A logarithmic axis that spans two decades or
// more gets decade ticks written as powers of ten, a shorter one ticks at 1, 2 and 5 times a
// power of ten (see LogarithmicTicker), any other axis plain numbers. Call it after a range
// change.
void updateTicks(QCPAxis *axis);

// Pans a plot while the right mouse button is held, leaving the left button free for
// view-specific work such as setting the start point.
class RightButtonPan : public QObject
{
    Q_OBJECT

public:
    explicit RightButtonPan(QCustomPlot *plot);

signals:
    void panFinished();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QCustomPlot *m_plot;
    bool m_active = false;
    QPointF m_lastPosition;
};

// A finite value for display: NaN becomes 0 and infinities the largest finite double, so a
// plot never receives a non-finite number.
double displayable(double value);

// Largest magnitude an axis range can have: QCustomPlot 2.1 rejects ranges beyond 1e250.
inline constexpr double largestAxisValue = 1e249;

// Whether values from low to high differ by no more than rounding noise: at most 1e-14 of their
// magnitude, about 45 units in the last place. Barron's loss at alpha = -60 with errors far
// beyond c gives such a landscape. A heat map of it would spread the noise over its whole
// gradient as speckles, and its contours would trace it. A deep zoom into a smooth valley,
// a millionth of the axes' scale wide, varies by more and keeps its colours.
bool flatToRounding(double low, double high);

// Returns the colour scale's range for finite values from low to high: the values themselves.
// Where they are flat to rounding, it is 1e-6 of their magnitude on each side of their middle
// instead, so that the map shows one colour.
QCPRange colourScaleRange(double low, double high);

// Labels a colour scale's axis for values from low to high. Where they are flat to rounding, the
// axis gets a single tick at their middle, labelled with it: ticks spread over the narrow range
// of colourScaleRange() would read alike, or differ in their last digits only. Otherwise an axis
// left with that single tick gets plain ticks back. Call it after setLogarithmic() and
// updateTicks(), which keep a single tick once it is set.
void labelFlatColourScale(QCPAxis *axis, double low, double high);

// Formats a number with a few significant digits for labels.
QString shortNumber(double value);

// "a x + b" for a line in data units, as in "1.0203 x − 44.132". A slope or intercept whose
// effect on the data's range is below 1e-12 of the target's scale is rounding noise from the
// standardized coordinates and reads as 0.
QString lineFormula(const LineParameters &line, const Dataset &data);

// "diverged at step k (mean loss L)" for a diverged run, or an empty string.
QString divergenceText(const RunTrack &run);

} // namespace losslens
