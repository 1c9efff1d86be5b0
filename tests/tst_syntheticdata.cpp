#include "numericcheck.h"

#include "core/syntheticdata.h"
#include "ui/numberbox.h"
#include "ui/parameterslider.h"
#include "ui/syntheticdialog.h"
#include "ui/syntheticpreview.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QLabel>
#include <QSpinBox>
#include <QTest>

#include <cmath>
#include <limits>

using namespace losslens;

Q_DECLARE_METATYPE(losslens::SyntheticScenario)

namespace {

// Sample size of the statistical tests. Each tolerance is at least five standard errors of its
// statistic at this size, noted at each check, so the fixed seeds pass with a wide margin. A
// wrong distribution misses by more than the tolerance.
constexpr int largeCount = 200'000;

double mean(const std::vector<double> &values)
{
    double sum = 0.0;
    for (const double value : values)
        sum += value;
    return sum / static_cast<double>(values.size());
}

// The sample variance with denominator n - 1.
double variance(const std::vector<double> &values)
{
    const double center = mean(values);
    double sum = 0.0;
    for (const double value : values)
        sum += (value - center) * (value - center);
    return sum / static_cast<double>(values.size() - 1);
}

// The share of values whose magnitude exceeds bound.
double shareBeyond(const std::vector<double> &values, double bound)
{
    int beyond = 0;
    for (const double value : values)
        beyond += std::abs(value) > bound ? 1 : 0;
    return static_cast<double>(beyond) / static_cast<double>(values.size());
}

// The targets' offsets from the true line, y - (slope x + intercept).
std::vector<double> residuals(const Dataset &data, const SyntheticSettings &settings)
{
    std::vector<double> values(data.size());
    for (Eigen::Index i = 0; i < data.size(); ++i)
        values[i] = data.target[i] - (settings.slope * data.feature[i] + settings.intercept);
    return values;
}

int labelCount(const Dataset &data, double label)
{
    return static_cast<int>((data.target.array() == label).count());
}

} // namespace

