#include "slicewindow.h"

#include "lossinfo.h"
#include "slicecontrols.h"
#include "sliceexport.h"
#include "sliceheatmap.h"
#include "sliceprofileview.h"
#include "uilogging.h"

#include "core/csvcolumns.h"
#include "core/linearmodelinput.h"

#include <QAction>
#include <QFileDialog>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QImageWriter>
#include <QKeyEvent>
#include <QMessageBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

// Registers the bundled data with Qt's resource system. The resources live in the static ui
// library, so they are not registered before this runs. Registering twice is harmless,
// because Qt skips a resource tree it already has.
static void initializeBundledResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace losslens {

namespace {

const QString bundledDataPath = QStringLiteral(":/data/stackloss.csv");
const QString bundledTarget = QStringLiteral("STACKLOSS");

// The status line while the main window's file is read.
QString readingStatus(const QString &path)
{
    return SliceWindow::tr("Reading %1…").arg(QFileInfo(path).fileName());
}

} // namespace

SliceWindow::SliceWindow(const QString &lossSpec, QWidget *parent)
    : QWidget(parent, Qt::Window), m_controls(new SliceControls(lossSpec, this)),
      m_heatMap(new SliceHeatMap(this)), m_profile(new SliceProfileView(this)),
      m_message(new QLabel(this)), m_busyIndicator(new QProgressBar(this)),
      m_status(new QLabel(this)), m_cancelButton(new QPushButton(tr("Cancel"), this)),
      m_note(new QLabel(this)), m_saveCsv(new QPushButton(tr("Save slice as CSV…"), this)),
      m_saveImage(new QPushButton(tr("Save image…"), this)),
      m_mainWindowData(new QPushButton(tr("Use the main window's data"), this))
{
    setWindowTitle(tr("LossLens — Model slices"));

    // QKeySequence::Close lists Ctrl+W (and Ctrl+F4) on Linux; Ctrl+W is added where a
    // platform leaves it out.
    auto *closeAction = new QAction(tr("Close"), this);
    QList<QKeySequence> closeKeys = QKeySequence::keyBindings(QKeySequence::Close);
    const QKeySequence controlW(Qt::CTRL | Qt::Key_W);
    if (!closeKeys.contains(controlW))
        closeKeys << controlW;
    closeAction->setShortcuts(closeKeys);
    closeAction->setShortcutContext(Qt::WindowShortcut);
    connect(closeAction, &QAction::triggered, this, &QWidget::close);
    addAction(closeAction);
    auto *saveCsvAction = new QAction(tr("Save slice as CSV…"), this);
    saveCsvAction->setShortcut(QKeySequence::Save);
    saveCsvAction->setShortcutContext(Qt::WindowShortcut);
    connect(saveCsvAction, &QAction::triggered, this, &SliceWindow::saveSliceCsvAs);
    addAction(saveCsvAction);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_controls);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(m_controls->sizeHint().width() + 20);

    m_message->setObjectName(QStringLiteral("sliceMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    m_message->setVisible(false);
    // A note on the result, such as separated classes, which is no error of the input.
    m_note->setObjectName(QStringLiteral("sliceNote"));
    m_note->setWordWrap(true);
    m_note->setStyleSheet(QStringLiteral("color: #8a5300"));
    m_note->setVisible(false);
    m_mainWindowData->setObjectName(QStringLiteral("sliceMainWindowData"));
    m_mainWindowData->setToolTip(
        tr("Show the table that the main window opened with File > Open CSV, its numeric "
           "columns with the main window's target, and follow the main window's files again."));
    m_mainWindowData->setVisible(false);
    auto *plots = new QSplitter(Qt::Vertical, this);
    m_plots = plots;
    plots->addWidget(m_heatMap);
    plots->addWidget(m_profile);
    plots->setChildrenCollapsible(false);
    plots->setSizes({640, 300});

    // The busy row keeps its height while idle, so the plots do not move when a zoom starts a
    // computation.
    m_busyIndicator->setObjectName(QStringLiteral("sliceBusyIndicator"));
    m_busyIndicator->setRange(0, 0);
    m_busyIndicator->setMaximumWidth(120);
    m_busyIndicator->setTextVisible(false);
    m_busyIndicator->setToolTip(tr("Rows of the slice's grid computed: the quick coarse grid, "
                                   "then the full one. The bar moves to and fro while the "
                                   "model trains."));
    QSizePolicy keptSize = m_busyIndicator->sizePolicy();
    keptSize.setRetainSizeWhenHidden(true);
    m_busyIndicator->setSizePolicy(keptSize);
    m_busyIndicator->setVisible(false);
    m_status->setObjectName(QStringLiteral("sliceStatus"));
    m_cancelButton->setObjectName(QStringLiteral("sliceCancel"));
    m_cancelButton->setToolTip(
        tr("Stop computing the slice (Esc); the plots keep the last slice. When nothing is "
           "being computed, Esc closes the window."));
    m_cancelButton->setEnabled(false);
    auto *busyRow = new QHBoxLayout;
    busyRow->addWidget(m_busyIndicator);
    busyRow->addWidget(m_status, 1);
    busyRow->addWidget(m_cancelButton);
    m_saveCsv->setObjectName(QStringLiteral("sliceSaveCsv"));
    m_saveCsv->setToolTip(tr("Save the slice's grid as CSV columns alpha, beta and loss, with "
                             "the plane's origin and directions in comment lines (Ctrl+S)."));
    m_saveImage->setObjectName(QStringLiteral("sliceSaveImage"));
    m_saveImage->setToolTip(tr("Save the heat map and the profile as a PNG image."));
    m_saveCsv->setEnabled(false);
    m_saveImage->setEnabled(false);
    busyRow->addWidget(m_saveCsv);
    busyRow->addWidget(m_saveImage);

    auto *messageRow = new QHBoxLayout;
    messageRow->addWidget(m_message, 1);
    // Aligned, the button keeps its own width when no message shares the row.
    messageRow->addWidget(m_mainWindowData, 0, Qt::AlignTop | Qt::AlignRight);

    auto *right = new QVBoxLayout;
    right->addLayout(messageRow);
    right->addWidget(m_note);
    right->addWidget(plots, 1);
    right->addLayout(busyRow);

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(scroll);
    layout->addLayout(right, 1);

    connect(m_controls, &SliceControls::changed, this, &SliceWindow::recompute);
    connect(m_controls, &SliceControls::openRequested, this, &SliceWindow::openCsv);
    connect(&m_job, &SliceJob::resultReady, this, &SliceWindow::showResult);
    connect(&m_job, &SliceJob::busyChanged, this, &SliceWindow::showBusy);
    connect(&m_job, &SliceJob::progressChanged, this, &SliceWindow::showProgress);
    connect(m_saveCsv, &QPushButton::clicked, this, &SliceWindow::saveSliceCsvAs);
    connect(m_saveImage, &QPushButton::clicked, this, &SliceWindow::saveImageAs);
    connect(m_mainWindowData, &QPushButton::clicked, this, &SliceWindow::useMainWindowData);
    connect(m_cancelButton, &QPushButton::clicked, this, &SliceWindow::cancelComputation);
    connect(m_heatMap, &SliceHeatMap::viewRangeChanged, this,
            [this](const SliceRange &range) { requestRange(range); });
    connect(m_heatMap, &SliceHeatMap::fitViewRequested, this,
            [this] { requestRange(std::nullopt); });

    // 1250 x 920, or less on a smaller screen.
    QSize size(1250, 920);
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() * 0.95);
    resize(size);

    loadBundledData();
}

SliceWindow::~SliceWindow()
{
    // The worker has its own copies and the flag, so it may finish after the window is gone.
    if (m_mainWindowReadCancelled)
        *m_mainWindowReadCancelled = true;
}

QString SliceWindow::message() const
{
    return m_message->text();
}

QString SliceWindow::status() const
{
    return m_status->text();
}

void SliceWindow::showBusy(bool busy)
{
    // Training comes first and its length is not known, so the bar moves to and fro until the
    // first row of the grid is done.
    if (busy)
        m_busyIndicator->setRange(0, 0);
    m_busyIndicator->setVisible(busy);
    m_cancelButton->setEnabled(busy);
    // cancelComputation() puts its note here after the job reports that it is idle.
    if (busy)
        m_status->setText(tr("Computing the slice…"));
    else
        showIdleStatus();
}

void SliceWindow::showIdleStatus()
{
    if (m_ownRead)
        m_status->setText(readingStatus(m_ownReadPath));
    else if (m_mainWindowRead)
        m_status->setText(readingStatus(m_mainWindowReadPath));
    else
        m_status->clear();
}

void SliceWindow::showProgress(int rowsDone, int rowCount)
{
    if (rowCount <= 0)
        return;
    m_busyIndicator->setRange(0, rowCount);
    m_busyIndicator->setValue(std::clamp(rowsDone, 0, rowCount));
}

void SliceWindow::cancelComputation()
{
    if (!m_job.isBusy())
        return;
    m_job.cancel();
    qCInfo(lcUi) << "slice computation cancelled";
    m_status->setText(m_result ? tr("Stopped: the plots show the previous slice, not the "
                                    "current settings. Change a setting to compute again.")
                               : tr("Stopped before the first slice. Change a setting to "
                                    "compute again."));
    if (!m_result)
        m_heatMap->setSummary(tr("Stopped."));
    else
        m_heatMap->markRefinementStopped();
}

void SliceWindow::keyPressEvent(QKeyEvent *event)
{
    // Esc reaches the window when the focused control does not use it: it stops a computation
    // in flight, as Cancel does, and otherwise closes the window.
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier) {
        if (m_job.isBusy())
            cancelComputation();
        else
            close();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void SliceWindow::hideEvent(QHideEvent *event)
{
    // Closing or hiding the window stops the work, whose results would not be shown. A
    // spontaneous hide, such as minimizing, leaves it running.
    if (!event->spontaneous() && m_job.isBusy()) {
        m_job.cancel();
        m_resumeOnShow = true;
        qCInfo(lcUi) << "slice computation stopped as the window was hidden";
    }
    QWidget::hideEvent(event);
}

void SliceWindow::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_resumeOnShow && m_requestedObjective) {
        m_resumeOnShow = false;
        requestSlice(m_requestedObjective, m_requestedSettings);
    }
}

