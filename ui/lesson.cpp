#include "lesson.h"

namespace losslens {

namespace {

bool sameLine(const std::optional<LineParameters> &a, const std::optional<LineParameters> &b)
{
    return a.has_value() == b.has_value() &&
           (!a || (a->slope == b->slope && a->intercept == b->intercept));
}

bool sameData(const std::shared_ptr<const Dataset> &a, const std::shared_ptr<const Dataset> &b)
{
    if (a == b)
        return true;
    if (!a || !b)
        return false;
    return a->source == b->source && a->featureName == b->featureName &&
           a->targetName == b->targetName && a->feature == b->feature && a->target == b->target;
}

bool sameLoss(const std::shared_ptr<const Loss> &a, const std::shared_ptr<const Loss> &b)
{
    return a == b || (a && b && a->spec() == b->spec());
}

} // namespace

bool LessonRun::operator==(const LessonRun &other) const
{
    return lossName == other.lossName && optimizer == other.optimizer &&
           sameLine(start, other.start) && learnShape == other.learnShape &&
           learnScale == other.learnScale;
}

bool LessonStepSettings::operator==(const LessonStepSettings &other) const
{
    bool sameLosses = losses.has_value() == other.losses.has_value();
    if (sameLosses && losses) {
        sameLosses = losses->size() == other.losses->size();
        for (size_t i = 0; sameLosses && i < losses->size(); ++i)
            sameLosses = sameLoss((*losses)[i], (*other.losses)[i]);
    }
    return sameData(data, other.data) && sameLosses && sameLoss(currentLoss, other.currentLoss) &&
           optimizer == other.optimizer && learningRate == other.learningRate &&
           sameLine(start, other.start) && standardize == other.standardize &&
           runs == other.runs && selectedRun == other.selectedRun &&
           hiddenViews == other.hiddenViews && landscapeRange == other.landscapeRange &&
           play == other.play;
}

} // namespace losslens
