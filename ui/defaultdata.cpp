#include "defaultdata.h"

#include "core/csvreader.h"

#include <QtGlobal>

#include <cstdlib>

static void initializeBundledResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace losslens {

Dataset loadDefaultDataset()
{
    initializeBundledResources();
    CsvError error;
    auto data = loadCsvDataset(QStringLiteral(":/data/stackloss.csv"), QStringLiteral("AIRFLOW"),
                               QStringLiteral("STACKLOSS"), &error);
    if (!data)
        qFatal("The bundled stack loss data could not be read: %s", qPrintable(error.message));
    return *data;
}

} // namespace losslens
