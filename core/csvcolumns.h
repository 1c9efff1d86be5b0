#pragma once

#include "dataset.h"
#include "linearmodel.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <string_view>
#include <vector>

namespace losslens {

// Why a CSV file was rejected: the message names the file, the line and the column where they
// are known. line is 1-based (0 when the problem is not tied to a line).
struct CsvError
{
    QString message;
    qsizetype line = 0;
    // Header name of the offending column, its 1-based position for a field beyond the header
    // or in a file without a header, or empty when the problem is not tied to a column.
    QString column;
    // True for a row problem (a bad cell or field count) that skipping invalid rows would
    // leave out.
    bool skippable = false;
};

// A row that cannot be used: a cell that is missing, empty or not a finite number, or a row
// with another number of fields than the header.
struct CsvProblem
{
    qsizetype line = 0;
    // As in CsvError::column.
    QString column;
    // The column for messages: column "y", or column 2 in a file without a header.
    QString columnDescription;
    // The cell as written (its start, with control characters made visible); empty for a
    // missing cell.
    QString cell;
    // The reason, a sentence fragment such as "\"abc\" is not a number".
    QString reason;
    // True for a row with the wrong number of fields, whose column is the first missing or
    // extra one.
    bool wrongFieldCount = false;
};

// The rows that a load left out, or would reject, because of problems.
struct CsvSkippedRows
{
    // At most maximumListedProblems, in file order.
    std::vector<CsvProblem> problems;
    // Every problem, including those beyond the list.
    qsizetype problemCount = 0;
    qsizetype rowCount = 0;

    static constexpr qsizetype maximumListedProblems = 1000;
};

// Chosen numeric columns of a CSV file, read row by row. A row with a problem in any chosen
// cell is left out of values and described in skipped.
struct CsvColumnData
{
    QString fileName;
    // Names of the chosen columns, in the order requested.
    QStringList names;
    // One vector per chosen column, with the values of the rows without problems.
    std::vector<std::vector<double>> values;
    // Line of each row in values.
    std::vector<qsizetype> lines;
    // Data rows read, header excluded.
    qsizetype rowCount = 0;
    // Line of the header, or 0 for a file without one.
    qsizetype headerLine = 0;
    CsvSkippedRows skipped;
    // A sentence for the user about a file read as Windows-1252 rather than UTF-8, or empty.
    QString encodingNote;
    // True when the caller cancelled the read, in which case the other fields are empty.
    bool cancelled = false;
};

// The positions of the chosen columns in each record, and how their cells are written.
struct CsvColumnLayout
{
    QString fileName;
    // Column names, which are "column 1", "column 2" and so on in a file without a header.
    QStringList header;
    bool hasHeader = true;
    bool decimalComma = false;
    // 0-based indices of the chosen columns, in the order their values are wanted.
    std::vector<qsizetype> columns;
};

// Converts the chosen cells of each record to numbers and records the rows with problems.
class CsvColumnCollector
{
public:
    explicit CsvColumnCollector(CsvColumnLayout layout);

    // Slot of field index in the cells passed to addRecord, or -1 when it is not chosen. A
    // column chosen twice has one slot.
    qsizetype slotOfField(qsizetype field) const
    {
        return field < qsizetype(m_slotOfField.size()) ? m_slotOfField[field] : -1;
    }
    qsizetype slotCount() const { return qsizetype(m_slotFields.size()); }

    // Adds one data record that ended on line and had fieldCount fields. cells[s] is the text
    // of slot s (ignored when the record is too short to have it). Returns false when the row
    // has a problem and was left out.
    bool addRecord(qsizetype line, qsizetype fieldCount, const std::string_view *cells);

    const CsvColumnLayout &layout() const { return m_layout; }
    CsvColumnData &data() { return m_data; }
    // The first problem, or nullptr.
    const CsvProblem *firstProblem() const
    {
        return m_data.skipped.problems.empty() ? nullptr : &m_data.skipped.problems.front();
    }

private:
    void addProblem(CsvProblem problem);

    CsvColumnLayout m_layout;
    std::vector<qsizetype> m_slotOfField;
    std::vector<qsizetype> m_slotFields;
    std::vector<double> m_rowValues;
    CsvColumnData m_data;
};

// How a column is named in messages: column "y", or column 2 in a file without a header.
QString describeCsvColumn(const QStringList &header, bool hasHeader, qsizetype index);

// Returns the index of a column given by header name or, when no column has that name, by its
// 1-based number, or -1 when neither matches.
qsizetype findCsvColumn(const QStringList &header, const QString &column);

// Resolves the feature columns and then the target column, as findCsvColumn() does. Rejects an
// empty feature list, a feature named twice, a target that is also a feature and an unknown
// column, whose message lists the columns there are. A name that several header cells share is
// rejected too, and its message gives their numbers, by which the column can be chosen.
std::optional<std::vector<qsizetype>> resolveCsvColumns(const QStringList &header,
                                                        bool hasHeader,
                                                        const QStringList &featureColumns,
                                                        const QString &targetColumn,
                                                        const QString &fileName, CsvError *error);

enum class CsvInvalidRows { Reject, Skip };

// The error for a problem: "file, line 5, column \"y\": reason. Fix or remove that row."
CsvError csvProblemError(const CsvProblem &problem, const QString &fileName);

// Builds the line's data set from two columns (feature, then target). With Reject, any problem
// rejects the file with the first one. Rejects a file without usable rows and a feature with
// fewer than two distinct values, as lineFitProblem() explains.
std::optional<Dataset> datasetFromCsvColumns(const CsvColumnData &columns, CsvInvalidRows invalid,
                                             CsvError *error);

// Why a linear model with featureCount features cannot use this feature column (fewer than two
// rows, or one value in every row), worded for the model, or an empty string.
QString linearModelFeatureProblem(const Eigen::VectorXd &feature, const QString &name,
                                  Eigen::Index featureCount);

// Builds the linear model's data from d + 1 columns, the features first and the target last,
// with the same checks as datasetFromCsvColumns() for each feature, as
// linearModelFeatureProblem() words them.
std::optional<MultiFeatureData> multiFeatureDataFromCsvColumns(const CsvColumnData &columns,
                                                               CsvInvalidRows invalid,
                                                               CsvError *error);

// Lists the skipped rows for a terminal: a count, then one line per problem up to listed.
QString describeSkippedRows(const CsvColumnData &columns, qsizetype listed);

} // namespace losslens
