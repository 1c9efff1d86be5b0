#include "dataset.h"

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

FeatureScaling FeatureScaling::standardizing(const Eigen::VectorXd &feature)
{
    FeatureScaling scaling;
    if (feature.size() == 0)
        return scaling;
    scaling.mean = feature.mean();
    // Population standard deviation (divide by N), as scikit-learn's StandardScaler.
    const double variance = (feature.array() - scaling.mean).square().mean();
    const double deviation = std::sqrt(variance);
    // NOTE: a constant feature (deviation 0) leaves the slope unidentifiable; scale 1 keeps the
    // map invertible and the landscape shows a valley flat along w.
    scaling.scale = deviation > 0.0 && std::isfinite(deviation) ? deviation : 1.0;
    return scaling;
}

} // namespace losslens
