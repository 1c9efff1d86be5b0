#include "columnchooser.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace losslens {

namespace {

constexpr int previewRows = 12;

} // namespace

ColumnChooser::ColumnChooser(const CsvTable &table, const QString &fileName, QWidget *parent)
    : QDialog(parent), m_feature(new QComboBox(this)), m_target(new QComboBox(this))
{
    setWindowTitle(tr("Choose columns — %1").arg(QFileInfo(fileName).fileName()));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("Data rows: %1. The first of them:").arg(table.rows.size()), this));

    auto *preview = new QTableWidget(this);
    const int previewCount = std::min<int>(previewRows, int(table.rows.size()));
    preview->setColumnCount(int(table.header.size()));
    preview->setRowCount(previewCount);
    preview->setHorizontalHeaderLabels(table.header);
    for (int row = 0; row < previewCount; ++row) {
        const auto &fields = table.rows[row];
        for (int column = 0; column < int(fields.size()) && column < table.header.size(); ++column)
            preview->setItem(row, column, new QTableWidgetItem(QString::fromUtf8(fields[column])));
    }
    preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    preview->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    preview->setMinimumSize(480, 240);
    layout->addWidget(preview);

    m_feature->addItems(table.header);
    m_target->addItems(table.header);
    if (table.header.size() >= 2)
        m_target->setCurrentIndex(1);
    auto *form = new QFormLayout;
    form->addRow(tr("Feature &x:"), m_feature);
    form->addRow(tr("Target &y (or 0/1 label):"), m_target);
    layout->addLayout(form);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString ColumnChooser::featureColumn() const
{
    return m_feature->currentText();
}

QString ColumnChooser::targetColumn() const
{
    return m_target->currentText();
}

void ColumnChooser::setColumns(const QString &feature, const QString &target)
{
    m_feature->setCurrentText(feature);
    m_target->setCurrentText(target);
}

} // namespace losslens
