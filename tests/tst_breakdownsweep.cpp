// The outlier-fraction sweep. Its averages are compared with fits done here step by step on the
// same synthetic data, and MSE's with Eigen's least-squares line. The fractions and the settings
// checks are tested too. On fixed seeds the sweep must show the breakdown it is meant to show:
// MSE's errors grow with the outlier fraction, and Tukey's biweight stays near the noise level
// below 30 percent.

#include "numericcheck.h"
#include "testdata.h"

#include "core/breakdownsweep.h"
#include "core/landscape.h"
#include "core/lineobjective.h"
#include "core/minimizer.h"

#include <QTest>

#include <cmath>
#include <memory>
#include <stop_token>

using namespace losslens;
using losslens::test::epsilon;
using losslens::test::parseLoss;

class TestBreakdownSweep : public QObject
{
    Q_OBJECT

private slots:
    void evenFractions();
    void validation();
    void sweepEqualsDirectFits();
    void mseMatchesLeastSquares();
    void mseBreaksDownTukeyHolds();
    void progressAndCancel();
};

namespace {

BreakdownSweepSettings smallSweep()
{
    BreakdownSweepSettings settings;
    settings.data.count = 30;
    settings.data.seed = 11;
    settings.outlierFractions = {0.0, 0.2, 0.4};
    settings.seedCount = 2;
    settings.gridResolution = 41;
    return settings;
}

} // namespace

void TestBreakdownSweep::evenFractions()
{
    const std::vector<double> fractions = evenOutlierFractions(0.025, 0.5);
    QCOMPARE(fractions.size(), std::size_t(21));
    QCOMPARE(fractions.front(), 0.0);
    QCOMPARE(fractions.back(), 0.5);
    COMPARE_NEAR(fractions[7], 0.175, 4 * epsilon);
    // 0.3 is not a multiple of 0.25, so the last fraction is 0.25.
    const std::vector<double> coarse = evenOutlierFractions(0.25, 0.3);
    QCOMPARE(coarse.size(), std::size_t(2));
    QCOMPARE(coarse.back(), 0.25);
}

void TestBreakdownSweep::validation()
{
    BreakdownSweepSettings settings = smallSweep();
    QVERIFY(validateBreakdownSweep(settings).isEmpty());

    BreakdownSweepSettings noFractions = settings;
    noFractions.outlierFractions.clear();
    QVERIFY(validateBreakdownSweep(noFractions).contains(QStringLiteral("no outlier fractions")));

    BreakdownSweepSettings badFraction = settings;
    badFraction.outlierFractions.push_back(1.5);
    QVERIFY(validateBreakdownSweep(badFraction).contains(QStringLiteral("1.5")));

    BreakdownSweepSettings badSeeds = settings;
    badSeeds.seedCount = 0;
    QVERIFY(validateBreakdownSweep(badSeeds).contains(QStringLiteral("Seed count 0")));

    BreakdownSweepSettings badData = settings;
    badData.data.count = 1;
    QVERIFY(validateBreakdownSweep(badData).contains(QStringLiteral("Point count 1")));
}

// Each average is recomputed here from generateSyntheticData, the automatic grid's best node and
// findMinimum, in the sweep's order of summation, so the results must agree exactly.
void TestBreakdownSweep::sweepEqualsDirectFits()
{
    const BreakdownSweepSettings settings = smallSweep();
    const std::vector<std::shared_ptr<const Loss>> losses = {
        parseLoss(QStringLiteral("mse")), parseLoss(QStringLiteral("huber:delta=1.5")),
        parseLoss(QStringLiteral("tukey:c=4.685,scale=mad")), parseLoss(QStringLiteral("mae"))};
    const std::optional<BreakdownSweepResult> result = runBreakdownSweep(losses, settings);
    QVERIFY(result);
    QCOMPARE(result->curves.size(), losses.size());

    for (std::size_t k = 0; k < losses.size(); ++k) {
        for (std::size_t f = 0; f < settings.outlierFractions.size(); ++f) {
            double slopeSum = 0.0;
            double interceptSum = 0.0;
            for (int seed = 0; seed < settings.seedCount; ++seed) {
                SyntheticSettings data = settings.data;
                data.outlierFraction = settings.outlierFractions[f];
                data.seed = settings.data.seed + seed;
                const auto dataset = std::make_shared<const Dataset>(generateSyntheticData(data));
                const LineObjective objective(dataset, losses[k],
                                              FeatureScaling::standardizing(dataset->feature));
                const LandscapeGrid grid = automaticGrid(objective, objective.fromDataUnits({}),
                                                         settings.gridResolution);
                const std::optional<Landscape> landscape = computeLandscape(objective, grid);
                QVERIFY(landscape);
                Eigen::Index row = 0, column = 0;
                landscape->values.minCoeff(&row, &column);
                const MinimumResult minimum = findMinimum(
                    objective, Eigen::Vector2d(grid.slopeAt(int(row)), grid.interceptAt(int(column))));
                const LineParameters line = objective.toDataUnits(minimum.theta);
                slopeSum += std::abs(line.slope - data.slope);
                interceptSum += std::abs(line.intercept - data.intercept);
            }
            const QByteArray where =
                losses[k]->spec().toUtf8() + " at fraction " + QByteArray::number(f);
            QVERIFY2(result->curves[k].slopeError[f] == slopeSum / settings.seedCount,
                     where.constData());
            QVERIFY2(result->curves[k].interceptError[f] == interceptSum / settings.seedCount,
                     where.constData());
        }
    }
}

