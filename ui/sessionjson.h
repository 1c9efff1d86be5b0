#pragma once

#include "sessionstate.h"
#include "viewrange.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace losslens {

// Writers and a reader of the JSON entries that session files and lesson steps share.

QJsonObject lineToJson(const LineParameters &line);
QJsonObject optimizerToJson(const OptimizerSettings &settings);
QJsonObject rangeToJson(const ViewRange &range);
QJsonObject datasetToJson(const Dataset &data);

// Reads the entries of a session document, remembering the first problem. Every accessor
// returns a harmless default after a problem, so parsing can go on without checks at each step,
// and the message names the file and the path of the entry, as in "runs[2].colour".
class SessionReader
{
public:
    explicit SessionReader(const QString &fileName) : m_fileName(fileName) {}

    bool failed() const { return !m_message.isEmpty(); }
    QString message() const { return m_message; }

    // Records "file: path problem." unless a problem was recorded before.
    void fail(const QString &path, const QString &problem);

    QJsonValue member(const QJsonObject &object, const QString &path, const QString &key);
    QJsonObject object(const QJsonObject &parent, const QString &path, const QString &key);
    QJsonArray array(const QJsonObject &parent, const QString &path, const QString &key);
    QString string(const QJsonObject &parent, const QString &path, const QString &key);
    bool boolean(const QJsonObject &parent, const QString &path, const QString &key);
    // A finite number of magnitude at most maximumDataMagnitude.
    double number(const QJsonValue &value, const QString &path);
    double number(const QJsonObject &parent, const QString &path, const QString &key);
    // A whole number in [minimum, maximum].
    int index(const QJsonObject &parent, const QString &path, const QString &key, int minimum,
              int maximum);
    QColor colour(const QJsonObject &parent, const QString &path, const QString &key);
    LineParameters line(const QJsonObject &parent, const QString &path, const QString &key);
    Eigen::VectorXd vector(const QJsonObject &parent, const QString &path, const QString &key);
    // An array of strings.
    QStringList strings(const QJsonObject &parent, const QString &path, const QString &key);
    // {"optimizer": spec, "schedule": spec}, both checked by their parsers.
    std::optional<OptimizerSettings> optimizer(const QJsonObject &parent, const QString &path,
                                               const QString &key);
    // A loss spec, checked by LossCatalogue::parse.
    std::shared_ptr<const Loss> loss(const QJsonValue &value, const QString &path);
    // {"horizontal": [min, max], "vertical": [min, max]}, or nothing when the entry is absent
    // or null.
    std::optional<ViewRange> range(const QJsonObject &parent, const QString &path,
                                   const QString &key);
    // {"source", "feature_name", "target_name", "feature": [...], "target": [...]} with at
    // least two points and as many targets as feature values.
    std::shared_ptr<Dataset> dataset(const QJsonObject &parent, const QString &path,
                                     const QString &key);

    static QString join(const QString &path, const QString &key);

private:
    QString m_fileName;
    QString m_message;
};

} // namespace losslens
