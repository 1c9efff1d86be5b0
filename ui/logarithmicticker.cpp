#include "logarithmicticker.h"

#include <cmath>
#include <vector>

namespace losslens {

QVector<double> LogarithmicTicker::createTickVector(double tickStep, const QCPRange &range)
{
    if (range.lower > 0.0 && range.upper > range.lower && std::isfinite(range.upper)) {
        static const std::vector<std::vector<double>> mantissaSets = {
            {1.0, 2.0, 5.0},
            {1.0, 2.0, 3.0, 5.0},
            {1.0, 1.5, 2.0, 3.0, 5.0, 7.0},
            {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0},
        };
        const int firstDecade = static_cast<int>(std::floor(std::log10(range.lower)));
        const int lastDecade = static_cast<int>(std::floor(std::log10(range.upper)));
        for (const std::vector<double> &mantissas : mantissaSets) {
            QVector<double> ticks;
            for (int decade = firstDecade; decade <= lastDecade; ++decade) {
                const double power = std::pow(10.0, decade);
                for (const double mantissa : mantissas) {
                    const double tick = mantissa * power;
                    if (tick >= range.lower && tick <= range.upper)
                        ticks.append(tick);
                }
            }
            if (ticks.size() >= 3)
                return ticks;
        }
    }
    return QCPAxisTicker::createTickVector(tickStep, range);
}

QVector<double> LogarithmicTicker::createSubTickVector(int, const QVector<double> &)
{
    return {};
}

} // namespace losslens
