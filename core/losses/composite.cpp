#include "composite.h"
#include "crossentropy.h"

#include <algorithm>

#include "../losscatalogue.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace losslens {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CompositeLoss", text);
}

// Returns whether the '+' at position i of text is the sign of a number's exponent, as in 1e+3.
bool isExponentSign(const QString &text, qsizetype i)
{
    if (i < 2)
        return false;
    const QChar marker = text[i - 1];
    const QChar before = text[i - 2];
    return (marker == QLatin1Char('e') || marker == QLatin1Char('E')) &&
           (before.isDigit() || before == QLatin1Char('.'));
}

// Collects the positions of the characters equal to symbol outside every pair of parentheses.
// Returns false for unbalanced parentheses.
bool topLevelPositions(const QString &text, QChar symbol, QList<qsizetype> *positions)
{
    int depth = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char('('))
            ++depth;
        else if (c == QLatin1Char(')') && --depth < 0)
            return false;
        else if (depth == 0 && c == symbol && !(symbol == QLatin1Char('+') && isExponentSign(text, i)))
            positions->append(i);
    }
    return depth == 0;
}

// Returns whether text is "( ... )" with the first parenthesis closed by the last character.
bool isEnclosed(const QString &text)
{
    if (!text.startsWith(QLatin1Char('(')) || !text.endsWith(QLatin1Char(')')))
        return false;
    int depth = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == QLatin1Char('('))
            ++depth;
        else if (text[i] == QLatin1Char(')') && --depth == 0)
            return i == text.size() - 1;
    }
    return false;
}

} // namespace

bool CompositeLoss::isCompositeSpec(const QString &spec)
{
    const QString trimmed = spec.trimmed();
    const qsizetype colon = trimmed.indexOf(QLatin1Char(':'));
    if (colon >= 0 &&
        trimmed.left(colon).trimmed().compare(QLatin1String("formula"), Qt::CaseInsensitive) == 0)
        return false;
    if (trimmed.startsWith(QLatin1Char('(')))
        return true;
    QList<qsizetype> plus, times;
    topLevelPositions(trimmed, QLatin1Char('+'), &plus);
    topLevelPositions(trimmed, QLatin1Char('*'), &times);
    return !plus.isEmpty() || !times.isEmpty();
}

