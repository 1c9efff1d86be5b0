#include "numericcheck.h"
#include "testdata.h"

#include "core/gridstartedminimum.h"
#include "core/losscatalogue.h"
#include "core/minimizer.h"
#include "core/syntheticdata.h"

#include <QTest>

#include <cmath>
#include <memory>
#include <numbers>
#include <stop_token>

using namespace losslens;
using losslens::test::epsilon;

namespace {

std::shared_ptr<const Dataset> syntheticData(std::uint64_t seed)
{
    SyntheticSettings settings;
    settings.count = 60;
    settings.slope = -0.7;
    settings.intercept = 3.0;
    settings.featureMinimum = 10.0;
    settings.featureMaximum = 30.0;
    settings.seed = seed;
    return std::make_shared<const Dataset>(generateSyntheticData(settings));
}

std::shared_ptr<const Dataset> dataNamed(const QString &name)
{
    if (name == QLatin1String("stack loss"))
        return test::stackLossData();
    return syntheticData(3);
}

// Least-squares line in data units from the textbook formulas slope = cov(x, y) / var(x) and
// intercept = mean(y) - slope mean(x), with no linear algebra library involved.
LineParameters closedFormLine(const Dataset &data)
{
    const double n = static_cast<double>(data.size());
    double meanX = 0.0;
    double meanY = 0.0;
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        meanX += data.feature[i] / n;
        meanY += data.target[i] / n;
    }
    double covariance = 0.0;
    double variance = 0.0;
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        covariance += (data.feature[i] - meanX) * (data.target[i] - meanY);
        variance += (data.feature[i] - meanX) * (data.feature[i] - meanX);
    }
    const double slope = covariance / variance;
    return {slope, meanY - slope * meanX};
}

// Fails unless no point at distance radius from theta, in 16 directions around the circle,
// has a lower mean loss than theta. The slack covers the rounding of the mean, a few eps
// relative to the value, so a flat minimum (MAE) passes but a real descent direction does not.
void verifyNoLowerNeighbour(const LineObjective &objective, const Eigen::Vector2d &theta,
                            double radius)
{
    const double centre = objective.value(theta);
    const double slack = 16 * epsilon * std::abs(centre);
    for (int k = 0; k < 16; ++k) {
        const double angle = 2.0 * std::numbers::pi * k / 16.0;
        const Eigen::Vector2d neighbour =
            theta + radius * Eigen::Vector2d(std::cos(angle), std::sin(angle));
        const double value = objective.value(neighbour);
        QVERIFY2(value >= centre - slack,
                 qPrintable(QStringLiteral("L(%1, %2) = %3 is below L(minimum) = %4")
                                .arg(neighbour[0], 0, 'g', 17)
                                .arg(neighbour[1], 0, 'g', 17)
                                .arg(value, 0, 'g', 17)
                                .arg(centre, 0, 'g', 17)));
    }
}

} // namespace

class TestMinimizer : public QObject
{
    Q_OBJECT

private slots:
    void mseMatchesLeastSquares_data();
    void mseMatchesLeastSquares();
    void robustMinimumOptimal_data();
    void robustMinimumOptimal();
    void maeThreePoints();
    void huberLargeDeltaMatchesLeastSquares();
    void bceSeparableNotAttained_data();
    void bceSeparableNotAttained();
    void bceOverlappingGlobal_data();
    void bceOverlappingGlobal();
    void bceConstantFeature();
    void cancelledSearch();
    void rawFeatureFarFromOrigin();
    void hugeTargetsHuber();
    void unboundedFormulaNotAttained();
    void fallingFormulaNotAttained_data();
    void fallingFormulaNotAttained();
    void lossWithMinimumKeepsIt_data();
    void lossWithMinimumKeepsIt();
    void endlessFallOfFunctions_data();
    void endlessFallOfFunctions();
    void exactZeroMinimumKept_data();
    void exactZeroMinimumKept();
    void equalTargetsGiveExactZero();
};

void TestMinimizer::mseMatchesLeastSquares_data()
{
    QTest::addColumn<QString>("dataName");
    QTest::addColumn<bool>("standardize");

    QTest::newRow("stack loss identity") << "stack loss" << false;
    QTest::newRow("stack loss standardizing") << "stack loss" << true;
    QTest::newRow("synthetic identity") << "synthetic" << false;
    QTest::newRow("synthetic standardizing") << "synthetic" << true;
}

