#include "sessionfiles.h"

#include "autosave.h"
#include "uilogging.h"

#include <QFile>
#include <QFileInfo>
#include <QUndoStack>

namespace losslens {

SessionFiles::SessionFiles(QUndoStack *undoStack, std::function<SessionDocument()> document,
                           std::function<void(const SessionDocument &)> apply, QObject *parent)
    : QObject(parent), m_undoStack(undoStack), m_document(std::move(document)),
      m_apply(std::move(apply))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this, &SessionFiles::statusChanged);
}

SessionFiles::~SessionFiles() = default;

QString SessionFiles::displayName() const
{
    return m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).completeBaseName();
}

bool SessionFiles::isModified() const
{
    return m_modifiedOutsideUndo || !m_undoStack->isClean();
}

bool SessionFiles::open(const QString &path, QString *error)
{
    const std::optional<SessionDocument> document = readSessionFile(path, error);
    if (!document)
        return false;
    m_apply(*document);
    m_path = QFileInfo(path).absoluteFilePath();
    m_modifiedOutsideUndo = false;
    m_undoStack->setClean();
    // The session now equals the file, so no unsaved work is left to keep.
    if (m_autosave)
        m_autosave->markSaved();
    qCDebug(lcUi) << "opened session" << m_path;
    emit statusChanged();
    return true;
}

bool SessionFiles::save(const QString &path, QString *error)
{
    if (!writeSessionFile(path, m_document(), error))
        return false;
    m_path = QFileInfo(path).absoluteFilePath();
    m_modifiedOutsideUndo = false;
    m_undoStack->setClean();
    if (m_autosave)
        m_autosave->markSaved();
    qCDebug(lcUi) << "saved session" << m_path;
    emit statusChanged();
    return true;
}

bool SessionFiles::recover(const QString &autosavePath, QString *error)
{
    const std::optional<SessionDocument> document = readSessionFile(autosavePath, error);
    if (!document)
        return false;
    m_apply(*document);
    m_path.clear();
    m_modifiedOutsideUndo = true;
    // The recovered work lives on in this window's own copy before the old one goes, so a
    // crash right now still leaves one of them.
    QString writeError;
    if (!m_autosave)
        qCDebug(lcUi) << "autosave is off, so" << autosavePath << "stays";
    else if (!m_autosave->writeNow(&writeError))
        qCWarning(lcUi) << "cannot autosave the recovered session:" << writeError;
    else if (!QFile::remove(autosavePath))
        qCWarning(lcUi) << "cannot remove the recovered autosave file" << autosavePath;
    emit statusChanged();
    return true;
}

void SessionFiles::forgetFile()
{
    m_path.clear();
    emit statusChanged();
}

void SessionFiles::enableAutosave(const QString &folder)
{
    m_autosave = std::make_unique<Autosave>(folder, m_document);
}

void SessionFiles::markModified()
{
    m_modifiedOutsideUndo = true;
    emit statusChanged();
}

void SessionFiles::markChanged()
{
    if (m_autosave)
        m_autosave->markChanged();
}

void SessionFiles::markClosed()
{
    if (m_autosave)
        m_autosave->markSaved();
}

} // namespace losslens
