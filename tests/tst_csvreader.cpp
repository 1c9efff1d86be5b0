#include "numericcheck.h"

#include "core/csvcolumns.h"
#include "core/csvimport.h"
#include "core/csvreader.h"
#include "core/textencoding.h"

#include <QFile>
#include <QRandomGenerator>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace losslens;

namespace {

// Writes text to name inside dir and returns the full path, or an empty string on failure.
QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return {};
    return path;
}

// Returns text in the given encoding, after the given byte-order mark (none when empty).
QByteArray encoded(const QString &text, QStringConverter::Encoding encoding,
                   const QByteArray &byteOrderMark = {})
{
    QStringEncoder encoder(encoding);
    return byteOrderMark + QByteArray(encoder.encode(text));
}

QByteArray utf16LittleEndian(const QString &text, const QByteArray &byteOrderMark = {})
{
    return encoded(text, QStringConverter::Utf16LE, byteOrderMark);
}

// Returns a PNG file's signature and the start of its header chunk, then random bytes.
QByteArray pngBytes()
{
    QByteArray bytes("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR", 16);
    QRandomGenerator random(20240601);
    for (int k = 0; k < 4000; ++k)
        bytes.append(char(random.bounded(256)));
    return bytes;
}

// Returns the text of bytes fed to a decoder in chunks of 1 to 7 bytes, so that chunks cut code
// units, surrogate pairs and multi-byte characters at every position. note, when not null,
// receives the decoder's note.
QByteArray decodeInSmallChunks(const QByteArray &bytes, CsvError *error, QString *note = nullptr)
{
    CsvTextDecoder decoder(QStringLiteral("chunks.csv"));
    QByteArray text;
    qsizetype position = 0;
    for (qsizetype size = 1; position < bytes.size(); size = size % 7 + 1) {
        const qsizetype length = std::min(size, bytes.size() - position);
        if (!decoder.decode(QByteArrayView(bytes).sliced(position, length),
                            position + length == bytes.size(), &text, error))
            return {};
        position += length;
    }
    if (note)
        *note = decoder.note();
    return text;
}

// An ASCII CSV file with columns x, label and y, in which one row's label is padding 'a's and
// then special, whose first byte is at offset. The file goes on for 2000 rows after it.
struct FileWithSpecialLabel
{
    QByteArray bytes;
    // The row's 1-based line, and the 1-based column (in characters) of special's first byte.
    qsizetype line = 0;
    qsizetype column = 0;
    qsizetype row = 0;
};

FileWithSpecialLabel fileWithSpecialLabel(qsizetype offset, const QByteArray &special)
{
    FileWithSpecialLabel file;
    file.bytes = "x,label,y\n";
    for (; file.bytes.size() < offset - 64; ++file.row)
        file.bytes +=
            QByteArray::number(file.row) + ",a," + QByteArray::number(2 * file.row) + "\n";
    file.line = file.row + 2;
    const QByteArray start = QByteArray::number(file.row) + ",";
    const qsizetype padding = offset - file.bytes.size() - start.size();
    file.column = start.size() + padding + 1;
    file.bytes +=
        start + QByteArray(padding, 'a') + special + "," + QByteArray::number(2 * file.row) + "\n";
    for (int k = 1; k <= 2000; ++k)
        file.bytes += QByteArray::number(file.row + k) + ",a," +
                      QByteArray::number(2 * (file.row + k)) + "\n";
    return file;
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void severalFeatureColumns();
    void severalFeatureColumnsRejected_data();
    void severalFeatureColumnsRejected();
    void parseAccepted_data();
    void parseAccepted();
    void loadStackLossFile();
    void loadRejected_data();
    void loadRejected();
    void subnormalFeatureRejectedInModel();
    void readMissingFile();
    void encodingsRead_data();
    void encodingsRead();
    void notTextRejected_data();
    void notTextRejected();
    void decodedInAnyChunks_data();
    void decodedInAnyChunks();
    void byteOrderMarkBeforeNumbers();
    void invalidUtf8AfterWindow_data();
    void invalidUtf8AfterWindow();
    void invalidUtf8AfterPassedUtf8();
};

