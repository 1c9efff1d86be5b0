#include "core/adaptivebarron.h"
#include "core/adaptivebarrontraining.h"
#include "core/barrondistribution.h"
#include "core/lineobjective.h"
#include "core/losses/barron.h"
#include "core/optimizercatalogue.h"
#include "core/syntheticdata.h"
#include "numericcheck.h"
#include "testdata.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <numbers>
#include <random>

using namespace losslens;
using losslens::test::epsilon;
using losslens::test::relativeTolerance;

Q_DECLARE_METATYPE(AdaptiveBarronSettings)
Q_DECLARE_METATYPE(Eigen::VectorXd)

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// A line y = 2 x + 1 on x uniform in [-5, 5] plus noise: Gaussian with standard deviation 1
// (heavyTails false) or Cauchy with scale 1, drawn by the inverse distribution function
// tan(pi (u - 1/2)) so the noise does not depend on the standard library's algorithms.
std::shared_ptr<const Dataset> noisyLine(int count, bool heavyTails, std::uint64_t seed)
{
    if (!heavyTails) {
        SyntheticSettings settings;
        settings.count = count;
        settings.outlierFraction = 0.0;
        settings.seed = seed;
        return std::make_shared<const Dataset>(generateSyntheticData(settings));
    }
    auto data = std::make_shared<Dataset>();
    data->feature.resize(count);
    data->target.resize(count);
    std::mt19937_64 generator(seed);
    for (int i = 0; i < count; ++i) {
        const double x = -5.0 + 10.0 * std::generate_canonical<double, 53>(generator);
        const double u = std::generate_canonical<double, 53>(generator);
        data->feature[i] = x;
        data->target[i] = 2.0 * x + 1.0 + std::tan(std::numbers::pi * (u - 0.5));
    }
    data->featureName = QStringLiteral("x");
    data->targetName = QStringLiteral("y");
    data->source = QStringLiteral("test");
    return data;
}

AdaptiveBarronObjective standardizedObjective(std::shared_ptr<const Dataset> data,
                                              const AdaptiveBarronSettings &settings = {})
{
    const FeatureScaling scaling = FeatureScaling::standardizing(data->feature);
    return AdaptiveBarronObjective(std::move(data), scaling, settings);
}

std::unique_ptr<Optimizer> parseOptimizer(const QString &spec)
{
    QString error;
    std::unique_ptr<Optimizer> result = OptimizerCatalogue::parse(spec, &error);
    if (!result)
        qWarning("cannot parse %s: %s", qPrintable(spec), qPrintable(error));
    return result;
}

AdaptiveBarronSettings makeSettings(double minimumShape, double maximumShape, double initialShape,
                                    bool learnScale, double minimumScale, double initialScale)
{
    AdaptiveBarronSettings settings;
    settings.minimumShape = minimumShape;
    settings.maximumShape = maximumShape;
    settings.initialShape = initialShape;
    settings.learnScale = learnScale;
    settings.minimumScale = minimumScale;
    settings.initialScale = initialScale;
    return settings;
}

Eigen::VectorXd vector(std::initializer_list<double> values)
{
    Eigen::VectorXd result(Eigen::Index(values.size()));
    Eigen::Index i = 0;
    for (const double value : values)
        result[i++] = value;
    return result;
}

// The first x > 0 at which q = (x/c)^2 / |alpha - 2| exceeds the series' limit 0.5 (c = 1),
// and the double just below it.
std::pair<double, double> aroundSeriesLimit(double alpha)
{
    const double b = std::abs(alpha - 2.0);
    double above = std::sqrt(0.5 * b);
    while (above * above / b > 0.5)
        above = std::nextafter(above, 0.0);
    while (above * above / b <= 0.5)
        above = std::nextafter(above, infinity);
    return {std::nextafter(above, 0.0), above};
}

} // namespace

