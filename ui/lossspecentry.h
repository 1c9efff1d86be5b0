#pragma once

#include "core/loss.h"

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;

namespace losslens {

// A text box for a loss written as --loss takes it: a catalogue loss such as huber:delta=2, a
// custom formula:EXPR, or a composite such as 0.5*(mse) + 0.5*(mae) + l2(0.1). Return, or the
// button when there is one, parses the text. A parse error appears in red under the box, which
// keeps the text for correction.
class LossSpecEntry : public QWidget
{
    Q_OBJECT

public:
    // With an empty buttonText the entry has no button and Return alone applies it.
    LossSpecEntry(const QString &buttonText, const QString &placeholder, QWidget *parent = nullptr);

    QLineEdit *lineEdit() const { return m_edit; }
    // The button that applies the entry, or nullptr.
    QPushButton *button() const { return m_button; }
    QLabel *messageLabel() const { return m_message; }
    void showError(const QString &message);
    void clearError();

signals:
    // Emitted with the parsed loss when the text is a valid spec.
    void lossEntered(std::shared_ptr<const losslens::Loss> loss);

private:
    void readEntry();

    QLineEdit *m_edit;
    QPushButton *m_button = nullptr;
    QLabel *m_message;
};

} // namespace losslens
