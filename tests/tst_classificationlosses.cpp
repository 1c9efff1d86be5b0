// Tests of the classification losses beyond plain BCE: BCE with pos_weight and label smoothing,
// focal, hinge, squared hinge, modified Huber, exponential and zero-one. tst_losses covers
// plain BCE.

#include "numericcheck.h"
#include "testdata.h"

#include "core/losscatalogue.h"
#include "core/losses/binarycrossentropy.h"
#include "core/losses/focal.h"
#include "core/losses/margin.h"

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

// Sigmoid without cancellation for either sign.
double sigmoid(double z)
{
    return z >= 0.0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z));
}

// softplus(x) = log(1 + e^x), without overflow.
double softplus(double x)
{
    return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x)));
}

const double infinity = std::numeric_limits<double>::infinity();
const double largest = std::numeric_limits<double>::max();

// Every classification spec these tests sweep, with non-default parameters included.
const char *const sweptSpecs[] = {
    "bce",
    "bce:pos_weight=3,smoothing=0.1",
    "bce:pos_weight=1e-6,smoothing=1",
    "bce:pos_weight=1e6,smoothing=0",
    "focal",
    "focal:gamma=0,alpha=-1",
    "focal:gamma=0.5,alpha=0.5",
    "focal:gamma=20,alpha=1",
    "focal:gamma=3.5,alpha=0",
    "hinge",
    "squared_hinge",
    "modified_huber",
    "exponential",
    "zero_one",
};

} // namespace

class TestClassificationLosses : public QObject
{
    Q_OBJECT

private slots:
    void handValues_data();
    void handValues();
    void derivativesMatchDifferences_data();
    void derivativesMatchDifferences();
    void labelSymmetry_data();
    void labelSymmetry();
    void hugeLogits_data();
    void hugeLogits();
    void neverNaN();
    void valueMatchesEvaluate();
    void specRoundTrip_data();
    void specRoundTrip();
    void parameterRanges_data();
    void parameterRanges();
    void convexity();
    void focalCurvatureTurnsNegative();
};

