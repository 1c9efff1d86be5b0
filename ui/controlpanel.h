#pragma once

#include "sessionmodel.h"

#include <QWidget>

class QCheckBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QPushButton;
class QVBoxLayout;

namespace losslens {

class ListParameterEditor;
class ParameterSlider;

// The left dock: the data source and scaling, the losses with their colours and the current
// loss's parameters, and the optimizer's learning rate. Every control writes to the session
// model at once and follows it on undo.
class ControlPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ControlPanel(SessionModel *model, QWidget *parent = nullptr);

    QListWidget *lossList() const { return m_lossList; }
    QCheckBox *standardizeBox() const { return m_standardize; }
    ParameterSlider *learningRateSlider() const { return m_learningRate; }
    // The slider of a parameter of the current loss, or nullptr.
    ParameterSlider *parameterSlider(const QString &key) const;
    // The editor of a list parameter of the current loss, or nullptr.
    ListParameterEditor *listEditor(const QString &key) const;

signals:
    void openRequested();

private:
    void onModelChanged(SessionModel::Changes changes);
    void syncData();
    void syncLossList();
    void rebuildParameters();
    void addFormulaEditor(int lossIndex, const Loss &loss);
    void addListEditor(int lossIndex, int parameterIndex, const Loss &loss);
    // Applies a list entry through the session model, or shows why it is rejected.
    void applyList(ListParameterEditor *editor, int lossIndex, int parameterIndex,
                   const QVector<double> &items);

    SessionModel *m_model;
    QLabel *m_dataLabel;
    QPushButton *m_openButton;
    QCheckBox *m_standardize;
    QListWidget *m_lossList;
    QGroupBox *m_parameterGroup;
    QGroupBox *m_infoGroup = nullptr;
    QLabel *m_info = nullptr;
    QVBoxLayout *m_parameterLayout;
    std::vector<std::pair<QString, ParameterSlider *>> m_parameterSliders;
    // List parameters, such as cross-entropy's class weights, have a text box instead of a
    // slider.
    std::vector<ListParameterEditor *> m_listEditors;
    std::vector<QWidget *> m_parameterWidgets;
    ParameterSlider *m_learningRate;
    bool m_syncing = false;
};

} // namespace losslens
