#include "numericcheck.h"

#include "core/syntheticdata.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace losslens;

class TestSyntheticData : public QObject
{
    Q_OBJECT

private slots:
    void sameSeedSameData();
    void differentSeedDifferentData();
    void featureWithinRange();
    void outlierCount_data();
    void outlierCount();
    void noiselessPointsOnLine();
    void validationErrors_data();
    void validationErrors();
    void defaultsValid();
};

void TestSyntheticData::sameSeedSameData()
{
    SyntheticSettings settings;
    settings.seed = 42;
    const Dataset first = generateSyntheticData(settings);
    const Dataset second = generateSyntheticData(settings);
    QCOMPARE(first.size(), Eigen::Index(settings.count));
    // Bit-for-bit equality, not closeness: the generator is deterministic.
    QVERIFY(first.feature == second.feature);
    QVERIFY(first.target == second.target);
    QCOMPARE(first.source, QStringLiteral("synthetic"));
}

void TestSyntheticData::differentSeedDifferentData()
{
    SyntheticSettings settings;
    settings.seed = 1;
    const Dataset first = generateSyntheticData(settings);
    settings.seed = 2;
    const Dataset second = generateSyntheticData(settings);
    QCOMPARE(first.size(), second.size());
    // Doubles drawn from different streams coincide with negligible probability, so every
    // element must differ, not just some.
    for (Eigen::Index i = 0; i < first.size(); ++i) {
        QVERIFY(first.feature[i] != second.feature[i]);
        QVERIFY(first.target[i] != second.target[i]);
    }
}

void TestSyntheticData::featureWithinRange()
{
    SyntheticSettings settings;
    settings.count = 1000;
    settings.featureMinimum = 50.0;
    settings.featureMaximum = 80.0;
    const Dataset data = generateSyntheticData(settings);
    QVERIFY(data.feature.minCoeff() >= 50.0);
    QVERIFY(data.feature.maxCoeff() < 80.0);
    QVERIFY(data.feature.allFinite());
    QVERIFY(data.target.allFinite());
}

void TestSyntheticData::outlierCount_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<double>("fraction");
    QTest::addColumn<int>("outliers");

    // outliers = round(fraction * count), halves rounded away from zero.
    QTest::newRow("count=50 fraction=0.1") << 50 << 0.1 << 5;
    QTest::newRow("count=50 fraction=0") << 50 << 0.0 << 0;
    QTest::newRow("count=50 fraction=1") << 50 << 1.0 << 50;
    QTest::newRow("count=7 fraction=0.5") << 7 << 0.5 << 4;
    QTest::newRow("count=3 fraction=0.1") << 3 << 0.1 << 0;
    QTest::newRow("count=2 fraction=0.25") << 2 << 0.25 << 1;
    QTest::newRow("count=1000 fraction=0.037") << 1000 << 0.037 << 37;
}

void TestSyntheticData::outlierCount()
{
    QFETCH(int, count);
    QFETCH(double, fraction);
    QFETCH(int, outliers);

    SyntheticSettings settings;
    settings.count = count;
    settings.outlierFraction = fraction;
    settings.outlierSize = 20.0;
    settings.seed = 7;
    QVERIFY(validateSyntheticSettings(settings).isEmpty());
    const Dataset shifted = generateSyntheticData(settings);

    // The same seed without a shift draws the same points, so the outliers are exactly the
    // targets that moved, each by outlierSize up to the rounding of one addition.
    settings.outlierSize = 0.0;
    const Dataset clean = generateSyntheticData(settings);
    QVERIFY(shifted.feature == clean.feature);
    int moved = 0;
    for (Eigen::Index i = 0; i < shifted.size(); ++i) {
        const double shift = shifted.target[i] - clean.target[i];
        if (shift == 0.0)
            continue;
        ++moved;
        COMPARE_NEAR(shift, 20.0, 4 * test::epsilon * (20.0 + std::abs(clean.target[i])));
    }
    QCOMPARE(moved, outliers);
}

void TestSyntheticData::noiselessPointsOnLine()
{
    SyntheticSettings settings;
    settings.noiseDeviation = 0.0;
    settings.outlierFraction = 0.0;
    settings.slope = -1.5;
    settings.intercept = 4.0;
    const Dataset data = generateSyntheticData(settings);
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        const double expected = -1.5 * data.feature[i] + 4.0;
        COMPARE_NEAR(data.target[i], expected, 4 * test::epsilon * (1.0 + std::abs(expected)));
    }
}

void TestSyntheticData::validationErrors_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("fragment");

    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("count=1") << "count" << 1.0 << "Point count 1";
    QTest::newRow("count=0") << "count" << 0.0 << "Point count 0";
    QTest::newRow("count=-5") << "count" << -5.0 << "Point count -5";
    QTest::newRow("fraction=-0.1") << "outlierFraction" << -0.1 << "Outlier fraction -0.1";
    QTest::newRow("fraction=1.5") << "outlierFraction" << 1.5 << "Outlier fraction 1.5";
    QTest::newRow("fraction=nan") << "outlierFraction" << nan << "Outlier fraction";
    QTest::newRow("noise=-1") << "noiseDeviation" << -1.0 << "Noise deviation -1";
    QTest::newRow("noise=nan") << "noiseDeviation" << nan << "Noise deviation";
    QTest::newRow("noise=inf") << "noiseDeviation" << inf << "Noise deviation";
    QTest::newRow("feature minimum=inf") << "featureMinimum" << -inf << "Feature range";
    QTest::newRow("feature maximum=nan") << "featureMaximum" << nan << "Feature range";
    QTest::newRow("feature minimum=maximum") << "featureMinimum" << 5.0 << "Feature range";
    QTest::newRow("slope=nan") << "slope" << nan << "Slope";
    QTest::newRow("intercept=inf") << "intercept" << inf << "intercept";
    QTest::newRow("outlier size=-inf") << "outlierSize" << -inf << "outlier size";
}

void TestSyntheticData::validationErrors()
{
    QFETCH(QString, field);
    QFETCH(double, value);
    QFETCH(QString, fragment);

    SyntheticSettings settings;
    if (field == QLatin1String("count"))
        settings.count = static_cast<int>(value);
    else if (field == QLatin1String("outlierFraction"))
        settings.outlierFraction = value;
    else if (field == QLatin1String("noiseDeviation"))
        settings.noiseDeviation = value;
    else if (field == QLatin1String("featureMinimum"))
        settings.featureMinimum = value;
    else if (field == QLatin1String("featureMaximum"))
        settings.featureMaximum = value;
    else if (field == QLatin1String("slope"))
        settings.slope = value;
    else if (field == QLatin1String("intercept"))
        settings.intercept = value;
    else if (field == QLatin1String("outlierSize"))
        settings.outlierSize = value;
    else
        QFAIL(qPrintable(QStringLiteral("no setting named ") + field));

    const QString error = validateSyntheticSettings(settings);
    QVERIFY2(!error.isEmpty(), "the settings were accepted");
    QVERIFY2(error.contains(fragment),
             qPrintable(QStringLiteral("\"%1\" not in: %2").arg(fragment, error)));
}

void TestSyntheticData::defaultsValid()
{
    QCOMPARE(validateSyntheticSettings(SyntheticSettings{}), QString());
    SyntheticSettings smallest;
    smallest.count = 2;
    QCOMPARE(validateSyntheticSettings(smallest), QString());
}

QTEST_GUILESS_MAIN(TestSyntheticData)
#include "tst_syntheticdata.moc"
