#include "ui/controlpanel.h"
#include "ui/defaultdata.h"
#include "ui/listparametereditor.h"
#include "ui/losslisteditor.h"
#include "ui/lossspecentry.h"
#include "ui/parameterslider.h"
#include "ui/residualscaleeditor.h"

#include "core/losscatalogue.h"
#include "core/losses/composite.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
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

    void scaleRowOnlyForRobustLosses_data();
    void scaleRowOnlyForRobustLosses();
    void scaleModeSwitchAndUndo();
    void scaleEstimatedToFixedKeepsEstimate();
    void scaleSliderDragIsOneStep();
    void scaleEstimateDisplayed();
    void scaleEstimateFollowsDataAndParameters();
    void scaleValueBoxTakesWholeRange();
    void scaleSetterRejectsInvalid();
    void compositeAddedByTyping();
    void compositeSlidersChangeLoss();
    void compositeAboutPageNamesPenalty();
    void classificationCompositeAdded();
    void addedLossesGetDistinctColours();
    void invalidSpecShowsErrorInline_data();
    void invalidSpecShowsErrorInline();
    void addedLossRemovedWithDeleteKey();
    void catalogueLossNotRemovable();
    void specEditorReplacesAddedLoss();
    void shortcutFocusesSpecEntry();

private:
    const Loss &currentLoss() const;
    void selectLoss(const QString &name);
    // Replace the text of a box by typing into it, then press Return.
    void enterText(QLineEdit *box, const QString &text);
    void enterText(NumberBox *box, const QString &text);
    void typeText(QWidget *box, const QString &text);
    // Picks a residual scale mode from the open list, as a user would, which emits activated().
    void chooseScaleMode(ResidualScaleEditor::Choice choice);
    void typeSpec(const QString &spec);
    int lossRow(const QString &label) const;

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

void ControlPanelTest::chooseScaleMode(ResidualScaleEditor::Choice choice)
{
    // Chosen in the open list, so no mode in between is applied on the way.
    QComboBox *box = m_panel->residualScaleEditor()->modeBox();
    box->setFocus();
    box->showPopup();
    QAbstractItemView *popup = box->view();
    popup->setCurrentIndex(box->model()->index(int(choice), 0));
    QTest::keyClick(popup, Qt::Key_Return);
    QCOMPARE(box->currentIndex(), int(choice));
}

void ControlPanelTest::typeSpec(const QString &spec)
{
    QLineEdit *entry = m_panel->lossListEditor()->specEntry()->lineEdit();
    entry->setFocus();
    entry->selectAll();
    QTest::keyClick(entry, Qt::Key_Delete);
    QTest::keyClicks(entry, spec);
    QTest::keyClick(entry, Qt::Key_Return);
}

int ControlPanelTest::lossRow(const QString &label) const
{
    const QList<QListWidgetItem *> items = m_panel->lossList()->findItems(label, Qt::MatchExactly);
    return items.size() == 1 ? m_panel->lossList()->row(items.front()) : -1;
}

void ControlPanelTest::scaleRowOnlyForRobustLosses_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("hasScale");
    for (const char *name : {"huber", "smooth_l1", "logcosh", "epsilon_insensitive", "barron",
                             "cauchy", "geman_mcclure", "welsch", "tukey"})
        QTest::newRow(name) << QString::fromLatin1(name) << true;
    for (const char *name : {"mse", "mae", "quantile", "bce", "cross_entropy", "formula"})
        QTest::newRow(name) << QString::fromLatin1(name) << false;
}

void ControlPanelTest::scaleRowOnlyForRobustLosses()
{
    QFETCH(QString, name);
    QFETCH(bool, hasScale);
    selectLoss(name);
    ResidualScaleEditor *editor = m_panel->residualScaleEditor();
    QCOMPARE(editor != nullptr, hasScale);
    if (!editor)
        return;
    QVERIFY(editor->isVisibleTo(m_panel));
    QCOMPARE(editor->choice(), ResidualScaleEditor::Choice::None);
    QCOMPARE(editor->modeBox()->itemText(0), QStringLiteral("None (1)"));
    QCOMPARE(editor->modeBox()->itemText(2), QStringLiteral("Estimated (MAD / 0.6745)"));
    QVERIFY(!editor->valueSlider()->isVisibleTo(m_panel));
    QVERIFY(!editor->estimateLabel()->isVisibleTo(m_panel));
}

