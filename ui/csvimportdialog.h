#pragma once

#include "csvloadjob.h"

#include "core/csvimport.h"
#include "core/csvreader.h"

#include <QDialog>

#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace losslens {

// File > Open CSV: shows the first rows of a file as the detected (or chosen) separator,
// decimal separator and header read them, and lets the user pick the x column or columns and
// the y column (a target, or a 0/1 label). As y it proposes a column of numbers named as targets
// often are (y, target, label, class, response, outcome) or named as the file (STACKLOSS in
// stackloss.csv), else the last column of numbers. As x it proposes the first other column of
// numbers.
// Load reads the whole file in the background with a progress bar; Cancel stops it and changes
// nothing. Rows with missing or invalid cells are listed (line, column, cell) and the dialog
// offers to skip them. After accept() the data is in dataset() for one x column, or in
// multiFeatureData() for several, which the model slices window takes.
class CsvImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit CsvImportDialog(CsvPreview preview, QWidget *parent = nullptr);

    CsvDialect dialect() const;
    QStringList featureColumns() const;
    QString targetColumn() const;
    // Ticks exactly the given x columns and chooses the y column. Names not in the file are
    // ignored.
    void setColumns(const QStringList &features, const QString &target);

    // The loaded data after accept(): one of the two is set.
    std::shared_ptr<const Dataset> dataset() const { return m_dataset; }
    std::shared_ptr<const MultiFeatureData> multiFeatureData() const { return m_multiFeatureData; }
    // The loaded columns after accept(), valid rows only.
    std::shared_ptr<const CsvColumnData> columns() const { return m_columns; }
    // Rows left out by the skip button, 0 otherwise.
    qsizetype skippedRowCount() const;
    bool isLoading() const { return m_job.isBusy(); }

    QComboBox *delimiterBox() const { return m_delimiter; }
    QCheckBox *decimalCommaBox() const { return m_decimalComma; }
    QCheckBox *headerBox() const { return m_header; }
    QTableWidget *previewTable() const { return m_previewTable; }
    QComboBox *targetBox() const { return m_target; }
    QListWidget *featureList() const { return m_features; }
    QLabel *severalFeaturesNote() const { return m_severalNote; }
    QLabel *messageLabel() const { return m_message; }
    QProgressBar *progressBar() const { return m_progress; }
    QTableWidget *problemTable() const { return m_problems; }
    QPushButton *loadButton() const { return m_loadButton; }
    QPushButton *skipButton() const { return m_skipButton; }

public slots:
    // Reads the whole file with the chosen columns in the background.
    void startLoad();
    // Stops a load in flight. The dialog stays open and nothing is loaded.
    void cancelLoad();
    // Builds the data without the listed rows and accepts.
    void skipInvalidRows();
    // Cancels a load in flight, or closes the dialog when none is.
    void reject() override;

signals:
    // A load ended: with data, with problems to list, with an error or cancelled.
    void loadFinished();

private:
    QWidget *createFormatRow();
    QWidget *createColumnGroup();
    void refreshPreview();
    void fillPreview(const CsvTable &table);
    void fillColumns(const QStringList &features, const QString &target);
    void fillFeatures(const QStringList &checked);
    void onColumnsChanged();
    void onLoaded(std::shared_ptr<const CsvColumnData> data, const CsvError &error);
    void showProblems(const CsvColumnData &data);
    bool buildData(CsvInvalidRows invalid);
    void setLoading(bool loading);
    void showMessage(const QString &text, bool isError);

    CsvPreview m_preview;
    std::optional<CsvTable> m_table;
    QLabel *m_summary;
    QComboBox *m_delimiter;
    QCheckBox *m_decimalComma;
    QCheckBox *m_header;
    QTableWidget *m_previewTable;
    QComboBox *m_target;
    QListWidget *m_features;
    QLabel *m_severalNote;
    QLabel *m_message;
    QProgressBar *m_progress;
    QTableWidget *m_problems;
    QPushButton *m_loadButton;
    QPushButton *m_skipButton;
    QPushButton *m_cancelButton;
    CsvLoadJob m_job;
    std::shared_ptr<const CsvColumnData> m_columns;
    std::shared_ptr<const Dataset> m_dataset;
    std::shared_ptr<const MultiFeatureData> m_multiFeatureData;
};

} // namespace losslens
