#include "ui/controlpanel.h"
#include "ui/defaultdata.h"
#include "ui/listparametereditor.h"
#include "ui/parameterslider.h"

#include "core/losscatalogue.h"

#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QtTest>

#include <cmath>
#include <limits>

// Drives the control dock's parameter editors with key presses, as a user would, and checks
// the session model behind them.
using namespace losslens;

namespace {

constexpr double minusInfinity = -std::numeric_limits<double>::infinity();

// The canonical spec of a loss written as text, so expectations follow the catalogue's format.
QString canonicalSpec(const QString &spec)
{
    QString error;
    const std::unique_ptr<Loss> loss = LossCatalogue::parse(spec, &error);
    return loss ? loss->spec() : error;
}

} // namespace

class ControlPanelTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void weightsEditAppliesAndUndoes();
    void weightsAcceptSpaceSeparatedItems();
    void weightsApplyOnFocusLoss();
    void moreWeightsPadOthers();
    void fewerWeightsTruncateOthers();
    void invalidWeightsKeepText_data();
    void invalidWeightsKeepText();
    void othersWithWrongCountRejected();
    void rejectedTextSurvivesOtherChange();
    void alphaAcceptsMinusInfinity_data();
    void alphaAcceptsMinusInfinity();
    void alphaMinusInfinityUndoes();
    void alphaSliderLeftEndIsMinusInfinity();
    void alphaBelowSliderRangePinsSlider();
    void invalidValueShowsMessage_data();
    void invalidValueShowsMessage();

private:
    const Loss &currentLoss() const;
    void selectLoss(const QString &name);
    // Replace the text of a box by typing into it, then press Return.
    void enterText(QLineEdit *box, const QString &text);
    void enterText(NumberBox *box, const QString &text);
    void typeText(QWidget *box, const QString &text);

    SessionModel *m_model = nullptr;
    ControlPanel *m_panel = nullptr;
};

void ControlPanelTest::init()
{
    m_model = new SessionModel;
    m_model->resetState(defaultSessionState(std::make_shared<Dataset>(loadDefaultDataset())));
    m_panel = new ControlPanel(m_model);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel));
    m_panel->activateWindow();
}

void ControlPanelTest::cleanup()
{
    delete m_panel;
    m_panel = nullptr;
    delete m_model;
    m_model = nullptr;
}

const Loss &ControlPanelTest::currentLoss() const
{
    return *m_model->lossEntry(m_model->state().currentLoss).loss;
}

void ControlPanelTest::selectLoss(const QString &name)
{
    const int index = m_model->lossIndex(name);
    QVERIFY(index >= 0);
    m_model->setCurrentLoss(index);
    // The layout shows new widgets from a queued call.
    QCoreApplication::processEvents();
}

void ControlPanelTest::enterText(QLineEdit *box, const QString &text)
{
    box->setFocus();
    box->selectAll();
    QTest::keyClick(box, Qt::Key_Delete);
    typeText(box, text);
}

void ControlPanelTest::enterText(NumberBox *box, const QString &text)
{
    box->setFocus();
    box->selectAll();
    QTest::keyClick(box, Qt::Key_Delete);
    typeText(box, text);
}

void ControlPanelTest::typeText(QWidget *box, const QString &text)
{
    for (const QChar character : text) {
        // QTest::keyClicks sends Latin-1 only, so other characters, such as the minus sign
        // U+2212, go as key events that carry their text.
        if (character.unicode() < 0x80)
            QTest::keyClick(box, character.toLatin1());
        else
            QTest::sendKeyEvent(QTest::Click, box, Qt::Key_unknown, QString(character),
                                Qt::NoModifier);
    }
    QTest::keyClick(box, Qt::Key_Return);
}

