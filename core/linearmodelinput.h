#pragma once

#include "classseparation.h"
#include "csvreader.h"
#include "linearmodel.h"

#include <Eigen/Core>
#include <QString>

#include <chrono>
#include <optional>

namespace losslens {

// Why a linear model with featureCount weights and an intercept cannot be fitted to rowCount
// rows, or an empty string when it can. With fewer rows than the d + 1 parameters the design
// matrix [X 1] has rank below d + 1, so many parameter vectors fit equally well and the minimum
// is not unique. The sentence names the three numbers; callers add what the user can change.
QString linearModelRowCountProblem(Eigen::Index rowCount, Eigen::Index featureCount);

// Whether classes that a plane separates leave the mean loss of objective without a minimum.
// Along a separating direction every margin grows, or stays 0 on rows that lie on the plane. So
// a classification loss that stays positive and falls as the margin grows (binary
// cross-entropy, the focal loss) keeps falling without reaching a lowest value. A loss that is 0
// at a finite margin (hinge, squared hinge) reaches its minimum there and gives false. A weight
// penalty stops the weights from running off unless every label is the same, where the
// intercept alone runs off, so a penalized objective gives true in that case only. Regression
// losses and empty data give false.
bool separationLeavesNoMinimum(const LinearModelObjective &objective);

// Whether the mean loss of a classification objective has no minimum because theta already
// separates the classes: every margin m_i = (2 y_i - 1) z_i at theta is positive, and
// separationLeavesNoMinimum holds. A theta of the wrong size or not finite gives false.
bool classesSeparatedAt(const LinearModelObjective &objective, const Eigen::VectorXd &theta);

// The columns of table that hold a finite number in every row, with targetColumn among them,
// in the table's order. A column with one value in every row is left out, since a feature
// without spread cannot be used (see linearModelFeatureProblem). Returns std::nullopt when the
// target column is missing or not numeric in every row, or when no other column is usable.
// The classes' separation by a plane in the objective's feature space, from the raw features
// (see classSeparation), where separationLeavesNoMinimum holds; Overlap where it does not,
// since separation then takes no minimum away.
ClassSeparation separationWithoutMinimum(const LinearModelObjective &objective,
                                         std::chrono::milliseconds timeLimit);

std::optional<CsvTable> numericColumnsTable(const CsvTable &table, const QString &targetColumn);

} // namespace losslens
