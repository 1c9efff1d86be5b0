// Tests of Barron's general robust loss and its named special cases (Cauchy, Geman-McClure,
// Welsch) and of Tukey's biweight. tests/reference/check_robust_losses.py compares the same
// losses with mpmath over many more inputs.

#include "numericcheck.h"
#include "testdata.h"

#include "core/losscatalogue.h"
#include "core/losses/barron.h"
#include "core/losses/cauchy.h"
#include "core/losses/gemanmcclure.h"
#include "core/losses/tukey.h"
#include "core/losses/welsch.h"

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

const double minusInfinity = -std::numeric_limits<double>::infinity();

// Barron's loss at alpha = 0 (Cauchy) as it is defined, for the expansion in alpha below.
double cauchyValue(double s)
{
    return std::log1p(0.5 * s);
}

} // namespace

class TestRobustLosses : public QObject
{
    Q_OBJECT

private slots:
    void robustValues_data();
    void robustValues();
    void derivativesMatchDifferences_data();
    void derivativesMatchDifferences();
    void symmetricInError_data();
    void symmetricInError();
    void barronSpecialCases_data();
    void barronSpecialCases();
    void barronNearSpecialAlphas_data();
    void barronNearSpecialAlphas();
    void barronContinuousAcrossZero_data();
    void barronContinuousAcrossZero();
    void barronContinuousAtTwoAndMinusInfinity_data();
    void barronContinuousAtTwoAndMinusInfinity();
    void finiteForHugeErrors_data();
    void finiteForHugeErrors();
    void tukeyAtThreshold();
    void catalogueParameters();
    void convexity();
};

