#include "sessionfile.h"

#include "lessonjson.h"
#include "sessionjson.h"
#include "viewregistry.h"
#include "viewsettingsjson.h"

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

// tr() of this file's messages, in the "SessionFile" context of the translation files.
struct SessionFile
{
    Q_DECLARE_TR_FUNCTIONS(SessionFile)
};

// Version 1 kept "views": {"landscape": R, "data": R} with either range optional. Version 2
// moves each range to the view's "range" entry, writes "automatic" for a missing one, and adds
// the loss-curve and training views and the views' switches with a new window's values. The
// step writes version 2's entries literally rather than through viewsToJson(), which a later
// format may change.
void upgradeFromVersion1(QJsonObject &document)
{
    const QJsonObject old = document.value(QStringLiteral("views")).toObject();
    const auto range = [&old](const QString &key) {
        const QJsonValue value = old.value(key);
        return value.isUndefined() || value.isNull() ? QJsonValue(QStringLiteral("automatic"))
                                                     : value;
    };
    const QJsonObject views{
        {QStringLiteral("landscape"),
         QJsonObject{{QStringLiteral("range"), range(QStringLiteral("landscape"))},
                     {QStringLiteral("colour_scale"), QStringLiteral("logarithmic")},
                     {QStringLiteral("contours"), true}}},
        {QStringLiteral("data"),
         QJsonObject{{QStringLiteral("range"), range(QStringLiteral("data"))}}},
        {QStringLiteral("loss_curves"),
         QJsonObject{{QStringLiteral("range"), QStringLiteral("automatic")},
                     {QStringLiteral("first_derivative"), true},
                     {QStringLiteral("second_derivative"), false},
                     {QStringLiteral("weight"), false},
                     {QStringLiteral("classifier_input"), QStringLiteral("logit_label_1")},
                     {QStringLiteral("true_class"), 1}}},
        {QStringLiteral("training"),
         QJsonObject{{QStringLiteral("range"), QStringLiteral("automatic")},
                     {QStringLiteral("loss_axis"), QStringLiteral("linear")}}}};
    document.insert(QStringLiteral("views"), views);
    document.insert(QStringLiteral("version"), 2);
}

// Upgrades a document of an older format version, one version at a time, to the current one.
// A later version that renames or adds an entry adds its step here, at the index of the version
// it upgrades from minus 1.
QJsonObject upgraded(QJsonObject document, int version)
{
    const std::vector<std::function<void(QJsonObject &)>> steps{upgradeFromVersion1};
    for (int from = version; from < sessionFormatVersion; ++from)
        steps.at(from - 1)(document);
    return document;
}

} // namespace

QByteArray sessionToJson(const SessionDocument &document)
{
    const SessionState &state = document.state;
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
    const QJsonObject views =
        viewsToJson(document.landscapeRange, document.views.value_or(ViewSettings{}));

    QJsonObject root{{QStringLiteral("format"), formatName},
                           {QStringLiteral("version"), sessionFormatVersion},
                           {QStringLiteral("data"), datasetToJson(*state.data)},
                           {QStringLiteral("losses"), losses},
                           {QStringLiteral("current_loss"), state.currentLoss},
                           {QStringLiteral("optimizer"), optimizerToJson(state.optimizer)},
                           {QStringLiteral("runs"), runs},
                           {QStringLiteral("selected_run"), state.selectedRun},
                           {QStringLiteral("standardize"), state.standardize},
                           {QStringLiteral("start"), lineToJson(state.start)},
                           {QStringLiteral("views"), views},
                           {QStringLiteral("hidden"), QJsonArray::fromStringList(document.hiddenViews)}};
    if (document.lesson)
        root.insert(QStringLiteral("lesson"), lessonToJson(*document.lesson));
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
        *error = SessionFile::tr("%1 is not a LossLens session: broken JSON at line %2 (%3).")
                     .arg(name)
                     .arg(line)
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    if (!parsed.isObject() || parsed.object().value(QStringLiteral("format")) != formatName) {
        *error =
            SessionFile::tr("%1 is not a LossLens session: its \"format\" entry is not \"%2\".")
                .arg(name, formatName);
        return std::nullopt;
    }
    QJsonObject root = parsed.object();
    const QJsonValue versionValue = root.value(QStringLiteral("version"));
    const int version = versionValue.isDouble() ? versionValue.toInt(0) : 0;
    if (version < 1) {
        *error = SessionFile::tr("%1: the format version is missing or invalid.").arg(name);
        return std::nullopt;
    }
    if (version > sessionFormatVersion) {
        *error = SessionFile::tr(
                     "%1 was saved by a newer LossLens (session format %2; this version reads up "
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

    SessionReader reader(name);
    SessionDocument document;
    SessionState &state = document.state;

    state.data = reader.dataset(root, {}, QStringLiteral("data"));

    const QJsonArray losses = reader.array(root, {}, QStringLiteral("losses"));
    if (!reader.failed() && losses.isEmpty())
        reader.fail(QStringLiteral("losses"), SessionFile::tr("must list at least one loss"));
    for (qsizetype i = 0; i < losses.size() && !reader.failed(); ++i) {
        const QString path = QStringLiteral("losses[%1]").arg(i);
        if (!losses[i].isObject()) {
            reader.fail(path, SessionFile::tr("must be an object"));
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
        entry.loss = reader.loss(spec, path + QStringLiteral(".spec"));
        if (reader.failed())
            break;
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
            reader.fail(path, SessionFile::tr("must be an object"));
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

    ViewSettings views;
    readViews(reader, root, &document.landscapeRange, &views);
    document.views = views;
    if (root.contains(QStringLiteral("hidden"))) {
        document.hiddenViews = reader.strings(root, {}, QStringLiteral("hidden"));
        // A misspelt name would otherwise leave a view shown that the file means to hide.
        for (const QString &name : document.hiddenViews) {
            if (!reader.failed() && !hideableViewNames().contains(name)) {
                reader.fail(QStringLiteral("hidden"),
                            SessionFile::tr("\"%1\" is not a view or control; known names are %2")
                                .arg(name, hideableViewNames().join(QStringLiteral(", "))));
            }
        }
    }
    if (root.contains(QStringLiteral("lesson")))
        document.lesson = lessonFromJson(reader, root, QStringLiteral("lesson"));

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
        *error = SessionFile::tr("Cannot save %1: %2.").arg(path, file.errorString());
        return false;
    }
    if (writeFailureAfter >= 0 && writeFailureAfter < json.size()) {
        file.write(json.left(writeFailureAfter));
        file.cancelWriting();
        file.commit();
        *error =
            SessionFile::tr(
                "Cannot save %1: writing failed after %2 bytes. The file on disk is unchanged.")
                .arg(path)
                .arg(writeFailureAfter);
        return false;
    }
    if (file.write(json) != json.size() || !file.commit()) {
        *error = SessionFile::tr("Cannot save %1: %2. The file on disk is unchanged.")
                     .arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<SessionDocument> readSessionFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = SessionFile::tr("Cannot open %1: %2.").arg(path, file.errorString());
        return std::nullopt;
    }
    return sessionFromJson(file.readAll(), path, error);
}

void setSessionWriteFailureAfter(qint64 bytes)
{
    writeFailureAfter = bytes;
}

} // namespace losslens
