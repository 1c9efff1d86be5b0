#include "sessionfile.h"

#include "core/losscatalogue.h"
#include "core/optimizercatalogue.h"
#include "uilogging.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>
#include <functional>

namespace losslens {

namespace {

const QString formatName = QStringLiteral("losslens-session");
qint64 writeFailureAfter = -1;

QString tr(const char *text)
{
    return QCoreApplication::translate("SessionFile", text);
}

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

QJsonArray vectorToJson(const Eigen::VectorXd &values)
{
    QJsonArray array;
    for (const double value : values)
        array.append(value);
    return array;
}

// Reads the entries of a document, remembering the first problem. Every accessor returns a
// harmless default after a problem, so parsing can go on without checks at each step, and the
// message names the file and the path of the entry, as in "runs[2].colour".
class Reader
{
public:
    explicit Reader(const QString &fileName) : m_fileName(fileName) {}

    bool failed() const { return !m_message.isEmpty(); }
    QString message() const { return m_message; }

    void fail(const QString &path, const QString &problem)
    {
        if (failed())
            return;
        m_message = tr("%1: %2 %3.").arg(m_fileName, path, problem);
    }

    QJsonValue member(const QJsonObject &object, const QString &path, const QString &key)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            fail(join(path, key), tr("is missing"));
        return value;
    }

    QJsonObject object(const QJsonObject &parent, const QString &path, const QString &key)
    {
        const QJsonValue value = member(parent, path, key);
        if (!value.isUndefined() && !value.isObject())
            fail(join(path, key), tr("must be an object"));
        return value.toObject();
    }

    QJsonArray array(const QJsonObject &parent, const QString &path, const QString &key)
    {
        const QJsonValue value = member(parent, path, key);
        if (!value.isUndefined() && !value.isArray())
            fail(join(path, key), tr("must be an array"));
        return value.toArray();
    }

    QString string(const QJsonObject &parent, const QString &path, const QString &key)
    {
        const QJsonValue value = member(parent, path, key);
        if (!value.isUndefined() && !value.isString())
            fail(join(path, key), tr("must be a string"));
        return value.toString();
    }

    bool boolean(const QJsonObject &parent, const QString &path, const QString &key)
    {
        const QJsonValue value = member(parent, path, key);
        if (!value.isUndefined() && !value.isBool())
            fail(join(path, key), tr("must be true or false"));
        return value.toBool();
    }

    double number(const QJsonValue &value, const QString &path)
    {
        if (!value.isDouble()) {
            fail(path, tr("must be a number"));
            return 0.0;
        }
        const double number = value.toDouble();
        // JSON has no inf or NaN, but a huge literal such as 1e999 reads as inf.
        if (!std::isfinite(number) || std::abs(number) > maximumDataMagnitude) {
            fail(path, tr("must be a finite number of magnitude at most 1e150, not %1")
                           .arg(formatNumber(number)));
            return 0.0;
        }
        return number;
    }

    double number(const QJsonObject &parent, const QString &path, const QString &key)
    {
        return number(member(parent, path, key), join(path, key));
    }

    int index(const QJsonObject &parent, const QString &path, const QString &key, int minimum,
              int maximum)
    {
        const QJsonValue value = member(parent, path, key);
        const double number = value.toDouble(-1e300);
        if (!value.isUndefined() &&
            (!value.isDouble() || number != std::floor(number) || number < minimum ||
             number > maximum)) {
            fail(join(path, key), tr("must be a whole number from %1 to %2, not %3")
                                      .arg(minimum)
                                      .arg(maximum)
                                      .arg(value.toVariant().toString()));
            return minimum;
        }
        return static_cast<int>(number);
    }

    QColor colour(const QJsonObject &parent, const QString &path, const QString &key)
    {
        const QString text = string(parent, path, key);
        const QColor colour = QColor::fromString(text);
        if (!failed() && !colour.isValid())
            fail(join(path, key), tr("must be a colour such as #1f77b4, not \"%1\"").arg(text));
        return colour.isValid() ? colour : QColor(Qt::black);
    }