class TestAdaptiveBarron : public QObject
{
    Q_OBJECT

private slots:
    void logPartitionClosedForms();
    void logPartitionOutsideDomain();
    void logPartitionDerivativeMatchesDifferences_data();
    void logPartitionDerivativeMatchesDifferences();
    void shapeDerivativeMatchesDifferences_data();
    void shapeDerivativeMatchesDifferences();
    void shapeDerivativeContinuousAcrossBranches();
    void shapeDerivativeLimits();
    void scaleDerivativeMatchesDifferences();
    void invalidSettingsRejected_data();
    void invalidSettingsRejected();
    void startGivesInitialShapeAndScale();
    void valueIsMeanSampleLikelihood();
    void objectiveGradientMatchesDifferences_data();
    void objectiveGradientMatchesDifferences();
    void sampleGradientMatchesSubset();
    void gradientFiniteAtShapeTwo();
    void dataUnitsMatchLineObjective();
    void gaussianNoiseRaisesShape();
    void cauchyNoiseLowersShape();
    void sameSeedGivesSameRun();
    void previewEqualsNextUpdate_data();
    void previewEqualsNextUpdate();
    void divergingRunStops();
};

void TestAdaptiveBarron::logPartitionClosedForms()
{
    // Z(0) = integral of 1 / (1 + x^2 / 2) = sqrt(2) pi and Z(2) = integral of exp(-x^2 / 2)
    // = sqrt(2 pi); the quadrature reaches about 2e-15 relatively.
    const BarronLogPartition cauchy = barronLogPartition(0.0);
    COMPARE_NEAR(cauchy.value, std::log(std::numbers::sqrt2 * std::numbers::pi), 1e-14);
    const BarronLogPartition normal = barronLogPartition(2.0);
    COMPARE_NEAR(normal.value, 0.5 * std::log(2.0 * std::numbers::pi), 1e-14);
    // d rho / d alpha is +inf at alpha = 2 for every x != 0.
    QCOMPARE(normal.shapeDerivative, -infinity);
    COMPARE_NEAR(barronLogPartitionValue(0.0), cauchy.value, 0.0);
    COMPARE_NEAR(barronLogPartitionValue(2.0), normal.value, 0.0);
    // Z decreases as the tails get lighter, so d log Z / d alpha < 0.
    for (const double alpha : {0.0, 0.5, 1.0, 1.9, 2.1, 5.0, 10.0})
        QVERIFY2(barronLogPartition(alpha).shapeDerivative < 0.0,
                 qPrintable(QString::number(alpha)));
}

void TestAdaptiveBarron::logPartitionOutsideDomain()
{
    for (const double alpha : {-0.1, -infinity, 10.5, infinity, std::nan("")}) {
        const BarronLogPartition partition = barronLogPartition(alpha);
        QVERIFY(std::isnan(partition.value));
        QVERIFY(std::isnan(partition.shapeDerivative));
        QVERIFY(std::isnan(barronLogPartitionValue(alpha)));
        QVERIFY(std::isnan(barronLossShapeDerivative(1.0, alpha, 1.0)));
    }
}

void TestAdaptiveBarron::logPartitionDerivativeMatchesDifferences_data()
{
    QTest::addColumn<double>("alpha");
    for (const double alpha : {0.0, 0.05, 0.3, 1.0, 1.5, 1.9, 2.1, 2.5, 4.0, 9.9})
        QTest::addRow("alpha=%g", alpha) << alpha;
}

void TestAdaptiveBarron::logPartitionDerivativeMatchesDifferences()
{
    QFETCH(double, alpha);
    // Z diverges below 0, so at alpha = 0 the difference is one-sided of second order:
    // (-3 f(0) + 4 f(h) - f(2h)) / (2h). Elsewhere it is central. With log Z good to 2e-15 and
    // h = 1e-5, rounding contributes about 1e-9, and truncation (h^2 |f'''| / 3 at most) about
    // 1e-8 near alpha = 0, where the derivatives of log Z grow fast.
    const double h = 1e-5;
    double difference = 0.0;
    if (alpha == 0.0) {
        difference = (-3.0 * barronLogPartitionValue(0.0) + 4.0 * barronLogPartitionValue(h) -
                      barronLogPartitionValue(2.0 * h)) /
                     (2.0 * h);
    } else {
        difference =
            (barronLogPartitionValue(alpha + h) - barronLogPartitionValue(alpha - h)) / (2.0 * h);
    }
    COMPARE_NEAR(barronLogPartition(alpha).shapeDerivative, difference, 5e-8);
}