void TestRobustLosses::robustValues_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("error");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("first");
    QTest::addColumn<double>("second");

    // Barron with s = (e/c)^2, b = |alpha - 2| and P = s/b + 1:
    // rho = (b/alpha)(P^(alpha/2) - 1), rho' = (e/c^2) P^(alpha/2 - 1),
    // rho'' = (1/c^2) P^(alpha/2 - 2) (1 + (alpha - 1) s/b).
    // alpha = 0.5, c = 2, e = 1.8: s = 0.81, b = 1.5, P = 1.54, so rho = 3 (1.54^0.25 - 1),
    // rho' = 0.45 * 1.54^-0.75 and rho'' = 0.25 * 1.54^-1.75 * (1 - 0.5 * 0.54).
    QTest::newRow("barron alpha=0.5 c=2 e=1.8")
        << "barron:alpha=0.5,c=2" << 1.8 << 3.0 * (std::pow(1.54, 0.25) - 1.0)
        << 0.45 * std::pow(1.54, -0.75) << 0.25 * std::pow(1.54, -1.75) * 0.73;
    // alpha = 2 is 0.5 (e/c)^2: 0.5 * 9 = 4.5, rho' = 3, rho'' = 1.
    QTest::newRow("barron alpha=2 c=1 e=3") << "barron:alpha=2,c=1" << 3.0 << 4.5 << 3.0 << 1.0;
    // alpha = 1 is pseudo-Huber sqrt(s + 1) - 1: s = 0.5625, sqrt(1.5625) = 1.25, so rho = 0.25,
    // rho' = 0.75 / 1.25 = 0.6 and rho'' = 1.5625^-1.5 = 1 / 1.953125 = 0.512.
    QTest::newRow("barron alpha=1 c=1 e=-0.75")
        << "barron:alpha=1,c=1" << -0.75 << 0.25 << -0.6 << 0.512;
    // alpha = 0: log(1 + 4/2) = log 3, rho' = 2 / 3, rho'' = (1 - 2) / 3^2 = -1/9.
    QTest::newRow("barron alpha=0 c=1 e=2")
        << "barron:alpha=0,c=1" << 2.0 << std::log(3.0) << 2.0 / 3.0 << -1.0 / 9.0;
    // alpha = -2, c = 2, e = 4: s = 4, so rho = 2 * 4 / 8 = 1, rho' = (4/4) * 16 / 64 = 0.25 and
    // rho'' = (1/4) * 16 * (4 - 12) / 8^3 = -0.0625.
    QTest::newRow("barron alpha=-2 c=2 e=4")
        << "barron:alpha=-2,c=2" << 4.0 << 1.0 << 0.25 << -0.0625;
    // alpha = -inf, e = 2: 1 - e^-2, rho' = 2 e^-2, rho'' = e^-2 (1 - 4).
    QTest::newRow("barron alpha=-inf c=1 e=2")
        << "barron:alpha=-inf,c=1" << 2.0 << -std::expm1(-2.0) << 2.0 * std::exp(-2.0)
        << -3.0 * std::exp(-2.0);
    // alpha = 4, e = 2: b = 2, P = 3, rho = (2/4)(9 - 1) = 4, rho' = 2 * 3 = 6 and
    // rho'' = 1 * (1 + 3 * 2) = 7 (rho = e^4/8 + e^2/2 for c = 1).
    QTest::newRow("barron alpha=4 c=1 e=2") << "barron:alpha=4,c=1" << 2.0 << 4.0 << 6.0 << 7.0;
    // alpha = 10, e = 1: b = 8, P = 9/8, rho = 0.8 ((9/8)^5 - 1) = 0.8 * 26281 / 32768,
    // rho' = (9/8)^4 = 6561 / 4096 and rho'' = (9/8)^3 (1 + 9/8) = 729/512 * 17/8.
    QTest::newRow("barron alpha=10 c=1 e=1")
        << "barron:alpha=10,c=1" << 1.0 << 0.8 * 26281.0 / 32768.0 << 6561.0 / 4096.0
        << 729.0 / 512.0 * 17.0 / 8.0;
    // Tiny errors: every member is s/2 + O(s^2) with s = 1e-18, so rho = 5e-19 to double
    // precision, rho' = e and rho'' = 1. A cancelling formula would give 0 for the value.
    QTest::newRow("barron alpha=1 c=1 e=1e-9")
        << "barron:alpha=1,c=1" << 1e-9 << 5e-19 << 1e-9 << 1.0;
    QTest::newRow("barron alpha=0.5 c=1 e=1e-9")
        << "barron:alpha=0.5,c=1" << 1e-9 << 5e-19 << 1e-9 << 1.0;
    QTest::newRow("barron alpha=-inf c=1 e=-1e-9")
        << "barron:alpha=-inf,c=1" << -1e-9 << 5e-19 << -1e-9 << 1.0;
    QTest::newRow("cauchy c=1 e=1e-9") << "cauchy:c=1" << 1e-9 << 5e-19 << 1e-9 << 1.0;
    QTest::newRow("geman_mcclure c=1 e=1e-9")
        << "geman_mcclure:c=1" << 1e-9 << 5e-19 << 1e-9 << 1.0;
    QTest::newRow("welsch c=1 e=1e-9") << "welsch:c=1" << 1e-9 << 5e-19 << 1e-9 << 1.0;
    // Tukey with c = 1: (1/6)(3u - 3u^2 + u^3) with u = 1e-18 is 5e-19.
    QTest::newRow("tukey c=1 e=1e-9") << "tukey:c=1" << 1e-9 << 5e-19 << 1e-9 << 1.0;

    // Cauchy, c = 2, e = 2: s = 1, rho = log 1.5, rho' = (2/4) / 1.5 = 1/3 and
    // rho'' = (1/4)(1 - 0.5) / 1.5^2 = 1/18.
    QTest::newRow("cauchy c=2 e=2")
        << "cauchy:c=2" << 2.0 << std::log(1.5) << 1.0 / 3.0 << 1.0 / 18.0;
    // Geman-McClure, c = 1, e = -2: s = 4, rho = 8 / 8 = 1, rho' = -2 * 16 / 64 = -0.5 and
    // rho'' = 16 (4 - 12) / 512 = -0.25.
    QTest::newRow("geman_mcclure c=1 e=-2") << "geman_mcclure:c=1" << -2.0 << 1.0 << -0.5 << -0.25;
    // Welsch, c = 2, e = 2: s = 1, rho = 1 - e^-0.5, rho' = 0.5 e^-0.5, rho'' = 0.
    QTest::newRow("welsch c=2 e=2")
        << "welsch:c=2" << 2.0 << -std::expm1(-0.5) << 0.5 * std::exp(-0.5) << 0.0;
    // Tukey, c = 2, e = 1: u = 0.25, rho = (4/6)(1 - 0.75^3) = (2/3) 0.578125, rho' = 0.75^2
    // = 0.5625 and rho'' = 0.75 (1 - 1.25) = -0.1875.
    QTest::newRow("tukey c=2 e=1")
        << "tukey:c=2" << 1.0 << 2.0 / 3.0 * 0.578125 << 0.5625 << -0.1875;
    // Outside |e| <= c the value is c^2/6 and both derivatives vanish.
    QTest::newRow("tukey c=2 e=-3") << "tukey:c=2" << -3.0 << 2.0 / 3.0 << 0.0 << 0.0;
    QTest::newRow("tukey c=4.685 e=0") << "tukey:c=4.685" << 0.0 << 0.0 << 0.0 << 1.0;
    QTest::newRow("tukey c=4.685 e=100")
        << "tukey:c=4.685" << 100.0 << 4.685 * 4.685 / 6.0 << 0.0 << 0.0;
}