class TestSyntheticData : public QObject
{
    Q_OBJECT

private slots:
    void sameSeedSameData();
    void differentSeedDifferentData();
    void scenarioReproducible_data();
    void scenarioReproducible();
    void defaultScenarioUnchanged();
    void featureWithinRange();
    void outlierCount_data();
    void outlierCount();
    void noiselessPointsOnLine();
    void leveragePointsExact();
    void leveragePointsKeepNoise();
    void gaussianNoiseMoments();
    void studentNoiseVariance();
    void studentNoiseTails_data();
    void studentNoiseTails();
    void heteroscedasticDeviation();
    void classCounts_data();
    void classCounts();
    void classMeansAndOverlap();
    void labelNoiseFlipsExactly();
    void labelNoiseShareEachClass();
    void validationErrors_data();
    void validationErrors();
    void otherScenarioFieldsIgnored();
    void defaultsValid();
    void dialogRoundTrip();
    void dialogShowsScenarioFields();
    void dialogPreviewPoints();
    void dialogPreviewLimit();
    void dialogRejectsOutOfRange();
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

void TestSyntheticData::scenarioReproducible_data()
{
    QTest::addColumn<SyntheticScenario>("scenario");
    for (const SyntheticScenario scenario : syntheticScenarios)
        QTest::newRow(qPrintable(syntheticScenarioName(scenario))) << scenario;
}

void TestSyntheticData::scenarioReproducible()
{
    QFETCH(SyntheticScenario, scenario);
    SyntheticSettings settings;
    settings.scenario = scenario;
    settings.count = 300;
    settings.labelNoiseRate = 0.1;
    settings.seed = 5;
    QCOMPARE(validateSyntheticSettings(settings), QString());
    const Dataset first = generateSyntheticData(settings);
    const Dataset second = generateSyntheticData(settings);
    QCOMPARE(first.size(), Eigen::Index(300));
    QVERIFY(first.feature == second.feature);
    QVERIFY(first.target == second.target);
    QVERIFY(first.feature.allFinite());
    QVERIFY(first.target.allFinite());

    settings.seed = 6;
    const Dataset other = generateSyntheticData(settings);
    // Every feature is a fresh continuous draw, so a new seed changes each one.
    for (Eigen::Index i = 0; i < first.size(); ++i)
        QVERIFY(first.feature[i] != other.feature[i]);
    QCOMPARE(first.hasBinaryLabels(), isClassificationScenario(scenario));
}

void TestSyntheticData::defaultScenarioUnchanged()
{
    // Values of the default settings (seed 1) recorded from the generator as it was before
    // scenarios were added, to 17 significant digits. Other tests and benchmarks were tuned on
    // this data, so the default scenario must keep drawing it exactly.
    const Dataset data = generateSyntheticData(SyntheticSettings{});
    QCOMPARE(data.size(), Eigen::Index(50));
    COMPARE_NEAR(data.feature[0], -3.6612335598746726, 0.0);
    COMPARE_NEAR(data.target[0], -6.4704678641479063, 0.0);
    COMPARE_NEAR(data.feature[1], -4.7897577158327298, 0.0);
    COMPARE_NEAR(data.target[1], -9.6825578260967582, 0.0);
    COMPARE_NEAR(data.feature[49], -1.4643843377357935, 0.0);
    COMPARE_NEAR(data.target[49], -2.9422868038789556, 0.0);
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
    QCOMPARE(syntheticOutlierCount(settings), outliers);
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

void TestSyntheticData::leveragePointsExact()
{
    SyntheticSettings settings;
    settings.scenario = SyntheticScenario::LeveragePoints;
    settings.count = 1000;
    settings.outlierFraction = 0.037;
    settings.leverageShift = 2.0;
    settings.outlierSize = -30.0;
    settings.noiseDeviation = 0.0;
    QCOMPARE(validateSyntheticSettings(settings), QString());
    const Dataset data = generateSyntheticData(settings);

    // With a shift of two feature ranges, the leverage points land in [15, 25) and every other
    // point stays in [-5, 5). Without noise each lies exactly outlierSize off the line.
    int leverage = 0;
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        const double x = data.feature[i];
        const double line = settings.slope * x + settings.intercept;
        const double tolerance = 8 * test::epsilon * (std::abs(line) + 30.0);
        if (x >= settings.featureMaximum) {
            ++leverage;
            QVERIFY(x >= 15.0 && x < 25.0);
            COMPARE_NEAR(data.target[i] - line, -30.0, tolerance);
        } else {
            QVERIFY(x >= -5.0);
            COMPARE_NEAR(data.target[i] - line, 0.0, tolerance);
        }
    }
    QCOMPARE(leverage, 37);
}

void TestSyntheticData::leveragePointsKeepNoise()
{
    // The leverage scenario draws the Gaussian line's points and then moves some of them, so
    // with the same seed every other point is identical, and each moved point keeps its noise.
    SyntheticSettings settings;
    settings.count = 500;
    settings.seed = 9;
    settings.scenario = SyntheticScenario::GaussianLine;
    const Dataset line = generateSyntheticData(settings);
    settings.scenario = SyntheticScenario::LeveragePoints;
    const Dataset moved = generateSyntheticData(settings);
    const double shift =
        settings.leverageShift * (settings.featureMaximum - settings.featureMinimum);

    int changed = 0;
    for (Eigen::Index i = 0; i < line.size(); ++i) {
        if (moved.feature[i] == line.feature[i]) {
            QCOMPARE(moved.target[i], line.target[i]);
            continue;
        }
        ++changed;
        COMPARE_NEAR(moved.feature[i] - line.feature[i], shift, 1e-12 * shift);
        const double noise =
            line.target[i] - (settings.slope * line.feature[i] + settings.intercept);
        const double offset =
            moved.target[i] - (settings.slope * moved.feature[i] + settings.intercept);
        COMPARE_NEAR(offset, noise + settings.outlierSize, 1e-12 * std::abs(moved.target[i]));
    }
    QCOMPARE(changed, syntheticOutlierCount(settings));
}

void TestSyntheticData::gaussianNoiseMoments()
{
    SyntheticSettings settings;
    settings.scenario = SyntheticScenario::GaussianLine;
    settings.count = largeCount;
    settings.noiseDeviation = 2.0;
    settings.seed = 3;
    const std::vector<double> noise = residuals(generateSyntheticData(settings), settings);
    // Standard errors at n = 200000: mean sigma / sqrt(n) = 0.0045; variance
    // sigma^2 sqrt(2 / n) = 0.0126; share beyond 2 sigma sqrt(p (1 - p) / n) = 0.00047.
    COMPARE_NEAR(mean(noise), 0.0, 0.03);
    COMPARE_NEAR(variance(noise), 4.0, 0.08);
    // P(|z| > 2) = 2 Phi(-2) = 0.04550026 (scipy.stats.norm.sf(2) * 2).
    COMPARE_NEAR(shareBeyond(noise, 4.0), 0.04550026, 0.003);
}

void TestSyntheticData::studentNoiseVariance()
{
    // Student's t with nu = 5 has variance nu / (nu - 2) = 5/3. The sample variance's standard
    // error is sqrt((mu4 - sigma^4) / n) with mu4 = 3 nu^2 / ((nu - 2)(nu - 4)) = 25, so 0.0105
    // at n = 200000. The tolerance 0.1 rejects nu = 6 (variance 1.5) and a normal (variance 1).
    SyntheticSettings settings;
    settings.scenario = SyntheticScenario::HeavyTailedNoise;
    settings.count = largeCount;
    settings.degreesOfFreedom = 5.0;
    settings.slope = 0.0;
    settings.intercept = 0.0;
    settings.seed = 4;
    const Dataset data = generateSyntheticData(settings);
    const std::vector<double> noise(data.target.data(), data.target.data() + data.size());
    COMPARE_NEAR(mean(noise), 0.0, 0.03);
    COMPARE_NEAR(variance(noise), 5.0 / 3.0, 0.1);
}

void TestSyntheticData::studentNoiseTails_data()
{
    QTest::addColumn<double>("degreesOfFreedom");
    QTest::addColumn<double>("quantile");

    // The 0.975 quantiles of Student's t, scipy.stats.t.ppf(0.975, nu), so that
    // P(|t| > quantile) = 0.05 exactly.
    QTest::newRow("nu=1") << 1.0 << 12.706204736174698;
    QTest::newRow("nu=3") << 3.0 << 3.182446305284263;
    QTest::newRow("nu=5") << 5.0 << 2.5705818366147395;
    QTest::newRow("nu=30") << 30.0 << 2.0422724563012373;
}

void TestSyntheticData::studentNoiseTails()
{
    QFETCH(double, degreesOfFreedom);
    QFETCH(double, quantile);

    SyntheticSettings settings;
    settings.scenario = SyntheticScenario::HeavyTailedNoise;
    settings.count = largeCount;
    settings.degreesOfFreedom = degreesOfFreedom;
    settings.noiseDeviation = 1.5;
    settings.seed = 8;
    const std::vector<double> noise = residuals(generateSyntheticData(settings), settings);
    // The share's standard error is sqrt(0.05 0.95 / n) = 0.00049, a sixth of the tolerance.
    // The neighbouring distributions miss by more: at nu = 5's quantile, nu = 4 gives 0.062,
    // nu = 6 gives 0.042 and a normal 0.010.
    COMPARE_NEAR(shareBeyond(noise, settings.noiseDeviation * quantile), 0.05, 0.003);
}

void TestSyntheticData::heteroscedasticDeviation()
{
    SyntheticSettings settings;
    settings.scenario = SyntheticScenario::HeteroscedasticNoise;
    settings.count = largeCount;
    settings.noiseDeviation = 0.5;
    settings.noiseGrowth = 0.8;
    settings.seed = 10;
    const Dataset data = generateSyntheticData(settings);
    const std::vector<double> noise = residuals(data, settings);

    // Divided by its deviation a + b |x|, the noise is standard normal. The check runs over all
    // points and separately near x = 0 (deviation 0.5 to 1.3) and far from it (3.7 to 4.5),
    // where a constant deviation would give ratios near 10 and 0.1.
    std::vector<double> all, near, far;
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        const double x = std::abs(data.feature[i]);
        const double standardized = noise[i] / (0.5 + 0.8 * x);
        all.push_back(standardized);
        if (x < 1.0)
            near.push_back(standardized);
        if (x > 4.0)
            far.push_back(standardized);
    }
    // Standard errors of the variance: sqrt(2 / n), so 0.0032 for all points and 0.0071 for
    // each fifth of them.
    COMPARE_NEAR(variance(all), 1.0, 0.02);
    COMPARE_NEAR(variance(near), 1.0, 0.05);
    COMPARE_NEAR(variance(far), 1.0, 0.05);
    COMPARE_NEAR(mean(all), 0.0, 0.02);
}

