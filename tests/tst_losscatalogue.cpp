#include "numericcheck.h"

#include "core/losscatalogue.h"

#include <QTest>

#include <memory>

using namespace losslens;

class TestLossCatalogue : public QObject
{
    Q_OBJECT

private slots:
    void namesCreateLosses();
    void createUnknownName();
    void parseRoundTrip_data();
    void parseRoundTrip();
    void parseErrors_data();
    void parseErrors();
    void validateParameterRange_data();
    void validateParameterRange();
};

void TestLossCatalogue::namesCreateLosses()
{
    const QStringList names = LossCatalogue::names();
    const QStringList expected = {"mse",
                                  "mae",
                                  "huber",
                                  "smooth_l1",
                                  "logcosh",
                                  "quantile",
                                  "epsilon_insensitive",
                                  "barron",
                                  "cauchy",
                                  "geman_mcclure",
                                  "welsch",
                                  "tukey",
                                  "bce",
                                  "focal",
                                  "hinge",
                                  "squared_hinge",
                                  "modified_huber",
                                  "exponential",
                                  "zero_one",
                                  "cross_entropy",
                                  "formula"};
    QCOMPARE(names, expected);
    for (const QString &name : names) {
        const std::unique_ptr<Loss> loss = LossCatalogue::create(name);
        QVERIFY2(loss, qPrintable(name));
        QCOMPARE(loss->name(), name);
    }
}

void TestLossCatalogue::createUnknownName()
{
    QVERIFY(!LossCatalogue::create(QStringLiteral("triplet")));
    QVERIFY(!LossCatalogue::create(QString()));
    // create() takes canonical names only, while parse() accepts any case.
    QVERIFY(!LossCatalogue::create(QStringLiteral("MSE")));
}

void TestLossCatalogue::parseRoundTrip_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<double>("delta");

    // delta is NaN for losses without parameters.
    const double none = qQNaN();
    QTest::newRow("mse") << "mse"
                         << "mse" << none;
    QTest::newRow("mae") << "mae"
                         << "mae" << none;
    // bce has two parameters, so tst_classificationlosses checks its round trips.
    QTest::newRow("huber default") << "huber"
                                   << "huber:delta=1" << 1.0;
    QTest::newRow("huber delta=1.5") << "huber:delta=1.5"
                                     << "huber:delta=1.5" << 1.5;
    QTest::newRow("huber delta=0.1") << "huber:delta=0.1"
                                     << "huber:delta=0.1" << 0.1;
    QTest::newRow("huber spaces and case") << "  Huber : delta = 2.5 "
                                           << "huber:delta=2.5" << 2.5;
    QTest::newRow("huber empty list") << "huber:"
                                      << "huber:delta=1" << 1.0;
    QTest::newRow("huber trailing comma") << "huber:delta=3,"
                                          << "huber:delta=3" << 3.0;
    QTest::newRow("huber exponent") << "huber:delta=2.5e-3"
                                    << "huber:delta=0.0025" << 0.0025;
    QTest::newRow("huber delta=minimum") << "huber:delta=1e-6"
                                         << "huber:delta=1e-06" << 1e-6;
    QTest::newRow("huber delta=maximum") << "huber:delta=1e6"
                                         << "huber:delta=1e+06" << 1e6;
    // 0.1 + 0.2 needs 17 significant digits to read back exactly, and the spec keeps them all.
    QTest::newRow("huber delta=0.1+0.2") << "huber:delta=0.30000000000000004"
                                         << "huber:delta=0.30000000000000004" << 0.1 + 0.2;
    // The regression losses after Huber: defaults, set values and the ends of each range.
    QTest::newRow("smooth_l1 default") << "smooth_l1"
                                       << "smooth_l1:beta=1" << 1.0;
    QTest::newRow("smooth_l1 beta=0.25") << "smooth_l1:beta=0.25"
                                         << "smooth_l1:beta=0.25" << 0.25;
    QTest::newRow("smooth_l1 beta=0") << "smooth_l1:beta=0"
                                      << "smooth_l1:beta=0" << 0.0;
    QTest::newRow("smooth_l1 beta=maximum") << "smooth_l1:beta=1e6"
                                            << "smooth_l1:beta=1e+06" << 1e6;
    QTest::newRow("logcosh") << "logcosh"
                             << "logcosh" << none;
    QTest::newRow("logcosh case") << " LogCosh "
                                  << "logcosh" << none;
    QTest::newRow("quantile default") << "quantile"
                                      << "quantile:tau=0.5" << 0.5;
    QTest::newRow("quantile tau=0.9") << "quantile:tau=0.9"
                                      << "quantile:tau=0.9" << 0.9;
    QTest::newRow("quantile tau=0") << "quantile:tau=0"
                                    << "quantile:tau=0" << 0.0;
    QTest::newRow("quantile tau=1") << "quantile:tau=1"
                                    << "quantile:tau=1" << 1.0;
    QTest::newRow("epsilon_insensitive default") << "epsilon_insensitive"
                                                 << "epsilon_insensitive:epsilon=0.1" << 0.1;
    QTest::newRow("epsilon_insensitive epsilon=2.5") << "epsilon_insensitive:epsilon=2.5"
                                                     << "epsilon_insensitive:epsilon=2.5" << 2.5;
    QTest::newRow("epsilon_insensitive epsilon=0") << "epsilon_insensitive:epsilon=0"
                                                   << "epsilon_insensitive:epsilon=0" << 0.0;
}

