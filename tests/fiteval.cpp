// Test helper for the reference checks of fitted lines: fits one loss to two columns of a CSV
// file with the minimizer and prints "slope intercept mean_loss scale status" with 17
// significant digits, slope and intercept in the data's own units. The scale is the residual
// scale in use (1 for losses without one) and status is the minimizer's verdict.
//   losslens_fiteval FILE X_COLUMN Y_COLUMN SPEC on|off
// Exits with 1 and a message on standard error for any bad argument.

#include "core/csvreader.h"
#include "core/lineobjective.h"
#include "core/losscatalogue.h"
#include "core/minimizer.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

int main(int argc, char **argv)
{
    using namespace losslens;
    if (argc != 6) {
        std::fprintf(stderr, "usage: losslens_fiteval FILE X_COLUMN Y_COLUMN SPEC on|off\n");
        return EXIT_FAILURE;
    }
    CsvError csvError;
    const std::optional<Dataset> data = loadCsvDataset(
        QString::fromLocal8Bit(argv[1]), QString::fromLocal8Bit(argv[2]),
        QString::fromLocal8Bit(argv[3]), &csvError);
    if (!data) {
        std::fprintf(stderr, "fiteval: %s\n", qPrintable(csvError.message));
        return EXIT_FAILURE;
    }
    QString error;
    std::shared_ptr<const Loss> loss = LossCatalogue::parse(QString::fromLocal8Bit(argv[4]), &error);
    if (!loss) {
        std::fprintf(stderr, "fiteval: %s\n", qPrintable(error));
        return EXIT_FAILURE;
    }
    const bool standardize = QByteArray(argv[5]) == "on";
    auto shared = std::make_shared<const Dataset>(*data);
    const FeatureScaling scaling = standardize ? FeatureScaling::standardizing(shared->feature)
                                               : FeatureScaling::identity();
    const LineObjective objective(shared, loss, scaling);
    // Regression starts from the least-squares line, as statsmodels' RLM does, so that a local
    // search on a non-convex loss reaches the minimum the reference reaches.
    const Eigen::Vector2d start = loss->kind() == LossKind::Regression
                                      ? leastSquaresLine(objective)
                                      : Eigen::Vector2d::Zero();
    const MinimumResult minimum = findMinimum(objective, start);
    const LineParameters line = objective.toDataUnits(minimum.theta);
    const char *status = minimum.status == MinimumStatus::Global        ? "global"
                         : minimum.status == MinimumStatus::NotAttained ? "not_attained"
                                                                         : "approximate";
    std::printf("%.17g %.17g %.17g %.17g %s\n", line.slope, line.intercept, minimum.value,
                objective.loss().residualScale().value, status);
    return EXIT_SUCCESS;
}
