#include "core/losscatalogue.h"
#include "ui/defaultdata.h"
#include "ui/lossinfo.h"
#include "ui/sessionfile.h"
#include "ui/sessionmodel.h"

#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#endif

// Runs the losslens executable as a user would from a shell.
using namespace losslens;

class CommandLineTest : public QObject
{
    Q_OBJECT

private slots:
    void screenshotRendersWindow();
    void screenshotNotPngRejected();
    void screenshotWithDataAndLosses();
    void invalidLossRejected();
    void malformedCsvRejected();
    void dataWithoutColumnsRejected();
    void helpExitsCleanly();
    void helpDocumentsEveryOption();
    void screenshotOfSession();
    void rejectedSessionExitsTwo();
    void classifierOnRegressionDataRejected();
    void lossesListsCatalogue();
    void curvesWritesExactCsv();
    void curvesSinglePoint();
    void curvesUndefinedPointsLeaveDerivativesEmpty();
    void curvesUndefinedDerivativeLeftEmpty();
    void curvesWriteZeroWithoutSign();
    void curvesCrossEntropyLabel();
    void curvesHelpDescribesLabel();
    void curvesInvalidExitTwo_data();
    void curvesInvalidExitTwo();
    void invalidArgumentsExitTwo_data();
    void invalidArgumentsExitTwo();
    void subcommandHelpExitsCleanly_data();
    void subcommandHelpExitsCleanly();
    void writeFailureExitTwo_data();
    void writeFailureExitTwo();

private:
    struct Outcome
    {
        int exitCode = -1;
        QString output;
        QString errors;
    };
    Outcome run(const QStringList &arguments);
};

CommandLineTest::Outcome CommandLineTest::run(const QStringList &arguments)
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

void CommandLineTest::screenshotRendersWindow()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("window.png"));
    const Outcome outcome =
        run({QStringLiteral("--screenshot"), path, QStringLiteral("--steps"), QStringLiteral("100"),
             QStringLiteral("--size"), QStringLiteral("1200x800")});
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1200, 800));
    // A blank window would be one colour; count distinct colours in a sparse sample.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 100, qPrintable(QString::number(colours.size())));
}

void CommandLineTest::screenshotWithDataAndLosses()
{
    QTemporaryDir directory;
    const QString csv = directory.filePath(QStringLiteral("points.csv"));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("a,b\n0,1\n1,3\n2,5.5\n3,6.5\n4,30\n");
    file.close();
    const QString path = directory.filePath(QStringLiteral("points.png"));
    const Outcome outcome = run(
        {QStringLiteral("--screenshot"), path, QStringLiteral("--data"), csv, QStringLiteral("--x"),
         QStringLiteral("a"), QStringLiteral("--y"), QStringLiteral("b"), QStringLiteral("--loss"),
         QStringLiteral("mae"), QStringLiteral("--loss"), QStringLiteral("huber:delta=1.5")});
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    QVERIFY(!QImage(path).isNull());
}

void CommandLineTest::invalidLossRejected()
{
    const Outcome outcome = run({QStringLiteral("--screenshot"), QStringLiteral("unused.png"),
                                 QStringLiteral("--loss"), QStringLiteral("huber:delta=-1")});
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.errors.contains(QStringLiteral("delta")), qPrintable(outcome.errors));
    QVERIFY(!QFile::exists(QStringLiteral("unused.png")));
}

void CommandLineTest::screenshotNotPngRejected()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("window.jpg"));
    const Outcome outcome = run({QStringLiteral("--screenshot"), path});
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.errors.contains(QStringLiteral("must end in .png")), qPrintable(outcome.errors));
    QVERIFY(!QFile::exists(path));
}

void CommandLineTest::malformedCsvRejected()
{
    QTemporaryDir directory;
    const QString csv = directory.filePath(QStringLiteral("bad.csv"));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("a,b\n0,1\n1,three\n");
    file.close();
    const Outcome outcome = run({QStringLiteral("--screenshot"), directory.filePath("x.png"),
                                 QStringLiteral("--data"), csv, QStringLiteral("--x"),
                                 QStringLiteral("a"), QStringLiteral("--y"), QStringLiteral("b")});
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.errors.contains(QStringLiteral("line 3")), qPrintable(outcome.errors));
    QVERIFY2(outcome.errors.contains(QStringLiteral("\"b\"")), qPrintable(outcome.errors));
}

