#pragma once

#include <QDialog>

class QCheckBox;
class QListWidget;
class QPushButton;

namespace losslens {

// The start page: the bundled lessons, each with its summary, and Start exploring, which closes
// the page and keeps the current session. Help > Start page opens it, and so does starting the
// app without arguments while the page's box is ticked.
class StartPage : public QDialog
{
    Q_OBJECT

public:
    explicit StartPage(QWidget *parent = nullptr);

    QListWidget *lessonList() const { return m_lessons; }
    QPushButton *startLessonButton() const { return m_startLesson; }
    QPushButton *exploreButton() const { return m_explore; }

    // Whether the app shows the page when it starts, as the page's box last set it (true at
    // first).
    static bool showsAtStartup();

signals:
    // A lesson by its resource path.
    void lessonChosen(const QString &resourcePath);

private:
    void startSelectedLesson();

    QListWidget *m_lessons;
    QPushButton *m_startLesson;
    QPushButton *m_explore;
    QCheckBox *m_showAtStartup;
};

} // namespace losslens
