#include "csvreader.h"

#include "logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <csv.h>

#include <cmath>

namespace losslens {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CsvReader", text);
}

// Receives libcsv's callbacks and builds rows, tagging each with the line it ended on.
struct ParseContext
{
    std::vector<std::vector<QByteArray>> records;
    std::vector<qsizetype> recordLines;
    std::vector<QByteArray> current;
    qsizetype line = 0;
};

void onField(void *field, size_t length, void *data)
{
    auto *context = static_cast<ParseContext *>(data);
    context->current.emplace_back(static_cast<const char *>(field), static_cast<qsizetype>(length));
}

void onRecordEnd(int, void *data)
{
    auto *context = static_cast<ParseContext *>(data);
    context->records.push_back(std::move(context->current));
    context->recordLines.push_back(context->line);
    context->current.clear();
}

// The header is the first line with any content, because libcsv skips blank lines.
QByteArray firstNonBlankLine(const QByteArray &text)
{
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        const QByteArray line = text.mid(start, end - start);
        if (!line.trimmed().isEmpty())
            return line;
        start = end + 1;
    }
    return {};
}

char detectDelimiter(const QByteArray &firstLine)
{
    if (firstLine.contains(','))
        return ',';
    if (firstLine.contains(';'))
        return ';';
    if (firstLine.contains('\t'))
        return '\t';
    return ',';
}

// The start of a cell for a message, with control characters such as NUL made visible.
QString printableCell(const QByteArray &cell)
{
    QString text = QString::fromUtf8(cell.left(40));
    for (QChar &character : text) {
        if (character.category() == QChar::Other_Control)
            character = QChar::ReplacementCharacter;
    }
    return text;
}

QString describeFile(const QString &fileName)
{
    return QFileInfo(fileName).fileName();
}

} // namespace

std::optional<CsvTable> parseCsv(const QByteArray &input, const QString &fileName, CsvError *error)
{
    QByteArray text = input;
    if (text.startsWith("\xEF\xBB\xBF"))
        text.remove(0, 3);
    if (text.trimmed().isEmpty()) {
        *error = {tr("%1 is empty: expected a header row followed by data rows.")
                      .arg(describeFile(fileName)),
                  1,
                  {}};
        return std::nullopt;
    }

    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        *error = {tr("Could not initialize the CSV parser."), 0, {}};
        return std::nullopt;
    }
    const char delimiter = detectDelimiter(firstNonBlankLine(text));
    csv_set_delim(&parser, static_cast<unsigned char>(delimiter));

    // Feeding one physical line at a time lets the callbacks know the current line number.
    ParseContext context;
    qsizetype start = 0;
    bool failed = false;
    // First line of a row that no line end has closed yet, or 0. In strict mode only an open
    // quoted field keeps a row going past a line end, so an error at the end of the text
    // belongs to the row starting here, not to the last line.
    qsizetype openRowLine = 0;
    while (start < text.size() && !failed) {
        qsizetype end = text.indexOf('\n', start);
        end = end < 0 ? text.size() : end + 1;
        ++context.line;
        const size_t length = static_cast<size_t>(end - start);
        const std::size_t rowsBefore = context.records.size();
        if (csv_parse(&parser, text.constData() + start, length, onField, onRecordEnd, &context) !=
            length)
            failed = true;
        if (context.records.size() > rowsBefore)
            openRowLine = 0;
        else if (openRowLine == 0 && !text.mid(start, end - start).trimmed().isEmpty())
            openRowLine = context.line;
        start = end;
    }
    bool unterminated = false;
    if (!failed && csv_fini(&parser, onField, onRecordEnd, &context) != 0) {
        failed = true;
        unterminated = true;
    }
    if (failed) {
        const int code = csv_error(&parser);
        qsizetype line = context.line;
        QString reason;
        if (unterminated && code == CSV_EPARSE) {
            line = openRowLine > 0 ? openRowLine : context.line;
            reason = tr("a quoted field in the row that starts on this line is never closed");
        } else if (code == CSV_EPARSE) {
            reason = tr("misplaced quote. A quote must enclose a whole field, and a quote inside "
                        "a quoted field must be doubled");
        } else {
            reason = QString::fromLatin1(csv_strerror(code));
        }
        *error = {
            tr("%1, line %2: %3.").arg(describeFile(fileName)).arg(line).arg(reason), line, {}};
        csv_free(&parser);
        return std::nullopt;
    }
    csv_free(&parser);

    CsvTable table;
    table.delimiter = delimiter;
    for (const QByteArray &name : context.records.front())
        table.header << QString::fromUtf8(name).trimmed();
    table.rows.assign(std::make_move_iterator(context.records.begin() + 1),
                      std::make_move_iterator(context.records.end()));
    table.lineNumbers.assign(context.recordLines.begin() + 1, context.recordLines.end());
    return table;
}

std::optional<CsvTable> readCsvFile(const QString &path, CsvError *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = {tr("Could not open %1: %2.").arg(path, file.errorString()), 0, {}};
        qCWarning(lcData) << "open failed" << path << file.errorString();
        return std::nullopt;
    }
    return parseCsv(file.readAll(), path, error);
}

