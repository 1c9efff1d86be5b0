#include "numericcheck.h"
#include "testdata.h"

#include "core/landscape.h"
#include "core/landscapekernel.h"
#include "core/losscatalogue.h"
#include "core/minimizer.h"
#include "core/syntheticdata.h"

#include <QTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <memory>
#include <stop_token>
#include <thread>

using namespace losslens;

namespace {

bool gridContains(const LandscapeGrid &grid, const Eigen::Vector2d &theta)
{
    return grid.slopeMinimum <= theta[0] && theta[0] <= grid.slopeMaximum &&
           grid.interceptMinimum <= theta[1] && theta[1] <= grid.interceptMaximum;
}

// Synthetic data of count points, as 0/1 labels (target above the line's value at x = 0) for
// classification. With a count above the engine's block of samples, the blocked sums and the
// partial last block are exercised.
std::shared_ptr<const Dataset> syntheticData(int count, bool labels, double featureShift = 0.0)
{
    SyntheticSettings settings;
    settings.count = count;
    settings.seed = 7;
    auto data = std::make_shared<Dataset>(generateSyntheticData(settings));
    if (labels) {
        for (Eigen::Index i = 0; i < data->size(); ++i)
            data->target[i] = data->target[i] > settings.intercept ? 1.0 : 0.0;
    }
    data->feature.array() += featureShift;
    return data;
}

// The mean loss of the line y = w x + b on the raw data, from its definition.
double plainMeanLoss(const Loss &loss, const Dataset &data, double w, double b)
{
    const bool regression = loss.kind() == LossKind::Regression;
    double sum = 0.0;
    for (Eigen::Index k = 0; k < data.size(); ++k) {
        const double output = w * data.feature[k] + b;
        const double input = regression ? output - data.target[k] : output;
        sum += loss.evaluate(input, data.target[k]).value;
    }
    return sum / static_cast<double>(data.size());
}

// Compares every node of a landscape on the raw feature with the plain loop: infinite values
// exactly, finite ones to 1e-12 relative. No node may be NaN.
void compareWithPlainLoop(const Landscape &landscape, const Loss &loss, const Dataset &data)
{
    const LandscapeGrid &grid = landscape.grid;
    for (int i = 0; i < grid.slopeCount; ++i) {
        for (int j = 0; j < grid.interceptCount; ++j) {
            const double expected = plainMeanLoss(loss, data, grid.slopeAt(i), grid.interceptAt(j));
            const double value = landscape.values(i, j);
            QVERIFY(!std::isnan(value));
            if (std::isinf(expected)) {
                QCOMPARE(value, expected);
                continue;
            }
            COMPARE_NEAR(value, expected, test::relativeTolerance(expected, 1e-12));
        }
    }
}

// A loss whose per-line sum requests a stop after a given number of calls, to check how soon
// the engine notices. Its value is 0 everywhere.
class StoppingLoss final : public Loss
{
public:
    StoppingLoss(std::stop_source source, int callsBeforeStop)
        : m_source(std::move(source)), m_callsBeforeStop(callsBeforeStop)
    {
    }

    QString name() const override { return QStringLiteral("stopping"); }
    QString displayName() const override { return QStringLiteral("Stopping"); }
    LossKind kind() const override { return LossKind::Regression; }
    LossDerivatives evaluate(double, double) const override { return {}; }
    std::unique_ptr<Loss> clone() const override
    {
        return std::make_unique<StoppingLoss>(m_source, m_callsBeforeStop);
    }
    double sumForLine(const double *, const double *, Eigen::Index, double, double) const override
    {
        if (++m_calls == m_callsBeforeStop)
            m_source.request_stop();
        return 0.0;
    }
    double sumFirstDerivativeForLine(const double *, const double *, Eigen::Index, double,
                                     double) const override
    {
        return 0.0;
    }

    int calls() const { return m_calls; }

private:
    mutable std::stop_source m_source;
    int m_callsBeforeStop;
    mutable std::atomic<int> m_calls = 0;
};

} // namespace

class TestLandscape : public QObject
{
    Q_OBJECT

private slots:
    void valuesMatchPlainLoop_data();
    void valuesMatchPlainLoop();
    void largeDataMatchesPlainLoop_data();
    void largeDataMatchesPlainLoop();
    void focalFarSamplesMatchPlainLoop_data();
    void focalFarSamplesMatchPlainLoop();
    void extremeInputsMatchPlainLoop_data();
    void extremeInputsMatchPlainLoop();
    void overflowingErrorsMatchPlainLoop_data();
    void overflowingErrorsMatchPlainLoop();
    void barronAcrossMagnitudesMatchesPlainLoop_data();
    void barronAcrossMagnitudesMatchesPlainLoop();
    void barronSmallErrorsMatchPlainLoop_data();
    void barronSmallErrorsMatchPlainLoop();
    void exactFitGivesZero_data();
    void exactFitGivesZero();
    void everyInstructionSetMatchesPlainLoop_data();
    void everyInstructionSetMatchesPlainLoop();
    void dataUnitsMatchPlainLoop_data();
    void dataUnitsMatchPlainLoop();
    void dataUnitsKeepTrainingPenalty();
    void mseExactFarFromOrigin();
    void mseOverflowIsInfinite();
    void gridEndsExact_data();
    void gridEndsExact();
    void gridValidity();
    void everyLineLossHasKernel();
    void nestedGridsHalveSpacing();
    void nestedGridNeedsPowerOfTwo();
    void firstPassFitsTime();
    void refinedMatchesFull_data();
    void refinedMatchesFull();
    void refineWithoutNestingComputesAll();
    void stopRequested();
    void stopCheckedEachBlock();
    void automaticGridContainsStart_data();
    void automaticGridContainsStart();
    void automaticGridClassification();
    void automaticGridFollowsRobustFit_data();
    void automaticGridFollowsRobustFit();
    void automaticGridContainsLowerMinimum_data();
    void automaticGridContainsLowerMinimum();
    void automaticGridInDataUnits_data();
    void automaticGridInDataUnits();
};

void TestLandscape::valuesMatchPlainLoop_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("standardize");

    // Every loss with a vectorized kernel, with parameters away from their defaults, scaled
    // robust losses and composites, and Barron's loss at each of its special shapes.
    for (const char *spec : {"mse",
                             "mae",
                             "huber:delta=1.3",
                             "huber:delta=1.3,scale=2.5",
                             "smooth_l1:beta=0.7",
                             "smooth_l1:beta=0",
                             "quantile:tau=0.3",
                             "epsilon_insensitive:epsilon=0.5",
                             "logcosh",
                             "logcosh:scale=20",
                             "tukey:c=4.685",
                             "tukey:c=4.685,scale=3",
                             "geman_mcclure:c=2",
                             "welsch:c=3,scale=2",
                             "cauchy:c=0.5",
                             "cauchy:c=2,scale=0.1",
                             "barron:alpha=0.5",
                             "barron:alpha=2,c=0.7",
                             "barron:alpha=1",
                             "barron:alpha=0,c=3",
                             "barron:alpha=-2",
                             "barron:alpha=-inf,c=0.5",
                             "barron:alpha=2.001",
                             "barron:alpha=10,c=4,scale=2",
                             "(barron:alpha=0.5,c=2) + 0.5*(barron:alpha=0) + (mae)",
                             "0.5*(huber:delta=2) + 2*(mae) + (cauchy:scale=4)",
                             "bce",
                             "bce:pos_weight=3,smoothing=0.2",
                             "focal:gamma=2,alpha=0.25",
                             "focal:gamma=0,alpha=-1",
                             "focal:gamma=1.5,alpha=0.75",
                             "focal:gamma=3,alpha=0.5",
                             "hinge",
                             "squared_hinge",
                             "modified_huber",
                             "exponential",
                             "zero_one",
                             "hinge + 0.5*(exponential)"}) {
        QTest::addRow("%s identity", spec) << QString::fromLatin1(spec) << false;
        QTest::addRow("%s standardizing", spec) << QString::fromLatin1(spec) << true;
    }
}

