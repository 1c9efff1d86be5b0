#include "core/losscatalogue.h"
#include "ui/controlpanel.h"
#include "ui/dataview.h"
#include "ui/landscapeview.h"
#include "ui/losscurveview.h"
#include "ui/losslisteditor.h"
#include "ui/mainwindow.h"
#include "ui/parameterslider.h"
#include "ui/playbackbar.h"
#include "ui/plotstyle.h"
#include "ui/plotsupport.h"
#include "ui/presentation.h"
#include "ui/runlisteditor.h"
#include "ui/theme.h"
#include "ui/trainingview.h"
#include "ui/viewfocus.h"

#include <qcustomplot.h>

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QListWidget>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollArea>
#include <QStatusBar>
#include <QStyleOptionButton>
#include <QSettings>
#include <QSplitter>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextDocumentFragment>
#include <QVBoxLayout>
#include <QtTest>

using namespace losslens;

namespace {

// Everything presentation mode and the theme change on a plot, as the plot draws it.
struct PlotSnapshot
{
    QList<QPen> pens;
    QList<QFont> fonts;
    QList<QColor> textColours;

    bool operator==(const PlotSnapshot &other) const = default;
};

QList<QCPAxis *> allAxes(QCustomPlot *plot)
{
    QList<QCPAxis *> axes;
    for (int i = 0; i < plot->layerCount(); ++i) {
        for (QCPLayerable *layerable : plot->layer(i)->children()) {
            if (auto *axis = qobject_cast<QCPAxis *>(layerable))
                axes << axis;
        }
    }
    return axes;
}

QList<QCPTextElement *> titles(QCustomPlot *plot)
{
    QList<QCPTextElement *> elements;
    for (int i = 0; i < plot->layerCount(); ++i) {
        for (QCPLayerable *layerable : plot->layer(i)->children()) {
            if (auto *text = qobject_cast<QCPTextElement *>(layerable))
                elements << text;
        }
    }
    return elements;
}

// The pens of the visible plottables and items that draw a line.
QList<QPen> linePens(QCustomPlot *plot)
{
    QList<QPen> pens;
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable *plottable = plot->plottable(i);
        if (plottable->visible() && plottable->pen().style() != Qt::NoPen &&
            !qobject_cast<QCPColorMap *>(plottable))
            pens << plottable->pen();
    }
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (auto *line = qobject_cast<QCPItemLine *>(plot->item(i)); line && line->visible())
            pens << line->pen();
    }
    return pens;
}

PlotSnapshot snapshot(QCustomPlot *plot)
{
    PlotSnapshot result;
    result.pens = linePens(plot);
    for (QCPAxis *axis : allAxes(plot)) {
        result.pens << axis->basePen() << axis->tickPen();
        result.fonts << axis->labelFont() << axis->tickLabelFont();
        result.textColours << axis->labelColor() << axis->tickLabelColor();
    }
    for (QCPTextElement *text : titles(plot)) {
        result.fonts << text->font();
        result.textColours << text->textColor();
    }
    return result;
}

// The colours of the swatches in rich text, in order: every `color:#rrggbb`.
QList<QColor> swatchColours(const QString &richText)
{
    QList<QColor> colours;
    static const QRegularExpression pattern(QStringLiteral("color:(#[0-9a-fA-F]{6})"));
    for (const QRegularExpressionMatch &match : pattern.globalMatch(richText))
        colours << QColor(match.captured(1));
    return colours;
}

// The most frequent fully opaque colour of an icon, which is the colour it is drawn in.
QColor iconInk(const QIcon &icon)
{
    const QImage image = icon.pixmap(QSize(32, 32)).toImage();
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (pixel.alpha() == 255)
                ++counts[pixel.rgb()];
        }
    }
    QRgb ink = 0;
    int maxCount = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > maxCount) {
            maxCount = it.value();
            ink = it.key();
        }
    }
    return maxCount > 0 ? QColor(ink) : QColor();
}

// The colour of a swatch icon at its middle, where the run list draws a thick stroke.
QColor swatchMiddle(const QIcon &icon)
{
    return icon.pixmap(QSize(16, 16)).toImage().pixelColor(8, 8);
}

// The best contrast of any pixel in a check box's indicator with the colour it is drawn on.
double indicatorContrast(QCheckBox *box, const QColor &background)
{
    QStyleOptionButton option;
    option.initFrom(box);
    const QRect indicator = box->style()->subElementRect(QStyle::SE_CheckBoxIndicator, &option, box);
    const QImage image = box->grab().toImage();
    double best = 1.0;
    for (int y = indicator.top(); y <= indicator.bottom(); ++y) {
        for (int x = indicator.left(); x <= indicator.right(); ++x)
            best = std::max(best, contrastRatio(image.pixelColor(x, y), background));
    }
    return best;
}

// The screen that main() gives the offscreen platform, a small projector's.
const QSize smallScreen(1280, 720);

// The colour a plot's background is painted in, read from a corner of its picture.
QColor backgroundColour(QCustomPlot *plot)
{
    plot->replot();
    return plot->toPixmap(plot->width(), plot->height()).toImage().pixelColor(2, 2);
}

} // namespace

class PresentationTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void presentationScalesAndRestores();
    void presentationKeepsSessionColours();
    void addedRunGetsThickPen();
    void darkThemeDarkensEveryPlot();
    void themeChoiceIsRemembered();
    void controlKeysFocusViews();
    void controlKeysIgnoredInTextFields();
    void typedValueBeyondSliderRange();
    void typedValueUnderLogarithmicSlider();
    void presentationScreenshot();
    void swatchesFollowPlotColours();
    void playbackIconsFollowPalette();
    void uncheckedBoxesReadableInDark();
    void inactiveItemsReadable();
    void landscapeLegendKeysReadable();
    void longLegendNameFitsPlot();
    void presentationArrangesNarrowScreen();
    void presentationFitsSmallScreen();
    void legendWrapsLongEntries();
    void legendShortensToItsShare();
    void dockWidthRestoredAfterPresentation();
    void landscapeTallInPresentation();

