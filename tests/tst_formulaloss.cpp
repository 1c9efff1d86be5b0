#include "numericcheck.h"
#include "testdata.h"

#include "core/landscapekernel.h"
#include "core/losscatalogue.h"
#include "core/losses/formula.h"
#include "core/losses/formulagrouping.h"

#include <QTest>

#include <cmath>
#include <memory>
#include <random>
#include <thread>
#include <vector>

using namespace losslens;
using losslens::test::compareDerivatives;
using losslens::test::parseOrFail;
using losslens::test::relativeTolerance;

class TestFormulaLoss : public QObject
{
    Q_OBJECT

private slots:
    void squareEqualsMse();
    void logCoshMatchesCatalogue();
    void softplusMatchesBce();
    void derivativesMatchDifferences_data();
    void derivativesMatchDifferences();
    void errorsNameTheProblem_data();
    void errorsNameTheProblem();
    void unarySignsParse_data();
    void unarySignsParse();
    void specRoundTrip();
    void kindFollowsVariable();
    void undefinedValuesNeverNan();
    void concurrentEvaluationMatches();
    void blockSumEqualsSampleSum_data();
    void blockSumEqualsSampleSum();
    void vectorValuesMatchPlainProgram_data();
    void vectorValuesMatchPlainProgram();
    void derivativeSumMatchesSampleSum();
    void logarithmSumMatchesSampleSum_data();
    void logarithmSumMatchesSampleSum();
    void subnormalConstantsKept();
};

void TestFormulaLoss::squareEqualsMse()
{
    const auto formula = parseOrFail(QStringLiteral("formula:e^2"));
    const auto mse = LossCatalogue::create(QStringLiteral("mse"));
    QVERIFY(formula && mse);
    QCOMPARE(formula->kind(), LossKind::Regression);
    for (int k = -40; k <= 40; ++k) {
        const double e = k * 0.25;
        const LossDerivatives actual = formula->evaluate(e, 0.0);
        const LossDerivatives expected = mse->evaluate(e, 0.0);
        // e * e is one rounding either way, so equality is exact.
        COMPARE_NEAR(actual.value, expected.value, 0.0);
        COMPARE_NEAR(actual.first, expected.first, 0.0);
        COMPARE_NEAR(actual.second, expected.second, 0.0);
        COMPARE_NEAR(formula->value(e, 0.0), expected.value, 0.0);
    }
}

void TestFormulaLoss::logCoshMatchesCatalogue()
{
    const auto formula = parseOrFail(QStringLiteral("formula:log(cosh(e))"));
    const auto logcosh = LossCatalogue::create(QStringLiteral("logcosh"));
    QVERIFY(formula && logcosh);
    for (int k = -30; k <= 30; ++k) {
        const double e = k * 0.2;
        const LossDerivatives actual = formula->evaluate(e, 0.0);
        const LossDerivatives expected = logcosh->evaluate(e, 0.0);
        compareDerivatives(actual, expected.value, expected.first, expected.second, 1e-12, 1e-15,
                           1e-15);
        // A failure in the helper returns only from the helper, so stop here at the first one.
        if (QTest::currentTestFailed())
            return;
    }
}

void TestFormulaLoss::softplusMatchesBce()
{
    const auto formula = parseOrFail(QStringLiteral("formula:log(1+exp(-z))"));
    const auto bce = LossCatalogue::create(QStringLiteral("bce"));
    QVERIFY(formula && bce);
    QCOMPARE(formula->kind(), LossKind::Classification);
    for (int k = -20; k <= 20; ++k) {
        const double z = k * 0.25;
        const LossDerivatives actual = formula->evaluate(z, 1.0);
        const LossDerivatives expected = bce->evaluate(z, 1.0);
        compareDerivatives(actual, expected.value, expected.first, expected.second, 1e-12, 1e-15,
                           1e-15);
        // A failure in the helper returns only from the helper, so stop here at the first one.
        if (QTest::currentTestFailed())
            return;
    }
}

void TestFormulaLoss::derivativesMatchDifferences_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("label");
    QTest::newRow("rational") << "formula:e^2/(1+e^2)" << 0.0;
    QTest::newRow("trigonometric") << "formula:sin(e)*cos(2*e) + tan(e/3)" << 0.0;
    QTest::newRow("hyperbolic") << "formula:sinh(e/2)^2 + tanh(e) - atan(e)" << 0.0;
    QTest::newRow("root and power") << "formula:sqrt(1+e^2) + (2+e^2)^0.3" << 0.0;
    QTest::newRow("labelled") << "formula:y*log(1+exp(-z)) + (1-y)*log(1+exp(z))" << 0.0;
    QTest::newRow("labelled positive") << "formula:(y - 1/(1+exp(-z)))^2" << 1.0;
}