void TestLandscape::valuesMatchPlainLoop()
{
    QFETCH(QString, spec);
    QFETCH(bool, standardize);

    const auto loss = test::parseLoss(spec);
    QVERIFY(loss);
    const bool regression = loss->kind() == LossKind::Regression;
    const auto data = regression ? test::stackLossData()
                                 : test::makeDataset({-1.0, 0.5, 1.0, 2.0, 3.5}, {0, 1, 0, 1, 1});
    const FeatureScaling scaling =
        standardize ? FeatureScaling::standardizing(data->feature) : FeatureScaling::identity();
    const LineObjective objective(data, loss, scaling);

    LandscapeGrid grid;
    grid.slopeMinimum = -1.5;
    grid.slopeMaximum = 2.25;
    grid.interceptMinimum = -60.0;
    grid.interceptMaximum = 35.0;
    grid.slopeCount = 23;
    grid.interceptCount = 17;
    QVERIFY(grid.isValid());

    const std::optional<Landscape> landscape = computeLandscape(objective, grid);
    QVERIFY(landscape);
    QCOMPARE(landscape->values.rows(), Eigen::Index(23));
    QCOMPARE(landscape->values.cols(), Eigen::Index(17));

    // The mean loss from its definition, with the grid nodes spaced as the header promises.
    const int n = static_cast<int>(data->size());
    double minimum = std::numeric_limits<double>::infinity();
    double maximum = -minimum;
    for (int i = 0; i < grid.slopeCount; ++i) {
        const double w = i == grid.slopeCount - 1
                             ? grid.slopeMaximum
                             : grid.slopeMinimum + (grid.slopeMaximum - grid.slopeMinimum) * i /
                                                       (grid.slopeCount - 1);
        for (int j = 0; j < grid.interceptCount; ++j) {
            const double b =
                j == grid.interceptCount - 1
                    ? grid.interceptMaximum
                    : grid.interceptMinimum + (grid.interceptMaximum - grid.interceptMinimum) * j /
                                                  (grid.interceptCount - 1);
            double sum = 0.0;
            for (int k = 0; k < n; ++k) {
                const double x = (data->feature[k] - scaling.mean) / scaling.scale;
                const double output = w * x + b;
                const double input = regression ? output - data->target[k] : output;
                sum += loss->evaluate(input, data->target[k]).value;
            }
            const double expected = sum / n;
            minimum = std::min(minimum, expected);
            maximum = std::max(maximum, expected);
            // Same terms, possibly another rounding of x': 1e-12 relative is ample.
            COMPARE_NEAR(landscape->values(i, j), expected,
                         test::relativeTolerance(expected, 1e-12));
        }
    }
    COMPARE_NEAR(landscape->minimumValue, minimum, test::relativeTolerance(minimum, 1e-12));
    COMPARE_NEAR(landscape->maximumValue, maximum, test::relativeTolerance(maximum, 1e-12));
    COMPARE_NEAR(landscape->minimumValue, landscape->values.minCoeff(), 0.0);
    COMPARE_NEAR(landscape->maximumValue, landscape->values.maxCoeff(), 0.0);
}

void TestLandscape::largeDataMatchesPlainLoop_data()
{
    QTest::addColumn<QString>("spec");

    for (const char *spec :
         {"mae", "huber:delta=1", "logcosh", "tukey:c=4.685", "cauchy:c=0.3", "welsch", "bce",
          "bce:pos_weight=0.5,smoothing=0.1", "focal:gamma=2,alpha=0.25",
          "focal:gamma=0.5,alpha=0.25", "barron:alpha=1.5,c=2", "exponential",
          "formula:log(1+e^2/4)"})
        QTest::newRow(spec) << QString::fromLatin1(spec);
}

void TestLandscape::largeDataMatchesPlainLoop()
{
    // 5003 samples are several blocks of the engine's blocked loop plus a partial one. Each
    // node's sum must still equal one plain loop over the data up to rounding.
    QFETCH(QString, spec);

    const auto loss = test::parseLoss(spec);
    QVERIFY(loss);
    const bool regression = loss->kind() == LossKind::Regression;
    const auto data = syntheticData(5003, !regression);
    const LineObjective objective(data, loss, FeatureScaling::identity());

    LandscapeGrid grid;
    grid.slopeMinimum = -1.3;
    grid.slopeMaximum = 3.7;
    grid.interceptMinimum = -4.1;
    grid.interceptMaximum = 6.3;
    grid.slopeCount = 11;
    grid.interceptCount = 13;
    const std::optional<Landscape> landscape = computeLandscape(objective, grid);
    QVERIFY(landscape);
    for (int i = 0; i < grid.slopeCount; ++i) {
        for (int j = 0; j < grid.interceptCount; ++j) {
            const double expected =
                plainMeanLoss(*loss, *data, grid.slopeAt(i), grid.interceptAt(j));
            COMPARE_NEAR(landscape->values(i, j), expected,
                         test::relativeTolerance(expected, 1e-12));
        }
    }
}

void TestLandscape::focalFarSamplesMatchPlainLoop_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("separable");
    QTest::addColumn<double>("slopeMinimum");
    QTest::addColumn<double>("slopeMaximum");
    QTest::addColumn<double>("interceptMinimum");
    QTest::addColumn<double>("interceptMaximum");

    // The focal kernel sums the samples far from the decision boundary from power sums of the
    // sorted samples. Each grid puts many samples there, on both sides, for rising and falling
    // lines. Steep lines on separable classes put every sample far; every term is then tiny
    // and only relative precision counts. The widest intercept ranges would overflow the
    // scaled powers, so there the kernel must sum per sample instead.
    struct Grid
    {
        const char *name;
        bool separable;
        double slopes[2];
        double intercepts[2];
    };
    const Grid grids[] = {
        {"rising", false, {-0.5, 6.0}, {-7.0, 9.0}},
        {"falling", false, {-6.0, -0.8}, {-9.0, 7.0}},
        {"steep separable", true, {8.0, 60.0}, {-30.0, 10.0}},
        {"steep falling separable", true, {-60.0, -8.0}, {-10.0, 30.0}},
        {"wide intercepts", false, {-2.0, 4.0}, {-250.0, 250.0}},
    };
    for (const char *spec :
         {"focal", "focal:gamma=0,alpha=-1", "focal:gamma=0.5,alpha=0.25", "focal:gamma=1",
          "focal:gamma=2.5,alpha=0.9", "focal:gamma=4", "focal:gamma=7.3,alpha=0.5"}) {
        for (const Grid &grid : grids) {
            QTest::addRow("%s %s", spec, grid.name)
                << QString::fromLatin1(spec) << grid.separable << grid.slopes[0] << grid.slopes[1]
                << grid.intercepts[0] << grid.intercepts[1];
        }
    }
}