std::unique_ptr<CompositeLoss> CompositeLoss::parse(const QString &spec, QString *error)
{
    const QString trimmed = spec.trimmed();
    QList<qsizetype> plus;
    if (!topLevelPositions(trimmed, QLatin1Char('+'), &plus)) {
        *error = tr("the composite loss \"%1\" has unbalanced parentheses.").arg(trimmed);
        return nullptr;
    }
    QStringList parts;
    qsizetype begin = 0;
    for (const qsizetype position : plus) {
        parts << trimmed.mid(begin, position - begin).trimmed();
        begin = position + 1;
    }
    parts << trimmed.mid(begin).trimmed();

    static const QRegularExpression penaltyPattern(
        QStringLiteral("^(l1|l2)\\s*\\((.*)\\)$"), QRegularExpression::CaseInsensitiveOption);
    std::vector<Term> terms;
    WeightPenalty penalty;
    bool hasL1 = false, hasL2 = false;
    for (int index = 0; index < static_cast<int>(parts.size()); ++index) {
        const QString &part = parts[index];
        const QString position = QString::number(index + 1);
        if (part.isEmpty()) {
            *error = tr("term %1 of the composite loss \"%2\" is empty; join terms with '+'.")
                         .arg(position, trimmed);
            return nullptr;
        }
        const QRegularExpressionMatch match = penaltyPattern.match(part);
        if (match.hasMatch()) {
            const QString kind = match.captured(1).toLower();
            bool ok = false;
            const double strength = match.captured(2).trimmed().toDouble(&ok);
            if (!ok || !std::isfinite(strength) || strength < 0.0 || strength > maximumPenalty) {
                *error = tr("the penalty %1 needs a number in [0, %2], but has \"%3\".")
                             .arg(part, QString::number(maximumPenalty, 'g', 6),
                                  match.captured(2).trimmed());
                return nullptr;
            }
            bool &seen = kind == QLatin1String("l1") ? hasL1 : hasL2;
            if (seen) {
                *error = tr("the penalty %1 is given twice in \"%2\".").arg(kind, trimmed);
                return nullptr;
            }
            seen = true;
            (kind == QLatin1String("l1") ? penalty.l1 : penalty.l2) = strength;
            continue;
        }

        double weight = 1.0;
        QString lossText = part;
        QList<qsizetype> times;
        topLevelPositions(part, QLatin1Char('*'), &times);
        if (times.size() > 1) {
            *error = tr("term %1 of the composite loss, \"%2\", has more than one '*'; write "
                        "WEIGHT*(LOSS).")
                         .arg(position, part);
            return nullptr;
        }
        if (times.size() == 1) {
            const QString weightText = part.left(times[0]).trimmed();
            bool ok = false;
            weight = weightText.toDouble(&ok);
            if (!ok || !std::isfinite(weight) || weight < 0.0 || weight > maximumWeight) {
                *error = tr("term %1 of the composite loss has the weight \"%2\"; a weight must "
                            "be a number in [0, %3].")
                             .arg(position, weightText, QString::number(maximumWeight, 'g', 6));
                return nullptr;
            }
            lossText = part.mid(times[0] + 1).trimmed();
        }
        while (isEnclosed(lossText))
            lossText = lossText.mid(1, lossText.size() - 2).trimmed();
        if (isCompositeSpec(lossText)) {
            *error = tr("term %1 of the composite loss, \"%2\", is itself a composite; write its "
                        "terms into the outer sum instead.")
                         .arg(position, lossText);
            return nullptr;
        }
        QString termError;
        std::unique_ptr<Loss> loss = LossCatalogue::parse(lossText, &termError);
        if (!loss) {
            *error = tr("term %1 of the composite loss: %2").arg(position, termError);
            return nullptr;
        }
        if (loss->residualScale().isEstimatedFromData()) {
            *error = tr("term %1 of the composite loss, %2, has scale=mad; inside a composite "
                        "give a fixed scale, such as scale=2.")
                         .arg(position, loss->spec());
            return nullptr;
        }
        if (!terms.empty() && loss->kind() != terms.front().loss->kind()) {
            *error = tr("term %1 of the composite loss, %2, is a %3 loss, but term 1 is a %4 "
                        "loss; a composite adds losses of one kind.")
                         .arg(position, loss->spec(),
                              loss->kind() == LossKind::Regression ? tr("regression")
                                                                    : tr("classification"),
                              loss->kind() == LossKind::Regression ? tr("classification")
                                                                    : tr("regression"));
            return nullptr;
        }
        terms.push_back({weight, std::shared_ptr<const Loss>(std::move(loss))});
    }
    if (terms.empty()) {
        *error = tr("the composite loss \"%1\" has penalties but no loss to add them to.")
                     .arg(trimmed);
        return nullptr;
    }
    return std::make_unique<CompositeLoss>(std::move(terms), penalty);
}

CompositeLoss::CompositeLoss(std::vector<Term> terms, WeightPenalty penalty)
    : m_terms(std::move(terms)), m_penalty(penalty)
{
    if (!m_terms.empty())
        m_kind = m_terms.front().loss->kind();
}

std::vector<LossParameter> CompositeLoss::parameters() const
{
    std::vector<LossParameter> declared;
    for (std::size_t k = 0; k < m_terms.size(); ++k) {
        declared.push_back({QStringLiteral("weight%1").arg(k + 1), 1.0, 0.0, maximumWeight,
                            tr("Weight of the term %1").arg(m_terms[k].loss->label())});
    }
    declared.push_back({QStringLiteral("l1"), 0.0, 0.0, maximumPenalty,
                        tr("Strength of the L1 penalty l1 |w| on the weight")});
    declared.push_back({QStringLiteral("l2"), 0.0, 0.0, maximumPenalty,
                        tr("Strength of the L2 penalty l2 w^2 on the weight")});
    return declared;
}

