#include "csvcolumns.h"

#include "csvreadertext.h"
#include "csvdialect.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <Eigen/Core>

#include <algorithm>
#include <limits>

namespace losslens {

namespace {

QString columnKey(const QStringList &header, bool hasHeader, qsizetype index)
{
    return hasHeader && index < header.size() ? header.at(index) : QString::number(index + 1);
}

QString unknownColumnMessage(const QString &fileName, const QStringList &header, bool hasHeader,
                             const QString &column)
{
    if (!hasHeader)
        return CsvReaderText::tr(
                   "%1 has no header and %2 columns; give a column number from 1 to %2 instead "
                   "of \"%3\".")
            .arg(describeFile(fileName))
            .arg(header.size())
            .arg(column);
    return CsvReaderText::tr(
               "%1 has no column named \"%2\"; its columns are %3. Give a header name or a "
               "column number from 1 to %4.")
        .arg(describeFile(fileName), column, header.join(QStringLiteral(", ")))
        .arg(header.size());
}

// Joins "1", "2", "4" as "1, 2 and 4", with conjunction in place of "and".
QString joinNumbers(const QStringList &numbers, const QString &conjunction)
{
    if (numbers.size() < 2)
        return numbers.join(QString());
    return numbers.mid(0, numbers.size() - 1).join(QStringLiteral(", ")) + conjunction +
           numbers.back();
}

QString duplicateNameMessage(const QString &fileName, const QStringList &header,
                             const QString &column)
{
    QStringList numbers;
    for (qsizetype k = 0; k < header.size(); ++k) {
        if (header.at(k) == column)
            numbers << QString::number(k + 1);
    }
    const QString message =
        numbers.size() == 2
            ? CsvReaderText::tr("%1: columns %2 of the header are both named \"%3\", so the name "
                                "is ambiguous. Choose the column by its number (%4) instead.")
            : CsvReaderText::tr("%1: columns %2 of the header are all named \"%3\", so the name "
                                "is ambiguous. Choose the column by its number (%4) instead.");
    return message.arg(describeFile(fileName), joinNumbers(numbers, CsvReaderText::tr(" and ")),
                       column, joinNumbers(numbers, CsvReaderText::tr(" or ")));
}

// Rejects the file when it has no usable rows or, with Reject, any problem.
bool checkRows(const CsvColumnData &columns, CsvInvalidRows invalid, CsvError *error)
{
    const QString file = describeFile(columns.fileName);
    if (columns.rowCount == 0) {
        const qsizetype headerLine = std::max<qsizetype>(columns.headerLine, 1);
        *error = {
            columns.headerLine > 0
                ? CsvReaderText::tr("%1 has a header but no data rows after line %2. Add rows of "
                                    "numbers below the header.")
                      .arg(file)
                      .arg(headerLine)
                : CsvReaderText::tr("%1 has no data rows.").arg(file),
            headerLine,
            {}};
        return false;
    }
    const CsvSkippedRows &skipped = columns.skipped;
    if (skipped.problemCount > 0 && (invalid == CsvInvalidRows::Reject || columns.lines.empty())) {
        *error = csvProblemError(skipped.problems.front(), columns.fileName);
        error->skippable = invalid == CsvInvalidRows::Reject;
        if (invalid == CsvInvalidRows::Skip)
            error->message =
                CsvReaderText::tr("None of the %1 data rows of %2 can be used. The first: %3")
                    .arg(columns.rowCount)
                    .arg(file, error->message);
        return false;
    }
    return true;
}

Eigen::VectorXd toVector(const std::vector<double> &values)
{
    return Eigen::Map<const Eigen::VectorXd>(values.data(), Eigen::Index(values.size()));
}

} // namespace

CsvColumnCollector::CsvColumnCollector(CsvColumnLayout layout) : m_layout(std::move(layout))
{
    for (const qsizetype field : m_layout.columns) {
        if (field >= qsizetype(m_slotOfField.size()))
            m_slotOfField.resize(field + 1, -1);
        if (m_slotOfField[field] < 0) {
            m_slotOfField[field] = qsizetype(m_slotFields.size());
            m_slotFields.push_back(field);
        }
    }
    m_rowValues.resize(m_slotFields.size());
    m_data.fileName = m_layout.fileName;
    for (const qsizetype field : m_layout.columns)
        m_data.names << m_layout.header.value(field);
    m_data.values.resize(m_layout.columns.size());
}

bool CsvColumnCollector::addRecord(qsizetype line, qsizetype fieldCount,
                                   const std::string_view *cells)
{
    ++m_data.rowCount;
    const qsizetype expected = m_layout.header.size();
    const qsizetype problemsBefore = m_data.skipped.problemCount;
    if (fieldCount != expected) {
        // An extra field has no header name, so its 1-based position stands for it.
        const qsizetype index = std::min(fieldCount, expected);
        CsvProblem problem;
        problem.line = line;
        problem.column = columnKey(m_layout.header, m_layout.hasHeader, index);
        problem.columnDescription =
            fieldCount < expected ? describeCsvColumn(m_layout.header, m_layout.hasHeader, index)
                                  : CsvReaderText::tr("column %1").arg(index + 1);
        problem.wrongFieldCount = true;
        const QString where = m_layout.hasHeader ? CsvReaderText::tr("%1 in the header")
                                                 : CsvReaderText::tr("%1 in the first row");
        problem.reason =
            CsvReaderText::tr(
                "wrong number of fields, %1 in this row and %2 (%3 is %4). Give every row one "
                "value per column")
                .arg(fieldCount)
                .arg(where.arg(expected))
                .arg(problem.columnDescription, fieldCount < expected ? CsvReaderText::tr("missing")
                                                                      : CsvReaderText::tr("extra"));
        addProblem(std::move(problem));
    } else {
        for (qsizetype slot = 0; slot < qsizetype(m_slotFields.size()); ++slot) {
            const CsvNumber number = parseCsvNumber(cells[slot], m_layout.decimalComma);
            if (number.status == CsvNumberStatus::Valid) {
                m_rowValues[slot] = number.value;
                continue;
            }
            const qsizetype field = m_slotFields[slot];
            CsvProblem problem;
            problem.line = line;
            problem.column = columnKey(m_layout.header, m_layout.hasHeader, field);
            problem.columnDescription =
                describeCsvColumn(m_layout.header, m_layout.hasHeader, field);
            problem.cell = printableCsvCell(cells[slot]);
            problem.reason =
                describeCsvNumberProblem(number.status, cells[slot], m_layout.decimalComma);
            addProblem(std::move(problem));
        }
    }
    if (m_data.skipped.problemCount > problemsBefore) {
        ++m_data.skipped.rowCount;
        return false;
    }
    for (std::size_t k = 0; k < m_layout.columns.size(); ++k)
        m_data.values[k].push_back(m_rowValues[m_slotOfField[m_layout.columns[k]]]);
    m_data.lines.push_back(line);
    return true;
}

void CsvColumnCollector::addProblem(CsvProblem problem)
{
    ++m_data.skipped.problemCount;
    if (qsizetype(m_data.skipped.problems.size()) < CsvSkippedRows::maximumListedProblems)
        m_data.skipped.problems.push_back(std::move(problem));
}

QString describeCsvColumn(const QStringList &header, bool hasHeader, qsizetype index)
{
    if (hasHeader && index < header.size())
        return CsvReaderText::tr("column \"%1\"").arg(header.at(index));
    return CsvReaderText::tr("column %1").arg(index + 1);
}

qsizetype findCsvColumn(const QStringList &header, const QString &column)
{
    const qsizetype named = header.indexOf(column);
    if (named >= 0)
        return named;
    bool isNumber = false;
    const qsizetype number = column.trimmed().toLongLong(&isNumber);
    return isNumber && number >= 1 && number <= header.size() ? number - 1 : -1;
}

std::optional<std::vector<qsizetype>> resolveCsvColumns(const QStringList &header, bool hasHeader,
                                                        const QStringList &featureColumns,
                                                        const QString &targetColumn,
                                                        const QString &fileName, CsvError *error)
{
    if (featureColumns.isEmpty()) {
        *error = {CsvReaderText::tr("%1: no feature column is chosen; name at least one.")
                      .arg(describeFile(fileName)),
                  0,
                  {}};
        return std::nullopt;
    }
    std::vector<qsizetype> indices;
    for (const QString &column : featureColumns + QStringList{targetColumn}) {
        // A name that several header cells share would silently mean the first of them.
        if (header.count(column) > 1) {
            *error = {duplicateNameMessage(fileName, header, column), 1, column};
            return std::nullopt;
        }
        const qsizetype index = findCsvColumn(header, column);
        if (index < 0) {
            *error = {unknownColumnMessage(fileName, header, hasHeader, column), 1, column};
            return std::nullopt;
        }
        indices.push_back(index);
    }
    for (std::size_t k = 0; k + 1 < indices.size(); ++k) {
        if (std::find(indices.begin(), indices.begin() + k, indices[k]) != indices.begin() + k) {
            *error = {CsvReaderText::tr("%1: the feature column \"%2\" is chosen twice.")
                          .arg(describeFile(fileName), featureColumns[qsizetype(k)]),
                      1, featureColumns[qsizetype(k)]};
            return std::nullopt;
        }
    }
    // A target that is also a feature gives the trivial fit y = x, so it must be a mistake.
    const qsizetype target = indices.back();
    if (std::find(indices.begin(), indices.end() - 1, target) != indices.end() - 1) {
        const QString key = columnKey(header, hasHeader, target);
        *error = {CsvReaderText::tr(
                      "%1: %2 is chosen as both a feature (x) and the target (y). Choose another "
                      "column for one of them.")
                      .arg(describeFile(fileName), describeCsvColumn(header, hasHeader, target)),
                  1, key};
        return std::nullopt;
    }
    return indices;
}

CsvError csvProblemError(const CsvProblem &problem, const QString &fileName)
{
    const QString file = describeFile(fileName);
    if (problem.wrongFieldCount)
        return {
            CsvReaderText::tr("%1, line %2: %3.").arg(file).arg(problem.line).arg(problem.reason),
            problem.line, problem.column};
    return {CsvReaderText::tr("%1, line %2, %3: %4. Fix or remove that row.")
                .arg(file)
                .arg(problem.line)
                .arg(problem.columnDescription, problem.reason),
            problem.line, problem.column};
}

std::optional<Dataset> datasetFromCsvColumns(const CsvColumnData &columns, CsvInvalidRows invalid,
                                             CsvError *error)
{
    Q_ASSERT(columns.values.size() == 2);
    if (!checkRows(columns, invalid, error))
        return std::nullopt;
    Dataset data;
    data.feature = toVector(columns.values[0]);
    data.target = toVector(columns.values[1]);
    data.featureName = columns.names.value(0);
    data.targetName = columns.names.value(1);
    data.source = columns.fileName;
    const QString problem = lineFitProblem(data);
    if (!problem.isEmpty()) {
        *error = {CsvReaderText::tr("%1: %2").arg(describeFile(columns.fileName), problem), 0,
                  data.featureName};
        return std::nullopt;
    }
    return data;
}

QString linearModelFeatureProblem(const Eigen::VectorXd &feature, const QString &name,
                                  Eigen::Index featureCount)
{
    const QString model = featureCount == 1
                              ? CsvReaderText::tr("a linear model with 1 feature")
                              : CsvReaderText::tr("a linear model with %1 features").arg(featureCount);
    if (feature.size() < 2) {
        return CsvReaderText::tr("%1 needs at least 2 rows with different values of each "
                                 "feature, but the data has %2.")
            .arg(model)
            .arg(feature.size());
    }
    if (feature.minCoeff() == feature.maxCoeff()) {
        return CsvReaderText::tr("every row has the same %1 (%2), so the weight w(%1) of %3 is "
                                 "undetermined. Leave %1 out, or choose a column with at least two "
                                 "distinct values.")
            .arg(name)
            .arg(feature[0], 0, 'g', 10)
            .arg(model);
    }
    // A spread below the smallest normal double puts the weight beyond the largest double.
    const double spread = feature.maxCoeff() - feature.minCoeff();
    if (!(spread >= std::numeric_limits<double>::min())) {
        return CsvReaderText::tr("the values of %1 span only %2, less than the smallest normal "
                                 "double (2.2e-308), so the weight w(%1) cannot be represented. "
                                 "Rescale %1, for example by expressing it in smaller units.")
            .arg(name)
            .arg(spread, 0, 'g', 3);
    }
    return {};
}

std::optional<MultiFeatureData> multiFeatureDataFromCsvColumns(const CsvColumnData &columns,
                                                               CsvInvalidRows invalid,
                                                               CsvError *error)
{
    Q_ASSERT(columns.values.size() >= 2);
    if (!checkRows(columns, invalid, error))
        return std::nullopt;
    const auto featureCount = Eigen::Index(columns.values.size() - 1);
    MultiFeatureData data;
    data.target = toVector(columns.values.back());
    data.features.resize(data.target.size(), featureCount);
    for (Eigen::Index j = 0; j < featureCount; ++j) {
        data.features.col(j) = toVector(columns.values[std::size_t(j)]);
        data.featureNames << columns.names.value(j);
    }
    data.targetName = columns.names.back();
    data.source = columns.fileName;
    // Each feature needs two distinct values, as the line does. The message speaks of the model.
    for (Eigen::Index j = 0; j < featureCount; ++j) {
        const QString problem = linearModelFeatureProblem(data.features.col(j),
                                                          data.featureNames.at(j), featureCount);
        if (!problem.isEmpty()) {
            *error = {CsvReaderText::tr("%1: %2").arg(describeFile(columns.fileName), problem), 0,
                      data.featureNames.at(j)};
            return std::nullopt;
        }
    }
    return data;
}

QString describeSkippedRows(const CsvColumnData &columns, qsizetype listed)
{
    const CsvSkippedRows &skipped = columns.skipped;
    QString text = CsvReaderText::tr("skipped %1 of %2 data rows of %3 that cannot be used:\n")
                       .arg(skipped.rowCount)
                       .arg(columns.rowCount)
                       .arg(describeFile(columns.fileName));
    const qsizetype listedCount = std::min<qsizetype>(listed, qsizetype(skipped.problems.size()));
    for (qsizetype k = 0; k < listedCount; ++k) {
        const CsvProblem &problem = skipped.problems[std::size_t(k)];
        text += CsvReaderText::tr("  line %1, %2: %3\n")
                    .arg(problem.line)
                    .arg(problem.columnDescription, problem.reason);
    }
    if (skipped.problemCount > listedCount)
        text +=
            CsvReaderText::tr("  and %1 more problems\n").arg(skipped.problemCount - listedCount);
    return text;
}

} // namespace losslens