void SliceWindow::showMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    // A new problem replaces the note of a stopped computation. Its message states what the
    // plots show.
    if (!message.isEmpty() && !m_job.isBusy())
        m_status->clear();
    // The note describes the shown result's data, which a problem with new input leaves behind.
    updateNote();
}

void SliceWindow::loadBundledData()
{
    initializeBundledResources();
    CsvError error;
    std::optional<CsvTable> table = readCsvFile(bundledDataPath, &error);
    if (!table) {
        // Only a broken build loses the resource, and the window stays open with the reason.
        qCWarning(lcUi) << "cannot read the bundled data" << bundledDataPath << error.message;
        showMessage(error.message);
        return;
    }
    m_table = std::move(table);
    m_source = bundledDataPath;
    m_data.reset();
    m_controls->setColumns(m_table->header, bundledTarget);
    m_controls->setDataDescription(
        tr("Bundled stack loss data (Brownlee 1965), %1 rows").arg(m_table->rows.size()));
    recompute();
}

bool SliceWindow::openCsvFile(const QString &path)
{
    cancelOwnRead();
    // A file chosen here stays until the user opens another or chooses the main window's data.
    m_followMainWindow = false;
    m_mainWindowData->setVisible(m_mainWindowTable.has_value());
    CsvError error;
    std::optional<CsvTable> table = readCsvFile(path, &error);
    if (!table) {
        qCWarning(lcUi) << "slice window rejected" << path << error.message;
        showMessage(m_result ? tr("%1 The plots still show the previous data.").arg(error.message)
                             : error.message);
        return false;
    }
    openTable(std::move(*table), path, m_controls->targetColumn());
    return message().isEmpty();
}