void ControlPanelTest::scaleModeSwitchAndUndo()
{
    selectLoss(QStringLiteral("huber"));
    ResidualScaleEditor *editor = m_panel->residualScaleEditor();
    QVERIFY(editor != nullptr);

    // Fixed at the default 1 is the same loss, so only the value box appears.
    chooseScaleMode(ResidualScaleEditor::Choice::Fixed);
    QCOMPARE(editor->choice(), ResidualScaleEditor::Choice::Fixed);
    QVERIFY(editor->valueSlider()->isVisibleTo(m_panel));
    QCOMPARE(m_model->undoStack()->count(), 0);

    enterText(editor->valueSlider()->valueBox(), QStringLiteral("2.5"));
    QCOMPARE(currentLoss().residualScale().mode, ResidualScale::Mode::Fixed);
    QCOMPARE(currentLoss().residualScale().value, 2.5);
    QCOMPARE(currentLoss().spec(), QStringLiteral("huber:delta=1,scale=2.5"));
    QCOMPARE(m_model->undoStack()->count(), 1);

    // Estimated replaces the fixed value by the estimate, which the editor shows instead.
    editor = m_panel->residualScaleEditor();
    chooseScaleMode(ResidualScaleEditor::Choice::Estimated);
    QCOMPARE(currentLoss().spec(), QStringLiteral("huber:delta=1,scale=mad"));
    QCOMPARE(m_model->undoStack()->count(), 2);
    QVERIFY(!editor->valueSlider()->isVisibleTo(m_panel));
    QVERIFY(editor->estimateLabel()->isVisibleTo(m_panel));

    m_model->undoStack()->undo();
    QCOMPARE(currentLoss().spec(), QStringLiteral("huber:delta=1,scale=2.5"));
    QCOMPARE(editor->choice(), ResidualScaleEditor::Choice::Fixed);
    QCOMPARE(editor->valueSlider()->value(), 2.5);
    QVERIFY(editor->valueSlider()->isVisibleTo(m_panel));

    m_model->undoStack()->undo();
    QCOMPARE(currentLoss().spec(), QStringLiteral("huber:delta=1"));
    QCOMPARE(editor->choice(), ResidualScaleEditor::Choice::None);
    QVERIFY(!editor->valueSlider()->isVisibleTo(m_panel));

    m_model->undoStack()->redo();
    m_model->undoStack()->redo();
    QCOMPARE(currentLoss().spec(), QStringLiteral("huber:delta=1,scale=mad"));
    QCOMPARE(editor->choice(), ResidualScaleEditor::Choice::Estimated);

    chooseScaleMode(ResidualScaleEditor::Choice::None);
    QCOMPARE(currentLoss().spec(), QStringLiteral("huber:delta=1"));
    QCOMPARE(m_model->undoStack()->count(), 3);
}

void ControlPanelTest::scaleEstimatedToFixedKeepsEstimate()
{
    selectLoss(QStringLiteral("huber"));
    chooseScaleMode(ResidualScaleEditor::Choice::Estimated);
    const int huber = m_model->state().currentLoss;
    const double estimate = m_model->objective(huber)->loss().residualScale().value;
    QVERIFY(estimate != 1.0);
    // Fixing the scale keeps the estimate, so the curve and the fit stay where they were.
    chooseScaleMode(ResidualScaleEditor::Choice::Fixed);
    QCOMPARE(currentLoss().residualScale().mode, ResidualScale::Mode::Fixed);
    QCOMPARE(currentLoss().residualScale().value, estimate);
    QCOMPARE(m_panel->residualScaleEditor()->valueSlider()->value(), estimate);
}

void ControlPanelTest::scaleSliderDragIsOneStep()
{
    selectLoss(QStringLiteral("welsch"));
    chooseScaleMode(ResidualScaleEditor::Choice::Fixed);
    QSlider *slider = m_panel->residualScaleEditor()->valueSlider()->slider();
    for (const int position : {600, 700, 800})
        slider->setValue(position);
    // 800 of 1000 steps from 0.001 to 1000 is 10^1.8, rounded to 3 significant digits.
    QCOMPARE(currentLoss().residualScale().value, 63.1);
    QCOMPARE(m_model->undoStack()->count(), 1);
    m_model->undoStack()->undo();
    QCOMPARE(currentLoss().spec(), QStringLiteral("welsch:c=1"));
}

