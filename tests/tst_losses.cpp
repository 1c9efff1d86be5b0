#include "numericcheck.h"
#include "testdata.h"

#include "core/losscatalogue.h"
#include "core/losses/binarycrossentropy.h"
#include "core/losses/epsiloninsensitive.h"
#include "core/losses/huber.h"
#include "core/losses/logcosh.h"
#include "core/losses/mae.h"
#include "core/losses/mse.h"
#include "core/losses/quantile.h"
#include "core/losses/smoothl1.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <memory>

using namespace losslens;
using losslens::test::compareDerivatives;
using losslens::test::compareMirrored;
using losslens::test::compareWithDifferences;
using losslens::test::epsilon;
using losslens::test::parseOrFail;
using losslens::test::relativeTolerance;

namespace {

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
    void logCoshValues_data();
    void logCoshValues();
    void logCoshContinuousAtSwitch();
    void logCoshBlockSumMatchesValues();
    void symmetricLossesAreEven_data();
    void symmetricLossesAreEven();
    void quantileMirrorsTau();
    void limitsReduceToMae_data();
    void limitsReduceToMae();
    void regressionFiniteForLargeErrors_data();
    void regressionFiniteForLargeErrors();
    void parameterCloneKeepsValue();
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

    // Smooth L1 inside |e| < beta: rho = e^2 / (2 beta), rho' = e / beta, rho'' = 1 / beta.
    // 0.5^2 / 2 = 0.125.
    QTest::newRow("smooth_l1 beta=1 e=0.5") << "smooth_l1:beta=1" << 0.5 << 0.125 << 0.5 << 1.0;
    // 1 / (2 * 2) = 0.25, -1 / 2 = -0.5, 1 / 2 = 0.5.
    QTest::newRow("smooth_l1 beta=2 e=-1") << "smooth_l1:beta=2" << -1.0 << 0.25 << -0.5 << 0.5;
    // 0.0625 / (2 * 0.5) = 0.0625, 0.25 / 0.5 = 0.5, 1 / 0.5 = 2.
    QTest::newRow("smooth_l1 beta=0.5 e=0.25")
        << "smooth_l1:beta=0.5" << 0.25 << 0.0625 << 0.5 << 2.0;
    QTest::newRow("smooth_l1 beta=1 e=0") << "smooth_l1:beta=1" << 0.0 << 0.0 << 0.0 << 1.0;
    // 2.5e11 / 2e6 = 1.25e5, -5e5 / 1e6 = -0.5, 1 / 1e6 = 1e-6.
    QTest::newRow("smooth_l1 beta=1e6 e=-5e5")
        << "smooth_l1:beta=1e6" << -5e5 << 1.25e5 << -0.5 << 1e-6;
    // Smooth L1 outside: rho = |e| - beta / 2, rho' = sign(e), rho'' = 0. 3 - 0.5 = 2.5.
    QTest::newRow("smooth_l1 beta=1 e=-3") << "smooth_l1:beta=1" << -3.0 << 2.5 << -1.0 << 0.0;
    // |e| = beta takes the linear branch, as in PyTorch: 1 - 0.5 = 0.5.
    QTest::newRow("smooth_l1 beta=1 e=1") << "smooth_l1:beta=1" << 1.0 << 0.5 << 1.0 << 0.0;
    // 1000 - 1.25 = 998.75.
    QTest::newRow("smooth_l1 beta=2.5 e=1000")
        << "smooth_l1:beta=2.5" << 1000.0 << 998.75 << 1.0 << 0.0;
    // 1e6 - 0.5 = 999999.5.
    QTest::newRow("smooth_l1 beta=1 e=1e6") << "smooth_l1:beta=1" << 1e6 << 999999.5 << 1.0 << 0.0;
    // 1e6 - 5e5 = 5e5 at the threshold itself.
    QTest::newRow("smooth_l1 beta=1e6 e=1e6") << "smooth_l1:beta=1e6" << 1e6 << 5e5 << 1.0 << 0.0;
    // beta = 0 is L1: rho = |e| - 0, and the slope at 0 is 0 as for MAE.
    QTest::newRow("smooth_l1 beta=0 e=-2.5") << "smooth_l1:beta=0" << -2.5 << 2.5 << -1.0 << 0.0;
    QTest::newRow("smooth_l1 beta=0 e=0") << "smooth_l1:beta=0" << 0.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("smooth_l1 beta=0 e=1e-300")
        << "smooth_l1:beta=0" << 1e-300 << 1e-300 << 1.0 << 0.0;

