#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

class QMenu;

namespace losslens {

// The list with path first: an earlier entry of the same file is dropped, and the list is cut
// to maximum entries. Paths are compared as absolute, cleaned paths.
QStringList withRecentFile(const QStringList &files, const QString &path, int maximum);

// The CSV and session files opened or saved most recently, newest first, kept in QSettings
// under one key so that every window and the next start share them.
class RecentFiles : public QObject
{
    Q_OBJECT

public:
    static constexpr int maximumCount = 10;

    explicit RecentFiles(QString settingsKey, QObject *parent = nullptr);

    // The stored list, newest first.
    QStringList files() const;
    void add(const QString &path);
    void remove(const QString &path);
    void clear();

    // Fills menu with one action per file (its name, the full path as tooltip) and a Clear
    // action; open is called with the chosen path. The menu is disabled while the list is empty.
    void fillMenu(QMenu *menu, const std::function<void(const QString &)> &open);

signals:
    void changed();

private:
    void store(const QStringList &files);

    QString m_settingsKey;
};

} // namespace losslens