private:
    QList<QCustomPlot *> plots() const;
    QList<QWidget *> views() const;
    void enterPresentationOnSmallScreen();
    void replotAll();
    void waitForLandscape();

    MainWindow *m_window = nullptr;
};

void PresentationTest::initTestCase()
{
    // Keeps the theme choice out of the user's own settings.
    QStandardPaths::setTestModeEnabled(true);
}

void PresentationTest::init()
{
    QSettings().remove(QStringLiteral("appearance/theme"));
    m_window = new MainWindow;
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    waitForLandscape();
}

void PresentationTest::cleanup()
{
    delete m_window;
    m_window = nullptr;
    QSettings().remove(QStringLiteral("appearance/theme"));
}

QList<QCustomPlot *> PresentationTest::plots() const
{
    return {m_window->landscapeView()->plot(), m_window->dataView()->plot(),
            m_window->lossCurveView()->plot(), m_window->trainingView()->plot()};
}

QList<QWidget *> PresentationTest::views() const
{
    return {m_window->landscapeView(), m_window->dataView(), m_window->lossCurveView(),
            m_window->trainingView()};
}

void PresentationTest::enterPresentationOnSmallScreen()
{
    // main() gives the offscreen platform one screen of this size; another platform has the
    // screen it has.
    if (QGuiApplication::platformName() != QStringLiteral("offscreen"))
        QSKIP("needs the 1280 x 720 offscreen screen that main() sets up");
    QCOMPARE(m_window->screen()->geometry().size(), smallScreen);
    m_window->resize(smallScreen);
    m_window->presentationMode()->setActive(true);
    // The dock is fitted and the plots replot on later passes of the event loop.
    QTest::qWait(200);
    waitForLandscape();
    replotAll();
    QCoreApplication::processEvents();
}

void PresentationTest::replotAll()
{
    QCoreApplication::processEvents();
    for (QCustomPlot *plot : plots())
        plot->replot();
}

void PresentationTest::waitForLandscape()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->landscapeView()->isComputing() &&
                                 m_window->landscapeView()->result() != nullptr,
                             10000);
}

void PresentationTest::presentationScalesAndRestores()
{
    // Some steps, so the landscape has paths and arrows to draw.
    for (int i = 0; i < 5; ++i)
        m_window->training()->stepOnce();
    replotAll();
    QList<PlotSnapshot> before;
    for (QCustomPlot *plot : plots())
        before << snapshot(plot);
    const QFont applicationFont = QApplication::font();
    const Qt::WindowStates windowState = m_window->windowState();

    m_window->presentationMode()->action()->trigger();
    QVERIFY(m_window->presentationMode()->isActive());
    QVERIFY(m_window->windowState() & Qt::WindowFullScreen);
    QCOMPARE(QApplication::font().pointSizeF(),
             applicationFont.pointSizeF() * PresentationMode::fontScale);
    replotAll();
    for (int p = 0; p < plots().size(); ++p) {
        QCustomPlot *plot = plots()[p];
        const PlotSnapshot &normal = before[p];
        const PlotSnapshot presented = snapshot(plot);
        QCOMPARE(presented.pens.size(), normal.pens.size());
        QCOMPARE(presented.fonts.size(), normal.fonts.size());
        QVERIFY2(!normal.pens.isEmpty(), qPrintable(plot->parentWidget()->metaObject()->className()));
        for (int k = 0; k < normal.pens.size(); ++k) {
            const double expected = std::max(normal.pens[k].widthF(), 1.0) * 2.0;
            QVERIFY2(qFuzzyCompare(presented.pens[k].widthF(), expected),
                     qPrintable(QStringLiteral("plot %1 pen %2: %3 instead of %4")
                                    .arg(p)
                                    .arg(k)
                                    .arg(presented.pens[k].widthF())
                                    .arg(expected)));
        }
        // Axis labels, the first font of each axis, grow at most as far as their axis allows.
        const int axisCount = allAxes(plot).size();
        for (int k = 0; k < normal.fonts.size(); ++k) {
            const double base = normal.fonts[k].pointSizeF();
            const double size = presented.fonts[k].pointSizeF();
            const QString where = QStringLiteral("plot %1 font %2: %3 from %4")
                                      .arg(p).arg(k).arg(size).arg(base);
            if (k < 2 * axisCount && k % 2 == 0) {
                QVERIFY2(size >= base && size <= base * PresentationMode::fontScale + 1e-9,
                         qPrintable(where));
                continue;
            }
            QVERIFY2(qFuzzyCompare(size, base * PresentationMode::fontScale), qPrintable(where));
        }
    }

    m_window->presentationMode()->action()->trigger();
    QVERIFY(!m_window->presentationMode()->isActive());
    QCOMPARE(m_window->windowState(), windowState);
    QCOMPARE(QApplication::font(), applicationFont);
    replotAll();
    for (int p = 0; p < plots().size(); ++p)
        QVERIFY2(snapshot(plots()[p]) == before[p], qPrintable(QStringLiteral("plot %1").arg(p)));
}