void TestLandscape::focalFarSamplesMatchPlainLoop()
{
    QFETCH(QString, spec);
    QFETCH(bool, separable);
    QFETCH(double, slopeMinimum);
    QFETCH(double, slopeMaximum);
    QFETCH(double, interceptMinimum);
    QFETCH(double, interceptMaximum);

    const auto loss = test::parseLoss(spec);
    QVERIFY(loss);
    auto data = std::make_shared<Dataset>(*syntheticData(5003, true));
    if (separable) {
        // Class 1 exactly right of x = 0.3, so that steep lines through it classify all.
        for (Eigen::Index i = 0; i < data->size(); ++i)
            data->target[i] = data->feature[i] > 0.3 ? 1.0 : 0.0;
    }
    const LineObjective objective(data, loss, FeatureScaling::identity());

    LandscapeGrid grid;
    grid.slopeMinimum = slopeMinimum;
    grid.slopeMaximum = slopeMaximum;
    grid.interceptMinimum = interceptMinimum;
    grid.interceptMaximum = interceptMaximum;
    grid.slopeCount = 9;
    grid.interceptCount = 23;
    const std::optional<Landscape> landscape = computeLandscape(objective, grid);
    QVERIFY(landscape);
    for (int i = 0; i < grid.slopeCount; ++i) {
        for (int j = 0; j < grid.interceptCount; ++j) {
            const double expected =
                plainMeanLoss(*loss, *data, grid.slopeAt(i), grid.interceptAt(j));
            QVERIFY(expected > 0.0);
            COMPARE_NEAR(landscape->values(i, j), expected,
                         test::relativeTolerance(expected, 1e-12));
        }
    }
}

void TestLandscape::extremeInputsMatchPlainLoop_data()
{
    QTest::addColumn<QString>("spec");

    for (const char *spec :
         {"logcosh", "logcosh:scale=0.05", "cauchy:c=1e-3", "welsch", "tukey", "barron:alpha=10",
          "barron:alpha=2.5,c=1e-6", "barron:alpha=-3,c=1e-3", "bce", "focal", "focal:gamma=0.5",
          "exponential", "hinge"})
        QTest::newRow(spec) << QString::fromLatin1(spec);
}

void TestLandscape::extremeInputsMatchPlainLoop()
{
    // Errors and margins of several hundred units, beyond which exp(u) exp(b) would overflow:
    // the engine must fall back to the loss's own loop there and still match it, infinite
    // values (the exponential loss past a margin of -709) included.
    QFETCH(QString, spec);

    const auto loss = test::parseLoss(spec);
    QVERIFY(loss);
    const bool regression = loss->kind() == LossKind::Regression;
    const auto data = syntheticData(1500, !regression);
    const LineObjective objective(data, loss, FeatureScaling::identity());

    LandscapeGrid grid;
    grid.slopeMinimum = -150.0;
    grid.slopeMaximum = 170.0;
    grid.interceptMinimum = -900.0;
    grid.interceptMaximum = 650.0;
    grid.slopeCount = 9;
    grid.interceptCount = 11;
    const std::optional<Landscape> landscape = computeLandscape(objective, grid);
    QVERIFY(landscape);
    compareWithPlainLoop(*landscape, *loss, *data);
}

void TestLandscape::barronAcrossMagnitudesMatchesPlainLoop_data()
{
    QTest::addColumn<QString>("spec");

    // Shapes for the tables (alpha near 0 of both signs, near 2, large, negative down to -120,
    // whose series keeps 16 terms) and one beyond their reach (alpha = -200, whose series does
    // not converge within 40 terms on [0, 1/16]).
    for (const char *spec : {"barron:alpha=0.5", "barron:alpha=1e-9", "barron:alpha=-1e-9",
                             "barron:alpha=1.999", "barron:alpha=9.99", "barron:alpha=7,c=3",
                             "barron:alpha=-7", "barron:alpha=-60", "barron:alpha=-120",
                             "barron:alpha=-200"})
        QTest::newRow(spec) << QString::fromLatin1(spec);
}

void TestLandscape::barronAcrossMagnitudesMatchesPlainLoop()
{
    // Errors from 1e-160 to 1e60, so that (e / c)^2 crosses every binade the loss's tables
    // cover and runs past their end, in blocks of one size and in blocks that mix sizes.
    QFETCH(QString, spec);
    const auto loss = test::parseLoss(spec);
    QVERIFY(loss);
    auto data = std::make_shared<Dataset>();
    const int count = 1203;
    data->feature.resize(count);
    data->target.resize(count);
    for (int i = 0; i < count; ++i) {
        data->feature[i] = i / double(count);
        const double exponent = i < 800 ? -160.0 + 220.0 * i / 800.0 : -160.0 + 220.0 * ((i * 37) % 400) / 400.0;
        data->target[i] = (i % 3 == 0 ? -1.0 : 1.0) * std::pow(10.0, exponent) * (1.0 + 0.3 * std::sin(i));
    }
    const LineObjective objective(data, loss, FeatureScaling::identity());
    LandscapeGrid grid;
    grid.slopeMinimum = -2.0;
    grid.slopeMaximum = 2.0;
    grid.interceptMinimum = -1e-3;
    grid.interceptMaximum = 1e-3;
    grid.slopeCount = 5;
    grid.interceptCount = 7;
    const std::optional<Landscape> landscape = computeLandscape(objective, grid);
    QVERIFY(landscape);
    compareWithPlainLoop(*landscape, *loss, *data);
    // Above alpha = 2 the mean loss of errors near 1e60 exceeds the largest double, as the
    // plain loop's does; it is never undefined.
    QVERIFY(!landscape->values.hasNaN());
}

void TestLandscape::barronSmallErrorsMatchPlainLoop_data()
{
    QTest::addColumn<QString>("spec");

    for (const char *spec : {"barron:alpha=0.5", "barron:alpha=-3", "barron:alpha=1e-9",
                             "barron:alpha=1.999"})
        QTest::newRow(spec) << QString::fromLatin1(spec);
}

void TestLandscape::barronSmallErrorsMatchPlainLoop()
{
    // Every error below 1e-3, so that 1 + (e / c)^2 rounds away most of (e / c)^2's digits
    // at every node: the tables must keep the value accurate relative to (e / c)^2 itself.
    QFETCH(QString, spec);
    const auto loss = test::parseLoss(spec);
    QVERIFY(loss);
    auto data = std::make_shared<Dataset>();
    const int count = 1203;
    data->feature.resize(count);
    data->target.resize(count);
    for (int i = 0; i < count; ++i) {
        data->feature[i] = i / double(count);
        data->target[i] = 1e-4 * std::sin(0.37 * i) * std::pow(10.0, -(i % 9));
    }
    const LineObjective objective(data, loss, FeatureScaling::identity());
    LandscapeGrid grid;
    grid.slopeMinimum = -1e-4;
    grid.slopeMaximum = 1e-4;
    grid.interceptMinimum = -1e-5;
    grid.interceptMaximum = 1e-5;
    grid.slopeCount = 5;
    grid.interceptCount = 9;
    const std::optional<Landscape> landscape = computeLandscape(objective, grid);
    QVERIFY(landscape);
    compareWithPlainLoop(*landscape, *loss, *data);
}

void TestLandscape::overflowingErrorsMatchPlainLoop_data()
{
    QTest::addColumn<QString>("spec");

    for (const char *spec : {"barron:alpha=1,c=1e-6", "barron:alpha=-2,c=1e-6",
                             "barron:alpha=0.5,c=1e-6", "barron:alpha=-0.001,c=1e-6",
                             "barron:alpha=-inf,c=1e-6", "barron:alpha=2,c=1e-6",
                             "cauchy:c=1e-6", "welsch:c=1e-6", "geman_mcclure:c=1e-6"})
        QTest::newRow(spec) << QString::fromLatin1(spec);
}

