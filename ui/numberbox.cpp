#include "numberbox.h"

#include "sessionundoshortcut.h"

#include <QLineEdit>
#include <QMetaMethod>
#include <QToolTip>

#include <cmath>
#include <limits>

namespace losslens {

namespace {

const QChar unicodeMinus(0x2212);

// Removes a leading sign ('+', '-' or U+2212) from the text and returns -1 or +1.
double takeSign(QString &text)
{
    if (text.startsWith(QLatin1Char('-')) || text.startsWith(unicodeMinus)) {
        text.remove(0, 1);
        return -1.0;
    }
    if (text.startsWith(QLatin1Char('+')))
        text.remove(0, 1);
    return 1.0;
}

// True for the start of an infinity that is still being typed, such as "-in" or "infin".
bool isPartialInfinity(const QString &text)
{
    QString magnitude = text;
    takeSign(magnitude);
    const QString word = magnitude.toLower();
    return !word.isEmpty() && QStringLiteral("infinity").startsWith(word);
}

} // namespace

std::optional<double> parseNumberText(const QString &text, const QLocale &locale)
{
    QString magnitude = text.trimmed();
    const double sign = takeSign(magnitude);
    const QString word = magnitude.toLower();
    if (word == QLatin1String("inf") || word == QLatin1String("infinity") ||
        word == QStringLiteral("∞"))
        return sign * std::numeric_limits<double>::infinity();
    bool ok = false;
    const double value = locale.toDouble(magnitude, &ok);
    // The sign was taken off above, so a second one, as in "--1", is rejected here.
    if (!ok || std::isnan(value) || magnitude.startsWith(QLatin1Char('-')) ||
        magnitude.startsWith(QLatin1Char('+')))
        return std::nullopt;
    return sign * value;
}

NumberBox::NumberBox(QWidget *parent) : QDoubleSpinBox(parent)
{
    setDecimals(17);
    setKeyboardTracking(false);
    setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    setAccelerated(true);
    passUndoShortcutsToWindow(lineEdit());
    passUndoShortcutsToWindow(this);
}

QString NumberBox::textFromValue(double value) const
{
    if (std::isinf(value))
        return value < 0.0 ? QStringLiteral("-inf") : QStringLiteral("inf");
    return QString::number(value, 'g', 6);
}

double NumberBox::valueFromText(const QString &text) const
{
    return parseNumberText(text, locale()).value_or(value());
}

QValidator::State NumberBox::validate(QString &text, int &) const
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed == QLatin1String("-") || trimmed == QLatin1String("+") ||
        trimmed == unicodeMinus || trimmed.endsWith(QLatin1Char('e'), Qt::CaseInsensitive) ||
        trimmed.endsWith(QLatin1String("e-"), Qt::CaseInsensitive) ||
        trimmed.endsWith(QLatin1String("e+"), Qt::CaseInsensitive) ||
        (isPartialInfinity(trimmed) && !parseNumberText(trimmed, locale())))
        return QValidator::Intermediate;
    const std::optional<double> value = parseNumberText(trimmed, locale());
    if (!value)
        return QValidator::Invalid;
    // An infinity is acceptable only where it is a bound of the range, such as -inf for alpha.
    return *value >= minimum() && *value <= maximum() ? QValidator::Acceptable
                                                      : QValidator::Intermediate;
}

void NumberBox::fixup(QString &text) const
{
    const QString typed = text.trimmed();
    const QString range = tr("[%1, %2]").arg(textFromValue(minimum()), textFromValue(maximum()));
    const QString message =
        parseNumberText(typed, locale())
            ? tr("%1 is out of range; the value must lie in %2.").arg(typed, range)
            : tr("\"%1\" is not a number; give a value in %2.").arg(typed, range);
    auto *self = const_cast<NumberBox *>(this);
    if (self->isSignalConnected(QMetaMethod::fromSignal(&NumberBox::inputRejected)))
        emit self->inputRejected(message);
    else
        QToolTip::showText(mapToGlobal(QPoint(0, height())), message, self);
}

} // namespace losslens
