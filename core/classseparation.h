#pragma once

#include <Eigen/Core>

#include <chrono>

namespace losslens {

// The ways a plane w . x + b = 0 can split rows labelled 1 from rows labelled 0, in the terms of
// Albert and Anderson, "On the existence of maximum likelihood estimates in logistic
// regression models", Biometrika 71 (1984). With the signed rows a_i = (2 y_i - 1) (x_i, 1):
enum class ClassSeparation {
    // No theta != 0 has a_i . theta >= 0 for every row with one of them positive. The
    // logistic log-likelihood then has a finite maximum.
    Overlap,
    // Some theta has a_i . theta >= 0 for every row, positive for some and 0 for others: the
    // classes are separated with rows on the plane. The mean cross-entropy keeps falling along
    // theta towards the loss of the rows on the plane, so it has no minimum either.
    QuasiComplete,
    // Some theta has a_i . theta > 0 for every row: every row on its own side. The mean loss
    // falls towards 0 along theta.
    Complete,
    // The linear programs did not finish within the time limit, or the data is too large for
    // them (see classSeparation).
    Unknown,
};

// Decides how the classes of labels (each 0 or 1) are separated by a plane in the features'
// space (N rows, d columns), exactly for the doubles given. Two theorems of the alternative turn
// the question into the feasibility of linear programs over lambda in R^N, with A the N x (d + 1)
// matrix of the rows a_i:
// - Stiemke: no theta has A theta >= 0 with A theta != 0 exactly when some lambda > 0 has
//   A^T lambda = 0, that is (scaling lambda) some lambda >= 1. Feasible: Overlap.
// - Gordan: no theta has A theta > 0 exactly when some lambda >= 0 with sum lambda = 1 has
//   A^T lambda = 0. Feasible (and the first not): QuasiComplete; infeasible: Complete.
// Both have d + 1 or d + 2 rows and exact coefficients: +-1, and +-x_ij with each column
// scaled by a power of 2 to integers, which GLPK reads exactly. GLPK's floating-point simplex
// finds a basis and its rational simplex (glp_exact, GNU MP) confirms it, so rounding cannot
// turn near-separated data into separated data. Standardizing the features
// changes no separation, since the intercept absorbs any shift, so callers pass the raw columns.
// Returns Unknown when either program runs past timeLimit or N (d + 1) exceeds
// maximumSeparationCoefficients. It also does for a value that is not finite, a label other than
// 0 and 1, and a column whose values, as integers, span more than 600 binary orders of magnitude
// (about 10^180), where GLPK's simplex aborted the process.
// NOTE: on large data the time limit is overrun, because GLPK reads the whole problem before it
// first looks at the clock and its rational simplex converts it to fractions first. Measured:
// 5.2 s against a 3 s limit on 100,000 rows of 10 features, and 26 s against 10 s on 20,000
// rows of 49 features while the machine was busy. Memory was about 590 bytes per coefficient.
ClassSeparation classSeparation(const Eigen::MatrixXd &features, const Eigen::VectorXd &labels,
                                std::chrono::milliseconds timeLimit = std::chrono::seconds(5));

// About 300 MB of GLPK's memory at the rate above; 45,000 rows of 10 features fit.
inline constexpr Eigen::Index maximumSeparationCoefficients = 500'000;

} // namespace losslens
