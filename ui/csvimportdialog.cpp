#include "csvimportdialog.h"

#include "uilogging.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <string_view>

namespace losslens {

namespace {

constexpr int previewRows = 12;

QString fileName(const QString &path)
{
    return QFileInfo(path).fileName();
}

// Adds the column number to each name that several header cells share, as in "x (column 2)",
// so that every column can be chosen and the load reads the one chosen.
void distinguishSharedNames(QStringList &header)
{
    const QStringList names = header;
    for (qsizetype k = 0; k < header.size(); ++k) {
        if (names.count(names.at(k)) > 1)
            header[k] = CsvImportDialog::tr("%1 (column %2)").arg(names.at(k)).arg(k + 1);
    }
}

// Returns the label of a preview row, which is its line, or its first and last line when a
// quoted line break or an unclosed quote makes it span several. A message about the row names
// one of these lines.
QString rowLinesLabel(const CsvTable &table, std::size_t row)
{
    const qsizetype last = table.lineNumbers[row];
    const qsizetype first =
        row < table.firstLineNumbers.size() ? table.firstLineNumbers[row] : last;
    if (first == last)
        return QString::number(last);
    return QStringLiteral("%1–%2").arg(first).arg(last);
}

// Whether a column of the previewed rows (the file's first 64 KiB) reads as numbers: one or
// more of its non-empty cells, and at least half of them, are numbers. A stray bad cell leaves
// the column usable, since the load lists its row and offers to skip it.
bool readsAsNumbers(const CsvTable &table, qsizetype column)
{
    qsizetype numbers = 0;
    qsizetype others = 0;
    for (const std::vector<QByteArray> &fields : table.rows) {
        if (column >= qsizetype(fields.size()))
            continue;
        const QByteArray &cell = fields[std::size_t(column)];
        const CsvNumberStatus status =
            parseCsvNumber(std::string_view(cell.constData(), std::size_t(cell.size())),
                           table.decimalComma)
                .status;
        if (status == CsvNumberStatus::Valid)
            ++numbers;
        else if (status != CsvNumberStatus::Empty)
            ++others;
    }
    return numbers > 0 && numbers >= others;
}

// A column name reduced to its lower-case letters, so that "STACKLOSS", "stack_loss" and
// "Stack loss" compare equal.
QString lettersOf(const QString &name)
{
    QString letters;
    for (const QChar character : name) {
        if (character.isLetter())
            letters += character.toLower();
    }
    return letters;
}

// The column to propose as y, among those that read as numbers, in this order:
// 1. a name that data sets use for the target, such as y, target, label or class;
// 2. the name of the file, as STACKLOSS in stackloss.csv;
// 3. the last such column, where files often keep the target.
// Returns the last column when no column reads as numbers.
qsizetype proposedTargetColumn(const CsvTable &table, const QString &path)
{
    static const QStringList targetNames = {
        QStringLiteral("y"),     QStringLiteral("target"),   QStringLiteral("label"),
        QStringLiteral("class"), QStringLiteral("response"), QStringLiteral("outcome")};
    const QString fileLetters = lettersOf(QFileInfo(path).completeBaseName());
    qsizetype fileMatch = -1;
    qsizetype lastNumeric = -1;
    for (qsizetype column = 0; column < table.header.size(); ++column) {
        if (!readsAsNumbers(table, column))
            continue;
        const QString letters = lettersOf(table.header[column]);
        if (targetNames.contains(letters))
            return column;
        if (fileMatch < 0 && !fileLetters.isEmpty() && letters == fileLetters)
            fileMatch = column;
        lastNumeric = column;
    }
    if (fileMatch >= 0)
        return fileMatch;
    return lastNumeric >= 0 ? lastNumeric : table.header.size() - 1;
}

} // namespace

CsvImportDialog::CsvImportDialog(CsvPreview preview, QWidget *parent)
    : QDialog(parent), m_preview(std::move(preview)), m_summary(new QLabel(this)),
      m_previewTable(new QTableWidget(this)), m_severalNote(new QLabel(this)),
      m_message(new QLabel(this)), m_progress(new QProgressBar(this)),
      m_problems(new QTableWidget(this))
{
    setWindowTitle(tr("Import CSV — %1").arg(fileName(m_preview.path)));
    auto *layout = new QVBoxLayout(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    layout->addWidget(createFormatRow());

    m_previewTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_previewTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_previewTable->setMinimumSize(560, 220);
    m_previewTable->setToolTip(tr("The first rows of the file; the row labels are line numbers."));
    layout->addWidget(m_previewTable, 1);
    layout->addWidget(createColumnGroup());

    m_severalNote->setWordWrap(true);
    m_severalNote->setText(
        tr("Several x columns: the data opens in View > Model slices, which fits y = w₁x₁ + … + "
           "w_d x_d + b. The main window keeps its one-feature data."));
    m_severalNote->setVisible(false);
    layout->addWidget(m_severalNote);

    m_progress->setRange(0, 1000);
    m_progress->setFormat(tr("Reading… %p%"));
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);
    layout->addWidget(m_message);

    m_problems->setColumnCount(4);
    m_problems->setHorizontalHeaderLabels({tr("Line"), tr("Column"), tr("Cell"), tr("Problem")});
    m_problems->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problems->verticalHeader()->setVisible(false);
    m_problems->horizontalHeader()->setStretchLastSection(true);
    m_problems->setMinimumHeight(120);
    m_problems->setVisible(false);
    layout->addWidget(m_problems);

    auto *buttons = new QDialogButtonBox(this);
    m_skipButton = buttons->addButton(tr("Skip rows"), QDialogButtonBox::ActionRole);
    m_skipButton->setVisible(false);
    m_loadButton = buttons->addButton(tr("&Load"), QDialogButtonBox::AcceptRole);
    m_loadButton->setDefault(true);
    m_loadButton->setToolTip(tr("Read the whole file with the chosen columns."));
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_loadButton, &QPushButton::clicked, this, &CsvImportDialog::startLoad);
    connect(m_skipButton, &QPushButton::clicked, this, &CsvImportDialog::skipInvalidRows);
    connect(m_cancelButton, &QPushButton::clicked, this, &CsvImportDialog::reject);
    layout->addWidget(buttons);

