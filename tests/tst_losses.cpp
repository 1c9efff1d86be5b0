#include "numericcheck.h"

#include "core/losscatalogue.h"
#include "core/losses/binarycrossentropy.h"
#include "core/losses/huber.h"
#include "core/losses/mae.h"
#include "core/losses/mse.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <memory>

using namespace losslens;
using losslens::test::epsilon;
using losslens::test::relativeTolerance;

namespace {

std::unique_ptr<Loss> parseOrFail(const QString &spec)
{
    QString error;
    std::unique_ptr<Loss> loss = LossCatalogue::parse(spec, &error);
    if (!loss)
        qWarning("cannot parse %s: %s", qPrintable(spec), qPrintable(error));
    return loss;
}

// Sigmoid and its complement 1 - s, each computed without cancellation for either sign.
double sigmoid(double z)
{
    return z >= 0.0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z));
}

double sigmoidComplement(double z)
{
    return sigmoid(-z);
}

} // namespace

class TestLosses : public QObject
{
    Q_OBJECT

private slots:
    void regressionValues_data();
    void regressionValues();
    void bceValues_data();
    void bceValues();
    void derivativesMatchDifferences_data();
    void derivativesMatchDifferences();
    void maeDerivativeAtZero();
    void huberContinuousAtDelta_data();
    void huberContinuousAtDelta();
    void bceFiniteForHugeLogits_data();
    void bceFiniteForHugeLogits();
    void bceLabelSymmetry();
    void valueMatchesEvaluate();
    void kindsAndNames();
    void huberCloneKeepsDelta();
};

void TestLosses::regressionValues_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("error");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("first");
    QTest::addColumn<double>("second");

    // MSE: rho = e^2, rho' = 2e, rho'' = 2.
    QTest::newRow("mse e=3") << "mse" << 3.0 << 9.0 << 6.0 << 2.0;
    QTest::newRow("mse e=-0.5") << "mse" << -0.5 << 0.25 << -1.0 << 2.0;
    QTest::newRow("mse e=0") << "mse" << 0.0 << 0.0 << 0.0 << 2.0;
    QTest::newRow("mse e=1e6") << "mse" << 1e6 << 1e12 << 2e6 << 2.0;

    // MAE: rho = |e|, rho' = sign(e), rho'' = 0.
    QTest::newRow("mae e=2.5") << "mae" << 2.5 << 2.5 << 1.0 << 0.0;
    QTest::newRow("mae e=-4") << "mae" << -4.0 << 4.0 << -1.0 << 0.0;
    QTest::newRow("mae e=1e-9") << "mae" << 1e-9 << 1e-9 << 1.0 << 0.0;

    // Huber inside |e| < delta: rho = e^2 / 2, rho' = e, rho'' = 1.
    QTest::newRow("huber delta=1 e=0.5") << "huber:delta=1" << 0.5 << 0.125 << 0.5 << 1.0;
    QTest::newRow("huber delta=1 e=0") << "huber:delta=1" << 0.0 << 0.0 << 0.0 << 1.0;
    QTest::newRow("huber delta=1.3 e=-0.4") << "huber:delta=1.3" << -0.4 << 0.08 << -0.4 << 1.0;
    QTest::newRow("huber delta=5 e=4") << "huber:delta=5" << 4.0 << 8.0 << 4.0 << 1.0;

    // Huber outside: rho = delta (|e| - delta / 2), rho' = delta sign(e), rho'' = 0.
    // 1 * (3 - 0.5) = 2.5.
    QTest::newRow("huber delta=1 e=-3") << "huber:delta=1" << -3.0 << 2.5 << -1.0 << 0.0;
    // 1.3 * (1.8 - 0.65) = 1.3 * 1.15 = 1.495.
    QTest::newRow("huber delta=1.3 e=1.8") << "huber:delta=1.3" << 1.8 << 1.495 << 1.3 << 0.0;
    // 0.25 * (2 - 0.125) = 0.46875.
    QTest::newRow("huber delta=0.25 e=-2") << "huber:delta=0.25" << -2.0 << 0.46875 << -0.25 << 0.0;
    // 5 * (7 - 2.5) = 22.5.
    QTest::newRow("huber delta=5 e=-7") << "huber:delta=5" << -7.0 << 22.5 << -5.0 << 0.0;
    // 2.5 * (1000 - 1.25) = 2496.875.
    QTest::newRow("huber delta=2.5 e=1000")
        << "huber:delta=2.5" << 1000.0 << 2496.875 << 2.5 << 0.0;
}

