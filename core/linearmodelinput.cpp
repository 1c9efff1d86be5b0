#include "linearmodelinput.h"

#include "csvcolumns.h"
#include "logging.h"

#include <QCoreApplication>

#include <cmath>

namespace losslens {

namespace {

// tr() of this file's messages, in the "LinearModelInput" context of the translation files.
struct LinearModelInputText
{
    Q_DECLARE_TR_FUNCTIONS(LinearModelInput)
};

} // namespace

QString linearModelRowCountProblem(Eigen::Index rowCount, Eigen::Index featureCount)
{
    const Eigen::Index parameterCount = featureCount + 1;
    if (rowCount >= parameterCount)
        return {};
    const QString features = featureCount == 1
                                 ? LinearModelInputText::tr("1 feature")
                                 : LinearModelInputText::tr("%1 features").arg(featureCount);
    const QString rows = rowCount == 1 ? LinearModelInputText::tr("1 data row")
                                       : LinearModelInputText::tr("%1 data rows").arg(rowCount);
    return LinearModelInputText::tr("The data has %1, but %2 and the intercept make %3 "
                                    "parameters, so the fit needs at least %3 rows.")
        .arg(rows, features)
        .arg(parameterCount);
}

bool separationLeavesNoMinimum(const LinearModelObjective &objective)
{
    const Loss &loss = objective.loss();
    const Eigen::VectorXd &labels = objective.data().target;
    if (loss.kind() != LossKind::Classification || labels.size() == 0)
        return false;
    const bool oneClass = labels.minCoeff() == labels.maxCoeff();
    if (!loss.weightPenalty().isZero() && !oneClass)
        return false;
    return positiveAtLargeMargins(loss);
}

bool classesSeparatedAt(const LinearModelObjective &objective, const Eigen::VectorXd &theta)
{
    if (theta.size() != objective.parameterCount() || !theta.allFinite() ||
        !separationLeavesNoMinimum(objective))
        return false;
    const Eigen::VectorXd &labels = objective.data().target;
    const Eigen::VectorXd logits = objective.outputs(theta);
    for (Eigen::Index i = 0; i < labels.size(); ++i) {
        const double margin = (2.0 * labels[i] - 1.0) * logits[i];
        if (!(margin > 0.0))
            return false;
    }
    return true;
}

ClassSeparation separationWithoutMinimum(const LinearModelObjective &objective,
                                         std::chrono::milliseconds timeLimit)
{
    if (!separationLeavesNoMinimum(objective))
        return ClassSeparation::Overlap;
    return classSeparation(objective.data().features, objective.data().target, timeLimit);
}

std::optional<CsvTable> numericColumnsTable(const CsvTable &table, const QString &targetColumn)
{
    const qsizetype target = table.header.indexOf(targetColumn);
    if (target < 0)
        return std::nullopt;
    std::vector<qsizetype> keptColumns;
    for (qsizetype column = 0; column < table.header.size(); ++column) {
        if (column == target) {
            keptColumns.push_back(column);
            continue;
        }
        // datasetFromTable() accepts a column with a finite number in every row and at least
        // two distinct values, and rejects a target that is not numeric the same way.
        CsvError error;
        if (datasetFromTable(table, table.header[column], targetColumn, QString(), &error))
            keptColumns.push_back(column);
        else
            qCDebug(lcData) << "column left out of the numeric table:" << table.header[column]
                            << error.message;
    }
    if (keptColumns.size() < 2)
        return std::nullopt;
    CsvTable numeric = table;
    numeric.header.clear();
    for (qsizetype column : keptColumns)
        numeric.header << table.header[column];
    for (std::vector<QByteArray> &row : numeric.rows) {
        std::vector<QByteArray> cells;
        cells.reserve(keptColumns.size());
        for (qsizetype column : keptColumns)
            cells.push_back(column < qsizetype(row.size()) ? row[std::size_t(column)]
                                                           : QByteArray());
        row = std::move(cells);
    }
    return numeric;
}

} // namespace losslens
