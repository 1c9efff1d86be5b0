#include "numericcheck.h"
#include "testdata.h"

#include "core/lineobjective.h"
#include "core/losscatalogue.h"
#include "core/syntheticdata.h"

#include <QTest>

#include <cmath>
#include <memory>

using namespace losslens;
using losslens::test::epsilon;
using losslens::test::relativeTolerance;

namespace {

// Five points with 0/1 labels whose classes overlap, so every loss applies to them.
std::shared_ptr<const Dataset> smallLabelledData()
{
    return test::makeDataset({-2.0, -0.5, 0.3, 1.1, 2.4}, {0.0, 1.0, 0.0, 1.0, 1.0});
}

FeatureScaling scalingFor(const Dataset &data, bool standardize)
{
    return standardize ? FeatureScaling::standardizing(data.feature) : FeatureScaling::identity();
}

} // namespace

class TestLineObjective : public QObject
{
    Q_OBJECT

private slots:
    void handComputedMse_data();
    void handComputedMse();
    void matchesDirectSums_data();
    void matchesDirectSums();
    void derivativesMatchDifferences_data();
    void derivativesMatchDifferences();
    void dataUnitsRoundTrip_data();
    void dataUnitsRoundTrip();
    void sameLineEitherScaling_data();
    void sameLineEitherScaling();
    void standardizingScaling();
    void scalingExtremeMagnitudes_data();
    void scalingExtremeMagnitudes();
    void applicabilityErrors();
};

void TestLineObjective::handComputedMse_data()
{
    QTest::addColumn<bool>("standardize");
    QTest::addColumn<double>("w");
    QTest::addColumn<double>("b");
    QTest::addColumn<double>("gradientW");
    QTest::addColumn<double>("hessianWW");
    QTest::addColumn<double>("hessianWB");

    // Data x = (1, 2, 4), y = (2, 3, 7) and the line y = 1.5 x - 0.5: predictions
    // (1, 2.5, 5.5), errors e = (-1, -0.5, -1.5), L = (1 + 0.25 + 2.25) / 3 = 7/6,
    // dL/db = (2/3) sum e = -2.
    // Raw feature: dL/dw = (2/3)(-1 - 1 - 6) = -16/3, Hessian (2/3)[[21, 7], [7, 3]].
    QTest::newRow("mse identity") << false << 1.5 << -0.5 << -16.0 / 3.0 << 14.0 << 14.0 / 3.0;
    // Standardized: mean 7/3, population deviation sqrt(14)/3, so x' = (-4, -1, 5) / sqrt(14).
    // The same line is w = 1.5 sqrt(14)/3 = sqrt(14)/2 and b = -0.5 + 1.5 (7/3) = 3.
    // dL/dw = (2/3)(4 + 0.5 - 7.5)/sqrt(14) = -2/sqrt(14), and since sum x' = 0 and
    // sum x'^2 = 3 the Hessian is (2/3)[[3, 0], [0, 3]] = 2 I.
    QTest::newRow("mse standardizing")
        << true << std::sqrt(14.0) / 2.0 << 3.0 << -2.0 / std::sqrt(14.0) << 2.0 << 0.0;
}

void TestLineObjective::handComputedMse()
{
    QFETCH(bool, standardize);
    QFETCH(double, w);
    QFETCH(double, b);
    QFETCH(double, gradientW);
    QFETCH(double, hessianWW);
    QFETCH(double, hessianWB);

    const auto data = test::makeDataset({1.0, 2.0, 4.0}, {2.0, 3.0, 7.0});
    const LineObjective objective(data, test::parseLoss(QStringLiteral("mse")),
                                  scalingFor(*data, standardize));
    const Eigen::Vector2d theta(w, b);
    const ObjectiveValue result = objective.evaluate(theta);

    // Every quantity is a sum of three terms of size up to 21, each a few roundings away from
    // exact. An absolute 64 eps bounds that error, and the expected values are exact fractions.
    const double tolerance = 64 * epsilon;
    COMPARE_NEAR(result.value, 7.0 / 6.0, tolerance);
    COMPARE_NEAR(objective.value(theta), 7.0 / 6.0, tolerance);
    COMPARE_NEAR(result.gradient[0], gradientW, tolerance);
    COMPARE_NEAR(result.gradient[1], -2.0, tolerance);
    COMPARE_NEAR(result.hessian(0, 0), hessianWW, tolerance);
    COMPARE_NEAR(result.hessian(0, 1), hessianWB, tolerance);
    COMPARE_NEAR(result.hessian(1, 0), hessianWB, tolerance);
    COMPARE_NEAR(result.hessian(1, 1), 2.0, tolerance);
}

