// The model slices window, offscreen: the bundled data's four parameters, the slice's value at
// the through-point and recomputation on a change of plane. Zoom and pan recompute the slice on
// the new range. It also checks contour lines, the training path projected onto a random
// plane, the cursor read-out, and input that the window rejects while keeping the last result.
// With LOSSLENS_SLICE_GRAB_DIRECTORY set, it also saves screenshots of the window there.

#include "widgetgrab.h"
#include "numericcheck.h"

#include "core/contours.h"
#include "core/losscatalogue.h"
#include "ui/contouroverlay.h"
#include "ui/csvimportdialog.h"
#include "ui/landscapeview.h"
#include "ui/mainwindow.h"
#include "ui/numberbox.h"
#include "ui/plotsupport.h"
#include "ui/slicecontrols.h"
#include "ui/sliceheatmap.h"
#include "ui/sliceprofileview.h"
#include "ui/slicewindow.h"
#include "ui/viewsettings.h"

#include <qcustomplot.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>

#include <cmath>
#include <optional>

using namespace losslens;

namespace {

bool hasCompleteResult(const SliceWindow &window)
{
    return window.result() && window.result()->complete && !window.isComputing();
}

// Types a loss specification and presses Return, as a user would.
void enterLossSpec(SliceWindow &window, const QString &spec)
{
    QLineEdit *edit = window.controls()->lossEdit();
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, spec);
    QTest::keyClick(edit, Qt::Key_Return);
}

void saveGrab(QWidget &window, const QString &name)
{
    losslens::test::saveGrab(window, "LOSSLENS_SLICE_GRAB_DIRECTORY", name);
}

// The text a person reads in the window: labels, the plots' axis labels and the read-outs.
QString visibleText(const SliceWindow &window)
{
    QStringList texts;
    for (const QLabel *label : window.findChildren<QLabel *>())
        texts << label->text();
    for (const QCustomPlot *plot : window.findChildren<QCustomPlot *>())
        texts << plot->xAxis->label() << plot->yAxis->label();
    return texts.join(QLatin1Char('\n'));
}

// Turns the mouse wheel by steps notches (120 units each, positive away from the user) at a
// position of the widget.
void turnWheel(QWidget *widget, const QPointF &position, int steps)
{
    QWheelEvent event(position, widget->mapToGlobal(position), QPoint(), QPoint(0, 120 * steps),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &event);
}

void sendMouse(QWidget *widget, QEvent::Type type, Qt::MouseButton button,
               Qt::MouseButtons buttons, const QPointF &position)
{
    QMouseEvent event(type, position, widget->mapToGlobal(position), button, buttons,
                      Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

// A point of the heat map's axis rect at the given fractions of its width and height.
QPointF pointInPlot(const SliceWindow &window, double x, double y)
{
    const QRect rect = window.heatMap()->plot()->axisRect()->rect();
    return QPointF(rect.left() + x * rect.width(), rect.top() + y * rect.height());
}

SliceRange gridRange(const LandscapeGrid &grid)
{
    return {grid.slopeMinimum, grid.slopeMaximum, grid.interceptMinimum, grid.interceptMaximum};
}

// Whether the window shows a complete result computed on exactly this range.
bool showsRange(const SliceWindow &window, const SliceRange &range)
{
    return hasCompleteResult(window) && window.result()->settings.range &&
           *window.result()->settings.range == range;
}

// Checks a result's values against computeSlice on its own plane and grid, the direct
// computation, and a few nodes against the objective at the plane's point.
void checkAgainstDirectSlice(const SliceResult &result)
{
    const LandscapeGrid &grid = result.slice.grid;
    const std::optional<Landscape> direct = computeSlice(*result.objective, result.plane, grid);
    QVERIFY(direct);
    QCOMPARE(result.slice.values.rows(), direct->values.rows());
    QCOMPARE(result.slice.values.cols(), direct->values.cols());
    // The same arithmetic on the same nodes, so the values agree exactly.
    QCOMPARE(result.slice.values, direct->values);
    for (const auto &[i, k] : {std::pair{0, 0}, std::pair{17, 90}, std::pair{120, 120}}) {
        const double expected =
            result.objective->value(result.plane.pointAt(grid.slopeAt(i), grid.interceptAt(k)));
        COMPARE_NEAR(result.slice.values(i, k), expected,
                     test::relativeTolerance(expected, 1e-11, 1e-13));
    }
}

// A table of numbers with the given header, as a CSV file would give it.
CsvTable numberTable(const QStringList &header, const std::vector<std::vector<double>> &rows)
{
    CsvTable table;
    table.header = header;
    table.headerLine = 1;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        std::vector<QByteArray> cells;
        for (double value : rows[row])
            cells.push_back(QByteArray::number(value, 'g', 17));
        table.rows.push_back(std::move(cells));
        table.lineNumbers.push_back(qsizetype(row) + 2);
        table.firstLineNumbers.push_back(qsizetype(row) + 2);
    }
    return table;
}

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

// Opens path with File > Open CSV in main, loading the x column feature and target y for the
// line, as a user would in the import dialog.
void importForLine(MainWindow &main, const QString &path, const QString &feature)
{
    QTimer::singleShot(0, &main, [&main, feature] {
        auto *dialog = main.findChild<CsvImportDialog *>();
        if (!dialog)
            return;
        // Closes the dialog if the load never accepts it, so that the test fails, not hangs.
        QTimer::singleShot(30000, dialog, &CsvImportDialog::reject);
        dialog->setColumns({feature}, QStringLiteral("y"));
        dialog->startLoad();
    });
    main.importCsv(path);
}

} // namespace

class SliceWindowTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void defaultDataShowsFourParameters();
    void sliceMatchesObjectiveAtThroughPoint_data();
    void sliceMatchesObjectiveAtThroughPoint();
    void parameterAxesSpanThroughPoint();
    void modeSwitchRecomputes();
    void sameParameterSwapsAxes();
    void targetChangeMovesColumn();
    void invalidLossKeepsResult();
    void nonBinaryLabelsShowMessage();
    void badCsvColumnShowsMessage();
    void goodCsvReplacesData();
    void divergenceShowsNoNan();
    void profileMatchesObjective();
    void wheelZoomRecomputesOnNewRange();
    void rightDragPansAndRecomputes();
    void staleRangeRequestIsDropped();
    void fitViewRestoresAutomaticRange();
    void settingsChangeDropsZoom();
    void contoursFollowColourScale();
    void logarithmicColoursNeedPositiveLoss();
    void landscapeLogarithmicColoursNeedPositiveLoss();
    void randomPlaneShowsProjectedPath_data();
    void randomPlaneShowsProjectedPath();
    void readOutFollowsPointer();
    void mainWindowActionOpensWindow();
    void mainWindowCsvOpensInSlices();
    void mainWindowSkippedRowsKeepLoadedColumns();
    void undoLoadReturnsToBundledData();
    void deletedFileUsesLoadedColumns();
    void fewerRowsThanParametersRejected();
    void badNumbersGiveMessage();
    void separableClassesShowNote();
    void minimumMarkerShowsLowestPoint();
    void nonConvexMinimumLabelledLocalSearch();
    void minimumOutsideRangeHidesMarker();
    void saveSliceCsvReadsBack();
    void saveImageWritesPlots();
    void randomDirectionsAreShown();
    void progressCountsRows();
    void mainWindowFileReadInBackground();
    void newerOfferSupersedesRead();
    void ownFileReadInBackground();
    void failedMainWindowReadKeepsData();
    void hiddenWindowKeepsMainWindowRead();
    void windowDeletedWhileReading();
    void summaryNeverClips();
    void undefinedSliceSummaryWording();
    void constantPlaneHasNoMinimum();
    void undefinedLossHasNoProfileMarker();

private:
    void waitForResult();

    SliceWindow *m_window = nullptr;
};

void SliceWindowTest::init()
{
    m_window = new SliceWindow(QStringLiteral("mse"));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    waitForResult();
}

void SliceWindowTest::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void SliceWindowTest::waitForResult()
{
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window), 10000);
}

void SliceWindowTest::defaultDataShowsFourParameters()
{
    const SliceControls *controls = m_window->controls();
    QCOMPARE(controls->targetColumn(), QStringLiteral("STACKLOSS"));
    QCOMPARE(controls->featureColumns(),
             QStringList({QStringLiteral("AIRFLOW"), QStringLiteral("WATERTEMP"),
                          QStringLiteral("ACIDCONC")}));
    const QStringList expected = {QStringLiteral("w(AIRFLOW)"), QStringLiteral("w(WATERTEMP)"),
                                  QStringLiteral("w(ACIDCONC)"), QStringLiteral("b")};
    for (const QComboBox *box : {controls->firstParameterBox(), controls->secondParameterBox()}) {
        QCOMPARE(box->count(), 4);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(box->itemText(i), expected[i]);
    }
    QCOMPARE(controls->firstParameterBox()->currentIndex(), 0);
    QCOMPARE(controls->secondParameterBox()->currentIndex(), 1);
    QCOMPARE(m_window->result()->objective->parameterCount(), 4);
    QCOMPARE(m_window->result()->path.stepCount(), 200);
    QCOMPARE(m_window->result()->settings.learningRate, 0.1);
    QVERIFY(m_window->result()->settings.standardize);
    QCOMPARE(m_window->result()->slice.grid.slopeCount, SliceWindow::resolution);
    QCOMPARE(m_window->result()->slice.grid.interceptCount, SliceWindow::resolution);
    QVERIFY(m_window->message().isEmpty());
    QCOMPARE(m_window->heatMap()->plot()->xAxis->label(),
             QStringLiteral("w(AIRFLOW) per standard deviation of AIRFLOW"));
    saveGrab(*m_window, QStringLiteral("slices-parameters.png"));
}

void SliceWindowTest::sliceMatchesObjectiveAtThroughPoint_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("through");
    QTest::addColumn<QString>("loss");
    QTest::newRow("parameters, end, mse") << 0 << 0 << QStringLiteral("mse");
    QTest::newRow("parameters, start, huber") << 0 << 1 << QStringLiteral("huber:delta=2");
    QTest::newRow("random, end, mse") << 1 << 0 << QStringLiteral("mse");
    QTest::newRow("random, start, logcosh") << 1 << 1 << QStringLiteral("logcosh");
}

