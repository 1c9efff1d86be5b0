#pragma once

#include "csvcolumns.h"
#include "csvdialect.h"
#include "dataset.h"
#include "linearmodel.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace losslens {

class CsvRecordParser;

// A CSV file split into fields by libcsv, every cell kept as text. For large files prefer
// readCsvColumns() (csvimport.h), which keeps only the chosen columns as numbers.
struct CsvTable
{
    // Column names. A file without a header gets "column 1", "column 2" and so on, and a
    // header cell that is empty gets the same name for its position.
    QStringList header;
    std::vector<std::vector<QByteArray>> rows;
    // 1-based line in the file where each row ends, for messages.
    std::vector<qsizetype> lineNumbers;
    // 1-based line where each row starts. It is before the row's end only for a quoted line
    // break, or for an unclosed quote that a lenient parse reads to the end of the text, whose
    // error message names this line.
    std::vector<qsizetype> firstLineNumbers;
    char delimiter = ',';
    bool decimalComma = false;
    bool hasHeader = true;
    // Line of the header, or 0 without a header.
    qsizetype headerLine = 0;
};

// Splits CSV text with the given dialect, after decoding it to UTF-8 as CsvTextDecoder does
// (textencoding.h), which rejects binary files and invalid text. With strict, a misplaced quote or a
// quoted field that is never closed rejects the text with its line. Without strict, libcsv reads
// on as best it can, which suits a preview of a file's start. Rejects empty text. fileName is
// used in messages only.
std::optional<CsvTable> parseCsvText(const QByteArray &text, const CsvDialect &dialect,
                                     bool strict, const QString &fileName, CsvError *error);

// The error for libcsv's parse error, naming the file, the line and the column. The column is
// named from header when hasHeader is set and the header has that column, else numbered.
CsvError csvParseError(const CsvRecordParser &parser, const QString &fileName,
                       const QStringList &header, bool hasHeader);

// Parses CSV text with the dialect that detectCsvDialect() finds: comma, semicolon or tab
// separated, decimal commas, with or without a header. Quoted fields, CRLF line ends, blank lines
// and the encodings of CsvTextDecoder (UTF-8 with or without a byte-order mark, UTF-16, UTF-32,
// Windows-1252) are accepted. fileName is used in messages only.
std::optional<CsvTable> parseCsv(const QByteArray &text, const QString &fileName, CsvError *error);

std::optional<CsvTable> readCsvFile(const QString &path, CsvError *error);

// Takes two numeric columns, each chosen by header name or 1-based number, as feature and
// target. Every row must have as many fields as the header, and both chosen cells must hold
// finite numbers. The first row that does not rejects the table.
std::optional<Dataset> datasetFromTable(const CsvTable &table, const QString &featureColumn,
                                        const QString &targetColumn, const QString &fileName,
                                        CsvError *error);

// Takes several numeric feature columns and one target column, chosen as datasetFromTable()
// chooses them, for linear models with several weights.
std::optional<MultiFeatureData> multiFeatureDataFromTable(const CsvTable &table,
                                                          const QStringList &featureColumns,
                                                          const QString &targetColumn,
                                                          const QString &fileName,
                                                          CsvError *error);

// The valid rows of loaded columns as a comma-separated table with a header, each number
// written with 17 significant digits so that it reads back as the same double. A column chosen
// twice appears once. The lines are those of the original file.
CsvTable tableFromCsvColumns(const CsvColumnData &columns);

struct CsvLoadOptions
{
    // Leave out rows with a missing or invalid chosen cell, or the wrong number of fields,
    // instead of rejecting the file at the first of them.
    bool skipInvalidRows = false;
};

// Loads the feature and target columns of a file, streaming it through libcsv. When skipped is
// not null it receives the rows left out under skipInvalidRows (values are not copied).
std::optional<Dataset> loadCsvDataset(const QString &path, const QString &featureColumn,
                                      const QString &targetColumn, const CsvLoadOptions &options,
                                      CsvColumnData *skipped, CsvError *error);

std::optional<Dataset> loadCsvDataset(const QString &path, const QString &featureColumn,
                                      const QString &targetColumn, CsvError *error);

// Loads several feature columns and the target column as loadCsvDataset() loads two.
std::optional<MultiFeatureData> loadCsvMultiFeatureData(const QString &path,
                                                        const QStringList &featureColumns,
                                                        const QString &targetColumn,
                                                        const CsvLoadOptions &options,
                                                        CsvColumnData *skipped,
                                                        CsvError *error);

std::optional<MultiFeatureData> loadCsvMultiFeatureData(const QString &path,
                                                        const QStringList &featureColumns,
                                                        const QString &targetColumn,
                                                        CsvError *error);

} // namespace losslens