void TestMinimizer::mseMatchesLeastSquares()
{
    QFETCH(QString, dataName);
    QFETCH(bool, standardize);

    const auto data = dataNamed(dataName);
    const FeatureScaling scaling =
        standardize ? FeatureScaling::standardizing(data->feature) : FeatureScaling::identity();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("mse")), scaling);

    const MinimumResult result = findMinimum(objective, Eigen::Vector2d::Zero());
    QCOMPARE(result.status, MinimumStatus::Global);
    QVERIFY(result.note.isEmpty());
    // The search runs on the standardized feature and maps the point back, so the value is the
    // standardized evaluation: the same terms with another rounding, 1e-13 relative at most.
    COMPARE_NEAR(result.value, objective.value(result.theta),
                 test::relativeTolerance(result.value, 1e-13));

    // The least-squares problem has a condition number below 1e6 even for the raw stack loss
    // feature, so Newton's method and Eigen's QR agree to about 1e6 eps = 2e-10 relative. The
    // check holds them to 1e-10 (1 + |theta|).
    const Eigen::Vector2d solved = leastSquaresLine(objective);
    for (int k = 0; k < 2; ++k)
        COMPARE_NEAR(result.theta[k], solved[k], 1e-10 * (1.0 + std::abs(solved[k])));

    const LineParameters line = objective.toDataUnits(result.theta);
    const LineParameters expected = closedFormLine(*data);
    COMPARE_NEAR(line.slope, expected.slope, 1e-10 * (1.0 + std::abs(expected.slope)));
    COMPARE_NEAR(line.intercept, expected.intercept, 1e-10 * (1.0 + std::abs(expected.intercept)));

    // At the minimum the gradient vanishes up to the rounding of its sums.
    const ObjectiveValue atMinimum = objective.evaluate(result.theta);
    QVERIFY2(atMinimum.gradient.norm() <= 1e-9 * (1.0 + atMinimum.value),
             qPrintable(QString::number(atMinimum.gradient.norm(), 'g', 3)));
}

void TestMinimizer::robustMinimumOptimal_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("dataName");
    QTest::addColumn<bool>("standardize");

    for (const char *spec : {"mae", "huber:delta=0.5", "huber:delta=1.3", "huber:delta=4"}) {
        for (const char *dataName : {"stack loss", "synthetic"}) {
            QTest::addRow("%s %s identity", spec, dataName)
                << QString::fromLatin1(spec) << QString::fromLatin1(dataName) << false;
            QTest::addRow("%s %s standardizing", spec, dataName)
                << QString::fromLatin1(spec) << QString::fromLatin1(dataName) << true;
        }
    }
}

void TestMinimizer::robustMinimumOptimal()
{
    QFETCH(QString, spec);
    QFETCH(QString, dataName);
    QFETCH(bool, standardize);

    const auto data = dataNamed(dataName);
    const FeatureScaling scaling =
        standardize ? FeatureScaling::standardizing(data->feature) : FeatureScaling::identity();
    const LineObjective objective(data, test::parseLoss(spec), scaling);

    // Start at the least-squares line, where an outlier-driven fit would stop if the search
    // did nothing.
    const MinimumResult result = findMinimum(objective, leastSquaresLine(objective));
    QCOMPARE(result.status, MinimumStatus::Global);
    QVERIFY(result.theta.allFinite());
    // The search runs on the standardized feature and maps the point back, so the value is the
    // standardized evaluation: the same terms with another rounding, 1e-13 relative at most.
    COMPARE_NEAR(result.value, objective.value(result.theta),
                 test::relativeTolerance(result.value, 1e-13));

    // A convex function with no lower point on a small circle around theta has its minimum at
    // theta. Radii from 1e-6 to 1e-2 catch both a point that is slightly off and one on the
    // wrong side of a kink.
    for (const double radius : {1e-6, 1e-4, 1e-2}) {
        verifyNoLowerNeighbour(objective, result.theta, radius);
        if (QTest::currentTestFailed())
            return;
    }

    // The minimum does not depend on the parametrization: the other scaling reaches the same
    // mean loss, up to the precision of the profile search.
    const FeatureScaling other =
        standardize ? FeatureScaling::identity() : FeatureScaling::standardizing(data->feature);
    const LineObjective otherObjective(data, test::parseLoss(spec), other);
    const MinimumResult otherResult = findMinimum(otherObjective, Eigen::Vector2d::Zero());
    COMPARE_NEAR(otherResult.value, result.value, 1e-10 * (1.0 + result.value));
}