void SliceWindowTest::sliceMatchesObjectiveAtThroughPoint()
{
    QFETCH(int, mode);
    QFETCH(int, through);
    QFETCH(QString, loss);
    enterLossSpec(*m_window, loss);
    m_window->controls()->modeBox()->setCurrentIndex(mode);
    m_window->controls()->throughBox()->setCurrentIndex(through);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->objective->loss().spec() ==
                                     m_window->controls()->loss()->spec() &&
                                 int(m_window->result()->settings.mode) == mode &&
                                 int(m_window->result()->settings.through) == through,
                             10000);
    const std::shared_ptr<const SliceResult> shown = m_window->result();
    const SliceResult &result = *shown;
    const Eigen::VectorXd expectedPoint =
        through == 0 ? result.path.thetas.back() : result.path.thetas.front();
    QCOMPARE(result.throughPoint, expectedPoint);

    // The middle node of the odd-sized grid is the through-point's coordinates on the plane.
    const int middle = SliceWindow::resolution / 2;
    const LandscapeGrid &grid = result.slice.grid;
    const Eigen::Vector2d centre = result.throughCoordinates();
    COMPARE_NEAR(grid.slopeAt(middle), centre[0], 1e-12 * (1.0 + std::abs(centre[0])));
    COMPARE_NEAR(grid.interceptAt(middle), centre[1], 1e-12 * (1.0 + std::abs(centre[1])));
    const double expected = result.objective->value(result.throughPoint);
    COMPARE_NEAR(result.slice.values(middle, middle), expected,
                 test::relativeTolerance(expected, 1e-11, 1e-13));
    // A node away from the centre against the plane's point there.
    const double a = grid.slopeAt(17), c = grid.interceptAt(90);
    const double offCentre = result.objective->value(result.plane.pointAt(a, c));
    COMPARE_NEAR(result.slice.values(17, 90), offCentre,
                 test::relativeTolerance(offCentre, 1e-11, 1e-13));
}

void SliceWindowTest::parameterAxesSpanThroughPoint()
{
    const std::shared_ptr<const SliceResult> shown = m_window->result();
    const SliceResult &result = *shown;
    const LandscapeGrid &grid = result.slice.grid;
    const Eigen::VectorXd &end = result.path.end();
    // Each axis is centred on the through-point and reaches the start, theta = 0.
    const double firstHalfWidth = std::max(2.0 * std::abs(end[0]),
                                           parameterScale(*result.objective, 0));
    COMPARE_NEAR(grid.slopeMinimum, end[0] - firstHalfWidth, 1e-12);
    COMPARE_NEAR(grid.slopeMaximum, end[0] + firstHalfWidth, 1e-12);
    QVERIFY(grid.slopeMinimum <= 0.0 && grid.slopeMaximum >= 0.0);
    QVERIFY(grid.interceptMinimum <= 0.0 && grid.interceptMaximum >= 0.0);
    // Standardized features have sd 1, so a weight's scale is 2 sd(STACKLOSS) = 19.85.
    COMPARE_NEAR(parameterScale(*result.objective, 0), 2.0 * 9.926487162752505, 1e-9);
    // The plot shows the grid's range.
    COMPARE_NEAR(m_window->heatMap()->plot()->xAxis->range().lower, grid.slopeMinimum, 0.0);
    COMPARE_NEAR(m_window->heatMap()->plot()->yAxis->range().upper, grid.interceptMaximum, 0.0);
    // On a parameter plane the projection reads the two parameters exactly.
    QCOMPARE(result.projectedPath.size(), result.path.thetas.size());
    for (size_t k = 0; k < result.path.thetas.size(); ++k) {
        QCOMPARE(result.projectedPath[k][0], result.path.thetas[k][0]);
        QCOMPARE(result.projectedPath[k][1], result.path.thetas[k][1]);
    }
}

void SliceWindowTest::modeSwitchRecomputes()
{
    const std::shared_ptr<const SliceResult> before = m_window->result();
    QCOMPARE(before->settings.mode, SliceMode::TwoParameters);
    m_window->controls()->modeBox()->setCurrentIndex(1);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->settings.mode == SliceMode::RandomDirections,
                             10000);
    const std::shared_ptr<const SliceResult> random = m_window->result();
    const SliceResult &result = *random;
    // The automatic range is symmetric about the through-point, at least [-1, 1], and contains
    // the whole projected path with a tenth to spare.
    const double halfWidth = result.slice.grid.slopeMaximum;
    QVERIFY(halfWidth >= 1.0);
    QCOMPARE(result.slice.grid.slopeMinimum, -halfWidth);
    QCOMPARE(result.slice.grid.interceptMinimum, -halfWidth);
    QCOMPARE(result.slice.grid.interceptMaximum, halfWidth);
    double reach = 0.0;
    for (const Eigen::Vector2d &point : result.projectedPath)
        reach = std::max(reach, point.cwiseAbs().maxCoeff());
    COMPARE_NEAR(halfWidth, std::max(1.0, 1.1 * reach), 1e-15 * halfWidth);
    QCOMPARE(m_window->heatMap()->plot()->xAxis->label(), QStringLiteral("direction 1"));
    QCOMPARE(m_window->heatMap()->plot()->yAxis->label(), QStringLiteral("direction 2"));
    // The weights' part of each direction has the norm of the end's weights (Li et al.).
    const Eigen::Index weights = result.objective->parameterCount() - 1;
    COMPARE_NEAR(result.plane.first.head(weights).norm(), result.throughPoint.head(weights).norm(),
                 1e-12 * result.throughPoint.norm());
    // The same path, since only the plane changed.
    QCOMPARE(result.path.thetas.back(), before->path.thetas.back());
    saveGrab(*m_window, QStringLiteral("slices-random.png"));

    // Another seed gives another plane.
    const Eigen::VectorXd firstDirection = result.plane.first;
    m_window->controls()->seedBox()->setValue(2);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) && m_window->result()->settings.seed == 2,
                             10000);
    QVERIFY(m_window->result()->plane.first != firstDirection);
}

void SliceWindowTest::sameParameterSwapsAxes()
{
    SliceControls *controls = m_window->controls();
    controls->firstParameterBox()->setCurrentIndex(3);
    QCOMPARE(controls->secondParameterBox()->currentIndex(), 1);
    // Choosing the other axis's parameter swaps the two.
    controls->secondParameterBox()->setCurrentIndex(3);
    QCOMPARE(controls->firstParameterBox()->currentIndex(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->settings.firstParameter == 1 &&
                                 m_window->result()->settings.secondParameter == 3,
                             10000);
    QCOMPARE(m_window->heatMap()->plot()->yAxis->label(),
             QStringLiteral("b at the features' means"));
}

void SliceWindowTest::targetChangeMovesColumn()
{
    SliceControls *controls = m_window->controls();
    QListWidget *features = controls->featureList();
    features->findItems(QStringLiteral("ACIDCONC"), Qt::MatchExactly).front()->setCheckState(
        Qt::Unchecked);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->objective->parameterCount() == 3,
                             10000);
    QCOMPARE(controls->firstParameterBox()->count(), 3);

    // The former target joins the features, ticked, and an unticked feature stays unticked.
    controls->targetBox()->setCurrentText(QStringLiteral("AIRFLOW"));
    QCOMPARE(controls->featureColumns(),
             QStringList({QStringLiteral("STACKLOSS"), QStringLiteral("WATERTEMP")}));
    QCOMPARE(features->count(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->objective->data().targetName ==
                                     QStringLiteral("AIRFLOW"),
                             10000);
    QCOMPARE(m_window->result()->objective->parameterNames(),
             QStringList({QStringLiteral("w(STACKLOSS)"), QStringLiteral("w(WATERTEMP)"),
                          QStringLiteral("b")}));
}

void SliceWindowTest::invalidLossKeepsResult()
{
    const std::shared_ptr<const SliceResult> before = m_window->result();
    enterLossSpec(*m_window, QStringLiteral("huber:delta=-1"));
    const QString error = m_window->controls()->lossError();
    QVERIFY2(error.contains(QStringLiteral("delta")), qPrintable(error));
    QCOMPARE(m_window->controls()->loss()->spec(), QStringLiteral("mse"));
    QVERIFY(!m_window->isComputing());
    QCOMPARE(m_window->result(), before);
    QTest::qWait(100);
    QCOMPARE(m_window->result(), before);

    // A valid spec clears the message and recomputes.
    enterLossSpec(*m_window, QStringLiteral("huber:delta=1.5"));
    QVERIFY(m_window->controls()->lossError().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) && m_window->result() != before, 10000);
    QCOMPARE(m_window->result()->objective->loss().spec(), QStringLiteral("huber:delta=1.5"));
}

void SliceWindowTest::nonBinaryLabelsShowMessage()
{
    const std::shared_ptr<const SliceResult> before = m_window->result();
    enterLossSpec(*m_window, QStringLiteral("bce"));
    QVERIFY(m_window->controls()->lossError().isEmpty());
    const QString message = m_window->message();
    QVERIFY2(message.contains(QStringLiteral("0/1")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("STACKLOSS")), qPrintable(message));
    QVERIFY(!m_window->isComputing());
    QCOMPARE(m_window->result(), before);
    saveGrab(*m_window, QStringLiteral("slices-message.png"));

    enterLossSpec(*m_window, QStringLiteral("mae"));
    QVERIFY(m_window->message().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) && m_window->result() != before, 10000);
}

void SliceWindowTest::badCsvColumnShowsMessage()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("mixed.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("x1,label,x2,y\n1,a,2,3\n2,b,5,4\n3,c,1,8\n4,d,7,9\n");
    file.close();
    const std::shared_ptr<const SliceResult> before = m_window->result();

    QVERIFY(!m_window->openCsvFile(path));
    const QString message = m_window->message();
    QVERIFY2(message.contains(QStringLiteral("\"label\"")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("line 2")), qPrintable(message));
    QCOMPARE(m_window->result(), before);
    // The last column is the target when the file has no STACKLOSS column.
    QCOMPARE(m_window->controls()->targetColumn(), QStringLiteral("y"));

    // Unticking the text column makes the data usable.
    QListWidget *features = m_window->controls()->featureList();
    const QList<QListWidgetItem *> items = features->findItems(QStringLiteral("label"),
                                                               Qt::MatchExactly);
    QCOMPARE(items.size(), 1);
    items.front()->setCheckState(Qt::Unchecked);
    QVERIFY(m_window->message().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) && m_window->result() != before, 10000);
    QCOMPARE(m_window->result()->objective->parameterNames(),
             QStringList({QStringLiteral("w(x1)"), QStringLiteral("w(x2)"), QStringLiteral("b")}));

    // A missing file keeps the table and the result.
    const std::shared_ptr<const SliceResult> kept = m_window->result();
    QVERIFY(!m_window->openCsvFile(directory.filePath(QStringLiteral("missing.csv"))));
    QVERIFY(!m_window->message().isEmpty());
    QCOMPARE(m_window->result(), kept);
}

