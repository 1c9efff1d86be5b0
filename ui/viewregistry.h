#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

class QAction;
class QMenu;
class QWidget;

namespace losslens {

// The names of the views and controls that a session or a lesson may hide, in menu order:
// landscape, data, curves, training (the four views), controls (the whole left dock), the
// dock's sections data_source, losses, loss_parameters, optimizer, runs and loss_info, and
// playback (the bottom bar).
const QStringList &hideableViewNames();

// The views and controls of the main window by name, and which of them are hidden. Hiding is
// the session's choice, so it is saved with it. A view whose splitter row has no other visible
// view takes its row with it, so the remaining row fills the space.
class ViewRegistry : public QObject
{
    Q_OBJECT

public:
    explicit ViewRegistry(QObject *parent = nullptr);

    // Registers a widget under a name of hideableViewNames() with its menu title. show, when
    // given, replaces widget->setVisible(true) for a widget whose owner hides it at times, such
    // as the loss's page when it is empty.
    void add(const QString &name, const QString &title, QWidget *widget,
             std::function<void()> show = {});
    QStringList names() const;
    QWidget *widget(const QString &name) const;

    // The hidden names, in hideableViewNames() order.
    QStringList hiddenNames() const;
    bool isHidden(const QString &name) const;
    // Hides exactly these and shows every other. An unknown name is logged and skipped, so a
    // file from a newer version that hides more still opens.
    void setHiddenNames(const QStringList &names);
    void setHidden(const QString &name, bool hidden);
    // Hides again what is hidden, after an owner showed it, such as the control panel showing
    // the loss's page for a new loss.
    void reapply();

    // Fills a menu with one checkable entry per view, ticked while the view shows.
    void fillMenu(QMenu *menu);
    // The menu entry of a name, or nullptr before fillMenu().
    QAction *action(const QString &name) const;

signals:
    void hiddenChanged();

protected:
    // Records a dock closed by its title bar's close button, which neither of the dock's
    // toggles reports.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Entry
    {
        QString name;
        QString title;
        QWidget *widget = nullptr;
        std::function<void()> show;
        QAction *action = nullptr;
        bool hidden = false;
    };

    void applyEntry(const Entry &entry);
    // Shows each splitter that contains registered views while one of those views is visible.
    void updateSplitters();
    const Entry *find(const QString &name) const;
    Entry *find(const QString &name);

    std::vector<Entry> m_entries;
};

} // namespace losslens