void TestClassificationLosses::handValues_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("logit");
    QTest::addColumn<double>("label");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("first");
    QTest::addColumn<double>("second");

    const double log2 = std::log(2.0);

    // BCE with pos_weight p and target t: p t softplus(-z) + (1 - t) softplus(z),
    // rho' = (1 - t) s(z) - p t s(-z), rho'' = (p t + 1 - t) s(z) s(-z).
    // p = 2, t = 1, z = 0: 2 log 2, -2 / 2 = -1, 2 / 4 = 0.5.
    QTest::newRow("bce pos_weight=2 smoothing=0 z=0 y=1")
        << "bce:pos_weight=2" << 0.0 << 1.0 << 2.0 * log2 << -1.0 << 0.5;
    // p = 2 weights only the positive term, so label 0 gives plain BCE: log 2, 0.5, 0.25.
    QTest::newRow("bce pos_weight=2 smoothing=0 z=0 y=0")
        << "bce:pos_weight=2" << 0.0 << 0.0 << log2 << 0.5 << 0.25;
    // t = 1 - 0.2 / 2 = 0.9: (0.9 + 0.1) log 2, 0.1 / 2 - 0.9 / 2 = -0.4, 1 / 4.
    QTest::newRow("bce pos_weight=1 smoothing=0.2 z=0 y=1")
        << "bce:smoothing=0.2" << 0.0 << 1.0 << log2 << -0.4 << 0.25;
    // p = 3, t = 0.1 / 2 = 0.05, so p t = 0.15 and 1 - t = 0.95:
    // 0.15 softplus(-2) + 0.95 (2 + softplus(-2)) = 1.9 + 1.1 log1p(e^-2).
    QTest::newRow("bce pos_weight=3 smoothing=0.1 z=2 y=0")
        << "bce:pos_weight=3,smoothing=0.1" << 2.0 << 0.0 << 1.9 + 1.1 * std::log1p(std::exp(-2.0))
        << 0.95 * sigmoid(2.0) - 0.15 * sigmoid(-2.0) << 1.1 * sigmoid(2.0) * sigmoid(-2.0);
    // t = 0.95 and 1 - t = 0.05: softplus(-1e6) = 0 and softplus(1e6) = 1e6, so the loss is
    // 0.05 1e6 and the slope 0.05.
    QTest::newRow("bce pos_weight=1 smoothing=0.1 z=1e6 y=1")
        << "bce:smoothing=0.1" << 1e6 << 1.0 << 0.05 * 1e6 << 0.05 << 0.0;
    // smoothing = 1 gives t = 0.5 for either label: with p = 4, 2 softplus(1) + 0.5 softplus(-1).
    QTest::newRow("bce pos_weight=4 smoothing=1 z=-1 y=0")
        << "bce:pos_weight=4,smoothing=1" << -1.0 << 0.0
        << 2.0 * softplus(1.0) + 0.5 * softplus(-1.0) << 0.5 * sigmoid(-1.0) - 2.0 * sigmoid(1.0)
        << 2.5 * sigmoid(-1.0) * sigmoid(1.0);

    // Focal: alpha_t A s(-u)^gamma at the margin u = y' z with A = softplus(-u). At z = 0,
    // A = log 2 and s = 1/2, so with gamma = 2 and alpha_t = 0.25 the value is log(2) / 16,
    // rho' = -0.25 (1/4)(1/2 + 2 (1/2) log 2) = -(1 + 2 log 2) / 32 and
    // rho'' = 0.25 (1/4)(5 / 4 + 2 (log(2) / 2)(1 - 1/2)) = (5 / 4 + log(2) / 2) / 16.
    QTest::newRow("focal gamma=2 alpha=0.25 z=0 y=1")
        << "focal" << 0.0 << 1.0 << log2 / 16.0 << -(1.0 + 2.0 * log2) / 32.0
        << (1.25 + 0.5 * log2) / 16.0;
    // Label 0 takes alpha_t = 0.75 and y' = -1: three times the value and curvature, and the
    // opposite slope.
    QTest::newRow("focal gamma=2 alpha=0.25 z=0 y=0")
        << "focal" << 0.0 << 0.0 << 3.0 * log2 / 16.0 << 3.0 * (1.0 + 2.0 * log2) / 32.0
        << 3.0 * (1.25 + 0.5 * log2) / 16.0;
    // The next rows' expected values are mpmath's at 50 digits, rounded to 20 digits, and they
    // agree with mpmath.diff's derivatives of alpha_t softplus(-u) s(-u)^gamma.
    QTest::newRow("focal gamma=2 alpha=0.25 z=1.5 y=1")
        << "focal" << 1.5 << 1.0 << 0.0016757117316439141935 << -0.0042577763058089815565
        << 0.010184837155224819972;
    // Wrong side at u = -3: the curvature is negative, so the loss is not convex.
    QTest::newRow("focal gamma=2 alpha=0.25 z=-3 y=1")
        << "focal" << -3.0 << 1.0 << 0.69157011025631550861 << -0.28168747015872211019
        << -0.0050222166727096503153;
    QTest::newRow("focal gamma=3.5 alpha=0.7 z=2 y=0")
        << "focal:gamma=3.5,alpha=0.7" << 2.0 << 0.0 << 0.40920372057454072204
        << 0.34018220026620419647 << 0.082453931863743644477;
    // A confident correct prediction: about 0.25 e^-40 e^-80 = 1.9e-53, where 1 - p_t computed as
    // 1 - s(40) would be 0.
    QTest::newRow("focal gamma=2 alpha=0.25 z=40 y=1")
        << "focal" << 40.0 << 1.0 << 1.9169120184304998877e-53 << -5.7507360552914996429e-53
        << 1.7252208165874498847e-52;
    // gamma = 0 without class weights is plain BCE: softplus(0.7), s(-0.7) - 1, s s'.
    QTest::newRow("focal gamma=0 alpha=-1 z=-0.7 y=1")
        << "focal:gamma=0,alpha=-1" << -0.7 << 1.0 << softplus(0.7) << -sigmoid(0.7)
        << sigmoid(0.7) * sigmoid(-0.7);

    // Hinge max(0, 1 - m): slope -y' up to and including the kink m = 1, then 0.
    QTest::newRow("hinge z=0.5 y=1") << "hinge" << 0.5 << 1.0 << 0.5 << -1.0 << 0.0;
    QTest::newRow("hinge z=0.5 y=0") << "hinge" << 0.5 << 0.0 << 1.5 << 1.0 << 0.0;
    QTest::newRow("hinge z=0 y=1") << "hinge" << 0.0 << 1.0 << 1.0 << -1.0 << 0.0;
    QTest::newRow("hinge z=1 y=1") << "hinge" << 1.0 << 1.0 << 0.0 << -1.0 << 0.0;
    QTest::newRow("hinge z=2 y=1") << "hinge" << 2.0 << 1.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("hinge z=-1e6 y=1") << "hinge" << -1e6 << 1.0 << 1e6 + 1.0 << -1.0 << 0.0;

    // Squared hinge (1 - m)^2 below m = 1: at m = -2, 3^2 = 9, -2 3 = -6, 2. At z = 0.25,
    // y = 0: m = -0.25, gap 1.25, 1.5625, -2 (1.25)(-1) = 2.5, 2.
    QTest::newRow("squared_hinge z=-2 y=1") << "squared_hinge" << -2.0 << 1.0 << 9.0 << -6.0 << 2.0;
    QTest::newRow("squared_hinge z=0.25 y=0")
        << "squared_hinge" << 0.25 << 0.0 << 1.5625 << 2.5 << 2.0;
    QTest::newRow("squared_hinge z=1 y=1") << "squared_hinge" << 1.0 << 1.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("squared_hinge z=-1e6 y=0")
        << "squared_hinge" << -1e6 << 0.0 << 0.0 << 0.0 << 0.0;

    // Modified Huber: -4 m below m = -1, (1 - m)^2 on [-1, 1), 0 above.
    QTest::newRow("modified_huber z=-3 y=1")
        << "modified_huber" << -3.0 << 1.0 << 12.0 << -4.0 << 0.0;
    QTest::newRow("modified_huber z=3 y=0") << "modified_huber" << 3.0 << 0.0 << 12.0 << 4.0 << 0.0;
    // At m = -1 both branches give 4 and slope -4; the quadratic branch's 2 is reported.
    QTest::newRow("modified_huber z=-1 y=1")
        << "modified_huber" << -1.0 << 1.0 << 4.0 << -4.0 << 2.0;
    QTest::newRow("modified_huber z=0.5 y=1")
        << "modified_huber" << 0.5 << 1.0 << 0.25 << -1.0 << 2.0;
    QTest::newRow("modified_huber z=1 y=1") << "modified_huber" << 1.0 << 1.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("modified_huber z=-1e6 y=1")
        << "modified_huber" << -1e6 << 1.0 << 4e6 << -4.0 << 0.0;

    // Exponential e^-m: at m = 0, 1, -1, 1; at z = 2, y = 0, m = -2 and e^2 each.
    QTest::newRow("exponential z=0 y=1") << "exponential" << 0.0 << 1.0 << 1.0 << -1.0 << 1.0;
    QTest::newRow("exponential z=2 y=0")
        << "exponential" << 2.0 << 0.0 << std::exp(2.0) << std::exp(2.0) << std::exp(2.0);
    QTest::newRow("exponential z=-800 y=1")
        << "exponential" << -800.0 << 1.0 << infinity << -infinity << infinity;
    QTest::newRow("exponential z=1e6 y=1") << "exponential" << 1e6 << 1.0 << 0.0 << 0.0 << 0.0;

    // Zero-one: 1 for m <= 0, so z = 0 counts as a mistake for either label.
    QTest::newRow("zero_one z=0 y=1") << "zero_one" << 0.0 << 1.0 << 1.0 << 0.0 << 0.0;
    QTest::newRow("zero_one z=0 y=0") << "zero_one" << 0.0 << 0.0 << 1.0 << 0.0 << 0.0;
    QTest::newRow("zero_one z=0.1 y=1") << "zero_one" << 0.1 << 1.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("zero_one z=-0.1 y=1") << "zero_one" << -0.1 << 1.0 << 1.0 << 0.0 << 0.0;
    QTest::newRow("zero_one z=0.1 y=0") << "zero_one" << 0.1 << 0.0 << 1.0 << 0.0 << 0.0;
}

