// Test helper for the reference checks of Barron's distribution and the adaptive objective.
// Reads one request per line from standard input and prints one line of numbers for each, with
// 17 significant digits so every double reads back exactly:
//   partition ALPHA                  -> "log_Z d_log_Z/d_alpha"
//   derivatives X ALPHA C            -> "rho d_rho/d_alpha d_rho/d_c"
//   objective ALPHA_MIN ALPHA_MAX ALPHA_0 C_MIN C_0 LEARN_SCALE STANDARDIZE N X_1 Y_1 ... X_N Y_N
//             THETA_1 ... THETA_K    -> "nll mean_rho alpha c gradient_1 ... gradient_K"
// LEARN_SCALE and STANDARDIZE are 0 or 1, and K is 4 when the scale is learned, else 3.
// Exits with 1 on the first line it cannot read, after naming the line on standard error.

#include "core/adaptivebarron.h"
#include "core/barrondistribution.h"
#include "core/losses/barron.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace losslens;

void printNumbers(const std::vector<double> &numbers)
{
    for (std::size_t i = 0; i < numbers.size(); ++i)
        std::printf(i == 0 ? "%.17g" : " %.17g", numbers[i]);
    std::printf("\n");
}

// Reads the rest of an "objective" request and prints the result. Returns false on malformed
// input.
bool evaluateObjective(std::istringstream &fields)
{
    AdaptiveBarronSettings settings;
    int learnScale = 0, standardize = 0;
    long long count = 0;
    if (!(fields >> settings.minimumShape >> settings.maximumShape >> settings.initialShape >>
          settings.minimumScale >> settings.initialScale >> learnScale >> standardize >> count) ||
        count < 1)
        return false;
    settings.learnScale = learnScale != 0;
    const QString settingsError = validateAdaptiveBarronSettings(settings);
    if (!settingsError.isEmpty()) {
        std::fprintf(stderr, "barroneval: %s\n", qPrintable(settingsError));
        return false;
    }
    auto data = std::make_shared<Dataset>();
    data->feature.resize(count);
    data->target.resize(count);
    for (long long i = 0; i < count; ++i) {
        if (!(fields >> data->feature[i] >> data->target[i]))
            return false;
    }
    const FeatureScaling scaling = standardize != 0 ? FeatureScaling::standardizing(data->feature)
                                                    : FeatureScaling::identity();
    const AdaptiveBarronObjective objective(data, scaling, settings);
    Eigen::VectorXd theta(objective.parameterCount());
    for (Eigen::Index i = 0; i < theta.size(); ++i) {
        if (!(fields >> theta[i]))
            return false;
    }
    const AdaptiveBarronEvaluation evaluation = objective.evaluate(theta);
    std::vector<double> numbers = {evaluation.negativeLogLikelihood, evaluation.meanLoss,
                                   objective.shape(theta), objective.scale(theta)};
    for (Eigen::Index i = 0; i < theta.size(); ++i)
        numbers.push_back(evaluation.gradient[i]);
    printNumbers(numbers);
    return true;
}

bool evaluateRequest(const std::string &line)
{
    std::istringstream fields(line);
    std::string command;
    if (!(fields >> command))
        return true;
    if (command == "partition") {
        double alpha = 0.0;
        if (!(fields >> alpha))
            return false;
        const BarronLogPartition partition = barronLogPartition(alpha);
        printNumbers({partition.value, partition.shapeDerivative});
        return true;
    }
    if (command == "derivatives") {
        double x = 0.0, alpha = 0.0, c = 0.0;
        if (!(fields >> x >> alpha >> c))
            return false;
        printNumbers({BarronLoss(alpha, c).valueAt(x, 0.0), barronLossShapeDerivative(x, alpha, c),
                      barronLossScaleDerivative(x, alpha, c)});
        return true;
    }
    if (command == "objective")
        return evaluateObjective(fields);
    return false;
}

} // namespace

int main()
{
    std::string line;
    int lineNumber = 0;
    while (std::getline(std::cin, line)) {
        ++lineNumber;
        if (!evaluateRequest(line)) {
            std::fprintf(stderr,
                         "barroneval: line %d: invalid request \"%.80s\"; expected partition, "
                         "derivatives or objective with the fields listed in barroneval.cpp\n",
                         lineNumber, line.c_str());
            return EXIT_FAILURE;
        }
        std::fflush(stdout);
    }
    return EXIT_SUCCESS;
}