    LineParameters line(const QJsonObject &parent, const QString &path, const QString &key)
    {
        const QJsonObject object = this->object(parent, path, key);
        const QString inner = join(path, key);
        return {number(object, inner, QStringLiteral("slope")),
                number(object, inner, QStringLiteral("intercept"))};
    }

    Eigen::VectorXd vector(const QJsonObject &parent, const QString &path, const QString &key)
    {
        const QJsonArray array = this->array(parent, path, key);
        Eigen::VectorXd values(array.size());
        for (qsizetype i = 0; i < array.size() && !failed(); ++i)
            values[i] = number(array.at(i), QStringLiteral("%1[%2]").arg(join(path, key)).arg(i));
        return values;
    }

    std::optional<OptimizerSettings> optimizer(const QJsonObject &parent, const QString &path,
                                               const QString &key)
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
            fail(join(inner, QStringLiteral("optimizer")), tr("is invalid: %1").arg(problem));
            return std::nullopt;
        }
        const auto schedule = LearningRateSchedule::parse(scheduleSpec, &problem);
        if (!schedule) {
            fail(join(inner, QStringLiteral("schedule")), tr("is invalid: %1").arg(problem));
            return std::nullopt;
        }
        return OptimizerSettings{optimizer, *schedule};
    }

    std::optional<ViewRange> range(const QJsonObject &parent, const QString &path,
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
            fail(inner, tr("must give two numbers for each axis"));
            return std::nullopt;
        }
        const ViewRange range{number(horizontal[0], inner + QStringLiteral(".horizontal[0]")),
                              number(horizontal[1], inner + QStringLiteral(".horizontal[1]")),
                              number(vertical[0], inner + QStringLiteral(".vertical[0]")),
                              number(vertical[1], inner + QStringLiteral(".vertical[1]"))};
        if (!failed() && (!(range.horizontalMinimum < range.horizontalMaximum) ||
                          !(range.verticalMinimum < range.verticalMaximum))) {
            fail(inner, tr("must have each minimum below its maximum"));
        }
        return failed() ? std::nullopt : std::optional<ViewRange>(range);
    }

private:
    static QString join(const QString &path, const QString &key)
    {
        return path.isEmpty() ? key : path + QLatin1Char('.') + key;
    }

    QString m_fileName;
    QString m_message;
};

// Upgrades a document of an older format version, one version at a time, to the current one.
// Version 1 is the first, so no step exists yet. A later version that renames or adds an entry
// adds its step here, keyed by the version it upgrades from.
QJsonObject upgraded(QJsonObject document, int version)
{
    const std::vector<std::function<void(QJsonObject &)>> steps;
    for (int from = version; from < sessionFormatVersion; ++from)
        steps.at(from - 1)(document);
    return document;
}

} // namespace

