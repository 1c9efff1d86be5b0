#include "listparametereditor.h"

#include "sessionundoshortcut.h"
#include "uilogging.h"

#include "core/loss.h"

#include <QFocusEvent>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace losslens {

std::optional<QVector<double>> parseListText(const QString &text, const QString &key,
                                             QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        *error = ListParameterEditor::tr("%1 is empty; give its items separated by '|', as in "
                                         "1|2|0.5.")
                     .arg(key);
        return std::nullopt;
    }
    // With a '|' the empty parts are kept, so "1||2" reports its empty item as a spec does.
    const QStringList parts =
        trimmed.contains(QLatin1Char('|'))
            ? trimmed.split(QLatin1Char('|'))
            : trimmed.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    QVector<double> items;
    for (int i = 0; i < static_cast<int>(parts.size()); ++i) {
        QString part = parts[i].trimmed();
        part.replace(QChar(0x2212), QLatin1Char('-'));
        bool ok = false;
        const double value = part.toDouble(&ok);
        if (!ok) {
            *error = part.isEmpty()
                         ? ListParameterEditor::tr("Item %1 of %2 is empty; write one number "
                                                   "between each pair of '|'.")
                               .arg(i + 1)
                               .arg(key)
                         : ListParameterEditor::tr("Item %1 of %2 is \"%3\", which is not a "
                                                   "number.")
                               .arg(QString::number(i + 1), key, part);
            return std::nullopt;
        }
        items << value;
    }
    return items;
}

ListParameterEditor::ListParameterEditor(const QString &key, const QString &toolTip,
                                         QWidget *parent)
    : QWidget(parent), m_key(key), m_edit(new QLineEdit(this)), m_message(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(key, this);
    label->setBuddy(m_edit);
    layout->addWidget(label);
    layout->addWidget(m_edit);
    layout->addWidget(m_message);
    m_message->setWordWrap(true);
    m_message->hide();
    label->setToolTip(toolTip);
    m_edit->setToolTip(toolTip);
    passUndoShortcutsToWindow(m_edit);
    m_edit->installEventFilter(this);
    connect(m_edit, &QLineEdit::returnPressed, this, &ListParameterEditor::readEntry);
}

bool ListParameterEditor::eventFilter(QObject *watched, QEvent *event)
{
    // Focus moving to another widget applies the entry, as QLineEdit::editingFinished would.
    // Focus leaving with the window does not, because the window also loses it while it closes,
    // when the session model may be gone. Switching to another window keeps the entry pending.
    if (watched == m_edit && event->type() == QEvent::FocusOut) {
        const Qt::FocusReason reason = static_cast<QFocusEvent *>(event)->reason();
        if (reason != Qt::ActiveWindowFocusReason && reason != Qt::PopupFocusReason)
            readEntry();
    }
    return QWidget::eventFilter(watched, event);
}

void ListParameterEditor::setItems(const QVector<double> &items)
{
    m_items = items;
    m_edit->setText(formatList(items));
    m_message->hide();
    m_hasError = false;
}

void ListParameterEditor::showError(const QString &message)
{
    qCDebug(lcUi) << "Rejected" << m_key << "entry" << m_edit->text() << ":" << message;
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    m_message->setText(message);
    m_message->show();
    m_hasError = true;
}

void ListParameterEditor::showNote(const QString &message)
{
    m_message->setStyleSheet(QString());
    m_message->setText(message);
    m_message->show();
    m_hasError = false;
}

void ListParameterEditor::readEntry()
{
    // Unchanged text needs no model change, but clears a message about an earlier entry.
    if (m_edit->text() == formatList(m_items)) {
        m_message->hide();
        m_hasError = false;
        return;
    }
    QString error;
    const std::optional<QVector<double>> items = parseListText(m_edit->text(), m_key, &error);
    if (!items) {
        showError(error);
        return;
    }
    emit itemsEntered(*items);
}

} // namespace losslens