void ControlPanelTest::weightsEditAppliesAndUndoes()
{
    selectLoss(QStringLiteral("cross_entropy"));
    const QString defaultSpec = currentLoss().spec();
    ListParameterEditor *weights = m_panel->listEditor(QStringLiteral("weights"));
    QVERIFY(weights != nullptr);
    QCOMPARE(weights->lineEdit()->text(), QStringLiteral("1|1|1"));

    enterText(weights->lineEdit(), QStringLiteral("2 | 1 |0.5"));
    QCOMPARE(currentLoss().spec(), canonicalSpec(QStringLiteral("cross_entropy:weights=2|1|0.5")));
    // The box rewrites the entry as the spec does.
    QCOMPARE(weights->lineEdit()->text(), QStringLiteral("2|1|0.5"));
    QVERIFY(!weights->messageLabel()->isVisibleTo(m_panel));
    QCOMPARE(m_model->undoStack()->count(), 1);

    m_model->undoStack()->undo();
    QCOMPARE(currentLoss().spec(), defaultSpec);
    QCOMPARE(weights->lineEdit()->text(), QStringLiteral("1|1|1"));
    m_model->undoStack()->redo();
    QCOMPARE(currentLoss().parameterList(0), (QVector<double>{2.0, 1.0, 0.5}));
    QCOMPARE(weights->lineEdit()->text(), QStringLiteral("2|1|0.5"));
}

void ControlPanelTest::weightsAcceptSpaceSeparatedItems()
{
    selectLoss(QStringLiteral("cross_entropy"));
    ListParameterEditor *weights = m_panel->listEditor(QStringLiteral("weights"));
    enterText(weights->lineEdit(), QStringLiteral(" 3  1.5 0.25 "));
    QCOMPARE(currentLoss().parameterList(0), (QVector<double>{3.0, 1.5, 0.25}));
}

void ControlPanelTest::weightsApplyOnFocusLoss()
{
    selectLoss(QStringLiteral("cross_entropy"));
    ListParameterEditor *weights = m_panel->listEditor(QStringLiteral("weights"));
    weights->lineEdit()->setFocus();
    weights->lineEdit()->selectAll();
    QTest::keyClicks(weights->lineEdit(), QStringLiteral("1|4|1"));
    QCOMPARE(currentLoss().parameterList(0), (QVector<double>{1.0, 1.0, 1.0}));
    m_panel->learningRateSlider()->valueBox()->setFocus();
    QCOMPARE(currentLoss().parameterList(0), (QVector<double>{1.0, 4.0, 1.0}));
}

void ControlPanelTest::moreWeightsPadOthers()
{
    selectLoss(QStringLiteral("cross_entropy"));
    ListParameterEditor *weights = m_panel->listEditor(QStringLiteral("weights"));
    ListParameterEditor *others = m_panel->listEditor(QStringLiteral("others"));
    enterText(weights->lineEdit(), QStringLiteral("1|1|1|2"));
    // Four classes need three other logits. The new one is 0, set in the same undo step.
    QCOMPARE(currentLoss().spec(),
             canonicalSpec(QStringLiteral("cross_entropy:weights=1|1|1|2,others=0|0|0")));
    QCOMPARE(others->lineEdit()->text(), QStringLiteral("0|0|0"));
    QVERIFY(others->messageLabel()->isVisibleTo(m_panel));
    QVERIFY2(others->messageLabel()->text().contains(QStringLiteral("Appended 0 to others")),
             qPrintable(others->messageLabel()->text()));
    QVERIFY(!others->hasError());
    QCOMPARE(m_model->undoStack()->count(), 1);

    m_model->undoStack()->undo();
    QCOMPARE(currentLoss().parameterList(0), (QVector<double>{1.0, 1.0, 1.0}));
    QCOMPARE(currentLoss().parameterList(2), (QVector<double>{0.0, 0.0}));
    QCOMPARE(others->lineEdit()->text(), QStringLiteral("0|0"));
    QVERIFY(!others->messageLabel()->isVisibleTo(m_panel));
}

