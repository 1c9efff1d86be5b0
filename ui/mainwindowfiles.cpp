// The main window's desktop side: session files, recent files, autosave and recovery, the
// window's layout, dropped files and exports. The views and panels are wired in mainwindow.cpp.

#include "mainwindow.h"

#include "autosave.h"
#include "csvexport.h"
#include "dataview.h"
#include "filedrop.h"
#include "landscapeview.h"
#include "losscurveview.h"
#include "recentfiles.h"
#include "trainingview.h"
#include "uilogging.h"
#include "viewregistry.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>

namespace losslens {

namespace {

const QString sessionSuffix = QStringLiteral("losslens");
const QString geometryKey = QStringLiteral("window/geometry");
const QString layoutKey = QStringLiteral("window/state");

UnsavedChangesChoice askAboutUnsavedChanges(QWidget *parent, const QString &name)
{
    QMessageBox box(QMessageBox::Warning, MainWindow::tr("Unsaved changes"),
                    MainWindow::tr("The session %1 has changes that are not saved.").arg(name),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, parent);
    box.setInformativeText(MainWindow::tr("Save them before the session closes?"));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save:
        return UnsavedChangesChoice::Save;
    case QMessageBox::Discard:
        return UnsavedChangesChoice::Discard;
    default:
        return UnsavedChangesChoice::Cancel;
    }
}

} // namespace

void MainWindow::createOpenActions(QMenu *file)
{
    QAction *open = file->addAction(tr("Open &session…"), this, &MainWindow::openSessionDialog);
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_recentMenu = file->addMenu(tr("Open &recent"));
    const auto fill = [this] {
        m_recentFiles->fillMenu(m_recentMenu, [this](const QString &path) { openFile(path); });
    };
    connect(m_recentFiles, &RecentFiles::changed, this, fill);
    fill();
}

void MainWindow::createSaveActions(QMenu *file)
{
    QAction *save = file->addAction(tr("&Save session"), this, &MainWindow::saveSession);
    save->setShortcut(QKeySequence::Save);
    QAction *saveAs = file->addAction(tr("Save session &as…"), this, &MainWindow::saveSessionAs);
    saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
}

void MainWindow::createExportActions(QMenu *file)
{
    QAction *view = file->addAction(tr("E&xport view…"), this, &MainWindow::exportViewDialog);
    view->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QMenu *csv = file->addMenu(tr("Export as &CSV"));
    csv->addAction(tr("&Loss curves…"), this, &MainWindow::exportLossCurvesCsv);
    csv->addAction(tr("L&andscape…"), this, &MainWindow::exportLandscapeCsv);
    csv->addAction(tr("&Trajectories…"), this, &MainWindow::exportTrajectoriesCsv);
}

void MainWindow::updateWindowTitle()
{
    // Qt shows "*" in place of [*] while the window is modified.
    setWindowTitle(tr("%1[*] — LossLens").arg(m_sessionFiles->displayName()));
    setWindowModified(m_sessionFiles->isModified());
}

void MainWindow::resetLayout()
{
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        dock->setFloating(false);
    restoreState(m_defaultLayout);
    // The saved layout shows every dock; the session's hidden views stay hidden.
    viewRegistry()->reapply();
}

void MainWindow::openFile(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        QMessageBox::warning(
            this, tr("Cannot open %1").arg(QFileInfo(path).fileName()),
            tr("%1 does not exist any more, so it leaves the recent files.").arg(path));
        m_recentFiles->remove(path);
        return;
    }
    if (QFileInfo(path).suffix().compare(sessionSuffix, Qt::CaseInsensitive) == 0)
        openSession(path);
    else
        importCsv(path);
}

void MainWindow::openSessionDialog()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open session"), m_lastDirectory,
                                     tr("LossLens sessions (*.losslens);;All files (*)"));
    if (!path.isEmpty())
        openSession(path);
}

bool MainWindow::openSession(const QString &path)
{
    if (!resolveUnsavedChanges())
        return false;
    m_lastDirectory = QFileInfo(path).absolutePath();
    QString error;
    if (!m_sessionFiles->open(path, &error)) {
        qCWarning(lcUi) << "rejected session" << path << error;
        QMessageBox::warning(this, tr("Cannot open %1").arg(QFileInfo(path).fileName()),
                             tr("%1\n\nThe current session is unchanged.").arg(error));
        return false;
    }
    m_recentFiles->add(path);
    statusBar()->showMessage(tr("Opened the session %1").arg(path), 10000);
    return true;
}

