#include "numericcheck.h"
#include "testdata.h"

#include "core/csvreader.h"
#include "core/landscape.h"
#include "core/losscatalogue.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#endif

// Runs "losslens landscape" as a user would from a shell and checks its CSV against the mean
// loss computed here by a plain double loop over the data.
using namespace losslens;

namespace {

// 37 points of air flow against stack loss in the style of Brownlee's data: the feature lies
// far from zero (50 to 80), so standardizing changes the training coordinates a lot, while
// the data-unit landscape must not change at all.
QByteArray regressionCsv()
{
    QByteArray text = "flow,loss,label\n";
    for (int i = 0; i < 37; ++i) {
        const double x = 50.0 + 30.0 * i / 36.0;
        const double y = 1.2 * x - 44.0 + 4.0 * std::sin(1.7 * i) + (i % 9 == 4 ? 15.0 : 0.0);
        const int label = y > 1.2 * x - 44.0 ? 1 : 0;
        text += QByteArray::number(x, 'g', 17) + ',' + QByteArray::number(y, 'g', 17) + ',' +
                QByteArray::number(label) + '\n';
    }
    return text;
}

struct CsvLandscape
{
    QString header;
    QList<double> slopes;
    QList<double> intercepts;
    QList<double> values;
};

// Reads the command's CSV and returns false unless every number parses.
bool readLandscape(const QString &path, CsvLandscape *landscape)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return false;
    const QStringList lines =
        QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.isEmpty())
        return false;
    landscape->header = lines.constFirst();
    for (qsizetype k = 1; k < lines.size(); ++k) {
        const QStringList fields = lines[k].split(QLatin1Char(','));
        if (fields.size() != 3)
            return false;
        bool slopeOk = false, interceptOk = false, valueOk = false;
        landscape->slopes << fields[0].toDouble(&slopeOk);
        landscape->intercepts << fields[1].toDouble(&interceptOk);
        landscape->values << fields[2].toDouble(&valueOk);
        if (!slopeOk || !interceptOk || !valueOk)
            return false;
    }
    return true;
}

} // namespace

class LandscapeCommandTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void csvMatchesPlainLoop_data();
    void csvMatchesPlainLoop();
    void valuesIndependentOfStandardize();
    void automaticRangesPrinted_data();
    void automaticRangesPrinted();
    void imageWritten();
    void undefinedNodesWrittenAsInfinity();
    void helpExitsCleanly();
    void invalidInputExitTwo_data();
    void invalidInputExitTwo();
    void writeFailureExitTwo_data();
    void writeFailureExitTwo();
    void csvToStandardOutput();
    void dashWritesStandardOutput();
    void emptyOutputRejected();
    void imageWarnsUndefinedNodes();
    void automaticRangeIndependentOfStandardize();

private:
    struct Outcome
    {
        int exitCode = -1;
        QString output;
        QString errors;
    };
    Outcome run(const QStringList &arguments, qint64 fileSizeLimit = 0);
    QStringList request(const QString &spec, const QString &target, int grid,
                        const QString &output) const;

    QTemporaryDir m_directory;
    QString m_dataPath;
};

// With a fileSizeLimit the command can write files of at most that many bytes: a longer write
// fails with "File too large", as a full disk fails, without filling one.
LandscapeCommandTest::Outcome LandscapeCommandTest::run(const QStringList &arguments,
                                                        qint64 fileSizeLimit)
{
    QProcess process;
#ifdef Q_OS_UNIX
    if (fileSizeLimit > 0) {
        process.setChildProcessModifier([fileSizeLimit] {
            // Without SIGXFSZ ignored, the write past the limit would end the process.
            std::signal(SIGXFSZ, SIG_IGN);
            const rlimit limit{rlim_t(fileSizeLimit), rlim_t(fileSizeLimit)};
            setrlimit(RLIMIT_FSIZE, &limit);
        });
    }
#else
    Q_UNUSED(fileSizeLimit)
#endif
    // A relative path such as "-" would land in the test's folder, where a test can look for it.
    process.setWorkingDirectory(m_directory.path());
    process.start(QStringLiteral(LOSSLENS_EXECUTABLE),
                  QStringList{QStringLiteral("landscape")} + arguments);
    Outcome outcome;
    if (!process.waitForFinished(120000)) {
        process.kill();
        return outcome;
    }
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    outcome.output = QString::fromUtf8(process.readAllStandardOutput());
    outcome.errors = QString::fromUtf8(process.readAllStandardError());
    return outcome;
}

