#pragma once

#include "lesson.h"
#include "sessionstate.h"
#include "viewrange.h"
#include "viewsettings.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace losslens {

// Contents of a session file (.losslens): the session's state, the data with its edits, the
// views' ranges and switches, the views and controls hidden, and for a lesson its steps. A view
// without a range fits its content when the session opens.
struct SessionDocument
{
    SessionState state;
    std::optional<ViewRange> landscapeRange;
    // The other views' state. Every file read has it, because reading fills what an older
    // format lacks with the defaults. A document without it, such as a lesson step's, leaves
    // the views as they are when applied, and is written with the defaults.
    std::optional<ViewSettings> views;
    // Names from ViewRegistry of the views and controls that are hidden ("hidden" in the file,
    // optional, so that files written before it existed read as showing everything).
    QStringList hiddenViews;
    // The "lesson" entry, present only in a lesson file.
    std::optional<Lesson> lesson;
};

// The format version this build writes. Readers accept every version up to it, upgrading older
// ones step by step, and reject newer ones with a message that names both versions. Version 1
// kept the landscape's and the data view's ranges only. Version 2 keeps every view's range, or
// "automatic", and the views' switches.
inline constexpr int sessionFormatVersion = 2;

// The document as indented JSON: {"format": "losslens-session", "version": 2, ...}. Numbers are
// written so that they read back as the same doubles.
QByteArray sessionToJson(const SessionDocument &document);

// Reads a document written by sessionToJson(). Returns std::nullopt and a message naming the
// file (fileName, for messages only) and the entry at fault for broken JSON, another format,
// a newer version, data that the CSV reader would reject, an invalid loss or optimizer spec, or
// an index out of range.
std::optional<SessionDocument> sessionFromJson(const QByteArray &json, const QString &fileName,
                                               QString *error);

// Writes the document through QSaveFile, so a failed save leaves an existing file whole.
// Returns false with a message naming the file and the reason.
bool writeSessionFile(const QString &path, const SessionDocument &document, QString *error);

std::optional<SessionDocument> readSessionFile(const QString &path, QString *error);

// For tests: when set, writeSessionFile() fails after writing this many bytes, as a full disk
// would, so the test can check that the old file survives. A negative value turns it off.
void setSessionWriteFailureAfter(qint64 bytes);

} // namespace losslens
