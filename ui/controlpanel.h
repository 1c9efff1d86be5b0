#pragma once

#include "sessionmodel.h"

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QPushButton;
class QVBoxLayout;

namespace losslens {

class ListParameterEditor;
class LossListEditor;
class LossSpecEntry;
class OptimizerPanel;
class ParameterSlider;
class ResidualScaleEditor;
class RunListEditor;

// The left dock: the data source and scaling, the losses with their colours (and a box to add
// one by its spec), the current loss's parameters and residual scale, the shared optimizer, the
// runs, and a short page about the current loss. Every control writes to the session model at
// once and follows it on undo.
class ControlPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ControlPanel(SessionModel *model, QWidget *parent = nullptr);

    QListWidget *lossList() const;
    LossListEditor *lossListEditor() const { return m_lossListEditor; }
    QCheckBox *standardizeBox() const { return m_standardize; }
    // The shared optimizer's learning rate slider.
    ParameterSlider *learningRateSlider() const;
    // The shared optimizer, which every run without its own trains with.
    OptimizerPanel *optimizerPanel() const { return m_optimizerPanel; }
    RunListEditor *runListEditor() const { return m_runListEditor; }
    // The slider of a parameter of the current loss, or nullptr.
    ParameterSlider *parameterSlider(const QString &key) const;
    // The editor of a list parameter of the current loss, or nullptr.
    ListParameterEditor *listEditor(const QString &key) const;
    // The residual scale row of the current loss, or nullptr for a loss that takes no scale.
    ResidualScaleEditor *residualScaleEditor() const { return m_scaleEditor; }
    // The spec box of a loss the user added, or nullptr for a catalogue loss.
    LossSpecEntry *specEditor() const { return m_specEditor; }
    // The page about the current loss.
    QLabel *infoLabel() const { return m_info; }

signals:
    void openRequested();

private:
    void onModelChanged(SessionModel::Changes changes);
    void syncData();
    void rebuildParameters();
    // Whether the parameter widgets were built for a loss with the same name, parameters and
    // scale row as the current one, so new values can go into them without a rebuild.
    bool parametersMatchCurrentLoss() const;
    void syncParameterValues();
    void syncResidualScale();
    void syncInfo();
    void addFormulaEditor(int lossIndex, const Loss &loss);
    void addSpecEditor(int lossIndex, const Loss &loss);
    void addResidualScaleEditor(int lossIndex);
    void addListEditor(int lossIndex, int parameterIndex, const Loss &loss);
    // Applies a list entry through the session model, or shows why it is rejected.
    void applyList(ListParameterEditor *editor, int lossIndex, int parameterIndex,
                   const QVector<double> &items);

    SessionModel *m_model;
    QLabel *m_dataLabel;
    QPushButton *m_openButton;
    QCheckBox *m_standardize;
    LossListEditor *m_lossListEditor;
    QGroupBox *m_parameterGroup;
    QGroupBox *m_infoGroup = nullptr;
    QLabel *m_info = nullptr;
    QVBoxLayout *m_parameterLayout;
    std::vector<std::pair<QString, ParameterSlider *>> m_parameterSliders;
    // List parameters, such as cross-entropy's class weights, have a text box instead of a
    // slider.
    std::vector<ListParameterEditor *> m_listEditors;
    std::vector<QWidget *> m_parameterWidgets;
    ResidualScaleEditor *m_scaleEditor = nullptr;
    LossSpecEntry *m_specEditor = nullptr;
    // Name, parameter keys and residual scale support of the loss that the parameter widgets
    // were built for.
    QString m_builtName;
    QStringList m_builtKeys;
    bool m_builtScale = false;
    OptimizerPanel *m_optimizerPanel;
    RunListEditor *m_runListEditor;
    bool m_syncing = false;
};

} // namespace losslens