QStringList LandscapeCommandTest::request(const QString &spec, const QString &target, int grid,
                                          const QString &output) const
{
    return {QStringLiteral("--data"), m_dataPath,
            QStringLiteral("--x"),    QStringLiteral("flow"),
            QStringLiteral("--y"),    target,
            QStringLiteral("--loss"), spec,
            QStringLiteral("--grid"), QString::number(grid),
            QStringLiteral("--out"),  output};
}

void LandscapeCommandTest::initTestCase()
{
    QVERIFY(m_directory.isValid());
    m_dataPath = m_directory.filePath(QStringLiteral("flow.csv"));
    QFile file(m_dataPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write(regressionCsv()) > 0);
}

void LandscapeCommandTest::csvMatchesPlainLoop_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("standardize");
    QTest::addColumn<int>("grid");

    const char *specs[] = {"mse",           "mae", "huber:delta=1.5",          "logcosh",
                           "tukey:c=4.685", "bce", "focal:gamma=2,alpha=0.25", "hinge"};
    for (const char *spec : specs) {
        for (const char *standardize : {"on", "off"})
            QTest::addRow("%s standardize %s", spec, standardize)
                << QString::fromLatin1(spec) << QString::fromLatin1(standardize) << 7;
    }
    QTest::newRow("huber grid 2") << QStringLiteral("huber") << QStringLiteral("on") << 2;
    QTest::newRow("mae grid 33") << QStringLiteral("mae") << QStringLiteral("off") << 33;
}

void LandscapeCommandTest::csvMatchesPlainLoop()
{
    QFETCH(QString, spec);
    QFETCH(QString, standardize);
    QFETCH(int, grid);

    QString error;
    const std::shared_ptr<const Loss> loss = LossCatalogue::parse(spec, &error);
    QVERIFY2(loss, qPrintable(error));
    const bool regression = loss->kind() == LossKind::Regression;
    const QString target = regression ? QStringLiteral("loss") : QStringLiteral("label");
    // Ranges whose ends are not multiples of the spacing, around the valley of each kind.
    const double slopeMinimum = regression ? -0.35 : -0.7;
    const double slopeMaximum = regression ? 2.45 : 0.3;
    const double interceptMinimum = regression ? -81.3 : -17.1;
    const double interceptMaximum = regression ? 37.7 : 42.9;

    const QString path = m_directory.filePath(QStringLiteral("plain.csv"));
    QFile::remove(path);
    QStringList arguments = request(spec, target, grid, path);
    arguments << QStringLiteral("--standardize") << standardize << QStringLiteral("--w")
              << QStringLiteral("%1:%2").arg(formatNumber(slopeMinimum), formatNumber(slopeMaximum))
              << QStringLiteral("--b")
              << QStringLiteral("%1:%2").arg(formatNumber(interceptMinimum),
                                             formatNumber(interceptMaximum));
    const Outcome outcome = run(arguments);
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    // Explicit ranges leave nothing to print.
    QCOMPARE(outcome.output, QString());

    CsvLandscape landscape;
    QVERIFY(readLandscape(path, &landscape));
    QCOMPARE(landscape.header, QStringLiteral("w,b,loss"));
    QCOMPARE(landscape.values.size(), qsizetype(grid) * grid);

    CsvError csvError;
    const std::optional<Dataset> data =
        loadCsvDataset(m_dataPath, QStringLiteral("flow"), target, &csvError);
    QVERIFY2(data, qPrintable(csvError.message));
    const Eigen::Index count = data->size();
    for (int i = 0; i < grid; ++i) {
        for (int j = 0; j < grid; ++j) {
            const qsizetype row = qsizetype(i) * grid + j;
            const double w = landscape.slopes[row];
            const double b = landscape.intercepts[row];
            // w is the outer loop: constant along a row, and the same intercepts on every row.
            COMPARE_NEAR(w, landscape.slopes[qsizetype(i) * grid], 0.0);
            COMPARE_NEAR(b, landscape.intercepts[j], 0.0);
            // The mean loss of the line y = w x + b in the data's own units, by definition.
            double sum = 0.0;
            for (Eigen::Index k = 0; k < count; ++k) {
                const double output = w * data->feature[k] + b;
                const double input = regression ? output - data->target[k] : output;
                sum += loss->evaluate(input, data->target[k]).value;
            }
            const double expected = sum / static_cast<double>(count);
            COMPARE_NEAR(landscape.values[row], expected,
                         test::relativeTolerance(expected, 1e-12, 1e-300));
        }
    }

    // Both ends of each range are exactly nodes, and the nodes between are evenly spaced.
    COMPARE_NEAR(landscape.slopes.constFirst(), slopeMinimum, 0.0);
    COMPARE_NEAR(landscape.slopes.constLast(), slopeMaximum, 0.0);
    COMPARE_NEAR(landscape.intercepts.constFirst(), interceptMinimum, 0.0);
    COMPARE_NEAR(landscape.intercepts.constLast(), interceptMaximum, 0.0);
    const double slopeSpacing = (slopeMaximum - slopeMinimum) / (grid - 1);
    const double interceptSpacing = (interceptMaximum - interceptMinimum) / (grid - 1);
    for (int i = 0; i < grid; ++i) {
        COMPARE_NEAR(landscape.slopes[qsizetype(i) * grid], slopeMinimum + i * slopeSpacing, 1e-14);
        COMPARE_NEAR(landscape.intercepts[i], interceptMinimum + i * interceptSpacing, 1e-12);
    }
}

