#pragma once

#include "core/csvreader.h"
#include "core/dataset.h"

#include <QString>

#include <optional>
#include <vector>

namespace losslens {

// A real data set bundled as a Qt resource under :/data (resources/data/SOURCES.md gives its
// origin and licence), with the feature and target columns the window opens it on.
struct ExampleDataset
{
    // Menu text, as "Engel: food expenditure against income".
    QString title;
    // Name for the data panel, as "Engel's food expenditure data".
    QString name;
    QString resourcePath;
    QString featureColumn;
    QString targetColumn;
};

// Every bundled data set, Brownlee's stack loss first.
const std::vector<ExampleDataset> &exampleDatasets();

// Reads an example's feature and target columns through the CSV reader. On failure, which
// means a broken build since the files are compiled in, returns nothing and sets *error.
std::optional<Dataset> loadExampleDataset(const ExampleDataset &example, CsvError *error);

// Brownlee's stack loss data: air flow (feature) against stack loss (target), 21 plant runs.
// Aborts only if the resource is missing, which is a build error.
Dataset loadDefaultDataset();

} // namespace losslens
