#pragma once

#include "../loss.h"

#include <QVector>

#include <algorithm>
#include <cmath>

namespace losslens {

// Multi-class cross-entropy as a curve in the true class's logit, as PyTorch's
// torch.nn.functional.cross_entropy with weight w, label_smoothing s and reduction='none'.
// K = the number of weights is the number of classes; the label y in {0, ..., K - 1} is the
// true class, whose logit z is the input, and the K - 1 logits of the other classes are held
// fixed ("others"), filling the remaining positions in order. With p = softmax(l) of the K
// logits l and the smoothed target q_k = (1 - s) [k = y] + s / K, PyTorch's value is
//   L(z) = -sum_k c_k log p_k,  c_k = q_k w_k,
// where the weight multiplies every class term, the smoothing terms included.
// From d log p_k / dz = [k = y] - p_y, with C = sum_k c_k and r = C - c_y = sum_{k != y} c_k:
//   L'(z)  = C p_y - c_y = r p_y - c_y (1 - p_y),
//   L''(z) = C p_y (1 - p_y).
// Numerics: with m = max_k l_k and T = sum_{k != a} exp(l_k - m) for one index a of the
// maximum, the log-sum-exp is m + log1p(T), so -log p_k = (m - l_k) + log1p(T) is a sum of two
// non-negative terms, and L = sum_k c_k (m - l_k) + C log1p(T) never cancels. 1 - p_y is
// formed as sum_{k != y} exp(l_k - m) / (1 + T), not as 1 - p_y, so the slope keeps its
// relative precision where p_y rounds to 1. Every exponent is <= 0, so nothing overflows; with
// |l_k| <= 1e6 every term is finite and the loss is never NaN. Convex, since L'' >= 0.
// Value for K = 3, unit weights, no smoothing and others = 0|0 at z = 0: log 3.
//
// The line model supplies one logit, not K, so this loss is drawn but never fitted.
class CrossEntropyLoss final : public LossKernel<CrossEntropyLoss, LossKind::Classification>
{
public:
    CrossEntropyLoss() : m_weights{1.0, 1.0, 1.0}, m_others{0.0, 0.0} {}

    QString name() const override { return QStringLiteral("cross_entropy"); }
    QString displayName() const override { return QStringLiteral("Cross-entropy"); }
    std::vector<LossParameter> parameters() const override;
    double parameterValue(int index) const override;
    void setParameterValue(int index, double value) override;
    QVector<double> parameterList(int index) const override;
    // Sets a list. New weights change K, so the others are cut, or padded with zero logits, to
    // K - 1 items. LossCatalogue::parse() sets the others after the weights.
    void setParameterList(int index, const QVector<double> &items) override;
    bool fitsLineModel() const override { return false; }
    std::unique_ptr<Loss> clone() const override;

    int classCount() const { return static_cast<int>(m_weights.size()); }
    const QVector<double> &weights() const { return m_weights; }
    double smoothing() const { return m_smoothing; }
    const QVector<double> &others() const { return m_others; }

    // Defined here so that LossKernel's loops can inline it.
    LossDerivatives evaluateAt(double input, double label) const
    {
        const Terms terms = termsAt(input, label);
        const double denominator = 1.0 + terms.tail;
        const double trueProbability = terms.trueShare / denominator;
        const double complement = terms.otherShare / denominator;
        const double first = terms.otherMass * trueProbability - terms.trueMass * complement;
        const double second = (terms.trueMass + terms.otherMass) * trueProbability * complement;
        return {valueFrom(terms), first, second};
    }

    double valueAt(double input, double label) const { return valueFrom(termsAt(input, label)); }

private:
    // Sums over the K logits l, with m = max l and a = an index of the maximum:
    // tail T = sum_{k != a} e^(l_k - m), trueShare = e^(z - m),
    // otherShare = sum_{k != y} e^(l_k - m), trueMass = c_y, otherMass = r = sum_{k != y} c_k,
    // gapSum = sum_k c_k (m - l_k).
    struct Terms
    {
        double tail = 0.0;
        double trueShare = 0.0;
        double otherShare = 0.0;
        double trueMass = 0.0;
        double otherMass = 0.0;
        double gapSum = 0.0;
    };

    // The class index of a label: rounded and clamped to [0, K - 1]; NaN gives class 0.
    int classOf(double label) const
    {
        if (!(label >= 0.0))
            return 0;
        const double last = static_cast<double>(classCount() - 1);
        return static_cast<int>(std::min(label, last) + 0.5);
    }

    // The logit at class position k: z at the true class, the others in order elsewhere.
    double logitAt(int k, int trueClass, double input) const
    {
        if (k == trueClass)
            return input;
        return m_others[k < trueClass ? k : k - 1];
    }

    Terms termsAt(double input, double label) const
    {
        const int count = classCount();
        const int trueClass = classOf(label);
        int top = 0;
        double maximum = logitAt(0, trueClass, input);
        for (int k = 1; k < count; ++k) {
            const double logit = logitAt(k, trueClass, input);
            if (logit > maximum) {
                maximum = logit;
                top = k;
            }
        }
        const double oneHotPart = 1.0 - m_smoothing;
        const double spread = m_smoothing / static_cast<double>(count);
        Terms terms;
        for (int k = 0; k < count; ++k) {
            const double logit = logitAt(k, trueClass, input);
            const double share = std::exp(logit - maximum);
            const double mass = ((k == trueClass ? oneHotPart : 0.0) + spread) * m_weights[k];
            if (k != top)
                terms.tail += share;
            if (k == trueClass) {
                terms.trueShare = share;
                terms.trueMass = mass;
            } else {
                terms.otherShare += share;
                terms.otherMass += mass;
            }
            terms.gapSum += mass * (maximum - logit);
        }
        return terms;
    }

    static double valueFrom(const Terms &terms)
    {
        return terms.gapSum + (terms.trueMass + terms.otherMass) * std::log1p(terms.tail);
    }

    QVector<double> m_weights;
    double m_smoothing = 0.0;
    QVector<double> m_others;
};

} // namespace losslens
