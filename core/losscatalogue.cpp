#include "losscatalogue.h"

#include "losses/barron.h"
#include "losses/binarycrossentropy.h"
#include "losses/cauchy.h"
#include "losses/composite.h"
#include "losses/crossentropy.h"
#include "losses/epsiloninsensitive.h"
#include "losses/focal.h"
#include "losses/formula.h"
#include "losses/gemanmcclure.h"
#include "losses/huber.h"
#include "losses/logcosh.h"
#include "losses/mae.h"
#include "losses/margin.h"
#include "losses/mse.h"
#include "losses/quantile.h"
#include "losses/smoothl1.h"
#include "losses/tukey.h"
#include "losses/welsch.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace losslens {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LossCatalogue", text);
}

} // namespace

std::optional<ResidualScale> LossCatalogue::parseResidualScale(const QString &name,
                                                               const QString &text,
                                                               QString *error)
{
    ResidualScale scale;
    if (text.compare(QLatin1String("mad"), Qt::CaseInsensitive) == 0) {
        scale.mode = ResidualScale::Mode::MedianAbsoluteDeviation;
        return scale;
    }
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value) || !(value >= minimumResidualScale) ||
        value > maximumResidualScale) {
        *error = tr("%1: scale=%2 is not valid; the scale must be mad (estimated from the "
                    "residuals) or a number in [%3, %4].")
                     .arg(name, text, QString::number(minimumResidualScale, 'g', 6),
                          QString::number(maximumResidualScale, 'g', 6));
        return std::nullopt;
    }
    scale.value = value;
    return scale;
}

QStringList LossCatalogue::names()
{
    return {QStringLiteral("mse"),
            QStringLiteral("mae"),
            QStringLiteral("huber"),
            QStringLiteral("smooth_l1"),
            QStringLiteral("logcosh"),
            QStringLiteral("quantile"),
            QStringLiteral("epsilon_insensitive"),
            QStringLiteral("barron"),
            QStringLiteral("cauchy"),
            QStringLiteral("geman_mcclure"),
            QStringLiteral("welsch"),
            QStringLiteral("tukey"),
            QStringLiteral("bce"),
            QStringLiteral("focal"),
            QStringLiteral("hinge"),
            QStringLiteral("squared_hinge"),
            QStringLiteral("modified_huber"),
            QStringLiteral("exponential"),
            QStringLiteral("zero_one"),
            QStringLiteral("cross_entropy"),
            QStringLiteral("formula")};
}

std::unique_ptr<Loss> LossCatalogue::create(const QString &name)
{
    if (name == QLatin1String("mse"))
        return std::make_unique<MeanSquaredError>();
    if (name == QLatin1String("mae"))
        return std::make_unique<MeanAbsoluteError>();
    if (name == QLatin1String("huber"))
        return std::make_unique<HuberLoss>();
    if (name == QLatin1String("smooth_l1"))
        return std::make_unique<SmoothL1Loss>();
    if (name == QLatin1String("logcosh"))
        return std::make_unique<LogCoshLoss>();
    if (name == QLatin1String("quantile"))
        return std::make_unique<QuantileLoss>();
    if (name == QLatin1String("epsilon_insensitive"))
        return std::make_unique<EpsilonInsensitiveLoss>();
    if (name == QLatin1String("barron"))
        return std::make_unique<BarronLoss>();
    if (name == QLatin1String("cauchy"))
        return std::make_unique<CauchyLoss>();
    if (name == QLatin1String("geman_mcclure"))
        return std::make_unique<GemanMcClureLoss>();
    if (name == QLatin1String("welsch"))
        return std::make_unique<WelschLoss>();
    if (name == QLatin1String("tukey"))
        return std::make_unique<TukeyLoss>();
    if (name == QLatin1String("bce"))
        return std::make_unique<BinaryCrossEntropy>();
    if (name == QLatin1String("focal"))
        return std::make_unique<FocalLoss>();
    if (name == QLatin1String("hinge"))
        return std::make_unique<HingeLoss>();
    if (name == QLatin1String("squared_hinge"))
        return std::make_unique<SquaredHingeLoss>();
    if (name == QLatin1String("modified_huber"))
        return std::make_unique<ModifiedHuberLoss>();
    if (name == QLatin1String("exponential"))
        return std::make_unique<ExponentialLoss>();
    if (name == QLatin1String("zero_one"))
        return std::make_unique<ZeroOneLoss>();
    if (name == QLatin1String("cross_entropy"))
        return std::make_unique<CrossEntropyLoss>();
    if (name == QLatin1String("formula")) {
        // A Cauchy-shaped default, so the entry shows a robust loss until the user types one.
        QString error;
        return FormulaLoss::create(QStringLiteral("log(1 + e^2/2)"), &error);
    }
    return nullptr;
}