void SliceWindow::openTable(CsvTable table, const QString &source, const QString &targetColumn)
{
    m_table = std::move(table);
    m_source = source;
    m_data.reset();
    m_controls->setColumns(m_table->header, targetColumn);
    m_controls->setDataDescription(
        tr("%1, %2 rows").arg(QFileInfo(source).fileName()).arg(m_table->rows.size()));
    qCInfo(lcUi) << "slice window opened" << source << m_table->rows.size() << "rows";
    recompute();
}

void SliceWindow::offerMainWindowTable(std::optional<CsvTable> table, const QString &source,
                                       const QString &targetColumn)
{
    // The newest offer wins over a file still being read.
    cancelMainWindowRead();
    if (!table && m_followMainWindow && m_table) {
        // Edited or generated data in the main window has no file to show here.
        m_status->setText(tr("The main window's data is not a file's now (edited or generated), "
                             "so the slices keep %1.")
                              .arg(QFileInfo(m_source).fileName()));
    }
    m_mainWindowTable = std::move(table);
    m_mainWindowSource = source;
    m_mainWindowTarget = targetColumn;
    if (m_mainWindowTable && m_followMainWindow) {
        useMainWindowData();
        return;
    }
    m_mainWindowData->setVisible(m_mainWindowTable.has_value() && !m_followMainWindow);
}