void TestRobustLosses::robustValues()
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
    // Both sides take a few roundings through pow, exp or log, and 1.54^0.25 - 1 loses about
    // three bits to cancellation in the expectation, so 64 eps (1.4e-14) bounds the difference.
    compareDerivatives(d, value, first, second, 64 * epsilon, 0.0, 1e-300);
}

void TestRobustLosses::derivativesMatchDifferences_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("input");

    // Tukey's inputs stay at least 0.1 c away from its threshold, where rho''' jumps. The
    // other losses are smooth everywhere.
    QTest::newRow("barron alpha=0.5 c=2 e=1.8") << "barron:alpha=0.5,c=2" << 1.8;
    QTest::newRow("barron alpha=-3 c=0.5 e=-0.7") << "barron:alpha=-3,c=0.5" << -0.7;
    QTest::newRow("barron alpha=7 c=1 e=2.2") << "barron:alpha=7,c=1" << 2.2;
    QTest::newRow("barron alpha=1.99999999 c=1 e=0.9") << "barron:alpha=1.99999999,c=1" << 0.9;
    QTest::newRow("barron alpha=1e-8 c=1 e=3") << "barron:alpha=1e-8,c=1" << 3.0;
    QTest::newRow("barron alpha=-inf c=1.5 e=1.2") << "barron:alpha=-inf,c=1.5" << 1.2;
    QTest::newRow("barron alpha=1 c=3 e=-40") << "barron:alpha=1,c=3" << -40.0;
    QTest::newRow("cauchy c=1 e=0.4") << "cauchy:c=1" << 0.4;
    QTest::newRow("cauchy c=0.2 e=-5") << "cauchy:c=0.2" << -5.0;
    QTest::newRow("geman_mcclure c=1.5 e=1.1") << "geman_mcclure:c=1.5" << 1.1;
    QTest::newRow("welsch c=1 e=-1.7") << "welsch:c=1" << -1.7;
    QTest::newRow("tukey c=4.685 e=-3.1") << "tukey:c=4.685" << -3.1;
    QTest::newRow("tukey c=1 e=0.3") << "tukey:c=1" << 0.3;
    QTest::newRow("tukey c=1 e=1.5") << "tukey:c=1" << 1.5;
}

