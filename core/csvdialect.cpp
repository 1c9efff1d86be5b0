#include "csvdialect.h"

#include "csvreadertext.h"
#include "csvparser.h"
#include "dataset.h"
#include "textencoding.h"

#include <QCoreApplication>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace losslens {

namespace {

constexpr int sampleRecordLimit = 200;

// Collects the first records of a sample as strings.
class SampleRecords : public CsvRecordSink
{
public:
    std::vector<std::vector<std::string>> records;

    void addField(std::string_view text) override
    {
        if (records.size() < sampleRecordLimit)
            m_current.emplace_back(text);
    }
    void endRecord(qsizetype, qsizetype) override
    {
        if (records.size() < sampleRecordLimit)
            records.push_back(std::move(m_current));
        m_current.clear();
    }

private:
    std::vector<std::string> m_current;
};

std::vector<std::vector<std::string>> splitSample(const QByteArray &sample, char delimiter)
{
    // Non-strict, so that a stray quote in the sample does not hide the delimiter.
    CsvRecordParser parser(delimiter, false);
    SampleRecords records;
    if (parser.feed(sample.constData(), sample.size(), records))
        parser.finish(records);
    return std::move(records.records);
}

struct DelimiterScore
{
    double consistency = 0.0;
    // Share of the cells after the first record that read as numbers.
    double numericShare = 0.0;
    std::size_t fieldCount = 0;

