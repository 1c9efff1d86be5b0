#pragma once

#include "../loss.h"

#include <memory>
#include <vector>

namespace losslens {

// A weighted sum of losses of one kind plus a penalty on the model's weight:
//   rho(e) = sum_k a_k rho_k(e),  mean loss L(w, b) = (1/N) sum_i rho(e_i) + l1 |w| + l2 w^2,
// with weights a_k >= 0. With l1 and l2 both positive the penalty is the elastic net; scikit-
// learn's ElasticNet(alpha, l1_ratio) on (1/2) MSE corresponds to l1 = 2 alpha l1_ratio and
// l2 = alpha (1 - l1_ratio) here, because MSE here has no factor 1/2. The penalty acts on the
// weight that training uses (the standardized feature's by default) and never on the intercept.
//
// Written as terms joined by '+': a weight, '*' and a loss in parentheses, then the penalties,
//   0.7*(huber:delta=1.5) + 0.3*(mae) + l1(0.01) + l2(0.1)
// A term without a weight has weight 1, and a term's parentheses may be left out when its
// spec has no '+', '*' or parentheses of its own, as in "mse + l2(0.1)". The canonical form
// writes every weight, every term's canonical spec in parentheses and both penalties.
class CompositeLoss final : public Loss
{
public:
    struct Term
    {
        double weight = 1.0;
        std::shared_ptr<const Loss> loss;
    };

    static constexpr double maximumWeight = 1e6;
    static constexpr double maximumPenalty = 1e6;

    // Whether a spec is a composite rather than one loss: it has a '+' or '*' outside any
    // parentheses (a number's exponent sign does not count) or starts with '('. A formula is
    // never one; inside a composite it must be put in parentheses.
    static bool isCompositeSpec(const QString &spec);
    // Parses a composite. On failure returns nullptr and sets *error to a message that names
    // the offending term.
    static std::unique_ptr<CompositeLoss> parse(const QString &spec, QString *error);

    CompositeLoss(std::vector<Term> terms, WeightPenalty penalty);

    QString name() const override { return QStringLiteral("composite"); }
    QString displayName() const override { return QStringLiteral("Composite"); }
    LossKind kind() const override { return m_kind; }
    // Parameters: weight1 .. weightK, then l1 and l2. A term's own parameters are set through
    // its spec.
    std::vector<LossParameter> parameters() const override;
    double parameterValue(int index) const override;
    void setParameterValue(int index, double value) override;

    LossDerivatives evaluate(double input, double label) const override;
    double value(double input, double label) const override;
    bool isConvex() const override;
    bool fitsLineModel() const override;
    std::unique_ptr<Loss> clone() const override;
    WeightPenalty weightPenalty() const override { return m_penalty; }

    double sumForLine(const double *feature, const double *target, Eigen::Index count,
                      double slope, double intercept) const override;
    double sumFirstDerivativeForLine(const double *feature, const double *target,
                                     Eigen::Index count, double slope,
                                     double intercept) const override;

    QString spec() const override;
    QString label() const override;

    const std::vector<Term> &terms() const { return m_terms; }

private:
    std::vector<Term> m_terms;
    WeightPenalty m_penalty;
    LossKind m_kind = LossKind::Regression;
};

// The number of classes of the cross-entropy in a loss: its own, or the largest among a
// composite's terms; 0 for a loss without cross-entropy, whose labels are not class indices.
int crossEntropyClassCount(const Loss &loss);

} // namespace losslens