void TestLandscape::overflowingErrorsMatchPlainLoop()
{
    // Targets near 1e150 with c = 1e-6: (e / c)^2 overflows. The kernels must give what the
    // loss gives sample by sample (finite values, checked against mpmath by the robust-loss
    // reference test), and never NaN.
    QFETCH(QString, spec);
    const auto loss = test::parseLoss(spec);
    QVERIFY(loss);
    auto data = std::make_shared<Dataset>();
    data->feature.resize(301);
    data->target.resize(301);
    for (int i = 0; i < 301; ++i) {
        data->feature[i] = -5.0 + i / 30.0;
        data->target[i] = 5e149 * (1.0 + 0.1 * data->feature[i]);
    }
    const LineObjective objective(data, loss, FeatureScaling::identity());
    LandscapeGrid grid;
    grid.slopeMinimum = 0.0;
    grid.slopeMaximum = 1e149;
    grid.interceptMinimum = 1e149;
    grid.interceptMaximum = 9e149;
    grid.slopeCount = 3;
    grid.interceptCount = 3;
    const std::optional<Landscape> landscape = computeLandscape(objective, grid);
    QVERIFY(landscape);
    compareWithPlainLoop(*landscape, *loss, *data);
    // Only the squared error itself, at alpha = 2, exceeds the largest double there.
    if (!spec.contains(QLatin1String("alpha=2"))) {
        QVERIFY2(landscape->values.allFinite(), "a node's mean loss is not finite");
        QVERIFY(landscape->maximumValue < 1e170);
    }
}

void TestLandscape::exactFitGivesZero_data()
{
    QTest::addColumn<QString>("spec");

    for (const char *spec : {"mae", "huber", "logcosh", "cauchy", "welsch", "tukey",
                             "geman_mcclure", "smooth_l1", "logcosh:scale=1e-3"})
        QTest::newRow(spec) << QString::fromLatin1(spec);
}

void TestLandscape::exactFitGivesZero()
{
    // Data exactly on the line y = 2 x + 1: at that node every loss is 0, and near it the
    // mean is tiny, so any cancellation in a kernel would show as a large relative error.
    QFETCH(QString, spec);

    const auto loss = test::parseLoss(spec);
    QVERIFY(loss);
    auto data = std::make_shared<Dataset>();
    data->feature.resize(301);
    data->target.resize(301);
    for (int k = 0; k < 301; ++k) {
        data->feature[k] = -3.0 + 0.02 * k;
        data->target[k] = 2.0 * data->feature[k] + 1.0;
    }
    const LineObjective objective(data, loss, FeatureScaling::identity());

    LandscapeGrid grid;
    grid.slopeMinimum = 2.0 - 1e-7;
    grid.slopeMaximum = 2.0 + 1e-7;
    grid.interceptMinimum = 1.0 - 3e-7;
    grid.interceptMaximum = 1.0 + 3e-7;
    grid.slopeCount = 3;
    grid.interceptCount = 5;
    const std::optional<Landscape> landscape = computeLandscape(objective, grid);
    QVERIFY(landscape);
    QCOMPARE(landscape->values(1, 2), 0.0);
    for (int i = 0; i < grid.slopeCount; ++i) {
        for (int j = 0; j < grid.interceptCount; ++j) {
            const double expected =
                plainMeanLoss(*loss, *data, grid.slopeAt(i), grid.interceptAt(j));
            COMPARE_NEAR(landscape->values(i, j), expected,
                         test::relativeTolerance(expected, 1e-12));
        }
    }
}

void TestLandscape::everyInstructionSetMatchesPlainLoop_data()
{
    QTest::addColumn<QString>("instructionSet");
    QTest::addColumn<QString>("spec");

    // The processor running the tests picks one instruction set. The others it can run are
    // forced here, so that each compiled version of the kernels is checked.
    const std::vector<QString> sets = LandscapeKernel::availableInstructionSets();
    QVERIFY(!sets.empty());
    for (const QString &set : sets) {
        for (const char *spec :
             {"mae", "huber:delta=1.3,scale=2", "tukey", "logcosh", "cauchy", "welsch",
              "barron:alpha=0.5", "barron:alpha=-inf", "bce:pos_weight=2", "focal",
              "focal:gamma=0.5", "modified_huber", "exponential"}) {
            QTest::addRow("%s %s", qPrintable(set), spec) << set << QString::fromLatin1(spec);
        }
    }
}

void TestLandscape::everyInstructionSetMatchesPlainLoop()
{
    QFETCH(QString, instructionSet);
    QFETCH(QString, spec);

    QVERIFY(LandscapeKernel::restrictInstructionSet(instructionSet));
    QCOMPARE(QString::fromLatin1(LandscapeKernel::instructionSet()), instructionSet);
    const auto loss = test::parseLoss(spec);
    QVERIFY(loss);
    const bool regression = loss->kind() == LossKind::Regression;
    const auto data = syntheticData(1037, !regression);
    const LineObjective objective(data, loss, FeatureScaling::identity());

    LandscapeGrid grid;
    grid.slopeMinimum = -1.3;
    grid.slopeMaximum = 3.7;
    grid.interceptMinimum = -4.1;
    grid.interceptMaximum = 6.3;
    grid.slopeCount = 5;
    grid.interceptCount = 7;
    const std::optional<Landscape> landscape = computeLandscape(objective, grid);
    QVERIFY(LandscapeKernel::restrictInstructionSet(QString()));
    QVERIFY(landscape);
    for (int i = 0; i < grid.slopeCount; ++i) {
        for (int j = 0; j < grid.interceptCount; ++j) {
            const double expected =
                plainMeanLoss(*loss, *data, grid.slopeAt(i), grid.interceptAt(j));
            COMPARE_NEAR(landscape->values(i, j), expected,
                         test::relativeTolerance(expected, 1e-12));
        }
    }
}

void TestLandscape::dataUnitsMatchPlainLoop_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("featureShift");

    for (const char *spec : {"mse", "huber:delta=1", "logcosh", "bce"}) {
        QTest::addRow("%s near zero", spec) << QString::fromLatin1(spec) << 0.0;
        QTest::addRow("%s shifted by 1e6", spec) << QString::fromLatin1(spec) << 1e6;
    }
}

void TestLandscape::dataUnitsMatchPlainLoop()
{
    // A standardizing objective evaluated on a data-unit grid equals the plain loop over the
    // raw data, also for a feature far from zero, where the training coordinates' w' x' + b'
    // would round every error differently.
    QFETCH(QString, spec);
    QFETCH(double, featureShift);

    const auto loss = test::parseLoss(spec);
    QVERIFY(loss);
    const bool regression = loss->kind() == LossKind::Regression;
    const auto data = syntheticData(3001, !regression, featureShift);
    const LineObjective objective(data, loss, FeatureScaling::standardizing(data->feature));

    // Lines near the data's own: slope about 2, intercept about 1 - 2 shift.
    LandscapeGrid grid;
    grid.slopeMinimum = regression ? 1.5 : -0.5;
    grid.slopeMaximum = regression ? 2.5 : 1.5;
    grid.interceptMinimum = (regression ? -2.0 : -3.0) - 2.0 * featureShift;
    grid.interceptMaximum = (regression ? 4.0 : 3.0) - 2.0 * featureShift;
    grid.slopeCount = 9;
    grid.interceptCount = 7;
    const std::optional<Landscape> landscape = computeLandscapeInDataUnits(objective, grid);
    QVERIFY(landscape);
    QCOMPARE(landscape->values.rows(), Eigen::Index(9));
    QCOMPARE(landscape->values.cols(), Eigen::Index(7));
    COMPARE_NEAR(landscape->grid.slopeMinimum, grid.slopeMinimum, 0.0);
    COMPARE_NEAR(landscape->grid.interceptMaximum, grid.interceptMaximum, 0.0);
    for (int i = 0; i < grid.slopeCount; ++i) {
        for (int j = 0; j < grid.interceptCount; ++j) {
            const double expected =
                plainMeanLoss(*loss, *data, grid.slopeAt(i), grid.interceptAt(j));
            COMPARE_NEAR(landscape->values(i, j), expected,
                         test::relativeTolerance(expected, 1e-12));
        }
    }
}

