#include "ui/sessionfile.h"
#include "ui/sessionmodel.h"

#include "core/losscatalogue.h"
#include "core/optimizercatalogue.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <limits>

using namespace losslens;

// Session files: a saved session opens to the same state, a failed save keeps the old file,
// and broken or newer files are rejected with a message that names the entry at fault.
class TestSessionFile : public QObject
{
    Q_OBJECT

private slots:
    void roundTripKeepsEveryEntry();
    void roundTripKeepsAwkwardNumbers();
    void failedSaveKeepsOldFile();
    void newerVersionRejected();
    void version1FileUpgraded();
    void version1WithoutViewsUpgraded();
    void version2RoundTripKeepsViews();
    void version3RejectedNamingBoth();
    void bundledLessonsReadThroughUpgrade();
    void brokenJsonNamesLine();
    void invalidEntriesNamed_data();
    void invalidEntriesNamed();
    void missingFileNamed();

private:
    static SessionDocument editedDocument();
    static QByteArray replaced(const QByteArray &json, const QString &key, const QJsonValue &value);
    // The views entry of editedDocument() with one entry of one view replaced.
    static QJsonValue viewsWith(const QString &view, const QString &key, const QJsonValue &value);
    static std::optional<SessionDocument> readFixture(const QString &name, QString *error);
};

SessionDocument TestSessionFile::editedDocument()
{
    auto data = std::make_shared<Dataset>();
    data->feature = Eigen::VectorXd::LinSpaced(5, -2.0, 2.0);
    data->target = Eigen::VectorXd{{0.1, -0.3, 1e-300, 2.5, 1e150}};
    data->featureName = QStringLiteral("dose, mg");
    data->targetName = QStringLiteral("response \"raw\"");
    data->source = QStringLiteral("/tmp/edited.csv");

    SessionDocument document;
    SessionState &state = document.state;
    state = defaultSessionState(data);
    QString error;
    // A composite added by its spec, as a user types it.
    LossEntry added;
    added.loss = LossCatalogue::parse(QStringLiteral("0.5*huber:delta=0.7+0.5*mae"), &error);
    // editedDocument() cannot use QVERIFY, so a broken spec fails the round trip instead.
    if (!added.loss)
        qWarning() << "invalid spec in the test:" << error;
    added.enabled = true;
    added.removable = true;
    added.colour = QColor(QStringLiteral("#123456"));
    state.losses.push_back(added);
    state.currentLoss = static_cast<int>(state.losses.size()) - 1;
    state.optimizer.optimizer = OptimizerCatalogue::parse(QStringLiteral("adam:lr=0.03"), &error);
    state.optimizer.schedule =
        *LearningRateSchedule::parse(QStringLiteral("cosine:period=50,minimum=0.001"), &error);

    RunEntry run;
    run.lossIndex = state.currentLoss;
    run.colour = QColor(QStringLiteral("#abcdef"));
    run.optimizer = OptimizerSettings{
        OptimizerCatalogue::parse(QStringLiteral("momentum:lr=0.2,momentum=0.8"), &error),
        LearningRateSchedule()};
    run.start = LineParameters{-1.25, 3.0 / 7.0};
    run.learnShape = true;
    state.runs.push_back(run);
    state.selectedRun = static_cast<int>(state.runs.size()) - 1;
    state.standardize = false;
    state.start = LineParameters{0.1, -0.2};
    document.landscapeRange = ViewRange{-1.0, 2.0, -3.0, 0.5};
    // Every switch away from a new window's value, and ranges that do not round to short
    // decimals.
    ViewSettings views;
    views.logarithmicColours = false;
    views.contours = false;
    views.dataRange = ViewRange{-2.5, 2.5, -1.0, 3.0};
    views.lossCurveRange = ViewRange{-0.1 - 0.2, 1.0 / 3.0, -1e-9, 7.25e4};
    views.firstDerivative = false;
    views.secondDerivative = true;
    views.weight = true;
    views.classifierInput = ClassifierInput::Margin;
    views.trueClass = 2;
    views.trainingRange = ViewRange{0.0, 250.0, 1e-7, 3.5};
    views.logarithmicLoss = true;
    document.views = views;
    return document;
}

