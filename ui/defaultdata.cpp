#include "defaultdata.h"

#include <QCoreApplication>
#include <QtGlobal>

static void initializeBundledResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace losslens {

const std::vector<ExampleDataset> &exampleDatasets()
{
    auto tr = [](const char *text) { return QCoreApplication::translate("ExampleDatasets", text); };
    static const std::vector<ExampleDataset> examples = {
        {tr("Stack loss (Brownlee): stack loss against air flow"), tr("Brownlee's stack loss data"),
         QStringLiteral(":/data/stackloss.csv"), QStringLiteral("AIRFLOW"),
         QStringLiteral("STACKLOSS")},
        {tr("Engel: food expenditure against income"), tr("Engel's food expenditure data"),
         QStringLiteral(":/data/engel.csv"), QStringLiteral("income"), QStringLiteral("foodexp")},
        {tr("Stars of CYG OB1: log light against log temperature"),
         tr("stars of the cluster CYG OB1"), QStringLiteral(":/data/starscyg.csv"),
         QStringLiteral("log.Te"), QStringLiteral("log.light")},
        // Worst radius alone separates the diagnoses well (area under the ROC curve 0.97).
        {tr("Breast cancer (Wisconsin): benign (0/1) against worst radius"),
         tr("Wisconsin breast cancer data"), QStringLiteral(":/data/breastcancer.csv"),
         QStringLiteral("worst_radius"), QStringLiteral("benign")},
        // The line model fits one logit, so three classes appear as codes 0, 1 and 2, to which
        // only regression losses apply.
        {tr("Iris: species code (0, 1, 2) against petal length"), tr("Fisher's iris data"),
         QStringLiteral(":/data/iris.csv"), QStringLiteral("petal_length_cm"),
         QStringLiteral("species")},
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
