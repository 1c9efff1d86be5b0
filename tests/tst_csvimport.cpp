#include "core/csvdialect.h"
#include "core/csvimport.h"
#include "core/csvreader.h"

#include <QFile>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <vector>

using namespace losslens;

namespace {

QString dataFile(const QString &name)
{
    return QStringLiteral(LOSSLENS_CSV_TEST_DATA "/") + name;
}

QList<double> toList(const std::vector<double> &values)
{
    return QList<double>(values.begin(), values.end());
}

// "line:column:cell" for each listed problem, a compact form for comparisons.
QStringList describeProblems(const CsvSkippedRows &skipped)
{
    QStringList problems;
    for (const CsvProblem &problem : skipped.problems)
        problems << QStringLiteral("%1:%2:%3").arg(problem.line).arg(problem.column, problem.cell);
    return problems;
}

} // namespace

// Each file under tests/data/csv is one way real files are written, and the tables give what
// the reader must make of it.
class TestCsvImport : public QObject
{
    Q_OBJECT

private slots:
    void detectDialect_data();
    void detectDialect();
    void headerWithNumericName_data();
    void headerWithNumericName();
    void importAccepted_data();
    void importAccepted();
    void importRejected_data();
    void importRejected();
    void skippedRowsDescribed();
    void multiLineRowLines();
    void readReportsProgress();
    void readCancelled();
    void utf16FileStreamed();
    void notTextBeyondPreview_data();
    void notTextBeyondPreview();
};

void TestCsvImport::detectDialect_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<char>("delimiter");
    QTest::addColumn<bool>("decimalComma");
    QTest::addColumn<bool>("hasHeader");

    QTest::newRow("semicolon decimal comma") << "semicolon_decimal_comma.csv" << ';' << true << true;
    QTest::newRow("tab") << "tab_separated.tsv" << '\t' << false << true;
    QTest::newRow("byte-order mark") << "byte_order_mark.csv" << ',' << false << true;
    QTest::newRow("crlf") << "crlf.csv" << ',' << false << true;
    QTest::newRow("quoted header and fields") << "quoted.csv" << ',' << false << true;
    QTest::newRow("no header") << "no_header.csv" << ',' << false << false;
    QTest::newRow("blank lines") << "blank_lines.csv" << ',' << false << true;
    // Split on the comma, 1,5;2,5;10 gives three fields in every row too, but "5;2" is not a
    // number.
    QTest::newRow("no header, decimal comma")
        << "no_header_decimal_comma.csv" << ';' << true << false;
    // Commas inside quoted text and decimal commas give the comma a varying field count, so
    // the semicolon, which splits every record into three, wins.
    QTest::newRow("commas in quoted text")
        << "semicolon_commas_in_text.csv" << ';' << true << true;
    QTest::newRow("ragged rows") << "ragged_rows.csv" << ',' << false << true;
}

void TestCsvImport::detectDialect()
{
    QFETCH(QString, file);
    QFETCH(char, delimiter);
    QFETCH(bool, decimalComma);
    QFETCH(bool, hasHeader);

    CsvError error;
    const std::optional<CsvPreview> preview = readCsvPreview(dataFile(file), &error);
    QVERIFY2(preview, qPrintable(error.message));
    QCOMPARE(preview->detected.delimiter, delimiter);
    QCOMPARE(preview->detected.decimalComma, decimalComma);
    QCOMPARE(preview->detected.hasHeader, hasHeader);
    QVERIFY(preview->wholeFile);
}