void TestClassificationLosses::handValues()
{
    QFETCH(QString, spec);
    QFETCH(double, logit);
    QFETCH(double, label);
    QFETCH(double, value);
    QFETCH(double, first);
    QFETCH(double, second);

    const std::unique_ptr<Loss> loss = parseOrFail(spec);
    QVERIFY(loss);
    const LossDerivatives d = loss->evaluate(logit, label);
    // Both sides take a handful of operations on exp, log1p and pow, each within a few ulps, and
    // the 20-digit mpmath values are exact to well below that. An expected 0 must be exact.
    compareDerivatives(d, value, first, second, 32 * epsilon);
}

void TestClassificationLosses::derivativesMatchDifferences_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("logit");
    QTest::addColumn<double>("label");

    // Each point is at least 0.1 away from a kink (m = 1 for the hinges, m = +-1 for modified
    // Huber), far more than the difference step.
    QTest::newRow("bce pos_weight=3 smoothing=0.1 z=0.7 y=1")
        << "bce:pos_weight=3,smoothing=0.1" << 0.7 << 1.0;
    QTest::newRow("bce pos_weight=0.2 smoothing=0.5 z=-2.5 y=0")
        << "bce:pos_weight=0.2,smoothing=0.5" << -2.5 << 0.0;
    QTest::newRow("bce pos_weight=10 smoothing=0 z=-12 y=1") << "bce:pos_weight=10" << -12.0 << 1.0;
    QTest::newRow("focal gamma=2 alpha=0.25 z=1.5 y=1") << "focal" << 1.5 << 1.0;
    QTest::newRow("focal gamma=2 alpha=0.25 z=-3 y=1") << "focal" << -3.0 << 1.0;
    QTest::newRow("focal gamma=2 alpha=0.25 z=0 y=0") << "focal" << 0.0 << 0.0;
    QTest::newRow("focal gamma=0.5 alpha=-1 z=-0.4 y=0")
        << "focal:gamma=0.5,alpha=-1" << -0.4 << 0.0;
    QTest::newRow("focal gamma=5 alpha=0.9 z=-6 y=1") << "focal:gamma=5,alpha=0.9" << -6.0 << 1.0;
    QTest::newRow("focal gamma=0 alpha=0.25 z=2 y=1") << "focal:gamma=0" << 2.0 << 1.0;
    QTest::newRow("hinge z=0.3 y=1") << "hinge" << 0.3 << 1.0;
    QTest::newRow("hinge z=0.3 y=0") << "hinge" << 0.3 << 0.0;
    QTest::newRow("hinge z=2 y=1") << "hinge" << 2.0 << 1.0;
    QTest::newRow("squared_hinge z=-1.7 y=1") << "squared_hinge" << -1.7 << 1.0;
    QTest::newRow("squared_hinge z=0.6 y=0") << "squared_hinge" << 0.6 << 0.0;
    QTest::newRow("squared_hinge z=1.5 y=1") << "squared_hinge" << 1.5 << 1.0;
    QTest::newRow("modified_huber z=-2 y=1") << "modified_huber" << -2.0 << 1.0;
    QTest::newRow("modified_huber z=0.4 y=1") << "modified_huber" << 0.4 << 1.0;
    QTest::newRow("modified_huber z=0.4 y=0") << "modified_huber" << 0.4 << 0.0;
    QTest::newRow("modified_huber z=3 y=1") << "modified_huber" << 3.0 << 1.0;
    QTest::newRow("exponential z=0.8 y=1") << "exponential" << 0.8 << 1.0;
    QTest::newRow("exponential z=3 y=0") << "exponential" << 3.0 << 0.0;
    QTest::newRow("zero_one z=0.5 y=1") << "zero_one" << 0.5 << 1.0;
    QTest::newRow("zero_one z=0.5 y=0") << "zero_one" << 0.5 << 0.0;
}

