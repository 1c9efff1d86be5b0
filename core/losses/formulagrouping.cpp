#include "formulagrouping.h"

#include <vector>

namespace losslens {

namespace {

enum class TokenKind { Number, Name, Operator, Open, Close };

struct Token
{
    TokenKind kind;
    QString text;
};

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

bool isAsciiLetter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

std::optional<std::vector<Token>> tokenize(const QString &text)
{
    std::vector<Token> tokens;
    const qsizetype length = text.size();
    qsizetype i = 0;
    while (i < length) {
        const QChar c = text[i];
        const qsizetype start = i;
        if (c.isSpace()) {
            ++i;
        } else if (isAsciiDigit(c) || c == QLatin1Char('.')) {
            while (i < length && (isAsciiDigit(text[i]) || text[i] == QLatin1Char('.')))
                ++i;
            // An exponent only where digits follow the e and its sign, as GiNaC's lexer reads it.
            if (i < length && (text[i] == QLatin1Char('e') || text[i] == QLatin1Char('E'))) {
                qsizetype digits = i + 1;
                if (digits < length &&
                    (text[digits] == QLatin1Char('+') || text[digits] == QLatin1Char('-')))
                    ++digits;
                if (digits < length && isAsciiDigit(text[digits])) {
                    i = digits;
                    while (i < length && isAsciiDigit(text[i]))
                        ++i;
                }
            }
            tokens.push_back({TokenKind::Number, text.mid(start, i - start)});
        } else if (isAsciiLetter(c)) {
            while (i < length && (isAsciiLetter(text[i]) || isAsciiDigit(text[i])))
                ++i;
            tokens.push_back({TokenKind::Name, text.mid(start, i - start)});
        } else if (QStringLiteral("+-*/^").contains(c)) {
            tokens.push_back({TokenKind::Operator, QString(c)});
            ++i;
        } else if (c == QLatin1Char('(')) {
            tokens.push_back({TokenKind::Open, QString(c)});
            ++i;
        } else if (c == QLatin1Char(')')) {
            tokens.push_back({TokenKind::Close, QString(c)});
            ++i;
        } else {
            return std::nullopt;
        }
    }
    return tokens;
}

// A recursive descent over the tokens, one function per rule of the grammar in the header.
// Each returns its part of the expression in parentheses, or std::nullopt where the tokens
// break the grammar.
class Grouper
{
public:
    explicit Grouper(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {}

    bool tooDeep() const { return m_tooDeep; }

    std::optional<QString> whole()
    {
        std::optional<QString> result = sum();
        if (!result || m_next != m_tokens.size())
            return std::nullopt;
        return result;
    }

private:
    bool nextIsOperator(QLatin1Char first, QLatin1Char second) const
    {
        if (m_next >= m_tokens.size() || m_tokens[m_next].kind != TokenKind::Operator)
            return false;
        const QChar c = m_tokens[m_next].text[0];
        return c == first || c == second;
    }

    bool nextIs(TokenKind kind) const
    {
        return m_next < m_tokens.size() && m_tokens[m_next].kind == kind;
    }

    std::optional<QString> sum()
    {
        std::optional<QString> left = product();
        while (left && nextIsOperator(QLatin1Char('+'), QLatin1Char('-'))) {
            const QString operation = m_tokens[m_next++].text;
            const std::optional<QString> right = product();
            if (!right)
                return std::nullopt;
            left = QLatin1Char('(') + *left + operation + *right + QLatin1Char(')');
        }
        return left;
    }

    std::optional<QString> product()
    {
        std::optional<QString> left = signedPower();
        while (left && nextIsOperator(QLatin1Char('*'), QLatin1Char('/'))) {
            const QString operation = m_tokens[m_next++].text;
            const std::optional<QString> right = signedPower();
            if (!right)
                return std::nullopt;
            left = QLatin1Char('(') + *left + operation + *right + QLatin1Char(')');
        }
        return left;
    }

    // Counts one level of nesting for as long as it lives.
    class Level
    {
    public:
        explicit Level(Grouper &grouper) : m_grouper(grouper)
        {
            if (++m_grouper.m_depth > maximumFormulaNesting)
                m_grouper.m_tooDeep = true;
        }
        ~Level() { --m_grouper.m_depth; }
        Level(const Level &) = delete;
        Level &operator=(const Level &) = delete;

    private:
        Grouper &m_grouper;
    };

    std::optional<QString> signedPower()
    {
        const Level level(*this);
        if (m_tooDeep)
            return std::nullopt;
        if (nextIsOperator(QLatin1Char('+'), QLatin1Char('-'))) {
            const bool negative = m_tokens[m_next++].text == QLatin1String("-");
            const std::optional<QString> operand = signedPower();
            if (!operand || !negative)
                return operand;
            return QStringLiteral("(-") + *operand + QLatin1Char(')');
        }
        return power();
    }

    std::optional<QString> power()
    {
        const std::optional<QString> base = primary();
        if (!base || !nextIsOperator(QLatin1Char('^'), QLatin1Char('^')))
            return base;
        ++m_next;
        // Right-associative, and the exponent may carry its own sign: 2^-3^2 is 2^(-(3^2)).
        const std::optional<QString> exponent = signedPower();
        if (!exponent)
            return std::nullopt;
        return QLatin1Char('(') + *base + QLatin1Char('^') + *exponent + QLatin1Char(')');
    }

    std::optional<QString> primary()
    {
        if (nextIs(TokenKind::Number))
            return QLatin1Char('(') + m_tokens[m_next++].text + QLatin1Char(')');
        if (nextIs(TokenKind::Name)) {
            const QString name = m_tokens[m_next++].text;
            if (!nextIs(TokenKind::Open))
                return QLatin1Char('(') + name + QLatin1Char(')');
            ++m_next;
            const std::optional<QString> argument = sum();
            if (!argument || !nextIs(TokenKind::Close))
                return std::nullopt;
            ++m_next;
            return QLatin1Char('(') + name + QLatin1Char('(') + *argument + QStringLiteral("))");
        }
        if (nextIs(TokenKind::Open)) {
            ++m_next;
            const std::optional<QString> inner = sum();
            if (!inner || !nextIs(TokenKind::Close))
                return std::nullopt;
            ++m_next;
            return inner;
        }
        return std::nullopt;
    }

    std::vector<Token> m_tokens;
    std::size_t m_next = 0;
    int m_depth = 0;
    bool m_tooDeep = false;
};

} // namespace

std::optional<QString> groupedFormula(const QString &expression, bool *tooDeep)
{
    if (tooDeep)
        *tooDeep = false;
    std::optional<std::vector<Token>> tokens = tokenize(expression);
    if (!tokens || tokens->empty())
        return std::nullopt;
    Grouper grouper(std::move(*tokens));
    std::optional<QString> grouped = grouper.whole();
    if (tooDeep)
        *tooDeep = grouper.tooDeep();
    return grouped;
}

} // namespace losslens