QJsonValue TestSessionFile::viewsWith(const QString &view, const QString &key,
                                      const QJsonValue &value)
{
    QJsonObject views =
        QJsonDocument::fromJson(sessionToJson(editedDocument())).object().value("views").toObject();
    QJsonObject entry = views.value(view).toObject();
    entry.insert(key, value);
    views.insert(view, entry);
    return views;
}

std::optional<SessionDocument> TestSessionFile::readFixture(const QString &name, QString *error)
{
    const QString path = QFINDTESTDATA(QStringLiteral("data/sessions/") + name);
    if (path.isEmpty()) {
        *error = QStringLiteral("the fixture %1 is not found").arg(name);
        return std::nullopt;
    }
    return readSessionFile(path, error);
}

QByteArray TestSessionFile::replaced(const QByteArray &json, const QString &key,
                                     const QJsonValue &value)
{
    QJsonObject root = QJsonDocument::fromJson(json).object();
    root.insert(key, value);
    return QJsonDocument(root).toJson();
}

void TestSessionFile::roundTripKeepsEveryEntry()
{
    const SessionDocument document = editedDocument();
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("edited.losslens"));
    QString error;
    QVERIFY2(writeSessionFile(path, document, &error), qPrintable(error));
    const auto read = readSessionFile(path, &error);
    QVERIFY2(read, qPrintable(error));

    // Colours are saved to 8 bits per channel, as they are drawn.
    SessionState before = document.state;
    for (LossEntry &entry : before.losses)
        entry.colour = QColor::fromRgb(entry.colour.rgb());
    for (RunEntry &run : before.runs)
        run.colour = QColor::fromRgb(run.colour.rgb());
    const SessionState &after = read->state;
    QCOMPARE(after.data->feature, before.data->feature);
    QCOMPARE(after.data->target, before.data->target);
    QCOMPARE(after.data->featureName, before.data->featureName);
    QCOMPARE(after.data->targetName, before.data->targetName);
    QCOMPARE(after.data->source, before.data->source);
    QCOMPARE(after.losses.size(), before.losses.size());
    for (size_t i = 0; i < before.losses.size(); ++i) {
        QCOMPARE(after.losses[i].loss->spec(), before.losses[i].loss->spec());
        QCOMPARE(after.losses[i].enabled, before.losses[i].enabled);
        QCOMPARE(after.losses[i].colour, before.losses[i].colour);
        QCOMPARE(after.losses[i].removable, before.losses[i].removable);
    }
    QCOMPARE(after.currentLoss, before.currentLoss);
    QVERIFY(after.optimizer == before.optimizer);
    QCOMPARE(after.runs.size(), before.runs.size());
    for (size_t i = 0; i < before.runs.size(); ++i)
        QVERIFY2(after.runs[i] == before.runs[i], qPrintable(QString::number(i)));
    QCOMPARE(after.selectedRun, before.selectedRun);
    QCOMPARE(after.standardize, before.standardize);
    QCOMPARE(after.start.slope, before.start.slope);
    QCOMPARE(after.start.intercept, before.start.intercept);
    QVERIFY(read->landscapeRange == document.landscapeRange);
    QVERIFY(read->views == document.views);

    // Saving what was read gives the same bytes, so nothing is lost or reformatted.
    QCOMPARE(sessionToJson(*read), sessionToJson(document));
}

void TestSessionFile::roundTripKeepsAwkwardNumbers()
{
    SessionDocument document = editedDocument();
    auto data = std::make_shared<Dataset>(*document.state.data);
    data->feature << 0.1 + 0.2, -std::numeric_limits<double>::denorm_min(), 1.0 / 3.0,
        -123456789.123456789, 1e-150;
    document.state.data = data;
    QString error;
    const auto read = sessionFromJson(sessionToJson(document), QStringLiteral("a.losslens"), &error);
    QVERIFY2(read, qPrintable(error));
    for (Eigen::Index i = 0; i < data->feature.size(); ++i)
        QCOMPARE(read->state.data->feature[i], data->feature[i]);
}

void TestSessionFile::failedSaveKeepsOldFile()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("kept.losslens"));
    SessionDocument first = editedDocument();
    QString error;
    QVERIFY2(writeSessionFile(path, first, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();

    SessionDocument second = first;
    second.state.standardize = !first.state.standardize;
    setSessionWriteFailureAfter(100);
    const bool saved = writeSessionFile(path, second, &error);
    setSessionWriteFailureAfter(-1);
    QVERIFY(!saved);
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("unchanged")), qPrintable(error));

    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
    // No temporary file is left next to it.
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files).size(), 1);
}

