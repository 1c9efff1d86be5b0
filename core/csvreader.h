#pragma once

#include "dataset.h"
#include "linearmodel.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace losslens {

// Why a CSV file was rejected: the message names the file, the line and the column where they
// are known. line is 1-based (0 when the problem is not tied to a line).
struct CsvError
{
    QString message;
    qsizetype line = 0;
    // Header name of the offending column, its 1-based position for a field beyond the header,
    // or empty when the problem is not tied to a column.
    QString column;
};

// A CSV file with a header row, split into fields by libcsv.
struct CsvTable
{
    QStringList header;
    std::vector<std::vector<QByteArray>> rows;
    // 1-based line in the file where each row ends, for messages.
    std::vector<qsizetype> lineNumbers;
    char delimiter = ',';
};

// Parses CSV text. The delimiter is a comma unless the header line contains none, in which case
// a semicolon or a tab is taken when present. Quoted fields, CRLF line ends, a UTF-8
// byte-order mark and blank lines are accepted. fileName is used in messages only.
std::optional<CsvTable> parseCsv(const QByteArray &text, const QString &fileName, CsvError *error);

std::optional<CsvTable> readCsvFile(const QString &path, CsvError *error);

// Takes two numeric columns, chosen by header name, as feature and target. Every row must have
// as many fields as the header, and both chosen cells must hold finite numbers.
std::optional<Dataset> datasetFromTable(const CsvTable &table, const QString &featureColumn,
                                        const QString &targetColumn, const QString &fileName,
                                        CsvError *error);

// Takes several numeric feature columns and one target column, chosen by header name, for
// linear models with several weights. Each column is checked as datasetFromTable checks it.
std::optional<MultiFeatureData> multiFeatureDataFromTable(const CsvTable &table,
                                                          const QStringList &featureColumns,
                                                          const QString &targetColumn,
                                                          const QString &fileName,
                                                          CsvError *error);

std::optional<MultiFeatureData> loadCsvMultiFeatureData(const QString &path,
                                                        const QStringList &featureColumns,
                                                        const QString &targetColumn,
                                                        CsvError *error);

std::optional<Dataset> loadCsvDataset(const QString &path, const QString &featureColumn,
                                      const QString &targetColumn, CsvError *error);

} // namespace losslens
