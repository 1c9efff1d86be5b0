#include "sessionjson.h"

#include "core/losscatalogue.h"
#include "core/optimizercatalogue.h"

#include <QCoreApplication>

#include <cmath>

namespace losslens {

namespace {

// tr() of this file's messages, in the "SessionFile" context of the translation files.
struct SessionFile
{
    Q_DECLARE_TR_FUNCTIONS(SessionFile)
};

QJsonArray vectorToJson(const Eigen::VectorXd &values)
{
    QJsonArray array;
    for (const double value : values)
        array.append(value);
    return array;
}

} // namespace

QJsonObject lineToJson(const LineParameters &line)
{
    return {{QStringLiteral("slope"), line.slope}, {QStringLiteral("intercept"), line.intercept}};
}

QJsonObject optimizerToJson(const OptimizerSettings &settings)
{
    return {{QStringLiteral("optimizer"), settings.optimizer->spec()},
            {QStringLiteral("schedule"), settings.schedule.spec()}};
}

QJsonObject rangeToJson(const ViewRange &range)
{
    return {{QStringLiteral("horizontal"),
             QJsonArray{range.horizontalMinimum, range.horizontalMaximum}},
            {QStringLiteral("vertical"), QJsonArray{range.verticalMinimum, range.verticalMaximum}}};
}

QJsonObject datasetToJson(const Dataset &data)
{
    return {{QStringLiteral("source"), data.source},
            {QStringLiteral("feature_name"), data.featureName},
            {QStringLiteral("target_name"), data.targetName},
            {QStringLiteral("feature"), vectorToJson(data.feature)},
            {QStringLiteral("target"), vectorToJson(data.target)}};
}

void SessionReader::fail(const QString &path, const QString &problem)
{
    if (failed())
        return;
    // Problems quoted from a parser may end in a full stop already.
    QString text = problem;
    while (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    m_message = SessionFile::tr("%1: %2 %3.").arg(m_fileName, path, text);
}

QJsonValue SessionReader::member(const QJsonObject &object, const QString &path,
                                 const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        fail(join(path, key), SessionFile::tr("is missing"));
    return value;
}

QJsonObject SessionReader::object(const QJsonObject &parent, const QString &path,
                                  const QString &key)
{
    const QJsonValue value = member(parent, path, key);
    if (!value.isUndefined() && !value.isObject())
        fail(join(path, key), SessionFile::tr("must be an object"));
    return value.toObject();
}

QJsonArray SessionReader::array(const QJsonObject &parent, const QString &path,
                                const QString &key)
{
    const QJsonValue value = member(parent, path, key);
    if (!value.isUndefined() && !value.isArray())
        fail(join(path, key), SessionFile::tr("must be an array"));
    return value.toArray();
}

QString SessionReader::string(const QJsonObject &parent, const QString &path, const QString &key)
{
    const QJsonValue value = member(parent, path, key);
    if (!value.isUndefined() && !value.isString())
        fail(join(path, key), SessionFile::tr("must be a string"));
    return value.toString();
}

bool SessionReader::boolean(const QJsonObject &parent, const QString &path, const QString &key)
{
    const QJsonValue value = member(parent, path, key);
    if (!value.isUndefined() && !value.isBool())
        fail(join(path, key), SessionFile::tr("must be true or false"));
    return value.toBool();
}

double SessionReader::number(const QJsonValue &value, const QString &path)
{
    if (!value.isDouble()) {
        fail(path, SessionFile::tr("must be a number"));
        return 0.0;
    }
    const double number = value.toDouble();
    // JSON has no inf or NaN, but a huge literal such as 1e999 reads as inf.
    if (!std::isfinite(number) || std::abs(number) > maximumDataMagnitude) {
        fail(path, SessionFile::tr("must be a finite number of magnitude at most 1e150, not %1")
                       .arg(formatNumber(number)));
        return 0.0;
    }
    return number;
}

double SessionReader::number(const QJsonObject &parent, const QString &path, const QString &key)
{
    return number(member(parent, path, key), join(path, key));
}

int SessionReader::index(const QJsonObject &parent, const QString &path, const QString &key,
                         int minimum, int maximum)
{
    const QJsonValue value = member(parent, path, key);
    const double number = value.toDouble(-1e300);
    if (!value.isUndefined() &&
        (!value.isDouble() || number != std::floor(number) || number < minimum ||
         number > maximum)) {
        fail(join(path, key), SessionFile::tr("must be a whole number from %1 to %2, not %3")
                                  .arg(minimum)
                                  .arg(maximum)
                                  .arg(value.toVariant().toString()));
        return minimum;
    }
    return static_cast<int>(number);
}

QColor SessionReader::colour(const QJsonObject &parent, const QString &path, const QString &key)
{
    const QString text = string(parent, path, key);
    const QColor colour = QColor::fromString(text);
    if (!failed() && !colour.isValid())
        fail(join(path, key),
             SessionFile::tr("must be a colour such as #1f77b4, not \"%1\"").arg(text));
    return colour.isValid() ? colour : QColor(Qt::black);
}

LineParameters SessionReader::line(const QJsonObject &parent, const QString &path,
                                   const QString &key)
{
    const QJsonObject object = this->object(parent, path, key);
    const QString inner = join(path, key);
    return {number(object, inner, QStringLiteral("slope")),
            number(object, inner, QStringLiteral("intercept"))};
}

Eigen::VectorXd SessionReader::vector(const QJsonObject &parent, const QString &path,
                                      const QString &key)
{
    const QJsonArray array = this->array(parent, path, key);
    Eigen::VectorXd values(array.size());
    for (qsizetype i = 0; i < array.size() && !failed(); ++i)
        values[i] = number(array.at(i), QStringLiteral("%1[%2]").arg(join(path, key)).arg(i));
    return values;
}

QStringList SessionReader::strings(const QJsonObject &parent, const QString &path,
                                   const QString &key)
{
    const QJsonArray array = this->array(parent, path, key);
    QStringList values;
    for (qsizetype i = 0; i < array.size() && !failed(); ++i) {
        if (!array.at(i).isString())
            fail(QStringLiteral("%1[%2]").arg(join(path, key)).arg(i),
                 SessionFile::tr("must be a string"));
        values << array.at(i).toString();
    }
    return values;
}

std::optional<OptimizerSettings> SessionReader::optimizer(const QJsonObject &parent,
                                                          const QString &path, const QString &key)
{
    const QJsonObject object = this->object(parent, path, key);
    const QString inner = join(path, key);
    const QString optimizerSpec = string(object, inner, QStringLiteral("optimizer"));
    const QString scheduleSpec = string(object, inner, QStringLiteral("schedule"));
    if (failed())
        return std::nullopt;
    QString problem;
    std::shared_ptr<const Optimizer> optimizer = OptimizerCatalogue::parse(optimizerSpec, &problem);
    if (!optimizer) {
        fail(join(inner, QStringLiteral("optimizer")),
             SessionFile::tr("is invalid: %1").arg(problem));
        return std::nullopt;
    }
    const auto schedule = LearningRateSchedule::parse(scheduleSpec, &problem);
    if (!schedule) {
        fail(join(inner, QStringLiteral("schedule")),
             SessionFile::tr("is invalid: %1").arg(problem));
        return std::nullopt;
    }
    return OptimizerSettings{optimizer, *schedule};
}

std::shared_ptr<const Loss> SessionReader::loss(const QJsonValue &value, const QString &path)
{
    if (!value.isString()) {
        fail(path, SessionFile::tr("must be a loss spec such as \"huber:delta=1\""));
        return nullptr;
    }
    QString problem;
    std::shared_ptr<const Loss> loss = LossCatalogue::parse(value.toString(), &problem);
    if (!loss)
        fail(path, SessionFile::tr("is invalid: %1").arg(problem));
    return loss;
}

std::optional<ViewRange> SessionReader::range(const QJsonObject &parent, const QString &path,
                                              const QString &key)
{
    if (!parent.contains(key) || parent.value(key).isNull())
        return std::nullopt;
    const QJsonObject object = this->object(parent, path, key);
    const QString inner = join(path, key);
    const QJsonArray horizontal = array(object, inner, QStringLiteral("horizontal"));
    const QJsonArray vertical = array(object, inner, QStringLiteral("vertical"));
    if (failed())
        return std::nullopt;
    if (horizontal.size() != 2 || vertical.size() != 2) {
        fail(inner, SessionFile::tr("must give two numbers for each axis"));
        return std::nullopt;
    }
    const ViewRange range{number(horizontal[0], inner + QStringLiteral(".horizontal[0]")),
                          number(horizontal[1], inner + QStringLiteral(".horizontal[1]")),
                          number(vertical[0], inner + QStringLiteral(".vertical[0]")),
                          number(vertical[1], inner + QStringLiteral(".vertical[1]"))};
    if (!failed() && (!(range.horizontalMinimum < range.horizontalMaximum) ||
                      !(range.verticalMinimum < range.verticalMaximum))) {
        fail(inner, SessionFile::tr("must have each minimum below its maximum"));
    }
    return failed() ? std::nullopt : std::optional<ViewRange>(range);
}

std::shared_ptr<Dataset> SessionReader::dataset(const QJsonObject &parent, const QString &path,
                                                const QString &key)
{
    const QJsonObject object = this->object(parent, path, key);
    const QString inner = join(path, key);
    auto data = std::make_shared<Dataset>();
    data->source = string(object, inner, QStringLiteral("source"));
    data->featureName = string(object, inner, QStringLiteral("feature_name"));
    data->targetName = string(object, inner, QStringLiteral("target_name"));
    data->feature = vector(object, inner, QStringLiteral("feature"));
    data->target = vector(object, inner, QStringLiteral("target"));
    if (!failed() && data->feature.size() < 2)
        fail(inner,
             SessionFile::tr("must contain at least two points, not %1").arg(data->feature.size()));
    if (!failed() && data->feature.size() != data->target.size()) {
        fail(inner, SessionFile::tr("has %1 feature values but %2 targets")
                        .arg(data->feature.size())
                        .arg(data->target.size()));
    }
    // The same check as a CSV file's data gets: a line needs two distinct feature values.
    if (!failed()) {
        if (const QString problem = lineFitProblem(*data); !problem.isEmpty())
            fail(inner, SessionFile::tr("cannot be fitted: %1").arg(problem));
    }
    return data;
}

QString SessionReader::join(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

} // namespace losslens
