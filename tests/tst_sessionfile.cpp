#include "ui/sessionfile.h"
#include "ui/sessionmodel.h"

#include "core/losscatalogue.h"
#include "core/optimizercatalogue.h"

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
    void brokenJsonNamesLine();
    void invalidEntriesNamed_data();
    void invalidEntriesNamed();
    void missingFileNamed();

private:
    static SessionDocument editedDocument();
    static QByteArray replaced(const QByteArray &json, const QString &key, const QJsonValue &value);
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
    document.dataRange = ViewRange{-2.5, 2.5, -1.0, 3.0};
    return document;
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
    QVERIFY(read->dataRange == document.dataRange);

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
