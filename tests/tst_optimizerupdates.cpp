#include "core/optimizer.h"
#include "core/optimizercatalogue.h"

#include "numericcheck.h"

#include <QtTest>

#include <cmath>

using namespace losslens;

// The first three updates of each optimizer on the quadratic f(theta) = (theta_1^2 +
// 2 theta_2^2) / 2, whose gradient is (theta_1, 2 theta_2), from theta_0 = (1, -2) with a
// learning rate of 0.1 and PyTorch's other defaults. The expected values are worked out from
// the update rules of torch.optim, written out in each row's comment; PyTorch 1.13 gives the
// same doubles.
class TestOptimizerUpdates : public QObject
{
    Q_OBJECT

private slots:
    void firstThreeUpdates_data();
    void firstThreeUpdates();
};

void TestOptimizerUpdates::firstThreeUpdates_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QVector<double>>("expected");

    // theta <- theta - lr g: (1, -2) -> (0.9, -1.6) -> (0.81, -1.28) -> (0.729, -1.024).
    QTest::newRow("gd") << "gd:lr=0.1" << QVector<double>{0.9, -1.6, 0.81, -1.28, 0.729, -1.024};
    // Full batch, SGD is gradient descent.
    QTest::newRow("sgd full batch")
        << "sgd:lr=0.1,batch_size=1000" << QVector<double>{0.9, -1.6, 0.81, -1.28, 0.729, -1.024};
    // v <- 0.9 v + g (v_1 = g_0), theta <- theta - lr v: v = (1, -4), (1.8, -6.8),
    // (2.34, -7.96).
    QTest::newRow("momentum") << "momentum:lr=0.1,momentum=0.9"
                              << QVector<double>{0.9, -1.6, 0.72, -0.92, 0.486, -0.124};
    // v as for momentum, theta <- theta - lr (g + 0.9 v): steps (1.9, -7.6),
    // (2.349, -7.952), (2.47779, -6.61504).
    QTest::newRow("nesterov") << "nesterov:lr=0.1,momentum=0.9"
                              << QVector<double>{0.81, -1.24, 0.5751, -0.4448, 0.327321, 0.216704};
    // s <- s + g^2, theta <- theta - lr g / (sqrt(s) + 1e-10): the first step is
    // lr g / (|g| + 1e-10), 0.1 (1 - 1e-10) and 0.1 (1 - 2.5e-11) in size.
    QTest::newRow("adagrad") << "adagrad:lr=0.1"
                             << QVector<double>{0.90000000001,      -1.9000000000025,
                                                0.8331035268523168, -1.8311250538122312,
                                                0.7804561813655163, -1.775821515013063};
    // s <- 0.99 s + 0.01 g^2, theta <- theta - lr g / (sqrt(s) + 1e-8): the first step is
    // lr g / (0.1 |g| + 1e-8), nearly (1, -1).
    QTest::newRow("rmsprop") << "rmsprop:lr=0.1"
                             << QVector<double>{9.99999903994464e-08,   -1.0000000249999998,
                                                -5.037713765467287e-10, -0.5509867710515483,
                                                5.088548363103125e-12,  -0.3096873875871078};
    // m <- 0.9 m + 0.1 g, v <- 0.999 v + 0.001 g^2, theta <- theta - lr m^ / (sqrt(v^) + 1e-8)
    // with the bias corrections m^ = m / (1 - 0.9^t), v^ = v / (1 - 0.999^t): the first step is
    // lr g / (|g| + 1e-8).
    QTest::newRow("adam") << "adam:lr=0.1"
                          << QVector<double>{0.900000001,        -1.90000000025,
                                             0.8004122297123382, -1.8001664861157012,
                                             0.701586274504415,  -1.7006233920464653};
    // Adam after theta <- theta (1 - lr 0.01), the decoupled weight decay.
    QTest::newRow("adamw") << "adamw:lr=0.1"
                           << QVector<double>{0.899000001,        -1.89800000025,
                                              0.7985190281887788, -1.7962725886447977,
                                              0.6989111847156934, -1.6949445143849768};
}

void TestOptimizerUpdates::firstThreeUpdates()
{
    QFETCH(QString, spec);
    QFETCH(QVector<double>, expected);

    QString error;
    const std::unique_ptr<Optimizer> optimizer = OptimizerCatalogue::parse(spec, &error);
    QVERIFY2(optimizer, qPrintable(error));
    Eigen::VectorXd theta(2);
    theta << 1.0, -2.0;
    for (int step = 0; step < 3; ++step) {
        const Eigen::VectorXd gradient =
            (Eigen::VectorXd(2) << theta[0], 2.0 * theta[1]).finished();
        optimizer->step(theta, gradient, 0.1);
        for (int i = 0; i < 2; ++i) {
            const double want = expected[2 * step + i];
            // Last-bit differences are allowed: relative 1e-13, or 1e-15 for values that cancel to
            // near 0.
            COMPARE_NEAR(theta[i], want, test::relativeTolerance(want, 1e-13, 1e-15));
        }
    }
}

QTEST_GUILESS_MAIN(TestOptimizerUpdates)
#include "tst_optimizerupdates.moc"