bool MainWindow::saveSession()
{
    if (m_sessionFiles->path().isEmpty())
        return saveSessionAs();
    return saveSessionTo(m_sessionFiles->path());
}

bool MainWindow::saveSessionAs()
{
    const QString folder = m_sessionFiles->path().isEmpty()
                               ? m_lastDirectory
                               : QFileInfo(m_sessionFiles->path()).absolutePath();
    const QString suggestion =
        QDir(folder).filePath(m_sessionFiles->displayName() + QLatin1Char('.') + sessionSuffix);
    QString path = QFileDialog::getSaveFileName(this, tr("Save session as"), suggestion,
                                                tr("LossLens sessions (*.losslens)"));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + sessionSuffix;
    return saveSessionTo(path);
}

bool MainWindow::saveSessionTo(const QString &path)
{
    QString error;
    if (!m_sessionFiles->save(path, &error)) {
        QMessageBox::warning(this, tr("Cannot save %1").arg(QFileInfo(path).fileName()), error);
        return false;
    }
    m_lastDirectory = QFileInfo(path).absolutePath();
    m_recentFiles->add(path);
    statusBar()->showMessage(tr("Saved the session to %1").arg(path), 10000);
    return true;
}

bool MainWindow::recoverSession(const QString &autosavePath)
{
    QString error;
    if (!m_sessionFiles->recover(autosavePath, &error)) {
        QMessageBox::warning(this, tr("Cannot recover the session"),
                             tr("%1\n\nThe current session is unchanged.").arg(error));
        return false;
    }
    statusBar()->showMessage(tr("Recovered an unsaved session; save it to keep it."), 10000);
    return true;
}

bool MainWindow::resolveUnsavedChanges()
{
    if (!m_sessionFiles->isModified())
        return true;
    const QString name = m_sessionFiles->displayName();
    const UnsavedChangesChoice choice =
        m_unsavedChangesPrompt ? m_unsavedChangesPrompt(name) : askAboutUnsavedChanges(this, name);
    switch (choice) {
    case UnsavedChangesChoice::Save:
        return saveSession();
    case UnsavedChangesChoice::Discard:
        return true;
    case UnsavedChangesChoice::Cancel:
        break;
    }
    return false;
}

void MainWindow::setUnsavedChangesPrompt(
    std::function<UnsavedChangesChoice(const QString &name)> prompt)
{
    m_unsavedChangesPrompt = std::move(prompt);
}

void MainWindow::enableAutosave(const QString &folder)
{
    m_sessionFiles->enableAutosave(folder);
}

bool MainWindow::offerRecovery(const QString &folder)
{
    const QStringList files = Autosave::recoverableFiles(folder);
    if (files.isEmpty())
        return false;
    const QDateTime time = QFileInfo(files.first()).lastModified();
    QMessageBox box(QMessageBox::Question, tr("Recover unsaved work"),
                    tr("LossLens did not close normally. It autosaved a session at %1.")
                        .arg(QLocale().toString(time, QLocale::LongFormat)),
                    QMessageBox::NoButton, this);
    if (files.size() == 1) {
        box.setInformativeText(tr("Recover opens it as an unsaved session. Discard deletes it."));
    } else if (files.size() == 2) {
        box.setInformativeText(tr("Recover opens it as an unsaved session and keeps 1 older copy "
                                  "for the next start. Discard deletes both."));
    } else {
        box.setInformativeText(tr("Recover opens it as an unsaved session and keeps %1 older "
                                  "copies for the next start. Discard deletes all %2.")
                                   .arg(files.size() - 1)
                                   .arg(files.size()));
    }
    QPushButton *recover = box.addButton(tr("Recover"), QMessageBox::AcceptRole);
    box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box.setDefaultButton(recover);
    box.exec();
    if (box.clickedButton() == recover)
        return recoverSession(files.first());
    for (const QString &file : files) {
        if (!QFile::remove(file))
            qCWarning(lcUi) << "cannot remove the autosave file" << file;
    }
    return false;
}