void TestCsvImport::importAccepted_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("features");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("skipInvalid");
    QTest::addColumn<QStringList>("names");
    // The chosen columns' values, features first, then the target.
    QTest::addColumn<QList<QList<double>>>("values");
    QTest::addColumn<QList<qsizetype>>("lines");
    QTest::addColumn<qsizetype>("skippedRows");
    QTest::addColumn<QStringList>("problems");

    using Values = QList<QList<double>>;
    using Lines = QList<qsizetype>;
    QTest::newRow("semicolon decimal comma")
        << "semicolon_decimal_comma.csv" << QStringList{"hours"} << "score" << false
        << QStringList{"hours", "score"} << Values{{1.5, 2, -0.5}, {3.25, 5.5, 1000}}
        << Lines{2, 3, 4} << qsizetype(0) << QStringList{};
    // The empty cell in column b is not chosen, so it does not matter.
    QTest::newRow("tab") << "tab_separated.tsv" << QStringList{"a"} << "c" << false
                         << QStringList{"a", "c"} << Values{{1, 4, 7}, {3, 6, 9}}
                         << Lines{2, 3, 4} << qsizetype(0) << QStringList{};
    QTest::newRow("byte-order mark") << "byte_order_mark.csv" << QStringList{"x"} << "y" << false
                                     << QStringList{"x", "y"} << Values{{1, 3}, {2, 5}}
                                     << Lines{2, 3} << qsizetype(0) << QStringList{};
    QTest::newRow("crlf") << "crlf.csv" << QStringList{"x"} << "y" << false
                          << QStringList{"x", "y"} << Values{{1, 3}, {2, 4}} << Lines{2, 3}
                          << qsizetype(0) << QStringList{};
    QTest::newRow("quoted header and fields")
        << "quoted.csv" << QStringList{"air, flow"} << "loss \"%\"" << false
        << QStringList{"air, flow", "loss \"%\""} << Values{{80, 75, 62}, {42, 37, 28}}
        << Lines{2, 3, 4} << qsizetype(0) << QStringList{};
    // Two columns share the name x, so the second is chosen by its number.
    QTest::newRow("shared header name, column by number")
        << "duplicate_header.csv" << QStringList{"2"} << "y" << false
        << QStringList{"x", "y"} << Values{{10, 20, 30}, {3, 5, 8}} << Lines{2, 3, 4}
        << qsizetype(0) << QStringList{};
    QTest::newRow("no header, columns by number")
        << "no_header.csv" << QStringList{"2"} << "3" << false
        << QStringList{"column 2", "column 3"} << Values{{10, 20, 30}, {100, 210, 290}}
        << Lines{1, 2, 3} << qsizetype(0) << QStringList{};
    QTest::newRow("header, columns by number")
        << "crlf.csv" << QStringList{"2"} << "1" << false << QStringList{"y", "x"}
        << Values{{2, 4}, {1, 3}} << Lines{2, 3} << qsizetype(0) << QStringList{};
    QTest::newRow("blank lines") << "blank_lines.csv" << QStringList{"x"} << "y" << false
                                 << QStringList{"x", "y"} << Values{{1, 3}, {2, 4}}
                                 << Lines{4, 6} << qsizetype(0) << QStringList{};
    QTest::newRow("missing cell skipped")
        << "missing_cell.csv" << QStringList{"x"} << "y" << true << QStringList{"x", "y"}
        << Values{{1, 5, 7}, {2, 6, 8}} << Lines{2, 4, 5} << qsizetype(1)
        << QStringList{"3:y:"};
    QTest::newRow("non-numeric cells skipped")
        << "non_numeric.csv" << QStringList{"x"} << "y" << true << QStringList{"x", "y"}
        << Values{{1, 7, 9}, {2, 8, 10}} << Lines{2, 5, 6} << qsizetype(2)
        << QStringList{"3:y:abc", "4:x:n/a"};
    // The short row's first missing column is named; the long row's extra field has no name,
    // so its number stands for it.
    QTest::newRow("ragged rows skipped")
        << "ragged_rows.csv" << QStringList{"x"} << "y" << true << QStringList{"x", "y"}
        << Values{{1, 7, 9}, {2, 8, 10}} << Lines{2, 5, 6} << qsizetype(2)
        << QStringList{"3:y:", "4:3:"};
    QTest::newRow("several features, no header")
        << "no_header.csv" << QStringList{"1", "2"} << "3" << false
        << QStringList{"column 1", "column 2", "column 3"}
        << Values{{1, 2, 3}, {10, 20, 30}, {100, 210, 290}} << Lines{1, 2, 3} << qsizetype(0)
        << QStringList{};
    QTest::newRow("no header, decimal comma")
        << "no_header_decimal_comma.csv" << QStringList{"1", "2"} << "3" << false
        << QStringList{"column 1", "column 2", "column 3"}
        << Values{{1.5, 3.5, 5.25}, {2.5, 4.5, 6.5}, {10, 20, 30}} << Lines{1, 2, 3} << qsizetype(0)
        << QStringList{};
    QTest::newRow("decimal commas beside quoted commas")
        << "semicolon_commas_in_text.csv" << QStringList{"weight"} << "value" << false
        << QStringList{"weight", "value"} << Values{{2, 3, 4.25}, {1.5, 2.5, 3}}
        << Lines{2, 3, 4} << qsizetype(0) << QStringList{};
}