void SliceWindowTest::goodCsvReplacesData()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("labels.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("a,b,STACKLOSS\n0.5,1,0\n1.5,-1,1\n2.5,0.5,0\n-1,2,1\n3,3,1\n0,-2,0\n");
    file.close();
    QVERIFY(m_window->openCsvFile(path));
    QCOMPARE(m_window->controls()->targetColumn(), QStringLiteral("STACKLOSS"));
    enterLossSpec(*m_window, QStringLiteral("bce"));
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->objective->loss().spec().startsWith(
                                     QStringLiteral("bce")),
                             10000);
    QCOMPARE(m_window->result()->objective->parameterCount(), 3);
    QVERIFY(m_window->message().isEmpty());
}

void SliceWindowTest::divergenceShowsNoNan()
{
    m_window->controls()->learningRateBox()->setValue(50.0);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->settings.learningRate == 50.0,
                             10000);
    const std::shared_ptr<const SliceResult> shown = m_window->result();
    const SliceResult &result = *shown;
    QCOMPARE(result.path.status, LinearTrainingStatus::Diverged);
    QVERIFY(m_window->heatMap()->summary().contains(QStringLiteral("diverged")));
    const QString text = visibleText(*m_window);
    QVERIFY2(!text.contains(QStringLiteral("nan"), Qt::CaseInsensitive), qPrintable(text));
    for (const QCustomPlot *plot : m_window->findChildren<QCustomPlot *>()) {
        for (const QCPAxis *axis : {plot->xAxis, plot->yAxis}) {
            QVERIFY(std::isfinite(axis->range().lower));
            QVERIFY(std::isfinite(axis->range().upper));
        }
    }
    saveGrab(*m_window, QStringLiteral("slices-diverged.png"));
}

void SliceWindowTest::profileMatchesObjective()
{
    const std::shared_ptr<const SliceResult> shown = m_window->result();
    const SliceResult &result = *shown;
    QCOMPARE(int(result.profile.size()), profilePointCount);
    // t = 0 and t = 1 are nodes: index 50 and 150 of 201 points from -0.5 to 1.5.
    COMPARE_NEAR(result.profileT(50), 0.0, 1e-15);
    COMPARE_NEAR(result.profileT(150), 1.0, 1e-15);
    COMPARE_NEAR(result.profile[50], result.path.losses.front(),
                 test::relativeTolerance(result.path.losses.front(), 1e-13));
    COMPARE_NEAR(result.profile[150], result.path.losses.back(),
                 test::relativeTolerance(result.path.losses.back(), 1e-13));
    const QCPGraph *graph = m_window->profileView()->profileGraph();
    QCOMPARE(graph->data()->size(), profilePointCount);
    // MSE on a line is a parabola in t, falling from the start towards the end.
    QVERIFY(result.profile[150] < result.profile[50]);
}

void SliceWindowTest::wheelZoomRecomputesOnNewRange()
{
    const std::shared_ptr<const SliceResult> before = m_window->result();
    QCustomPlot *plot = m_window->heatMap()->plot();
    const SliceRange automatic = gridRange(before->slice.grid);
    QCOMPARE(m_window->heatMap()->viewRange(), automatic);

    // Two notches towards the screen zoom in by 0.85^2 about the pointer, which stays on the
    // same plane coordinates.
    const QPointF pointer = pointInPlot(*m_window, 0.3, 0.7);
    const double a = plot->xAxis->pixelToCoord(pointer.x());
    const double c = plot->yAxis->pixelToCoord(pointer.y());
    turnWheel(plot, pointer, 2);
    const SliceRange zoomed = m_window->heatMap()->viewRange();
    const double width = automatic.firstMaximum - automatic.firstMinimum;
    const double height = automatic.secondMaximum - automatic.secondMinimum;
    COMPARE_NEAR(zoomed.firstMaximum - zoomed.firstMinimum, 0.85 * 0.85 * width, 1e-12 * width);
    COMPARE_NEAR(zoomed.secondMaximum - zoomed.secondMinimum, 0.85 * 0.85 * height,
                 1e-12 * height);
    COMPARE_NEAR(plot->xAxis->pixelToCoord(pointer.x()), a, 1e-9 * width);
    COMPARE_NEAR(plot->yAxis->pixelToCoord(pointer.y()), c, 1e-9 * height);
    QVERIFY(m_window->heatMap()->isViewChangedByUser());

    QTRY_VERIFY_WITH_TIMEOUT(showsRange(*m_window, zoomed), 10000);
    const std::shared_ptr<const SliceResult> latest = m_window->result();
    const SliceResult &result = *latest;
    // A full-resolution grid on the new range, not the old one stretched.
    QCOMPARE(result.slice.grid.slopeCount, SliceWindow::resolution);
    QCOMPARE(result.slice.grid.interceptCount, SliceWindow::resolution);
    QCOMPARE(gridRange(result.slice.grid), zoomed);
    QCOMPARE(m_window->heatMap()->colorMap()->data()->keyRange().lower, zoomed.firstMinimum);
    QCOMPARE(m_window->heatMap()->colorMap()->data()->valueRange().upper, zoomed.secondMaximum);
    checkAgainstDirectSlice(result);
    // The same plane and path: only the range changed, and the axes stayed where they were.
    QCOMPARE(result.plane.origin, before->plane.origin);
    QCOMPARE(result.path.thetas.back(), before->path.thetas.back());
    QCOMPARE(m_window->heatMap()->viewRange(), zoomed);
    saveGrab(*m_window, QStringLiteral("slices-zoomed.png"));
}

void SliceWindowTest::rightDragPansAndRecomputes()
{
    QCustomPlot *plot = m_window->heatMap()->plot();
    const SliceRange automatic = m_window->heatMap()->viewRange();
    const QPointF from = pointInPlot(*m_window, 0.5, 0.5);
    const QPointF to = pointInPlot(*m_window, 0.8, 0.3);
    const double da = plot->xAxis->pixelToCoord(from.x()) - plot->xAxis->pixelToCoord(to.x());
    const double dc = plot->yAxis->pixelToCoord(from.y()) - plot->yAxis->pixelToCoord(to.y());
    sendMouse(plot, QEvent::MouseButtonPress, Qt::RightButton, Qt::RightButton, from);
    sendMouse(plot, QEvent::MouseMove, Qt::NoButton, Qt::RightButton, (from + to) / 2);
    sendMouse(plot, QEvent::MouseMove, Qt::NoButton, Qt::RightButton, to);
    sendMouse(plot, QEvent::MouseButtonRelease, Qt::RightButton, Qt::NoButton, to);

    // Dragging to the upper right moves the view to lower a and higher c, by the drag.
    const SliceRange panned = m_window->heatMap()->viewRange();
    const double width = automatic.firstMaximum - automatic.firstMinimum;
    QVERIFY(da < 0.0);
    QVERIFY(dc < 0.0);
    COMPARE_NEAR(panned.firstMinimum, automatic.firstMinimum + da, 1e-12 * width);
    COMPARE_NEAR(panned.firstMaximum, automatic.firstMaximum + da, 1e-12 * width);
    COMPARE_NEAR(panned.secondMinimum, automatic.secondMinimum + dc, 1e-12 * width);
    COMPARE_NEAR(panned.secondMaximum, automatic.secondMaximum + dc, 1e-12 * width);
    // The release requests the slice at once, without waiting for the axes to settle.
    QVERIFY(m_window->isComputing());
    QTRY_VERIFY_WITH_TIMEOUT(showsRange(*m_window, panned), 10000);
    checkAgainstDirectSlice(*m_window->result());
}

void SliceWindowTest::staleRangeRequestIsDropped()
{
    // Two ranges requested back to back: the first is cancelled, so every result shown after
    // them is for the second.
    QList<std::optional<SliceRange>> shownRanges;
    connect(m_window, &SliceWindow::resultShown, this,
            [&] { shownRanges << m_window->result()->settings.range; });
    const SliceRange first{-5.0, 5.0, -5.0, 5.0};
    const SliceRange second{0.0, 8.0, -2.0, 6.0};
    emit m_window->heatMap()->viewRangeChanged(first);
    emit m_window->heatMap()->viewRangeChanged(second);
    QTRY_VERIFY_WITH_TIMEOUT(showsRange(*m_window, second), 10000);
    QVERIFY(!shownRanges.isEmpty());
    for (const std::optional<SliceRange> &range : shownRanges) {
        QVERIFY(range);
        QCOMPARE(*range, second);
    }
    checkAgainstDirectSlice(*m_window->result());
}

void SliceWindowTest::fitViewRestoresAutomaticRange()
{
    const SliceRange automatic = gridRange(m_window->result()->slice.grid);
    QCustomPlot *plot = m_window->heatMap()->plot();
    turnWheel(plot, pointInPlot(*m_window, 0.6, 0.4), 3);
    const SliceRange zoomed = m_window->heatMap()->viewRange();
    QTRY_VERIFY_WITH_TIMEOUT(showsRange(*m_window, zoomed), 10000);

    QTest::mouseClick(m_window->heatMap()->fitViewButton(), Qt::LeftButton);
    QVERIFY(!m_window->heatMap()->isViewChangedByUser());
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 !m_window->result()->settings.range,
                             10000);
    QCOMPARE(gridRange(m_window->result()->slice.grid), automatic);
    QCOMPARE(m_window->heatMap()->viewRange(), automatic);

    // Ctrl+0 does the same.
    turnWheel(plot, pointInPlot(*m_window, 0.2, 0.2), -2);
    const SliceRange zoomedOut = m_window->heatMap()->viewRange();
    QVERIFY(zoomedOut.firstMaximum - zoomedOut.firstMinimum >
            automatic.firstMaximum - automatic.firstMinimum);
    QTRY_VERIFY_WITH_TIMEOUT(showsRange(*m_window, zoomedOut), 10000);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    QTest::keyClick(m_window, Qt::Key_0, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 !m_window->result()->settings.range,
                             10000);
    QCOMPARE(m_window->heatMap()->viewRange(), automatic);
}

