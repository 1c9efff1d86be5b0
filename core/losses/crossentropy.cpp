#include "crossentropy.h"

#include <QCoreApplication>

#include <cassert>

namespace losslens {

namespace {

constexpr int WeightsIndex = 0;
constexpr int SmoothingIndex = 1;
constexpr int OthersIndex = 2;

} // namespace

std::vector<LossParameter> CrossEntropyLoss::parameters() const
{
    LossParameter weights;
    weights.key = QStringLiteral("weights");
    weights.minimum = 0.0;
    weights.maximum = 1e6;
    weights.description = QCoreApplication::translate(
        "CrossEntropyLoss", "Class weights, as PyTorch's weight; their number is the number of "
                            "classes K.");
    weights.isList = true;
    weights.minimumItems = 2;
    weights.maximumItems = 100;
    weights.defaultList = {1.0, 1.0, 1.0};

    LossParameter smoothing{QStringLiteral("smoothing"), 0.0, 0.0, 1.0,
                            QCoreApplication::translate(
                                "CrossEntropyLoss", "Label smoothing: the target of class k is "
                                                    "(1 - smoothing) [k = y] + smoothing / K.")};

    // The others' count follows the current K, so parse() checks them against the weights.
    LossParameter others;
    others.key = QStringLiteral("others");
    others.minimum = -1e6;
    others.maximum = 1e6;
    others.description = QCoreApplication::translate(
        "CrossEntropyLoss", "The fixed logits of the K - 1 classes other than the true one, in "
                            "class order.");
    others.isList = true;
    others.minimumItems = classCount() - 1;
    others.maximumItems = classCount() - 1;
    others.defaultList = QVector<double>(classCount() - 1, 0.0);
    return {weights, smoothing, others};
}

double CrossEntropyLoss::parameterValue(int index) const
{
    assert(index == SmoothingIndex);
    Q_UNUSED(index);
    return m_smoothing;
}

void CrossEntropyLoss::setParameterValue(int index, double value)
{
    assert(index == SmoothingIndex);
    Q_UNUSED(index);
    m_smoothing = value;
}

QVector<double> CrossEntropyLoss::parameterList(int index) const
{
    assert(index == WeightsIndex || index == OthersIndex);
    return index == WeightsIndex ? m_weights : m_others;
}

void CrossEntropyLoss::setParameterList(int index, const QVector<double> &items)
{
    assert(index == WeightsIndex || index == OthersIndex);
    if (index == WeightsIndex) {
        assert(items.size() >= 2);
        m_weights = items;
        m_others.resize(m_weights.size() - 1, 0.0);
    } else {
        assert(items.size() == m_weights.size() - 1);
        m_others = items;
    }
}

std::unique_ptr<Loss> CrossEntropyLoss::clone() const
{
    return std::make_unique<CrossEntropyLoss>(*this);
}

} // namespace losslens