void TestCsvImport::importAccepted()
{
    QFETCH(QString, file);
    QFETCH(QStringList, features);
    QFETCH(QString, target);
    QFETCH(bool, skipInvalid);
    QFETCH(QStringList, names);
    QFETCH(QList<QList<double>>, values);
    QFETCH(QList<qsizetype>, lines);
    QFETCH(qsizetype, skippedRows);
    QFETCH(QStringList, problems);

    CsvError error;
    CsvLoadOptions options;
    options.skipInvalidRows = skipInvalid;
    const std::optional<CsvColumnData> columns =
        loadCsvColumns(dataFile(file), features, target, options, &error);
    QVERIFY2(columns, qPrintable(error.message));
    QCOMPARE(columns->names, names);
    QCOMPARE(qsizetype(columns->values.size()), values.size());
    for (qsizetype k = 0; k < values.size(); ++k)
        QCOMPARE(toList(columns->values[std::size_t(k)]), values[k]);
    QCOMPARE(QList<qsizetype>(columns->lines.begin(), columns->lines.end()), lines);
    QCOMPARE(columns->skipped.rowCount, skippedRows);
    QCOMPARE(columns->rowCount, lines.size() + skippedRows);
    QCOMPARE(describeProblems(columns->skipped), problems);

    if (features.size() == 1) {
        const std::optional<Dataset> data =
            datasetFromCsvColumns(*columns, CsvInvalidRows::Skip, &error);
        QVERIFY2(data, qPrintable(error.message));
        QCOMPARE(data->featureName, names[0]);
        QCOMPARE(data->targetName, names[1]);
        QCOMPARE(data->feature[0], values[0][0]);
        QCOMPARE(data->target[data->size() - 1], values[1].back());
    }

    // The whole-file table, which the model slices window reads, gives the same values.
    if (!skipInvalid) {
        const std::optional<CsvTable> table = readCsvFile(dataFile(file), &error);
        QVERIFY2(table, qPrintable(error.message));
        const std::optional<MultiFeatureData> data =
            multiFeatureDataFromTable(*table, features, target, file, &error);
        QVERIFY2(data, qPrintable(error.message));
        QCOMPARE(QList<double>(data->target.begin(), data->target.end()), values.back());
        for (qsizetype j = 0; j < features.size(); ++j)
            QCOMPARE(data->features(0, j), values[j][0]);
    }
}

void TestCsvImport::importRejected_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("feature");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("skipInvalid");
    QTest::addColumn<qsizetype>("line");
    QTest::addColumn<QString>("column");
    QTest::addColumn<QStringList>("fragments");

    QTest::newRow("missing cell") << "missing_cell.csv" << "x" << "y" << false << qsizetype(3)
                                  << "y"
                                  << QStringList{"line 3", "column \"y\"", "empty", "Fix or remove"};
    QTest::newRow("non-numeric cell") << "non_numeric.csv" << "x" << "y" << false << qsizetype(3)
                                      << "y" << QStringList{"line 3", "\"abc\" is not a number"};
    QTest::newRow("ragged rows") << "ragged_rows.csv" << "x" << "y" << false << qsizetype(3)
                                 << "y"
                                 << QStringList{"line 3", "1 in this row", "2 in the header",
                                                "column \"y\" is missing"};
    QTest::newRow("empty file") << "empty.csv" << "x" << "y" << false << qsizetype(1) << ""
                                << QStringList{"is empty", "header row"};
    QTest::newRow("header only") << "header_only.csv" << "x" << "y" << true << qsizetype(1) << ""
                                 << QStringList{"no data rows after line 1"};
    QTest::newRow("no header, unknown name")
        << "no_header.csv" << "x" << "3" << false << qsizetype(1) << "x"
        << QStringList{"no header and 3 columns", "from 1 to 3", "\"x\""};
    QTest::newRow("column number too large")
        << "crlf.csv" << "3" << "y" << false << qsizetype(1) << "3"
        << QStringList{"no column named \"3\"", "x, y", "from 1 to 2"};
    QTest::newRow("feature is the target")
        << "crlf.csv" << "x" << "x" << false << qsizetype(1) << "x"
        << QStringList{"column \"x\" is chosen as both a feature (x) and the target (y)"};
    QTest::newRow("feature is the target by number")
        << "crlf.csv" << "2" << "y" << false << qsizetype(1) << "y"
        << QStringList{"column \"y\" is chosen as both"};
    QTest::newRow("shared header name")
        << "duplicate_header.csv" << "x" << "y" << false << qsizetype(1) << "x"
        << QStringList{"columns 1 and 2 of the header are both named \"x\"",
                       "by its number (1 or 2)"};
    // Only the message reaches the user, and like the others it starts with the file name and
    // goes on in lower case.
    QTest::newRow("missing file")
        << "no_such_file.csv" << "x" << "y" << false << qsizetype(0) << ""
        << QStringList{"no_such_file.csv: could not open the file ("};
    // libcsv would trim a tab as a space; an empty tab-separated cell must stay empty.
    QTest::newRow("empty cell in tab file") << "tab_separated.tsv" << "b" << "c" << false
                                            << qsizetype(3) << "b" << QStringList{"line 3", "empty"};
}

