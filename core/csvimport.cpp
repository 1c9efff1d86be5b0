#include "csvimport.h"

#include "csvreadertext.h"
#include "csvparser.h"
#include "logging.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <string>

namespace losslens {

namespace {

// Passes each data record's chosen cells to a collector, skipping the header record.
class ColumnSink : public CsvRecordSink
{
public:
    ColumnSink(CsvColumnCollector &collector, bool hasHeader)
        : m_collector(collector), m_skipHeader(hasHeader),
          m_cells(std::size_t(collector.slotCount())), m_views(m_cells.size())
    {
    }

    void addField(std::string_view text) override
    {
        const qsizetype slot = m_collector.slotOfField(m_fieldCount++);
        if (slot >= 0)
            m_cells[std::size_t(slot)].assign(text);
    }

    void endRecord(qsizetype, qsizetype line) override
    {
        if (m_skipHeader) {
            m_skipHeader = false;
            m_collector.data().headerLine = line;
        } else {
            for (std::size_t slot = 0; slot < m_cells.size(); ++slot)
                m_views[slot] = m_cells[slot];
            if (!m_collector.addRecord(line, m_fieldCount, m_views.data()))
                m_problemSeen = true;
        }
        m_fieldCount = 0;
    }

    bool problemSeen() const { return m_problemSeen; }

private:
    CsvColumnCollector &m_collector;
    bool m_skipHeader;
    qsizetype m_fieldCount = 0;
    bool m_problemSeen = false;
    // Reused for every record, so that reading allocates only while a cell grows.
    std::vector<std::string> m_cells;
    std::vector<std::string_view> m_views;
};

} // namespace

std::optional<CsvPreview> readCsvPreview(const QString &path, CsvError *error)
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
    CsvPreview preview;
    preview.path = path;
    preview.fileSize = file.size();
    const QByteArray start = file.read(CsvPreview::previewBytes);
    preview.wholeFile = file.atEnd();
    // The sample is cut after decoding, since in UTF-16 LE a line end is 0A 00.
    CsvTextDecoder decoder(path);
    if (!decoder.decode(start, preview.wholeFile, &preview.sample, error)) {
        qCDebug(lcData) << "not text:" << path;
        return std::nullopt;
    }
    preview.encoding = decoder.encoding();
    preview.encodingNote = decoder.note();
    if (!preview.encodingNote.isEmpty())
        qCWarning(lcData).noquote() << preview.encodingNote;
    else if (preview.encoding != TextEncoding::Utf8)
        qCInfo(lcData).noquote() << "reading" << path << "as" << textEncodingName(preview.encoding);
    if (!preview.wholeFile) {
        const qsizetype lastLineEnd = preview.sample.lastIndexOf('\n');
        if (lastLineEnd > 0)
            preview.sample.truncate(lastLineEnd + 1);
    }
    if (preview.sample.trimmed().isEmpty() && preview.wholeFile) {
        *error = {
            CsvReaderText::tr("%1 is empty: expected rows of comma-, semicolon- or tab-separated "
                              "numbers, usually after a header row.")
                .arg(describeFile(path)),
            1,
            {}};
        return std::nullopt;
    }
    preview.detected = detectCsvDialect(preview.sample);
    return preview;
}

std::optional<CsvTable> previewTable(const CsvPreview &preview, const CsvDialect &dialect,
                                     CsvError *error)
{
    return parseCsvText(preview.sample, dialect, false, preview.path, error);
}

std::optional<CsvColumnData> readCsvColumns(const CsvColumnRequest &request,
                                            const CsvReadControl &control, CsvError *error)
{
    QFile file(request.path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = {CsvReaderText::tr("%1: could not open the file (%2).")
                      .arg(request.path, file.errorString()),
                  0,
                  {}};
        // The message reaches the user, so the log repeats it only when debugging.
        qCDebug(lcData) << "open failed" << request.path << file.errorString();
        return std::nullopt;
    }
    QElapsedTimer timer;
    timer.start();
    CsvColumnLayout layout;
    layout.fileName = request.path;
    layout.header = request.header;
    layout.hasHeader = request.dialect.hasHeader;
    layout.decimalComma = request.dialect.decimalComma;
    layout.columns = request.columns;
    CsvColumnCollector collector(std::move(layout));
    ColumnSink sink(collector, request.dialect.hasHeader);
    CsvRecordParser parser(request.dialect.delimiter, true);

    const qint64 total = file.size();
    qint64 done = 0;
    QByteArray chunk;
    CsvTextDecoder decoder(request.path);
    QByteArray text;
    bool parsed = true;
    while (!file.atEnd()) {
        if (control.cancelled && control.cancelled->load()) {
            qCDebug(lcData) << "cancelled reading" << request.path << "at byte" << done;
            CsvColumnData cancelled;
            cancelled.fileName = request.path;
            cancelled.cancelled = true;
            return cancelled;
        }
        chunk = file.read(CsvReadControl::chunkBytes);
        if (chunk.isEmpty())
            break;
        done += chunk.size();
        text.clear();
        if (!decoder.decode(chunk, file.atEnd(), &text, error))
            return std::nullopt;
        parsed = parser.feed(text.constData(), text.size(), sink);
        if (!parsed || (request.stopAtFirstProblem && sink.problemSeen()))
            break;
        if (control.progress)
            control.progress(done, total);
    }
    if (parsed && file.error() != QFileDevice::NoError) {
        *error = {CsvReaderText::tr("%1: could not read the file (%2).")
                      .arg(request.path, file.errorString()),
                  0,
                  {}};
        return std::nullopt;
    }
    if (parsed && !(request.stopAtFirstProblem && sink.problemSeen())) {
        // A read that ended early without its last chunk flagged leaves text in the decoder.
        text.clear();
        if (!decoder.decode({}, true, &text, error))
            return std::nullopt;
        parsed = parser.feed(text.constData(), text.size(), sink) && parser.finish(sink);
    }
    if (!parsed) {
        *error = csvParseError(parser, request.path, request.header, request.dialect.hasHeader);
        return std::nullopt;
    }
    CsvColumnData &data = collector.data();
    data.encodingNote = decoder.note();
    if (!data.encodingNote.isEmpty())
        qCWarning(lcData).noquote() << data.encodingNote;
    qCDebug(lcData) << "read" << data.rowCount << "rows," << data.skipped.rowCount
                    << "with problems, from" << request.path << "in" << timer.elapsed() << "ms";
    return std::move(data);
}

std::optional<CsvColumnData> loadCsvColumns(const QString &path, const QStringList &featureColumns,
                                            const QString &targetColumn,
                                            const CsvLoadOptions &options, CsvError *error)
{
    const std::optional<CsvPreview> preview = readCsvPreview(path, error);
    if (!preview)
        return std::nullopt;
    const std::optional<CsvTable> table = previewTable(*preview, preview->detected, error);
    if (!table)
        return std::nullopt;
    const std::optional<std::vector<qsizetype>> columns = resolveCsvColumns(
        table->header, table->hasHeader, featureColumns, targetColumn, path, error);
    if (!columns)
        return std::nullopt;
    CsvColumnRequest request;
    request.path = path;
    request.dialect = preview->detected;
    request.header = table->header;
    request.columns = *columns;
    request.stopAtFirstProblem = !options.skipInvalidRows;
    return readCsvColumns(request, {}, error);
}

} // namespace losslens