    connect(&m_job, &CsvLoadJob::progressChanged, m_progress, &QProgressBar::setValue);
    connect(&m_job, &CsvLoadJob::finished, this, &CsvImportDialog::onLoaded);

    const CsvDialect detected = m_preview.detected;
    m_delimiter->setCurrentIndex(m_delimiter->findData(QVariant::fromValue(int(detected.delimiter))));
    m_decimalComma->setChecked(detected.decimalComma);
    m_header->setChecked(detected.hasHeader);
    m_summary->setText(tr("%1, %2. Detected: %3-separated%4, %5. Change the format below if the "
                          "preview looks wrong.")
                           .arg(fileName(m_preview.path),
                                QLocale().formattedDataSize(m_preview.fileSize),
                                csvDelimiterName(detected.delimiter),
                                detected.decimalComma ? tr(" with decimal commas") : QString(),
                                detected.hasHeader ? tr("a header row")
                                                   : tr("no header (columns by number)")));
    // A file in UTF-16 or UTF-32 is decoded as such. One that is not UTF-8 is read as
    // Windows-1252, and its note explains names that may then look wrong.
    if (m_preview.encoding != TextEncoding::Utf8 && m_preview.encodingNote.isEmpty()) {
        m_summary->setText(m_summary->text() + QLatin1Char(' ') +
                           tr("The file is read as %1 text.").arg(textEncodingName(m_preview.encoding)));
    }
    if (!m_preview.encodingNote.isEmpty())
        m_summary->setText(m_summary->text() + QLatin1Char(' ') + m_preview.encodingNote);
    refreshPreview();
}