void TestCsvReader::parseAccepted_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("header");
    QTest::addColumn<int>("rowCount");
    QTest::addColumn<QList<qsizetype>>("lines");
    QTest::addColumn<char>("delimiter");
    QTest::addColumn<QByteArray>("lastCell");

    QTest::newRow("quoted header") << QByteArray("\"STACKLOSS\",\"AIRFLOW\"\n42,80\n37,80\n")
                                   << QStringList{"STACKLOSS", "AIRFLOW"} << 2
                                   << QList<qsizetype>{2, 3} << ',' << QByteArray("80");
    QTest::newRow("crlf line ends") << QByteArray("a,b\r\n1,2\r\n3,4\r\n") << QStringList{"a", "b"}
                                    << 2 << QList<qsizetype>{2, 3} << ',' << QByteArray("4");
    QTest::newRow("byte-order mark")
        << QByteArray("\xEF\xBB\xBF"
                      "a,b\n1,2\n")
        << QStringList{"a", "b"} << 1 << QList<qsizetype>{2} << ',' << QByteArray("2");
    QTest::newRow("blank lines") << QByteArray("a,b\n\n1,2\n\n   \n3,4\n\n")
                                 << QStringList{"a", "b"} << 2 << QList<qsizetype>{3, 6} << ','
                                 << QByteArray("4");
    QTest::newRow("no final line end") << QByteArray("a,b\n1,2\n3,4") << QStringList{"a", "b"} << 2
                                       << QList<qsizetype>{2, 3} << ',' << QByteArray("4");
    QTest::newRow("semicolon delimiter") << QByteArray("a;b\n1.5;2\n3;4\n") << QStringList{"a", "b"}
                                         << 2 << QList<qsizetype>{2, 3} << ';' << QByteArray("4");
    QTest::newRow("tab delimiter") << QByteArray("a\tb\n1\t2\n") << QStringList{"a", "b"} << 1
                                   << QList<qsizetype>{2} << '\t' << QByteArray("2");
    // The header is the first non-blank line, so the delimiter must be taken from it.
    QTest::newRow("blank line before semicolon header")
        << QByteArray("\n\na;b\n1;2\n") << QStringList{"a", "b"} << 1 << QList<qsizetype>{4} << ';'
        << QByteArray("2");
    // A quoted line break belongs to the field, and the row is tagged with its last line.
    QTest::newRow("quoted delimiter and line break")
        << QByteArray("name,value\n\"x, y\",1\n\"two\nlines\",2\n") << QStringList{"name", "value"}
        << 2 << QList<qsizetype>{2, 4} << ',' << QByteArray("2");
    QTest::newRow("spaces around header names")
        << QByteArray(" a , b \n1,2\n") << QStringList{"a", "b"} << 1 << QList<qsizetype>{2} << ','
        << QByteArray("2");
}

void TestCsvReader::parseAccepted()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, header);
    QFETCH(int, rowCount);
    QFETCH(QList<qsizetype>, lines);
    QFETCH(char, delimiter);
    QFETCH(QByteArray, lastCell);

    CsvError error;
    const std::optional<CsvTable> table = parseCsv(text, QStringLiteral("memory.csv"), &error);
    QVERIFY2(table, qPrintable(error.message));
    QCOMPARE(table->header, header);
    QCOMPARE(static_cast<int>(table->rows.size()), rowCount);
    QCOMPARE(QList<qsizetype>(table->lineNumbers.begin(), table->lineNumbers.end()), lines);
    QCOMPARE(table->delimiter, delimiter);
    for (const std::vector<QByteArray> &row : table->rows)
        QCOMPARE(static_cast<qsizetype>(row.size()), header.size());
    QCOMPARE(table->rows.back().back().trimmed(), lastCell);
}

void TestCsvReader::loadStackLossFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QStringLiteral("stackloss.csv"),
                                   "\"STACKLOSS\",\"AIRFLOW\",\"WATERTEMP\"\r\n"
                                   "42,80,27\r\n"
                                   "37,80,27\r\n"
                                   "\r\n"
                                   "37,75,25\r\n"
                                   "28,62,24\r\n");
    QVERIFY(!path.isEmpty());

    CsvError error;
    const std::optional<Dataset> data =
        loadCsvDataset(path, QStringLiteral("AIRFLOW"), QStringLiteral("STACKLOSS"), &error);
    QVERIFY2(data, qPrintable(error.message));
    QCOMPARE(data->size(), Eigen::Index(4));
    const std::vector<double> feature(data->feature.begin(), data->feature.end());
    const std::vector<double> target(data->target.begin(), data->target.end());
    QCOMPARE(feature, (std::vector<double>{80, 80, 75, 62}));
    QCOMPARE(target, (std::vector<double>{42, 37, 37, 28}));
    QCOMPARE(data->featureName, QStringLiteral("AIRFLOW"));
    QCOMPARE(data->targetName, QStringLiteral("STACKLOSS"));
    QCOMPARE(data->source, path);
    QVERIFY(!data->hasBinaryLabels());
}

