#include "lessoncatalogue.h"

#include "sessionfile.h"
#include "uilogging.h"

#include <QDir>

static void initializeLessonResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace losslens {

const std::vector<BundledLesson> &bundledLessons()
{
    static const std::vector<BundledLesson> lessons = [] {
        initializeLessonResources();
        std::vector<BundledLesson> found;
        const QDir folder(QStringLiteral(":/lessons"));
        const QStringList files = folder.entryList({QStringLiteral("*.losslens")}, QDir::Files,
                                                   QDir::Name);
        for (const QString &file : files) {
            const QString path = folder.filePath(file);
            QString error;
            const std::optional<SessionDocument> document = readSessionFile(path, &error);
            if (!document || !document->lesson) {
                qCWarning(lcUi) << "bundled lesson" << path << "is not a lesson:"
                                << (document ? QStringLiteral("no \"lesson\" entry") : error);
                continue;
            }
            found.push_back({path, document->lesson->title, document->lesson->summary});
        }
        return found;
    }();
    return lessons;
}

} // namespace losslens