void TestSyntheticData::classCounts_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<double>("ratio");
    QTest::addColumn<int>("positives");

    // positives = round(count / (1 + ratio)), halves rounded away from zero.
    QTest::newRow("count=10 ratio=1") << 10 << 1.0 << 5;
    QTest::newRow("count=7 ratio=1") << 7 << 1.0 << 4;
    QTest::newRow("count=1000 ratio=9") << 1000 << 9.0 << 100;
    QTest::newRow("count=1000 ratio=0.25") << 1000 << 0.25 << 800;
    QTest::newRow("count=569 ratio=1.684") << 569 << 1.684 << 212;
}

void TestSyntheticData::classCounts()
{
    QFETCH(int, count);
    QFETCH(double, ratio);
    QFETCH(int, positives);

    SyntheticSettings settings;
    settings.scenario = SyntheticScenario::TwoGaussianClasses;
    settings.count = count;
    settings.imbalanceRatio = ratio;
    settings.labelNoiseRate = 0.0;
    QCOMPARE(validateSyntheticSettings(settings), QString());
    QCOMPARE(syntheticPositiveCount(settings), positives);
    const Dataset data = generateSyntheticData(settings);
    QVERIFY(data.hasBinaryLabels());
    QCOMPARE(labelCount(data, 1.0), positives);
    QCOMPARE(labelCount(data, 0.0), count - positives);
    QCOMPARE(data.targetName, QStringLiteral("label"));
}

