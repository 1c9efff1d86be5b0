#include "mainwindow.h"

#include "controlpanel.h"
#include "csvimportdialog.h"
#include "dataview.h"
#include "defaultdata.h"
#include "landscapeview.h"
#include "lessonpanel.h"
#include "losscurveview.h"
#include "playbackbar.h"
#include "recentfiles.h"
#include "slicewindow.h"
#include "workbenchwindow.h"
#include "syntheticdialog.h"
#include "trainingview.h"
#include "uilogging.h"
#include "viewregistry.h"

#include "core/csvreader.h"
#include "core/linearmodelinput.h"
#include "core/csvwriter.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeyEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QUndoStack>

namespace losslens {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    auto defaultData = std::make_shared<const Dataset>(loadDefaultDataset());
    const ExampleDataset &defaultExample = exampleDatasets().front();
    rememberCsvOrigin(defaultData, defaultExample.resourcePath, defaultExample.targetColumn);
    m_model.resetState(defaultSessionState(std::move(defaultData)));
    m_training = new TrainingController(&m_model, this);
    m_sessionFiles = new SessionFiles(
        m_model.undoStack(), [this] { return sessionDocument(); },
        [this](const SessionDocument &document) { applySessionDocument(document); }, this);
    m_recentFiles = new RecentFiles(QStringLiteral("recentFiles"), this);

    m_lossCurves = new LossCurveView(&m_model, m_training, this);
    m_dataView = new DataView(&m_model, m_training, this);
    m_landscape = new LandscapeView(&m_model, m_training, this);
    m_trainingView = new TrainingView(&m_model, m_training, this);

    auto *top = new QSplitter(Qt::Horizontal);
    top->addWidget(m_lossCurves);
    top->addWidget(m_dataView);
    auto *bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(m_landscape);
    bottom->addWidget(m_trainingView);
    auto *grid = new QSplitter(Qt::Vertical);
    grid->addWidget(top);
    grid->addWidget(bottom);
    for (QSplitter *splitter : {top, bottom, grid}) {
        splitter->setChildrenCollapsible(false);
        splitter->setSizes({1000, 1000});
    }
    setCentralWidget(grid);

    m_controls = new ControlPanel(&m_model, this);
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_controls);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *dock = new QDockWidget(tr("Controls"), this);
    dock->setObjectName(QStringLiteral("controlsDock"));
    dock->setWidget(scroll);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                      QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    m_controls->setMinimumWidth(260);

    m_playback = new PlaybackBar(&m_model, m_training, this);
    addToolBar(Qt::BottomToolBarArea, m_playback);

    m_statusLabel = new QLabel(this);
    m_frameLabel = new QLabel(this);
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_frameLabel);

    createLessonDock();
    createMenus();

    connect(m_controls, &ControlPanel::openRequested, this, &MainWindow::openCsv);
    connect(&m_model, &SessionModel::changed, m_sessionFiles, &SessionFiles::markChanged);
    connect(m_sessionFiles, &SessionFiles::statusChanged, this, &MainWindow::updateWindowTitle);
    setAcceptDrops(true);
    connect(m_landscape, &LandscapeView::hoverText, m_statusLabel, &QLabel::setText);
    connect(m_lossCurves, &LossCurveView::hoverText, m_statusLabel, &QLabel::setText);
    connect(m_dataView, &DataView::hoverText, m_statusLabel, &QLabel::setText);
    connect(m_dataView, &DataView::editMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10000); });
    connect(m_landscape, &LandscapeView::computingChanged, this, [this](bool computing) {
        m_statusLabel->setText(computing ? tr("Computing the landscape…") : QString());
    });
    connect(m_training, &TrainingController::stopped, m_statusLabel, &QLabel::setText);
    // While the animation plays, its frame rate and the time training takes in each frame. A
    // single step or a reset has no rate to show.
    connect(m_training, &TrainingController::advanced, this, [this] {
        const double rate = m_training->framesPerSecond();
        if (!(rate > 0.0)) {
            m_frameLabel->clear();
            return;
        }
        const double milliseconds = m_training->lastStepMilliseconds();
        const QString training =
            milliseconds < 1.0
                ? tr("training takes %1 µs of each").arg(milliseconds * 1000.0, 0, 'f', 0)
                : tr("training takes %1 ms of each").arg(milliseconds, 0, 'f', 1);
        m_frameLabel->setText(tr("%1 frames/s, %2").arg(rate, 0, 'f', 0).arg(training));
    });
    connect(m_training, &TrainingController::playingChanged, this, [this](bool playing) {
        if (!playing)
            m_frameLabel->clear();
    });

    // Start with the keyboard on the landscape, so Space plays instead of toggling a list item.
    m_landscape->plot()->setFocus();
    // 1500 x 960, or less on a smaller screen.
    QSize size(1500, 960);
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() * 0.95);
    resize(size);
    m_defaultLayout = saveState();
    updateWindowTitle();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open CSV…"), this, &MainWindow::openCsv);
    open->setShortcut(QKeySequence::Open);
    createOpenActions(file);
    QMenu *examples = file->addMenu(tr("Open e&xample data"));
    for (int i = 0; i < static_cast<int>(exampleDatasets().size()); ++i)
        examples->addAction(exampleDatasets()[i].title, this, [this, i] { openExampleData(i); });
    QAction *synthetic =
        file->addAction(tr("&New synthetic data…"), this, &MainWindow::newSyntheticData);
    synthetic->setShortcut(QKeySequence::New);
    file->addSeparator();
    createSaveActions(file);
    QAction *saveData = file->addAction(tr("Save &data as…"), this, &MainWindow::saveDataAs);
    saveData->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
    file->addSeparator();
    createExportActions(file);
    QAction *animation =
        file->addAction(tr("&Export animation…"), this, &MainWindow::exportAnimation);
    animation->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_model.undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_model.undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    // keyPressEvent handles the single keys, so text boxes keep them. The shortcuts set here
    // only label the menu items, because a WidgetShortcut on a menu action never fires while
    // the menu is closed.
    const std::pair<QAction *, QKeySequence> runActions[] = {
        {m_playback->playAction(), QKeySequence(Qt::Key_Space)},
        {m_playback->stepAction(), QKeySequence(Qt::Key_Right)},
        {m_playback->resetAction(), QKeySequence(Qt::Key_R)}};
    for (const auto &[action, key] : runActions) {
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetShortcut);
        run->addAction(action);
    }

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *fit =
        view->addAction(tr("&Fit landscape view"), m_landscape, &LandscapeView::resetRange);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    QAction *slices = view->addAction(tr("&Model slices…"), this, &MainWindow::showModelSlices);
    slices->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    QAction *workbench = view->addAction(tr("&Robustness workbench…"), this,
                                         &MainWindow::showRobustnessWorkbench);
    workbench->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    // View > Show (the view registry) hides and shows the docks; this restores their places.
    view->addAction(tr("Reset the &layout"), this, &MainWindow::resetLayout);
    createAppearance(view);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About LossLens"), this, &MainWindow::showAbout);
    createLessonMenus(view, help);
}

