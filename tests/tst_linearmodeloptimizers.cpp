// trainLinearModel() driving the catalogue's optimizers and schedules: with one feature it
// follows TrainingRun on the line model, with three it reaches the least-squares solution, and
// its convergence test is TrainingRun's.

#include "numericcheck.h"
#include "testdata.h"

#include "core/csvreader.h"
#include "core/learningrateschedule.h"
#include "core/linearmodel.h"
#include "core/linearmodeltraining.h"
#include "core/optimizercatalogue.h"
#include "core/optimizers/sgd.h"
#include "core/trainingrun.h"

#include <Eigen/Dense>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>

using namespace losslens;
using namespace losslens::test;

namespace {

// The bundled stack loss file: STACKLOSS against the given feature columns, 21 rows.
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

std::unique_ptr<Optimizer> parseOptimizer(const QString &spec)
{
    QString error;
    std::unique_ptr<Optimizer> optimizer = OptimizerCatalogue::parse(spec, &error);
    if (!optimizer)
        qWarning("cannot parse %s: %s", qPrintable(spec), qPrintable(error));
    return optimizer;
}

std::unique_ptr<LearningRateSchedule> parseSchedule(const QString &spec)
{
    QString error;
    std::unique_ptr<LearningRateSchedule> schedule = LearningRateSchedule::parse(spec, &error);
    if (!schedule)
        qWarning("cannot parse %s: %s", qPrintable(spec), qPrintable(error));
    return schedule;
}

LinearTrainingSettings settingsWithLimit(int stepLimit)
{
    LinearTrainingSettings settings;
    settings.stepLimit = stepLimit;
    settings.convergenceTest = LinearConvergenceTest::UnchangedOrRoundingNoise;
    return settings;
}

} // namespace

class LinearModelOptimizersTest : public QObject
{
    Q_OBJECT

private slots:
    void oneFeatureFollowsTrainingRun_data()
    {
        QTest::addColumn<QString>("loss");
        QTest::addColumn<QString>("optimizer");
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<int>("steps");
        QTest::newRow("mse gd") << "mse"
                                << "gd:learning_rate=0.1"
                                << "constant" << 200;
        QTest::newRow("huber momentum step") << "huber:delta=2"
                                             << "momentum:learning_rate=0.05,momentum=0.8"
                                             << "step:interval=30,factor=0.5" << 200;
        QTest::newRow("logcosh nesterov") << "logcosh"
                                          << "nesterov:learning_rate=0.1"
                                          << "constant" << 200;
        QTest::newRow("mse adam cosine") << "mse"
                                         << "adam:learning_rate=0.1"
                                         << "cosine:period=150,minimum=0.001" << 150;
        QTest::newRow("mse adamw exponential") << "mse"
                                               << "adamw:learning_rate=0.2,weight_decay=0.05"
                                               << "exponential:factor=0.99" << 150;
        QTest::newRow("mse rmsprop") << "mse"
                                     << "rmsprop:learning_rate=0.05"
                                     << "constant" << 100;
        QTest::newRow("mse adagrad") << "mse"
                                     << "adagrad:learning_rate=2"
                                     << "constant" << 200;
        QTest::newRow("mse sgd batches of 5") << "mse"
                                              << "sgd:learning_rate=0.05,batch_size=5,seed=7"
                                              << "constant" << 100;
        QTest::newRow("l2 composite gd") << "mse + l2(0.1)"
                                         << "gd:learning_rate=0.1"
                                         << "constant" << 100;
    }

    // LineObjective and LinearModelObjective sum in other orders, so the two paths agree to
    // rounding, which a few hundred contracting steps keep near 1e-12.
    void oneFeatureFollowsTrainingRun()
    {
        QFETCH(QString, loss);
        QFETCH(QString, optimizer);
        QFETCH(QString, schedule);
        QFETCH(int, steps);
        const auto multi = stackLossFeatures({QStringLiteral("AIRFLOW")});
        QVERIFY(multi);
        const std::shared_ptr<const Loss> parsedLoss = parseLoss(loss);
        QVERIFY(parsedLoss);
        const std::unique_ptr<Optimizer> stepRule = parseOptimizer(optimizer);
        QVERIFY(stepRule);
        const std::unique_ptr<LearningRateSchedule> rates = parseSchedule(schedule);
        QVERIFY(rates);

        const LinearModelObjective linear(multi, parsedLoss, true);
        const auto line = std::make_shared<const Dataset>(multi->column(0));
        const LineObjective lineObjective(line, parsedLoss,
                                          FeatureScaling::standardizing(line->feature));
        Eigen::VectorXd start(2);
        start << -1.0, 3.0;
        const auto path =
            trainLinearModel(linear, start, *stepRule, *rates, settingsWithLimit(steps));
        QVERIFY(path.has_value());
        TrainingRun run(lineObjective, Eigen::Vector2d(start), *stepRule, *rates);
        for (int step = 0; step < steps && run.status() == RunStatus::Running; ++step)
            run.step(lineObjective);

        QCOMPARE(path->stepsTaken(), run.stepsTaken());
        QCOMPARE(path->thetas.size(), run.history().size());
        for (size_t k = 0; k < path->thetas.size(); ++k) {
            const TrainingPoint &point = run.history()[k];
            COMPARE_NEAR(path->thetas[k][0], point.theta[0],
                         relativeTolerance(point.theta[0], 1e-11, 1e-11));
            COMPARE_NEAR(path->thetas[k][1], point.theta[1],
                         relativeTolerance(point.theta[1], 1e-11, 1e-11));
            COMPARE_NEAR(path->losses[k], point.loss, relativeTolerance(point.loss, 1e-11));
        }
    }