void TestCsvReader::loadRejected_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("feature");
    QTest::addColumn<QString>("target");
    QTest::addColumn<qsizetype>("line");
    QTest::addColumn<QString>("column");
    QTest::addColumn<QStringList>("fragments");

    // Every message must name the file, and the fragments list what else it must name.
    QTest::newRow("short row") << QByteArray("x,y\n1,2\n3\n4,5\n") << "x"
                               << "y" << qsizetype(3) << "y"
                               << QStringList{"line 3", "\"y\"", "missing"};
    // The column of an extra field has no name, so its 1-based position stands for it.
    QTest::newRow("long row") << QByteArray("x,y\n1,2,3,4\n") << "x"
                              << "y" << qsizetype(2) << "3"
                              << QStringList{"line 2", "4 in this row", "2 in the header", "extra"};
    QTest::newRow("text in target")
        << QByteArray("x,y\n1,2\n3,abc\n") << "x"
        << "y" << qsizetype(3) << "y" << QStringList{"line 3", "\"y\"", "\"abc\""};
    QTest::newRow("text in feature")
        << QByteArray("x,y\n1,2\n\n3,4\nfive,6\n") << "x"
        << "y" << qsizetype(5) << "x" << QStringList{"line 5", "\"x\"", "\"five\""};
    // A comma-separated file has no decimal commas, so a quoted 1,5 is not read as 1.5.
    QTest::newRow("decimal comma in comma file")
        << QByteArray("x,y\n\"1,5\",2\n3,4\n") << "x"
        << "y" << qsizetype(2) << "x" << QStringList{"line 2", "\"1,5\"", "write 1.5"};
    QTest::newRow("empty cell") << QByteArray("x,y\n1,2\n3,\n") << "x"
                                << "y" << qsizetype(3) << "y"
                                << QStringList{"line 3", "\"y\"", "empty"};
    QTest::newRow("empty quoted cell")
        << QByteArray("x,y\n\"\",2\n") << "x"
        << "y" << qsizetype(2) << "x" << QStringList{"line 2", "empty"};
    QTest::newRow("empty file") << QByteArray() << "x"
                                << "y" << qsizetype(1) << "" << QStringList{"empty"};
    QTest::newRow("blank file") << QByteArray("\n  \r\n\n") << "x"
                                << "y" << qsizetype(1) << "" << QStringList{"empty"};
    QTest::newRow("header only") << QByteArray("x,y\n") << "x"
                                 << "y" << qsizetype(1) << "" << QStringList{"no data rows"};
    QTest::newRow("unknown feature column")
        << QByteArray("x,y\n1,2\n") << "z"
        << "y" << qsizetype(1) << "z" << QStringList{"\"z\"", "x, y"};
    QTest::newRow("unknown target column")
        << QByteArray("x,y\n1,2\n") << "x"
        << "Y" << qsizetype(1) << "Y" << QStringList{"\"Y\"", "x, y"};
    QTest::newRow("nan cell") << QByteArray("x,y\n1,2\nnan,4\n") << "x"
                              << "y" << qsizetype(3) << "x"
                              << QStringList{"line 3", "\"nan\"", "finite"};
    QTest::newRow("inf cell") << QByteArray("x,y\n1,inf\n") << "x"
                              << "y" << qsizetype(2) << "y"
                              << QStringList{"line 2", "\"inf\"", "finite"};
    QTest::newRow("negative inf cell") << QByteArray("x,y\n1,-inf\n") << "x"
                                       << "y" << qsizetype(2) << "y" << QStringList{"\"-inf\""};
    QTest::newRow("overflowing cell") << QByteArray("x,y\n1,1e999\n") << "x"
                                      << "y" << qsizetype(2) << "y" << QStringList{"\"1e999\""};
    // The quote opens on line 3 and is never closed, so the parser only notices at the end of
    // the file. The message must point at the line where the quote opened.
    QTest::newRow("unbalanced quote")
        << QByteArray("x,y\n1,2\n3,\"4\n5,6\n7,8\n") << "x"
        << "y" << qsizetype(3) << "y" << QStringList{"line 3", "column \"y\"", "quote"};
    QTest::newRow("quote inside unquoted field")
        << QByteArray("x,y\n1,2\n3,4\"5\n") << "x"
        << "y" << qsizetype(3) << "y" << QStringList{"line 3", "column \"y\"", "quote"};
    QTest::newRow("text after closing quote")
        << QByteArray("x,y\n\"1\"2,3\n") << "x"
        << "y" << qsizetype(2) << "x" << QStringList{"line 2", "column \"x\"", "quote"};
    QTest::newRow("huge value") << QByteArray("x,y\n1,2\n2,1e300\n") << "x"
                                << "y" << qsizetype(3) << "y"
                                << QStringList{"line 3", "\"y\"", "too large", "rescale"};
    QTest::newRow("huge negative feature")
        << QByteArray("x,y\n-1e308,2\n2,1\n") << "x"
        << "y" << qsizetype(2) << "x" << QStringList{"line 2", "\"x\"", "too large"};
    // A NUL byte in a text file rejects it as not text, with the byte's offset and line, before
    // any cell is read.
    QTest::newRow("control character")
        << QByteArray("x,y\n1,2\n2,4\0005\n", 14) << "x" << "y" << qsizetype(3) << ""
        << QStringList{"is not a text file", "0x00 (NUL) at byte offset 11 (line 3)"};
    // A line needs two distinct feature values; its slope is undetermined otherwise.
    QTest::newRow("single data row")
        << QByteArray("x,y\n1,2\n") << "x"
        << "y" << qsizetype(0) << "x" << QStringList{"at least 2 points", "has 1"};
    QTest::newRow("constant feature")
        << QByteArray("x,y\n3,2\n3,5\n3,1\n") << "x"
        << "y" << qsizetype(0) << "x" << QStringList{"same x (3)", "undetermined"};
    // Distinct but subnormal feature values, or targets spread 1e210 times wider, put the
    // slope beyond the largest double.
    QTest::newRow("subnormal feature spread")
        << QByteArray("x,y\n1e-320,1\n2e-320,2\n3e-320,3\n") << "x"
        << "y" << qsizetype(0) << "x" << QStringList{"span only 2e-320", "Rescale x"};
    QTest::newRow("slope too large")
        << QByteArray("x,y\n1e-200,1\n2e-200,2e10\n3e-200,3\n") << "x"
        << "y" << qsizetype(0) << "x" << QStringList{"y span 2e+10", "about 1e+210"};
}