void LandscapeCommandTest::valuesIndependentOfStandardize()
{
    // The CSV is in data units, so the scaling the loss would train with must not change a
    // single digit of it.
    QByteArray files[2];
    const char *settings[] = {"on", "off"};
    for (int k = 0; k < 2; ++k) {
        const QString path = m_directory.filePath(QStringLiteral("scaling-%1.csv").arg(k));
        QStringList arguments = request(QStringLiteral("logcosh"), QStringLiteral("loss"), 9, path);
        arguments << QStringLiteral("--standardize") << QString::fromLatin1(settings[k])
                  << QStringLiteral("--w") << QStringLiteral("0:2") << QStringLiteral("--b")
                  << QStringLiteral("-60:20");
        const Outcome outcome = run(arguments);
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        files[k] = file.readAll();
    }
    QVERIFY(!files[0].isEmpty());
    QCOMPARE(files[0], files[1]);
}

void LandscapeCommandTest::automaticRangesPrinted_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("standardize");

    QTest::newRow("huber standardized") << QStringLiteral("huber") << true;
    QTest::newRow("huber raw") << QStringLiteral("huber") << false;
    QTest::newRow("bce standardized") << QStringLiteral("bce") << true;
}

void LandscapeCommandTest::automaticRangesPrinted()
{
    QFETCH(QString, spec);
    QFETCH(bool, standardize);

    const auto loss = test::parseLoss(spec);
    QVERIFY(loss);
    const bool regression = loss->kind() == LossKind::Regression;
    const QString target = regression ? QStringLiteral("loss") : QStringLiteral("label");
    const QString path = m_directory.filePath(QStringLiteral("automatic.csv"));
    QStringList arguments = request(spec, target, 5, path);
    arguments << QStringLiteral("--standardize")
              << (standardize ? QStringLiteral("on") : QStringLiteral("off"));
    const Outcome outcome = run(arguments);
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));

    // Two lines, "w A:B" and "b C:D", with the core's automatic grid in data units, computed on
    // the raw feature for either --standardize.
    const QStringList lines = outcome.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), qsizetype(2));
    QVERIFY2(lines[0].startsWith(QStringLiteral("w ")), qPrintable(lines[0]));
    QVERIFY2(lines[1].startsWith(QStringLiteral("b ")), qPrintable(lines[1]));
    const QStringList slopeRange = lines[0].mid(2).split(QLatin1Char(':'));
    const QStringList interceptRange = lines[1].mid(2).split(QLatin1Char(':'));
    QCOMPARE(slopeRange.size(), qsizetype(2));
    QCOMPARE(interceptRange.size(), qsizetype(2));

    CsvError csvError;
    const std::optional<Dataset> loaded =
        loadCsvDataset(m_dataPath, QStringLiteral("flow"), target, &csvError);
    QVERIFY2(loaded, qPrintable(csvError.message));
    const auto data = std::make_shared<const Dataset>(*loaded);
    const LineObjective objective(data, loss, FeatureScaling::identity());
    const LandscapeGrid expected = automaticGridInDataUnits(objective, LineParameters{}, 5);
    COMPARE_NEAR(slopeRange[0].toDouble(), expected.slopeMinimum, 0.0);
    COMPARE_NEAR(slopeRange[1].toDouble(), expected.slopeMaximum, 0.0);
    COMPARE_NEAR(interceptRange[0].toDouble(), expected.interceptMinimum, 0.0);
    COMPARE_NEAR(interceptRange[1].toDouble(), expected.interceptMaximum, 0.0);

    // The grid spans exactly the printed ranges.
    CsvLandscape landscape;
    QVERIFY(readLandscape(path, &landscape));
    QCOMPARE(landscape.values.size(), qsizetype(25));
    COMPARE_NEAR(landscape.slopes.constFirst(), expected.slopeMinimum, 0.0);
    COMPARE_NEAR(landscape.slopes.constLast(), expected.slopeMaximum, 0.0);
    COMPARE_NEAR(landscape.intercepts.constFirst(), expected.interceptMinimum, 0.0);
    COMPARE_NEAR(landscape.intercepts.constLast(), expected.interceptMaximum, 0.0);

    // The printed numbers read back exactly, so passing them gives the same file.
    const QString again = m_directory.filePath(QStringLiteral("explicit.csv"));
    arguments = request(spec, target, 5, again);
    arguments << QStringLiteral("--w") << lines[0].mid(2) << QStringLiteral("--b")
              << lines[1].mid(2);
    const Outcome repeated = run(arguments);
    QVERIFY2(repeated.exitCode == 0, qPrintable(repeated.errors));
    QFile first(path), second(again);
    QVERIFY(first.open(QIODevice::ReadOnly));
    QVERIFY(second.open(QIODevice::ReadOnly));
    QCOMPARE(second.readAll(), first.readAll());
}

