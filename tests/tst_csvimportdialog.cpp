// The import dialog of File > Open CSV, offscreen: the preview, the header toggle, several x
// columns, the list of invalid rows with the offer to skip them, a rejected file, and a
// background load of a million rows that is timed, keeps the event loop running and can be
// cancelled without changing the main window's data. With LOSSLENS_IMPORT_GRAB_DIRECTORY set,
// it also saves screenshots of the dialog there.

#include "widgetgrab.h"
#include "core/csvimport.h"
#include "ui/csvimportdialog.h"
#include "ui/mainwindow.h"
#include "ui/slicecontrols.h"
#include "ui/slicewindow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QStringEncoder>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

using namespace losslens;

namespace {

QString dataFile(const QString &name)
{
    return QStringLiteral(LOSSLENS_CSV_TEST_DATA "/") + name;
}

std::unique_ptr<CsvImportDialog> openDialog(const QString &path)
{
    CsvError error;
    std::optional<CsvPreview> preview = readCsvPreview(path, &error);
    if (!preview) {
        qWarning("cannot preview %s: %s", qPrintable(path), qPrintable(error.message));
        return nullptr;
    }
    auto dialog = std::make_unique<CsvImportDialog>(std::move(*preview));
    dialog->show();
    return dialog;
}

QStringList headerLabels(const QTableWidget *table, Qt::Orientation orientation)
{
    QStringList labels;
    const int count = orientation == Qt::Horizontal ? table->columnCount() : table->rowCount();
    for (int k = 0; k < count; ++k) {
        const QTableWidgetItem *item = orientation == Qt::Horizontal
                                           ? table->horizontalHeaderItem(k)
                                           : table->verticalHeaderItem(k);
        labels << (item ? item->text() : QString());
    }
    return labels;
}

QStringList listItems(const QListWidget *list)
{
    QStringList items;
    for (int row = 0; row < list->count(); ++row)
        items << list->item(row)->text();
    return items;
}

// Starts a load and waits until it ends, at most 60 s.
bool loadAndWait(CsvImportDialog &dialog)
{
    QSignalSpy finished(&dialog, &CsvImportDialog::loadFinished);
    dialog.loadButton()->click();
    return finished.wait(60000);
}

void saveGrab(QWidget &widget, const QString &name)
{
    losslens::test::saveGrab(widget, "LOSSLENS_IMPORT_GRAB_DIRECTORY", name);
}

constexpr int largeRowCount = 1000000;

} // namespace

class TestCsvImportDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void previewShowsDetectedFormat();
    void headerToggleRenamesColumns();
    void proposesTargetAndFeature_data();
    void proposesTargetAndFeature();
    void oneFeatureGivesDataset();
    void severalFeaturesGiveModelData();
    void invalidRowsListedAndSkipped();
    void rejectedFileKeepsDialogOpen();
    void unclosedQuoteRowMatchesMessage();
    void sharedHeaderNamesNumbered();
    void largeFileLoadsInBackground();
    void cancelledLoadChangesNothing();
    void mainWindowSendsSeveralFeaturesToSlices();
    void utf16FileImported();
    void notTextFileChangesNothing();

private:
    QTemporaryDir m_directory;
    QString m_largePath;
};