void TestAdaptiveBarron::shapeDerivativeMatchesDifferences_data()
{
    QTest::addColumn<double>("residual");
    QTest::addColumn<double>("alpha");
    QTest::addColumn<double>("scale");
    for (const double alpha : {0.0, 0.001, 0.5, 1.0, 1.5, 1.9, 2.5, 4.0, 10.0}) {
        for (const double scale : {0.5, 2.0}) {
            for (const double residual : {0.3, -1.0, 2.5, 10.0, -100.0})
                QTest::addRow("alpha=%g c=%g x=%g", alpha, scale, residual)
                    << residual << alpha << scale;
        }
    }
}

void TestAdaptiveBarron::shapeDerivativeMatchesDifferences()
{
    QFETCH(double, residual);
    QFETCH(double, alpha);
    QFETCH(double, scale);
    // BarronLoss evaluates rho for any alpha, so the central difference may step below 0 or
    // above 10. Rounding adds about 8 eps |rho| / (2h); truncation h^2 |rho'''| / 6 stays below
    // 1e-7 relatively for these shapes (|alpha - 2| >= 0.1).
    const double h = 1e-5;
    const double above = BarronLoss(alpha + h, scale).valueAt(residual, 0.0);
    const double below = BarronLoss(alpha - h, scale).valueAt(residual, 0.0);
    const double difference = (above - below) / (2.0 * h);
    const double derivative = barronLossShapeDerivative(residual, alpha, scale);
    const double rounding = 8.0 * epsilon * (std::abs(above) + std::abs(below)) / (2.0 * h);
    COMPARE_NEAR(derivative, difference, rounding + 1e-7 * std::abs(difference));
    // rho grows with alpha.
    QVERIFY(derivative > 0.0);
}

void TestAdaptiveBarron::shapeDerivativeContinuousAcrossBranches()
{
    // The series takes over from the closed forms at q = 0.5, and one closed form from the
    // other at alpha = 1.5. The exact derivative changes by a few ulps between
    // neighbouring doubles, so a jump above 1e-13 would be a branch that is wrong.
    for (const double alpha : {0.001, 0.3, 1.0, 1.49, 1.5, 1.99, 2.5, 6.0, 10.0}) {
        const auto [below, above] = aroundSeriesLimit(alpha);
        const double fromSeries = barronLossShapeDerivative(below, alpha, 1.0);
        const double fromClosedForm = barronLossShapeDerivative(above, alpha, 1.0);
        COMPARE_NEAR(fromClosedForm, fromSeries, relativeTolerance(fromSeries, 1e-13));
    }
    for (const double residual : {0.9, 3.0, 40.0, 1e5}) {
        const double lowForm = barronLossShapeDerivative(residual, std::nextafter(1.5, 0.0), 1.0);
        const double highForm = barronLossShapeDerivative(residual, 1.5, 1.0);
        COMPARE_NEAR(lowForm, highForm, relativeTolerance(highForm, 1e-13));
    }
}

void TestAdaptiveBarron::shapeDerivativeLimits()
{
    QCOMPARE(barronLossShapeDerivative(0.0, 1.0, 1.0), 0.0);
    QCOMPARE(barronLossShapeDerivative(0.0, 2.0, 1.0), 0.0);
    QCOMPARE(barronLossShapeDerivative(0.5, 2.0, 1.0), infinity);
    QCOMPARE(barronLossShapeDerivative(1e200, 1.0, 1e-100), infinity);
    // At alpha = 0: (L^2 / 2 + q / (1 + q) - L) / 2 with q = s / 2 and L = log1p(q).
    for (const double residual : {1.0, 3.0, 50.0}) {
        const double q = residual * residual / 2.0;
        const double logTerm = std::log1p(q);
        const double expected = 0.5 * (0.5 * logTerm * logTerm + q / (1.0 + q) - logTerm);
        COMPARE_NEAR(barronLossShapeDerivative(residual, 0.0, 1.0), expected,
                     relativeTolerance(expected, 1e-14));
    }
    // For small s it is s^3 / (24 b^2) to leading order.
    const double s = 1e-12;
    COMPARE_NEAR(barronLossShapeDerivative(1e-6, 1.0, 1.0), s * s * s / 24.0,
                 relativeTolerance(s * s * s / 24.0, 1e-9));
    // Near alpha = 2 it grows like (s / 4) log(1 / |alpha - 2|).
    const double nearTwo = barronLossShapeDerivative(1.0, 2.0 - 1e-12, 1.0);
    QVERIFY(std::isfinite(nearTwo));
    QVERIFY(nearTwo > 0.25 * std::log(1e12) - 1.0);
}