void TestFormulaLoss::derivativesMatchDifferences()
{
    QFETCH(QString, spec);
    QFETCH(double, label);
    const auto loss = parseOrFail(spec);
    QVERIFY(loss);
    const double h = 1e-5;
    for (int k = -12; k <= 12; ++k) {
        const double x = k * 0.23 + 0.01;
        const LossDerivatives d = loss->evaluate(x, label);
        const double firstDifference =
            (loss->value(x + h, label) - loss->value(x - h, label)) / (2.0 * h);
        const double secondDifference =
            (loss->evaluate(x + h, label).first - loss->evaluate(x - h, label).first) / (2.0 * h);
        COMPARE_NEAR(d.first, firstDifference, relativeTolerance(firstDifference, 1e-6, 1e-7));
        COMPARE_NEAR(d.second, secondDifference, relativeTolerance(secondDifference, 1e-6, 1e-7));
    }
}

void TestFormulaLoss::errorsNameTheProblem_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << "formula:"
                           << "expression is empty";
    QTest::newRow("only spaces") << "formula:   "
                                 << "expression is empty";
    QTest::newRow("no colon") << "formula"
                              << "expression is empty";
    QTest::newRow("unknown function") << "formula:foo(e)"
                                      << "unknown name \"foo\" at column 1";
    QTest::newRow("unknown variable") << "formula:e + x"
                                      << "unknown name \"x\" at column 5";
    QTest::newRow("constant name") << "formula:Pi*e"
                                   << "unknown name \"Pi\"";
    QTest::newRow("both e and z") << "formula:e + z"
                                  << "uses both e";
    QTest::newRow("unclosed parenthesis") << "formula:(e+1"
                                          << "unbalanced parenthesis";
    QTest::newRow("extra parenthesis") << "formula:e+1)"
                                       << "unbalanced parenthesis";
    QTest::newRow("operator after operator") << "formula:e+*2"
                                             << "the operator * at column 3 has nothing on its "
                                                "left.";
    QTest::newRow("power after power") << "formula:e^^2"
                                       << "the operator ^ at column 3 has nothing on its left.";
    QTest::newRow("operator at the start") << "formula: /e"
                                           << "the operator / at column 1 has nothing on its "
                                              "left.";
    QTest::newRow("operator after parenthesis") << "formula:(^e)"
                                                << "the operator ^ at column 2 has nothing on "
                                                   "its left.";
    QTest::newRow("two operands") << "formula:e e"
                                  << "cannot be read at \"e\" (column 3); check that an operator joins";
    QTest::newRow("empty parentheses") << "formula:e*()"
                                       << "cannot be read at \")\" (column 4)";
    QTest::newRow("ends after an operator") << "formula:e^2 +"
                                            << "ends too early at column 6";
    QTest::newRow("ends after a product") << "formula:e*"
                                          << "ends too early at column 3";
    QTest::newRow("stray character") << "formula:e % 2"
                                     << "unexpected character \"%\"";
    QTest::newRow("list") << "formula:exp(e, 2)"
                          << "unexpected character \",\"";
    QTest::newRow("number into name") << "formula:2e"
                                      << "write * between them";
    QTest::newRow("number into function") << "formula:2exp(e)"
                                          << "write * between them";
    QTest::newRow("constant pole") << "formula:log(0) + e"
                                   << "takes the logarithm of 0 whatever e is.";
    QTest::newRow("logarithm of a zero product")
        << "formula:log(0*e)"
        << "formula: the expression takes the logarithm of 0 whatever e is.";
    QTest::newRow("zero over zero") << "formula:0/0+e"
                                    << "formula: the expression divides by zero whatever e is "
                                       "(constant parts such as 0/0 are worked out first).";
    QTest::newRow("reciprocal of zero") << "formula:y*z^0 + (0*z)^(-1)"
                                        << "divides by zero whatever z and y are";
    QTest::newRow("zero to the zero") << "formula:0^0+e"
                                      << "raises 0 to the power 0 whatever e is.";
    QTest::newRow("function without argument") << "formula:exp + e"
                                               << "needs its argument";
    QTest::newRow("two numbers") << "formula:2 3*e"
                                 << "cannot be read at \"3\" (column 3)";
    QTest::newRow("number before a parenthesis") << "formula:2(e)"
                                                 << "cannot be read";
    const QString deep = QString(maximumFormulaNesting + 1, QLatin1Char('('));
    QTest::newRow("nested too deeply")
        << QStringLiteral("formula:%1e%2").arg(deep, QString(deep.size(), QLatin1Char(')')))
        << "nested too deeply";
    QTest::newRow("empty call") << "formula:e + sin()"
                                << "the function sin at column 5 needs an argument inside its "
                                   "parentheses";
    QTest::newRow("variable called") << "formula:e(2)"
                                     << "e at column 1 is a variable, not a function";
    QTest::newRow("number too large") << "formula:1e999999999*e"
                                      << "the number 1e999999999 at column 1 is beyond the "
                                         "range of double";
    QTest::newRow("number too small") << "formula:e + 1e-400"
                                      << "the number 1e-400 at column 5 is beyond the range";
    QTest::newRow("two decimal points") << "formula:1.2.3*e"
                                        << "1.2.3 at column 1 is not a number";
    QTest::newRow("lone point") << "formula:e + ."
                                << ". at column 5 is not a number";
    QTest::newRow("tower of powers") << "formula:9^9^9*e"
                                     << "the power of constants at column 2 is too large to "
                                        "work out exactly";
    QTest::newRow("power of a power") << "formula:e + 2^(2^70)"
                                      << "the power of constants at column 6 is too large";
    QTest::newRow("signs nested too deeply")
        << QStringLiteral("formula:%1e").arg(QString(maximumFormulaNesting + 1, QLatin1Char('-')))
        << "nested too deeply";
}

