#include "textencoding.h"

#include "csvreadertext.h"
#include "logging.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

namespace losslens {

namespace {

const unsigned char *bytesOf(QByteArrayView data)
{
    return reinterpret_cast<const unsigned char *>(data.data());
}

// C0 controls other than tab, line feed, vertical tab, form feed and carriage return, and DEL.
// Text files, CSV ones included, do not contain them. Binary files have one within their first
// bytes: 1A at offset 6 of a PNG image, 1F at 0 of a gzip archive, 7F at 0 of an ELF program.
constexpr bool isControl(char32_t value)
{
    return value < 0x09 || (value >= 0x0E && value < 0x20) || value == 0x7F;
}

// Returns the offset of the first control byte in data, or -1. Each block is first tested by a
// loop without early exit, which the compiler vectorizes, and searched only when it has one.
qsizetype firstControlByte(QByteArrayView data)
{
    const unsigned char *bytes = bytesOf(data);
    constexpr qsizetype blockSize = 4096;
    for (qsizetype start = 0; start < data.size(); start += blockSize) {
        const qsizetype end = std::min(data.size(), start + blockSize);
        unsigned char found = 0;
        for (qsizetype i = start; i < end; ++i)
            found |= static_cast<unsigned char>(isControl(bytes[i]));
        if (!found)
            continue;
        for (qsizetype i = start; i < end; ++i) {
            if (isControl(bytes[i]))
                return i;
        }
    }
    return -1;
}

qsizetype countLineEnds(QByteArrayView data)
{
    return qsizetype(std::count(data.begin(), data.end(), '\n'));
}

// The result of scanning bytes for UTF-8 with scanUtf8().
struct Utf8Scan
{
    // Offset of the first byte that does not begin a well-formed sequence, or -1.
    qsizetype invalid = -1;
    // Offset of a well-formed sequence that the end of the data cuts, or the data's size.
    qsizetype complete = 0;
    // Offset of the first byte above 7F, or -1.
    qsizetype firstBeyondAscii = -1;
};

// Scans data for UTF-8 in one pass. A well-formed sequence is a lead byte C2-F4 and 1-3
// continuation bytes 80-BF. The second byte's range is narrower after four lead bytes, which
// rules out overlong forms (E0: A0-BF, F0: 90-BF), surrogates (ED: 80-9F) and code points beyond
// U+10FFFF (F4: 80-8F). A sequence cut by the end of data is well-formed unless wholeText.
Utf8Scan scanUtf8(QByteArrayView data, bool wholeText)
{
    const unsigned char *bytes = bytesOf(data);
    const qsizetype size = data.size();
    Utf8Scan scan;
    scan.complete = size;
    qsizetype i = 0;
    while (i < size) {
        // ASCII runs, which are most of a CSV file, are skipped 16 bytes at a time.
        if (i + 16 <= size) {
            std::uint64_t words[2];
            std::memcpy(words, bytes + i, sizeof words);
            if (((words[0] | words[1]) & 0x8080808080808080u) == 0) {
                i += 16;
                continue;
            }
        }
        const unsigned char lead = bytes[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        if (scan.firstBeyondAscii < 0)
            scan.firstBeyondAscii = i;
        qsizetype length = 0;
        unsigned char secondLow = 0x80;
        unsigned char secondHigh = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0)
                secondLow = 0xA0;
            else if (lead == 0xED)
                secondHigh = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0)
                secondLow = 0x90;
            else if (lead == 0xF4)
                secondHigh = 0x8F;
        } else {
            scan.invalid = i;
            return scan;
        }
        for (qsizetype k = 1; k < length; ++k) {
            if (i + k >= size) {
                if (wholeText)
                    scan.invalid = i;
                else
                    scan.complete = i;
                return scan;
            }
            const unsigned char next = bytes[i + k];
            const unsigned char low = k == 1 ? secondLow : 0x80;
            const unsigned char high = k == 1 ? secondHigh : 0xBF;
            if (next < low || next > high) {
                scan.invalid = i;
                return scan;
            }
        }
        i += length;
    }
    return scan;
}

