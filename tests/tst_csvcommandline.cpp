// The command line's CSV options, run as from a shell. Each command that reads --data is checked
// for --skip-invalid and for the first invalid row's message with exit status 2. Columns are
// also chosen by number in a file without a header.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Outcome
{
    int exitCode = -1;
    QString output;
    QString errors;
};

Outcome runLosslens(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(LOSSLENS_EXECUTABLE), arguments);
    Outcome outcome;
    if (!process.waitForFinished(60000)) {
        process.kill();
        return outcome;
    }
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    outcome.output = QString::fromUtf8(process.readAllStandardOutput());
    outcome.errors = QString::fromUtf8(process.readAllStandardError());
    return outcome;
}

QString dataFile(const QString &name)
{
    return QStringLiteral(LOSSLENS_CSV_TEST_DATA "/") + name;
}

} // namespace

class TestCsvCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void firstInvalidRowStops_data();
    void firstInvalidRowStops();
    void skipInvalidReportsRows_data();
    void skipInvalidReportsRows();
    void skippedFitUsesValidRows();
    void columnsByNumber();
    void skipInvalidNeedsData();

private:
    void addCommandRows();
    QTemporaryDir m_directory;
};

void TestCsvCommandLine::initTestCase()
{
    QVERIFY(m_directory.isValid());
}

void TestCsvCommandLine::addCommandRows()
{
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<QStringList>("after");
    const QString image = m_directory.filePath(QStringLiteral("window.png"));
    const QString landscape = m_directory.filePath(QStringLiteral("landscape.csv"));
    QTest::newRow("fit") << QStringList{"fit"}
                         << QStringList{"--loss", "mse", "--optimizer", "minimize"};
    QTest::newRow("landscape") << QStringList{"landscape"}
                               << QStringList{"--loss", "mse", "--grid", "3", "--out", landscape};
    QTest::newRow("window") << QStringList{"--screenshot", image, "--size", "1000x640"}
                            << QStringList{};
}

void TestCsvCommandLine::firstInvalidRowStops_data()
{
    addCommandRows();
}

void TestCsvCommandLine::firstInvalidRowStops()
{
    QFETCH(QStringList, before);
    QFETCH(QStringList, after);
    const Outcome outcome = runLosslens(before + QStringList{"--data", dataFile("non_numeric.csv"),
                                                             "--x", "x", "--y", "y"} +
                                        after);
    QCOMPARE(outcome.exitCode, 2);
    for (const QString &fragment :
         {QStringLiteral("non_numeric.csv, line 3, column \"y\": \"abc\" is not a number"),
          QStringLiteral("--skip-invalid")}) {
        QVERIFY2(outcome.errors.contains(fragment), qPrintable(outcome.errors));
    }
    // It stops at the first row, so the second is not mentioned.
    QVERIFY2(!outcome.errors.contains(QStringLiteral("line 4")), qPrintable(outcome.errors));
}

void TestCsvCommandLine::skipInvalidReportsRows_data()
{
    addCommandRows();
}

void TestCsvCommandLine::skipInvalidReportsRows()
{
    QFETCH(QStringList, before);
    QFETCH(QStringList, after);
    const Outcome outcome =
        runLosslens(before +
                    QStringList{"--data", dataFile("non_numeric.csv"), "--x", "x", "--y", "y",
                                "--skip-invalid"} +
                    after);
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    for (const QString &fragment :
         {QStringLiteral("skipped 2 of 5 data rows of non_numeric.csv"),
          QStringLiteral("line 3, column \"y\": \"abc\" is not a number"),
          QStringLiteral("line 4, column \"x\": \"n/a\" is not a number")}) {
        QVERIFY2(outcome.errors.contains(fragment), qPrintable(outcome.errors));
    }
}

void TestCsvCommandLine::skippedFitUsesValidRows()
{
    // The valid rows (1, 2), (7, 8) and (9, 10) lie on y = x + 1.
    const Outcome outcome = runLosslens(
        {"fit", "--data", dataFile("non_numeric.csv"), "--x", "x", "--y", "y", "--skip-invalid",
         "--loss", "mse", "--optimizer", "minimize"});
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    const QJsonObject result = QJsonDocument::fromJson(outcome.output.toUtf8()).object();
    QCOMPARE(result["w"].toArray().size(), 1);
    // Newton's method on the standardized feature, converted back: a few ulps of rounding.
    QVERIFY(qAbs(result["w"].toArray()[0].toDouble() - 1.0) < 1e-12);
    QVERIFY(qAbs(result["b"].toDouble() - 1.0) < 1e-12);
}

void TestCsvCommandLine::columnsByNumber()
{
    // Least squares on (10, 100), (20, 210), (30, 290): slope 1900 / 200 = 9.5 and intercept
    // 200 - 9.5 * 20 = 10.
    const Outcome outcome =
        runLosslens({"fit", "--data", dataFile("no_header.csv"), "--x", "2", "--y", "3", "--loss",
                     "mse", "--optimizer", "minimize"});
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    const QJsonObject result = QJsonDocument::fromJson(outcome.output.toUtf8()).object();
    QVERIFY(qAbs(result["w"].toArray()[0].toDouble() - 9.5) < 1e-12);
    QVERIFY(qAbs(result["b"].toDouble() - 10.0) < 1e-10);

    const Outcome unknown =
        runLosslens({"fit", "--data", dataFile("no_header.csv"), "--x", "4", "--y", "3", "--loss",
                     "mse", "--optimizer", "minimize"});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.errors.contains(QStringLiteral("from 1 to 3")), qPrintable(unknown.errors));
}

void TestCsvCommandLine::skipInvalidNeedsData()
{
    const Outcome outcome = runLosslens({"--skip-invalid", "--screenshot", "unused.png"});
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.errors.contains(QStringLiteral("--skip-invalid needs --data")),
             qPrintable(outcome.errors));
}

QTEST_GUILESS_MAIN(TestCsvCommandLine)
#include "tst_csvcommandline.moc"