void PresentationTest::presentationKeepsSessionColours()
{
    SessionModel *model = m_window->model();
    // A fourth run takes a colour outside Okabe and Ito's palette.
    model->addRun(model->state().runs.front().lossIndex);
    QTRY_COMPARE(m_window->training()->run(model->runCount() - 1) != nullptr, true);
    std::vector<QColor> sessionColours;
    for (int i = 0; i < model->runCount(); ++i)
        sessionColours.push_back(model->runEntry(i).colour);
    const std::vector<QColor> palette = PlotStyle::colourBlindPalette(false);
    QVERIFY(std::find(palette.begin(), palette.end(), sessionColours.back()) == palette.end());

    m_window->presentationMode()->setActive(true);
    replotAll();
    QCustomPlot *training = m_window->trainingView()->plot();
    QSet<QRgb> drawn;
    for (int i = 0; i < training->plottableCount(); ++i) {
        QCPAbstractPlottable *plottable = training->plottable(i);
        if (!plottable->visible() || plottable->name().isEmpty())
            continue;
        QVERIFY2(std::find(palette.begin(), palette.end(), plottable->pen().color()) !=
                     palette.end(),
                 qPrintable(plottable->pen().color().name()));
        drawn.insert(plottable->pen().color().rgb());
    }
    // Every run keeps a colour of its own.
    QCOMPARE(drawn.size(), model->runCount());
    for (int i = 0; i < model->runCount(); ++i)
        QCOMPARE(model->runEntry(i).colour, sessionColours[i]);
    QCOMPARE(m_window->sessionDocument().state.runs.back().colour, sessionColours.back());

    m_window->presentationMode()->setActive(false);
    replotAll();
    for (int i = 0; i < training->plottableCount(); ++i) {
        QCPAbstractPlottable *plottable = training->plottable(i);
        if (plottable->visible() && !plottable->name().isEmpty())
            QVERIFY(std::find(sessionColours.begin(), sessionColours.end(),
                              plottable->pen().color()) != sessionColours.end());
    }
}

void PresentationTest::addedRunGetsThickPen()
{
    m_window->presentationMode()->setActive(true);
    replotAll();
    SessionModel *model = m_window->model();
    const int added = model->addRun(model->state().runs.front().lossIndex);
    QVERIFY(added >= 0);
    QTRY_VERIFY(m_window->training()->run(added) != nullptr);
    m_window->training()->stepOnce();
    replotAll();

    // RunPaths draws run i's path 4 − 0.8 min(i, 3) pixels wide.
    const double pathWidth = 4.0 - 0.8 * std::min(added, 3);
    const QString label = model->runLabel(added);
    QCustomPlot *landscape = m_window->landscapeView()->plot();
    QCPAbstractPlottable *path = nullptr;
    for (int i = 0; i < landscape->plottableCount(); ++i) {
        if (landscape->plottable(i)->name() == label)
            path = landscape->plottable(i);
    }
    QVERIFY(path);
    QCOMPARE(path->pen().widthF(), pathWidth * PresentationMode::lineScale);

    // The training view draws each run's curve 2.5 pixels wide.
    QCustomPlot *training = m_window->trainingView()->plot();
    int curves = 0;
    for (int i = 0; i < training->plottableCount(); ++i) {
        QCPAbstractPlottable *curve = training->plottable(i);
        if (curve->visible() && curve->name().startsWith(label)) {
            QCOMPARE(curve->pen().widthF(), 2.5 * PresentationMode::lineScale);
            ++curves;
        }
    }
    QCOMPARE(curves, 1);

    // A layer replot, which emits no beforeReplot, draws a changed pen styled as well.
    path->setPen(QPen(Qt::red, 3.0));
    path->layer()->replot();
    QCOMPARE(path->pen().widthF(), 3.0 * PresentationMode::lineScale);

    m_window->presentationMode()->setActive(false);
    replotAll();
    QCOMPARE(path->pen().widthF(), 3.0);
}

void PresentationTest::darkThemeDarkensEveryPlot()
{
    QVERIFY(!Theme::isDarkPalette(QApplication::palette()));
    QList<QColor> lightBackgrounds;
    for (QCustomPlot *plot : plots())
        lightBackgrounds << backgroundColour(plot);
    const QCPColorGradient gradient =
        qobject_cast<QCPColorMap *>(m_window->landscapeView()->plot()->plottable(0))->gradient();

    m_window->theme()->setChoice(Theme::Choice::Dark);
    QVERIFY(m_window->theme()->isDark());
    QVERIFY(Theme::isDarkPalette(QApplication::palette()));
    replotAll();
    for (QCustomPlot *plot : plots()) {
        const QString name = QString::fromLatin1(plot->parentWidget()->metaObject()->className());
        const QColor background = backgroundColour(plot);
        QVERIFY2(background.lightnessF() < 0.25, qPrintable(name + background.name()));
        for (QCPAxis *axis : allAxes(plot)) {
            QVERIFY2(axis->tickLabelColor().lightnessF() > 0.75, qPrintable(name));
            QVERIFY2(axis->labelColor().lightnessF() > 0.75, qPrintable(name));
            QVERIFY2(axis->basePen().color().lightnessF() > 0.75, qPrintable(name));
        }
        for (QCPTextElement *title : titles(plot))
            QVERIFY2(title->textColor().lightnessF() > 0.75, qPrintable(name));
        // The legend passes its colour on to its entries, which must not be mapped back.
        for (int k = 0; k < plot->legend->itemCount(); ++k)
            QVERIFY2(plot->legend->item(k)->textColor().lightnessF() > 0.75, qPrintable(name));
    }
    // Lines on a plain background keep a contrast of 3:1 with it; the heat map keeps viridis.
    for (QCustomPlot *plot : {m_window->dataView()->plot(), m_window->trainingView()->plot(),
                              m_window->lossCurveView()->plot()}) {
        const QColor background = backgroundColour(plot);
        for (const QPen &pen : linePens(plot))
            QVERIFY2(contrastRatio(pen.color(), background) >= 3.0, qPrintable(pen.color().name()));
    }
    auto *map = qobject_cast<QCPColorMap *>(m_window->landscapeView()->plot()->plottable(0));
    QVERIFY(map->gradient() == gradient);
    QVERIFY(map->gradient() == lossGradient());

    m_window->theme()->setChoice(Theme::Choice::Light);
    QVERIFY(!Theme::isDarkPalette(QApplication::palette()));
    replotAll();
    for (int p = 0; p < plots().size(); ++p) {
        QCustomPlot *plot = plots()[p];
        QCOMPARE(backgroundColour(plot), lightBackgrounds[p]);
        QCOMPARE(backgroundColour(plot), QColor(Qt::white));
        for (QCPAxis *axis : allAxes(plot)) {
            QCOMPARE(axis->tickLabelColor(), QColor(Qt::black));
            QCOMPARE(axis->basePen().color(), QColor(Qt::black));
        }
    }
}

