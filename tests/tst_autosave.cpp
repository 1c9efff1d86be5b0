#include "ui/autosave.h"
#include "ui/sessionmodel.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace losslens;

// Autosave tests. A change is written after the delay and reads back as the session, and saving
// removes the file. Only files of processes that no longer run are offered for recovery.
class TestAutosave : public QObject
{
    Q_OBJECT

private slots:
    void changeIsWrittenAfterDelay();
    void savedWorkRemovesFile();
    void recoveryListsOnlyFilesOfEndedProcesses();

private:
    static SessionDocument document(double firstTarget);
};

SessionDocument TestAutosave::document(double firstTarget)
{
    auto data = std::make_shared<Dataset>();
    data->feature = Eigen::VectorXd{{1.0, 2.0, 3.0}};
    data->target = Eigen::VectorXd{{firstTarget, 0.5, 2.0}};
    data->featureName = QStringLiteral("x");
    data->targetName = QStringLiteral("y");
    SessionDocument result;
    result.state = defaultSessionState(data);
    return result;
}

void TestAutosave::changeIsWrittenAfterDelay()
{
    QTemporaryDir folder;
    double target = 1.0;
    Autosave autosave(folder.path(), [&target] { return document(target); });
    autosave.setDelay(20);
    QSignalSpy written(&autosave, &Autosave::written);
    autosave.markChanged();
    QVERIFY(!QFile::exists(autosave.filePath()));
    QVERIFY(written.wait(5000));
    QCOMPARE(written.first().first().toString(), QString());
    QString error;
    auto read = readSessionFile(autosave.filePath(), &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->state.data->target[0], 1.0);

    // A later change replaces the file's content.
    target = -7.25;
    autosave.markChanged();
    QVERIFY(written.wait(5000));
    read = readSessionFile(autosave.filePath(), &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->state.data->target[0], -7.25);
}

void TestAutosave::savedWorkRemovesFile()
{
    QTemporaryDir folder;
    Autosave autosave(folder.path(), [] { return document(1.0); });
    QString error;
    QVERIFY2(autosave.writeNow(&error), qPrintable(error));
    QVERIFY(QFile::exists(autosave.filePath()));
    autosave.markChanged();
    autosave.markSaved();
    QVERIFY(!QFile::exists(autosave.filePath()));
    QVERIFY(!autosave.hasPendingWrite());
}

void TestAutosave::recoveryListsOnlyFilesOfEndedProcesses()
{
    QTemporaryDir folder;
    // The id of a process that has ended.
    QProcess process;
    process.start(QStringLiteral("true"));
    QVERIFY(process.waitForStarted());
    const qint64 endedId = process.processId();
    QVERIFY(process.waitForFinished());

    Autosave autosave(folder.path(), [] { return document(1.0); });
    QString error;
    QVERIFY2(autosave.writeNow(&error), qPrintable(error));
    const QString ended =
        QDir(folder.path()).filePath(QStringLiteral("autosave-%1.losslens").arg(endedId));
    QVERIFY(QFile::copy(autosave.filePath(), ended));
    QFile other(QDir(folder.path()).filePath(QStringLiteral("autosave-notes.losslens")));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.close();

    const QStringList files = Autosave::recoverableFiles(folder.path());
    QCOMPARE(files, QStringList{QFileInfo(ended).absoluteFilePath()});
    QVERIFY(readSessionFile(files.first(), &error));
}

QTEST_GUILESS_MAIN(TestAutosave)
#include "tst_autosave.moc"
