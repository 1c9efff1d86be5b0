#include "runlisteditor.h"

#include "optimizerpanel.h"
#include "plotsupport.h"
#include "plotstyle.h"
#include "theme.h"
#include "uilogging.h"

#include <QCheckBox>
#include <QEvent>
#include <QColorDialog>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace losslens {

namespace {

// A short thick stroke in the run's colour, as its path is drawn.
QIcon pathSwatch(const QColor &colour)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(colour, 4.0, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(QPointF(2, 12), QPointF(14, 4));
    return QIcon(pixmap);
}

} // namespace

RunListEditor::RunListEditor(SessionModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_list(new QListWidget(this)),
      m_add(new QPushButton(tr("&Add"), this)),
      m_duplicate(new QPushButton(tr("D&uplicate"), this)),
      m_remove(new QPushButton(tr("Remove"), this)), m_details(new QWidget(this)),
      m_loss(new QComboBox(m_details)), m_colour(new QToolButton(m_details)),
      m_ownOptimizer(new QCheckBox(tr("Own &optimizer"), m_details)),
      m_learnShape(new QCheckBox(tr("Learn shape (alpha)"), m_details)),
      m_learnScale(new QCheckBox(tr("Learn scale (c)"), m_details)),
      m_optimizer(new OptimizerPanel(model, SessionModel::sessionOptimizer, m_details)),
      m_start(new QLabel(m_details)),
      m_sharedStart(new QPushButton(tr("Use the shared start"), m_details))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_list->setToolTip(tr("Each run fits a loss with an optimizer from a start point, in its own "
                          "colour. Select one to edit it, make its loss current and draw its "
                          "arrows on the landscape."));
    m_list->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideRight);
    layout->addWidget(m_list);
    auto *buttons = new QHBoxLayout;
    m_add->setToolTip(tr("Add a run of the current loss with the shared optimizer and start."));
    m_duplicate->setToolTip(tr("Add a copy of the selected run in a new colour."));
    m_remove->setToolTip(tr("Remove the selected run."));
    buttons->addWidget(m_add);
    buttons->addWidget(m_duplicate);
    buttons->addWidget(m_remove);
    layout->addLayout(buttons);

    auto *details = new QVBoxLayout(m_details);
    details->setContentsMargins(0, 0, 0, 0);
    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    auto *lossRow = new QHBoxLayout;
    m_loss->setToolTip(tr("The loss the selected run fits; choosing one ticks it."));
    m_colour->setToolTip(tr("Choose the colour of the selected run."));
    lossRow->addWidget(m_loss, 1);
    lossRow->addWidget(m_colour);
    auto *lossLabel = new QLabel(tr("&Loss"), m_details);
    lossLabel->setBuddy(m_loss);
    form->addRow(lossLabel, lossRow);
    details->addLayout(form);
    m_learnShape->setToolTip(
        tr("Learn Barron's shape alpha with the line by minimizing the negative log-likelihood "
           "of Barron's distribution (Barron, CVPR 2019). alpha starts at the loss's value and "
           "stays inside (0.001, 1.999)."));
    m_learnScale->setToolTip(tr("Learn Barron's scale c too, in the target's units, starting at "
                                "the loss's c."));
    auto *learnRow = new QHBoxLayout;
    learnRow->addWidget(m_learnShape);
    learnRow->addWidget(m_learnScale);
    learnRow->addStretch(1);
    details->addLayout(learnRow);
    m_ownOptimizer->setToolTip(tr("Train the selected run with its own optimizer, set below, "
                                  "instead of the shared one."));
    details->addWidget(m_ownOptimizer);
    details->addWidget(m_optimizer);
    m_start->setWordWrap(true);
    m_start->setToolTip(tr("Shift+click or Shift+drag on the landscape sets the selected run's "
                           "start; a plain click sets the start of every run."));
    details->addWidget(m_start);
    m_sharedStart->setToolTip(tr("Start the selected run at the shared start point again."));
    details->addWidget(m_sharedStart);
    layout->addWidget(m_details);

    connect(m_add, &QPushButton::clicked, this,
            [this] { m_model->addRun(m_model->state().currentLoss); });
    connect(m_duplicate, &QPushButton::clicked, this,
            [this] { m_model->duplicateRun(m_model->state().selectedRun); });
    connect(m_remove, &QPushButton::clicked, this,
            [this] { m_model->removeRun(m_model->state().selectedRun); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!m_syncing && row >= 0)
            m_model->setSelectedRun(row);
    });
    connect(m_loss, &QComboBox::activated, this,
            [this](int index) { m_model->setRunLoss(m_model->state().selectedRun, index); });
    connect(m_colour, &QToolButton::clicked, this, &RunListEditor::chooseColour);
    connect(m_ownOptimizer, &QCheckBox::toggled, this, [this](bool own) {
        if (!m_syncing)
            m_model->setRunOwnOptimizer(m_model->state().selectedRun, own);
    });
    connect(m_learnShape, &QCheckBox::toggled, this, [this](bool learn) {
        if (!m_syncing)
            m_model->setRunLearning(m_model->state().selectedRun, learn,
                                    m_learnScale->isChecked());
    });
    connect(m_learnScale, &QCheckBox::toggled, this, [this](bool learn) {
        if (!m_syncing)
            m_model->setRunLearning(m_model->state().selectedRun, m_learnShape->isChecked(),
                                    learn);
    });
    connect(m_sharedStart, &QPushButton::clicked, this,
            [this] { m_model->clearRunStart(m_model->state().selectedRun); });
    connect(m_model, &SessionModel::changed, this, &RunListEditor::onModelChanged);
    // The swatches show the colours the plots draw, which presentation mode and the theme change.
    connect(PlotStyle::instance(), &PlotStyle::lookChanged, this, &RunListEditor::sync);
    sync();
}

void RunListEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        sync();
}

void RunListEditor::onModelChanged(SessionModel::Changes changes)
{
    // The labels name each run's loss and optimizer, and grey out runs whose loss is hidden or
    // cannot be fitted to new data.
    const SessionModel::Changes shown =
        SessionModel::RunsChanged | SessionModel::RunListChanged |
        SessionModel::SelectedRunChanged | SessionModel::OptimizerChanged |
        SessionModel::LossSelectionChanged | SessionModel::LossParametersChanged |
        SessionModel::LossListChanged | SessionModel::DataChanged | SessionModel::ScalingChanged |
        SessionModel::StartChanged;
    if (changes & shown)
        sync();
}

void RunListEditor::sync()
{
    m_syncing = true;
    const int count = m_model->runCount();
    while (m_list->count() > count)
        delete m_list->takeItem(m_list->count() - 1);
    while (m_list->count() < count)
        new QListWidgetItem(m_list);
    for (int i = 0; i < count; ++i) {
        const RunEntry &run = m_model->runEntry(i);
        QListWidgetItem *item = m_list->item(i);
        QString text = m_model->runLabel(i);
        if (run.start)
            text += tr(" · own start");
        item->setText(text);
        item->setIcon(pathSwatch(PlotStyle::instance()->drawnColour(run.colour)));
        const bool active = m_model->isRunActive(i);
        // Without a foreground of its own an item follows the palette, so a theme change
        // keeps it readable; only the greyed-out items carry a colour.
        if (active)
            item->setData(Qt::ForegroundRole, QVariant());
        else
            item->setForeground(Theme::inactiveTextColour(palette()));
        const LossEntry &loss = m_model->lossEntry(run.lossIndex);
        QStringList toolTip{text, m_model->runOptimizer(i).spec()};
        if (!loss.enabled)
            toolTip << tr("Its loss is hidden: tick %1 in the loss list to train this run.")
                           .arg(loss.loss->displayName());
        else if (!active)
            toolTip << m_model->objective(run.lossIndex)->applicabilityError();
        item->setToolTip(toolTip.join(QLatin1Char('\n')));
    }
    const int rows = std::max(count, 1);
    m_list->setFixedHeight(m_list->sizeHintForRow(0) * rows + 2 * m_list->frameWidth() + 4);
    m_list->setCurrentRow(m_model->state().selectedRun);
    m_duplicate->setEnabled(count > 0);
    m_remove->setEnabled(count > 0);
    m_syncing = false;
    syncSelectedRun();
}

void RunListEditor::syncSelectedRun()
{
    const int selected = m_model->state().selectedRun;
    m_details->setVisible(selected >= 0);
    if (selected < 0)
        return;
    m_syncing = true;
    const RunEntry &run = m_model->runEntry(selected);
    m_loss->clear();
    for (int i = 0; i < m_model->lossCount(); ++i)
        m_loss->addItem(m_model->lossEntry(i).loss->displayName());
    m_loss->setCurrentIndex(run.lossIndex);
    m_colour->setIcon(pathSwatch(PlotStyle::instance()->drawnColour(run.colour)));
    m_ownOptimizer->setChecked(run.optimizer.has_value());
    const bool barron =
        m_model->lossEntry(run.lossIndex).loss->name() == QLatin1String("barron");
    m_learnShape->setVisible(barron);
    m_learnScale->setVisible(barron);
    m_learnShape->setChecked(run.learnShape);
    m_learnScale->setChecked(run.learnScale);
    m_learnScale->setEnabled(run.learnShape);
    m_optimizer->setTarget(selected);
    m_optimizer->setVisible(run.optimizer.has_value());

    const auto objective = m_model->objective(run.lossIndex);
    const LineParameters start = objective->toDataUnits(m_model->runStartTheta(selected));
    const QString line = lineFormula(start, m_model->data());
    m_start->setText(
        run.start
            ? tr("Run %1 starts at its own point, the line y = %2.").arg(selected + 1).arg(line)
            : tr("Run %1 starts at the shared point, the line y = %2. "
                 "Shift+click on the landscape gives it its own.")
                  .arg(selected + 1)
                  .arg(line));
    m_sharedStart->setEnabled(run.start.has_value());
    m_syncing = false;
}

void RunListEditor::chooseColour()
{
    const int selected = m_model->state().selectedRun;
    if (selected < 0)
        return;
    const QColor colour = QColorDialog::getColor(m_model->runEntry(selected).colour, this,
                                                 tr("Colour of run %1").arg(selected + 1));
    if (colour.isValid()) {
        qCDebug(lcUi) << "run" << selected << "colour" << colour.name();
        m_model->setRunColour(selected, colour);
    }
}

} // namespace losslens
