// The main window's presentation mode, theme and view focus keys: wiring only, the logic is in
// presentation, theme, plotstyle and viewfocus.

#include "mainwindow.h"

#include "dataview.h"
#include "landscapeview.h"
#include "losscurveview.h"
#include "presentation.h"
#include "theme.h"
#include "trainingview.h"
#include "viewfocus.h"

#include <qcustomplot.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QKeyEvent>
#include <QMenu>

namespace losslens {

void MainWindow::createAppearance(QMenu *view)
{
    m_presentation = new PresentationMode(this, &m_model);
    m_theme = new Theme(this);
    // In the order of Ctrl+1 to Ctrl+4.
    m_viewFocus = new ViewFocus({{m_landscape, m_landscape->plot()},
                                 {m_dataView, m_dataView->plot()},
                                 {m_lossCurves, m_lossCurves->plot()},
                                 {m_trainingView, m_trainingView->plot()}},
                                this);

    view->addSeparator();
    view->addAction(m_presentation->action());
    QMenu *themes = view->addMenu(tr("&Theme"));
    auto *group = new QActionGroup(themes);
    const std::pair<Theme::Choice, QString> choices[] = {
        {Theme::Choice::System, tr("&System")},
        {Theme::Choice::Light, tr("&Light")},
        {Theme::Choice::Dark, tr("&Dark")}};
    for (const auto &[choice, text] : choices) {
        QAction *action = themes->addAction(text);
        action->setCheckable(true);
        action->setData(int(choice));
        group->addAction(action);
        connect(action, &QAction::triggered, this,
                [this, choice = choice] { m_theme->setChoice(choice); });
    }
    connect(m_theme, &Theme::choiceChanged, group, [group](Theme::Choice choice) {
        for (QAction *action : group->actions())
            action->setChecked(action->data().toInt() == int(choice));
    });
    m_theme->restoreChoice();

    // keyPressEvent handles these keys, so text fields keep them; the shortcuts only label the
    // menu items, as in the Run menu.
    QMenu *focus = view->addMenu(tr("F&ocus"));
    const QString names[] = {tr("&Landscape"), tr("&Data"), tr("Loss &curves"), tr("&Training")};
    for (int i = 0; i < 4; ++i) {
        QAction *action = focus->addAction(names[i], this, [this, i] { m_viewFocus->focusView(i); });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        action->setShortcutContext(Qt::WidgetShortcut);
    }
}

bool MainWindow::handleAppearanceKey(QKeyEvent *event)
{
    if (m_viewFocus->handleKey(event))
        return true;
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier &&
        m_presentation->isActive() && !ViewFocus::isTextField(QApplication::focusWidget())) {
        m_presentation->setActive(false);
        return true;
    }
    return false;
}

} // namespace losslens