void TestCsvReader::loadRejected()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, feature);
    QFETCH(QString, target);
    QFETCH(qsizetype, line);
    QFETCH(QString, column);
    QFETCH(QStringList, fragments);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QStringLiteral("data.csv"), text);
    QVERIFY(!path.isEmpty());

    CsvError error;
    const std::optional<Dataset> data = loadCsvDataset(path, feature, target, &error);
    QVERIFY2(!data, "the file was accepted");
    QCOMPARE(error.line, line);
    QCOMPARE(error.column, column);
    QVERIFY2(error.message.contains(QStringLiteral("data.csv")), qPrintable(error.message));
    for (const QString &fragment : fragments) {
        QVERIFY2(error.message.contains(fragment),
                 qPrintable(QStringLiteral("\"%1\" not in: %2").arg(fragment, error.message)));
    }
}

void TestCsvReader::readMissingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("absent.csv"));
    CsvError error;
    QVERIFY(!readCsvFile(path, &error));
    QCOMPARE(error.line, qsizetype(0));
    QVERIFY2(error.message.contains(path), qPrintable(error.message));
}

void TestCsvReader::severalFeatureColumns()
{
    CsvError error;
    const auto table = parseCsv("a;b;y\n1;10;5\n2;30;6\n4;20;8\n", QStringLiteral("m.csv"), &error);
    QVERIFY2(table, qPrintable(error.message));
    const auto data = multiFeatureDataFromTable(*table, {QStringLiteral("b"), QStringLiteral("a")},
                                                QStringLiteral("y"), QStringLiteral("m.csv"), &error);
    QVERIFY2(data, qPrintable(error.message));
    QCOMPARE(data->featureCount(), Eigen::Index(2));
    QCOMPARE(data->size(), Eigen::Index(3));
    QCOMPARE(data->features(1, 0), 30.0);
    QCOMPARE(data->features(2, 1), 4.0);
    QCOMPARE(data->target[2], 8.0);
    QCOMPARE(data->featureNames, QStringList({QStringLiteral("b"), QStringLiteral("a")}));
}

void TestCsvReader::severalFeatureColumnsRejected_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("none chosen") << QByteArray("a,y\n1,2\n3,4\n") << QStringList()
                                 << "no feature column is chosen";
    QTest::newRow("chosen twice") << QByteArray("a,y\n1,2\n3,4\n") << QStringList{"a", "a"}
                                  << "\"a\" is chosen twice";
    QTest::newRow("unknown") << QByteArray("a,y\n1,2\n3,4\n") << QStringList{"a", "z"}
                             << "no column named \"z\"";
    QTest::newRow("text in the second") << QByteArray("a,b,y\n1,2,3\n3,x,4\n")
                                        << QStringList{"a", "b"} << "line 3";
}

void TestCsvReader::severalFeatureColumnsRejected()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, columns);
    QFETCH(QString, fragment);
    CsvError error;
    const auto table = parseCsv(text, QStringLiteral("m.csv"), &error);
    QVERIFY2(table, qPrintable(error.message));
    QVERIFY(!multiFeatureDataFromTable(*table, columns, QStringLiteral("y"), QStringLiteral("m.csv"),
                                       &error));
    QVERIFY2(error.message.contains(fragment), qPrintable(error.message));
}

void TestCsvReader::subnormalFeatureRejectedInModel()
{
    // A linear model's feature whose values differ only by subnormal amounts has a weight
    // beyond the largest double, so the data is rejected with the column's name.
    CsvColumnData columns;
    columns.fileName = QStringLiteral("tiny.csv");
    columns.names = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("y")};
    columns.values = {{1.0, 2.0, 4.0}, {1e-320, 2e-320, 3e-320}, {1.0, 2.0, 3.5}};
    columns.lines = {2, 3, 4};
    columns.rowCount = 3;
    columns.headerLine = 1;
    CsvError error;
    QVERIFY(!multiFeatureDataFromCsvColumns(columns, CsvInvalidRows::Reject, &error));
    QVERIFY2(error.message.contains(QStringLiteral("the values of b span only 2e-320")),
             qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("w(b)")), qPrintable(error.message));
}