void TestLandscape::dataUnitsKeepTrainingPenalty()
{
    // The penalty of a composite acts on the training weight w' = s w, so the data-unit
    // landscape adds l2 (s w)^2 to the plain mean loss, not l2 w^2.
    const auto loss = test::parseLoss(QStringLiteral("huber + l2(0.1)"));
    QVERIFY(loss);
    const auto huber = test::parseLoss(QStringLiteral("huber"));
    const auto data = test::stackLossData();
    const FeatureScaling scaling = FeatureScaling::standardizing(data->feature);
    QVERIFY(scaling.scale > 5.0);
    const LineObjective objective(data, loss, scaling);

    LandscapeGrid grid;
    grid.slopeMinimum = -0.5;
    grid.slopeMaximum = 2.0;
    grid.interceptMinimum = -60.0;
    grid.interceptMaximum = 10.0;
    grid.slopeCount = 6;
    grid.interceptCount = 5;
    const std::optional<Landscape> landscape = computeLandscapeInDataUnits(objective, grid);
    QVERIFY(landscape);
    for (int i = 0; i < grid.slopeCount; ++i) {
        const double w = grid.slopeAt(i);
        const double trainingWeight = scaling.scale * w;
        for (int j = 0; j < grid.interceptCount; ++j) {
            const double b = grid.interceptAt(j);
            const double expected =
                plainMeanLoss(*huber, *data, w, b) + 0.1 * trainingWeight * trainingWeight;
            COMPARE_NEAR(landscape->values(i, j), expected,
                         test::relativeTolerance(expected, 1e-12));
            // The same node in training coordinates gives the same mean loss.
            const Eigen::Vector2d theta = objective.fromDataUnits({w, b});
            COMPARE_NEAR(objective.value(theta), expected, test::relativeTolerance(expected, 1e-9));
        }
    }
}

void TestLandscape::mseExactFarFromOrigin()
{
    // The stack loss data moved 1e9 units away on both axes. Near the minimum each error is a
    // difference of numbers near 1e9, so a plain double loop loses about 1e9 eps = 2e-7 of
    // each error of about 3, which is 1e-7 relative. The reference sums in long double (64-bit
    // mantissa), and the centred sums of the MSE landscape must agree with it to 1e-11.
    const auto base = test::stackLossData();
    Eigen::VectorXd feature = base->feature.array() + 1e9;
    Eigen::VectorXd target = base->target.array() + 1e9;
    auto shifted = std::make_shared<Dataset>(*base);
    shifted->feature = feature;
    shifted->target = target;
    const std::shared_ptr<const Dataset> data = shifted;
    const LineObjective objective(data, test::parseLoss(QStringLiteral("mse")),
                                  FeatureScaling::identity());
    const Eigen::Vector2d line = leastSquaresLine(objective);

    LandscapeGrid grid;
    grid.slopeMinimum = line[0] - 1e-9;
    grid.slopeMaximum = line[0] + 1e-9;
    grid.interceptMinimum = line[1] - 5.0;
    grid.interceptMaximum = line[1] + 5.0;
    grid.slopeCount = 9;
    grid.interceptCount = 9;
    const std::optional<Landscape> landscape = computeLandscape(objective, grid);
    QVERIFY(landscape);

    for (int i = 0; i < grid.slopeCount; ++i) {
        for (int j = 0; j < grid.interceptCount; ++j) {
            const long double w = grid.slopeAt(i);
            const long double b = grid.interceptAt(j);
            long double sum = 0.0L;
            for (int k = 0; k < 21; ++k) {
                const long double error = w * (long double)feature[k] + b - (long double)target[k];
                sum += error * error;
            }
            const double expected = double(sum / 21.0L);
            COMPARE_NEAR(landscape->values(i, j), expected,
                         test::relativeTolerance(expected, 1e-11));
        }
    }
}

void TestLandscape::mseOverflowIsInfinite()
{
    // Slopes of +-1e200 square to beyond the largest double. The sums' form then meets
    // inf - inf, and every such node must read +inf, as the plain loop's mean does, never NaN.
    const LineObjective objective(test::stackLossData(), test::parseLoss(QStringLiteral("mse")),
                                  FeatureScaling::identity());
    LandscapeGrid grid;
    grid.slopeMinimum = -1e200;
    grid.slopeMaximum = 1e200;
    grid.interceptMinimum = 0.0;
    grid.interceptMaximum = 1.0;
    grid.slopeCount = 3;
    grid.interceptCount = 3;
    const std::optional<Landscape> landscape = computeLandscape(objective, grid);
    QVERIFY(landscape);
    for (int i = 0; i < grid.slopeCount; ++i) {
        for (int j = 0; j < grid.interceptCount; ++j) {
            const double value = landscape->values(i, j);
            QVERIFY2(!std::isnan(value), qPrintable(QStringLiteral("node %1, %2").arg(i).arg(j)));
            if (i != 1)
                QCOMPARE(value, std::numeric_limits<double>::infinity());
        }
    }
}

void TestLandscape::gridEndsExact_data()
{
    QTest::addColumn<double>("minimum");
    QTest::addColumn<double>("maximum");
    QTest::addColumn<int>("count");

    // Ranges whose width is not a double multiple of the spacing, where minimum + width * i /
    // (n - 1) can miss the maximum by an ulp.
    QTest::newRow("range -0.3..0.7 n=7") << -0.3 << 0.7 << 7;
    QTest::newRow("range 0.1..0.3 n=3") << 0.1 << 0.3 << 3;
    QTest::newRow("range -44.13..-44.1 n=101") << -44.13 << -44.1 << 101;
    QTest::newRow("range 1e-9..3.3 n=2") << 1e-9 << 3.3 << 2;
    QTest::newRow("range -1e6..0.1 n=257") << -1e6 << 0.1 << 257;
}

void TestLandscape::gridEndsExact()
{
    QFETCH(double, minimum);
    QFETCH(double, maximum);
    QFETCH(int, count);

    LandscapeGrid grid;
    grid.slopeMinimum = minimum;
    grid.slopeMaximum = maximum;
    grid.interceptMinimum = minimum;
    grid.interceptMaximum = maximum;
    grid.slopeCount = count;
    grid.interceptCount = count;
    QVERIFY(grid.isValid());

    COMPARE_NEAR(grid.slopeAt(0), minimum, 0.0);
    COMPARE_NEAR(grid.slopeAt(count - 1), maximum, 0.0);
    COMPARE_NEAR(grid.interceptAt(0), minimum, 0.0);
    COMPARE_NEAR(grid.interceptAt(count - 1), maximum, 0.0);
    for (int i = 1; i < count; ++i) {
        QVERIFY(grid.slopeAt(i) > grid.slopeAt(i - 1));
        QVERIFY(grid.interceptAt(i) > grid.interceptAt(i - 1));
    }
    // Nodes are evenly spaced, up to rounding relative to the range's magnitude.
    const double spacing = (maximum - minimum) / (count - 1);
    const double magnitude = std::max(std::abs(minimum), std::abs(maximum));
    for (int i = 0; i < count; ++i)
        COMPARE_NEAR(grid.slopeAt(i), minimum + spacing * i, 8 * test::epsilon * magnitude);
}