void TestLosses::regressionValues()
{
    QFETCH(QString, spec);
    QFETCH(double, error);
    QFETCH(double, value);
    QFETCH(double, first);
    QFETCH(double, second);

    const std::unique_ptr<Loss> loss = parseOrFail(spec);
    QVERIFY(loss);
    // Regression losses ignore the label, so an arbitrary label must not change the result.
    const LossDerivatives d = loss->evaluate(error, 123.0);
    // Each expectation is at most two roundings away from the exact value (1.495 and 0.08 are
    // not doubles), so four units of relative rounding error are enough.
    COMPARE_NEAR(d.value, value, relativeTolerance(value, 4 * epsilon));
    COMPARE_NEAR(d.first, first, relativeTolerance(first, 4 * epsilon));
    COMPARE_NEAR(d.second, second, relativeTolerance(second, 4 * epsilon));
}

void TestLosses::bceValues_data()
{
    QTest::addColumn<double>("logit");
    QTest::addColumn<double>("label");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("first");
    QTest::addColumn<double>("second");

    // rho = -[y log s(z) + (1 - y) log(1 - s(z))], rho' = s(z) - y, rho'' = s(z) (1 - s(z)).
    // For y = 1 that is rho = log(1 + e^-z), for y = 0 it is rho = log(1 + e^z). Each
    // expectation below is written in the form that keeps full precision for its sign.
    const double log2 = std::log(2.0);
    QTest::newRow("bce y=0 z=0") << 0.0 << 0.0 << log2 << 0.5 << 0.25;
    QTest::newRow("bce y=1 z=0") << 0.0 << 1.0 << log2 << -0.5 << 0.25;

    // y = 1, z = 2: log(1 + e^-2) = log1p(e^-2), rho' = -(1 - s(2)).
    QTest::newRow("bce y=1 z=2") << 2.0 << 1.0 << std::log1p(std::exp(-2.0))
                                 << -sigmoidComplement(2.0)
                                 << sigmoid(2.0) * sigmoidComplement(2.0);
    // y = 0, z = 2: log(1 + e^2) = 2 + log1p(e^-2), rho' = s(2).
    QTest::newRow("bce y=0 z=2") << 2.0 << 0.0 << 2.0 + std::log1p(std::exp(-2.0)) << sigmoid(2.0)
                                 << sigmoid(2.0) * sigmoidComplement(2.0);
    // y = 1, z = -3: log(1 + e^3) = 3 + log1p(e^-3), rho' = s(-3) - 1 = -s(3).
    QTest::newRow("bce y=1 z=-3") << -3.0 << 1.0 << 3.0 + std::log1p(std::exp(-3.0))
                                  << -sigmoid(3.0) << sigmoid(3.0) * sigmoidComplement(3.0);
    // y = 0, z = -3: log(1 + e^-3), rho' = s(-3).
    QTest::newRow("bce y=0 z=-3") << -3.0 << 0.0 << std::log1p(std::exp(-3.0)) << sigmoid(-3.0)
                                  << sigmoid(3.0) * sigmoidComplement(3.0);

    // Confident and right: the loss and its derivatives are about e^-|z|, far below 1, where
    // s(z) - 1 would round to 0 and lose every digit.
    const double e40 = std::exp(-40.0);
    QTest::newRow("bce y=1 z=40") << 40.0 << 1.0 << std::log1p(e40) << -e40 / (1.0 + e40)
                                  << e40 / ((1.0 + e40) * (1.0 + e40));
    QTest::newRow("bce y=0 z=-40") << -40.0 << 0.0 << std::log1p(e40) << e40 / (1.0 + e40)
                                   << e40 / ((1.0 + e40) * (1.0 + e40));
    // e^-700 = 9.86e-305 is still a normal double, so the exact values are representable.
    const double e700 = std::exp(-700.0);
    QTest::newRow("bce y=1 z=700") << 700.0 << 1.0 << std::log1p(e700) << -e700 / (1.0 + e700)
                                   << e700 / ((1.0 + e700) * (1.0 + e700));
    QTest::newRow("bce y=0 z=-700") << -700.0 << 0.0 << std::log1p(e700) << e700 / (1.0 + e700)
                                    << e700 / ((1.0 + e700) * (1.0 + e700));
    // e^-800 = 3.7e-348 is below the smallest subnormal (4.9e-324), so the exact loss and
    // derivatives round to 0.
    QTest::newRow("bce y=1 z=800") << 800.0 << 1.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("bce y=0 z=-800") << -800.0 << 0.0 << 0.0 << 0.0 << 0.0;

    // Confident and wrong: the loss is |z| + log1p(e^-|z|) and the slope is +-1.
    QTest::newRow("bce y=0 z=40") << 40.0 << 0.0 << 40.0 + std::log1p(e40) << 1.0 / (1.0 + e40)
                                  << e40 / ((1.0 + e40) * (1.0 + e40));
    QTest::newRow("bce y=1 z=-700")
        << -700.0 << 1.0 << 700.0 << -1.0 / (1.0 + e700) << e700 / ((1.0 + e700) * (1.0 + e700));
    QTest::newRow("bce y=0 z=800") << 800.0 << 0.0 << 800.0 << 1.0 << 0.0;
    QTest::newRow("bce y=1 z=-800") << -800.0 << 1.0 << 800.0 << -1.0 << 0.0;

    // Near z = 0 the loss is log 2 - z/2 for y = 1 to first order.
    QTest::newRow("bce y=1 z=1e-9")
        << 1e-9 << 1.0 << std::log1p(std::exp(-1e-9)) << -sigmoidComplement(1e-9)
        << sigmoid(1e-9) * sigmoidComplement(1e-9);
}

