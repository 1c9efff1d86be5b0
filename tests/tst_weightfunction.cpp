// The weight function w(e) = psi(e) / e of each regression loss, normalized to 1 at e = 0,
// against its closed form from the loss's formula in core/losses, and against central
// differences of the loss's value for the smooth losses.

#include "numericcheck.h"
#include "testdata.h"

#include "core/weightfunction.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace losslens;
using losslens::test::epsilon;
using losslens::test::parseOrFail;
using losslens::test::relativeTolerance;

class TestWeightFunction : public QObject
{
    Q_OBJECT

private slots:
    void closedForms_data();
    void closedForms();
    void finiteDifferences_data();
    void finiteDifferences();
    void weightOneAtZero_data();
    void weightOneAtZero();
    void kinkedReference();
    void epsilonTubeReference();
    void referenceResidualFromErrors();
};

namespace {

// Closed forms in the catalogue's parameterization, with s = (e / c)^2 where a loss has c.
double huberWeight(double e, double delta)
{
    return std::min(1.0, delta / std::abs(e));
}

double tukeyWeight(double e, double c)
{
    const double u = (e / c) * (e / c);
    return std::abs(e) <= c ? (1.0 - u) * (1.0 - u) : 0.0;
}

// CauchyLoss is log(1 + s / 2), so its weight is 1 / (1 + s / 2), not 1 / (1 + s).
double cauchyWeight(double e, double c)
{
    return 1.0 / (1.0 + 0.5 * (e / c) * (e / c));
}

double welschWeight(double e, double c)
{
    return std::exp(-0.5 * (e / c) * (e / c));
}

double gemanMcClureWeight(double e, double c)
{
    const double s = (e / c) * (e / c);
    return 16.0 / ((s + 4.0) * (s + 4.0));
}

double barronWeight(double e, double alpha, double c)
{
    const double b = std::abs(alpha - 2.0);
    return std::pow((e / c) * (e / c) / b + 1.0, alpha / 2.0 - 1.0);
}

} // namespace

void TestWeightFunction::closedForms_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("error");
    QTest::addColumn<double>("expected");

    for (const double e : {0.3, -0.9, 1.3, -2.5, 7.0, 40.0}) {
        const QByteArray at = QByteArray::number(e);
        QTest::newRow("mse e=" + at) << "mse" << e << 1.0;
        QTest::newRow("huber delta=1.3 e=" + at) << "huber:delta=1.3" << e << huberWeight(e, 1.3);
        QTest::newRow("huber delta=1 scale=2 e=" + at)
            << "huber:delta=1,scale=2" << e << huberWeight(e, 2.0);
        QTest::newRow("tukey c=4.685 e=" + at) << "tukey:c=4.685" << e << tukeyWeight(e, 4.685);
        QTest::newRow("tukey c=1 scale=3 e=" + at)
            << "tukey:c=1,scale=3" << e << tukeyWeight(e, 3.0);
        QTest::newRow("cauchy c=0.7 e=" + at) << "cauchy:c=0.7" << e << cauchyWeight(e, 0.7);
        QTest::newRow("welsch c=2 e=" + at) << "welsch:c=2" << e << welschWeight(e, 2.0);
        QTest::newRow("geman_mcclure c=1.5 e=" + at)
            << "geman_mcclure:c=1.5" << e << gemanMcClureWeight(e, 1.5);
        QTest::newRow("barron alpha=1 c=2 e=" + at)
            << "barron:alpha=1,c=2" << e << barronWeight(e, 1.0, 2.0);
        QTest::newRow("barron alpha=4 c=1 e=" + at)
            << "barron:alpha=4,c=1" << e << barronWeight(e, 4.0, 1.0);
        QTest::newRow("logcosh e=" + at) << "logcosh" << e << std::tanh(e) / e;
        QTest::newRow("smooth_l1 beta=2 e=" + at)
            << "smooth_l1:beta=2" << e << std::min(1.0, 2.0 / std::abs(e));
    }
    // The threshold itself, where Tukey's weight reaches 0 and Huber's bends.
    QTest::newRow("tukey c=2 e=2") << "tukey:c=2" << 2.0 << 0.0;
    QTest::newRow("huber delta=1.3 e=1.3") << "huber:delta=1.3" << 1.3 << 1.0;
}

void TestWeightFunction::closedForms()
{
    QFETCH(QString, spec);
    QFETCH(double, error);
    QFETCH(double, expected);
    const auto loss = parseOrFail(spec);
    QVERIFY(loss);
    const WeightFunction weights(*loss, 1.0);
    QCOMPARE(weights.normalization(), WeightFunction::Normalization::ZeroErrorCurvature);
    // A few roundings in psi(e), in e rho''(0) and in the closed form itself.
    COMPARE_NEAR(weights.weight(error), expected, relativeTolerance(expected, 32 * epsilon, 1e-15));
}

void TestWeightFunction::finiteDifferences_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("error");

    const char *specs[] = {"mse",          "huber:delta=1.3", "tukey:c=4.685", "cauchy:c=0.7",
                           "welsch:c=2",   "geman_mcclure:c=1.5", "barron:alpha=-3,c=1.2",
                           "logcosh",      "huber:delta=0.5,scale=3",
                           "0.5*(mse) + 0.5*(cauchy:c=2)"};
    for (const char *spec : specs) {
        for (const double e : {0.4, -1.1, 2.7, -6.0}) {
            // Huber's psi has a kink at delta s, where a central difference straddles it.
            QTest::newRow(QByteArray(spec) + " e=" + QByteArray::number(e)) << spec << e;
        }
    }
}

