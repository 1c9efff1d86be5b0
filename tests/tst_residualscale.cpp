// Residual scales of robust losses: the spec's scale key, rho(e / s) and its derivatives, the
// median absolute deviation, and the estimate from data as a fixed point.

#include "numericcheck.h"
#include "testdata.h"

#include "core/lineobjective.h"
#include "core/losscatalogue.h"
#include "core/minimizer.h"
#include "core/residualscale.h"

#include <QTest>

#include <cmath>
#include <memory>

using namespace losslens;
using namespace losslens::test;

class ResidualScaleTest : public QObject
{
    Q_OBJECT

private slots:
    void specs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("fixed") << "huber:delta=1.5,scale=2" << "huber:delta=1.5,scale=2";
        QTest::newRow("first") << "tukey:scale=0.5,c=3" << "tukey:c=3,scale=0.5";
        QTest::newRow("mad") << "cauchy:scale=MAD" << "cauchy:c=1,scale=mad";
        QTest::newRow("one is left out") << "welsch:scale=1" << "welsch:c=1";
        QTest::newRow("barron") << "barron:alpha=-inf,scale=1e-3" << "barron:alpha=-inf,c=1,scale=0.001";
        QTest::newRow("no parameters") << "logcosh:scale=4" << "logcosh:scale=4";
    }

    void specs()
    {
        QFETCH(QString, spec);
        QFETCH(QString, canonical);
        const auto loss = parseOrFail(spec);
        QVERIFY(loss);
        QCOMPARE(loss->spec(), canonical);
        QCOMPARE(parseOrFail(canonical)->spec(), canonical);
    }

    void rejectsBadScales_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("zero") << "huber:scale=0" << "huber: scale=0 is not valid";
        QTest::newRow("negative") << "huber:scale=-2" << "scale=-2 is not valid";
        QTest::newRow("text") << "tukey:scale=abc" << "must be mad (estimated from the residuals)";
        QTest::newRow("infinite") << "tukey:scale=inf" << "scale=inf is not valid";
        QTest::newRow("twice") << "huber:scale=2,scale=3" << "given twice";
        QTest::newRow("mse takes none") << "mse:scale=2" << "the loss mse takes no parameters";
        QTest::newRow("quantile takes none") << "quantile:scale=2" << "it takes tau.";
    }

    void rejectsBadScales()
    {
        QFETCH(QString, spec);
        QFETCH(QString, fragment);
        QString error;
        QVERIFY(!LossCatalogue::parse(spec, &error));
        QVERIFY2(error.contains(fragment), qPrintable(error));
    }

    void scaledLossDividesTheResidual()
    {
        for (const char *name : {"huber:delta=1.345", "smooth_l1:beta=0.5", "logcosh",
                                 "epsilon_insensitive:epsilon=0.2", "barron:alpha=0.5,c=1.2",
                                 "cauchy:c=2", "geman_mcclure", "welsch:c=0.7", "tukey"}) {
            const auto plain = parseOrFail(QString::fromLatin1(name));
            QVERIFY(plain && plain->acceptsResidualScale());
            const double scale = 2.5;
            const auto scaled = parseOrFail(QStringLiteral("%1%2scale=2.5")
                                                .arg(QString::fromLatin1(name))
                                                .arg(QString::fromLatin1(name).contains(':') ? "," : ":"));
            QVERIFY(scaled);
            for (const double e : {-1e6, -7.0, -1.0, -1e-9, 0.0, 0.3, 2.0, 11.0}) {
                const LossDerivatives d = plain->evaluate(e / scale, 0.0);
                compareDerivatives(scaled->evaluate(e, 0.0), d.value, d.first / scale,
                                   d.second / (scale * scale), 1e-15, 1e-300, 1e-300);
                COMPARE_NEAR(scaled->value(e, 0.0), d.value,
                             relativeTolerance(d.value, 1e-15, 1e-300));
            }
            // The data-set loop agrees with the per-sample value.
            const auto data = stackLossData();
            const double sum = scaled->sumForLine(data->feature.data(), data->target.data(),
                                                  data->size(), 0.9, -40.0);
            double expected = 0.0;
            for (Eigen::Index i = 0; i < data->size(); ++i)
                expected += scaled->value(0.9 * data->feature[i] - 40.0 - data->target[i], 0.0);
            COMPARE_NEAR(sum, expected, relativeTolerance(expected, 1e-13, 1e-300));
        }
        QVERIFY(!parseOrFail(QStringLiteral("mse"))->acceptsResidualScale());
        QVERIFY(!parseOrFail(QStringLiteral("bce"))->acceptsResidualScale());
    }

    void medianAbsoluteDeviation()
    {
        Eigen::VectorXd odd(5);
        odd << 3.0, -1.0, 0.5, -7.0, 2.0;
        COMPARE_NEAR(medianAbsoluteDeviationScale(odd), 2.0 / normalQuartile, 1e-15);
        Eigen::VectorXd even(4);
        even << -4.0, 1.0, 2.0, 10.0;
        COMPARE_NEAR(medianAbsoluteDeviationScale(even), 3.0 / normalQuartile, 1e-15);
        QCOMPARE(medianAbsoluteDeviationScale(Eigen::VectorXd()), 0.0);
    }

    // The estimate is a fixed point: the minimum for that scale has residuals whose median
    // absolute value over 0.6745 is the scale again.
    void estimateIsAFixedPoint()
    {
        const auto data = stackLossData();
        for (const char *spec : {"huber:delta=1.345,scale=mad", "tukey:c=4.685,scale=mad",
                                 "cauchy:c=2.385,scale=mad"}) {
            const LineObjective objective(data, parseLoss(QString::fromLatin1(spec)),
                                          FeatureScaling::standardizing(data->feature));
            const ResidualScale &scale = objective.loss().residualScale();
            QVERIFY(scale.isEstimatedFromData());
            QVERIFY(scale.estimated);
            QVERIFY(scale.value > 1.0 && scale.value < 5.0);
            QCOMPARE(objective.loss().spec(), QString::fromLatin1(spec));
            QVERIFY2(objective.loss().label().contains(QStringLiteral("scale=mad=")),
                     qPrintable(objective.loss().label()));
            const MinimumResult minimum = findMinimum(objective, leastSquaresLine(objective));
            const Eigen::VectorXd residuals =
                (minimum.theta[0] * objective.scaledFeature().array() + minimum.theta[1] -
                 data->target.array())
                    .matrix();
            COMPARE_NEAR(medianAbsoluteDeviationScale(residuals), scale.value,
                         1e-10 * scale.value);
        }
    }

    // A line through more than half of the points has median |residual| 0; the root mean square
    // has a floor of 1e-6 of the targets' standard deviation, where the estimate settles.
    void degenerateResidualsKeepAPositiveScale()
    {
        const auto mostlyOnALine = makeDataset({1, 2, 3, 4, 5}, {2, 4, 6, 8, 30});
        const ResidualScaleEstimate estimate =
            estimateResidualScale(*mostlyOnALine, *parseOrFail(QStringLiteral("tukey:scale=mad")));
        QVERIFY(estimate.scale > 0.0 && std::isfinite(estimate.scale));
        const auto perfect = makeDataset({1, 2, 3}, {1, 2, 3});
        COMPARE_NEAR(
            estimateResidualScale(*perfect, *parseOrFail(QStringLiteral("huber:scale=mad"))).scale,
            1e-6 * std::sqrt(2.0 / 3.0), 1e-21);
        // Six of nine points on y = x: the median residual is at rounding level (about 1e-15)
        // at the robust line, which must not become the scale.
        const auto sixOnALine =
            makeDataset({1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 12, 3, 4, 15, 6, 7, 18, 9});
        for (const char *spec : {"huber:scale=mad", "cauchy:scale=mad", "tukey:scale=mad"}) {
            const LineObjective objective(sixOnALine, parseLoss(QString::fromLatin1(spec)),
                                          FeatureScaling::standardizing(sixOnALine->feature));
            const double scale = objective.loss().residualScale().value;
            const double floor = 1e-6 * std::sqrt(260.0 / 9.0);
            QVERIFY2(scale >= floor && scale < 10.0, qPrintable(QString::number(scale)));
            // The convex Huber loss follows the six points; the others may stop at a local
            // minimum, but never at a non-finite value.
            const MinimumResult minimum = findMinimum(objective, leastSquaresLine(objective));
            QVERIFY2(std::isfinite(minimum.value), spec);
            if (QByteArray(spec).startsWith("huber")) {
                const LineParameters line = objective.toDataUnits(minimum.theta);
                COMPARE_NEAR(line.slope, 1.0, 1e-4);
                COMPARE_NEAR(line.intercept, 0.0, 1e-4);
            }
        }
        // Too little data for a line keeps the default.
        const auto single = makeDataset({1}, {1});
        const LineObjective objective(single, parseLoss(QStringLiteral("huber:scale=mad")),
                                      FeatureScaling::identity());
        QVERIFY(!objective.loss().residualScale().estimated);
    }
};

QTEST_GUILESS_MAIN(ResidualScaleTest)
#include "tst_residualscale.moc"
