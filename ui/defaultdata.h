#pragma once

#include "core/dataset.h"

namespace losslens {

// Brownlee's stack loss data bundled as a Qt resource: air flow (feature) against stack loss
// (target), 21 plant runs. Aborts only if the resource is missing, which is a build error.
Dataset loadDefaultDataset();

} // namespace losslens
