#include "ui/animationexportdialog.h"
#include "ui/landscapeview.h"
#include "ui/mainwindow.h"
#include "ui/trainingrecording.h"

#include <QCheckBox>
#include <QComboBox>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include <vector>

using namespace losslens;

class TestAnimationExportDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void gifDelayFromFrameRate_data();
    void gifDelayFromFrameRate();
    void dialogDefaultsToSourceSize();
    void dialogKeepsAspectRatio();
    void dialogSwitchesPathWithFormat();
    void dialogRejectsFolderAsGif();
    void windowGifHasFramesAndSteps();
    void windowPngSequenceOfWholeWindow();
    void recordingPausesPlayback();
    void stoppedRunsEndRecording();
    void cancelKeepsNoGif();
    void missingFolderFailsWithPath();

private:
    // Updates attempted by each run, -1 for a run that does not train.
    std::vector<int> stepsOfRuns() const;
    QString statusText() const;

    MainWindow *m_window = nullptr;
};

void TestAnimationExportDialog::init()
{
    m_window = new MainWindow;
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->landscapeView()->isComputing() &&
                                 m_window->landscapeView()->result() != nullptr,
                             10000);
}

void TestAnimationExportDialog::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

std::vector<int> TestAnimationExportDialog::stepsOfRuns() const
{
    std::vector<int> steps;
    for (int i = 0; i < m_window->training()->runCount(); ++i) {
        const auto *run = m_window->training()->run(i);
        steps.push_back(run ? run->stepsTaken() : -1);
    }
    return steps;
}

QString TestAnimationExportDialog::statusText() const
{
    QStringList texts;
    for (const QLabel *label : m_window->statusBar()->findChildren<QLabel *>())
        texts << label->text();
    return texts.join(QLatin1Char('\n'));
}

void TestAnimationExportDialog::gifDelayFromFrameRate_data()
{
    QTest::addColumn<int>("framesPerSecond");
    QTest::addColumn<int>("delay");
    QTest::newRow("1 fps") << 1 << 100;
    QTest::newRow("10 fps") << 10 << 10;
    QTest::newRow("24 fps rounds to 4") << 24 << 4;
    QTest::newRow("25 fps") << 25 << 4;
    QTest::newRow("30 fps rounds to 3") << 30 << 3;
    QTest::newRow("50 fps") << 50 << 2;
    // Browsers would slow a delay of 1 down to 10, so faster rates stay at 2.
    QTest::newRow("60 fps clamps to 2") << 60 << 2;
    QTest::newRow("0 fps clamps to 100") << 0 << 100;
}

void TestAnimationExportDialog::gifDelayFromFrameRate()
{
    QFETCH(int, framesPerSecond);
    QFETCH(int, delay);
    QCOMPARE(gifDelayCentiseconds(framesPerSecond), delay);
}

void TestAnimationExportDialog::dialogDefaultsToSourceSize()
{
    const auto size = [](AnimationSource source) {
        return source == AnimationSource::Window ? QSize(1500, 960) : QSize(400, 300);
    };
    AnimationExportDialog dialog(AnimationExportRequest{}, size);
    const AnimationExportRequest first = dialog.request();
    QCOMPARE(first.source, AnimationSource::Landscape);
    QCOMPARE(first.settings.size, QSize(400, 300));
    QCOMPARE(first.settings.format, AnimationExportSettings::Format::Gif);
    QVERIFY(first.settings.path.endsWith(QStringLiteral(".gif")));

    auto *source = dialog.findChild<QComboBox *>(QStringLiteral("source"));
    QVERIFY(source != nullptr);
    source->setCurrentIndex(source->findData(int(AnimationSource::Window)));
    QCOMPARE(dialog.request().source, AnimationSource::Window);
    QCOMPARE(dialog.request().settings.size, QSize(1500, 960));
}

void TestAnimationExportDialog::dialogKeepsAspectRatio()
{
    AnimationExportDialog dialog(AnimationExportRequest{},
                                 [](AnimationSource) { return QSize(400, 300); });
    auto *width = dialog.findChild<QSpinBox *>(QStringLiteral("width"));
    auto *height = dialog.findChild<QSpinBox *>(QStringLiteral("height"));
    auto *rate = dialog.findChild<QSpinBox *>(QStringLiteral("framesPerSecond"));
    auto *frames = dialog.findChild<QSpinBox *>(QStringLiteral("frames"));
    auto *steps = dialog.findChild<QSpinBox *>(QStringLiteral("stepsPerFrame"));
    QVERIFY(width && height && rate && frames && steps);
    width->setValue(800);
    QCOMPARE(height->value(), 600);
    dialog.findChild<QCheckBox *>(QStringLiteral("keepAspect"))->setChecked(false);
    width->setValue(100);
    QCOMPARE(height->value(), 600);
    QCOMPARE(dialog.request().settings.size, QSize(100, 600));

    rate->setValue(20);
    QCOMPARE(dialog.request().settings.delayCentiseconds, 5);
    frames->setValue(12);
    steps->setValue(7);
    QCOMPARE(dialog.request().settings.frameCount, 12);
    QCOMPARE(dialog.request().settings.stepsPerFrame, 7);
}