void TestSessionFile::newerVersionRejected()
{
    const QByteArray json =
        replaced(sessionToJson(editedDocument()), QStringLiteral("version"), sessionFormatVersion + 1);
    QString error;
    QVERIFY(!sessionFromJson(json, QStringLiteral("/x/new.losslens"), &error));
    QVERIFY2(error.contains(QStringLiteral("new.losslens")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("newer LossLens")), qPrintable(error));
    QVERIFY2(error.contains(QString::number(sessionFormatVersion + 1)), qPrintable(error));
}

void TestSessionFile::version1FileUpgraded()
{
    QString error;
    const auto version1 = readFixture(QStringLiteral("version1.losslens"), &error);
    QVERIFY2(version1, qPrintable(error));
    const auto version2 = readFixture(QStringLiteral("version2.losslens"), &error);
    QVERIFY2(version2, qPrintable(error));

    // The ranges moved from "views.landscape" and "views.data" to their "range" entries.
    QVERIFY(version1->landscapeRange == (ViewRange{-4.0, 12.5, -6.0, 30.0}));
    QVERIFY(version1->views);
    QVERIFY(version1->views->dataRange == (ViewRange{45.0, 85.0, 0.0, 45.0}));
    // What format 1 did not keep is automatic or a new window's.
    QVERIFY(!version1->views->lossCurveRange);
    QVERIFY(!version1->views->trainingRange);
    ViewSettings expected;
    expected.dataRange = version1->views->dataRange;
    QVERIFY(*version1->views == expected);
    QCOMPARE(version1->hiddenViews,
             QStringList({QStringLiteral("training"), QStringLiteral("optimizer")}));

    // The hand-written version 2 file contains the same session, so both write the same bytes.
    QVERIFY(version2->views == version1->views);
    QVERIFY(version2->landscapeRange == version1->landscapeRange);
    QCOMPARE(sessionToJson(*version1), sessionToJson(*version2));
    const QJsonObject written = QJsonDocument::fromJson(sessionToJson(*version1)).object();
    QCOMPARE(written.value("version").toInt(), 2);
}

void TestSessionFile::version1WithoutViewsUpgraded()
{
    // Format 1 allowed "views" to be missing and a range to be null: both become automatic.
    QString error;
    const QString path = QFINDTESTDATA("data/sessions/version1.losslens");
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    root.remove(QStringLiteral("views"));
    auto read = sessionFromJson(QJsonDocument(root).toJson(), path, &error);
    QVERIFY2(read, qPrintable(error));
    QVERIFY(!read->landscapeRange);
    QVERIFY(read->views == ViewSettings{});

    root.insert(QStringLiteral("views"),
                QJsonObject{{"landscape", QJsonValue::Null},
                            {"data", QJsonObject{{"horizontal", QJsonArray{1.0, 2.0}},
                                                 {"vertical", QJsonArray{3.0, 4.0}}}}});
    read = sessionFromJson(QJsonDocument(root).toJson(), path, &error);
    QVERIFY2(read, qPrintable(error));
    QVERIFY(!read->landscapeRange);
    QVERIFY(read->views->dataRange == (ViewRange{1.0, 2.0, 3.0, 4.0}));

    // A broken format 1 range is still rejected, under its format 2 name.
    root.insert(QStringLiteral("views"),
                QJsonObject{{"landscape", QJsonObject{{"horizontal", QJsonArray{2.0, 1.0}},
                                                      {"vertical", QJsonArray{3.0, 4.0}}}}});
    QVERIFY(!sessionFromJson(QJsonDocument(root).toJson(), path, &error));
    QVERIFY2(error.contains(QStringLiteral("views.landscape.range")), qPrintable(error));
}

