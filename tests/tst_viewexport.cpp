#include "ui/viewexport.h"

#include <qcustomplot.h>

#include <QFile>
#include <QImage>
#include <QLabel>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QVBoxLayout>
#include <QtTest>

using namespace losslens;

// Exports of a plot and of a composite widget to PNG, SVG and PDF: valid files of the requested
// size and resolution, vector graphics for plots, and clear rejections.
class TestViewExport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void plotToPng();
    void plotToSvgIsVector();
    void plotToPdfHasPageSize();
    void widgetToEveryFormat();
    void invalidSettingsRejected_data();
    void invalidSettingsRejected();
    void failedSaveKeepsOldFile();

private:
    QByteArray readAll(const QString &path);

    QTemporaryDir m_folder;
    QCustomPlot *m_plot = nullptr;
};

void TestViewExport::init()
{
    m_plot = new QCustomPlot;
    QCPGraph *graph = m_plot->addGraph();
    QVector<double> x, y;
    for (int i = 0; i <= 50; ++i) {
        x << i * 0.1;
        y << std::sin(i * 0.1);
    }
    graph->setData(x, y);
    m_plot->xAxis->setLabel(QStringLiteral("residual"));
    m_plot->rescaleAxes();
    m_plot->resize(320, 240);
}

void TestViewExport::cleanup()
{
    delete m_plot;
    m_plot = nullptr;
}

QByteArray TestViewExport::readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void TestViewExport::plotToPng()
{
    const QString path = m_folder.filePath(QStringLiteral("plot.png"));
    QString error;
    QVERIFY2(exportView(m_plot, {path, QSize(400, 300), 192}, &error), qPrintable(error));
    QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(800, 600));
    QCOMPARE(std::lround(image.dotsPerMeterX() * 0.0254), 192L);
    // Something was drawn: not every pixel is white.
    bool drawn = false;
    for (int y = 0; y < image.height() && !drawn; y += 4) {
        for (int x = 0; x < image.width() && !drawn; x += 4)
            drawn = image.pixel(x, y) != qRgb(255, 255, 255);
    }
    QVERIFY(drawn);
}

void TestViewExport::plotToSvgIsVector()
{
    const QString path = m_folder.filePath(QStringLiteral("plot.svg"));
    QString error;
    QVERIFY2(exportView(m_plot, {path, QSize(500, 250), 96}, &error), qPrintable(error));
    const QByteArray bytes = readAll(path);
    QSvgRenderer renderer(bytes);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBox(), QRect(0, 0, 500, 250));
    QVERIFY(bytes.contains("<polyline") || bytes.contains("<path"));
    QVERIFY(!bytes.contains("<image"));
    QVERIFY(bytes.contains("residual"));
}

void TestViewExport::plotToPdfHasPageSize()
{
    const QString path = m_folder.filePath(QStringLiteral("plot.pdf"));
    QString error;
    QVERIFY2(exportView(m_plot, {path, QSize(400, 300), 300}, &error), qPrintable(error));
    const QByteArray bytes = readAll(path);
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    QVERIFY(bytes.size() > 1000);
    // 400 x 300 device-independent pixels are 300 x 225 points.
    const qsizetype box = bytes.indexOf("/MediaBox");
    QVERIFY(box >= 0);
    const QByteArray boxText = bytes.mid(box, bytes.indexOf(']', box) - box);
    const QList<QByteArray> corners = boxText.mid(boxText.indexOf('[') + 1).simplified().split(' ');
    QCOMPARE(corners.size(), 4);
    QCOMPARE(corners[2].toDouble(), 300.0);
    QCOMPARE(corners[3].toDouble(), 225.0);
}

void TestViewExport::widgetToEveryFormat()
{
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    layout->addWidget(new QLabel(QStringLiteral("Huber · Adam, lr 0.01")));
    layout->addWidget(m_plot);
    window.resize(600, 400);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (const char *name : {"window.png", "window.svg", "window.pdf"}) {
        const QString path = m_folder.filePath(QString::fromLatin1(name));
        QString error;
        QVERIFY2(exportView(&window, {path, QSize(), 96}, &error), qPrintable(error));
        QVERIFY(readAll(path).size() > 500);
    }
    QCOMPARE(QImage(m_folder.filePath(QStringLiteral("window.png"))).size(), QSize(600, 400));
    QVERIFY(QSvgRenderer(m_folder.filePath(QStringLiteral("window.svg"))).isValid());
    layout->removeWidget(m_plot);
    m_plot->setParent(nullptr);
}

void TestViewExport::invalidSettingsRejected_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("dotsPerInch");
    QTest::addColumn<QString>("expected");
    QTest::newRow("suffix") << "plot.jpg" << QSize(100, 100) << 96 << ".png, .svg or .pdf";
    QTest::newRow("tiny") << "plot.png" << QSize(4, 100) << 96 << "from 16 to 16384";
    QTest::newRow("huge") << "plot.svg" << QSize(100, 20000) << 96 << "from 16 to 16384";
    QTest::newRow("resolution") << "plot.pdf" << QSize(100, 100) << 5000 << "from 24 to 1200";
    QTest::newRow("png pixels") << "plot.png" << QSize(10000, 100) << 600 << "exceed 16384";
}

void TestViewExport::invalidSettingsRejected()
{
    QFETCH(QString, name);
    QFETCH(QSize, size);
    QFETCH(int, dotsPerInch);
    QFETCH(QString, expected);
    const QString path = m_folder.filePath(QStringLiteral("rejected_") + name);
    QString error;
    QVERIFY(!exportView(m_plot, {path, size, dotsPerInch}, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

void TestViewExport::failedSaveKeepsOldFile()
{
    // A folder that does not exist: the save fails and names the file.
    const QString path = m_folder.filePath(QStringLiteral("missing/plot.png"));
    QString error;
    QVERIFY(!exportView(m_plot, {path, QSize(100, 100), 96}, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
}

QTEST_MAIN(TestViewExport)
#include "tst_viewexport.moc"