void TestLandscape::gridValidity()
{
    LandscapeGrid grid;
    QVERIFY(grid.isValid());

    LandscapeGrid oneColumn = grid;
    oneColumn.slopeCount = 1;
    QVERIFY(!oneColumn.isValid());

    LandscapeGrid reversed = grid;
    reversed.interceptMinimum = 2.0;
    QVERIFY(!reversed.isValid());

    LandscapeGrid empty = grid;
    empty.slopeMaximum = empty.slopeMinimum;
    QVERIFY(!empty.isValid());

    LandscapeGrid infinite = grid;
    infinite.interceptMaximum = std::numeric_limits<double>::infinity();
    QVERIFY(!infinite.isValid());

    LandscapeGrid notANumber = grid;
    notANumber.slopeMinimum = std::numeric_limits<double>::quiet_NaN();
    QVERIFY(!notANumber.isValid());
}

void TestLandscape::stopRequested()
{
    const auto data = test::stackLossData();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("mse")),
                                  FeatureScaling::identity());
    LandscapeGrid grid;
    grid.slopeCount = 64;
    grid.interceptCount = 64;

    std::stop_source source;
    source.request_stop();
    QVERIFY(!computeLandscape(objective, grid, source.get_token()));

    // The same call without a stop request finishes.
    QVERIFY(computeLandscape(objective, grid, std::stop_source().get_token()));
}

void TestLandscape::stopCheckedEachBlock()
{
    // A stop requested during a row ends the computation within a block: every worker finishes
    // at most the current block's sums for the row's intercepts.
    std::stop_source source;
    constexpr int interceptCount = 16;
    auto loss = std::make_shared<StoppingLoss>(source, 40);
    const auto data = syntheticData(100'000, false);
    const LineObjective objective(data, loss, FeatureScaling::identity());
    LandscapeGrid grid;
    grid.slopeCount = 8;
    grid.interceptCount = interceptCount;

    QVERIFY(!computeLandscape(objective, grid, source.get_token()));
    const int workers = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 16u));
    QVERIFY2(loss->calls() <= 40 + workers * interceptCount,
             qPrintable(QString::number(loss->calls())));
}

void TestLandscape::automaticGridContainsStart_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("standardize");
    QTest::addColumn<double>("startSlope");
    QTest::addColumn<double>("startIntercept");

    QTest::newRow("mse identity origin") << "mse" << false << 0.0 << 0.0;
    QTest::newRow("mse identity far start") << "mse" << false << 40.0 << -900.0;
    QTest::newRow("mse standardizing origin") << "mse" << true << 0.0 << 0.0;
    QTest::newRow("mse standardizing far start") << "mse" << true << -75.0 << 300.0;
    QTest::newRow("mae standardizing near line") << "mae" << true << 9.0 << 17.5;
    QTest::newRow("huber identity origin") << "huber:delta=1.3" << false << 0.0 << 0.0;
}

void TestLandscape::automaticGridContainsStart()
{
    QFETCH(QString, spec);
    QFETCH(bool, standardize);
    QFETCH(double, startSlope);
    QFETCH(double, startIntercept);

    const auto data = test::stackLossData();
    const FeatureScaling scaling =
        standardize ? FeatureScaling::standardizing(data->feature) : FeatureScaling::identity();
    const LineObjective objective(data, test::parseLoss(spec), scaling);
    const Eigen::Vector2d start(startSlope, startIntercept);
    const LandscapeGrid grid = automaticGrid(objective, start, 81);

    QVERIFY(grid.isValid());
    QCOMPARE(grid.slopeCount, 81);
    QCOMPARE(grid.interceptCount, 81);
    QVERIFY(gridContains(grid, start));
    const Eigen::Vector2d line = leastSquaresLine(objective);
    QVERIFY2(gridContains(grid, line),
             qPrintable(QStringLiteral("least-squares line (%1, %2) outside the grid")
                            .arg(line[0])
                            .arg(line[1])));
    // The start is strictly inside, not on an edge, so its marker is fully visible.
    QVERIFY(grid.slopeMinimum < start[0] && start[0] < grid.slopeMaximum);
    QVERIFY(grid.interceptMinimum < start[1] && start[1] < grid.interceptMaximum);
}

void TestLandscape::automaticGridClassification()
{
    // Classification losses centre the grid on the origin, a logit of 0 everywhere, because
    // the least-squares line of 0/1 labels means nothing for them. The start must still fit.
    const auto data = test::makeDataset({-1.0, 0.5, 1.0, 2.0, 3.5}, {0, 1, 0, 1, 1});
    const LineObjective objective(data, test::parseLoss(QStringLiteral("bce")),
                                  FeatureScaling::standardizing(data->feature));
    for (const Eigen::Vector2d &start : {Eigen::Vector2d(0.0, 0.0), Eigen::Vector2d(30.0, -40.0)}) {
        const LandscapeGrid grid = automaticGrid(objective, start, 33);
        QVERIFY(grid.isValid());
        QVERIFY(gridContains(grid, start));
        QVERIFY(gridContains(grid, Eigen::Vector2d::Zero()));
    }
}

void TestLandscape::automaticGridFollowsRobustFit_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("standardize");
    QTest::addColumn<bool>("outliersAtEnd");

    for (const char *spec : {"tukey", "welsch", "geman_mcclure", "barron:alpha=-1"}) {
        QTest::newRow(qPrintable(QStringLiteral("%1 identity").arg(spec)))
            << QString::fromLatin1(spec) << false << false;
        QTest::newRow(qPrintable(QStringLiteral("%1 standardizing").arg(spec)))
            << QString::fromLatin1(spec) << true << false;
    }
    // Outliers at the largest x pull a least-absolute-deviations line through them too.
    QTest::newRow("tukey outliers at the end") << QStringLiteral("tukey") << true << true;
    QTest::newRow("welsch outliers at the end") << QStringLiteral("welsch") << false << true;
}

void TestLandscape::automaticGridFollowsRobustFit()
{
    // A quarter of the points are outliers at y = -200, which pull the least-squares line far
    // from the others and inflate the target's spread. A non-convex loss is level across most
    // of a view sized from them. Its valley around y = 2 x + 1 must fill about as large a share
    // of the automatic view as it does without the outliers, and its minimum must lie in it.
    QFETCH(QString, spec);
    QFETCH(bool, standardize);
    QFETCH(bool, outliersAtEnd);
    const auto isOutlier = [outliersAtEnd](int i) { return outliersAtEnd ? i >= 30 : i % 4 == 0; };
    const auto valleyShare = [&](bool withOutliers) {
        auto data = std::make_shared<Dataset>();
        std::vector<double> feature;
        std::vector<double> target;
        for (int i = 0; i < 40; ++i) {
            const double x = 0.25 * i;
            if (isOutlier(i) && !withOutliers)
                continue;
            feature.push_back(x);
            target.push_back(isOutlier(i) ? -200.0 : 2.0 * x + 1.0 + 0.3 * std::sin(double(i)));
        }
        data->feature = Eigen::Map<const Eigen::VectorXd>(feature.data(), Eigen::Index(feature.size()));
        data->target = Eigen::Map<const Eigen::VectorXd>(target.data(), Eigen::Index(target.size()));
        const FeatureScaling scaling = standardize ? FeatureScaling::standardizing(data->feature)
                                                   : FeatureScaling::identity();
        const LineObjective objective(data, test::parseLoss(spec), scaling);
        const LandscapeGrid grid = automaticGrid(objective, Eigen::Vector2d::Zero(), 41);
        if (!grid.isValid() || !gridContains(grid, Eigen::Vector2d::Zero()) ||
            !gridContains(grid, objective.fromDataUnits({2.0, 1.0})))
            return -1.0;
        const std::optional<Landscape> landscape = computeLandscape(objective, grid);
        if (!landscape)
            return -1.0;
        const Eigen::MatrixXd &values = landscape->values;
        const double lowest = values.minCoeff();
        const double highest = values.maxCoeff();
        return double((values.array() < lowest + 0.5 * (highest - lowest)).count()) /
               double(values.size());
    };
    const double clean = valleyShare(false);
    const double withOutliers = valleyShare(true);
    QVERIFY2(clean > 0.0, qPrintable(QString::number(clean)));
    QVERIFY2(withOutliers >= 0.5 * clean,
             qPrintable(QStringLiteral("%1 against %2 without the outliers").arg(withOutliers).arg(clean)));
}

