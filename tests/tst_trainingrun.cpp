#include "numericcheck.h"
#include "testdata.h"

#include "core/losscatalogue.h"
#include "core/minimizer.h"
#include "core/optimizercatalogue.h"
#include "core/optimizers/sgd.h"
#include "core/trainingrun.h"

#include <QTest>

#include <cmath>
#include <memory>

using namespace losslens;

namespace {

// Steps until the run stops or maxSteps updates were made.
void runToEnd(TrainingRun &run, const LineObjective &objective, int maxSteps)
{
    for (int i = 0; i < maxSteps && run.status() == RunStatus::Running; ++i)
        run.step(objective);
}

// Plain gradient descent with the given learning rate.
StochasticGradientDescent gradientDescent(double learningRate)
{
    StochasticGradientDescent optimizer(StochasticGradientDescent::Variant::GradientDescent);
    optimizer.setParameterValue(0, learningRate);
    return optimizer;
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
    void miniBatchesFollowTheSeed();
    void adaptiveOptimizersDescend();
    void previewEqualsNextUpdate_data();
    void previewEqualsNextUpdate();
    void previewLeavesRunUnchanged();
    void nonFiniteStartKeepsTrueLoss();
    void divergenceRule_data();
    void divergenceRule();
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
    TrainingRun run(objective, Eigen::Vector2d::Zero(), gradientDescent(learningRate));
    runToEnd(run, objective, maxSteps);

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
    TrainingRun run(objective, Eigen::Vector2d::Zero(), gradientDescent(learningRate));
    runToEnd(run, objective, 100'000);

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
    TrainingRun run(objective, Eigen::Vector2d::Zero(), gradientDescent(1e-15));
    runToEnd(run, objective, 100);
    QCOMPARE(run.status(), RunStatus::Running);
    QCOMPARE(run.iteration(), 100);
}

void TestTrainingRun::stepAfterStopDoesNothing()
{
    const auto data = test::stackLossData();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("mse")),
                                  FeatureScaling::identity());
    TrainingRun run(objective, Eigen::Vector2d::Zero(), gradientDescent(1.0));
    runToEnd(run, objective, 1000);
    QCOMPARE(run.status(), RunStatus::Diverged);
    const std::size_t length = run.history().size();
    const int divergedAt = run.divergedAt();
    QCOMPARE(run.step(objective), RunStatus::Diverged);
    QCOMPARE(run.history().size(), length);
    QCOMPARE(run.divergedAt(), divergedAt);
}

void TestTrainingRun::resetRestartsAtStart()
{
    const auto data = test::stackLossData();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("huber:delta=2")),
                                  FeatureScaling::standardizing(data->feature));
    const Eigen::Vector2d start(0.5, -1.0);
    TrainingRun run(objective, start, gradientDescent(0.5));
    for (int i = 0; i < 25; ++i)
        run.step(objective);
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
    TrainingRun unstable(squared, start, gradientDescent(1e4));
    runToEnd(unstable, squared, 1000);
    QCOMPARE(unstable.status(), RunStatus::Diverged);
    unstable.reset(objective, start);
    QCOMPARE(unstable.status(), RunStatus::Running);
    QCOMPARE(unstable.divergedAt(), -1);
    QVERIFY(unstable.current().theta == start);
    QCOMPARE(unstable.iteration(), 0);
    QCOMPARE(run.step(objective), RunStatus::Running);
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
        TrainingRun first(*current, Eigen::Vector2d(1.0, 1.0), gradientDescent(0.3));
        TrainingRun second(*current, Eigen::Vector2d(1.0, 1.0), gradientDescent(0.3));
        runToEnd(first, *current, 500);
        runToEnd(second, *current, 500);
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
    StochasticGradientDescent optimizer = gradientDescent(0.25);
    Eigen::VectorXd theta = Eigen::Vector2d(1.0, 1.0);
    optimizer.step(theta, Eigen::Vector2d(2.0, -8.0), optimizer.learningRate());
    COMPARE_NEAR(optimizer.lastStep()[0], -0.5, 0.0);
    COMPARE_NEAR(optimizer.lastStep()[1], 2.0, 0.0);
    COMPARE_NEAR(theta[0], 0.5, 0.0);
    COMPARE_NEAR(theta[1], 3.0, 0.0);
    QCOMPARE(optimizer.name(), QStringLiteral("gd"));
}