void MainWindow::keyPressEvent(QKeyEvent *event)
{
    // Single-key controls reach the window only when the focused widget (a text box, a slider,
    // a list) did not take the key itself, so typing is never hijacked.
    if (handleAppearanceKey(event))
        return;
    if (event->modifiers() == Qt::NoModifier) {
        switch (event->key()) {
        case Qt::Key_Space:
            m_training->togglePlay();
            return;
        case Qt::Key_Right:
            m_training->stepOnce();
            return;
        case Qt::Key_R:
            m_training->reset();
            return;
        default:
            break;
        }
    }
    QMainWindow::keyPressEvent(event);
}

SessionDocument MainWindow::sessionDocument() const
{
    SessionDocument document;
    document.state = m_model.state();
    document.landscapeRange = m_landscape->range();
    document.views = currentViewSettings(*this);
    document.hiddenViews = m_views->hiddenNames();
    return document;
}

void MainWindow::applySessionDocument(const SessionDocument &document)
{
    applySessionContents(document);
    // A lesson's panel applies its first step; any other session ends an open lesson.
    QString error;
    if (document.lesson && m_lessonPanel->open(document, &error)) {
        m_lessonDock->show();
        return;
    }
    if (document.lesson) {
        qCWarning(lcUi) << "lesson not opened:" << error;
        statusBar()->showMessage(error, 15000);
    }
    m_lessonPanel->close();
    m_lessonDock->hide();
}

bool MainWindow::loadCsv(const QString &path, const QString &featureColumn,
                         const QString &targetColumn, QString *error)
{
    CsvError csvError;
    auto data = loadCsvDataset(path, featureColumn, targetColumn, &csvError);
    if (!data) {
        *error = csvError.message;
        return false;
    }
    setDataFromCsvFile(std::make_shared<Dataset>(std::move(*data)), path, targetColumn,
                       tr("Open %1").arg(QFileInfo(path).fileName()));
    return true;
}

void MainWindow::setDataFromCsvFile(std::shared_ptr<const Dataset> data, const QString &path,
                                    const QString &targetColumn, const QString &undoText)
{
    rememberCsvOrigin(data, path, targetColumn);
    m_model.setData(std::move(data), undoText);
}