void CommandLineTest::dataWithoutColumnsRejected()
{
    const Outcome outcome = run({QStringLiteral("--screenshot"), QStringLiteral("unused.png"),
                                 QStringLiteral("--data"), QStringLiteral("some.csv")});
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.errors.contains(QStringLiteral("--x")), qPrintable(outcome.errors));
}

void CommandLineTest::classifierOnRegressionDataRejected()
{
    QTemporaryDir directory;
    const QString csv = directory.filePath(QStringLiteral("income.csv"));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("age,income\n20,1500\n30,2500\n40,2100\n");
    file.close();
    const Outcome outcome =
        run({QStringLiteral("--screenshot"), directory.filePath(QStringLiteral("x.png")),
             QStringLiteral("--data"), csv, QStringLiteral("--x"), QStringLiteral("age"),
             QStringLiteral("--y"), QStringLiteral("income"), QStringLiteral("--loss"),
             QStringLiteral("bce")});
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.errors.contains(QStringLiteral("0/1 labels")), qPrintable(outcome.errors));
}

void CommandLineTest::lossesListsCatalogue()
{
    const Outcome outcome = run({QStringLiteral("losses")});
    QCOMPARE(outcome.exitCode, 0);
    for (const QString &name : LossCatalogue::names())
        QVERIFY2(outcome.output.contains(QLatin1Char('\n') + name + QStringLiteral("  (")),
                 qPrintable(name));
    QVERIFY(outcome.output.contains(QStringLiteral("delta: default 1, range [1e-06, 1e+06].")));
    QVERIFY(outcome.output.contains(QStringLiteral("canonical form: huber:delta=1")));
    // A list parameter shows its item-count rule, its default and the range of each item.
    QVERIFY(outcome.output.contains(
        QStringLiteral("weights: list of 2 to 100 items separated by '|', default 1|1|1, each "
                       "item in [0, 1e+06].")));
    QVERIFY(outcome.output.contains(
        QStringLiteral("canonical form: cross_entropy:weights=1|1|1,smoothing=0,others=0|0")));
    // Each kind of loss states which label it takes.
    QVERIFY(outcome.output.contains(QStringLiteral("takes no label")));
    QVERIFY(outcome.output.contains(QStringLiteral("the label is the true class's index")));
    // Each catalogue loss shows its formula from the window's info page on the line after its
    // name, so that MSE's e² (no factor 1/2) reads apart from Huber's e²/2 inside δ.
    QVERIFY2(outcome.output.contains(QStringLiteral("\nmse  (")), qPrintable(outcome.output));
    const QStringList lines = outcome.output.split(QLatin1Char('\n'));
    for (const char *name : {"mse", "huber", "bce", "barron"}) {
        const auto loss = LossCatalogue::create(QString::fromLatin1(name));
        QVERIFY(loss);
        const QString formula = lossFormula(*loss);
        QVERIFY2(!formula.isEmpty(), name);
        qsizetype index = -1;
        for (qsizetype k = 0; k < lines.size(); ++k) {
            if (lines[k].startsWith(QString::fromLatin1(name) + QStringLiteral("  (")))
                index = k;
        }
        QVERIFY2(index >= 0 && index + 1 < lines.size(), name);
        QCOMPARE(lines[index + 1], QStringLiteral("    ") + formula);
    }
    QVERIFY(outcome.output.contains(QStringLiteral("    ρ(e) = e²\n")));
    QVERIFY(outcome.output.contains(QStringLiteral("    ρ(e) = e²/2 for |e| < δ")));
    // The MAD scale divides by the exact normal quartile, not a rounded 0.6745.
    QVERIFY2(outcome.output.contains(QStringLiteral("median(|residual|) / Phi^-1(3/4)")),
             qPrintable(outcome.output));
    QVERIFY(!outcome.output.contains(QStringLiteral("0.6745 ")));
}