QWidget *CsvImportDialog::createFormatRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_delimiter = new QComboBox(row);
    for (const char delimiter : csvDelimiters)
        m_delimiter->addItem(csvDelimiterName(delimiter), QVariant::fromValue(int(delimiter)));
    m_delimiter->setToolTip(tr("The character that separates the fields of a row."));
    auto *delimiterLabel = new QLabel(tr("&Separator:"), row);
    delimiterLabel->setBuddy(m_delimiter);
    m_decimalComma = new QCheckBox(tr("&Decimal comma (1,5)"), row);
    m_decimalComma->setToolTip(
        tr("Read 1,5 as one and a half; only with a semicolon or tab separator."));
    m_header = new QCheckBox(tr("First row is a &header"), row);
    m_header->setToolTip(tr("Take the first row's cells as column names; otherwise columns are "
                            "numbered from 1."));
    layout->addWidget(delimiterLabel);
    layout->addWidget(m_delimiter);
    layout->addWidget(m_decimalComma);
    layout->addWidget(m_header);
    layout->addStretch(1);
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, &CsvImportDialog::refreshPreview);
    connect(m_decimalComma, &QCheckBox::toggled, this, &CsvImportDialog::refreshPreview);
    connect(m_header, &QCheckBox::toggled, this, &CsvImportDialog::refreshPreview);
    return row;
}

QWidget *CsvImportDialog::createColumnGroup()
{
    auto *group = new QWidget(this);
    auto *form = new QFormLayout(group);
    form->setContentsMargins(0, 0, 0, 0);
    m_target = new QComboBox(group);
    m_target->setToolTip(tr("The column the model predicts: a target, or a 0/1 label for the "
                            "classification losses."));
    m_features = new QListWidget(group);
    m_features->setMaximumHeight(110);
    m_features->setToolTip(tr("Each ticked column is a feature x with its own weight."));
    form->addRow(tr("&y (target or 0/1 label):"), m_target);
    form->addRow(tr("&x (one or more):"), m_features);
    connect(m_target, &QComboBox::currentIndexChanged, this, [this] {
        fillFeatures(featureColumns());
        onColumnsChanged();
    });
    connect(m_features, &QListWidget::itemChanged, this, &CsvImportDialog::onColumnsChanged);
    return group;
}

CsvDialect CsvImportDialog::dialect() const
{
    CsvDialect dialect;
    dialect.delimiter = char(m_delimiter->currentData().toInt());
    dialect.decimalComma = m_decimalComma->isChecked();
    dialect.hasHeader = m_header->isChecked();
    return dialect;
}

QStringList CsvImportDialog::featureColumns() const
{
    QStringList columns;
    for (int row = 0; row < m_features->count(); ++row) {
        if (m_features->item(row)->checkState() == Qt::Checked)
            columns << m_features->item(row)->text();
    }
    return columns;
}

QString CsvImportDialog::targetColumn() const
{
    return m_target->currentText();
}

void CsvImportDialog::setColumns(const QStringList &features, const QString &target)
{
    fillColumns(features, target);
    onColumnsChanged();
}

qsizetype CsvImportDialog::skippedRowCount() const
{
    return m_columns ? m_columns->skipped.rowCount : 0;
}

void CsvImportDialog::refreshPreview()
{
    // A decimal comma needs a separator other than the comma.
    m_decimalComma->setEnabled(dialect().delimiter != ',');
    if (dialect().delimiter == ',' && m_decimalComma->isChecked()) {
        m_decimalComma->setChecked(false);
        return;
    }
    const QStringList features = featureColumns();
    const QString target = targetColumn();
    CsvError error;
    m_table = losslens::previewTable(m_preview, dialect(), &error);
    if (!m_table) {
        m_previewTable->clear();
        showMessage(error.message, true);
        m_loadButton->setEnabled(false);
        return;
    }
    distinguishSharedNames(m_table->header);
    fillPreview(*m_table);
    fillColumns(features, target);
    showMessage(QString(), false);
    onColumnsChanged();
}