void TestSessionFile::version2RoundTripKeepsViews()
{
    const SessionDocument document = editedDocument();
    QString error;
    const auto read = sessionFromJson(sessionToJson(document), QStringLiteral("v.losslens"), &error);
    QVERIFY2(read, qPrintable(error));
    QVERIFY(read->views);
    const ViewSettings &before = *document.views;
    const ViewSettings &after = *read->views;
    for (const auto &[range, name] :
         {std::pair{&ViewSettings::dataRange, "data"},
          std::pair{&ViewSettings::lossCurveRange, "loss curves"},
          std::pair{&ViewSettings::trainingRange, "training"}}) {
        QVERIFY2((after.*range).has_value(), name);
        // Exactly: each bound reads back as the same double.
        QCOMPARE((after.*range)->horizontalMinimum, (before.*range)->horizontalMinimum);
        QCOMPARE((after.*range)->horizontalMaximum, (before.*range)->horizontalMaximum);
        QCOMPARE((after.*range)->verticalMinimum, (before.*range)->verticalMinimum);
        QCOMPARE((after.*range)->verticalMaximum, (before.*range)->verticalMaximum);
    }
    QCOMPARE(after.logarithmicColours, false);
    QCOMPARE(after.contours, false);
    QCOMPARE(after.firstDerivative, false);
    QCOMPARE(after.secondDerivative, true);
    QCOMPARE(after.weight, true);
    QVERIFY(after.classifierInput == ClassifierInput::Margin);
    QCOMPARE(after.trueClass, 2);
    QCOMPARE(after.logarithmicLoss, true);

    // An automatic range stays automatic.
    SessionDocument automatic = document;
    automatic.views->lossCurveRange.reset();
    automatic.landscapeRange.reset();
    const QByteArray json = sessionToJson(automatic);
    QVERIFY(json.contains("\"range\": \"automatic\""));
    const auto reread = sessionFromJson(json, QStringLiteral("v.losslens"), &error);
    QVERIFY2(reread, qPrintable(error));
    QVERIFY(!reread->landscapeRange);
    QVERIFY(!reread->views->lossCurveRange);
    QVERIFY(reread->views->dataRange == before.dataRange);
}

void TestSessionFile::version3RejectedNamingBoth()
{
    const QByteArray json =
        replaced(sessionToJson(editedDocument()), QStringLiteral("version"), 3);
    QString error;
    QVERIFY(!sessionFromJson(json, QStringLiteral("/x/future.losslens"), &error));
    QVERIFY2(error.contains(QStringLiteral("future.losslens")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("session format 3")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("reads up to 2")), qPrintable(error));
}

void TestSessionFile::bundledLessonsReadThroughUpgrade()
{
    const QStringList names =
        QDir(QStringLiteral(":/lessons")).entryList({QStringLiteral("*.losslens")}, QDir::Files);
    QVERIFY(names.size() >= 9);
    int upgraded = 0;
    for (const QString &name : names) {
        const QString path = QStringLiteral(":/lessons/") + name;
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const int version =
            QJsonDocument::fromJson(file.readAll()).object().value("version").toInt();
        QVERIFY2(version >= 1 && version <= sessionFormatVersion, qPrintable(path));
        upgraded += version < sessionFormatVersion ? 1 : 0;
        QString error;
        const auto document = readSessionFile(path, &error);
        QVERIFY2(document, qPrintable(error));
        QVERIFY2(document->lesson, qPrintable(path));
        QVERIFY2(document->views, qPrintable(path));
    }
    qDebug() << upgraded << "of" << names.size() << "bundled lessons were upgraded on reading";
}

void TestSessionFile::brokenJsonNamesLine()
{
    QByteArray json = sessionToJson(editedDocument());
    const qsizetype cut = json.indexOf("\"losses\"");
    json.insert(cut, "oops ");
    const int line = static_cast<int>(json.left(cut).count('\n')) + 1;
    QString error;
    QVERIFY(!sessionFromJson(json, QStringLiteral("broken.losslens"), &error));
    QVERIFY2(error.contains(QStringLiteral("broken.losslens")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("line %1").arg(line)), qPrintable(error));
}

