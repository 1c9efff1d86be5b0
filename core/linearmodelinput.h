#pragma once

#include "csvreader.h"
#include "linearmodel.h"

#include <Eigen/Core>
#include <QString>

#include <optional>

namespace losslens {

// Why a linear model with featureCount weights and an intercept cannot be fitted to rowCount
// rows, or an empty string when it can. With fewer rows than the d + 1 parameters the design
// matrix [X 1] has rank below d + 1, so many parameter vectors fit equally well and the minimum
// is not unique. The sentence names the three numbers; callers add what the user can change.
QString linearModelRowCountProblem(Eigen::Index rowCount, Eigen::Index featureCount);

// Whether the mean loss of a classification objective has no minimum because theta already
// separates the classes: every margin m_i = (2 y_i - 1) z_i at theta is positive, so along the
// ray s theta (s > 1) every margin grows and a loss that stays positive for positive margins
// (binary cross-entropy, the focal loss) keeps falling towards 0 without reaching it. A loss
// that is 0 at a finite margin (hinge, squared hinge) reaches its minimum there and is not
// reported. A weight penalty stops the weights from running off unless every label is the same,
// where the intercept alone runs off, so a penalized objective is reported in that case only.
// Regression losses, empty data, a theta of the wrong size and a theta that is not finite give
// false.
bool classesSeparatedAt(const LinearModelObjective &objective, const Eigen::VectorXd &theta);

// The columns of table that hold a finite number in every row, with targetColumn among them,
// in the table's order. A column with one value in every row is left out, since a feature
// without spread cannot be used (see linearModelFeatureProblem). Returns std::nullopt when the
// target column is missing or not numeric in every row, or when no other column is usable.
std::optional<CsvTable> numericColumnsTable(const CsvTable &table, const QString &targetColumn);

} // namespace losslens
