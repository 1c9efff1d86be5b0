#include "csvreader.h"

#include "csvreadertext.h"
#include "csvimport.h"
#include "csvparser.h"
#include "logging.h"
#include "textencoding.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace losslens {

namespace {

// Keeps every record as text, tagged with the line it ended on.
class TableSink : public CsvRecordSink
{
public:
    std::vector<std::vector<QByteArray>> records;
    std::vector<qsizetype> firstLines;
    std::vector<qsizetype> lines;

    void addField(std::string_view text) override
    {
        m_current.emplace_back(text.data(), qsizetype(text.size()));
    }
    void endRecord(qsizetype firstLine, qsizetype lastLine) override
    {
        records.push_back(std::move(m_current));
        firstLines.push_back(firstLine);
        lines.push_back(lastLine);
        m_current.clear();
    }

private:
    std::vector<QByteArray> m_current;
};

// Feeds the table's rows to a collector for the given columns.
CsvColumnData collectColumns(const CsvTable &table, const std::vector<qsizetype> &columns,
                             const QString &fileName)
{
    CsvColumnLayout layout;
    layout.fileName = fileName;
    layout.header = table.header;
    layout.hasHeader = table.hasHeader;
    layout.decimalComma = table.decimalComma;
    layout.columns = columns;
    CsvColumnCollector collector(std::move(layout));
    collector.data().headerLine = table.headerLine;
    std::vector<std::string_view> cells(std::size_t(collector.slotCount()));
    for (std::size_t row = 0; row < table.rows.size(); ++row) {
        const std::vector<QByteArray> &fields = table.rows[row];
        for (qsizetype field = 0; field < qsizetype(fields.size()); ++field) {
            const qsizetype slot = collector.slotOfField(field);
            if (slot >= 0)
                cells[std::size_t(slot)] =
                    std::string_view(fields[std::size_t(field)].constData(),
                                     std::size_t(fields[std::size_t(field)].size()));
        }
        // A table read for the first problem only need not convert the rest.
        if (!collector.addRecord(table.lineNumbers[row], qsizetype(fields.size()), cells.data()))
            break;
    }
    return std::move(collector.data());
}

// The rows left out, without their values.
CsvColumnData withoutValues(const CsvColumnData &columns)
{
    CsvColumnData report;
    report.fileName = columns.fileName;
    report.names = columns.names;
    report.rowCount = columns.rowCount;
    report.headerLine = columns.headerLine;
    report.skipped = columns.skipped;
    report.encodingNote = columns.encodingNote;
    return report;
}

} // namespace

CsvError csvParseError(const CsvRecordParser &parser, const QString &fileName,
                       const QStringList &header, bool hasHeader)
{
    const qsizetype index = parser.errorField() - 1;
    const bool named = hasHeader && index < header.size() && !header.at(index).isEmpty();
    return {CsvReaderText::tr("%1, line %2, %3: %4.")
                .arg(describeFile(fileName))
                .arg(parser.errorLine())
                .arg(describeCsvColumn(header, named, index), parser.errorReason()),
            parser.errorLine(), named ? header.at(index) : QString::number(index + 1)};
}

namespace {

// Converts a whole file's bytes to UTF-8 text, logging the note on a file read as Windows-1252.
std::optional<QByteArray> decodeWithNote(const QByteArray &text, const QString &fileName,
                                         CsvError *error)
{
    QString note;
    std::optional<QByteArray> decoded = decodeCsvText(text, fileName, error, &note);
    if (decoded && !note.isEmpty())
        qCWarning(lcData).noquote() << note;
    return decoded;
}

// Parses text that is already UTF-8.
std::optional<CsvTable> parseDecodedCsv(const QByteArray &decoded, const CsvDialect &dialect,
                                        bool strict, const QString &fileName, CsvError *error)
{
    CsvRecordParser parser(dialect.delimiter, strict);
    TableSink sink;
    if (!parser.feed(decoded.constData(), decoded.size(), sink) || !parser.finish(sink)) {
        QStringList header;
        if (!sink.records.empty()) {
            for (const QByteArray &name : sink.records.front())
                header << QString::fromUtf8(name).trimmed();
        }
        *error = csvParseError(parser, fileName, header, dialect.hasHeader);
        return std::nullopt;
    }
    if (sink.records.empty()) {
        *error = {
            CsvReaderText::tr("%1 is empty: expected rows of comma-, semicolon- or tab-separated "
                              "numbers, usually after a header row.")
                .arg(describeFile(fileName)),
            1,
            {}};
        return std::nullopt;
    }

    CsvTable table;
    table.delimiter = dialect.delimiter;
    table.decimalComma = dialect.decimalComma;
    table.hasHeader = dialect.hasHeader;
    const std::vector<QByteArray> &first = sink.records.front();
    for (qsizetype k = 0; k < qsizetype(first.size()); ++k) {
        const QString name =
            dialect.hasHeader ? QString::fromUtf8(first[std::size_t(k)]).trimmed() : QString();
        table.header << (name.isEmpty() ? CsvReaderText::tr("column %1").arg(k + 1) : name);
    }
    const std::size_t firstRow = dialect.hasHeader ? 1 : 0;
    table.headerLine = dialect.hasHeader ? sink.lines.front() : 0;
    table.rows.assign(std::make_move_iterator(sink.records.begin() + qsizetype(firstRow)),
                      std::make_move_iterator(sink.records.end()));
    table.lineNumbers.assign(sink.lines.begin() + qsizetype(firstRow), sink.lines.end());
    table.firstLineNumbers.assign(sink.firstLines.begin() + qsizetype(firstRow),
                                  sink.firstLines.end());
    return table;
}

} // namespace

