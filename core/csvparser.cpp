#include "csvparser.h"

#include <QCoreApplication>

#include <csv.h>

#include <cstring>

namespace losslens {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CsvReader", text);
}

// libcsv trims spaces and tabs around unquoted fields by default. A tab that separates fields
// must not count as a space, or empty tab-separated cells would merge.
int isSpace(unsigned char character)
{
    return character == ' ';
}

int isSpaceOrTab(unsigned char character)
{
    return character == ' ' || character == '\t';
}

} // namespace

struct CsvRecordParser::Callbacks
{
    static void field(void *text, size_t length, void *data)
    {
        auto *parser = static_cast<CsvRecordParser *>(data);
        ++parser->m_fieldsInRecord;
        parser->m_sink->addField(
            std::string_view(text ? static_cast<const char *>(text) : "", length));
    }

    static void recordEnd(int, void *data)
    {
        auto *parser = static_cast<CsvRecordParser *>(data);
        ++parser->m_recordCount;
        parser->m_fieldsInRecord = 0;
        const qsizetype lastLine = parser->m_atEnd ? parser->lastFedLine() : parser->m_line;
        const qsizetype firstLine =
            parser->m_openRecordLine > 0 ? parser->m_openRecordLine : lastLine;
        parser->m_sink->endRecord(firstLine, lastLine);
    }
};

CsvRecordParser::CsvRecordParser(char delimiter, bool strict) : m_parser(new csv_parser)
{
    const unsigned char options = strict ? (CSV_STRICT | CSV_STRICT_FINI) : 0;
    m_valid = csv_init(m_parser, options) == 0;
    if (!m_valid) {
        m_errorReason = tr("could not initialize the CSV parser");
        return;
    }
    csv_set_delim(m_parser, static_cast<unsigned char>(delimiter));
    csv_set_space_func(m_parser, delimiter == '\t' ? isSpace : isSpaceOrTab);
}

CsvRecordParser::~CsvRecordParser()
{
    if (m_valid)
        csv_free(m_parser);
    delete m_parser;
}

bool CsvRecordParser::feed(const char *data, qsizetype size, CsvRecordSink &sink)
{
    if (!m_valid || !m_errorReason.isEmpty())
        return false;
    if (m_atStart && size > 0) {
        // A byte-order mark split across tiny first chunks would be missed. The readers feed at
        // least 64 KiB or the whole text at once.
        if (size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
            data += 3;
            size -= 3;
        }
        m_atStart = false;
    }
    // Feeding up to each line end lets the record callback know the current line.
    while (size > 0) {
        const auto *end = static_cast<const char *>(std::memchr(data, '\n', size_t(size)));
        const qsizetype length = end ? qsizetype(end - data) + 1 : size;
        if (!feedLinePiece(data, length, sink))
            return false;
        if (end) {
            if (m_recordCount > m_recordsBeforeLine)
                m_openRecordLine = 0;
            else if (m_openRecordLine == 0 && m_lineHasContent)
                m_openRecordLine = m_line;
            ++m_line;
            m_recordsBeforeLine = m_recordCount;
            m_lineHasContent = false;
            m_lineStarted = false;
        } else {
            m_lineStarted = true;
        }
        data += length;
        size -= length;
    }
    return true;
}

bool CsvRecordParser::feedLinePiece(const char *data, qsizetype size, CsvRecordSink &sink)
{
    for (qsizetype i = 0; i < size && !m_lineHasContent; ++i) {
        const char character = data[i];
        m_lineHasContent = character != ' ' && character != '\t' && character != '\r' &&
                           character != '\n';
    }
    m_sink = &sink;
    const size_t length = size_t(size);
    if (csv_parse(m_parser, data, length, Callbacks::field, Callbacks::recordEnd, this) !=
        length) {
        fail(false);
        return false;
    }
    return true;
}

bool CsvRecordParser::finish(CsvRecordSink &sink)
{
    if (!m_valid || !m_errorReason.isEmpty())
        return false;
    m_sink = &sink;
    m_atEnd = true;
    const bool finished = csv_fini(m_parser, Callbacks::field, Callbacks::recordEnd, this) == 0;
    m_atEnd = false;
    if (!finished) {
        fail(true);
        return false;
    }
    return true;
}

qsizetype CsvRecordParser::lastFedLine() const
{
    return !m_lineStarted && m_line > 1 ? m_line - 1 : m_line;
}

void CsvRecordParser::fail(bool atEnd)
{
    const int code = csv_error(m_parser);
    // libcsv reports a field once it is complete, so the failing field comes after those.
    m_errorField = m_fieldsInRecord + 1;
    m_errorLine = m_line;
    if (atEnd && code == CSV_EPARSE) {
        m_errorLine = m_openRecordLine > 0 ? m_openRecordLine : lastFedLine();
        m_errorReason = tr("a quoted field in the row that starts on this line is never closed; "
                           "add its closing quote");
    } else if (code == CSV_EPARSE) {
        m_errorReason = tr("misplaced quote. A quote must enclose a whole field, and a quote "
                           "inside a quoted field must be doubled");
    } else {
        m_errorReason = QString::fromLatin1(csv_strerror(code));
    }
}

} // namespace losslens