void TestAdaptiveBarron::scaleDerivativeMatchesDifferences()
{
    for (const double alpha : {0.0, 0.5, 1.0, 2.0, 3.0}) {
        for (const double scale : {0.3, 1.0, 7.0}) {
            for (const double residual : {0.0, 0.4, -2.0, 25.0}) {
                const double h = 1e-6 * scale;
                const double above = BarronLoss(alpha, scale + h).valueAt(residual, 0.0);
                const double below = BarronLoss(alpha, scale - h).valueAt(residual, 0.0);
                const double difference = (above - below) / (2.0 * h);
                const double rounding =
                    8.0 * epsilon * (std::abs(above) + std::abs(below)) / (2.0 * h);
                COMPARE_NEAR(barronLossScaleDerivative(residual, alpha, scale), difference,
                             rounding + 1e-8 * std::abs(difference));
            }
        }
    }
}

void TestAdaptiveBarron::invalidSettingsRejected_data()
{
    QTest::addColumn<AdaptiveBarronSettings>("settings");
    QTest::addColumn<QString>("named");
    QTest::addRow("negative minimum shape")
        << makeSettings(-0.5, 1.9, 1.0, true, 1e-5, 1.0) << QStringLiteral("-0.5");
    QTest::addRow("maximum shape above 10")
        << makeSettings(0.1, 12.0, 1.0, true, 1e-5, 1.0) << QStringLiteral("12");
    QTest::addRow("empty shape range")
        << makeSettings(1.5, 1.5, 1.5, true, 1e-5, 1.0) << QStringLiteral("1.5");
    QTest::addRow("initial shape on the range")
        << makeSettings(0.1, 1.9, 1.9, true, 1e-5, 1.0) << QStringLiteral("1.9");
    QTest::addRow("infinite shape")
        << makeSettings(0.1, infinity, 1.0, true, 1e-5, 1.0) << QStringLiteral("finite");
    QTest::addRow("zero initial scale")
        << makeSettings(0.1, 1.9, 1.0, false, 1e-5, 0.0) << QStringLiteral("0");
    QTest::addRow("zero minimum scale")
        << makeSettings(0.1, 1.9, 1.0, true, 0.0, 1.0) << QStringLiteral("minimum scale 0");
    QTest::addRow("initial scale below minimum")
        << makeSettings(0.1, 1.9, 1.0, true, 2.0, 1.0) << QStringLiteral("2");
}

void TestAdaptiveBarron::invalidSettingsRejected()
{
    QFETCH(AdaptiveBarronSettings, settings);
    QFETCH(QString, named);
    const QString error = validateAdaptiveBarronSettings(settings);
    QVERIFY2(error.contains(named), qPrintable(error));
    QVERIFY(validateAdaptiveBarronSettings(AdaptiveBarronSettings()).isEmpty());
    // A fixed scale ignores its minimum.
    QVERIFY(validateAdaptiveBarronSettings(makeSettings(0.1, 1.9, 1.0, false, 5.0, 1.0)).isEmpty());
}