void MainWindow::restoreLayout()
{
    const QSettings settings;
    restoreGeometry(settings.value(geometryKey).toByteArray());
    restoreState(settings.value(layoutKey).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!resolveUnsavedChanges()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(geometryKey, saveGeometry());
    settings.setValue(layoutKey, saveState());
    m_sessionFiles->markClosed();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedFiles(event->mimeData()).empty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const std::vector<DroppedFile> files = droppedFiles(event->mimeData());
    if (files.empty())
        return;
    event->acceptProposedAction();
    // A session or a data set replaces the current one, so only the first file opens.
    if (files.size() > 1)
        statusBar()->showMessage(
            tr("Opened only %1 of the %2 dropped files.").arg(files.front().path).arg(files.size()),
            10000);
    const DroppedFile file = files.front();
    // The import dialog is modal, so it opens after the drop has finished.
    QMetaObject::invokeMethod(
        this,
        [this, file] {
            if (file.kind == DroppedFileKind::Session)
                openSession(file.path);
            else
                importCsv(file.path);
        },
        Qt::QueuedConnection);
}

QWidget *MainWindow::exportSource(ExportedView view)
{
    switch (view) {
    case ExportedView::Landscape:
        return m_landscape->plot();
    case ExportedView::Data:
        return m_dataView->plot();
    case ExportedView::LossCurves:
        return m_lossCurves->plot();
    case ExportedView::Training:
        return m_trainingView->plot();
    case ExportedView::Window:
        break;
    }
    return this;
}

bool MainWindow::exportViewTo(const ViewExportRequest &request, QString *error)
{
    return exportView(exportSource(request.view), request.settings, error);
}

void MainWindow::exportViewDialog()
{
    ViewExportDialog dialog(
        m_viewExportRequest, [this](ExportedView view) { return exportSource(view)->size(); },
        this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_viewExportRequest = dialog.request();
    QString error;
    if (!exportViewTo(m_viewExportRequest, &error)) {
        QMessageBox::warning(this, tr("Cannot export the view"), error);
        return;
    }
    statusBar()->showMessage(tr("Exported to %1").arg(m_viewExportRequest.settings.path), 10000);
}

QString MainWindow::askExportPath(const QString &title, const QString &name, const QString &filter)
{
    const QString path =
        QFileDialog::getSaveFileName(this, title, QDir(m_lastDirectory).filePath(name), filter);
    if (!path.isEmpty())
        m_lastDirectory = QFileInfo(path).absolutePath();
    return path;
}

void MainWindow::exportLossCurvesCsv()
{
    const QString path = askExportPath(tr("Export loss curves as CSV"),
                                       QStringLiteral("loss-curves.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    CurveSampling sampling;
    const QCPRange range = m_lossCurves->plot()->xAxis->range();
    sampling.lower = range.lower;
    sampling.upper = range.upper;
    // The classifier axis box lists the logit for label 1, for label 0, then the margin, which
    // is the logit of a label-1 point.
    sampling.binaryLabel = m_lossCurves->classifierAxisBox()->currentIndex() == 1 ? 0.0 : 1.0;
    sampling.trueClass = m_lossCurves->trueClassBox()->value();
    QString error;
    if (!writeTextFile(path, lossCurvesCsv(m_model, sampling), &error)) {
        QMessageBox::warning(this, tr("Cannot export the loss curves"), error);
        return;
    }
    statusBar()->showMessage(tr("Wrote the loss curves to %1").arg(path), 10000);
}

void MainWindow::exportLandscapeCsv()
{
    const QString path = askExportPath(tr("Export the landscape as CSV"),
                                       QStringLiteral("landscape.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    QString error;
    const std::optional<QByteArray> text =
        landscapeCsv(m_model, m_landscape->range(), LandscapeView::resolution, &error);
    QApplication::restoreOverrideCursor();
    if (!text || !writeTextFile(path, *text, &error)) {
        QMessageBox::warning(this, tr("Cannot export the landscape"), error);
        return;
    }
    statusBar()->showMessage(tr("Wrote the landscape to %1").arg(path), 10000);
}

void MainWindow::exportTrajectoriesCsv()
{
    const QString path = askExportPath(tr("Export the trajectories as CSV"),
                                       QStringLiteral("trajectories.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!writeTextFile(path, trajectoriesCsv(m_model, *m_training), &error)) {
        QMessageBox::warning(this, tr("Cannot export the trajectories"), error);
        return;
    }
    statusBar()->showMessage(tr("Wrote the trajectories to %1").arg(path), 10000);
}

} // namespace losslens
