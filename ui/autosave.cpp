#include "autosave.h"

#include "uilogging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QtConcurrent>

#include <cerrno>
#include <csignal>

namespace losslens {

namespace {

const QString filePrefix = QStringLiteral("autosave-");
const QString fileSuffix = QStringLiteral(".losslens");

// Whether a process with this id runs. kill(pid, 0) sends nothing and reports only whether the
// process exists (POSIX); EPERM means it exists under another user.
bool processRuns(qint64 processId)
{
    if (processId <= 0)
        return false;
    return ::kill(static_cast<pid_t>(processId), 0) == 0 || errno == EPERM;
}

} // namespace

Autosave::Autosave(QString folder, std::function<SessionDocument()> document, QObject *parent)
    : QObject(parent), m_folder(std::move(folder)), m_document(std::move(document))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(3000);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::startWrite);
    connect(&m_writer, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_writer.result();
        if (!error.isEmpty())
            qCWarning(lcUi) << "autosave failed:" << error;
        emit written(error);
        if (m_changedDuringWrite) {
            m_changedDuringWrite = false;
            m_timer.start();
        }
    });
}

Autosave::~Autosave()
{
    m_timer.stop();
    m_writer.waitForFinished();
}

QString Autosave::filePath() const
{
    return QDir(m_folder).filePath(filePrefix + QString::number(QCoreApplication::applicationPid()) +
                                   fileSuffix);
}

void Autosave::markChanged()
{
    if (m_writer.isRunning())
        m_changedDuringWrite = true;
    else
        m_timer.start();
}

void Autosave::markSaved()
{
    m_timer.stop();
    m_changedDuringWrite = false;
    m_writer.waitForFinished();
    QFile::remove(filePath());
}

bool Autosave::writeNow(QString *error)
{
    m_timer.stop();
    m_writer.waitForFinished();
    if (!QDir().mkpath(m_folder)) {
        *error = tr("Cannot create the autosave folder %1.").arg(m_folder);
        return false;
    }
    return writeSessionFile(filePath(), m_document(), error);
}

void Autosave::startWrite()
{
    // The document is taken here, on the window's thread; only the JSON and the disk work run
    // on the worker. SessionDocument shares the immutable data, so the copy is cheap.
    const SessionDocument document = m_document();
    const QString folder = m_folder;
    const QString path = filePath();
    m_writer.setFuture(QtConcurrent::run([document, folder, path] {
        if (!QDir().mkpath(folder))
            return QCoreApplication::translate("Autosave", "Cannot create the autosave folder %1.")
                .arg(folder);
        QString error;
        writeSessionFile(path, document, &error);
        return error;
    }));
}

QStringList Autosave::recoverableFiles(const QString &folder)
{
    QStringList files;
    const QFileInfoList entries =
        QDir(folder).entryInfoList({filePrefix + QLatin1Char('*') + fileSuffix}, QDir::Files,
                                   QDir::Time);
    for (const QFileInfo &entry : entries) {
        const QString id = entry.completeBaseName().mid(filePrefix.size());
        bool number = false;
        const qint64 processId = id.toLongLong(&number);
        if (number && processId != QCoreApplication::applicationPid() && !processRuns(processId))
            files << entry.absoluteFilePath();
    }
    return files;
}

QString Autosave::defaultFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("autosave"));
}

} // namespace losslens
