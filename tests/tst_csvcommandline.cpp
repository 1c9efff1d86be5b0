// The command line's CSV options, run as from a shell. Each command that reads --data is checked
// for --skip-invalid and for the first invalid row's message with exit status 2. Columns are
// also chosen by number in a file without a header.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QProcess>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Outcome
{
    int exitCode = -1;
    QString output;
    QString errors;
};

// Runs losslens with the test's environment changed by the given variables. An empty value
// removes the variable.
Outcome runLosslens(const QStringList &arguments,
                    const QList<QPair<QString, QString>> &environment = {})
{
    QProcess process;
    QProcessEnvironment variables = QProcessEnvironment::systemEnvironment();
    for (const auto &[name, value] : environment) {
        if (value.isEmpty())
            variables.remove(name);
        else
            variables.insert(name, value);
    }
    process.setProcessEnvironment(variables);
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
    void skipInvalidListsRowsBeforeTooFew();
    void missingFileMessageOnly();
    void featureAsTargetRejected_data();
    void featureAsTargetRejected();
    void sharedHeaderNameRejected_data();
    void sharedHeaderNameRejected();
    void utf16DataRead_data();
    void utf16DataRead();
    void notTextDataRejected_data();
    void notTextDataRejected();

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

void TestCsvCommandLine::skipInvalidListsRowsBeforeTooFew()
{
    // Rows 3 and 4 are invalid, so only (1, 2) remains, which is too few for a line.
    const Outcome outcome =
        runLosslens({"fit", "--data", dataFile("one_valid_row.csv"), "--x", "x", "--y", "y",
                     "--skip-invalid", "--loss", "mse", "--optimizer", "minimize"});
    QCOMPARE(outcome.exitCode, 2);
    const qsizetype summary =
        outcome.errors.indexOf(QStringLiteral("skipped 2 of 3 data rows of one_valid_row.csv"));
    const qsizetype firstRow =
        outcome.errors.indexOf(QStringLiteral("line 3, column \"y\": \"abc\" is not a number"));
    const qsizetype secondRow =
        outcome.errors.indexOf(QStringLiteral("line 4, column \"x\": \"n/a\" is not a number"));
    const qsizetype tooFew = outcome.errors.indexOf(QStringLiteral("needs at least 2 points"));
    QVERIFY2(summary >= 0, qPrintable(outcome.errors));
    QVERIFY2(firstRow >= 0, qPrintable(outcome.errors));
    QVERIFY2(secondRow >= 0, qPrintable(outcome.errors));
    QVERIFY2(tooFew >= 0, qPrintable(outcome.errors));
    QVERIFY2(secondRow < tooFew, qPrintable(outcome.errors));
}

void TestCsvCommandLine::missingFileMessageOnly()
{
    const QString path = m_directory.filePath(QStringLiteral("missing.csv"));
    const QStringList arguments{"fit", "--data", path, "--x", "x", "--y", "y", "--loss", "mse",
                                "--optimizer", "minimize"};
    // Without QT_LOGGING_RULES, as a user runs it, standard error has the message alone.
    const Outcome outcome = runLosslens(arguments, {{QStringLiteral("QT_LOGGING_RULES"), {}}});
    QCOMPARE(outcome.exitCode, 2);
    const QStringList lines = outcome.errors.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines.front().startsWith(
                 QStringLiteral("losslens fit: %1: could not open the file (").arg(path)),
             qPrintable(outcome.errors));

    // With the data category's debug messages turned on, the log line comes too.
    const Outcome debug = runLosslens(arguments, {{QStringLiteral("QT_LOGGING_RULES"),
                                                   QStringLiteral("losslens.data.debug=true")}});
    QCOMPARE(debug.exitCode, 2);
    QVERIFY2(debug.errors.contains(QStringLiteral("open failed")), qPrintable(debug.errors));
}

void TestCsvCommandLine::featureAsTargetRejected_data()
{
    addCommandRows();
}

void TestCsvCommandLine::featureAsTargetRejected()
{
    QFETCH(QStringList, before);
    QFETCH(QStringList, after);
    for (const QString &target : {QStringLiteral("x"), QStringLiteral("1")}) {
        const Outcome outcome = runLosslens(
            before + QStringList{"--data", dataFile("crlf.csv"), "--x", "x", "--y", target} +
            after);
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.errors.contains(QStringLiteral(
                     "crlf.csv: column \"x\" is chosen as both a feature (x) and the target (y)")),
                 qPrintable(outcome.errors));
    }
}