void TestMinimizer::maeThreePoints()
{
    // Points (0, 0), (1, 3), (2, 2). A least-absolute-deviations line passes through two of
    // them, and the three candidates cost |0 - 0| + |1 - 3| + |2 - 2| = 2 for y = x,
    // 4 for y = 3x (misses (2, 2) by 4) and 4 for y = 4 - x (misses (0, 0) by 4).
    // y = x is the unique minimum: the subgradient conditions hold with both sign
    // multipliers at 1/2, inside (-1, 1). Mean loss 2/3.
    const auto data = test::makeDataset({0.0, 1.0, 2.0}, {0.0, 3.0, 2.0});
    for (const bool standardize : {false, true}) {
        const FeatureScaling scaling =
            standardize ? FeatureScaling::standardizing(data->feature) : FeatureScaling::identity();
        const LineObjective objective(data, test::parseLoss(QStringLiteral("mae")), scaling);
        for (const Eigen::Vector2d &start :
             {Eigen::Vector2d(0.0, 0.0), Eigen::Vector2d(5.0, -3.0), leastSquaresLine(objective)}) {
            const MinimumResult result = findMinimum(objective, start);
            QCOMPARE(result.status, MinimumStatus::Global);
            const LineParameters line = objective.toDataUnits(result.theta);
            // The profile search brackets the slope to 1e-13 relative, and the sharp V-shaped
            // minimum keeps the intercept within a few times that, so 1e-9 is generous.
            COMPARE_NEAR(line.slope, 1.0, 1e-9);
            COMPARE_NEAR(line.intercept, 0.0, 1e-9);
            COMPARE_NEAR(result.value, 2.0 / 3.0, 1e-9);
        }
    }
}

void TestMinimizer::huberLargeDeltaMatchesLeastSquares()
{
    // When every residual of the least-squares line is below delta, Huber is e^2 / 2 there,
    // half of MSE, so it has the same minimizer.
    const auto data = test::stackLossData();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("huber:delta=1000")),
                                  FeatureScaling::standardizing(data->feature));
    const MinimumResult result = findMinimum(objective, Eigen::Vector2d(3.0, -2.0));
    QCOMPARE(result.status, MinimumStatus::Global);
    const Eigen::Vector2d solved = leastSquaresLine(objective);
    for (int k = 0; k < 2; ++k)
        COMPARE_NEAR(result.theta[k], solved[k], 1e-10 * (1.0 + std::abs(solved[k])));
}

void TestMinimizer::bceSeparableNotAttained_data()
{
    QTest::addColumn<QList<double>>("feature");
    QTest::addColumn<QList<double>>("labels");
    QTest::addColumn<QString>("note");

    QTest::newRow("separated") << QList<double>{-3, -2, -1, 1, 2, 3}
                               << QList<double>{0, 0, 0, 1, 1, 1}
                               << "with the label 1 above it, so the loss falls forever as "
                                  "w grows with b = -w t.";
    QTest::newRow("separated reversed")
        << QList<double>{-3, -2, -1, 1, 2, 3} << QList<double>{1, 1, 1, 0, 0, 0}
        << "with the label 1 below it, so the loss falls forever as w falls with b = -w t.";
    // A shared boundary point (x = 0 with both labels) still allows the loss to fall towards
    // 2 log 2 / N forever: quasi-complete separation has no finite minimizer either.
    QTest::newRow("touching at boundary")
        << QList<double>{-2, -1, 0, 0, 1, 2} << QList<double>{0, 0, 0, 1, 1, 1}
        << "with the label 1 above it and rows of both classes at it, so the loss falls as w "
           "grows";
    QTest::newRow("touching at boundary reversed")
        << QList<double>{-2, -1, 0, 0, 1, 2} << QList<double>{1, 1, 1, 0, 0, 0}
        << "with the label 1 below it and rows of both classes at it, so the loss falls as w "
           "falls";
    QTest::newRow("single class") << QList<double>{-1, 0, 2, 5} << QList<double>{1, 1, 1, 1}
                                  << "every label is 1, so the loss falls forever as b grows.";
    QTest::newRow("single class 0") << QList<double>{-1, 0, 2, 5} << QList<double>{0, 0, 0, 0}
                                    << "every label is 0, so the loss falls forever as b falls.";
}