void TestLineObjective::matchesDirectSums_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("standardize");

    for (const char *spec : {"mse", "mae", "huber:delta=0.7", "huber:delta=2.5", "bce"}) {
        QTest::addRow("%s identity", spec) << QString::fromLatin1(spec) << false;
        QTest::addRow("%s standardizing", spec) << QString::fromLatin1(spec) << true;
    }
}

void TestLineObjective::matchesDirectSums()
{
    QFETCH(QString, spec);
    QFETCH(bool, standardize);

    const auto data = smallLabelledData();
    const auto loss = test::parseLoss(spec);
    QVERIFY(loss);
    const FeatureScaling scaling = scalingFor(*data, standardize);
    const LineObjective objective(data, loss, scaling);
    QVERIFY2(objective.isApplicable(), qPrintable(objective.applicabilityError()));

    // The formula in the class comment, written out as a plain loop over the points.
    const Eigen::Vector2d theta(0.8, -0.3);
    const bool regression = loss->kind() == LossKind::Regression;
    double value = 0.0;
    Eigen::Vector2d gradient = Eigen::Vector2d::Zero();
    Eigen::Matrix2d hessian = Eigen::Matrix2d::Zero();
    const int n = static_cast<int>(data->size());
    for (int i = 0; i < n; ++i) {
        const double x = (data->feature[i] - scaling.mean) / scaling.scale;
        const double output = theta[0] * x + theta[1];
        const double input = regression ? output - data->target[i] : output;
        const LossDerivatives d = loss->evaluate(input, data->target[i]);
        const Eigen::Vector2d direction(x, 1.0);
        value += d.value / n;
        gradient += d.first * direction / n;
        hessian += d.second * direction * direction.transpose() / n;
    }

    const ObjectiveValue result = objective.evaluate(theta);
    // Five terms of size below 10 summed in another order differ by less than 64 eps.
    const double tolerance = 64 * epsilon;
    COMPARE_NEAR(result.value, value, tolerance);
    COMPARE_NEAR(objective.value(theta), value, tolerance);
    for (int r = 0; r < 2; ++r) {
        COMPARE_NEAR(result.gradient[r], gradient[r], tolerance);
        for (int c = 0; c < 2; ++c)
            COMPARE_NEAR(result.hessian(r, c), hessian(r, c), tolerance);
    }
}

void TestLineObjective::derivativesMatchDifferences_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("standardize");

    for (const char *spec : {"mse", "mae", "huber:delta=1", "huber:delta=3", "bce"}) {
        QTest::addRow("%s identity", spec) << QString::fromLatin1(spec) << false;
        QTest::addRow("%s standardizing", spec) << QString::fromLatin1(spec) << true;
    }
}

