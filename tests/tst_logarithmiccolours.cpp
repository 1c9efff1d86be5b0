// The logarithmic colour switch of the heat maps. It is disabled with a note and a reason while
// the mean loss reaches 0 or below, and restored once it is positive. It is always as wide as
// its longer text, so that the note moves nothing in the layout around the box.

#include "core/losscatalogue.h"
#include "ui/landscapeview.h"
#include "ui/mainwindow.h"
#include "ui/plotsupport.h"
#include "ui/sessionmodel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QSplitter>
#include <QtTest>

#include <vector>

using namespace losslens;

namespace {

// The sizes of every splitter of the window, in the order findChildren gives them.
std::vector<QList<int>> splitterSizes(const QWidget &window)
{
    std::vector<QList<int>> sizes;
    for (const QSplitter *splitter : window.findChildren<QSplitter *>())
        sizes.push_back(splitter->sizes());
    return sizes;
}

} // namespace

class TestLogarithmicColours : public QObject
{
    Q_OBJECT

private slots:
    void noteKeepsRowWidth();
    void noteRestoredWhenPositive();
    void fontChangeWidensBox();
    void splittersStayForNegativeLoss();
};

// The row's minimum width is the same with and without the note.
void TestLogarithmicColours::noteKeepsRowWidth()
{
    QWidget row;
    auto *layout = new QHBoxLayout(&row);
    auto *box = new QCheckBox(QStringLiteral("&Logarithmic colours"), &row);
    layout->addWidget(box);
    layout->addWidget(new QCheckBox(QStringLiteral("&Contours"), &row));
    row.show();

    offerLogarithmicColours(box, 0.5);
    const int positiveWidth = row.minimumSizeHint().width();
    offerLogarithmicColours(box, -17.5);
    QVERIFY(!box->isEnabled());
    QVERIFY2(box->text().contains(QStringLiteral("linear")), qPrintable(box->text()));
    QCOMPARE(row.minimumSizeHint().width(), positiveWidth);
    // The box is wide enough for the text it shows.
    QVERIFY(box->minimumWidth() >= box->sizeHint().width());
}

void TestLogarithmicColours::noteRestoredWhenPositive()
{
    QCheckBox box(QStringLiteral("&Logarithmic colours"));
    box.setToolTip(QStringLiteral("Colour the mean loss on a logarithmic scale."));
    box.setChecked(true);
    offerLogarithmicColours(&box, 0.0);
    QVERIFY(!box.isEnabled());
    QVERIFY(box.isChecked());
    QVERIFY2(box.toolTip().contains(QStringLiteral("positive values")), qPrintable(box.toolTip()));
    QVERIFY2(box.toolTip().contains(QStringLiteral("down to 0")), qPrintable(box.toolTip()));

    offerLogarithmicColours(&box, 2.0);
    QVERIFY(box.isEnabled());
    QVERIFY(box.isChecked());
    QCOMPARE(box.text(), QStringLiteral("&Logarithmic colours"));
    QCOMPARE(box.toolTip(), QStringLiteral("Colour the mean loss on a logarithmic scale."));
}

// A larger font, as in presentation mode, reserves a wider box for the note.
void TestLogarithmicColours::fontChangeWidensBox()
{
    QCheckBox box(QStringLiteral("&Logarithmic colours"));
    offerLogarithmicColours(&box, 1.0);
    const int before = box.minimumWidth();
    QFont larger = box.font();
    larger.setPointSizeF(2.0 * larger.pointSizeF());
    box.setFont(larger);
    QVERIFY2(box.minimumWidth() > before,
             qPrintable(QStringLiteral("%1 then %2").arg(before).arg(box.minimumWidth())));
    offerLogarithmicColours(&box, -1.0);
    QVERIFY(box.minimumWidth() >= box.sizeHint().width());
}

// The formula e makes the mean loss negative over the whole landscape. The note on the box must
// not move the splitters of the main window.
void TestLogarithmicColours::splittersStayForNegativeLoss()
{
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCheckBox *box = window.landscapeView()->logarithmicBox();
    QTRY_VERIFY(box->isEnabled());
    QTest::qWait(50);
    const std::vector<QList<int>> before = splitterSizes(window);

    QString error;
    window.model()->setEnabledLosses({LossCatalogue::parse(QStringLiteral("formula:e"), &error)});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QTRY_VERIFY(!box->isEnabled());
    QTest::qWait(50);
    QCOMPARE(splitterSizes(window), before);
}

QTEST_MAIN(TestLogarithmicColours)
#include "tst_logarithmiccolours.moc"