void TestLosses::bceValues()
{
    QFETCH(double, logit);
    QFETCH(double, label);
    QFETCH(double, value);
    QFETCH(double, first);
    QFETCH(double, second);

    const BinaryCrossEntropy loss;
    const LossDerivatives d = loss.evaluate(logit, label);
    QVERIFY(std::isfinite(d.value));
    QVERIFY(std::isfinite(d.first));
    QVERIFY(std::isfinite(d.second));
    // Both sides take a few operations on exp and log1p, each within a few ulps in glibc, so
    // they agree to a relative 8 eps even for the 1e-305 values. An expected 0 must be exact.
    COMPARE_NEAR(d.value, value, relativeTolerance(value, 8 * epsilon));
    COMPARE_NEAR(d.first, first, relativeTolerance(first, 8 * epsilon));
    COMPARE_NEAR(d.second, second, relativeTolerance(second, 8 * epsilon));
}

void TestLosses::derivativesMatchDifferences_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("input");
    QTest::addColumn<double>("label");

    // Every input is at least 0.1 away from a kink (0 for MAE, +-delta for Huber), far more
    // than the difference step, so both sides of each difference lie on one smooth branch.
    QTest::newRow("mse e=1.7") << "mse" << 1.7 << 0.0;
    QTest::newRow("mse e=-250") << "mse" << -250.0 << 0.0;
    QTest::newRow("mae e=0.9") << "mae" << 0.9 << 0.0;
    QTest::newRow("mae e=-3") << "mae" << -3.0 << 0.0;
    QTest::newRow("huber delta=1 e=0.3") << "huber:delta=1" << 0.3 << 0.0;
    QTest::newRow("huber delta=1 e=-2.5") << "huber:delta=1" << -2.5 << 0.0;
    QTest::newRow("huber delta=1.3 e=1.8") << "huber:delta=1.3" << 1.8 << 0.0;
    QTest::newRow("huber delta=0.5 e=-0.2") << "huber:delta=0.5" << -0.2 << 0.0;
    QTest::newRow("huber delta=2.5 e=40") << "huber:delta=2.5" << 40.0 << 0.0;
    QTest::newRow("bce y=0 z=0.7") << "bce" << 0.7 << 0.0;
    QTest::newRow("bce y=1 z=-2.2") << "bce" << -2.2 << 1.0;
    QTest::newRow("bce y=1 z=0") << "bce" << 0.0 << 1.0;
    QTest::newRow("bce y=1 z=12") << "bce" << 12.0 << 1.0;
    QTest::newRow("bce y=0 z=-15") << "bce" << -15.0 << 0.0;
}