void TestMinimizer::bceSeparableNotAttained()
{
    QFETCH(QList<double>, feature);
    QFETCH(QList<double>, labels);

    auto data = std::make_shared<Dataset>();
    data->feature = Eigen::Map<const Eigen::VectorXd>(feature.data(), feature.size());
    data->target = Eigen::Map<const Eigen::VectorXd>(labels.data(), labels.size());
    const LineObjective objective(data, test::parseLoss(QStringLiteral("bce")),
                                  FeatureScaling::identity());
    QVERIFY(objective.isApplicable());

    const Eigen::Vector2d start(0.1, 0.2);
    const MinimumResult result = findMinimum(objective, start);
    QFETCH(QString, note);
    QCOMPARE(result.status, MinimumStatus::NotAttained);
    QVERIFY2(result.note.contains(note), qPrintable(result.note));
    QVERIFY(result.theta.allFinite());
    QVERIFY(std::isfinite(result.value));

    // The hinge losses are 0 from a margin of 1 on, so completely separated classes reach their
    // minimum, 0, on a region of lines.
    for (const char *spec : {"hinge", "squared_hinge", "modified_huber"}) {
        const LineObjective hinge(data, test::parseLoss(QLatin1String(spec)),
                                  FeatureScaling::identity());
        const MinimumResult reached = findMinimum(hinge, start);
        QVERIFY2(reached.status != MinimumStatus::NotAttained, spec);
        if (QTest::currentDataTag() == QLatin1String("separated")) {
            QCOMPARE(reached.status, MinimumStatus::Global);
            QCOMPARE(reached.value, 0.0);
            QCOMPARE(hinge.value(reached.theta), 0.0);
        }
    }
}

void TestMinimizer::bceOverlappingGlobal_data()
{
    QTest::addColumn<bool>("standardize");

    QTest::newRow("identity") << false;
    QTest::newRow("standardizing") << true;
}

void TestMinimizer::bceOverlappingGlobal()
{
    QFETCH(bool, standardize);

    // Labels from a noisy threshold at x = 2: the classes overlap on [0.5, 3.5].
    const auto data = test::makeDataset({-1.0, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0},
                                        {0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0});
    const FeatureScaling scaling =
        standardize ? FeatureScaling::standardizing(data->feature) : FeatureScaling::identity();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("bce")), scaling);

    const MinimumResult result = findMinimum(objective, Eigen::Vector2d::Zero());
    QCOMPARE(result.status, MinimumStatus::Global);
    const ObjectiveValue atMinimum = objective.evaluate(result.theta);
    // Newton's method stops once the gradient is below 1e-14 (1 + L), or once the loss stops
    // changing with the gradient below 1e-9 (1 + L). The mean loss here is below 1.
    QVERIFY2(atMinimum.gradient.norm() <= 2e-9,
             qPrintable(QString::number(atMinimum.gradient.norm(), 'g', 3)));
    verifyNoLowerNeighbour(objective, result.theta, 1e-4);

    // Logistic regression predicts the threshold at the point where the logit is 0, which is
    // a property of the data and so the same in both scalings.
    const LineParameters line = objective.toDataUnits(result.theta);
    QVERIFY(line.slope > 0.0);
    const double threshold = -line.intercept / line.slope;
    QVERIFY2(threshold > 0.5 && threshold < 3.5, qPrintable(QString::number(threshold)));
}

void TestMinimizer::bceConstantFeature()
{
    // With one feature value for all points, no threshold on the feature separates the two
    // classes. The loss depends on w x + b alone and is lowest where s(w x + b) equals the
    // share of 1 labels, here 1/4, so the minimum is attained with w x + b = log(1/3).
    const auto data = test::makeDataset({2.0, 2.0, 2.0, 2.0}, {0.0, 1.0, 0.0, 0.0});
    for (const bool standardize : {false, true}) {
        const FeatureScaling scaling =
            standardize ? FeatureScaling::standardizing(data->feature) : FeatureScaling::identity();
        const LineObjective objective(data, test::parseLoss(QStringLiteral("bce")), scaling);
        const MinimumResult result = findMinimum(objective, Eigen::Vector2d::Zero());
        QCOMPARE(result.status, MinimumStatus::Global);
        // The Hessian is singular here, so the search takes gradient steps and may stop once
        // the loss stops changing with the gradient below 1e-9 (1 + L). The curvature along
        // the logit is at least s (1 - s) = 3/16, so the logit is then within
        // 1e-9 (1 + 0.57) / (3/16) < 1e-8 of the optimum.
        const double logit = objective.modelInput(result.theta, 0);
        COMPARE_NEAR(logit, std::log(1.0 / 3.0), 1e-8);
        // Mean loss: -(1/4) log(1/4) - (3/4) log(3/4), the entropy of the labels.
        COMPARE_NEAR(result.value, -0.25 * std::log(0.25) - 0.75 * std::log(0.75), 1e-12);
    }
}

