// Linear models with several weights and their 2D slices: the objective against the line
// model and finite differences, slices against a plain loop over grid and data, the random
// directions' normalization, the least-squares projection of a point onto a plane against
// hand-worked cases, and the 1D profile between two points.

#include "numericcheck.h"
#include "testdata.h"

#include "core/landscape.h"
#include "core/landscapeslice.h"
#include "core/linearmodel.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <memory>
#include <random>

using namespace losslens;
using namespace losslens::test;

namespace {

// Three features with different offsets and spreads, and a target that depends on all three
// plus noise; 0/1 labels from the sign of the same combination when labels is true.
std::shared_ptr<const MultiFeatureData> threeFeatures(bool labels)
{
    std::mt19937_64 generator(7);
    std::normal_distribution<double> normal;
    auto data = std::make_shared<MultiFeatureData>();
    const int count = 200;
    data->features.resize(count, 3);
    data->target.resize(count);
    for (int i = 0; i < count; ++i) {
        const double a = 50.0 + 8.0 * normal(generator);
        const double b = 0.01 * normal(generator);
        const double c = -3.0 + normal(generator);
        data->features.row(i) << a, b, c;
        const double signal = 0.5 * (a - 50.0) + 300.0 * b - 2.0 * (c + 3.0) + normal(generator);
        data->target[i] = labels ? (signal > 0.0 ? 1.0 : 0.0) : signal + 10.0;
    }
    data->featureNames = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    data->targetName = QStringLiteral("y");
    return data;
}

std::shared_ptr<const MultiFeatureData> stackLossTable()
{
    const auto line = stackLossData();
    auto data = std::make_shared<MultiFeatureData>();
    data->features = line->feature;
    data->target = line->target;
    data->featureNames = {line->featureName};
    data->targetName = line->targetName;
    return data;
}

// The mean loss at theta by a plain double loop over the data, as a user would write it.
double plainMeanLoss(const LinearModelObjective &objective, const Eigen::VectorXd &theta)
{
    const MultiFeatureData &data = objective.data();
    const Eigen::Index count = objective.parameterCount() - 1;
    double sum = 0.0;
    for (Eigen::Index i = 0; i < data.size(); ++i) {
        double output = theta[count];
        for (Eigen::Index j = 0; j < count; ++j)
            output += theta[j] * objective.scaledFeatures()(i, j);
        const double input =
            objective.loss().kind() == LossKind::Regression ? output - data.target[i] : output;
        sum += objective.loss().value(input, data.target[i]);
    }
    const WeightPenalty penalty = objective.loss().weightPenalty();
    double penaltySum = 0.0;
    for (Eigen::Index j = 0; j < count; ++j)
        penaltySum += penalty.value(theta[j]);
    return sum / double(data.size()) + penaltySum;
}

} // namespace

class LandscapeSliceTest : public QObject
{
    Q_OBJECT

private slots:
    void oneFeatureMatchesLineModel()
    {
        const auto table = stackLossTable();
        const auto line = stackLossData();
        for (const char *spec : {"mse", "huber:delta=2", "0.5*(mae) + 0.5*(logcosh) + l1(0.2) + l2(0.3)"}) {
            for (const bool standardize : {true, false}) {
                const auto loss = parseLoss(QString::fromLatin1(spec));
                const LinearModelObjective model(table, loss, standardize);
                const LineObjective lineObjective(
                    line, loss,
                    standardize ? FeatureScaling::standardizing(line->feature)
                                : FeatureScaling::identity());
                const Eigen::Vector2d theta(1.7, -4.0);
                const double expected = lineObjective.value(theta);
                COMPARE_NEAR(model.value(theta), expected, relativeTolerance(expected, 1e-13));
                const Eigen::Vector2d gradient = lineObjective.evaluate(theta).gradient;
                const Eigen::VectorXd modelGradient = model.gradient(theta);
                COMPARE_NEAR(modelGradient[0], gradient[0], 1e-11 * (1.0 + std::abs(gradient[0])));
                COMPARE_NEAR(modelGradient[1], gradient[1], 1e-11 * (1.0 + std::abs(gradient[1])));
                const LineParameters units = lineObjective.toDataUnits(theta);
                const Eigen::VectorXd modelUnits = model.toDataUnits(theta);
                COMPARE_NEAR(modelUnits[0], units.slope, 1e-14 * std::abs(units.slope));
                COMPARE_NEAR(modelUnits[1], units.intercept, 1e-13 * std::abs(units.intercept));
                const Eigen::VectorXd back = model.fromDataUnits(modelUnits);
                COMPARE_NEAR(back[0], theta[0], 1e-13);
                COMPARE_NEAR(back[1], theta[1], 1e-12);
            }
        }
    }