// MSE's fit is the least-squares line, which Eigen solves directly.
void TestBreakdownSweep::mseMatchesLeastSquares()
{
    BreakdownSweepSettings settings = smallSweep();
    settings.seedCount = 1;
    const std::optional<BreakdownSweepResult> result =
        runBreakdownSweep({parseLoss(QStringLiteral("mse"))}, settings);
    QVERIFY(result);
    for (std::size_t f = 0; f < settings.outlierFractions.size(); ++f) {
        SyntheticSettings data = settings.data;
        data.outlierFraction = settings.outlierFractions[f];
        const auto dataset = std::make_shared<const Dataset>(generateSyntheticData(data));
        const LineObjective objective(dataset, parseLoss(QStringLiteral("mse")),
                                      FeatureScaling::identity());
        const LineParameters line = objective.toDataUnits(leastSquaresLine(objective));
        // Newton's method on the standardized feature converges to the solve's rounding level.
        COMPARE_NEAR(result->curves[0].slopeError[f], std::abs(line.slope - data.slope), 1e-12);
        COMPARE_NEAR(result->curves[0].interceptError[f],
                     std::abs(line.intercept - data.intercept), 1e-12);
    }
}

// Outliers moved up by 20 noise deviations at random x. MSE's intercept follows their mean,
// about 20 f, and its slope takes the chance correlation of the outliers with x, which grows
// like sqrt(f (1 - f)). Tukey's biweight (c = 4.685 on a MAD scale) gives the outliers weight 0
// below 30 percent. From 30 percent on, the scale estimate, which starts from the least-squares
// residuals, grows past 20 / 4.685 on these seeds, so the outliers get weight and Tukey breaks
// down too. With the scale fixed at the noise deviation, 1, it stays at the noise level up to 45 percent.
void TestBreakdownSweep::mseBreaksDownTukeyHolds()
{
    BreakdownSweepSettings settings;
    settings.data.count = 50;
    settings.data.seed = 1;
    settings.outlierFractions = evenOutlierFractions(0.05, 0.5);
    settings.seedCount = 5;
    const std::optional<BreakdownSweepResult> result =
        runBreakdownSweep({parseLoss(QStringLiteral("mse")),
                           parseLoss(QStringLiteral("tukey:c=4.685,scale=mad")),
                           parseLoss(QStringLiteral("tukey:c=4.685,scale=1"))},
                          settings);
    QVERIFY(result);
    const BreakdownCurve &mse = result->curves[0];
    const BreakdownCurve &tukey = result->curves[1];
    const BreakdownCurve &fixedTukey = result->curves[2];
    const std::vector<double> &fractions = settings.outlierFractions;
    for (std::size_t f = 0; f < fractions.size(); ++f) {
        qInfo("fraction %.2f: slope error mse %.4f tukey %.4f (fixed scale %.4f), intercept "
              "error mse %.4f tukey %.4f (fixed scale %.4f)",
              fractions[f], mse.slopeError[f], tukey.slopeError[f], fixedTukey.slopeError[f],
              mse.interceptError[f], tukey.interceptError[f], fixedTukey.interceptError[f]);
    }
    // Fraction 0 is clean data, where the fits differ only by the noise.
    QVERIFY(mse.slopeError[0] < 0.1);
    QVERIFY(tukey.slopeError[0] < 0.1);
    for (std::size_t f = 0; f < fractions.size(); ++f) {
        const QByteArray where = "fraction " + QByteArray::number(fractions[f]);
        // From 10 percent on MSE's slope error is at least 5 times the clean one.
        if (fractions[f] >= 0.1 - 1e-12)
            QVERIFY2(mse.slopeError[f] > 5.0 * mse.slopeError[0], where.constData());
        // MSE's intercept error rises with the fraction, close to 20 f.
        if (f > 0)
            QVERIFY2(mse.interceptError[f] > mse.interceptError[f - 1], where.constData());
        COMPARE_NEAR(mse.interceptError[f], 20.0 * fractions[f], 1.0);
        // Below 30 percent Tukey stays at the noise level in slope and intercept, well under MSE.
        if (fractions[f] < 0.3 - 1e-12) {
            QVERIFY2(tukey.slopeError[f] < 0.1, where.constData());
            QVERIFY2(tukey.interceptError[f] < 0.5, where.constData());
            if (f > 0)
                QVERIFY2(mse.slopeError[f] > 3.0 * tukey.slopeError[f], where.constData());
        }
        if (fractions[f] < 0.45 + 1e-12) {
            QVERIFY2(fixedTukey.slopeError[f] < 0.1, where.constData());
            QVERIFY2(fixedTukey.interceptError[f] < 0.5, where.constData());
        }
    }
}

void TestBreakdownSweep::progressAndCancel()
{
    const BreakdownSweepSettings settings = smallSweep();
    const std::vector<std::shared_ptr<const Loss>> losses = {parseLoss(QStringLiteral("mse")),
                                                             parseLoss(QStringLiteral("mae"))};
    int calls = 0;
    int lastDone = 0;
    int lastTotal = 0;
    QVERIFY(runBreakdownSweep(losses, settings, [&](int done, int total) {
        ++calls;
        lastDone = done;
        lastTotal = total;
    }));
    // 3 fractions x 2 seeds x 2 losses.
    QCOMPARE(calls, 12);
    QCOMPARE(lastDone, 12);
    QCOMPARE(lastTotal, 12);

    std::stop_source stop;
    int callsBeforeStop = 0;
    const auto cancelled = runBreakdownSweep(
        losses, settings,
        [&](int done, int) {
            callsBeforeStop = done;
            if (done == 5)
                stop.request_stop();
        },
        stop.get_token());
    QVERIFY(!cancelled);
    QCOMPARE(callsBeforeStop, 5);
}

QTEST_GUILESS_MAIN(TestBreakdownSweep)
#include "tst_breakdownsweep.moc"