    // Quantile: rho = -tau e for e < 0 and (1 - tau) e for e >= 0, rho' = -tau or 1 - tau with
    // 0 at e = 0, rho'' = 0. 0.9 * 2 = 1.8.
    QTest::newRow("quantile tau=0.9 e=-2") << "quantile:tau=0.9" << -2.0 << 1.8 << -0.9 << 0.0;
    // (1 - 0.9) * 3 = 0.3. The double 1 - 0.9 is 0.09999999999999998, one ulp from 0.1.
    QTest::newRow("quantile tau=0.9 e=3") << "quantile:tau=0.9" << 3.0 << 0.3 << 0.1 << 0.0;
    QTest::newRow("quantile tau=0.9 e=0") << "quantile:tau=0.9" << 0.0 << 0.0 << 0.0 << 0.0;
    // 0.5 * 4 = 2.
    QTest::newRow("quantile tau=0.5 e=-4") << "quantile:tau=0.5" << -4.0 << 2.0 << -0.5 << 0.0;
    // 0.75 * 8 = 6 over, 0.25 * 8 = 2 under.
    QTest::newRow("quantile tau=0.25 e=8") << "quantile:tau=0.25" << 8.0 << 6.0 << 0.75 << 0.0;
    QTest::newRow("quantile tau=0.25 e=-8") << "quantile:tau=0.25" << -8.0 << 2.0 << -0.25 << 0.0;
    // tau = 0: under-prediction is free, over-prediction costs |e|.
    QTest::newRow("quantile tau=0 e=-5") << "quantile:tau=0" << -5.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("quantile tau=0 e=5") << "quantile:tau=0" << 5.0 << 5.0 << 1.0 << 0.0;
    // tau = 1: the other way round.
    QTest::newRow("quantile tau=1 e=-5") << "quantile:tau=1" << -5.0 << 5.0 << -1.0 << 0.0;
    QTest::newRow("quantile tau=1 e=5") << "quantile:tau=1" << 5.0 << 0.0 << 0.0 << 0.0;
    // 0.9 * 1e6 = 9e5.
    QTest::newRow("quantile tau=0.9 e=-1e6") << "quantile:tau=0.9" << -1e6 << 9e5 << -0.9 << 0.0;

    // Epsilon-insensitive: rho = max(0, |e| - epsilon), rho' = sign(e) outside the tube and 0
    // inside and on its edge, rho'' = 0.
    QTest::newRow("epsilon_insensitive epsilon=0.1 e=0.05")
        << "epsilon_insensitive:epsilon=0.1" << 0.05 << 0.0 << 0.0 << 0.0;
    QTest::newRow("epsilon_insensitive epsilon=0.1 e=-0.05")
        << "epsilon_insensitive:epsilon=0.1" << -0.05 << 0.0 << 0.0 << 0.0;
    QTest::newRow("epsilon_insensitive epsilon=0.1 e=0")
        << "epsilon_insensitive:epsilon=0.1" << 0.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("epsilon_insensitive epsilon=0.1 e=0.1")
        << "epsilon_insensitive:epsilon=0.1" << 0.1 << 0.0 << 0.0 << 0.0;
    // 2.1 - 0.1 = 2. In doubles the difference is 2 + 8.3e-17, which rounds to 2.
    QTest::newRow("epsilon_insensitive epsilon=0.1 e=2.1")
        << "epsilon_insensitive:epsilon=0.1" << 2.1 << 2.0 << 1.0 << 0.0;
    // 3 - 0.5 = 2.5.
    QTest::newRow("epsilon_insensitive epsilon=0.5 e=-3")
        << "epsilon_insensitive:epsilon=0.5" << -3.0 << 2.5 << -1.0 << 0.0;
    // epsilon = 0 is MAE.
    QTest::newRow("epsilon_insensitive epsilon=0 e=-2.5")
        << "epsilon_insensitive:epsilon=0" << -2.5 << 2.5 << -1.0 << 0.0;
    QTest::newRow("epsilon_insensitive epsilon=0 e=0")
        << "epsilon_insensitive:epsilon=0" << 0.0 << 0.0 << 0.0 << 0.0;
    // 1e6 - 2.5 = 999997.5.
    QTest::newRow("epsilon_insensitive epsilon=2.5 e=1e6")
        << "epsilon_insensitive:epsilon=2.5" << 1e6 << 999997.5 << 1.0 << 0.0;
    // |e| = epsilon = 1e6 is on the edge: 1e6 - 1e6 = 0.
    QTest::newRow("epsilon_insensitive epsilon=1e6 e=-1e6")
        << "epsilon_insensitive:epsilon=1e6" << -1e6 << 0.0 << 0.0 << 0.0;
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
    compareDerivatives(d, value, first, second, 4 * epsilon);
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
    compareDerivatives(d, value, first, second, 8 * epsilon);
}

