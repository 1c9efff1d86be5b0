#include "logarithmicticker.h"

#include <cmath>
#include <vector>

namespace losslens {

QVector<double> LogarithmicTicker::createTickVector(double tickStep, const QCPRange &range)
{
    constexpr qsizetype maximumTicks = 10;
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
        // The first set whose ticks span half of the axis and leave at most a quarter of it
        // unlabelled at either end, such as 3, 5, 10, 20 rather than 5, 10, 20 on 2.07 to 22.
        // Failing that, the first that spans half of it, or else the widest spread.
        QVector<double> spanning;
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
            // Three ticks crowded at one end leave the rest unlabelled, and more than ten
            // crowd each other's labels.
            if (ticks.size() < 3 || (ticks.size() > maximumTicks && !best.isEmpty()))
                continue;
            const double coverage = std::log(ticks.back() / ticks.front()) / logarithmicSpan;
            const double lowGap = std::log(ticks.front() / range.lower) / logarithmicSpan;
            const double highGap = std::log(range.upper / ticks.back()) / logarithmicSpan;
            if (coverage >= 0.5 && std::max(lowGap, highGap) <= 0.25)
                return ticks;
            if (coverage >= 0.5 && spanning.isEmpty())
                spanning = ticks;
            if (coverage > bestCoverage) {
                best = ticks;
                bestCoverage = coverage;
            }
        }
        if (!spanning.isEmpty())
            return spanning;
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
