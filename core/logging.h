#pragma once

#include <QLoggingCategory>

namespace losslens {

Q_DECLARE_LOGGING_CATEGORY(lcCore)
Q_DECLARE_LOGGING_CATEGORY(lcData)

} // namespace losslens
