#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QString>
#include <QTextStream>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <optional>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace losslens {

// Reads a finite number from a command-line value, or nothing for text, NaN or an infinity.
inline std::optional<double> finiteNumber(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// Returns "give --NAME once, not N times." for the first of options given more than once, or an
// empty string. QCommandLineParser::value() keeps the last of repeated values and drops the rest.
inline QString repeatedOptionError(const QCommandLineParser &parser,
                                   std::initializer_list<const QCommandLineOption *> options)
{
    for (const QCommandLineOption *option : options) {
        const qsizetype count = parser.values(*option).size();
        if (count > 1) {
            return QCoreApplication::translate("CommandLine", "give --%1 once, not %2 times.")
                .arg(option->names().constFirst())
                .arg(count);
        }
    }
    return {};
}

// Returns the standard stream (1 for output, 2 for errors) that a path names, as /dev/stdout
// does, or 0. Such a path is written through the stream, because opening it anew would start at
// the file's beginning, over what the stream already wrote, and a save file would replace the
// file that the shell redirected to.
inline int standardStreamOf(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat named = {};
    if (::stat(QFile::encodeName(path).constData(), &named) != 0)
        return 0;
    for (const int descriptor : {1, 2}) {
        struct stat stream = {};
        if (::fstat(descriptor, &stream) == 0 && stream.st_dev == named.st_dev &&
            stream.st_ino == named.st_ino)
            return descriptor;
    }
#else
    Q_UNUSED(path)
#endif
    return 0;
}

// A file that a command writes. It is opened before a long computation, so that an unwritable
// path fails at once, and written in one piece at the end. A regular file is written through
// QSaveFile, which replaces it only when every byte is written, so a failure leaves the old file
// or none. A device, a pipe or a standard stream (such as /dev/null or /dev/stdout) is written
// in place: a save file would create a temporary file beside it and rename that over it.
// The path "-" names standard output, as it does for many command-line tools. A command whose
// standard output carries something else rejects "-" before it gets here. Every failure, at the open, a write
// or the final flush (where a full disk shows), is reported as "cannot write PATH: REASON", with
// the system's reason and the path as given.
class CommandOutputFile
{
public:
    explicit CommandOutputFile(const QString &path) : m_path(path), m_saveFile(path)
    {
        const QFileInfo info(path);
        m_standardStream = path == QLatin1String("-") ? 1 : standardStreamOf(path);
        m_inPlace = m_standardStream != 0 || (info.exists() && !info.isFile() && !info.isDir());
    }

    // True when the path names standard output, which then carries the file alone.
    bool isStandardOutput() const { return m_standardStream == 1; }

    bool open(QString *error)
    {
        // Each command rejects an empty path with its option's name first. This check catches
        // the rest, in place of the system's "No such file or directory".
        if (m_path.isEmpty()) {
            *error = QCoreApplication::translate("CommandLine",
                                                 "the output path is empty; give a file name.");
            return false;
        }
        bool opened = false;
        if (m_standardStream != 0) {
            // What the process printed to the stream before stays ahead of the file.
            std::fflush(m_standardStream == 1 ? stdout : stderr);
            opened =
                m_file.open(m_standardStream, QIODevice::WriteOnly, QFileDevice::DontCloseHandle);
        } else if (m_inPlace) {
            m_file.setFileName(m_path);
            opened = m_file.open(QIODevice::WriteOnly);
        } else {
            opened = m_saveFile.open(QIODevice::WriteOnly);
        }
        if (!opened)
            *error = failure();
        return opened;
    }

    // Writes all of bytes, flushes them and, for a save file, replaces the file.
    bool write(const QByteArray &bytes, QString *error)
    {
        QFileDevice &device = m_inPlace ? static_cast<QFileDevice &>(m_file) : m_saveFile;
        // A write that stops short, such as at a file size limit, sets no reason, so the rest
        // is written again until all is written or a write fails with the system's reason.
        qint64 position = 0;
        while (position < bytes.size()) {
            const qint64 count =
                device.write(bytes.constData() + position, bytes.size() - position);
            if (count <= 0)
                break;
            position += count;
        }
        bool written = position == bytes.size() && device.flush();
        if (written && !m_inPlace)
            written = m_saveFile.commit();
        if (written && m_inPlace) {
            m_file.close();
            written = m_file.error() == QFileDevice::NoError;
        }
        if (!written)
            *error = failure();
        // An uncommitted save file removes its temporary file when destroyed.
        return written;
    }

private:
    QString failure() const
    {
        const QFileDevice &device =
            m_inPlace ? static_cast<const QFileDevice &>(m_file) : m_saveFile;
        if (m_path == QLatin1String("-")) {
            return QCoreApplication::translate("CommandLine",
                                               "cannot write to standard output: %1")
                .arg(device.errorString());
        }
        return QCoreApplication::translate("CommandLine", "cannot write %1: %2")
            .arg(m_path, device.errorString());
    }

    QString m_path;
    QSaveFile m_saveFile;
    QFile m_file;
    int m_standardStream = 0;
    bool m_inPlace = false;
};

// Opens, writes and commits a command's output file in one call; see CommandOutputFile.
inline bool writeCommandOutputFile(const QString &path, const QByteArray &bytes, QString *error)
{
    CommandOutputFile file(path);
    return file.open(error) && file.write(bytes, error);
}

// Flushes a command's standard output and returns why it could not be written, or an empty
// string. A full disk or a closed pipe shows only when buffered text reaches the file, which may
// be at this last flush, so a command checks it before it reports success. The stream's own
// device gives the system's reason; the C stream catches text printed past the stream.
inline QString standardOutputError(QTextStream &output)
{
    output.flush();
    QString reason;
    if (output.status() != QTextStream::Ok) {
        const auto *device = qobject_cast<const QFileDevice *>(output.device());
        reason = device && device->error() != QFileDevice::NoError
                     ? device->errorString()
                     : QCoreApplication::translate("CommandLine", "the write failed");
    }
    errno = 0;
    const bool flushed = std::fflush(stdout) == 0;
    if (reason.isEmpty() && (!flushed || std::ferror(stdout))) {
        reason = errno != 0 ? qt_error_string(errno)
                            : QCoreApplication::translate("CommandLine", "the write failed");
    }
    if (reason.isEmpty())
        return {};
    return QCoreApplication::translate("CommandLine", "cannot write to standard output: %1")
        .arg(reason);
}

} // namespace losslens
