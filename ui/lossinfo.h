#pragma once

#include <QString>

namespace losslens {

class Loss;

// A short page about a loss for the window: formula, derivative, what each parameter does,
// the noise model it corresponds to and how its influence behaves, and for a robust loss what
// the residual scale does. A composite gets its terms with their weights and formulas, the
// weight penalty and its canonical spec. Returns rich text, or an empty string for a loss
// without a page.
QString lossInfoPage(const Loss &loss);

// The formula of a catalogue loss as plain text, such as "ρ(e) = e²", in the error e for a
// regression loss and in the logit z or the margin m = (2y − 1) z for a classification loss.
// Returns an empty string for a typed formula, a composite or a name without a page.
QString lossFormula(const Loss &loss);

// A loss's display name inside a sentence, as in "Mean binary cross-entropy over two
// parameters": the first letter in lower case, unless the name starts with a proper name
// (Huber, Barron, Cauchy, Welsch, Tukey, Geman-McClure) or an abbreviation such as MSE, which
// keep their capitals.
QString lossNameInSentence(const Loss &loss);

} // namespace losslens
