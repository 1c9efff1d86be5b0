#include "core/learningrateschedule.h"
#include "core/lineobjective.h"
#include "core/minimizer.h"
#include "core/optimizercatalogue.h"
#include "core/trainingrun.h"

#include "numericcheck.h"
#include "testdata.h"

#include <QtTest>

using namespace losslens;

// Training reaches the minimum that the solver finds: on MAE the least absolute deviations
// line (the solver's exact profile search), on Huber the solver's Newton minimum. Stack loss
// data, standardized feature, from (0, 0).
class TestTrainingConvergence : public QObject
{
    Q_OBJECT

private slots:
    void trainingReachesSolverMinimum_data();
    void trainingReachesSolverMinimum();
};

void TestTrainingConvergence::trainingReachesSolverMinimum_data()
{
    QTest::addColumn<QString>("loss");
    QTest::addColumn<QString>("optimizer");
    QTest::addColumn<QString>("schedule");
    QTest::addColumn<int>("steps");
    QTest::addColumn<double>("parameterTolerance");
    QTest::addColumn<double>("lossTolerance");

    // A subgradient method on MAE needs steps that shrink: with a factor of 0.9995 per step the
    // steps sum to 2000 times the first one, and the last is 1e-5 of it.
    QTest::newRow("mae gd exponential") << "mae"
                                        << "gd:lr=1"
                                        << "exponential:factor=0.9995" << 23000 << 1e-3 << 1e-7;
    QTest::newRow("mae adam cosine") << "mae"
                                     << "adam:lr=0.5"
                                     << "cosine:period=20000,minimum=0" << 20000 << 1e-3 << 1e-7;
    // Huber is smooth, so a constant rate converges linearly.
    QTest::newRow("huber gd") << "huber:delta=1.345"
                              << "gd:lr=0.5"
                              << "constant" << 20000 << 1e-8 << 1e-12;
    QTest::newRow("huber momentum") << "huber:delta=1.345"
                                    << "momentum:lr=0.1,momentum=0.9"
                                    << "constant" << 20000 << 1e-8 << 1e-12;
}

void TestTrainingConvergence::trainingReachesSolverMinimum()
{
    QFETCH(QString, loss);
    QFETCH(QString, optimizer);
    QFETCH(QString, schedule);
    QFETCH(int, steps);
    QFETCH(double, parameterTolerance);
    QFETCH(double, lossTolerance);

    const auto data = test::stackLossData();
    const LineObjective objective(data, test::parseLoss(loss),
                                  FeatureScaling::standardizing(data->feature));
    const MinimumResult minimum = findMinimum(objective, Eigen::Vector2d::Zero());
    QCOMPARE(minimum.status, MinimumStatus::Global);

    QString error;
    const auto method = OptimizerCatalogue::parse(optimizer, &error);
    QVERIFY2(method, qPrintable(error));
    const auto rates = LearningRateSchedule::parse(schedule, &error);
    QVERIFY2(rates, qPrintable(error));
    TrainingRun run(objective, Eigen::Vector2d::Zero(), *method, *rates);
    for (int step = 0; step < steps && run.status() == RunStatus::Running; ++step)
        run.step(objective);
    QVERIFY(run.status() != RunStatus::Diverged);

    const TrainingPoint &end = run.current();
    COMPARE_NEAR(end.loss, minimum.value, test::relativeTolerance(minimum.value, lossTolerance));
    for (int i = 0; i < 2; ++i) {
        COMPARE_NEAR(end.theta[i], minimum.theta[i],
                     test::relativeTolerance(minimum.theta[i], parameterTolerance, 1e-9));
    }
}

QTEST_GUILESS_MAIN(TestTrainingConvergence)
#include "tst_trainingconvergence.moc"
