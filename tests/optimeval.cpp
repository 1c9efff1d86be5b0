// Test helper for the PyTorch reference check of the optimizers: runs an optimizer with a
// learning rate schedule on the quadratic whose gradient is
//   g0 = 3 theta0 + 1.5 theta1 - 1,  g1 = 1.5 theta0 + 20 theta1 + 2
// (a narrow valley, where momentum overshoots), from theta = (-3, 2), and prints
// "learning_rate theta0 theta1" after each step with 17 significant digits.
//   losslens_optimeval OPTIMIZER_SPEC SCHEDULE_SPEC STEPS
// Exits with 1 and a message on standard error for any bad argument.

#include "core/learningrateschedule.h"
#include "core/optimizercatalogue.h"

#include <QString>

#include <cstdio>
#include <cstdlib>

int main(int argc, char **argv)
{
    using namespace losslens;
    if (argc != 4) {
        std::fprintf(stderr, "usage: losslens_optimeval OPTIMIZER_SPEC SCHEDULE_SPEC STEPS\n");
        return EXIT_FAILURE;
    }
    QString error;
    const auto optimizer = OptimizerCatalogue::parse(QString::fromLocal8Bit(argv[1]), &error);
    const auto schedule =
        optimizer ? LearningRateSchedule::parse(QString::fromLocal8Bit(argv[2]), &error) : nullptr;
    if (!optimizer || !schedule) {
        std::fprintf(stderr, "optimeval: %s\n", qPrintable(error));
        return EXIT_FAILURE;
    }
    const int steps = std::atoi(argv[3]);
    Eigen::VectorXd theta(2);
    theta << -3.0, 2.0;
    schedule->reset(optimizer->learningRate());
    for (int step = 0; step < steps; ++step) {
        Eigen::VectorXd gradient(2);
        gradient[0] = 3.0 * theta[0] + 1.5 * theta[1] - 1.0;
        gradient[1] = 1.5 * theta[0] + 20.0 * theta[1] + 2.0;
        const double rate = schedule->current();
        optimizer->step(theta, gradient, rate);
        schedule->advance();
        std::printf("%.17g %.17g %.17g\n", rate, theta[0], theta[1]);
    }
    return EXIT_SUCCESS;
}