void CommandLineTest::curvesWritesExactCsv()
{
    const Outcome outcome =
        run({QStringLiteral("curves"), QStringLiteral("--loss"), QStringLiteral("huber:delta=0.7"),
             QStringLiteral("--loss"), QStringLiteral("bce"), QStringLiteral("--from"),
             QStringLiteral("-3"), QStringLiteral("--to"), QStringLiteral("2.5"),
             QStringLiteral("--points"), QStringLiteral("12"), QStringLiteral("--label"),
             QStringLiteral("0")});
    QCOMPARE(outcome.exitCode, 0);
    const QStringList lines = outcome.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 2 * 12);
    QCOMPARE(lines.front(), QStringLiteral("spec,label,x,loss,gradient,second_derivative"));

    const std::unique_ptr<Loss> huber = LossCatalogue::create(QStringLiteral("huber"));
    huber->setParameterValue(0, 0.7);
    const std::unique_ptr<Loss> bce = LossCatalogue::create(QStringLiteral("bce"));
    // The BCE spec contains a comma, so the CSV quotes it; the rest splits on commas.
    const QString quotedBce = QStringLiteral("\"bce:pos_weight=1,smoothing=0\"");
    for (int row = 1; row < lines.size(); ++row) {
        const bool isHuber = row <= 12;
        QString line = lines[row];
        if (!isHuber) {
            QVERIFY2(line.startsWith(quotedBce + QLatin1Char(',')), qPrintable(line));
            line.replace(0, quotedBce.size(), QStringLiteral("bce"));
        }
        const QStringList fields = line.split(QLatin1Char(','));
        QCOMPARE(fields.size(), 6);
        QCOMPARE(fields[0], isHuber ? QStringLiteral("huber:delta=0.7") : QStringLiteral("bce"));
        // Regression losses leave the label empty; classification ones repeat --label.
        QCOMPARE(fields[1], isHuber ? QString() : QStringLiteral("0"));
        const int k = (row - 1) % 12;
        const double x = fields[2].toDouble();
        // Both ends are exact; inner points follow A + (B - A) k / (N - 1).
        if (k == 0)
            QCOMPARE(fields[2], QStringLiteral("-3"));
        else if (k == 11)
            QCOMPARE(fields[2], QStringLiteral("2.5"));
        else
            QCOMPARE(x, -3.0 + 5.5 * k / 11.0);
        // Every number reads back as the very double the loss returns.
        const LossDerivatives expected = (isHuber ? *huber : *bce).evaluate(x, 0.0);
        QCOMPARE(fields[3].toDouble(), expected.value);
        QCOMPARE(fields[4].toDouble(), expected.first);
        QCOMPARE(fields[5].toDouble(), expected.second);
    }
}

void CommandLineTest::curvesSinglePoint()
{
    const Outcome outcome = run({QStringLiteral("curves"), QStringLiteral("--loss"),
                                 QStringLiteral("mse"), QStringLiteral("--from"),
                                 QStringLiteral("1.5"), QStringLiteral("--to"), QStringLiteral("9"),
                                 QStringLiteral("--points"), QStringLiteral("1")});
    QCOMPARE(outcome.exitCode, 0);
    QCOMPARE(outcome.output,
             QStringLiteral("spec,label,x,loss,gradient,second_derivative\nmse,,1.5,2.25,3,2\n"));
}

void CommandLineTest::curvesUndefinedPointsLeaveDerivativesEmpty()
{
    // log(e) is undefined at e = -1, where its symbolic derivative 1/e would still read -1.
    const Outcome outcome = run({QStringLiteral("curves"), QStringLiteral("--loss"),
                                 QStringLiteral("formula:log(e)"), QStringLiteral("--from"),
                                 QStringLiteral("-1"), QStringLiteral("--to"), QStringLiteral("1"),
                                 QStringLiteral("--points"), QStringLiteral("2")});
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    QCOMPARE(outcome.output, QStringLiteral("spec,label,x,loss,gradient,second_derivative\n"
                                            "formula:log(e),,-1,inf,,\n"
                                            "formula:log(e),,1,0,1,-1\n"));
}

