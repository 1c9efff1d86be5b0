#include "viewsettingsjson.h"

#include <QCoreApplication>
#include <QStringList>

namespace losslens {

namespace {

const QString automaticRange = QStringLiteral("automatic");
// Cross-entropy takes at most 100 classes (the items of its weights list).
constexpr int largestTrueClass = 99;

// tr() of this file's messages, in the "SessionFile" context of the translation files.
struct SessionFile
{
    Q_DECLARE_TR_FUNCTIONS(SessionFile)
};

QStringList scaleNames()
{
    return {QStringLiteral("linear"), QStringLiteral("logarithmic")};
}

// In ClassifierInput order.
QStringList classifierInputNames()
{
    return {QStringLiteral("logit_label_1"), QStringLiteral("logit_label_0"),
            QStringLiteral("margin")};
}

QJsonValue rangeValue(const std::optional<ViewRange> &range)
{
    return range ? QJsonValue(rangeToJson(*range)) : QJsonValue(automaticRange);
}

QString scaleName(bool logarithmic)
{
    return scaleNames().at(logarithmic ? 1 : 0);
}

std::optional<ViewRange> readRange(SessionReader &reader, const QJsonObject &parent,
                                   const QString &path)
{
    const QString key = QStringLiteral("range");
    const QJsonValue value = reader.member(parent, path, key);
    if (value.isUndefined() || value == QJsonValue(automaticRange))
        return std::nullopt;
    if (!value.isObject()) {
        reader.fail(SessionReader::join(path, key),
                    SessionFile::tr(
                        "must be \"automatic\" or an object with \"horizontal\" and \"vertical\""));
        return std::nullopt;
    }
    return reader.range(parent, path, key);
}

// The index of a string entry in names, or 0 after recording a problem.
int readChoice(SessionReader &reader, const QJsonObject &parent, const QString &path,
               const QString &key, const QStringList &names)
{
    const QString value = reader.string(parent, path, key);
    if (reader.failed())
        return 0;
    const int index = static_cast<int>(names.indexOf(value));
    if (index < 0) {
        reader.fail(SessionReader::join(path, key),
                    SessionFile::tr("must be one of \"%1\", not \"%2\"")
                        .arg(names.join(QStringLiteral("\", \"")), value));
        return 0;
    }
    return index;
}

} // namespace

QJsonObject viewsToJson(const std::optional<ViewRange> &landscapeRange,
                        const ViewSettings &settings)
{
    const QJsonObject landscape{
        {QStringLiteral("range"), rangeValue(landscapeRange)},
        {QStringLiteral("colour_scale"), scaleName(settings.logarithmicColours)},
        {QStringLiteral("contours"), settings.contours}};
    const QJsonObject data{{QStringLiteral("range"), rangeValue(settings.dataRange)}};
    const QJsonObject curves{{QStringLiteral("range"), rangeValue(settings.lossCurveRange)},
                             {QStringLiteral("first_derivative"), settings.firstDerivative},
                             {QStringLiteral("second_derivative"), settings.secondDerivative},
                             {QStringLiteral("weight"), settings.weight},
                             {QStringLiteral("classifier_input"),
                              classifierInputNames().at(int(settings.classifierInput))},
                             {QStringLiteral("true_class"), settings.trueClass}};
    const QJsonObject training{{QStringLiteral("range"), rangeValue(settings.trainingRange)},
                               {QStringLiteral("loss_axis"), scaleName(settings.logarithmicLoss)}};
    return {{QStringLiteral("landscape"), landscape},
            {QStringLiteral("data"), data},
            {QStringLiteral("loss_curves"), curves},
            {QStringLiteral("training"), training}};
}

void readViews(SessionReader &reader, const QJsonObject &root,
               std::optional<ViewRange> *landscapeRange, ViewSettings *settings)
{
    const QJsonObject views = reader.object(root, {}, QStringLiteral("views"));

    const QString landscapePath = QStringLiteral("views.landscape");
    const QJsonObject landscape =
        reader.object(views, QStringLiteral("views"), QStringLiteral("landscape"));
    *landscapeRange = readRange(reader, landscape, landscapePath);
    settings->logarithmicColours = readChoice(reader, landscape, landscapePath,
                                              QStringLiteral("colour_scale"), scaleNames()) == 1;
    settings->contours = reader.boolean(landscape, landscapePath, QStringLiteral("contours"));

    const QJsonObject data = reader.object(views, QStringLiteral("views"), QStringLiteral("data"));
    settings->dataRange = readRange(reader, data, QStringLiteral("views.data"));

    const QString curvesPath = QStringLiteral("views.loss_curves");
    const QJsonObject curves =
        reader.object(views, QStringLiteral("views"), QStringLiteral("loss_curves"));
    settings->lossCurveRange = readRange(reader, curves, curvesPath);
    settings->firstDerivative =
        reader.boolean(curves, curvesPath, QStringLiteral("first_derivative"));
    settings->secondDerivative =
        reader.boolean(curves, curvesPath, QStringLiteral("second_derivative"));
    settings->weight = reader.boolean(curves, curvesPath, QStringLiteral("weight"));
    settings->classifierInput = ClassifierInput(readChoice(
        reader, curves, curvesPath, QStringLiteral("classifier_input"), classifierInputNames()));
    settings->trueClass =
        reader.index(curves, curvesPath, QStringLiteral("true_class"), 0, largestTrueClass);

    const QString trainingPath = QStringLiteral("views.training");
    const QJsonObject training =
        reader.object(views, QStringLiteral("views"), QStringLiteral("training"));
    settings->trainingRange = readRange(reader, training, trainingPath);
    settings->logarithmicLoss =
        readChoice(reader, training, trainingPath, QStringLiteral("loss_axis"), scaleNames()) == 1;
    if (settings->logarithmicLoss && settings->trainingRange &&
        !(settings->trainingRange->verticalMinimum > 0.0)) {
        reader.fail(trainingPath + QStringLiteral(".range.vertical[0]"),
                    SessionFile::tr("must be above 0 on a logarithmic loss axis"));
    }
}

} // namespace losslens