void MainWindow::rememberCsvOrigin(std::shared_ptr<const Dataset> data, const QString &path,
                                   const QString &targetColumn, std::optional<CsvDialect> dialect)
{
    if (!dialect) {
        // The start of the file is enough for detection, cut after a line end as it expects.
        dialect = CsvDialect();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            QByteArray sample = file.read(64 * 1024);
            if (!file.atEnd() && sample.lastIndexOf('\n') >= 0)
                sample.truncate(sample.lastIndexOf('\n') + 1);
            dialect = detectCsvDialect(sample);
        }
    }
    constexpr std::size_t originLimit = 32;
    if (m_csvOrigins.size() >= originLimit)
        m_csvOrigins.erase(m_csvOrigins.begin());
    m_csvOrigins.push_back({std::move(data), path, *dialect, targetColumn});
}

const MainWindow::CsvOrigin *MainWindow::csvOriginOf(const Dataset &data) const
{
    for (auto origin = m_csvOrigins.rbegin(); origin != m_csvOrigins.rend(); ++origin) {
        if (origin->data.get() == &data)
            return &*origin;
    }
    return nullptr;
}

void MainWindow::openCsv()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open CSV data"), m_lastDirectory,
                                     tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (path.isEmpty())
        return;
    importCsv(path);
}

