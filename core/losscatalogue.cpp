#include "losscatalogue.h"

#include "losses/binarycrossentropy.h"
#include "losses/huber.h"
#include "losses/mae.h"
#include "losses/mse.h"

#include <QCoreApplication>
#include <QSet>

#include <cmath>

namespace losslens {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LossCatalogue", text);
}

} // namespace

QStringList LossCatalogue::names()
{
    return {QStringLiteral("mse"), QStringLiteral("mae"), QStringLiteral("huber"),
            QStringLiteral("bce")};
}

std::unique_ptr<Loss> LossCatalogue::create(const QString &name)
{
    if (name == QLatin1String("mse"))
        return std::make_unique<MeanSquaredError>();
    if (name == QLatin1String("mae"))
        return std::make_unique<MeanAbsoluteError>();
    if (name == QLatin1String("huber"))
        return std::make_unique<HuberLoss>();
    if (name == QLatin1String("bce"))
        return std::make_unique<BinaryCrossEntropy>();
    return nullptr;
}

QString LossCatalogue::validateParameter(const Loss &loss, int index, double value)
{
    const LossParameter parameter = loss.parameters().at(index);
    if (!std::isfinite(value) || value < parameter.minimum || value > parameter.maximum) {
        // formatNumber shows the value as typed: 1e-7 reads "1e-07", not "9.9999999999999995e-08".
        return tr("%1: %2=%3 is out of range; it must lie in [%4, %5].")
            .arg(loss.name(), parameter.key, formatNumber(value),
                 QString::number(parameter.minimum, 'g', 6),
                 QString::number(parameter.maximum, 'g', 6));
    }
    return {};
}

std::unique_ptr<Loss> LossCatalogue::parse(const QString &spec, QString *error)
{
    const QString trimmed = spec.trimmed();
    const qsizetype colon = trimmed.indexOf(QLatin1Char(':'));
    const QString name = (colon < 0 ? trimmed : trimmed.left(colon)).trimmed().toLower();
    std::unique_ptr<Loss> loss = create(name);
    if (!loss) {
        *error = tr("Unknown loss \"%1\"; known losses are %2.")
                     .arg(name, names().join(QStringLiteral(", ")));
        return nullptr;
    }
    if (colon < 0)
        return loss;

    QSet<QString> seen;
    const QStringList items = trimmed.mid(colon + 1).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        if (equals < 0) {
            *error = tr("Invalid loss parameter \"%1\" in \"%2\"; write it as key=value.")
                         .arg(item.trimmed(), spec);
            return nullptr;
        }
        const QString key = item.left(equals).trimmed();
        const QString text = item.mid(equals + 1).trimmed();
        const int index = loss->parameterIndex(key);
        if (index < 0) {
            QStringList keys;
            for (const LossParameter &parameter : loss->parameters())
                keys << parameter.key;
            *error =
                keys.isEmpty()
                    ? tr("The loss %1 takes no parameters, but \"%2\" was given.").arg(name, key)
                    : tr("Unknown parameter \"%1\" for the loss %2; it takes %3.")
                          .arg(key, name, keys.join(QStringLiteral(", ")));
            return nullptr;
        }
        if (seen.contains(key)) {
            *error = tr("The parameter %1 is given twice in \"%2\".").arg(key, spec);
            return nullptr;
        }
        seen.insert(key);
        bool ok = false;
        const double value = text.toDouble(&ok);
        if (!ok) {
            *error =
                tr("%1: the value of %2 is \"%3\", which is not a number.").arg(name, key, text);
            return nullptr;
        }
        const QString rangeError = validateParameter(*loss, index, value);
        if (!rangeError.isEmpty()) {
            *error = rangeError;
            return nullptr;
        }
        loss->setParameterValue(index, value);
    }
    return loss;
}

} // namespace losslens
