#include "optimizer.h"

#include "loss.h"

#include <QStringList>

namespace losslens {

double Optimizer::parameterValue(int index) const
{
    return m_values.at(index);
}

void Optimizer::setParameterValue(int index, double value)
{
    m_values.at(index) = value;
}

int Optimizer::parameterIndex(const QString &key) const
{
    const auto declared = parameters();
    for (int i = 0; i < static_cast<int>(declared.size()); ++i) {
        if (declared[i].key == key)
            return i;
    }
    return -1;
}

QString Optimizer::spec() const
{
    const auto declared = parameters();
    QStringList items;
    for (int i = 0; i < static_cast<int>(declared.size()); ++i)
        items << declared[i].key + QLatin1Char('=') + formatNumber(m_values[i]);
    return name() + QLatin1Char(':') + items.join(QLatin1Char(','));
}

QString Optimizer::label() const
{
    return QStringLiteral("%1 (learning_rate=%2)").arg(displayName()).arg(learningRate(), 0, 'g', 4);
}

} // namespace losslens