void TestAdaptiveBarron::startGivesInitialShapeAndScale()
{
    const AdaptiveBarronSettings settings = makeSettings(0.5, 10.0, 4.0, true, 0.01, 5.0);
    const AdaptiveBarronObjective objective =
        standardizedObjective(test::stackLossData(), settings);
    const Eigen::VectorXd theta = objective.startParameters({3.0, 17.0});
    QCOMPARE(theta.size(), 4);
    QCOMPARE(theta[0], 3.0);
    QCOMPARE(theta[1], 17.0);
    COMPARE_NEAR(objective.shape(theta), 4.0, 4 * epsilon * 4.0);
    COMPARE_NEAR(objective.scale(theta), 5.0, 4 * epsilon * 5.0);
    // Barron's defaults start at the middle of (0.001, 1.999) with u = 0.
    const AdaptiveBarronObjective defaults = standardizedObjective(test::stackLossData());
    const Eigen::VectorXd start = defaults.startParameters({0.0, 0.0});
    QCOMPARE(start[2], 0.0);
    QCOMPARE(defaults.shape(start), 1.0);
    COMPARE_NEAR(defaults.scale(start), 1.0, 2 * epsilon);
    // A fixed scale leaves three parameters.
    const AdaptiveBarronObjective fixed = standardizedObjective(
        test::stackLossData(), makeSettings(0.001, 1.999, 1.0, false, 1e-5, 3.0));
    QCOMPARE(fixed.parameterCount(), 3);
    QCOMPARE(fixed.scale(fixed.startParameters({0.0, 0.0})), 3.0);
}

void TestAdaptiveBarron::valueIsMeanSampleLikelihood()
{
    const auto data = test::stackLossData();
    const AdaptiveBarronObjective objective = standardizedObjective(data);
    const Eigen::VectorXd theta = vector({4.0, 17.0, -0.7, 1.1});
    const double alpha = objective.shape(theta);
    const double c = objective.scale(theta);
    const FeatureScaling scaling = FeatureScaling::standardizing(data->feature);
    double sum = 0.0, lossSum = 0.0;
    for (Eigen::Index i = 0; i < data->size(); ++i) {
        const double r = theta[0] * scaling.apply(data->feature[i]) + theta[1] - data->target[i];
        sum += barronNegativeLogLikelihood(r, alpha, c);
        lossSum += BarronLoss(alpha, c).valueAt(r, 0.0);
    }
    const double n = double(data->size());
    const AdaptiveBarronEvaluation evaluation = objective.evaluate(theta);
    COMPARE_NEAR(objective.value(theta), sum / n, 1e-14 * std::abs(sum / n));
    COMPARE_NEAR(evaluation.negativeLogLikelihood, sum / n, 1e-14 * std::abs(sum / n));
    COMPARE_NEAR(evaluation.meanLoss, lossSum / n, 1e-14 * lossSum / n);
    COMPARE_NEAR(objective.meanLoss(theta), lossSum / n, 1e-14 * lossSum / n);
}

void TestAdaptiveBarron::objectiveGradientMatchesDifferences_data()
{
    QTest::addColumn<AdaptiveBarronSettings>("settings");
    QTest::addColumn<bool>("standardize");
    QTest::addColumn<Eigen::VectorXd>("theta");
    const AdaptiveBarronSettings defaults;
    QTest::addRow("defaults at start") << defaults << true << vector({3.0, 17.5, 0.0, 0.0});
    QTest::addRow("defaults low shape") << defaults << true << vector({5.0, 15.0, -2.5, 1.2});
    QTest::addRow("defaults high shape") << defaults << true << vector({4.0, 18.0, 3.0, 0.6});
    QTest::addRow("raw feature") << defaults << false << vector({1.0, -45.0, 0.3, 0.8});
    QTest::addRow("fixed scale") << makeSettings(0.001, 1.999, 1.0, false, 1e-5, 3.0) << true
                                 << vector({4.0, 17.0, 0.7});
    QTest::addRow("shape range with 0 and 2")
        << makeSettings(0.0, 3.0, 1.5, true, 1e-3, 2.0) << true << vector({4.5, 17.2, 0.4, -0.5});
    QTest::addRow("shape range to 10")
        << makeSettings(0.5, 10.0, 4.0, true, 0.01, 5.0) << true << vector({4.0, 18.0, -0.6, 0.5});
}

