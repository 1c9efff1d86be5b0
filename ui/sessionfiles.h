#pragma once

#include "sessionfile.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QUndoStack;

namespace losslens {

class Autosave;

// The user's choice when closing or replacing the session would lose unsaved changes.
enum class UnsavedChangesChoice { Save, Discard, Cancel };

// The file behind the window's session: its path, whether the session has changes that are not
// in that file, the autosave copy, and opening, saving and recovering. The session is modified
// while its undo stack is away from the clean state that the last open or save set, and after a
// recovery or markModified() until the next open or save.
class SessionFiles : public QObject
{
    Q_OBJECT

public:
    // document returns the session as a file saves it; apply replaces the session with one.
    SessionFiles(QUndoStack *undoStack, std::function<SessionDocument()> document,
                 std::function<void(const SessionDocument &)> apply, QObject *parent = nullptr);
    ~SessionFiles() override;

    // The session file, or an empty string while the session has none.
    QString path() const { return m_path; }
    // The file's name without its suffix, or "Untitled".
    QString displayName() const;
    bool isModified() const;

    // Replaces the session with a session file's. A rejected file leaves the session as it was
    // and returns false with a message naming the file and the problem.
    bool open(const QString &path, QString *error);
    // Writes the session to path, which becomes the session's file. Returns false with a
    // message naming the file and the reason; the session stays modified then.
    bool save(const QString &path, QString *error);
    // Opens an autosave file as an unsaved, modified session without a file, writes this
    // window's own autosave copy and then removes the recovered file.
    bool recover(const QString &autosavePath, QString *error);

    // Forgets the session's file, so that Save prompts for a new name. Opening a lesson calls
    // it, because the lesson's steps must not be written over the file that was open before.
    void forgetFile();

    // Starts keeping an autosave copy in folder, written a short delay after each change.
    void enableAutosave(const QString &folder);
    // The autosave copy's writer, or nullptr before enableAutosave().
    Autosave *autosave() const { return m_autosave.get(); }
    // Marks the session as modified until the next open or save, for a change that the undo
    // stack does not record, such as command-line options applied to an opened file.
    void markModified();
    // Called on every change of the session.
    void markChanged();
    // Called when the window closes normally or its unsaved work was discarded: removes the
    // autosave copy.
    void markClosed();

signals:
    // The path, the name or the modified state changed.
    void statusChanged();

private:
    QUndoStack *m_undoStack;
    std::function<SessionDocument()> m_document;
    std::function<void(const SessionDocument &)> m_apply;
    std::unique_ptr<Autosave> m_autosave;
    QString m_path;
    // Set by a recovery or markModified(), cleared by open() and save().
    bool m_modifiedOutsideUndo = false;
};

} // namespace losslens
