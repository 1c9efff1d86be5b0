#pragma once

#include "core/csvreader.h"

#include <QCommandLineOption>
#include <QString>
#include <QStringList>

#include <optional>

class QTextStream;

namespace losslens {

// The options that every command reading --data shares: --skip-invalid, and the help texts of
// --data, --x and --y.
QCommandLineOption skipInvalidOption();
QString dataOptionHelp();
QString columnOptionHelp();

// Loads the columns for a command. With skipInvalid the rows with problems are left out and
// listed on errors (the first 20, then their count), each line after prefix, also when the load
// then fails, for example because fewer than 2 usable rows remain. Without it the
// first problem rejects the file. On failure returns std::nullopt and sets *error to the
// reason, which names the file, line and column. For a problem that --skip-invalid would skip,
// the reason also suggests that option.
std::optional<Dataset> loadCommandLineDataset(const QString &path, const QString &featureColumn,
                                              const QString &targetColumn, bool skipInvalid,
                                              const QString &prefix, QTextStream &errors,
                                              QString *error);

std::optional<MultiFeatureData> loadCommandLineMultiFeatureData(
    const QString &path, const QStringList &featureColumns, const QString &targetColumn,
    bool skipInvalid, const QString &prefix, QTextStream &errors, QString *error);

} // namespace losslens
