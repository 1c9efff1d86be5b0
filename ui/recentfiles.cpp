#include "recentfiles.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace losslens {

namespace {

QString normalPath(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

} // namespace

QStringList withRecentFile(const QStringList &files, const QString &path, int maximum)
{
    const QString added = normalPath(path);
    QStringList result{added};
    for (const QString &file : files) {
        if (result.size() >= maximum)
            break;
        if (normalPath(file) != added)
            result << file;
    }
    return result.mid(0, maximum);
}

RecentFiles::RecentFiles(QString settingsKey, QObject *parent)
    : QObject(parent), m_settingsKey(std::move(settingsKey))
{
}

QStringList RecentFiles::files() const
{
    return QSettings().value(m_settingsKey).toStringList().mid(0, maximumCount);
}

void RecentFiles::add(const QString &path)
{
    store(withRecentFile(files(), path, maximumCount));
}

void RecentFiles::remove(const QString &path)
{
    QStringList list = files();
    list.removeAll(normalPath(path));
    store(list);
}

void RecentFiles::clear()
{
    store({});
}

void RecentFiles::store(const QStringList &files)
{
    QSettings settings;
    if (files.isEmpty())
        settings.remove(m_settingsKey);
    else
        settings.setValue(m_settingsKey, files);
    emit changed();
}

void RecentFiles::fillMenu(QMenu *menu, const std::function<void(const QString &)> &open)
{
    menu->clear();
    const QStringList list = files();
    for (int i = 0; i < list.size(); ++i) {
        const QString path = list[i];
        // &1 to &9 give the first nine entries a mnemonic; the tenth gets &0.
        const QString text =
            tr("&%1 %2").arg((i + 1) % 10).arg(QFileInfo(path).fileName().replace(
                                                   QLatin1Char('&'), QStringLiteral("&&")));
        QAction *action = menu->addAction(text, this, [open, path] { open(path); });
        action->setToolTip(path);
        action->setStatusTip(path);
    }
    menu->addSeparator();
    QAction *clearAction = menu->addAction(tr("&Clear the list"), this, &RecentFiles::clear);
    clearAction->setEnabled(!list.isEmpty());
    menu->setToolTipsVisible(true);
    menu->setEnabled(!list.isEmpty());
}

} // namespace losslens