void ControlPanelTest::fewerWeightsTruncateOthers()
{
    selectLoss(QStringLiteral("cross_entropy"));
    ListParameterEditor *weights = m_panel->listEditor(QStringLiteral("weights"));
    ListParameterEditor *others = m_panel->listEditor(QStringLiteral("others"));
    enterText(others->lineEdit(), QStringLiteral("4|-5"));
    QCOMPARE(currentLoss().parameterList(2), (QVector<double>{4.0, -5.0}));
    enterText(weights->lineEdit(), QStringLiteral("1|3"));
    QCOMPARE(currentLoss().spec(),
             canonicalSpec(QStringLiteral("cross_entropy:weights=1|3,others=4")));
    QVERIFY2(others->messageLabel()->text().contains(QStringLiteral("Dropped -5")),
             qPrintable(others->messageLabel()->text()));
    m_model->undoStack()->undo();
    QCOMPARE(currentLoss().parameterList(2), (QVector<double>{4.0, -5.0}));
}

void ControlPanelTest::invalidWeightsKeepText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("not a number") << "1|abc|1" << "\"abc\"";
    QTest::newRow("empty item") << "1||1" << "Item 2 of weights is empty";
    QTest::newRow("one item") << "1" << "from 2 to 100";
    QTest::newRow("negative item") << "1|-1|1" << "out of range";
    QTest::newRow("empty text") << "" << "weights is empty";
}

void ControlPanelTest::invalidWeightsKeepText()
{
    QFETCH(QString, text);
    QFETCH(QString, fragment);
    selectLoss(QStringLiteral("cross_entropy"));
    const QString before = currentLoss().spec();
    ListParameterEditor *weights = m_panel->listEditor(QStringLiteral("weights"));
    enterText(weights->lineEdit(), text);
    QCOMPARE(currentLoss().spec(), before);
    QCOMPARE(m_model->undoStack()->count(), 0);
    QCOMPARE(weights->lineEdit()->text(), text);
    QVERIFY(weights->hasError());
    QVERIFY(weights->messageLabel()->isVisibleTo(m_panel));
    QVERIFY2(weights->messageLabel()->text().contains(fragment),
             qPrintable(weights->messageLabel()->text()));
}

void ControlPanelTest::othersWithWrongCountRejected()
{
    selectLoss(QStringLiteral("cross_entropy"));
    const QString before = currentLoss().spec();
    ListParameterEditor *others = m_panel->listEditor(QStringLiteral("others"));
    enterText(others->lineEdit(), QStringLiteral("1|2|3"));
    QCOMPARE(currentLoss().spec(), before);
    QCOMPARE(others->lineEdit()->text(), QStringLiteral("1|2|3"));
    QVERIFY2(others->messageLabel()->text().contains(QStringLiteral("exactly 2")),
             qPrintable(others->messageLabel()->text()));
}

void ControlPanelTest::rejectedTextSurvivesOtherChange()
{
    selectLoss(QStringLiteral("cross_entropy"));
    ListParameterEditor *weights = m_panel->listEditor(QStringLiteral("weights"));
    enterText(weights->lineEdit(), QStringLiteral("1|x"));
    QVERIFY(weights->hasError());
    // Smoothing changes the loss but not its weights, so the entry stays for correction.
    m_panel->parameterSlider(QStringLiteral("smoothing"))->valueBox()->setValue(0.2);
    QCOMPARE(currentLoss().parameterValue(1), 0.2);
    QCOMPARE(weights->lineEdit()->text(), QStringLiteral("1|x"));
    QVERIFY(weights->messageLabel()->isVisibleTo(m_panel));
}

void ControlPanelTest::alphaAcceptsMinusInfinity_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("-inf") << "-inf";
    QTest::newRow("-Inf") << "-Inf";
    QTest::newRow("unicode minus") << QStringLiteral("−inf");
    QTest::newRow("-infinity") << "-infinity";
    QTest::newRow("-INFINITY") << "-INFINITY";
}

void ControlPanelTest::alphaAcceptsMinusInfinity()
{
    QFETCH(QString, text);
    selectLoss(QStringLiteral("barron"));
    ParameterSlider *alpha = m_panel->parameterSlider(QStringLiteral("alpha"));
    QVERIFY(alpha != nullptr);
    enterText(alpha->valueBox(), text);
    QCOMPARE(currentLoss().parameterValue(0), minusInfinity);
    QVERIFY2(currentLoss().spec().contains(QStringLiteral("alpha=-inf")),
             qPrintable(currentLoss().spec()));
    QCOMPARE(currentLoss().spec(), canonicalSpec(QStringLiteral("barron:alpha=-inf")));
    QCOMPARE(alpha->valueBox()->text(), QStringLiteral("-inf"));
    QCOMPARE(alpha->slider()->value(), alpha->slider()->minimum());
    QVERIFY(!alpha->messageLabel()->isVisibleTo(m_panel));
}