void TestLosses::derivativesMatchDifferences()
{
    QFETCH(QString, spec);
    QFETCH(double, input);
    QFETCH(double, label);

    const std::unique_ptr<Loss> loss = parseOrFail(spec);
    QVERIFY(loss);
    const LossDerivatives d = loss->evaluate(input, label);

    // Central differences: the truncation error is h^2 |rho'''| / 6, and rho''' is 0 for the
    // piecewise polynomial losses and at most 0.1 for BCE, so h^2 bounds it. The rounding error
    // is about eps (|f(x + h)| + |f(x - h)|) / (2 h), and 8 eps also covers evaluating f.
    // h = 1e-5 max(1, |x|) balances the two near the optimum h ~ eps^(1/3).
    const double h = 1e-5 * std::max(1.0, std::abs(input));
    const LossDerivatives above = loss->evaluate(input + h, label);
    const LossDerivatives below = loss->evaluate(input - h, label);

    const double firstDifference = (above.value - below.value) / (2.0 * h);
    const double firstTolerance =
        8 * epsilon * (std::abs(above.value) + std::abs(below.value)) / (2.0 * h) + h * h;
    COMPARE_NEAR(d.first, firstDifference, firstTolerance);

    const double secondDifference = (above.first - below.first) / (2.0 * h);
    const double secondTolerance =
        8 * epsilon * (std::abs(above.first) + std::abs(below.first)) / (2.0 * h) + h * h;
    COMPARE_NEAR(d.second, secondDifference, secondTolerance);
}

void TestLosses::maeDerivativeAtZero()
{
    // |e| has no derivative at 0. PyTorch's l1_loss takes sign(0) = 0 there, and so must MAE.
    const MeanAbsoluteError loss;
    const LossDerivatives atZero = loss.evaluate(0.0, 0.0);
    COMPARE_NEAR(atZero.value, 0.0, 0.0);
    COMPARE_NEAR(atZero.first, 0.0, 0.0);
    COMPARE_NEAR(atZero.second, 0.0, 0.0);
    const LossDerivatives atNegativeZero = loss.evaluate(-0.0, 0.0);
    COMPARE_NEAR(atNegativeZero.first, 0.0, 0.0);
}

void TestLosses::huberContinuousAtDelta_data()
{
    QTest::addColumn<double>("delta");

    QTest::newRow("huber delta=0.5") << 0.5;
    QTest::newRow("huber delta=1") << 1.0;
    QTest::newRow("huber delta=1.3") << 1.3;
    QTest::newRow("huber delta=2.5") << 2.5;
    QTest::newRow("huber delta=1e-6") << 1e-6;
    QTest::newRow("huber delta=1e6") << 1e6;
}

void TestLosses::huberContinuousAtDelta()
{
    QFETCH(double, delta);

    const HuberLoss loss(delta);
    for (const double sign : {1.0, -1.0}) {
        // At |e| = delta both branches give delta^2 / 2 and slope delta sign(e).
        const LossDerivatives at = loss.evaluate(sign * delta, 0.0);
        COMPARE_NEAR(at.value, 0.5 * delta * delta,
                     relativeTolerance(0.5 * delta * delta, 4 * epsilon));
        COMPARE_NEAR(at.first, sign * delta, relativeTolerance(delta, 4 * epsilon));

        // Just inside and just outside the threshold, 2e-9 delta apart, the values differ by
        // about slope times distance, 2e-9 delta^2, and the slopes by the distance to delta
        // times the inner curvature 1, 1e-9 delta. A jump would be of order delta^2 or delta.
        const double inside = sign * delta * (1.0 - 1e-9);
        const double outside = sign * delta * (1.0 + 1e-9);
        const LossDerivatives inner = loss.evaluate(inside, 0.0);
        const LossDerivatives outer = loss.evaluate(outside, 0.0);
        COMPARE_NEAR(inner.second, 1.0, 0.0);
        COMPARE_NEAR(outer.second, 0.0, 0.0);
        COMPARE_NEAR(inner.value, outer.value, 3e-9 * delta * delta);
        COMPARE_NEAR(inner.first, outer.first,
                     2e-9 * delta + relativeTolerance(outer.first, 4 * epsilon));
    }
}