void LandscapeCommandTest::imageWritten()
{
    for (const bool automatic : {true, false}) {
        const QString path = m_directory.filePath(QStringLiteral("landscape.png"));
        QFile::remove(path);
        QStringList arguments = request(QStringLiteral("huber"), QStringLiteral("loss"), 64, path);
        if (!automatic)
            arguments << QStringLiteral("--w") << QStringLiteral("0:2") << QStringLiteral("--b")
                      << QStringLiteral("-60:20");
        const Outcome outcome = run(arguments);
        QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
        QCOMPARE(outcome.output.isEmpty(), !automatic);
        const QImage image(path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(960, 720));
        // A heat map has many colours; an empty plot has few.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 5) {
            for (int x = 0; x < image.width(); x += 5)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 200, qPrintable(QString::number(colours.size())));
    }
    // An image draws at the view's resolution, so it needs no --grid.
    const QString path = m_directory.filePath(QStringLiteral("without_grid.png"));
    QStringList arguments = request(QStringLiteral("huber"), QStringLiteral("loss"), 64, path);
    const qsizetype at = arguments.indexOf(QStringLiteral("--grid"));
    QVERIFY(at >= 0);
    arguments.remove(at, 2);
    const Outcome outcome = run(arguments);
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    QVERIFY(!QImage(path).isNull());
}

void LandscapeCommandTest::undefinedNodesWrittenAsInfinity()
{
    // log(e) is defined only where every error is positive, so part of this grid is undefined.
    const QString path = m_directory.filePath(QStringLiteral("partly.csv"));
    QStringList arguments = request(QStringLiteral("formula:log(e)"), QStringLiteral("loss"), 7, path);
    arguments << QStringLiteral("--w") << QStringLiteral("-1:5") << QStringLiteral("--b")
              << QStringLiteral("-4:6");
    const Outcome outcome = run(arguments);
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    QVERIFY2(outcome.errors.contains(QStringLiteral("infinite or undefined at ")),
             qPrintable(outcome.errors));
    QVERIFY2(outcome.errors.contains(QStringLiteral("written as inf, the first at w = -1, b = -4 "
                                                    "(the loss of sample 1, at error ")),
             qPrintable(outcome.errors));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    int infinite = 0, finite = 0;
    for (qsizetype k = 1; k < lines.size(); ++k) {
        if (lines[k].isEmpty())
            continue;
        const QByteArray value = lines[k].split(',').at(2);
        QVERIFY2(value != "nan", lines[k].constData());
        if (value == "inf")
            ++infinite;
        else if (std::isfinite(value.toDouble()))
            ++finite;
    }
    QVERIFY(infinite > 0);
    QVERIFY(finite > 0);
    QCOMPARE(infinite + finite, 49);
    QVERIFY2(outcome.errors.contains(QStringLiteral("at %1 of 49 grid nodes").arg(infinite)),
             qPrintable(outcome.errors));
}