void SliceWindowTest::settingsChangeDropsZoom()
{
    turnWheel(m_window->heatMap()->plot(), pointInPlot(*m_window, 0.5, 0.5), 2);
    const SliceRange zoomed = m_window->heatMap()->viewRange();
    QTRY_VERIFY_WITH_TIMEOUT(showsRange(*m_window, zoomed), 10000);

    // Another through-point moves the plane, so the view goes back to the automatic range.
    m_window->controls()->throughBox()->setCurrentIndex(1);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->settings.through ==
                                     SliceThrough::StartOfTraining,
                             10000);
    const SliceResult &result = *m_window->result();
    QVERIFY(!result.settings.range);
    QCOMPARE(m_window->heatMap()->viewRange(), gridRange(sliceGrid(result, SliceWindow::resolution)));
    QVERIFY(!m_window->heatMap()->isViewChangedByUser());
}

void SliceWindowTest::contoursFollowColourScale()
{
    SliceHeatMap *heatMap = m_window->heatMap();
    const ContourOverlay *overlay = heatMap->contours();
    const Landscape &slice = m_window->result()->slice;
    const double low = slice.values.minCoeff();
    const double high = slice.values.maxCoeff();
    QVERIFY(low > 0.0);
    QVERIFY(heatMap->logarithmicBox()->isChecked());

    // Logarithmic colours give levels at 1-2-5 steps per decade, traced on the shown grid.
    const std::vector<double> logarithmic =
        chooseContourLevels(low, high, ContourSpacing::Logarithmic);
    QVERIFY(logarithmic.size() >= 3);
    QCOMPARE(overlay->contours().size(), logarithmic.size());
    const std::vector<ContourLevel> traced = traceContours(slice.values, slice.grid, logarithmic);
    for (size_t k = 0; k < logarithmic.size(); ++k) {
        QCOMPARE(overlay->contours()[k].level, logarithmic[k]);
        QVERIFY(!overlay->contours()[k].lines.empty());
        QCOMPARE(overlay->contours()[k].lines.size(), traced[k].lines.size());
    }
    heatMap->plot()->replot();
    QVERIFY(!overlay->labels().empty());

    // Linear colours give evenly spaced levels.
    heatMap->logarithmicBox()->setChecked(false);
    const std::vector<double> linear = chooseContourLevels(low, high, ContourSpacing::Linear);
    QCOMPARE(overlay->contours().size(), linear.size());
    for (size_t k = 0; k < linear.size(); ++k)
        QCOMPARE(overlay->contours()[k].level, linear[k]);

    // Unticking the box removes them, and a zoom traces them again on the new grid.
    heatMap->contourBox()->setChecked(false);
    QVERIFY(overlay->contours().empty());
    heatMap->contourBox()->setChecked(true);
    turnWheel(heatMap->plot(), pointInPlot(*m_window, 0.5, 0.5), 3);
    const SliceRange zoomed = heatMap->viewRange();
    QTRY_VERIFY_WITH_TIMEOUT(showsRange(*m_window, zoomed), 10000);
    const Landscape &zoomedSlice = m_window->result()->slice;
    const std::vector<double> zoomedLevels = chooseContourLevels(
        zoomedSlice.values.minCoeff(), zoomedSlice.values.maxCoeff(), ContourSpacing::Linear);
    QCOMPARE(overlay->contours().size(), zoomedLevels.size());
    QCOMPARE(overlay->contours().front().level, zoomedLevels.front());
}

// tan(e) has negative values, which a logarithmic colour scale cannot show. So the box is
// disabled and its text states that the colours are linear. It keeps the user's tick.
void SliceWindowTest::logarithmicColoursNeedPositiveLoss()
{
    SliceHeatMap *heatMap = m_window->heatMap();
    QCheckBox *box = heatMap->logarithmicBox();
    const QCPColorScale *scale = heatMap->colorMap()->colorScale();
    QVERIFY(box->isChecked() && box->isEnabled());
    QCOMPARE(scale->dataScaleType(), QCPAxis::stLogarithmic);
    const QString positiveText = box->text();

    const auto showLoss = [this](const QString &spec) {
        enterLossSpec(*m_window, spec);
        return QTest::qWaitFor(
            [this, spec] {
                return hasCompleteResult(*m_window) &&
                       m_window->result()->objective->loss().spec() == spec;
            },
            10000);
    };
    QVERIFY(showLoss(QStringLiteral("formula:tan(e)")));
    QVERIFY(m_window->result()->slice.values.minCoeff() < 0.0);
    QCOMPARE(scale->dataScaleType(), QCPAxis::stLinear);
    QVERIFY(!box->isEnabled());
    QVERIFY(box->isChecked());
    QVERIFY2(box->text().contains(QStringLiteral("linear")), qPrintable(box->text()));
    QVERIFY2(box->toolTip().contains(QStringLiteral("positive")), qPrintable(box->toolTip()));

    QVERIFY(showLoss(QStringLiteral("mse")));
    QVERIFY(box->isEnabled() && box->isChecked());
    QCOMPARE(box->text(), positiveText);
    QCOMPARE(scale->dataScaleType(), QCPAxis::stLogarithmic);
}

// The main window's landscape view does the same, and the saved view settings keep the choice.
void SliceWindowTest::landscapeLogarithmicColoursNeedPositiveLoss()
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    LandscapeView *landscape = window.landscapeView();
    QCheckBox *box = landscape->logarithmicBox();
    QCPColorScale *scale = nullptr;
    for (int k = 0; k < landscape->plot()->plotLayout()->elementCount(); ++k) {
        if (auto *found =
                qobject_cast<QCPColorScale *>(landscape->plot()->plotLayout()->elementAt(k)))
            scale = found;
    }
    QVERIFY(scale);
    const auto showLoss = [&window, landscape](const QString &spec) {
        QString error;
        const std::shared_ptr<const Loss> loss = LossCatalogue::parse(spec, &error);
        if (!loss)
            return false;
        window.model()->setEnabledLosses({loss});
        return QTest::qWaitFor(
            [landscape, loss] {
                return !landscape->isComputing() && landscape->result() &&
                       landscape->result()->fullResolution &&
                       landscape->result()->objective->loss().spec() == loss->spec();
            },
            10000);
    };
    QVERIFY(showLoss(QStringLiteral("formula:tan(e)")));
    QVERIFY(landscape->result()->landscape.minimumValue < 0.0);
    QCOMPARE(scale->dataScaleType(), QCPAxis::stLinear);
    QVERIFY(!box->isEnabled());
    QVERIFY(box->isChecked());
    QVERIFY2(box->text().contains(QStringLiteral("linear")), qPrintable(box->text()));
    QVERIFY2(box->toolTip().contains(QStringLiteral("positive")), qPrintable(box->toolTip()));
    QVERIFY(currentViewSettings(window).logarithmicColours);
    // A session opened meanwhile may choose linear colours, which the disabled box takes.
    ViewSettings linear = currentViewSettings(window);
    linear.logarithmicColours = false;
    applyViewSettings(window, linear);
    QVERIFY(!box->isChecked());
    linear.logarithmicColours = true;
    applyViewSettings(window, linear);
    QVERIFY(box->isChecked());

    QVERIFY(showLoss(QStringLiteral("huber")));
    QVERIFY(box->isEnabled() && box->isChecked());
    QCOMPARE(scale->dataScaleType(), QCPAxis::stLogarithmic);
}

void SliceWindowTest::randomPlaneShowsProjectedPath_data()
{
    QTest::addColumn<int>("through");
    QTest::newRow("through the end") << 0;
    QTest::newRow("through the start") << 1;
}

void SliceWindowTest::randomPlaneShowsProjectedPath()
{
    QFETCH(int, through);
    m_window->controls()->modeBox()->setCurrentIndex(1);
    m_window->controls()->throughBox()->setCurrentIndex(through);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->settings.mode ==
                                     SliceMode::RandomDirections &&
                                 int(m_window->result()->settings.through) == through,
                             10000);
    const std::shared_ptr<const SliceResult> latest = m_window->result();
    const SliceResult &result = *latest;
    QCOMPARE(result.projectedPath.size(), result.path.thetas.size());
    // Every point is what projectOntoPlane returns, and the through-point is the plane's origin.
    double largestDistance = 0.0;
    for (size_t k = 0; k < result.path.thetas.size(); ++k) {
        const std::optional<PlaneProjection> projection =
            projectOntoPlane(result.plane, result.path.thetas[k]);
        QVERIFY(projection);
        QCOMPARE(result.projectedPath[k], projection->coordinates);
        largestDistance = std::max(largestDistance, projection->distance);
    }
    QCOMPARE(result.largestPathDistance, largestDistance);
    // The path leaves the plane: 4 parameters, 2 directions.
    QVERIFY(largestDistance > 1e-3);
    const Eigen::Vector2d &throughPoint =
        through == 0 ? result.projectedPath.back() : result.projectedPath.front();
    COMPARE_NEAR(throughPoint[0], 0.0, 1e-12);
    COMPARE_NEAR(throughPoint[1], 0.0, 1e-12);

    // The path is drawn through every projected point, and the automatic range contains it.
    SliceHeatMap *heatMap = m_window->heatMap();
    QVERIFY(heatMap->pathCurve()->visible());
    QCOMPARE(heatMap->pathCurve()->data()->size(), int(result.projectedPath.size()) + 1);
    const QCPCurveData &first = *heatMap->pathCurve()->data()->constBegin();
    QCOMPARE(first.key, result.projectedPath.front()[0]);
    QCOMPARE(first.value, result.projectedPath.front()[1]);
    QVERIFY(heatMap->startMarker()->visible());
    QVERIFY(heatMap->endMarker()->visible());
    const LandscapeGrid &grid = result.slice.grid;
    for (const Eigen::Vector2d &point : result.projectedPath) {
        QVERIFY(point[0] > grid.slopeMinimum && point[0] < grid.slopeMaximum);
        QVERIFY(point[1] > grid.interceptMinimum && point[1] < grid.interceptMaximum);
    }
    // The legend and its tooltip state that the path is a projection.
    const QString legend = heatMap->legend()->text();
    QVERIFY2(legend.contains(QStringLiteral("projected")), qPrintable(legend));
    const QString tooltip = heatMap->legend()->toolTip();
    QVERIFY2(tooltip.contains(QStringLiteral("least-squares projection")), qPrintable(tooltip));
    QVERIFY2(tooltip.contains(shortNumber(largestDistance)), qPrintable(tooltip));
    saveGrab(*m_window, through == 0 ? QStringLiteral("slices-random-path-end.png")
                                     : QStringLiteral("slices-random-path-start.png"));
}