void ControlPanelTest::scaleEstimateDisplayed()
{
    selectLoss(QStringLiteral("huber"));
    const int huber = m_model->state().currentLoss;
    chooseScaleMode(ResidualScaleEditor::Choice::Estimated);
    // The session keeps scale=mad unresolved, and the objective's loss carries the estimate.
    QVERIFY(!currentLoss().residualScale().estimated);
    const ResidualScale inUse = m_model->objective(huber)->loss().residualScale();
    QVERIFY(inUse.estimated);
    QVERIFY(inUse.value > 0.0);
    QVERIFY(inUse.value != 1.0);

    const QString shown = m_panel->residualScaleEditor()->estimateLabel()->text();
    QVERIFY2(shown.contains(QStringLiteral("s = %1").arg(QString::number(inUse.value, 'g', 6))),
             qPrintable(shown));
    const QString listed = m_panel->lossList()->item(huber)->text();
    QCOMPARE(listed, m_model->objective(huber)->loss().label());
    const QString shownEstimate = QString::number(inUse.value, 'g', 4);
    QVERIFY2(listed.contains(QStringLiteral("scale=mad=") + shownEstimate), qPrintable(listed));
}

void ControlPanelTest::scaleEstimateFollowsDataAndParameters()
{
    selectLoss(QStringLiteral("huber"));
    const int huber = m_model->state().currentLoss;
    chooseScaleMode(ResidualScaleEditor::Choice::Estimated);
    QLabel *estimate = m_panel->residualScaleEditor()->estimateLabel();
    const double before = m_model->objective(huber)->loss().residualScale().value;

    // A new delta moves the fit, and with it the scale of its residuals.
    m_panel->parameterSlider(QStringLiteral("delta"))->valueBox()->setValue(0.3);
    const double afterDelta = m_model->objective(huber)->loss().residualScale().value;
    QVERIFY(afterDelta != before);
    QVERIFY2(estimate->text().contains(QString::number(afterDelta, 'g', 6)),
             qPrintable(estimate->text()));

    // Doubling every target doubles the residuals of the refitted line, and so the estimate.
    auto doubled = std::make_shared<Dataset>(m_model->data());
    doubled->target *= 2.0;
    m_model->setData(doubled, QStringLiteral("doubled"));
    const double afterData = m_model->objective(huber)->loss().residualScale().value;
    QVERIFY(std::abs(afterData - 2.0 * afterDelta) <= 1e-6 * afterData);
    QVERIFY2(estimate->text().contains(QString::number(afterData, 'g', 6)),
             qPrintable(estimate->text()));
    const QString listed = m_panel->lossList()->item(huber)->text();
    QVERIFY2(listed.contains(QString::number(afterData, 'g', 4)), qPrintable(listed));
}

void ControlPanelTest::scaleValueBoxTakesWholeRange()
{
    selectLoss(QStringLiteral("cauchy"));
    chooseScaleMode(ResidualScaleEditor::Choice::Fixed);
    ParameterSlider *value = m_panel->residualScaleEditor()->valueSlider();
    enterText(value->valueBox(), QStringLiteral("1e-150"));
    QCOMPARE(currentLoss().residualScale().value, 1e-150);
    // Outside the slider's 0.001 to 1000 the slider rests at its end.
    QCOMPARE(value->slider()->value(), value->slider()->minimum());
    enterText(value->valueBox(), QStringLiteral("1e150"));
    QCOMPARE(currentLoss().residualScale().value, 1e150);
    QCOMPARE(value->slider()->value(), value->slider()->maximum());

    enterText(value->valueBox(), QStringLiteral("1e151"));
    QCOMPARE(currentLoss().residualScale().value, 1e150);
    QVERIFY(value->messageLabel()->isVisibleTo(m_panel));
    QVERIFY2(value->messageLabel()->text().contains(QStringLiteral("out of range")),
             qPrintable(value->messageLabel()->text()));
    enterText(value->valueBox(), QStringLiteral("0"));
    QCOMPARE(currentLoss().residualScale().value, 1e150);
}

void ControlPanelTest::scaleSetterRejectsInvalid()
{
    const int mse = m_model->lossIndex(QStringLiteral("mse"));
    const QString mseError =
        m_model->setLossResidualScale(mse, {ResidualScale::Mode::Fixed, 2.0, false});
    QVERIFY2(mseError.contains(QStringLiteral("mse takes no residual scale")),
             qPrintable(mseError));

    const int huber = m_model->lossIndex(QStringLiteral("huber"));
    for (const double value : {0.0, -1.0, 1e-151, 2e150, std::nan(""), HUGE_VAL}) {
        const QString error =
            m_model->setLossResidualScale(huber, {ResidualScale::Mode::Fixed, value, false});
        QVERIFY2(error.startsWith(QStringLiteral("huber: the scale")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("out of range")), qPrintable(error));
    }
    QCOMPARE(m_model->undoStack()->count(), 0);
    QCOMPARE(m_model->lossEntry(huber).loss->spec(), QStringLiteral("huber:delta=1"));
}