void TestMinimizer::cancelledSearch()
{
    const auto data = test::stackLossData();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("mae")),
                                  FeatureScaling::identity());
    std::stop_source source;
    source.request_stop();
    const MinimumResult result =
        findMinimum(objective, Eigen::Vector2d(1.0, 0.0), source.get_token());
    QCOMPARE(result.status, MinimumStatus::Cancelled);
    QVERIFY(result.theta.allFinite());
}

void TestMinimizer::rawFeatureFarFromOrigin()
{
    // x spans 9e-9 around 1e6, so the raw Hessian has a condition number near 1e28 and a
    // Newton step or least-squares solve on it is meaningless. The minimum must not depend on
    // the scaling the objective uses.
    std::vector<double> feature, target;
    for (int k = 0; k < 10; ++k) {
        feature.push_back(1e6 + k * 1e-9);
        target.push_back(0.3 * std::sin(1.7 * k) - 0.05 * k);
    }
    auto data = std::make_shared<Dataset>();
    data->feature = Eigen::Map<const Eigen::VectorXd>(feature.data(), 10);
    data->target = Eigen::Map<const Eigen::VectorXd>(target.data(), 10);
    const std::shared_ptr<const Dataset> shared = data;
    const auto loss = test::parseLoss(QStringLiteral("mse"));
    const LineObjective raw(shared, loss, FeatureScaling::identity());
    const LineObjective standardized(shared, loss, FeatureScaling::standardizing(data->feature));

    const MinimumResult fromRaw = findMinimum(raw, Eigen::Vector2d::Zero());
    const MinimumResult fromStandardized = findMinimum(standardized, Eigen::Vector2d::Zero());
    QCOMPARE(fromRaw.status, MinimumStatus::Global);
    const LineParameters a = raw.toDataUnits(fromRaw.theta);
    const LineParameters b = standardized.toDataUnits(fromStandardized.theta);
    // Slopes near 5e7 pass through the conversion w / s with s near 3e-9: 1e-9 relative.
    COMPARE_NEAR(a.slope, b.slope, test::relativeTolerance(b.slope, 1e-9));
    COMPARE_NEAR(fromRaw.value, fromStandardized.value,
                 test::relativeTolerance(fromStandardized.value, 1e-12));
}

void TestMinimizer::hugeTargetsHuber()
{
    // Targets near 1e150 on an exact line: every Huber error but the fitted ones is far past
    // delta = 1, so the gradient is at most 1 while the loss is near 1e148. A convergence test
    // relative to the loss would stop at once; the search must still find the line.
    std::vector<double> feature, target;
    for (int k = 0; k < 20; ++k) {
        feature.push_back(-1.0 + 0.1 * k);
        target.push_back(9e149 + 1e148 * (-1.0 + 0.1 * k));
    }
    auto data = std::make_shared<Dataset>();
    data->feature = Eigen::Map<const Eigen::VectorXd>(feature.data(), 20);
    data->target = Eigen::Map<const Eigen::VectorXd>(target.data(), 20);
    const std::shared_ptr<const Dataset> shared = data;
    for (const char *spec : {"huber", "mae", "mse"}) {
        const LineObjective objective(shared, test::parseLoss(QString::fromLatin1(spec)),
                                      FeatureScaling::standardizing(data->feature));
        const MinimumResult result = findMinimum(objective, Eigen::Vector2d::Zero());
        const LineParameters line = objective.toDataUnits(result.theta);
        // The targets themselves carry rounding of about 1e150 eps = 2e134.
        COMPARE_NEAR(line.slope, 1e148, 1e-10 * 1e148);
        COMPARE_NEAR(line.intercept, 9e149, 1e-12 * 9e149);
    }
}