    void gradientMatchesDifferences()
    {
        for (const bool labels : {false, true}) {
            const auto data = threeFeatures(labels);
            const auto loss = parseLoss(labels ? QStringLiteral("bce + l2(0.01)")
                                               : QStringLiteral("logcosh + l2(0.05)"));
            const LinearModelObjective model(data, loss, true);
            QVERIFY2(model.applicabilityError().isEmpty(), qPrintable(model.applicabilityError()));
            Eigen::VectorXd theta(4);
            theta << 0.3, -0.8, 1.2, 0.4;
            const Eigen::VectorXd gradient = model.gradient(theta);
            for (Eigen::Index j = 0; j < theta.size(); ++j) {
                const double h = 1e-5;
                Eigen::VectorXd above = theta, below = theta;
                above[j] += h;
                below[j] -= h;
                const double difference = (model.value(above) - model.value(below)) / (2.0 * h);
                COMPARE_NEAR(gradient[j], difference, 1e-8);
            }
        }
    }

    void parameterPlaneMatchesLineLandscape()
    {
        const auto table = stackLossTable();
        const auto line = stackLossData();
        const auto loss = parseLoss(QStringLiteral("huber:delta=1.5"));
        const LinearModelObjective model(table, loss, true);
        const LineObjective lineObjective(line, loss, FeatureScaling::standardizing(line->feature));
        LandscapeGrid grid;
        grid.slopeMinimum = -5.0;
        grid.slopeMaximum = 15.0;
        grid.interceptMinimum = 0.0;
        grid.interceptMaximum = 35.0;
        grid.slopeCount = 23;
        grid.interceptCount = 17;
        const auto slice = computeSlice(model, parameterPlane(Eigen::Vector2d(3.0, 4.0), 0, 1), grid);
        const auto expected = computeLandscape(lineObjective, grid);
        QVERIFY(slice && expected);
        for (int i = 0; i < grid.slopeCount; ++i) {
            for (int k = 0; k < grid.interceptCount; ++k) {
                const double value = expected->values(i, k);
                COMPARE_NEAR(slice->values(i, k), value, relativeTolerance(value, 1e-12));
            }
        }
    }