void PresentationTest::themeChoiceIsRemembered()
{
    m_window->theme()->setChoice(Theme::Choice::Dark);
    QCOMPARE(QSettings().value(QStringLiteral("appearance/theme")).toString(),
             QStringLiteral("Dark"));
    delete m_window;
    m_window = new MainWindow;
    m_window->show();
    QCOMPARE(m_window->theme()->choice(), Theme::Choice::Dark);
    QVERIFY(Theme::isDarkPalette(QApplication::palette()));

    m_window->theme()->setChoice(Theme::Choice::System);
    // The offscreen platform's palette is light, and System returns to it.
    QCOMPARE(QApplication::palette().color(QPalette::Window),
             Theme::systemPalette().color(QPalette::Window));
    QVERIFY(!m_window->theme()->isDark());
    waitForLandscape();
}

void PresentationTest::controlKeysFocusViews()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    const QList<QCustomPlot *> targets = plots();
    for (int i = 0; i < 4; ++i) {
        QWidget *focused = QApplication::focusWidget();
        QVERIFY(focused);
        QTest::keyClick(focused, Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget(), targets[i]);
        QCOMPARE(m_window->viewFocus()->focusedView(), i);
        for (int k = 0; k < 4; ++k)
            QCOMPARE(m_window->viewFocus()->isMarked(k), k == i);
    }
}

void PresentationTest::controlKeysIgnoredInTextFields()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    auto *edit = new QLineEdit(m_window->controlPanel());
    edit->show();
    QSpinBox *spin = m_window->playbackBar()->findChild<QSpinBox *>();
    QVERIFY(spin);
    for (QWidget *field : {static_cast<QWidget *>(edit), static_cast<QWidget *>(spin)}) {
        field->setFocus();
        QTRY_VERIFY(field->hasFocus());
        QWidget *focused = QApplication::focusWidget();
        for (int i = 0; i < 4; ++i)
            QTest::keyClick(focused, Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
        QCOMPARE(QApplication::focusWidget(), focused);
        QCOMPARE(m_window->viewFocus()->focusedView(), -1);
        for (int k = 0; k < 4; ++k)
            QVERIFY(!m_window->viewFocus()->isMarked(k));
    }
    // Escape in a text field does not leave presentation mode either.
    m_window->presentationMode()->setActive(true);
    spin->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QVERIFY(m_window->presentationMode()->isActive());
    m_window->viewFocus()->focusView(0);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QVERIFY(!m_window->presentationMode()->isActive());
}