void TestMinimizer::unboundedFormulaNotAttained()
{
    // The mean of e = w x + b - y falls without end as b decreases: the search reports that
    // there is no minimum instead of passing its last point off as one.
    const auto data = dataNamed(QStringLiteral("stack loss"));
    const LineObjective unbounded(data, test::parseLoss(QStringLiteral("formula:e")),
                                  FeatureScaling::standardizing(data->feature));
    const MinimumResult result = findMinimum(unbounded, Eigen::Vector2d::Zero());
    QCOMPARE(result.status, MinimumStatus::NotAttained);
    QVERIFY(!result.note.isEmpty());
    // As for separated classes, the result is the start.
    QCOMPARE(result.theta, Eigen::Vector2d(Eigen::Vector2d::Zero()));
    // A non-convex loss with a minimum settles there.
    const LineObjective bounded(data, test::parseLoss(QStringLiteral("cauchy")),
                                FeatureScaling::standardizing(data->feature));
    const MinimumResult found = findMinimum(bounded, leastSquaresLine(bounded));
    QVERIFY(found.settled);
    QVERIFY(found.status != MinimumStatus::NotAttained);
}

void TestMinimizer::fallingFormulaNotAttained_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("standardize");
    // Each mean loss falls without end (e, -e^2) or towards a value it never reaches (0, or 1
    // for exp(e) + 1) as the line moves away from the data. The gradient of exp(50 e) is
    // below any absolute tolerance long before the mean loss stops falling, near 1e-164.
    // 1/(1+e^2) falls towards 0 far away but has local minima where the
    // line passes between the points, as the one next to the least-squares line.
    for (const char *spec : {"formula:exp(50*e)", "formula:e", "formula:exp(e)", "formula:exp(-e)",
                             "formula:-e^2", "formula:1/(1+e^2)", "formula:exp(e)+1"}) {
        QTest::addRow("%s standardizing", spec) << QString::fromLatin1(spec) << true;
        QTest::addRow("%s identity", spec) << QString::fromLatin1(spec) << false;
    }
}

void TestMinimizer::fallingFormulaNotAttained()
{
    QFETCH(QString, spec);
    QFETCH(bool, standardize);
    const auto data = dataNamed(QStringLiteral("stack loss"));
    const FeatureScaling scaling =
        standardize ? FeatureScaling::standardizing(data->feature) : FeatureScaling::identity();
    const LineObjective objective(data, test::parseLoss(spec), scaling);

    // From the least-squares line, and from the landscape's grid as the window searches.
    const MinimumResult fromLine = findMinimum(objective, leastSquaresLine(objective));
    if (spec == QLatin1String("formula:1/(1+e^2)")) {
        QCOMPARE(fromLine.status, MinimumStatus::Approximate);
        verifyNoLowerNeighbour(objective, fromLine.theta, 1e-4);
    } else {
        QCOMPARE(fromLine.status, MinimumStatus::NotAttained);
        QVERIFY(!fromLine.note.isEmpty());
    }
    const MinimumResult fromGrid =
        findMinimumFromAutomaticGrid(objective, Eigen::Vector2d::Zero());
    // For exp(50 e) identity, the grid's lowest node has a mean loss that underflows to exactly
    // 0, with a zero gradient, so the search stops there and no probe from it finds a fall.
    QCOMPARE(fromGrid.status, MinimumStatus::NotAttained);
}

void TestMinimizer::lossWithMinimumKeepsIt_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("dataName");
    // Convex and non-convex losses with a minimum, among them flat-bottomed MAE and Tukey and
    // Welsch, which are constant or level far from the data: a loss that is level far away
    // does not fall there.
    for (const char *spec : {"mse", "mae", "huber", "tukey", "cauchy", "welsch", "geman_mcclure",
                             "formula:log(1+e^2/4)", "formula:e^2", "formula:exp(e)-e",
                             "formula:abs(e)"}) {
        for (const char *dataName : {"stack loss", "synthetic"})
            QTest::addRow("%s %s", spec, dataName)
                << QString::fromLatin1(spec) << QString::fromLatin1(dataName);
    }
}