void CommandLineTest::curvesUndefinedDerivativeLeftEmpty()
{
    // e^e is -1 at e = -1, where its derivative e^e (log(e) + 1) does not exist.
    const Outcome outcome = run({QStringLiteral("curves"), QStringLiteral("--loss"),
                                 QStringLiteral("formula:e^e"), QStringLiteral("--from"),
                                 QStringLiteral("-1"), QStringLiteral("--to"), QStringLiteral("1"),
                                 QStringLiteral("--points"), QStringLiteral("2")});
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    QCOMPARE(outcome.output, QStringLiteral("spec,label,x,loss,gradient,second_derivative\n"
                                            "formula:e^e,,-1,-1,,\n"
                                            "formula:e^e,,1,1,1,2\n"));
}

void CommandLineTest::curvesWriteZeroWithoutSign()
{
    // -e^2 is -0 at e = 0, and its derivative -2e too, which the file writes as 0.
    const Outcome outcome = run({QStringLiteral("curves"), QStringLiteral("--loss"),
                                 QStringLiteral("formula:-e^2"), QStringLiteral("--from"),
                                 QStringLiteral("0"), QStringLiteral("--to"), QStringLiteral("1"),
                                 QStringLiteral("--points"), QStringLiteral("2")});
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    QCOMPARE(outcome.output, QStringLiteral("spec,label,x,loss,gradient,second_derivative\n"
                                            "formula:-e^2,,0,0,0,-2\n"
                                            "formula:-e^2,,1,-1,-2,-2\n"));
}

void CommandLineTest::curvesCrossEntropyLabel()
{
    const QString spec =
        QStringLiteral("cross_entropy:weights=0.5|1.5|1,smoothing=0.1,others=0.3|-1.2");
    const Outcome outcome =
        run({QStringLiteral("curves"), QStringLiteral("--loss"), spec, QStringLiteral("--from"),
             QStringLiteral("-4"), QStringLiteral("--to"), QStringLiteral("4"),
             QStringLiteral("--points"), QStringLiteral("9"), QStringLiteral("--label"),
             QStringLiteral("2")});
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    const QStringList lines = outcome.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 9);
    QString error;
    const std::unique_ptr<Loss> loss = LossCatalogue::parse(spec, &error);
    QVERIFY2(loss, qPrintable(error));
    // The canonical spec contains commas, so the CSV quotes it.
    const QString quotedSpec = QLatin1Char('"') + loss->spec() + QLatin1Char('"');
    for (int row = 1; row < lines.size(); ++row) {
        QVERIFY2(lines[row].startsWith(quotedSpec + QLatin1Char(',')), qPrintable(lines[row]));
        const QStringList fields = lines[row].mid(quotedSpec.size() + 1).split(QLatin1Char(','));
        QCOMPARE(fields.size(), 5);
        QCOMPARE(fields[0], QStringLiteral("2"));
        const double x = fields[1].toDouble();
        const LossDerivatives expected = loss->evaluate(x, 2.0);
        QCOMPARE(fields[2].toDouble(), expected.value);
        QCOMPARE(fields[3].toDouble(), expected.first);
        QCOMPARE(fields[4].toDouble(), expected.second);
        // Class 2 has its own weight, so the curve differs from class 0's.
        QVERIFY(expected.value != loss->evaluate(x, 0.0).value);
    }
}

void CommandLineTest::curvesHelpDescribesLabel()
{
    const Outcome outcome = run({QStringLiteral("curves"), QStringLiteral("--help")});
    QCOMPARE(outcome.exitCode, 0);
    QVERIFY2(outcome.output.startsWith(QStringLiteral("Usage: losslens curves")),
             qPrintable(outcome.output));
    QVERIFY(outcome.output.contains(QStringLiteral("--label")));
    QVERIFY(outcome.output.contains(QStringLiteral("Regression")));
}

