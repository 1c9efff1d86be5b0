#pragma once

#include <QString>
#include <QtGlobal>

#include <string_view>

struct csv_parser;

namespace losslens {

// Receives the fields and record ends that CsvRecordParser reports, in file order.
class CsvRecordSink
{
public:
    virtual ~CsvRecordSink() = default;
    virtual void addField(std::string_view text) = 0;
    // line is the 1-based line of the file on which the record ends.
    virtual void endRecord(qsizetype line) = 0;
};

// Splits CSV text into fields with libcsv, fed in chunks of any size, and tags each record with
// the line it ends on. libcsv skips blank lines and takes its delimiter at run time. A UTF-8
// byte-order mark at the start of the text is dropped. In strict mode a misplaced quote or a
// quoted field that is never closed stops the parse, and errorMessage() names the line.
class CsvRecordParser
{
public:
    CsvRecordParser(char delimiter, bool strict);
    ~CsvRecordParser();
    CsvRecordParser(const CsvRecordParser &) = delete;
    CsvRecordParser &operator=(const CsvRecordParser &) = delete;

    // Parses the next chunk. Returns false after a parse error.
    bool feed(const char *data, qsizetype size, CsvRecordSink &sink);
    // Ends the text, reporting a last record that has no line end. Returns false after a parse
    // error.
    bool finish(CsvRecordSink &sink);

    // The line of the first parse error and the reason, a sentence fragment without a period.
    qsizetype errorLine() const { return m_errorLine; }
    // 1-based position in its record of the field where the parse error happened.
    qsizetype errorField() const { return m_errorField; }
    QString errorReason() const { return m_errorReason; }
    // Records reported so far.
    qsizetype recordCount() const { return m_recordCount; }

private:
    struct Callbacks;
    bool feedLinePiece(const char *data, qsizetype size, CsvRecordSink &sink);
    void fail(bool atEnd);

    csv_parser *m_parser;
    bool m_valid = false;
    bool m_atStart = true;
    // Line being fed, 1-based.
    qsizetype m_line = 1;
    qsizetype m_recordCount = 0;
    qsizetype m_fieldsInRecord = 0;
    qsizetype m_recordsBeforeLine = 0;
    bool m_lineHasContent = false;
    // First line of a record that no line end has closed yet, or 0. In strict mode only an
    // open quoted field keeps a record going past a line end, so an error at the end of the
    // text belongs to the record that starts here.
    qsizetype m_openRecordLine = 0;
    CsvRecordSink *m_sink = nullptr;
    qsizetype m_errorLine = 0;
    qsizetype m_errorField = 0;
    QString m_errorReason;
};

} // namespace losslens