void TestMinimizer::lossWithMinimumKeepsIt()
{
    QFETCH(QString, spec);
    QFETCH(QString, dataName);
    const auto data = dataNamed(dataName);
    const LineObjective objective(data, test::parseLoss(spec),
                                  FeatureScaling::standardizing(data->feature));
    for (const Eigen::Vector2d &start :
         {leastSquaresLine(objective), Eigen::Vector2d(Eigen::Vector2d::Zero())}) {
        const MinimumResult result = findMinimum(objective, start);
        QVERIFY2(result.status != MinimumStatus::NotAttained, qPrintable(result.note));
        QVERIFY(std::isfinite(result.value));
    }
    const MinimumResult fromGrid =
        findMinimumFromAutomaticGrid(objective, Eigen::Vector2d::Zero());
    QVERIFY2(fromGrid.status != MinimumStatus::NotAttained, qPrintable(fromGrid.note));
    // A local search that starts on Tukey's level far from the data stays there, with a zero
    // gradient, and the level is not a fall either.
    if (spec == QLatin1String("tukey")) {
        const MinimumResult far = findMinimum(objective, Eigen::Vector2d(0.0, 1e6));
        QVERIFY(far.status != MinimumStatus::NotAttained);
    }
}

void TestMinimizer::endlessFallOfFunctions_data()
{
    QTest::addColumn<int>("function");
    QTest::addColumn<double>("start");
    QTest::addColumn<bool>("falls");
    // Functions of one variable x, probed from start along +x.
    QTest::newRow("exp(-x) falls towards 0") << 0 << 0.0 << true;
    QTest::newRow("1 + exp(-x) levels at 1 only in rounding") << 1 << 0.0 << true;
    QTest::newRow("-x^2 falls without end") << 2 << 0.0 << true;
    QTest::newRow("exp(-50 x) underflows to 0") << 3 << 0.0 << true;
    QTest::newRow("max(0, 1 - x) reaches 0 at x = 1") << 4 << 0.0 << false;
    QTest::newRow("min(x^2, 1) rises to its level") << 5 << 0.0 << false;
    QTest::newRow("(x - 1e6)^2 has its minimum far away") << 6 << 0.0 << false;
    QTest::newRow("constant") << 7 << 0.0 << false;
    // Starts where the value is exactly 0 and the derivative too, so no probe can fall.
    QTest::newRow("exp(-50 x) from an underflowed start") << 3 << 20.0 << true;
    QTest::newRow("max(0, 1 - x) from inside its zero region") << 4 << 2.0 << false;
    QTest::newRow("x^2 from its minimum 0") << 8 << 0.0 << false;
    // x^8 underflows to 0 for |x| below 1e-40, where its derivative is 0 too, so the edge of
    // that region is reached through values below DBL_MIN, as an underflow's is.
    QTest::newRow("x^8 from next to its minimum 0") << 9 << 1e-50 << false;
}

void TestMinimizer::endlessFallOfFunctions()
{
    QFETCH(int, function);
    QFETCH(double, start);
    QFETCH(bool, falls);
    auto value = [function](double x) {
        switch (function) {
        case 0: return std::exp(-x);
        case 1: return 1.0 + std::exp(-x);
        case 2: return -x * x;
        case 3: return std::exp(-50.0 * x);
        case 4: return std::max(0.0, 1.0 - x);
        case 5: return std::min(x * x, 1.0);
        case 6: return (x - 1e6) * (x - 1e6);
        case 8:
            return x * x;
        case 9:
            return std::pow(x, 8);
        default: return 2.0;
        }
    };
    auto derivative = [function](double x) {
        switch (function) {
        case 0: return -std::exp(-x);
        case 1: return -std::exp(-x);
        case 2: return -2.0 * x;
        case 3: return -50.0 * std::exp(-50.0 * x);
        case 4: return x < 1.0 ? -1.0 : 0.0;
        case 5: return x * x < 1.0 ? 2.0 * x : 0.0;
        case 6: return 2.0 * (x - 1e6);
        case 8:
            return 2.0 * x;
        case 9:
            return 8.0 * std::pow(x, 7);
        default: return 0.0;
        }
    };
    const bool found = meanLossFallsWithoutEnd(
        [&](const Eigen::VectorXd &point) { return value(point[0]); },
        [&](const Eigen::VectorXd &point) -> Eigen::VectorXd {
            return Eigen::VectorXd::Constant(1, derivative(point[0]));
        },
        Eigen::VectorXd::Constant(1, start), {Eigen::VectorXd::Ones(1)}, 1.0);
    QCOMPARE(found, falls);
}