void CommandLineTest::curvesInvalidExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("fragment");
    const QStringList range{"--from", "0", "--to", "1", "--points", "5"};
    QTest::newRow("unknown loss") << (QStringList{"curves", "--loss", "foo"} + range) << "foo";
    QTest::newRow("out of range") << (QStringList{"curves", "--loss", "huber:delta=0"} + range)
                                  << "delta";
    QTest::newRow("no loss") << (QStringList{"curves"} + range) << "--loss";
    QTest::newRow("zero points")
        << QStringList{"curves", "--loss", "mse", "--from", "0", "--to", "1", "--points", "0"}
        << "--points";
    QTest::newRow("nan end")
        << QStringList{"curves", "--loss", "mse", "--from", "nan", "--to", "1", "--points", "3"}
        << "--from";
    QTest::newRow("label two") << (QStringList{"curves", "--loss", "bce", "--label", "2"} + range)
                               << "give 0 or 1";
    QTest::newRow("label not whole")
        << (QStringList{"curves", "--loss", "bce", "--label", "0.5"} + range) << "\"0.5\"";
    QTest::newRow("label negative")
        << (QStringList{"curves", "--loss", "cross_entropy", "--label", "-1"} + range) << "\"-1\"";
    QTest::newRow("label past last class")
        << (QStringList{"curves", "--loss", "cross_entropy", "--label", "3"} + range)
        << "from 0 to 2";
    QTest::newRow("label past fewer classes")
        << (QStringList{"curves", "--loss", "cross_entropy:weights=1|1", "--label", "2"} + range)
        << "from 0 to 1";
    QTest::newRow("label with regression only")
        << (QStringList{"curves", "--loss", "mse", "--label", "1"} + range) << "regression";
    QTest::newRow("estimated scale")
        << (QStringList{"curves", "--loss", "huber:scale=mad"} + range) << "scale=mad";
    QTest::newRow("bad composite")
        << (QStringList{"curves", "--loss", "mse + bce"} + range) << "one kind";
    const QString stackLoss = QStringLiteral(LOSSLENS_STACKLOSS_CSV);
    const QStringList fit{"fit", "--data", stackLoss, "--x", "AIRFLOW", "--y", "STACKLOSS"};
    QTest::newRow("fit start overflows")
        << (fit + QStringList{"--loss", "mse", "--optimizer", "gd", "--steps", "5", "--start",
                              "1e308,1e308"})
        << "not finite";
    QTest::newRow("fit without loss") << (fit + QStringList{"--optimizer", "gd", "--steps", "5"})
                                      << "--loss is required";
    QTest::newRow("fit unknown optimizer")
        << (fit + QStringList{"--loss", "mse", "--optimizer", "lbfgs", "--steps", "5"})
        << "Unknown optimizer \"lbfgs\"";
    QTest::newRow("fit without steps") << (fit + QStringList{"--loss", "mse", "--optimizer", "gd"})
                                       << "--steps is required";
    QTest::newRow("fit negative steps")
        << (fit + QStringList{"--loss", "mse", "--optimizer", "gd", "--steps", "-1"}) << "\"-1\"";
    QTest::newRow("fit seed without sgd")
        << (fit + QStringList{"--loss", "mse", "--optimizer", "adam", "--steps", "5", "--seed", "1"})
        << "sgd only";
    QTest::newRow("fit bad start")
        << (fit + QStringList{"--loss", "mse", "--optimizer", "gd", "--steps", "5", "--start", "1"})
        << "--start";
    QTest::newRow("fit classifier on regression data")
        << (fit + QStringList{"--loss", "bce", "--optimizer", "gd", "--steps", "5"}) << "0/1 labels";
    QTest::newRow("fit unknown column")
        << QStringList{"fit", "--data", stackLoss, "--x", "NOPE", "--y", "STACKLOSS", "--loss",
                       "mse", "--optimizer", "gd", "--steps", "5"}
        << "NOPE";
    QTest::newRow("fit bad schedule")
        << (fit + QStringList{"--loss", "mse", "--optimizer", "gd", "--steps", "5", "--schedule",
                              "linear"})
        << "Unknown learning rate schedule";
    QTest::newRow("losses with argument") << QStringList{"losses", "extra"} << "no arguments";
    QTest::newRow("losses with unknown option") << QStringList{"losses", "--all"} << "'all'";
    QTest::newRow("curves with argument") << (QStringList{"curves", "--loss", "mse", "extra"} + range)
                                          << "unexpected argument \"extra\"";
    QTest::newRow("from twice")
        << QStringList{"curves", "--loss", "mse", "--from", "0", "--from", "1", "--to", "2",
                       "--points", "3"}
        << "give --from once, not 2 times.";
    QTest::newRow("to twice") << (QStringList{"curves", "--loss", "mse", "--to", "3"} + range)
                              << "give --to once, not 2 times.";
    QTest::newRow("points twice") << (QStringList{"curves", "--loss", "mse", "--points", "3"} + range)
                                  << "give --points once, not 2 times.";
    QTest::newRow("label twice")
        << (QStringList{"curves", "--loss", "bce", "--label", "0", "--label", "1"} + range)
        << "give --label once, not 2 times.";
}