void TestRobustLosses::derivativesMatchDifferences()
{
    QFETCH(QString, spec);
    QFETCH(double, input);

    const std::unique_ptr<Loss> loss = parseOrFail(spec);
    QVERIFY(loss);

    // mpmath puts |rho'''| at most 28 at these points (Barron with alpha = 7), so 10 h^2 bounds
    // the truncation error h^2 |rho'''| / 6.
    compareWithDifferences(*loss, input, 0.0, 10.0);
}

void TestRobustLosses::symmetricInError_data()
{
    QTest::addColumn<QString>("spec");

    for (const char *spec :
         {"barron:alpha=-inf,c=1", "barron:alpha=-1000000,c=0.5", "barron:alpha=-2,c=1",
          "barron:alpha=-1e-08,c=2", "barron:alpha=0,c=1", "barron:alpha=0.5,c=2",
          "barron:alpha=1,c=1", "barron:alpha=1.99999999,c=1", "barron:alpha=2,c=3",
          "barron:alpha=2.00000001,c=1", "barron:alpha=10,c=1e-06", "cauchy:c=1",
          "geman_mcclure:c=2", "welsch:c=0.5", "tukey:c=4.685", "tukey:c=1e-06"})
        QTest::newRow(spec) << QString::fromLatin1(spec);
}

void TestRobustLosses::symmetricInError()
{
    QFETCH(QString, spec);

    const std::unique_ptr<Loss> loss = parseOrFail(spec);
    QVERIFY(loss);
    // Every loss here depends on e only through e^2 and e times a function of e^2, so
    // rho(-e) = rho(e), rho'(-e) = -rho'(e) and rho''(-e) = rho''(e) hold exactly in double.
    compareMirrored(*loss, {1e-300, 1e-9, 0.3, 1.0, 1.8, 4.685, 30.0, 700.0, 1e6}, 0.0, 0.0);
}

void TestRobustLosses::barronSpecialCases_data()
{
    QTest::addColumn<double>("alpha");
    QTest::addColumn<QString>("named");

    // Barron's loss reduces to the named loss with the same scale c.
    QTest::newRow("barron alpha=0 equals cauchy") << 0.0 << "cauchy";
    QTest::newRow("barron alpha=-2 equals geman_mcclure") << -2.0 << "geman_mcclure";
    QTest::newRow("barron alpha=-inf equals welsch") << minusInfinity << "welsch";
}

void TestRobustLosses::barronSpecialCases()
{
    QFETCH(double, alpha);
    QFETCH(QString, named);

    for (const double scale : {1e-6, 0.5, 1.0, 2.5, 1e6}) {
        const BarronLoss barron(alpha, scale);
        const std::unique_ptr<Loss> special = LossCatalogue::create(named);
        QVERIFY(special);
        special->setParameterValue(0, scale);
        for (const double ratio : {0.0, 1e-9, 0.3, 1.0, 1.7, 2.5, 10.0, 30.0, 1e6}) {
            const double e = ratio * scale;
            const LossDerivatives general = barron.evaluate(e, 0.0);
            const LossDerivatives expected = special->evaluate(e, 0.0);
            COMPARE_NEAR(general.value, expected.value,
                         relativeTolerance(expected.value, 1e-12, 1e-300));
            COMPARE_NEAR(general.first, expected.first,
                         relativeTolerance(expected.first, 1e-12, 1e-300));
            COMPARE_NEAR(general.second, expected.second,
                         relativeTolerance(expected.second, 1e-12, 1e-300));
        }
    }
    // alpha = 2 is 0.5 (e/c)^2 and alpha = 1 is pseudo-Huber sqrt(s + 1) - 1, written as
    // s / (sqrt(s + 1) + 1) so that the expectation does not cancel.
    for (const double e : {1e-9, 0.3, 1.7, 30.0, 1e6}) {
        const double s = (e / 2.5) * (e / 2.5);
        COMPARE_NEAR(BarronLoss(2.0, 2.5).value(e, 0.0), 0.5 * s,
                     relativeTolerance(0.5 * s, 1e-12));
        const double pseudoHuber = s / (std::sqrt(s + 1.0) + 1.0);
        COMPARE_NEAR(BarronLoss(1.0, 2.5).value(e, 0.0), pseudoHuber,
                     relativeTolerance(pseudoHuber, 1e-12));
    }
}

