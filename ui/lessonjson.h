#pragma once

#include "lesson.h"

#include <QJsonObject>

#include <optional>

namespace losslens {

class SessionReader;

// The "lesson" entry of a session file:
//   {"title": ..., "summary": ..., "steps": [{"title": ..., "text": ..., "set": {...}}, ...]}
// where "set" may contain "data" (as the session's), "losses" (an array of loss specs),
// "current_loss" (a spec), "optimizer" ({"optimizer": spec, "schedule": spec}),
// "learning_rate", "start" ({"slope", "intercept"}), "standardize", "runs" (objects with
// "loss" (a name) and optional "optimizer", "start", "learn_shape", "learn_scale"),
// "selected_run", "hidden" (an array of view names), "landscape" (a view range) and "play".
QJsonObject lessonToJson(const Lesson &lesson);

// Reads parent[key] as a lesson. The reader records the first problem, naming its path such as
// "lesson.steps[2].set.optimizer"; the returned lesson is then incomplete.
Lesson lessonFromJson(SessionReader &reader, const QJsonObject &parent, const QString &key);

} // namespace losslens