// Returns the number of characters in valid UTF-8 text: every byte that is not a continuation
// byte (10xxxxxx) starts one.
qsizetype countCharacters(QByteArrayView text)
{
    return qsizetype(std::count_if(text.begin(), text.end(), [](char byte) {
        return (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
    }));
}

char32_t readUnit(const unsigned char *unit, qsizetype size, bool bigEndian)
{
    char32_t value = 0;
    for (qsizetype k = 0; k < size; ++k) {
        const qsizetype shift = 8 * (bigEndian ? size - 1 - k : k);
        value |= char32_t(unit[k]) << shift;
    }
    return value;
}

// Returns whether start looks like UTF-32 without a byte-order mark: every 4-byte unit a code
// point from U+0001 to U+10FFFF, at least half of them below U+0100. Text without NUL bytes
// fails at its first unit, which is at least 0x01010101.
bool looksLikeUtf32(QByteArrayView start, bool bigEndian)
{
    const qsizetype units = start.size() / 4;
    if (units == 0)
        return false;
    const unsigned char *bytes = bytesOf(start);
    qsizetype narrow = 0;
    for (qsizetype k = 0; k < units; ++k) {
        const char32_t value = readUnit(bytes + 4 * k, 4, bigEndian);
        if (value == 0 || value > 0x10FFFF)
            return false;
        narrow += value < 0x100;
    }
    return 2 * narrow >= units;
}

// Returns whether start looks like UTF-16 without a byte-order mark, by the NUL-byte pattern that
// guessTextEncoding() explains.
bool looksLikeUtf16(QByteArrayView start, bool bigEndian)
{
    const qsizetype units = start.size() / 2;
    if (units == 0)
        return false;
    const unsigned char *bytes = bytesOf(start);
    // In the byte order requested, a character below U+0100 has a zero high byte.
    qsizetype zeroHigh = 0;
    for (qsizetype k = 0; k < units; ++k) {
        const unsigned char low = bytes[2 * k + (bigEndian ? 1 : 0)];
        const unsigned char high = bytes[2 * k + (bigEndian ? 0 : 1)];
        if (low == 0 && high == 0)
            return false;
        zeroHigh += high == 0;
    }
    return 2 * zeroHigh > units;
}

// value in upper-case hexadecimal with at least digits digits.
QString hexadecimal(char32_t value, int digits)
{
    return QString::number(uint(value), 16).toUpper().rightJustified(digits, QLatin1Char('0'));
}

// "0x1A" for a byte, "U+001A" for a character; NUL, the most common one in binary files, is
// also named.
QString describeControl(char32_t value, bool character)
{
    const QString number = character ? QStringLiteral("U+") + hexadecimal(value, 4)
                                     : QStringLiteral("0x") + hexadecimal(value, 2);
    return value == 0 ? CsvReaderText::tr("%1 (NUL)").arg(number) : number;
}

} // namespace

QString textEncodingName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8:
        return CsvReaderText::tr("UTF-8");
    case TextEncoding::Utf16LittleEndian:
        return CsvReaderText::tr("UTF-16 (little-endian)");
    case TextEncoding::Utf16BigEndian:
        return CsvReaderText::tr("UTF-16 (big-endian)");
    case TextEncoding::Utf32LittleEndian:
        return CsvReaderText::tr("UTF-32 (little-endian)");
    case TextEncoding::Utf32BigEndian:
        return CsvReaderText::tr("UTF-32 (big-endian)");
    case TextEncoding::Windows1252:
        return CsvReaderText::tr("Windows-1252 (Latin-1)");
    }
    return {};
}

TextEncodingGuess guessTextEncoding(QByteArrayView start, bool wholeText)
{
    if (start.startsWith(QByteArrayView("\xFF\xFE\0\0", 4)))
        return {TextEncoding::Utf32LittleEndian, 4};
    if (start.startsWith(QByteArrayView("\0\0\xFE\xFF", 4)))
        return {TextEncoding::Utf32BigEndian, 4};
    if (start.startsWith(QByteArrayView("\xFF\xFE", 2)))
        return {TextEncoding::Utf16LittleEndian, 2};
    if (start.startsWith(QByteArrayView("\xFE\xFF", 2)))
        return {TextEncoding::Utf16BigEndian, 2};
    const qsizetype utf8Mark = start.startsWith(QByteArrayView("\xEF\xBB\xBF", 3)) ? 3 : 0;
    if (utf8Mark == 0) {
        if (looksLikeUtf32(start, false))
            return {TextEncoding::Utf32LittleEndian, 0};
        if (looksLikeUtf32(start, true))
            return {TextEncoding::Utf32BigEndian, 0};
        if (looksLikeUtf16(start, false))
            return {TextEncoding::Utf16LittleEndian, 0};
        if (looksLikeUtf16(start, true))
            return {TextEncoding::Utf16BigEndian, 0};
    }
    const qsizetype invalid = scanUtf8(start.sliced(utf8Mark), wholeText).invalid;
    if (invalid >= 0)
        return {TextEncoding::Windows1252, utf8Mark, utf8Mark + invalid};
    return {TextEncoding::Utf8, utf8Mark};
}