    void sliceMatchesPlainLoop_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("labels");
        QTest::newRow("mse") << "mse" << false;
        QTest::newRow("tukey") << "tukey:c=3" << false;
        QTest::newRow("penalized huber") << "huber + l1(0.1) + l2(0.2)" << false;
        QTest::newRow("bce") << "bce" << true;
        QTest::newRow("focal") << "focal" << true;
    }

    void sliceMatchesPlainLoop()
    {
        QFETCH(QString, spec);
        QFETCH(bool, labels);
        const LinearModelObjective model(threeFeatures(labels), parseLoss(spec), true);
        Eigen::VectorXd theta(4);
        theta << 0.5, 1.0, -0.7, labels ? 0.2 : 9.0;
        LandscapeGrid grid;
        grid.slopeMinimum = -1.0;
        grid.slopeMaximum = 1.0;
        grid.interceptMinimum = -1.0;
        grid.interceptMaximum = 1.0;
        grid.slopeCount = 9;
        grid.interceptCount = 7;
        for (const SlicePlane &plane : {randomPlane(theta, 1), parameterPlane(theta, 1, 3)}) {
            const auto slice = computeSlice(model, plane, grid);
            QVERIFY(slice);
            for (int i = 0; i < grid.slopeCount; ++i) {
                for (int k = 0; k < grid.interceptCount; ++k) {
                    const double expected = plainMeanLoss(
                        model, plane.pointAt(grid.slopeAt(i), grid.interceptAt(k)));
                    COMPARE_NEAR(slice->values(i, k), expected, relativeTolerance(expected, 1e-12));
                }
            }
            // Both ends of each range are nodes.
            const double corner = plainMeanLoss(model, plane.pointAt(1.0, 1.0));
            COMPARE_NEAR(slice->values(8, 6), corner, relativeTolerance(corner, 1e-12));
        }
    }

    void randomDirectionsAreNormalized()
    {
        Eigen::VectorXd theta(4);
        theta << 3.0, -4.0, 0.0, 2.5;
        const SlicePlane plane = randomPlane(theta, 42);
        QCOMPARE(plane.origin, theta);
        COMPARE_NEAR(plane.first.head(3).norm(), 5.0, 1e-14);
        COMPARE_NEAR(plane.second.head(3).norm(), 5.0, 1e-14);
        COMPARE_NEAR(std::abs(plane.first[3]), 2.5, 0.0);
        COMPARE_NEAR(std::abs(plane.second[3]), 2.5, 0.0);
        // The same seed gives the same plane, another seed another one.
        QCOMPARE(randomPlane(theta, 42).first, plane.first);
        QVERIFY(randomPlane(theta, 43).first != plane.first);
        // At theta = 0 each group keeps norm 1.
        const SlicePlane atZero = randomPlane(Eigen::VectorXd::Zero(4), 5);
        COMPARE_NEAR(atZero.first.head(3).norm(), 1.0, 1e-14);
        COMPARE_NEAR(std::abs(atZero.second[3]), 1.0, 0.0);
        // Before normalization the second direction was made orthogonal to the first, so the
        // two are never parallel.
        const double cosine = atZero.first.dot(atZero.second) /
                              (atZero.first.norm() * atZero.second.norm());
        QVERIFY(std::abs(cosine) < 0.999);
    }

    void randomPlaneNeverCollapses()
    {
        // One weight: every normalized direction is (+-|w|, +-|b|), so only the signs tell the
        // two apart.
        Eigen::VectorXd line(2);
        line << 2.0, 3.0;
        // Weights that are rounding noise around 0, as after training on a constant target,
        // next to an intercept of 7: scaled to the noise, both directions would be (0, +-7).
        Eigen::VectorXd noise(5);
        noise << 1e-16, -2e-16, 5e-17, 1e-16, 7.0;
        for (const Eigen::VectorXd &theta : {line, noise}) {
            for (std::uint64_t seed = 1; seed <= 40; ++seed) {
                const SlicePlane plane = randomPlane(theta, seed);
                const double cosine =
                    plane.first.dot(plane.second) / (plane.first.norm() * plane.second.norm());
                QVERIFY2(std::abs(cosine) < 0.999,
                         qPrintable(QStringLiteral("seed %1, %2 parameters: cosine %3")
                                        .arg(seed)
                                        .arg(theta.size())
                                        .arg(cosine)));
                QVERIFY(projectOntoPlane(plane, theta + Eigen::VectorXd::Ones(theta.size())));
            }
        }
        // The noise counts as 0, so the weights' direction has norm 1.
        COMPARE_NEAR(randomPlane(noise, 3).first.head(4).norm(), 1.0, 1e-14);
    }

    void profileRunsFromStartToEnd()
    {
        const LinearModelObjective model(threeFeatures(false), parseLoss(QStringLiteral("mse")), true);
        const Eigen::VectorXd start = Eigen::VectorXd::Zero(4);
        Eigen::VectorXd end(4);
        end << 4.0, 2.0, -1.0, 10.0;
        const std::vector<double> profile = lineProfile(model, start, end, 0.0, 1.0, 11);
        QCOMPARE(int(profile.size()), 11);
        COMPARE_NEAR(profile.front(), model.value(start), 0.0);
        COMPARE_NEAR(profile.back(), model.value(end), relativeTolerance(profile.back(), 1e-15));
        // MSE is convex along any line: second differences are never negative.
        for (std::size_t k = 1; k + 1 < profile.size(); ++k)
            QVERIFY(profile[k - 1] - 2.0 * profile[k] + profile[k + 1] >= -1e-9 * profile[k]);
        QCOMPARE(int(lineProfile(model, start, end, 0.0, 1.0, 1).size()), 1);
        QCOMPARE(lineProfile(model, start, end, 0.5, 1.0, 1).front(), model.value(0.5 * end));
    }

    void projectionSolvesHandWorkedCases_data()
    {
        QTest::addColumn<QVector<double>>("origin");
        QTest::addColumn<QVector<double>>("first");
        QTest::addColumn<QVector<double>>("second");
        QTest::addColumn<QVector<double>>("theta");
        QTest::addColumn<double>("a");
        QTest::addColumn<double>("c");
        QTest::addColumn<double>("distance");
        // r = (3, 2, 5), Gram matrix [1 1, 1 2], right side (3, 5) and determinant 1, so
        // a = 2 * 3 - 5 = 1 and c = 5 - 3 = 2. The nearest point is (4, 3, 0), 5 away.
        QTest::newRow("45 degrees apart, 3 parameters")
            << QVector<double>{1, 1, 0} << QVector<double>{1, 0, 0} << QVector<double>{1, 1, 0}
            << QVector<double>{4, 3, 5} << 1.0 << 2.0 << 5.0;
        // r = theta, Gram matrix [4 2, 2 10], right side (10, 23) and determinant 36, so
        // a = (10 * 10 - 2 * 23) / 36 = 1.5 and c = (4 * 23 - 2 * 10) / 36 = 2. The nearest
        // point is (5, 0, 0, 6), 7 away.
        QTest::newRow("unequal lengths, 4 parameters")
            << QVector<double>{0, 0, 0, 0} << QVector<double>{2, 0, 0, 0}
            << QVector<double>{1, 0, 0, 3} << QVector<double>{5, 7, 0, 6} << 1.5 << 2.0 << 7.0;
        // The point lies in the plane: o + 0.5 d1 - 2 d2 = (2, 0.5 - 2, 1 - 2) = (2, -1.5, -1).
        QTest::newRow("point in the plane")
            << QVector<double>{2, 0, 1} << QVector<double>{0, 1, 0} << QVector<double>{0, 1, 1}
            << QVector<double>{2, -1.5, -1} << 0.5 << -2.0 << 0.0;
        // Orthogonal unit directions read the two coordinates directly.
        QTest::newRow("parameter plane")
            << QVector<double>{0, 7, 0} << QVector<double>{1, 0, 0} << QVector<double>{0, 0, 1}
            << QVector<double>{-3, 9, 4} << -3.0 << 4.0 << 2.0;
    }

    void projectionSolvesHandWorkedCases()
    {
        QFETCH(QVector<double>, origin);
        QFETCH(QVector<double>, first);
        QFETCH(QVector<double>, second);
        QFETCH(QVector<double>, theta);
        QFETCH(double, a);
        QFETCH(double, c);
        QFETCH(double, distance);
        auto vector = [](const QVector<double> &values) {
            return Eigen::Map<const Eigen::VectorXd>(values.data(), values.size()).eval();
        };
        const SlicePlane plane{vector(origin), vector(first), vector(second)};
        const std::optional<PlaneProjection> projection = projectOntoPlane(plane, vector(theta));
        QVERIFY(projection);
        // Small integers and halves, so the arithmetic is exact up to one rounding.
        COMPARE_NEAR(projection->coordinates[0], a, 1e-15);
        COMPARE_NEAR(projection->coordinates[1], c, 1e-15);
        COMPARE_NEAR(projection->distance, distance, 1e-15);
    }

    void projectionResidualIsOrthogonal()
    {
        std::mt19937_64 generator(11);
        std::normal_distribution<double> normal;
        for (int trial = 0; trial < 20; ++trial) {
            Eigen::VectorXd theta(5), point(5);
            for (Eigen::Index j = 0; j < 5; ++j) {
                theta[j] = 3.0 * normal(generator);
                point[j] = 3.0 * normal(generator);
            }
            // Li et al.'s directions, which the group scaling leaves far from orthogonal.
            const SlicePlane plane = randomPlane(theta, std::uint64_t(trial));
            const std::optional<PlaneProjection> projection = projectOntoPlane(plane, point);
            QVERIFY(projection);
            const Eigen::VectorXd nearest =
                plane.pointAt(projection->coordinates[0], projection->coordinates[1]);
            const Eigen::VectorXd residual = point - nearest;
            const double scale = point.norm() + theta.norm();
            COMPARE_NEAR(residual.dot(plane.first), 0.0, 1e-12 * scale * plane.first.norm());
            COMPARE_NEAR(residual.dot(plane.second), 0.0, 1e-12 * scale * plane.second.norm());
            COMPARE_NEAR(projection->distance, residual.norm(), 1e-12 * scale);
            // A point of the plane comes back to its own coordinates.
            const std::optional<PlaneProjection> back =
                projectOntoPlane(plane, plane.pointAt(-0.7, 1.3));
            QVERIFY(back);
            COMPARE_NEAR(back->coordinates[0], -0.7, 1e-12);
            COMPARE_NEAR(back->coordinates[1], 1.3, 1e-12);
            COMPARE_NEAR(back->distance, 0.0, 1e-12 * scale);
        }
    }

    void projectionRejectsDegeneratePlanes()
    {
        Eigen::VectorXd origin = Eigen::VectorXd::Zero(3);
        Eigen::VectorXd first(3), theta(3);
        first << 1.0, 2.0, -1.0;
        theta << 0.5, 0.5, 0.5;
        // Parallel, antiparallel and nearly parallel (1e-8 radians) directions span a line.
        Eigen::VectorXd nearlyParallel = first;
        nearlyParallel[0] += 1e-8 * first.norm();
        for (const Eigen::VectorXd &second :
             {Eigen::VectorXd(3.0 * first), Eigen::VectorXd(-first), nearlyParallel,
              Eigen::VectorXd(Eigen::VectorXd::Zero(3))}) {
            QVERIFY(!projectOntoPlane({origin, first, second}, theta));
        }
        // 1e-3 radians apart is still a plane.
        Eigen::VectorXd tilted = first;
        tilted[2] += 1e-3 * first.norm();
        QVERIFY(projectOntoPlane({origin, first, tilted}, theta));
        // A point of another dimension, and a non-finite one.
        QVERIFY(!projectOntoPlane({origin, first, tilted}, Eigen::VectorXd::Zero(4)));
        theta[1] = std::numeric_limits<double>::infinity();
        QVERIFY(!projectOntoPlane({origin, first, tilted}, theta));
    }

    void labelsAreChecked()
    {
        const LinearModelObjective model(threeFeatures(false), parseLoss(QStringLiteral("bce")), true);
        QVERIFY(model.applicabilityError().contains(QStringLiteral("needs 0/1 labels")));
        QVERIFY(model.applicabilityError().contains(QStringLiteral("in data row 1 ")));
        QCOMPARE(model.parameterNames(),
                 QStringList({QStringLiteral("w(a)"), QStringLiteral("w(b)"),
                              QStringLiteral("w(c)"), QStringLiteral("b")}));
    }
};

QTEST_GUILESS_MAIN(LandscapeSliceTest)
#include "tst_landscapeslice.moc"