void TestLineObjective::derivativesMatchDifferences()
{
    QFETCH(QString, spec);
    QFETCH(bool, standardize);

    const auto data = smallLabelledData();
    const auto loss = test::parseLoss(spec);
    QVERIFY(loss);
    const LineObjective objective(data, loss, scalingFor(*data, standardize));
    const Eigen::Vector2d theta(0.8, -0.3);

    // No model input at theta lies within 0.05 of a kink (0 for MAE, +-delta for Huber), and a
    // step of h moves each input by at most h (|x'| + 1) < 1e-4, so every difference stays on
    // one smooth branch of every point's loss.
    for (Eigen::Index i = 0; i < data->size(); ++i) {
        const double input = objective.modelInput(theta, i);
        QVERIFY2(std::abs(input) > 0.05, "model input too close to 0");
        QVERIFY2(std::abs(std::abs(input) - 1.0) > 0.05, "model input too close to 1");
        QVERIFY2(std::abs(std::abs(input) - 3.0) > 0.05, "model input too close to 3");
    }

    // Central differences with h = 1e-5: truncation h^2 |L'''| / 6 stays below 1e-10 because
    // the per-point third derivatives are at most 0.1 (BCE) times |x'|^3 < 20. Rounding, about
    // eps |L| / h, stays below 3e-10 because L and its gradient are below 10 in size. A 1e-8
    // tolerance leaves a margin.
    const double h = 1e-5;
    const double tolerance = 1e-8;
    const ObjectiveValue atTheta = objective.evaluate(theta);
    for (int k = 0; k < 2; ++k) {
        Eigen::Vector2d step = Eigen::Vector2d::Zero();
        step[k] = h;
        const ObjectiveValue above = objective.evaluate(theta + step);
        const ObjectiveValue below = objective.evaluate(theta - step);
        COMPARE_NEAR(atTheta.gradient[k], (above.value - below.value) / (2 * h), tolerance);
        for (int r = 0; r < 2; ++r) {
            COMPARE_NEAR(atTheta.hessian(r, k), (above.gradient[r] - below.gradient[r]) / (2 * h),
                         tolerance);
        }
    }
}

void TestLineObjective::dataUnitsRoundTrip_data()
{
    QTest::addColumn<bool>("standardize");

    QTest::newRow("identity") << false;
    QTest::newRow("standardizing") << true;
}

void TestLineObjective::dataUnitsRoundTrip()
{
    QFETCH(bool, standardize);

    const auto data = test::stackLossData();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("mse")),
                                  scalingFor(*data, standardize));
    for (const Eigen::Vector2d &theta :
         {Eigen::Vector2d(1.02, -44.1), Eigen::Vector2d(0.0, 17.5), Eigen::Vector2d(-3.0, 250.0),
          Eigen::Vector2d(1e-9, 1e6)}) {
        const LineParameters line = objective.toDataUnits(theta);
        const Eigen::Vector2d back = objective.fromDataUnits(line);
        // Two affine maps with coefficients up to 60 (the feature mean): the round trip loses a
        // few units of rounding relative to the largest term, 60 |w| + |b|.
        const double scale = 60.0 * std::abs(theta[0]) + std::abs(theta[1]);
        COMPARE_NEAR(back[0], theta[0], 16 * epsilon * scale);
        COMPARE_NEAR(back[1], theta[1], 16 * epsilon * scale);

        // The line in data units predicts what the model predicts on every raw feature value.
        for (Eigen::Index i = 0; i < data->size(); ++i) {
            const double model = theta[0] * objective.scaledFeature()[i] + theta[1];
            const double direct = line.slope * data->feature[i] + line.intercept;
            COMPARE_NEAR(direct, model, 64 * epsilon * (scale + std::abs(model)));
        }
    }
}

void TestLineObjective::sameLineEitherScaling_data()
{
    QTest::addColumn<QString>("spec");

    QTest::newRow("mse") << "mse";
    QTest::newRow("huber delta=1.3") << "huber:delta=1.3";
    QTest::newRow("mae") << "mae";
}

void TestLineObjective::sameLineEitherScaling()
{
    QFETCH(QString, spec);

    const auto data = test::stackLossData();
    const auto loss = test::parseLoss(spec);
    const LineObjective raw(data, loss, FeatureScaling::identity());
    const LineObjective standardized(data, loss, FeatureScaling::standardizing(data->feature));

    // A line given in data units has the same loss under both parametrizations, since both
    // predict the same values.
    for (const LineParameters line :
         {LineParameters{1.02, -44.1}, LineParameters{0.5, -10.0}, LineParameters{-0.25, 30.0}}) {
        const double rawValue = raw.value(raw.fromDataUnits(line));
        const double standardizedValue = standardized.value(standardized.fromDataUnits(line));
        COMPARE_NEAR(standardizedValue, rawValue, relativeTolerance(rawValue, 1e-12));

        // Conversions between the two training coordinates pass through data units exactly.
        const LineParameters viaRaw = raw.toDataUnits(raw.fromDataUnits(line));
        const LineParameters viaStandardized =
            standardized.toDataUnits(standardized.fromDataUnits(line));
        COMPARE_NEAR(viaRaw.slope, viaStandardized.slope, 1e-13);
        COMPARE_NEAR(viaRaw.intercept, viaStandardized.intercept, 1e-11);
    }
}

