// Tests of multi-class cross-entropy (cross_entropy) and of list-valued loss parameters. They
// cover hand values, finite differences, weights and label smoothing, huge logits and the
// agreement with BCE for two classes. They also cover list parse errors, round trips and the
// line model, which rejects the loss. tests/reference/check_cross_entropy.py compares it with
// PyTorch.

#include "numericcheck.h"
#include "testdata.h"

#include "core/lineobjective.h"
#include "core/losscatalogue.h"
#include "core/losses/crossentropy.h"

#include <QTest>

#include <cmath>
#include <memory>

using namespace losslens;
using losslens::test::compareDerivatives;
using losslens::test::compareWithDifferences;
using losslens::test::epsilon;
using losslens::test::parseOrFail;
using losslens::test::relativeTolerance;

class TestCrossEntropy : public QObject
{
    Q_OBJECT

private slots:
    void handValues_data();
    void handValues();
    void derivativesMatchDifferences_data();
    void derivativesMatchDifferences();
    void twoClassesMatchBce_data();
    void twoClassesMatchBce();
    void hugeLogitsStayFinite();
    void valueMatchesEvaluate();
    void specRoundTrip_data();
    void specRoundTrip();
    void parseErrors_data();
    void parseErrors();
    void labelAndClone();
    void lineModelRejectsIt();
};

void TestCrossEntropy::handValues_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("logit");
    QTest::addColumn<double>("label");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("first");
    QTest::addColumn<double>("second");

    const double log3 = std::log(3.0);
    // With c_k = q_k w_k and C = sum_k c_k: L = -sum_k c_k log p_k, L' = C p_y - c_y and
    // L'' = C p_y (1 - p_y). At equal logits p_k = 1/K.
    // K = 3, unit weights, no smoothing: log 3, 1/3 - 1 = -2/3 and (1/3)(2/3) = 2/9.
    QTest::newRow("default z=0 y=0")
        << "cross_entropy" << 0.0 << 0.0 << log3 << -2.0 / 3.0 << 2.0 / 9.0;
    QTest::newRow("default z=0 y=2")
        << "cross_entropy" << 0.0 << 2.0 << log3 << -2.0 / 3.0 << 2.0 / 9.0;
    // Weights 1|2|0.5 with y = 1: c = (0, 2, 0), so 2 log 3, 2/3 - 2 = -4/3 and 4/9.
    QTest::newRow("weights z=0 y=1")
        << "cross_entropy:weights=1|2|0.5" << 0.0 << 1.0 << 2.0 * log3 << -4.0 / 3.0 << 4.0 / 9.0;
    // Smoothing 0.3 with K = 3: q = (0.8, 0.1, 0.1) for y = 0, C = 1: log 3, 1/3 - 0.8 = -7/15.
    QTest::newRow("smoothing z=0 y=0")
        << "cross_entropy:smoothing=0.3" << 0.0 << 0.0 << log3 << -7.0 / 15.0 << 2.0 / 9.0;
    // Weights and smoothing together, the weight multiplying every class term:
    // c = (0.8 * 2, 0.1 * 1, 0.1 * 1) = (1.6, 0.1, 0.1), C = 1.8: 1.8 log 3, 0.6 - 1.6 = -1 and
    // 1.8 * 2/9 = 0.4.
    QTest::newRow("weights and smoothing z=0 y=0")
        << "cross_entropy:weights=2|1|1,smoothing=0.3" << 0.0 << 0.0 << 1.8 * log3 << -1.0 << 0.4;
    // Logits (z, 0, 0) with z = log 2 give p_y = 2/4 = 1/2, so the value is log 2, the slope
    // 1/2 - 1 and the curvature 1/4.
    QTest::newRow("default z=log2 y=0")
        << "cross_entropy" << std::log(2.0) << 0.0 << std::log(2.0) << -0.5 << 0.25;
    // Huge logits: at z = 1e6 the true class takes all the mass, so the loss is exactly 0
    // without smoothing, and r z = 0.2e6 with smoothing 0.3 (r = 0.1 + 0.1), slope r.
    QTest::newRow("default z=1e6 y=0") << "cross_entropy" << 1e6 << 0.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("smoothing z=1e6 y=1")
        << "cross_entropy:smoothing=0.3" << 1e6 << 1.0 << 0.2e6 << 0.2 << 0.0;
    // At z = -1e6 the others (0, 0) share the mass: 1e6 + log 2, slope -1.
    QTest::newRow("default z=-1e6 y=0")
        << "cross_entropy" << -1e6 << 0.0 << 1e6 + std::log(2.0) << -1.0 << 0.0;
    // Others at the range's ends: logits (1e6, -1e6, z = -1e6) give 2e6 and slope -1.
    QTest::newRow("others=1e6|-1e6 z=-1e6 y=2")
        << "cross_entropy:others=1e6|-1e6" << -1e6 << 2.0 << 2e6 << -1.0 << 0.0;
    // A zero weight on the true class and no smoothing: every c_k is 0.
    QTest::newRow("zero weight z=-1e6 y=0")
        << "cross_entropy:weights=0|1|1" << -1e6 << 0.0 << 0.0 << 0.0 << 0.0;
}

