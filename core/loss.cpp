#include "loss.h"

#include <QStringList>

#include <cassert>
#include <charconv>

namespace losslens {

double Loss::parameterValue(int index) const
{
    assert(false && "loss has no parameter at this index");
    Q_UNUSED(index);
    return 0.0;
}

void Loss::setParameterValue(int index, double value)
{
    assert(false && "loss has no parameter at this index");
    Q_UNUSED(index);
    Q_UNUSED(value);
}

QVector<double> Loss::parameterList(int index) const
{
    assert(false && "loss has no list parameter at this index");
    Q_UNUSED(index);
    return {};
}

void Loss::setParameterList(int index, const QVector<double> &items)
{
    assert(false && "loss has no list parameter at this index");
    Q_UNUSED(index);
    Q_UNUSED(items);
}

int Loss::parameterIndex(const QString &key) const
{
    const auto declared = parameters();
    for (int i = 0; i < static_cast<int>(declared.size()); ++i) {
        if (declared[i].key == key)
            return i;
    }
    return -1;
}

QString Loss::spec() const
{
    const auto declared = parameters();
    QStringList items;
    for (int i = 0; i < static_cast<int>(declared.size()); ++i) {
        const QString text =
            declared[i].isList ? formatList(parameterList(i)) : formatNumber(parameterValue(i));
        items << declared[i].key + QLatin1Char('=') + text;
    }
    // The scale is optional: written when it is estimated or differs from 1, so that the
    // spec of an unscaled loss reads as its catalogue entry does.
    if (acceptsResidualScale() &&
        (m_residualScale.isEstimatedFromData() || m_residualScale.value != 1.0))
        items << QStringLiteral("scale=") + residualScaleText();
    if (items.isEmpty())
        return name();
    return name() + QLatin1Char(':') + items.join(QLatin1Char(','));
}

QString Loss::residualScaleText() const
{
    if (m_residualScale.isEstimatedFromData())
        return QStringLiteral("mad");
    return formatNumber(m_residualScale.value);
}

QString Loss::label() const
{
    const auto declared = parameters();
    QStringList items;
    for (int i = 0; i < static_cast<int>(declared.size()); ++i) {
        QString text;
        if (declared[i].isList) {
            QStringList shortItems;
            for (const double item : parameterList(i))
                shortItems << QString::number(item, 'g', 4);
            text = shortItems.join(QLatin1Char('|'));
        } else {
            text = QString::number(parameterValue(i), 'g', 4);
        }
        items << declared[i].key + QLatin1Char('=') + text;
    }
    // A scale of 1 changes nothing, so the label leaves it out.
    if (m_residualScale.isEstimatedFromData()) {
        items << (m_residualScale.estimated
                      ? QStringLiteral("scale=mad=%1").arg(m_residualScale.value, 0, 'g', 4)
                      : QStringLiteral("scale=mad"));
    } else if (acceptsResidualScale() && m_residualScale.value != 1.0) {
        items << QStringLiteral("scale=%1").arg(m_residualScale.value, 0, 'g', 4);
    }
    if (items.isEmpty())
        return displayName();
    return displayName() + QStringLiteral(" (") + items.join(QStringLiteral(", ")) +
           QLatin1Char(')');
}

bool positiveAtLargeMargins(const Loss &loss)
{
    return loss.value(40.0, 1.0) > 0.0 && loss.value(-40.0, 0.0) > 0.0;
}

QString formatNumber(double value)
{
    // std::to_chars without a format writes the shortest text that reads back as the same
    // double, in plain or scientific notation, whichever is shorter: 20, 0.1, 1e-06.
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return QString::fromLatin1(buffer, result.ptr - buffer);
}

QString formatList(const QVector<double> &items)
{
    QStringList texts;
    for (const double item : items)
        texts << formatNumber(item);
    return texts.join(QLatin1Char('|'));
}

} // namespace losslens
