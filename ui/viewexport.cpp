#include "viewexport.h"

#include "uilogging.h"

#include <qcustomplot.h>

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace losslens {

namespace {

// tr() of this file's messages, in the "ViewExport" context of the translation files.
struct ViewExport
{
    Q_DECLARE_TR_FUNCTIONS(ViewExport)
};

constexpr int minimumSide = 16;
constexpr int maximumSide = 16384;
constexpr int minimumDotsPerInch = 24;
constexpr int maximumDotsPerInch = 1200;
// Qt's device-independent pixel: 1/96 inch.
constexpr double logicalDotsPerInch = 96.0;

// Paints the widget into a painter whose device has `size` device-independent pixels. A plot
// is laid out and drawn again at that size; another widget is rendered at its own size and
// scaled to fit.
void paintWidget(QWidget *widget, QCPPainter &painter, QSize size, bool vector)
{
    if (auto *plot = qobject_cast<QCustomPlot *>(widget)) {
        if (vector)
            painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        plot->toPainter(&painter, size.width(), size.height());
        return;
    }
    painter.scale(double(size.width()) / widget->width(), double(size.height()) / widget->height());
    widget->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
}

QByteArray png(QWidget *widget, QSize size, int dotsPerInch)
{
    const double scale = dotsPerInch / logicalDotsPerInch;
    QImage image(QSize(std::lround(size.width() * scale), std::lround(size.height() * scale)),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QCPPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(scale, scale);
        paintWidget(widget, painter, size, false);
    }
    const int dotsPerMeter = std::lround(dotsPerInch / 0.0254);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray svg(QWidget *widget, QSize size, int dotsPerInch, const QString &title)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(), size));
    generator.setResolution(dotsPerInch);
    generator.setTitle(title);
    generator.setDescription(ViewExport::tr("Exported from LossLens"));
    QCPPainter painter(&generator);
    paintWidget(widget, painter, size, true);
    painter.end();
    return bytes;
}

QByteArray pdf(QWidget *widget, QSize size, int dotsPerInch, const QString &title)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setCreator(QStringLiteral("LossLens"));
    writer.setTitle(title);
    writer.setResolution(dotsPerInch);
    const QSizeF inches(size.width() / logicalDotsPerInch, size.height() / logicalDotsPerInch);
    writer.setPageSize(QPageSize(inches, QPageSize::Inch, QString(), QPageSize::ExactMatch));
    writer.setPageMargins(QMarginsF());
    QCPPainter painter(&writer);
    // The writer's device pixels are dots; the widget paints in device-independent pixels.
    painter.scale(dotsPerInch / logicalDotsPerInch, dotsPerInch / logicalDotsPerInch);
    paintWidget(widget, painter, size, true);
    painter.end();
    return bytes;
}

} // namespace

ViewExportFormat viewExportFormat(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return ViewExportFormat::Png;
    if (suffix == QLatin1String("svg"))
        return ViewExportFormat::Svg;
    if (suffix == QLatin1String("pdf"))
        return ViewExportFormat::Pdf;
    return ViewExportFormat::Unknown;
}

bool exportView(QWidget *widget, const ViewExportSettings &settings, QString *error)
{
    const ViewExportFormat format = viewExportFormat(settings.path);
    if (format == ViewExportFormat::Unknown) {
        *error = ViewExport::tr("Cannot export to %1: the name must end in .png, .svg or .pdf.")
                     .arg(settings.path);
        return false;
    }
    const QSize size = settings.size.isValid() ? settings.size : widget->size();
    if (size.width() < minimumSide || size.height() < minimumSide ||
        size.width() > maximumSide || size.height() > maximumSide) {
        *error = ViewExport::tr("Cannot export %1 × %2 pixels: each side must be from %3 to %4.")
                     .arg(size.width())
                     .arg(size.height())
                     .arg(minimumSide)
                     .arg(maximumSide);
        return false;
    }
    const int dotsPerInch = settings.dotsPerInch;
    if (dotsPerInch < minimumDotsPerInch || dotsPerInch > maximumDotsPerInch) {
        *error = ViewExport::tr(
                     "Cannot export at %1 dots per inch: the resolution must be from %2 to %3.")
                     .arg(dotsPerInch)
                     .arg(minimumDotsPerInch)
                     .arg(maximumDotsPerInch);
        return false;
    }
    const double scale = dotsPerInch / logicalDotsPerInch;
    if (format == ViewExportFormat::Png &&
        (size.width() * scale > maximumSide || size.height() * scale > maximumSide)) {
        *error = ViewExport::tr(
                     "Cannot export a PNG of %1 × %2 pixels at %3 dots per inch: the image would "
                     "exceed %4 pixels per side. Lower the size or the resolution.")
                     .arg(size.width())
                     .arg(size.height())
                     .arg(dotsPerInch)
                     .arg(maximumSide);
        return false;
    }

    const QString title = QFileInfo(settings.path).completeBaseName();
    QByteArray bytes;
    switch (format) {
    case ViewExportFormat::Png:
        bytes = png(widget, size, dotsPerInch);
        break;
    case ViewExportFormat::Svg:
        bytes = svg(widget, size, dotsPerInch, title);
        break;
    case ViewExportFormat::Pdf:
        bytes = pdf(widget, size, dotsPerInch, title);
        break;
    case ViewExportFormat::Unknown:
        break;
    }
    if (bytes.isEmpty()) {
        *error = ViewExport::tr("Cannot export %1: drawing the picture failed.").arg(settings.path);
        return false;
    }
    QSaveFile file(settings.path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = ViewExport::tr("Cannot save %1: %2.").arg(settings.path, file.errorString());
        qCWarning(lcUi) << "export failed" << settings.path << file.errorString();
        return false;
    }
    qCDebug(lcUi) << "exported" << settings.path << bytes.size() << "bytes";
    return true;
}

} // namespace losslens
