// findLinearModelMinimum(): Newton's method on linear models with several weights, against the
// least-squares and ridge solutions in closed form, against findMinimum() on one feature, and
// its failures where Newton's method has no Hessian to work with.

#include "numericcheck.h"
#include "testdata.h"

#include "core/csvreader.h"
#include "core/linearmodel.h"
#include "core/linearmodelminimizer.h"
#include "core/lineobjective.h"
#include "core/minimizer.h"

#include <Eigen/Dense>
#include <QTest>

#include <memory>

using namespace losslens;
using namespace losslens::test;

namespace {

std::shared_ptr<const MultiFeatureData> stackLossFeatures(const QStringList &columns)
{
    CsvError error;
    auto data = loadCsvMultiFeatureData(QStringLiteral(LOSSLENS_STACKLOSS_CSV), columns,
                                        QStringLiteral("STACKLOSS"), &error);
    if (!data) {
        qWarning("cannot read the stack loss file: %s", qPrintable(error.message));
        return nullptr;
    }
    return std::make_shared<const MultiFeatureData>(std::move(*data));
}

std::shared_ptr<const MultiFeatureData> stackLossThreeFeatures()
{
    return stackLossFeatures(
        {QStringLiteral("AIRFLOW"), QStringLiteral("WATERTEMP"), QStringLiteral("ACIDCONC")});
}

// The design matrix [X 1] of the raw features.
Eigen::MatrixXd rawDesign(const MultiFeatureData &data)
{
    Eigen::MatrixXd design(data.size(), data.featureCount() + 1);
    design << data.features, Eigen::VectorXd::Ones(data.size());
    return design;
}

} // namespace

class LinearModelMinimizerTest : public QObject
{
    Q_OBJECT

private slots:
    void meanSquaredErrorIsLeastSquares_data()
    {
        QTest::addColumn<bool>("standardize");
        QTest::newRow("standardized") << true;
        // Raw, the search runs on a standardized copy and maps the result back.
        QTest::newRow("raw") << false;
    }