double CompositeLoss::parameterValue(int index) const
{
    const int termCount = static_cast<int>(m_terms.size());
    if (index < termCount)
        return m_terms[index].weight;
    return index == termCount ? m_penalty.l1 : m_penalty.l2;
}

void CompositeLoss::setParameterValue(int index, double value)
{
    const int termCount = static_cast<int>(m_terms.size());
    if (index < termCount)
        m_terms[index].weight = value;
    else if (index == termCount)
        m_penalty.l1 = value;
    else
        m_penalty.l2 = value;
}

LossDerivatives CompositeLoss::evaluate(double input, double label) const
{
    LossDerivatives sum;
    for (const Term &term : m_terms) {
        if (term.weight == 0.0)
            continue;
        const LossDerivatives d = term.loss->evaluate(input, label);
        sum.value += term.weight * d.value;
        sum.first += term.weight * d.first;
        sum.second += term.weight * d.second;
    }
    return sum;
}

double CompositeLoss::value(double input, double label) const
{
    double sum = 0.0;
    for (const Term &term : m_terms) {
        if (term.weight != 0.0)
            sum += term.weight * term.loss->value(input, label);
    }
    return sum;
}

bool CompositeLoss::isConvex() const
{
    for (const Term &term : m_terms) {
        if (term.weight != 0.0 && !term.loss->isConvex())
            return false;
    }
    return true;
}

bool CompositeLoss::fitsLineModel() const
{
    for (const Term &term : m_terms) {
        if (!term.loss->fitsLineModel())
            return false;
    }
    return true;
}

std::unique_ptr<Loss> CompositeLoss::clone() const
{
    return std::make_unique<CompositeLoss>(*this);
}

double CompositeLoss::sumForLine(const double *feature, const double *target, Eigen::Index count,
                                 double slope, double intercept) const
{
    // Each term runs its own inlined loop over the data.
    double sum = 0.0;
    for (const Term &term : m_terms) {
        if (term.weight != 0.0)
            sum += term.weight * term.loss->sumForLine(feature, target, count, slope, intercept);
    }
    return sum;
}

double CompositeLoss::sumFirstDerivativeForLine(const double *feature, const double *target,
                                                Eigen::Index count, double slope,
                                                double intercept) const
{
    double sum = 0.0;
    for (const Term &term : m_terms) {
        if (term.weight != 0.0) {
            sum += term.weight *
                   term.loss->sumFirstDerivativeForLine(feature, target, count, slope, intercept);
        }
    }
    return sum;
}

QString CompositeLoss::spec() const
{
    QStringList parts;
    for (const Term &term : m_terms)
        parts << formatNumber(term.weight) + QStringLiteral("*(") + term.loss->spec() +
                     QLatin1Char(')');
    parts << QStringLiteral("l1(%1)").arg(formatNumber(m_penalty.l1));
    parts << QStringLiteral("l2(%1)").arg(formatNumber(m_penalty.l2));
    return parts.join(QStringLiteral(" + "));
}

QString CompositeLoss::label() const
{
    QStringList parts;
    for (const Term &term : m_terms)
        parts << QStringLiteral("%1 %2").arg(term.weight, 0, 'g', 4).arg(term.loss->label());
    if (m_penalty.l1 != 0.0)
        parts << QStringLiteral("%1|w|").arg(m_penalty.l1, 0, 'g', 4);
    if (m_penalty.l2 != 0.0)
        parts << QStringLiteral("%1w²").arg(m_penalty.l2, 0, 'g', 4);
    return parts.join(QStringLiteral(" + "));
}

int crossEntropyClassCount(const Loss &loss)
{
    if (const auto *crossEntropy = dynamic_cast<const CrossEntropyLoss *>(&loss))
        return crossEntropy->classCount();
    int count = 0;
    if (const auto *composite = dynamic_cast<const CompositeLoss *>(&loss)) {
        for (const CompositeLoss::Term &term : composite->terms())
            count = std::max(count, crossEntropyClassCount(*term.loss));
    }
    return count;
}

} // namespace losslens