void SliceWindow::offerMainWindowFile(const SliceFileRequest &request)
{
    cancelMainWindowRead();
    if (m_followMainWindow && m_table && !m_ownRead && request.path == m_source &&
        request.targetColumn == m_controls->targetColumn()) {
        // The window already shows this file, as the bundled data at the start: no read.
        m_mainWindowTable = m_table;
        m_mainWindowSource = m_source;
        m_mainWindowTarget = request.targetColumn;
        m_mainWindowData->setVisible(false);
        if (!m_job.isBusy())
            showIdleStatus();
        emit mainWindowFileRead(true);
        return;
    }
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    m_mainWindowReadCancelled = cancelled;
    m_mainWindowReadPath = request.path;
    m_mainWindowRead = new QFutureWatcher<SliceFileTable>(this);
    connect(m_mainWindowRead, &QFutureWatcherBase::finished, this,
            &SliceWindow::finishMainWindowRead);
    qCDebug(lcUi) << "slice window reads" << request.path << "in the background";
    m_mainWindowRead->setFuture(QtConcurrent::run(
        [request, cancelled] { return readSliceFileTable(request, *cancelled); }));
    if (m_followMainWindow && m_job.isBusy()) {
        // The data being computed is about to be replaced, as the bundled data is when the
        // window opens on a file: computing it would only delay the file's slice.
        m_job.cancel();
        if (!m_result)
            m_heatMap->setSummary(readingStatus(request.path));
    }
    if (!m_job.isBusy())
        m_status->setText(readingStatus(request.path));
}

void SliceWindow::cancelMainWindowRead()
{
    if (!m_mainWindowRead)
        return;
    *m_mainWindowReadCancelled = true;
    // Deleted later, since this can run inside the watcher's own finished signal.
    m_mainWindowRead->disconnect(this);
    m_mainWindowRead->deleteLater();
    m_mainWindowRead = nullptr;
    qCDebug(lcUi) << "slice window dropped its read of" << m_mainWindowReadPath;
    if (m_status->text() == readingStatus(m_mainWindowReadPath))
        m_status->clear();
}

