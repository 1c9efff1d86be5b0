#include "workbenchwindow.h"

#include "plotsupport.h"
#include "workbenchsweepview.h"
#include "workbenchweightplots.h"

#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QScreen>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace losslens {

namespace {

// Enough digits to compare with the landscape view's read-out and the command line.
QString preciseNumber(double value)
{
    return std::isfinite(value) ? QString::number(value, 'g', 10) : shortNumber(value);
}

QString searchText(const MinimumResult &minimum, bool convex)
{
    switch (minimum.status) {
    case MinimumStatus::Global:
        return QObject::tr("global (convex)");
    case MinimumStatus::NotAttained:
        return QObject::tr("no minimum");
    case MinimumStatus::Cancelled:
        return QObject::tr("cancelled");
    case MinimumStatus::Approximate:
        break;
    }
    return convex ? QObject::tr("approximate") : QObject::tr("local search (non-convex)");
}

} // namespace

WorkbenchWindow::WorkbenchWindow(SessionModel *model, QWidget *parent)
    : QWidget(parent, Qt::Window), m_model(model), m_table(new QTableWidget(0, 5, this)),
      m_status(new QLabel(this)), m_plots(new WeightPlotGrid(this)),
      m_sweep(new WorkbenchSweepView(this))
{
    setWindowTitle(tr("LossLens — Robustness workbench"));

    m_table->setHorizontalHeaderLabels({tr("Loss"), tr("Slope"), tr("Intercept"),
                                        tr("Mean loss at minimum"), tr("Minimum")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(LossColumn, QHeaderView::Stretch);
    for (const Column column : {SlopeColumn, InterceptColumn, MinimumColumn, SearchColumn})
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_status->setWordWrap(true);

    auto *heading = new QLabel(tr("<b>Fits on the current data</b>: each ticked regression loss "
                                  "with its current parameters, at the minimum the landscape "
                                  "view marks; slope and intercept in the data's units."),
                               this);
    heading->setWordWrap(true);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(heading);
    topLayout->addWidget(m_table, 1);
    topLayout->addWidget(m_status);

    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(top);
    left->addWidget(m_plots);
    left->setChildrenCollapsible(false);
    left->setSizes({250, 650});
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_sweep);
    split->setChildrenCollapsible(false);
    split->setSizes({820, 560});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_model, &SessionModel::changed, this, &WorkbenchWindow::onModelChanged);
    connect(&m_job, &WorkbenchFitJob::fitReady, this, &WorkbenchWindow::showFit);
    connect(&m_job, &WorkbenchFitJob::finished, this, [this] {
        m_status->clear();
        emit fitsShown();
    });

    // 1400 x 920, or less on a smaller screen.
    QSize size(1400, 920);
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() * 0.95);
    resize(size);
    refresh();
}

std::shared_ptr<const WorkbenchFit> WorkbenchWindow::fitAt(int row) const
{
    return m_fits.at(std::size_t(row));
}

void WorkbenchWindow::onModelChanged(SessionModel::Changes changes)
{
    // The current loss, the optimizer and the runs do not change any fit.
    const SessionModel::Changes relevant =
        SessionModel::DataChanged | SessionModel::LossSelectionChanged |
        SessionModel::LossParametersChanged | SessionModel::ScalingChanged |
        SessionModel::StartChanged | SessionModel::LossListChanged;
    if (changes & relevant)
        refresh();
}

void WorkbenchWindow::setRowText(int row, Column column, const QString &text,
                                 const QString &toolTip)
{
    auto *item = new QTableWidgetItem(text);
    if (column != LossColumn)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setToolTip(toolTip);
    m_table->setItem(row, column, item);
}

void WorkbenchWindow::refresh()
{
    WorkbenchFitRequest request;
    request.start = m_model->startTheta();
    std::vector<SweepLoss> sweepLosses;
    m_lossIndices.clear();
    m_requestRows.clear();
    for (int index = 0; index < m_model->lossCount(); ++index) {
        const LossEntry &entry = m_model->lossEntry(index);
        if (entry.enabled && entry.loss->kind() == LossKind::Regression &&
            entry.loss->fitsLineModel())
            m_lossIndices.push_back(index);
    }
    const int rows = int(m_lossIndices.size());
    m_fits.assign(std::size_t(rows), nullptr);
    m_table->setRowCount(rows);
    m_plots->setPlotCount(rows);
    for (int row = 0; row < rows; ++row) {
        const int index = m_lossIndices[std::size_t(row)];
        const LossEntry &entry = m_model->lossEntry(index);
        const auto objective = m_model->objective(index);
        const QString label = objective->loss().label();
        auto *name = new QTableWidgetItem(QStringLiteral("■ ") + label);
        name->setForeground(entry.colour);
        name->setToolTip(objective->loss().spec());
        m_table->setItem(row, LossColumn, name);
        sweepLosses.push_back({entry.loss, entry.loss->label(), entry.colour});
        const QString problem = objective->applicabilityError();
        if (!problem.isEmpty()) {
            for (const Column column : {SlopeColumn, InterceptColumn, MinimumColumn})
                setRowText(row, column, tr("–"));
            setRowText(row, SearchColumn, tr("not fitted"), problem);
            m_plots->plotAt(row)->showProblem(label, problem);
            continue;
        }
        for (const Column column : {SlopeColumn, InterceptColumn, MinimumColumn, SearchColumn})
            setRowText(row, column, tr("…"));
        request.objectives.emplace_back(index, objective);
        m_requestRows.push_back(row);
    }
    m_sweep->setLosses(sweepLosses, m_model->state().standardize);
    if (rows == 0)
        m_status->setText(tr("Tick one or more regression losses in the main window to compare "
                             "their fits."));
    else
        m_status->setText(tr("Fitting…"));
    m_job.request(request);
}

void WorkbenchWindow::showFit(int position, std::shared_ptr<const WorkbenchFit> fit)
{
    if (position < 0 || position >= int(m_requestRows.size()))
        return;
    const int row = m_requestRows[std::size_t(position)];
    if (m_lossIndices[std::size_t(row)] != fit->lossIndex)
        return;
    m_fits[std::size_t(row)] = fit;
    const MinimumResult &minimum = fit->minimum;
    setRowText(row, SlopeColumn, preciseNumber(fit->line.slope));
    setRowText(row, InterceptColumn, preciseNumber(fit->line.intercept));
    setRowText(row, MinimumColumn, preciseNumber(minimum.value));
    setRowText(row, SearchColumn, searchText(minimum, fit->objective->loss().isConvex()),
               minimum.note);
    const LossEntry &entry = m_model->lossEntry(fit->lossIndex);
    m_plots->plotAt(row)->setFit(*fit, fit->objective->loss().label(), entry.colour);
}

} // namespace losslens