void TestCsvImport::importRejected()
{
    QFETCH(QString, file);
    QFETCH(QString, feature);
    QFETCH(QString, target);
    QFETCH(bool, skipInvalid);
    QFETCH(qsizetype, line);
    QFETCH(QString, column);
    QFETCH(QStringList, fragments);

    CsvError error;
    CsvLoadOptions options;
    options.skipInvalidRows = skipInvalid;
    QVERIFY(!loadCsvDataset(dataFile(file), feature, target, options, nullptr, &error));
    QCOMPARE(error.line, line);
    QCOMPARE(error.column, column);
    QVERIFY2(error.message.contains(file), qPrintable(error.message));
    for (const QString &fragment : fragments) {
        QVERIFY2(error.message.contains(fragment),
                 qPrintable(QStringLiteral("\"%1\" not in: %2").arg(fragment, error.message)));
    }

    // The whole-file table gives the same line and column.
    CsvError tableError;
    const std::optional<CsvTable> table = readCsvFile(dataFile(file), &tableError);
    if (table)
        QVERIFY(!datasetFromTable(*table, feature, target, file, &tableError));
    QCOMPARE(tableError.line, line);
    QCOMPARE(tableError.column, column);
}

void TestCsvImport::skippedRowsDescribed()
{
    CsvError error;
    CsvColumnData skipped;
    CsvLoadOptions options;
    options.skipInvalidRows = true;
    const std::optional<Dataset> data =
        loadCsvDataset(dataFile(QStringLiteral("non_numeric.csv")), QStringLiteral("x"),
                       QStringLiteral("y"), options, &skipped, &error);
    QVERIFY2(data, qPrintable(error.message));
    QCOMPARE(data->size(), Eigen::Index(3));
    QVERIFY(skipped.values.empty());
    const QString text = describeSkippedRows(skipped, 1);
    QVERIFY2(text.startsWith(QStringLiteral("skipped 2 of 5 data rows of non_numeric.csv")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("line 3, column \"y\": \"abc\" is not a number")),
             qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("line 4")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("and 1 more")), qPrintable(text));
}