void TestCsvImportDialog::initTestCase()
{
    QVERIFY(m_directory.isValid());
    // Rows "i,0.5i+3" for i = 0 .. 999999, about 20 MB.
    m_largePath = m_directory.filePath(QStringLiteral("large.csv"));
    QFile file(m_largePath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray text("x,y\n");
    text.reserve(24 * largeRowCount);
    for (int i = 0; i < largeRowCount; ++i)
        text += QByteArray::number(i) + ',' + QByteArray::number(0.5 * i + 3, 'g', 17) + '\n';
    QCOMPARE(file.write(text), text.size());
}

void TestCsvImportDialog::previewShowsDetectedFormat()
{
    const auto dialog = openDialog(dataFile(QStringLiteral("semicolon_decimal_comma.csv")));
    QVERIFY(dialog);
    QCOMPARE(dialog->delimiterBox()->currentData().toInt(), int(';'));
    QVERIFY(dialog->decimalCommaBox()->isChecked());
    QVERIFY(dialog->headerBox()->isChecked());
    const QTableWidget *preview = dialog->previewTable();
    QCOMPARE(headerLabels(preview, Qt::Horizontal), QStringList({"hours", "score"}));
    // Row labels are the file's line numbers.
    QCOMPARE(headerLabels(preview, Qt::Vertical), QStringList({"2", "3", "4"}));
    QCOMPARE(preview->item(0, 0)->text(), QStringLiteral("1,5"));
    QCOMPARE(preview->item(2, 1)->text(), QStringLiteral("1e3"));
    QCOMPARE(dialog->targetColumn(), QStringLiteral("score"));
    QCOMPARE(dialog->featureColumns(), QStringList{QStringLiteral("hours")});
    QVERIFY(dialog->loadButton()->isEnabled());
    saveGrab(*dialog, QStringLiteral("import-preview.png"));

    // Another separator splits the rows differently, at once.
    dialog->delimiterBox()->setCurrentIndex(dialog->delimiterBox()->findData(int(',')));
    QVERIFY(!dialog->decimalCommaBox()->isChecked());
    QVERIFY(!dialog->decimalCommaBox()->isEnabled());
    // The header has no comma, so it becomes one column, which cannot give both x and y.
    QCOMPARE(preview->columnCount(), 1);
    QCOMPARE(preview->item(0, 0)->text(), QStringLiteral("1"));
    QVERIFY(!dialog->loadButton()->isEnabled());
}

void TestCsvImportDialog::headerToggleRenamesColumns()
{
    const auto dialog = openDialog(dataFile(QStringLiteral("no_header.csv")));
    QVERIFY(dialog);
    QVERIFY(!dialog->headerBox()->isChecked());
    const QTableWidget *preview = dialog->previewTable();
    QCOMPARE(headerLabels(preview, Qt::Horizontal),
             QStringList({"column 1", "column 2", "column 3"}));
    QCOMPARE(preview->rowCount(), 3);
    QCOMPARE(dialog->targetColumn(), QStringLiteral("column 3"));
    QCOMPARE(listItems(dialog->featureList()), QStringList({"column 1", "column 2"}));

    dialog->headerBox()->setChecked(true);
    QCOMPARE(headerLabels(preview, Qt::Horizontal), QStringList({"1", "10", "100"}));
    QCOMPARE(preview->rowCount(), 2);
    QCOMPARE(headerLabels(preview, Qt::Vertical), QStringList({"2", "3"}));
    QCOMPARE(dialog->targetColumn(), QStringLiteral("100"));
    QCOMPARE(dialog->featureColumns(), QStringList{QStringLiteral("1")});

    dialog->headerBox()->setChecked(false);
    QCOMPARE(preview->rowCount(), 3);
    QCOMPARE(dialog->featureColumns(), QStringList{QStringLiteral("column 1")});
}

void TestCsvImportDialog::proposesTargetAndFeature_data()
{
    QTest::addColumn<QString>("fileName");
    // The file's text, or empty for a bundled data set.
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("feature");

    // The bundled data sets, with the columns that the main window's example menu uses for y.
    // Stack loss keeps its target in the first column, named as the file.
    const QString bundled = QStringLiteral(LOSSLENS_CSV_TEST_DATA "/../../../resources/data/");
    QTest::newRow("stack loss") << bundled + QStringLiteral("stackloss.csv") << QByteArray()
                                << "STACKLOSS" << "AIRFLOW";
    QTest::newRow("Engel") << bundled + QStringLiteral("engel.csv") << QByteArray() << "foodexp"
                           << "income";
    QTest::newRow("stars") << bundled + QStringLiteral("starscyg.csv") << QByteArray()
                           << "log.light" << "log.Te";
    QTest::newRow("breast cancer") << bundled + QStringLiteral("breastcancer.csv") << QByteArray()
                                   << "benign" << "mean_radius";
    QTest::newRow("iris") << bundled + QStringLiteral("iris.csv") << QByteArray() << "species"
                          << "sepal_length_cm";

    QTest::newRow("named target first")
        << "plant.csv" << QByteArray("Target,a,b\n1,2,3\n4,5,7\n") << "Target" << "a";
    QTest::newRow("file name with other spelling")
        << "stack-loss.csv" << QByteArray("air,Stack_Loss,water\n1,2,3\n4,5,7\n")
        << "Stack_Loss" << "air";
    QTest::newRow("text columns passed over")
        << "people.csv" << QByteArray("name,age,weight,town\nAnn,30,60,Rome\nBo,40,80,Oslo\n")
        << "weight" << "age";
    QTest::newRow("text label passed over")
        << "flowers.csv" << QByteArray("length,width,label\n1,2,rose\n3,4,iris\n") << "width"
        << "length";
    // One bad cell leaves a column of numbers; the load lists its row.
    QTest::newRow("stray bad cell")
        << "bad.csv" << QByteArray("y,x\n1,2\nabc,3\n4,5\n") << "y" << "x";
    // A text column is never proposed as x, so these tick none.
    QTest::newRow("no numbers") << "words.csv" << QByteArray("a,b\nc,d\n") << "b" << "";
    QTest::newRow("one number column")
        << "scores.csv" << QByteArray("name,score\nann,2\nbob,3\n") << "score" << "";
}

void TestCsvImportDialog::proposesTargetAndFeature()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, text);
    QFETCH(QString, target);
    QFETCH(QString, feature);
    QString path = fileName;
    if (!text.isEmpty()) {
        path = m_directory.filePath(fileName);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(text), text.size());
    }
    const auto dialog = openDialog(path);
    QVERIFY(dialog);
    QCOMPARE(dialog->targetColumn(), target);
    QCOMPARE(dialog->featureColumns(), feature.isEmpty() ? QStringList() : QStringList{feature});
    QVERIFY(!listItems(dialog->featureList()).contains(target));
}

