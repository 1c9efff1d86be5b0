#pragma once

#include "sessionstate.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace losslens {

// The visible part of a two-dimensional view: ranges of its horizontal and vertical axes.
struct ViewRange
{
    double horizontalMinimum = 0.0;
    double horizontalMaximum = 1.0;
    double verticalMinimum = 0.0;
    double verticalMaximum = 1.0;

    bool operator==(const ViewRange &other) const = default;
};

// Contents of a session file (.losslens): the session's state, the data with its edits, and
// the ranges of the views that the user zoomed or panned. A view without a range fits its
// content when the session opens.
struct SessionDocument
{
    SessionState state;
    std::optional<ViewRange> landscapeRange;
    std::optional<ViewRange> dataRange;
};

// The format version this build writes. Readers accept every version up to it, upgrading older
// ones step by step, and reject newer ones with a message that names both versions.
inline constexpr int sessionFormatVersion = 1;

// The document as indented JSON: {"format": "losslens-session", "version": 1, ...}. Numbers are
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
