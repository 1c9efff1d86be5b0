#pragma once

#include "sessionfile.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <functional>

namespace losslens {

// Keeps a copy of unsaved work in a folder of its own, so that a crash loses at most the last
// few seconds. Each running window writes one file, autosave-<process id>.losslens, a short
// delay after the last change, in the background, and removes it when the work is saved or the
// window closes normally. A file whose process no longer runs is what a crash left behind, and
// recoverableFiles() lists it for the next start.
class Autosave : public QObject
{
    Q_OBJECT

public:
    // document() returns the state to save; it is called on the calling thread, and the file is
    // written on a worker thread.
    Autosave(QString folder, std::function<SessionDocument()> document, QObject *parent = nullptr);
    ~Autosave() override;

    // Milliseconds between the last change and the write; 3000 by default.
    void setDelay(int milliseconds) { m_timer.setInterval(milliseconds); }
    QString filePath() const;

    // Called on every change of the session: the write follows once changes pause.
    void markChanged();
    // Called when the work was saved or discarded by the user: removes this window's file.
    void markSaved();
    // Writes now, for tests and before risky operations. Returns false with a message.
    bool writeNow(QString *error);
    bool hasPendingWrite() const { return m_timer.isActive() || m_writer.isRunning(); }

    // Autosave files in the folder left by processes that no longer run, newest first.
    static QStringList recoverableFiles(const QString &folder);
    // The folder that the application uses: the user's application data folder.
    static QString defaultFolder();

signals:
    // A background write finished; error is empty on success.
    void written(const QString &error);

private:
    void startWrite();

    QString m_folder;
    std::function<SessionDocument()> m_document;
    QTimer m_timer;
    QFutureWatcher<QString> m_writer;
    bool m_changedDuringWrite = false;
};

} // namespace losslens