void TestRobustLosses::barronNearSpecialAlphas_data()
{
    QTest::addColumn<double>("alpha");
    QTest::addColumn<double>("scale");
    QTest::addColumn<double>("error");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("first");
    QTest::addColumn<double>("second");

    // Next to alpha = 0 and alpha = 2 the formula as written cancels catastrophically, and
    // next to alpha = -inf it adds 1 to a tiny s/|alpha - 2|. The expectations are the exact
    // values rounded to 17 digits, from mpmath at 80 digits with the formula as written:
    //   b = abs(a - 2); P = s / b + 1; b / a * (P**(a / 2) - 1), ...
    QTest::newRow("barron alpha=2+1e-8 c=2 e=1.8")
        << 2.00000001 << 2.0 << 1.8 << 0.40500003485017022 << 0.45000004097241102
        << 0.25000002526245074;
    QTest::newRow("barron alpha=2-1e-8 c=2 e=1.8")
        << 1.99999999 << 2.0 << 1.8 << 0.40499996514983283 << 0.44999995902759273
        << 0.24999997473755178;
    QTest::newRow("barron alpha=2+1e-8 c=1 e=30") << 2.00000001 << 1.0 << 30.0 << 450.00005450192288
                                                  << 30.000003783461543 << 1.000000136115386;
    QTest::newRow("barron alpha=2-1e-8 c=1 e=30") << 1.99999999 << 1.0 << 30.0 << 449.99994549808373
                                                  << 29.999996216538935 << 0.99999986388463247;
    QTest::newRow("barron alpha=1e-8 c=2 e=1.8")
        << 1e-8 << 2.0 << 1.8 << 0.34003730281586715 << 0.32028469759182023 << 0.075353655769492077;
    QTest::newRow("barron alpha=-1e-8 c=2 e=1.8") << -1e-8 << 2.0 << 1.8 << 0.34003730275555106
                                                  << 0.32028469742597337 << 0.075353655434773312;
    QTest::newRow("barron alpha=1e-8 c=1 e=30") << 1e-8 << 1.0 << 30.0 << 6.1114674073093384
                                                << 0.066518848707433936 << -0.0022074621412392263;
    QTest::newRow("barron alpha=-1e-8 c=1 e=30") << -1e-8 << 1.0 << 30.0 << 6.1114672716960195
                                                 << 0.066518845305869878 << -0.0022074620725060359;
    QTest::newRow("barron alpha=-1e6 c=2 e=1.8")
        << -1e6 << 2.0 << 1.8 << 0.33302320553577719 << 0.3001396141165846 << 0.031681513112888075;
    QTest::newRow("barron alpha=-1e6 c=1 e=30")
        << -1e6 << 1.0 << 30.0 << 1.000002 << 1.356738421525169e-194 << -4.0620329106553538e-193;
}

void TestRobustLosses::barronNearSpecialAlphas()
{
    QFETCH(double, alpha);
    QFETCH(double, scale);
    QFETCH(double, error);
    QFETCH(double, value);
    QFETCH(double, first);
    QFETCH(double, second);

    const LossDerivatives d = BarronLoss(alpha, scale).evaluate(error, 0.0);
    compareDerivatives(d, value, first, second, 1e-12);
}

void TestRobustLosses::barronContinuousAcrossZero_data()
{
    QTest::addColumn<double>("scale");
    QTest::addColumn<double>("error");

    QTest::newRow("barron c=1 e=1e-9") << 1.0 << 1e-9;
    QTest::newRow("barron c=1 e=0.3") << 1.0 << 0.3;
    QTest::newRow("barron c=2 e=1.8") << 2.0 << 1.8;
    QTest::newRow("barron c=1 e=30") << 1.0 << 30.0;
    QTest::newRow("barron c=1e-6 e=1e6") << 1e-6 << 1e6;
}