    void meanSquaredErrorIsLeastSquares()
    {
        QFETCH(bool, standardize);
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("mse")), standardize);
        const LinearMinimumResult minimum =
            findLinearModelMinimum(objective, Eigen::VectorXd::Zero(4));
        QCOMPARE(minimum.status, LinearMinimumStatus::Global);
        QVERIFY(minimum.note.isEmpty());
        const Eigen::VectorXd expected = rawDesign(*data).colPivHouseholderQr().solve(data->target);
        const Eigen::VectorXd parameters = objective.toDataUnits(minimum.theta);
        for (Eigen::Index j = 0; j < 4; ++j)
            COMPARE_NEAR(parameters[j], expected[j], relativeTolerance(expected[j], 1e-10, 1e-12));
        const double residualMean =
            (rawDesign(*data) * expected - data->target).squaredNorm() / data->size();
        COMPARE_NEAR(minimum.value, residualMean, relativeTolerance(residualMean, 1e-12));
    }

    void ridgePenaltyMatchesClosedForm()
    {
        // Raw features with an L2 penalty: the search runs in the raw coordinates, where the
        // penalty is defined. The minimum solves (A^T A / N + l2 D) theta = A^T y / N, with
        // D the identity on the weights and 0 on the intercept.
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const double l2 = 0.5;
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("mse + l2(0.5)")),
                                             false);
        const LinearMinimumResult minimum =
            findLinearModelMinimum(objective, Eigen::VectorXd::Zero(4));
        QCOMPARE(minimum.status, LinearMinimumStatus::Global);
        const Eigen::MatrixXd design = rawDesign(*data);
        const double count = static_cast<double>(data->size());
        Eigen::MatrixXd normal = design.transpose() * design / count;
        for (Eigen::Index j = 0; j < 3; ++j)
            normal(j, j) += l2;
        const Eigen::VectorXd expected =
            normal.ldlt().solve(design.transpose() * data->target / count);
        for (Eigen::Index j = 0; j < 4; ++j)
            COMPARE_NEAR(minimum.theta[j], expected[j],
                         relativeTolerance(expected[j], 1e-9, 1e-12));
    }

    void oneFeatureMatchesLineMinimum_data()
    {
        QTest::addColumn<QString>("loss");
        QTest::addColumn<bool>("standardize");
        QTest::newRow("huber standardized") << "huber:delta=2" << true;
        QTest::newRow("logcosh raw") << "logcosh" << false;
        QTest::newRow("smooth_l1 standardized") << "smooth_l1:beta=3" << true;
        QTest::newRow("mse + l2 standardized") << "mse + l2(0.2)" << true;
    }

    void oneFeatureMatchesLineMinimum()
    {
        QFETCH(QString, loss);
        QFETCH(bool, standardize);
        const auto multi = stackLossFeatures({QStringLiteral("AIRFLOW")});
        QVERIFY(multi);
        const std::shared_ptr<const Loss> parsed = parseLoss(loss);
        QVERIFY(parsed);
        const LinearModelObjective linear(multi, parsed, standardize);
        const auto line = std::make_shared<const Dataset>(multi->column(0));
        const LineObjective lineObjective(line, parsed,
                                          standardize ? FeatureScaling::standardizing(line->feature)
                                                      : FeatureScaling::identity());
        const LinearMinimumResult ours = findLinearModelMinimum(linear, Eigen::VectorXd::Zero(2));
        const MinimumResult reference = findMinimum(lineObjective, Eigen::Vector2d::Zero());
        QCOMPARE(ours.status, LinearMinimumStatus::Global);
        QCOMPARE(reference.status, MinimumStatus::Global);
        const Eigen::VectorXd parameters = linear.toDataUnits(ours.theta);
        const LineParameters expected = lineObjective.toDataUnits(reference.theta);
        COMPARE_NEAR(parameters[0], expected.slope, relativeTolerance(expected.slope, 1e-9));
        COMPARE_NEAR(parameters[1], expected.intercept,
                     relativeTolerance(expected.intercept, 1e-9));
        COMPARE_NEAR(ours.value, reference.value, relativeTolerance(reference.value, 1e-12));
    }

    void smoothConvexLossesReachStationaryPoint_data()
    {
        QTest::addColumn<QString>("loss");
        QTest::newRow("huber") << "huber:delta=1.5";
        QTest::newRow("logcosh") << "logcosh";
        QTest::newRow("smooth_l1") << "smooth_l1:beta=2";
    }

    void smoothConvexLossesReachStationaryPoint()
    {
        QFETCH(QString, loss);
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(loss), true);
        Eigen::VectorXd start(4);
        start << 1.0, -1.0, 2.0, 5.0;
        const LinearMinimumResult minimum = findLinearModelMinimum(objective, start);
        QCOMPARE(minimum.status, LinearMinimumStatus::Global);
        QVERIFY(objective.gradient(minimum.theta).norm() <= 1e-10);
        // A convex function lies above its minimum everywhere, so small moves along each axis
        // must not lower it.
        for (Eigen::Index j = 0; j < 4; ++j) {
            for (const double offset : {-1e-4, 1e-4}) {
                Eigen::VectorXd moved = minimum.theta;
                moved[j] += offset;
                QVERIFY(objective.value(moved) >= minimum.value);
            }
        }
    }

    void nonConvexLossIsLocal()
    {
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("cauchy:c=5")), true);
        Eigen::VectorXd start(4);
        start << 5.0, 2.0, 0.0, 17.0;
        const LinearMinimumResult minimum = findLinearModelMinimum(objective, start);
        QCOMPARE(minimum.status, LinearMinimumStatus::Local);
        QVERIFY(objective.gradient(minimum.theta).norm() <= 1e-8);
        QVERIFY(minimum.value < objective.value(start));
    }

    void fallingFormulaHasNoMinimum()
    {
        // exp(50 e) falls towards 0 as the errors grow negative, but never reaches it. The
        // search fails there, and the note must give the endless fall as the reason.
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("formula:exp(50*e)")),
                                             true);
        Eigen::VectorXd start(4);
        start << 5.0, 2.0, 0.0, 17.0;
        const LinearMinimumResult minimum = findLinearModelMinimum(objective, start);
        QCOMPARE(minimum.status, LinearMinimumStatus::Failed);
        QVERIFY2(minimum.note.contains(QStringLiteral("no minimum")), qPrintable(minimum.note));
    }

    void searchFailsWithoutCurvature_data()
    {
        QTest::addColumn<QString>("loss");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("mae") << "mae"
                             << "not positive definite";
        QTest::newRow("quantile") << "quantile:tau=0.3"
                                  << "not positive definite";
        QTest::newRow("l1 penalty") << "mse + l1(0.1)"
                                    << "L1 penalty";
    }

    void searchFailsWithoutCurvature()
    {
        QFETCH(QString, loss);
        QFETCH(QString, fragment);
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(loss), true);
        const LinearMinimumResult minimum =
            findLinearModelMinimum(objective, Eigen::VectorXd::Zero(4));
        QCOMPARE(minimum.status, LinearMinimumStatus::Failed);
        QVERIFY2(minimum.note.contains(fragment), qPrintable(minimum.note));
    }

    void collinearFeaturesFail()
    {
        // The third feature is the sum of the first two, so the Hessian of the MSE is singular
        // and the least-squares weights are not unique.
        auto data = std::make_shared<MultiFeatureData>(*stackLossFeatures(
            {QStringLiteral("AIRFLOW"), QStringLiteral("WATERTEMP"), QStringLiteral("ACIDCONC")}));
        data->features.col(2) = data->features.col(0) + data->features.col(1);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("mse")), true);
        const LinearMinimumResult minimum =
            findLinearModelMinimum(objective, Eigen::VectorXd::Zero(4));
        QCOMPARE(minimum.status, LinearMinimumStatus::Failed);
    }

    void separableClassesFail()
    {
        // x1 > 1.5 separates the labels, so the logistic loss falls forever as w1 grows.
        auto data = std::make_shared<MultiFeatureData>();
        data->features.resize(6, 2);
        data->features << 0, 1, 1, 0, 1, 1, 2, 0, 3, 1, 2, 1;
        data->target.resize(6);
        data->target << 0, 0, 0, 1, 1, 1;
        data->featureNames = {QStringLiteral("x1"), QStringLiteral("x2")};
        data->targetName = QStringLiteral("y");
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("bce")), true);
        QVERIFY(objective.applicabilityError().isEmpty());
        const LinearMinimumResult minimum =
            findLinearModelMinimum(objective, Eigen::VectorXd::Zero(3));
        QCOMPARE(minimum.status, LinearMinimumStatus::Failed);
        QVERIFY2(minimum.note.contains(QStringLiteral("linearly separable")), qPrintable(minimum.note));

        // With a row of each class at (1.5, 0.5), x1 = 1.5 still splits the classes, with
        // those two rows on the plane: no minimum either, and the note gives the reason.
        auto touching = std::make_shared<MultiFeatureData>(*data);
        touching->features.conservativeResize(8, 2);
        touching->features.bottomRows(2) << 1.5, 0.5, 1.5, 0.5;
        touching->target.conservativeResize(8);
        touching->target.tail(2) << 0, 1;
        const LinearMinimumResult quasi = findLinearModelMinimum(
            LinearModelObjective(touching, parseLoss(QStringLiteral("bce")), true),
            Eigen::VectorXd::Zero(3));
        QCOMPARE(quasi.status, LinearMinimumStatus::Failed);
        QVERIFY2(quasi.note.contains(QStringLiteral("rows lying on it")), qPrintable(quasi.note));

        // A weight penalty keeps the weights finite: the minimum exists.
        const LinearMinimumResult penalized = findLinearModelMinimum(
            LinearModelObjective(data, parseLoss(QStringLiteral("bce + l2(0.01)")), true),
            Eigen::VectorXd::Zero(3));
        QCOMPARE(penalized.status, LinearMinimumStatus::Global);

        // A class 0 row inside the triangle of the class 1 rows (2, 0), (3, 1) and (2, 1), at
        // their mean with weights 1/2, 1/4 and 1/4: the classes overlap and the minimum exists.
        auto overlapping = std::make_shared<MultiFeatureData>(*data);
        overlapping->features.conservativeResize(7, 2);
        overlapping->features.row(6) << 2.25, 0.5;
        overlapping->target.conservativeResize(7);
        overlapping->target[6] = 0;
        const LinearMinimumResult found = findLinearModelMinimum(
            LinearModelObjective(overlapping, parseLoss(QStringLiteral("bce")), true),
            Eigen::VectorXd::Zero(3));
        QCOMPARE(found.status, LinearMinimumStatus::Global);
    }
};

QTEST_GUILESS_MAIN(LinearModelMinimizerTest)
#include "tst_linearmodelminimizer.moc"
