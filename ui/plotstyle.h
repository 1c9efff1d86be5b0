#pragma once

#include <QColor>
#include <QFont>
#include <QHash>
#include <QObject>

#include <optional>
#include <vector>

namespace losslens {

// The look of every plot on top of what its view sets: scales for fonts, lines and markers, a
// colour-blind-safe palette for the session's colours, and the theme's plot colours. The
// default look is neutral: plots draw exactly what their views set.
struct PlotLook
{
    // Factors for the fonts of axes, titles and legends, for the widths of plottable, item and
    // axis pens (arrow heads included), and for scatter marker sizes.
    double fontScale = 1.0;
    double lineScale = 1.0;
    double markerScale = 1.0;
    // Draws the session's run and loss colours in Okabe and Ito's colour-blind-safe palette.
    bool colourBlindPalette = false;
    // The plot background and the ink of axes, ticks and titles. White and black are the light
    // look that QCustomPlot 2.1 draws by default.
    QColor background = Qt::white;
    QColor foreground = Qt::black;

    // True when the background is darker than mid grey (HSL lightness below 0.5).
    bool isDark() const;
    bool isNeutral() const;
    bool operator==(const PlotLook &other) const = default;
};

// The application's one plot look, which every PlotStyler follows. Presentation mode sets the
// scales and the palette, the theme sets the colours.
class PlotStyle : public QObject
{
    Q_OBJECT

public:
    static PlotStyle *instance();

    const PlotLook &look() const { return m_look; }
    void setLook(const PlotLook &look);

    // The session's colours in the order they take palette colours: runs, then ticked losses.
    void setSeriesColours(const std::vector<QColor> &colours);
    // The colour a run or loss of the session colour is drawn in: its palette colour under
    // colourBlindPalette, otherwise the colour itself. Other colours are returned unchanged.
    QColor seriesColour(const QColor &colour) const;
    // The colour a line of this session colour has on the plot: seriesColour(), and on a dark
    // background without a heat map under it lightened to a contrast of 3:1 (see
    // readableColour()). Swatches beside the plots use it, so they match the lines.
    QColor drawnColour(const QColor &colour, bool overColourMap = false) const;

    // The application font as it was before presentation mode scaled it. Plots start from it,
    // so a plot created in presentation mode is not scaled twice.
    QFont baseFont() const;
    void setBaseFont(const QFont &font);
    void clearBaseFont();

    // Okabe and Ito's colour-blind-safe palette in the order the session's colours take it,
    // without the colour that reads poorly on the look's background: yellow on a light one,
    // black on a dark one.
    static std::vector<QColor> colourBlindPalette(bool dark);

signals:
    void lookChanged();

private:
    PlotStyle() = default;
    // Returns whether the map changed.
    bool rebuildSeriesMap();

    PlotLook m_look;
    std::vector<QColor> m_seriesColours;
    QHash<QRgb, QColor> m_seriesMap;
    std::optional<QFont> m_baseFont;
};

// WCAG 2.1 contrast ratio (L1 + 0.05) / (L2 + 0.05) of two colours' relative luminances.
double contrastRatio(const QColor &first, const QColor &second);

// The colour with its hue, saturation and alpha, lightened on a dark background or darkened on
// a light one in steps of 0.05 in HSL lightness until its contrast ratio with the background
// reaches minimumContrast. Returns white or black when no step reaches it.
QColor readableColour(const QColor &colour, const QColor &background, double minimumContrast);

// WCAG 2.1 success criterion 1.4.11 requires 3:1 for graphical objects against adjacent colours.
inline constexpr double minimumGraphicContrast = 3.0;

} // namespace losslens