// With a mini-batch of the whole data set SGD is gradient descent. Smaller batches follow the
// seeded shuffle, so the same seed repeats a run and another seed changes it.
void TestTrainingRun::miniBatchesFollowTheSeed()
{
    const auto data = test::stackLossData();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("mse")),
                                  FeatureScaling::standardizing(data->feature));
    auto runWith = [&](const QString &spec) {
        QString error;
        const auto optimizer = OptimizerCatalogue::parse(spec, &error);
        TrainingRun run(objective, Eigen::Vector2d::Zero(), *optimizer);
        runToEnd(run, objective, 40);
        return run.current().theta;
    };
    const Eigen::Vector2d full = runWith(QStringLiteral("gd:learning_rate=0.1"));
    QVERIFY(runWith(QStringLiteral("sgd:learning_rate=0.1,batch_size=21")) == full);
    QVERIFY(runWith(QStringLiteral("sgd:learning_rate=0.1,batch_size=1000")) == full);
    const Eigen::Vector2d seeded = runWith(QStringLiteral("sgd:learning_rate=0.1,batch_size=4,seed=7"));
    QVERIFY(runWith(QStringLiteral("sgd:learning_rate=0.1,batch_size=4,seed=7")) == seeded);
    QVERIFY(runWith(QStringLiteral("sgd:learning_rate=0.1,batch_size=4,seed=8")) != seeded);
    QVERIFY(seeded != full);
    // The noisy path still ends near the least-squares line.
    const Eigen::Vector2d best = leastSquaresLine(objective);
    QVERIFY((seeded - best).norm() < 0.5 * best.norm());
}

// Adam's run on the narrow valley of raw stack loss data keeps every value finite and falls.
void TestTrainingRun::adaptiveOptimizersDescend()
{
    const auto data = test::stackLossData();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("huber:delta=2")),
                                  FeatureScaling::standardizing(data->feature));
    for (const char *spec : {"momentum:learning_rate=0.05", "nesterov:learning_rate=0.05",
                             "adagrad:learning_rate=1", "rmsprop:learning_rate=0.1",
                             "adam:learning_rate=0.5", "adamw:learning_rate=0.5"}) {
        QString error;
        const auto optimizer = OptimizerCatalogue::parse(QString::fromLatin1(spec), &error);
        QVERIFY2(optimizer, qPrintable(error));
        TrainingRun run(objective, Eigen::Vector2d::Zero(), *optimizer);
        runToEnd(run, objective, 300);
        QVERIFY2(run.status() != RunStatus::Diverged, spec);
        QVERIFY2(run.current().loss < 0.2 * run.history().front().loss, spec);
        QCOMPARE(run.optimizer().spec(), optimizer->spec());
    }
}

void TestTrainingRun::previewEqualsNextUpdate_data()
{
    QTest::addColumn<QString>("spec");
    QTest::newRow("gd") << QStringLiteral("gd:learning_rate=0.1");
    // 21 samples in batches of 4 end each epoch with a batch of 1, so 30 steps cross several
    // reshuffles, which the preview must predict from a copy of the generator.
    QTest::newRow("sgd batch 4") << QStringLiteral("sgd:learning_rate=0.1,batch_size=4,seed=3");
    QTest::newRow("momentum") << QStringLiteral("momentum:learning_rate=0.05,momentum=0.9");
    QTest::newRow("nesterov") << QStringLiteral("nesterov:learning_rate=0.05,momentum=0.8");
    QTest::newRow("adagrad") << QStringLiteral("adagrad:learning_rate=1,learning_rate_decay=0.01");
    QTest::newRow("rmsprop momentum") << QStringLiteral("rmsprop:learning_rate=0.01,momentum=0.5");
    QTest::newRow("adam") << QStringLiteral("adam:learning_rate=0.3");
    QTest::newRow("adamw") << QStringLiteral("adamw:learning_rate=0.3,weight_decay=0.1");
}

// The preview's step is the change of theta that the next step() records, bit for bit, for
// every optimizer, a cosine schedule included. Its gradient is the next update's gradient.
void TestTrainingRun::previewEqualsNextUpdate()
{
    QFETCH(QString, spec);
    const auto data = test::stackLossData();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("huber:delta=2")),
                                  FeatureScaling::standardizing(data->feature));
    QString error;
    const auto optimizer = OptimizerCatalogue::parse(spec, &error);
    QVERIFY2(optimizer, qPrintable(error));
    const auto schedule =
        LearningRateSchedule::parse(QStringLiteral("cosine:period=10,minimum=0.001"), &error);
    QVERIFY2(schedule, qPrintable(error));
    TrainingRun run(objective, Eigen::Vector2d(-3.0, 4.0), *optimizer, *schedule);
    for (int k = 0; k < 30 && run.status() == RunStatus::Running; ++k) {
        const std::optional<UpdatePreview> preview = run.previewUpdate(objective);
        QVERIFY(preview.has_value());
        const Eigen::Vector2d before = run.current().theta;
        const double rate = run.schedule().current();
        QCOMPARE(run.step(objective), RunStatus::Running);
        QVERIFY(preview->gradient == run.lastGradient());
        QVERIFY(preview->step == run.current().theta - before);
        QVERIFY(preview->step == run.lastUpdate());
        COMPARE_NEAR(preview->learningRate, rate, 0.0);
    }
    QCOMPARE(run.iteration(), 30);
}

