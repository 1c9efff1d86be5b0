#include "viewfocus.h"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QTextEdit>

namespace losslens {

namespace {

// A frame drawn over a view's edge. It takes no mouse events and follows the view's size.
class FocusMark : public QWidget
{
public:
    explicit FocusMark(QWidget *view) : QWidget(view)
    {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setFocusPolicy(Qt::NoFocus);
        view->installEventFilter(this);
        setGeometry(view->rect());
        hide();
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == parent() && event->type() == QEvent::Resize)
            setGeometry(parentWidget()->rect());
        return false;
    }

    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        const int width = 3;
        QPen pen(palette().color(QPalette::Highlight), width);
        pen.setJoinStyle(Qt::MiterJoin);
        painter.setPen(pen);
        painter.drawRect(QRectF(rect()).adjusted(width / 2.0, width / 2.0, -width / 2.0,
                                                 -width / 2.0));
    }
};

} // namespace

ViewFocus::ViewFocus(std::vector<View> views, QObject *parent)
    : QObject(parent), m_views(std::move(views))
{
    for (const View &view : m_views)
        m_marks.push_back(new FocusMark(view.view));
    connect(qApp, &QApplication::focusChanged, this, &ViewFocus::updateMarks);
}

bool ViewFocus::isTextField(const QWidget *widget)
{
    if (!widget)
        return false;
    if (qobject_cast<const QLineEdit *>(widget) || qobject_cast<const QAbstractSpinBox *>(widget) ||
        qobject_cast<const QTextEdit *>(widget) || qobject_cast<const QPlainTextEdit *>(widget))
        return true;
    const auto *combo = qobject_cast<const QComboBox *>(widget);
    return combo && combo->isEditable();
}

bool ViewFocus::handleKey(QKeyEvent *event)
{
    if (event->modifiers() != Qt::ControlModifier)
        return false;
    const int index = event->key() - Qt::Key_1;
    if (index < 0 || index >= static_cast<int>(m_views.size()))
        return false;
    // A line edit inside a spin box or combo box has the focus while the user types there.
    const QWidget *focused = QApplication::focusWidget();
    if (isTextField(focused) || (focused && isTextField(focused->parentWidget())))
        return false;
    focusView(index);
    return true;
}

void ViewFocus::focusView(int index)
{
    if (index < 0 || index >= static_cast<int>(m_views.size()))
        return;
    m_views[index].focusTarget->setFocus(Qt::ShortcutFocusReason);
    updateMarks();
}

int ViewFocus::focusedView() const
{
    const QWidget *focused = QApplication::focusWidget();
    for (int i = 0; i < static_cast<int>(m_views.size()); ++i) {
        if (focused && (focused == m_views[i].view || m_views[i].view->isAncestorOf(focused)))
            return i;
    }
    return -1;
}

bool ViewFocus::isMarked(int index) const
{
    return index >= 0 && index < static_cast<int>(m_marks.size()) && !m_marks[index]->isHidden();
}

void ViewFocus::updateMarks()
{
    const int focused = focusedView();
    for (int i = 0; i < static_cast<int>(m_marks.size()); ++i) {
        m_marks[i]->setVisible(i == focused);
        if (i == focused)
            m_marks[i]->raise();
    }
}

} // namespace losslens
