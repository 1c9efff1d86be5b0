// The main window's lessons, start page and hideable views: wiring only, the logic is in
// lessonpanel, lessonsteps, startpage and viewregistry.

#include "mainwindow.h"

#include "controlpanel.h"
#include "dataview.h"
#include "landscapeview.h"
#include "lessoncatalogue.h"
#include "lessonpanel.h"
#include "losscurveview.h"
#include "losslisteditor.h"
#include "optimizerpanel.h"
#include "playbackbar.h"
#include "runlisteditor.h"
#include "startpage.h"
#include "trainingview.h"
#include "uilogging.h"
#include "viewregistry.h"

#include <QCheckBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QStatusBar>
#include <QUndoStack>

namespace losslens {

namespace {

// The control panel's section that contains a widget: the group box it sits in.
QWidget *sectionOf(QWidget *widget)
{
    while (widget && !qobject_cast<QGroupBox *>(widget))
        widget = widget->parentWidget();
    return widget;
}

void registerViews(ViewRegistry *views, MainWindow *window)
{
    ControlPanel *controls = window->controlPanel();
    views->add(QStringLiteral("landscape"), MainWindow::tr("&Landscape"), window->landscapeView());
    views->add(QStringLiteral("data"), MainWindow::tr("&Data view"), window->dataView());
    views->add(QStringLiteral("curves"), MainWindow::tr("Loss &curves"), window->lossCurveView());
    views->add(QStringLiteral("training"), MainWindow::tr("&Training curve"),
               window->trainingView());
    if (auto *dock = window->findChild<QDockWidget *>(QStringLiteral("controlsDock")))
        views->add(QStringLiteral("controls"), MainWindow::tr("C&ontrols dock"), dock);
    QWidget *dataSection = sectionOf(controls->standardizeBox());
    QWidget *lossSection = sectionOf(controls->lossListEditor());
    QWidget *optimizerSection = sectionOf(controls->optimizerPanel());
    QWidget *runSection = sectionOf(controls->runListEditor());
    QWidget *infoSection = sectionOf(controls->infoLabel());
    views->add(QStringLiteral("data_source"), MainWindow::tr("Data &source"), dataSection);
    views->add(QStringLiteral("losses"), MainWindow::tr("Loss l&ist"), lossSection);
    // The parameter section has no accessor, so it is found as the panel's only direct group box
    // that is not one of the other sections. Nested group boxes belong to the section editors.
    for (QGroupBox *group : controls->findChildren<QGroupBox *>(Qt::FindDirectChildrenOnly)) {
        if (group != dataSection && group != lossSection && group != optimizerSection &&
            group != runSection && group != infoSection) {
            views->add(QStringLiteral("loss_parameters"), MainWindow::tr("Loss &parameters"),
                       group);
        }
    }
    views->add(QStringLiteral("optimizer"), MainWindow::tr("&Optimizer"), optimizerSection);
    views->add(QStringLiteral("runs"), MainWindow::tr("&Run list"), runSection);
    // The panel shows the loss's page only when the loss has one.
    views->add(QStringLiteral("loss_info"), MainWindow::tr("Page about the &loss"), infoSection,
               [controls, infoSection] {
                   infoSection->setVisible(!controls->infoLabel()->text().isEmpty());
               });
    views->add(QStringLiteral("playback"), MainWindow::tr("Play&back bar"), window->playbackBar());
}

} // namespace

void MainWindow::createLessonDock()
{
    m_views = new ViewRegistry(this);
    registerViews(m_views, this);
    // Connected after the control panel, so a section it shows again is hidden after it.
    connect(&m_model, &SessionModel::changed, m_views, &ViewRegistry::reapply);

    m_lessonPanel = new LessonPanel(
        [this](const ResolvedLessonStep &step) {
            applySessionContents(step.document);
            if (step.play)
                m_training->play();
        },
        this);
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_lessonPanel);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_lessonDock = new QDockWidget(tr("Lesson"), this);
    m_lessonDock->setObjectName(QStringLiteral("lessonDock"));
    m_lessonDock->setWidget(scroll);
    m_lessonPanel->setMinimumWidth(240);
    // The dock takes its minimum from the scroll area, which would otherwise let it shrink
    // below the panel and cut off the panel's Next button.
    scroll->setMinimumWidth(240 + scroll->verticalScrollBar()->sizeHint().width() +
                            2 * scroll->frameWidth());
    addDockWidget(Qt::RightDockWidgetArea, m_lessonDock);
    m_lessonDock->hide();
    connect(m_lessonPanel, &LessonPanel::endRequested, this, [this] {
        m_lessonPanel->close();
        m_lessonDock->hide();
    });
}

void MainWindow::createLessonMenus(QMenu *view, QMenu *help)
{
    QMenu *show = view->addMenu(tr("&Show"));
    m_views->fillMenu(show);

    auto *lessons = new QMenu(tr("&Lessons"), this);
    menuBar()->insertMenu(help->menuAction(), lessons);
    for (const BundledLesson &lesson : bundledLessons()) {
        QAction *action = lessons->addAction(lesson.title);
        action->setToolTip(lesson.summary);
        const QString path = lesson.resourcePath;
        connect(action, &QAction::triggered, this, [this, path] { openLesson(path); });
    }
    lessons->addSeparator();
    lessons->addAction(m_lessonDock->toggleViewAction());
    help->addAction(tr("&Start page…"), this, &MainWindow::showStartPage);
}

void MainWindow::applySessionContents(const SessionDocument &document)
{
    m_model.resetState(document.state);
    m_model.undoStack()->clear();
    m_training->reset();
    if (document.landscapeRange)
        m_landscape->setRange(*document.landscapeRange);
    else
        m_landscape->resetRange();
    if (document.views)
        applyViewSettings(*this, *document.views);
    m_views->setHiddenNames(document.hiddenViews);
}

bool MainWindow::openLesson(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    QString error;
    std::optional<SessionDocument> document = readSessionFile(path, &error);
    if (document && !document->lesson)
        error = tr("%1 is a session without a lesson; open it with File > Open session.").arg(name);
    // Every step is checked before the session is replaced, so a broken lesson changes nothing.
    if (error.isEmpty())
        resolveLessonSteps(*document, &error);
    if (!error.isEmpty()) {
        qCWarning(lcUi) << "rejected lesson" << path << error;
        QMessageBox::warning(this, tr("Cannot open the lesson %1").arg(name),
                             tr("%1\n\nThe current session is unchanged.").arg(error));
        return false;
    }
    if (!resolveUnsavedChanges())
        return false;
    applySessionDocument(*document);
    if (m_sessionFiles)
        m_sessionFiles->forgetFile();
    statusBar()->showMessage(tr("Lesson: %1").arg(document->lesson->title), 10000);
    return true;
}

void MainWindow::showStartPage()
{
    if (!m_startPage) {
        m_startPage = new StartPage(this);
        connect(m_startPage, &StartPage::lessonChosen, this, &MainWindow::openLesson);
    }
    m_startPage->show();
    m_startPage->raise();
    m_startPage->activateWindow();
}

} // namespace losslens