void PresentationTest::typedValueBeyondSliderRange()
{
    // The learning rate slider ends at 10; the optimizer accepts up to 1e6.
    ParameterSlider *rate = m_window->controlPanel()->learningRateSlider();
    QVERIFY(rate);
    QSignalSpy changes(rate, &ParameterSlider::valueChanged);
    QLineEdit *edit = rate->valueBox()->findChild<QLineEdit *>();
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("50"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(rate->value(), 50.0);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.front().front().toDouble(), 50.0);
    QCOMPARE(rate->slider()->value(), rate->slider()->maximum());
    QVERIFY(rate->messageLabel()->isHidden());

    // Beyond the parameter's valid range the box rejects the value and shows the reason.
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("2e6"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(rate->value(), 50.0);
    QVERIFY(!rate->messageLabel()->isHidden());

    // Below the slider's start, down to the valid minimum.
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("1e-9"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(rate->value(), 1e-9);
    QCOMPARE(rate->slider()->value(), rate->slider()->minimum());
}

void PresentationTest::typedValueUnderLogarithmicSlider()
{
    // A logarithmic slider over [1, 100] whose box takes negative values, as the synthetic-data
    // dialog's degrees of freedom do before validation: 0 and -5 have no logarithm.
    ParameterSlider::Settings settings;
    settings.label = QStringLiteral("nu");
    settings.defaultValue = 5.0;
    settings.minimum = -1e300;
    settings.maximum = 1e300;
    settings.sliderMinimum = 1.0;
    settings.sliderMaximum = 100.0;
    settings.logarithmic = true;
    ParameterSlider slider(settings);
    QLineEdit *edit = slider.valueBox()->findChild<QLineEdit *>();
    for (const double typed : {-5.0, 0.0, 1e5}) {
        edit->selectAll();
        QTest::keyClicks(edit, QString::number(typed));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(slider.value(), typed);
        QCOMPARE(slider.slider()->value(), typed > 1.0 ? slider.slider()->maximum()
                                                       : slider.slider()->minimum());
    }
}

void PresentationTest::presentationScreenshot()
{
    for (int i = 0; i < 20; ++i)
        m_window->training()->stepOnce();
    replotAll();
    QHash<QCPAxis *, double> viewLabelSizes;
    for (QCustomPlot *plot : plots()) {
        for (QCPAxis *axis : allAxes(plot))
            viewLabelSizes.insert(axis, axis->labelFont().pointSizeF());
    }
    m_window->presentationMode()->setActive(true);
    QTest::qWait(200);
    waitForLandscape();
    replotAll();
    // No enlarged axis label is longer than its axis, where QCustomPlot would clip it. The plots
    // have replotted once more to fit the labels to the new layout. A label the view's own font
    // does not fit stays at that font.
    QTest::qWait(100);
    replotAll();
    for (QCustomPlot *plot : plots()) {
        for (QCPAxis *axis : allAxes(plot)) {
            if (!axis->visible() || axis->label().isEmpty())
                continue;
            const QRect rect = axis->axisRect()->rect();
            const int length = axis->orientation() == Qt::Vertical ? rect.height() : rect.width();
            const double needed = QFontMetricsF(axis->labelFont()).horizontalAdvance(axis->label());
            // Text widths come in fractions of a pixel, and a label less than a pixel longer
            // than its axis loses nothing visible.
            if (axis->labelFont().pointSizeF() > viewLabelSizes.value(axis))
                QVERIFY2(needed <= length + 1.0,
                         qPrintable(QStringLiteral("%1: %2 pixels at %3 points on %4 pixels")
                                        .arg(axis->label())
                                        .arg(needed)
                                        .arg(axis->labelFont().pointSizeF())
                                        .arg(length)));
        }
    }
    const QPixmap picture = m_window->grab();
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(QStringLiteral("presentation.png"));
    QVERIFY(picture.save(path));
    QVERIFY(QFileInfo(path).size() > 0);
    const QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), picture.size());
    // A picture of one colour would be a blank window.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 100, qPrintable(QString::number(colours.size())));
    // LOSSLENS_SCREENSHOT_DIR keeps a copy to look at.
    const QString keep = qEnvironmentVariable("LOSSLENS_SCREENSHOT_DIR");
    if (!keep.isEmpty())
        QFile::copy(path, QDir(keep).filePath(QStringLiteral("presentation.png")));
}

void PresentationTest::swatchesFollowPlotColours()
{
    SessionModel *model = m_window->model();
    // A fourth run takes a colour outside Okabe and Ito's palette, which presentation maps.
    model->addRun(model->state().runs.front().lossIndex);
    QTRY_VERIFY(m_window->training()->run(model->runCount() - 1) != nullptr);
    m_window->training()->stepOnce();
    QListWidget *runList = m_window->controlPanel()->runListEditor()->runList();
    QLabel *runsLabel = m_window->playbackBar()->runsLabel();
    QCustomPlot *training = m_window->trainingView()->plot();
    // The colour the training view draws run i's curve in.
    const auto curveColour = [&](int run) {
        const QString label = model->runLabel(run);
        for (int i = 0; i < training->plottableCount(); ++i) {
            QCPAbstractPlottable *curve = training->plottable(i);
            if (curve->visible() && curve->name().startsWith(label))
                return curve->pen().color();
        }
        return QColor();
    };

    for (const bool presenting : {true, false}) {
        m_window->presentationMode()->setActive(presenting);
        replotAll();
        const QList<QColor> bar = swatchColours(runsLabel->text());
        QCOMPARE(bar.size(), model->runCount());
        for (int i = 0; i < model->runCount(); ++i) {
            const QColor drawn = curveColour(i);
            QVERIFY2(drawn.isValid(), qPrintable(model->runLabel(i)));
            const QString where = QStringLiteral("run %1 presenting %2: plot %3, bar %4, list %5")
                                      .arg(i)
                                      .arg(presenting)
                                      .arg(drawn.name(), bar[i].name(),
                                           swatchMiddle(runList->item(i)->icon()).name());
            QVERIFY2(bar[i].rgb() == drawn.rgb(), qPrintable(where));
            QVERIFY2(swatchMiddle(runList->item(i)->icon()).rgb() == drawn.rgb(),
                     qPrintable(where));
            if (!presenting)
                QVERIFY2(bar[i].rgb() == model->runEntry(i).colour.rgb(), qPrintable(where));
        }
        if (presenting) {
            const std::vector<QColor> palette = PlotStyle::colourBlindPalette(false);
            QVERIFY(std::find(palette.begin(), palette.end(), bar.back()) != palette.end());
        }
    }
}

void PresentationTest::playbackIconsFollowPalette()
{
    PlaybackBar *bar = m_window->playbackBar();
    for (const Theme::Choice choice : {Theme::Choice::Dark, Theme::Choice::Light}) {
        m_window->theme()->setChoice(choice);
        QCoreApplication::processEvents();
        const QPalette palette = bar->palette();
        const QColor ink = palette.color(QPalette::ButtonText);
        for (QAction *action : {bar->playAction(), bar->stepAction(), bar->resetAction()}) {
            const QColor drawn = iconInk(action->icon());
            QVERIFY2(drawn.rgb() == ink.rgb(),
                     qPrintable(action->text() + drawn.name() + QLatin1Char(' ') + ink.name()));
            QVERIFY2(contrastRatio(drawn, palette.color(QPalette::Window)) >= 4.5,
                     qPrintable(action->text()));
        }
    }
}