void LandscapeCommandTest::helpExitsCleanly()
{
    const Outcome outcome = run({QStringLiteral("--help")});
    QCOMPARE(outcome.exitCode, 0);
    QVERIFY(outcome.output.contains(QStringLiteral("--grid")));
    QVERIFY(outcome.output.contains(QStringLiteral("w,b,loss")));
    // The parser wraps the option texts, so the checks read the help as one line.
    const QString help = outcome.output.simplified();
    // Where the mean loss is not finite, the file reads inf, as the curves command's help states
    // for its own values.
    QVERIFY2(help.contains(QStringLiteral("Where the mean loss is infinite or undefined")),
             qPrintable(help));
    QVERIFY2(help.contains(QStringLiteral("the CSV reads inf")), qPrintable(help));
    // The option "-" for standard output.
    QVERIFY2(help.contains(QStringLiteral("- writes the CSV to standard output")),
             qPrintable(help));
}

void LandscapeCommandTest::invalidInputExitTwo_data()
{
    QTest::addColumn<QStringList>("replacements");
    QTest::addColumn<QString>("message");

    // Each row changes or removes ("" as the value) options of a valid request.
    auto row = [](const char *name, QStringList replacements, const char *message) {
        QTest::newRow(name) << replacements << QString::fromUtf8(message);
    };
    row("missing data", {"--data", ""}, "--data is missing");
    row("missing x", {"--x", ""}, "--x is missing");
    row("missing y", {"--y", ""}, "--y is missing");
    row("missing loss", {"--loss", ""}, "--loss is missing");
    row("missing grid", {"--grid", ""}, "--grid is missing");
    row("missing out", {"--out", ""}, "--out is missing");
    row("unknown column", {"--y", "stack"}, "no column named \"stack\"");
    row("reversed range", {"--w", "3:1"}, "invalid -w \"3:1\"");
    row("empty range", {"--b", "2:2"}, "invalid -b \"2:2\"");
    row("range not numeric", {"--b", "low:high"}, "invalid -b \"low:high\"");
    row("range infinite", {"--w", "0:inf"}, "invalid -w \"0:inf\"");
    row("range not a number", {"--b", "nan:1"}, "invalid -b \"nan:1\"");
    row("range without colon", {"--w", "1"}, "invalid -w \"1\"");
    row("range with three parts", {"--w", "1:2:3"}, "invalid -w \"1:2:3\"");
    row("range too wide", {"--b", "-1e308:1e308"}, "invalid -b \"-1e308:1e308\"");
    // The help spells the range options -w and -b, and so does the advice.
    row("loss overflows", {"--loss", "mse", "--w", "1e200:1e201"},
        "is infinite or undefined at w = 1e+200, b = -");
    row("formula undefined everywhere", {"--loss", "formula:log(e)", "--w", "-3:-2", "--b", "-4:-3"},
        "is infinite or undefined at w = -3, b = -4 (the loss of sample 1, at error ");
    row("formula undefined names no overflow",
        {"--loss", "formula:log(e)", "--w", "-3:-2", "--b", "-4:-3"},
        "is infinite or undefined), and at every other node; choose -w and -b closer");
    row("grid 1", {"--grid", "1"}, "invalid --grid \"1\"");
    row("grid 0", {"--grid", "0"}, "invalid --grid \"0\"");
    row("grid 513", {"--grid", "513"}, "invalid --grid \"513\"");
    row("grid fraction", {"--grid", "2.5"}, "invalid --grid \"2.5\"");
    row("grid word", {"--grid", "ten"}, "invalid --grid \"ten\"");
    row("unknown loss", {"--loss", "hubber"}, "invalid --loss: unknown loss \"hubber\"");
    row("parameter not a number", {"--loss", "barron:alpha=nan"},
        "invalid --loss: barron: alpha=nan is not a number");
    row("invalid parameter", {"--loss", "huber:delta=-1"}, "delta");
    row("classification on real targets", {"--loss", "bce"}, "0/1 labels");
    // The command computes a landscape and fits nothing, so the message names the landscape.
    row("loss unusable on the data", {"--loss", "bce"}, "cannot compute the landscape of bce:");
    row("multi-class loss", {"--loss", "cross_entropy"}, "multi-class");
    row("missing file", {"--data", "@missing.csv"}, "could not open the file");
    row("malformed file", {"--data", "@malformed.csv"}, "line 3");
    row("unwritable csv", {"--out", "/nonexistent-folder/out.csv"}, "cannot write");
    row("unwritable image", {"--out", "/nonexistent-folder/out.png"}, "cannot write");
    row("invalid standardize", {"--standardize", "maybe"}, "invalid --standardize \"maybe\"");
    row("unknown option", {"--colour", "red"}, "Unknown option 'colour'");
    row("unexpected argument", {"--", "extra"}, "unexpected argument \"extra\"");
    row("two features", {"--x", "flow|loss"}, "give one --x, not 2");
    row("two grids", {"--grid", "5|7"}, "give --grid once, not 2 times");
    row("two outputs", {"--out", "@a.csv|@b.csv"}, "give --out once, not 2 times");
    row("two losses", {"--loss", "mse|mae"}, "give one --loss, not 2");
    row("two slope ranges", {"--w", "0:1|0:2"}, "give --w once, not 2 times");
    row("two standardize", {"--standardize", "on|off"}, "give --standardize once, not 2 times");
    // 512 nodes on a range 1 ulp wide would repeat the same two numbers.
    row("nodes not distinct", {"--w", "1:1.0000000000000002", "--grid", "512"},
        "invalid -w \"1:1.0000000000000002\": its 512 nodes would not all be distinct numbers, "
        "because doubles near it lie too far apart; give a range at least 1.2e-13 wide there, "
        "or a smaller --grid.");
    row("intercept nodes not distinct", {"--b", "-1e20:-99999999999999983616", "--grid", "3"},
        "invalid -b \"-1e20:-99999999999999983616\"");
    // The image's axes cannot go past +-1e250, and the command must not draw another range.
    row("image range too wide", {"--out", "@rejected.png", "--w", "-1e300:1e300"},
        "from -1e+250 to 1e+250");
    // A repeated option is named even when another one is missing.
    row("two features, no loss", {"--x", "flow|loss", "--loss", ""}, "give one --x, not 2");
}

