#pragma once

#include <QString>

#include <memory>

namespace losslens {

// Learning rate of each step, computed as PyTorch's schedulers compute it so that a run can be
// reproduced there:
//   constant                          lr_t = lr
//   step:interval=k,factor=g          StepLR: lr_t = lr_{t-1} g whenever t is a multiple of k
//   exponential:factor=g              ExponentialLR: lr_t = lr_{t-1} g
//   cosine:period=T,minimum=m         CosineAnnealingLR with T_max = T and eta_min = m
// PyTorch updates the rate recursively from the previous one, not by the closed form, and this
// class does the same, so the rates agree to the last bit.
class LearningRateSchedule
{
public:
    enum class Kind { Constant, Step, Exponential, Cosine };

    static std::unique_ptr<LearningRateSchedule> parse(const QString &spec, QString *error);

    explicit LearningRateSchedule(Kind kind = Kind::Constant) : m_kind(kind) {}

    // Starts again from the base rate at step 0.
    void reset(double baseRate);
    double current() const { return m_rate; }
    // Moves to the next step, as scheduler.step() does after optimizer.step().
    void advance();

    QString spec() const;

    Kind kind() const { return m_kind; }
    int interval = 30;
    double factor = 0.1;
    int period = 100;
    double minimum = 0.0;

private:
    Kind m_kind;
    double m_baseRate = 0.01;
    double m_rate = 0.01;
    long long m_step = 0;
};

} // namespace losslens