void CommandLineTest::curvesInvalidExitTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, fragment);
    const Outcome outcome = run(arguments);
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.errors.contains(fragment), qPrintable(outcome.errors));
    QVERIFY(outcome.output.isEmpty());
}

void CommandLineTest::helpExitsCleanly()
{
    const Outcome outcome = run({QStringLiteral("--help")});
    QCOMPARE(outcome.exitCode, 0);
    QVERIFY(outcome.output.contains(QStringLiteral("Usage: losslens")));
    QVERIFY(outcome.output.contains(QStringLiteral("--screenshot")));
    QVERIFY(outcome.output.contains(QStringLiteral("Export animation")));
}

void CommandLineTest::helpDocumentsEveryOption()
{
    const Outcome outcome = run({QStringLiteral("--help")});
    QCOMPARE(outcome.exitCode, 0);
    const QStringList documented{
        "--data <FILE>",         "-x <COL>",            "-y <COL>",
        "--skip-invalid",        "--loss <SPEC>",       "--session <FILE>",
        "--no-recovery",         "--screenshot <FILE.png>", "--steps <N>",
        "--size <WxH>",          "--standardize <on|off>", "--learning-rate <RATE>",
        "--optimizer <SPEC>",    "--schedule <SPEC>",   "--version"};
    for (const QString &option : documented)
        QVERIFY2(outcome.output.contains(option), qPrintable(option));
    // Every option with a default states it. The help wraps lines anywhere, so spaces are joined.
    const QString flat = outcome.output.simplified();
    for (const char *fragment : {"(default 0)", "(default 1500x960)", "default: mse and huber",
                                 "on (default)", "default 0.1", "constant (default)"})
        QVERIFY2(flat.contains(QLatin1String(fragment)), fragment);
    QVERIFY(outcome.output.contains(QStringLiteral("losslens landscape")));
}

void CommandLineTest::screenshotOfSession()
{
    QTemporaryDir directory;
    SessionDocument document;
    auto data = std::make_shared<Dataset>();
    data->feature = Eigen::VectorXd::LinSpaced(12, 0.0, 11.0);
    data->target = 2.0 * data->feature.array() + 1.0;
    data->target[3] = 40.0;
    data->featureName = QStringLiteral("hours");
    data->targetName = QStringLiteral("score");
    data->source = QStringLiteral("synthetic");
    document.state = defaultSessionState(data);
    document.landscapeRange = ViewRange{-3.0, 8.0, -5.0, 30.0};
    const QString session = directory.filePath(QStringLiteral("lesson.losslens"));
    QString error;
    QVERIFY2(writeSessionFile(session, document, &error), qPrintable(error));
    const QString path = directory.filePath(QStringLiteral("session.png"));
    const Outcome outcome =
        run({QStringLiteral("--screenshot"), path, QStringLiteral("--session"), session,
             QStringLiteral("--steps"), QStringLiteral("20")});
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    const QImage image(path);
    QCOMPARE(image.size(), QSize(1500, 960));
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 100, qPrintable(QString::number(colours.size())));
}

void CommandLineTest::rejectedSessionExitsTwo()
{
    QTemporaryDir directory;
    const QString broken = directory.filePath(QStringLiteral("broken.losslens"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"losslens-session\", \"version\": 99}");
    file.close();
    const QString path = directory.filePath(QStringLiteral("x.png"));
    for (const QString &session : {broken, directory.filePath(QStringLiteral("missing.losslens"))}) {
        const Outcome outcome =
            run({QStringLiteral("--screenshot"), path, QStringLiteral("--session"), session});
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.errors.contains(QFileInfo(session).fileName()),
                 qPrintable(outcome.errors));
        QVERIFY(!QFile::exists(path));
    }
}