void TestLosses::derivativesMatchDifferences_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("input");
    QTest::addColumn<double>("label");

    // Every input is at least 0.1 away from a kink (0 for MAE, +-delta for Huber and the kinks
    // named below), far more than the difference step, so both sides of each difference lie on
    // one smooth branch.
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
    // Kinks: +-beta for smooth L1, 0 for quantile, +-epsilon for epsilon-insensitive. Log-cosh
    // has none; e = -25 lies past its switch to the large-|e| formula.
    QTest::newRow("smooth_l1 beta=1 e=0.3") << "smooth_l1:beta=1" << 0.3 << 0.0;
    QTest::newRow("smooth_l1 beta=1 e=-2.5") << "smooth_l1:beta=1" << -2.5 << 0.0;
    QTest::newRow("smooth_l1 beta=0.5 e=-0.2") << "smooth_l1:beta=0.5" << -0.2 << 0.0;
    QTest::newRow("smooth_l1 beta=0 e=0.9") << "smooth_l1:beta=0" << 0.9 << 0.0;
    QTest::newRow("smooth_l1 beta=2.5 e=40") << "smooth_l1:beta=2.5" << 40.0 << 0.0;
    QTest::newRow("logcosh e=0") << "logcosh" << 0.0 << 0.0;
    QTest::newRow("logcosh e=0.7") << "logcosh" << 0.7 << 0.0;
    QTest::newRow("logcosh e=-3") << "logcosh" << -3.0 << 0.0;
    QTest::newRow("logcosh e=19") << "logcosh" << 19.0 << 0.0;
    QTest::newRow("logcosh e=-25") << "logcosh" << -25.0 << 0.0;
    QTest::newRow("quantile tau=0.9 e=-1.5") << "quantile:tau=0.9" << -1.5 << 0.0;
    QTest::newRow("quantile tau=0.9 e=2") << "quantile:tau=0.9" << 2.0 << 0.0;
    QTest::newRow("quantile tau=0.25 e=0.4") << "quantile:tau=0.25" << 0.4 << 0.0;
    QTest::newRow("epsilon_insensitive epsilon=0.1 e=0.5")
        << "epsilon_insensitive:epsilon=0.1" << 0.5 << 0.0;
    QTest::newRow("epsilon_insensitive epsilon=0.1 e=-3")
        << "epsilon_insensitive:epsilon=0.1" << -3.0 << 0.0;
    QTest::newRow("epsilon_insensitive epsilon=1 e=0.5")
        << "epsilon_insensitive:epsilon=1" << 0.5 << 0.0;
}

void TestLosses::derivativesMatchDifferences()
{
    QFETCH(QString, spec);
    QFETCH(double, input);
    QFETCH(double, label);

    const std::unique_ptr<Loss> loss = parseOrFail(spec);
    QVERIFY(loss);

    // The truncation error is h^2 |rho'''| / 6, and rho''' is 0 for the piecewise polynomial
    // losses, at most 0.1 for BCE and at most 0.77 for log-cosh (the difference of rho' has
    // rho'''' in its place, at most 2), so h^2 bounds it.
    compareWithDifferences(*loss, input, label, 1.0);
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
        double expectedFirst = 0.0;
        if (wrongSide)
            expectedFirst = logit > 0.0 ? 1.0 : -1.0;
        COMPARE_NEAR(d.first, expectedFirst, 0.0);
        COMPARE_NEAR(d.second, 0.0, 0.0);
    }
}