void TestLosses::bceFiniteForHugeLogits_data()
{
    QTest::addColumn<double>("logit");

    const double largest = std::numeric_limits<double>::max();
    QTest::newRow("bce z=1e3") << 1e3;
    QTest::newRow("bce z=-1e3") << -1e3;
    QTest::newRow("bce z=1e6") << 1e6;
    QTest::newRow("bce z=-1e6") << -1e6;
    QTest::newRow("bce z=1e300") << 1e300;
    QTest::newRow("bce z=-1e300") << -1e300;
    QTest::newRow("bce z=max") << largest;
    QTest::newRow("bce z=-max") << -largest;
}

void TestLosses::bceFiniteForHugeLogits()
{
    QFETCH(double, logit);

    const BinaryCrossEntropy loss;
    for (const double label : {0.0, 1.0}) {
        const LossDerivatives d = loss.evaluate(logit, label);
        QVERIFY(std::isfinite(d.value));
        QVERIFY(std::isfinite(d.first));
        QVERIFY(std::isfinite(d.second));
        // A prediction on the wrong side costs |z|, and one on the right side costs e^-|z|,
        // which is 0 in double for |z| >= 1e3. Both are exact here, so the comparison is exact.
        const bool wrongSide = (logit > 0.0) != (label == 1.0);
        COMPARE_NEAR(d.value, wrongSide ? std::abs(logit) : 0.0, 0.0);
        COMPARE_NEAR(d.first, wrongSide ? (logit > 0.0 ? 1.0 : -1.0) : 0.0, 0.0);
        COMPARE_NEAR(d.second, 0.0, 0.0);
    }
}

void TestLosses::bceLabelSymmetry()
{
    // Swapping the label and the sign of the logit gives the same loss and mirrored slope.
    const BinaryCrossEntropy loss;
    for (const double z : {-750.0, -37.5, -1.0, -1e-12, 0.0, 0.25, 3.0, 41.0, 710.0}) {
        const LossDerivatives positive = loss.evaluate(z, 1.0);
        const LossDerivatives negative = loss.evaluate(-z, 0.0);
        COMPARE_NEAR(positive.value, negative.value, 0.0);
        COMPARE_NEAR(positive.first, -negative.first, 0.0);
        COMPARE_NEAR(positive.second, negative.second, 0.0);
    }
}

void TestLosses::valueMatchesEvaluate()
{
    // value() may be overridden for speed, but it must agree with evaluate() exactly.
    for (const QString &name : LossCatalogue::names()) {
        const std::unique_ptr<Loss> loss = LossCatalogue::create(name);
        QVERIFY(loss);
        const double label = loss->kind() == LossKind::Classification ? 1.0 : 0.0;
        for (const double input : {-1e6, -3.5, -1.0, -1e-9, 0.0, 0.5, 1.0, 2.0, 700.0}) {
            COMPARE_NEAR(loss->value(input, label), loss->evaluate(input, label).value, 0.0);
        }
    }
}

void TestLosses::kindsAndNames()
{
    QCOMPARE(MeanSquaredError().kind(), LossKind::Regression);
    QCOMPARE(MeanAbsoluteError().kind(), LossKind::Regression);
    QCOMPARE(HuberLoss().kind(), LossKind::Regression);
    QCOMPARE(BinaryCrossEntropy().kind(), LossKind::Classification);

    QCOMPARE(MeanSquaredError().spec(), QStringLiteral("mse"));
    QCOMPARE(HuberLoss(1.5).spec(), QStringLiteral("huber:delta=1.5"));
    QCOMPARE(HuberLoss(1.5).label(), QStringLiteral("Huber (delta=1.5)"));
    QCOMPARE(BinaryCrossEntropy().label(), QStringLiteral("Binary cross-entropy"));
}

void TestLosses::huberCloneKeepsDelta()
{
    HuberLoss loss(2.5);
    const std::unique_ptr<Loss> copy = loss.clone();
    QCOMPARE(copy->spec(), QStringLiteral("huber:delta=2.5"));
    loss.setParameterValue(0, 0.5);
    COMPARE_NEAR(copy->parameterValue(0), 2.5, 0.0);
    COMPARE_NEAR(loss.delta(), 0.5, 0.0);
    COMPARE_NEAR(copy->evaluate(2.0, 0.0).value, 2.0, 0.0);
}

QTEST_GUILESS_MAIN(TestLosses)
#include "tst_losses.moc"