void TestClassificationLosses::derivativesMatchDifferences()
{
    QFETCH(QString, spec);
    QFETCH(double, logit);
    QFETCH(double, label);

    const std::unique_ptr<Loss> loss = parseOrFail(spec);
    QVERIFY(loss);

    // |rho'''| stays below 100 at these points (e^3 = 20 for the exponential loss at m = -3 is
    // the largest), so 20 h^2 bounds the truncation error h^2 |rho'''| / 6.
    compareWithDifferences(*loss, logit, label, 20.0);
}

void TestClassificationLosses::labelSymmetry_data()
{
    QTest::addColumn<QString>("spec");

    // Symmetric when both labels weigh the same: pos_weight = 1 for BCE (label smoothing moves
    // both targets alike), alpha = 0.5 or off for focal, and every margin loss.
    QTest::newRow("bce") << "bce";
    QTest::newRow("bce smoothing=0.3") << "bce:smoothing=0.3";
    QTest::newRow("focal gamma=2 alpha=0.5") << "focal:alpha=0.5";
    QTest::newRow("focal gamma=1.5 alpha=-1") << "focal:gamma=1.5,alpha=-1";
    QTest::newRow("hinge") << "hinge";
    QTest::newRow("squared_hinge") << "squared_hinge";
    QTest::newRow("modified_huber") << "modified_huber";
    QTest::newRow("exponential") << "exponential";
    QTest::newRow("zero_one") << "zero_one";
}