void MainWindow::importCsv(const QString &path)
{
    m_lastDirectory = QFileInfo(path).absolutePath();
    const QString name = QFileInfo(path).fileName();
    CsvError error;
    std::optional<CsvPreview> preview = readCsvPreview(path, &error);
    if (!preview) {
        QMessageBox::warning(this, tr("Cannot open %1").arg(name),
                             tr("%1\n\nThe current data is unchanged.").arg(error.message));
        return;
    }
    const QString previewEncodingNote = preview->encodingNote;
    CsvImportDialog dialog(std::move(*preview), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_recentFiles->add(path);
    QString details =
        dialog.skippedRowCount() > 0
            ? tr(", skipped %1 rows with invalid cells").arg(dialog.skippedRowCount())
            : QString();
    // A byte that is not UTF-8 beyond the preview's part of the file changes how the rest was
    // read, which the dialog could not show, so the status bar shows it.
    const QString encodingNote = dialog.columns() ? dialog.columns()->encodingNote : QString();
    int messageMilliseconds = 10000;
    if (!encodingNote.isEmpty() && encodingNote != previewEncodingNote) {
        details += QStringLiteral(". ") + encodingNote;
        messageMilliseconds = 30000;
    }
    if (dialog.dataset()) {
        rememberCsvOrigin(dialog.dataset(), path, dialog.targetColumn(), dialog.dialect());
        m_model.setData(dialog.dataset(), tr("Open %1").arg(name));
        statusBar()->showMessage(
            tr("Loaded %1 rows from %2%3").arg(m_model.data().size()).arg(path, details),
            messageMilliseconds);
        return;
    }
    // Several x columns: the main window fits one feature, the model slices window several.
    showModelSlices();
    // Opened for the slices window on purpose, so it shows the file even if the user had
    // opened another there.
    m_sliceWindow->offerMainWindowTable(tableFromCsvColumns(*dialog.columns()), path,
                                        dialog.targetColumn());
    m_sliceWindow->useMainWindowData();
    statusBar()->showMessage(tr("Opened %1 rows of %2 in Model slices%3")
                                 .arg(dialog.multiFeatureData()->size())
                                 .arg(path, details),
                             messageMilliseconds);
}

void MainWindow::newSyntheticData()
{
    SyntheticDialog dialog(m_syntheticSettings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_syntheticSettings = dialog.settings();
    m_model.setData(std::make_shared<Dataset>(generateSyntheticData(m_syntheticSettings)),
                    tr("New synthetic data"));
}

void MainWindow::openExampleData(int index)
{
    if (index < 0 || index >= static_cast<int>(exampleDatasets().size())) {
        qCWarning(lcUi) << "no example data set number" << index;
        return;
    }
    const ExampleDataset &example = exampleDatasets()[index];
    CsvError error;
    auto data = loadExampleDataset(example, &error);
    if (!data) {
        qCWarning(lcUi) << "bundled data rejected:" << example.resourcePath << error.message;
        QMessageBox::warning(this, tr("Cannot open %1").arg(example.title),
                             tr("%1\n\nThe current data is unchanged.").arg(error.message));
        return;
    }
    auto shared = std::make_shared<const Dataset>(std::move(*data));
    rememberCsvOrigin(shared, example.resourcePath, example.targetColumn);
    m_model.setData(std::move(shared), tr("Open example %1").arg(example.title));
    m_statusLabel->setText(
        tr("Loaded %1 rows: %2").arg(m_model.data().size()).arg(example.title));
}

void MainWindow::saveDataAs()
{
    const Dataset &data = m_model.data();
    // A file of the same name in the last folder, bundled and synthetic data included.
    QString name = QFileInfo(data.source).completeBaseName();
    if (name.isEmpty())
        name = QStringLiteral("data");
    const QString suggestion = QDir(m_lastDirectory).filePath(name + QStringLiteral(".csv"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save data as CSV"), suggestion,
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    m_lastDirectory = QFileInfo(path).absolutePath();
    QString error;
    if (!writeCsvFile(data, path, &error)) {
        QMessageBox::warning(this, tr("Cannot save the data"), error);
        return;
    }
    m_statusLabel->setText(tr("Saved %1 rows to %2").arg(data.size()).arg(path));
}

void MainWindow::showModelSlices()
{
    if (!m_sliceWindow) {
        const QString spec = m_model.lossEntry(m_model.state().currentLoss).loss->spec();
        m_sliceWindow = new SliceWindow(spec, this);
        m_sliceOfferedData = nullptr;
        offerDataToSlices();
        connect(&m_model, &SessionModel::changed, m_sliceWindow,
                [this](SessionModel::Changes changes) {
                    if (changes & SessionModel::DataChanged)
                        offerDataToSlices();
                });
    }
    m_sliceWindow->show();
    m_sliceWindow->raise();
    m_sliceWindow->activateWindow();
}

void MainWindow::offerDataToSlices()
{
    if (!m_sliceWindow || m_sliceOfferedData == &m_model.data())
        return;
    m_sliceOfferedData = &m_model.data();
    const CsvOrigin *origin = csvOriginOf(m_model.data());
    if (!origin) {
        // Edited or synthetic data has no file behind it, so the window keeps its data and its
        // status line tells the user.
        m_sliceWindow->offerMainWindowTable(std::nullopt, QString(), QString());
        return;
    }
    // The whole file with the dialect chosen on import, of which the line uses two columns. The
    // window reads it on Qt's thread pool, and a later offer supersedes the read.
    m_sliceWindow->offerMainWindowFile(
        {origin->path, origin->dialect, origin->targetColumn, origin->data});
}

void MainWindow::showRobustnessWorkbench()
{
    if (!m_workbenchWindow)
        m_workbenchWindow = new WorkbenchWindow(&m_model, this);
    m_workbenchWindow->show();
    m_workbenchWindow->raise();
    m_workbenchWindow->activateWindow();
}

QWidget *MainWindow::animationSource(AnimationSource source)
{
    switch (source) {
    case AnimationSource::Landscape:
        return m_landscape;
    case AnimationSource::Data:
        return m_dataView;
    case AnimationSource::Training:
        return m_trainingView;
    case AnimationSource::Window:
        break;
    }
    return this;
}

TrainingRecording MainWindow::recordAnimation(const AnimationExportRequest &request)
{
    const AnimationExportSettings &settings = request.settings;
    const TrainingRecording outcome = recordTraining(
        m_training, m_landscape, animationSource(request.source), settings, this);
    const QString frames = outcome.framesWritten == 1
                               ? tr("1 frame")
                               : tr("%1 frames").arg(outcome.framesWritten);
    if (outcome.written && outcome.runsStopped)
        m_statusLabel->setText(tr("Wrote %1 to %2; every run had stopped at step %3.")
                                   .arg(frames, settings.path)
                                   .arg(m_training->iteration()));
    else if (outcome.written)
        m_statusLabel->setText(tr("Wrote %1 to %2.").arg(frames, settings.path));
    else if (outcome.cancelled && settings.format == AnimationExportSettings::Format::Gif)
        m_statusLabel->setText(
            tr("Export cancelled after %1; %2 was not written.").arg(frames, settings.path));
    else if (outcome.cancelled)
        m_statusLabel->setText(tr("Export cancelled after %1, which are in %2.")
                                   .arg(frames, settings.path));
    return outcome;
}

void MainWindow::exportAnimation()
{
    // The default output size is the recorded widget's size in device pixels, as grab() gives it.
    AnimationExportDialog dialog(
        m_animationRequest,
        [this](AnimationSource source) {
            QWidget *widget = animationSource(source);
            return widget->size() * widget->devicePixelRatioF();
        },
        this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_animationRequest = dialog.request();
    const TrainingRecording outcome = recordAnimation(m_animationRequest);
    if (!outcome.written && !outcome.cancelled)
        QMessageBox::warning(this, tr("Cannot export the animation"), outcome.error);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About LossLens"),
        tr("<p><b>LossLens</b> %1</p><p>See loss functions: their curves and derivatives, the "
           "landscape of the mean loss over a line's slope and intercept, and gradient descent "
           "moving across it.</p><p>Bundled data: Brownlee's stack loss (1965), public "
           "domain.</p>")
            .arg(QApplication::applicationVersion()));
}

} // namespace losslens