void LandscapeCommandTest::invalidInputExitTwo()
{
    QFETCH(QStringList, replacements);
    QFETCH(QString, message);

    QFile malformed(m_directory.filePath(QStringLiteral("malformed.csv")));
    QVERIFY(malformed.open(QIODevice::WriteOnly));
    malformed.write("flow,loss\n50,10\n60,twelve\n");
    malformed.close();

    const QString output = m_directory.filePath(QStringLiteral("rejected.csv"));
    QFile::remove(output);
    QMap<QString, QString> options{{QStringLiteral("--data"), m_dataPath},
                                   {QStringLiteral("--x"), QStringLiteral("flow")},
                                   {QStringLiteral("--y"), QStringLiteral("loss")},
                                   {QStringLiteral("--loss"), QStringLiteral("huber")},
                                   {QStringLiteral("--grid"), QStringLiteral("5")},
                                   {QStringLiteral("--out"), output}};
    for (qsizetype k = 0; k + 1 < replacements.size(); k += 2)
        options[replacements[k]] = replacements[k + 1];
    // The key "--" stands for a positional argument after the options.
    const QString positional = options.take(QStringLiteral("--"));
    QStringList arguments;
    for (auto it = options.cbegin(); it != options.cend(); ++it) {
        // "a|b" repeats the option with each value, and "@name" is a file in the test's folder.
        const QStringList values = it.value().split(QLatin1Char('|'), Qt::SkipEmptyParts);
        for (QString value : values) {
            if (value.startsWith(QLatin1Char('@')))
                value = m_directory.filePath(value.mid(1));
            arguments << it.key() << value;
        }
    }
    if (!positional.isEmpty())
        arguments << positional;

    const Outcome outcome = run(arguments);
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.errors.startsWith(QStringLiteral("losslens landscape: ")),
             qPrintable(outcome.errors));
    QVERIFY2(outcome.errors.contains(message), qPrintable(outcome.errors));
    QVERIFY(!QFile::exists(output));
    QVERIFY(!QFile::exists(m_directory.filePath(QStringLiteral("rejected.png"))));
    QVERIFY(!QFile::exists(m_directory.filePath(QStringLiteral("a.csv"))));
    QVERIFY(!QFile::exists(m_directory.filePath(QStringLiteral("b.csv"))));
}