void TestClassificationLosses::labelSymmetry()
{
    QFETCH(QString, spec);

    // loss(z, 1) = loss(-z, 0) with the mirrored slope, exactly: both sides compute the same
    // margin, or for BCE add the same two products.
    const std::unique_ptr<Loss> loss = parseOrFail(spec);
    QVERIFY(loss);
    compareMirrored(*loss, {-1e6, -750.0, -37.5, -1.0, -1e-12, 0.0, 0.25, 1.0, 3.0, 41.0, 710.0},
                    1.0, 0.0);
}

void TestClassificationLosses::hugeLogits_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("logit");
    QTest::addColumn<double>("label");
    QTest::addColumn<double>("value");

    // |z| = 1e6: a correct prediction costs 0 (BCE and focal underflow e^-1e6 to 0), and a wrong
    // one costs |z| for BCE and focal (times p or alpha_t), 1 + |z| for hinge, (1 + |z|)^2 for
    // squared hinge, 4 |z| for modified Huber and +inf for the exponential loss.
    QTest::newRow("bce pos_weight=2 z=-1e6 y=1") << "bce:pos_weight=2" << -1e6 << 1.0 << 2e6;
    QTest::newRow("bce pos_weight=2 z=1e6 y=1") << "bce:pos_weight=2" << 1e6 << 1.0 << 0.0;
    QTest::newRow("bce pos_weight=2 z=1e6 y=0") << "bce:pos_weight=2" << 1e6 << 0.0 << 1e6;
    QTest::newRow("focal gamma=2 alpha=0.25 z=-1e6 y=1") << "focal" << -1e6 << 1.0 << 0.25e6;
    QTest::newRow("focal gamma=2 alpha=0.25 z=1e6 y=0") << "focal" << 1e6 << 0.0 << 0.75e6;
    QTest::newRow("focal gamma=2 alpha=0.25 z=1e6 y=1") << "focal" << 1e6 << 1.0 << 0.0;
    QTest::newRow("hinge z=-1e6 y=1") << "hinge" << -1e6 << 1.0 << 1e6 + 1.0;
    QTest::newRow("squared_hinge z=1e6 y=0")
        << "squared_hinge" << 1e6 << 0.0 << (1e6 + 1.0) * (1e6 + 1.0);
    QTest::newRow("modified_huber z=1e6 y=0") << "modified_huber" << 1e6 << 0.0 << 4e6;
    QTest::newRow("exponential z=-1e6 y=1") << "exponential" << -1e6 << 1.0 << infinity;
    QTest::newRow("exponential z=1e6 y=0") << "exponential" << 1e6 << 0.0 << infinity;
    QTest::newRow("exponential z=1e6 y=1") << "exponential" << 1e6 << 1.0 << 0.0;
    QTest::newRow("zero_one z=-1e6 y=1") << "zero_one" << -1e6 << 1.0 << 1.0;
}

