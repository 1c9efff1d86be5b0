#include "startpage.h"

#include "lessoncatalogue.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace losslens {

namespace {

const QString showAtStartupKey = QStringLiteral("startPage/showAtStartup");

} // namespace

StartPage::StartPage(QWidget *parent)
    : QDialog(parent), m_lessons(new QListWidget(this)),
      m_startLesson(new QPushButton(tr("Start the &lesson"), this)),
      m_explore(new QPushButton(tr("Start &exploring"), this)),
      m_showAtStartup(new QCheckBox(tr("&Show this page when LossLens starts"), this))
{
    setWindowTitle(tr("Welcome to LossLens"));
    auto *heading = new QLabel(
        tr("<p><b>Lessons</b> walk through one idea in a few steps: each step sets the data, "
           "the losses and the optimizer, and a panel on the right explains what to look at. "
           "<b>Start exploring</b> opens Brownlee's stack loss data with MSE and Huber.</p>"),
        this);
    heading->setWordWrap(true);

    m_lessons->setWordWrap(true);
    m_lessons->setAlternatingRowColors(true);
    for (const BundledLesson &lesson : bundledLessons()) {
        auto *item = new QListWidgetItem(
            QStringLiteral("%1\n%2").arg(lesson.title, lesson.summary), m_lessons);
        item->setData(Qt::UserRole, lesson.resourcePath);
        item->setToolTip(lesson.summary);
    }
    if (m_lessons->count() > 0)
        m_lessons->setCurrentRow(0);
    m_startLesson->setEnabled(m_lessons->count() > 0);
    m_showAtStartup->setChecked(showsAtStartup());

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_showAtStartup);
    buttons->addStretch();
    buttons->addWidget(m_startLesson);
    buttons->addWidget(m_explore);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_lessons, 1);
    layout->addLayout(buttons);
    m_explore->setDefault(true);
    resize(640, 520);

    connect(m_startLesson, &QPushButton::clicked, this, &StartPage::startSelectedLesson);
    connect(m_lessons, &QListWidget::itemActivated, this, &StartPage::startSelectedLesson);
    connect(m_explore, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_showAtStartup, &QCheckBox::toggled, this,
            [](bool checked) { QSettings().setValue(showAtStartupKey, checked); });
}

bool StartPage::showsAtStartup()
{
    return QSettings().value(showAtStartupKey, true).toBool();
}

void StartPage::startSelectedLesson()
{
    const QListWidgetItem *item = m_lessons->currentItem();
    if (!item)
        return;
    const QString path = item->data(Qt::UserRole).toString();
    accept();
    emit lessonChosen(path);
}

} // namespace losslens