void LandscapeCommandTest::writeFailureExitTwo_data()
{
    QTest::addColumn<QString>("output");
    QTest::addColumn<bool>("fullDevice");
    QTest::newRow("csv past the size limit") << QStringLiteral("big.csv") << false;
    QTest::newRow("image past the size limit") << QStringLiteral("big.png") << false;
    QTest::newRow("csv to /dev/full") << QStringLiteral("/dev/full") << true;
    QTest::newRow("csv by a link to /dev/full") << QStringLiteral("full.csv") << true;
    QTest::newRow("image by a link to /dev/full") << QStringLiteral("full.png") << true;
}

void LandscapeCommandTest::writeFailureExitTwo()
{
    QFETCH(QString, output);
    QFETCH(bool, fullDevice);
#ifndef Q_OS_UNIX
    QSKIP("The write failures are made with a file size limit or /dev/full.");
#else
    // The test never writes to /dev/full unless it is the device that rejects every write,
    // and it removes files in its own folder only.
    struct stat device = {};
    if (fullDevice && (::stat("/dev/full", &device) != 0 || !S_ISCHR(device.st_mode)))
        QSKIP("/dev/full is not a character device here.");
    const bool ownFile = !output.startsWith(QLatin1Char('/'));
    const QString path = ownFile ? m_directory.filePath(output) : output;
    if (ownFile)
        QFile::remove(path);
    if (fullDevice && ownFile)
        QVERIFY(QFile::link(QStringLiteral("/dev/full"), path));

    // A grid of 64 x 64 nodes takes over 100 kB as CSV, and the image about as much.
    QStringList arguments = request(QStringLiteral("mse"), QStringLiteral("loss"), 64, path);
    arguments << QStringLiteral("--w") << QStringLiteral("0:2") << QStringLiteral("--b")
              << QStringLiteral("-60:20");
    const Outcome outcome = run(arguments, fullDevice ? 0 : 4096);
    QCOMPARE(outcome.exitCode, 2);
    const QString reason = fullDevice ? QStringLiteral("No space left on device")
                                      : QStringLiteral("File too large");
    QVERIFY2(outcome.errors.startsWith(
                 QStringLiteral("losslens landscape: cannot write %1: %2").arg(path, reason)),
             qPrintable(outcome.errors));
    if (fullDevice) {
        // The device and the link to it stay as they were.
        QVERIFY(::stat("/dev/full", &device) == 0 && S_ISCHR(device.st_mode));
        if (ownFile)
            QVERIFY(QFileInfo(path).isSymLink());
    } else {
        // The file is replaced only once it is written whole, so nothing is left.
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(m_directory.path()).entryList({QStringLiteral("big*")}, QDir::Files),
                 QStringList());
    }
    if (ownFile)
        QFile::remove(path);
#endif
}

void LandscapeCommandTest::csvToStandardOutput()
{
#ifndef Q_OS_UNIX
    QSKIP("/dev/stdout is a Unix path.");
#else
    const QString path = m_directory.filePath(QStringLiteral("stdout.csv"));
    QStringList arguments = request(QStringLiteral("mse"), QStringLiteral("loss"), 3, path);
    arguments << QStringLiteral("--w") << QStringLiteral("0:2");
    Outcome outcome = run(arguments);
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QString expected = QString::fromUtf8(file.readAll());

    // Standard output contains the CSV alone, and the automatic -b range goes to standard error.
    arguments[arguments.indexOf(path)] = QStringLiteral("/dev/stdout");
    outcome = run(arguments);
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    QCOMPARE(outcome.output, expected);
    QVERIFY2(outcome.errors.startsWith(QStringLiteral("b ")), qPrintable(outcome.errors));
#endif
}

void LandscapeCommandTest::dashWritesStandardOutput()
{
    const QString path = m_directory.filePath(QStringLiteral("dash.csv"));
    QStringList arguments = request(QStringLiteral("mse"), QStringLiteral("loss"), 3, path);
    Outcome outcome = run(arguments);
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QString expected = QString::fromUtf8(file.readAll());
    // The automatic ranges go to standard output when the CSV goes to a file.
    const QStringList ranges = outcome.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(ranges.size(), qsizetype(2));

    // With "-" standard output contains the CSV alone, the ranges go to standard error, and no
    // file named "-" is written.
    arguments[arguments.indexOf(path)] = QStringLiteral("-");
    outcome = run(arguments);
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    QCOMPARE(outcome.output, expected);
    QCOMPARE(outcome.errors, ranges.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    QVERIFY(!QFile::exists(m_directory.filePath(QStringLiteral("-"))));
}

void LandscapeCommandTest::emptyOutputRejected()
{
    // Spaces alone would name a file that no listing shows.
    for (const QString &path : {QString(), QStringLiteral("  ")}) {
        const Outcome outcome = run(request(QStringLiteral("mse"), QStringLiteral("loss"), 3, path));
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.errors.startsWith(QStringLiteral(
                     "losslens landscape: the --out path is empty; give the CSV or .png file to "
                     "write, or - for CSV on standard output.")),
                 qPrintable(outcome.errors));
        QVERIFY(outcome.output.isEmpty());
    }
    QVERIFY(!QFile::exists(m_directory.filePath(QStringLiteral("  "))));
}

