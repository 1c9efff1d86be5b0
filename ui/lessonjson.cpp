#include "lessonjson.h"

#include "sessionjson.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace losslens {

namespace {

// tr() of this file's messages, in the "SessionFile" context of the translation files.
struct SessionFile
{
    Q_DECLARE_TR_FUNCTIONS(SessionFile)
};

QJsonObject runToJson(const LessonRun &run)
{
    QJsonObject object{{QStringLiteral("loss"), run.lossName},
                       {QStringLiteral("learn_shape"), run.learnShape},
                       {QStringLiteral("learn_scale"), run.learnScale}};
    if (run.optimizer)
        object.insert(QStringLiteral("optimizer"), optimizerToJson(*run.optimizer));
    if (run.start)
        object.insert(QStringLiteral("start"), lineToJson(*run.start));
    return object;
}

QJsonObject settingsToJson(const LessonStepSettings &settings)
{
    QJsonObject object;
    if (settings.data)
        object.insert(QStringLiteral("data"), datasetToJson(*settings.data));
    if (settings.losses) {
        QJsonArray losses;
        for (const auto &loss : *settings.losses)
            losses.append(loss->spec());
        object.insert(QStringLiteral("losses"), losses);
    }
    if (settings.currentLoss)
        object.insert(QStringLiteral("current_loss"), settings.currentLoss->spec());
    if (settings.optimizer)
        object.insert(QStringLiteral("optimizer"), optimizerToJson(*settings.optimizer));
    if (settings.learningRate)
        object.insert(QStringLiteral("learning_rate"), *settings.learningRate);
    if (settings.start)
        object.insert(QStringLiteral("start"), lineToJson(*settings.start));
    if (settings.standardize)
        object.insert(QStringLiteral("standardize"), *settings.standardize);
    if (settings.runs) {
        QJsonArray runs;
        for (const LessonRun &run : *settings.runs)
            runs.append(runToJson(run));
        object.insert(QStringLiteral("runs"), runs);
    }
    if (settings.selectedRun)
        object.insert(QStringLiteral("selected_run"), *settings.selectedRun);
    if (settings.hiddenViews)
        object.insert(QStringLiteral("hidden"), QJsonArray::fromStringList(*settings.hiddenViews));
    if (settings.landscapeRange)
        object.insert(QStringLiteral("landscape"), rangeToJson(*settings.landscapeRange));
    if (settings.play)
        object.insert(QStringLiteral("play"), true);
    return object;
}

LessonRun runFromJson(SessionReader &reader, const QJsonValue &value, const QString &path)
{
    LessonRun run;
    if (!value.isObject()) {
        reader.fail(path, SessionFile::tr("must be an object"));
        return run;
    }
    const QJsonObject object = value.toObject();
    run.lossName = reader.string(object, path, QStringLiteral("loss"));
    if (object.contains(QStringLiteral("optimizer")))
        run.optimizer = reader.optimizer(object, path, QStringLiteral("optimizer"));
    if (object.contains(QStringLiteral("start")))
        run.start = reader.line(object, path, QStringLiteral("start"));
    if (object.contains(QStringLiteral("learn_shape")))
        run.learnShape = reader.boolean(object, path, QStringLiteral("learn_shape"));
    if (object.contains(QStringLiteral("learn_scale")))
        run.learnScale = reader.boolean(object, path, QStringLiteral("learn_scale"));
    return run;
}

LessonStepSettings settingsFromJson(SessionReader &reader, const QJsonObject &object,
                                    const QString &path)
{
    static const QStringList keys = {
        QStringLiteral("data"),         QStringLiteral("losses"),    QStringLiteral("current_loss"),
        QStringLiteral("optimizer"),    QStringLiteral("learning_rate"), QStringLiteral("start"),
        QStringLiteral("standardize"),  QStringLiteral("runs"),      QStringLiteral("selected_run"),
        QStringLiteral("hidden"),       QStringLiteral("landscape"), QStringLiteral("play")};
    // A misspelt key would otherwise be ignored silently, and the step would not do what its
    // text describes.
    for (const QString &key : object.keys()) {
        if (!keys.contains(key)) {
            reader.fail(SessionReader::join(path, key),
                        SessionFile::tr("is not a setting; known settings are %1")
                            .arg(keys.join(QStringLiteral(", "))));
            return {};
        }
    }
    LessonStepSettings settings;
    const auto has = [&object](const char *key) { return object.contains(QLatin1String(key)); };
    if (has("data"))
        settings.data = reader.dataset(object, path, QStringLiteral("data"));
    if (has("losses")) {
        const QJsonArray array = reader.array(object, path, QStringLiteral("losses"));
        std::vector<std::shared_ptr<const Loss>> losses;
        for (qsizetype i = 0; i < array.size() && !reader.failed(); ++i)
            losses.push_back(reader.loss(array[i], QStringLiteral("%1.losses[%2]").arg(path).arg(i)));
        if (!reader.failed() && losses.empty())
            reader.fail(path + QStringLiteral(".losses"),
                        SessionFile::tr("must list at least one loss"));
        settings.losses = losses;
    }
    if (has("current_loss")) {
        settings.currentLoss = reader.loss(object.value(QStringLiteral("current_loss")),
                                           path + QStringLiteral(".current_loss"));
    }
    if (has("optimizer"))
        settings.optimizer = reader.optimizer(object, path, QStringLiteral("optimizer"));
    if (has("learning_rate"))
        settings.learningRate = reader.number(object, path, QStringLiteral("learning_rate"));
    if (has("start"))
        settings.start = reader.line(object, path, QStringLiteral("start"));
    if (has("standardize"))
        settings.standardize = reader.boolean(object, path, QStringLiteral("standardize"));
    if (has("runs")) {
        const QJsonArray array = reader.array(object, path, QStringLiteral("runs"));
        std::vector<LessonRun> runs;
        for (qsizetype i = 0; i < array.size() && !reader.failed(); ++i)
            runs.push_back(runFromJson(reader, array[i], QStringLiteral("%1.runs[%2]").arg(path).arg(i)));
        settings.runs = runs;
    }
    if (has("selected_run")) {
        settings.selectedRun = reader.index(object, path, QStringLiteral("selected_run"), 0,
                                            1000000);
    }
    if (has("hidden"))
        settings.hiddenViews = reader.strings(object, path, QStringLiteral("hidden"));
    settings.landscapeRange = reader.range(object, path, QStringLiteral("landscape"));
    if (has("play"))
        settings.play = reader.boolean(object, path, QStringLiteral("play"));
    return settings;
}

} // namespace

