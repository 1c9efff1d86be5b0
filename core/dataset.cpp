#include "dataset.h"

#include <QCoreApplication>

#include <cmath>
#include <limits>

namespace losslens {

namespace {

// Largest ratio of the targets' spread to the feature's. A slope of that order squares to 1e300,
// below the largest double, so the mean squared error near the fit stays finite.
// NOTE: a margin, not a derived limit: a landscape far from the fit may still overflow to inf,
// which the views show as undefined.
constexpr double maximumSlopeScale = 1e150;

} // namespace

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
    // A feature spread below the smallest normal double, or targets spread far more widely,
    // puts the slope of a line beyond the largest double, so the fit would read inf.
    const double featureSpread = data.feature.maxCoeff() - data.feature.minCoeff();
    if (!(featureSpread >= std::numeric_limits<double>::min())) {
        return QCoreApplication::translate("Dataset",
                                           "the values of %1 span only %2, less than the smallest "
                                           "normal double (2.2e-308), so the slope of a line "
                                           "cannot be represented. Rescale %1, for example by "
                                           "expressing it in smaller units.")
            .arg(data.featureName)
            .arg(featureSpread, 0, 'g', 3);
    }
    const double targetSpread = data.target.maxCoeff() - data.target.minCoeff();
    if (targetSpread / featureSpread > maximumSlopeScale) {
        return QCoreApplication::translate("Dataset",
                                           "the values of %1 span %2 while those of %3 span only "
                                           "%4, so the slope of a line, about %5, is too large "
                                           "to compute with. Rescale one of the two columns.")
            .arg(data.targetName)
            .arg(targetSpread, 0, 'g', 3)
            .arg(data.featureName)
            .arg(featureSpread, 0, 'g', 3)
            .arg(targetSpread / featureSpread, 0, 'g', 3);
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