void TestAnimationExportDialog::dialogSwitchesPathWithFormat()
{
    AnimationExportRequest initial;
    initial.settings.path = QStringLiteral("/tmp/slides/huber.gif");
    AnimationExportDialog dialog(initial, [](AnimationSource) { return QSize(400, 300); });
    auto *format = dialog.findChild<QComboBox *>(QStringLiteral("format"));
    QVERIFY(format != nullptr);
    format->setCurrentIndex(format->findData(int(AnimationExportSettings::Format::PngSequence)));
    QCOMPARE(dialog.request().settings.format, AnimationExportSettings::Format::PngSequence);
    QCOMPARE(dialog.request().settings.path, QStringLiteral("/tmp/slides/huber"));
    format->setCurrentIndex(format->findData(int(AnimationExportSettings::Format::Gif)));
    QCOMPARE(dialog.request().settings.path, QStringLiteral("/tmp/slides/huber.gif"));
}

void TestAnimationExportDialog::dialogRejectsFolderAsGif()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    AnimationExportRequest initial;
    initial.settings.path = folder.path();
    AnimationExportDialog dialog(initial, [](AnimationSource) { return QSize(400, 300); });
    // Without a .gif suffix the dialog would add one, so the folder is given with one.
    QVERIFY(QDir(folder.path()).mkdir(QStringLiteral("frames.gif")));
    auto *path = dialog.findChild<QLineEdit *>(QStringLiteral("path"));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("error"));
    QVERIFY(path && error);
    path->setText(folder.filePath(QStringLiteral("frames.gif")));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY2(error->text().contains(QStringLiteral("is a folder")), qPrintable(error->text()));

    path->setText(folder.filePath(QStringLiteral("runs")));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.request().settings.path, folder.filePath(QStringLiteral("runs.gif")));
}

void TestAnimationExportDialog::windowGifHasFramesAndSteps()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const std::vector<int> before = stepsOfRuns();
    QVERIFY(before.size() >= 2);
    const int undoIndex = m_window->model()->undoStack()->index();
    const int undoCount = m_window->model()->undoStack()->count();

    AnimationExportRequest request;
    request.source = AnimationSource::Landscape;
    request.settings.path = folder.filePath(QStringLiteral("runs.gif"));
    request.settings.frameCount = 5;
    request.settings.stepsPerFrame = 3;
    request.settings.delayCentiseconds = 4;
    request.settings.size = QSize(240, 180);
    const TrainingRecording outcome = m_window->recordAnimation(request);
    QVERIFY2(outcome.written, qPrintable(outcome.error));
    QVERIFY(!outcome.cancelled);
    QVERIFY(!outcome.runsStopped);
    QCOMPARE(outcome.framesWritten, 5);

    QImageReader reader(request.settings.path);
    QCOMPARE(reader.format(), QByteArray("gif"));
    QCOMPARE(reader.imageCount(), 5);
    std::vector<QImage> frames;
    for (int i = 0; i < 5; ++i) {
        frames.push_back(reader.read());
        QVERIFY2(!frames.back().isNull(), qPrintable(reader.errorString()));
        QCOMPARE(frames.back().size(), QSize(240, 180));
        QCOMPARE(reader.nextImageDelay(), 40);
    }
    // The paths grow between the first frame and the last.
    QVERIFY(frames.front() != frames.back());

    // The first frame is the state before, so 5 frames take 4 advances of 3 steps each.
    const std::vector<int> after = stepsOfRuns();
    QCOMPARE(after.size(), before.size());
    for (size_t i = 0; i < after.size(); ++i) {
        if (before[i] >= 0)
            QCOMPARE(after[i], before[i] + (5 - 1) * 3);
    }
    QCOMPARE(m_window->model()->undoStack()->index(), undoIndex);
    QCOMPARE(m_window->model()->undoStack()->count(), undoCount);
    QVERIFY2(statusText().contains(QStringLiteral("Wrote 5 frames to %1").arg(request.settings.path)),
             qPrintable(statusText()));
}