void TestFormulaLoss::errorsNameTheProblem()
{
    QFETCH(QString, spec);
    QFETCH(QString, expected);
    QString error;
    const std::unique_ptr<Loss> loss = LossCatalogue::parse(spec, &error);
    QVERIFY(!loss);
    QVERIFY2(error.startsWith(QStringLiteral("formula: ")), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    // GiNaC's own trace, naming its source files, must not reach the user, nor its own
    // terms and function names.
    QVERIFY2(!error.contains(QStringLiteral("parser.cpp")), qPrintable(error));
    for (const char *internal : {"::", "_eval", "token", "EOF", "position not available"})
        QVERIFY2(!error.contains(QLatin1String(internal)), qPrintable(error));
}

void TestFormulaLoss::unarySignsParse_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("expected");
    // The value at e = 3. Unlike * / ^, a sign needs nothing on its left.
    QTest::newRow("times minus") << "formula:e*-2" << -6.0;
    QTest::newRow("leading minus") << "formula:-e" << -3.0;
    QTest::newRow("leading plus") << "formula:+e" << 3.0;
    QTest::newRow("negative exponent") << "formula:e*2^-1" << 1.5;
    QTest::newRow("minus in parentheses") << "formula:(-e)^2" << 9.0;
    QTest::newRow("minus minus") << "formula:e--2" << 5.0;
    // A sign binds to the power after it, and an operator after that power ends it, as in
    // Python and NumPy. GiNaC's parser alone read 3*-e+1 as 3*(-e+1) and 2^-1*e as 2^(-e).
    QTest::newRow("sign before a sum") << "formula:3*-e+1" << -8.0;
    QTest::newRow("negative exponent times") << "formula:2^-1*e" << 1.5;
    QTest::newRow("negative power of e times") << "formula:e^-2*9" << 1.0;
    QTest::newRow("divided by minus") << "formula:3/-e*2" << -2.0;
    QTest::newRow("minus square plus") << "formula:2*-e^2+1" << -17.0;
    QTest::newRow("plus exponent times") << "formula:e^+2*3" << 27.0;
    QTest::newRow("minus square") << "formula:-e^2" << -9.0;
    QTest::newRow("power of a power") << "formula:2^3^2/e" << 512.0 / 3.0;
    QTest::newRow("negative power exponent") << "formula:2^-e^2" << 1.0 / 512.0;
    QTest::newRow("minus parenthesis squared") << "formula:-(e-1)^2 + e" << -1.0;
    QTest::newRow("function of minus") << "formula:exp(-e)*e" << 3.0 * std::exp(-3.0);
    QTest::newRow("minus times minus") << "formula:e - -e*2" << 9.0;
    QTest::newRow("differences from the left") << "formula:1 - e + 1" << -1.0;
    QTest::newRow("quotients from the left") << "formula:12/e/2" << 2.0;
    QTest::newRow("products from the left") << "formula:12/e*2" << 8.0;
    const QString deepest = QString(maximumFormulaNesting, QLatin1Char('('));
    QTest::newRow("deepest nesting")
        << QStringLiteral("formula:%1e%2").arg(deepest, QString(deepest.size(), QLatin1Char(')')))
        << 3.0;
    QTest::newRow("many signs")
        << QStringLiteral("formula:%1e").arg(QString(maximumFormulaNesting, QLatin1Char('-')))
        << 3.0;
    // A long sum stays one flat chain for GiNaC's parser, which recurses once per parenthesis.
    QStringList terms(20000, QStringLiteral("e"));
    QTest::newRow("long sum") << QStringLiteral("formula:") + terms.join(QLatin1Char('+'))
                              << 60000.0;
    QTest::newRow("large exact power") << "formula:e*2^1000/2^999" << 6.0;
    QTest::newRow("constant from a function") << "formula:e*atan(1)*4" << 3.0 * M_PI;
    QTest::newRow("negative base, whole power with a point") << "formula:(-2)^2.0*e" << 12.0;
    QTest::newRow("whole number with an exponent") << "formula:e^2e0 + 1.5e1" << 24.0;
}

