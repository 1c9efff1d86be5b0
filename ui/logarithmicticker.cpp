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
            {1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0},
            {1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.8, 2.0, 2.2, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 6.0,
             7.0, 8.0, 9.0},
        };
        const int firstDecade = static_cast<int>(std::floor(std::log10(range.lower)));
        const int lastDecade = static_cast<int>(std::floor(std::log10(range.upper)));
        const double logarithmicSpan = std::log(range.upper / range.lower);
        QVector<double> best;
        double bestCoverage = 0.0;
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
            if (ticks.size() < 3)
                continue;
            // The share of the axis between the outer ticks: three ticks crowded at one end
            // leave the rest unlabelled, so a finer set is tried until they span half of it.
            const double coverage = std::log(ticks.back() / ticks.front()) / logarithmicSpan;
            if (coverage >= 0.5)
                return ticks;
            if (coverage > bestCoverage) {
                best = ticks;
                bestCoverage = coverage;
            }
        }
        if (!best.isEmpty())
            return best;
    }
    return QCPAxisTicker::createTickVector(tickStep, range);
}

QVector<double> LogarithmicTicker::createSubTickVector(int, const QVector<double> &)
{
    return {};
}

} // namespace losslens