void TestAnimationExportDialog::windowPngSequenceOfWholeWindow()
{
    QTemporaryDir folder;
    AnimationExportRequest request;
    request.source = AnimationSource::Window;
    request.settings.format = AnimationExportSettings::Format::PngSequence;
    request.settings.path = folder.filePath(QStringLiteral("frames"));
    request.settings.frameCount = 3;
    request.settings.stepsPerFrame = 2;
    const TrainingRecording outcome = m_window->recordAnimation(request);
    QVERIFY2(outcome.written, qPrintable(outcome.error));
    QCOMPARE(outcome.framesWritten, 3);
    const QSize expected = m_window->size() * m_window->devicePixelRatioF();
    for (int i = 1; i <= 3; ++i) {
        const QImage image(
            QDir(request.settings.path).filePath(QStringLiteral("frame_000%1.png").arg(i)));
        QVERIFY2(!image.isNull(), qPrintable(QStringLiteral("frame %1").arg(i)));
        QCOMPARE(image.size(), expected);
    }
    QVERIFY(!QFileInfo::exists(QDir(request.settings.path).filePath("frame_0004.png")));
}

void TestAnimationExportDialog::recordingPausesPlayback()
{
    QTemporaryDir folder;
    m_window->training()->play();
    QVERIFY(m_window->training()->isPlaying());
    AnimationExportRequest request;
    request.source = AnimationSource::Training;
    request.settings.path = folder.filePath(QStringLiteral("paused.gif"));
    request.settings.frameCount = 2;
    const TrainingRecording outcome = m_window->recordAnimation(request);
    QVERIFY2(outcome.written, qPrintable(outcome.error));
    QVERIFY(!m_window->training()->isPlaying());
}

void TestAnimationExportDialog::stoppedRunsEndRecording()
{
    QTemporaryDir folder;
    m_window->training()->setStepLimit(4);
    QCOMPARE(m_window->training()->iteration(), 0);
    AnimationExportRequest request;
    request.source = AnimationSource::Data;
    request.settings.path = folder.filePath(QStringLiteral("short.gif"));
    request.settings.frameCount = 10;
    request.settings.stepsPerFrame = 1;
    const TrainingRecording outcome = m_window->recordAnimation(request);
    QVERIFY2(outcome.written, qPrintable(outcome.error));
    // Steps 0 to 4, then the limit stops every run.
    QCOMPARE(outcome.framesWritten, 5);
    QVERIFY(outcome.runsStopped);
    QCOMPARE(QImageReader(request.settings.path).imageCount(), 5);
    QCOMPARE(m_window->training()->iteration(), 4);
    QVERIFY2(statusText().contains(QStringLiteral("stopped at step 4")), qPrintable(statusText()));
}

void TestAnimationExportDialog::cancelKeepsNoGif()
{
    QTemporaryDir folder;
    AnimationExportRequest request;
    request.source = AnimationSource::Window;
    request.settings.path = folder.filePath(QStringLiteral("cancelled.gif"));
    request.settings.frameCount = 2000;
    // Presses Cancel once the progress dialog exists, while the frames are being recorded.
    QTimer canceller;
    int cancels = 0;
    connect(&canceller, &QTimer::timeout, this, [&] {
        if (auto *progress = m_window->findChild<QProgressDialog *>()) {
            progress->cancel();
            ++cancels;
        }
    });
    canceller.start(20);
    const TrainingRecording outcome = m_window->recordAnimation(request);
    canceller.stop();
    QVERIFY(cancels > 0);
    QVERIFY(!outcome.written);
    QVERIFY(outcome.cancelled);
    QVERIFY(outcome.framesWritten < 2000);
    QVERIFY(!QFileInfo::exists(request.settings.path));
    QVERIFY2(statusText().contains(QStringLiteral("Export cancelled after")), qPrintable(statusText()));
    QVERIFY2(statusText().contains(QStringLiteral("was not written")), qPrintable(statusText()));
}

void TestAnimationExportDialog::missingFolderFailsWithPath()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("missing/runs.gif"));
    AnimationExportRequest request;
    request.settings.path = path;
    request.settings.frameCount = 3;
    const TrainingRecording outcome = m_window->recordAnimation(request);
    QVERIFY(!outcome.written);
    QVERIFY(!outcome.cancelled);
    QVERIFY2(outcome.error.contains(path), qPrintable(outcome.error));
    QVERIFY(!QFileInfo::exists(path));
}

QTEST_MAIN(TestAnimationExportDialog)
#include "tst_animationexportdialog.moc"