void ControlPanelTest::compositeAddedByTyping()
{
    const int countBefore = m_model->lossCount();
    const QString spec = QStringLiteral("0.5*(huber:delta=1) + 0.5*(mae) + l2(0.1)");
    typeSpec(spec);

    QCOMPARE(m_model->lossCount(), countBefore + 1);
    const int added = countBefore;
    const LossEntry &entry = m_model->lossEntry(added);
    QCOMPARE(entry.loss->spec(), canonicalSpec(spec));
    QVERIFY(entry.enabled);
    QVERIFY(entry.removable);
    QCOMPARE(m_model->state().currentLoss, added);
    QCOMPARE(m_model->undoStack()->count(), 1);

    // The list shows it ticked and selected, and the entry box is ready for the next one.
    QListWidget *list = m_panel->lossList();
    QCOMPARE(list->count(), countBefore + 1);
    QCOMPARE(list->currentRow(), added);
    QCOMPARE(list->item(added)->text(), entry.loss->label());
    QCOMPARE(list->item(added)->checkState(), Qt::Checked);
    QVERIFY2(list->item(added)->toolTip().contains(entry.loss->spec()),
             qPrintable(list->item(added)->toolTip()));
    QVERIFY(m_panel->lossListEditor()->specEntry()->lineEdit()->text().isEmpty());
    QVERIFY(m_panel->lossListEditor()->removeButton()->isEnabled());

    // Its spec and its parameters, weight1 .. weight2, l1 and l2, are in view.
    QVERIFY(m_panel->specEditor() != nullptr);
    QCOMPARE(m_panel->specEditor()->lineEdit()->text(), canonicalSpec(spec));
    for (const char *key : {"weight1", "weight2", "l1", "l2"})
        QVERIFY2(m_panel->parameterSlider(QString::fromLatin1(key)) != nullptr, key);
    QCOMPARE(m_panel->parameterSlider(QStringLiteral("l2"))->value(), 0.1);
    QVERIFY(m_panel->residualScaleEditor() == nullptr);

    // One undo removes it.
    m_model->undoStack()->undo();
    QCOMPARE(m_model->lossCount(), countBefore);
    QCOMPARE(list->count(), countBefore);
    QVERIFY(m_model->state().currentLoss < countBefore);
    QVERIFY(m_panel->specEditor() == nullptr);
    m_model->undoStack()->redo();
    QCOMPARE(m_model->lossCount(), countBefore + 1);
    QCOMPARE(m_model->lossEntry(added).loss->spec(), canonicalSpec(spec));
}

void ControlPanelTest::compositeSlidersChangeLoss()
{
    typeSpec(QStringLiteral("0.5*(mse) + 0.5*(mae) + l2(0.1)"));
    const int added = m_model->state().currentLoss;
    enterText(m_panel->parameterSlider(QStringLiteral("weight2"))->valueBox(), QStringLiteral("2"));
    enterText(m_panel->parameterSlider(QStringLiteral("l1"))->valueBox(), QStringLiteral("0.25"));
    const Loss &loss = *m_model->lossEntry(added).loss;
    QCOMPARE(loss.spec(), QStringLiteral("0.5*(mse) + 2*(mae) + l1(0.25) + l2(0.1)"));
    QCOMPARE(loss.weightPenalty().l1, 0.25);
    QCOMPARE(loss.evaluate(3.0, 0.0).value, 0.5 * 9.0 + 2.0 * 3.0);
    // The spec box follows the sliders.
    QCOMPARE(m_panel->specEditor()->lineEdit()->text(), loss.spec());
    // The penalty reaches the objective: at w = 2, l1 |w| + l2 w^2 = 0.5 + 0.4.
    QCOMPARE(m_model->objective(added)->penaltyValue(2.0), 0.25 * 2.0 + 0.1 * 4.0);
    m_model->undoStack()->undo();
    QCOMPARE(m_model->lossEntry(added).loss->weightPenalty().l1, 0.0);
    QCOMPARE(m_panel->parameterSlider(QStringLiteral("l1"))->value(), 0.0);
}

