#include "classseparation.h"

#include "logging.h"

#include <glpk.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace losslens {

namespace {

struct ProblemDeleter
{
    void operator()(glp_prob *problem) const { glp_delete_prob(problem); }
};
using Problem = std::unique_ptr<glp_prob, ProblemDeleter>;

enum class Feasibility { Feasible, Infeasible, Unknown };

using Clock = std::chrono::steady_clock;

// Maximum span, in binary orders of magnitude, of the coefficients as integers.
constexpr int maximumExponentSpread = 600;

int millisecondsLeft(Clock::time_point deadline)
{
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return static_cast<int>(std::clamp<long long>(left.count(), 0, 1'000'000'000));
}

// The power of 2 that makes every value of column an integer, or std::nullopt when the largest
// would then overflow. GLPK's rational simplex reads a double that is not an integer as a
// nearby fraction with small terms, which merges values one unit in the last place apart: in a
// check, 1 and the next double up became one value. Integers it reads exactly. Scaling a
// feature by a positive factor scales its weight and changes no separation.
std::optional<int> integerScale(const Eigen::Ref<const Eigen::VectorXd> &column)
{
    int scale = std::numeric_limits<int>::min();
    int largestExponent = std::numeric_limits<int>::min();
    for (const double value : column) {
        if (value == 0.0)
            continue;
        int exponent = 0;
        const double fraction = std::frexp(value, &exponent);
        // value = m 2^(exponent - 53) with the integer m = fraction 2^53, whose trailing zero
        // bits the scale need not keep.
        const auto mantissa = static_cast<std::uint64_t>(std::abs(std::ldexp(fraction, 53)));
        scale = std::max(scale, 53 - exponent - std::countr_zero(mantissa));
        largestExponent = std::max(largestExponent, exponent);
    }
    if (scale == std::numeric_limits<int>::min())
        return 0;
    if (largestExponent + scale > 1023)
        return std::nullopt;
    return scale;
}

// Whether some lambda has A^T lambda = 0 with every lambda_i >= lowerBound, and also
// sum lambda = 1 when normalized, where row i of A is (2 y_i - 1) (x_i, 1).
// Each feature is given as an integer column times 2^-scales[j].
Feasibility signedRowCombinationExists(const Eigen::MatrixXd &features, const std::vector<int> &scales,
                                       const Eigen::VectorXd &labels, double lowerBound,
                                       bool normalized, Clock::time_point deadline)
{
    const int sampleCount = static_cast<int>(features.rows());
    const int featureCount = static_cast<int>(features.cols());
    const int equationCount = featureCount + 1 + (normalized ? 1 : 0);

    Problem problem(glp_create_prob());
    glp_prob *lp = problem.get();
    glp_add_rows(lp, equationCount);
    for (int row = 1; row <= featureCount + 1; ++row)
        glp_set_row_bnds(lp, row, GLP_FX, 0.0, 0.0);
    if (normalized)
        glp_set_row_bnds(lp, equationCount, GLP_FX, 1.0, 1.0);
    glp_add_cols(lp, sampleCount);

    // The binary exponents of the smallest and largest coefficient; the +-1 have exponent 1.
    int smallestExponent = 1;
    int largestExponent = 1;
    // GLPK counts from 1 and ignores element 0 of both arrays.
    std::vector<int> rows(equationCount + 1);
    std::vector<double> values(equationCount + 1);
    for (int i = 0; i < sampleCount; ++i) {
        const double sign = labels[i] == 1.0 ? 1.0 : -1.0;
        int length = 0;
        for (int j = 0; j < featureCount; ++j) {
            const double value = features(i, j);
            if (value != 0.0) {
                ++length;
                rows[length] = j + 1;
                values[length] = sign * std::ldexp(value, scales[j]);
                const int exponent = std::ilogb(values[length]) + 1;
                smallestExponent = std::min(smallestExponent, exponent);
                largestExponent = std::max(largestExponent, exponent);
            }
        }
        ++length;
        rows[length] = featureCount + 1;
        values[length] = sign;
        if (normalized) {
            ++length;
            rows[length] = equationCount;
            values[length] = 1.0;
        }
        glp_set_mat_col(lp, i + 1, length, rows.data(), values.data());
        glp_set_col_bnds(lp, i + 1, GLP_LO, lowerBound, 0.0);
    }

    glp_smcp settings;
    glp_init_smcp(&settings);
    settings.msg_lev = GLP_MSG_OFF;
    settings.presolve = GLP_OFF;
    // GLPK aborts the process on coefficients spread over too many binary orders: its scale
    // factors underflow to 0 beyond about 900, and unscaled, its floating-point and rational
    // simplex failed their own assertions from 601 on in a tester's runs.
    if (largestExponent - smallestExponent > maximumExponentSpread) {
        qCDebug(lcCore) << "coefficients span" << largestExponent - smallestExponent
                        << "binary orders, too many for GLPK";
        return Feasibility::Unknown;
    }
    // Scaling only helps the floating-point search for a basis; the rational simplex reads the
    // unscaled coefficients.
    glp_scale_prob(lp, GLP_SF_AUTO);
    settings.tm_lim = millisecondsLeft(deadline);
    // On badly scaled data the floating-point simplex can stall without end. After this many
    // iterations the rational simplex goes on from its basis, which is still valid.
    settings.it_lim = 1000 + 20 * (equationCount + sampleCount);
    const int search = glp_simplex(lp, &settings);
    if (search == GLP_ETMLIM)
        return Feasibility::Unknown;
    if (search == GLP_EITLIM) {
        qCDebug(lcCore) << "floating-point simplex stopped after" << settings.it_lim
                        << "iterations; the rational simplex goes on from its basis";
    } else if (search != 0) {
        // A singular or ill-conditioned basis: let the rational simplex start afresh.
        qCDebug(lcCore) << "floating-point simplex stopped with code" << search
                        << "; the rational simplex starts from the standard basis";
        glp_std_basis(lp);
    }
    settings.tm_lim = millisecondsLeft(deadline);
    if (settings.tm_lim <= 0)
        return Feasibility::Unknown;
    settings.it_lim = std::numeric_limits<int>::max();
    const int exact = glp_exact(lp, &settings);
    if (exact != 0) {
        qCDebug(lcCore) << "rational simplex stopped with code" << exact;
        return Feasibility::Unknown;
    }
    switch (glp_get_status(lp)) {
    case GLP_OPT:
    case GLP_FEAS:
        return Feasibility::Feasible;
    case GLP_NOFEAS:
        return Feasibility::Infeasible;
    default:
        return Feasibility::Unknown;
    }
}

} // namespace

ClassSeparation classSeparation(const Eigen::MatrixXd &features, const Eigen::VectorXd &labels,
                                std::chrono::milliseconds timeLimit)
{
    const Eigen::Index sampleCount = features.rows();
    if (labels.size() != sampleCount || sampleCount == 0 || !features.allFinite() ||
        (features.cols() + 1) * sampleCount > maximumSeparationCoefficients ||
        sampleCount > Eigen::Index(std::numeric_limits<int>::max() / 2))
        return ClassSeparation::Unknown;
    for (Eigen::Index i = 0; i < sampleCount; ++i) {
        if (labels[i] != 0.0 && labels[i] != 1.0)
            return ClassSeparation::Unknown;
    }
    std::vector<int> scales;
    for (Eigen::Index j = 0; j < features.cols(); ++j) {
        const std::optional<int> scale = integerScale(features.col(j));
        if (!scale) {
            qCDebug(lcCore) << "feature" << j << "spans too many binary orders of magnitude for "
                                                 "the rational simplex";
            return ClassSeparation::Unknown;
        }
        scales.push_back(*scale);
    }
    const Clock::time_point deadline = Clock::now() + timeLimit;
    // GLPK's environment is per thread; its messages would go to standard output.
    glp_term_out(GLP_OFF);
    ClassSeparation result = ClassSeparation::Unknown;
    switch (signedRowCombinationExists(features, scales, labels, 1.0, false, deadline)) {
    case Feasibility::Feasible:
        result = ClassSeparation::Overlap;
        break;
    case Feasibility::Unknown:
        break;
    case Feasibility::Infeasible:
        switch (signedRowCombinationExists(features, scales, labels, 0.0, true, deadline)) {
        case Feasibility::Feasible:
            result = ClassSeparation::QuasiComplete;
            break;
        case Feasibility::Infeasible:
            result = ClassSeparation::Complete;
            break;
        case Feasibility::Unknown:
            break;
        }
        break;
    }
    // Frees this thread's GLPK memory, which would otherwise stay with a pool thread.
    glp_free_env();
    return result;
}

} // namespace losslens