QString LossCatalogue::validateParameter(const Loss &loss, int index, double value)
{
    const LossParameter parameter = loss.parameters().at(index);
    // An infinite bound such as Barron's alpha = -inf is a valid value in its own right, but
    // NaN and any other infinity are rejected.
    const bool infiniteBound =
        std::isinf(value) && (value == parameter.minimum || value == parameter.maximum);
    const bool inRange =
        std::isfinite(value) && value >= parameter.minimum && value <= parameter.maximum;
    if (std::isnan(value)) {
        return tr("%1: %2=%3 is not a number; give a number in [%4, %5].")
            .arg(loss.name(), parameter.key, formatNumber(value),
                 QString::number(parameter.minimum, 'g', 6),
                 QString::number(parameter.maximum, 'g', 6));
    }
    // Where both bounds are finite, the message states that an infinity never counts.
    if (std::isinf(value) && !infiniteBound && std::isfinite(parameter.minimum) &&
        std::isfinite(parameter.maximum)) {
        return tr("%1: %2=%3 is out of range; it must be a finite number in [%4, %5].")
            .arg(loss.name(), parameter.key, formatNumber(value),
                 QString::number(parameter.minimum, 'g', 6),
                 QString::number(parameter.maximum, 'g', 6));
    }
    if (!infiniteBound && !inRange) {
        // formatNumber shows the value as typed: 1e-7 reads "1e-07", not "9.9999999999999995e-08".
        return tr("%1: %2=%3 is out of range; it must lie in [%4, %5].")
            .arg(loss.name(), parameter.key, formatNumber(value),
                 QString::number(parameter.minimum, 'g', 6),
                 QString::number(parameter.maximum, 'g', 6));
    }
    return {};
}

QString LossCatalogue::validateParameterList(const Loss &loss, int index,
                                             const QVector<double> &items)
{
    const LossParameter parameter = loss.parameters().at(index);
    const int count = static_cast<int>(items.size());
    if (count < parameter.minimumItems || count > parameter.maximumItems) {
        const QString rule =
            parameter.minimumItems == parameter.maximumItems
                ? tr("exactly %1").arg(parameter.minimumItems)
                : tr("from %1 to %2").arg(parameter.minimumItems).arg(parameter.maximumItems);
        return tr("%1: %2 needs %3 items, separated by '|', but has %4.")
            .arg(loss.name(), parameter.key, rule)
            .arg(count);
    }
    for (int i = 0; i < count; ++i) {
        const double item = items[i];
        if (std::isnan(item)) {
            return tr("%1: item %2 of %3 is %4, which is not a number; every item must be a "
                      "finite number in [%5, %6].")
                .arg(loss.name(), QString::number(i + 1), parameter.key, formatNumber(item),
                     QString::number(parameter.minimum, 'g', 6),
                     QString::number(parameter.maximum, 'g', 6));
        }
        if (!std::isfinite(item) || item < parameter.minimum || item > parameter.maximum) {
            return tr("%1: item %2 of %3 is %4, which is out of range; every item must be a "
                      "finite number in [%5, %6].")
                .arg(loss.name(), QString::number(i + 1), parameter.key, formatNumber(item),
                     QString::number(parameter.minimum, 'g', 6),
                     QString::number(parameter.maximum, 'g', 6));
        }
    }
    return {};
}

