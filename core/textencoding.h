#pragma once

#include "csvcolumns.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringDecoder>

#include <optional>

namespace losslens {

// The encodings in which CSV files are read. Windows-1252 extends Latin-1 with printable
// characters in 0x80-0x9F (€, curly quotes, dashes); it is what spreadsheets on Windows write.
enum class TextEncoding {
    Utf8,
    Utf16LittleEndian,
    Utf16BigEndian,
    Utf32LittleEndian,
    Utf32BigEndian,
    Windows1252,
};

// The encoding's name for messages, such as "UTF-16 (little-endian)".
QString textEncodingName(TextEncoding encoding);

// The encoding of a text's start and the length of its byte-order mark.
struct TextEncodingGuess
{
    TextEncoding encoding = TextEncoding::Utf8;
    qsizetype byteOrderMarkSize = 0;
    // File offset of the first byte that is not UTF-8, which made the guess Windows-1252, or -1.
    qint64 invalidUtf8Offset = -1;
};

// Guesses the encoding from the start of a text. With wholeText, start is the whole text, so a
// multi-byte character cut at its end is invalid rather than continued in the next bytes.
// - A byte-order mark decides: FF FE 00 00 is UTF-32 LE, 00 00 FE FF UTF-32 BE, FF FE UTF-16 LE,
//   FE FF UTF-16 BE and EF BB BF UTF-8. UTF-32 LE is tested first, because its mark begins with
//   the mark of UTF-16 LE.
// - Without one, UTF-8 text has no NUL byte, but UTF-16 text of characters below U+0100 (the
//   digits, delimiters and line ends of a CSV file) has one in every code unit: c 00 in LE,
//   00 c in BE. Of n whole code units, UTF-16 LE is guessed when more than n/2 are c 00 with
//   c != 0 and none is 00 00 (U+0000 is not text). Then fewer than n/2 are 00 c, so BE, guessed
//   in mirror image, cannot also match. UTF-32 is guessed first, when every 4-byte unit is a
//   code point from U+0001 to U+10FFFF and at least half of them are below U+0100.
// - Otherwise the text is UTF-8 when it is valid UTF-8, and Windows-1252 when it is not.
TextEncodingGuess guessTextEncoding(QByteArrayView start, bool wholeText);

// Converts a CSV file's bytes, fed in chunks of any size, to UTF-8 text for the parser, so that
// every reader accepts the same encodings and rejects the same files.
// - The first detectionBytes of the file (or the whole file, when shorter) decide the encoding
//   with guessTextEncoding(), and the byte-order mark is dropped.
// - UTF-16 and UTF-32 are decoded with QStringDecoder after each code unit is checked: an
//   unpaired surrogate, a value beyond U+10FFFF or a text cut within a character rejects the
//   file with the byte offset and line.
// - A control character other than tab, line feed, vertical tab, form feed and carriage return
//   (C0 controls and DEL) rejects the file as not text, with the byte offset and line of the
//   first. Binary files (images, archives, programs) have them within their first bytes.
// - Every byte of a file without NUL-byte patterns is checked for UTF-8 before it is passed on,
//   and the first invalid one switches the file to Windows-1252, wherever it is. Text that was
//   already passed on cannot change, so the switch reads the whole file as Windows-1252 only
//   when the text before the chunk holding the invalid byte is ASCII, which the two encodings
//   write alike. A caller that feeds the whole file in one call always gets that. Otherwise the
//   bytes before the invalid one stay UTF-8, and note() reports that.
class CsvTextDecoder
{
public:
    static constexpr qsizetype detectionBytes = 64 * 1024;

    explicit CsvTextDecoder(QString fileName);

    // Appends the UTF-8 text of the next chunk to text. last marks the end of the file. Output
    // may lag behind input until detectionBytes have been fed, and then by a character or code
    // unit that the chunk's end cuts. Returns false, with error set,
    // for a file that is not text or is invalid in its encoding, and so do all later calls.
    bool decode(QByteArrayView chunk, bool last, QByteArray *text, CsvError *error);

    // Valid once the encoding is decided (after the first call that returns text or fails). It
    // changes from UTF-8 to Windows-1252 at the call that finds a byte that is not UTF-8.
    TextEncoding encoding() const { return m_guess.encoding; }
    bool hasByteOrderMark() const { return m_guess.byteOrderMarkSize > 0; }
    // A sentence for the user about a file read as Windows-1252, which names its first byte that
    // is not UTF-8. Empty for the other encodings.
    QString note() const { return m_note; }

private:
    void decide(QByteArrayView start, bool wholeText);
    void fallBackToWindows1252(QByteArrayView bytes, qsizetype invalid);
    bool decodeBytes(QByteArrayView data, bool last, QByteArray *text, CsvError *error);
    bool decodeUnits(QByteArrayView data, bool last, QByteArray *text, CsvError *error);
    CsvError notTextError(qint64 offset, qsizetype line, char32_t value) const;
    CsvError invalidEncodingError(qint64 offset, qsizetype line, const QString &problem) const;

    QString m_fileName;
    bool m_decided = false;
    bool m_failed = false;
    TextEncodingGuess m_guess;
    // Bytes held until detectionBytes or the end of the file arrive.
    QByteArray m_undecided;
    // The bytes of a code unit (UTF-16, UTF-32) or a character (UTF-8) that the last chunk cut.
    QByteArray m_pendingBytes;
    // File offset of the next byte to check, the first of m_pendingBytes when there are any.
    qint64 m_offset = 0;
    // Line ends checked so far, so that the current line is m_lineEnds + 1.
    qsizetype m_lineEnds = 0;
    // Characters after the last line end passed on as UTF-8, for the column in the note.
    qsizetype m_lineCharacters = 0;
    // Whether a byte above 7F was passed on as UTF-8.
    bool m_passedBeyondAscii = false;
    // Set for UTF-16 and UTF-32 only.
    std::optional<QStringDecoder> m_decoder;
    // Set for Windows-1252 only.
    std::optional<QStringDecoder> m_singleByteDecoder;
    QString m_note;
    // The error that every call repeats after a failure.
    CsvError m_error;
};

// Converts a whole CSV text to UTF-8 as CsvTextDecoder does. note, when not null, receives the
// decoder's note.
std::optional<QByteArray> decodeCsvText(const QByteArray &text, const QString &fileName,
                                        CsvError *error, QString *note = nullptr);

} // namespace losslens
