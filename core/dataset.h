#pragma once

#include <Eigen/Core>
#include <QString>

namespace losslens {

// One feature column and one target column of equal length. The target contains real values
// for regression or 0/1 labels for binary classification.
struct Dataset
{
    Eigen::VectorXd feature;
    Eigen::VectorXd target;
    QString featureName;
    QString targetName;
    // Origin of the data for titles and messages: a file path, a resource path or "synthetic".
    QString source;

    Eigen::Index size() const { return feature.size(); }
    bool isEmpty() const { return feature.size() == 0; }

    // True when every target is exactly 0 or 1, so classification losses apply.
    bool hasBinaryLabels() const;
};

// Largest magnitude accepted in a data set: squares of differences of such values stay finite.
inline constexpr double maximumDataMagnitude = 1e150;

// Why a line cannot be fitted to the data (fewer than 2 points, or one feature value shared by
// every point, which leaves the slope undetermined), or an empty string when it can.
QString lineFitProblem(const Dataset &data);

// Affine map of the feature to zero mean and unit standard deviation, x' = (x - mean) / scale.
// A constant feature keeps scale 1 so the map stays invertible.
struct FeatureScaling
{
    double mean = 0.0;
    double scale = 1.0;

    static FeatureScaling identity() { return {}; }
    static FeatureScaling standardizing(const Eigen::VectorXd &feature);

    double apply(double x) const { return (x - mean) / scale; }
    double invert(double standardized) const { return standardized * scale + mean; }
};

} // namespace losslens