void PresentationTest::uncheckedBoxesReadableInDark()
{
    auto *box = new QCheckBox(QStringLiteral("unticked"), m_window->controlPanel());
    box->show();
    // Fusion's own frame is under 3:1 on the light theme's Base and near 1:1 on the dark one.
    for (const Theme::Choice choice : {Theme::Choice::Light, Theme::Choice::Dark}) {
        m_window->theme()->setChoice(choice);
        QCoreApplication::processEvents();
        const double contrast = indicatorContrast(box, box->palette().color(QPalette::Base));
        QVERIFY2(contrast >= 3.0, qPrintable(QString::number(contrast)));
    }
    // A disabled box keeps a visible frame too.
    box->setEnabled(false);
    const double disabled = indicatorContrast(box, box->palette().color(QPalette::Base));
    QVERIFY2(disabled >= 2.0, qPrintable(QString::number(disabled)));
}

void PresentationTest::inactiveItemsReadable()
{
    // Stack loss has no 0/1 labels, so the classification losses are greyed out.
    QListWidget *losses = m_window->controlPanel()->lossListEditor()->lossList();
    for (const Theme::Choice choice : {Theme::Choice::Dark, Theme::Choice::Light}) {
        m_window->theme()->setChoice(choice);
        QCoreApplication::processEvents();
        const QColor base = losses->palette().color(QPalette::Base);
        const QColor text = losses->palette().color(QPalette::Text);
        int greyed = 0;
        for (int i = 0; i < losses->count(); ++i) {
            const QVariant foreground = losses->item(i)->data(Qt::ForegroundRole);
            if (!foreground.isValid())
                continue;
            ++greyed;
            const QColor colour = foreground.value<QBrush>().color();
            QVERIFY2(contrastRatio(colour, base) >= 4.5, qPrintable(colour.name()));
            QVERIFY2(contrastRatio(colour, base) < contrastRatio(text, base),
                     qPrintable(colour.name()));
        }
        QVERIFY(greyed > 0);
    }
}

void PresentationTest::landscapeLegendKeysReadable()
{
    m_window->theme()->setChoice(Theme::Choice::Dark);
    replotAll();
    const QList<LegendLabel *> legends = m_window->landscapeView()->findChildren<LegendLabel *>();
    QCOMPARE(legends.size(), 1);
    LegendLabel *legend = legends.front();
    legend->refresh();
    const QList<QColor> keys = swatchColours(legend->text());
    QVERIFY(!keys.isEmpty());
    const QColor background = legend->palette().color(QPalette::Window);
    for (const QColor &key : keys)
        QVERIFY2(contrastRatio(key, background) >= 3.0, qPrintable(key.name()));
}

void PresentationTest::longLegendNameFitsPlot()
{
    QString error;
    std::shared_ptr<const Loss> composite =
        LossCatalogue::parse(QStringLiteral("0.7*(huber:delta=1.5) + 0.3*(mae) + l2(0.1)"), &error);
    QVERIFY2(composite, qPrintable(error));
    SessionModel *model = m_window->model();
    const int index = model->addLoss(composite);
    model->setLossEnabled(index, true);
    QCustomPlot *plot = m_window->lossCurveView()->plot();
    for (const bool presenting : {false, true}) {
        m_window->presentationMode()->setActive(presenting);
        // Narrow, as a view is on a small projector screen.
        m_window->resize(900, 700);
        QCoreApplication::processEvents();
        // The second replot lays out the names the first one fitted.
        plot->replot();
        plot->replot();
        const QRect axisRect = plot->axisRect()->rect();
        QCPLegend *legend = plot->legend;
        QVERIFY2(axisRect.contains(legend->outerRect()),
                 qPrintable(QStringLiteral("legend %1 wide in an axis rect %2 wide")
                                .arg(legend->outerRect().width())
                                .arg(axisRect.width())));
        bool found = false;
        for (int k = 0; k < legend->itemCount(); ++k) {
            // A legend in several columns may leave the last row's cells empty.
            if (!legend->item(k))
                continue;
            auto *item = qobject_cast<QCPPlottableLegendItem *>(legend->item(k));
            QVERIFY(item);
            const QString name = item->plottable()->name();
            const QString fullName = item->plottable()->property("fullName").toString();
            QVERIFY(!fullName.isEmpty());
            const int textWidth = QFontMetrics(item->font()).horizontalAdvance(name);
            QVERIFY2(textWidth + legend->iconSize().width() + legend->iconTextPadding() <=
                         item->rect().width(),
                     qPrintable(name));
            if (fullName == composite->label()) {
                found = true;
                QVERIFY2(name == fullName || name.contains(QChar(0x2026)), qPrintable(name));
            }
        }
        QVERIFY(found);
    }
}

void PresentationTest::presentationArrangesNarrowScreen()
{
    auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("controlsDock"));
    QVERIFY(dock);
    auto *scroll = qobject_cast<QScrollArea *>(dock->widget());
    QVERIFY(scroll);
    const Qt::ScrollBarPolicy policy = scroll->horizontalScrollBarPolicy();
    const QSize landscapeMinimum = m_window->landscapeView()->plot()->minimumSize();
    const QString fullRuns = m_window->playbackBar()->runsLabel()->text();
    QVERIFY(m_window->statusBar()->isVisible());

    m_window->presentationMode()->setActive(true);
    QCoreApplication::processEvents();
    QCOMPARE(scroll->horizontalScrollBarPolicy(), Qt::ScrollBarAsNeeded);
    for (QCustomPlot *plot : plots()) {
        QVERIFY(plot->minimumWidth() >= 280);
        QVERIFY(plot->minimumHeight() >= 170);
    }
    QVERIFY(m_window->playbackBar()->isCompact());
    QVERIFY(m_window->playbackBar()->runsLabel()->text().size() < fullRuns.size());
    QVERIFY(!m_window->statusBar()->isVisible());
    QVERIFY(dock->width() >= 200);

    m_window->presentationMode()->setActive(false);
    QCoreApplication::processEvents();
    QCOMPARE(scroll->horizontalScrollBarPolicy(), policy);
    QCOMPARE(m_window->landscapeView()->plot()->minimumSize(), landscapeMinimum);
    QVERIFY(!m_window->playbackBar()->isCompact());
    QCOMPARE(m_window->playbackBar()->runsLabel()->text(), fullRuns);
    QVERIFY(m_window->statusBar()->isVisible());
}

