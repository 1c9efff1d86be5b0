#pragma once

#include <QSize>
#include <QString>

class QWidget;

namespace losslens {

// Size and resolution of an exported picture of a view or of the whole window.
struct ViewExportSettings
{
    // The file; its suffix (.png, .svg or .pdf) picks the format.
    QString path;
    // Size in device-independent pixels (1/96 inch); an invalid size keeps the widget's own.
    QSize size;
    // Dots per inch. A PNG gets size * dotsPerInch / 96 pixels, so 192 doubles every side; SVG
    // and PDF record it as their resolution and stay vector graphics for plots.
    int dotsPerInch = 96;
};

enum class ViewExportFormat { Png, Svg, Pdf, Unknown };

// The format named by the path's suffix, in any letter case.
ViewExportFormat viewExportFormat(const QString &path);

// Writes a picture of the widget. A QCustomPlot is drawn again at the requested size, as vector
// graphics in SVG and PDF. Any other widget, such as the whole window, is rendered with its
// children, and the plots inside it come out as images in SVG and PDF. The file is written
// through QSaveFile, so a failure leaves an existing file whole. Returns false with a message
// naming the file and the reason, for an unknown suffix, a size outside [16, 16384] pixels per
// side or a resolution outside [24, 1200] dots per inch.
bool exportView(QWidget *widget, const ViewExportSettings &settings, QString *error);

} // namespace losslens
