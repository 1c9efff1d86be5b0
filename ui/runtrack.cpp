#include "runtrack.h"

#include "core/losses/barron.h"

#include <QCoreApplication>

namespace losslens {

namespace {

const std::vector<AdaptiveBarronPoint> noAdaptivePoints;

} // namespace

std::optional<AdaptiveBarronSettings> adaptiveSettings(const LineObjective &objective,
                                                       bool learnScale, QString *error)
{
    const auto *barron = dynamic_cast<const BarronLoss *>(&objective.loss());
    if (!barron) {
        if (error)
            *error = QCoreApplication::translate(
                         "Training", "Only Barron's loss learns its shape alpha; this run fits %1.")
                         .arg(objective.loss().displayName());
        return std::nullopt;
    }
    AdaptiveBarronSettings settings;
    settings.initialShape = barron->alpha();
    settings.initialScale = barron->scale() * objective.loss().residualScale().value;
    settings.learnScale = learnScale;
    const QString problem = validateAdaptiveBarronSettings(settings);
    if (!problem.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("Training", "Cannot learn alpha from %1: %2")
                         .arg(barron->spec(), problem);
        return std::nullopt;
    }
    return settings;
}

std::shared_ptr<const AdaptiveBarronObjective> adaptiveObjective(const LineObjective &objective,
                                                                 bool learnScale, QString *error)
{
    const std::optional<AdaptiveBarronSettings> settings =
        adaptiveSettings(objective, learnScale, error);
    if (!settings)
        return nullptr;
    return std::make_shared<const AdaptiveBarronObjective>(objective.sharedData(),
                                                           objective.scaling(), *settings);
}

RunTrack::RunTrack(const LineObjective &objective, const Eigen::Vector2d &start,
                   const Optimizer &optimizer, const LearningRateSchedule &schedule)
{
    m_plain.emplace(objective, start, optimizer, schedule);
}

RunTrack::RunTrack(std::shared_ptr<const AdaptiveBarronObjective> objective,
                   const Eigen::Vector2d &start, const Optimizer &optimizer,
                   const LearningRateSchedule &schedule)
    : m_adaptiveObjective(std::move(objective))
{
    m_adaptive.emplace(*m_adaptiveObjective, start, optimizer, schedule);
    mirrorAdaptivePoints();
}

RunStatus RunTrack::step(const LineObjective &objective)
{
    if (m_plain)
        return m_plain->step(objective);
    const RunStatus status = m_adaptive->step(*m_adaptiveObjective);
    mirrorAdaptivePoints();
    return status;
}

const Optimizer &RunTrack::optimizer() const
{
    return m_plain ? m_plain->optimizer() : m_adaptive->optimizer();
}

RunStatus RunTrack::status() const
{
    return m_plain ? m_plain->status() : m_adaptive->status();
}

int RunTrack::divergedAt() const
{
    return m_plain ? m_plain->divergedAt() : m_adaptive->divergedAt();
}

double RunTrack::divergedLoss() const
{
    return m_plain ? m_plain->divergedLoss() : m_adaptive->divergedLikelihood();
}

const std::vector<TrainingPoint> &RunTrack::history() const
{
    return m_plain ? m_plain->history() : m_adaptivePath;
}

std::optional<UpdatePreview> RunTrack::previewUpdate(const LineObjective &objective) const
{
    if (m_plain)
        return m_plain->previewUpdate(objective);
    return m_adaptive->previewUpdate(*m_adaptiveObjective);
}

const std::vector<AdaptiveBarronPoint> &RunTrack::adaptiveHistory() const
{
    return m_adaptive ? m_adaptive->history() : noAdaptivePoints;
}

void RunTrack::mirrorAdaptivePoints()
{
    const std::vector<AdaptiveBarronPoint> &points = m_adaptive->history();
    for (size_t k = m_adaptivePath.size(); k < points.size(); ++k) {
        const AdaptiveBarronPoint &point = points[k];
        m_adaptivePath.push_back(
            {point.iteration, Eigen::Vector2d(point.weight, point.bias), point.meanLoss});
    }
}

} // namespace losslens