void TestCsvReader::encodingsRead_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("header");
    QTest::addColumn<QList<double>>("feature");
    QTest::addColumn<int>("encoding");
    // True when the file is read as Windows-1252, which the reader must report in a note.
    QTest::addColumn<bool>("noted");

    const QString text = QStringLiteral("größe,y\r\n1,2\r\n3.5,4\r\n");
    const QStringList header{QStringLiteral("größe"), QStringLiteral("y")};
    const QList<double> feature{1, 3.5};
    QTest::newRow("UTF-16 LE with byte-order mark")
        << utf16LittleEndian(text, "\xFF\xFE") << header << feature
        << int(TextEncoding::Utf16LittleEndian) << false;
    QTest::newRow("UTF-16 BE with byte-order mark")
        << encoded(text, QStringConverter::Utf16BE, "\xFE\xFF") << header << feature
        << int(TextEncoding::Utf16BigEndian) << false;
    QTest::newRow("UTF-16 LE without byte-order mark")
        << utf16LittleEndian(text) << header << feature << int(TextEncoding::Utf16LittleEndian)
        << false;
    QTest::newRow("UTF-16 BE without byte-order mark")
        << encoded(text, QStringConverter::Utf16BE) << header << feature
        << int(TextEncoding::Utf16BigEndian) << false;
    QTest::newRow("UTF-32 LE with byte-order mark")
        << encoded(text, QStringConverter::Utf32LE, QByteArray("\xFF\xFE\0\0", 4)) << header
        << feature << int(TextEncoding::Utf32LittleEndian) << false;
    QTest::newRow("UTF-32 BE without byte-order mark")
        << encoded(text, QStringConverter::Utf32BE) << header << feature
        << int(TextEncoding::Utf32BigEndian) << false;
    // A spreadsheet's "Unicode text" export: UTF-16 LE, tab-separated, a character beyond
    // U+FFFF (a surrogate pair) in the header.
    QTest::newRow("UTF-16 tab-separated with surrogate pair")
        << utf16LittleEndian(QStringLiteral("x \U0001F600\ty\r\n1\t2\r\n3\t4\r\n"), "\xFF\xFE")
        << QStringList{QStringLiteral("x \U0001F600"), QStringLiteral("y")} << QList<double>{1, 3}
        << int(TextEncoding::Utf16LittleEndian) << false;
    QTest::newRow("Latin-1 header")
        << QByteArray("temp\xE9rature;d\xE9" "bit\n1,5;2\n3;4\n")
        << QStringList{QStringLiteral("température"), QStringLiteral("débit")}
        << QList<double>{1.5, 3} << int(TextEncoding::Windows1252) << true;
    QTest::newRow("Windows-1252 euro sign")
        << QByteArray("price \x80,y\n1,2\n3,4\n")
        << QStringList{QStringLiteral("price €"), QStringLiteral("y")} << QList<double>{1, 3}
        << int(TextEncoding::Windows1252) << true;
    QTest::newRow("UTF-8 accented header")
        << text.toUtf8() << header << feature << int(TextEncoding::Utf8) << false;
    QTest::newRow("UTF-8 byte-order mark")
        << QByteArray("\xEF\xBB\xBFx,y\n1,2\n3.5,4\n") << QStringList{"x", "y"} << feature
        << int(TextEncoding::Utf8) << false;
}

void TestCsvReader::encodingsRead()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, header);
    QFETCH(QList<double>, feature);
    QFETCH(int, encoding);
    QFETCH(bool, noted);

    CsvError error;
    const std::optional<CsvTable> table = parseCsv(bytes, QStringLiteral("memory.csv"), &error);
    QVERIFY2(table, qPrintable(error.message));
    QCOMPARE(table->header, header);
    QCOMPARE(static_cast<int>(table->rows.size()), 2);
    QCOMPARE(QList<qsizetype>(table->lineNumbers.begin(), table->lineNumbers.end()),
             (QList<qsizetype>{2, 3}));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QStringLiteral("encoded.csv"), bytes);
    QVERIFY(!path.isEmpty());
    const std::optional<CsvPreview> preview = readCsvPreview(path, &error);
    QVERIFY2(preview, qPrintable(error.message));
    QCOMPARE(int(preview->encoding), encoding);
    QCOMPARE(!preview->encodingNote.isEmpty(), noted);
    if (noted) {
        for (const QString &fragment : {QStringLiteral("encoded.csv is not UTF-8"),
                                        QStringLiteral(" of line 1 "),
                                        QStringLiteral("read as Windows-1252")}) {
            QVERIFY2(preview->encodingNote.contains(fragment), qPrintable(preview->encodingNote));
        }
    }
    const std::optional<CsvTable> previewed = previewTable(*preview, preview->detected, &error);
    QVERIFY2(previewed, qPrintable(error.message));
    QCOMPARE(previewed->header, header);

    // The streamed read of the columns, by header name.
    CsvColumnData skipped;
    const std::optional<Dataset> data =
        loadCsvDataset(path, header.front(), header.back(), {}, &skipped, &error);
    QVERIFY2(data, qPrintable(error.message));
    QCOMPARE(QList<double>(data->feature.begin(), data->feature.end()), feature);
    QCOMPARE(data->featureName, header.front());
    QCOMPARE(!skipped.encodingNote.isEmpty(), noted);

    const std::optional<CsvTable> whole = readCsvFile(path, &error);
    QVERIFY2(whole, qPrintable(error.message));
    QCOMPARE(whole->header, header);
}

