#include "losslisteditor.h"

#include "lossspecentry.h"
#include "plotstyle.h"
#include "theme.h"
#include "uilogging.h"

#include <QEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace losslens {

namespace {

QIcon swatch(const QColor &colour)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawRoundedRect(QRectF(1, 4, 14, 8), 2, 2);
    return QIcon(pixmap);
}

} // namespace

LossListEditor::LossListEditor(SessionModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_list(new QListWidget(this)),
      m_entry(new LossSpecEntry(tr("&Add"), tr("Add a loss: huber:delta=2, 0.5*(mse) + l2(0.1)"),
                                this)),
      m_remove(new QPushButton(tr("Remove the selected loss"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_list->setToolTip(tr("Tick the losses to fit; select one to edit its parameters and draw "
                          "its landscape. Delete removes a loss that you added."));
    // Fixed height: an expanding list would stretch its group box and float inside it. Without a
    // horizontal scroll bar that height shows every row, so a long label ends in an ellipsis and
    // its tooltip gives it whole.
    m_list->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->installEventFilter(this);
    m_remove->setToolTip(tr("Remove the selected loss (Delete). Only losses that you added can "
                            "be removed; the catalogue's stay."));
    layout->addWidget(m_list);
    layout->addWidget(m_entry);
    layout->addWidget(m_remove);

    auto *focusEntry = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_L), this);
    focusEntry->setContext(Qt::WindowShortcut);
    connect(focusEntry, &QShortcut::activated, this, [this] {
        m_entry->lineEdit()->setFocus(Qt::ShortcutFocusReason);
        m_entry->lineEdit()->selectAll();
    });
    connect(m_entry, &LossSpecEntry::lossEntered, this, &LossListEditor::addLoss);
    connect(m_remove, &QPushButton::clicked, this, &LossListEditor::removeCurrentLoss);
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (!m_syncing)
            m_model->setLossEnabled(m_list->row(item), item->checkState() == Qt::Checked);
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!m_syncing && row >= 0)
            m_model->setCurrentLoss(row);
    });
    connect(m_model, &SessionModel::changed, this, &LossListEditor::onModelChanged);
    // The swatches show the colours the plots draw, which presentation mode and the theme change.
    connect(PlotStyle::instance(), &PlotStyle::lookChanged, this, &LossListEditor::sync);
    sync();
}

void LossListEditor::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        sync();
}

bool LossListEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool removeKey = key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace;
        if (removeKey && key->modifiers() == Qt::NoModifier) {
            removeCurrentLoss();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void LossListEditor::onModelChanged(SessionModel::Changes changes)
{
    // New data or scaling changes an estimated residual scale, which the labels show.
    const SessionModel::Changes shown =
        SessionModel::LossSelectionChanged | SessionModel::LossParametersChanged |
        SessionModel::CurrentLossChanged | SessionModel::DataChanged |
        SessionModel::ScalingChanged | SessionModel::LossListChanged;
    if (changes & shown)
        sync();
}

void LossListEditor::sync()
{
    m_syncing = true;
    const int count = m_model->lossCount();
    while (m_list->count() > count)
        delete m_list->takeItem(m_list->count() - 1);
    while (m_list->count() < count) {
        auto *item = new QListWidgetItem(m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    }
    const bool binary = m_model->data().hasBinaryLabels();
    for (int i = 0; i < count; ++i) {
        const LossEntry &entry = m_model->lossEntry(i);
        QListWidgetItem *item = m_list->item(i);
        // The objective's loss carries an estimated residual scale, which the label then shows.
        const QString label = m_model->objective(i)->loss().label();
        item->setText(label);
        item->setIcon(swatch(PlotStyle::instance()->drawnColour(entry.colour)));
        item->setCheckState(entry.enabled ? Qt::Checked : Qt::Unchecked);
        const bool fits = entry.loss->fitsLineModel();
        const bool applicable = fits && (entry.loss->kind() == LossKind::Regression || binary);
        // Without a foreground of its own an item follows the palette, so a theme change
        // keeps it readable; only the greyed-out items carry a colour.
        if (applicable)
            item->setData(Qt::ForegroundRole, QVariant());
        else
            item->setForeground(Theme::inactiveTextColour(palette()));
        QStringList toolTip{label};
        if (entry.removable)
            toolTip << tr("Added as %1").arg(entry.loss->spec());
        if (!fits)
            toolTip << tr("Needs a multi-class model; the line model fits one logit, so this "
                          "loss is drawn but not fitted.");
        else if (!applicable)
            toolTip << tr("Needs 0/1 labels; the current target has other values, so this loss "
                          "is drawn but not fitted.");
        item->setToolTip(toolTip.join(QLatin1Char('\n')));
    }
    m_list->setFixedHeight(m_list->sizeHintForRow(0) * count + 2 * m_list->frameWidth() + 4);
    const int current = m_model->state().currentLoss;
    m_list->setCurrentRow(current);
    m_remove->setEnabled(m_model->lossEntry(current).removable);
    m_syncing = false;
}

void LossListEditor::addLoss(std::shared_ptr<const Loss> loss)
{
    const int index = m_model->addLoss(std::move(loss));
    qCInfo(lcUi) << "added loss" << m_model->lossEntry(index).loss->spec();
    m_entry->lineEdit()->clear();
}

void LossListEditor::removeCurrentLoss()
{
    const int current = m_model->state().currentLoss;
    if (!m_model->removeLoss(current))
        qCDebug(lcUi) << "loss" << current << "is a catalogue entry and stays";
}

} // namespace losslens
