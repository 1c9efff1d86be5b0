#pragma once

#include <QString>

namespace losslens {

// A short page about a loss for the window: formula, derivative, what each parameter does,
// the noise model it corresponds to and how its influence behaves. Returns rich text, or an
// empty string for a name without a page.
QString lossInfoPage(const QString &name);

} // namespace losslens