CsvTextDecoder::CsvTextDecoder(QString fileName) : m_fileName(std::move(fileName)) {}

bool CsvTextDecoder::decode(QByteArrayView chunk, bool last, QByteArray *text, CsvError *error)
{
    if (m_failed) {
        *error = m_error;
        return false;
    }
    QByteArrayView data = chunk;
    QByteArray buffered;
    if (!m_decided) {
        if (!m_undecided.isEmpty() || (chunk.size() < detectionBytes && !last)) {
            m_undecided.append(chunk);
            if (m_undecided.size() < detectionBytes && !last)
                return true;
            buffered = std::exchange(m_undecided, QByteArray());
            data = buffered;
        }
        decide(data, last);
        data = data.sliced(m_guess.byteOrderMarkSize);
        m_offset = m_guess.byteOrderMarkSize;
    }
    const bool decoded =
        m_decoder ? decodeUnits(data, last, text, error) : decodeBytes(data, last, text, error);
    if (!decoded) {
        m_failed = true;
        m_error = *error;
    }
    return decoded;
}

void CsvTextDecoder::decide(QByteArrayView start, bool wholeText)
{
    const QByteArrayView window = start.first(std::min(start.size(), detectionBytes));
    m_guess = guessTextEncoding(window, wholeText && start.size() <= detectionBytes);
    m_decided = true;
    switch (m_guess.encoding) {
    case TextEncoding::Utf16LittleEndian:
        m_decoder.emplace(QStringConverter::Utf16LE);
        break;
    case TextEncoding::Utf16BigEndian:
        m_decoder.emplace(QStringConverter::Utf16BE);
        break;
    case TextEncoding::Utf32LittleEndian:
        m_decoder.emplace(QStringConverter::Utf32LE);
        break;
    case TextEncoding::Utf32BigEndian:
        m_decoder.emplace(QStringConverter::Utf32BE);
        break;
    case TextEncoding::Windows1252:
    case TextEncoding::Utf8:
        // decodeBytes() checks every byte, the window's included, and falls back to Windows-1252
        // at the first one that is not UTF-8, so that it finds one beyond the window too.
        m_guess.encoding = TextEncoding::Utf8;
        m_guess.invalidUtf8Offset = -1;
        break;
    }
}

void CsvTextDecoder::fallBackToWindows1252(QByteArrayView bytes, qsizetype invalid)
{
    m_guess.encoding = TextEncoding::Windows1252;
    m_guess.invalidUtf8Offset = m_offset + invalid;
    // Qt decodes Windows-1252 through ICU. A Qt built without ICU has only Latin-1, which
    // differs in the bytes 80-9F (the euro sign, curly quotes and dashes).
    m_singleByteDecoder.emplace("windows-1252");
    if (!m_singleByteDecoder->isValid()) {
        qCWarning(lcData) << "this Qt has no Windows-1252 decoder, so" << m_fileName
                          << "is read as Latin-1";
        m_singleByteDecoder.emplace(QStringConverter::Latin1);
    }
    // The bytes before the invalid one are valid UTF-8, so its position on the line counts
    // characters, not bytes or CSV fields.
    const QByteArrayView before = bytes.first(invalid);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const qsizetype column =
        (lineStart > 0 ? 0 : m_lineCharacters) + countCharacters(before.sliced(lineStart)) + 1;
    const QString message =
        m_passedBeyondAscii
            ? CsvReaderText::tr("%1 is not UTF-8 throughout: its byte 0x%2 at character %4 of line "
                                "%3 is not valid UTF-8, so the file is read as %5 from that byte "
                                "on. The text before it stays UTF-8, because characters beyond "
                                "ASCII in it were already read as UTF-8. If names or text look "
                                "wrong, save the file as UTF-8.")
            : CsvReaderText::tr("%1 is not UTF-8: its byte 0x%2 at character %4 of line %3 is not "
                                "valid UTF-8, so the file is read as %5. If names or text look "
                                "wrong, save the file as UTF-8.");
    m_note = message.arg(describeFile(m_fileName), hexadecimal(bytesOf(bytes)[invalid], 2))
                 .arg(m_lineEnds + countLineEnds(before) + 1)
                 .arg(column)
                 .arg(textEncodingName(TextEncoding::Windows1252));
}

