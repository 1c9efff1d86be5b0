#pragma once

#include <qcustomplot.h>

namespace losslens {

// Ticks for a logarithmic axis that spans less than two decades, where QCPAxisTickerLog would
// place at most two ticks and QCPAxisTicker's evenly spaced ones crowd the top and leave the
// low end, often the interesting one, unlabelled. The ticks are m 10^k for the coarsest set of
// mantissas m, from {1, 2, 5} through {1, 2, 3, 5} and {1, 1.5, 2, 3, 5, 7} to sets of 12 and
// 20, that gives three to ten ticks spanning half of the axis or more, with at most a quarter
// of it unlabelled at either end. A range too narrow for three of them gets QCPAxisTicker's
// evenly spaced ticks, which on so short a logarithmic axis are nearly even.
class LogarithmicTicker : public QCPAxisTicker
{
protected:
    QVector<double> createTickVector(double tickStep, const QCPRange &range) override;
    // No sub-ticks: between ticks that are not evenly spaced they would mislead.
    QVector<double> createSubTickVector(int subTickCount, const QVector<double> &ticks) override;
};

} // namespace losslens
