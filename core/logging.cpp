#include "logging.h"

namespace losslens {

Q_LOGGING_CATEGORY(lcCore, "losslens.core")
Q_LOGGING_CATEGORY(lcData, "losslens.data")

} // namespace losslens