void TestLosses::bceLabelSymmetry()
{
    // Swapping the label and the sign of the logit gives the same loss and mirrored slope.
    const BinaryCrossEntropy loss;
    compareMirrored(loss, {-750.0, -37.5, -1.0, -1e-12, 0.0, 0.25, 3.0, 41.0, 710.0}, 1.0, 0.0);
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
    QCOMPARE(BinaryCrossEntropy().label(),
             QStringLiteral("Binary cross-entropy (pos_weight=1, smoothing=0)"));

    QCOMPARE(SmoothL1Loss().kind(), LossKind::Regression);
    QCOMPARE(LogCoshLoss().kind(), LossKind::Regression);
    QCOMPARE(QuantileLoss().kind(), LossKind::Regression);
    QCOMPARE(EpsilonInsensitiveLoss().kind(), LossKind::Regression);
    QVERIFY(SmoothL1Loss().isConvex());
    QVERIFY(LogCoshLoss().isConvex());
    QVERIFY(QuantileLoss().isConvex());
    QVERIFY(EpsilonInsensitiveLoss().isConvex());

    QCOMPARE(SmoothL1Loss().spec(), QStringLiteral("smooth_l1:beta=1"));
    QCOMPARE(SmoothL1Loss(0.0).spec(), QStringLiteral("smooth_l1:beta=0"));
    QCOMPARE(LogCoshLoss().spec(), QStringLiteral("logcosh"));
    QCOMPARE(QuantileLoss().spec(), QStringLiteral("quantile:tau=0.5"));
    QCOMPARE(QuantileLoss(0.9).spec(), QStringLiteral("quantile:tau=0.9"));
    QCOMPARE(EpsilonInsensitiveLoss().spec(), QStringLiteral("epsilon_insensitive:epsilon=0.1"));
    QCOMPARE(SmoothL1Loss(0.5).label(), QStringLiteral("Smooth L1 (beta=0.5)"));
    QCOMPARE(LogCoshLoss().label(), QStringLiteral("Log-cosh"));
    QCOMPARE(QuantileLoss(0.9).label(), QStringLiteral("Quantile (tau=0.9)"));
    QCOMPARE(EpsilonInsensitiveLoss(0.25).label(),
             QStringLiteral("Epsilon-insensitive (epsilon=0.25)"));
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

void TestLosses::logCoshValues_data()
{
    QTest::addColumn<double>("error");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("first");
    QTest::addColumn<double>("second");

    // rho = log(cosh(e)), rho' = tanh(e), rho'' = 1 / cosh(e)^2, each the exact value at the
    // double input rounded to double (mpmath at 50 digits). Near 0 these are e^2 / 2, e and
    // 1 - e^2: log-cosh of 1e-9 is 5e-19, which log(cosh(e)) would round to 0.
    QTest::newRow("logcosh e=0") << 0.0 << 0.0 << 0.0 << 1.0;
    QTest::newRow("logcosh e=1e-300") << 1e-300 << 0.0 << 1e-300 << 1.0;
    QTest::newRow("logcosh e=1e-9") << 1e-9 << 5e-19 << 1e-9 << 1.0;
    QTest::newRow("logcosh e=-1e-4")
        << -1e-4 << 4.9999999916666675e-09 << -9.999999966666667e-05 << 0.9999999900000001;
    QTest::newRow("logcosh e=0.5")
        << 0.5 << 0.12011450695827752 << 0.46211715726000974 << 0.7864477329659274;
    QTest::newRow("logcosh e=1") << 1.0 << 0.4337808304830272 << 0.7615941559557649
                                 << 0.4199743416140261;
    QTest::newRow("logcosh e=-2") << -2.0 << 1.3250027473578645 << -0.9640275800758169
                                  << 0.07065082485316447;
    QTest::newRow("logcosh e=3") << 3.0 << 2.309328504577785 << 0.9950547536867305
                                 << 0.00986603716544019;
    // Around the switch at |e| = 20 the value is |e| - log 2 to all digits.
    QTest::newRow("logcosh e=19.5") << 19.5 << 18.806852819440056 << 1.0 << 4.6192896692063144e-17;
    QTest::newRow("logcosh e=-20") << -20.0 << 19.306852819440056 << -1.0 << 1.6993417021166355e-17;
    QTest::newRow("logcosh e=20.5") << 20.5 << 19.806852819440056 << 1.0 << 6.251528757339955e-18;
    QTest::newRow("logcosh e=-30") << -30.0 << 29.306852819440056 << -1.0 << 3.502604305078608e-26;
    // 4 e^-710 = 1.79e-308 is still a normal double, while cosh(355)^2 is near overflow.
    QTest::newRow("logcosh e=355") << 355.0 << 354.30685281944005 << 1.0 << 1.790514490270052e-308;
    // 4 e^-800 is below the smallest subnormal, so rho'' rounds to 0.
    QTest::newRow("logcosh e=-400") << -400.0 << 399.30685281944005 << -1.0 << 0.0;
    QTest::newRow("logcosh e=1e6") << 1e6 << 999999.3068528194 << 1.0 << 0.0;
}

void TestLosses::logCoshValues()
{
    QFETCH(double, error);
    QFETCH(double, value);
    QFETCH(double, first);
    QFETCH(double, second);

    const LogCoshLoss loss;
    const LossDerivatives d = loss.evaluate(error, 0.0);
    // Each formula takes at most two of sinh, cosh, tanh, exp and log1p and three roundings.
    // With a few ulps per library call (an estimate for glibc), 8 eps relative covers it. An
    // expected 0 must be exact, and e^2 / 2 for e = 1e-300 underflows to exactly 0.
    compareDerivatives(d, value, first, second, 8 * epsilon);
}

void TestLosses::logCoshContinuousAtSwitch()
{
    // The value and rho'' change formula past |e| = kSwitch. The neighbouring doubles on either
    // side are 3.6e-15 apart. Their values differ by slope times distance, below 4e-15, plus
    // the two formulas' errors of a few ulps of 19.3 each. Their rho'' differ by a relative
    // 7e-15 plus a few ulps. A wrong formula would be off by far more.
    const LogCoshLoss loss;
    for (const double sign : {1.0, -1.0}) {
        const double at = sign * LogCoshLoss::kSwitch;
        const double beyond = std::nextafter(at, sign * 1e3);
        const LossDerivatives inner = loss.evaluate(at, 0.0);
        const LossDerivatives outer = loss.evaluate(beyond, 0.0);
        COMPARE_NEAR(inner.value, outer.value, 4e-15 + 16 * epsilon * 20.0);
        COMPARE_NEAR(inner.first, outer.first, 0.0);
        COMPARE_NEAR(inner.second, outer.second, (7e-15 + 16 * epsilon) * inner.second);
    }
}

void TestLosses::symmetricLossesAreEven_data()
{
    QTest::addColumn<QString>("spec");

    QTest::newRow("smooth_l1 beta=1") << "smooth_l1:beta=1";
    QTest::newRow("smooth_l1 beta=0") << "smooth_l1:beta=0";
    QTest::newRow("logcosh") << "logcosh";
    QTest::newRow("epsilon_insensitive epsilon=0.1") << "epsilon_insensitive:epsilon=0.1";
    QTest::newRow("epsilon_insensitive epsilon=2") << "epsilon_insensitive:epsilon=2";
}

void TestLosses::symmetricLossesAreEven()
{
    QFETCH(QString, spec);

    // rho(-e) = rho(e), rho'(-e) = -rho'(e), rho''(-e) = rho''(e). Every formula works on |e|
    // or on an odd or even library function (sinh, tanh, cosh), so the mirror image is exact.
    const std::unique_ptr<Loss> loss = parseOrFail(spec);
    QVERIFY(loss);
    compareMirrored(*loss,
                    {1e-300, 1e-9, 0.05, 0.1, 0.3, 1.0, 2.0, 2.5, 19.999, 20.0, 25.0, 700.0, 1e6},
                    0.0, 0.0);
}

void TestLosses::quantileMirrorsTau()
{
    // Swapping the sign of the error swaps the roles of tau and 1 - tau:
    // rho_tau(-e) = rho_(1 - tau)(e). 1 - 0.25 = 0.75 and 1 - 0.75 = 0.25 are exact, so the
    // products are the same and the comparison is exact.
    const QuantileLoss lower(0.25);
    const QuantileLoss upper(0.75);
    for (const double input : {0.0, 1e-9, 0.5, 3.0, 1e6}) {
        const LossDerivatives mirrored = lower.evaluate(-input, 0.0);
        const LossDerivatives direct = upper.evaluate(input, 0.0);
        COMPARE_NEAR(mirrored.value, direct.value, 0.0);
        COMPARE_NEAR(mirrored.first, -direct.first, 0.0);
        COMPARE_NEAR(mirrored.second, direct.second, 0.0);
    }
}

void TestLosses::limitsReduceToMae_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("scale");

    // beta = 0 and epsilon = 0 are MAE exactly, and tau = 0.5 is MAE / 2: 0.5 |e| from
    // -0.5 e and (1 - 0.5) e, both exact.
    QTest::newRow("smooth_l1 beta=0") << "smooth_l1:beta=0" << 1.0;
    QTest::newRow("epsilon_insensitive epsilon=0") << "epsilon_insensitive:epsilon=0" << 1.0;
    QTest::newRow("quantile tau=0.5") << "quantile:tau=0.5" << 0.5;
}