void TestAdaptiveBarron::objectiveGradientMatchesDifferences()
{
    QFETCH(AdaptiveBarronSettings, settings);
    QFETCH(bool, standardize);
    QFETCH(Eigen::VectorXd, theta);
    const auto data = test::stackLossData();
    const FeatureScaling scaling =
        standardize ? FeatureScaling::standardizing(data->feature) : FeatureScaling::identity();
    const AdaptiveBarronObjective objective(data, scaling, settings);
    const AdaptiveBarronEvaluation evaluation = objective.evaluate(theta);
    QCOMPARE(evaluation.gradient.size(), theta.size());
    // The value is good to about 1e-15 of its terms' size, so with h = 1e-6 rounding adds about
    // 1e-9 (1 + |NLL|), and truncation h^2 |f'''| / 6 about 1e-12.
    const double h = 1e-6;
    const double tolerance = 1e-8 * (1.0 + std::abs(evaluation.negativeLogLikelihood));
    for (Eigen::Index i = 0; i < theta.size(); ++i) {
        Eigen::VectorXd above = theta;
        Eigen::VectorXd below = theta;
        above[i] += h;
        below[i] -= h;
        const double difference = (objective.value(above) - objective.value(below)) / (2.0 * h);
        COMPARE_NEAR(evaluation.gradient[i], difference, tolerance + 1e-8 * std::abs(difference));
    }
    QVERIFY(objective.gradient(theta) == evaluation.gradient);
}

void TestAdaptiveBarron::sampleGradientMatchesSubset()
{
    // The gradient on samples is the full gradient of the data made of those samples alone,
    // with the scaling of all data.
    const auto data = test::stackLossData();
    const FeatureScaling scaling = FeatureScaling::standardizing(data->feature);
    const AdaptiveBarronObjective objective(data, scaling, {});
    const std::vector<Eigen::Index> samples = {0, 3, 4, 9, 20};
    auto subset = std::make_shared<Dataset>();
    subset->feature.resize(Eigen::Index(samples.size()));
    subset->target.resize(Eigen::Index(samples.size()));
    for (std::size_t k = 0; k < samples.size(); ++k) {
        subset->feature[Eigen::Index(k)] = data->feature[samples[k]];
        subset->target[Eigen::Index(k)] = data->target[samples[k]];
    }
    const AdaptiveBarronObjective subsetObjective(subset, scaling, {});
    const Eigen::VectorXd theta = vector({4.0, 16.0, 0.8, -0.4});
    const Eigen::VectorXd onSamples = objective.gradientOnSamples(theta, samples);
    const Eigen::VectorXd expected = subsetObjective.gradient(theta);
    for (Eigen::Index i = 0; i < theta.size(); ++i)
        COMPARE_NEAR(onSamples[i], expected[i], relativeTolerance(expected[i], 1e-14));
    // All samples in order give the full gradient.
    std::vector<Eigen::Index> all(std::size_t(data->size()));
    for (std::size_t k = 0; k < all.size(); ++k)
        all[k] = Eigen::Index(k);
    const Eigen::VectorXd full = objective.gradient(theta);
    const Eigen::VectorXd onAll = objective.gradientOnSamples(theta, all);
    for (Eigen::Index i = 0; i < theta.size(); ++i)
        COMPARE_NEAR(onAll[i], full[i], relativeTolerance(full[i], 1e-14));
}

void TestAdaptiveBarron::gradientFiniteAtShapeTwo()
{
    // With the shape range (1, 3), u = 0 gives alpha = 2 exactly, where d rho / d alpha and
    // d log Z / d alpha are infinite with opposite signs.
    const AdaptiveBarronObjective objective =
        standardizedObjective(test::stackLossData(), makeSettings(1.0, 3.0, 2.0, true, 1e-5, 4.0));
    const Eigen::VectorXd theta = objective.startParameters({8.0, 17.5});
    QCOMPARE(objective.shape(theta), 2.0);
    const AdaptiveBarronEvaluation evaluation = objective.evaluate(theta);
    QVERIFY(std::isfinite(evaluation.negativeLogLikelihood));
    QVERIFY(evaluation.gradient.allFinite());
    // Just below 2 the derivative is that of the double below 2, so it varies continuously.
    Eigen::VectorXd below = theta;
    below[2] = -1e-9;
    QVERIFY(objective.shape(below) < 2.0);
    const double nearby = objective.gradient(below)[2];
    QVERIFY2(std::abs(evaluation.gradient[2] - nearby) < 0.5 * std::abs(nearby),
             qPrintable(QStringLiteral("%1 against %2").arg(evaluation.gradient[2]).arg(nearby)));
}