void TestRobustLosses::barronContinuousAcrossZero()
{
    QFETCH(double, scale);
    QFETCH(double, error);

    // Barron's loss is smooth in alpha at 0. With s = (e/c)^2 and L0 = log1p(s/2), expanding
    // (b/alpha) expm1((alpha/2) log1p(s/b)) with b = 2 - alpha to first order gives
    //   rho(alpha) = L0 + alpha (s / (2 (2 + s)) - L0/2 + L0^2/4) + O(alpha^2).
    // At alpha = +-1e-8 the remainder is about 1e-16 L0^3 relatively, so the computed loss must
    // match the expansion to 1e-12, which a jump or a cancelling formula would not.
    const double s = (error / scale) * (error / scale);
    const double atZero = cauchyValue(s);
    const double slope = s / (2.0 * (2.0 + s)) - 0.5 * atZero + 0.25 * atZero * atZero;
    COMPARE_NEAR(BarronLoss(0.0, scale).value(error, 0.0), atZero,
                 relativeTolerance(atZero, 4 * epsilon));
    for (const double alpha : {1e-8, -1e-8, 1e-300, -1e-300}) {
        const double expected = atZero + alpha * slope;
        COMPARE_NEAR(BarronLoss(alpha, scale).value(error, 0.0), expected,
                     relativeTolerance(expected, 1e-12));
    }
}

void TestRobustLosses::barronContinuousAtTwoAndMinusInfinity_data()
{
    QTest::addColumn<double>("scale");
    QTest::addColumn<double>("error");

    QTest::newRow("barron c=1 e=1e-9") << 1.0 << 1e-9;
    QTest::newRow("barron c=1 e=0.3") << 1.0 << 0.3;
    QTest::newRow("barron c=2 e=1.8") << 2.0 << 1.8;
    QTest::newRow("barron c=1 e=30") << 1.0 << 30.0;
    QTest::newRow("barron c=1e-6 e=1e6") << 1e-6 << 1e6;
}

void TestRobustLosses::barronContinuousAtTwoAndMinusInfinity()
{
    QFETCH(double, scale);
    QFETCH(double, error);

    const double s = (error / scale) * (error / scale);
    // At alpha = 2 +- d the exact loss differs from s/2 by about (s/2)(|d|/2)(log1p(s/|d|) - 1),
    // which is not O(d): the loss is continuous but not differentiable in alpha there, and at
    // d = 1e-8 the relative difference is about 1e-7, so a fixed relative tolerance cannot
    // show continuity. The bound (s/2) |d| (log1p(s/|d|) + 1) is met with room (mpmath puts
    // the difference below half of it at these points) and shrinks to 0 with d.
    const double atTwo = 0.5 * s;
    COMPARE_NEAR(BarronLoss(2.0, scale).value(error, 0.0), atTwo,
                 relativeTolerance(atTwo, 2 * epsilon));
    for (const double d : {1e-8, -1e-8, 1e-12, -1e-12, 4 * epsilon, -2 * epsilon}) {
        const double bound = 0.5 * s * std::abs(d) * (std::log1p(s / std::abs(d)) + 1.0);
        const LossDerivatives near = BarronLoss(2.0 + d, scale).evaluate(error, 0.0);
        COMPARE_NEAR(near.value, atTwo, bound + relativeTolerance(atTwo, 8 * epsilon));
        QVERIFY(std::isfinite(near.first));
        QVERIFY(std::isfinite(near.second));
    }

    // As alpha tends to -inf the loss approaches Welsch's 1 - exp(-s/2) like 1/|alpha|;
    // mpmath puts the difference below s (2 + s) / |alpha| at these points.
    const double atMinusInfinity = -std::expm1(-0.5 * s);
    COMPARE_NEAR(BarronLoss(minusInfinity, scale).value(error, 0.0), atMinusInfinity,
                 relativeTolerance(atMinusInfinity, 2 * epsilon));
    for (const double alpha : {-1e6, -1e12, -1e300, -std::numeric_limits<double>::max()}) {
        const double bound = s * (2.0 + s) / std::abs(alpha);
        COMPARE_NEAR(BarronLoss(alpha, scale).value(error, 0.0), atMinusInfinity,
                     bound + relativeTolerance(atMinusInfinity, 8 * epsilon));
    }
}

