#pragma once

class QWidget;

namespace losslens {

// Lets Ctrl+Z and Ctrl+Shift+Z pass from a text box to the window. A line edit would take them
// for its own text, but in a box that applies its value to the session a user means the
// window's undo of the session.
void passUndoShortcutsToWindow(QWidget *textBox);

} // namespace losslens