void TestLosses::limitsReduceToMae()
{
    QFETCH(QString, spec);
    QFETCH(double, scale);

    const std::unique_ptr<Loss> loss = parseOrFail(spec);
    QVERIFY(loss);
    const MeanAbsoluteError mae;
    for (const double input : {-1e6, -3.5, -1e-300, -0.0, 0.0, 1e-300, 0.25, 7.0, 1e6}) {
        const LossDerivatives d = loss->evaluate(input, 0.0);
        const LossDerivatives reference = mae.evaluate(input, 0.0);
        COMPARE_NEAR(d.value, scale * reference.value, 0.0);
        COMPARE_NEAR(d.first, scale * reference.first, 0.0);
        COMPARE_NEAR(d.second, 0.0, 0.0);
    }
}

void TestLosses::regressionFiniteForLargeErrors_data()
{
    QTest::addColumn<QString>("spec");

    QTest::newRow("smooth_l1 beta=0") << "smooth_l1:beta=0";
    QTest::newRow("smooth_l1 beta=1e-6") << "smooth_l1:beta=1e-6";
    QTest::newRow("smooth_l1 beta=1") << "smooth_l1:beta=1";
    QTest::newRow("smooth_l1 beta=1e6") << "smooth_l1:beta=1e6";
    QTest::newRow("logcosh") << "logcosh";
    QTest::newRow("quantile tau=0") << "quantile:tau=0";
    QTest::newRow("quantile tau=0.9") << "quantile:tau=0.9";
    QTest::newRow("quantile tau=1") << "quantile:tau=1";
    QTest::newRow("epsilon_insensitive epsilon=0") << "epsilon_insensitive:epsilon=0";
    QTest::newRow("epsilon_insensitive epsilon=0.1") << "epsilon_insensitive:epsilon=0.1";
    QTest::newRow("epsilon_insensitive epsilon=1e6") << "epsilon_insensitive:epsilon=1e6";
}