    bool isBetterThan(const DelimiterScore &other) const
    {
        if (consistency != other.consistency)
            return consistency > other.consistency;
        if (numericShare != other.numericShare)
            return numericShare > other.numericShare;
        return fieldCount > other.fieldCount;
    }
};

bool isNumber(std::string_view cell, bool allowDecimalComma)
{
    const auto readable = [](CsvNumberStatus status) {
        return status != CsvNumberStatus::Empty && status != CsvNumberStatus::NotANumber;
    };
    return readable(parseCsvNumber(cell, false).status) ||
           (allowDecimalComma && readable(parseCsvNumber(cell, true).status));
}

DelimiterScore scoreDelimiter(const std::vector<std::vector<std::string>> &records, char delimiter)
{
    std::map<std::size_t, int> frequency;
    for (const auto &record : records)
        ++frequency[record.size()];
    DelimiterScore score;
    int best = 0;
    for (const auto &[count, times] : frequency) {
        if (count >= 2 && (times > best || (times == best && count > score.fieldCount))) {
            best = times;
            score.fieldCount = count;
        }
    }
    if (!records.empty())
        score.consistency = double(best) / double(records.size());
    // A file without a header can split evenly on the wrong delimiter, as 1,5;2,5 does on the
    // comma, but then some of its cells are not numbers.
    std::size_t cells = 0;
    std::size_t numbers = 0;
    for (std::size_t row = 1; row < records.size(); ++row) {
        for (const std::string &cell : records[row]) {
            ++cells;
            numbers += isNumber(cell, delimiter != ',');
        }
    }
    if (cells > 0)
        score.numericShare = double(numbers) / double(cells);
    return score;
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

// A plain decimal number with exactly one separator between digits, such as 1,5 or -0.25e3.
bool looksLikeDecimal(std::string_view cell, char separator)
{
    cell = trimmed(cell);
    if (!cell.empty() && (cell.front() == '-' || cell.front() == '+'))
        cell.remove_prefix(1);
    const std::size_t at = cell.find(separator);
    if (at == std::string_view::npos || at == 0 || at + 1 >= cell.size())
        return false;
    std::size_t end = cell.find_first_of("eE");
    if (end == std::string_view::npos)
        end = cell.size();
    for (std::size_t i = 0; i < end; ++i) {
        if (i != at && (cell[i] < '0' || cell[i] > '9'))
            return false;
    }
    return at < end;
}

// Returns true for a cell that marks a missing value, as a first data row may hold.
bool isMissingMarker(std::string_view cell)
{
    std::string lower(trimmed(cell));
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return lower == "na" || lower == "n/a" || lower == "nan" || lower == "null" ||
           lower == "none" || lower == "-" || lower == "?";
}

// Returns true when the first record is a header: none of its non-empty cells is a number, or
// one of them is text above a column of numbers. So a header may name a column with a number,
// such as a year. Text that reads as a missing value, such as NA, is data.
bool firstRecordIsHeader(const std::vector<std::vector<std::string>> &records, bool decimalComma)
{
    const std::vector<std::string> &first = records.front();
    const auto status = [decimalComma](std::string_view cell) {
        return parseCsvNumber(cell, decimalComma).status;
    };
    const bool noNumber = std::all_of(first.begin(), first.end(), [&](const std::string &cell) {
        const CsvNumberStatus read = status(cell);
        return read == CsvNumberStatus::Empty || read == CsvNumberStatus::NotANumber;
    });
    if (noNumber || records.size() < 2)
        return noNumber;
    for (std::size_t column = 0; column < first.size(); ++column) {
        if (status(first[column]) != CsvNumberStatus::NotANumber || isMissingMarker(first[column]))
            continue;
        bool numbersBelow = true;
        for (std::size_t row = 1; row < records.size() && numbersBelow; ++row) {
            const std::vector<std::string> &record = records[row];
            if (column < record.size() && status(record[column]) == CsvNumberStatus::NotANumber)
                numbersBelow = false;
        }
        if (numbersBelow)
            return true;
    }
    return false;
}

// Returns the sample as UTF-8 when it comes undecoded from a UTF-16 or UTF-32 file, whose NUL
// bytes would hide its delimiters. Code units cut by the sample's end are dropped. Other samples
// are returned unchanged, because Windows-1252 writes delimiters and digits as UTF-8 does.
QByteArray utf8Sample(const QByteArray &sample)
{
    const TextEncoding encoding = guessTextEncoding(sample, false).encoding;
    if (encoding == TextEncoding::Utf8 || encoding == TextEncoding::Windows1252)
        return sample;
    const bool utf32 = encoding == TextEncoding::Utf32LittleEndian ||
                       encoding == TextEncoding::Utf32BigEndian;
    const qsizetype unitSize = utf32 ? 4 : 2;
    CsvError error;
    const std::optional<QByteArray> decoded =
        decodeCsvText(sample.first(sample.size() / unitSize * unitSize), {}, &error);
    return decoded ? *decoded : sample;
}

} // namespace

CsvDialect detectCsvDialect(const QByteArray &undecodedSample)
{
    const QByteArray sample = utf8Sample(undecodedSample);
    CsvDialect dialect;
    DelimiterScore best;
    std::vector<std::vector<std::string>> records = splitSample(sample, ',');
    for (const char delimiter : csvDelimiters) {
        std::vector<std::vector<std::string>> split =
            delimiter == ',' ? records : splitSample(sample, delimiter);
        const DelimiterScore score = scoreDelimiter(split, delimiter);
        if (score.fieldCount >= 2 && score.isBetterThan(best)) {
            best = score;
            dialect.delimiter = delimiter;
            records = std::move(split);
        }
    }

    if (dialect.delimiter != ',') {
        int commaDecimals = 0;
        int dotDecimals = 0;
        for (const auto &record : records) {
            for (const std::string &cell : record) {
                commaDecimals += looksLikeDecimal(cell, ',');
                dotDecimals += looksLikeDecimal(cell, '.');
            }
        }
        dialect.decimalComma = commaDecimals > dotDecimals;
    }

    dialect.hasHeader = records.empty() || firstRecordIsHeader(records, dialect.decimalComma);
    return dialect;
}

CsvNumber parseCsvNumber(std::string_view cell, bool decimalComma)
{
    cell = trimmed(cell);
    CsvNumber number;
    if (cell.empty())
        return number;
    number.status = CsvNumberStatus::NotANumber;
    std::string buffer;
    if (decimalComma) {
        const std::size_t comma = cell.find(',');
        if (cell.find('.') != std::string_view::npos ||
            (comma != std::string_view::npos &&
             cell.find(',', comma + 1) != std::string_view::npos))
            return number;
        if (comma != std::string_view::npos) {
            buffer.assign(cell);
            buffer[comma] = '.';
            cell = buffer;
        }
    }
    // from_chars takes no leading plus sign, which spreadsheets do write.
    if (cell.size() > 1 && cell.front() == '+' && cell[1] != '-')
        cell.remove_prefix(1);
    double value = 0.0;
    const char *end = cell.data() + cell.size();
    const auto [stop, error] = std::from_chars(cell.data(), end, value);
    if (stop != end)
        return number;
    if (error == std::errc::result_out_of_range) {
        // from_chars reports overflow and underflow alike and leaves value unset. strtod gives
        // HUGE_VAL for one and a tiny or zero value for the other.
        const std::string text(cell);
        value = std::strtod(text.c_str(), nullptr);
    } else if (error != std::errc()) {
        return number;
    }
    number.value = value;
    if (!std::isfinite(value))
        number.status = CsvNumberStatus::NotFinite;
    else if (std::abs(value) > maximumDataMagnitude)
        number.status = CsvNumberStatus::TooLarge;
    else
        number.status = CsvNumberStatus::Valid;
    return number;
}

QString printableCsvCell(std::string_view cell)
{
    QString text =
        QString::fromUtf8(cell.data(), qsizetype(std::min<std::size_t>(cell.size(), 40)));
    for (QChar &character : text) {
        if (character.category() == QChar::Other_Control)
            character = QChar::ReplacementCharacter;
    }
    return text;
}

QString describeCsvNumberProblem(CsvNumberStatus status, std::string_view cell, bool decimalComma)
{
    const QString cellText = printableCsvCell(trimmed(cell));
    switch (status) {
    case CsvNumberStatus::Valid:
        return {};
    case CsvNumberStatus::Empty:
        return CsvReaderText::tr("the cell is empty");
    case CsvNumberStatus::NotFinite:
        return CsvReaderText::tr("\"%1\" is not a finite number").arg(cellText);
    case CsvNumberStatus::TooLarge:
        return CsvReaderText::tr(
                   "\"%1\" is too large; values up to %2 in magnitude keep squared errors "
                   "finite, so rescale the column")
            .arg(cellText, QString::number(maximumDataMagnitude));
    case CsvNumberStatus::NotANumber:
        break;
    }
    if (decimalComma && cellText.contains(QLatin1Char('.')))
        return CsvReaderText::tr(
                   "\"%1\" is not a number in this file, which writes decimal commas (1,5)")
            .arg(cellText);
    if (!decimalComma && looksLikeDecimal(cell, ','))
        return CsvReaderText::tr(
                   "\"%1\" is not a number (a decimal comma is read only in semicolon- or "
                   "tab-separated files; write 1.5, not 1,5)")
            .arg(cellText);
    return CsvReaderText::tr("\"%1\" is not a number").arg(cellText);
}

QString csvDelimiterName(char delimiter)
{
    switch (delimiter) {
    case ',':
        return CsvReaderText::tr("comma");
    case ';':
        return CsvReaderText::tr("semicolon");
    case '\t':
        return CsvReaderText::tr("tab");
    default:
        return QStringLiteral("'%1'").arg(QLatin1Char(delimiter));
    }
}

} // namespace losslens
