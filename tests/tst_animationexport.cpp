#include "ui/animationexport.h"
#include "ui/gifwriter.h"

#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QTemporaryDir>
#include <QWidget>
#include <QtTest>

using namespace losslens;

namespace {

// A widget filled with one colour, which the animation's advance step changes.
class ColourWidget : public QWidget
{
public:
    ColourWidget()
    {
        resize(64, 48);
        setAutoFillBackground(true);
        setColour(Qt::red);
    }
    void setColour(const QColor &colour)
    {
        QPalette palette = this->palette();
        palette.setColor(QPalette::Window, colour);
        setPalette(palette);
    }
};

QColor centreOf(const QImage &image)
{
    return image.pixelColor(image.width() / 2, image.height() / 2);
}

// giflib's quantizer works on 5 bits per channel, so a channel may come back up to 7 lower.
bool nearColour(const QColor &actual, const QColor &expected)
{
    return std::abs(actual.red() - expected.red()) <= 7 &&
           std::abs(actual.green() - expected.green()) <= 7 &&
           std::abs(actual.blue() - expected.blue()) <= 7;
}

} // namespace

class TestAnimationExport : public QObject
{
    Q_OBJECT

private slots:
    void gifFramesReadBack();
    void gifStopsWhenRunsEnd();
    void gifCancelKeepsOldFile();
    void pngSequenceWritesFrames();
    void gifWithoutFramesFails();
    void unwritablePathFails();
};

void TestAnimationExport::gifFramesReadBack()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    ColourWidget widget;
    const QList<QColor> colours = {Qt::red, Qt::green, Qt::blue};
    int advanced = 0;
    AnimationExportSettings settings;
    settings.path = folder.filePath(QStringLiteral("runs.gif"));
    settings.frameCount = 3;
    settings.stepsPerFrame = 5;
    settings.delayCentiseconds = 7;
    QString error;
    int frames = 0;
    const bool written = exportAnimation(
        &widget, settings,
        [&](int steps) {
            advanced += steps;
            widget.setColour(colours[advanced / 5]);
            return true;
        },
        {}, &error, &frames);
    QVERIFY2(written, qPrintable(error));
    QCOMPARE(frames, 3);
    QCOMPARE(advanced, 10);

    QImageReader reader(settings.path);
    QCOMPARE(reader.format(), QByteArray("gif"));
    QCOMPARE(reader.imageCount(), 3);
    // Qt reports a loop count of -1 for an animation that repeats forever.
    QCOMPARE(reader.loopCount(), -1);
    for (int index = 0; index < 3; ++index) {
        const QImage image = reader.read();
        QVERIFY2(!image.isNull(), qPrintable(reader.errorString()));
        QCOMPARE(image.size(), QSize(64, 48));
        QVERIFY2(nearColour(centreOf(image), colours[index]),
                 qPrintable(centreOf(image).name()));
        QCOMPARE(reader.nextImageDelay(), 70);
    }
}

void TestAnimationExport::gifStopsWhenRunsEnd()
{
    QTemporaryDir folder;
    ColourWidget widget;
    AnimationExportSettings settings;
    settings.path = folder.filePath(QStringLiteral("short.gif"));
    settings.frameCount = 10;
    int calls = 0;
    QString error;
    int frames = 0;
    QVERIFY(exportAnimation(
        &widget, settings, [&](int) { return ++calls < 3; }, {}, &error, &frames));
    QCOMPARE(frames, 3);
    QCOMPARE(QImageReader(settings.path).imageCount(), 3);
}

void TestAnimationExport::gifCancelKeepsOldFile()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("kept.gif"));
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("previous content");
    old.close();

    ColourWidget widget;
    AnimationExportSettings settings;
    settings.path = path;
    settings.frameCount = 5;
    QString error;
    QVERIFY(!exportAnimation(
        &widget, settings, [](int) { return true; }, [](int done, int) { return done < 2; },
        &error));
    QVERIFY(error.contains(QStringLiteral("cancelled")));
    QFile check(path);
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.readAll(), QByteArray("previous content"));
}

void TestAnimationExport::pngSequenceWritesFrames()
{
    QTemporaryDir folder;
    ColourWidget widget;
    AnimationExportSettings settings;
    settings.format = AnimationExportSettings::Format::PngSequence;
    settings.path = folder.filePath(QStringLiteral("frames"));
    settings.frameCount = 4;
    settings.size = QSize(32, 24);
    QString error;
    QVERIFY2(exportAnimation(&widget, settings, [](int) { return true; }, {}, &error),
             qPrintable(error));
    const QStringList names =
        QDir(settings.path).entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
    QCOMPARE(names, QStringList({QStringLiteral("frame_0001.png"), QStringLiteral("frame_0002.png"),
                                 QStringLiteral("frame_0003.png"),
                                 QStringLiteral("frame_0004.png")}));
    const QImage image(QDir(settings.path).filePath(names.first()));
    QCOMPARE(image.size(), QSize(32, 24));
}

void TestAnimationExport::gifWithoutFramesFails()
{
    QTemporaryDir folder;
    GifWriter writer;
    QString error;
    const QString path = folder.filePath(QStringLiteral("empty.gif"));
    QVERIFY2(writer.start(path, QSize(10, 10), 4, &error), qPrintable(error));
    QVERIFY(!writer.finish(&error));
    QVERIFY(error.contains(QStringLiteral("no frames")));
    QVERIFY(!QFile::exists(path));
}

void TestAnimationExport::unwritablePathFails()
{
    ColourWidget widget;
    AnimationExportSettings settings;
    settings.path = QStringLiteral("/proc/losslens-no-such-dir/runs.gif");
    QString error;
    QVERIFY(!exportAnimation(&widget, settings, [](int) { return true; }, {}, &error));
    QVERIFY(error.contains(settings.path));
}

QTEST_MAIN(TestAnimationExport)
#include "tst_animationexport.moc"