void TestClassificationLosses::hugeLogits()
{
    QFETCH(QString, spec);
    QFETCH(double, logit);
    QFETCH(double, label);
    QFETCH(double, value);

    const std::unique_ptr<Loss> loss = parseOrFail(spec);
    QVERIFY(loss);
    const LossDerivatives d = loss->evaluate(logit, label);
    // Each expected value is a product of exact doubles, so one rounding at most.
    COMPARE_NEAR(d.value, value, relativeTolerance(value, epsilon));
    QVERIFY(!std::isnan(d.first));
    QVERIFY(!std::isnan(d.second));
    // Only the exponential loss overflows, and only on the wrong side.
    if (loss->name() != QLatin1String("exponential")) {
        QVERIFY(std::isfinite(d.first));
        QVERIFY(std::isfinite(d.second));
    }
}

void TestClassificationLosses::neverNaN()
{
    for (const char *spec : sweptSpecs) {
        const std::unique_ptr<Loss> loss = parseOrFail(QString::fromLatin1(spec));
        QVERIFY(loss);
        for (const double label : {0.0, 1.0}) {
            for (const double z : {-largest, -1e300, -1e6, -746.0, -710.0, -40.0, -1.0, -1e-300,
                                   0.0, 1e-300, 1.0, 40.0, 710.0, 746.0, 1e6, 1e300, largest}) {
                const LossDerivatives d = loss->evaluate(z, label);
                const QByteArray where = QByteArray(spec) + " z=" + QByteArray::number(z) +
                                         " y=" + QByteArray::number(label);
                QVERIFY2(!std::isnan(d.value) && !std::isnan(d.first) && !std::isnan(d.second),
                         where.constData());
                QVERIFY2(d.value >= 0.0, where.constData());
            }
        }
    }
}

void TestClassificationLosses::valueMatchesEvaluate()
{
    // LossKernel's data-set loop calls valueAt(), so it must agree with evaluate() exactly.
    for (const char *spec : sweptSpecs) {
        const std::unique_ptr<Loss> loss = parseOrFail(QString::fromLatin1(spec));
        QVERIFY(loss);
        for (const double label : {0.0, 1.0}) {
            for (const double z : {-1e6, -800.0, -3.5, -1.0, -0.25, 0.0, 0.5, 1.0, 2.0, 40.0}) {
                COMPARE_NEAR(loss->value(z, label), loss->evaluate(z, label).value, 0.0);
            }
        }
    }
}

void TestClassificationLosses::specRoundTrip_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("bce default") << "bce"
                                 << "bce:pos_weight=1,smoothing=0";
    QTest::newRow("bce pos_weight=3.5") << "bce:pos_weight=3.5"
                                        << "bce:pos_weight=3.5,smoothing=0";
    QTest::newRow("bce reordered") << " BCE : smoothing = 0.1 , pos_weight = 2 "
                                   << "bce:pos_weight=2,smoothing=0.1";
    QTest::newRow("bce range ends") << "bce:pos_weight=1e-6,smoothing=1"
                                    << "bce:pos_weight=1e-06,smoothing=1";
    QTest::newRow("bce pos_weight=maximum") << "bce:pos_weight=1e6"
                                            << "bce:pos_weight=1e+06,smoothing=0";
    QTest::newRow("focal default") << "focal"
                                   << "focal:gamma=2,alpha=0.25";
    QTest::newRow("focal gamma=0 alpha=-1") << "focal:gamma=0,alpha=-1"
                                            << "focal:gamma=0,alpha=-1";
    // formatNumber() writes the shortest form that reads back exactly, which for 20 is "20".
    QTest::newRow("focal gamma=20 alpha=1") << "focal:alpha=1,gamma=20"
                                            << "focal:gamma=20,alpha=1";
    QTest::newRow("focal gamma=0.5") << "focal:gamma=0.5"
                                     << "focal:gamma=0.5,alpha=0.25";
    QTest::newRow("hinge") << "hinge"
                           << "hinge";
    QTest::newRow("squared_hinge") << "Squared_Hinge"
                                   << "squared_hinge";
    QTest::newRow("modified_huber") << "modified_huber:"
                                    << "modified_huber";
    QTest::newRow("exponential") << "exponential"
                                 << "exponential";
    QTest::newRow("zero_one") << "zero_one"
                              << "zero_one";
}

