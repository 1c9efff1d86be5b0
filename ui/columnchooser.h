#pragma once

#include "core/csvreader.h"

#include <QDialog>

class QComboBox;

namespace losslens {

// Shows the first rows of a parsed CSV file and lets the user pick the feature and target
// columns by name.
class ColumnChooser : public QDialog
{
    Q_OBJECT

public:
    ColumnChooser(const CsvTable &table, const QString &fileName, QWidget *parent = nullptr);

    QString featureColumn() const;
    QString targetColumn() const;
    void setColumns(const QString &feature, const QString &target);

private:
    QComboBox *m_feature;
    QComboBox *m_target;
};

} // namespace losslens