void SliceWindowTest::readOutFollowsPointer()
{
    for (const int mode : {0, 1}) {
        m_window->controls()->modeBox()->setCurrentIndex(mode);
        QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                     int(m_window->result()->settings.mode) == mode,
                                 10000);
        QCustomPlot *plot = m_window->heatMap()->plot();
        const QPointF pointer = pointInPlot(*m_window, 0.25, 0.6);
        sendMouse(plot, QEvent::MouseMove, Qt::NoButton, Qt::NoButton, pointer);
        const double a = plot->xAxis->pixelToCoord(pointer.x());
        const double c = plot->yAxis->pixelToCoord(pointer.y());
        const SliceResult &result = *m_window->result();
        const double loss = result.objective->value(result.plane.pointAt(a, c));
        const QString text = m_window->heatMap()->readOut();
        const QString coordinates =
            mode == 0 ? QStringLiteral("w(AIRFLOW) = %1, w(WATERTEMP) = %2")
                            .arg(shortNumber(a), shortNumber(c))
                      : QStringLiteral("direction 1 = %1, direction 2 = %2")
                            .arg(shortNumber(a), shortNumber(c));
        QCOMPARE(text, QStringLiteral("%1: mean loss %2").arg(coordinates, shortNumber(loss)));
    }
}

void SliceWindowTest::mainWindowActionOpensWindow()
{
    MainWindow main;
    main.show();
    QVERIFY(QTest::qWaitForWindowExposed(&main));
    QVERIFY(main.sliceWindow() == nullptr);
    QAction *action = nullptr;
    for (QAction *candidate : main.findChildren<QAction *>()) {
        if (candidate->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M))
            action = candidate;
    }
    QVERIFY(action);
    QVERIFY(action->text().contains(QStringLiteral("slices")));
    action->trigger();
    SliceWindow *window = main.sliceWindow();
    QVERIFY(window);
    QVERIFY(window->isVisible());
    QVERIFY(window->isWindow());
    const QString current = main.model()->lossEntry(main.model()->state().currentLoss).loss->spec();
    QCOMPARE(window->controls()->lossEdit()->text(), current);
    QCOMPARE(window->controls()->loss()->spec(), current);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*window), 10000);
    // A second trigger raises the same window.
    action->trigger();
    QCOMPARE(main.sliceWindow(), window);
}

void SliceWindowTest::mainWindowCsvOpensInSlices()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    // A text column and a constant column are no features, while x1 and x2 are.
    const QString first = directory.filePath(QStringLiteral("first.csv"));
    QVERIFY(writeFile(first, "x1,name,x2,constant,y\n1,a,5,7,2.5\n2,b,3,7,3.1\n3,c,4,7,5.2\n"
                             "4,d,8,7,6.8\n5,e,1,7,8.9\n6,f,2,7,9.7\n"));
    const QString second = directory.filePath(QStringLiteral("second.csv"));
    QVERIFY(writeFile(second, "u,v,w,y\n1,0,3,1\n2,1,1,2\n3,0,4,2\n4,1,1,5\n5,0,5,4\n6,1,9,7\n"));
    const QString own = directory.filePath(QStringLiteral("own.csv"));
    QVERIFY(writeFile(own, "p,q\n1,2\n2,3\n3,5\n4,4\n"));

    MainWindow main;
    main.show();
    QVERIFY(QTest::qWaitForWindowExposed(&main));
    importForLine(main, first, QStringLiteral("x1"));
    QCOMPARE(main.model()->data().featureName, QStringLiteral("x1"));
    main.showModelSlices();
    SliceWindow *window = main.sliceWindow();
    QVERIFY(window);
    // The window starts on the main window's file, not on the bundled data, once the file is
    // read in the background.
    QTRY_COMPARE_WITH_TIMEOUT(window->controls()->targetColumn(), QStringLiteral("y"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window->controls()->featureColumns(),
                              QStringList({QStringLiteral("x1"), QStringLiteral("x2")}), 10000);
    QVERIFY(window->followsMainWindow());
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*window), 10000);
    QCOMPARE(window->result()->objective->parameterCount(), 3);
    QVERIFY2(window->message().isEmpty(), qPrintable(window->message()));

    // Another file in the main window: the window follows it.
    importForLine(main, second, QStringLiteral("v"));
    QTRY_COMPARE_WITH_TIMEOUT(
        window->controls()->featureColumns(),
        QStringList({QStringLiteral("u"), QStringLiteral("v"), QStringLiteral("w")}), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*window) &&
                                 window->result()->objective->parameterCount() == 4,
                             10000);

    // A file opened in the window itself stays when the main window opens another; the button
    // then offers the main window's data.
    QVERIFY(window->openCsvFile(own));
    QVERIFY(!window->followsMainWindow());
    QVERIFY(window->mainWindowDataButton()->isVisibleTo(window));
    importForLine(main, first, QStringLiteral("x2"));
    QTRY_VERIFY_WITH_TIMEOUT(!window->isReadingMainWindowFile(), 10000);
    QCOMPARE(window->controls()->targetColumn(), QStringLiteral("q"));
    QVERIFY(window->mainWindowDataButton()->isVisibleTo(window));
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*window), 10000);
    saveGrab(*window, QStringLiteral("slices-main-window-data.png"));
    window->mainWindowDataButton()->click();
    QVERIFY(window->followsMainWindow());
    QVERIFY(!window->mainWindowDataButton()->isVisibleTo(window));
    QCOMPARE(window->controls()->targetColumn(), QStringLiteral("y"));
    QCOMPARE(window->controls()->featureColumns(),
             QStringList({QStringLiteral("x1"), QStringLiteral("x2")}));

    // Data that no longer comes from the file (a new synthetic set, an edit) withdraws the
    // offer, and the window keeps what it shows.
    QVERIFY(main.model()->addDataPoint(7.0, 11.0).isEmpty());
    QCOMPARE(window->controls()->targetColumn(), QStringLiteral("y"));
    QVERIFY(!window->mainWindowDataButton()->isVisibleTo(window));
    // Undo brings the file's data back, and with it the offer.
    main.model()->undoStack()->undo();
    QCOMPARE(main.model()->data().size(), Eigen::Index(6));
    QTRY_VERIFY_WITH_TIMEOUT(!window->isReadingMainWindowFile(), 10000);
    QCOMPARE(window->controls()->targetColumn(), QStringLiteral("y"));
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*window), 10000);
}

void SliceWindowTest::undoLoadReturnsToBundledData()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("loaded.csv"));
    QVERIFY(writeFile(path, "a,b,y\n1,4,2\n2,1,3\n3,5,5\n4,2,6\n5,8,7\n6,3,9\n"));
    MainWindow main;
    main.show();
    QVERIFY(QTest::qWaitForWindowExposed(&main));
    main.showModelSlices();
    SliceWindow *window = main.sliceWindow();
    QVERIFY(window);
    // The bundled data of the main window is the window's own start, so nothing is read.
    QVERIFY(!window->isReadingMainWindowFile());
    QCOMPARE(window->controls()->targetColumn(), QStringLiteral("STACKLOSS"));
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*window), 10000);

    importForLine(main, path, QStringLiteral("a"));
    QTRY_COMPARE_WITH_TIMEOUT(window->controls()->targetColumn(), QStringLiteral("y"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*window) &&
                                 window->result()->objective->parameterCount() == 3,
                             10000);

    // Undoing the load brings the bundled stack loss data back in both windows.
    main.model()->undoStack()->undo();
    QCOMPARE(main.model()->data().targetName, QStringLiteral("STACKLOSS"));
    QTRY_COMPARE_WITH_TIMEOUT(window->controls()->targetColumn(), QStringLiteral("STACKLOSS"),
                              10000);
    QCOMPARE(window->controls()->featureColumns(),
             QStringList({QStringLiteral("AIRFLOW"), QStringLiteral("WATERTEMP"),
                          QStringLiteral("ACIDCONC")}));
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*window) &&
                                 window->result()->objective->parameterCount() == 4,
                             10000);

    // An edit leaves no file behind the data, so the window keeps its data and its status line
    // tells the user.
    QVERIFY(main.model()->addDataPoint(70.0, 30.0).isEmpty());
    QVERIFY2(window->status().contains(QStringLiteral("not a file's now")),
             qPrintable(window->status()));
    QCOMPARE(window->controls()->targetColumn(), QStringLiteral("STACKLOSS"));
}

void SliceWindowTest::deletedFileUsesLoadedColumns()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("gone.csv"));
    QVERIFY(writeFile(path, "a,b,y\n1,4,2\n2,1,3\n3,5,5\n4,2,6\n5,8,7\n6,3,9\n"));
    MainWindow main;
    main.show();
    QVERIFY(QTest::qWaitForWindowExposed(&main));
    importForLine(main, path, QStringLiteral("a"));
    QVERIFY(QFile::remove(path));
    // The file is gone before the window reads it: the main window's two loaded columns stand
    // in for it, and the Data panel gives the reason.
    main.showModelSlices();
    SliceWindow *window = main.sliceWindow();
    QVERIFY(window);
    QTRY_COMPARE_WITH_TIMEOUT(window->controls()->targetColumn(), QStringLiteral("y"), 10000);
    QCOMPARE(window->controls()->featureColumns(), QStringList({QStringLiteral("a")}));
    const QString description = window->controls()->dataDescription();
    QVERIFY2(description.contains(QStringLiteral("gone.csv")), qPrintable(description));
    QVERIFY2(description.contains(QStringLiteral("6 rows that the main window loaded")),
             qPrintable(description));
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*window), 10000);
    QCOMPARE(window->result()->objective->parameterCount(), 2);
}

void SliceWindowTest::mainWindowSkippedRowsKeepLoadedColumns()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    // The target of line 4 is not a number, so no column of the whole file is numeric in every
    // row. The import skips that row, and the window gets the two columns that it loaded.
    const QString path = directory.filePath(QStringLiteral("gap.csv"));
    QVERIFY(writeFile(path, "x,z,y\n1,4,2\n2,1,3\n3,5,n/a\n4,2,6\n5,8,7\n"));
    MainWindow main;
    main.show();
    QVERIFY(QTest::qWaitForWindowExposed(&main));
    QTimer::singleShot(0, &main, [&main] {
        auto *dialog = main.findChild<CsvImportDialog *>();
        if (!dialog)
            return;
        QTimer::singleShot(30000, dialog, &CsvImportDialog::reject);
        dialog->setColumns({QStringLiteral("x")}, QStringLiteral("y"));
        QSignalSpy finished(dialog, &CsvImportDialog::loadFinished);
        dialog->startLoad();
        if (dialog->isVisible() && (!finished.isEmpty() || finished.wait(30000)))
            dialog->skipInvalidRows();
    });
    main.importCsv(path);
    QCOMPARE(main.model()->data().size(), Eigen::Index(4));
    main.showModelSlices();
    SliceWindow *window = main.sliceWindow();
    QVERIFY(window);
    QTRY_COMPARE_WITH_TIMEOUT(window->controls()->targetColumn(), QStringLiteral("y"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window->controls()->featureColumns(),
                              QStringList({QStringLiteral("x")}), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*window), 10000);
    QCOMPARE(window->result()->objective->data().size(), Eigen::Index(4));
    QVERIFY2(window->message().isEmpty(), qPrintable(window->message()));
}

