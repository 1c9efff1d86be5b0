#pragma once

#include <QCoreApplication>
#include <QFileInfo>
#include <QString>

namespace losslens {

// tr() of the CSV readers' messages, in the "CsvReader" context of the translation files.
struct CsvReaderText
{
    Q_DECLARE_TR_FUNCTIONS(CsvReader)
};

// Returns the file's name without its folder, as the readers' messages show it.
inline QString describeFile(const QString &fileName)
{
    return QFileInfo(fileName).fileName();
}

} // namespace losslens