void TestLossCatalogue::parseRoundTrip()
{
    QFETCH(QString, spec);
    QFETCH(QString, canonical);
    QFETCH(double, delta);

    QString error;
    const std::unique_ptr<Loss> loss = LossCatalogue::parse(spec, &error);
    QVERIFY2(loss, qPrintable(error));
    QCOMPARE(loss->spec(), canonical);
    if (!std::isnan(delta)) {
        QCOMPARE(loss->parameters().size(), std::size_t(1));
        COMPARE_NEAR(loss->parameterValue(0), delta, 0.0);
    } else {
        QVERIFY(loss->parameters().empty());
    }

    // The canonical form parses back to a loss with the same specification.
    QString secondError;
    const std::unique_ptr<Loss> again = LossCatalogue::parse(loss->spec(), &secondError);
    QVERIFY2(again, qPrintable(secondError));
    QCOMPARE(again->spec(), canonical);
}

void TestLossCatalogue::parseErrors_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("fragments");

    // Each message must quote the part of the specification that is wrong.
    QTest::newRow("unknown loss") << "triplet" << QStringList{"\"triplet\"", "mse"};
    QTest::newRow("unknown loss with parameters")
        << "triplet:margin=1" << QStringList{"\"triplet\""};
    QTest::newRow("empty spec") << "" << QStringList{"unknown loss"};
    QTest::newRow("unknown key") << "huber:epsilon=1" << QStringList{"\"epsilon\"", "delta"};
    QTest::newRow("non-number value") << "huber:delta=abc" << QStringList{"delta", "\"abc\""};
    QTest::newRow("empty value") << "huber:delta=" << QStringList{"delta", "\"\""};
    QTest::newRow("number with unit") << "huber:delta=1.5m" << QStringList{"delta", "\"1.5m\""};
    QTest::newRow("delta=0") << "huber:delta=0" << QStringList{"delta=0 ", "out of range"};
    QTest::newRow("delta=-1") << "huber:delta=-1" << QStringList{"delta=-1", "out of range"};
    QTest::newRow("delta=nan")
        << "huber:delta=nan" << QStringList{"huber: delta=nan is not a number", "[1e-06, 1e+06]"};
    QTest::newRow("delta=inf")
        << "huber:delta=inf"
        << QStringList{"huber: delta=inf is out of range", "must be a finite number in"};
    QTest::newRow("barron alpha=nan")
        << "barron:alpha=nan" << QStringList{"barron: alpha=nan is not a number"};
    QTest::newRow("barron alpha=inf")
        << "barron:alpha=inf" << QStringList{"barron: alpha=inf is out of range", "[-inf, 10]"};
    QTest::newRow("cross_entropy weight nan")
        << "cross_entropy:weights=1|nan"
        << QStringList{"cross_entropy: item 2 of weights is nan, which is not a number"};
    QTest::newRow("delta=-inf") << "huber:delta=-inf" << QStringList{"delta=-inf"};
    QTest::newRow("delta below minimum")
        << "huber:delta=1e-7" << QStringList{"delta=1e-07 ", "1e-06"};
    QTest::newRow("delta above maximum")
        << "huber:delta=2e6" << QStringList{"delta=2e+06 ", "1e+06"};
    QTest::newRow("duplicate key")
        << "huber:delta=1,delta=2" << QStringList{"delta", "twice", "huber:delta=1,delta=2"};
    QTest::newRow("key without equals") << "huber:delta" << QStringList{"\"delta\"", "key=value"};
    QTest::newRow("parameter on mse") << "mse:delta=1" << QStringList{"mse", "\"delta\""};
    QTest::newRow("parameter on bce") << "bce:weight=2" << QStringList{"bce", "\"weight\""};
    QTest::newRow("bare word on mae") << "mae:fast" << QStringList{"\"fast\""};
    QTest::newRow("smooth_l1 beta=-1")
        << "smooth_l1:beta=-1" << QStringList{"beta=-1", "out of range"};
    QTest::newRow("smooth_l1 beta above maximum")
        << "smooth_l1:beta=2e6" << QStringList{"beta=2e+06 ", "1e+06"};
    QTest::newRow("parameter on logcosh")
        << "logcosh:delta=1" << QStringList{"logcosh", "\"delta\""};
    QTest::newRow("quantile tau=1.5") << "quantile:tau=1.5" << QStringList{"tau=1.5", "[0, 1]"};
    QTest::newRow("quantile tau=-0.1") << "quantile:tau=-0.1" << QStringList{"tau=-0.1"};
    QTest::newRow("quantile tau=nan") << "quantile:tau=nan" << QStringList{"tau=nan"};
    QTest::newRow("epsilon_insensitive epsilon=-1")
        << "epsilon_insensitive:epsilon=-1" << QStringList{"epsilon=-1", "out of range"};
    QTest::newRow("epsilon_insensitive unknown key")
        << "epsilon_insensitive:delta=1" << QStringList{"\"delta\"", "epsilon"};
}