void TestCsvReader::notTextRejected_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qsizetype>("line");
    QTest::addColumn<QStringList>("fragments");

    QTest::newRow("PNG image") << pngBytes() << qsizetype(2)
                               << QStringList{"is not a text file", "control byte 0x1A",
                                              "at byte offset 6 (line 2)"};
    QTest::newRow("only NUL bytes")
        << QByteArray(300, '\0') << qsizetype(1)
        << QStringList{"is not a text file", "control byte 0x00 (NUL) at byte offset 0 (line 1)"};
    QTest::newRow("gzip archive")
        << QByteArray("\x1F\x8B\x08\0\0\0\0\0\0\x03", 10) << qsizetype(1)
        << QStringList{"is not a text file", "control byte 0x1F at byte offset 0 (line 1)"};
    QTest::newRow("NUL in the third line")
        << QByteArray("x,y\n1,2\n3\0,4\n", 13) << qsizetype(3)
        << QStringList{"control byte 0x00 (NUL) at byte offset 9 (line 3)"};
    // A control byte wins over bytes that are not UTF-8, which alone would read as Windows-1252.
    QTest::newRow("control byte after Latin-1")
        << QByteArray("caf\xE9,y\n1,2\x1B\n") << qsizetype(2)
        << QStringList{"control byte 0x1B at byte offset 10 (line 2)"};
    QTest::newRow("UTF-16 control character")
        << utf16LittleEndian(QStringLiteral("x,y\n1,\u0001\n"), "\xFF\xFE") << qsizetype(2)
        << QStringList{"is not a text file", "read as UTF-16 (little-endian)",
                       "control character U+0001 at byte offset 14 (line 2)"};
    QTest::newRow("UTF-16 low surrogate alone")
        << QByteArray("\xFF\xFEx\0,\0\0\xDC", 8) << qsizetype(1)
        << QStringList{"starts with the byte-order mark of UTF-16 (little-endian) text, but the text is invalid",
                       "at byte offset 6 (line 1), the low surrogate 0xDC00 follows no high one"};
    QTest::newRow("UTF-16 high surrogate alone")
        << QByteArray("\xFE\xFF\0x\xD8\x3D\0,", 8) << qsizetype(1)
        << QStringList{"UTF-16 (big-endian) text, but the text is invalid",
                       "at byte offset 4 (line 1), the high surrogate 0xD83D is not followed"};
    QTest::newRow("UTF-16 cut within a character")
        << utf16LittleEndian(QStringLiteral("x,y\n1,2\n"), "\xFF\xFE") + "3" << qsizetype(3)
        << QStringList{"at byte offset 18 (line 3), the file ends within a character"};
    QTest::newRow("UTF-16 without byte-order mark cut")
        << encoded(QStringLiteral("x,y\n"), QStringConverter::Utf16BE) + QByteArray(1, '\0')
        << qsizetype(2)
        << QStringList{"looks like UTF-16 (big-endian) text from its first bytes, but the text "
                       "is invalid: at byte offset 8 (line 2), the file ends within a character"};
    QTest::newRow("UTF-32 beyond the last character")
        << QByteArray("\xFF\xFE\0\0x\0\0\0\0\0\x11\0", 12) << qsizetype(1)
        << QStringList{"UTF-32 (little-endian) text, but the text is invalid",
                       "at byte offset 8 (line 1), 0x00110000 is not a Unicode character"};
    QTest::newRow("empty file") << QByteArray() << qsizetype(1) << QStringList{"is empty"};
    QTest::newRow("UTF-8 byte-order mark only")
        << QByteArray("\xEF\xBB\xBF") << qsizetype(1) << QStringList{"is empty"};
    QTest::newRow("UTF-16 byte-order mark only")
        << QByteArray("\xFF\xFE") << qsizetype(1) << QStringList{"is empty"};
}

void TestCsvReader::notTextRejected()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qsizetype, line);
    QFETCH(QStringList, fragments);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QStringLiteral("suspect.csv"), bytes);
    QVERIFY(!path.isEmpty());
    // Every reader gives the same message: the preview, the whole-file parse, and the load
    // that streams the file.
    CsvError previewError;
    QVERIFY(!readCsvPreview(path, &previewError));
    CsvError parseError;
    QVERIFY(!parseCsv(bytes, QStringLiteral("suspect.csv"), &parseError));
    CsvError fileError;
    QVERIFY(!readCsvFile(path, &fileError));
    CsvError loadError;
    QVERIFY(!loadCsvDataset(path, QStringLiteral("x"), QStringLiteral("y"), &loadError));
    for (const CsvError *error : {&previewError, &parseError, &fileError, &loadError}) {
        QCOMPARE(error->message, previewError.message);
        QCOMPARE(error->line, line);
    }
    QVERIFY2(previewError.message.startsWith(QStringLiteral("suspect.csv ")),
             qPrintable(previewError.message));
    for (const QString &fragment : fragments) {
        QVERIFY2(previewError.message.contains(fragment),
                 qPrintable(QStringLiteral("\"%1\" not in: %2").arg(fragment, previewError.message)));
    }
}

void TestCsvReader::decodedInAnyChunks_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");

    // Longer than the bytes that decide the encoding, so that chunks are decoded one by one.
    QString text = QStringLiteral("x,label\n");
    for (int row = 0; text.size() < 50000; ++row)
        text += QStringLiteral("%1,é\U0001F600ü€\n").arg(row);
    QTest::newRow("UTF-8") << text.toUtf8() << text;
    QTest::newRow("UTF-16 LE") << utf16LittleEndian(text, "\xFF\xFE") << text;
    QTest::newRow("UTF-16 BE") << encoded(text, QStringConverter::Utf16BE) << text;
    QTest::newRow("UTF-32 LE") << encoded(text, QStringConverter::Utf32LE) << text;
    QString latin = QStringLiteral("x,label\n");
    for (int row = 0; latin.size() < 70000; ++row)
        latin += QStringLiteral("%1,é€ü\n").arg(row);
    QStringEncoder toLatin1(QStringConverter::Latin1);
    QByteArray windows1252 = toLatin1.encode(QString(latin).replace(QChar(0x20AC), QChar(0xA4)));
    windows1252.replace('\xA4', '\x80');
    QTest::newRow("Windows-1252") << windows1252 << latin;
}