void TestAdaptiveBarron::dataUnitsMatchLineObjective()
{
    const auto data = test::stackLossData();
    const FeatureScaling scaling = FeatureScaling::standardizing(data->feature);
    const AdaptiveBarronObjective objective(data, scaling, {});
    const LineObjective line(data, test::parseLoss(QStringLiteral("mse")), scaling);
    const Eigen::VectorXd theta = vector({7.5, 17.5, 0.0, 0.0});
    const LineParameters fromAdaptive = objective.toDataUnits(theta);
    const LineParameters fromLine = line.toDataUnits(Eigen::Vector2d(7.5, 17.5));
    QCOMPARE(fromAdaptive.slope, fromLine.slope);
    QCOMPARE(fromAdaptive.intercept, fromLine.intercept);
}

void TestAdaptiveBarron::gaussianNoiseRaisesShape()
{
    // Gaussian noise is Barron's distribution with alpha = 2, so the likelihood pulls alpha from
    // its start 1 towards the top of (0.001, 1.999). After 800 Adam steps it is at 1.70 on this
    // sample, with the line at slope 2.00 and intercept 0.96.
    const AdaptiveBarronObjective objective = standardizedObjective(noisyLine(300, false, 5));
    const auto adam = parseOptimizer(QStringLiteral("adam:learning_rate=0.05"));
    AdaptiveBarronTraining run(objective, {0.0, 0.0}, *adam);
    QCOMPARE(run.run(objective, 800), RunStatus::Running);
    QCOMPARE(run.iteration(), 800);
    const AdaptiveBarronPoint &end = run.current();
    QVERIFY2(end.shape > 1.5, qPrintable(QString::number(end.shape)));
    QVERIFY(end.negativeLogLikelihood < run.history().front().negativeLogLikelihood - 3.0);
    const LineParameters line = objective.toDataUnits(end.theta);
    COMPARE_NEAR(line.slope, 2.0, 0.05);
    COMPARE_NEAR(line.intercept, 1.0, 0.1);
    // The shape rose over the last half of the run too.
    QVERIFY(end.shape > run.history()[400].shape);
}

void TestAdaptiveBarron::cauchyNoiseLowersShape()
{
    // Cauchy noise with scale 1 is Barron's distribution with alpha = 0 and c = 1 / sqrt(2),
    // because exp(-log(1 + (x/c)^2 / 2)) = 1 / (1 + x^2) then. After 800 Adam steps alpha is at
    // 0.05 and c at 0.70 on this sample.
    const AdaptiveBarronObjective objective = standardizedObjective(noisyLine(300, true, 5));
    const auto adam = parseOptimizer(QStringLiteral("adam:learning_rate=0.05"));
    AdaptiveBarronTraining run(objective, {0.0, 0.0}, *adam);
    QCOMPARE(run.run(objective, 800), RunStatus::Running);
    const AdaptiveBarronPoint &end = run.current();
    QVERIFY2(end.shape < 0.25, qPrintable(QString::number(end.shape)));
    COMPARE_NEAR(end.scale, 1.0 / std::numbers::sqrt2, 0.1);
    const LineParameters line = objective.toDataUnits(end.theta);
    COMPARE_NEAR(line.slope, 2.0, 0.1);
    COMPARE_NEAR(line.intercept, 1.0, 0.15);
    for (const AdaptiveBarronPoint &point : run.history()) {
        QVERIFY(std::isfinite(point.negativeLogLikelihood));
        QVERIFY(point.shape > 0.001 && point.shape < 1.999);
    }
}