void TestFormulaLoss::unarySignsParse()
{
    QFETCH(QString, spec);
    QFETCH(double, expected);
    const auto formula = parseOrFail(spec);
    QVERIFY(formula);
    COMPARE_NEAR(formula->value(3.0, 0.0), expected, 1e-15);
}

void TestFormulaLoss::specRoundTrip()
{
    const auto formula = parseOrFail(QStringLiteral("  Formula:  e^2 + 0.5*abs(e)  "));
    QVERIFY(formula);
    QCOMPARE(formula->spec(), QStringLiteral("formula:e^2 + 0.5*abs(e)"));
    QCOMPARE(formula->label(), QStringLiteral("Formula (e^2 + 0.5*abs(e))"));
    QCOMPARE(formula->displayName(), QStringLiteral("Formula e^2 + 0.5*abs(e)"));
    const auto longer = parseOrFail(QStringLiteral("formula:log(1 + e^2/4) + 0.001*abs(e)^3"));
    QVERIFY(longer);
    QCOMPARE(longer->displayName(), QStringLiteral("Formula log(1 + e^2/4) + 0.001*…"));
    QVERIFY(!formula->isConvex());
    const auto again = parseOrFail(formula->spec());
    QVERIFY(again);
    QCOMPARE(again->spec(), formula->spec());
    const std::unique_ptr<Loss> copy = formula->clone();
    QCOMPARE(copy->spec(), formula->spec());
    COMPARE_NEAR(copy->evaluate(1.5, 0.0).first, formula->evaluate(1.5, 0.0).first, 0.0);
}

void TestFormulaLoss::kindFollowsVariable()
{
    const auto labelOnly = parseOrFail(QStringLiteral("formula:(z - y)^2"));
    QVERIFY(labelOnly);
    QCOMPARE(labelOnly->kind(), LossKind::Classification);
    COMPARE_NEAR(labelOnly->evaluate(3.0, 1.0).value, 4.0, 0.0);
    COMPARE_NEAR(labelOnly->evaluate(3.0, 1.0).first, 4.0, 0.0);
    const auto scientific = parseOrFail(QStringLiteral("formula:1.5e3*e + 2E-1"));
    QVERIFY(scientific);
    COMPARE_NEAR(scientific->evaluate(2.0, 0.0).value, 3000.2, 1e-9);
    // d/dz (y^z - z) = y^z log(y) - 1 contains 0 (-inf) at y = 0, where the loss is -z and its
    // derivative -1: the derivative programs take that product as 0.
    const auto zeroBase = parseOrFail(QStringLiteral("formula:y^z - z"));
    QVERIFY(zeroBase);
    const LossDerivatives atZero = zeroBase->evaluate(0.5, 0.0);
    COMPARE_NEAR(atZero.value, -0.5, 0.0);
    COMPARE_NEAR(atZero.first, -1.0, 0.0);
    COMPARE_NEAR(atZero.second, 0.0, 0.0);
    // GiNaC writes the derivative of abs(u) with conjugate(u) where u may be complex.
    const auto conjugated = parseOrFail(QStringLiteral("formula:abs(e^e*e)"));
    QVERIFY(conjugated);
    const LossDerivatives atOne = conjugated->evaluate(1.0, 0.0);
    COMPARE_NEAR(atOne.value, 1.0, 1e-15);
    COMPARE_NEAR(atOne.first, 2.0, 1e-15);
    // The value's own program keeps IEEE products: 0 log(0) stays undefined, reported as +inf.
    const auto entropy = parseOrFail(QStringLiteral("formula:e*log(e)"));
    QVERIFY(entropy);
    QVERIFY(std::isinf(entropy->evaluate(0.0, 0.0).value));
    const auto constant = parseOrFail(QStringLiteral("formula:2"));
    QVERIFY(constant);
    QCOMPARE(constant->kind(), LossKind::Regression);
    COMPARE_NEAR(constant->evaluate(5.0, 0.0).first, 0.0, 0.0);
}