void TestLineObjective::standardizingScaling()
{
    const auto data = test::makeDataset({1.0, 2.0, 4.0}, {0.0, 0.0, 0.0});
    const FeatureScaling scaling = FeatureScaling::standardizing(data->feature);
    // Mean 7/3 and population deviation sqrt(14/9), as scikit-learn's StandardScaler.
    COMPARE_NEAR(scaling.mean, 7.0 / 3.0, 4 * epsilon);
    COMPARE_NEAR(scaling.scale, std::sqrt(14.0) / 3.0, 4 * epsilon);
    COMPARE_NEAR(scaling.invert(scaling.apply(3.7)), 3.7, 8 * epsilon);

    // A constant feature keeps scale 1, so the map stays invertible.
    const FeatureScaling constant =
        FeatureScaling::standardizing(test::makeDataset({5.0, 5.0}, {0.0, 0.0})->feature);
    COMPARE_NEAR(constant.mean, 5.0, 0.0);
    COMPARE_NEAR(constant.scale, 1.0, 0.0);

    const FeatureScaling identity = FeatureScaling::identity();
    COMPARE_NEAR(identity.apply(-12.5), -12.5, 0.0);
}

void TestLineObjective::applicabilityErrors()
{
    const auto bce = test::parseLoss(QStringLiteral("bce"));
    const auto mse = test::parseLoss(QStringLiteral("mse"));

    const auto stackLoss = test::stackLossData();
    const LineObjective notBinary(stackLoss, bce, FeatureScaling::identity());
    QVERIFY(!notBinary.isApplicable());
    const QString message = notBinary.applicabilityError();
    QVERIFY2(message.contains(QStringLiteral("STACKLOSS")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Binary cross-entropy")), qPrintable(message));
    QVERIFY(LineObjective(stackLoss, mse, FeatureScaling::identity()).isApplicable());

    // One label of 0.5 is enough to make the targets non-binary.
    const auto almostBinary = test::makeDataset({1.0, 2.0, 3.0}, {0.0, 0.5, 1.0});
    QVERIFY(!LineObjective(almostBinary, bce, FeatureScaling::identity()).isApplicable());
    QVERIFY(LineObjective(smallLabelledData(), bce, FeatureScaling::identity()).isApplicable());

    const auto empty = std::make_shared<const Dataset>();
    for (const auto &loss : {mse, bce}) {
        const LineObjective objective(empty, loss, FeatureScaling::identity());
        QVERIFY(!objective.isApplicable());
        QVERIFY2(objective.applicabilityError().contains(QStringLiteral("empty")),
                 qPrintable(objective.applicabilityError()));
    }
}

void TestLineObjective::scalingExtremeMagnitudes_data()
{
    QTest::addColumn<double>("unit");
    // Squares of 1e-300 underflow to 0 and squares of 1e150 are near the top of the double
    // range, so a naive variance would give scale 1 or overflow.
    QTest::newRow("tiny 1e-300") << 1e-300;
    QTest::newRow("tiny 1e-200") << 1e-200;
    QTest::newRow("huge 1e150") << 1e150;
}

void TestLineObjective::scalingExtremeMagnitudes()
{
    QFETCH(double, unit);
    Eigen::VectorXd feature(3);
    feature << 1.0 * unit, 2.0 * unit, 3.0 * unit;
    const FeatureScaling scaling = FeatureScaling::standardizing(feature);
    // Population deviation of (1, 2, 3) is sqrt(2/3); a few ulps of rounding are allowed.
    COMPARE_NEAR(scaling.mean, 2.0 * unit, 1e-15 * unit);
    COMPARE_NEAR(scaling.scale, std::sqrt(2.0 / 3.0) * unit, 1e-15 * unit);
    COMPARE_NEAR(scaling.apply(3.0 * unit), std::sqrt(1.5), 1e-15);
}

QTEST_GUILESS_MAIN(TestLineObjective)
#include "tst_lineobjective.moc"