void PresentationTest::presentationFitsSmallScreen()
{
    enterPresentationOnSmallScreen();
    // Full screen, and no minimum width or height made the window larger than the screen.
    QCOMPARE(m_window->geometry(), m_window->screen()->geometry());
    const QRect window = m_window->rect();
    auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("controlsDock"));
    QVERIFY(dock);
    QList<QWidget *> widgets = views();
    widgets << dock;
    for (QWidget *widget : std::as_const(widgets)) {
        const QRect area(widget->mapTo(m_window, QPoint(0, 0)), widget->size());
        const QString where = QStringLiteral("%1 at %2,%3 %4 x %5 in %6 x %7")
                                  .arg(widget->metaObject()->className())
                                  .arg(area.x())
                                  .arg(area.y())
                                  .arg(area.width())
                                  .arg(area.height())
                                  .arg(window.width())
                                  .arg(window.height());
        QVERIFY2(window.contains(area), qPrintable(where));
        // A view squeezed below its minimum size clips its own contents.
        QVERIFY2(widget->width() >= widget->minimumSizeHint().width(), qPrintable(where));
        QVERIFY2(widget->height() >= widget->minimumSizeHint().height(), qPrintable(where));
    }
    // Every legend shows all of its lines.
    for (QWidget *view : views()) {
        for (LegendLabel *legend : view->findChildren<LegendLabel *>()) {
            const QString where = QStringLiteral("%1 legend %2 x %3, needs %4")
                                      .arg(view->metaObject()->className())
                                      .arg(legend->width())
                                      .arg(legend->height())
                                      .arg(legend->heightForWidth(legend->width()));
            QVERIFY2(legend->height() >= legend->heightForWidth(legend->width()),
                     qPrintable(where));
            QVERIFY2(legend->width() >= legend->minimumSizeHint().width(), qPrintable(where));
            // Below the plot, not over it, as when a row is lower than its views need.
            const QCustomPlot *plot = view->findChild<QCustomPlot *>();
            QVERIFY(plot);
            QVERIFY2(legend->geometry().top() > plot->geometry().bottom(), qPrintable(where));
            QVERIFY2(legend->geometry().bottom() < view->height(), qPrintable(where));
        }
    }
    // The titles are as wide as their plots at most, since QCustomPlot clips a longer one.
    for (QCustomPlot *plot : plots()) {
        for (QCPTextElement *title : titles(plot)) {
            const int needed = QFontMetrics(title->font()).horizontalAdvance(title->text());
            QVERIFY2(needed <= plot->width(),
                     qPrintable(QStringLiteral("%1: %2 in %3")
                                    .arg(title->text())
                                    .arg(needed)
                                    .arg(plot->width())));
        }
    }
}

void PresentationTest::legendWrapsLongEntries()
{
    QCustomPlot plot;
    LegendLabel legend(&plot, nullptr);
    plot.addGraph()->setName(QStringLiteral("MSE"));
    plot.addGraph()->setName(QStringLiteral("Huber · Gradient descent, lr 0.1: y = 0 x + 0"));
    // The label is never shown and gets no resize event, so refresh() sets its text.
    legend.resize(2000, 100);
    legend.refresh();
    // Wide: each entry on one line, and lines break only between entries.
    QVERIFY2(!legend.text().contains(QStringLiteral("<br>")), qPrintable(legend.text()));
    QVERIFY2(legend.text().contains(QStringLiteral("Huber&nbsp;·&nbsp;Gradient&nbsp;descent,"
                                                    "&nbsp;lr&nbsp;0.1:&nbsp;y&nbsp;=")),
             qPrintable(legend.text()));
    const int oneLine = legend.heightForWidth(2000);
    // The label needs no more width than its widest word and margins, far less than the entry.
    const QFontMetrics metrics(legend.font());
    const int entryWidth =
        metrics.horizontalAdvance(QStringLiteral("Huber · Gradient descent, lr 0.1: y = 0 x + 0"));
    QVERIFY2(legend.minimumSizeHint().width() < entryWidth / 2,
             qPrintable(QStringLiteral("%1 of %2")
                            .arg(legend.minimumSizeHint().width())
                            .arg(entryWidth)));
    // Narrow: the long entry starts a line, breaks after "·", "," and ":", keeps "lr 0.1" and
    // the formula together, and its lines add height.
    const int narrow = metrics.horizontalAdvance(QStringLiteral("Gradient descent, lr 0.1: ")) +
                       30;
    legend.resize(narrow, 100);
    legend.refresh();
    const QString wrapped = legend.text();
    QVERIFY2(wrapped.contains(QStringLiteral("MSE<br>")), qPrintable(wrapped));
    QVERIFY2(wrapped.contains(QStringLiteral("Huber&nbsp;· Gradient&nbsp;descent, lr&nbsp;0.1: "
                                             "y&nbsp;=&nbsp;0&nbsp;x&nbsp;+&nbsp;0")),
             qPrintable(wrapped));
    QVERIFY2(legend.heightForWidth(narrow) >= 2 * oneLine,
             qPrintable(QStringLiteral("%1 against %2")
                            .arg(legend.heightForWidth(narrow))
                            .arg(oneLine)));
    // Narrower than a phrase: words break too, and the height grows with the lines.
    const int tiny = legend.minimumSizeHint().width();
    QVERIFY(legend.heightForWidth(tiny) > legend.heightForWidth(narrow));
}