void SliceWindow::finishMainWindowRead()
{
    QFutureWatcher<SliceFileTable> *watcher = m_mainWindowRead;
    m_mainWindowRead = nullptr;
    watcher->deleteLater();
    SliceFileTable read = watcher->result();
    const QString path = m_mainWindowReadPath;
    if (m_status->text() == readingStatus(path))
        m_status->clear();
    if (!read.table) {
        qCWarning(lcUi) << "slice window cannot read the main window's file" << path << read.error;
        m_mainWindowTable.reset();
        m_mainWindowData->setVisible(false);
        // A file of the window's own stays without a word about the main window's.
        if (m_followMainWindow) {
            const QString problem = tr("Cannot show the main window's data: %1").arg(read.error);
            showMessage(m_result ? tr("%1 The plots still show the previous data.").arg(problem)
                                 : problem);
        }
        emit mainWindowFileRead(false);
        return;
    }
    const qsizetype rows = qsizetype(read.table->rows.size());
    offerMainWindowTable(std::move(read.table), path, read.targetColumn);
    if (!read.error.isEmpty() && m_followMainWindow) {
        // The file failed this time, and the main window's loaded columns stand in for it.
        m_controls->setDataDescription(tr("%1 The slices show the %2 rows that the main window "
                                          "loaded.")
                                           .arg(read.error)
                                           .arg(rows));
    }
    // A hidden window computes when it shows again, as after hideEvent().
    if (!isVisible() && m_job.isBusy()) {
        m_job.cancel();
        m_resumeOnShow = true;
    }
    emit mainWindowFileRead(true);
}

void SliceWindow::openCsvFileInBackground(const QString &path)
{
    // As openCsvFile(): the chosen file stays until another or the main window's data.
    m_followMainWindow = false;
    m_mainWindowData->setVisible(m_mainWindowTable.has_value());
    cancelOwnRead();
    m_ownReadPath = path;
    m_ownRead = new QFutureWatcher<OwnFileRead>(this);
    connect(m_ownRead, &QFutureWatcherBase::finished, this, &SliceWindow::finishOwnRead);
    qCDebug(lcUi) << "slice window reads" << path << "in the background";
    m_ownRead->setFuture(QtConcurrent::run([path] {
        OwnFileRead read;
        CsvError error;
        read.table = readCsvFile(path, &error);
        read.error = error.message;
        return read;
    }));
    if (!m_job.isBusy())
        m_status->setText(readingStatus(path));
}

void SliceWindow::cancelOwnRead()
{
    if (!m_ownRead)
        return;
    // The parser cannot stop midway, so the read runs to its end and its result is dropped.
    m_ownRead->disconnect(this);
    m_ownRead->deleteLater();
    m_ownRead = nullptr;
    qCDebug(lcUi) << "slice window dropped its read of" << m_ownReadPath;
    if (m_status->text() == readingStatus(m_ownReadPath))
        showIdleStatus();
}

void SliceWindow::finishOwnRead()
{
    QFutureWatcher<OwnFileRead> *watcher = m_ownRead;
    m_ownRead = nullptr;
    watcher->deleteLater();
    OwnFileRead read = watcher->result();
    const QString path = m_ownReadPath;
    if (m_status->text() == readingStatus(path))
        showIdleStatus();
    if (!read.table) {
        qCWarning(lcUi) << "slice window rejected" << path << read.error;
        showMessage(m_result ? tr("%1 The plots still show the previous data.").arg(read.error)
                             : read.error);
        emit ownFileRead(false);
        return;
    }
    openTable(std::move(*read.table), path, m_controls->targetColumn());
    emit ownFileRead(true);
}

void SliceWindow::useMainWindowData()
{
    if (!m_mainWindowTable)
        return;
    // The main window's data wins over a file of the window's own still being read.
    cancelOwnRead();
    m_followMainWindow = true;
    m_mainWindowData->setVisible(false);
    qCInfo(lcUi) << "slice window follows the main window's data" << m_mainWindowSource;
    openTable(*m_mainWindowTable, m_mainWindowSource, m_mainWindowTarget);
}