void TestRobustLosses::finiteForHugeErrors_data()
{
    QTest::addColumn<QString>("spec");

    for (const char *spec :
         {"barron:alpha=-inf,c=1e-06", "barron:alpha=-1000000,c=1e-06", "barron:alpha=-2,c=1",
          "barron:alpha=0,c=1e-06", "barron:alpha=0.5,c=1e-06", "barron:alpha=1,c=1e-06",
          "barron:alpha=1.99999999,c=1e-06", "barron:alpha=2,c=1e-06",
          "barron:alpha=2.00000001,c=1e-06", "barron:alpha=10,c=1e-06", "barron:alpha=10,c=1000000",
          "cauchy:c=1e-06", "geman_mcclure:c=1e-06", "welsch:c=1e-06", "tukey:c=1e-06"})
        QTest::newRow(spec) << QString::fromLatin1(spec);
}

void TestRobustLosses::finiteForHugeErrors()
{
    QFETCH(QString, spec);

    const std::unique_ptr<Loss> loss = parseOrFail(spec);
    QVERIFY(loss);
    // Up to |e| = 1e6 with c >= 1e-6, (e/c)^2 <= 1e24 and every result is finite. Beyond, as
    // far as the largest double, the results may overflow to infinity but must never be NaN.
    for (const double e : {1e6, -1e6}) {
        const LossDerivatives d = loss->evaluate(e, 0.0);
        QVERIFY(std::isfinite(d.value));
        QVERIFY(std::isfinite(d.first));
        QVERIFY(std::isfinite(d.second));
        QVERIFY(d.value > 0.0);
    }
    for (const double e : {1e150, 1e300, std::numeric_limits<double>::max()}) {
        const LossDerivatives d = loss->evaluate(e, 0.0);
        QVERIFY(!std::isnan(d.value));
        QVERIFY(!std::isnan(d.first));
        QVERIFY(!std::isnan(d.second));
        QVERIFY(!std::isnan(loss->value(-e, 0.0)));
    }
}

void TestRobustLosses::tukeyAtThreshold()
{
    // rho' and rho'' both reach 0 at |e| = c, so the loss is twice continuously
    // differentiable there: just inside, rho' = e (1 - u)^2 and rho'' = (1 - u)(1 - 5u) are
    // about 4 e (1 - |e|/c)^2 and -8 (1 - |e|/c).
    for (const double c : {1e-6, 1.0, 4.685, 1e6}) {
        const TukeyLoss loss(c);
        for (const double sign : {1.0, -1.0}) {
            const LossDerivatives at = loss.evaluate(sign * c, 0.0);
            COMPARE_NEAR(at.value, c * c / 6.0, relativeTolerance(c * c / 6.0, 2 * epsilon));
            COMPARE_NEAR(at.first, 0.0, 0.0);
            COMPARE_NEAR(at.second, 0.0, 0.0);
            const LossDerivatives inside = loss.evaluate(sign * c * (1.0 - 1e-9), 0.0);
            COMPARE_NEAR(inside.value, c * c / 6.0, 1e-15 * c * c);
            COMPARE_NEAR(inside.first, sign * 4e-18 * c, 1e-20 * c);
            COMPARE_NEAR(inside.second, -8e-9, 1e-15);
        }
    }
}