void SliceWindowTest::fewerRowsThanParametersRejected()
{
    const std::shared_ptr<const SliceResult> before = m_window->result();
    // Three rows and three features make four parameters, which losslens fit refuses too.
    m_window->openTable(numberTable({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                     QStringLiteral("y")},
                                    {{1, 2, 5, 1}, {2, 0, 4, 3}, {4, 1, 1, 2}}),
                        QStringLiteral("three.csv"), QStringLiteral("y"));
    const QString message = m_window->message();
    QVERIFY2(message.contains(QStringLiteral("3 data rows")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("3 features")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("4 parameters")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("at least 4 rows")), qPrintable(message));
    QVERIFY(!m_window->isComputing());
    QCOMPARE(m_window->result(), before);
    // Unticking one feature leaves three parameters, which three rows determine.
    QListWidget *features = m_window->controls()->featureList();
    features->item(2)->setCheckState(Qt::Unchecked);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->objective->parameterCount() == 3,
                             10000);
    QVERIFY2(m_window->message().isEmpty(), qPrintable(m_window->message()));
}

void SliceWindowTest::badNumbersGiveMessage()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const std::shared_ptr<const SliceResult> before = m_window->result();
    const QString huge = directory.filePath(QStringLiteral("huge.csv"));
    QVERIFY(writeFile(huge, "a,b,STACKLOSS\n1,2,3\n1e300,4,5\n3,1,2\n4,4,4\n"));
    QVERIFY(!m_window->openCsvFile(huge));
    QVERIFY(!m_window->message().isEmpty());
    const QString missing = directory.filePath(QStringLiteral("nan.csv"));
    QVERIFY(writeFile(missing, "a,b,STACKLOSS\n1,2,3\nnan,4,5\n3,1,2\n4,4,4\n"));
    QVERIFY(!m_window->openCsvFile(missing));
    QVERIFY(!m_window->message().isEmpty());
    const QString empty = directory.filePath(QStringLiteral("empty.csv"));
    QVERIFY(writeFile(empty, "a,b,STACKLOSS\n"));
    QVERIFY(!m_window->openCsvFile(empty));
    QVERIFY(!m_window->message().isEmpty());
    QCOMPARE(m_window->result(), before);
    QVERIFY(!visibleText(*m_window).contains(QStringLiteral("nan")));
}

void SliceWindowTest::separableClassesShowNote()
{
    // y = 1 exactly where a + b > 3: a line separates the classes.
    std::vector<std::vector<double>> rows;
    for (int i = 0; i < 6; ++i) {
        for (int k = 0; k < 6; ++k) {
            const double a = i + 0.3 * k, b = k - 0.2 * i;
            if (std::abs(a + b - 3.0) > 0.4)
                rows.push_back({a, b, a + b > 3.0 ? 1.0 : 0.0});
        }
    }
    m_window->openTable(numberTable({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("y")},
                                    rows),
                        QStringLiteral("separable.csv"), QStringLiteral("y"));
    enterLossSpec(*m_window, QStringLiteral("bce"));
    QVERIFY2(m_window->message().isEmpty(), qPrintable(m_window->message()));
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->objective->loss().spec().startsWith(
                                     QStringLiteral("bce")),
                             10000);
    QVERIFY(m_window->result()->classesSeparated);
    // The exact check follows the full grid.
    QTRY_COMPARE_WITH_TIMEOUT(m_window->result()->separation, ClassSeparation::Complete, 10000);
    QVERIFY(m_window->result()->classesSeparated);
    const QString note = m_window->note();
    QVERIFY2(note.contains(QStringLiteral("No minimum")), qPrintable(note));
    QVERIFY2(note.contains(QStringLiteral("separable")), qPrintable(note));
    // The plane of two weights keeps the intercept fixed, which gives it a minimum of its own.
    // The summary states that the mean loss over all parameters has none.
    QVERIFY(m_window->result()->minimum);
    if (m_window->result()->minimum->status == SliceMinimumStatus::Settled) {
        const QString summary = m_window->heatMap()->summary();
        QVERIFY2(summary.contains(QStringLiteral("over all parameters has none")),
                 qPrintable(summary));
    }
    saveGrab(*m_window, QStringLiteral("slices-separable.png"));
    // Random directions move the intercept too. On this plane the search walks to the range's
    // edge, where no star is drawn.
    m_window->controls()->modeBox()->setCurrentIndex(1);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->settings.mode == SliceMode::RandomDirections,
                             10000);
    QVERIFY(m_window->result()->classesSeparated);
    QVERIFY(!m_window->note().isEmpty());
    QVERIFY(m_window->result()->minimum);
    QCOMPARE(m_window->result()->minimum->status, SliceMinimumStatus::AtEdge);
    QVERIFY(!m_window->heatMap()->minimumMarker()->visible());
    QVERIFY(m_window->heatMap()->summary().contains(QStringLiteral("lies on its edge")));
    saveGrab(*m_window, QStringLiteral("slices-separable-random.png"));
    m_window->controls()->modeBox()->setCurrentIndex(0);

    // A row of each class on the line a + b = 3: the line still splits the classes, with those
    // rows on it, though training cannot put every row on its own side.
    std::vector<std::vector<double>> touching = rows;
    touching.push_back({1.5, 1.5, 0.0});
    touching.push_back({1.5, 1.5, 1.0});
    m_window->openTable(numberTable({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("y")},
                                    touching),
                        QStringLiteral("touching.csv"), QStringLiteral("y"));
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->objective->data().size() ==
                                     Eigen::Index(touching.size()) &&
                                 m_window->result()->separation != ClassSeparation::Unknown,
                             10000);
    QCOMPARE(m_window->result()->separation, ClassSeparation::QuasiComplete);
    QVERIFY(m_window->result()->classesSeparated);
    QVERIFY2(m_window->note().contains(QStringLiteral("some rows lying on it")),
             qPrintable(m_window->note()));
    saveGrab(*m_window, QStringLiteral("slices-quasi-separated.png"));

    // Overlapping classes have a minimum, and the note goes.
    rows.push_back({5.0, 5.0, 0.0});
    rows.push_back({0.0, 0.0, 1.0});
    m_window->openTable(numberTable({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("y")},
                                    rows),
                        QStringLiteral("overlapping.csv"), QStringLiteral("y"));
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->objective->data().size() ==
                                     Eigen::Index(rows.size()),
                             10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->result()->separation, ClassSeparation::Overlap, 10000);
    QVERIFY(!m_window->result()->classesSeparated);
    QVERIFY2(m_window->note().isEmpty(), qPrintable(m_window->note()));
}

void SliceWindowTest::nonConvexMinimumLabelledLocalSearch()
{
    enterLossSpec(*m_window, QStringLiteral("welsch"));
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->objective->loss().name() ==
                                     QLatin1String("welsch"),
                             10000);
    const QString summary = m_window->heatMap()->summary();
    QVERIFY(m_window->result()->minimum);
    QCOMPARE(m_window->result()->minimum->status, SliceMinimumStatus::Settled);
    QVERIFY2(summary.contains(QStringLiteral("(local search: the loss is not convex)")),
             qPrintable(summary));
    enterLossSpec(*m_window, QStringLiteral("mse"));
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->objective->loss().name() ==
                                     QLatin1String("mse"),
                             10000);
    QVERIFY(!m_window->heatMap()->summary().contains(QStringLiteral("local search")));
}

void SliceWindowTest::minimumMarkerShowsLowestPoint()
{
    for (const int mode : {0, 1}) {
        m_window->controls()->modeBox()->setCurrentIndex(mode);
        QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                     int(m_window->result()->settings.mode) == mode,
                                 10000);
        const SliceResult &result = *m_window->result();
        QVERIFY(result.minimum);
        const SliceMinimum &minimum = *result.minimum;
        QCOMPARE(minimum.status, SliceMinimumStatus::Settled);
        // No node of the grid is lower, nor any point a little way off in any direction.
        QVERIFY(minimum.value <= result.slice.values.minCoeff());
        const LandscapeGrid &grid = result.slice.grid;
        const double step = 1e-4 * (grid.slopeMaximum - grid.slopeMinimum);
        for (const auto &[da, dc] : {std::pair{1, 0}, std::pair{-1, 0}, std::pair{0, 1},
                                     std::pair{0, -1}, std::pair{1, 1}, std::pair{-1, 1}}) {
            const double nearby = result.objective->value(
                result.plane.pointAt(minimum.coordinates[0] + da * step,
                                     minimum.coordinates[1] + dc * step));
            QVERIFY(nearby >= minimum.value);
        }
        QCPGraph *marker = m_window->heatMap()->minimumMarker();
        QVERIFY(marker->visible());
        QCOMPARE(marker->dataCount(), 1);
        QCOMPARE(marker->data()->at(0)->key, minimum.coordinates[0]);
        QCOMPARE(marker->data()->at(0)->value, minimum.coordinates[1]);
        const QString summary = m_window->heatMap()->summary();
        QVERIFY2(summary.contains(QStringLiteral("minimum ✶ %1").arg(shortNumber(minimum.value))),
                 qPrintable(summary));
        QVERIFY(m_window->heatMap()->legend()->text().contains(QStringLiteral("minimum")));
        saveGrab(*m_window, mode == 0 ? QStringLiteral("slices-minimum-parameters.png")
                                      : QStringLiteral("slices-minimum-random.png"));
    }
}