void TestClassificationLosses::specRoundTrip()
{
    QFETCH(QString, spec);
    QFETCH(QString, canonical);

    QString error;
    const std::unique_ptr<Loss> loss = LossCatalogue::parse(spec, &error);
    QVERIFY2(loss, qPrintable(error));
    QCOMPARE(loss->kind(), LossKind::Classification);
    QCOMPARE(loss->spec(), canonical);
    QString secondError;
    const std::unique_ptr<Loss> again = LossCatalogue::parse(loss->spec(), &secondError);
    QVERIFY2(again, qPrintable(secondError));
    QCOMPARE(again->spec(), canonical);
    // A clone keeps the parameters.
    QCOMPARE(loss->clone()->spec(), canonical);
}

void TestClassificationLosses::parameterRanges_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("fragment");

    QTest::newRow("bce pos_weight=0") << "bce:pos_weight=0"
                                      << "pos_weight=0 is out of range";
    QTest::newRow("bce pos_weight=2e6") << "bce:pos_weight=2e6"
                                        << "pos_weight=2e+06 is out of range";
    QTest::newRow("bce smoothing=-0.1") << "bce:smoothing=-0.1"
                                        << "smoothing=-0.1 is out of range";
    QTest::newRow("bce smoothing=1.5") << "bce:smoothing=1.5"
                                       << "smoothing=1.5 is out of range";
    QTest::newRow("focal gamma=-1") << "focal:gamma=-1"
                                    << "gamma=-1 is out of range";
    QTest::newRow("focal gamma=21") << "focal:gamma=21"
                                    << "gamma=21 is out of range";
    QTest::newRow("focal alpha=1.5") << "focal:alpha=1.5"
                                     << "alpha=1.5 is out of range";
    QTest::newRow("focal alpha=nan") << "focal:alpha=nan"
                                     << "alpha=nan is not a number";
    QTest::newRow("hinge with parameter") << "hinge:margin=2"
                                          << "takes no parameters";
}

void TestClassificationLosses::parameterRanges()
{
    QFETCH(QString, spec);
    QFETCH(QString, fragment);

    QString error;
    QVERIFY(!LossCatalogue::parse(spec, &error));
    QVERIFY2(error.contains(fragment), qPrintable(error));
}

void TestClassificationLosses::convexity()
{
    QVERIFY(BinaryCrossEntropy(3.0, 0.2).isConvex());
    QVERIFY(FocalLoss(0.0, 0.25).isConvex());
    QVERIFY(!FocalLoss(2.0, 0.25).isConvex());
    QVERIFY(!FocalLoss(1e-3, -1.0).isConvex());
    QVERIFY(HingeLoss().isConvex());
    QVERIFY(SquaredHingeLoss().isConvex());
    QVERIFY(ModifiedHuberLoss().isConvex());
    QVERIFY(ExponentialLoss().isConvex());
    QVERIFY(!ZeroOneLoss().isConvex());
}

void TestClassificationLosses::focalCurvatureTurnsNegative()
{
    // As u -> -inf, f'' behaves like e^u ((1 + 2 gamma) - gamma |u|), negative once
    // |u| > 2 + 1 / gamma and gamma e^u is small next to 1. u = -(10 + 1 / gamma) satisfies both
    // for every gamma here, so isConvex() must be false for every gamma > 0.
    for (const double gamma : {0.1, 0.5, 2.0, 20.0}) {
        const FocalLoss loss(gamma, -1.0);
        const double beyond = -(10.0 + 1.0 / gamma);
        QVERIFY2(loss.evaluate(beyond, 1.0).second < 0.0, qPrintable(QString::number(gamma)));
        QVERIFY(loss.evaluate(0.0, 1.0).second > 0.0);
    }
}

QTEST_GUILESS_MAIN(TestClassificationLosses)
#include "tst_classificationlosses.moc"
