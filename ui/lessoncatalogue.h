#pragma once

#include <QString>

#include <vector>

namespace losslens {

// A lesson bundled as a Qt resource under :/lessons (resources/lessons in the source tree).
struct BundledLesson
{
    QString resourcePath;
    QString title;
    QString summary;
};

// Every bundled lesson in file name order, which the numbers in the names set. A file that
// does not read as a lesson is logged and left out; tst_lessons checks that none is.
const std::vector<BundledLesson> &bundledLessons();

} // namespace losslens
