#pragma once

#include "core/dataset.h"
#include "core/losscatalogue.h"

#include <Eigen/Core>

#include <initializer_list>
#include <memory>
#include <vector>

namespace losslens::test {

inline std::shared_ptr<const Dataset> makeDataset(std::initializer_list<double> feature,
                                                  std::initializer_list<double> target)
{
    auto data = std::make_shared<Dataset>();
    const std::vector<double> x(feature);
    const std::vector<double> y(target);
    data->feature = Eigen::Map<const Eigen::VectorXd>(x.data(), Eigen::Index(x.size()));
    data->target = Eigen::Map<const Eigen::VectorXd>(y.data(), Eigen::Index(y.size()));
    data->featureName = QStringLiteral("x");
    data->targetName = QStringLiteral("y");
    data->source = QStringLiteral("test");
    return data;
}

// Brownlee's stack loss data (21 days of a plant oxidizing ammonia): air flow as the feature
// and stack loss as the target. The feature sits far from zero (mean 60.4, standard deviation
// 8.9), so the raw least-squares problem is ill-conditioned, like many real data sets.
inline std::shared_ptr<const Dataset> stackLossData()
{
    auto data = std::const_pointer_cast<Dataset>(makeDataset(
        {80, 80, 75, 62, 62, 62, 62, 62, 58, 58, 58, 58, 58, 58, 50, 50, 50, 50, 50, 56, 70},
        {42, 37, 37, 28, 18, 18, 19, 20, 15, 14, 14, 13, 11, 12, 8, 7, 8, 8, 9, 15, 15}));
    data->featureName = QStringLiteral("AIRFLOW");
    data->targetName = QStringLiteral("STACKLOSS");
    return data;
}

// Parses a loss specification that the test expects to be valid. Otherwise it logs the error,
// so the test fails on the null loss with the reason in its output.
inline std::unique_ptr<Loss> parseOrFail(const QString &spec)
{
    QString error;
    std::unique_ptr<Loss> loss = LossCatalogue::parse(spec, &error);
    if (!loss)
        qWarning("cannot parse %s: %s", qPrintable(spec), qPrintable(error));
    return loss;
}

// The same as a shared loss, which is what LineObjective takes.
inline std::shared_ptr<const Loss> parseLoss(const QString &spec)
{
    return parseOrFail(spec);
}

} // namespace losslens::test