// A row's first and last line, for a quoted line break and for an unclosed quote, which the
// lenient preview reads to the end of the text and the strict read rejects at its first line.
void TestCsvImport::multiLineRowLines()
{
    using Lines = std::vector<qsizetype>;
    CsvError error;
    const std::optional<CsvTable> quoted =
        parseCsv("x,y\n1,2\n\"3\n4\",5\n6,7\n", QStringLiteral("quoted.csv"), &error);
    QVERIFY2(quoted, qPrintable(error.message));
    QCOMPARE(quoted->firstLineNumbers, (Lines{2, 3, 5}));
    QCOMPARE(quoted->lineNumbers, (Lines{2, 4, 5}));

    const QString path = dataFile(QStringLiteral("unclosed_quote.csv"));
    CsvError previewError;
    const std::optional<CsvPreview> preview = readCsvPreview(path, &previewError);
    QVERIFY2(preview, qPrintable(previewError.message));
    const std::optional<CsvTable> lenient = previewTable(*preview, preview->detected, &error);
    QVERIFY2(lenient, qPrintable(error.message));
    QCOMPARE(lenient->firstLineNumbers, (Lines{2, 3}));
    // The file has 4 lines, and the open quote runs to the end of the last.
    QCOMPARE(lenient->lineNumbers, (Lines{2, 4}));

    CsvError loadError;
    QVERIFY(!loadCsvDataset(path, QStringLiteral("x"), QStringLiteral("y"), &loadError));
    QCOMPARE(loadError.line, qsizetype(3));
    QVERIFY2(loadError.message.contains(QStringLiteral("unclosed_quote.csv, line 3")),
             qPrintable(loadError.message));
}

namespace {

// Writes rows "i,2i+1" for i = 0 .. rows - 1 after a header, and returns the file's size.
qint64 writeLinearFile(const QString &path, int rows)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return -1;
    QByteArray text("x,y\n");
    for (int i = 0; i < rows; ++i)
        text += QByteArray::number(i) + ',' + QByteArray::number(2 * i + 1) + '\n';
    return file.write(text) == text.size() ? text.size() : -1;
}

CsvColumnRequest linearFileRequest(const QString &path)
{
    CsvColumnRequest request;
    request.path = path;
    request.header = {QStringLiteral("x"), QStringLiteral("y")};
    request.columns = {0, 1};
    return request;
}

} // namespace

void TestCsvImport::readReportsProgress()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("linear.csv"));
    // About 2.7 MB, so three chunks of 1 MiB.
    const qint64 size = writeLinearFile(path, 200000);
    QVERIFY(size > 2 * CsvReadControl::chunkBytes);

    std::vector<qint64> reported;
    CsvReadControl control;
    control.progress = [&](qint64 done, qint64 total) {
        QCOMPARE(total, size);
        reported.push_back(done);
    };
    CsvError error;
    const std::optional<CsvColumnData> columns =
        readCsvColumns(linearFileRequest(path), control, &error);
    QVERIFY2(columns, qPrintable(error.message));
    QCOMPARE(reported.size(), std::size_t(3));
    QCOMPARE(reported.back(), size);
    QCOMPARE(columns->values[0].size(), std::size_t(200000));
    QCOMPARE(columns->values[0].back(), 199999.0);
    QCOMPARE(columns->values[1].back(), 399999.0);
    QCOMPARE(columns->lines.back(), qsizetype(200001));
}

void TestCsvImport::readCancelled()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("linear.csv"));
    QVERIFY(writeLinearFile(path, 200000) > 0);

    std::atomic_bool cancelled = false;
    int calls = 0;
    CsvReadControl control;
    control.cancelled = &cancelled;
    control.progress = [&](qint64, qint64) {
        ++calls;
        cancelled = true;
    };
    CsvError error;
    const std::optional<CsvColumnData> columns =
        readCsvColumns(linearFileRequest(path), control, &error);
    QVERIFY2(columns, qPrintable(error.message));
    QVERIFY(columns->cancelled);
    QCOMPARE(calls, 1);
    QVERIFY(columns->values.empty());
    QCOMPARE(columns->rowCount, qsizetype(0));
}

void TestCsvImport::headerWithNumericName_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("hasHeader");

    // A header may name a column with a number, such as a year, when another of its cells is
    // text above numbers.
    QTest::newRow("number as second name") << QByteArray("x,2\n1,2\n2,4\n3,5.5\n") << true;
    QTest::newRow("number as first name") << QByteArray("1,y\n1,2\n2,4\n") << true;
    // Text above text, or a missing-value marker above numbers, is data. So is a first row of
    // years above numbers beside a text column, because no cell distinguishes it from data.
    QTest::newRow("years beside text")
        << QByteArray("country,2020,2021\nA,1.5,2\nB,3,4\n") << false;
    QTest::newRow("text column") << QByteArray("a,1\nb,2\nc,3\n") << false;
    QTest::newRow("missing value first") << QByteArray("NA,2\n1,2\n2,4\n") << false;
    QTest::newRow("all numbers") << QByteArray("1,2\n3,4\n") << false;
    QTest::newRow("all names") << QByteArray("x,y\n1,2\n") << true;
}

