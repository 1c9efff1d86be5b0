#pragma once

#include "loss.h"

#include <Eigen/Core>

#include <memory>
#include <stop_token>
#include <vector>

namespace losslens {

// Form of a catalogue loss as the vectorized kernels evaluate it: its shape, its parameter and,
// for a robust loss, 1 / s for the residual scale s.
struct KernelForm
{
    enum class Shape {
        SquaredError,
        AbsoluteError,
        Huber,
        SmoothL1,
        Quantile,
        EpsilonInsensitive,
        Tukey,
        GemanMcClure,
        Welsch,
        Cauchy,
        Barron,
        LogCosh,
        BinaryCrossEntropy,
        Focal,
        Hinge,
        SquaredHinge,
        ModifiedHuber,
        Exponential,
        ZeroOne,
    };
    Shape shape = Shape::AbsoluteError;
    // delta, beta, tau, epsilon, c, gamma or alpha, as the shape has it.
    double parameter = 0.0;
    double inverseScale = 1.0;
};

// Samples of one label for a classification loss (all samples for a regression loss), with the
// constants the kernels take per label: sign is 2 y - 1, so that the margin is sign * z; for
// binary cross-entropy the loss is a softplus(-m) + c softplus(m) with (a, c) = (first,
// second); for the focal loss first is the class weight.
struct KernelSampleGroup
{
    const double *feature = nullptr;
    const double *target = nullptr;
    Eigen::Index count = 0;
    double sign = 1.0;
    double first = 1.0;
    double second = 0.0;
};

// The landscape's inner loop over the data for one row of the grid (one slope, every
// intercept). Highway vectorizes it for the widest vectors the processor has and chooses them
// at run time, so one build runs on any x86-64 processor and uses AVX2 or AVX-512 where present.
//
// Four exact rewritings make the losses with exp and log cheap:
// - exp(m) for m = u + b is exp(u) exp(b): the exponentials of the G x N grid follow from N
//   exponentials per row and G per grid, a product per node and sample;
// - a sum of logarithms is the logarithm of a product: sum_i log1p(q_i) = log1p(S) with
//   1 + S = prod_i (1 + q_i), accumulated as S <- S + q + S q, which keeps the relative
//   precision of S because every term is non-negative; one log1p per lane every 128 samples
//   replaces one per sample;
// - classification samples are grouped by label, so the label's constants are constant in the
//   loop;
// - for the focal loss the samples are also sorted by feature, so that those with |m| >= 1.5
//   form a run at each end of a block; there the loss is a fast-converging series in
//   t = e^-|m|, and its sum over a run follows from power sums of the samples, shared by all
//   intercepts of the row, instead of one logarithm per node and sample.
// Sums differ from the per-sample loop only by rounding (a test keeps them within 1e-12).
class LandscapeKernel
{
public:
    // Creates the kernel for the loss on the data. Returns nullptr when the loss has no kernel
    // (formulas, cross-entropy, composites with such a term, composites that
    // mix bce or focal with other terms) or when a label is neither 0 nor 1.
    static std::unique_ptr<LandscapeKernel> create(const Loss &loss, const Eigen::VectorXd &feature,
                                                   const Eigen::VectorXd &target);

    // Adds to sums[j] the sum over the data of the loss of the line slope x + intercepts[j],
    // as Loss::sumForLine computes it. Returns false when stop is requested.
    bool addRow(double slope, const std::vector<double> &intercepts, double *sums,
                std::stop_token stop) const;

    // The instruction set that the kernels run with on this processor, such as "AVX3"
    // (Highway's name for AVX-512) or "AVX2".
    static const char *instructionSet();
    // The instruction sets the kernels were built for that this processor can run, best
    // first. Tests and the benchmark use them to check and time each one.
    static std::vector<QString> availableInstructionSets();
    // Makes the kernels use the named instruction set, one of availableInstructionSets(), or
    // the best one again for an empty name. Returns false, changing nothing, for other names.
    static bool restrictInstructionSet(const QString &name);

private:
    LandscapeKernel() = default;

    // A composite loss has one term per loss it sums, any other loss one term of weight 1. The
    // term's loss computes blocks the kernels cannot, such as exponentials that would overflow.
    struct Term
    {
        KernelForm form;
        double weight = 1.0;
        std::shared_ptr<const Loss> loss;
    };
    std::vector<Term> m_terms;
    std::vector<KernelSampleGroup> m_groups;
    // Copies of the samples ordered by label, for classification.
    Eigen::VectorXd m_feature;
    Eigen::VectorXd m_target;
};

} // namespace losslens
