#include "filedrop.h"

#include <QFileInfo>
#include <QMimeData>
#include <QUrl>

namespace losslens {

std::vector<DroppedFile> droppedFiles(const QMimeData *mimeData)
{
    std::vector<DroppedFile> files;
    if (!mimeData || !mimeData->hasUrls())
        return files;
    for (const QUrl &url : mimeData->urls()) {
        if (!url.isLocalFile())
            continue;
        const QString path = url.toLocalFile();
        const QString suffix = QFileInfo(path).suffix().toLower();
        if (suffix == QLatin1String("losslens"))
            files.push_back({path, DroppedFileKind::Session});
        else if (suffix == QLatin1String("csv") || suffix == QLatin1String("tsv") ||
                 suffix == QLatin1String("txt"))
            files.push_back({path, DroppedFileKind::Csv});
    }
    return files;
}

} // namespace losslens