void TestRobustLosses::catalogueParameters()
{
    // alpha = -inf is written and read back as "-inf"; NaN, +inf and values beyond the range
    // are rejected.
    const std::unique_ptr<Loss> welschLike = parseOrFail(QStringLiteral("barron:alpha=-inf"));
    QVERIFY(welschLike);
    QVERIFY(std::isinf(welschLike->parameterValue(0)) && welschLike->parameterValue(0) < 0.0);
    QCOMPARE(welschLike->spec(), QStringLiteral("barron:alpha=-inf,c=1"));
    const std::unique_ptr<Loss> reparsed = parseOrFail(welschLike->spec());
    QVERIFY(reparsed);
    COMPARE_NEAR(reparsed->parameterValue(0), minusInfinity, 0.0);
    for (const char *bad : {"barron:alpha=inf", "barron:alpha=10.5", "barron:c=0",
                            "cauchy:c=inf", "tukey:c=-1", "welsch:c=2e6"}) {
        QString error;
        QVERIFY2(!LossCatalogue::parse(QString::fromLatin1(bad), &error), bad);
        QVERIFY2(error.contains(QStringLiteral("out of range")), qPrintable(error));
    }
    QString nanError;
    QVERIFY(!LossCatalogue::parse(QStringLiteral("barron:alpha=nan"), &nanError));
    QVERIFY2(nanError.startsWith(QStringLiteral("barron: alpha=nan is not a number")),
             qPrintable(nanError));

    QCOMPARE(BarronLoss().spec(), QStringLiteral("barron:alpha=1,c=1"));
    QCOMPARE(CauchyLoss().spec(), QStringLiteral("cauchy:c=1"));
    QCOMPARE(GemanMcClureLoss().spec(), QStringLiteral("geman_mcclure:c=1"));
    QCOMPARE(WelschLoss().spec(), QStringLiteral("welsch:c=1"));
    QCOMPARE(TukeyLoss().spec(), QStringLiteral("tukey:c=4.685"));
    QCOMPARE(BarronLoss(0.5, 2.0).label(), QStringLiteral("Barron (alpha=0.5, c=2)"));
    for (const char *name : {"barron", "cauchy", "geman_mcclure", "welsch", "tukey"}) {
        QVERIFY(LossCatalogue::names().contains(QString::fromLatin1(name)));
        const std::unique_ptr<Loss> loss = LossCatalogue::create(QString::fromLatin1(name));
        QVERIFY(loss);
        QCOMPARE(loss->kind(), LossKind::Regression);
        // Every member has value 0 and slope 0 at e = 0.
        COMPARE_NEAR(loss->evaluate(0.0, 0.0).value, 0.0, 0.0);
        COMPARE_NEAR(loss->evaluate(0.0, 0.0).first, 0.0, 0.0);
        const std::unique_ptr<Loss> copy = loss->clone();
        QCOMPARE(copy->spec(), loss->spec());
    }
}

void TestRobustLosses::convexity()
{
    // rho'' = (1/c^2) P^(alpha/2 - 2) (1 + (alpha - 1) s/b) is negative for large errors
    // exactly when alpha < 1.
    QVERIFY(!CauchyLoss().isConvex());
    QVERIFY(!GemanMcClureLoss().isConvex());
    QVERIFY(!WelschLoss().isConvex());
    QVERIFY(!TukeyLoss().isConvex());
    QVERIFY(!BarronLoss(minusInfinity, 1.0).isConvex());
    QVERIFY(!BarronLoss(0.999, 1.0).isConvex());
    QVERIFY(BarronLoss(1.0, 1.0).isConvex());
    QVERIFY(BarronLoss(10.0, 1.0).isConvex());
    QVERIFY(BarronLoss(0.999, 1.0).evaluate(1e6, 0.0).second < 0.0);
    QVERIFY(BarronLoss(1.0, 1.0).evaluate(1e6, 0.0).second > 0.0);
}

QTEST_GUILESS_MAIN(TestRobustLosses)
#include "tst_robustlosses.moc"