void TestCsvImport::headerWithNumericName()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, hasHeader);
    QCOMPARE(detectCsvDialect(text).hasHeader, hasHeader);
}

namespace {

// Returns the rows "i,2i+1" for i = 0 .. rows - 1 after a header, as text.
QString linearText(int rows)
{
    QString text = QStringLiteral("x,y\n");
    for (int i = 0; i < rows; ++i)
        text += QStringLiteral("%1,%2\n").arg(i).arg(2 * i + 1);
    return text;
}

QByteArray utf16LittleEndian(const QString &text)
{
    QStringEncoder encoder(QStringConverter::Utf16LE);
    return QByteArray("\xFF\xFE") + QByteArray(encoder.encode(text));
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

void TestCsvImport::utf16FileStreamed()
{
    // About 2.9 MB in UTF-16, so the columns are read in three chunks, each decoded on its own.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("linear16.csv"));
    const QByteArray bytes = utf16LittleEndian(linearText(120000));
    QVERIFY(bytes.size() > 2 * CsvReadControl::chunkBytes);
    QVERIFY(writeBytes(path, bytes));

    CsvError error;
    const std::optional<CsvPreview> preview = readCsvPreview(path, &error);
    QVERIFY2(preview, qPrintable(error.message));
    QCOMPARE(int(preview->encoding), int(TextEncoding::Utf16LittleEndian));
    QVERIFY(!preview->wholeFile);
    QVERIFY(preview->sample.startsWith("x,y\n0,1\n"));
    QVERIFY(preview->sample.endsWith('\n'));
    QCOMPARE(preview->detected.delimiter, ',');
    QVERIFY(preview->detected.hasHeader);
    // The dialect is found in the undecoded start of the file too.
    QCOMPARE(detectCsvDialect(bytes.first(CsvPreview::previewBytes)), preview->detected);

    const std::optional<CsvColumnData> columns =
        readCsvColumns(linearFileRequest(path), {}, &error);
    QVERIFY2(columns, qPrintable(error.message));
    QCOMPARE(columns->values[0].size(), std::size_t(120000));
    QCOMPARE(columns->values[0].back(), 119999.0);
    QCOMPARE(columns->values[1].back(), 239999.0);
    QCOMPARE(columns->lines.back(), qsizetype(120001));
}

void TestCsvImport::notTextBeyondPreview_data()
{
    QTest::addColumn<bool>("utf16");
    QTest::newRow("UTF-8") << false;
    QTest::newRow("UTF-16 LE") << true;
}

void TestCsvImport::notTextBeyondPreview()
{
    // A NUL at the start of line 90002, beyond the preview and the first chunk of the read.
    QFETCH(bool, utf16);
    const QString text = linearText(100000);
    const qsizetype position = text.indexOf(QStringLiteral("\n90000,")) + 1;
    const QString corrupted = text.first(position) + QChar(0) + text.sliced(position);
    const QByteArray bytes = utf16 ? utf16LittleEndian(corrupted) : corrupted.toUtf8();
    const qint64 offset = utf16 ? 2 + 2 * position : position;
    QVERIFY(offset > CsvReadControl::chunkBytes);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("corrupted.csv"));
    QVERIFY(writeBytes(path, bytes));

    CsvError error;
    QVERIFY2(readCsvPreview(path, &error), qPrintable(error.message));
    QVERIFY(!loadCsvDataset(path, QStringLiteral("x"), QStringLiteral("y"), &error));
    QCOMPARE(error.line, qsizetype(90002));
    const QString where = QStringLiteral("at byte offset %1 (line 90002)").arg(offset);
    QVERIFY2(error.message.startsWith(QStringLiteral("corrupted.csv is not a text file")),
             qPrintable(error.message));
    QVERIFY2(error.message.contains(where), qPrintable(error.message));
    CsvError tableError;
    QVERIFY(!readCsvFile(path, &tableError));
    QCOMPARE(tableError.message, error.message);
}

QTEST_GUILESS_MAIN(TestCsvImport)
#include "tst_csvimport.moc"
