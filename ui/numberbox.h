#pragma once

#include <QDoubleSpinBox>

#include <optional>

namespace losslens {

// Reads a number as a user types it: the locale's decimal notation, with "−" (U+2212) taken as
// a minus sign, or an infinity written inf, infinity or ∞ in any case and with an optional sign.
// Returns nothing for other text.
std::optional<double> parseNumberText(const QString &text, const QLocale &locale);

// A spin box that shows and accepts any double in its range with up to 6 significant digits,
// so a typed value is never rounded to a fixed number of decimals. An infinite bound of the
// range, such as Barron's alpha = -inf, is a value of its own, shown and typed as "-inf".
class NumberBox : public QDoubleSpinBox
{
    Q_OBJECT

public:
    explicit NumberBox(QWidget *parent = nullptr);

    QString textFromValue(double value) const override;
    double valueFromText(const QString &text) const override;
    QValidator::State validate(QString &text, int &position) const override;
    // Explains why the text is not a valid value: emits inputRejected() or, when nothing is
    // connected to it, shows the message in a tooltip. Qt calls it on Return or focus loss, and
    // the box then returns to its last valid value.
    void fixup(QString &text) const override;

signals:
    void inputRejected(const QString &message);
};

} // namespace losslens