void SliceWindow::openCsv()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open CSV data"), m_lastDirectory,
                                     tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (path.isEmpty())
        return;
    m_lastDirectory = QFileInfo(path).absolutePath();
    openCsvFileInBackground(path);
}

void SliceWindow::recompute()
{
    if (!m_table)
        return;
    // Every rejection below keeps the plots as they are, and its message adds this note.
    const QString keptNote = m_result ? tr(" The plots still show the last valid settings.")
                                      : QString();
    const QStringList features = m_controls->featureColumns();
    const QString target = m_controls->targetColumn();
    if (!m_data || features != m_featureColumns || target != m_targetColumn) {
        CsvError error;
        std::optional<MultiFeatureData> data =
            multiFeatureDataFromTable(*m_table, features, target, m_source, &error);
        if (!data) {
            m_job.cancel();
            showMessage(error.message + keptNote);
            return;
        }
        // The same rule as losslens fit: fewer rows than parameters leave the fit undetermined.
        const QString rowProblem = linearModelRowCountProblem(data->size(), data->featureCount());
        if (!rowProblem.isEmpty()) {
            m_job.cancel();
            showMessage(tr("%1 Untick features or open data with more rows.").arg(rowProblem) +
                        keptNote);
            return;
        }
        m_data = std::make_shared<const MultiFeatureData>(std::move(*data));
        m_featureColumns = features;
        m_targetColumn = target;
        m_objective.reset();
    }

    const std::shared_ptr<const Loss> loss = m_controls->loss();
    if (loss->acceptsResidualScale() && loss->residualScale().isEstimatedFromData()) {
        m_job.cancel();
        showMessage(tr("%1 estimates its residual scale from the data (scale=mad), which "
                       "LossLens does for the one-feature line only. Give a fixed scale, such "
                       "as scale=2, for a model with several features.")
                        .arg(loss->displayName()) +
                    keptNote);
        return;
    }
    const bool standardize = m_controls->standardize();
    if (!m_objective || &m_objective->loss() != loss.get() || standardize != m_standardize) {
        auto objective = std::make_shared<const LinearModelObjective>(m_data, loss, standardize);
        const QString problem = objective->applicabilityError();
        if (!problem.isEmpty()) {
            m_job.cancel();
            showMessage(problem + keptNote);
            return;
        }
        m_objective = std::move(objective);
        m_standardize = standardize;
    }

    m_controls->setParameterNames(m_objective->parameterNames());
    showMessage(QString());
    if (!m_result) {
        m_heatMap->setSummary(tr("Computing…"));
    } else if (&m_result->objective->data() != m_data.get()) {
        // Until the new data's first picture arrives, the plots show the previous data.
        m_heatMap->setSummary(tr("Computing the slice of %1… The plots still show the previous "
                                 "data.")
                                  .arg(QFileInfo(m_source).fileName()));
    }
    // New settings generally move the plane, so a zoomed range would show an arbitrary part
    // of it.
    m_heatMap->followNextResult();
    requestSlice(m_objective, m_controls->settings());
}

void SliceWindow::requestSlice(std::shared_ptr<const LinearModelObjective> objective,
                               const SliceSettings &settings)
{
    m_requestedObjective = std::move(objective);
    m_requestedSettings = settings;
    m_job.request(m_requestedObjective, m_requestedSettings, resolution);
}

void SliceWindow::requestRange(const std::optional<SliceRange> &range)
{
    if (!m_requestedObjective)
        return;
    SliceSettings settings = m_requestedSettings;
    settings.range = range;
    requestSlice(m_requestedObjective, settings);
}

