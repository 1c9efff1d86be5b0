// Full-batch gradient descent on linear models with several weights: the least-squares
// solution on the stack loss data's three features, divergence, determinism and cancellation.

#include "numericcheck.h"
#include "testdata.h"

#include "core/csvreader.h"
#include "core/learningrateschedule.h"
#include "core/linearmodel.h"
#include "core/linearmodeltraining.h"
#include "core/optimizercatalogue.h"
#include "core/trainingrun.h"

#include <Eigen/Dense>
#include <QTest>

#include <cmath>
#include <cstddef>
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

// Compares a run recorded with a point limit against the same run recorded whole. Both have the
// same status, counts and end. The bounded run has at most limit points, with steps increasing
// from 0 to the end, and each of its points equals the whole run's point of that step.
void compareBoundedPath(const LinearTrainingPath &every, const LinearTrainingPath &bounded,
                        int limit)
{
    QCOMPARE(every.steps.size(), every.thetas.size());
    for (std::size_t k = 0; k < every.steps.size(); ++k)
        QCOMPARE(every.steps[k], int(k));
    QCOMPARE(bounded.status, every.status);
    QCOMPARE(bounded.divergedAt, every.divergedAt);
    QVERIFY(bounded.divergedLoss == every.divergedLoss ||
            (std::isnan(bounded.divergedLoss) && std::isnan(every.divergedLoss)));
    QCOMPARE(bounded.stepCount(), every.stepCount());
    QCOMPARE(bounded.stepsTaken(), every.stepsTaken());
    QVERIFY(bounded.thetas.size() <= std::size_t(limit));
    QCOMPARE(bounded.losses.size(), bounded.thetas.size());
    QCOMPARE(bounded.steps.size(), bounded.thetas.size());
    QCOMPARE(bounded.steps.front(), 0);
    QCOMPARE(bounded.steps.back(), every.stepCount());
    QCOMPARE(bounded.start(), every.start());
    QCOMPARE(bounded.end(), every.end());
    QCOMPARE(bounded.losses.back(), every.losses.back());
    for (std::size_t i = 0; i < bounded.steps.size(); ++i) {
        if (i > 0)
            QVERIFY(bounded.steps[i] > bounded.steps[i - 1]);
        const auto step = std::size_t(bounded.steps[i]);
        QCOMPARE(bounded.thetas[i], every.thetas[step]);
        QCOMPARE(bounded.losses[i], every.losses[step]);
    }
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

    void pointLimitKeepsEvenlySpacedSteps()
    {
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("mse")), true);
        // A rate of 0.001 shrinks the error by at most a factor 1 - 0.001 * 0.41 a step, so the
        // run takes every one of its 19,999 updates.
        const int updates = 19'999;
        const int limit = 7;
        const auto every = trainLinearModel(objective, Eigen::VectorXd::Zero(4), 0.001, updates);
        const auto bounded =
            trainLinearModel(objective, Eigen::VectorXd::Zero(4), 0.001, updates, {}, limit);
        QVERIFY(every && bounded);
        QCOMPARE(every->status, LinearTrainingStatus::Completed);
        compareBoundedPath(*every, *bounded, limit);
        if (QTest::currentTestFailed())
            return;
        // Exactly limit points, after k_i = round(i n / (limit - 1)) updates.
        QCOMPARE(bounded->thetas.size(), std::size_t(limit));
        for (int i = 0; i < limit; ++i)
            QCOMPARE(bounded->steps[std::size_t(i)],
                     int(std::llround(double(i) * updates / (limit - 1))));
    }

    void pointLimitWithOptimizerOverload()
    {
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("huber:delta=2")),
                                             true);
        // Mini-batch SGD, so every update depends on the sampler's state as well.
        QString error;
        const std::unique_ptr<Optimizer> descent = OptimizerCatalogue::parse(
            QStringLiteral("sgd:learning_rate=0.01,batch_size=4,seed=7"), &error);
        QVERIFY2(descent, qPrintable(error));
        LinearTrainingSettings settings;
        settings.stepLimit = 3000;
        const auto every = trainLinearModel(objective, Eigen::VectorXd::Zero(4), *descent,
                                            LearningRateSchedule(), settings);
        settings.recordedPointLimit = 101;
        const auto bounded = trainLinearModel(objective, Eigen::VectorXd::Zero(4), *descent,
                                              LearningRateSchedule(), settings);
        QVERIFY(every && bounded);
        compareBoundedPath(*every, *bounded, 101);
        if (every->status == LinearTrainingStatus::Completed)
            QCOMPARE(bounded->thetas.size(), std::size_t(101));
    }

    void pointLimitOnEarlyDivergence()
    {
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("mse")), true);
        // Just above the stable rate 2 / 4.27, the error grows by about 0.7 % a step, so the run
        // diverges after about 1,500 updates, long before its limit of 100,000.
        const int limit = 11;
        const auto every = trainLinearModel(objective, Eigen::VectorXd::Zero(4), 0.47, 100'000);
        const auto bounded =
            trainLinearModel(objective, Eigen::VectorXd::Zero(4), 0.47, 100'000, {}, limit);
        QVERIFY(every && bounded);
        QCOMPARE(every->status, LinearTrainingStatus::Diverged);
        const int keptUpdates = every->stepCount();
        QVERIFY2(keptUpdates > 10 * limit && keptUpdates < 50'000,
                 qPrintable(QString::number(keptUpdates)));
        compareBoundedPath(*every, *bounded, limit);
        if (QTest::currentTestFailed())
            return;
        // The multiples of the least power of two s with floor(n / s) + 1 <= limit - 1, then
        // the end.
        int stride = 1;
        while (keptUpdates / stride + 1 > limit - 1)
            stride *= 2;
        const std::size_t multiples = std::size_t(keptUpdates / stride + 1);
        QCOMPARE(bounded->thetas.size(), multiples + (keptUpdates % stride != 0 ? 1 : 0));
        for (std::size_t i = 0; i < multiples; ++i)
            QCOMPARE(bounded->steps[i], int(i) * stride);
    }

    void pointLimitWithConvergence()
    {
        const auto data = stackLossThreeFeatures();
        QVERIFY(data);
        // At the exact minimum of a one-row problem the first update converges and adds nothing.
        auto single = std::make_shared<MultiFeatureData>(*data);
        single->features = data->features.topRows(1);
        single->target = data->target.head(1);
        const LinearModelObjective one(single, parseLoss(QStringLiteral("mse")), false);
        Eigen::VectorXd start = Eigen::VectorXd::Zero(4);
        start[3] = single->target[0];
        const auto stationary = trainLinearModel(one, start, 0.1, 100'000, {}, 2);
        QVERIFY(stationary);
        QCOMPARE(stationary->status, LinearTrainingStatus::Converged);
        QCOMPARE(stationary->stepCount(), 0);
        QCOMPARE(stationary->thetas.size(), std::size_t(1));

        // A run that may converge anywhere before its limit keeps its exact end either way.
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("mse")), true);
        const auto every = trainLinearModel(objective, Eigen::VectorXd::Zero(4), 0.1, 20'000);
        const auto bounded =
            trainLinearModel(objective, Eigen::VectorXd::Zero(4), 0.1, 20'000, {}, 5);
        QVERIFY(every && bounded);
        compareBoundedPath(*every, *bounded, 5);
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
