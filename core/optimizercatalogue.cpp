#include "optimizercatalogue.h"

#include "loss.h"

#include "optimizers/adagrad.h"
#include "optimizers/adam.h"
#include "optimizers/adamw.h"
#include "optimizers/rmsprop.h"
#include "optimizers/sgd.h"

#include <QCoreApplication>
#include <QSet>

#include <cmath>

namespace losslens {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("OptimizerCatalogue", text);
}

} // namespace

QStringList OptimizerCatalogue::names()
{
    return {QStringLiteral("gd"),      QStringLiteral("sgd"),     QStringLiteral("momentum"),
            QStringLiteral("nesterov"), QStringLiteral("adagrad"), QStringLiteral("rmsprop"),
            QStringLiteral("adam"),    QStringLiteral("adamw")};
}

std::unique_ptr<Optimizer> OptimizerCatalogue::create(const QString &name)
{
    using Variant = StochasticGradientDescent::Variant;
    if (name == QLatin1String("gd"))
        return std::make_unique<StochasticGradientDescent>(Variant::GradientDescent);
    if (name == QLatin1String("sgd"))
        return std::make_unique<StochasticGradientDescent>(Variant::Stochastic);
    if (name == QLatin1String("momentum"))
        return std::make_unique<StochasticGradientDescent>(Variant::Momentum);
    if (name == QLatin1String("nesterov"))
        return std::make_unique<StochasticGradientDescent>(Variant::Nesterov);
    if (name == QLatin1String("adagrad"))
        return std::make_unique<Adagrad>();
    if (name == QLatin1String("rmsprop"))
        return std::make_unique<RmsProp>();
    if (name == QLatin1String("adam"))
        return std::make_unique<Adam>();
    if (name == QLatin1String("adamw"))
        return std::make_unique<AdamW>();
    return nullptr;
}

QString OptimizerCatalogue::validateParameter(const Optimizer &optimizer, int index, double value)
{
    const OptimizerParameter parameter = optimizer.parameters().at(index);
    const bool inRange =
        std::isfinite(value) && value >= parameter.minimum && value <= parameter.maximum;
    if (!inRange || (parameter.isInteger && value != std::floor(value))) {
        return tr("%1: %2=%3 is invalid; it must be %4 in [%5, %6].")
            .arg(optimizer.name(), parameter.key, formatNumber(value),
                 parameter.isInteger ? tr("a whole number") : tr("a number"),
                 QString::number(parameter.minimum, 'g', 10),
                 QString::number(parameter.maximum, 'g', 10));
    }
    return {};
}

std::unique_ptr<Optimizer> OptimizerCatalogue::parse(const QString &spec, QString *error)
{
    const QString trimmed = spec.trimmed();
    const qsizetype colon = trimmed.indexOf(QLatin1Char(':'));
    const QString name = (colon < 0 ? trimmed : trimmed.left(colon)).trimmed().toLower();
    std::unique_ptr<Optimizer> optimizer = create(name);
    if (!optimizer) {
        *error = tr("Unknown optimizer \"%1\"; known optimizers are %2.")
                     .arg(name, names().join(QStringLiteral(", ")));
        return nullptr;
    }
    if (colon < 0)
        return optimizer;
    QSet<QString> seen;
    const QStringList items = trimmed.mid(colon + 1).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        // PyTorch's short names lr and eps are accepted for learning_rate and epsilon.
        QString key = item.left(equals).trimmed();
        if (key == QLatin1String("lr"))
            key = QStringLiteral("learning_rate");
        else if (key == QLatin1String("eps"))
            key = QStringLiteral("epsilon");
        const int index = equals < 0 ? -1 : optimizer->parameterIndex(key);
        if (index < 0) {
            QStringList keys;
            for (const OptimizerParameter &parameter : optimizer->parameters())
                keys << parameter.key;
            *error = tr("Invalid optimizer parameter \"%1\" for %2; it takes %3 as key=value "
                        "(lr and eps also name learning_rate and epsilon).")
                         .arg(item.trimmed(), name, keys.join(QStringLiteral(", ")));
            return nullptr;
        }
        if (seen.contains(key)) {
            *error = tr("The parameter %1 is given twice in \"%2\".").arg(key, spec);
            return nullptr;
        }
        seen.insert(key);
        bool ok = false;
        const QString text = item.mid(equals + 1).trimmed();
        const double value = text.toDouble(&ok);
        if (!ok) {
            *error = tr("%1: the value of %2 is \"%3\", which is not a number.").arg(name, key, text);
            return nullptr;
        }
        const QString rangeError = validateParameter(*optimizer, index, value);
        if (!rangeError.isEmpty()) {
            *error = rangeError;
            return nullptr;
        }
        optimizer->setParameterValue(index, value);
    }
    return optimizer;
}

} // namespace losslens