void SliceWindow::showResult(std::shared_ptr<const SliceResult> result)
{
    // SliceJob delivers the latest request's results only. This check also drops a result for
    // data, a loss or a scaling that is no longer current.
    if (result->objective != m_requestedObjective)
        return;
    m_result = std::move(result);
    m_heatMap->showResult(m_result);
    m_profile->showResult(m_result);
    updateNote();
    updateSaveButtons();
    emit resultShown();
}

QString SliceWindow::note() const
{
    return m_note->text();
}

void SliceWindow::updateNote()
{
    QString text;
    if (m_result && m_result->classesSeparated && m_message->text().isEmpty()) {
        const Eigen::VectorXd &labels = m_result->objective->data().target;
        const bool oneClass = labels.size() > 0 && labels.minCoeff() == labels.maxCoeff();
        const QString lossName = lossNameInSentence(m_result->objective->loss());
        if (oneClass) {
            text = tr("No minimum: every label is %1, so the mean %2 keeps falling towards 0 as "
                      "the intercept grows. More training only moves it further.")
                       .arg(labels[0])
                       .arg(lossName);
        } else if (m_result->separation == ClassSeparation::QuasiComplete) {
            text = tr("No minimum: a plane separates the classes, with some rows lying on it. "
                      "Along it the mean %1 keeps falling as the weights grow, towards the loss "
                      "of the rows on the plane, so more training only makes the weights larger.")
                       .arg(lossName);
        } else if (m_result->separation == ClassSeparation::Complete) {
            text = tr("No minimum: the classes are linearly separable, so a plane puts every row "
                      "on its own side. Along it the mean %1 keeps falling towards 0 as the "
                      "weights grow, and more training only makes them larger.")
                       .arg(lossName);
        } else {
            // The exact check ran out of time; the end of training separates the classes.
            text = tr("No minimum: the classes are linearly separable. At the end of training "
                      "every row lies on its own side of the decision boundary, so the mean %1 "
                      "keeps falling towards 0 as the weights grow, and more training only makes "
                      "them larger.")
                       .arg(lossName);
        }
    }
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
}

void SliceWindow::updateSaveButtons()
{
    m_saveCsv->setEnabled(m_result != nullptr);
    m_saveImage->setEnabled(m_result != nullptr);
}

bool SliceWindow::saveSliceCsv(const QString &path, QString *error)
{
    if (!m_result) {
        *error = tr("There is no slice to save yet.");
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    const QByteArray text = sliceCsv(*m_result).toUtf8();
    if (file.write(text) != text.size() || !file.flush()) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    qCInfo(lcUi) << "slice saved as CSV" << path;
    return true;
}

bool SliceWindow::saveImage(const QString &path, QString *error)
{
    if (!m_result) {
        *error = tr("There is no slice to save yet.");
        return false;
    }
    const QImage image = m_plots->grab().toImage();
    QImageWriter writer(path, "png");
    if (image.isNull() || !writer.write(image)) {
        *error = tr("Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(path), writer.errorString());
        return false;
    }
    qCInfo(lcUi) << "slice image saved" << path;
    return true;
}

void SliceWindow::saveSliceCsvAs()
{
    if (!m_result)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save slice as CSV"), QDir(m_lastDirectory).filePath(QStringLiteral("slice.csv")),
        tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    m_lastDirectory = QFileInfo(path).absolutePath();
    QString error;
    if (!saveSliceCsv(path, &error))
        QMessageBox::warning(this, tr("Cannot save the slice"), error);
    else
        m_status->setText(tr("Saved the slice to %1").arg(QDir::toNativeSeparators(path)));
}

void SliceWindow::saveImageAs()
{
    if (!m_result)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save image"), QDir(m_lastDirectory).filePath(QStringLiteral("slice.png")),
        tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    m_lastDirectory = QFileInfo(path).absolutePath();
    QString error;
    if (!saveImage(path, &error))
        QMessageBox::warning(this, tr("Cannot save the image"), error);
    else
        m_status->setText(tr("Saved the image to %1").arg(QDir::toNativeSeparators(path)));
}

} // namespace losslens
