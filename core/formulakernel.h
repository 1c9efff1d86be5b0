#pragma once

#include <Eigen/Core>

namespace losslens {

class FormulaProgram;

// Sum over `count` samples of a formula program at input_i = slope feature_i + intercept, less
// target_i for a regression loss, with target_i as the label. A NaN value counts as
// nanReplacement (+inf for a loss value, 0 for a derivative).
//
// The program runs on vectors of samples, with vectorized exp, log, sin, cos, sinh, cosh, tanh
// and atan where the processor has fused multiply-adds. Those differ from the C library's by a
// few units in the last place, and a formula that cancels, such as exp(e) - 1 - e near e = 0,
// can turn that into a large relative difference. So every value carries a bound on how far it
// may lie from what FormulaProgram::run() returns for the same sample, propagated through each
// operation as in a running error analysis. Operations that both sides round alike, such as
// + and *, on equal arguments add nothing to it. A sample whose bound exceeds 2^-46 of its value
// is evaluated again by run(). The sum then differs from the plain loop's by the order of its
// additions and by at most 2^-46 of the sum of the values' magnitudes.
//
// A program that is one chain of operations on the input, such as log(1 + e^2/4), runs from the
// data to the sum in registers. Where such a chain ends in log, the logarithms of arguments of 1
// to 2^60 are summed as the logarithm of their product, one logarithm per 16 samples, within the
// same bound.
double sumFormulaForLine(const FormulaProgram &program, bool regression, double nanReplacement,
                         const double *feature, const double *target, Eigen::Index count,
                         double slope, double intercept);

} // namespace losslens