void TestCrossEntropy::handValues()
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
    // A few exp, log1p and divisions, each within an ulp or two; an expected 0 must be exact.
    compareDerivatives(d, value, first, second, 16 * epsilon);
}

void TestCrossEntropy::derivativesMatchDifferences_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("logit");
    QTest::addColumn<double>("label");

    QTest::newRow("default z=0.7 y=0") << "cross_entropy" << 0.7 << 0.0;
    QTest::newRow("default z=-3 y=2") << "cross_entropy" << -3.0 << 2.0;
    QTest::newRow("weights smoothing z=1.3 y=1")
        << "cross_entropy:weights=1|2|0.5,smoothing=0.1,others=0|1" << 1.3 << 1.0;
    QTest::newRow("K=5 z=-0.4 y=3")
        << "cross_entropy:weights=0.2|1|3|0.7|1.5,smoothing=0.25,others=-1|2|0.5|-3" << -0.4 << 3.0;
    QTest::newRow("K=2 z=4 y=0") << "cross_entropy:weights=3|1,smoothing=1,others=0.5" << 4.0
                                 << 0.0;
    QTest::newRow("others=10|-10 z=9 y=0") << "cross_entropy:others=10|-10" << 9.0 << 0.0;
}

void TestCrossEntropy::derivativesMatchDifferences()
{
    QFETCH(QString, spec);
    QFETCH(double, logit);
    QFETCH(double, label);

    const std::unique_ptr<Loss> loss = parseOrFail(spec);
    QVERIFY(loss);

    // With p = p_y, L''' = C p (1 - p)(1 - 2p) and L'''' = C p (1 - p)(1 - 6p + 6p^2) stay below
    // C / 4 in size, and C < 4 here, so h^2 bounds the truncation error h^2 |L'''| / 6 (L''''
    // for the second derivative).
    compareWithDifferences(*loss, logit, label, 1.0);
}

void TestCrossEntropy::twoClassesMatchBce_data()
{
    QTest::addColumn<double>("smoothing");
    QTest::addColumn<double>("label");

    for (const double smoothing : {0.0, 0.2, 1.0}) {
        for (const double label : {0.0, 1.0}) {
            QTest::addRow("smoothing=%g y=%g", smoothing, label) << smoothing << label;
        }
    }
}

void TestCrossEntropy::twoClassesMatchBce()
{
    QFETCH(double, smoothing);
    QFETCH(double, label);

    // With K = 2, unit weights and the other logit 0, -log p_y = softplus(-z), and smoothing s
    // gives the true class q_y = 1 - s/2: BCE with label 1 and target 1 - s + s/2, for either
    // class index, since z is always the true class's logit.
    const std::unique_ptr<Loss> cross = parseOrFail(
        QStringLiteral("cross_entropy:weights=1|1,others=0,smoothing=%1").arg(smoothing));
    const std::unique_ptr<Loss> bce =
        parseOrFail(QStringLiteral("bce:smoothing=%1").arg(smoothing));
    QVERIFY(cross && bce);
    for (const double z : {-1e6, -700.0, -30.0, -2.5, -1e-9, 0.0, 0.3, 4.0, 37.0, 710.0, 1e6}) {
        const LossDerivatives a = cross->evaluate(z, label);
        const LossDerivatives b = bce->evaluate(z, 1.0);
        const double relative = 8 * epsilon;
        COMPARE_NEAR(a.value, b.value, relativeTolerance(b.value, relative, 1e-300));
        COMPARE_NEAR(a.first, b.first, relativeTolerance(b.first, relative, 1e-300));
        COMPARE_NEAR(a.second, b.second, relativeTolerance(b.second, relative, 1e-300));
    }
}

