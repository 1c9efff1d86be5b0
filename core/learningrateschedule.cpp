#include "learningrateschedule.h"

#include "loss.h"

#include <QCoreApplication>
#include <QStringList>

#include <cmath>
#include <numbers>

namespace losslens {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LearningRateSchedule", text);
}

} // namespace

std::unique_ptr<LearningRateSchedule> LearningRateSchedule::parse(const QString &spec,
                                                                  QString *error)
{
    const QString trimmed = spec.trimmed();
    const qsizetype colon = trimmed.indexOf(QLatin1Char(':'));
    const QString name = (colon < 0 ? trimmed : trimmed.left(colon)).trimmed().toLower();
    Kind kind = Kind::Constant;
    QStringList keys;
    if (name == QLatin1String("constant")) {
        kind = Kind::Constant;
    } else if (name == QLatin1String("step")) {
        kind = Kind::Step;
        keys = {QStringLiteral("interval"), QStringLiteral("factor")};
    } else if (name == QLatin1String("exponential")) {
        kind = Kind::Exponential;
        keys = {QStringLiteral("factor")};
    } else if (name == QLatin1String("cosine")) {
        kind = Kind::Cosine;
        keys = {QStringLiteral("period"), QStringLiteral("minimum")};
    } else {
        *error = tr("Unknown learning rate schedule \"%1\"; known schedules are constant, "
                    "step:interval=K,factor=G, exponential:factor=G and "
                    "cosine:period=T,minimum=M.")
                     .arg(name);
        return nullptr;
    }
    auto schedule = std::make_unique<LearningRateSchedule>(kind);
    if (kind == Kind::Exponential)
        schedule->factor = 0.99;
    if (colon < 0)
        return schedule;
    const QStringList items = trimmed.mid(colon + 1).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const qsizetype equals = item.indexOf(QLatin1Char('='));
        const QString key = item.left(equals).trimmed();
        if (equals < 0 || !keys.contains(key)) {
            *error = keys.isEmpty()
                         ? tr("The schedule %1 takes no parameters, but \"%2\" was given.")
                               .arg(name, item.trimmed())
                         : tr("Invalid parameter \"%1\" for the schedule %2; it takes %3 as "
                              "key=value.")
                               .arg(item.trimmed(), name, keys.join(QStringLiteral(", ")));
            return nullptr;
        }
        bool ok = false;
        const QString text = item.mid(equals + 1).trimmed();
        const double value = text.toDouble(&ok);
        const bool whole = key == QLatin1String("interval") || key == QLatin1String("period");
        const bool valid = ok && std::isfinite(value) &&
                           (whole ? value >= 1.0 && value <= 1e9 && value == std::floor(value)
                            : key == QLatin1String("factor") ? value > 0.0 && value <= 1.0
                                                              : value >= 0.0);
        if (!valid) {
            const QString rule = whole ? tr("a whole number from 1 to 1e9")
                                 : key == QLatin1String("factor") ? tr("a number in (0, 1]")
                                                                   : tr("a number >= 0");
            *error = tr("schedule %1: %2=%3 is invalid; it must be %4.").arg(name, key, text, rule);
            return nullptr;
        }
        if (key == QLatin1String("interval"))
            schedule->interval = int(value);
        else if (key == QLatin1String("factor"))
            schedule->factor = value;
        else if (key == QLatin1String("period"))
            schedule->period = int(value);
        else
            schedule->minimum = value;
    }
    return schedule;
}

void LearningRateSchedule::reset(double baseRate)
{
    m_baseRate = baseRate;
    m_rate = baseRate;
    m_step = 0;
}

void LearningRateSchedule::advance()
{
    ++m_step;
    switch (m_kind) {
    case Kind::Constant:
        break;
    case Kind::Step:
        if (m_step % interval == 0)
            m_rate *= factor;
        break;
    case Kind::Exponential:
        m_rate *= factor;
        break;
    case Kind::Cosine: {
        // CosineAnnealingLR's recursive form: at the turning points (t - 1 - T) mod 2T = 0 it
        // adds (lr - m)(1 - cos(pi / T)) / 2, elsewhere it scales lr - m by the ratio of
        // successive (1 + cos(pi t / T)).
        const double pi = std::numbers::pi;
        const double t = double(m_step);
        const double periodLength = double(period);
        if ((m_step - 1 - period) % (2 * static_cast<long long>(period)) == 0) {
            m_rate = m_rate + (m_baseRate - minimum) * (1.0 - std::cos(pi / periodLength)) / 2.0;
        } else {
            m_rate = (1.0 + std::cos(pi * t / periodLength)) /
                         (1.0 + std::cos(pi * (t - 1.0) / periodLength)) * (m_rate - minimum) +
                     minimum;
        }
        break;
    }
    }
}

QString LearningRateSchedule::spec() const
{
    switch (m_kind) {
    case Kind::Constant:
        return QStringLiteral("constant");
    case Kind::Step:
        return QStringLiteral("step:interval=%1,factor=%2").arg(interval).arg(formatNumber(factor));
    case Kind::Exponential:
        return QStringLiteral("exponential:factor=%1").arg(formatNumber(factor));
    case Kind::Cosine:
        return QStringLiteral("cosine:period=%1,minimum=%2").arg(period).arg(formatNumber(minimum));
    }
    return {};
}

} // namespace losslens
