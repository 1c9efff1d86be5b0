#include "csvinput.h"

#include <QCoreApplication>
#include <QTextStream>

namespace losslens {

namespace {

// tr() of this file's messages, in the "CommandLine" context of the translation files.
struct CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

// Skipped rows listed on a terminal before the rest are only counted.
constexpr qsizetype listedSkippedRows = 20;

QString explainError(const CsvError &error)
{
    if (!error.skippable)
        return error.message;
    return CommandLine::tr(
               "%1 Or pass --skip-invalid to leave out every row with a missing or invalid "
               "cell or the wrong number of fields.")
        .arg(error.message);
}

// Writes the note on a file read as Windows-1252, which explains names that look wrong.
void reportEncoding(const CsvColumnData &read, const QString &prefix, QTextStream &errors)
{
    if (!read.encodingNote.isEmpty())
        errors << prefix << read.encodingNote << Qt::endl;
}

void reportSkipped(const CsvColumnData &skipped, const QString &prefix, QTextStream &errors)
{
    if (skipped.skipped.rowCount == 0)
        return;
    const QStringList lines =
        describeSkippedRows(skipped, listedSkippedRows).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines)
        errors << prefix << line << Qt::endl;
}

} // namespace

QCommandLineOption skipInvalidOption()
{
    return QCommandLineOption(
        QStringLiteral("skip-invalid"),
        CommandLine::tr(
            "Leave out the rows of --data whose chosen cells are missing or not finite numbers, "
            "or that have the wrong number of fields, and list them on standard error. Without "
            "it the first such row stops the command with exit status 2."));
}

QString dataOptionHelp()
{
    return CommandLine::tr(
        "CSV file, separated by commas, semicolons or tabs (detected), with or without a "
        "header row.");
}

QString columnOptionHelp()
{
    return CommandLine::tr("by header name, or by 1-based number (as in a file without a header)");
}

std::optional<Dataset> loadCommandLineDataset(const QString &path, const QString &featureColumn,
                                              const QString &targetColumn, bool skipInvalid,
                                              const QString &prefix, QTextStream &errors,
                                              QString *error)
{
    CsvLoadOptions options;
    options.skipInvalidRows = skipInvalid;
    CsvColumnData skipped;
    CsvError csvError;
    std::optional<Dataset> data =
        loadCsvDataset(path, featureColumn, targetColumn, options, &skipped, &csvError);
    reportEncoding(skipped, prefix, errors);
    // The skipped rows are listed before an error too, such as too few usable rows left.
    // Without skipInvalid no row is skipped, because the first problem is the error.
    if (skipInvalid)
        reportSkipped(skipped, prefix, errors);
    if (!data) {
        *error = explainError(csvError);
        return std::nullopt;
    }
    return data;
}

std::optional<MultiFeatureData> loadCommandLineMultiFeatureData(
    const QString &path, const QStringList &featureColumns, const QString &targetColumn,
    bool skipInvalid, const QString &prefix, QTextStream &errors, QString *error)
{
    CsvLoadOptions options;
    options.skipInvalidRows = skipInvalid;
    CsvColumnData skipped;
    CsvError csvError;
    std::optional<MultiFeatureData> data = loadCsvMultiFeatureData(
        path, featureColumns, targetColumn, options, &skipped, &csvError);
    reportEncoding(skipped, prefix, errors);
    // The skipped rows are listed before an error too, such as too few usable rows left.
    // Without skipInvalid no row is skipped, because the first problem is the error.
    if (skipInvalid)
        reportSkipped(skipped, prefix, errors);
    if (!data) {
        *error = explainError(csvError);
        return std::nullopt;
    }
    return data;
}

} // namespace losslens
