#include "gifwriter.h"

#include <gif_lib.h>

#include <cstring>
#include <vector>

namespace losslens {

namespace {

// giflib's output callback: appends the bytes to the QSaveFile behind the handle.
int writeBytes(GifFileType *gif, const GifByteType *bytes, int count)
{
    auto *file = static_cast<QSaveFile *>(gif->UserData);
    return static_cast<int>(file->write(reinterpret_cast<const char *>(bytes), count));
}

} // namespace

GifWriter::GifWriter() = default;

GifWriter::~GifWriter()
{
    cancel();
}

bool GifWriter::fail(const QString &action, int code, QString *error)
{
    if (error) {
        *error = QStringLiteral("Cannot write the animation %1: %2 failed (%3).")
                     .arg(m_path, action, QString::fromLatin1(GifErrorString(code)));
    }
    cancel();
    return false;
}

bool GifWriter::start(const QString &path, QSize size, int delayCentiseconds, QString *error)
{
    cancel();
    m_path = path;
    if (size.width() < 1 || size.height() < 1 || size.width() > 65535 || size.height() > 65535) {
        if (error)
            *error = QStringLiteral("Cannot write the animation %1: the frame size %2 x %3 is "
                                    "outside 1 to 65535 pixels.")
                         .arg(path)
                         .arg(size.width())
                         .arg(size.height());
        return false;
    }
    m_size = size;
    m_delay = std::clamp(delayCentiseconds, 1, 65535);
    m_frameCount = 0;
    m_file = std::make_unique<QSaveFile>(path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        if (error)
            *error = QStringLiteral("Cannot write the animation %1: %2.")
                         .arg(path, m_file->errorString());
        m_file.reset();
        return false;
    }
    int code = 0;
    m_gif = EGifOpen(m_file.get(), writeBytes, &code);
    if (!m_gif)
        return fail(QStringLiteral("starting the file"), code, error);
    EGifSetGifVersion(m_gif, true);
    if (EGifPutScreenDesc(m_gif, size.width(), size.height(), 8, 0, nullptr) == GIF_ERROR)
        return fail(QStringLiteral("writing the screen description"), m_gif->Error, error);

    // The Netscape application extension with a loop count of 0: repeat forever.
    const char application[] = "NETSCAPE2.0";
    const GifByteType loop[3] = {1, 0, 0};
    if (EGifPutExtensionLeader(m_gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
        EGifPutExtensionBlock(m_gif, 11, application) == GIF_ERROR ||
        EGifPutExtensionBlock(m_gif, 3, loop) == GIF_ERROR ||
        EGifPutExtensionTrailer(m_gif) == GIF_ERROR)
        return fail(QStringLiteral("writing the loop extension"), m_gif->Error, error);
    return true;
}

bool GifWriter::addFrame(const QImage &frame, QString *error)
{
    if (!m_gif) {
        if (error)
            *error = QStringLiteral("Cannot add a frame: no animation file is open.");
        return false;
    }
    const QImage image =
        frame.scaled(m_size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
            .convertToFormat(QImage::Format_RGB888);
    const int width = m_size.width();
    const int height = m_size.height();
    const size_t pixels = static_cast<size_t>(width) * height;
    std::vector<GifByteType> red(pixels);
    std::vector<GifByteType> green(pixels);
    std::vector<GifByteType> blue(pixels);
    for (int y = 0; y < height; ++y) {
        const uchar *line = image.constScanLine(y);
        for (int x = 0; x < width; ++x) {
            const size_t index = static_cast<size_t>(y) * width + x;
            red[index] = line[3 * x];
            green[index] = line[3 * x + 1];
            blue[index] = line[3 * x + 2];
        }
    }
    int colourCount = 256;
    std::vector<GifColorType> palette(256);
    std::vector<GifByteType> indices(pixels);
    if (GifQuantizeBuffer(width, height, &colourCount, red.data(), green.data(), blue.data(),
                          indices.data(), palette.data()) == GIF_ERROR)
        return fail(QStringLiteral("reducing a frame to 256 colours"), D_GIF_ERR_NOT_ENOUGH_MEM,
                    error);
    ColorMapObject *colourMap = GifMakeMapObject(256, palette.data());
    if (!colourMap)
        return fail(QStringLiteral("making a palette"), E_GIF_ERR_NOT_ENOUGH_MEM, error);

    GraphicsControlBlock control;
    control.DisposalMode = DISPOSE_DO_NOT;
    control.UserInputFlag = false;
    control.DelayTime = m_delay;
    control.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType controlBytes[4];
    EGifGCBToExtension(&control, controlBytes);

    const bool written =
        EGifPutExtension(m_gif, GRAPHICS_EXT_FUNC_CODE, 4, controlBytes) != GIF_ERROR &&
        EGifPutImageDesc(m_gif, 0, 0, width, height, false, colourMap) != GIF_ERROR;
    GifFreeMapObject(colourMap);
    if (!written)
        return fail(QStringLiteral("writing a frame header"), m_gif->Error, error);
    for (int y = 0; y < height; ++y) {
        if (EGifPutLine(m_gif, indices.data() + static_cast<size_t>(y) * width, width) ==
            GIF_ERROR)
            return fail(QStringLiteral("writing a frame"), m_gif->Error, error);
    }
    ++m_frameCount;
    return true;
}

bool GifWriter::finish(QString *error)
{
    if (!m_gif) {
        if (error)
            *error = QStringLiteral("Cannot finish the animation: no animation file is open.");
        return false;
    }
    if (m_frameCount == 0) {
        if (error)
            *error = QStringLiteral("Cannot write the animation %1: it has no frames.").arg(m_path);
        cancel();
        return false;
    }
    int code = 0;
    const int closed = EGifCloseFile(m_gif, &code);
    m_gif = nullptr;
    if (closed == GIF_ERROR)
        return fail(QStringLiteral("ending the file"), code, error);
    if (!m_file->commit()) {
        if (error)
            *error = QStringLiteral("Cannot write the animation %1: %2.")
                         .arg(m_path, m_file->errorString());
        m_file.reset();
        return false;
    }
    m_file.reset();
    return true;
}

void GifWriter::cancel()
{
    if (m_gif) {
        int code = 0;
        EGifCloseFile(m_gif, &code);
        m_gif = nullptr;
    }
    if (m_file) {
        m_file->cancelWriting();
        m_file.reset();
    }
}

} // namespace losslens