void LandscapeCommandTest::imageWarnsUndefinedNodes()
{
    // As undefinedNodesWrittenAsInfinity, but the image leaves the undefined cells blank and
    // counts them on its own grid.
    const QString path = m_directory.filePath(QStringLiteral("partly.png"));
    QFile::remove(path);
    QStringList arguments =
        request(QStringLiteral("formula:log(e)"), QStringLiteral("loss"), 7, path);
    arguments << QStringLiteral("--w") << QStringLiteral("-1:5") << QStringLiteral("--b")
              << QStringLiteral("-4:6");
    const Outcome outcome = run(arguments);
    QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
    QVERIFY(!QImage(path).isNull());
    const QRegularExpression warning(QStringLiteral(
        "^losslens landscape: the mean loss is infinite or undefined at (\\d+) of (\\d+) nodes "
        "of the image's grid, drawn blank, the first at w = (\\S+), b = (\\S+) \\(the loss "
        "of sample \\d+, at error \\S+, is infinite or undefined\\)\\.\n$"));
    const QRegularExpressionMatch match = warning.match(outcome.errors);
    QVERIFY2(match.hasMatch(), qPrintable(outcome.errors));
    const qint64 undefined = match.captured(1).toLongLong();
    const qint64 nodes = match.captured(2).toLongLong();
    QVERIFY(undefined > 0);
    QVERIFY(undefined < nodes);
    // The view draws its own resolution, not the 7 x 7 of --grid.
    QVERIFY2(nodes > 49, qPrintable(match.captured(2)));

    // The first node named is undefined: some row has an error of at most 0 there.
    CsvError csvError;
    const std::optional<Dataset> data =
        loadCsvDataset(m_dataPath, QStringLiteral("flow"), QStringLiteral("loss"), &csvError);
    QVERIFY2(data, qPrintable(csvError.message));
    const double slope = match.captured(3).toDouble();
    const double intercept = match.captured(4).toDouble();
    const Eigen::ArrayXd errors =
        slope * data->feature.array() + intercept - data->target.array();
    QVERIFY2(errors.minCoeff() <= 0.0, qPrintable(match.captured(3) + ", " + match.captured(4)));

    // A landscape defined everywhere gives no warning.
    const Outcome defined = run(request(QStringLiteral("huber"), QStringLiteral("loss"), 7, path));
    QVERIFY2(defined.exitCode == 0, qPrintable(defined.errors));
    QVERIFY2(defined.errors.isEmpty(), qPrintable(defined.errors));
}

void LandscapeCommandTest::automaticRangeIndependentOfStandardize()
{
    // The automatic range is one rectangle in data units, so --standardize must not change a
    // digit of it, nor of the file.
    for (const QString &spec : {QStringLiteral("huber"), QStringLiteral("logcosh")}) {
        QString printed[2];
        QByteArray files[2];
        const char *settings[] = {"on", "off"};
        for (int k = 0; k < 2; ++k) {
            const QString path = m_directory.filePath(QStringLiteral("automatic-%1.csv").arg(k));
            QStringList arguments = request(spec, QStringLiteral("loss"), 5, path);
            arguments << QStringLiteral("--standardize") << QString::fromLatin1(settings[k]);
            const Outcome outcome = run(arguments);
            QVERIFY2(outcome.exitCode == 0, qPrintable(outcome.errors));
            printed[k] = outcome.output;
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            files[k] = file.readAll();
        }
        QVERIFY(!printed[0].isEmpty());
        QCOMPARE(printed[0], printed[1]);
        QCOMPARE(files[0], files[1]);
    }
}

QTEST_GUILESS_MAIN(LandscapeCommandTest)
#include "tst_landscapecommand.moc"
