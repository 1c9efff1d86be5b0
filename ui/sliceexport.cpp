#include "sliceexport.h"

#include <QStringList>
#include <QTextStream>

#include <cmath>

namespace losslens {

namespace {

// 17 significant digits identify every double, so the text reads back as the same value.
QString exactNumber(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QString::number(value, 'g', 17);
}

QString exactVector(const Eigen::VectorXd &vector)
{
    QStringList entries;
    for (Eigen::Index k = 0; k < vector.size(); ++k)
        entries << exactNumber(vector[k]);
    return entries.join(QLatin1Char(','));
}

} // namespace

QString sliceCsv(const SliceResult &result)
{
    const LinearModelObjective &objective = *result.objective;
    const SliceSettings &settings = result.settings;
    QString text;
    QTextStream out(&text);
    out << "# LossLens model slice: mean loss " << objective.loss().spec() << " of a linear model\n";
    out << "# theta(alpha, beta) = origin + alpha * direction1 + beta * direction2, in training "
           "coordinates\n";
    out << "# standardized features: " << (objective.isStandardized() ? "yes" : "no") << '\n';
    if (settings.mode == SliceMode::TwoParameters) {
        out << "# plane: parameters " << objective.parameterNames().value(settings.firstParameter)
            << " (alpha) and " << objective.parameterNames().value(settings.secondParameter)
            << " (beta), the others held at the through-point\n";
    } else {
        out << "# plane: two random directions, filter-normalized, seed " << settings.seed
            << '\n';
    }
    out << "# parameters: " << objective.parameterNames().join(QLatin1Char(',')) << '\n';
    out << "# origin: " << exactVector(result.plane.origin) << '\n';
    out << "# direction1: " << exactVector(result.plane.first) << '\n';
    out << "# direction2: " << exactVector(result.plane.second) << '\n';
    out << "alpha,beta,loss\n";
    const Landscape &slice = result.slice;
    const LandscapeGrid &grid = slice.grid;
    for (int i = 0; i < grid.slopeCount; ++i) {
        const QString alpha = exactNumber(grid.slopeAt(i));
        for (int k = 0; k < grid.interceptCount; ++k) {
            out << alpha << ',' << exactNumber(grid.interceptAt(k)) << ','
                << exactNumber(slice.values(i, k)) << '\n';
        }
    }
    out.flush();
    return text;
}

} // namespace losslens