QJsonObject lessonToJson(const Lesson &lesson)
{
    QJsonArray steps;
    for (const LessonStep &step : lesson.steps) {
        steps.append(QJsonObject{{QStringLiteral("title"), step.title},
                                 {QStringLiteral("text"), step.text},
                                 {QStringLiteral("set"), settingsToJson(step.settings)}});
    }
    return {{QStringLiteral("title"), lesson.title},
            {QStringLiteral("summary"), lesson.summary},
            {QStringLiteral("steps"), steps}};
}

Lesson lessonFromJson(SessionReader &reader, const QJsonObject &parent, const QString &key)
{
    Lesson lesson;
    const QJsonObject object = reader.object(parent, {}, key);
    lesson.title = reader.string(object, key, QStringLiteral("title"));
    lesson.summary = reader.string(object, key, QStringLiteral("summary"));
    const QJsonArray steps = reader.array(object, key, QStringLiteral("steps"));
    if (!reader.failed() && steps.isEmpty())
        reader.fail(key + QStringLiteral(".steps"), SessionFile::tr("must list at least one step"));
    for (qsizetype i = 0; i < steps.size() && !reader.failed(); ++i) {
        const QString path = QStringLiteral("%1.steps[%2]").arg(key).arg(i);
        if (!steps[i].isObject()) {
            reader.fail(path, SessionFile::tr("must be an object"));
            break;
        }
        const QJsonObject stepObject = steps[i].toObject();
        LessonStep step;
        step.title = reader.string(stepObject, path, QStringLiteral("title"));
        step.text = reader.string(stepObject, path, QStringLiteral("text"));
        const QJsonObject set = reader.object(stepObject, path, QStringLiteral("set"));
        if (!reader.failed())
            step.settings = settingsFromJson(reader, set, path + QStringLiteral(".set"));
        lesson.steps.push_back(step);
    }
    return lesson;
}

} // namespace losslens