QByteArray sessionToJson(const SessionDocument &document)
{
    const SessionState &state = document.state;
    QJsonObject data{{QStringLiteral("source"), state.data->source},
                     {QStringLiteral("feature_name"), state.data->featureName},
                     {QStringLiteral("target_name"), state.data->targetName},
                     {QStringLiteral("feature"), vectorToJson(state.data->feature)},
                     {QStringLiteral("target"), vectorToJson(state.data->target)}};
    QJsonArray losses;
    for (const LossEntry &entry : state.losses) {
        losses.append(QJsonObject{{QStringLiteral("spec"), entry.loss->spec()},
                                  {QStringLiteral("enabled"), entry.enabled},
                                  {QStringLiteral("colour"), entry.colour.name(QColor::HexRgb)},
                                  {QStringLiteral("removable"), entry.removable}});
    }
    QJsonArray runs;
    for (const RunEntry &run : state.runs) {
        QJsonObject object{{QStringLiteral("loss"), run.lossIndex},
                           {QStringLiteral("colour"), run.colour.name(QColor::HexRgb)},
                           {QStringLiteral("learn_shape"), run.learnShape},
                           {QStringLiteral("learn_scale"), run.learnScale}};
        if (run.optimizer)
            object.insert(QStringLiteral("optimizer"), optimizerToJson(*run.optimizer));
        if (run.start)
            object.insert(QStringLiteral("start"), lineToJson(*run.start));
        runs.append(object);
    }
    QJsonObject views;
    if (document.landscapeRange)
        views.insert(QStringLiteral("landscape"), rangeToJson(*document.landscapeRange));
    if (document.dataRange)
        views.insert(QStringLiteral("data"), rangeToJson(*document.dataRange));

    const QJsonObject root{{QStringLiteral("format"), formatName},
                           {QStringLiteral("version"), sessionFormatVersion},
                           {QStringLiteral("data"), data},
                           {QStringLiteral("losses"), losses},
                           {QStringLiteral("current_loss"), state.currentLoss},
                           {QStringLiteral("optimizer"), optimizerToJson(state.optimizer)},
                           {QStringLiteral("runs"), runs},
                           {QStringLiteral("selected_run"), state.selectedRun},
                           {QStringLiteral("standardize"), state.standardize},
                           {QStringLiteral("start"), lineToJson(state.start)},
                           {QStringLiteral("views"), views}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<SessionDocument> sessionFromJson(const QByteArray &json, const QString &fileName,
                                               QString *error)
{
    const QString name = QFileInfo(fileName).fileName();
    QJsonParseError parseError;
    const QJsonDocument parsed = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // The offset is in bytes; a line number is what an editor shows.
        const QByteArray before = json.left(parseError.offset);
        const qsizetype line = before.count('\n') + 1;
        *error = tr("%1 is not a LossLens session: broken JSON at line %2 (%3).")
                     .arg(name)
                     .arg(line)
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    if (!parsed.isObject() || parsed.object().value(QStringLiteral("format")) != formatName) {
        *error = tr("%1 is not a LossLens session: its \"format\" entry is not \"%2\".")
                     .arg(name, formatName);
        return std::nullopt;
    }
    QJsonObject root = parsed.object();
    const QJsonValue versionValue = root.value(QStringLiteral("version"));
    const int version = versionValue.isDouble() ? versionValue.toInt(0) : 0;
    if (version < 1) {
        *error = tr("%1: the format version is missing or invalid.").arg(name);
        return std::nullopt;
    }
    if (version > sessionFormatVersion) {
        *error = tr("%1 was saved by a newer LossLens (session format %2; this version reads up "
                    "to %3). Open it with a newer LossLens.")
                     .arg(name)
                     .arg(version)
                     .arg(sessionFormatVersion);
        return std::nullopt;
    }
    if (version < sessionFormatVersion) {
        qCDebug(lcUi) << "upgrading session" << fileName << "from format" << version;
        root = upgraded(root, version);
    }

    Reader reader(name);
    SessionDocument document;
    SessionState &state = document.state;

    const QJsonObject dataObject = reader.object(root, {}, QStringLiteral("data"));
    auto data = std::make_shared<Dataset>();
    data->source = reader.string(dataObject, QStringLiteral("data"), QStringLiteral("source"));
    data->featureName =
        reader.string(dataObject, QStringLiteral("data"), QStringLiteral("feature_name"));
    data->targetName =
        reader.string(dataObject, QStringLiteral("data"), QStringLiteral("target_name"));
    data->feature = reader.vector(dataObject, QStringLiteral("data"), QStringLiteral("feature"));
    data->target = reader.vector(dataObject, QStringLiteral("data"), QStringLiteral("target"));
    if (!reader.failed() && data->feature.size() < 2) {
        reader.fail(QStringLiteral("data"), tr("must contain at least two points, not %1")
                                                .arg(data->feature.size()));
    }
    if (!reader.failed() && data->feature.size() != data->target.size()) {
        reader.fail(QStringLiteral("data"),
                    tr("has %1 feature values but %2 targets")
                        .arg(data->feature.size())
                        .arg(data->target.size()));
    }
    state.data = data;

    const QJsonArray losses = reader.array(root, {}, QStringLiteral("losses"));
    if (!reader.failed() && losses.isEmpty())
        reader.fail(QStringLiteral("losses"), tr("must list at least one loss"));
    for (qsizetype i = 0; i < losses.size() && !reader.failed(); ++i) {
        const QString path = QStringLiteral("losses[%1]").arg(i);
        if (!losses[i].isObject()) {
            reader.fail(path, tr("must be an object"));
            break;
        }
        const QJsonObject object = losses[i].toObject();
        LossEntry entry;
        const QString spec = reader.string(object, path, QStringLiteral("spec"));
        entry.enabled = reader.boolean(object, path, QStringLiteral("enabled"));
        entry.colour = reader.colour(object, path, QStringLiteral("colour"));
        entry.removable = reader.boolean(object, path, QStringLiteral("removable"));
        if (reader.failed())
            break;
        QString problem;
        std::shared_ptr<const Loss> loss = LossCatalogue::parse(spec, &problem);
        if (!loss) {
            reader.fail(path + QStringLiteral(".spec"), tr("is invalid: %1").arg(problem));
            break;
        }
        entry.loss = loss;
        state.losses.push_back(entry);
    }
    const int lossCount = static_cast<int>(state.losses.size());
    state.currentLoss =
        reader.index(root, {}, QStringLiteral("current_loss"), 0, std::max(0, lossCount - 1));
    if (auto optimizer = reader.optimizer(root, {}, QStringLiteral("optimizer")))
        state.optimizer = *optimizer;

    const QJsonArray runs = reader.array(root, {}, QStringLiteral("runs"));
    for (qsizetype i = 0; i < runs.size() && !reader.failed(); ++i) {
        const QString path = QStringLiteral("runs[%1]").arg(i);
        if (!runs[i].isObject()) {
            reader.fail(path, tr("must be an object"));
            break;
        }
        const QJsonObject object = runs[i].toObject();
        RunEntry run;
        run.lossIndex =
            reader.index(object, path, QStringLiteral("loss"), 0, std::max(0, lossCount - 1));
        run.colour = reader.colour(object, path, QStringLiteral("colour"));
        run.learnShape = reader.boolean(object, path, QStringLiteral("learn_shape"));
        run.learnScale = reader.boolean(object, path, QStringLiteral("learn_scale"));
        if (object.contains(QStringLiteral("optimizer")))
            run.optimizer = reader.optimizer(object, path, QStringLiteral("optimizer"));
        if (object.contains(QStringLiteral("start")))
            run.start = reader.line(object, path, QStringLiteral("start"));
        state.runs.push_back(run);
    }
    const int runCount = static_cast<int>(state.runs.size());
    state.selectedRun = reader.index(root, {}, QStringLiteral("selected_run"),
                                     runCount == 0 ? -1 : 0, runCount - 1);
    state.standardize = reader.boolean(root, {}, QStringLiteral("standardize"));
    state.start = reader.line(root, {}, QStringLiteral("start"));

    const QJsonObject views = root.value(QStringLiteral("views")).toObject();
    document.landscapeRange =
        reader.range(views, QStringLiteral("views"), QStringLiteral("landscape"));
    document.dataRange = reader.range(views, QStringLiteral("views"), QStringLiteral("data"));

    if (reader.failed()) {
        *error = reader.message();
        return std::nullopt;
    }
    return document;
}

bool writeSessionFile(const QString &path, const SessionDocument &document, QString *error)
{
    const QByteArray json = sessionToJson(document);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot save %1: %2.").arg(path, file.errorString());
        return false;
    }
    if (writeFailureAfter >= 0 && writeFailureAfter < json.size()) {
        file.write(json.left(writeFailureAfter));
        file.cancelWriting();
        file.commit();
        *error = tr("Cannot save %1: writing failed after %2 bytes. The file on disk is unchanged.")
                     .arg(path)
                     .arg(writeFailureAfter);
        return false;
    }
    if (file.write(json) != json.size() || !file.commit()) {
        *error = tr("Cannot save %1: %2. The file on disk is unchanged.")
                     .arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<SessionDocument> readSessionFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot open %1: %2.").arg(path, file.errorString());
        return std::nullopt;
    }
    return sessionFromJson(file.readAll(), path, error);
}

void setSessionWriteFailureAfter(qint64 bytes)
{
    writeFailureAfter = bytes;
}

} // namespace losslens