void TestMinimizer::exactZeroMinimumKept_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("slope");
    QTest::addColumn<double>("intercept");
    // Losses that are 0 at e = 0, on targets that a line fits exactly: y = 2 x + 1, and y = 0,
    // where a mean loss next to the fit is below DBL_MIN in places, as an underflow's is.
    for (const char *spec :
         {"mse", "formula:e^2", "mae", "huber", "formula:abs(e)", "epsilon_insensitive:epsilon=0",
          "epsilon_insensitive:epsilon=0.5", "cauchy"}) {
        QTest::addRow("%s on y = 2 x + 1", spec) << QString::fromLatin1(spec) << 2.0 << 1.0;
        QTest::addRow("%s on y = 0", spec) << QString::fromLatin1(spec) << 0.0 << 0.0;
    }
}

void TestMinimizer::exactZeroMinimumKept()
{
    QFETCH(QString, spec);
    QFETCH(double, slope);
    QFETCH(double, intercept);
    auto data = std::make_shared<Dataset>();
    data->feature.resize(10);
    data->target.resize(10);
    for (int i = 0; i < 10; ++i) {
        data->feature[i] = i + 1;
        data->target[i] = slope * (i + 1) + intercept;
    }
    const LineObjective objective(data, test::parseLoss(spec), FeatureScaling::identity());
    const Eigen::Vector2d fit(slope, intercept);
    QCOMPARE(objective.value(fit), 0.0);
    QVERIFY(objective.evaluate(fit).gradient.isZero(0.0));

    // The point itself, where the value and the gradient are exactly 0.
    const bool falls = meanLossFallsWithoutEnd(
        [&](const Eigen::VectorXd &theta) { return objective.value(Eigen::Vector2d(theta)); },
        [&](const Eigen::VectorXd &theta) -> Eigen::VectorXd {
            return objective.evaluate(Eigen::Vector2d(theta)).gradient;
        },
        fit, {Eigen::Vector2d(1.0, 0.0), Eigen::Vector2d(0.0, -1.0), Eigen::Vector2d(0.0, 1.0)},
        1.0 + fit.cwiseAbs().maxCoeff() + data->target.cwiseAbs().maxCoeff());
    QVERIFY(!falls);

    for (const Eigen::Vector2d &start :
         {fit, leastSquaresLine(objective), Eigen::Vector2d(Eigen::Vector2d::Zero())}) {
        const MinimumResult result = findMinimum(objective, start);
        QVERIFY2(result.status != MinimumStatus::NotAttained, qPrintable(result.note));
        // MAE of errors of a few ulps of y is about 1e-15.
        QVERIFY2(result.value <= 1e-12, qPrintable(QString::number(result.value)));
    }
    const MinimumResult fromGrid = findMinimumFromAutomaticGrid(objective, Eigen::Vector2d::Zero());
    QVERIFY2(fromGrid.status != MinimumStatus::NotAttained, qPrintable(fromGrid.note));
    QVERIFY2(fromGrid.value <= 1e-12, qPrintable(QString::number(fromGrid.value)));
}

void TestMinimizer::equalTargetsGiveExactZero()
{
    // Every target is 7: the flat line y = 7 fits exactly, and the minimum is exactly 0, not a
    // rounding away from it, whether the feature is standardized or not.
    const auto data = test::makeDataset({0.0, 1.0, 2.5, 3.0, 4.0, 7.5}, {7, 7, 7, 7, 7, 7});
    for (const bool standardize : {false, true}) {
        const FeatureScaling scaling =
            standardize ? FeatureScaling::standardizing(data->feature) : FeatureScaling::identity();
        const LineObjective objective(data, test::parseLoss(QStringLiteral("mse")), scaling);
        const MinimumResult minimum = findMinimum(objective, Eigen::Vector2d::Zero());
        QCOMPARE(minimum.status, MinimumStatus::Global);
        QCOMPARE(minimum.value, 0.0);
        const LineParameters line = objective.toDataUnits(minimum.theta);
        QCOMPARE(line.slope, 0.0);
        QCOMPARE(line.intercept, 7.0);
    }
}

QTEST_GUILESS_MAIN(TestMinimizer)
#include "tst_minimizer.moc"