void SliceWindowTest::minimumOutsideRangeHidesMarker()
{
    // Zoomed far away from the minimum, the lowest point of the range lies on its edge.
    const SliceResult &current = *m_window->result();
    QVERIFY(current.minimum);
    const Eigen::Vector2d at = current.minimum->coordinates;
    const SliceRange far{at[0] + 50.0, at[0] + 60.0, at[1] - 1.0, at[1] + 1.0};
    m_window->heatMap()->plot()->xAxis->setRange(far.firstMinimum, far.firstMaximum);
    m_window->heatMap()->plot()->yAxis->setRange(far.secondMinimum, far.secondMaximum);
    QTRY_VERIFY_WITH_TIMEOUT(showsRange(*m_window, far), 10000);
    QCOMPARE(m_window->result()->minimum->status, SliceMinimumStatus::AtEdge);
    QVERIFY(!m_window->heatMap()->minimumMarker()->visible());
    const QString summary = m_window->heatMap()->summary();
    QVERIFY2(summary.contains(QStringLiteral("no minimum in this range")), qPrintable(summary));
}

void SliceWindowTest::saveSliceCsvReadsBack()
{
    m_window->controls()->modeBox()->setCurrentIndex(1);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->settings.mode == SliceMode::RandomDirections,
                             10000);
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("slice.csv"));
    QString error;
    QVERIFY2(m_window->saveSliceCsv(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QList<QByteArray> lines = file.readAll().split('\n');
    const SliceResult &result = *m_window->result();
    // The comment lines give the plane, entry by entry in the order of the parameters.
    auto vectorAfter = [&](const QByteArray &prefix) {
        for (const QByteArray &line : lines) {
            if (line.startsWith(prefix)) {
                const QList<QByteArray> cells = line.mid(prefix.size()).split(',');
                Eigen::VectorXd vector(cells.size());
                for (qsizetype k = 0; k < cells.size(); ++k)
                    vector[k] = cells[k].toDouble();
                return vector;
            }
        }
        return Eigen::VectorXd();
    };
    QCOMPARE(vectorAfter("# origin: ").size(), Eigen::Index(4));
    QCOMPARE(vectorAfter("# direction1: ").size(), Eigen::Index(4));
    QCOMPARE(vectorAfter("# direction2: ").size(), Eigen::Index(4));
    QCOMPARE(vectorAfter("# origin: "), result.plane.origin);
    QCOMPARE(vectorAfter("# direction1: "), result.plane.first);
    QCOMPARE(vectorAfter("# direction2: "), result.plane.second);
    QVERIFY(lines.contains("# parameters: w(AIRFLOW),w(WATERTEMP),w(ACIDCONC),b"));
    const qsizetype header = lines.indexOf("alpha,beta,loss");
    QVERIFY(header > 0);
    const LandscapeGrid &grid = result.slice.grid;
    // One line per node, and a last empty piece after the final line end.
    QCOMPARE(lines.size() - header - 2, qsizetype(grid.slopeCount) * grid.interceptCount);
    for (const auto &[i, k] : {std::pair{0, 0}, std::pair{17, 90}, std::pair{120, 120}}) {
        const QList<QByteArray> cells = lines[header + 1 + i * grid.interceptCount + k].split(',');
        QCOMPARE(cells.size(), 3);
        // The same doubles read back, and the plane's formula gives the same loss.
        QCOMPARE(cells[0].toDouble(), grid.slopeAt(i));
        QCOMPARE(cells[1].toDouble(), grid.interceptAt(k));
        QCOMPARE(cells[2].toDouble(), result.slice.values(i, k));
        const Eigen::VectorXd theta = vectorAfter("# origin: ") +
                                      cells[0].toDouble() * vectorAfter("# direction1: ") +
                                      cells[1].toDouble() * vectorAfter("# direction2: ");
        const double expected = result.objective->value(theta);
        COMPARE_NEAR(cells[2].toDouble(), expected, test::relativeTolerance(expected, 1e-11, 1e-13));
    }
    // The shortcut is Ctrl+S.
    bool hasShortcut = false;
    for (const QAction *action : m_window->actions())
        hasShortcut = hasShortcut || action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_S);
    QVERIFY(hasShortcut);
    // A folder that does not exist gives a reason, not a crash.
    QVERIFY(!m_window->saveSliceCsv(directory.filePath(QStringLiteral("none/slice.csv")), &error));
    QVERIFY(!error.isEmpty());
}

void SliceWindowTest::saveImageWritesPlots()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("slice.png"));
    QString error;
    QVERIFY(m_window->saveImageButton()->isEnabled());
    QVERIFY2(m_window->saveImage(path, &error), qPrintable(error));
    const QImage image(path);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= m_window->heatMap()->width());
    QVERIFY(image.height() >= m_window->heatMap()->height() + m_window->profileView()->height());
    QVERIFY(!m_window->saveImage(directory.filePath(QStringLiteral("none/slice.png")), &error));
    QVERIFY(!error.isEmpty());
}

void SliceWindowTest::randomDirectionsAreShown()
{
    QVERIFY(!m_window->heatMap()->directionsLabel()->isVisibleTo(m_window));
    m_window->controls()->modeBox()->setCurrentIndex(1);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->settings.mode == SliceMode::RandomDirections,
                             10000);
    const QLabel *label = m_window->heatMap()->directionsLabel();
    QVERIFY(label->isVisibleTo(m_window));
    const SliceResult &result = *m_window->result();
    QVERIFY2(label->text().contains(shortNumber(result.plane.first[0])), qPrintable(label->text()));
    QVERIFY(label->toolTip().contains(QStringLiteral("w(ACIDCONC)")));
    QVERIFY(label->toolTip().contains(QString::number(result.plane.second[3], 'g', 17)));
}

void SliceWindowTest::progressCountsRows()
{
    QProgressBar *bar = m_window->busyIndicator();
    int largest = 0;
    int maximum = 0;
    QMetaObject::Connection watch = connect(bar, &QProgressBar::valueChanged, this, [&](int value) {
        largest = std::max(largest, value);
        maximum = bar->maximum();
    });
    m_window->controls()->seedBox()->setValue(m_window->controls()->seedBox()->value() + 1);
    m_window->controls()->modeBox()->setCurrentIndex(1);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->settings.mode == SliceMode::RandomDirections,
                             10000);
    disconnect(watch);
    // The coarse grid's rows and then the full grid's.
    QCOMPARE(maximum, SliceJob::coarseResolution + SliceWindow::resolution);
    QVERIFY2(largest > SliceJob::coarseResolution, qPrintable(QString::number(largest)));
}

namespace {

// The test's own request for a file of the main window, read with commas and a header.
SliceFileRequest mainWindowFile(const QString &path, const QString &target)
{
    SliceFileRequest request;
    request.path = path;
    request.dialect.delimiter = ',';
    request.dialect.hasHeader = true;
    request.targetColumn = target;
    return request;
}

// Waits until every read on Qt's thread pool has ended and its finished signal was handled.
void settleReads()
{
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
}

} // namespace

void SliceWindowTest::mainWindowFileReadInBackground()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    // 200000 rows, a few MB, whose parse would hold up the window for a while.
    const QString path = directory.filePath(QStringLiteral("large.csv"));
    QByteArray text("a,name,b,y\n");
    for (int i = 0; i < 200000; ++i) {
        text += QByteArray::number(i % 97) + ",n," + QByteArray::number((i * 7) % 31) + ',' +
                QByteArray::number(0.5 * (i % 97) - (i * 7) % 31) + '\n';
    }
    QVERIFY(writeFile(path, text));
    const std::shared_ptr<const SliceResult> before = m_window->result();
    QSignalSpy read(m_window, &SliceWindow::mainWindowFileRead);

    m_window->offerMainWindowFile(mainWindowFile(path, QStringLiteral("y")));
    // The call returns before the file is read. The window shows its data, and its status line
    // names the file being read.
    QVERIFY(m_window->isReadingMainWindowFile());
    QCOMPARE(m_window->controls()->targetColumn(), QStringLiteral("STACKLOSS"));
    QCOMPARE(m_window->result(), before);
    QVERIFY2(m_window->status().contains(QStringLiteral("large.csv")),
             qPrintable(m_window->status()));
    saveGrab(*m_window, QStringLiteral("slices-reading-main-window-file.png"));

    QVERIFY(read.wait(30000));
    QCOMPARE(read.size(), 1);
    QCOMPARE(read.front().front().toBool(), true);
    QVERIFY(!m_window->isReadingMainWindowFile());
    QVERIFY(!m_window->status().contains(QStringLiteral("large.csv")));
    // The text column is left out, as the main window's numeric table leaves it out.
    QCOMPARE(m_window->controls()->targetColumn(), QStringLiteral("y"));
    QCOMPARE(m_window->controls()->featureColumns(),
             QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->objective->data().size() == 200000,
                             30000);
}

void SliceWindowTest::ownFileReadInBackground()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString older = directory.filePath(QStringLiteral("older.csv"));
    QVERIFY(writeFile(older, "p,q,y\n1,2,3\n2,1,5\n3,5,4\n4,2,9\n5,7,8\n"));
    const QString newer = directory.filePath(QStringLiteral("newer.csv"));
    QVERIFY(writeFile(newer, "u,v,STACKLOSS\n1,2,1\n2,3,3\n3,5,2\n4,4,5\n5,1,4\n"));
    QSignalSpy read(m_window, &SliceWindow::ownFileRead);

    // File > Open in the window reads on the thread pool; of two opens in a row only the newer
    // one is shown, and the shown data stays until it arrives.
    m_window->openCsvFileInBackground(older);
    m_window->openCsvFileInBackground(newer);
    QVERIFY(m_window->isReadingOwnFile());
    QCOMPARE(m_window->controls()->targetColumn(), QStringLiteral("STACKLOSS"));
    QVERIFY(!m_window->followsMainWindow());
    QVERIFY(read.wait(10000));
    settleReads();
    QCOMPARE(read.size(), 1);
    QCOMPARE(read.first().first().toBool(), true);
    QVERIFY(!m_window->isReadingOwnFile());
    QCOMPARE(m_window->controls()->featureColumns(),
             QStringList({QStringLiteral("u"), QStringLiteral("v")}));
    waitForResult();

    // A missing file names itself, and the plots keep the data shown.
    const std::shared_ptr<const SliceResult> before = m_window->result();
    read.clear();
    m_window->openCsvFileInBackground(directory.filePath(QStringLiteral("gone.csv")));
    QVERIFY(read.wait(10000));
    QCOMPARE(read.first().first().toBool(), false);
    QVERIFY2(m_window->message().contains(QStringLiteral("gone.csv")),
             qPrintable(m_window->message()));
    QVERIFY2(m_window->message().contains(QStringLiteral("still show the previous data")),
             qPrintable(m_window->message()));
    QCOMPARE(m_window->result(), before);
    QCOMPARE(m_window->controls()->featureColumns(),
             QStringList({QStringLiteral("u"), QStringLiteral("v")}));

    // The main window's data, chosen while a file of the window's own is read, wins.
    m_window->offerMainWindowTable(numberTable({QStringLiteral("a"), QStringLiteral("y")},
                                               {{1, 2}, {2, 4}, {3, 5}, {4, 9}}),
                                   QStringLiteral("main.csv"), QStringLiteral("y"));
    read.clear();
    m_window->openCsvFileInBackground(older);
    m_window->mainWindowDataButton()->click();
    QVERIFY(!m_window->isReadingOwnFile());
    settleReads();
    QVERIFY(read.isEmpty());
    QCOMPARE(m_window->controls()->targetColumn(), QStringLiteral("y"));
    QCOMPARE(m_window->controls()->featureColumns(), QStringList({QStringLiteral("a")}));
}

