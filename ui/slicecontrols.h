#pragma once

#include "slicecomputation.h"

#include "core/loss.h"

#include <QStringList>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace losslens {

class NumberBox;

// The settings of the model slices window: the data's columns, the loss, the scaling, the
// training run and the plane of the slice. Emits changed() after every accepted edit. A loss
// specification that the catalogue rejects shows the catalogue's message under the text box and
// leaves loss() as it was.
class SliceControls : public QWidget
{
    Q_OBJECT

public:
    SliceControls(const QString &lossSpec, QWidget *parent = nullptr);

    // Lists the columns of a newly read table. The target is the given column when the header
    // has it, else the last column. Every other column starts ticked as a feature.
    void setColumns(const QStringList &header, const QString &preferredTarget);
    void setDataDescription(const QString &text);
    QString dataDescription() const;
    // Offers the model's parameters for the two axes, keeping the chosen indices where they
    // still exist.
    void setParameterNames(const QStringList &names);

    QString targetColumn() const;
    // The ticked feature columns, in the header's order.
    QStringList featureColumns() const;
    std::shared_ptr<const Loss> loss() const { return m_loss; }
    bool standardize() const;
    SliceSettings settings() const;
    // The message under the loss box, empty when the typed specification was accepted.
    QString lossError() const;

    QLineEdit *lossEdit() const { return m_lossEdit; }
    QComboBox *modeBox() const { return m_mode; }
    QComboBox *firstParameterBox() const { return m_firstParameter; }
    QComboBox *secondParameterBox() const { return m_secondParameter; }
    QSpinBox *seedBox() const { return m_seed; }
    QComboBox *throughBox() const { return m_through; }
    QCheckBox *standardizeBox() const { return m_standardize; }
    QListWidget *featureList() const { return m_features; }
    QComboBox *targetBox() const { return m_target; }
    NumberBox *learningRateBox() const { return m_learningRate; }
    QSpinBox *stepLimitBox() const { return m_stepLimit; }

signals:
    void changed();
    void openRequested();

private:
    QWidget *createDataGroup();
    QWidget *createModelGroup(const QString &lossSpec);
    QWidget *createSliceGroup();
    void showModeRows(int index);
    void applyLossSpec();
    void fillFeatures(const QStringList &checked);
    void onTargetChanged();
    void onParameterChosen(QComboBox *chosen, QComboBox *other);

    std::shared_ptr<const Loss> m_loss;
    QStringList m_header;
    QLabel *m_dataLabel;
    QPushButton *m_openButton;
    QComboBox *m_target;
    QListWidget *m_features;
    QLineEdit *m_lossEdit;
    QLabel *m_lossError;
    QCheckBox *m_standardize;
    NumberBox *m_learningRate;
    QLabel *m_learningRateError;
    QSpinBox *m_stepLimit;
    QFormLayout *m_sliceForm;
    QComboBox *m_mode;
    QComboBox *m_firstParameter;
    QComboBox *m_secondParameter;
    QSpinBox *m_seed;
    QComboBox *m_through;
    // The axes' parameters before the latest choice, to swap them when both would be equal.
    int m_lastFirst = 0;
    int m_lastSecond = 1;
};

} // namespace losslens