void TestCsvImportDialog::oneFeatureGivesDataset()
{
    const auto dialog = openDialog(dataFile(QStringLiteral("quoted.csv")));
    QVERIFY(dialog);
    QVERIFY(!dialog->severalFeaturesNote()->isVisible());
    QVERIFY(loadAndWait(*dialog));
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QVERIFY(dialog->dataset());
    QVERIFY(!dialog->multiFeatureData());
    QCOMPARE(dialog->dataset()->featureName, QStringLiteral("air, flow"));
    QCOMPARE(dialog->dataset()->targetName, QStringLiteral("loss \"%\""));
    QCOMPARE(dialog->dataset()->size(), Eigen::Index(3));
    QCOMPARE(dialog->dataset()->feature[2], 62.0);
}

void TestCsvImportDialog::severalFeaturesGiveModelData()
{
    const auto dialog = openDialog(dataFile(QStringLiteral("no_header.csv")));
    QVERIFY(dialog);
    dialog->setColumns({QStringLiteral("column 1"), QStringLiteral("column 2")},
                       QStringLiteral("column 3"));
    QCOMPARE(dialog->featureColumns(), QStringList({"column 1", "column 2"}));
    QVERIFY(dialog->severalFeaturesNote()->isVisible());
    QVERIFY(dialog->severalFeaturesNote()->text().contains(QStringLiteral("Model slices")));
    QVERIFY(loadAndWait(*dialog));
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QVERIFY(!dialog->dataset());
    const std::shared_ptr<const MultiFeatureData> data = dialog->multiFeatureData();
    QVERIFY(data);
    QCOMPARE(data->featureCount(), Eigen::Index(2));
    QCOMPARE(data->size(), Eigen::Index(3));
    QCOMPARE(data->features(1, 0), 2.0);
    QCOMPARE(data->features(2, 1), 30.0);
    QCOMPARE(data->target[1], 210.0);
}

void TestCsvImportDialog::invalidRowsListedAndSkipped()
{
    const auto dialog = openDialog(dataFile(QStringLiteral("non_numeric.csv")));
    QVERIFY(dialog);
    QVERIFY(loadAndWait(*dialog));
    // The dialog stays open with the rows listed and the offer to skip them.
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->dataset());
    const QTableWidget *problems = dialog->problemTable();
    QVERIFY(problems->isVisible());
    QCOMPARE(problems->rowCount(), 2);
    const QStringList first{problems->item(0, 0)->text(), problems->item(0, 1)->text(),
                            problems->item(0, 2)->text()};
    QCOMPARE(first, QStringList({"3", "column \"y\"", "abc"}));
    const QStringList second{problems->item(1, 0)->text(), problems->item(1, 1)->text(),
                             problems->item(1, 2)->text()};
    QCOMPARE(second, QStringList({"4", "column \"x\"", "n/a"}));
    QVERIFY2(dialog->messageLabel()->text().contains(QStringLiteral("2 of 5 data rows")),
             qPrintable(dialog->messageLabel()->text()));
    QVERIFY2(dialog->messageLabel()->text().contains(QStringLiteral("other 3 rows")),
             qPrintable(dialog->messageLabel()->text()));
    QVERIFY(dialog->skipButton()->isVisible());
    QCOMPARE(dialog->skipButton()->text().remove(QLatin1Char('&')),
             QStringLiteral("Skip 2 rows and load"));
    saveGrab(*dialog, QStringLiteral("import-problems.png"));

    dialog->skipButton()->click();
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QVERIFY(dialog->dataset());
    QCOMPARE(dialog->dataset()->size(), Eigen::Index(3));
    QCOMPARE(dialog->skippedRowCount(), qsizetype(2));
    QCOMPARE(dialog->dataset()->feature[1], 7.0);
}