void CsvImportDialog::fillPreview(const CsvTable &table)
{
    const int rowCount = std::min<int>(previewRows, int(table.rows.size()));
    m_previewTable->clear();
    m_previewTable->setColumnCount(int(table.header.size()));
    m_previewTable->setRowCount(rowCount);
    m_previewTable->setHorizontalHeaderLabels(table.header);
    QStringList lines;
    for (int row = 0; row < rowCount; ++row) {
        lines << rowLinesLabel(table, std::size_t(row));
        const std::vector<QByteArray> &fields = table.rows[std::size_t(row)];
        for (int column = 0; column < int(fields.size()) && column < table.header.size(); ++column)
            m_previewTable->setItem(row, column,
                                    new QTableWidgetItem(QString::fromUtf8(fields[column])));
    }
    m_previewTable->setVerticalHeaderLabels(lines);
}

void CsvImportDialog::fillColumns(const QStringList &features, const QString &target)
{
    const QStringList &header = m_table->header;
    {
        const QSignalBlocker blocker(m_target);
        m_target->clear();
        m_target->addItems(header);
        const qsizetype index =
            header.contains(target) ? header.indexOf(target)
                                    : proposedTargetColumn(*m_table, m_preview.path);
        m_target->setCurrentIndex(int(index));
    }
    QStringList checked;
    for (const QString &column : features) {
        if (header.contains(column))
            checked << column;
    }
    // Otherwise the first column that reads as numbers besides the target. A text column is
    // never proposed, because its load would fail on every row. With none left, nothing is
    // ticked and the dialog requests an x column.
    const qsizetype targetIndex = header.indexOf(targetColumn());
    for (qsizetype column = 0; checked.isEmpty() && column < header.size(); ++column) {
        if (column != targetIndex && readsAsNumbers(*m_table, column))
            checked << header[column];
    }
    fillFeatures(checked);
}

void CsvImportDialog::fillFeatures(const QStringList &checked)
{
    const QSignalBlocker blocker(m_features);
    m_features->clear();
    for (const QString &column : m_table->header) {
        if (column == targetColumn())
            continue;
        auto *item = new QListWidgetItem(column, m_features);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(column) ? Qt::Checked : Qt::Unchecked);
    }
}

void CsvImportDialog::onColumnsChanged()
{
    // Problems listed for other columns no longer apply.
    m_columns.reset();
    m_problems->setVisible(false);
    m_skipButton->setVisible(false);
    m_loadButton->setDefault(true);
    const qsizetype featureCount = featureColumns().size();
    m_severalNote->setVisible(featureCount > 1);
    m_loadButton->setEnabled(featureCount > 0 && !targetColumn().isEmpty());
    if (featureCount == 0)
        showMessage(tr("Tick at least one x column."), false);
    else
        showMessage(QString(), false);
}

void CsvImportDialog::startLoad()
{
    if (!m_table || isLoading())
        return;
    CsvError error;
    const std::optional<std::vector<qsizetype>> columns =
        resolveCsvColumns(m_table->header, m_table->hasHeader, featureColumns(), targetColumn(),
                          m_preview.path, &error);
    if (!columns) {
        showMessage(error.message, true);
        return;
    }
    CsvColumnRequest request;
    request.path = m_preview.path;
    request.dialect = dialect();
    request.header = m_table->header;
    request.columns = *columns;
    m_columns.reset();
    m_problems->setVisible(false);
    m_skipButton->setVisible(false);
    showMessage(QString(), false);
    setLoading(true);
    m_job.start(request);
}

void CsvImportDialog::cancelLoad()
{
    if (isLoading())
        m_job.cancel();
}

void CsvImportDialog::reject()
{
    if (isLoading()) {
        cancelLoad();
        return;
    }
    QDialog::reject();
}

