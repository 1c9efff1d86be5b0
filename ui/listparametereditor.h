#pragma once

#include <QVector>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;

namespace losslens {

// Reads the items of a list parameter as a user types them: numbers separated by '|', with
// spaces around them allowed, or separated by spaces alone, as in "1 | 2 | 0.5" or "1 2 0.5".
// On failure returns nothing and sets *error to a message that names the parameter and the item.
std::optional<QVector<double>> parseListText(const QString &text, const QString &key,
                                             QString *error);

// The editor of a list parameter, such as cross-entropy's class weights. Its line edit applies
// an entry on Return or when the focus moves to another widget. The line under it shows why an
// entry was rejected (in red) or notes a change that the entry caused.
class ListParameterEditor : public QWidget
{
    Q_OBJECT

public:
    ListParameterEditor(const QString &key, const QString &toolTip, QWidget *parent = nullptr);

    const QString &key() const { return m_key; }
    const QVector<double> &items() const { return m_items; }
    // Shows the loss's items in the box, which drops any pending text and message.
    void setItems(const QVector<double> &items);
    // Shows why an entry was rejected. The box keeps the user's text so it can be corrected.
    void showError(const QString &message);
    // Shows a remark about a valid change, such as a list resized to follow another.
    void showNote(const QString &message);

    QLineEdit *lineEdit() const { return m_edit; }
    QLabel *messageLabel() const { return m_message; }
    bool hasError() const { return m_hasError; }

signals:
    // Emitted when the user finishes an entry that reads as numbers. The receiver validates and
    // applies it.
    void itemsEntered(const QVector<double> &items);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void readEntry();

    QString m_key;
    QVector<double> m_items;
    QLineEdit *m_edit;
    QLabel *m_message;
    bool m_hasError = false;
};

} // namespace losslens