void TestSyntheticData::classMeansAndOverlap()
{
    SyntheticSettings settings;
    settings.scenario = SyntheticScenario::TwoGaussianClasses;
    settings.count = largeCount;
    settings.classSeparation = 2.0;
    settings.classDeviation = 1.5;
    settings.imbalanceRatio = 3.0;
    settings.seed = 12;
    const Dataset data = generateSyntheticData(settings);

    std::vector<double> negative, positive;
    for (Eigen::Index i = 0; i < data.size(); ++i)
        (data.target[i] == 1.0 ? positive : negative).push_back(data.feature[i]);
    QCOMPARE(static_cast<int>(positive.size()), 50'000);
    // Means at -+ d s / 2 = -+1.5, within-class variance s^2 = 2.25. Standard errors: mean
    // 1.5 / sqrt(50000) = 0.0067, variance 2.25 sqrt(2 / 50000) = 0.014.
    COMPARE_NEAR(mean(positive), 1.5, 0.05);
    COMPARE_NEAR(mean(negative), -1.5, 0.05);
    COMPARE_NEAR(variance(positive), 2.25, 0.1);
    COMPARE_NEAR(variance(negative), 2.25, 0.1);
    // The overlap: a label-1 point falls below the midpoint 0 with probability
    // Phi(-d / 2) = Phi(-1) = 0.15865525 (scipy.stats.norm.cdf(-1)); standard error 0.0016.
    int below = 0;
    for (const double x : positive)
        below += x < 0.0 ? 1 : 0;
    COMPARE_NEAR(below / 50'000.0, 0.15865525, 0.01);
}

void TestSyntheticData::labelNoiseFlipsExactly()
{
    SyntheticSettings settings;
    settings.scenario = SyntheticScenario::TwoGaussianClasses;
    settings.count = 1001;
    settings.labelNoiseRate = 0.0;
    settings.seed = 13;
    const Dataset clean = generateSyntheticData(settings);
    settings.labelNoiseRate = 0.15;
    const Dataset noisy = generateSyntheticData(settings);

    // The features are drawn before the flips, so they match, and the labels differ exactly at
    // the round(0.15 * 1001) = 150 flipped points.
    QVERIFY(clean.feature == noisy.feature);
    int differing = 0;
    for (Eigen::Index i = 0; i < clean.size(); ++i)
        differing += clean.target[i] != noisy.target[i] ? 1 : 0;
    QCOMPARE(syntheticFlippedLabelCount(settings), 150);
    QCOMPARE(differing, 150);
}

void TestSyntheticData::labelNoiseShareEachClass()
{
    // The flipped points are chosen uniformly, so each class loses the label-noise rate of its
    // points: 0.2 of 40000 label-1 points, standard error sqrt(0.2 0.8 / 40000) = 0.002.
    SyntheticSettings settings;
    settings.scenario = SyntheticScenario::TwoGaussianClasses;
    settings.count = largeCount;
    settings.imbalanceRatio = 4.0;
    settings.labelNoiseRate = 0.0;
    settings.seed = 14;
    const Dataset clean = generateSyntheticData(settings);
    settings.labelNoiseRate = 0.2;
    const Dataset noisy = generateSyntheticData(settings);

    int flippedPositive = 0, flippedNegative = 0;
    for (Eigen::Index i = 0; i < clean.size(); ++i) {
        if (clean.target[i] == noisy.target[i])
            continue;
        (clean.target[i] == 1.0 ? flippedPositive : flippedNegative) += 1;
    }
    QCOMPARE(flippedPositive + flippedNegative, 40'000);
    COMPARE_NEAR(flippedPositive / 40'000.0, 0.2, 0.015);
    COMPARE_NEAR(flippedNegative / 160'000.0, 0.2, 0.008);
}

void TestSyntheticData::validationErrors_data()
{
    QTest::addColumn<SyntheticScenario>("scenario");
    QTest::addColumn<QString>("field");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("fragment");

    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const auto outliers = SyntheticScenario::VerticalOutliers;
    const auto leverage = SyntheticScenario::LeveragePoints;
    const auto student = SyntheticScenario::HeavyTailedNoise;
    const auto growing = SyntheticScenario::HeteroscedasticNoise;
    const auto classes = SyntheticScenario::TwoGaussianClasses;
    QTest::newRow("count=1") << outliers << "count" << 1.0
                             << "Point count 1 is out of range; it must lie in [2, 10000000]";
    QTest::newRow("count=0") << outliers << "count" << 0.0 << "Point count 0";
    QTest::newRow("count=-5") << classes << "count" << -5.0 << "Point count -5";
    QTest::newRow("fraction=-0.1") << outliers << "outlierFraction" << -0.1
                                   << "Outlier fraction -0.1 is out of range; it must lie in "
                                      "[0, 1]";
    QTest::newRow("fraction=1.5") << leverage << "outlierFraction" << 1.5 << "Outlier fraction 1.5";
    QTest::newRow("fraction=nan") << outliers << "outlierFraction" << nan << "Outlier fraction";
    QTest::newRow("noise=-1") << outliers << "noiseDeviation" << -1.0
                              << "Noise deviation -1 is out of range; it must lie in [0, ∞)";
    QTest::newRow("noise=nan") << student << "noiseDeviation" << nan << "Noise deviation";
    QTest::newRow("noise=inf") << growing << "noiseDeviation" << inf << "Noise deviation";
    QTest::newRow("feature minimum=inf") << outliers << "featureMinimum" << -inf << "Feature range";
    QTest::newRow("feature maximum=nan") << outliers << "featureMaximum" << nan << "Feature range";
    QTest::newRow("feature minimum=maximum")
        << outliers << "featureMinimum" << 5.0 << "Feature range [5, 5] is invalid";
    QTest::newRow("slope=nan") << outliers << "slope" << nan << "Slope nan is invalid";
    QTest::newRow("intercept=inf") << outliers << "intercept" << inf << "Intercept inf";
    QTest::newRow("outlier size=-inf") << outliers << "outlierSize" << -inf << "Outlier size -inf";
    QTest::newRow("outlier size=nan") << leverage << "outlierSize" << nan << "Outlier size";
    QTest::newRow("leverage shift=0") << leverage << "leverageShift" << 0.0
                                      << "Leverage shift 0 is out of range; it must lie in "
                                         "(0, 1000]";
    QTest::newRow("leverage shift=2000")
        << leverage << "leverageShift" << 2000.0 << "Leverage shift 2000";
    QTest::newRow("dof=0.5") << student << "degreesOfFreedom" << 0.5
                             << "Degrees of freedom 0.5 is out of range; it must lie in "
                                "[1, 1000]";
    QTest::newRow("dof=nan") << student << "degreesOfFreedom" << nan << "Degrees of freedom";
    QTest::newRow("growth=-0.1") << growing << "noiseGrowth" << -0.1
                                 << "Noise growth -0.1 is out of range; it must lie in [0, ∞)";
    QTest::newRow("growth=inf") << growing << "noiseGrowth" << inf << "Noise growth inf";
    QTest::newRow("separation=-1") << classes << "classSeparation" << -1.0
                                   << "Class separation -1 is out of range; it must lie in "
                                      "[0, 1000]";
    QTest::newRow("class deviation=0") << classes << "classDeviation" << 0.0
                                       << "Class deviation 0 is out of range; it must lie in "
                                          "(0, ∞)";
    QTest::newRow("imbalance=0") << classes << "imbalanceRatio" << 0.0
                                 << "Imbalance ratio 0 is out of range; it must lie in "
                                    "[0.001, 1000]";
    QTest::newRow("imbalance=100 count=50") << classes << "imbalanceRatio" << 100.0
                                            << "Imbalance ratio 100 leaves label 1 without "
                                               "points among 50";
    QTest::newRow("imbalance=0.01 count=50")
        << classes << "imbalanceRatio" << 0.01 << "leaves label 0 without points";
    QTest::newRow("label noise=0.6") << classes << "labelNoiseRate" << 0.6
                                     << "Label noise rate 0.6 is out of range; it must lie "
                                        "in [0, 0.5]";
    QTest::newRow("slope=1e150") << outliers << "slope" << 1e150 << "beyond 1e+150";
    QTest::newRow("growth=1e149") << growing << "noiseGrowth" << 1e149 << "beyond 1e+150";
    QTest::newRow("class deviation=1e149")
        << classes << "classDeviation" << 1e149 << "beyond 1e+150";
}

void TestSyntheticData::validationErrors()
{
    QFETCH(SyntheticScenario, scenario);
    QFETCH(QString, field);
    QFETCH(double, value);
    QFETCH(QString, fragment);

    SyntheticSettings settings;
    settings.scenario = scenario;
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
    else if (field == QLatin1String("leverageShift"))
        settings.leverageShift = value;
    else if (field == QLatin1String("degreesOfFreedom"))
        settings.degreesOfFreedom = value;
    else if (field == QLatin1String("noiseGrowth"))
        settings.noiseGrowth = value;
    else if (field == QLatin1String("classSeparation"))
        settings.classSeparation = value;
    else if (field == QLatin1String("classDeviation"))
        settings.classDeviation = value;
    else if (field == QLatin1String("imbalanceRatio"))
        settings.imbalanceRatio = value;
    else if (field == QLatin1String("labelNoiseRate"))
        settings.labelNoiseRate = value;
    else
        QFAIL(qPrintable(QStringLiteral("no setting named ") + field));

    const QString error = validateSyntheticSettings(settings);
    QVERIFY2(!error.isEmpty(), "the settings were accepted");
    QVERIFY2(error.contains(fragment),
             qPrintable(QStringLiteral("\"%1\" not in: %2").arg(fragment, error)));
}

void TestSyntheticData::otherScenarioFieldsIgnored()
{
    // A scenario validates only the fields it reads, so a stale value of another scenario's
    // field, which the dialog hides, never blocks it.
    SyntheticSettings settings;
    settings.degreesOfFreedom = 0.0;
    settings.imbalanceRatio = -1.0;
    settings.scenario = SyntheticScenario::VerticalOutliers;
    QCOMPARE(validateSyntheticSettings(settings), QString());
    settings.scenario = SyntheticScenario::TwoGaussianClasses;
    settings.imbalanceRatio = 1.0;
    settings.slope = std::numeric_limits<double>::quiet_NaN();
    settings.outlierFraction = 5.0;
    QCOMPARE(validateSyntheticSettings(settings), QString());
}

void TestSyntheticData::defaultsValid()
{
    for (const SyntheticScenario scenario : syntheticScenarios) {
        SyntheticSettings settings;
        settings.scenario = scenario;
        QVERIFY2(validateSyntheticSettings(settings).isEmpty(),
                 qPrintable(syntheticScenarioName(scenario)));
        settings.count = 2;
        QVERIFY2(validateSyntheticSettings(settings).isEmpty(),
                 qPrintable(syntheticScenarioName(scenario)));
    }
}

void TestSyntheticData::dialogRoundTrip()
{
    SyntheticSettings initial;
    initial.scenario = SyntheticScenario::HeavyTailedNoise;
    initial.count = 1234;
    initial.slope = -0.75;
    initial.degreesOfFreedom = 7.0;
    initial.noiseGrowth = 0.25;
    initial.imbalanceRatio = 2.5;
    initial.labelNoiseRate = 0.05;
    initial.seed = 99;
    SyntheticDialog dialog(initial);
    const SyntheticSettings settings = dialog.settings();
    QCOMPARE(settings.scenario, SyntheticScenario::HeavyTailedNoise);
    QCOMPARE(settings.count, 1234);
    QCOMPARE(settings.slope, -0.75);
    QCOMPARE(settings.degreesOfFreedom, 7.0);
    QCOMPARE(settings.noiseGrowth, 0.25);
    QCOMPARE(settings.imbalanceRatio, 2.5);
    QCOMPARE(settings.labelNoiseRate, 0.05);
    QCOMPARE(settings.outlierFraction, initial.outlierFraction);
    QCOMPARE(settings.seed, std::uint64_t(99));
}

void TestSyntheticData::dialogShowsScenarioFields()
{
    SyntheticDialog dialog(SyntheticSettings{});
    auto isShown = [&dialog](const char *field) {
        auto *slider = dialog.findChild<ParameterSlider *>(QLatin1String(field));
        return slider != nullptr && slider->isVisibleTo(&dialog);
    };
    QComboBox *scenario = dialog.scenarioBox();
    scenario->setCurrentIndex(
        scenario->findData(static_cast<int>(SyntheticScenario::HeavyTailedNoise)));
    QVERIFY(isShown("count"));
    QVERIFY(isShown("slope"));
    QVERIFY(isShown("degreesOfFreedom"));
    QVERIFY(!isShown("outlierFraction"));
    QVERIFY(!isShown("classSeparation"));

    scenario->setCurrentIndex(
        scenario->findData(static_cast<int>(SyntheticScenario::TwoGaussianClasses)));
    QVERIFY(isShown("count"));
    QVERIFY(isShown("classSeparation"));
    QVERIFY(isShown("imbalanceRatio"));
    QVERIFY(isShown("labelNoiseRate"));
    QVERIFY(!isShown("slope"));
    QVERIFY(!isShown("degreesOfFreedom"));
    QCOMPARE(dialog.settings().scenario, SyntheticScenario::TwoGaussianClasses);

    scenario->setCurrentIndex(
        scenario->findData(static_cast<int>(SyntheticScenario::LeveragePoints)));
    QVERIFY(isShown("outlierFraction"));
    QVERIFY(isShown("leverageShift"));
    QVERIFY(!isShown("noiseGrowth"));
}

void TestSyntheticData::dialogPreviewPoints()
{
    SyntheticSettings initial;
    initial.scenario = SyntheticScenario::TwoGaussianClasses;
    initial.count = 300;
    initial.imbalanceRatio = 2.0;
    SyntheticDialog dialog(initial);
    QCustomPlot *plot = dialog.preview()->plot();
    // Two graphs, one per label, holding all points: 100 of label 1 and 200 of label 0.
    QCOMPARE(plot->graphCount(), 2);
    QCOMPARE(plot->graph(0)->dataCount(), 200);
    QCOMPARE(plot->graph(1)->dataCount(), 100);

    // Moving a slider regenerates the preview: a regression scenario draws the points and the
    // true line.
    dialog.scenarioBox()->setCurrentIndex(
        dialog.scenarioBox()->findData(static_cast<int>(SyntheticScenario::GaussianLine)));
    dialog.findChild<ParameterSlider *>(QStringLiteral("count"))->valueBox()->setValue(120);
    dialog.refreshPreview();
    QCOMPARE(plot->graphCount(), 2);
    QCOMPARE(plot->graph(0)->dataCount(), 120);
    QCOMPARE(plot->graph(1)->dataCount(), 2);
    QVERIFY(dialog.preview()->note()->text().contains(QStringLiteral("120 points")));
}

void TestSyntheticData::dialogPreviewLimit()
{
    SyntheticSettings initial;
    initial.count = SyntheticPreview::pointLimit + 1;
    SyntheticDialog dialog(initial);
    QCOMPARE(dialog.preview()->plot()->graphCount(), 0);
    QVERIFY(dialog.preview()->note()->text().contains(QStringLiteral("No preview above")));

    // An invalid value empties the preview and names the parameter under it.
    dialog.findChild<ParameterSlider *>(QStringLiteral("count"))->valueBox()->setValue(100);
    dialog.findChild<NumberBox *>(QStringLiteral("noiseDeviation"))->setValue(-2.0);
    dialog.refreshPreview();
    QCOMPARE(dialog.preview()->plot()->graphCount(), 0);
    QVERIFY(dialog.preview()->note()->text().contains(QStringLiteral("Noise deviation -2")));
}

void TestSyntheticData::dialogRejectsOutOfRange()
{
    SyntheticSettings initial;
    initial.scenario = SyntheticScenario::HeavyTailedNoise;
    SyntheticDialog dialog(initial);
    auto *freedom = dialog.findChild<NumberBox *>(QStringLiteral("degreesOfFreedom"));
    QVERIFY(freedom != nullptr);
    freedom->setValue(0.5);
    QCOMPARE(dialog.settings().degreesOfFreedom, 0.5);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    bool messageShown = false;
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        messageShown = messageShown ||
                       label->text().contains(QStringLiteral("Degrees of freedom 0.5 is out of "
                                                             "range; it must lie in [1, 1000]"));
    QVERIFY(messageShown);

    freedom->setValue(4.0);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.settings().degreesOfFreedom, 4.0);
}

QTEST_MAIN(TestSyntheticData)
#include "tst_syntheticdata.moc"