std::optional<CsvTable> parseCsvText(const QByteArray &text, const CsvDialect &dialect, bool strict,
                                     const QString &fileName, CsvError *error)
{
    const std::optional<QByteArray> decoded = decodeWithNote(text, fileName, error);
    if (!decoded)
        return std::nullopt;
    return parseDecodedCsv(*decoded, dialect, strict, fileName, error);
}

std::optional<CsvTable> parseCsv(const QByteArray &text, const QString &fileName, CsvError *error)
{
    // Decoded once, before the dialect is detected, so that it is detected in the decoded text.
    const std::optional<QByteArray> decoded = decodeWithNote(text, fileName, error);
    if (!decoded)
        return std::nullopt;
    return parseDecodedCsv(*decoded, detectCsvDialect(*decoded), true, fileName, error);
}

std::optional<CsvTable> readCsvFile(const QString &path, CsvError *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = {
            CsvReaderText::tr("%1: could not open the file (%2).").arg(path, file.errorString()),
            0,
            {}};
        // The message reaches the user, so the log repeats it only when debugging.
        qCDebug(lcData) << "open failed" << path << file.errorString();
        return std::nullopt;
    }
    return parseCsv(file.readAll(), path, error);
}

std::optional<Dataset> datasetFromTable(const CsvTable &table, const QString &featureColumn,
                                        const QString &targetColumn, const QString &fileName,
                                        CsvError *error)
{
    const auto columns = resolveCsvColumns(table.header, table.hasHeader, {featureColumn},
                                           targetColumn, fileName, error);
    if (!columns)
        return std::nullopt;
    return datasetFromCsvColumns(collectColumns(table, *columns, fileName), CsvInvalidRows::Reject,
                                 error);
}

std::optional<MultiFeatureData> multiFeatureDataFromTable(const CsvTable &table,
                                                          const QStringList &featureColumns,
                                                          const QString &targetColumn,
                                                          const QString &fileName, CsvError *error)
{
    const auto columns = resolveCsvColumns(table.header, table.hasHeader, featureColumns,
                                           targetColumn, fileName, error);
    if (!columns)
        return std::nullopt;
    return multiFeatureDataFromCsvColumns(collectColumns(table, *columns, fileName),
                                          CsvInvalidRows::Reject, error);
}

CsvTable tableFromCsvColumns(const CsvColumnData &columns)
{
    CsvTable table;
    table.headerLine = columns.headerLine;
    std::vector<std::size_t> keptColumns;
    for (qsizetype k = 0; k < columns.names.size(); ++k) {
        if (!table.header.contains(columns.names[k])) {
            table.header << columns.names[k];
            keptColumns.push_back(std::size_t(k));
        }
    }
    table.lineNumbers = columns.lines;
    // The loaded columns keep each row's last line only.
    table.firstLineNumbers = columns.lines;
    table.rows.resize(columns.lines.size());
    for (std::size_t row = 0; row < table.rows.size(); ++row) {
        table.rows[row].reserve(keptColumns.size());
        for (const std::size_t k : keptColumns)
            table.rows[row].push_back(QByteArray::number(columns.values[k][row], 'g', 17));
    }
    return table;
}

std::optional<Dataset> loadCsvDataset(const QString &path, const QString &featureColumn,
                                      const QString &targetColumn, const CsvLoadOptions &options,
                                      CsvColumnData *skipped, CsvError *error)
{
    const std::optional<CsvColumnData> columns =
        loadCsvColumns(path, {featureColumn}, targetColumn, options, error);
    if (!columns)
        return std::nullopt;
    if (skipped)
        *skipped = withoutValues(*columns);
    const CsvInvalidRows invalid =
        options.skipInvalidRows ? CsvInvalidRows::Skip : CsvInvalidRows::Reject;
    std::optional<Dataset> data = datasetFromCsvColumns(*columns, invalid, error);
    if (data)
        qCDebug(lcData) << "loaded" << data->size() << "rows from" << path;
    else
        qCDebug(lcData) << "rejected" << path << error->message;
    return data;
}

std::optional<Dataset> loadCsvDataset(const QString &path, const QString &featureColumn,
                                      const QString &targetColumn, CsvError *error)
{
    return loadCsvDataset(path, featureColumn, targetColumn, {}, nullptr, error);
}

std::optional<MultiFeatureData> loadCsvMultiFeatureData(const QString &path,
                                                        const QStringList &featureColumns,
                                                        const QString &targetColumn,
                                                        const CsvLoadOptions &options,
                                                        CsvColumnData *skipped, CsvError *error)
{
    const std::optional<CsvColumnData> columns =
        loadCsvColumns(path, featureColumns, targetColumn, options, error);
    if (!columns)
        return std::nullopt;
    if (skipped)
        *skipped = withoutValues(*columns);
    const CsvInvalidRows invalid =
        options.skipInvalidRows ? CsvInvalidRows::Skip : CsvInvalidRows::Reject;
    std::optional<MultiFeatureData> data = multiFeatureDataFromCsvColumns(*columns, invalid, error);
    if (data)
        qCDebug(lcData) << "loaded" << data->size() << "rows of" << featureColumns.size()
                        << "features from" << path;
    return data;
}

std::optional<MultiFeatureData> loadCsvMultiFeatureData(const QString &path,
                                                        const QStringList &featureColumns,
                                                        const QString &targetColumn,
                                                        CsvError *error)
{
    return loadCsvMultiFeatureData(path, featureColumns, targetColumn, {}, nullptr, error);
}

} // namespace losslens
