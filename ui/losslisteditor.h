#pragma once

#include "sessionmodel.h"

#include <QWidget>

class QListWidget;
class QPushButton;

namespace losslens {

class LossSpecEntry;

// The session's losses as a list with colour swatches: tick to fit, select to edit. Under it, a
// box adds a loss typed as a spec, and Ctrl+L moves the focus there. A button, or the Delete
// key on the list, removes a loss the user added. Every change goes through the session model,
// so one undo takes it back.
class LossListEditor : public QWidget
{
    Q_OBJECT

public:
    explicit LossListEditor(SessionModel *model, QWidget *parent = nullptr);

    QListWidget *lossList() const { return m_list; }
    LossSpecEntry *specEntry() const { return m_entry; }
    QPushButton *removeButton() const { return m_remove; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    // Recolours the greyed-out items for a new palette (View > Theme).
    void changeEvent(QEvent *event) override;

private:
    void onModelChanged(SessionModel::Changes changes);
    // Makes the list show every entry's label, tick, colour and applicability.
    void sync();
    void addLoss(std::shared_ptr<const Loss> loss);
    void removeCurrentLoss();

    SessionModel *m_model;
    QListWidget *m_list;
    LossSpecEntry *m_entry;
    QPushButton *m_remove;
    bool m_syncing = false;
};

} // namespace losslens
