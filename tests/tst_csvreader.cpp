#include "numericcheck.h"

#include "core/csvcolumns.h"
#include "core/csvreader.h"

#include <QFile>
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
    // A NUL byte ends a C string, so the message must still show what follows it.
    QTest::newRow("control character")
        << QByteArray("x,y\n1,2\n2,4\0005\n", 14) << "x"
        << "y" << qsizetype(3) << "y" << QStringList{"line 3", "\"4\uFFFD5\""};
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

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