void TestCsvReader::decodedInAnyChunks()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QVERIFY(bytes.size() > CsvTextDecoder::detectionBytes);
    CsvError error;
    const QByteArray decoded = decodeInSmallChunks(bytes, &error);
    QVERIFY2(error.message.isEmpty(), qPrintable(error.message));
    QCOMPARE(QString::fromUtf8(decoded), text);
}

void TestCsvReader::byteOrderMarkBeforeNumbers()
{
    // Qt drops a byte-order mark from header names, so a file without a header shows whether
    // the reader skips it: kept, it would make "1" a text cell and the first row a header.
    const QByteArray bytes("\xEF\xBB\xBF" "1,2\n3,4\n");
    CsvTextDecoder decoder(QStringLiteral("marked.csv"));
    QByteArray text;
    CsvError error;
    QVERIFY(decoder.decode(bytes, true, &text, &error));
    QVERIFY(decoder.hasByteOrderMark());
    QCOMPARE(text, QByteArray("1,2\n3,4\n"));

    const std::optional<CsvTable> table = parseCsv(bytes, QStringLiteral("marked.csv"), &error);
    QVERIFY2(table, qPrintable(error.message));
    QVERIFY(!table->hasHeader);
    QCOMPARE(static_cast<int>(table->rows.size()), 2);
    QCOMPARE(table->rows.front().front(), QByteArray("1"));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QStringLiteral("marked.csv"), bytes);
    QVERIFY(!path.isEmpty());
    const std::optional<Dataset> data =
        loadCsvDataset(path, QStringLiteral("1"), QStringLiteral("2"), &error);
    QVERIFY2(data, qPrintable(error.message));
    QCOMPARE(QList<double>(data->feature.begin(), data->feature.end()), (QList<double>{1, 3}));
}

void TestCsvReader::invalidUtf8AfterWindow_data()
{
    QTest::addColumn<qsizetype>("offset");
    QTest::addColumn<QByteArray>("special");
    QTest::addColumn<QString>("label");
    QTest::addColumn<int>("encoding");

    const qsizetype window = CsvTextDecoder::detectionBytes;
    const QByteArray eAcute = "\xE9";
    QTest::newRow("Windows-1252 byte at 200000")
        << qsizetype(200000) << eAcute << QStringLiteral("é") << int(TextEncoding::Windows1252);
    // A lead byte at the window's end looks like a character that the window cuts.
    QTest::newRow("Windows-1252 byte ending the window")
        << window - 1 << eAcute << QStringLiteral("é") << int(TextEncoding::Windows1252);
    QTest::newRow("Windows-1252 byte after the window")
        << window << eAcute << QStringLiteral("é") << int(TextEncoding::Windows1252);
    // Beyond the first chunk of the streamed read, so that its decoder switches between calls.
    QTest::newRow("Windows-1252 byte after the first chunk")
        << qsizetype(CsvReadControl::chunkBytes + 5000) << QByteArray("\x80") << QStringLiteral("€")
        << int(TextEncoding::Windows1252);
    QTest::newRow("UTF-8 character across the window's end, 1 + 2 bytes")
        << window - 1 << QStringLiteral("€").toUtf8() << QStringLiteral("€")
        << int(TextEncoding::Utf8);
    QTest::newRow("UTF-8 character across the window's end, 2 + 1 bytes")
        << window - 2 << QStringLiteral("€").toUtf8() << QStringLiteral("€")
        << int(TextEncoding::Utf8);
}