bool CsvTextDecoder::decodeBytes(QByteArrayView data, bool last, QByteArray *text, CsvError *error)
{
    // The pending bytes start a UTF-8 character that the last chunk cut, at m_offset.
    QByteArray joined;
    QByteArrayView bytes = data;
    if (!m_pendingBytes.isEmpty()) {
        joined = std::exchange(m_pendingBytes, QByteArray()) + data.toByteArray();
        bytes = joined;
    }
    const qsizetype control = firstControlByte(bytes);
    if (control >= 0) {
        const qsizetype line = m_lineEnds + countLineEnds(bytes.first(control)) + 1;
        *error = notTextError(m_offset + control, line, bytesOf(bytes)[control]);
        return false;
    }
    if (m_guess.encoding == TextEncoding::Utf8) {
        const Utf8Scan scan = scanUtf8(bytes, last);
        if (scan.invalid < 0) {
            // A character cut by the chunk's end waits for the next chunk, so that it is checked
            // whole before any of it is passed on.
            const QByteArrayView checked = bytes.first(scan.complete);
            m_pendingBytes = bytes.sliced(scan.complete).toByteArray();
            m_passedBeyondAscii = m_passedBeyondAscii || (scan.firstBeyondAscii >= 0 &&
                                                          scan.firstBeyondAscii < scan.complete);
            const qsizetype lineStart = checked.lastIndexOf('\n') + 1;
            m_lineCharacters =
                (lineStart > 0 ? 0 : m_lineCharacters) + countCharacters(checked.sliced(lineStart));
            m_lineEnds += countLineEnds(checked);
            m_offset += checked.size();
            text->append(checked);
            return true;
        }
        fallBackToWindows1252(bytes, scan.invalid);
        if (m_passedBeyondAscii) {
            // Text already passed on cannot be decoded again, so the valid bytes before the
            // invalid one are passed on as UTF-8 too. Up to the first byte above 7F, Windows-1252
            // and UTF-8 agree, so the other branch reads the whole file as Windows-1252.
            const QByteArrayView valid = bytes.first(scan.invalid);
            m_lineEnds += countLineEnds(valid);
            m_offset += valid.size();
            text->append(valid);
            bytes = bytes.sliced(scan.invalid);
        }
    }
    m_lineEnds += countLineEnds(bytes);
    m_offset += bytes.size();
    text->append(QString(m_singleByteDecoder->decode(bytes)).toUtf8());
    return true;
}

