#pragma once

#include <QObject>
#include <QPointer>
#include <QWidget>

#include <vector>

class QKeyEvent;

namespace losslens {

// Ctrl+1 to Ctrl+4 move the keyboard focus to one of the main window's views, and a frame in
// the palette's highlight colour marks the view that has the focus. The keys do nothing while
// a text field (a line edit, a spin box, an editable combo box or a text edit) has the focus.
class ViewFocus : public QObject
{
    Q_OBJECT

public:
    // Each view and the widget inside it that takes the focus, such as its plot.
    struct View
    {
        QWidget *view;
        QWidget *focusTarget;
    };

    ViewFocus(std::vector<View> views, QObject *parent);

    // Handles Ctrl+1 to Ctrl+4: returns true when the key focused a view.
    bool handleKey(QKeyEvent *event);
    void focusView(int index);
    // The index of the view that has the focus, or -1.
    int focusedView() const;
    bool isMarked(int index) const;

    // True for widgets that take typed text, where keys belong to the text.
    static bool isTextField(const QWidget *widget);

private:
    void updateMarks();

    std::vector<View> m_views;
    std::vector<QWidget *> m_marks;
};

} // namespace losslens