// w(e) = psi(e) / (e rho''(0)) with psi from a central difference of rho at e and rho''(0) from
// the second difference (rho(h) - 2 rho(0) + rho(-h)) / h^2, independent of evaluate()'s
// derivatives.
void TestWeightFunction::finiteDifferences()
{
    QFETCH(QString, spec);
    QFETCH(double, error);
    const auto loss = parseOrFail(spec);
    QVERIFY(loss);
    const double h = 1e-4;
    const double psi = (loss->value(error + h, 0.0) - loss->value(error - h, 0.0)) / (2.0 * h);
    const double curvature =
        (loss->value(h, 0.0) - 2.0 * loss->value(0.0, 0.0) + loss->value(-h, 0.0)) / (h * h);
    const double expected = psi / (error * curvature);
    const WeightFunction weights(*loss, 1.0);
    // Truncation of both differences is O(h^2) = 1e-8 relative times the third and fourth
    // derivatives, which stay below about 10 for these parameters; rounding is eps / h^2 = 2e-8.
    COMPARE_NEAR(weights.weight(error), expected, relativeTolerance(expected, 1e-6, 1e-7));
}

void TestWeightFunction::weightOneAtZero_data()
{
    QTest::addColumn<QString>("spec");
    for (const char *spec : {"mse", "huber:delta=1", "tukey:c=4.685", "cauchy:c=1",
                             "barron:alpha=-inf,c=1", "logcosh", "mae", "quantile:tau=0.2"})
        QTest::newRow(spec) << QString::fromLatin1(spec);
}

void TestWeightFunction::weightOneAtZero()
{
    QFETCH(QString, spec);
    const auto loss = parseOrFail(spec);
    QVERIFY(loss);
    const WeightFunction weights(*loss, 0.8);
    QCOMPARE(weights.weight(0.0), 1.0);
    // The limit is approached continuously from both sides.
    COMPARE_NEAR(weights.weight(1e-9), 1.0, 1e-12);
    COMPARE_NEAR(weights.weight(-1e-9), 1.0, 1e-12);
}

// MAE's psi(e) / e = 1 / |e| is unbounded, so it is measured at the reference residual r and
// clipped: min(1, r / |e|). The quantile loss's two sides are averaged at +-r.
void TestWeightFunction::kinkedReference()
{
    const auto mae = parseOrFail(QStringLiteral("mae"));
    const WeightFunction maeWeights(*mae, 0.8);
    QCOMPARE(maeWeights.normalization(), WeightFunction::Normalization::ReferenceResidual);
    QCOMPARE(maeWeights.referenceResidual(), 0.8);
    for (const double e : {0.1, -0.5, 0.8, 1.6, -4.0, 100.0})
        COMPARE_NEAR(maeWeights.weight(e), std::min(1.0, 0.8 / std::abs(e)), 4 * epsilon);

    const double tau = 0.2;
    const auto quantile = parseOrFail(QStringLiteral("quantile:tau=0.2"));
    const WeightFunction quantileWeights(*quantile, 0.5);
    // Mean of psi(r) / r and psi(-r) / (-r) is ((1 - tau) + tau) / (2 r) = 1 / (2 r).
    for (const double e : {0.3, 2.0, 9.0})
        COMPARE_NEAR(quantileWeights.weight(e), std::min(1.0, 2.0 * (1.0 - tau) * 0.5 / e),
                     4 * epsilon);
    for (const double e : {-0.3, -2.0, -9.0})
        COMPARE_NEAR(quantileWeights.weight(e), std::min(1.0, 2.0 * tau * 0.5 / -e), 4 * epsilon);
}

// Inside the tube psi = 0, so the reference residual doubles past epsilon, and points inside
// the tube, e = 0 included, get weight 0.
void TestWeightFunction::epsilonTubeReference()
{
    const auto loss = parseOrFail(QStringLiteral("epsilon_insensitive:epsilon=3"));
    const WeightFunction weights(*loss, 1.0);
    QCOMPARE(weights.normalization(), WeightFunction::Normalization::ReferenceResidual);
    // 1, 2 lie inside the tube; 4 is the first doubling outside it.
    QCOMPARE(weights.referenceResidual(), 4.0);
    QCOMPARE(weights.weight(0.0), 0.0);
    QCOMPARE(weights.weight(2.9), 0.0);
    QCOMPARE(weights.weight(-3.0), 0.0);
    COMPARE_NEAR(weights.weight(3.5), 1.0, 0.0);
    COMPARE_NEAR(weights.weight(-8.0), 0.5, 4 * epsilon);
}

void TestWeightFunction::referenceResidualFromErrors()
{
    Eigen::VectorXd errors(5);
    errors << 0.5, -1.0, 2.0, -3.0, 40.0;
    Eigen::VectorXd targets(5);
    targets << 1.0, 2.0, 3.0, 4.0, 5.0;
    // median |e| = 2, divided by Phi^-1(3/4).
    COMPARE_NEAR(weightReferenceResidual(errors, targets), 2.0 / 0.6744897501960817,
                 4 * epsilon * 3.0);
    // More than half of the errors are 0, so the targets' standard deviation, sqrt(2), is used.
    errors << 0.0, 0.0, 0.0, 1.0, -1.0;
    COMPARE_NEAR(weightReferenceResidual(errors, targets), std::sqrt(2.0), 4 * epsilon);
    targets.setConstant(7.0);
    QCOMPARE(weightReferenceResidual(errors, targets), 1.0);
}

QTEST_GUILESS_MAIN(TestWeightFunction)
#include "tst_weightfunction.moc"