void ControlPanelTest::alphaMinusInfinityUndoes()
{
    selectLoss(QStringLiteral("barron"));
    ParameterSlider *alpha = m_panel->parameterSlider(QStringLiteral("alpha"));
    enterText(alpha->valueBox(), QStringLiteral("-inf"));
    QCOMPARE(currentLoss().parameterValue(0), minusInfinity);
    m_model->undoStack()->undo();
    QCOMPARE(currentLoss().parameterValue(0), 1.0);
    QCOMPARE(alpha->valueBox()->text(), QStringLiteral("1"));
    m_model->undoStack()->redo();
    QCOMPARE(alpha->valueBox()->text(), QStringLiteral("-inf"));
    QCOMPARE(alpha->slider()->value(), alpha->slider()->minimum());
}

void ControlPanelTest::alphaSliderLeftEndIsMinusInfinity()
{
    selectLoss(QStringLiteral("barron"));
    QSlider *slider = m_panel->parameterSlider(QStringLiteral("alpha"))->slider();
    slider->setValue(slider->minimum());
    QCOMPARE(currentLoss().parameterValue(0), minusInfinity);
    // The next position is the slider's finite range's start.
    slider->setValue(slider->minimum() + 1);
    QCOMPARE(currentLoss().parameterValue(0), -10.0);
    slider->setValue(slider->maximum());
    QCOMPARE(currentLoss().parameterValue(0), 10.0);
}

void ControlPanelTest::alphaBelowSliderRangePinsSlider()
{
    selectLoss(QStringLiteral("barron"));
    ParameterSlider *alpha = m_panel->parameterSlider(QStringLiteral("alpha"));
    enterText(alpha->valueBox(), QStringLiteral("-25"));
    QCOMPARE(currentLoss().parameterValue(0), -25.0);
    QCOMPARE(alpha->valueBox()->text(), QStringLiteral("-25"));
    // A finite value stops at the first finite position, not at the end that means -inf.
    QCOMPARE(alpha->slider()->value(), alpha->slider()->minimum() + 1);
    enterText(alpha->valueBox(), QStringLiteral("-1e300"));
    QCOMPARE(currentLoss().parameterValue(0), -1e300);
    QCOMPARE(alpha->valueBox()->text(), QStringLiteral("-1e+300"));
}

void ControlPanelTest::invalidValueShowsMessage_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("alpha above maximum") << "alpha" << "11" << "11 is out of range";
    QTest::newRow("alpha plus infinity") << "alpha" << "inf" << "[-inf, 10]";
    QTest::newRow("alpha incomplete") << "alpha" << "2e" << "not a number";
    QTest::newRow("c below minimum") << "c" << "1e-7" << "out of range";
    QTest::newRow("c minus infinity") << "c" << "-inf" << "out of range";
}

void ControlPanelTest::invalidValueShowsMessage()
{
    QFETCH(QString, key);
    QFETCH(QString, text);
    QFETCH(QString, fragment);
    selectLoss(QStringLiteral("barron"));
    const QString before = currentLoss().spec();
    ParameterSlider *slider = m_panel->parameterSlider(key);
    QVERIFY(slider != nullptr);
    enterText(slider->valueBox(), text);
    QCOMPARE(currentLoss().spec(), before);
    QCOMPARE(m_model->undoStack()->count(), 0);
    QVERIFY(slider->messageLabel()->isVisibleTo(m_panel));
    QVERIFY2(slider->messageLabel()->text().contains(fragment),
             qPrintable(slider->messageLabel()->text()));
    QVERIFY2(slider->messageLabel()->text().startsWith(key + QLatin1Char(':')),
             qPrintable(slider->messageLabel()->text()));
}

QTEST_MAIN(ControlPanelTest)
#include "tst_controlpanel.moc"
