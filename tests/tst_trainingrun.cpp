#include "numericcheck.h"
#include "testdata.h"

#include "core/losscatalogue.h"
#include "core/minimizer.h"
#include "core/steprule.h"
#include "core/trainingrun.h"

#include <QTest>

#include <cmath>
#include <memory>

using namespace losslens;

namespace {

// Steps until the run stops or maxSteps updates were made.
void runToEnd(TrainingRun &run, const LineObjective &objective, StepRule &rule, int maxSteps)
{
    for (int i = 0; i < maxSteps && run.status() == RunStatus::Running; ++i)
        run.step(objective, rule);
}

} // namespace

class TestTrainingRun : public QObject
{
    Q_OBJECT

private slots:
    void gradientDescentReachesLeastSquares_data();
    void gradientDescentReachesLeastSquares();
    void largeLearningRateDiverges_data();
    void largeLearningRateDiverges();
    void tinyLearningRateKeepsRunning();
    void stepAfterStopDoesNothing();
    void resetRestartsAtStart();
    void runsDeterministic();
    void gradientDescentUpdate();
};

void TestTrainingRun::gradientDescentReachesLeastSquares_data()
{
    QTest::addColumn<bool>("standardize");
    QTest::addColumn<double>("learningRate");
    QTest::addColumn<int>("maxSteps");

    // Standardized, the MSE Hessian is 2 I, so a rate of 0.1 contracts the error by 0.8 a step.
    QTest::newRow("stack loss standardizing") << true << 0.1 << 10'000;
    // Raw, the Hessian 2 [[mean x^2, mean x], [mean x, 1]] has eigenvalues near 7470 and 0.043.
    // A rate of 2.5e-4 is just stable there. The error along the flat direction then shrinks by
    // only a factor 1 - 1.1e-5 a step, so this run takes about two million steps.
    QTest::newRow("stack loss identity") << false << 2.5e-4 << 5'000'000;
}

void TestTrainingRun::gradientDescentReachesLeastSquares()
{
    QFETCH(bool, standardize);
    QFETCH(double, learningRate);
    QFETCH(int, maxSteps);

    const auto data = test::stackLossData();
    const FeatureScaling scaling =
        standardize ? FeatureScaling::standardizing(data->feature) : FeatureScaling::identity();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("mse")), scaling);
    GradientDescent rule(learningRate);
    TrainingRun run(objective, Eigen::Vector2d::Zero());
    runToEnd(run, objective, rule, maxSteps);

    QCOMPARE(run.status(), RunStatus::Converged);
    const Eigen::Vector2d solved = leastSquaresLine(objective);
    const Eigen::Vector2d reached = run.current().theta;
    // 1e-8 relative to the parameter size. The run stops once rounding noise turns its updates
    // around, which on this data left it about 2e-9 from the line on the raw feature and 3e-14
    // on the standardized one when measured.
    for (int k = 0; k < 2; ++k)
        COMPARE_NEAR(reached[k], solved[k], 1e-8 * (1.0 + std::abs(solved[k])));

    // The mean loss never rises for gradient descent with a stable rate on a quadratic. The
    // slack is the rounding of a mean of 21 terms, at most about 21 eps relative.
    const auto &history = run.history();
    QCOMPARE(history.front().iteration, 0);
    for (std::size_t i = 1; i < history.size(); ++i) {
        QCOMPARE(history[i].iteration, static_cast<int>(i));
        QVERIFY2(history[i].loss <= history[i - 1].loss * (1.0 + 32 * test::epsilon),
                 qPrintable(QStringLiteral("loss rose at iteration %1").arg(i)));
    }
}

void TestTrainingRun::largeLearningRateDiverges_data()
{
    QTest::addColumn<bool>("standardize");
    QTest::addColumn<double>("learningRate");

    // Gradient descent on a quadratic diverges once the rate exceeds 2 / (largest eigenvalue):
    // 1 when standardized, 2.7e-4 on the raw stack loss feature.
    QTest::newRow("standardizing rate=1.5") << true << 1.5;
    QTest::newRow("standardizing rate=100") << true << 100.0;
    QTest::newRow("identity rate=1e-3") << false << 1e-3;
    QTest::newRow("identity rate=1e6") << false << 1e6;
}

void TestTrainingRun::largeLearningRateDiverges()
{
    QFETCH(bool, standardize);
    QFETCH(double, learningRate);

    const auto data = test::stackLossData();
    const FeatureScaling scaling =
        standardize ? FeatureScaling::standardizing(data->feature) : FeatureScaling::identity();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("mse")), scaling);
    GradientDescent rule(learningRate);
    TrainingRun run(objective, Eigen::Vector2d::Zero());
    runToEnd(run, objective, rule, 100'000);

    QCOMPARE(run.status(), RunStatus::Diverged);
    QVERIFY(run.divergedAt() > 0);
    // The update that diverged is not recorded: the last point is the one before it.
    QCOMPARE(run.iteration(), run.divergedAt() - 1);
    const double limit = TrainingRun::divergenceFactor * run.history().front().loss;
    for (const TrainingPoint &point : run.history()) {
        QVERIFY(std::isfinite(point.loss));
        QVERIFY(point.theta.allFinite());
        QVERIFY(point.loss <= limit);
    }
}

