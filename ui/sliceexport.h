#pragma once

#include "slicecomputation.h"

#include <QString>

namespace losslens {

// The slice of a result as CSV text that can be reproduced outside LossLens. Comment lines
// starting with "#" come first: the loss, whether the features are standardized, the parameter
// names and, one line each, the plane's origin and its two directions with one entry per
// parameter in that order, so that
//   theta(alpha, beta) = origin + alpha direction1 + beta direction2
// in the model's training coordinates. A header "alpha,beta,loss" follows, then one line per
// grid node, alpha (the x axis) in the outer loop and beta (the y axis) in the inner one. Every
// number is written with 17 significant digits, so that it reads back as the same double. A
// loss that overflows is written "inf" and one that is undefined "nan".
QString sliceCsv(const SliceResult &result);

} // namespace losslens
