#pragma once

#include "sessionmodel.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QToolButton;

namespace losslens {

class OptimizerPanel;

// The session's runs as a list with colour swatches, each a loss, an optimizer and a start
// point. Add, Duplicate and Remove change the list. Selecting a run makes its loss current and
// shows its settings under the list. They are the loss it fits and its colour, its own
// optimizer if it has one, whether it has its own start point, and for Barron's loss whether
// it learns alpha and c. Every change goes through
// the session model, so one undo takes it back.
class RunListEditor : public QWidget
{
    Q_OBJECT

public:
    explicit RunListEditor(SessionModel *model, QWidget *parent = nullptr);

    QListWidget *runList() const { return m_list; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *duplicateButton() const { return m_duplicate; }
    QPushButton *removeButton() const { return m_remove; }
    QComboBox *lossBox() const { return m_loss; }
    QCheckBox *ownOptimizerBox() const { return m_ownOptimizer; }
    // Learn Barron's alpha (and c) for the selected run; shown while its loss is Barron's.
    QCheckBox *learnShapeBox() const { return m_learnShape; }
    QCheckBox *learnScaleBox() const { return m_learnScale; }
    // The editor of the selected run's own optimizer, shown while the run has one.
    OptimizerPanel *optimizerPanel() const { return m_optimizer; }
    QLabel *startLabel() const { return m_start; }
    QPushButton *sharedStartButton() const { return m_sharedStart; }

protected:
    // Recolours the greyed-out items for a new palette (View > Theme).
    void changeEvent(QEvent *event) override;

private:
    void onModelChanged(SessionModel::Changes changes);
    // Makes the list and the selected run's controls show the session.
    void sync();
    void syncSelectedRun();
    void chooseColour();

    SessionModel *m_model;
    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_duplicate;
    QPushButton *m_remove;
    QWidget *m_details;
    QComboBox *m_loss;
    QToolButton *m_colour;
    QCheckBox *m_ownOptimizer;
    QCheckBox *m_learnShape;
    QCheckBox *m_learnScale;
    OptimizerPanel *m_optimizer;
    QLabel *m_start;
    QPushButton *m_sharedStart;
    bool m_syncing = false;
};

} // namespace losslens