void TestLandscape::automaticGridContainsLowerMinimum_data()
{
    QTest::addColumn<QString>("spec");
    // Small scales fit the majority's line, large ones a line near the least-squares one.
    for (const char *spec : {"tukey", "welsch", "cauchy", "cauchy:c=20", "welsch:c=50",
                             "geman_mcclure:c=30"})
        QTest::newRow(spec) << QString::fromLatin1(spec);
}

void TestLandscape::automaticGridContainsLowerMinimum()
{
    // Outliers at the largest x, where the majority's line and the least-squares line are far
    // apart. Whichever has the lower minimum of the loss near it, the automatic view contains
    // that minimum: the lower of the searches from the two lines.
    QFETCH(QString, spec);
    auto data = std::make_shared<Dataset>();
    data->feature = Eigen::VectorXd::LinSpaced(40, 0.0, 10.0);
    data->target = Eigen::VectorXd(40);
    for (Eigen::Index i = 0; i < 40; ++i)
        data->target[i] = i >= 30 ? -40.0 + std::sin(double(i))
                                  : 2.0 * data->feature[i] + 1.0 + 0.5 * std::sin(double(i));
    const LineObjective objective(data, test::parseLoss(spec), FeatureScaling::standardizing(data->feature));
    const MinimumResult fromLeastSquares = findMinimum(objective, leastSquaresLine(objective));
    const MinimumResult fromMajority = findMinimum(objective, objective.fromDataUnits({2.0, 1.0}));
    const MinimumResult &lower =
        fromLeastSquares.value <= fromMajority.value ? fromLeastSquares : fromMajority;
    const LandscapeGrid grid = automaticGrid(objective, Eigen::Vector2d::Zero(), 41);
    QVERIFY2(gridContains(grid, lower.theta),
             qPrintable(QStringLiteral("minimum %1 at (%2, %3), view w %4:%5, b %6:%7")
                            .arg(lower.value)
                            .arg(lower.theta[0])
                            .arg(lower.theta[1])
                            .arg(grid.slopeMinimum)
                            .arg(grid.slopeMaximum)
                            .arg(grid.interceptMinimum)
                            .arg(grid.interceptMaximum)));
}

void TestLandscape::automaticGridInDataUnits_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("standardize");
    QTest::addColumn<double>("startSlope");
    QTest::addColumn<double>("startIntercept");

    QTest::newRow("mse identity origin") << "mse" << false << 0.0 << 0.0;
    QTest::newRow("huber standardizing origin") << "huber:delta=1.3" << true << 0.0 << 0.0;
    QTest::newRow("mae standardizing far start") << "mae" << true << -3.0 << 200.0;
}

void TestLandscape::automaticGridInDataUnits()
{
    QFETCH(QString, spec);
    QFETCH(bool, standardize);
    QFETCH(double, startSlope);
    QFETCH(double, startIntercept);

    const auto data = test::stackLossData();
    const FeatureScaling scaling =
        standardize ? FeatureScaling::standardizing(data->feature) : FeatureScaling::identity();
    const LineObjective objective(data, test::parseLoss(spec), scaling);
    const LineParameters start{startSlope, startIntercept};
    const LandscapeGrid grid = losslens::automaticGridInDataUnits(objective, start, 21);
    const LandscapeGrid training = automaticGrid(objective, objective.fromDataUnits(start), 21);
    QVERIFY(grid.isValid());
    QCOMPARE(grid.slopeCount, 21);
    QCOMPARE(grid.interceptCount, 21);

    if (!standardize) {
        COMPARE_NEAR(grid.slopeMinimum, training.slopeMinimum, 0.0);
        COMPARE_NEAR(grid.slopeMaximum, training.slopeMaximum, 0.0);
        COMPARE_NEAR(grid.interceptMinimum, training.interceptMinimum, 0.0);
        COMPARE_NEAR(grid.interceptMaximum, training.interceptMaximum, 0.0);
    }
    // Every corner of the training grid lies in the data-unit box, and each side of the box
    // touches a corner, so the box is the smallest one.
    bool touches[4] = {false, false, false, false};
    for (const double w : {training.slopeMinimum, training.slopeMaximum}) {
        for (const double b : {training.interceptMinimum, training.interceptMaximum}) {
            const LineParameters corner = objective.toDataUnits({w, b});
            QVERIFY(grid.slopeMinimum <= corner.slope && corner.slope <= grid.slopeMaximum);
            QVERIFY(grid.interceptMinimum <= corner.intercept &&
                    corner.intercept <= grid.interceptMaximum);
            touches[0] = touches[0] || corner.slope == grid.slopeMinimum;
            touches[1] = touches[1] || corner.slope == grid.slopeMaximum;
            touches[2] = touches[2] || corner.intercept == grid.interceptMinimum;
            touches[3] = touches[3] || corner.intercept == grid.interceptMaximum;
        }
    }
    for (const bool touched : touches)
        QVERIFY(touched);
    // The start and the least-squares line, in data units, are inside.
    QVERIFY(grid.slopeMinimum < startSlope && startSlope < grid.slopeMaximum);
    QVERIFY(grid.interceptMinimum < startIntercept && startIntercept < grid.interceptMaximum);
    const LineParameters line = objective.toDataUnits(leastSquaresLine(objective));
    QVERIFY(grid.slopeMinimum < line.slope && line.slope < grid.slopeMaximum);
    QVERIFY(grid.interceptMinimum < line.intercept && line.intercept < grid.interceptMaximum);
}

void TestLandscape::everyLineLossHasKernel()
{
    // Formulas are user expressions and have no kernel. Cross-entropy needs more than the
    // line's one logit, so it has no landscape.
    const auto regressionData = syntheticData(50, false);
    const auto classificationData = syntheticData(50, true);
    for (const QString &name : LossCatalogue::names()) {
        if (name == QLatin1String("cross_entropy") || name == QLatin1String("formula"))
            continue;
        const auto loss = test::parseLoss(name);
        QVERIFY2(loss, qPrintable(name));
        const auto &data =
            loss->kind() == LossKind::Regression ? regressionData : classificationData;
        QVERIFY2(LandscapeKernel::create(*loss, data->feature, data->target), qPrintable(name));
    }
}