void TestSessionFile::invalidEntriesNamed_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("format") << "format" << QJsonValue(QStringLiteral("other")) << "\"format\"";
    QTest::newRow("version text") << "version" << QJsonValue(QStringLiteral("1")) << "version";
    QTest::newRow("current loss") << "current_loss" << QJsonValue(999) << "current_loss";
    QTest::newRow("current loss fraction") << "current_loss" << QJsonValue(0.5) << "current_loss";
    QTest::newRow("selected run") << "selected_run" << QJsonValue(-5) << "selected_run";
    QTest::newRow("standardize") << "standardize" << QJsonValue(1) << "standardize";
    QTest::newRow("start") << "start" << QJsonValue(QJsonObject{{"slope", 1.0}}) << "start.intercept";
    QTest::newRow("losses empty") << "losses" << QJsonValue(QJsonArray()) << "losses";
    QTest::newRow("loss spec")
        << "losses" << QJsonValue(QJsonArray{QJsonObject{{"spec", "huber:delta=-1"},
                                                         {"enabled", true},
                                                         {"colour", "#ff0000"},
                                                         {"removable", false}}})
        << "losses[0].spec";
    QTest::newRow("loss colour")
        << "losses" << QJsonValue(QJsonArray{QJsonObject{{"spec", "mse"},
                                                         {"enabled", true},
                                                         {"colour", "reddish"},
                                                         {"removable", false}}})
        << "losses[0].colour";
    QTest::newRow("optimizer")
        << "optimizer"
        << QJsonValue(QJsonObject{{"optimizer", "adam:lr=-1"}, {"schedule", "constant"}})
        << "optimizer.optimizer";
    QTest::newRow("data short")
        << "data" << QJsonValue(QJsonObject{{"source", ""},
                                             {"feature_name", "x"},
                                             {"target_name", "y"},
                                             {"feature", QJsonArray{1.0, 2.0}},
                                             {"target", QJsonArray{1.0}}})
        << "data";
    QTest::newRow("data one x")
        << "data" << QJsonValue(QJsonObject{{"source", ""},
                                             {"feature_name", "x"},
                                             {"target_name", "y"},
                                             {"feature", QJsonArray{1.0, 1.0}},
                                             {"target", QJsonArray{1.0, 2.0}}})
        << "every row has the same x";
    QTest::newRow("data huge")
        << "data" << QJsonValue(QJsonObject{{"source", ""},
                                             {"feature_name", "x"},
                                             {"target_name", "y"},
                                             {"feature", QJsonArray{1.0, 2.0}},
                                             {"target", QJsonArray{1.0, 1e200}}})
        << "data.target[1]";
    QTest::newRow("views missing") << "views" << QJsonValue(QJsonValue::Undefined) << "views is missing";
    QTest::newRow("view range word")
        << "views" << viewsWith("training", "range", "auto") << "views.training.range";
    QTest::newRow("view range missing")
        << "views" << viewsWith("data", "range", QJsonValue(QJsonValue::Undefined)) << "views.data.range is missing";
    QTest::newRow("view range reversed")
        << "views"
        << viewsWith("loss_curves", "range",
                     QJsonObject{{"horizontal", QJsonArray{1.0, -1.0}},
                                 {"vertical", QJsonArray{0.0, 1.0}}})
        << "views.loss_curves.range";
    QTest::newRow("colour scale")
        << "views" << viewsWith("landscape", "colour_scale", "log") << "views.landscape.colour_scale";
    QTest::newRow("classifier input")
        << "views" << viewsWith("loss_curves", "classifier_input", "probability")
        << "views.loss_curves.classifier_input";
    QTest::newRow("true class")
        << "views" << viewsWith("loss_curves", "true_class", 100) << "views.loss_curves.true_class";
    QTest::newRow("switch")
        << "views" << viewsWith("loss_curves", "weight", 1) << "views.loss_curves.weight";
    QTest::newRow("logarithmic loss axis at 0")
        << "views"
        << viewsWith("training", "range",
                     QJsonObject{{"horizontal", QJsonArray{0.0, 10.0}},
                                 {"vertical", QJsonArray{0.0, 1.0}}})
        << "views.training.range.vertical[0]";
}

void TestSessionFile::invalidEntriesNamed()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);
    const QByteArray json = replaced(sessionToJson(editedDocument()), key, value);
    QString error;
    QVERIFY(!sessionFromJson(json, QStringLiteral("bad.losslens"), &error));
    QVERIFY2(error.contains(QStringLiteral("bad.losslens")), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestSessionFile::missingFileNamed()
{
    QString error;
    QVERIFY(!readSessionFile(QStringLiteral("/nonexistent/folder/a.losslens"), &error));
    QVERIFY2(error.contains(QStringLiteral("/nonexistent/folder/a.losslens")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSessionFile)
#include "tst_sessionfile.moc"