void TestLossCatalogue::parseErrors()
{
    QFETCH(QString, spec);
    QFETCH(QStringList, fragments);

    QString error;
    const std::unique_ptr<Loss> loss = LossCatalogue::parse(spec, &error);
    QVERIFY2(!loss, qPrintable(QStringLiteral("parsed as ") + (loss ? loss->spec() : QString())));
    QVERIFY(!error.isEmpty());
    for (const QString &fragment : fragments) {
        QVERIFY2(error.contains(fragment),
                 qPrintable(QStringLiteral("\"%1\" not in: %2").arg(fragment, error)));
    }
}

void TestLossCatalogue::validateParameterRange_data()
{
    QTest::addColumn<double>("delta");
    QTest::addColumn<bool>("valid");

    QTest::newRow("delta=1") << 1.0 << true;
    QTest::newRow("delta=minimum") << 1e-6 << true;
    QTest::newRow("delta=maximum") << 1e6 << true;
    QTest::newRow("delta=0") << 0.0 << false;
    QTest::newRow("delta=-0.5") << -0.5 << false;
    QTest::newRow("delta=nan") << qQNaN() << false;
    QTest::newRow("delta=inf") << qInf() << false;
}

void TestLossCatalogue::validateParameterRange()
{
    QFETCH(double, delta);
    QFETCH(bool, valid);

    const std::unique_ptr<Loss> huber = LossCatalogue::create(QStringLiteral("huber"));
    QVERIFY(huber);
    const QString error = LossCatalogue::validateParameter(*huber, 0, delta);
    QCOMPARE(error.isEmpty(), valid);
    if (!valid)
        QVERIFY2(error.contains(QStringLiteral("delta")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestLossCatalogue)
#include "tst_losscatalogue.moc"