void TestLandscape::nestedGridsHalveSpacing()
{
    LandscapeGrid grid;
    grid.slopeMinimum = -3.7;
    grid.slopeMaximum = 11.3;
    grid.interceptMinimum = -0.1;
    grid.interceptMaximum = 0.3;
    grid.slopeCount = 161;
    grid.interceptCount = 81;
    const std::vector<LandscapeGrid> nested = nestedGrids(grid, 6);
    QCOMPARE(nested.size(), size_t(4));
    const int slopeCounts[] = {11, 21, 41, 81};
    const int interceptCounts[] = {6, 11, 21, 41};
    for (size_t k = 0; k < nested.size(); ++k) {
        QCOMPARE(nested[k].slopeCount, slopeCounts[k]);
        QCOMPARE(nested[k].interceptCount, interceptCounts[k]);
        QVERIFY(isNestedGrid(nested[k], grid));
        // Every coarse node is the same double as its fine node.
        const int rowStep = (grid.slopeCount - 1) / (nested[k].slopeCount - 1);
        const int columnStep = (grid.interceptCount - 1) / (nested[k].interceptCount - 1);
        for (int i = 0; i < nested[k].slopeCount; ++i)
            QCOMPARE(nested[k].slopeAt(i), grid.slopeAt(i * rowStep));
        for (int j = 0; j < nested[k].interceptCount; ++j)
            QCOMPARE(nested[k].interceptAt(j), grid.interceptAt(j * columnStep));
    }

    LandscapeGrid even = grid;
    even.slopeCount = 200;
    QVERIFY(nestedGrids(even, 6).empty());
}

void TestLandscape::nestedGridNeedsPowerOfTwo()
{
    LandscapeGrid fine;
    fine.slopeCount = 61;
    fine.interceptCount = 61;
    LandscapeGrid coarse = fine;
    coarse.slopeCount = 31;
    coarse.interceptCount = 16;
    QVERIFY(isNestedGrid(coarse, fine));
    QVERIFY(isNestedGrid(fine, fine));

    // With a spacing ratio of 3 the nodes may differ from the fine ones by rounding.
    LandscapeGrid third = fine;
    third.slopeCount = 21;
    QVERIFY(!isNestedGrid(third, fine));
    LandscapeGrid uneven = fine;
    uneven.interceptCount = 26;
    QVERIFY(!isNestedGrid(uneven, fine));
    LandscapeGrid shifted = coarse;
    shifted.slopeMaximum = 1.0 + 1e-15;
    QVERIFY(!isNestedGrid(shifted, fine));
    QVERIFY(!isNestedGrid(fine, coarse));
}

void TestLandscape::firstPassFitsTime()
{
    LandscapeGrid grid;
    grid.slopeCount = 161;
    grid.interceptCount = 161;
    const auto side = [&](double secondsPerNode) {
        const std::optional<LandscapeGrid> first = firstPassGrid(grid, secondsPerNode, 0.005, 6, 41);
        return first ? first->slopeCount : 0;
    };
    // With no cost known yet the largest allowed grid, 41 x 41 nested in 161 x 161.
    QCOMPARE(side(0.0), 41);
    // 41 x 41 nodes at 2.9 us each take 4.9 ms; at 3.1 us they would take 5.2 ms.
    QCOMPARE(side(2.9e-6), 41);
    QCOMPARE(side(3.1e-6), 21);
    QCOMPARE(side(1e-5), 21);
    QCOMPARE(side(2e-5), 11);
    // Beyond the budget even for the coarsest grid, the coarsest one.
    QCOMPARE(side(1.0), 6);
    QCOMPARE(side(std::numeric_limits<double>::quiet_NaN()), 6);

    LandscapeGrid even = grid;
    even.slopeCount = 160;
    QVERIFY(!firstPassGrid(even, 0.0, 0.005, 6, 41));
}

void TestLandscape::refinedMatchesFull_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("coarseCount");

    // The kernels with run-time choices per group of intercepts (log products, the focal
    // loss's far samples), MSE from its sums, and a formula, which has no kernel.
    for (const char *spec : {"mse", "huber:delta=1.3", "logcosh:scale=0.05", "tukey:c=4.685",
                             "barron:alpha=0.5", "formula:log(1+e^2/4)", "bce:pos_weight=3",
                             "focal:gamma=2,alpha=0.25"}) {
        for (const int coarseCount : {5, 17, 33})
            QTest::addRow("%s from %d", spec, coarseCount) << QString::fromLatin1(spec)
                                                           << coarseCount;
    }
}

void TestLandscape::refinedMatchesFull()
{
    QFETCH(QString, spec);
    QFETCH(int, coarseCount);

    const auto loss = test::parseLoss(spec);
    QVERIFY(loss);
    const bool regression = loss->kind() == LossKind::Regression;
    const auto data = syntheticData(3001, !regression);
    const LineObjective objective(data, loss, FeatureScaling::standardizing(data->feature));
    LandscapeGrid grid = automaticGrid(objective, Eigen::Vector2d::Zero(), 65);
    LandscapeGrid coarseGrid = grid;
    coarseGrid.slopeCount = coarseCount;
    coarseGrid.interceptCount = coarseCount;
    QVERIFY(isNestedGrid(coarseGrid, grid));

    const std::optional<Landscape> coarse = computeLandscape(objective, coarseGrid);
    QVERIFY(coarse);
    const std::optional<Landscape> refined = refineLandscape(objective, *coarse, grid);
    const std::optional<Landscape> full = computeLandscape(objective, grid);
    QVERIFY(refined && full);
    QCOMPARE(refined->values.rows(), Eigen::Index(grid.slopeCount));
    QCOMPARE(refined->values.cols(), Eigen::Index(grid.interceptCount));
    const int step = (grid.slopeCount - 1) / (coarseCount - 1);
    for (int i = 0; i < grid.slopeCount; ++i) {
        for (int j = 0; j < grid.interceptCount; ++j) {
            const double value = refined->values(i, j);
            if (i % step == 0 && j % step == 0)
                QCOMPARE(value, coarse->values(i / step, j / step));
            COMPARE_NEAR(value, full->values(i, j),
                         test::relativeTolerance(full->values(i, j), 1e-12));
        }
    }
    // Spot checks against the definition, across the grid, on the raw feature: the line in data
    // units rounds differently, hence the wider tolerance.
    for (const auto &[i, j] : {std::pair{0, 0}, {1, 63}, {32, 33}, {64, 1}, {63, 64}}) {
        const LineParameters line = objective.toDataUnits({grid.slopeAt(i), grid.interceptAt(j)});
        const double expected = plainMeanLoss(*loss, *data, line.slope, line.intercept);
        COMPARE_NEAR(refined->values(i, j), expected, test::relativeTolerance(expected, 1e-10));
    }
    QCOMPARE(refined->minimumValue, refined->values.minCoeff());
    QCOMPARE(refined->maximumValue, refined->values.maxCoeff());
}

void TestLandscape::refineWithoutNestingComputesAll()
{
    const auto loss = test::parseLoss(QStringLiteral("huber"));
    const auto data = syntheticData(500, false);
    const LineObjective objective(data, loss, FeatureScaling::identity());
    LandscapeGrid grid = automaticGrid(objective, Eigen::Vector2d::Zero(), 30);
    LandscapeGrid other = grid;
    other.slopeCount = 10;
    other.interceptCount = 10;
    QVERIFY(!isNestedGrid(other, grid));
    const std::optional<Landscape> coarse = computeLandscape(objective, other);
    QVERIFY(coarse);
    const std::optional<Landscape> refined = refineLandscape(objective, *coarse, grid);
    const std::optional<Landscape> full = computeLandscape(objective, grid);
    QVERIFY(refined && full);
    QCOMPARE(refined->values, full->values);
}

QTEST_GUILESS_MAIN(TestLandscape)
#include "tst_landscape.moc"