void CommandLineTest::invalidArgumentsExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("unknown option") << QStringList{"--bogus"} << "bogus";
    QTest::newRow("positional argument") << QStringList{"extra"} << "extra";
    QTest::newRow("size too small")
        << QStringList{"--screenshot", "unused.png", "--size", "50x50"} << "--size";
    QTest::newRow("size malformed")
        << QStringList{"--screenshot", "unused.png", "--size", "wide"} << "--size";
    QTest::newRow("negative steps")
        << QStringList{"--screenshot", "unused.png", "--steps", "-1"} << "--steps";
    QTest::newRow("zero learning rate")
        << QStringList{"--screenshot", "unused.png", "--learning-rate", "0"} << "--learning-rate";
    QTest::newRow("learning rate below 1e-12")
        << QStringList{"--screenshot", "unused.png", "--learning-rate", "1e-13"}
        << "--learning-rate";
    QTest::newRow("unknown window optimizer")
        << QStringList{"--screenshot", "unused.png", "--optimizer", "bogus:lr=0.1"} << "bogus";
    QTest::newRow("learning rate given twice")
        << QStringList{"--screenshot", "unused.png", "--optimizer", "adam:lr=0.1",
                       "--learning-rate", "0.2"}
        << "not both";
    QTest::newRow("unknown window schedule")
        << QStringList{"--screenshot", "unused.png", "--schedule", "wobble"} << "--schedule";
    QTest::newRow("standardize maybe")
        << QStringList{"--screenshot", "unused.png", "--standardize", "maybe"} << "--standardize";
    QTest::newRow("loss value not a number")
        << QStringList{"--screenshot", "unused.png", "--loss", "huber:delta=abc"} << "abc";
    // Every option that takes one value rejects a second one rather than keep the last.
    QTest::newRow("steps twice")
        << QStringList{"--screenshot", "unused.png", "--steps", "1", "--steps", "2"}
        << "Give --steps once, not 2 times.";
    QTest::newRow("screenshot twice")
        << QStringList{"--screenshot", "unused.png", "--screenshot", "other.png"}
        << "Give --screenshot once, not 2 times.";
    QTest::newRow("size twice")
        << QStringList{"--screenshot", "unused.png", "--size", "1500x960", "--size", "2000x1000"}
        << "Give --size once, not 2 times.";
    QTest::newRow("data twice")
        << QStringList{"--screenshot", "unused.png", "--data", "a.csv", "--data", "b.csv", "-x",
                       "1", "-y", "2"}
        << "Give --data once, not 2 times.";
    QTest::newRow("x twice")
        << QStringList{"--screenshot", "unused.png", "--data", "a.csv", "-x", "1", "-x", "3", "-y",
                       "2"}
        << "Give --x once, not 2 times.";
    QTest::newRow("session twice")
        << QStringList{"--screenshot", "unused.png", "--session", "a.losslens", "--session",
                       "b.losslens"}
        << "Give --session once, not 2 times.";
    QTest::newRow("optimizer twice")
        << QStringList{"--screenshot", "unused.png", "--optimizer", "gd", "--optimizer", "adam"}
        << "Give --optimizer once, not 2 times.";
    QTest::newRow("schedule twice")
        << QStringList{"--screenshot", "unused.png", "--schedule", "constant", "--schedule",
                       "constant"}
        << "Give --schedule once, not 2 times.";
    QTest::newRow("standardize twice")
        << QStringList{"--screenshot", "unused.png", "--standardize", "on", "--standardize", "off"}
        << "Give --standardize once, not 2 times.";
    QTest::newRow("learning rate twice")
        << QStringList{"--screenshot", "unused.png", "--learning-rate", "0.1", "--learning-rate",
                       "0.2"}
        << "Give --learning-rate once, not 2 times.";
}

void CommandLineTest::invalidArgumentsExitTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, fragment);
    const Outcome outcome = run(arguments);
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.errors.contains(fragment), qPrintable(outcome.errors));
    QVERIFY(!QFile::exists(QStringLiteral("unused.png")));
}