std::unique_ptr<Loss> LossCatalogue::parse(const QString &spec, QString *error)
{
    const QString trimmed = spec.trimmed();
    if (CompositeLoss::isCompositeSpec(trimmed))
        return CompositeLoss::parse(trimmed, error);
    const qsizetype colon = trimmed.indexOf(QLatin1Char(':'));
    const QString name = (colon < 0 ? trimmed : trimmed.left(colon)).trimmed().toLower();
    // A formula's text is one expression, not key=value pairs, so it is not split on commas.
    if (name == QLatin1String("formula")) {
        const QString expression = colon < 0 ? QString() : trimmed.mid(colon + 1);
        return FormulaLoss::create(expression, error);
    }
    std::unique_ptr<Loss> loss = create(name);
    if (!loss) {
        *error = tr("unknown loss \"%1\"; known losses are %2, formula:EXPR for a custom "
                    "loss, and sums such as 0.5*(mae) + 0.5*(mse) + l2(0.1).")
                     .arg(name, names().join(QStringLiteral(", ")));
        return nullptr;
    }
    if (colon < 0)
        return loss;

    QSet<QString> seen;
    // List parameters are set after the scalars, in declared order, because one list's rule may
    // depend on another: cross-entropy's others need K - 1 items, K being the weights' count.
    std::vector<std::pair<int, QVector<double>>> lists;
    const QStringList items = trimmed.mid(colon + 1).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        if (equals < 0) {
            *error = tr("invalid loss parameter \"%1\" in \"%2\"; write it as key=value.")
                         .arg(item.trimmed(), spec);
            return nullptr;
        }
        const QString key = item.left(equals).trimmed();
        const QString text = item.mid(equals + 1).trimmed();
        if (seen.contains(key)) {
            *error = tr("the parameter %1 is given twice in \"%2\".").arg(key, spec);
            return nullptr;
        }
        if (key == QLatin1String("scale") && loss->acceptsResidualScale()) {
            seen.insert(key);
            const std::optional<ResidualScale> scale = parseResidualScale(name, text, error);
            if (!scale)
                return nullptr;
            loss->setResidualScale(*scale);
            continue;
        }
        const int index = loss->parameterIndex(key);
        if (index < 0) {
            QStringList keys;
            for (const LossParameter &parameter : loss->parameters())
                keys << parameter.key;
            if (loss->acceptsResidualScale())
                keys << QStringLiteral("scale");
            *error =
                keys.isEmpty()
                    ? tr("the loss %1 takes no parameters, but \"%2\" was given.").arg(name, key)
                    : tr("unknown parameter \"%1\" for the loss %2; it takes %3.")
                          .arg(key, name, keys.join(QStringLiteral(", ")));
            return nullptr;
        }
        seen.insert(key);
        if (loss->parameters().at(index).isList) {
            QVector<double> values;
            // Empty parts are kept, so "1||2" reports its empty item rather than dropping it.
            const QStringList parts = text.split(QLatin1Char('|'));
            for (int i = 0; i < static_cast<int>(parts.size()); ++i) {
                bool ok = false;
                const double value = parts[i].trimmed().toDouble(&ok);
                if (!ok) {
                    *error = tr("%1: item %2 of %3 is \"%4\", which is not a number.")
                                 .arg(name, QString::number(i + 1), key, parts[i].trimmed());
                    return nullptr;
                }
                values << value;
            }
            lists.emplace_back(index, values);
            continue;
        }
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
    std::sort(lists.begin(), lists.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &[index, values] : lists) {
        const QString listError = validateParameterList(*loss, index, values);
        if (!listError.isEmpty()) {
            *error = listError;
            return nullptr;
        }
        loss->setParameterList(index, values);
    }
    return loss;
}

} // namespace losslens