void TestFormulaLoss::undefinedValuesNeverNan()
{
    const auto logarithm = parseOrFail(QStringLiteral("formula:log(e)"));
    QVERIFY(logarithm);
    // log(0) is -inf and stays so; log(-1) is NaN, shown as +inf with a zero slope.
    QCOMPARE(logarithm->evaluate(0.0, 0.0).value, -std::numeric_limits<double>::infinity());
    const LossDerivatives negative = logarithm->evaluate(-1.0, 0.0);
    QCOMPARE(negative.value, std::numeric_limits<double>::infinity());
    QVERIFY(!std::isnan(negative.first));
    QVERIFY(!std::isnan(negative.second));
    const auto absolute = parseOrFail(QStringLiteral("formula:abs(e)"));
    QVERIFY(absolute);
    const LossDerivatives kink = absolute->evaluate(0.0, 0.0);
    COMPARE_NEAR(kink.value, 0.0, 0.0);
    COMPARE_NEAR(kink.first, 0.0, 0.0);
    COMPARE_NEAR(absolute->evaluate(-2.0, 0.0).first, -1.0, 0.0);
    // e^e is -1 at e = -1, but its derivative e^e (log(e) + 1) is not defined there.
    const auto power = parseOrFail(QStringLiteral("formula:e^e"));
    QVERIFY(power);
    const LossDerivatives isolated = power->evaluate(-1.0, 0.0);
    COMPARE_NEAR(isolated.value, -1.0, 0.0);
    QVERIFY(!isolated.firstDefined);
    QVERIFY(!isolated.secondDefined);
    COMPARE_NEAR(isolated.first, 0.0, 0.0);
    const LossDerivatives regular = power->evaluate(1.0, 0.0);
    QVERIFY(regular.firstDefined);
    QVERIFY(regular.secondDefined);
    COMPARE_NEAR(regular.first, 1.0, 1e-15);
}

