#include "slicewindow.h"

#include "slicecontrols.h"
#include "sliceheatmap.h"
#include "sliceprofileview.h"
#include "uilogging.h"

#include "core/csvcolumns.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

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

} // namespace

SliceWindow::SliceWindow(const QString &lossSpec, QWidget *parent)
    : QWidget(parent, Qt::Window), m_controls(new SliceControls(lossSpec, this)),
      m_heatMap(new SliceHeatMap(this)), m_profile(new SliceProfileView(this)),
      m_message(new QLabel(this)), m_busyIndicator(new QProgressBar(this)),
      m_status(new QLabel(this)), m_cancelButton(new QPushButton(tr("Cancel"), this))
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

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_controls);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(m_controls->sizeHint().width() + 20);

    m_message->setObjectName(QStringLiteral("sliceMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    m_message->setVisible(false);
    auto *plots = new QSplitter(Qt::Vertical, this);
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

    auto *right = new QVBoxLayout;
    right->addWidget(m_message);
    right->addWidget(plots, 1);
    right->addLayout(busyRow);

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(scroll);
    layout->addLayout(right, 1);

    connect(m_controls, &SliceControls::changed, this, &SliceWindow::recompute);
    connect(m_controls, &SliceControls::openRequested, this, &SliceWindow::openCsv);
    connect(&m_job, &SliceJob::resultReady, this, &SliceWindow::showResult);
    connect(&m_job, &SliceJob::busyChanged, this, &SliceWindow::showBusy);
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
    m_busyIndicator->setVisible(busy);
    m_cancelButton->setEnabled(busy);
    // cancelComputation() puts its note here after the job reports that it is idle.
    if (busy)
        m_status->setText(tr("Computing the slice…"));
    else
        m_status->clear();
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

void SliceWindow::openCsv()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open CSV data"), m_lastDirectory,
                                     tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (path.isEmpty())
        return;
    m_lastDirectory = QFileInfo(path).absolutePath();
    openCsvFile(path);
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
    if (!m_result)
        m_heatMap->setSummary(tr("Computing…"));
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
    emit resultShown();
}

} // namespace losslens