void TestCsvImportDialog::rejectedFileKeepsDialogOpen()
{
    const QString path = m_directory.filePath(QStringLiteral("quote.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("x,y\n1,2\n3,\"4\n5,6\n");
    file.close();
    const auto dialog = openDialog(path);
    QVERIFY(dialog);
    QVERIFY(loadAndWait(*dialog));
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->dataset());
    const QString message = dialog->messageLabel()->text();
    QVERIFY2(message.contains(QStringLiteral("quote.csv, line 3, column \"y\"")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("never closed")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("unchanged")), qPrintable(message));
    QVERIFY(!dialog->skipButton()->isVisible());
    QVERIFY(dialog->loadButton()->isEnabled());
}

void TestCsvImportDialog::unclosedQuoteRowMatchesMessage()
{
    // The quote opens on line 3 and runs to the end of line 4, the last of the file.
    const auto dialog = openDialog(dataFile(QStringLiteral("unclosed_quote.csv")));
    QVERIFY(dialog);
    const QStringList rows = headerLabels(dialog->previewTable(), Qt::Vertical);
    QCOMPARE(rows, (QStringList{QStringLiteral("2"), QStringLiteral("3–4")}));
    QVERIFY(loadAndWait(*dialog));
    const QString message = dialog->messageLabel()->text();
    QVERIFY2(message.contains(QStringLiteral("unclosed_quote.csv, line 3, column \"y\"")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("never closed")), qPrintable(message));
}

void TestCsvImportDialog::sharedHeaderNamesNumbered()
{
    // Columns 1 and 2 are both named x. Each is offered with its number, and the chosen one is
    // read.
    const auto dialog = openDialog(dataFile(QStringLiteral("duplicate_header.csv")));
    QVERIFY(dialog);
    const QStringList columns{QStringLiteral("x (column 1)"), QStringLiteral("x (column 2)"),
                              QStringLiteral("y")};
    QCOMPARE(headerLabels(dialog->previewTable(), Qt::Horizontal), columns);
    QCOMPARE(dialog->targetColumn(), QStringLiteral("y"));
    QCOMPARE(listItems(dialog->featureList()), columns.mid(0, 2));
    dialog->setColumns({QStringLiteral("x (column 2)")}, QStringLiteral("y"));
    QCOMPARE(dialog->featureColumns(), QStringList{QStringLiteral("x (column 2)")});
    QVERIFY(loadAndWait(*dialog));
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QVERIFY(dialog->dataset());
    QCOMPARE(dialog->dataset()->featureName, QStringLiteral("x (column 2)"));
    QCOMPARE(dialog->dataset()->feature[0], 10.0);
    QCOMPARE(dialog->dataset()->feature[2], 30.0);
}

void TestCsvImportDialog::largeFileLoadsInBackground()
{
    const auto dialog = openDialog(m_largePath);
    QVERIFY(dialog);
    QCOMPARE(dialog->featureColumns(), QStringList{QStringLiteral("x")});
    // A timer on the window's thread keeps firing while the worker reads.
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start(5);
    QSignalSpy progress(dialog->progressBar(), &QProgressBar::valueChanged);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(loadAndWait(*dialog));
    const qint64 elapsed = timer.elapsed();
    ticker.stop();
    qInfo("loaded %d rows of 2 columns in %lld ms; %d timer ticks of 5 ms meanwhile",
          largeRowCount, elapsed, ticks);
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QCOMPARE(dialog->dataset()->size(), Eigen::Index(largeRowCount));
    QCOMPARE(dialog->dataset()->target[largeRowCount - 1], 0.5 * (largeRowCount - 1) + 3);
    QVERIFY2(progress.count() >= 5, qPrintable(QString::number(progress.count())));
    QVERIFY2(ticks >= 5, qPrintable(QString::number(ticks)));
}

