#pragma once

#include <QLoggingCategory>

namespace losslens {

Q_DECLARE_LOGGING_CATEGORY(lcUi)

} // namespace losslens
