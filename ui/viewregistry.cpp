#include "viewregistry.h"

#include "uilogging.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QMenu>
#include <QSignalBlocker>
#include <QSplitter>
#include <QToolBar>
#include <QWidget>

#include <algorithm>

namespace losslens {

const QStringList &hideableViewNames()
{
    static const QStringList names = {
        QStringLiteral("landscape"),  QStringLiteral("data"),
        QStringLiteral("curves"),     QStringLiteral("training"),
        QStringLiteral("controls"),   QStringLiteral("data_source"),
        QStringLiteral("losses"),     QStringLiteral("loss_parameters"),
        QStringLiteral("optimizer"),  QStringLiteral("runs"),
        QStringLiteral("loss_info"),  QStringLiteral("playback")};
    return names;
}

ViewRegistry::ViewRegistry(QObject *parent) : QObject(parent) {}

void ViewRegistry::add(const QString &name, const QString &title, QWidget *widget,
                       std::function<void()> show)
{
    if (!hideableViewNames().contains(name) || find(name)) {
        qCWarning(lcUi) << "view name" << name << "is unknown or registered twice";
        return;
    }
    m_entries.push_back({name, title, widget, std::move(show), nullptr, false});
    // The dock's and the toolbar's own toggles (their close button, View menu entries) hide them
    // too, so the saved list follows them.
    QAction *toggle = nullptr;
    if (auto *dock = qobject_cast<QDockWidget *>(widget)) {
        toggle = dock->toggleViewAction();
        dock->installEventFilter(this);
    }
    else if (auto *toolBar = qobject_cast<QToolBar *>(widget))
        toggle = toolBar->toggleViewAction();
    if (toggle) {
        connect(toggle, &QAction::triggered, this,
                [this, name](bool checked) { setHidden(name, !checked); });
    }
}

QStringList ViewRegistry::names() const
{
    QStringList names;
    for (const Entry &entry : m_entries)
        names << entry.name;
    return names;
}

QWidget *ViewRegistry::widget(const QString &name) const
{
    const Entry *entry = find(name);
    return entry ? entry->widget : nullptr;
}

QStringList ViewRegistry::hiddenNames() const
{
    QStringList names;
    for (const QString &name : hideableViewNames()) {
        if (isHidden(name))
            names << name;
    }
    return names;
}

bool ViewRegistry::isHidden(const QString &name) const
{
    const Entry *entry = find(name);
    return entry && entry->hidden;
}

void ViewRegistry::setHiddenNames(const QStringList &names)
{
    for (const QString &name : names) {
        if (!find(name))
            qCWarning(lcUi) << "cannot hide" << name << "because no view has that name";
    }
    bool changed = false;
    for (Entry &entry : m_entries) {
        const bool hidden = names.contains(entry.name);
        changed = changed || hidden != entry.hidden;
        entry.hidden = hidden;
        applyEntry(entry);
    }
    updateSplitters();
    if (changed)
        emit hiddenChanged();
}

void ViewRegistry::setHidden(const QString &name, bool hidden)
{
    Entry *entry = find(name);
    if (!entry) {
        qCWarning(lcUi) << "cannot hide or show" << name << "because no view has that name";
        return;
    }
    if (entry->hidden == hidden)
        return;
    entry->hidden = hidden;
    applyEntry(*entry);
    updateSplitters();
    emit hiddenChanged();
}

void ViewRegistry::reapply()
{
    for (const Entry &entry : m_entries) {
        if (entry.hidden && entry.widget->isVisibleTo(entry.widget->parentWidget()))
            entry.widget->setVisible(false);
    }
}

void ViewRegistry::fillMenu(QMenu *menu)
{
    for (Entry &entry : m_entries) {
        QAction *action = menu->addAction(entry.title);
        action->setCheckable(true);
        action->setChecked(!entry.hidden);
        const QString name = entry.name;
        connect(action, &QAction::toggled, this,
                [this, name](bool checked) { setHidden(name, !checked); });
        entry.action = action;
    }
}

QAction *ViewRegistry::action(const QString &name) const
{
    const Entry *entry = find(name);
    return entry ? entry->action : nullptr;
}

bool ViewRegistry::eventFilter(QObject *watched, QEvent *event)
{
    // The close button closes the dock, which sends it a close event. Only a dock with
    // DockWidgetClosable has that button and accepts the event (tst_desktopwindow checks it).
    auto *dock = qobject_cast<QDockWidget *>(watched);
    if (event->type() == QEvent::Close && dock &&
        dock->features().testFlag(QDockWidget::DockWidgetClosable)) {
        for (const Entry &entry : m_entries) {
            if (entry.widget == dock)
                setHidden(entry.name, true);
        }
    }
    return QObject::eventFilter(watched, event);
}

void ViewRegistry::applyEntry(const Entry &entry)
{
    if (entry.hidden)
        entry.widget->setVisible(false);
    else if (entry.show)
        entry.show();
    else
        entry.widget->setVisible(true);
    if (entry.action) {
        const QSignalBlocker blocker(entry.action);
        entry.action->setChecked(!entry.hidden);
    }
}

void ViewRegistry::updateSplitters()
{
    for (const Entry &entry : m_entries) {
        auto *splitter = qobject_cast<QSplitter *>(entry.widget->parentWidget());
        if (!splitter)
            continue;
        bool anyShown = false;
        for (const Entry &other : m_entries) {
            if (other.widget->parentWidget() == splitter && !other.hidden)
                anyShown = true;
        }
        splitter->setVisible(anyShown);
    }
}

const ViewRegistry::Entry *ViewRegistry::find(const QString &name) const
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                 [&name](const Entry &entry) { return entry.name == name; });
    return it == m_entries.end() ? nullptr : &*it;
}

ViewRegistry::Entry *ViewRegistry::find(const QString &name)
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                 [&name](const Entry &entry) { return entry.name == name; });
    return it == m_entries.end() ? nullptr : &*it;
}

} // namespace losslens
