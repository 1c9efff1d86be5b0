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

signals:
    void openRequested();

private:
    void onModelChanged(SessionModel::Changes changes);
    void syncData();
    void syncLossList();
    void rebuildParameters();
    void addFormulaEditor(int lossIndex, const Loss &loss);

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
    // List parameters, such as cross-entropy's class weights, have no slider; a read-only label
    // shows their items, which a --loss spec sets.
    std::vector<std::pair<QString, QLabel *>> m_parameterLists;
    std::vector<QWidget *> m_parameterWidgets;
    ParameterSlider *m_learningRate;
    bool m_syncing = false;
};

} // namespace losslens