bool CsvTextDecoder::decodeUnits(QByteArrayView data, bool last, QByteArray *text,
                                 CsvError *error)
{
    const bool utf32 = m_guess.encoding == TextEncoding::Utf32LittleEndian ||
                       m_guess.encoding == TextEncoding::Utf32BigEndian;
    const bool bigEndian = m_guess.encoding == TextEncoding::Utf16BigEndian ||
                           m_guess.encoding == TextEncoding::Utf32BigEndian;
    const qsizetype unitSize = utf32 ? 4 : 2;
    // The pending bytes start the next code unit, at m_offset.
    QByteArray joined;
    QByteArrayView units = data;
    if (!m_pendingBytes.isEmpty()) {
        joined = std::exchange(m_pendingBytes, QByteArray()) + data.toByteArray();
        units = joined;
    }
    const unsigned char *bytes = bytesOf(units);
    const qsizetype wholeUnits = units.size() / unitSize * unitSize;
    qsizetype lineEnds = 0;
    // Offset within units of a high surrogate that waits for its low one, or -1.
    qsizetype highSurrogate = -1;
    for (qsizetype i = 0; i < wholeUnits; i += unitSize) {
        const char32_t value = readUnit(bytes + i, unitSize, bigEndian);
        const qint64 offset = m_offset + i;
        const qsizetype line = m_lineEnds + lineEnds + 1;
        const bool isHigh = value >= 0xD800 && value <= 0xDBFF;
        const bool isLow = value >= 0xDC00 && value <= 0xDFFF;
        if (utf32) {
            if (value > 0x10FFFF || isHigh || isLow) {
                *error = invalidEncodingError(
                    offset, line,
                    CsvReaderText::tr("0x%1 is not a Unicode character")
                        .arg(hexadecimal(value, 8)));
                return false;
            }
        } else if (highSurrogate >= 0) {
            // A character beyond U+FFFF is a high surrogate D800-DBFF and a low one DC00-DFFF.
            if (!isLow) {
                *error = invalidEncodingError(
                    m_offset + highSurrogate, line,
                    CsvReaderText::tr("the high surrogate 0x%1 is not followed by a low one")
                        .arg(hexadecimal(readUnit(bytes + highSurrogate, 2, bigEndian), 4)));
                return false;
            }
            highSurrogate = -1;
            continue;
        } else if (isHigh) {
            highSurrogate = i;
            continue;
        } else if (isLow) {
            *error = invalidEncodingError(
                offset, line,
                CsvReaderText::tr("the low surrogate 0x%1 follows no high one")
                    .arg(hexadecimal(value, 4)));
            return false;
        }
        if (isControl(value)) {
            *error = notTextError(offset, line, value);
            return false;
        }
        lineEnds += value == '\n';
    }
    // A high surrogate at the end waits for the next chunk, so that the decoded text never ends
    // within a character.
    const qsizetype complete = highSurrogate >= 0 ? highSurrogate : wholeUnits;
    if (last && complete < units.size()) {
        *error = invalidEncodingError(m_offset + complete, m_lineEnds + lineEnds + 1,
                                      CsvReaderText::tr("the file ends within a character, so it "
                                                        "may be cut short"));
        return false;
    }
    const QString decoded = m_decoder->decode(units.first(complete));
    if (m_decoder->hasError()) {
        *error = invalidEncodingError(m_offset, m_lineEnds + 1,
                                      CsvReaderText::tr("its code units cannot be decoded"));
        return false;
    }
    text->append(decoded.toUtf8());
    m_pendingBytes = units.sliced(complete).toByteArray();
    m_offset += complete;
    m_lineEnds += lineEnds;
    return true;
}

CsvError CsvTextDecoder::notTextError(qint64 offset, qsizetype line, char32_t value) const
{
    const QString choose = CsvReaderText::tr(
        "Choose a CSV file: text with rows of numbers separated by commas, semicolons or tabs.");
    if (m_decoder) {
        return {CsvReaderText::tr("%1 is not a text file: read as %2, it has the control "
                                  "character %3 at byte offset %4 (line %5), which text does "
                                  "not contain. %6")
                    .arg(describeFile(m_fileName), textEncodingName(m_guess.encoding),
                         describeControl(value, true))
                    .arg(offset)
                    .arg(line)
                    .arg(choose),
                line,
                {}};
    }
    return {CsvReaderText::tr("%1 is not a text file: it has the control byte %2 at byte offset "
                              "%3 (line %4), which text does not contain. %5")
                .arg(describeFile(m_fileName), describeControl(value, false))
                .arg(offset)
                .arg(line)
                .arg(choose),
            line,
            {}};
}

CsvError CsvTextDecoder::invalidEncodingError(qint64 offset, qsizetype line,
                                              const QString &problem) const
{
    const QString message =
        hasByteOrderMark()
            ? CsvReaderText::tr("%1 starts with the byte-order mark of %2 text, but the text is "
                                "invalid: at byte offset %3 (line %4), %5. Save the file again as "
                                "UTF-8.")
            : CsvReaderText::tr("%1 looks like %2 text from its first bytes, but the text is "
                                "invalid: at byte offset %3 (line %4), %5. Save the file again as "
                                "UTF-8.");
    return {message.arg(describeFile(m_fileName), textEncodingName(m_guess.encoding))
                .arg(offset)
                .arg(line)
                .arg(problem),
            line,
            {}};
}

std::optional<QByteArray> decodeCsvText(const QByteArray &text, const QString &fileName,
                                        CsvError *error, QString *note)
{
    CsvTextDecoder decoder(fileName);
    QByteArray decoded;
    if (!decoder.decode(text, true, &decoded, error))
        return std::nullopt;
    if (note)
        *note = decoder.note();
    return decoded;
}

} // namespace losslens
