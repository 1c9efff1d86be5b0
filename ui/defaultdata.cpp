#include "defaultdata.h"

#include <QCoreApplication>
#include <QtGlobal>

static void initializeBundledResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace losslens {

namespace {

// tr() of this file's messages, in the "ExampleDatasets" context of the translation files.
struct ExampleDatasets
{
    Q_DECLARE_TR_FUNCTIONS(ExampleDatasets)
};

} // namespace

const std::vector<ExampleDataset> &exampleDatasets()
{
    static const std::vector<ExampleDataset> examples = {
        {ExampleDatasets::tr("Stack loss (Brownlee): stack loss against air flow"),
         ExampleDatasets::tr("Brownlee's stack loss data"), QStringLiteral(":/data/stackloss.csv"),
         QStringLiteral("AIRFLOW"), QStringLiteral("STACKLOSS")},
        {ExampleDatasets::tr("Engel: food expenditure against income"),
         ExampleDatasets::tr("Engel's food expenditure data"), QStringLiteral(":/data/engel.csv"),
         QStringLiteral("income"), QStringLiteral("foodexp")},
        {ExampleDatasets::tr("Stars of CYG OB1: log light against log temperature"),
         ExampleDatasets::tr("stars of the cluster CYG OB1"), QStringLiteral(":/data/starscyg.csv"),
         QStringLiteral("log.Te"), QStringLiteral("log.light")},
        // Worst radius alone separates the diagnoses well (area under the ROC curve 0.97).
        {ExampleDatasets::tr("Breast cancer (Wisconsin): benign (0/1) against worst radius"),
         ExampleDatasets::tr("Wisconsin breast cancer data"),
         QStringLiteral(":/data/breastcancer.csv"), QStringLiteral("worst_radius"),
         QStringLiteral("benign")},
        // The line model fits one logit, so three classes appear as codes 0, 1 and 2, to which
        // only regression losses apply.
        {ExampleDatasets::tr("Iris: species code (0, 1, 2) against petal length"),
         ExampleDatasets::tr("Fisher's iris data"), QStringLiteral(":/data/iris.csv"),
         QStringLiteral("petal_length_cm"), QStringLiteral("species")},
    };
    return examples;
}

std::optional<Dataset> loadExampleDataset(const ExampleDataset &example, CsvError *error)
{
    initializeBundledResources();
    return loadCsvDataset(example.resourcePath, example.featureColumn, example.targetColumn, error);
}

Dataset loadDefaultDataset()
{
    CsvError error;
    auto data = loadExampleDataset(exampleDatasets().front(), &error);
    if (!data)
        qFatal("The bundled stack loss data could not be read: %s", qPrintable(error.message));
    return *data;
}

} // namespace losslens