void SliceWindowTest::newerOfferSupersedesRead()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString older = directory.filePath(QStringLiteral("older.csv"));
    QVERIFY(writeFile(older, "p,q,y\n1,2,3\n2,1,5\n3,5,4\n4,2,9\n5,7,8\n"));
    const QString newer = directory.filePath(QStringLiteral("newer.csv"));
    QVERIFY(writeFile(newer, "u,v\n1,2\n2,3\n3,5\n4,4\n"));
    QSignalSpy read(m_window, &SliceWindow::mainWindowFileRead);

    // Two offers in a row, as an undo right after opening a file makes: only the newer one
    // arrives, whatever order the reads end in.
    m_window->offerMainWindowFile(mainWindowFile(older, QStringLiteral("y")));
    m_window->offerMainWindowFile(mainWindowFile(newer, QStringLiteral("v")));
    QVERIFY(read.wait(10000));
    settleReads();
    QCOMPARE(read.size(), 1);
    QCOMPARE(m_window->controls()->targetColumn(), QStringLiteral("v"));
    QCOMPARE(m_window->controls()->featureColumns(), QStringList{QStringLiteral("u")});

    // A table offered, or an offer withdrawn, after a file was offered wins over the read.
    m_window->offerMainWindowFile(mainWindowFile(older, QStringLiteral("y")));
    m_window->offerMainWindowTable(std::nullopt, QString(), QString());
    QVERIFY(!m_window->isReadingMainWindowFile());
    settleReads();
    QCOMPARE(read.size(), 1);
    QCOMPARE(m_window->controls()->targetColumn(), QStringLiteral("v"));
    QVERIFY(!m_window->status().contains(QStringLiteral("older.csv")));
}

void SliceWindowTest::failedMainWindowReadKeepsData()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const std::shared_ptr<const SliceResult> before = m_window->result();
    QSignalSpy read(m_window, &SliceWindow::mainWindowFileRead);

    m_window->offerMainWindowFile(
        mainWindowFile(directory.filePath(QStringLiteral("gone.csv")), QStringLiteral("y")));
    QVERIFY(read.wait(10000));
    QCOMPARE(read.front().front().toBool(), false);
    QString message = m_window->message();
    QVERIFY2(message.contains(QStringLiteral("gone.csv")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("main window")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("previous data")), qPrintable(message));
    QCOMPARE(m_window->controls()->targetColumn(), QStringLiteral("STACKLOSS"));
    QCOMPARE(m_window->result(), before);
    QVERIFY(!m_window->mainWindowDataButton()->isVisibleTo(m_window));
    saveGrab(*m_window, QStringLiteral("slices-main-window-file-gone.png"));

    // A quote left open names the file and the line.
    const QString broken = directory.filePath(QStringLiteral("broken.csv"));
    QVERIFY(writeFile(broken, "x,y\n1,2\n3,\"4\n5,6\n"));
    m_window->offerMainWindowFile(mainWindowFile(broken, QStringLiteral("y")));
    QVERIFY(read.wait(10000));
    QCOMPARE(read.back().front().toBool(), false);
    message = m_window->message();
    QVERIFY2(message.contains(QStringLiteral("broken.csv")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("line 3")), qPrintable(message));
    QCOMPARE(m_window->result(), before);
    QVERIFY(!m_window->isComputing());
}

void SliceWindowTest::hiddenWindowKeepsMainWindowRead()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("later.csv"));
    QVERIFY(writeFile(path, "p,q,y\n1,2,3\n2,1,5\n3,5,4\n4,2,9\n5,7,8\n"));
    QSignalSpy read(m_window, &SliceWindow::mainWindowFileRead);
    m_window->offerMainWindowFile(mainWindowFile(path, QStringLiteral("y")));
    m_window->close();
    QVERIFY(read.wait(10000));
    QCOMPARE(read.front().front().toBool(), true);
    // The table is taken while hidden, and computed on when the window shows again.
    QCOMPARE(m_window->controls()->targetColumn(), QStringLiteral("y"));
    QVERIFY(!m_window->isComputing());
    m_window->show();
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->objective->parameterCount() == 3,
                             10000);
}

void SliceWindowTest::windowDeletedWhileReading()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString path = directory.filePath(QStringLiteral("late.csv"));
    QVERIFY(writeFile(path, "p,y\n1,2\n2,1\n3,5\n"));
    m_window->offerMainWindowFile(mainWindowFile(path, QStringLiteral("y")));
    delete m_window;
    m_window = nullptr;
    // The read ends without a window to deliver to.
    settleReads();
}

void SliceWindowTest::summaryNeverClips()
{
    // Whether every line of the summary fits in its label at the label's current width.
    const auto summaryFits = [this](const char *when) {
        const QString text = m_window->heatMap()->summary();
        for (const QLabel *label : m_window->heatMap()->findChildren<QLabel *>()) {
            if (label->text() != text)
                continue;
            const int needed = label->heightForWidth(label->width());
            if (label->height() < needed) {
                qWarning("%s: summary %d px high at width %d, needs %d", when, label->height(),
                         label->width(), needed);
                return false;
            }
            return true;
        }
        return false;
    };
    QVERIFY(summaryFits("first result"));
    // Narrower widths, down to the window's minimum width, which stops the last ones.
    const QSize start = m_window->size();
    for (const int width : {start.width() - 150, start.width() - 300, start.width() - 450}) {
        m_window->resize(width, start.height());
        QCoreApplication::processEvents();
        QVERIFY(summaryFits("after resize"));
        saveGrab(*m_window, QStringLiteral("slices-narrow-%1.png").arg(width));
    }
    // A result that adds a line arrives while the window is narrow and is grabbed at once.
    m_window->controls()->learningRateBox()->setValue(50.0);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->path.status ==
                                     LinearTrainingStatus::Diverged,
                             10000);
    QVERIFY(summaryFits("new result"));
    saveGrab(*m_window, QStringLiteral("slices-narrow-diverged.png"));
    m_window->resize(start);
    QCoreApplication::processEvents();
    QVERIFY(summaryFits("wide again"));
}

QTEST_MAIN(SliceWindowTest)
// log(-1 - e^2) is undefined for every error, so neither the slice nor the run has a finite
// point, and nothing overflowed.
void SliceWindowTest::undefinedSliceSummaryWording()
{
    const QString spec = QStringLiteral("formula:log(-1-e^2)");
    enterLossSpec(*m_window, spec);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->objective->loss().spec() == spec,
                             10000);
    const QString summary = m_window->heatMap()->summary();
    QVERIFY2(summary.contains(
                 QStringLiteral("infinite or undefined everywhere on this slice")),
             qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("no finite point")), qPrintable(summary));
    QVERIFY2(!summary.contains(QStringLiteral("overflows")), qPrintable(summary));
    QVERIFY2(!summary.contains(QStringLiteral("last finite point")), qPrintable(summary));
    // No loss of the run is finite, so none is quoted as ∞.
    QVERIFY2(!summary.contains(QChar(0x221E)), qPrintable(summary));
}

// With standardized features, whose means are 0, the mean of e = prediction - target does not
// change with the weights, so the plane of two weights is constant. As in the landscape view,
// the summary states it, no star marks an arbitrary point, and the colour scale has one tick.
void SliceWindowTest::constantPlaneHasNoMinimum()
{
    const QString spec = QStringLiteral("formula:e");
    enterLossSpec(*m_window, spec);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->objective->loss().spec() == spec,
                             10000);
    SliceHeatMap *map = m_window->heatMap();
    const QString summary = map->summary();
    QVERIFY2(summary.contains(QStringLiteral("the same everywhere")), qPrintable(summary));
    QVERIFY2(!summary.contains(QChar(0x2736)), qPrintable(summary));
    QVERIFY(!map->minimumMarker()->visible());
    QCPColorScale *scale = nullptr;
    for (int k = 0; k < map->plot()->plotLayout()->elementCount(); ++k) {
        if (auto *found = qobject_cast<QCPColorScale *>(map->plot()->plotLayout()->elementAt(k)))
            scale = found;
    }
    QVERIFY(scale);
    map->plot()->replot();
    const QVector<QString> labels = scale->axis()->tickVectorLabels();
    QCOMPARE(labels.size(), 1);
    QVERIFY2(summary.contains(labels.front()), qPrintable(labels.front() + " / " + summary));
}

// Where the mean loss is undefined or infinite at the start and the end of training, the
// profile draws no marker there, rather than one at 0 or at the axis's end.
void SliceWindowTest::undefinedLossHasNoProfileMarker()
{
    const QString spec = QStringLiteral("formula:log(-1-e^2)");
    enterLossSpec(*m_window, spec);
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->objective->loss().spec() == spec,
                             10000);
    SliceProfileView *profile = m_window->profileView();
    QVERIFY(!std::isfinite(m_window->result()->path.losses.front()));
    QVERIFY(!profile->startMarker()->visible());
    QVERIFY(!profile->endMarker()->visible());
    // A finite loss brings them back.
    enterLossSpec(*m_window, QStringLiteral("mse"));
    QTRY_VERIFY_WITH_TIMEOUT(hasCompleteResult(*m_window) &&
                                 m_window->result()->objective->loss().spec() ==
                                     QStringLiteral("mse"),
                             10000);
    QVERIFY(profile->startMarker()->visible());
    QVERIFY(profile->endMarker()->visible());
    QCOMPARE(profile->startMarker()->data()->constBegin()->value,
             m_window->result()->path.losses.front());
}

#include "tst_slicewindow.moc"
