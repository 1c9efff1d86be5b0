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
    // firstLine and lastLine are the 1-based lines of the file on which the record starts and
    // ends. They differ only for a record with a quoted line break, or an unclosed quote that
    // a lenient parse reads to the end of the text.
    virtual void endRecord(qsizetype firstLine, qsizetype lastLine) = 0;
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
    // Returns the last line of the fed text, for a record or an error at its end. After a final
    // line end, m_line is one past the text.
    qsizetype lastFedLine() const;
    bool feedLinePiece(const char *data, qsizetype size, CsvRecordSink &sink);
    void fail(bool atEnd);

    csv_parser *m_parser;
    bool m_valid = false;
    bool m_atStart = true;
    // True while finish() flushes the last record.
    bool m_atEnd = false;
    // Line being fed, 1-based.
    qsizetype m_line = 1;
    qsizetype m_recordCount = 0;
    qsizetype m_fieldsInRecord = 0;
    qsizetype m_recordsBeforeLine = 0;
    bool m_lineHasContent = false;
    // True once any byte of the current line was fed, blank or not.
    bool m_lineStarted = false;
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