std::optional<Dataset> datasetFromTable(const CsvTable &table, const QString &featureColumn,
                                        const QString &targetColumn, const QString &fileName,
                                        CsvError *error)
{
    const QString file = describeFile(fileName);
    const qsizetype featureIndex = table.header.indexOf(featureColumn);
    const qsizetype targetIndex = table.header.indexOf(targetColumn);
    for (const auto &[index, name] :
         {std::pair{featureIndex, featureColumn}, std::pair{targetIndex, targetColumn}}) {
        if (index < 0) {
            *error = {tr("%1 has no column named \"%2\"; its columns are %3.")
                          .arg(file, name, table.header.join(QStringLiteral(", "))),
                      1, name};
            return std::nullopt;
        }
    }
    if (table.rows.empty()) {
        *error = {tr("%1 has a header but no data rows after line 1.").arg(file), 1, {}};
        return std::nullopt;
    }

    Dataset data;
    const auto rowCount = static_cast<Eigen::Index>(table.rows.size());
    data.feature.resize(rowCount);
    data.target.resize(rowCount);
    for (Eigen::Index row = 0; row < rowCount; ++row) {
        const auto &fields = table.rows[row];
        const qsizetype line = table.lineNumbers[row];
        const auto fieldCount = static_cast<qsizetype>(fields.size());
        if (fieldCount != table.header.size()) {
            // An extra field has no header name, so its 1-based position stands for it.
            const QString column = fieldCount < table.header.size()
                                       ? table.header.at(fieldCount)
                                       : QString::number(table.header.size() + 1);
            *error = {
                tr("%1, line %2: wrong number of fields, %3 in this row and %4 in the header "
                   "(column \"%5\" is %6). Give every row one value per column.")
                    .arg(file)
                    .arg(line)
                    .arg(fieldCount)
                    .arg(table.header.size())
                    .arg(column, fieldCount < table.header.size() ? tr("missing") : tr("extra")),
                line, column};
            return std::nullopt;
        }
        for (const auto &[index, name, vector] :
             {std::tuple{featureIndex, featureColumn, &data.feature},
              std::tuple{targetIndex, targetColumn, &data.target}}) {
            const QByteArray cell = fields[index].trimmed();
            bool ok = false;
            const double value = cell.toDouble(&ok);
            if (!ok || !std::isfinite(value) || std::abs(value) > maximumDataMagnitude) {
                QString reason;
                if (cell.isEmpty())
                    reason = tr("the cell is empty");
                else if (!ok && cell.contains(','))
                    reason = tr("\"%1\" is not a number (decimal commas are not supported; "
                                "write 1.5, not 1,5)")
                                 .arg(printableCell(cell));
                else if (!ok || !std::isfinite(value))
                    reason = tr("\"%1\" is not a finite number").arg(printableCell(cell));
                else
                    reason = tr("%1 is too large; values up to %2 in magnitude keep squared "
                                "errors finite, so rescale the column")
                                 .arg(printableCell(cell), QString::number(maximumDataMagnitude));
                *error = {tr("%1, line %2, column \"%3\": %4. Fix or remove that row.")
                              .arg(file)
                              .arg(line)
                              .arg(name, reason),
                          line, name};
                return std::nullopt;
            }
            (*vector)[row] = value;
        }
    }
    data.featureName = featureColumn;
    data.targetName = targetColumn;
    data.source = fileName;
    const QString problem = lineFitProblem(data);
    if (!problem.isEmpty()) {
        *error = {tr("%1: %2").arg(file, problem), 0, featureColumn};
        return std::nullopt;
    }
    return data;
}

std::optional<Dataset> loadCsvDataset(const QString &path, const QString &featureColumn,
                                      const QString &targetColumn, CsvError *error)
{
    const auto table = readCsvFile(path, error);
    if (!table)
        return std::nullopt;
    auto data = datasetFromTable(*table, featureColumn, targetColumn, path, error);
    if (data)
        qCDebug(lcData) << "loaded" << data->size() << "rows from" << path;
    else
        qCDebug(lcData) << "rejected" << path << error->message;
    return data;
}

std::optional<MultiFeatureData> multiFeatureDataFromTable(const CsvTable &table,
                                                          const QStringList &featureColumns,
                                                          const QString &targetColumn,
                                                          const QString &fileName,
                                                          CsvError *error)
{
    if (featureColumns.isEmpty()) {
        *error = {tr("%1: no feature column is chosen; name at least one.")
                      .arg(describeFile(fileName)),
                  0, {}};
        return std::nullopt;
    }
    for (int k = 0; k < featureColumns.size(); ++k) {
        if (featureColumns.indexOf(featureColumns[k]) != k) {
            *error = {tr("%1: the feature column \"%2\" is chosen twice.")
                          .arg(describeFile(fileName), featureColumns[k]),
                      1, featureColumns[k]};
            return std::nullopt;
        }
    }
    MultiFeatureData data;
    for (int k = 0; k < featureColumns.size(); ++k) {
        const std::optional<Dataset> column =
            datasetFromTable(table, featureColumns[k], targetColumn, fileName, error);
        if (!column)
            return std::nullopt;
        if (k == 0) {
            data.features.resize(column->size(), featureColumns.size());
            data.target = column->target;
            data.targetName = column->targetName;
            data.source = column->source;
        }
        data.features.col(k) = column->feature;
        data.featureNames << column->featureName;
    }
    return data;
}

std::optional<MultiFeatureData> loadCsvMultiFeatureData(const QString &path,
                                                        const QStringList &featureColumns,
                                                        const QString &targetColumn,
                                                        CsvError *error)
{
    const std::optional<CsvTable> table = readCsvFile(path, error);
    if (!table)
        return std::nullopt;
    auto data = multiFeatureDataFromTable(*table, featureColumns, targetColumn, path, error);
    if (data)
        qCDebug(lcData) << "loaded" << data->size() << "rows of" << featureColumns.size()
                        << "features from" << path;
    return data;
}

} // namespace losslens
