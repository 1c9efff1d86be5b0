#include "animationexport.h"

#include "gifwriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QImageWriter>
#include <QWidget>

namespace losslens {

namespace {

QImage grabFrame(QWidget *source, QSize size)
{
    // Pending repaints (new paths, new landscape) are drawn before the grab.
    QCoreApplication::processEvents();
    QImage image = source->grab().toImage();
    if (size.isValid() && image.size() != size)
        image = image.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return image;
}

} // namespace

bool exportAnimation(QWidget *source, const AnimationExportSettings &settings,
                     const std::function<bool(int steps)> &advance,
                     const std::function<bool(int done, int total)> &progress, QString *error,
                     int *framesWritten)
{
    if (framesWritten)
        *framesWritten = 0;
    if (!source || settings.frameCount < 1 || settings.stepsPerFrame < 1) {
        if (error)
            *error = QStringLiteral("Cannot export the animation: it needs at least one frame "
                                    "and one step per frame.");
        return false;
    }
    const QImage first = grabFrame(source, settings.size);
    const QSize size = first.size();

    GifWriter gif;
    QDir folder(settings.path);
    if (settings.format == AnimationExportSettings::Format::Gif) {
        if (!gif.start(settings.path, size, settings.delayCentiseconds, error))
            return false;
    } else if (!folder.exists() && !QDir().mkpath(settings.path)) {
        if (error)
            *error = QStringLiteral("Cannot create the folder %1 for the frames.")
                         .arg(settings.path);
        return false;
    }

    int written = 0;
    QImage frame = first;
    for (int index = 0; index < settings.frameCount; ++index) {
        if (index > 0) {
            if (!advance(settings.stepsPerFrame))
                break;
            frame = grabFrame(source, size);
        }
        if (settings.format == AnimationExportSettings::Format::Gif) {
            if (!gif.addFrame(frame, error))
                return false;
        } else {
            const QString name =
                folder.filePath(QStringLiteral("frame_%1.png").arg(index + 1, 4, 10, QChar('0')));
            QImageWriter writer(name, "png");
            if (!writer.write(frame)) {
                if (error)
                    *error = QStringLiteral("Cannot write the frame %1: %2.")
                                 .arg(name, writer.errorString());
                return false;
            }
        }
        ++written;
        if (framesWritten)
            *framesWritten = written;
        if (progress && !progress(written, settings.frameCount)) {
            gif.cancel();
            if (error)
                *error = QStringLiteral("The export was cancelled after %1 frames.").arg(written);
            return false;
        }
    }
    if (settings.format == AnimationExportSettings::Format::Gif && !gif.finish(error))
        return false;
    return true;
}

} // namespace losslens