void TestCsvCommandLine::sharedHeaderNameRejected_data()
{
    addCommandRows();
}

void TestCsvCommandLine::sharedHeaderNameRejected()
{
    QFETCH(QStringList, before);
    QFETCH(QStringList, after);
    const Outcome outcome = runLosslens(
        before + QStringList{"--data", dataFile("duplicate_header.csv"), "--x", "x", "--y", "y"} +
        after);
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.errors.contains(QStringLiteral(
                 "duplicate_header.csv: columns 1 and 2 of the header are both named \"x\"")),
             qPrintable(outcome.errors));
    QVERIFY2(outcome.errors.contains(QStringLiteral("by its number (1 or 2)")),
             qPrintable(outcome.errors));

    // By number, the second x column is read.
    const Outcome byNumber = runLosslens(
        before + QStringList{"--data", dataFile("duplicate_header.csv"), "--x", "2", "--y", "y"} +
        after);
    QVERIFY2(byNumber.exitCode == 0, qPrintable(byNumber.errors));
    if (before.front() != QLatin1String("fit"))
        return;
    // Least squares on (10, 3), (20, 5), (30, 8): slope 50 / 200 = 0.25 and intercept
    // 16/3 - 0.25 * 20 = 1/3. Column 1 would give slope 2.5.
    const QJsonObject result = QJsonDocument::fromJson(byNumber.output.toUtf8()).object();
    QVERIFY(qAbs(result["w"].toArray()[0].toDouble() - 0.25) < 1e-12);
    QVERIFY(qAbs(result["b"].toDouble() - 1.0 / 3.0) < 1e-12);
}

void TestCsvCommandLine::utf16DataRead_data()
{
    addCommandRows();
}

void TestCsvCommandLine::utf16DataRead()
{
    // A spreadsheet's "Unicode text" export, UTF-16 LE with a byte-order mark, with an accented
    // header name chosen by name.
    QFETCH(QStringList, before);
    QFETCH(QStringList, after);
    const QString path = m_directory.filePath(QStringLiteral("unicode.csv"));
    QFile file(path);
    QStringEncoder encoder(QStringConverter::Utf16LE);
    const QByteArray bytes = QByteArray("\xFF\xFE") +
                             QByteArray(encoder.encode(QStringLiteral(
                                 "größe\ty\r\n1\t2\r\n2\t4.5\r\n3\t5.5\r\n")));
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size());
    file.close();
    const Outcome outcome = runLosslens(
        before + QStringList{"--data", path, "--x", QStringLiteral("größe"), "--y", "y"} + after);
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    if (before.front() != QLatin1String("fit"))
        return;
    // Least squares on (1, 2), (2, 4.5), (3, 5.5): slope 3.5 / 2 = 1.75 and intercept
    // 4 - 1.75 * 2 = 0.5.
    const QJsonObject result = QJsonDocument::fromJson(outcome.output.toUtf8()).object();
    QVERIFY(qAbs(result["w"].toArray()[0].toDouble() - 1.75) < 1e-12);
    QVERIFY(qAbs(result["b"].toDouble() - 0.5) < 1e-12);
}

void TestCsvCommandLine::notTextDataRejected_data()
{
    addCommandRows();
}

void TestCsvCommandLine::notTextDataRejected()
{
    QFETCH(QStringList, before);
    QFETCH(QStringList, after);
    // The start of a PNG image: its signature, then its header chunk.
    const QString path = m_directory.filePath(QStringLiteral("image.csv"));
    QFile file(path);
    const QByteArray bytes("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR\0\0\x02\x80\0\0\x01\xE0\x08\x06", 26);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size());
    file.close();
    const Outcome outcome =
        runLosslens(before + QStringList{"--data", path, "--x", "x", "--y", "y"} + after);
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.errors.contains(QStringLiteral(
                 "image.csv is not a text file: it has the control byte 0x1A at byte offset 6 "
                 "(line 2)")),
             qPrintable(outcome.errors));
}

QTEST_GUILESS_MAIN(TestCsvCommandLine)
#include "tst_csvcommandline.moc"
