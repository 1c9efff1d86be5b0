#include "testdata.h"

#include "ui/datapointeditor.h"
#include "ui/dataview.h"
#include "ui/landscapeview.h"
#include "ui/mainwindow.h"
#include "ui/sessionmodel.h"
#include "ui/trainingcontroller.h"

#include "core/csvreader.h"
#include "core/csvwriter.h"

#include <qcustomplot.h>

#include <QAction>
#include <QElapsedTimer>
#include <QMenuBar>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include <bit>
#include <cmath>
#include <limits>

using namespace losslens;
using losslens::test::makeDataset;

namespace {

// Whether two data sets hold the same doubles bit for bit (so -0 differs from 0) and the same
// names.
bool identical(const Dataset &a, const Dataset &b)
{
    if (a.size() != b.size() || a.featureName != b.featureName || a.targetName != b.targetName)
        return false;
    for (Eigen::Index i = 0; i < a.size(); ++i) {
        if (std::bit_cast<quint64>(a.feature[i]) != std::bit_cast<quint64>(b.feature[i]) ||
            std::bit_cast<quint64>(a.target[i]) != std::bit_cast<quint64>(b.target[i]))
            return false;
    }
    return true;
}

void sendMouseMove(QWidget *widget, const QPointF &position)
{
    QMouseEvent event(QEvent::MouseMove, position, widget->mapToGlobal(position), Qt::NoButton,
                      Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

void turnWheel(QWidget *widget, const QPointF &position, int steps)
{
    QWheelEvent event(position, widget->mapToGlobal(position), QPoint(), QPoint(0, 120 * steps),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &event);
}

// n points with x uniform in [0, 100) and y = 0.5 x + 3 plus uniform noise in [-10, 10).
std::shared_ptr<const Dataset> randomLine(int n, quint32 seed)
{
    QRandomGenerator random(seed);
    auto data = std::make_shared<Dataset>();
    data->feature.resize(n);
    data->target.resize(n);
    for (int i = 0; i < n; ++i) {
        data->feature[i] = 100.0 * random.generateDouble();
        data->target[i] = 0.5 * data->feature[i] + 3.0 + 20.0 * (random.generateDouble() - 0.5);
    }
    data->featureName = QStringLiteral("x");
    data->targetName = QStringLiteral("y");
    data->source = QStringLiteral("test");
    return data;
}

} // namespace

class DataEditingTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void clickAddsPoint();
    void clickOnPointOnlySelects();
    void dragMovesPointAsOneStep();
    void dragFromEmptySpaceAddsAndMoves();
    void rightClickRemovesPoint();
    void deleteKeyRemovesSelected();
    void deleteKeyRemovesHovered();
    void removalBelowTwoRejected();
    void removalLeavingOneFeatureRejected();
    void moveToOneFeatureRejected();
    void invalidCoordinatesRejected();
    void classificationClickChoosesLabel();
    void classificationDragKeepsLabel();
    void wheelAndRightDragOnlyChangeView();
    void editKeepsZoomNewDataResets();
    void hitTestAtTenThousandPoints();
    void viewDragAtTenThousandPoints();

    void csvFieldQuoting();
    void csvRoundTripAwkwardValues();
    void csvWriteFailureReported();

    void windowShowsRejection();
    void windowHasSaveAction();
    void windowDragAtTenThousandPoints();

private:
    void setData(std::shared_ptr<const Dataset> data);
    QCustomPlot *plot() const { return m_view->plot(); }
    DataPointEditor *editor() const { return m_view->pointEditor(); }
    // The pixel of a data point, rounded as a mouse event's position is.
    QPoint pixelOf(int index) const;
    QPoint pixelAt(double x, double y) const;
    // The data units that one pixel spans along x and along y.
    double xPerPixel() const;
    double yPerPixel() const;

    SessionModel *m_model = nullptr;
    TrainingController *m_training = nullptr;
    DataView *m_view = nullptr;
};

void DataEditingTest::init()
{
    m_model = new SessionModel;
    m_training = new TrainingController(m_model);
    m_view = new DataView(m_model, m_training);
    m_view->resize(640, 480);
    // Five points far apart, so every hit is unambiguous.
    setData(makeDataset({1, 2, 3, 4, 5}, {2.0, 4.5, 3.0, 6.5, 5.0}));
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    QCoreApplication::processEvents();
}

void DataEditingTest::cleanup()
{
    delete m_view;
    delete m_training;
    delete m_model;
}

void DataEditingTest::setData(std::shared_ptr<const Dataset> data)
{
    m_model->resetState(defaultSessionState(std::move(data)));
}

QPoint DataEditingTest::pixelOf(int index) const
{
    const Dataset &data = m_model->data();
    return pixelAt(data.feature[index], data.target[index]);
}

QPoint DataEditingTest::pixelAt(double x, double y) const
{
    return QPoint(int(std::lround(plot()->xAxis->coordToPixel(x))),
                  int(std::lround(plot()->yAxis->coordToPixel(y))));
}

double DataEditingTest::xPerPixel() const
{
    return plot()->xAxis->range().size() / plot()->axisRect()->width();
}

double DataEditingTest::yPerPixel() const
{
    return plot()->yAxis->range().size() / plot()->axisRect()->height();
}

void DataEditingTest::clickAddsPoint()
{
    const auto original = m_model->state().data;
    const int steps = m_model->undoStack()->count();
    const QPoint empty = pixelAt(1.5, 6.0);
    QCOMPARE(editor()->pointAt(empty), -1);

    QTest::mouseClick(plot(), Qt::LeftButton, Qt::NoModifier, empty);
    const Dataset &added = m_model->data();
    QCOMPARE(added.size(), 6);
    QCOMPARE(added.feature[5], plot()->xAxis->pixelToCoord(empty.x()));
    QCOMPARE(added.target[5], plot()->yAxis->pixelToCoord(empty.y()));
    QVERIFY(std::abs(added.feature[5] - 1.5) <= xPerPixel());
    QVERIFY(std::abs(added.target[5] - 6.0) <= yPerPixel());
    QCOMPARE(m_model->undoStack()->count(), steps + 1);
    QCOMPARE(editor()->selectedPoint(), 5);
    QVERIFY(editor()->highlightGraph()->visible());
    const auto afterAdd = m_model->state().data;

    m_model->undoStack()->undo();
    QCOMPARE(m_model->state().data, original);
    QVERIFY(identical(m_model->data(), *original));
    QCOMPARE(editor()->selectedPoint(), -1);
    m_model->undoStack()->redo();
    QVERIFY(identical(m_model->data(), *afterAdd));
}

void DataEditingTest::clickOnPointOnlySelects()
{
    const auto original = m_model->state().data;
    const int steps = m_model->undoStack()->count();
    QTest::mouseClick(plot(), Qt::LeftButton, Qt::NoModifier, pixelOf(3));
    QCOMPARE(m_model->state().data, original);
    QCOMPARE(m_model->undoStack()->count(), steps);
    QCOMPARE(editor()->selectedPoint(), 3);
    QCOMPARE(editor()->highlightGraph()->dataCount(), 1);
    QCOMPARE(editor()->highlightGraph()->data()->constBegin()->key, 4.0);
    QCOMPARE(editor()->highlightGraph()->data()->constBegin()->value, 6.5);
}

void DataEditingTest::dragMovesPointAsOneStep()
{
    const auto original = m_model->state().data;
    const int steps = m_model->undoStack()->count();
    QSignalSpy changes(m_model, &SessionModel::changed);
    const QPoint start = pixelOf(1);
    const QPoint end = pixelAt(2.6, 5.5);

    QTest::mousePress(plot(), Qt::LeftButton, Qt::NoModifier, start);
    const int moves = 6;
    for (int k = 1; k <= moves; ++k)
        QTest::mouseMove(plot(), start + (end - start) * k / moves);
    QTest::mouseRelease(plot(), Qt::LeftButton, Qt::NoModifier, end);

    // Every step of the drag changed the data, so every view followed it.
    int dataChanges = 0;
    for (const QList<QVariant> &arguments : changes) {
        const auto flags = arguments.at(0).value<SessionModel::Changes>();
        if (flags & SessionModel::DataChanged) {
            QVERIFY(flags & SessionModel::DataEdited);
            ++dataChanges;
        }
    }
    QCOMPARE(dataChanges, moves);
    QCOMPARE(m_model->undoStack()->count(), steps + 1);

    const Dataset &moved = m_model->data();
    QCOMPARE(moved.size(), 5);
    QVERIFY(std::abs(moved.feature[1] - 2.6) <= 1.5 * xPerPixel());
    QVERIFY(std::abs(moved.target[1] - 5.5) <= 1.5 * yPerPixel());
    for (int i : {0, 2, 3, 4}) {
        QCOMPARE(moved.feature[i], original->feature[i]);
        QCOMPARE(moved.target[i], original->target[i]);
    }
    // The objectives, which the landscape and the runs use, see the moved point.
    QCOMPARE(m_model->objective(0)->data().feature[1], moved.feature[1]);
    const auto afterDrag = m_model->state().data;

    m_model->undoStack()->undo();
    QCOMPARE(m_model->state().data, original);
    m_model->undoStack()->redo();
    QCOMPARE(m_model->state().data, afterDrag);
    QVERIFY(identical(m_model->data(), *afterDrag));
}

void DataEditingTest::dragFromEmptySpaceAddsAndMoves()
{
    const auto original = m_model->state().data;
    const int steps = m_model->undoStack()->count();
    const QPoint start = pixelAt(1.5, 6.0);
    const QPoint end = pixelAt(4.5, 2.5);
    QTest::mousePress(plot(), Qt::LeftButton, Qt::NoModifier, start);
    QTest::mouseMove(plot(), (start + end) / 2);
    QTest::mouseMove(plot(), end);
    QTest::mouseRelease(plot(), Qt::LeftButton, Qt::NoModifier, end);

    QCOMPARE(m_model->data().size(), 6);
    QCOMPARE(m_model->data().feature[5], plot()->xAxis->pixelToCoord(end.x()));
    QCOMPARE(m_model->data().target[5], plot()->yAxis->pixelToCoord(end.y()));
    QCOMPARE(m_model->undoStack()->count(), steps + 1);
    m_model->undoStack()->undo();
    QCOMPARE(m_model->state().data, original);
}

void DataEditingTest::rightClickRemovesPoint()
{
    const auto original = m_model->state().data;
    QTest::mouseClick(plot(), Qt::RightButton, Qt::NoModifier, pixelOf(2));
    const Dataset &removed = m_model->data();
    QCOMPARE(removed.size(), 4);
    const Dataset expected = *makeDataset({1, 2, 4, 5}, {2.0, 4.5, 6.5, 5.0});
    QVERIFY(identical(removed, expected));
    const auto afterRemove = m_model->state().data;

    m_model->undoStack()->undo();
    QCOMPARE(m_model->state().data, original);
    QVERIFY(identical(m_model->data(), *original));
    m_model->undoStack()->redo();
    QVERIFY(identical(m_model->data(), *afterRemove));
}

void DataEditingTest::deleteKeyRemovesSelected()
{
    const auto original = m_model->state().data;
    QTest::mouseClick(plot(), Qt::LeftButton, Qt::NoModifier, pixelOf(4));
    // The cursor leaves the point, so the selection alone decides what Delete removes.
    sendMouseMove(plot(), pixelAt(1.5, 6.0));
    QCOMPARE(editor()->highlightedPoint(), 4);
    QTest::keyClick(plot(), Qt::Key_Delete);
    QVERIFY(identical(m_model->data(), *makeDataset({1, 2, 3, 4}, {2.0, 4.5, 3.0, 6.5})));
    QCOMPARE(editor()->selectedPoint(), -1);

    m_model->undoStack()->undo();
    QCOMPARE(m_model->state().data, original);
    m_model->undoStack()->redo();
    QCOMPARE(m_model->data().size(), 4);
}

void DataEditingTest::deleteKeyRemovesHovered()
{
    QTest::mouseClick(plot(), Qt::LeftButton, Qt::NoModifier, pixelOf(0));
    QCOMPARE(editor()->selectedPoint(), 0);
    sendMouseMove(plot(), pixelOf(3));
    QCOMPARE(editor()->highlightedPoint(), 3);
    QCOMPARE(editor()->highlightGraph()->data()->constBegin()->key, 4.0);
    QTest::keyClick(plot(), Qt::Key_Delete);
    QVERIFY(identical(m_model->data(), *makeDataset({1, 2, 3, 5}, {2.0, 4.5, 3.0, 5.0})));
    // The selected point is still the first one.
    QCOMPARE(editor()->selectedPoint(), 0);
}

void DataEditingTest::removalBelowTwoRejected()
{
    setData(makeDataset({1, 3}, {2.0, 4.0}));
    QCoreApplication::processEvents();
    const auto original = m_model->state().data;
    const int steps = m_model->undoStack()->count();
    QSignalSpy messages(m_view, &DataView::editMessage);

    QTest::mouseClick(plot(), Qt::RightButton, Qt::NoModifier, pixelOf(1));
    QCOMPARE(m_model->state().data, original);
    QCOMPARE(m_model->undoStack()->count(), steps);
    QCOMPARE(messages.count(), 1);
    const QString message = messages.at(0).at(0).toString();
    QVERIFY2(message.contains(QStringLiteral("point 2")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("at least 2 points")), qPrintable(message));

    QTest::mouseClick(plot(), Qt::LeftButton, Qt::NoModifier, pixelOf(0));
    QTest::keyClick(plot(), Qt::Key_Delete);
    QCOMPARE(m_model->state().data, original);
    QCOMPARE(messages.count(), 2);
}

void DataEditingTest::removalLeavingOneFeatureRejected()
{
    setData(makeDataset({2, 2, 5}, {1.0, 3.0, 2.0}));
    const QString message = m_model->removeDataPoint(2);
    QVERIFY2(message.contains(QStringLiteral("every point would have x = 2")), qPrintable(message));
    QCOMPARE(m_model->data().size(), 3);
    // Removing one of the two at x = 2 leaves two distinct values.
    QCOMPARE(m_model->removeDataPoint(0), QString());
    QCOMPARE(m_model->data().size(), 2);
}

void DataEditingTest::moveToOneFeatureRejected()
{
    setData(makeDataset({1, 3}, {2.0, 4.0}));
    const auto original = m_model->state().data;
    const QString message = m_model->moveDataPoint(1, 1.0, 7.0);
    QVERIFY2(message.contains(QStringLiteral("Cannot move point 2")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("undetermined")), qPrintable(message));
    QCOMPARE(m_model->state().data, original);
    // The same x with another point elsewhere is fine.
    QCOMPARE(m_model->moveDataPoint(1, 1.5, 7.0), QString());
}

void DataEditingTest::invalidCoordinatesRejected()
{
    const auto original = m_model->state().data;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double infinity = std::numeric_limits<double>::infinity();
    QVERIFY(m_model->addDataPoint(nan, 1.0).contains(QStringLiteral("out of range")));
    QVERIFY(m_model->addDataPoint(1.0, infinity).contains(QStringLiteral("out of range")));
    QVERIFY(m_model->moveDataPoint(0, 1e200, 1.0).contains(QStringLiteral("out of range")));
    QVERIFY(m_model->moveDataPoint(7, 1.0, 1.0).contains(QStringLiteral("Cannot move point 8")));
    QVERIFY(m_model->removeDataPoint(-1).contains(QStringLiteral("Cannot remove point 0")));
    QCOMPARE(m_model->state().data, original);
    // The magnitude limit itself is accepted.
    QCOMPARE(m_model->addDataPoint(maximumDataMagnitude, -maximumDataMagnitude), QString());
}

void DataEditingTest::classificationClickChoosesLabel()
{
    setData(makeDataset({1, 2, 3, 4}, {0, 0, 1, 1}));
    QCoreApplication::processEvents();
    QVERIFY(plot()->toolTip().contains(QStringLiteral("0/1 labels")));

    QTest::mouseClick(plot(), Qt::LeftButton, Qt::NoModifier, pixelAt(1.5, 0.8));
    QCOMPARE(m_model->data().size(), 5);
    QCOMPARE(m_model->data().target[4], 1.0);
    QTest::mouseClick(plot(), Qt::LeftButton, Qt::ShiftModifier, pixelAt(2.5, 0.8));
    QCOMPARE(m_model->data().target[5], 0.0);
    QTest::mouseClick(plot(), Qt::LeftButton, Qt::NoModifier, pixelAt(3.5, 0.3));
    QCOMPARE(m_model->data().target[6], 0.0);
    QTest::mouseClick(plot(), Qt::LeftButton, Qt::ShiftModifier, pixelAt(3.7, 0.3));
    QCOMPARE(m_model->data().target[7], 1.0);
    QVERIFY(m_model->data().hasBinaryLabels());
    QCOMPARE(m_model->undoStack()->count(), 4);
}

void DataEditingTest::classificationDragKeepsLabel()
{
    setData(makeDataset({1, 2, 3, 4}, {0, 0, 1, 1}));
    QCoreApplication::processEvents();
    const QPoint start = pixelOf(1);
    const QPoint end = pixelAt(3.5, 0.7);
    QTest::mousePress(plot(), Qt::LeftButton, Qt::NoModifier, start);
    QTest::mouseMove(plot(), (start + end) / 2);
    QTest::mouseMove(plot(), end);
    QTest::mouseRelease(plot(), Qt::LeftButton, Qt::NoModifier, end);
    QCOMPARE(m_model->data().target[1], 0.0);
    QVERIFY(std::abs(m_model->data().feature[1] - 3.5) <= 1.5 * xPerPixel());
    QVERIFY(m_model->data().hasBinaryLabels());
    QCOMPARE(m_model->undoStack()->count(), 1);
}

void DataEditingTest::wheelAndRightDragOnlyChangeView()
{
    const auto original = m_model->state().data;
    const QCPRange xBefore = plot()->xAxis->range();
    const QPoint empty = pixelAt(1.5, 6.0);

    QTest::mousePress(plot(), Qt::RightButton, Qt::NoModifier, empty);
    QTest::mouseMove(plot(), empty + QPoint(60, 0));
    QTest::mouseRelease(plot(), Qt::RightButton, Qt::NoModifier, empty + QPoint(60, 0));
    const QCPRange xPanned = plot()->xAxis->range();
    QVERIFY(xPanned.lower < xBefore.lower);
    QVERIFY(qFuzzyCompare(xPanned.size(), xBefore.size()));

    turnWheel(plot(), empty, 2);
    QVERIFY(plot()->xAxis->range().size() < xPanned.size());

    QCOMPARE(m_model->state().data, original);
    QCOMPARE(m_model->undoStack()->count(), 0);
}

void DataEditingTest::editKeepsZoomNewDataResets()
{
    plot()->xAxis->setRange(0.0, 10.0);
    plot()->yAxis->setRange(-5.0, 15.0);
    QTest::mouseClick(plot(), Qt::LeftButton, Qt::NoModifier, pixelAt(8.0, 12.0));
    QCOMPARE(m_model->data().size(), 6);
    QCOMPARE(plot()->xAxis->range().lower, 0.0);
    QCOMPARE(plot()->xAxis->range().upper, 10.0);
    // Undoing an edit keeps the zoom too.
    m_model->undoStack()->undo();
    QCOMPARE(plot()->yAxis->range().upper, 15.0);

    m_model->setData(makeDataset({100, 200}, {1.0, 2.0}), QStringLiteral("new data"));
    QVERIFY(plot()->xAxis->range().lower > 90.0);
    QVERIFY(plot()->xAxis->range().upper < 210.0);
}

void DataEditingTest::hitTestAtTenThousandPoints()
{
    const auto data = randomLine(10000, 7);
    setData(data);
    QCoreApplication::processEvents();

    QElapsedTimer timer;
    timer.start();
    int hits = 0;
    const int probes = 200;
    for (int k = 0; k < probes; ++k) {
        const int index = k * 50;
        const QPointF pixel(plot()->xAxis->coordToPixel(data->feature[index]),
                            plot()->yAxis->coordToPixel(data->target[index]));
        const int hit = editor()->pointAt(pixel);
        QVERIFY(hit >= 0);
        // The hit is the nearest point in pixels, which may be another one on top of it.
        const QPointF hitPixel(plot()->xAxis->coordToPixel(data->feature[hit]),
                               plot()->yAxis->coordToPixel(data->target[hit]));
        const QPointF offset = hitPixel - pixel;
        QVERIFY(QPointF::dotProduct(offset, offset) < 1e-6);
        ++hits;
    }
    const double microseconds = timer.nsecsElapsed() / 1000.0 / probes;
    qInfo("pointAt at 10,000 points: %.1f µs per call", microseconds);
    QCOMPARE(hits, probes);
    // A pixel in a corner far from the line hits nothing.
    const QRect rect = plot()->axisRect()->rect();
    QCOMPARE(editor()->pointAt(QPointF(rect.left() + 2, rect.top() + 2)), -1);
}

void DataEditingTest::viewDragAtTenThousandPoints()
{
    setData(randomLine(10000, 7));
    QCoreApplication::processEvents();
    const QPoint start = pixelOf(0);
    const int grabbed = editor()->pointAt(start);
    QVERIFY(grabbed >= 0);

    // The data view alone, with the session and the runs at step 0: the part of a drag step
    // that this view adds to the other views' work.
    QTest::mousePress(plot(), Qt::LeftButton, Qt::NoModifier, start);
    const int moves = 40;
    QElapsedTimer timer;
    double handling = 0.0;
    double withReplot = 0.0;
    for (int k = 1; k <= moves; ++k) {
        timer.start();
        QTest::mouseMove(plot(), start + QPoint(2 * k, 2 * k));
        handling += timer.nsecsElapsed() / 1e6;
        QCoreApplication::processEvents();
        withReplot += timer.nsecsElapsed() / 1e6;
    }
    QTest::mouseRelease(plot(), Qt::LeftButton, Qt::NoModifier, start + QPoint(2 * moves, 2 * moves));
    qInfo("data view drag at 10,000 points: %.1f ms per step to update the session and the "
          "view, %.1f ms with the replot",
          handling / moves, withReplot / moves);
    QCOMPARE(m_model->undoStack()->count(), 1);
    QCOMPARE(editor()->selectedPoint(), grabbed);
}

void DataEditingTest::csvFieldQuoting()
{
    QCOMPARE(csvField(QStringLiteral("air flow")), QByteArray("air flow"));
    QCOMPARE(csvField(QStringLiteral("a,b")), QByteArray("\"a,b\""));
    QCOMPARE(csvField(QStringLiteral("say \"hi\"")), QByteArray("\"say \"\"hi\"\"\""));
    QCOMPARE(csvField(QStringLiteral("two\nlines")), QByteArray("\"two\nlines\""));
    QCOMPARE(csvField(QStringLiteral(" padded")), QByteArray("\" padded\""));
    QCOMPARE(csvField(QStringLiteral("µ (Ω)")), QStringLiteral("µ (Ω)").toUtf8());
    QCOMPARE(csvNumber(0.1), QByteArray("0.1"));
    QCOMPARE(csvNumber(-0.1), QByteArray("-0.1"));
    QCOMPARE(csvNumber(1e-300), QByteArray("1e-300"));
    QCOMPARE(csvNumber(-0.0), QByteArray("-0"));
    QCOMPARE(csvNumber(0.0), QByteArray("0"));
}

void DataEditingTest::csvRoundTripAwkwardValues()
{
    auto data = std::make_shared<Dataset>();
    const std::vector<double> features = {1e-300, -0.1, 1e150, -1e150, 0.1 + 0.2, 1.0 / 3.0,
                                          -0.0,   42.0, 123456789.123456789, 2.2250738585072014e-308};
    const std::vector<double> targets = {-1e150, 1e-300,  -0.1, 5e-324, 1e150, 6.02214076e23,
                                         0.0,    -1.0 / 7.0, 1e-5, 9007199254740993.0};
    data->feature = Eigen::Map<const Eigen::VectorXd>(features.data(), Eigen::Index(features.size()));
    data->target = Eigen::Map<const Eigen::VectorXd>(targets.data(), Eigen::Index(targets.size()));
    data->featureName = QStringLiteral("flow, \"corrected\"");
    data->targetName = QStringLiteral("loss \"%\", per day");

    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(QStringLiteral("edited.csv"));
    QString error;
    QVERIFY2(writeCsvFile(*data, path, &error), qPrintable(error));

    CsvError readError;
    const auto read = loadCsvDataset(path, data->featureName, data->targetName, &readError);
    QVERIFY2(read.has_value(), qPrintable(readError.message));
    QCOMPARE(read->featureName, data->featureName);
    QCOMPARE(read->targetName, data->targetName);
    QCOMPARE(read->size(), data->size());
    for (Eigen::Index i = 0; i < data->size(); ++i) {
        const QByteArray row = "row " + QByteArray::number(i + 1) + ": " +
                               csvNumber(data->feature[i]) + ", " + csvNumber(data->target[i]);
        QVERIFY2(std::bit_cast<quint64>(read->feature[i]) ==
                     std::bit_cast<quint64>(data->feature[i]),
                 row.constData());
        QVERIFY2(std::bit_cast<quint64>(read->target[i]) ==
                     std::bit_cast<quint64>(data->target[i]),
                 row.constData());
    }

    // The table the import dialog shows has the same two columns.
    const auto table = readCsvFile(path, &readError);
    QVERIFY2(table.has_value(), qPrintable(readError.message));
    QCOMPARE(table->header, QStringList({data->featureName, data->targetName}));
    QCOMPARE(table->rows.size(), features.size());
}

void DataEditingTest::csvWriteFailureReported()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("missing/folder/data.csv"));
    QString error;
    QVERIFY(!writeCsvFile(*makeDataset({1, 2}, {3, 4}), path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

void DataEditingTest::windowShowsRejection()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.model()->setData(makeDataset({1, 3}, {2.0, 4.0}), QStringLiteral("two points"));
    QCoreApplication::processEvents();
    QCustomPlot *dataPlot = window.dataView()->plot();
    const QPoint pixel(int(std::lround(dataPlot->xAxis->coordToPixel(3.0))),
                       int(std::lround(dataPlot->yAxis->coordToPixel(4.0))));
    QTest::mouseClick(dataPlot, Qt::RightButton, Qt::NoModifier, pixel);
    QCOMPARE(window.model()->data().size(), 2);
    const QString message = window.statusBar()->currentMessage();
    QVERIFY2(message.contains(QStringLiteral("Cannot remove point 2")), qPrintable(message));
    // Ctrl+Z still undoes the last real step, the data load.
    window.model()->undoStack()->undo();
    QCOMPARE(window.model()->data().size(), 21);
}

void DataEditingTest::windowHasSaveAction()
{
    MainWindow window;
    QAction *save = nullptr;
    QList<QKeySequence> shortcuts;
    for (QAction *menu : window.menuBar()->actions()) {
        for (QAction *action : menu->menu()->actions()) {
            if (action->text().remove(QLatin1Char('&')).startsWith(QStringLiteral("Save data")))
                save = action;
            if (!action->shortcut().isEmpty())
                shortcuts << action->shortcut();
        }
    }
    QVERIFY(save != nullptr);
    QVERIFY(!save->shortcut().isEmpty());
    // Qt fires neither of two actions that share a shortcut.
    QCOMPARE(shortcuts.count(save->shortcut()), 1);
}

void DataEditingTest::windowDragAtTenThousandPoints()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    SessionModel *model = window.model();
    model->setData(randomLine(10000, 11), QStringLiteral("10,000 points"));
    QTRY_VERIFY_WITH_TIMEOUT(!window.landscapeView()->isComputing(), 20000);
    // Runs that have trained replay up to their step after every change of the data.
    window.training()->runSteps(100);
    // The legends' new text may wrap and resize the plots, so let the layout settle, and lay the
    // axis rect out for the plot's final size.
    QTest::qWait(300);
    QCustomPlot *dataPlot = window.dataView()->plot();
    dataPlot->replot();

    DataPointEditor *pointEditor = window.dataView()->pointEditor();
    const Dataset &data = model->data();
    const QPoint start(int(std::lround(dataPlot->xAxis->coordToPixel(data.feature[0]))),
                       int(std::lround(dataPlot->yAxis->coordToPixel(data.target[0]))));
    // Another point may lie nearer to the pixel than the first one.
    const int grabbed = pointEditor->pointAt(start);
    QVERIFY(grabbed >= 0);
    const QPointF centre(dataPlot->xAxis->coordToPixel(data.feature[grabbed]),
                         dataPlot->yAxis->coordToPixel(data.target[grabbed]));
    const int steps = model->undoStack()->count();

    QTest::mousePress(dataPlot, Qt::LeftButton, Qt::NoModifier, start);
    const int moves = 40;
    QElapsedTimer timer;
    double handling = 0.0, longestHandling = 0.0, withRedraw = 0.0;
    for (int k = 1; k <= moves; ++k) {
        const QPoint position = start + QPoint(3 * k, -2 * k);
        timer.start();
        QTest::mouseMove(dataPlot, position);
        const double moveMilliseconds = timer.nsecsElapsed() / 1e6;

        // The point stays under the cursor where it was taken. Checked before the replots,
        // because a legend that wraps differently may resize the plot.
        const QPointF moved(dataPlot->xAxis->coordToPixel(model->data().feature[grabbed]),
                            dataPlot->yAxis->coordToPixel(model->data().target[grabbed]));
        // Within QApplication::startDragDistance() of the press the point does not move.
        const bool dragging =
            (position - start).manhattanLength() >= QApplication::startDragDistance();
        const QPointF expected = dragging ? centre + QPointF(position - start) : centre;
        QVERIFY(std::abs(moved.x() - expected.x()) <= 0.01);
        QVERIFY(std::abs(moved.y() - expected.y()) <= 0.01);

        // The replots of every view, which are queued to the event loop.
        QCoreApplication::processEvents();
        const double totalMilliseconds = timer.nsecsElapsed() / 1e6;
        handling += moveMilliseconds;
        longestHandling = std::max(longestHandling, moveMilliseconds);
        withRedraw += totalMilliseconds;
    }
    QTest::mouseRelease(dataPlot, Qt::LeftButton, Qt::NoModifier, start + QPoint(3 * moves, -2 * moves));
    qInfo("drag at 10,000 points: %.1f ms per step to update the session and the views "
          "(longest %.1f ms), %.1f ms with the replots",
          handling / moves, longestHandling, withRedraw / moves);

    QCOMPARE(model->undoStack()->count(), steps + 1);
    QCOMPARE(model->data().size(), 10000);
    // The runs are replayed on the moved data up to the step they had reached.
    QTRY_COMPARE_WITH_TIMEOUT(window.training()->iteration(), 100, 20000);
}

QTEST_MAIN(DataEditingTest)
#include "tst_dataediting.moc"