void ControlPanelTest::compositeAboutPageNamesPenalty()
{
    typeSpec(QStringLiteral("0.5*(huber:delta=1) + 0.5*(mae) + l2(0.1)"));
    const QString page = m_panel->infoLabel()->text();
    QVERIFY2(page.contains(QStringLiteral("l1 |w| + l2 w²")), qPrintable(page));
    QVERIFY2(page.contains(QStringLiteral("never on the intercept")), qPrintable(page));
    QVERIFY2(page.contains(QStringLiteral("Huber (delta=1)")), qPrintable(page));
    QVERIFY2(page.contains(QStringLiteral("ρ(e) = |e|")), qPrintable(page));
    QVERIFY2(page.contains(QStringLiteral("l2 = 0.1")), qPrintable(page));
    QVERIFY2(page.contains(QStringLiteral("Convex:</i> yes")), qPrintable(page));

    typeSpec(QStringLiteral("mse + tukey"));
    const QString nonConvex = m_panel->infoLabel()->text();
    QVERIFY2(nonConvex.contains(QStringLiteral("Convex:</i> no")), qPrintable(nonConvex));
}

void ControlPanelTest::classificationCompositeAdded()
{
    typeSpec(QStringLiteral("bce + l2(0.01)"));
    const int added = m_model->state().currentLoss;
    const LossEntry &entry = m_model->lossEntry(added);
    QCOMPARE(entry.loss->kind(), LossKind::Classification);
    QCOMPARE(entry.loss->weightPenalty().l2, 0.01);
    // Stack loss is not 0/1 data, so the loss is drawn but not fitted, and its tooltip explains.
    const QString toolTip = m_panel->lossList()->item(added)->toolTip();
    QVERIFY2(toolTip.contains(QStringLiteral("Needs 0/1 labels")), qPrintable(toolTip));
    QVERIFY(!m_model->objective(added)->isApplicable());
}

void ControlPanelTest::addedLossesGetDistinctColours()
{
    for (int k = 0; k < 9; ++k)
        typeSpec(QStringLiteral("huber:delta=%1").arg(k + 1));
    QSet<QRgb> colours;
    for (int i = 0; i < m_model->lossCount(); ++i)
        colours.insert(m_model->lossEntry(i).colour.rgb());
    QCOMPARE(colours.size(), m_model->lossCount());
}

void ControlPanelTest::invalidSpecShowsErrorInline_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("unknown term") << "0.5*(huber:delta=1) + 0.5*(foo)" << "term 2";
    QTest::newRow("unknown loss") << "foo" << "unknown loss \"foo\"";
    QTest::newRow("delta out of range") << "huber:delta=-1" << "out of range";
    QTest::newRow("unbalanced") << "0.5*(mse + mae" << "unbalanced parentheses";
    QTest::newRow("mad inside composite") << "huber:scale=mad + mae" << "scale=mad";
    QTest::newRow("mixed kinds") << "mse + bce" << "one kind";
    QTest::newRow("bad formula") << "formula:foo(e)" << "foo";
    QTest::newRow("empty") << "" << "empty";
}

void ControlPanelTest::invalidSpecShowsErrorInline()
{
    QFETCH(QString, spec);
    QFETCH(QString, fragment);
    const int countBefore = m_model->lossCount();
    const int currentBefore = m_model->state().currentLoss;
    typeSpec(spec);

    QCOMPARE(m_model->lossCount(), countBefore);
    QCOMPARE(m_panel->lossList()->count(), countBefore);
    QCOMPARE(m_model->state().currentLoss, currentBefore);
    QCOMPARE(m_model->undoStack()->count(), 0);
    LossSpecEntry *entry = m_panel->lossListEditor()->specEntry();
    QCOMPARE(entry->lineEdit()->text(), spec);
    QVERIFY(entry->messageLabel()->isVisibleTo(m_panel));
    QVERIFY2(entry->messageLabel()->text().contains(fragment),
             qPrintable(entry->messageLabel()->text()));

    // Editing the text clears the stale message. A valid spec then goes in.
    QTest::keyClick(entry->lineEdit(), Qt::Key_End);
    QTest::keyClick(entry->lineEdit(), Qt::Key_Space);
    QVERIFY(!entry->messageLabel()->isVisibleTo(m_panel));
    typeSpec(QStringLiteral("mae + l1(1)"));
    QCOMPARE(m_model->lossCount(), countBefore + 1);
    QVERIFY(!entry->messageLabel()->isVisibleTo(m_panel));
}