// Previewing every step gives the same path as a run that is never previewed, and a stopped
// run has nothing to preview.
void TestTrainingRun::previewLeavesRunUnchanged()
{
    const auto data = test::stackLossData();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("mse")),
                                  FeatureScaling::standardizing(data->feature));
    QString error;
    const auto optimizer =
        OptimizerCatalogue::parse(QStringLiteral("sgd:learning_rate=0.1,batch_size=5"), &error);
    TrainingRun previewed(objective, Eigen::Vector2d::Zero(), *optimizer);
    TrainingRun plain(objective, Eigen::Vector2d::Zero(), *optimizer);
    for (int k = 0; k < 25; ++k) {
        QVERIFY(previewed.previewUpdate(objective).has_value());
        previewed.step(objective);
        plain.step(objective);
        QVERIFY(previewed.current().theta == plain.current().theta);
    }

    TrainingRun unstable(objective, Eigen::Vector2d::Zero(), gradientDescent(1e4));
    runToEnd(unstable, objective, 1000);
    QCOMPARE(unstable.status(), RunStatus::Diverged);
    QVERIFY(!unstable.previewUpdate(objective).has_value());
}

// A start whose mean loss is infinite or NaN stops the run at once, and the history keeps the
// true loss there instead of a stand-in number.
void TestTrainingRun::nonFiniteStartKeepsTrueLoss()
{
    const auto data = test::stackLossData();
    const LineObjective objective(data, test::parseLoss(QStringLiteral("mse")),
                                  FeatureScaling::identity());
    // A slope of 1e200 on features of 50 to 80 gives errors near 1e202, whose squares overflow.
    const Eigen::Vector2d far(1e200, 0.0);
    const Eigen::Vector2d undefined(std::nan(""), 0.0);
    for (const Eigen::Vector2d &start : {far, undefined}) {
        const double expected = objective.value(start);
        QVERIFY(!std::isfinite(expected));
        TrainingRun run(objective, start, gradientDescent(0.1));
        QVERIFY(!run.hasFiniteStart());
        QCOMPARE(run.status(), RunStatus::Diverged);
        QCOMPARE(run.divergedAt(), 0);
        QCOMPARE(run.stepsTaken(), 0);
        QCOMPARE(run.history().size(), std::size_t(1));
        const double recorded = run.history().front().loss;
        const double startLoss = run.startLoss();
        for (const double loss : {recorded, startLoss, run.divergedLoss()}) {
            QVERIFY2(std::isnan(expected) ? std::isnan(loss) : loss == expected,
                     qPrintable(QString::number(loss)));
        }
        QCOMPARE(run.step(objective), RunStatus::Diverged);
        QCOMPARE(run.history().size(), std::size_t(1));

        // A reset to a finite start clears the mark.
        run.reset(objective, Eigen::Vector2d::Zero());
        QVERIFY(run.hasFiniteStart());
        QCOMPARE(run.status(), RunStatus::Running);
        QCOMPARE(run.startLoss(), run.history().front().loss);
    }
}

void TestTrainingRun::divergenceRule_data()
{
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("loss");
    QTest::addColumn<bool>("diverged");

    // A positive start: above 1e6 times it, or non-finite.
    QTest::newRow("positive, below the limit") << 400.0 << 3.9e8 << false;
    QTest::newRow("positive, above the limit") << 400.0 << 4.1e8 << true;
    QTest::newRow("positive, NaN") << 400.0 << std::nan("") << true;
    QTest::newRow("positive, -inf") << 400.0 << -std::numeric_limits<double>::infinity() << true;
    // A negative start, as a typed formula may have: a rise to a positive loss is not
    // divergence, a move of more than 1e6 times its magnitude either way is.
    QTest::newRow("negative, rises above 0") << -594.0 << 1000.0 << false;
    QTest::newRow("negative, rises far") << -594.0 << 6e8 << true;
    QTest::newRow("negative, falls far") << -594.0 << -6e8 << true;
    QTest::newRow("negative, falls a little") << -594.0 << -5e8 << false;
    // A start of exactly 0 counts any loss beyond 1e-294 as diverged.
    QTest::newRow("zero, tiny rise") << 0.0 << 1e-295 << false;
    QTest::newRow("zero, rise") << 0.0 << 1e-290 << true;
}

void TestTrainingRun::divergenceRule()
{
    QFETCH(double, start);
    QFETCH(double, loss);
    QFETCH(bool, diverged);
    QCOMPARE(TrainingRun::diverged(loss, start), diverged);
}

QTEST_GUILESS_MAIN(TestTrainingRun)
#include "tst_trainingrun.moc"