// In a low view, a legend of long run names leaves out the phrases its entries share, then all
// but their first phrases, so that it keeps to its share of the view's height. A tall view
// shows the full entries. The tooltip of a shortened legend names the full entries.
void PresentationTest::legendShortensToItsShare()
{
    QWidget view;
    auto *layout = new QVBoxLayout(&view);
    QCustomPlot *plot = new QCustomPlot(&view);
    layout->addWidget(plot, 1);
    auto *legend = new LegendLabel(plot, &view);
    layout->addWidget(legend);
    const QStringList losses = {QStringLiteral("MSE"), QStringLiteral("MAE"),
                                QStringLiteral("Huber"), QStringLiteral("Log-cosh"),
                                QStringLiteral("Tukey biweight")};
    for (const QString &loss : losses) {
        plot->addGraph()->setName(QStringLiteral("%1 · Gradient descent, lr 0.1: y = 0.5 x + %2")
                                      .arg(loss)
                                      .arg(loss.size()));
    }
    const auto plainText = [legend] {
        return QTextDocumentFragment::fromHtml(legend->text())
            .toPlainText()
            .replace(QChar(0x00A0), QLatin1Char(' '))
            .replace(QChar(0x2011), QLatin1Char('-'));
    };
    const int width = 420;
    view.resize(width, 2000);
    legend->resize(width, 100);
    legend->refresh();
    QVERIFY2(!legend->isShortened(), qPrintable(plainText()));
    const QString fullHuber = QStringLiteral("Huber · Gradient descent, lr 0.1: y = 0.5 x + 5");
    QVERIFY2(plainText().contains(fullHuber), qPrintable(plainText()));

    // Low: the shared "Gradient descent," and "lr 0.1:" go, each line's own part stays.
    view.resize(width, 300);
    legend->refresh();
    const int limit = std::max(2 * legend->fontMetrics().lineSpacing() + 2, int(0.15 * 300));
    QVERIFY(legend->isShortened());
    QVERIFY2(!plainText().contains(QStringLiteral("Gradient descent")), qPrintable(plainText()));
    QVERIFY2(plainText().contains(QStringLiteral("Huber · y = 0.5 x + 5")),
             qPrintable(plainText()));
    QVERIFY2(legend->heightForWidth(width) <= limit,
             qPrintable(QStringLiteral("%1 > %2").arg(legend->heightForWidth(width)).arg(limit)));

    // Lower and narrower: the loss names alone.
    const int narrow = 300;
    view.resize(narrow, 100);
    legend->resize(narrow, 100);
    legend->refresh();
    QVERIFY(legend->isShortened());
    for (const QString &loss : losses)
        QVERIFY2(plainText().contains(loss), qPrintable(plainText()));
    QVERIFY2(!plainText().contains(QStringLiteral("y =")), qPrintable(plainText()));
    QVERIFY(legend->heightForWidth(narrow) <= 2 * legend->fontMetrics().lineSpacing() + 2);
}

void PresentationTest::dockWidthRestoredAfterPresentation()
{
    auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("controlsDock"));
    QVERIFY(dock);
    m_window->resize(1280, 720);
    QCoreApplication::processEvents();
    // A width of the user's own as well as the default one.
    for (const int chosen : {0, 380}) {
        if (chosen > 0)
            m_window->resizeDocks({dock}, {chosen}, Qt::Horizontal);
        QCoreApplication::processEvents();
        const int before = dock->width();
        const QSize windowSize = m_window->size();
        m_window->presentationMode()->setActive(true);
        // The dock's width for presentation is set on a later pass of the event loop.
        QTRY_VERIFY2(dock->width() != before, qPrintable(QString::number(before)));
        m_window->presentationMode()->setActive(false);
        QTRY_COMPARE(dock->width(), before);
        QCOMPARE(m_window->size(), windowSize);
        // It stays so once the event loop has run the deferred restore.
        QTest::qWait(100);
        QCOMPARE(dock->width(), before);
    }
}

void PresentationTest::landscapeTallInPresentation()
{
    enterPresentationOnSmallScreen();
    QCustomPlot *plot = m_window->landscapeView()->plot();
    plot->replot();
    // More than a quarter of the screen's height for the heat map itself, the rest for the
    // menu, the bars, the top row of views and the landscape's titles, axes and legend. The
    // top row's legends wrapped to fewer lines and the header rows' normal font make room.
    const QRect map = plot->axisRect()->rect();
    QVERIFY2(map.height() >= 200, qPrintable(QString::number(map.height())));
    QVERIFY2(map.width() >= 300, qPrintable(QString::number(map.width())));
}

// QTEST_MAIN, with a screen of 1280 x 720 for the offscreen platform, the smallest that
// presentation mode fits. The platform's own is 800 x 800.
int main(int argc, char *argv[])
{
    QTemporaryDir folder;
    if (qEnvironmentVariable("QT_QPA_PLATFORM") == QStringLiteral("offscreen") && folder.isValid()) {
        const QString path = folder.filePath(QStringLiteral("offscreen.json"));
        QFile file(path);
        const QByteArray configuration = QByteArrayLiteral(
            R"({"windowFrameMargins": false, "screens": [{"name": "projector", "x": 0, "y": 0,)"
            R"( "width": 1280, "height": 720, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
        if (file.open(QIODevice::WriteOnly) && file.write(configuration) == configuration.size()) {
            file.close();
            qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(path));
        }
    }
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    PresentationTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_presentation.moc"
