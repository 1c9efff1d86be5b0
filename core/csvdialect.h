#pragma once

#include <QByteArray>
#include <QString>

#include <string_view>

namespace losslens {

// The writing conventions of a CSV file: its field delimiter, its decimal separator and whether
// its first record is a header.
struct CsvDialect
{
    char delimiter = ',';
    // True when numbers are written 1,5 rather than 1.5, as in many semicolon-separated files.
    bool decimalComma = false;
    bool hasHeader = true;

    bool operator==(const CsvDialect &) const = default;
};

// The delimiters that detection tries and the import dialog offers.
inline constexpr char csvDelimiters[] = {',', ';', '\t'};

// Guesses the dialect from the first records of a file. sample is the start of the file, cut
// after a line end unless it is the whole file, as UTF-8 text or undecoded; a UTF-16 or UTF-32
// sample is decoded first (see guessTextEncoding()).
// - Delimiter: for each of comma, semicolon and tab, libcsv splits the first 200 records. The
//   delimiter that gives the same field count (at least 2) on the largest share of records wins.
//   Ties go to the larger share of cells that read as numbers, then to more fields, then to the
//   first in that order. Counting over many records rather than the header alone keeps
//   "1,5;2" from reading as comma-separated.
// - Decimal comma: only with a semicolon or tab delimiter, when more cells look like 1,5 than
//   like 1.5.
// - Header: the first record is a header when none of its non-empty cells is a number. It is
//   also a header when one of its text cells lies above a column of numbers or empty cells, so
//   a header may name a column with a number. A missing-value marker such as NA is not text.
CsvDialect detectCsvDialect(const QByteArray &sample);

enum class CsvNumberStatus { Valid, Empty, NotANumber, NotFinite, TooLarge };

struct CsvNumber
{
    double value = 0.0;
    CsvNumberStatus status = CsvNumberStatus::Empty;
};

// Reads a cell as a number: surrounding spaces are ignored, and with decimalComma one comma is
// the decimal point and a dot is rejected (it could be a thousands separator). Values beyond
// maximumDataMagnitude (1e150) are TooLarge, so that squared differences stay finite.
CsvNumber parseCsvNumber(std::string_view cell, bool decimalComma);

// Why a cell was rejected, as a sentence fragment that quotes the cell, such as
// "\"abc\" is not a number".
QString describeCsvNumberProblem(CsvNumberStatus status, std::string_view cell,
                                 bool decimalComma);

// The start of a cell for a message, with control characters such as NUL made visible.
QString printableCsvCell(std::string_view cell);

// A delimiter's name for messages and the import dialog: "comma", "semicolon" or "tab".
QString csvDelimiterName(char delimiter);

} // namespace losslens