void TestFormulaLoss::concurrentEvaluationMatches()
{
    const auto loss = parseOrFail(QStringLiteral("formula:log(cosh(e)) + sqrt(1+e^2)*atan(e)^3"));
    QVERIFY(loss);
    constexpr int count = 20000;
    std::vector<double> inputs(count);
    for (int i = 0; i < count; ++i)
        inputs[i] = -10.0 + 20.0 * i / (count - 1);
    std::vector<LossDerivatives> expected(count);
    for (int i = 0; i < count; ++i)
        expected[i] = loss->evaluate(inputs[i], 0.0);

    constexpr int threadCount = 4;
    std::vector<std::vector<LossDerivatives>> results(threadCount,
                                                      std::vector<LossDerivatives>(count));
    std::vector<std::thread> threads;
    for (int t = 0; t < threadCount; ++t) {
        threads.emplace_back([&, t] {
            for (int repeat = 0; repeat < 5; ++repeat) {
                for (int i = 0; i < count; ++i)
                    results[t][i] = loss->evaluate(inputs[i], 0.0);
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    for (int t = 0; t < threadCount; ++t) {
        for (int i = 0; i < count; ++i) {
            COMPARE_NEAR(results[t][i].value, expected[i].value, 0.0);
            COMPARE_NEAR(results[t][i].first, expected[i].first, 0.0);
            COMPARE_NEAR(results[t][i].second, expected[i].second, 0.0);
        }
    }
}

void TestFormulaLoss::blockSumEqualsSampleSum_data()
{
    QTest::addColumn<QString>("expression");

    // Every function a formula may use, with integer and general powers. Logarithms and roots of
    // negative errors give NaN, which must become +inf in both sums.
    for (const char *expression :
         {"log(1+e^2/4)", "sqrt(1+e^2)-1", "abs(e)^1.5 + sin(e)*tanh(e)", "e^-2 + cos(e)/3",
          "exp(e) - 1 - e", "tan(e) + cosh(e/50) + sinh(e/50) + atan(e)", "log(e)", "sqrt(e)",
          "abs(e)^e", "log(1+exp(-z)) + y*z"})
        QTest::newRow(expression) << QString::fromLatin1(expression);
}

void TestFormulaLoss::blockSumEqualsSampleSum()
{
    // sumForLine runs the value's program on vectors of samples. Its sum must equal the
    // per-sample values added in order, up to the order of the additions: 1e-12 of the sum of
    // the magnitudes, and exactly where the sum is infinite.
    QFETCH(QString, expression);
    QString error;
    const std::unique_ptr<FormulaLoss> loss = FormulaLoss::create(expression, &error);
    QVERIFY2(loss, qPrintable(error));
    const bool regression = loss->kind() == LossKind::Regression;
    // 101 samples: one full block of 64 and a partial one, with zero, tiny, huge and exact
    // errors.
    std::vector<double> feature, target;
    for (int i = 0; i < 101; ++i) {
        feature.push_back(i % 7 == 0 ? 0.0 : (i - 50) * 0.37);
        double label = i % 2;
        if (regression)
            label = i % 11 == 0 ? 1e300 : (i % 5) * 0.8 - 1.0;
        target.push_back(label);
    }
    for (const QString &instructionSet : LandscapeKernel::availableInstructionSets()) {
        // Only the full set can be narrowed to another one.
        LandscapeKernel::restrictInstructionSet(QString());
        QVERIFY(LandscapeKernel::restrictInstructionSet(instructionSet));
        for (const auto &[slope, intercept] :
             {std::pair{0.0, 0.0}, {1.3, -0.4}, {-2.0, 5.0}, {1e-9, 1e-300}, {40.0, -700.0}}) {
            double expected = 0.0;
            double magnitude = 0.0;
            for (int i = 0; i < 101; ++i) {
                const double output = slope * feature[i] + intercept;
                const double value = loss->value(regression ? output - target[i] : output,
                                                 target[i]);
                expected += value;
                magnitude += std::abs(value);
            }
            const double sum =
                loss->sumForLine(feature.data(), target.data(), 101, slope, intercept);
            const bool close = std::isinf(expected)
                                   ? sum == expected
                                   : std::abs(sum - expected) <= 1e-12 * magnitude;
            QVERIFY2(close, qPrintable(QStringLiteral("%1, slope %2: %3 against %4")
                                           .arg(instructionSet)
                                           .arg(slope)
                                           .arg(sum, 0, 'g', 17)
                                           .arg(expected, 0, 'g', 17)));
        }
    }
    LandscapeKernel::restrictInstructionSet(QString());
}

void TestFormulaLoss::vectorValuesMatchPlainProgram_data()
{
    QTest::addColumn<QString>("expression");
    // Formulas that cancel near e = 0 or elsewhere, where a few units in the last place of a
    // vectorized function become a large relative difference unless the sample is evaluated
    // again, and formulas that chain functions so that bounds must propagate.
    for (const char *expression :
         {"exp(e) - 1 - e", "1 - cos(e)", "sin(e) - e", "log(cosh(e))", "sinh(e) - e",
          "tanh(e) - e", "atan(e) - e", "log(1+e^2/4)", "sqrt(1+exp(e)) - sqrt(2)",
          "exp(sin(e))^3 - exp(-e)", "log(exp(e))", "log(1 + abs(e))^2.5 - e^2",
          "exp(e)^(1/3) - cosh(e)", "tan(e/3) - sinh(e/7)", "exp(tanh(e))*log(2+cos(e)) - 1",
          "abs(e)^(1+tanh(e))", "log(exp(-e^2)) + e^2", "exp(e/2) - exp(-e/2)", "log(e^2)",
          "log(abs(e)) - log(1 + abs(e))", "log(e^-8)/8 + log(abs(e))", "cosh(e) - 1",
          "sinh(e)*1e300", "tan(sinh(e))", "atan(e)*1e300", "tanh(e)*1e300 + sin(e)*1e300",
          "log(cosh(e))*1e300"})
        QTest::newRow(expression) << QString::fromLatin1(expression);
}

void TestFormulaLoss::vectorValuesMatchPlainProgram()
{
    // Each sample alone through sumForLine must come within 1e-12 of loss->value(), the C
    // library's result, on every instruction set: the running bound must send every sample whose
    // vectorized value strays further to the plain program. The errors span magnitudes from
    // 1e-9 to 1e3, both signs, and lie near multiples of pi, where sines vanish.
    QFETCH(QString, expression);
    QString error;
    const std::unique_ptr<FormulaLoss> loss = FormulaLoss::create(expression, &error);
    QVERIFY2(loss, qPrintable(error));
    std::mt19937_64 generator(20261205);
    std::uniform_real_distribution<double> exponent(-9.0, 3.0);
    std::uniform_int_distribution<int> multiple(-3000, 3000);
    std::vector<double> errors;
    for (int i = 0; i < 1500; ++i) {
        const double magnitude = std::pow(10.0, exponent(generator));
        errors.push_back(i % 2 == 0 ? magnitude : -magnitude);
    }
    for (int i = 0; i < 300; ++i)
        errors.push_back(multiple(generator) * 3.141592653589793 + (i % 3 - 1) * 1e-9);
    // Subnormal and barely normal errors, where results lose their relative accuracy.
    for (const double tiny : {4.9406564584124654e-324, 1.4821969375237396e-323, 9.3061528180722397e-317,
                              -4.4558835507510861e-312, 1e-310, 2.2250738585072014e-308, 1e-300}) {
        errors.push_back(tiny);
        errors.push_back(-tiny);
    }
    const std::vector<double> zeros(std::max<size_t>(errors.size(), 256), 0.0);
    for (const QString &instructionSet : LandscapeKernel::availableInstructionSets()) {
        // Only the full set can be narrowed to another one.
        LandscapeKernel::restrictInstructionSet(QString());
        QVERIFY(LandscapeKernel::restrictInstructionSet(instructionSet));
        double expected = 0.0;
        double magnitude = 0.0;
        for (size_t i = 0; i < errors.size(); ++i) {
            // One sample at a time: input = 1 * error + 0, less a target of 0.
            const double value = loss->value(errors[i], 0.0);
            const double alone = loss->sumForLine(&errors[i], &zeros[i], 1, 1.0, 0.0);
            const bool close = std::isinf(value) ? alone == value
                                                 : std::abs(alone - value) <=
                                                       1e-12 * std::abs(value);
            if (!close) {
                LandscapeKernel::restrictInstructionSet(QString());
                QFAIL(qPrintable(QStringLiteral("%1, e = %2: %3 against %4")
                                     .arg(instructionSet)
                                     .arg(errors[i], 0, 'g', 17)
                                     .arg(alone, 0, 'g', 17)
                                     .arg(value, 0, 'g', 17)));
            }
            // The first derivative's sum runs the same code, with NaN counted as 0.
            const double first = loss->evaluate(errors[i], 0.0).first;
            const double firstAlone =
                loss->sumFirstDerivativeForLine(&errors[i], &zeros[i], 1, 1.0, 0.0);
            const bool firstClose = std::isinf(first) ? firstAlone == first
                                                      : std::abs(firstAlone - first) <=
                                                            1e-12 * std::abs(first);
            if (!firstClose) {
                LandscapeKernel::restrictInstructionSet(QString());
                QFAIL(qPrintable(QStringLiteral("%1, derivative at e = %2: %3 against %4")
                                     .arg(instructionSet)
                                     .arg(errors[i], 0, 'g', 17)
                                     .arg(firstAlone, 0, 'g', 17)
                                     .arg(first, 0, 'g', 17)));
            }
            // The same sample repeated fills whole vectors and groups of them, which a program
            // made of one chain sums without the block's rows, and whose logarithms it may take
            // of a product.
            const std::vector<double> repeated(256, errors[i]);
            const double many = loss->sumForLine(repeated.data(), zeros.data(), 256, 1.0, 0.0);
            const double manyExpected = 256 * value;
            const bool manyClose = std::isinf(manyExpected)
                                       ? many == manyExpected
                                       : std::abs(many - manyExpected) <=
                                             1e-12 * std::abs(manyExpected);
            if (!manyClose) {
                LandscapeKernel::restrictInstructionSet(QString());
                QFAIL(qPrintable(QStringLiteral("%1, 256 times e = %2: %3 against %4")
                                     .arg(instructionSet)
                                     .arg(errors[i], 0, 'g', 17)
                                     .arg(many, 0, 'g', 17)
                                     .arg(manyExpected, 0, 'g', 17)));
            }
            if (std::isfinite(value)) {
                expected += value;
                magnitude += std::abs(value);
            }
        }
        // All finite samples at once, as a landscape sums them.
        std::vector<double> finiteErrors;
        for (const double e : errors) {
            if (std::isfinite(loss->value(e, 0.0)))
                finiteErrors.push_back(e);
        }
        const double sum = loss->sumForLine(finiteErrors.data(), zeros.data(),
                                            static_cast<Eigen::Index>(finiteErrors.size()),
                                            1.0, 0.0);
        const bool sumClose = std::isinf(expected) ? sum == expected
                                                   : std::abs(sum - expected) <= 1e-12 * magnitude;
        QVERIFY2(sumClose,
                 qPrintable(QStringLiteral("%1: sum %2 against %3")
                                .arg(instructionSet)
                                .arg(sum, 0, 'g', 17)
                                .arg(expected, 0, 'g', 17)));
    }
    LandscapeKernel::restrictInstructionSet(QString());
}

void TestFormulaLoss::derivativeSumMatchesSampleSum()
{
    // The derivative's sum runs the same vector code, with NaN counted as 0 instead of +inf.
    QString error;
    const std::unique_ptr<FormulaLoss> loss =
        FormulaLoss::create(QStringLiteral("log(cosh(e)) + sqrt(e)"), &error);
    QVERIFY2(loss, qPrintable(error));
    std::vector<double> feature, target;
    for (int i = 0; i < 203; ++i) {
        feature.push_back((i - 100) * 0.05);
        target.push_back(std::sin(i) * 0.3);
    }
    double expected = 0.0;
    double magnitude = 0.0;
    for (int i = 0; i < 203; ++i) {
        const double first = loss->evaluate(1.7 * feature[i] + 0.2 - target[i], target[i]).first;
        expected += first;
        magnitude += std::abs(first);
    }
    QVERIFY(std::isfinite(expected));
    const double sum =
        loss->sumFirstDerivativeForLine(feature.data(), target.data(), 203, 1.7, 0.2);
    QVERIFY2(std::abs(sum - expected) <= 1e-12 * magnitude,
             qPrintable(QStringLiteral("%1 against %2").arg(sum, 0, 'g', 17).arg(expected, 0, 'g', 17)));
}

void TestFormulaLoss::logarithmSumMatchesSampleSum_data()
{
    QTest::addColumn<QString>("expression");
    // Logarithms of a chain on the error, which sumForLine may sum as the logarithm of a
    // product: arguments at least 1 (Cauchy's loss), below 1 in part (log(e^2)), beyond 2^60
    // for the largest errors, exactly 1 at e = 0, and undefined at e = 0 (log(abs(e))).
    for (const char *expression : {"log(1+e^2/4)", "log(1+abs(e))", "log(e^2)", "log(abs(e))",
                                   "log(1 + 1e30*e^2)", "log(sqrt(1+e^2))*3", "log(2+e^4)"})
        QTest::newRow(expression) << QString::fromLatin1(expression);
}

void TestFormulaLoss::logarithmSumMatchesSampleSum()
{
    // 20,000 samples with errors from 1e-12 to 1e12. The sum must come within 1e-12 of the sum
    // of the per-sample values' magnitudes. The reference adds in long double, so that its own
    // rounding does not count.
    QFETCH(QString, expression);
    QString error;
    const std::unique_ptr<FormulaLoss> loss = FormulaLoss::create(expression, &error);
    QVERIFY2(loss, qPrintable(error));
    std::mt19937_64 generator(4);
    std::uniform_real_distribution<double> exponent(-12.0, 12.0);
    std::vector<double> feature, target;
    for (int i = 0; i < 20000; ++i) {
        const double magnitude = std::pow(10.0, exponent(generator));
        feature.push_back(i % 3 == 0 ? -magnitude : magnitude);
        target.push_back(i % 997 == 0 ? feature.back() : 0.0);
    }
    for (const QString &instructionSet : LandscapeKernel::availableInstructionSets()) {
        LandscapeKernel::restrictInstructionSet(QString());
        QVERIFY(LandscapeKernel::restrictInstructionSet(instructionSet));
        for (const auto &[slope, intercept] : {std::pair{1.0, 0.0}, {0.5, 3.0}, {1e-6, -1e-6}}) {
            long double expected = 0.0L;
            long double magnitude = 0.0L;
            for (size_t i = 0; i < feature.size(); ++i) {
                const double value = loss->value(slope * feature[i] + intercept - target[i], 0.0);
                expected += value;
                magnitude += std::abs(value);
            }
            const double sum = loss->sumForLine(feature.data(), target.data(),
                                                static_cast<Eigen::Index>(feature.size()), slope,
                                                intercept);
            const bool close = std::isinf(static_cast<double>(expected))
                                   ? sum == static_cast<double>(expected)
                                   : std::abs(sum - expected) <= 1e-12L * magnitude;
            if (!close) {
                LandscapeKernel::restrictInstructionSet(QString());
                QFAIL(qPrintable(QStringLiteral("%1, slope %2: %3 against %4")
                                     .arg(instructionSet)
                                     .arg(slope)
                                     .arg(sum, 0, 'g', 17)
                                     .arg(static_cast<double>(expected), 0, 'g', 17)));
            }
        }
    }
    LandscapeKernel::restrictInstructionSet(QString());
}

void TestFormulaLoss::subnormalConstantsKept()
{
    // Constants below the smallest normal double are the nearest subnormals, not 0, whether
    // typed or folded from a product of constants.
    const std::pair<const char *, double> cases[] = {
        {"1e-320*e", 1e-320},
        {"(e*1e-300)*1e-20", 1e-320},
        {"4.9e-324 + 0*e", std::numeric_limits<double>::denorm_min()},
        {"2.225073858507201e-308 + 0*e", 2.225073858507201e-308},
    };
    for (const auto &[expression, expected] : cases) {
        QString error;
        const std::unique_ptr<FormulaLoss> loss =
            FormulaLoss::create(QString::fromLatin1(expression), &error);
        QVERIFY2(loss, qPrintable(error));
        QCOMPARE(loss->value(1.0, 0.0), expected);
    }
}

QTEST_GUILESS_MAIN(TestFormulaLoss)
#include "tst_formulaloss.moc"
