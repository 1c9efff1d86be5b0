// Optimizer and schedule specs: defaults as PyTorch's, canonical forms, validation messages,
// and the state that reset() clears.

#include "core/learningrateschedule.h"
#include "core/optimizercatalogue.h"

#include <QTest>

#include <memory>

using namespace losslens;

class OptimizerTest : public QObject
{
    Q_OBJECT

private slots:
    void canonicalSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("gd") << "gd" << "gd:learning_rate=0.01,weight_decay=0";
        QTest::newRow("sgd") << "sgd:batch_size=8"
                             << "sgd:learning_rate=0.01,batch_size=8,seed=0,weight_decay=0";
        QTest::newRow("momentum") << "momentum"
                                  << "momentum:learning_rate=0.01,momentum=0.9,weight_decay=0";
        QTest::newRow("nesterov") << "NESTEROV:momentum=0.5"
                                  << "nesterov:learning_rate=0.01,momentum=0.5,weight_decay=0";
        QTest::newRow("adagrad") << "adagrad"
                                 << "adagrad:learning_rate=0.01,learning_rate_decay=0,"
                                    "initial_accumulator=0,epsilon=1e-10,weight_decay=0";
        QTest::newRow("rmsprop") << "rmsprop"
                                 << "rmsprop:learning_rate=0.01,alpha=0.99,epsilon=1e-08,"
                                    "momentum=0,weight_decay=0";
        QTest::newRow("adam") << "adam"
                              << "adam:learning_rate=0.001,beta1=0.9,beta2=0.999,epsilon=1e-08,"
                                 "weight_decay=0";
        QTest::newRow("adamw") << "adamw:learning_rate=0.1"
                               << "adamw:learning_rate=0.1,beta1=0.9,beta2=0.999,epsilon=1e-08,"
                                  "weight_decay=0.01";
        QTest::newRow("torch short names") << "adam:lr=0.05,eps=1e-6"
                                           << "adam:learning_rate=0.05,beta1=0.9,beta2=0.999,"
                                              "epsilon=1e-06,weight_decay=0";
    }

    void canonicalSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(QString, canonical);
        QString error;
        const auto optimizer = OptimizerCatalogue::parse(spec, &error);
        QVERIFY2(optimizer, qPrintable(error));
        QCOMPARE(optimizer->spec(), canonical);
        QCOMPARE(OptimizerCatalogue::parse(canonical, &error)->spec(), canonical);
    }

    void rejectsBadSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("unknown") << "lbfgs" << "Unknown optimizer \"lbfgs\"; known optimizers are gd";
        QTest::newRow("unknown key") << "adam:beta3=1" << "it takes learning_rate, beta1";
        QTest::newRow("no value") << "adam:beta1" << "Invalid optimizer parameter \"beta1\"";
        QTest::newRow("text") << "adam:beta1=x" << "\"x\", which is not a number";
        QTest::newRow("range") << "adam:beta1=1" << "beta1=1 is invalid; it must be a number in [0, 0.9999]";
        QTest::newRow("fraction") << "sgd:batch_size=2.5" << "must be a whole number";
        QTest::newRow("zero rate") << "gd:learning_rate=0" << "learning_rate=0 is invalid";
        QTest::newRow("twice") << "gd:learning_rate=1,learning_rate=2" << "given twice";
    }

    void rejectsBadSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(QString, fragment);
        QString error;
        QVERIFY(!OptimizerCatalogue::parse(spec, &error));
        QVERIFY2(error.contains(fragment), qPrintable(error));
    }

    void resetForgetsState()
    {
        for (const QString &name : OptimizerCatalogue::names()) {
            const auto optimizer = OptimizerCatalogue::create(name);
            QVERIFY(optimizer);
            auto run = [&] {
                optimizer->reset();
                Eigen::VectorXd theta = Eigen::VectorXd::Constant(3, 1.0);
                for (int step = 0; step < 5; ++step)
                    optimizer->step(theta, 2.0 * theta, optimizer->learningRate());
                return theta;
            };
            const Eigen::VectorXd first = run();
            QCOMPARE(run(), first);
            QVERIFY(first[0] < 1.0);
            QCOMPARE(optimizer->lastStep().size(), Eigen::Index(3));
        }
    }

    void schedules_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<double>("rateAtStepTen");
        QTest::newRow("constant") << "constant" << "constant" << 1.0;
        QTest::newRow("step") << "step:interval=4,factor=0.5" << "step:interval=4,factor=0.5" << 0.25;
        QTest::newRow("exponential") << "exponential" << "exponential:factor=0.99"
                                     << 0.99 * 0.99 * 0.99 * 0.99 * 0.99 * 0.99 * 0.99 * 0.99 *
                                            0.99 * 0.99;
        QTest::newRow("cosine half") << "cosine:period=20" << "cosine:period=20,minimum=0" << 0.5;
        QTest::newRow("cosine end") << "cosine:period=10,minimum=0.1"
                                    << "cosine:period=10,minimum=0.1" << 0.1;
    }

    void schedules()
    {
        QFETCH(QString, spec);
        QFETCH(QString, canonical);
        QFETCH(double, rateAtStepTen);
        QString error;
        const auto schedule = LearningRateSchedule::parse(spec, &error);
        QVERIFY2(schedule, qPrintable(error));
        QCOMPARE(schedule->spec(), canonical);
        schedule->reset(1.0);
        for (int step = 0; step < 10; ++step)
            schedule->advance();
        QVERIFY2(std::abs(schedule->current() - rateAtStepTen) < 1e-14,
                 qPrintable(QString::number(schedule->current(), 'g', 17)));
    }

    void rejectsBadSchedules()
    {
        QString error;
        QVERIFY(!LearningRateSchedule::parse(QStringLiteral("linear"), &error));
        QVERIFY2(error.contains(QStringLiteral("known schedules are constant")), qPrintable(error));
        QVERIFY(!LearningRateSchedule::parse(QStringLiteral("step:interval=0"), &error));
        QVERIFY2(error.contains(QStringLiteral("a whole number from 1")), qPrintable(error));
        QVERIFY(!LearningRateSchedule::parse(QStringLiteral("exponential:factor=2"), &error));
        QVERIFY2(error.contains(QStringLiteral("(0, 1]")), qPrintable(error));
        QVERIFY(!LearningRateSchedule::parse(QStringLiteral("constant:factor=1"), &error));
        QVERIFY2(error.contains(QStringLiteral("takes no parameters")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(OptimizerTest)
#include "tst_optimizers.moc"
