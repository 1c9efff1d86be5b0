#pragma once

#include <QImage>
#include <QSaveFile>
#include <QSize>
#include <QString>

#include <memory>

struct GifFileType;

namespace losslens {

// Writer of an animated GIF, one frame at a time, with giflib (Qt reads GIF but does not write
// it). Each frame gets its own palette of at most 256 colours from giflib's median-cut
// quantizer, chosen from that frame alone. The animation loops forever. The file is
// written through QSaveFile: until finish() succeeds, an existing file of that name is kept.
class GifWriter
{
public:
    GifWriter();
    ~GifWriter();
    GifWriter(const GifWriter &) = delete;
    GifWriter &operator=(const GifWriter &) = delete;

    // Starts the file. Frames are scaled to size; delay is the time each frame shows, in
    // hundredths of a second (GIF's unit). Returns false and sets *error on failure.
    bool start(const QString &path, QSize size, int delayCentiseconds, QString *error);
    bool addFrame(const QImage &frame, QString *error);
    // Ends the file and commits it. Without frames nothing is written and false is returned.
    bool finish(QString *error);
    // Drops the file; an existing file of that name is left as it was.
    void cancel();

    int frameCount() const { return m_frameCount; }

private:
    bool fail(const QString &action, int code, QString *error);
    QString m_path;
    QSize m_size;
    int m_delay = 4;
    int m_frameCount = 0;
    std::unique_ptr<QSaveFile> m_file;
    GifFileType *m_gif = nullptr;
};

} // namespace losslens
