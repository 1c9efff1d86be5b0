#include "dataset.h"

#include <QCoreApplication>

#include <cmath>

namespace losslens {

bool Dataset::hasBinaryLabels() const
{
    for (Eigen::Index i = 0; i < target.size(); ++i) {
        if (target[i] != 0.0 && target[i] != 1.0)
            return false;
    }
    return target.size() > 0;
}

QString lineFitProblem(const Dataset &data)
{
    if (data.size() < 2) {
        return QCoreApplication::translate("Dataset",
                                           "a line needs at least 2 points with different "
                                           "values of %1, but the data has %2.")
            .arg(data.featureName)
            .arg(data.size());
    }
    if (data.feature.minCoeff() == data.feature.maxCoeff()) {
        return QCoreApplication::translate("Dataset",
                                           "every row has the same %1 (%2), so the slope of a "
                                           "line is undetermined. Choose a feature column with "
                                           "at least two distinct values.")
            .arg(data.featureName)
            .arg(data.feature[0], 0, 'g', 10);
    }
    return {};
}

FeatureScaling FeatureScaling::standardizing(const Eigen::VectorXd &feature)
{
    FeatureScaling scaling;
    if (feature.size() == 0)
        return scaling;
    scaling.mean = feature.mean();
    // Population standard deviation (divide by N), as scikit-learn's StandardScaler. Dividing
    // by the largest deviation first keeps the squares from underflowing for tiny features
    // such as 1e-300 or overflowing for huge ones.
    const Eigen::ArrayXd centred = feature.array() - scaling.mean;
    const double largest = centred.abs().maxCoeff();
    const double deviation =
        largest > 0.0 ? largest * std::sqrt((centred / largest).square().mean()) : 0.0;
    // NOTE: a constant feature (deviation 0) leaves the slope unidentifiable; scale 1 keeps the
    // map invertible and the landscape shows a valley flat along w.
    scaling.scale = deviation > 0.0 && std::isfinite(deviation) ? deviation : 1.0;
    return scaling;
}

} // namespace losslens
