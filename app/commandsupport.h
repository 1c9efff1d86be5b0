#pragma once

#include <QString>

#include <cmath>
#include <optional>

namespace losslens {

// Reads a finite number from a command-line value, or nothing for text, NaN or an infinity.
inline std::optional<double> finiteNumber(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

} // namespace losslens