void TestCrossEntropy::hugeLogitsStayFinite()
{
    const char *const specs[] = {
        "cross_entropy",
        "cross_entropy:weights=1e6|0|1e6,smoothing=1,others=1e6|-1e6",
        "cross_entropy:weights=0|0,others=-1e6",
        "cross_entropy:weights=1|2|0.5,smoothing=0.1,others=0|1",
    };
    for (const char *spec : specs) {
        const std::unique_ptr<Loss> loss = parseOrFail(QString::fromLatin1(spec));
        QVERIFY(loss);
        for (const double z : {-1e6, -1e5, -745.0, -1.0, 0.0, 1.0, 745.0, 1e5, 1e6}) {
            for (const double label : {0.0, 1.0, 2.0}) {
                const LossDerivatives d = loss->evaluate(z, label);
                QVERIFY2(std::isfinite(d.value) && std::isfinite(d.first) &&
                             std::isfinite(d.second),
                         qPrintable(QStringLiteral("%1 at z=%2 y=%3").arg(spec).arg(z).arg(label)));
                QVERIFY(d.value >= 0.0 && d.second >= 0.0);
            }
        }
    }
}

void TestCrossEntropy::valueMatchesEvaluate()
{
    const std::unique_ptr<Loss> loss =
        parseOrFail(QStringLiteral("cross_entropy:weights=1|2|0.5,smoothing=0.1,others=0|1"));
    QVERIFY(loss);
    for (const double z : {-1e6, -3.5, -1e-9, 0.0, 0.5, 2.0, 700.0, 1e6}) {
        for (const double label : {0.0, 1.0, 2.0})
            COMPARE_NEAR(loss->value(z, label), loss->evaluate(z, label).value, 0.0);
    }
}

void TestCrossEntropy::specRoundTrip_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("default") << "cross_entropy"
                             << "cross_entropy:weights=1|1|1,smoothing=0,others=0|0";
    QTest::newRow("all three") << "cross_entropy:weights=1|2|0.5,smoothing=0.1,others=0|1"
                               << "cross_entropy:weights=1|2|0.5,smoothing=0.1,others=0|1";
    QTest::newRow("any order, spaces and case")
        << " Cross_Entropy : others = 1 | -2 , smoothing=1, weights = 0.5|1e6|0 "
        << "cross_entropy:weights=0.5|1e+06|0,smoothing=1,others=1|-2";
    // New weights cut or pad the others with zero logits to K - 1 items.
    QTest::newRow("four weights") << "cross_entropy:weights=1|1|1|1"
                                  << "cross_entropy:weights=1|1|1|1,smoothing=0,others=0|0|0";
    QTest::newRow("two weights") << "cross_entropy:weights=1|1,others=-3"
                                 << "cross_entropy:weights=1|1,smoothing=0,others=-3";
    QTest::newRow("others before weights")
        << "cross_entropy:others=1e6|-1e6|0.1,weights=0|0|0|0"
        << "cross_entropy:weights=0|0|0|0,smoothing=0,others=1e+06|-1e+06|0.1";
    // 0.1 + 0.2 needs 17 digits, and a list item keeps them all as a scalar does.
    QTest::newRow("17 digits") << "cross_entropy:weights=0.30000000000000004|1"
                               << "cross_entropy:weights=0.30000000000000004|1,smoothing=0,"
                                  "others=0";
    QString hundred = QStringLiteral("1");
    for (int i = 1; i < 100; ++i)
        hundred += QStringLiteral("|1");
    QTest::newRow("100 weights") << QStringLiteral("cross_entropy:weights=") + hundred
                                 << QStringLiteral("cross_entropy:weights=") + hundred +
                                        QStringLiteral(",smoothing=0,others=") +
                                        hundred.mid(2).replace(QLatin1Char('1'), QLatin1Char('0'));
}

void TestCrossEntropy::specRoundTrip()
{
    QFETCH(QString, spec);
    QFETCH(QString, canonical);

    const std::unique_ptr<Loss> loss = parseOrFail(spec);
    QVERIFY(loss);
    QCOMPARE(loss->spec(), canonical);
    const std::unique_ptr<Loss> again = parseOrFail(loss->spec());
    QVERIFY(again);
    QCOMPARE(again->spec(), canonical);
}