    void threeFeaturesReachLeastSquares_data()
    {
        QTest::addColumn<QString>("optimizer");
        QTest::addColumn<int>("steps");
        // The Hessian of the standardized mean MSE has eigenvalues from 0.41 to 4.27, so each of
        // these contracts the error well below 1e-9 in the given steps.
        QTest::newRow("gd") << "gd:learning_rate=0.1" << 5000;
        QTest::newRow("momentum") << "momentum:learning_rate=0.05,momentum=0.8" << 3000;
        QTest::newRow("nesterov") << "nesterov:learning_rate=0.05" << 3000;
    }

    void threeFeaturesReachLeastSquares()
    {
        QFETCH(QString, optimizer);
        QFETCH(int, steps);
        const auto data = stackLossFeatures(
            {QStringLiteral("AIRFLOW"), QStringLiteral("WATERTEMP"), QStringLiteral("ACIDCONC")});
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("mse")), true);
        const std::unique_ptr<Optimizer> stepRule = parseOptimizer(optimizer);
        QVERIFY(stepRule);
        const auto path = trainLinearModel(objective, Eigen::VectorXd::Zero(4), *stepRule,
                                           LearningRateSchedule(), settingsWithLimit(steps));
        QVERIFY(path.has_value());
        QVERIFY(path->status != LinearTrainingStatus::Diverged);

        Eigen::MatrixXd design(data->size(), 4);
        design << data->features, Eigen::VectorXd::Ones(data->size());
        const Eigen::VectorXd expected = design.colPivHouseholderQr().solve(data->target);
        const Eigen::VectorXd parameters = objective.toDataUnits(path->end());
        for (Eigen::Index j = 0; j < 4; ++j)
            COMPARE_NEAR(parameters[j], expected[j], relativeTolerance(expected[j], 1e-8));
    }

    void miniBatchesFollowSeed()
    {
        const auto data =
            stackLossFeatures({QStringLiteral("AIRFLOW"), QStringLiteral("WATERTEMP")});
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("mse")), true);
        const std::unique_ptr<Optimizer> seven =
            parseOptimizer(QStringLiteral("sgd:learning_rate=0.05,batch_size=4,seed=7"));
        const std::unique_ptr<Optimizer> eight =
            parseOptimizer(QStringLiteral("sgd:learning_rate=0.05,batch_size=4,seed=8"));
        QVERIFY(seven && eight);
        const Eigen::VectorXd start = Eigen::VectorXd::Zero(3);
        const auto first = trainLinearModel(objective, start, *seven, LearningRateSchedule(),
                                            settingsWithLimit(30));
        const auto again = trainLinearModel(objective, start, *seven, LearningRateSchedule(),
                                            settingsWithLimit(30));
        const auto other = trainLinearModel(objective, start, *eight, LearningRateSchedule(),
                                            settingsWithLimit(30));
        QVERIFY(first && again && other);
        QCOMPARE(first->stepCount(), 30);
        QCOMPARE(first->end(), again->end());
        QVERIFY(first->end() != other->end());
        // The first update uses the first 4 samples of the seed's shuffle.
        std::mt19937_64 generator(7);
        std::vector<Eigen::Index> order(21);
        for (Eigen::Index i = 0; i < 21; ++i)
            order[i] = i;
        std::shuffle(order.begin(), order.end(), generator);
        const std::vector<Eigen::Index> batch(order.begin(), order.begin() + 4);
        const Eigen::VectorXd expected = start - 0.05 * objective.gradientOnSamples(start, batch);
        QCOMPARE(first->thetas[1], expected);
    }

    void gradientOnSamplesMatchesFullGradient()
    {
        const auto data = stackLossFeatures(
            {QStringLiteral("AIRFLOW"), QStringLiteral("WATERTEMP"), QStringLiteral("ACIDCONC")});
        QVERIFY(data);
        const LinearModelObjective objective(
            data, parseLoss(QStringLiteral("huber:delta=2 + l2(0.3)")), true);
        Eigen::VectorXd theta(4);
        theta << 1.0, -0.5, 0.25, 10.0;
        std::vector<Eigen::Index> all(21);
        for (Eigen::Index i = 0; i < 21; ++i)
            all[i] = i;
        const Eigen::VectorXd full = objective.gradient(theta);
        const Eigen::VectorXd sampled = objective.gradientOnSamples(theta, all);
        for (Eigen::Index j = 0; j < 4; ++j)
            COMPARE_NEAR(sampled[j], full[j], relativeTolerance(full[j], 1e-14, 1e-14));
    }

    void roundingNoiseConverges()
    {
        // Gradient descent with a rate near 1 / (largest curvature) reaches the minimum of the
        // standardized MSE in far fewer than 20000 steps. After that its updates are rounding
        // noise. The TrainingRun test stops on them, and the UnchangedParameters test does not.
        const auto data = stackLossFeatures(
            {QStringLiteral("AIRFLOW"), QStringLiteral("WATERTEMP"), QStringLiteral("ACIDCONC")});
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("mse")), true);
        const std::unique_ptr<Optimizer> descent =
            parseOptimizer(QStringLiteral("gd:learning_rate=0.2"));
        QVERIFY(descent);
        const auto noise = trainLinearModel(objective, Eigen::VectorXd::Zero(4), *descent,
                                            LearningRateSchedule(), settingsWithLimit(20000));
        QVERIFY(noise.has_value());
        QCOMPARE(noise->status, LinearTrainingStatus::Converged);
        QVERIFY(noise->stepCount() < 20000);
        const size_t last = noise->thetas.size() - 1;
        const Eigen::VectorXd update = noise->thetas[last] - noise->thetas[last - 1];
        const Eigen::VectorXd previous = noise->thetas[last - 1] - noise->thetas[last - 2];
        QVERIFY(update.norm() <= 1e-12 * (1.0 + noise->thetas[last - 1].norm()));
        QVERIFY(update.norm() == 0.0 ||
                update.dot(previous) <= 0.99 * update.norm() * previous.norm());
    }

    void unchangedTestKeepsGradientDescentPath()
    {
        // The learning-rate overload is gradient descent with the UnchangedParameters test, and
        // gives the same doubles as the optimizer overload with that test.
        const auto data =
            stackLossFeatures({QStringLiteral("AIRFLOW"), QStringLiteral("ACIDCONC")});
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("logcosh")), true);
        StochasticGradientDescent descent(StochasticGradientDescent::Variant::GradientDescent);
        descent.setParameterValue(0, 0.3);
        LinearTrainingSettings settings = settingsWithLimit(300);
        settings.convergenceTest = LinearConvergenceTest::UnchangedParameters;
        const Eigen::VectorXd start = Eigen::VectorXd::Constant(3, 0.5);
        const auto general =
            trainLinearModel(objective, start, descent, LearningRateSchedule(), settings);
        const auto plain = trainLinearModel(objective, start, 0.3, 300);
        QVERIFY(general && plain);
        QCOMPARE(plain->status, LinearTrainingStatus::Completed);
        QCOMPARE(general->thetas.size(), plain->thetas.size());
        for (size_t k = 0; k < plain->thetas.size(); ++k) {
            QCOMPARE(general->thetas[k], plain->thetas[k]);
            QCOMPARE(general->losses[k], plain->losses[k]);
            if (k > 0) {
                const Eigen::VectorXd step =
                    plain->thetas[k - 1] - 0.3 * objective.gradient(plain->thetas[k - 1]);
                QCOMPARE(plain->thetas[k], step);
            }
        }
    }

    void divergenceStopsRun()
    {
        const auto data = stackLossFeatures(
            {QStringLiteral("AIRFLOW"), QStringLiteral("WATERTEMP"), QStringLiteral("ACIDCONC")});
        QVERIFY(data);
        // Raw features of 17 to 93 make the mean MSE's largest curvature about 2.3e4, so
        // momentum with a rate of 0.01 grows the error by a large factor each step.
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("mse")), false);
        const std::unique_ptr<Optimizer> momentum =
            parseOptimizer(QStringLiteral("momentum:learning_rate=0.01"));
        QVERIFY(momentum);
        const auto path = trainLinearModel(objective, Eigen::VectorXd::Zero(4), *momentum,
                                           LearningRateSchedule(), settingsWithLimit(1000));
        QVERIFY(path.has_value());
        QCOMPARE(path->status, LinearTrainingStatus::Diverged);
        QCOMPARE(path->stepsTaken(), path->divergedAt);
        QCOMPARE(path->divergedAt, path->stepCount() + 1);
        const double limit = TrainingRun::divergenceFactor * path->losses.front();
        QVERIFY(!std::isfinite(path->divergedLoss) || path->divergedLoss > limit);
        for (const double loss : path->losses)
            QVERIFY(loss <= limit);
    }

    void stopRequestCancels()
    {
        const auto data =
            stackLossFeatures({QStringLiteral("AIRFLOW"), QStringLiteral("WATERTEMP")});
        QVERIFY(data);
        const LinearModelObjective objective(data, parseLoss(QStringLiteral("mse")), true);
        const std::unique_ptr<Optimizer> adam = parseOptimizer(QStringLiteral("adam"));
        QVERIFY(adam);
        std::stop_source source;
        source.request_stop();
        const auto path =
            trainLinearModel(objective, Eigen::VectorXd::Zero(3), *adam, LearningRateSchedule(),
                             settingsWithLimit(10), source.get_token());
        QVERIFY(!path.has_value());
    }
};

QTEST_GUILESS_MAIN(LinearModelOptimizersTest)
#include "tst_linearmodeloptimizers.moc"
