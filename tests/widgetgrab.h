#pragma once

#include <QDir>
#include <QString>
#include <QWidget>
#include <QtTest>

namespace losslens::test {

// Saves a screenshot of widget as name in the folder that the environment variable names, or
// does nothing when it is unset, so a run can keep the pictures for a look by eye.
inline void saveGrab(QWidget &widget, const char *variable, const QString &name)
{
    const QString directory = qEnvironmentVariable(variable);
    if (directory.isEmpty())
        return;
    const QString path = QDir(directory).filePath(name);
    QVERIFY2(widget.grab().save(path), qPrintable(path));
    qInfo("saved %s", qPrintable(path));
}

} // namespace losslens::test