void CommandLineTest::subcommandHelpExitsCleanly_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("help");
    for (const char *command : {"losses", "curves", "fit", "landscape"}) {
        for (const char *help : {"--help", "-h"})
            QTest::addRow("%s %s", command, help) << command << help;
    }
}

void CommandLineTest::subcommandHelpExitsCleanly()
{
    QFETCH(QString, command);
    QFETCH(QString, help);
    const Outcome outcome = run({command, help});
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    QVERIFY2(outcome.output.startsWith(QStringLiteral("Usage: losslens %1 [options]").arg(command)),
             qPrintable(outcome.output));
    QVERIFY(outcome.output.contains(QStringLiteral("--help")));
    QCOMPARE(outcome.errors, QString());
}

void CommandLineTest::writeFailureExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("fullDevice");
    const QString stackLoss = QStringLiteral(LOSSLENS_STACKLOSS_CSV);
    const QStringList curves{"curves", "--loss", "mse", "--from", "0", "--to", "1", "--points",
                             "200000"};
    const QStringList fit{"fit", "--data", stackLoss, "--x", "AIRFLOW", "--y", "STACKLOSS",
                          "--loss", "mse", "--optimizer", "gd", "--steps", "5"};
    const QStringList landscape{"landscape", "--data", stackLoss, "--x", "AIRFLOW", "--y",
                                "STACKLOSS", "--loss", "mse", "--grid", "3", "--out",
                                "@landscape.csv"};
    // Standard output goes to a file that may hold 16 bytes, or to /dev/full.
    for (const bool full : {false, true}) {
        const QString reason = full ? QStringLiteral("No space left on device")
                                    : QStringLiteral("File too large");
        const char *where = full ? "/dev/full" : "a full file";
        auto row = [&](const char *name, const QStringList &arguments, const QString &prefix) {
            QTest::addRow("%s to %s", name, where)
                << arguments
                << QStringLiteral("%1: cannot write to standard output: %2").arg(prefix, reason)
                << full;
        };
        row("losses", {"losses"}, QStringLiteral("losslens losses"));
        row("curves", curves, QStringLiteral("losslens curves"));
        row("curves help", {"curves", "--help"}, QStringLiteral("losslens curves"));
        row("fit", fit, QStringLiteral("losslens fit"));
        row("landscape ranges", landscape, QStringLiteral("losslens landscape"));
        row("window help", {"--help"}, QStringLiteral("losslens"));
    }
    // A file past the size limit fails as a full disk does.
    QTest::newRow("screenshot past the size limit")
        << QStringList{"--screenshot", "@shot.png"}
        << QStringLiteral("losslens: cannot write @shot.png: File too large") << false;
}

void CommandLineTest::writeFailureExitTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QFETCH(bool, fullDevice);
#ifndef Q_OS_UNIX
    QSKIP("The write failures are made with a file size limit or /dev/full.");
#else
    // The test never writes to /dev/full unless it is the device that rejects every write.
    struct stat device = {};
    if (fullDevice && (::stat("/dev/full", &device) != 0 || !S_ISCHR(device.st_mode)))
        QSKIP("/dev/full is not a character device here.");
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    for (QString &argument : arguments) {
        if (argument.startsWith(QLatin1Char('@')))
            argument = directory.filePath(argument.mid(1));
    }
    message.replace(QStringLiteral("@shot.png"), directory.filePath(QStringLiteral("shot.png")));

    QProcess process;
    if (fullDevice) {
        process.setStandardOutputFile(QStringLiteral("/dev/full"));
    } else {
        process.setStandardOutputFile(directory.filePath(QStringLiteral("output.txt")));
        process.setChildProcessModifier([] {
            // Without SIGXFSZ ignored, the write past the limit would end the process.
            std::signal(SIGXFSZ, SIG_IGN);
            const rlimit limit{16, 16};
            setrlimit(RLIMIT_FSIZE, &limit);
        });
    }
    process.start(QStringLiteral(LOSSLENS_EXECUTABLE), arguments);
    QVERIFY(process.waitForFinished(60000));
    const QString errors = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 2, qPrintable(errors));
    QVERIFY2(errors.contains(message), qPrintable(errors));
#endif
}

QTEST_GUILESS_MAIN(CommandLineTest)
#include "tst_commandline.moc"