void ControlPanelTest::addedLossRemovedWithDeleteKey()
{
    typeSpec(QStringLiteral("0.5*(mse) + 0.5*(mae) + l2(0.1)"));
    typeSpec(QStringLiteral("huber:delta=3"));
    const int countBefore = m_model->lossCount();
    const int composite = countBefore - 2;
    const QColor compositeColour = m_model->lossEntry(composite).colour;
    const QColor huberColour = m_model->lossEntry(composite + 1).colour;
    m_model->setCurrentLoss(composite);

    QListWidget *list = m_panel->lossList();
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Delete);
    QCOMPARE(m_model->lossCount(), countBefore - 1);
    QCOMPARE(list->count(), countBefore - 1);
    // The Huber added after it moved up and kept its colour.
    QCOMPARE(m_model->lossEntry(composite).loss->spec(), QStringLiteral("huber:delta=3"));
    QCOMPARE(m_model->lossEntry(composite).colour, huberColour);
    QCOMPARE(m_model->state().currentLoss, composite - 1);

    m_model->undoStack()->undo();
    QCOMPARE(m_model->lossCount(), countBefore);
    QCOMPARE(m_model->lossEntry(composite).loss->spec(),
             canonicalSpec(QStringLiteral("0.5*(mse) + 0.5*(mae) + l2(0.1)")));
    QCOMPARE(m_model->lossEntry(composite).colour, compositeColour);
    QVERIFY(m_model->lossEntry(composite).enabled);
    QCOMPARE(m_model->state().currentLoss, composite);

    // The button removes the current one too.
    m_model->setCurrentLoss(composite + 1);
    QTest::mouseClick(m_panel->lossListEditor()->removeButton(), Qt::LeftButton);
    QCOMPARE(m_model->lossCount(), countBefore - 1);
    QCOMPARE(m_model->state().currentLoss, composite);
}

void ControlPanelTest::catalogueLossNotRemovable()
{
    const int countBefore = m_model->lossCount();
    selectLoss(QStringLiteral("huber"));
    QVERIFY(!m_panel->lossListEditor()->removeButton()->isEnabled());
    m_panel->lossList()->setFocus();
    QTest::keyClick(m_panel->lossList(), Qt::Key_Delete);
    QCOMPARE(m_model->lossCount(), countBefore);
    QVERIFY(!m_model->removeLoss(m_model->lossIndex(QStringLiteral("mse"))));
    QVERIFY(!m_model->removeLoss(countBefore));
    QCOMPARE(m_model->undoStack()->count(), 0);
}

void ControlPanelTest::specEditorReplacesAddedLoss()
{
    typeSpec(QStringLiteral("0.5*(mse) + 0.5*(mae)"));
    const int added = m_model->state().currentLoss;
    enterText(m_panel->specEditor()->lineEdit(),
              QStringLiteral("0.2*(huber:delta=2) + 0.3*(mae) + 0.5*(mse) + l2(1)"));
    QCOMPARE(m_model->lossEntry(added).loss->spec(),
             QStringLiteral("0.2*(huber:delta=2) + 0.3*(mae) + 0.5*(mse) + l1(0) + l2(1)"));
    // Three terms need a third weight slider.
    QCoreApplication::processEvents();
    QVERIFY(m_panel->parameterSlider(QStringLiteral("weight3")) != nullptr);
    QCOMPARE(m_panel->parameterSlider(QStringLiteral("weight1"))->value(), 0.2);

    // A rejected spec changes nothing, and the reason appears under the box.
    enterText(m_panel->specEditor()->lineEdit(), QStringLiteral("0.2*(huber:delta=0)"));
    QCOMPARE(m_model->undoStack()->count(), 2);
    QVERIFY(m_panel->specEditor()->messageLabel()->isVisibleTo(m_panel));

    m_model->undoStack()->undo();
    QCOMPARE(m_model->lossEntry(added).loss->spec(),
             canonicalSpec(QStringLiteral("0.5*(mse) + 0.5*(mae)")));
    QVERIFY(m_panel->parameterSlider(QStringLiteral("weight3")) == nullptr);
    QCOMPARE(m_panel->specEditor()->lineEdit()->text(), m_model->lossEntry(added).loss->spec());
}

void ControlPanelTest::shortcutFocusesSpecEntry()
{
    m_panel->lossList()->setFocus();
    QTest::keyClick(m_panel->lossList(), Qt::Key_L, Qt::ControlModifier);
    QVERIFY(m_panel->lossListEditor()->specEntry()->lineEdit()->hasFocus());
}

QTEST_MAIN(ControlPanelTest)
#include "tst_controlpanel.moc"
