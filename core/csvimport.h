#pragma once

#include "csvcolumns.h"
#include "csvdialect.h"
#include "csvreader.h"
#include "textencoding.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>

namespace losslens {

// The start of a CSV file, enough to guess its dialect and show its first rows.
struct CsvPreview
{
    QString path;
    // The first previewBytes of the file as UTF-8 text (see CsvTextDecoder), cut after its last
    // line end unless it is the whole file.
    QByteArray sample;
    bool wholeFile = true;
    qint64 fileSize = 0;
    // The dialect that detectCsvDialect() found in the sample.
    CsvDialect detected;
    // The encoding the file is read in. For a file read as Windows-1252, encodingNote is a
    // sentence for the user that reports it (see CsvTextDecoder::note()).
    TextEncoding encoding = TextEncoding::Utf8;
    QString encodingNote;

    static constexpr qint64 previewBytes = 64 * 1024;
};

// Reads the start of a file, decodes it and detects its dialect. Fails when the file cannot be
// opened, is not text (see CsvTextDecoder) or is empty (blank lines only).
std::optional<CsvPreview> readCsvPreview(const QString &path, CsvError *error);

// The preview's rows under a dialect, read leniently (see parseCsvText()). Fails only for a
// sample without records.
std::optional<CsvTable> previewTable(const CsvPreview &preview, const CsvDialect &dialect,
                                     CsvError *error);

// A read of chosen columns: the file, its dialect and the columns.
struct CsvColumnRequest
{
    QString path;
    CsvDialect dialect;
    // Column names from previewTable(), whose count every row must match.
    QStringList header;
    // 0-based indices of the chosen columns, in the order their values are wanted.
    std::vector<qsizetype> columns;
    // Stop at the first problem, which is all a load that rejects problems needs.
    bool stopAtFirstProblem = false;
};

// Progress and cancellation of a read, polled between chunks of chunkBytes.
struct CsvReadControl
{
    // Called with the bytes read so far and the file's size, from the reading thread.
    std::function<void(qint64 bytesRead, qint64 bytesTotal)> progress;
    // When set, the read stops at the next chunk and returns data with cancelled set.
    const std::atomic_bool *cancelled = nullptr;

    static constexpr qint64 chunkBytes = 1024 * 1024;
};

// Reads the chosen columns of a whole file, decoding it as readCsvPreview() does and feeding
// libcsv (csv_parse) chunk by chunk, so memory grows with the chosen values only. Rows with
// problems are left out and listed (see CsvColumnCollector). Fails when the file cannot be read,
// is not text, or libcsv finds a misplaced or unclosed quote, with the line. Safe to call from a
// worker thread.
std::optional<CsvColumnData> readCsvColumns(const CsvColumnRequest &request,
                                            const CsvReadControl &control, CsvError *error);

// Reads the preview, detects the dialect, resolves the columns by name or 1-based number
// (features, then the target) and reads them. Stops at the first problem unless
// options.skipInvalidRows is set.
std::optional<CsvColumnData> loadCsvColumns(const QString &path,
                                            const QStringList &featureColumns,
                                            const QString &targetColumn,
                                            const CsvLoadOptions &options, CsvError *error);

} // namespace losslens
