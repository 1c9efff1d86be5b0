#include "lossinfo.h"

#include "core/losses/composite.h"

#include <QCoreApplication>
#include <QStringList>

namespace losslens {

namespace {

struct LossPage
{
    const char *name;
    const char *formula;
    const char *derivative;
    const char *parameters;
    const char *noiseModel;
    const char *influence;
};

// Formulas use e = prediction − target for regression, and the logit z with label y and
// margin m = y′z, y′ = 2y − 1, for classification. QT_TRANSLATE_NOOP marks each text for
// lupdate, and the page functions below translate it with LossInfo::tr().
constexpr LossPage pages[] = {
    {"mse", QT_TRANSLATE_NOOP("LossInfo", "ρ(e) = e²"), QT_TRANSLATE_NOOP("LossInfo", "ρ′(e) = 2e"),
     QT_TRANSLATE_NOOP("LossInfo", "none"),
     QT_TRANSLATE_NOOP("LossInfo",
                       "Gaussian noise: minimizing it is maximum likelihood for normal errors."),
     QT_TRANSLATE_NOOP("LossInfo", "Unbounded: the influence grows with the error, so one outlier "
                                   "can move the fit anywhere.")},
    {"mae", QT_TRANSLATE_NOOP("LossInfo", "ρ(e) = |e|"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′(e) = sign(e), 0 at e = 0"),
     QT_TRANSLATE_NOOP("LossInfo", "none"),
     QT_TRANSLATE_NOOP("LossInfo", "Laplace noise; the fit follows the conditional median."),
     QT_TRANSLATE_NOOP("LossInfo",
                       "Bounded: every point pulls with the same force, however far away.")},
    {"huber", QT_TRANSLATE_NOOP("LossInfo", "ρ(e) = e²/2 for |e| < δ, δ(|e| − δ/2) beyond"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′(e) = e inside, δ·sign(e) outside"),
     QT_TRANSLATE_NOOP("LossInfo",
                       "δ: the error size where the loss turns from quadratic to linear."),
     QT_TRANSLATE_NOOP(
         "LossInfo",
         "Gaussian near the centre with Laplace tails (Huber's least favourable distribution)."),
     QT_TRANSLATE_NOOP("LossInfo", "Bounded by δ, not redescending.")},
    {"smooth_l1", QT_TRANSLATE_NOOP("LossInfo", "ρ(e) = e²/(2β) for |e| < β, |e| − β/2 beyond"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′(e) = e/β inside, sign(e) outside"),
     QT_TRANSLATE_NOOP("LossInfo", "β: the width of the quadratic zone; β = 0 is exactly MAE."),
     QT_TRANSLATE_NOOP("LossInfo", "Huber's loss divided by β: Gaussian centre, Laplace tails."),
     QT_TRANSLATE_NOOP("LossInfo", "Bounded by 1.")},
    {"logcosh", QT_TRANSLATE_NOOP("LossInfo", "ρ(e) = log cosh e"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′(e) = tanh e"), QT_TRANSLATE_NOOP("LossInfo", "none"),
     QT_TRANSLATE_NOOP("LossInfo",
                       "Close to Gaussian for small errors and to Laplace for large ones."),
     QT_TRANSLATE_NOOP("LossInfo", "Bounded by 1, not redescending.")},
    {"quantile", QT_TRANSLATE_NOOP("LossInfo", "ρ(e) = −τe for e < 0, (1 − τ)e for e ≥ 0"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′(e) = −τ below, 1 − τ above, 0 at e = 0"),
     QT_TRANSLATE_NOOP(
         "LossInfo",
         "τ: the quantile fitted; under-prediction costs τ per unit, over-prediction 1 − τ."),
     QT_TRANSLATE_NOOP("LossInfo",
                       "Asymmetric Laplace noise; the fit follows the conditional τ-quantile."),
     QT_TRANSLATE_NOOP("LossInfo", "Bounded by max(τ, 1 − τ).")},
    {"epsilon_insensitive", QT_TRANSLATE_NOOP("LossInfo", "ρ(e) = max(0, |e| − ε)"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′(e) = sign(e) outside the tube, 0 inside"),
     QT_TRANSLATE_NOOP("LossInfo", "ε: half-width of the tube in which errors cost nothing."),
     QT_TRANSLATE_NOOP("LossInfo", "The loss of support vector regression (Vapnik)."),
     QT_TRANSLATE_NOOP("LossInfo", "Bounded by 1.")},
    {"barron",
     QT_TRANSLATE_NOOP(
         "LossInfo",
         "ρ(e) = |α−2|/α · (((e/c)²/|α−2| + 1)^(α/2) − 1), with its limits at α = 0, 2, −∞"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′(e) = (e/c²) · ((e/c)²/|α−2| + 1)^(α/2 − 1)"),
     QT_TRANSLATE_NOOP(
         "LossInfo",
         "α: the shape, from MSE-like (2) through Cauchy (0) and Geman-McClure (−2) to Welsch "
         "(−∞); c: the scale of an inlier error."),
     QT_TRANSLATE_NOOP("LossInfo",
                       "The negative log-likelihood of Barron's distribution family (CVPR 2019)."),
     QT_TRANSLATE_NOOP("LossInfo",
                       "Unbounded for α > 1, bounded for α = 1, redescending for α < 1.")},
    {"cauchy", QT_TRANSLATE_NOOP("LossInfo", "ρ(e) = log(½(e/c)² + 1)"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′(e) = e / (c² + e²/2)"),
     QT_TRANSLATE_NOOP("LossInfo", "c: the scale of an inlier error."),
     QT_TRANSLATE_NOOP("LossInfo", "Cauchy (Lorentzian) noise."),
     QT_TRANSLATE_NOOP("LossInfo", "Redescending slowly: ψ(e) → 0 like 2/e.")},
    {"geman_mcclure", QT_TRANSLATE_NOOP("LossInfo", "ρ(e) = 2(e/c)² / ((e/c)² + 4)"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′(e) = 16 e c² / (e² + 4c²)²"),
     QT_TRANSLATE_NOOP("LossInfo", "c: the scale of an inlier error."),
     QT_TRANSLATE_NOOP("LossInfo", "Barron's family at α = −2."),
     QT_TRANSLATE_NOOP("LossInfo", "Redescending: far outliers lose their influence.")},
    {"welsch", QT_TRANSLATE_NOOP("LossInfo", "ρ(e) = 1 − exp(−½(e/c)²)"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′(e) = (e/c²) exp(−½(e/c)²)"),
     QT_TRANSLATE_NOOP("LossInfo", "c: the scale of an inlier error."),
     QT_TRANSLATE_NOOP("LossInfo", "Barron's family at α = −∞."),
     QT_TRANSLATE_NOOP("LossInfo", "Redescending quickly: outliers beyond a few c are ignored.")},
    {"tukey",
     QT_TRANSLATE_NOOP("LossInfo", "ρ(e) = (c²/6)(1 − (1 − (e/c)²)³) for |e| ≤ c, c²/6 beyond"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′(e) = e(1 − (e/c)²)² inside, 0 outside"),
     QT_TRANSLATE_NOOP(
         "LossInfo",
         "c: the rejection point; errors beyond c have no influence. 4.685 gives 95% efficiency "
         "for Gaussian noise."),
     QT_TRANSLATE_NOOP("LossInfo", "Tukey's biweight."),
     QT_TRANSLATE_NOOP("LossInfo", "Redescending to exactly 0 beyond c.")},
    {"bce",
     QT_TRANSLATE_NOOP("LossInfo",
                       "ρ(z, y) = −[p·t·log σ(z) + (1 − t) log(1 − σ(z))], t = y(1 − s) + s/2"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′(z) = σ(z) − y for p = 1, s = 0"),
     QT_TRANSLATE_NOOP(
         "LossInfo",
         "pos_weight p: weight of the positive class; smoothing s: moves the targets towards ½."),
     QT_TRANSLATE_NOOP("LossInfo",
                       "Bernoulli labels: the fit is the maximum-likelihood logistic regression."),
     QT_TRANSLATE_NOOP("LossInfo", "Bounded: |ρ′| ≤ max(p, 1).")},
    {"focal",
     QT_TRANSLATE_NOOP(
         "LossInfo",
         "ρ(z, y) = α_t (1 − p_t)^γ · BCE(z, y), p_t = σ(z) for y = 1, 1 − σ(z) for y = 0"),
     QT_TRANSLATE_NOOP("LossInfo",
                       "see the curves: easy examples (p_t near 1) get almost no gradient"),
     QT_TRANSLATE_NOOP(
         "LossInfo",
         "γ: how strongly easy examples are down-weighted; α: weight of class 1 (negative turns "
         "the weighting off)."),
     QT_TRANSLATE_NOOP("LossInfo",
                       "Cross-entropy re-weighted for class imbalance (Lin et al., 2017)."),
     QT_TRANSLATE_NOOP("LossInfo", "Bounded; the gradient of well-classified points vanishes.")},
    {"hinge", QT_TRANSLATE_NOOP("LossInfo", "ρ(m) = max(0, 1 − m)"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′(z) = −y′ for m ≤ 1 (as scikit-learn), else 0"),
     QT_TRANSLATE_NOOP("LossInfo", "none"),
     QT_TRANSLATE_NOOP("LossInfo", "The support vector machine's loss."),
     QT_TRANSLATE_NOOP("LossInfo", "Bounded; points beyond the margin have none.")},
    {"squared_hinge", QT_TRANSLATE_NOOP("LossInfo", "ρ(m) = max(0, 1 − m)²"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′(z) = −2y′ max(0, 1 − m)"),
     QT_TRANSLATE_NOOP("LossInfo", "none"),
     QT_TRANSLATE_NOOP("LossInfo", "A smooth version of the hinge loss."),
     QT_TRANSLATE_NOOP("LossInfo", "Unbounded for badly misclassified points.")},
    {"exponential", QT_TRANSLATE_NOOP("LossInfo", "ρ(m) = exp(−m)"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′(z) = −y′ exp(−m)"), QT_TRANSLATE_NOOP("LossInfo", "none"),
     QT_TRANSLATE_NOOP("LossInfo", "The loss that AdaBoost minimizes."),
     QT_TRANSLATE_NOOP(
         "LossInfo",
         "Unbounded and explosive: it overflows past a margin of about −709 (off the scale).")},
    {"modified_huber",
     QT_TRANSLATE_NOOP("LossInfo", "ρ(m) = −4m for m < −1, max(0, 1 − m)² otherwise"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′(z) = −4y′ below −1, −2y′ max(0, 1 − m) above"),
     QT_TRANSLATE_NOOP("LossInfo", "none"),
     QT_TRANSLATE_NOOP("LossInfo", "scikit-learn's modified Huber loss, robust to label noise."),
     QT_TRANSLATE_NOOP("LossInfo", "Bounded by 4.")},
    {"formula",
     QT_TRANSLATE_NOOP(
         "LossInfo",
         "ρ = the expression typed above, in e (regression) or z and y (classification)"),
     QT_TRANSLATE_NOOP("LossInfo", "derivatives exact, from GiNaC's symbolic differentiation"),
     QT_TRANSLATE_NOOP(
         "LossInfo",
         "the expression itself; edit it and press Return, or pass --loss formula:EXPR"),
     QT_TRANSLATE_NOOP("LossInfo", "whatever the expression implies"),
     QT_TRANSLATE_NOOP("LossInfo", "depends on the expression; see the weight curve")},
    {"zero_one", QT_TRANSLATE_NOOP("LossInfo", "ρ(m) = 1 for m ≤ 0, 0 for m > 0"),
     QT_TRANSLATE_NOOP("LossInfo", "ρ′ = 0 everywhere (shown only)"),
     QT_TRANSLATE_NOOP("LossInfo", "none"),
     QT_TRANSLATE_NOOP("LossInfo", "The classification error itself."),
     QT_TRANSLATE_NOOP("LossInfo", "Not usable for gradient descent.")},
    {"cross_entropy",
     QT_TRANSLATE_NOOP(
         "LossInfo",
         "ρ(z) = −Σₖ qₖ wₖ log pₖ, p = softmax of the K logits, qₖ = (1 − s)[k = y] + s/K"),
     QT_TRANSLATE_NOOP("LossInfo",
                       "ρ′(z) = C p_y − c_y, ρ″(z) = C p_y (1 − p_y), cₖ = qₖ wₖ, C = Σₖ cₖ"),
     QT_TRANSLATE_NOOP(
         "LossInfo",
         "weights w (K items, one per class); smoothing s; others: the K − 1 fixed logits of the "
         "other classes. z is the true class's logit."),
     QT_TRANSLATE_NOOP(
         "LossInfo",
         "Categorical labels: PyTorch's cross_entropy with weight and label_smoothing."),
     QT_TRANSLATE_NOOP(
         "LossInfo",
         "Bounded: |ρ′| ≤ C. The line model has one output, so this loss is drawn, not fitted.")},
};

// tr() of this file's messages, in the "LossInfo" context of the translation files.
struct LossInfo
{
    Q_DECLARE_TR_FUNCTIONS(LossInfo)
};

const LossPage *findPage(const QString &name)
{
    for (const LossPage &page : pages) {
        if (name == QLatin1String(page.name))
            return &page;
    }
    return nullptr;
}

QString catalogueLossPage(const Loss &loss)
{
    const LossPage *page = findPage(loss.name());
    if (!page)
        return {};
    QString text =
        LossInfo::tr("<p><b>%1</b></p><p>%2</p><p><i>Parameters:</i> %3</p><p><i>Noise model:</i> "
                     "%4</p><p><i>Influence:</i> %5</p>")
            .arg(LossInfo::tr(page->formula).toHtmlEscaped(),
                 LossInfo::tr(page->derivative).toHtmlEscaped(),
                 LossInfo::tr(page->parameters).toHtmlEscaped(),
                 LossInfo::tr(page->noiseModel).toHtmlEscaped(),
                 LossInfo::tr(page->influence).toHtmlEscaped());
    if (loss.acceptsResidualScale()) {
        text += LossInfo::tr(
            "<p><i>Scale of the residuals:</i> with a scale s the loss is ρ(e/s), with "
            "derivatives ρ′(e/s)/s and ρ″(e/s)/s², so its parameters count in units of "
            "s. Estimated sets s = median(|r|) / Φ⁻¹(3/4), with the normal quartile "
            "Φ⁻¹(3/4) ≈ 0.67449, of the residuals r at the fit that s itself gives, as "
            "statsmodels' robust linear model does.</p>");
    }
    return text;
}

// A term's formula from its catalogue page, or its spec for a loss without one (a formula).
QString termFormula(const Loss &term)
{
    const QString formula = lossFormula(term);
    return formula.isEmpty() ? term.spec() : formula;
}

QString compositePage(const CompositeLoss &composite)
{
    const bool regression = composite.kind() == LossKind::Regression;
    const QString input = regression ? QStringLiteral("e") : QStringLiteral("z, y");
    QStringList terms;
    const auto &parts = composite.terms();
    for (std::size_t k = 0; k < parts.size(); ++k) {
        terms << LossInfo::tr("<li>a%1 = %2: %3, %4</li>")
                     .arg(k + 1)
                     .arg(parts[k].weight, 0, 'g', 6)
                     .arg(parts[k].loss->label().toHtmlEscaped(),
                          termFormula(*parts[k].loss).toHtmlEscaped());
    }
    const WeightPenalty penalty = composite.weightPenalty();
    const QString meanLoss = regression
                                 ? LossInfo::tr("L(w, b) = (1/N) Σᵢ ρ(eᵢ) + l1 |w| + l2 w²")
                                 : LossInfo::tr("L(w, b) = (1/N) Σᵢ ρ(zᵢ, yᵢ) + l1 |w| + l2 w²");
    return LossInfo::tr(
               "<p><b>ρ(%1) = Σₖ aₖ ρₖ(%1)</b>, a weighted sum of %2 losses:</p><ul>%3</ul>"
               "<p>The mean loss adds a penalty on the slope w: <b>%4</b>, here with l1 = %5 and "
               "l2 = %6. It acts on the slope that training sees (the standardized feature's "
               "when the feature is standardized), never on the intercept b.</p>"
               "<p><i>Parameters:</i> weight1 … weight%7 are the terms' weights aₖ ≥ 0; l1 and "
               "l2 set the penalty. A term's own parameters change through the spec.</p>"
               "<p><i>Noise model:</i> each term's, mixed. The penalty is a prior on w: l2 a "
               "Gaussian prior (ridge), l1 a Laplace prior (lasso), both the elastic net.</p>"
               "<p><i>Convex:</i> %8.</p><p><i>Spec:</i> %9</p>")
        .arg(input, regression ? LossInfo::tr("regression") : LossInfo::tr("classification"),
             terms.join(QString()), meanLoss.toHtmlEscaped(), QString::number(penalty.l1, 'g', 6),
             QString::number(penalty.l2, 'g', 6), QString::number(parts.size()),
             composite.isConvex()
                 ? LossInfo::tr("yes, every weighted term is convex")
                 : LossInfo::tr("no, a weighted term is not convex, so a minimum found "
                                "may be local"),
             composite.spec().toHtmlEscaped());
}

} // namespace

QString lossFormula(const Loss &loss)
{
    // A typed formula's page describes the window's entry rather than a formula.
    if (loss.name() == QLatin1String("formula"))
        return {};
    const LossPage *page = findPage(loss.name());
    return page ? LossInfo::tr(page->formula) : QString();
}

QString lossInfoPage(const Loss &loss)
{
    if (const auto *composite = dynamic_cast<const CompositeLoss *>(&loss))
        return compositePage(*composite);
    return catalogueLossPage(loss);
}

QString lossNameInSentence(const Loss &loss)
{
    const QString name = loss.displayName();
    if (name.isEmpty() || !name.front().isUpper())
        return name;
    // A capital after the first letter of the first word marks an abbreviation (MSE, MAE) or a
    // compound name (Geman-McClure), which keep their capitals.
    const QString firstWord = name.section(QLatin1Char(' '), 0, 0);
    for (qsizetype k = 1; k < firstWord.size(); ++k) {
        if (firstWord.at(k).isUpper())
            return name;
    }
    static const QStringList properNames = {
        QStringLiteral("Barron"), QStringLiteral("Cauchy"), QStringLiteral("Geman"),
        QStringLiteral("Huber"),  QStringLiteral("Tukey"),  QStringLiteral("Welsch")};
    const QString firstName = firstWord.section(QLatin1Char('-'), 0, 0);
    if (properNames.contains(firstName))
        return name;
    return name.front().toLower() + name.mid(1);
}

} // namespace losslens