void TestAdaptiveBarron::sameSeedGivesSameRun()
{
    const AdaptiveBarronObjective objective = standardizedObjective(noisyLine(120, true, 11));
    const auto sgd = parseOptimizer(QStringLiteral("sgd:learning_rate=0.05,batch_size=16,seed=3"));
    const auto otherSeed =
        parseOptimizer(QStringLiteral("sgd:learning_rate=0.05,batch_size=16,seed=4"));
    AdaptiveBarronTraining first(objective, {0.0, 0.0}, *sgd);
    AdaptiveBarronTraining second(objective, {0.0, 0.0}, *sgd);
    AdaptiveBarronTraining other(objective, {0.0, 0.0}, *otherSeed);
    first.run(objective, 60);
    second.run(objective, 60);
    other.run(objective, 60);
    QCOMPARE(first.history().size(), std::size_t(61));
    QCOMPARE(second.history().size(), first.history().size());
    for (std::size_t k = 0; k < first.history().size(); ++k) {
        QVERIFY(first.history()[k].theta == second.history()[k].theta);
        QCOMPARE(first.history()[k].negativeLogLikelihood,
                 second.history()[k].negativeLogLikelihood);
    }
    // Mini-batches: the last gradient is of 16 samples, not of all 120.
    QVERIFY(first.lastGradient() != objective.gradient(first.history()[59].theta));
    QVERIFY(other.current().theta != first.current().theta);
    // reset() starts the same run again.
    first.reset(objective, {0.0, 0.0});
    first.run(objective, 60);
    QVERIFY(first.current().theta == second.current().theta);
}

void TestAdaptiveBarron::previewEqualsNextUpdate_data()
{
    QTest::addColumn<QString>("optimizer");
    QTest::newRow("momentum") << "momentum:learning_rate=0.05";
    QTest::newRow("adam") << "adam:learning_rate=0.05";
    QTest::newRow("sgd mini-batches") << "sgd:learning_rate=0.05,batch_size=16,seed=3";
}

void TestAdaptiveBarron::previewEqualsNextUpdate()
{
    // The landscape's arrows show the (w, b) part of the update the run makes next.
    QFETCH(QString, optimizer);
    const AdaptiveBarronObjective objective = standardizedObjective(noisyLine(120, true, 11));
    const auto method = parseOptimizer(optimizer);
    AdaptiveBarronTraining training(objective, {0.0, 0.0}, *method);
    for (int step = 0; step < 12; ++step) {
        const std::optional<UpdatePreview> preview = training.previewUpdate(objective);
        QVERIFY(preview);
        const Eigen::VectorXd before = training.current().theta;
        training.step(objective);
        const Eigen::Vector2d taken = (training.current().theta - before).head<2>();
        QVERIFY(preview->step == taken);
        QVERIFY(preview->gradient == Eigen::Vector2d(training.lastGradient().head<2>()));
        QVERIFY(preview->step.allFinite());
    }
}

void TestAdaptiveBarron::divergingRunStops()
{
    // A wild step with c learned mostly raises c, and one with alpha free mostly lowers alpha
    // towards 0, so the likelihood grows only like log |r| or log c. With c fixed and alpha kept
    // near 2, rho grows like r^2 and the run diverges.
    const AdaptiveBarronObjective objective = standardizedObjective(
        test::stackLossData(), makeSettings(1.9, 1.999, 1.95, false, 1e-5, 1.0));
    const auto gd = parseOptimizer(QStringLiteral("gd:learning_rate=1000000"));
    AdaptiveBarronTraining run(objective, {0.0, 0.0}, *gd);
    QCOMPARE(run.run(objective, 100), RunStatus::Diverged);
    QVERIFY(run.divergedAt() >= 1);
    QCOMPARE(run.iteration(), run.divergedAt() - 1);
    const double start = run.history().front().negativeLogLikelihood;
    const double limit =
        start + AdaptiveBarronTraining::divergenceFactor * std::max(std::abs(start), 1.0);
    QVERIFY(!(run.divergedLikelihood() <= limit));
    for (const AdaptiveBarronPoint &point : run.history())
        QVERIFY(point.negativeLogLikelihood <= limit);
    // A stopped run stays where it stopped.
    const int stoppedAt = run.iteration();
    QCOMPARE(run.step(objective), RunStatus::Diverged);
    QCOMPARE(run.iteration(), stoppedAt);
}

QTEST_APPLESS_MAIN(TestAdaptiveBarron)
#include "tst_adaptivebarron.moc"
