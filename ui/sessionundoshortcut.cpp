#include "sessionundoshortcut.h"

#include <QEvent>
#include <QKeyEvent>
#include <QKeySequence>
#include <QWidget>

namespace losslens {

namespace {

class UndoShortcutFilter : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // Ignoring the override lets the shortcut reach the window's Undo and Redo actions.
        if (event->type() == QEvent::ShortcutOverride) {
            const auto *key = static_cast<QKeyEvent *>(event);
            if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) {
                event->ignore();
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

void passUndoShortcutsToWindow(QWidget *textBox)
{
    textBox->installEventFilter(new UndoShortcutFilter(textBox));
}

} // namespace losslens
