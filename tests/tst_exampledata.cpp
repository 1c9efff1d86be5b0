#include "core/csvreader.h"
#include "ui/controlpanel.h"
#include "ui/defaultdata.h"
#include "ui/mainwindow.h"

#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTest>

using namespace losslens;

// The bundled data sets read through the app's CSV reader from the compiled-in resources, and
// the File > Open example data menu that offers them.
class TestExampleData : public QObject
{
    Q_OBJECT

private slots:
    void bundledTable_data();
    void bundledTable();
    void defaultColumnsLoad();
    void classificationLabels();
    void menuOpensEachExample();
};

void TestExampleData::bundledTable_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QStringList>("header");

    QStringList cancer;
    for (const char *prefix : {"mean_", "", "worst_"}) {
        for (const char *feature :
             {"radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
              "concave_points", "symmetry", "fractal_dimension"}) {
            // scikit-learn names the middle ten "radius error" and so on.
            cancer << (*prefix ? QLatin1String(prefix) + QLatin1String(feature)
                               : QLatin1String(feature) + QLatin1String("_error"));
        }
    }
    cancer << QStringLiteral("benign");

    QTest::newRow("stack loss") << ":/data/stackloss.csv" << 21
                                << QStringList{"STACKLOSS", "AIRFLOW", "WATERTEMP", "ACIDCONC"};
    QTest::newRow("Engel") << ":/data/engel.csv" << 235 << QStringList{"income", "foodexp"};
    QTest::newRow("CYG OB1") << ":/data/starscyg.csv" << 47 << QStringList{"log.Te", "log.light"};
    QTest::newRow("breast cancer") << ":/data/breastcancer.csv" << 569 << cancer;
    QTest::newRow("iris") << ":/data/iris.csv" << 150
                          << QStringList{"sepal_length_cm", "sepal_width_cm", "petal_length_cm",
                                         "petal_width_cm", "species"};
}

void TestExampleData::bundledTable()
{
    QFETCH(QString, path);
    QFETCH(int, rows);
    QFETCH(QStringList, header);

    // The catalogue's loader registers the resources, which live in the ui library.
    CsvError error;
    QVERIFY(loadExampleDataset(exampleDatasets().front(), &error).has_value());
    const auto table = readCsvFile(path, &error);
    QVERIFY2(table.has_value(), qPrintable(error.message));
    QCOMPARE(table->header, header);
    QCOMPARE(static_cast<int>(table->rows.size()), rows);
    // Every column reads as finite numbers, as the data view and the fit need.
    for (const QString &column : header) {
        // A column cannot be both feature and target, so the first is read against the second.
        const QString feature = column == header.front() ? header.at(1) : header.front();
        const auto data = datasetFromTable(*table, feature, column, path, &error);
        QVERIFY2(data.has_value(), qPrintable(column + QStringLiteral(": ") + error.message));
        QCOMPARE(data->size(), Eigen::Index(rows));
    }
}

void TestExampleData::defaultColumnsLoad()
{
    const std::vector<ExampleDataset> &examples = exampleDatasets();
    QCOMPARE(static_cast<int>(examples.size()), 5);
    const int rows[] = {21, 235, 47, 569, 150};
    for (std::size_t i = 0; i < examples.size(); ++i) {
        CsvError error;
        const auto data = loadExampleDataset(examples[i], &error);
        QVERIFY2(data.has_value(),
                 qPrintable(examples[i].title + QStringLiteral(": ") + error.message));
        QCOMPARE(data->size(), Eigen::Index(rows[i]));
        QCOMPARE(data->featureName, examples[i].featureColumn);
        QCOMPARE(data->targetName, examples[i].targetColumn);
        QVERIFY2(lineFitProblem(*data).isEmpty(), qPrintable(examples[i].title));
    }
}

void TestExampleData::classificationLabels()
{
    CsvError error;
    const auto cancer = loadExampleDataset(exampleDatasets()[3], &error);
    QVERIFY(cancer.has_value());
    QVERIFY(cancer->hasBinaryLabels());
    // scikit-learn's class distribution: 212 malignant (0), 357 benign (1).
    QCOMPARE(static_cast<int>((cancer->target.array() == 1.0).count()), 357);

    const auto iris = loadExampleDataset(exampleDatasets()[4], &error);
    QVERIFY(iris.has_value());
    QVERIFY(!iris->hasBinaryLabels());
    for (const double label : {0.0, 1.0, 2.0})
        QCOMPARE(static_cast<int>((iris->target.array() == label).count()), 50);
}

void TestExampleData::menuOpensEachExample()
{
    MainWindow window;
    QMenu *examples = nullptr;
    for (QMenu *menu : window.menuBar()->findChildren<QMenu *>()) {
        if (menu->title() == QLatin1String("Open e&xample data"))
            examples = menu;
    }
    QVERIFY(examples != nullptr);
    const QList<QAction *> actions = examples->actions();
    QCOMPARE(actions.size(), static_cast<qsizetype>(exampleDatasets().size()));
    for (qsizetype i = 0; i < actions.size(); ++i) {
        QCOMPARE(actions[i]->text(), exampleDatasets()[i].title);
        actions[i]->trigger();
        QCOMPARE(window.model()->data().source, exampleDatasets()[i].resourcePath);
        QCOMPARE(window.model()->data().targetName, exampleDatasets()[i].targetColumn);
        // The data panel names the data set.
        const QString expected = QStringLiteral("bundled: ") + exampleDatasets()[i].name;
        bool named = false;
        for (const QLabel *label : window.controlPanel()->findChildren<QLabel *>())
            named = named || label->text().startsWith(expected);
        QVERIFY2(named, qPrintable(expected));
    }
    // Each opening is one undo step back to the previous data.
    window.model()->undoStack()->undo();
    QCOMPARE(window.model()->data().source, exampleDatasets()[3].resourcePath);
}

QTEST_MAIN(TestExampleData)
#include "tst_exampledata.moc"
