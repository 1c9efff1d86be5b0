#include "loss.h"

#include <QStringList>

#include <cassert>

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
    if (declared.empty())
        return name();
    QStringList items;
    for (int i = 0; i < static_cast<int>(declared.size()); ++i)
        items << declared[i].key + QLatin1Char('=') + formatNumber(parameterValue(i));
    return name() + QLatin1Char(':') + items.join(QLatin1Char(','));
}

QString Loss::label() const
{
    const auto declared = parameters();
    if (declared.empty())
        return displayName();
    QStringList items;
    for (int i = 0; i < static_cast<int>(declared.size()); ++i)
        items << declared[i].key + QLatin1Char('=') + QString::number(parameterValue(i), 'g', 4);
    return displayName() + QStringLiteral(" (") + items.join(QStringLiteral(", ")) +
           QLatin1Char(')');
}

QString formatNumber(double value)
{
    // 17 significant digits read back as the same double; 'g' drops trailing zeros.
    QString text = QString::number(value, 'g', 17);
    // Prefer the shortest form that still reads back exactly.
    for (int precision = 1; precision < 17; ++precision) {
        const QString shorter = QString::number(value, 'g', precision);
        if (shorter.toDouble() == value)
            return shorter;
    }
    return text;
}

} // namespace losslens