void TestCsvImportDialog::cancelledLoadChangesNothing()
{
    MainWindow window;
    window.show();
    const auto before = window.model()->state().data;
    const int undoCount = window.model()->undoStack()->count();
    bool sawLoading = false;
    QString message;
    // importCsv() runs the dialog's own event loop, so the steps run from a timer inside it.
    QTimer::singleShot(0, &window, [&] {
        auto *dialog = window.findChild<CsvImportDialog *>();
        if (!dialog)
            return;
        QSignalSpy finished(dialog, &CsvImportDialog::loadFinished);
        dialog->startLoad();
        sawLoading = dialog->isLoading();
        // Escape or Cancel while loading cancels the load and keeps the dialog open.
        dialog->reject();
        if (!finished.wait(60000))
            return;
        message = dialog->messageLabel()->text();
        if (dialog->isVisible())
            dialog->reject();
    });
    window.importCsv(m_largePath);
    QVERIFY(sawLoading);
    QVERIFY2(message.contains(QStringLiteral("cancelled")), qPrintable(message));
    QCOMPARE(window.model()->state().data, before);
    QCOMPARE(window.model()->undoStack()->count(), undoCount);
}

void TestCsvImportDialog::mainWindowSendsSeveralFeaturesToSlices()
{
    MainWindow window;
    window.show();
    const auto before = window.model()->state().data;
    QTimer::singleShot(0, &window, [&] {
        auto *dialog = window.findChild<CsvImportDialog *>();
        if (!dialog)
            return;
        // Closes the dialog if the load never accepts it, so that the test fails, not hangs.
        QTimer::singleShot(30000, dialog, &CsvImportDialog::reject);
        dialog->setColumns({QStringLiteral("column 1"), QStringLiteral("column 2")},
                           QStringLiteral("column 3"));
        dialog->startLoad();
    });
    window.importCsv(dataFile(QStringLiteral("no_header.csv")));
    QCOMPARE(window.model()->state().data, before);
    SliceWindow *slices = window.sliceWindow();
    QVERIFY(slices);
    QVERIFY(slices->isVisible());
    QCOMPARE(slices->controls()->targetColumn(), QStringLiteral("column 3"));
    QCOMPARE(slices->controls()->featureColumns(), QStringList({"column 1", "column 2"}));
    QVERIFY2(slices->message().isEmpty(), qPrintable(slices->message()));
    QTRY_VERIFY_WITH_TIMEOUT(slices->objective() != nullptr, 10000);
    QCOMPARE(slices->objective()->data().size(), Eigen::Index(3));
}

void TestCsvImportDialog::utf16FileImported()
{
    // A spreadsheet's "Unicode text" export: UTF-16 LE with a byte-order mark, tab-separated.
    const QString path = m_directory.filePath(QStringLiteral("unicode.txt"));
    QFile file(path);
    QStringEncoder encoder(QStringConverter::Utf16LE);
    const QByteArray bytes =
        QByteArray("\xFF\xFE") +
        QByteArray(encoder.encode(QStringLiteral("größe\tmasse\r\n1\t2\r\n2\t4.5\r\n3\t5.5\r\n")));
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size());
    file.close();

    const auto dialog = openDialog(path);
    QVERIFY(dialog);
    QCOMPARE(dialog->delimiterBox()->currentData().toInt(), int('\t'));
    QCOMPARE(headerLabels(dialog->previewTable(), Qt::Horizontal),
             QStringList({QStringLiteral("größe"), QStringLiteral("masse")}));
    QVERIFY(loadAndWait(*dialog));
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QVERIFY(dialog->dataset());
    QCOMPARE(dialog->dataset()->featureName, QStringLiteral("größe"));
    QCOMPARE(dialog->dataset()->target[1], 4.5);
}

void TestCsvImportDialog::notTextFileChangesNothing()
{
    // The start of a PNG image, named as a CSV file.
    const QString path = m_directory.filePath(QStringLiteral("image.csv"));
    QFile file(path);
    const QByteArray bytes("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR", 16);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size());
    file.close();

    MainWindow window;
    window.show();
    const auto before = window.model()->state().data;
    const int undoCount = window.model()->undoStack()->count();
    QString message;
    bool dialogOpened = false;
    QTimer::singleShot(0, &window, [&] {
        dialogOpened = window.findChild<CsvImportDialog *>() != nullptr;
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            message = box->text();
            box->reject();
        }
    });
    window.importCsv(path);
    QVERIFY(!dialogOpened);
    QVERIFY2(message.contains(QStringLiteral(
                 "image.csv is not a text file: it has the control byte 0x1A at byte offset 6 "
                 "(line 2)")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("The current data is unchanged.")),
             qPrintable(message));
    QCOMPARE(window.model()->state().data, before);
    QCOMPARE(window.model()->undoStack()->count(), undoCount);
}

QTEST_MAIN(TestCsvImportDialog)
#include "tst_csvimportdialog.moc"
