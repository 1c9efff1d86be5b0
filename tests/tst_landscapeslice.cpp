// Linear models with several weights and their 2D slices: the objective against the line
// model and finite differences, slices against a plain loop over grid and data, the random
// directions' normalization, the least-squares projection of a point onto a plane against
// hand-worked cases, and the 1D profile between two points.

#include "numericcheck.h"
#include "testdata.h"

#include "core/landscape.h"
#include "core/landscapeslice.h"
#include "core/linearmodel.h"
#include "core/linearmodelinput.h"

#include <Eigen/Dense>

#include <QTest>

#include <cmath>
#include <limits>
#include <algorithm>
#include <memory>
#include <mutex>
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

    void rowCountRuleNamesTheNumbers()
    {
        // d features and the intercept need d + 1 rows, as losslens fit demands.
        QVERIFY(linearModelRowCountProblem(4, 3).isEmpty());
        QVERIFY(linearModelRowCountProblem(1000, 3).isEmpty());
        const QString problem = linearModelRowCountProblem(3, 3);
        QCOMPARE(problem, QStringLiteral("The data has 3 data rows, but 3 features and the "
                                         "intercept make 4 parameters, so the fit needs at least "
                                         "4 rows."));
        QVERIFY(linearModelRowCountProblem(1, 1).contains(QStringLiteral("1 data row, but 1 feature")));
        QVERIFY(linearModelRowCountProblem(0, 2).contains(QStringLiteral("0 data rows")));
    }

    void separatedClassesAreDetected()
    {
        // Labels from the sign of a combination, with no noise, are separated by that
        // combination. The same features with one label flipped are not.
        auto separable = std::make_shared<MultiFeatureData>(*threeFeatures(false));
        for (Eigen::Index i = 0; i < separable->size(); ++i) {
            const auto row = separable->features.row(i);
            separable->target[i] = 0.5 * (row[0] - 50.0) - 2.0 * (row[2] + 3.0) > 0.0 ? 1.0 : 0.0;
        }
        Eigen::VectorXd separating(4);
        // w . x + b with the features as they are (no standardization): 0.5 a - 2 c - 31.
        separating << 0.5, 0.0, -2.0, -31.0;
        const auto bce = parseLoss(QStringLiteral("bce"));
        const LinearModelObjective model(separable, bce, false);
        QVERIFY(model.applicabilityError().isEmpty());
        QVERIFY(classesSeparatedAt(model, separating));
        // Along the ray the loss keeps falling, which is why there is no minimum.
        QVERIFY(model.value(2.0 * separating) < model.value(separating));
        // The start theta = 0 has every margin 0, and a theta of the wrong size or not finite
        // proves nothing.
        QVERIFY(!classesSeparatedAt(model, Eigen::VectorXd::Zero(4)));
        QVERIFY(!classesSeparatedAt(model, Eigen::VectorXd::Ones(3)));
        Eigen::VectorXd notFinite = separating;
        notFinite[1] = std::numeric_limits<double>::quiet_NaN();
        QVERIFY(!classesSeparatedAt(model, notFinite));
        // The hinge loss is 0 from a margin of 1 on, which is a minimum.
        QVERIFY(!classesSeparatedAt(LinearModelObjective(separable, parseLoss(QStringLiteral("hinge")), false),
                                    separating));
        // A weight penalty keeps the weights finite.
        QVERIFY(!classesSeparatedAt(
            LinearModelObjective(separable, parseLoss(QStringLiteral("bce + l2(0.1)")), false),
            separating));
        // One flipped label breaks the separation.
        auto overlapping = std::make_shared<MultiFeatureData>(*separable);
        overlapping->target[0] = 1.0 - overlapping->target[0];
        QVERIFY(!classesSeparatedAt(LinearModelObjective(overlapping, bce, false), separating));
        // A regression loss never has this problem.
        QVERIFY(!classesSeparatedAt(LinearModelObjective(threeFeatures(false), parseLoss(QStringLiteral("mse")), false),
                                    separating));
        // One class: the intercept runs off, even with a weight penalty.
        auto oneClass = std::make_shared<MultiFeatureData>(*separable);
        oneClass->target.setOnes();
        Eigen::VectorXd intercept = Eigen::VectorXd::Zero(4);
        intercept[3] = 2.0;
        QVERIFY(classesSeparatedAt(
            LinearModelObjective(oneClass, parseLoss(QStringLiteral("bce + l2(0.1)")), false),
            intercept));
    }

    void numericColumnsAreKept()
    {
        CsvTable table;
        table.header = {QStringLiteral("x1"), QStringLiteral("name"), QStringLiteral("x2"),
                        QStringLiteral("constant"), QStringLiteral("y")};
        table.rows = {{"1", "a", "5", "7", "0.5"},
                      {"2", "b", "3", "7", "1.5"},
                      {"3", "c", "4", "7", "2"},
                      {"4", "d", "nan", "7", "2"}};
        table.lineNumbers = table.firstLineNumbers = {2, 3, 4, 5};
        table.headerLine = 1;
        std::optional<CsvTable> numeric = numericColumnsTable(table, QStringLiteral("y"));
        QVERIFY(numeric);
        // A text column, a column with a NaN and a constant column are left out.
        QCOMPARE(numeric->header, QStringList({QStringLiteral("x1"), QStringLiteral("y")}));
        QCOMPARE(numeric->rows.size(), std::size_t(4));
        QCOMPARE(numeric->rows[1], std::vector<QByteArray>({"2", "1.5"}));
        table.rows[3][2] = "6";
        numeric = numericColumnsTable(table, QStringLiteral("y"));
        QVERIFY(numeric);
        QCOMPARE(numeric->header,
                 QStringList({QStringLiteral("x1"), QStringLiteral("x2"), QStringLiteral("y")}));
        // A target that is missing or not numeric gives no table.
        QVERIFY(!numericColumnsTable(table, QStringLiteral("z")));
        QVERIFY(!numericColumnsTable(table, QStringLiteral("name")));
    }

    void sliceMinimumMatchesQuadratic()
    {
        // The mean squared error is quadratic in (a, c), so one Newton step from anywhere on
        // the plane lands on its minimum: (a, c) = -(D^T H D)^-1 D^T g with D = [d1 d2].
        const auto data = threeFeatures(false);
        const LinearModelObjective model(data, parseLoss(QStringLiteral("mse")), true);
        Eigen::VectorXd theta(4);
        theta << 1.0, -2.0, 0.5, 8.0;
        for (const std::uint64_t seed : {1u, 5u}) {
            const SlicePlane plane = randomPlane(theta, seed);
            Eigen::MatrixXd directions(4, 2);
            directions << plane.first, plane.second;
            const Eigen::Matrix2d hessian =
                directions.transpose() * model.hessian(plane.origin) * directions;
            const Eigen::Vector2d gradient = directions.transpose() * model.gradient(plane.origin);
            const Eigen::Vector2d exact = -hessian.ldlt().solve(gradient);

            LandscapeGrid grid;
            grid.slopeCount = grid.interceptCount = 41;
            const double half = 1.5 * exact.cwiseAbs().maxCoeff() + 1.0;
            grid.slopeMinimum = grid.interceptMinimum = -half;
            grid.slopeMaximum = grid.interceptMaximum = half;
            const std::optional<Landscape> slice = computeSlice(model, plane, grid);
            QVERIFY(slice);
            const std::optional<SliceMinimum> minimum = findSliceMinimum(model, plane, *slice);
            QVERIFY(minimum);
            QCOMPARE(minimum->status, SliceMinimumStatus::Settled);
            // The loss is flat to second order at the minimum, so its position is known to
            // about sqrt(epsilon) of the span.
            COMPARE_NEAR(minimum->coordinates[0], exact[0], 1e-6 * half);
            COMPARE_NEAR(minimum->coordinates[1], exact[1], 1e-6 * half);
            const double exactValue = model.value(plane.pointAt(exact[0], exact[1]));
            COMPARE_NEAR(minimum->value, exactValue, relativeTolerance(exactValue, 1e-12));
            QVERIFY(minimum->value <= slice->values.minCoeff());

            // A range that leaves the minimum out puts the lowest point on the range's edge.
            LandscapeGrid away = grid;
            away.slopeMinimum = exact[0] + 1.0;
            away.slopeMaximum = exact[0] + 3.0;
            const std::optional<Landscape> awaySlice = computeSlice(model, plane, away);
            QVERIFY(awaySlice);
            const std::optional<SliceMinimum> edge = findSliceMinimum(model, plane, *awaySlice);
            QVERIFY(edge);
            QCOMPARE(edge->status, SliceMinimumStatus::AtEdge);
            COMPARE_NEAR(edge->coordinates[0], away.slopeMinimum, 1e-9);
        }
    }

    void sliceMinimumNeedsFiniteValues()
    {
        const LinearModelObjective model(threeFeatures(false), parseLoss(QStringLiteral("mse")), true);
        const SlicePlane plane = parameterPlane(Eigen::VectorXd::Zero(4), 0, 1);
        Landscape landscape;
        landscape.grid.slopeCount = landscape.grid.interceptCount = 3;
        landscape.values = Eigen::MatrixXd::Constant(3, 3, std::numeric_limits<double>::quiet_NaN());
        QVERIFY(!findSliceMinimum(model, plane, landscape));
        // Values of the wrong shape are refused, not read out of bounds.
        landscape.values = Eigen::MatrixXd::Zero(2, 3);
        QVERIFY(!findSliceMinimum(model, plane, landscape));
        // A stop before the search gives nothing.
        landscape.grid.slopeMinimum = landscape.grid.interceptMinimum = -1.0;
        landscape.values = Eigen::MatrixXd::Ones(3, 3);
        std::stop_source stop;
        stop.request_stop();
        QVERIFY(!findSliceMinimum(model, plane, landscape, stop.get_token()));
    }

    void sliceReportsRows()
    {
        const LinearModelObjective model(threeFeatures(false), parseLoss(QStringLiteral("mse")), true);
        const SlicePlane plane = parameterPlane(Eigen::VectorXd::Zero(4), 0, 1);
        LandscapeGrid grid;
        grid.slopeCount = 30;
        grid.interceptCount = 20;
        std::mutex mutex;
        std::vector<int> counts;
        QVERIFY(computeSlice(model, plane, grid, {}, [&](int rows) {
            const std::lock_guard lock(mutex);
            counts.push_back(rows);
        }));
        // One report per row, each count once, the last one the whole grid.
        QCOMPARE(counts.size(), std::size_t(30));
        std::sort(counts.begin(), counts.end());
        for (int k = 0; k < 30; ++k)
            QCOMPARE(counts[std::size_t(k)], k + 1);
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