void TestLosses::regressionFiniteForLargeErrors()
{
    QFETCH(QString, spec);

    // Every value and derivative is finite, never NaN, for |e| up to 1e6, the value and the
    // curvature are never negative, and the slope is bounded by 1 for all four losses. 355.6
    // and 710 are where cosh(e)^2 and cosh(e) overflow.
    const std::unique_ptr<Loss> loss = parseOrFail(spec);
    QVERIFY(loss);
    for (const double magnitude :
         {0.0, 1e-300, 1e-9, 1.0, 20.0, 355.0, 356.0, 710.0, 711.0, 1e3, 1e5, 999999.0, 1e6}) {
        for (const double sign : {1.0, -1.0}) {
            const double input = sign * magnitude;
            const LossDerivatives d = loss->evaluate(input, 0.0);
            QVERIFY2(std::isfinite(d.value) && std::isfinite(d.first) && std::isfinite(d.second),
                     qPrintable(QStringLiteral("%1 at e=%2").arg(spec).arg(input)));
            QVERIFY(d.value >= 0.0);
            QVERIFY(std::abs(d.first) <= 1.0);
            QVERIFY(d.second >= 0.0);
            COMPARE_NEAR(loss->value(input, 0.0), d.value, 0.0);
        }
    }
}

void TestLosses::parameterCloneKeepsValue()
{
    // Each clone carries its own parameter: changing the original leaves the copy alone.
    SmoothL1Loss smooth(0.25);
    QuantileLoss quantile(0.9);
    EpsilonInsensitiveLoss insensitive(2.0);
    const std::unique_ptr<Loss> smoothCopy = smooth.clone();
    const std::unique_ptr<Loss> quantileCopy = quantile.clone();
    const std::unique_ptr<Loss> insensitiveCopy = insensitive.clone();
    smooth.setParameterValue(0, 4.0);
    quantile.setParameterValue(0, 0.1);
    insensitive.setParameterValue(0, 0.0);
    QCOMPARE(smoothCopy->spec(), QStringLiteral("smooth_l1:beta=0.25"));
    QCOMPARE(quantileCopy->spec(), QStringLiteral("quantile:tau=0.9"));
    QCOMPARE(insensitiveCopy->spec(), QStringLiteral("epsilon_insensitive:epsilon=2"));
    COMPARE_NEAR(smooth.beta(), 4.0, 0.0);
    COMPARE_NEAR(quantile.tau(), 0.1, 0.0);
    COMPARE_NEAR(insensitive.epsilon(), 0.0, 0.0);
    // 1 - 0.25 / 2 = 0.875, 0.9 * 2 = 1.8 and 3 - 2 = 1.
    COMPARE_NEAR(smoothCopy->evaluate(1.0, 0.0).value, 0.875, 0.0);
    COMPARE_NEAR(quantileCopy->evaluate(-2.0, 0.0).value, 1.8, 0.0);
    COMPARE_NEAR(insensitiveCopy->evaluate(3.0, 0.0).value, 1.0, 0.0);
    COMPARE_NEAR(LogCoshLoss().clone()->evaluate(0.0, 0.0).second, 1.0, 0.0);
}