void TestTrainingRun::tinyLearningRateKeepsRunning()
{
    // With a rate of 1e-15 every update is below 1e-12 (1 + |theta|), yet the run is nowhere
    // near the minimum: it must not report convergence.
    const auto data = test::stackLossData();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("mse")),
                                  FeatureScaling::standardizing(data->feature));
    GradientDescent rule(1e-15);
    TrainingRun run(objective, Eigen::Vector2d::Zero());
    runToEnd(run, objective, rule, 100);
    QCOMPARE(run.status(), RunStatus::Running);
    QCOMPARE(run.iteration(), 100);
}

void TestTrainingRun::stepAfterStopDoesNothing()
{
    const auto data = test::stackLossData();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("mse")),
                                  FeatureScaling::identity());
    GradientDescent rule(1.0);
    TrainingRun run(objective, Eigen::Vector2d::Zero());
    runToEnd(run, objective, rule, 1000);
    QCOMPARE(run.status(), RunStatus::Diverged);
    const std::size_t length = run.history().size();
    const int divergedAt = run.divergedAt();
    QCOMPARE(run.step(objective, rule), RunStatus::Diverged);
    QCOMPARE(run.history().size(), length);
    QCOMPARE(run.divergedAt(), divergedAt);
}

void TestTrainingRun::resetRestartsAtStart()
{
    const auto data = test::stackLossData();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("huber:delta=2")),
                                  FeatureScaling::standardizing(data->feature));
    GradientDescent rule(0.5);
    const Eigen::Vector2d start(0.5, -1.0);
    TrainingRun run(objective, start);
    for (int i = 0; i < 25; ++i)
        run.step(objective, rule);
    QCOMPARE(run.iteration(), 25);

    const Eigen::Vector2d restart(-2.0, 4.0);
    run.reset(objective, restart);
    QCOMPARE(run.status(), RunStatus::Running);
    QCOMPARE(run.divergedAt(), -1);
    QCOMPARE(run.history().size(), std::size_t(1));
    QCOMPARE(run.iteration(), 0);
    QVERIFY(run.current().theta == restart);
    COMPARE_NEAR(run.current().loss, objective.value(restart), 0.0);

    // A diverged run also starts over on reset. Huber's bounded slope keeps even a huge rate
    // from diverging quickly, so the run diverges on MSE and restarts on Huber.
    const LineObjective squared(data, test::parseLoss(QStringLiteral("mse")),
                                FeatureScaling::standardizing(data->feature));
    GradientDescent unstable(1e4);
    run.reset(squared, start);
    runToEnd(run, squared, unstable, 1000);
    QCOMPARE(run.status(), RunStatus::Diverged);
    run.reset(objective, start);
    QCOMPARE(run.status(), RunStatus::Running);
    QCOMPARE(run.divergedAt(), -1);
    QVERIFY(run.current().theta == start);
    QCOMPARE(run.step(objective, rule), RunStatus::Running);
    QCOMPARE(run.iteration(), 1);
}

void TestTrainingRun::runsDeterministic()
{
    const auto data = test::stackLossData();
    const auto labels = test::makeDataset({1, 2, 3, 4, 5, 6}, {0, 0, 1, 0, 1, 1});
    const LineObjective classifier(labels, test::parseLoss(QStringLiteral("bce")),
                                   FeatureScaling::standardizing(labels->feature));
    const LineObjective regression(data, test::parseLoss(QStringLiteral("mae")),
                                   FeatureScaling::standardizing(data->feature));

    for (const LineObjective *current : {&classifier, &regression}) {
        GradientDescent firstRule(0.3);
        GradientDescent secondRule(0.3);
        TrainingRun first(*current, Eigen::Vector2d(1.0, 1.0));
        TrainingRun second(*current, Eigen::Vector2d(1.0, 1.0));
        runToEnd(first, *current, firstRule, 500);
        runToEnd(second, *current, secondRule, 500);
        QCOMPARE(first.history().size(), second.history().size());
        for (std::size_t i = 0; i < first.history().size(); ++i) {
            // Bit-for-bit: the same operations in the same order give the same doubles.
            QVERIFY(first.history()[i].theta == second.history()[i].theta);
            COMPARE_NEAR(first.history()[i].loss, second.history()[i].loss, 0.0);
        }
        QCOMPARE(first.status(), second.status());
    }
}

void TestTrainingRun::gradientDescentUpdate()
{
    GradientDescent rule(0.25);
    const Eigen::Vector2d update = rule.update(Eigen::Vector2d(2.0, -8.0));
    COMPARE_NEAR(update[0], -0.5, 0.0);
    COMPARE_NEAR(update[1], 2.0, 0.0);
    const std::unique_ptr<StepRule> copy = rule.clone();
    rule.setLearningRate(1.0);
    COMPARE_NEAR(copy->update(Eigen::Vector2d(4.0, 0.0))[0], -1.0, 0.0);
    QCOMPARE(copy->name(), QStringLiteral("gd"));
}

QTEST_GUILESS_MAIN(TestTrainingRun)
#include "tst_trainingrun.moc"