void TestCsvReader::invalidUtf8AfterWindow()
{
    QFETCH(qsizetype, offset);
    QFETCH(QByteArray, special);
    QFETCH(QString, label);
    QFETCH(int, encoding);

    const FileWithSpecialLabel file = fileWithSpecialLabel(offset, special);
    QCOMPARE(file.bytes.indexOf(special), offset);
    const qsizetype padding = file.column - 1 - QByteArray::number(file.row).size() - 1;
    const QString expectedLabel = QString(padding, QLatin1Char('a')) + label;
    const bool noted = encoding == int(TextEncoding::Windows1252);
    const QString expectedNote =
        QStringLiteral("special.csv is not UTF-8: its byte 0x%1 at character %2 of line %3 is not "
                       "valid UTF-8, so the file is read as Windows-1252 (Latin-1).")
            .arg(QString::number(static_cast<unsigned char>(special.front()), 16).toUpper())
            .arg(file.column)
            .arg(file.line);

    // The whole-file decoding that parseCsv() and parseCsvText() use.
    CsvError error;
    QString note;
    const std::optional<QByteArray> decoded =
        decodeCsvText(file.bytes, QStringLiteral("special.csv"), &error, &note);
    QVERIFY2(decoded, qPrintable(error.message));
    QCOMPARE(note.isEmpty(), !noted);
    if (noted)
        QVERIFY2(note.startsWith(expectedNote), qPrintable(note));

    // The decoder fed in chunks of 1 to 7 bytes, so that the line of the invalid byte starts in
    // an earlier chunk.
    QString chunkedNote;
    const QByteArray chunked = decodeInSmallChunks(file.bytes, &error, &chunkedNote);
    QVERIFY2(error.message.isEmpty(), qPrintable(error.message));
    QCOMPARE(chunked, *decoded);
    QCOMPARE(chunkedNote,
             QString(note).replace(QStringLiteral("special.csv"), QStringLiteral("chunks.csv")));

    // The decoder fed in two chunks split at the end of the window that guesses the encoding.
    CsvTextDecoder decoder(QStringLiteral("special.csv"));
    QByteArray split;
    const QByteArrayView bytes(file.bytes);
    QVERIFY(decoder.decode(bytes.first(CsvTextDecoder::detectionBytes), false, &split, &error));
    QVERIFY(decoder.decode(bytes.sliced(CsvTextDecoder::detectionBytes), true, &split, &error));
    QCOMPARE(split, *decoded);
    QCOMPARE(int(decoder.encoding()), encoding);
    QCOMPARE(decoder.note(), note);

    const auto checkTable = [&](const std::optional<CsvTable> &table) {
        QVERIFY2(table, qPrintable(error.message));
        QCOMPARE(table->header, (QStringList{"x", "label", "y"}));
        const std::size_t row = std::size_t(file.row);
        QCOMPARE(table->lineNumbers[row], file.line);
        QCOMPARE(QString::fromUtf8(table->rows[row][1]), expectedLabel);
        QCOMPARE(table->rows[row][0], QByteArray::number(file.row));
    };
    checkTable(parseCsv(file.bytes, QStringLiteral("special.csv"), &error));
    checkTable(parseCsvText(file.bytes, CsvDialect{}, true, QStringLiteral("special.csv"), &error));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QStringLiteral("special.csv"), file.bytes);
    QVERIFY(!path.isEmpty());
    checkTable(readCsvFile(path, &error));

    // The streamed read of the columns, as the import dialog and the command line do it.
    CsvColumnData skipped;
    const std::optional<Dataset> data =
        loadCsvDataset(path, QStringLiteral("x"), QStringLiteral("y"), {}, &skipped, &error);
    QVERIFY2(data, qPrintable(error.message));
    QCOMPARE(qsizetype(data->size()), file.row + 2001);
    QCOMPARE(skipped.encodingNote, note);
}

void TestCsvReader::invalidUtf8AfterPassedUtf8()
{
    // A UTF-8 header name, then a Windows-1252 byte beyond the first chunk of the streamed read.
    FileWithSpecialLabel file =
        fileWithSpecialLabel(CsvReadControl::chunkBytes + 5000, QByteArray("\xE9"));
    file.bytes.replace(0, 9, QStringLiteral("x,labél,y").toUtf8());
    const qsizetype offset = CsvReadControl::chunkBytes + 5001;
    QCOMPARE(file.bytes.at(offset), '\xE9');
    const QString noteStart =
        QStringLiteral("special.csv is not UTF-8 throughout: its byte 0xE9 at character %1 of "
                       "line %2 is not valid UTF-8, so the file is read as Windows-1252 "
                       "(Latin-1) from that byte on.")
            .arg(file.column)
            .arg(file.line);

    // Fed whole, the file is read as Windows-1252 throughout, its header included.
    CsvError error;
    const std::optional<CsvTable> table =
        parseCsv(file.bytes, QStringLiteral("special.csv"), &error);
    QVERIFY2(table, qPrintable(error.message));
    QCOMPARE(table->header, (QStringList{"x", QStringLiteral("labÃ©l"), "y"}));
    const QString label = QString::fromUtf8(table->rows[std::size_t(file.row)][1]);
    QVERIFY2(label.endsWith(QStringLiteral("aé")), qPrintable(label));

    // Fed in chunks, the header was passed on as UTF-8 before the invalid byte arrived.
    CsvTextDecoder decoder(QStringLiteral("special.csv"));
    QByteArray text;
    QVERIFY(decoder.decode(QByteArrayView(file.bytes).first(offset - 10), false, &text, &error));
    QCOMPARE(decoder.encoding(), TextEncoding::Utf8);
    QVERIFY(decoder.note().isEmpty());
    QVERIFY(decoder.decode(QByteArrayView(file.bytes).sliced(offset - 10), true, &text, &error));
    QCOMPARE(decoder.encoding(), TextEncoding::Windows1252);
    QVERIFY2(decoder.note().startsWith(noteStart), qPrintable(decoder.note()));
    QVERIFY(text.startsWith(QStringLiteral("x,labél,y\n").toUtf8()));
    const qsizetype row = text.indexOf("\n" + QByteArray::number(file.row) + ",") + 1;
    QVERIFY(row > 0);
    QVERIFY(QString::fromUtf8(text.sliced(row, text.indexOf('\n', row) - row))
                .endsWith(QStringLiteral("aé,%1").arg(2 * file.row)));

    // The streamed read does the same, because the invalid byte is beyond its first chunk.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QStringLiteral("special.csv"), file.bytes);
    QVERIFY(!path.isEmpty());
    CsvColumnData skipped;
    const std::optional<Dataset> data =
        loadCsvDataset(path, QStringLiteral("x"), QStringLiteral("y"), {}, &skipped, &error);
    QVERIFY2(data, qPrintable(error.message));
    QCOMPARE(qsizetype(data->size()), file.row + 2001);
    QCOMPARE(skipped.encodingNote, decoder.note());
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
