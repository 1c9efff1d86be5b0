#include "lossspecentry.h"

#include "sessionundoshortcut.h"
#include "uilogging.h"

#include "core/losscatalogue.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace losslens {

LossSpecEntry::LossSpecEntry(const QString &buttonText, const QString &placeholder, QWidget *parent)
    : QWidget(parent), m_edit(new QLineEdit(this)), m_message(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    row->addWidget(m_edit, 1);
    if (!buttonText.isEmpty()) {
        m_button = new QPushButton(buttonText, this);
        row->addWidget(m_button);
        connect(m_button, &QPushButton::clicked, this, &LossSpecEntry::readEntry);
    }
    layout->addLayout(row);
    layout->addWidget(m_message);

    m_edit->setPlaceholderText(placeholder);
    m_edit->setClearButtonEnabled(true);
    m_edit->setToolTip(
        tr("A loss as --loss takes it: NAME or NAME:key=value,... such as huber:delta=2 or "
           "huber:scale=mad; formula:EXPR for a custom loss; or a composite, terms joined by "
           "'+' with optional weights and penalties on the slope w, such as "
           "0.5*(huber:delta=1) + 0.5*(mae) + l2(0.1). Press Return to apply."));
    passUndoShortcutsToWindow(m_edit);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    m_message->hide();
    connect(m_edit, &QLineEdit::returnPressed, this, &LossSpecEntry::readEntry);
    connect(m_edit, &QLineEdit::textEdited, this, &LossSpecEntry::clearError);
}

void LossSpecEntry::showError(const QString &message)
{
    qCDebug(lcUi) << "rejected loss spec" << m_edit->text() << ":" << message;
    m_message->setText(message);
    m_message->show();
}

void LossSpecEntry::clearError()
{
    m_message->hide();
}

void LossSpecEntry::readEntry()
{
    const QString text = m_edit->text().trimmed();
    if (text.isEmpty()) {
        showError(tr("The loss spec is empty. Type one such as huber:delta=2 or "
                     "0.5*(mse) + 0.5*(mae) + l2(0.1)."));
        return;
    }
    QString error;
    std::shared_ptr<const Loss> loss = LossCatalogue::parse(text, &error);
    if (!loss) {
        showError(error);
        return;
    }
    clearError();
    emit lossEntered(loss);
}

} // namespace losslens