void CsvImportDialog::setLoading(bool loading)
{
    m_progress->setValue(0);
    m_progress->setVisible(loading);
    m_loadButton->setEnabled(!loading);
    for (QWidget *widget : {static_cast<QWidget *>(m_delimiter), static_cast<QWidget *>(m_header),
                            static_cast<QWidget *>(m_target), static_cast<QWidget *>(m_features)})
        widget->setEnabled(!loading);
    m_decimalComma->setEnabled(!loading && dialect().delimiter != ',');
    m_cancelButton->setText(loading ? tr("Cancel loading") : tr("Cancel"));
    m_cancelButton->setToolTip(loading ? tr("Stop reading; the current data stays as it is.")
                                       : tr("Close without loading."));
}

void CsvImportDialog::onLoaded(std::shared_ptr<const CsvColumnData> data, const CsvError &error)
{
    setLoading(false);
    if (!data) {
        qCWarning(lcUi) << "import rejected" << m_preview.path << error.message;
        showMessage(tr("%1\n\nThe current data is unchanged.").arg(error.message), true);
    } else if (data->cancelled) {
        showMessage(tr("Loading cancelled; the current data is unchanged."), false);
    } else {
        m_columns = std::move(data);
        if (m_columns->skipped.rowCount > 0)
            showProblems(*m_columns);
        else if (buildData(CsvInvalidRows::Reject))
            accept();
    }
    emit loadFinished();
}

void CsvImportDialog::showProblems(const CsvColumnData &data)
{
    const CsvSkippedRows &skipped = data.skipped;
    const int listed = int(skipped.problems.size());
    m_problems->setRowCount(listed);
    for (int row = 0; row < listed; ++row) {
        const CsvProblem &problem = skipped.problems[std::size_t(row)];
        const QStringList cells{QString::number(problem.line), problem.columnDescription,
                                problem.cell, problem.reason};
        for (int column = 0; column < cells.size(); ++column)
            m_problems->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
    m_problems->resizeColumnsToContents();
    m_problems->setVisible(true);
    const qsizetype keptRows = data.rowCount - skipped.rowCount;
    QString text = tr("%1 of %2 data rows have a missing or invalid cell, or the wrong number of "
                      "fields.")
                       .arg(skipped.rowCount)
                       .arg(data.rowCount);
    if (skipped.problemCount > listed)
        text += QLatin1Char(' ') + tr("The first %1 of %2 problems are listed.")
                                       .arg(listed)
                                       .arg(skipped.problemCount);
    text += QLatin1Char(' ') + (keptRows > 0 ? tr("Skip them and load the other %1 rows, or fix the "
                                              "file and load again.")
                                               .arg(keptRows)
                                         : tr("No row is left to load; fix the file or choose "
                                              "other columns."));
    showMessage(text, keptRows == 0);
    m_skipButton->setText(skipped.rowCount == 1 ? tr("&Skip 1 row and load")
                                                : tr("&Skip %1 rows and load").arg(skipped.rowCount));
    m_skipButton->setVisible(keptRows > 0);
    if (keptRows > 0) {
        m_skipButton->setDefault(true);
        m_skipButton->setFocus();
    }
}

void CsvImportDialog::skipInvalidRows()
{
    if (m_columns && buildData(CsvInvalidRows::Skip))
        accept();
}

bool CsvImportDialog::buildData(CsvInvalidRows invalid)
{
    CsvError error;
    if (m_columns->values.size() == 2) {
        std::optional<Dataset> data = datasetFromCsvColumns(*m_columns, invalid, &error);
        if (data)
            m_dataset = std::make_shared<const Dataset>(std::move(*data));
    } else {
        std::optional<MultiFeatureData> data =
            multiFeatureDataFromCsvColumns(*m_columns, invalid, &error);
        if (data)
            m_multiFeatureData = std::make_shared<const MultiFeatureData>(std::move(*data));
    }
    if (!m_dataset && !m_multiFeatureData) {
        qCWarning(lcUi) << "import rejected" << m_preview.path << error.message;
        showMessage(tr("%1\n\nThe current data is unchanged.").arg(error.message), true);
        return false;
    }
    return true;
}

void CsvImportDialog::showMessage(const QString &text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? QStringLiteral("color: #b00020") : QString());
    m_message->setVisible(!text.isEmpty());
}

} // namespace losslens