void TestCrossEntropy::parseErrors_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");

    QTest::newRow("one weight") << "cross_entropy:weights=1"
                                << "cross_entropy: weights needs from 2 to 100 items, separated "
                                   "by '|', but has 1.";
    QString many = QStringLiteral("1");
    for (int i = 1; i < 101; ++i)
        many += QStringLiteral("|1");
    QTest::newRow("101 weights") << QStringLiteral("cross_entropy:weights=") + many
                                 << "cross_entropy: weights needs from 2 to 100 items, separated "
                                    "by '|', but has 101.";
    QTest::newRow("NaN weight") << "cross_entropy:weights=1|nan|1"
                                << "cross_entropy: item 2 of weights is nan, which is not a "
                                   "number; every item must be a finite number in [0, 1e+06].";
    QTest::newRow("negative weight") << "cross_entropy:weights=1|1|-0.5"
                                     << "cross_entropy: item 3 of weights is -0.5, which is out "
                                        "of range; every item must be a finite number in "
                                        "[0, 1e+06].";
    QTest::newRow("huge weight") << "cross_entropy:weights=2e6|1"
                                 << "cross_entropy: item 1 of weights is 2e+06, which is out of "
                                    "range; every item must be a finite number in [0, 1e+06].";
    QTest::newRow("infinite other") << "cross_entropy:others=0|inf"
                                    << "cross_entropy: item 2 of others is inf, which is out of "
                                       "range; every item must be a finite number in "
                                       "[-1e+06, 1e+06].";
    QTest::newRow("too many others") << "cross_entropy:others=0|0|0"
                                     << "cross_entropy: others needs exactly 2 items, separated "
                                        "by '|', but has 3.";
    QTest::newRow("others for the old K") << "cross_entropy:weights=1|1|1|1,others=0|0"
                                          << "cross_entropy: others needs exactly 3 items, "
                                             "separated by '|', but has 2.";
    QTest::newRow("word item") << "cross_entropy:others=0|abc"
                               << "cross_entropy: item 2 of others is \"abc\", which is not a "
                                  "number.";
    QTest::newRow("empty item") << "cross_entropy:weights=1||2"
                                << "cross_entropy: item 2 of weights is \"\", which is not a "
                                   "number.";
    QTest::newRow("list twice") << "cross_entropy:weights=1|1,weights=1|1"
                                << "the parameter weights is given twice in "
                                   "\"cross_entropy:weights=1|1,weights=1|1\".";
    QTest::newRow("smoothing out of range")
        << "cross_entropy:smoothing=1.5"
        << "cross_entropy: smoothing=1.5 is out of range; it must lie in [0, 1].";
    QTest::newRow("list for a scalar") << "huber:delta=1|2"
                                       << "huber: the value of delta is \"1|2\", which is not a "
                                          "number.";
}

void TestCrossEntropy::parseErrors()
{
    QFETCH(QString, spec);
    QFETCH(QString, message);

    QString error;
    QVERIFY(!LossCatalogue::parse(spec, &error));
    QCOMPARE(error, message);
}

void TestCrossEntropy::labelAndClone()
{
    CrossEntropyLoss loss;
    QCOMPARE(loss.label(),
             QStringLiteral("Cross-entropy (weights=1|1|1, smoothing=0, others=0|0)"));
    QCOMPARE(loss.kind(), LossKind::Classification);
    QVERIFY(loss.isConvex());
    QVERIFY(!loss.fitsLineModel());
    const auto parameters = loss.parameters();
    QCOMPARE(parameters.size(), std::size_t(3));
    QVERIFY(parameters[0].isList && !parameters[1].isList && parameters[2].isList);
    QCOMPARE(parameters[0].defaultList, QVector<double>({1.0, 1.0, 1.0}));
    QCOMPARE(parameters[2].defaultList, QVector<double>({0.0, 0.0}));

    const std::unique_ptr<Loss> copy = loss.clone();
    loss.setParameterList(0, {1.0, 2.0});
    QCOMPARE(loss.parameterList(2), QVector<double>({0.0}));
    QCOMPARE(copy->parameterList(0), QVector<double>({1.0, 1.0, 1.0}));
    QCOMPARE(copy->spec(), QStringLiteral("cross_entropy:weights=1|1|1,smoothing=0,others=0|0"));
}

void TestCrossEntropy::lineModelRejectsIt()
{
    // Binary labels would suit a two-class loss, yet the line supplies one logit, not K.
    const auto data = test::makeDataset({1.0, 2.0, 3.0}, {0.0, 1.0, 1.0});
    const LineObjective objective(data, parseOrFail(QStringLiteral("cross_entropy")),
                                  FeatureScaling{});
    QVERIFY(!objective.isApplicable());
    QCOMPARE(objective.applicabilityError(),
             QStringLiteral("Cross-entropy needs a multi-class model; the line model fits one "
                            "logit."));
    const LineObjective bce(data, parseOrFail(QStringLiteral("bce")), FeatureScaling{});
    QVERIFY(bce.isApplicable());
}

QTEST_GUILESS_MAIN(TestCrossEntropy)
#include "tst_crossentropy.moc"
