#include "uilogging.h"

namespace losslens {

Q_LOGGING_CATEGORY(lcUi, "losslens.ui")

} // namespace losslens
