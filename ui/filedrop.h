#pragma once

#include <QString>

#include <vector>

class QMimeData;

namespace losslens {

enum class DroppedFileKind { Session, Csv };

struct DroppedFile
{
    QString path;
    DroppedFileKind kind = DroppedFileKind::Csv;
};

// The local files of a drag that the main window opens, in the drag's order: .losslens files
// as sessions, .csv, .tsv and .txt files as CSV data. Other files and remote URLs are left out,
// so an empty list means the window rejects the drag.
std::vector<DroppedFile> droppedFiles(const QMimeData *mimeData);

} // namespace losslens
