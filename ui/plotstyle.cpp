#include "plotstyle.h"

#include <qcustomplot.h>

#include <QApplication>

#include <cmath>

namespace losslens {

bool PlotLook::isDark() const
{
    return background.lightnessF() < 0.5;
}

bool PlotLook::isNeutral() const
{
    return *this == PlotLook();
}

PlotStyle *PlotStyle::instance()
{
    // Parented to nothing and never deleted: plots of every window consult it until exit.
    static PlotStyle *style = new PlotStyle;
    return style;
}

void PlotStyle::setLook(const PlotLook &look)
{
    if (look == m_look)
        return;
    m_look = look;
    rebuildSeriesMap();
    emit lookChanged();
}

void PlotStyle::setSeriesColours(const std::vector<QColor> &colours)
{
    if (colours == m_seriesColours)
        return;
    m_seriesColours = colours;
    if (rebuildSeriesMap())
        emit lookChanged();
}

QColor PlotStyle::seriesColour(const QColor &colour) const
{
    const auto found = m_seriesMap.constFind(colour.rgb());
    if (found == m_seriesMap.constEnd())
        return colour;
    QColor mapped = *found;
    mapped.setAlphaF(colour.alphaF());
    return mapped;
}

QColor PlotStyle::drawnColour(const QColor &colour, bool overColourMap) const
{
    const QColor drawn = seriesColour(colour);
    // Over a heat map the views choose colours and halos for the map's colours.
    if (!m_look.isDark() || overColourMap)
        return drawn;
    return readableColour(drawn, m_look.background, minimumGraphicContrast);
}

QFont PlotStyle::baseFont() const
{
    return m_baseFont.value_or(QApplication::font());
}

void PlotStyle::setBaseFont(const QFont &font)
{
    m_baseFont = font;
}

void PlotStyle::clearBaseFont()
{
    m_baseFont.reset();
}

std::vector<QColor> PlotStyle::colourBlindPalette(bool dark)
{
    // Blue, vermillion, bluish green, reddish purple, orange, sky blue, then black or yellow.
    // The first three are the default MSE, Huber and MAE colours, which therefore stay.
    std::vector<QColor> palette;
    for (const QRgb rgb : {0x0072B2u, 0xD55E00u, 0x009E73u, 0xCC79A7u, 0xE69F00u, 0x56B4E9u})
        palette.emplace_back(rgb);
    palette.emplace_back(dark ? QRgb(0xF0E442) : QRgb(0x000000));
    return palette;
}

bool PlotStyle::rebuildSeriesMap()
{
    QHash<QRgb, QColor> map;
    if (m_look.colourBlindPalette) {
        const std::vector<QColor> palette = colourBlindPalette(m_look.isDark());
        std::vector<bool> taken(palette.size(), false);
        std::vector<QRgb> waiting;
        // A colour already in the palette keeps it, so the default losses look the same. The
        // others take the free palette colours in order, and past the palette's seven colours
        // the session's own colours are drawn.
        for (const QColor &colour : m_seriesColours) {
            const QRgb rgb = colour.rgb();
            if (map.contains(rgb) || std::find(waiting.begin(), waiting.end(), rgb) != waiting.end())
                continue;
            const auto inPalette = std::find(palette.begin(), palette.end(), QColor(rgb));
            const auto index = std::distance(palette.begin(), inPalette);
            if (inPalette != palette.end() && !taken[index]) {
                taken[index] = true;
                map.insert(rgb, *inPalette);
            } else {
                waiting.push_back(rgb);
            }
        }
        size_t next = 0;
        for (const QRgb rgb : waiting) {
            while (next < palette.size() && taken[next])
                ++next;
            if (next == palette.size())
                break;
            taken[next] = true;
            map.insert(rgb, palette[next]);
        }
    }
    if (map == m_seriesMap)
        return false;
    m_seriesMap = map;
    return true;
}

namespace {

double relativeLuminance(const QColor &colour)
{
    // sRGB channels linearized as WCAG 2.1 defines relative luminance.
    const auto linear = [](double channel) {
        return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) +
           0.0722 * linear(colour.blueF());
}

} // namespace

double contrastRatio(const QColor &first, const QColor &second)
{
    const double a = relativeLuminance(first), b = relativeLuminance(second);
    return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

QColor readableColour(const QColor &colour, const QColor &background, double minimumContrast)
{
    if (contrastRatio(colour, background) >= minimumContrast)
        return colour;
    const bool lighten = background.lightnessF() < 0.5;
    const QColor hsl = colour.toHsl();
    const double step = lighten ? 0.05 : -0.05;
    for (double lightness = hsl.lightnessF() + step; lightness > 0.0 && lightness < 1.0;
         lightness += step) {
        const QColor candidate =
            QColor::fromHslF(hsl.hslHueF(), hsl.hslSaturationF(), lightness, colour.alphaF());
        if (contrastRatio(candidate, background) >= minimumContrast)
            return candidate;
    }
    return QColor::fromHslF(hsl.hslHueF(), hsl.hslSaturationF(), lighten ? 1.0 : 0.0,
                            colour.alphaF());
}

} // namespace losslens
