// Full-batch gradient descent on linear models with several weights: the least-squares
// solution on the stack loss data's three features, divergence, determinism and cancellation.

#include "numericcheck.h"
#include "testdata.h"

#include "core/csvreader.h"
#include "core/linearmodel.h"
#include "core/linearmodeltraining.h"
#include "core/trainingrun.h"

#include <Eigen/Dense>
#include <QTest>

#include <cmath>
#include <memory>

using namespace losslens;
using namespace losslens::test;

namespace {

// The bundled stack loss file: STACKLOSS against AIRFLOW, WATERTEMP and ACIDCONC, 21 rows.
std::shared_ptr<const MultiFeatureData> stackLossThreeFeatures()
{
    CsvError error;
    auto data = loadCsvMultiFeatureData(
        QStringLiteral(LOSSLENS_STACKLOSS_CSV),
        {QStringLiteral("AIRFLOW"), QStringLiteral("WATERTEMP"), QStringLiteral("ACIDCONC")},
        QStringLiteral("STACKLOSS"), &error);
    if (!data) {
        qWarning("cannot read the stack loss file: %s", qPrintable(error.message));
        return nullptr;
    }
    return std::make_shared<const MultiFeatureData>(std::move(*data));
}

// The least-squares theta in training coordinates, solved directly: [X' 1] theta = y by a
// column-pivoting QR decomposition.
Eigen::VectorXd leastSquaresTheta(const LinearModelObjective &objective)
{
    const Eigen::MatrixXd &features = objective.scaledFeatures();
    Eigen::MatrixXd design(features.rows(), features.cols() + 1);
    design << features, Eigen::VectorXd::Ones(features.rows());
    return design.colPivHouseholderQr().solve(objective.data().target);
}

} // namespace

class LinearModelTrainingTest : public QObject
{
    Q_OBJECT

private slots:
    void reachesLeastSquaresSolution()
    {
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("mse")), true);
        const Eigen::VectorXd expected = leastSquaresTheta(objective);
        // The Hessian of the mean MSE, 2 A^T A / N with A = [X' 1], has eigenvalues from 0.41
        // to 4.27 on this data (computed with NumPy). A rate of 0.1 then shrinks the error by
        // at least a factor 0.96 a step, so 5000 steps reach 1e-8 with a wide margin.
        const auto path = trainLinearModel(objective, Eigen::VectorXd::Zero(4), 0.1, 5000);
        QVERIFY(path.has_value());
        QVERIFY(path->status != LinearTrainingStatus::Diverged);
        QCOMPARE(path->thetas.size(), path->losses.size());
        QCOMPARE(path->start(), Eigen::VectorXd::Zero(4));
        for (Eigen::Index j = 0; j < expected.size(); ++j)
            COMPARE_NEAR(path->end()[j], expected[j], 1e-8);
        COMPARE_NEAR(path->losses.back(), objective.value(expected), 1e-10);
    }

    void recordedLossesMatchObjective()
    {
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("huber:delta=2")),
                                             true);
        const auto path = trainLinearModel(objective, Eigen::VectorXd::Zero(4), 0.1, 50);
        QVERIFY(path.has_value());
        QCOMPARE(path->status, LinearTrainingStatus::Completed);
        QCOMPARE(path->stepCount(), 50);
        for (size_t k = 0; k < path->thetas.size(); ++k)
            QCOMPARE(path->losses[k], objective.value(path->thetas[k]));
        // Each update is the gradient step from the point before it.
        const Eigen::VectorXd expected =
            path->thetas[9] - 0.1 * objective.gradient(path->thetas[9]);
        QCOMPARE(path->thetas[10], expected);
    }

    void largeRateDiverges_data()
    {
        QTest::addColumn<bool>("standardize");
        QTest::addColumn<double>("learningRate");
        // Standardized, the Hessian's largest eigenvalue is 4.27, so a rate of 2 multiplies the
        // error along its eigenvector by |1 - 2 * 4.27| = 7.5 a step.
        QTest::newRow("standardized, rate 2") << true << 2.0;
        // Raw, the features from 17 to 93 make the Hessian's largest eigenvalue about 2.3e4.
        QTest::newRow("raw, rate 0.1") << false << 0.1;
    }

    void largeRateDiverges()
    {
        QFETCH(bool, standardize);
        QFETCH(double, learningRate);
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("mse")),
                                             standardize);
        const auto path =
            trainLinearModel(objective, Eigen::VectorXd::Zero(4), learningRate, 1000);
        QVERIFY(path.has_value());
        QCOMPARE(path->status, LinearTrainingStatus::Diverged);
        QVERIFY(path->divergedAt >= 1);
        QCOMPARE(path->divergedAt, path->stepCount() + 1);
        const double limit = TrainingRun::divergenceFactor * path->losses.front();
        QVERIFY(!std::isfinite(path->divergedLoss) || path->divergedLoss > limit);
        for (size_t k = 0; k < path->thetas.size(); ++k) {
            QVERIFY(path->thetas[k].allFinite());
            QVERIFY(std::isfinite(path->losses[k]));
            QVERIFY(path->losses[k] <= limit);
        }
    }

    void sameInputsGiveSamePath()
    {
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("logcosh")), true);
        Eigen::VectorXd start(4);
        start << 1.0, -2.0, 0.5, 3.0;
        const auto first = trainLinearModel(objective, start, 0.3, 300);
        const auto second = trainLinearModel(objective, start, 0.3, 300);
        QVERIFY(first.has_value());
        QVERIFY(second.has_value());
        QCOMPARE(first->thetas.size(), second->thetas.size());
        for (size_t k = 0; k < first->thetas.size(); ++k) {
            // Exact equality: the same doubles in the same order of operations.
            QCOMPARE(first->thetas[k], second->thetas[k]);
            QCOMPARE(first->losses[k], second->losses[k]);
        }
    }

    void zeroStepsKeepsStart()
    {
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("mse")), true);
        const auto path = trainLinearModel(objective, Eigen::VectorXd::Zero(4), 0.1, 0);
        QVERIFY(path.has_value());
        QCOMPARE(path->stepCount(), 0);
        QCOMPARE(path->status, LinearTrainingStatus::Completed);
        QCOMPARE(path->end(), path->start());
    }

    void stationaryStartConverges()
    {
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        // At the exact minimum of a one-row problem every update is exactly zero.
        auto single = std::make_shared<MultiFeatureData>(*data);
        single->features = data->features.topRows(1);
        single->target = data->target.head(1);
        const LinearModelObjective one(single, parseLoss(QStringLiteral("mse")), false);
        Eigen::VectorXd start = Eigen::VectorXd::Zero(4);
        start[3] = single->target[0];
        const auto path = trainLinearModel(one, start, 0.1, 100);
        QVERIFY(path.has_value());
        QCOMPARE(path->status, LinearTrainingStatus::Converged);
        QCOMPARE(path->stepCount(), 0);
    }

    void stopRequestCancels()
    {
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("mse")), true);
        std::stop_source source;
        source.request_stop();
        const auto path =
            trainLinearModel(objective, Eigen::VectorXd::Zero(4), 0.1, 100, source.get_token());
        QVERIFY(!path.has_value());
    }
};

QTEST_GUILESS_MAIN(LinearModelTrainingTest)
#include "tst_linearmodeltraining.moc"