// The landscape sums log-cosh in blocks with vectorized exp and log. Each block value must
// match the scalar value, tiny ones included, on both sides of the forms' switch points.
void TestLosses::logCoshBlockSumMatchesValues()
{
    const LogCoshLoss loss;
    std::vector<double> errors;
    for (const double e : {1e-300, 1e-9, 1e-3, 0.05, 0.0999999, 0.1, 0.1000001, 0.7, 1.0, 5.0,
                           19.999999, 20.0, 20.000001, 37.0, 700.0, 1e6}) {
        errors.push_back(e);
        errors.push_back(-e);
    }
    const std::vector<double> zeros(errors.size(), 0.0);
    for (std::size_t i = 0; i < errors.size(); ++i) {
        // slope 0 and intercept e give the single error e.
        const double sum = loss.sumForLine(zeros.data(), zeros.data(), 1, 0.0, errors[i]);
        const double expected = loss.value(errors[i], 0.0);
        COMPARE_NEAR(sum, expected, test::relativeTolerance(expected, 1e-13, 1e-320));
    }
    // A whole block at once: the sum over all errors.
    double expected = 0.0;
    for (const double e : errors)
        expected += loss.value(e, 0.0);
    const double sum =
        loss.sumForLine(zeros.data(), errors.data(), Eigen::Index(errors.size()), 0.0, 0.0);
    COMPARE_NEAR(sum, expected, test::relativeTolerance(expected, 1e-14));
}

QTEST_GUILESS_MAIN(TestLosses)
#include "tst_losses.moc"
