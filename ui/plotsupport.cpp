#include "plotsupport.h"

#include "logarithmicticker.h"
#include "plotstyle.h"
#include "plotstyler.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QCoreApplication>
#include <QEvent>
#include <QStyle>
#include <QHelpEvent>
#include <QResizeEvent>
#include <QSet>
#include <QStyleOptionButton>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace losslens {

QCPColorGradient lossGradient()
{
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.00, QColor(68, 1, 84));
    gradient.setColorStopAt(0.25, QColor(59, 82, 139));
    gradient.setColorStopAt(0.50, QColor(33, 145, 140));
    gradient.setColorStopAt(0.75, QColor(94, 201, 98));
    gradient.setColorStopAt(1.00, QColor(253, 231, 37));
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    gradient.setNanHandling(QCPColorGradient::nhTransparent);
    return gradient;
}

namespace {

// Enough significant digits that neighbouring ticks differ, as on a narrow range far from 0.
// A horizontal axis then gets fewer ticks, so that its longer labels do not run into each other.
void adaptPrecision(QCPAxis *axis)
{
    // Decade ticks are powers of ten and always differ. A logarithmic axis over a narrow range
    // has plain ticks, spaced almost evenly, so the linear rule suits it.
    if (!axis->ticker().dynamicCast<QCPAxisTickerLog>().isNull())
        return;
    const QCPRange range = axis->range();
    const double magnitude = std::max(std::abs(range.lower), std::abs(range.upper));
    int digits = 6;
    if (range.size() > 0.0 && magnitude > 0.0)
        digits = std::clamp(int(std::ceil(std::log10(magnitude / range.size()))) + 2, 6, 15);
    if (axis->numberPrecision() != digits)
        axis->setNumberPrecision(digits);
    if (axis->orientation() == Qt::Horizontal) {
        const int ticks = digits >= 10 ? 3 : (digits >= 8 ? 4 : 5);
        if (axis->ticker()->tickCount() != ticks)
            axis->ticker()->setTickCount(ticks);
    }
}

} // namespace

void keepTicksDistinct(QCPAxis *axis)
{
    adaptPrecision(axis);
    QObject::connect(axis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), axis,
                     [axis] { adaptPrecision(axis); });
}

void configurePlot(QCustomPlot *plot)
{
    plot->setAntialiasedElements(QCP::aePlottables | QCP::aeItems);
    plot->setInteractions(QCP::iRangeZoom);
    plot->axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    plot->setNoAntialiasingOnDrag(true);
    plot->setFocusPolicy(Qt::ClickFocus);
    // The unscaled font, so that presentation mode, which scales the application font, scales a
    // plot made during it only once, through its PlotStyler. Titles made later start from it.
    plot->setFont(PlotStyle::instance()->baseFont());
    QFont font = plot->font();
    font.setPointSizeF(font.pointSizeF() * 0.95);
    for (QCPAxis *axis : {plot->xAxis, plot->yAxis}) {
        axis->setTickLabelFont(font);
        axis->setLabelFont(font);
    }
    plot->legend->setFont(font);
    for (QCPAxis *axis : {plot->xAxis, plot->yAxis})
        keepTicksDistinct(axis);
    plot->legend->setBrush(QColor(255, 255, 255, 210));
    new PlotStyler(plot);
}

void setLogarithmic(QCPAxis *axis, bool logarithmic)
{
    axis->setScaleType(logarithmic ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    updateTicks(axis);
}

void updateTicks(QCPAxis *axis)
{
    const QCPRange range = axis->range();
    const bool logarithmic = axis->scaleType() == QCPAxis::stLogarithmic && range.lower > 0.0;
    const bool decades = logarithmic && range.upper / range.lower >= 100.0;
    const bool hasDecadeTicker = !axis->ticker().dynamicCast<QCPAxisTickerLog>().isNull();
    const bool hasMantissaTicker = !axis->ticker().dynamicCast<LogarithmicTicker>().isNull();
    if (decades) {
        if (hasDecadeTicker)
            return;
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        axis->setNumberFormat(QStringLiteral("eb"));
        axis->setNumberPrecision(0);
        return;
    }
    // A logarithmic axis of less than two decades gets 1-2-5 ticks, so its low end is labelled.
    if (logarithmic && !hasMantissaTicker)
        axis->setTicker(QSharedPointer<LogarithmicTicker>::create());
    else if (!logarithmic && (hasDecadeTicker || hasMantissaTicker))
        axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    else if (!hasDecadeTicker)
        return;
    axis->setNumberFormat(QStringLiteral("gb"));
    axis->setNumberPrecision(6);
    adaptPrecision(axis);
}

namespace {

// A short run of text that looks like the plottable: a line (solid or dashed) or its marker,
// in its colour. A dark background lightens the colour to 3:1, because a marker's dark outline
// would vanish there. On a light one the key keeps the plot's colour.
QString legendSymbol(QCPAbstractPlottable *plottable, const QColor &background)
{
    const QPen pen = plottable->pen();
    QColor colour = pen.color();
    QString symbol = pen.style() == Qt::SolidLine ? QStringLiteral("━━") : QStringLiteral("╍╍");
    if (auto *graph = qobject_cast<QCPGraph *>(plottable);
        graph && graph->lineStyle() == QCPGraph::lsNone) {
        const QCPScatterStyle style = graph->scatterStyle();
        colour = style.pen().color();
        switch (style.shape()) {
        case QCPScatterStyle::ssStar:
            symbol = QStringLiteral("✶");
            break;
        case QCPScatterStyle::ssCircle:
            symbol = style.brush().style() == Qt::NoBrush || style.brush().color() == Qt::white
                         ? QStringLiteral("○")
                         : QStringLiteral("●");
            break;
        default:
            symbol = QStringLiteral("●");
            break;
        }
    }
    return QStringLiteral("<span style='color:%1; font-weight:bold'>%2</span>")
        .arg(background.lightnessF() < 0.5
                 ? readableColour(colour, background, minimumGraphicContrast).name()
                 : colour.name(),
             symbol);
}

} // namespace

namespace {

const QString noBreakSpace = QStringLiteral("&nbsp;");

// The name's words joined so that no line breaks between them, or at ordinary spaces. Qt
// also breaks lines after a hyphen, as in "cross-⏎entropy", so the joined phrase takes the
// non-breaking hyphen U+2011 instead, which DejaVu Sans draws alike.
QString joinWords(const QString &phrase, bool unbroken)
{
    if (!unbroken)
        return phrase;
    QString joined = phrase;
    joined.replace(QLatin1Char('-'), QChar(0x2011));
    return joined.replace(QLatin1Char(' '), noBreakSpace);
}

// Splits a plain name into phrases that end after "·", "," or ":", such as "Huber ·",
// "Gradient descent," "lr 0.1:" and "y = 0 x + 0", and escapes each for rich text.
QStringList namePhrases(const QString &name)
{
    QStringList phrases;
    QString phrase;
    bool started = false;
    for (const QString &word : name.split(QLatin1Char(' '))) {
        if (started)
            phrase += QLatin1Char(' ');
        phrase += word;
        started = true;
        if (word == QStringLiteral("·") || word.endsWith(QLatin1Char(',')) ||
            word.endsWith(QLatin1Char(':'))) {
            phrases << phrase.toHtmlEscaped();
            phrase.clear();
            started = false;
        }
    }
    if (started)
        phrases << phrase.toHtmlEscaped();
    return phrases;
}

} // namespace

namespace {

// The share of its view's height that a legend may take before its entries are shortened.
constexpr double legendHeightShare = 0.15;

// Returns the entry's phrases without those in `dropped`, the last remaining one without
// its trailing "·", "," or ":", which led to a phrase now left out.
QStringList keptPhrases(const QStringList &phrases, const QSet<QString> &dropped)
{
    QStringList remaining;
    for (qsizetype k = 0; k < phrases.size(); ++k) {
        if (k == 0 || !dropped.contains(phrases[k]))
            remaining << phrases[k];
    }
    if (remaining.size() < phrases.size()) {
        QString &last = remaining.last();
        if (last.endsWith(QStringLiteral(" ·")))
            last.chop(2);
        else if (last.endsWith(QLatin1Char(',')) || last.endsWith(QLatin1Char(':')))
            last.chop(1);
    }
    return remaining;
}

} // namespace

LegendLabel::LegendLabel(QCustomPlot *plot, QWidget *parent)
    : QLabel(parent), m_plot(plot), m_measure(new QLabel(this))
{
    for (QLabel *label : {static_cast<QLabel *>(this), m_measure}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        label->setContentsMargins(6, 0, 6, 2);
    }
    m_measure->hide();
    // Never taller than its text, so the plot above takes the spare height.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    plot->legend->setVisible(false);
    connect(plot, &QCustomPlot::afterReplot, this, &LegendLabel::refresh);
    // The view's height sets how many lines the legend may take.
    if (parent)
        parent->installEventFilter(this);
}

void LegendLabel::refresh()
{
    QList<Entry> entries;
    for (int i = 0; i < m_plot->plottableCount(); ++i) {
        QCPAbstractPlottable *plottable = m_plot->plottable(i);
        if (!plottable->visible() || plottable->name().isEmpty() ||
            plottable->property("inLegend") == QVariant(false))
            continue;
        entries.append({legendSymbol(plottable, palette().color(QPalette::Window)),
                        namePhrases(plottable->name())});
    }
    if (entries != m_entries) {
        m_entries = entries;
        m_minimumWidth = -1;
    }
    updateText();
}

QSize LegendLabel::minimumSizeHint() const
{
    measureEntries();
    QSize hint = QLabel::minimumSizeHint();
    hint.setWidth(m_minimumWidth);
    return hint;
}

int LegendLabel::heightForWidth(int width) const
{
    const QString text = textForWidth(width);
    if (text == this->text())
        return QLabel::heightForWidth(width);
    m_measure->setText(text);
    return m_measure->heightForWidth(width);
}

bool LegendLabel::event(QEvent *event)
{
    // A shortened legend's tooltip gives the full entries, above the view's own tooltip.
    if (event->type() == QEvent::ToolTip && m_shortened) {
        const auto *help = static_cast<QHelpEvent *>(event);
        QString tip = fullLegend();
        if (!toolTip().isEmpty())
            tip += QStringLiteral("<hr>") + toolTip().toHtmlEscaped();
        QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QLabel::event(event);
}

bool LegendLabel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize) {
        const auto *resize = static_cast<QResizeEvent *>(event);
        if (resize->size().height() != resize->oldSize().height()) {
            updateText();
            updateGeometry();
        }
    }
    return QLabel::eventFilter(watched, event);
}

void LegendLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    updateText();
}

void LegendLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        m_minimumWidth = -1;
        updateText();
    }
}

int LegendLabel::heightLimit() const
{
    const QWidget *view = parentWidget();
    if (!view || view->height() <= 0)
        return -1;
    // Two lines at least, as a point, a start and a run or two need.
    const int lines = 2 * fontMetrics().lineSpacing() + contentsMargins().top() +
                      contentsMargins().bottom();
    return std::max(lines, int(legendHeightShare * view->height()));
}

QString LegendLabel::textForWidth(int width, bool *shortened) const
{
    measureEntries();
    const int limit = heightLimit();
    QString text;
    for (qsizetype level = 0; level < m_forms.size(); ++level) {
        text = composeText(m_forms[level], width);
        if (shortened)
            *shortened = level > 0;
        if (limit < 0 || level + 1 == m_forms.size())
            break;
        m_measure->setText(text);
        if (m_measure->heightForWidth(width) <= limit)
            break;
    }
    return text;
}

QString LegendLabel::composeText(const Form &form, int width)
{
    QString text;
    for (qsizetype i = 0; i < form.entries.size(); ++i) {
        const Entry &entry = form.entries[i];
        const bool entryFits = form.entryWidths[i] <= width;
        if (i > 0)
            text += entryFits ? QStringLiteral("&nbsp;&nbsp;&nbsp; ") : QStringLiteral("<br>");
        text += entry.symbol + noBreakSpace;
        for (qsizetype k = 0; k < entry.phrases.size(); ++k) {
            if (k > 0)
                text += entryFits ? noBreakSpace : QStringLiteral(" ");
            const bool phraseFits = entryFits || form.phraseWidths[i][k] <= width;
            text += joinWords(entry.phrases[k], phraseFits);
        }
    }
    return text;
}

void LegendLabel::updateText()
{
    bool shortened = false;
    const QString text = textForWidth(width(), &shortened);
    m_shortened = shortened;
    if (text != this->text())
        setText(text);
}

QString LegendLabel::fullLegend() const
{
    QStringList lines;
    for (const Entry &entry : m_entries)
        lines << entry.symbol + noBreakSpace + entry.phrases.join(QLatin1Char(' '));
    return lines.join(QStringLiteral("<br>"));
}

int LegendLabel::unbrokenWidth(const QString &html) const
{
    // With word wrap on, a label's minimum width is that of its widest unbreakable run.
    m_measure->setText(html);
    return m_measure->minimumSizeHint().width();
}

void LegendLabel::measureEntries() const
{
    if (m_minimumWidth >= 0)
        return;
    // The shortened forms: first without the phrases after the first that every entry of
    // several phrases has (two such entries at least), then with the first phrases alone.
    QList<QList<Entry>> forms{m_entries};
    QSet<QString> shared;
    int longEntries = 0;
    for (const Entry &entry : m_entries) {
        if (entry.phrases.size() < 2)
            continue;
        const QSet<QString> rest(entry.phrases.begin() + 1, entry.phrases.end());
        shared = longEntries == 0 ? rest : shared.intersect(rest);
        ++longEntries;
    }
    if (longEntries >= 2 && !shared.isEmpty()) {
        QList<Entry> entries = m_entries;
        for (Entry &entry : entries)
            entry.phrases = keptPhrases(entry.phrases, shared);
        forms << entries;
    }
    if (longEntries > 0) {
        QList<Entry> entries = m_entries;
        for (Entry &entry : entries) {
            QSet<QString> rest(entry.phrases.begin() + 1, entry.phrases.end());
            entry.phrases = keptPhrases(entry.phrases, rest);
        }
        if (entries != forms.last())
            forms << entries;
    }
    m_forms.clear();
    for (const QList<Entry> &entries : std::as_const(forms)) {
        Form form{entries, {}, {}};
        for (const Entry &entry : entries) {
            form.entryWidths << unbrokenWidth(entry.symbol + noBreakSpace +
                                              joinWords(entry.phrases.join(QLatin1Char(' ')),
                                                        true));
            QList<int> phraseWidths;
            // The first phrase carries the symbol, which never parts from it.
            for (qsizetype k = 0; k < entry.phrases.size(); ++k) {
                const QString phrase = joinWords(entry.phrases[k], true);
                phraseWidths << unbrokenWidth(k == 0 ? entry.symbol + noBreakSpace + phrase
                                                     : phrase);
            }
            form.phraseWidths << phraseWidths;
        }
        m_forms << form;
    }
    // Width 0 breaks every entry at every space, which leaves the widest word.
    m_minimumWidth = unbrokenWidth(composeText(m_forms.front(), 0));
}

RightButtonPan::RightButtonPan(QCustomPlot *plot) : QObject(plot), m_plot(plot)
{
    plot->installEventFilter(this);
}

bool RightButtonPan::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot)
        return false;
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::RightButton)
            return false;
        m_active = true;
        m_lastPosition = mouse->position();
        return true;
    }
    case QEvent::MouseMove: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (!m_active)
            return false;
        const QPointF position = mouse->position();
        QCPAxis *x = m_plot->xAxis;
        QCPAxis *y = m_plot->yAxis;
        const double dx = x->pixelToCoord(m_lastPosition.x()) - x->pixelToCoord(position.x());
        const double dy = y->pixelToCoord(m_lastPosition.y()) - y->pixelToCoord(position.y());
        if (x->scaleType() == QCPAxis::stLogarithmic || y->scaleType() == QCPAxis::stLogarithmic)
            return true;
        x->moveRange(dx);
        y->moveRange(dy);
        m_lastPosition = position;
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return true;
    }
    case QEvent::MouseButtonRelease: {
        auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::RightButton || !m_active)
            return false;
        m_active = false;
        emit panFinished();
        return true;
    }
    case QEvent::ContextMenu:
        return true;
    default:
        return false;
    }
}

namespace {

// The box's own text and tooltip, saved at the first call so that they can be restored.
constexpr const char *logarithmicTextProperty = "logarithmicColoursText";
constexpr const char *logarithmicToolTipProperty = "logarithmicColoursToolTip";

// The box's text while the colours are linear: short, because the tooltip gives the reason.
QString linearColoursText(const QString &text)
{
    return QCoreApplication::translate("Plot", "%1 (linear)").arg(text);
}

// Returns the width that the box needs to show text in its current font and style, computed as
// QCheckBox::sizeHint() does it.
int checkBoxWidth(const QCheckBox *box, const QString &text)
{
    QStyleOptionButton option;
    option.initFrom(box);
    option.text = text;
    option.icon = box->icon();
    option.iconSize = box->iconSize();
    QSize contents =
        box->style()
            ->itemTextRect(box->fontMetrics(), QRect(), Qt::TextShowMnemonic, false, text)
            .size();
    if (!box->icon().isNull())
        contents.rwidth() += box->iconSize().width() + 4;
    return box->style()->sizeFromContents(QStyle::CT_CheckBox, &option, contents, box).width();
}

// Keeps the box at least as wide as its longer text, so that changing the text moves nothing
// in the layout around it, such as the splitter beside the landscape's header row.
void reserveLinearColoursWidth(QCheckBox *box)
{
    const QString text = box->property(logarithmicTextProperty).toString();
    box->setMinimumWidth(
        std::max(checkBoxWidth(box, text), checkBoxWidth(box, linearColoursText(text))));
}

// Reserves the width again when the font or the style changes, as in presentation mode.
class LinearColoursWidthKeeper : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
            reserveLinearColoursWidth(static_cast<QCheckBox *>(watched));
        return false;
    }
};

} // namespace

void offerLogarithmicColours(QCheckBox *box, double lowest)
{
    if (!box->property(logarithmicTextProperty).isValid()) {
        box->setProperty(logarithmicTextProperty, box->text());
        box->setProperty(logarithmicToolTipProperty, box->toolTip());
        box->installEventFilter(new LinearColoursWidthKeeper(box));
        reserveLinearColoursWidth(box);
    }
    const bool positive = lowest > 0.0;
    box->setEnabled(positive);
    if (positive) {
        box->setText(box->property(logarithmicTextProperty).toString());
        box->setToolTip(box->property(logarithmicToolTipProperty).toString());
        return;
    }
    box->setText(linearColoursText(box->property(logarithmicTextProperty).toString()));
    // Rich text, so that Qt wraps the tooltip instead of showing one line across the screen.
    box->setToolTip(QCoreApplication::translate(
                        "Plot", "<p>The colours are linear because a logarithmic scale needs "
                                "positive values, and the mean loss here goes down to %1. The box "
                                "keeps its setting, which applies again once the mean loss is "
                                "positive everywhere in view.</p>")
                        .arg(shortNumber(lowest)));
}

bool flatToRounding(double low, double high)
{
    const double magnitude = std::max(std::abs(low), std::abs(high));
    return !(high - low > 1e-14 * magnitude);
}

QCPRange colourScaleRange(double low, double high)
{
    if (!flatToRounding(low, high))
        return QCPRange(low, high);
    const double middle = low + 0.5 * (high - low);
    const double magnitude = std::max(std::abs(low), std::abs(high));
    const double margin = magnitude > 0.0 ? 1e-6 * magnitude : 1e-12;
    return QCPRange(middle - margin, middle + margin);
}

void labelFlatColourScale(QCPAxis *axis, double low, double high)
{
    const bool single = !axis->ticker().dynamicCast<QCPAxisTickerText>().isNull();
    if (!flatToRounding(low, high)) {
        if (single) {
            axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
            updateTicks(axis);
        }
        return;
    }
    const double middle = low + 0.5 * (high - low);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->addTick(middle, shortNumber(middle));
    axis->setTicker(ticker);
}

double displayable(double value)
{
    if (std::isnan(value))
        return 0.0;
    if (std::isinf(value))
        return value > 0 ? std::numeric_limits<double>::max() : -std::numeric_limits<double>::max();
    return value;
}

QString shortNumber(double value)
{
    if (!std::isfinite(value))
        return value > 0 ? QStringLiteral("∞")
                         : (value < 0 ? QStringLiteral("−∞") : QStringLiteral("–"));
    return QString::number(value, 'g', 5);
}

QString lineFormula(const LineParameters &line, const Dataset &data)
{
    double slope = line.slope, intercept = line.intercept;
    if (!data.isEmpty()) {
        const double featureSpan = data.feature.maxCoeff() - data.feature.minCoeff();
        const double featureReach = data.feature.cwiseAbs().maxCoeff();
        const double targetScale = data.target.cwiseAbs().maxCoeff();
        if (std::abs(slope) * featureSpan < 1e-12 * targetScale)
            slope = 0.0;
        if (std::abs(intercept) < 1e-12 * (std::abs(slope) * featureReach + targetScale))
            intercept = 0.0;
    }
    // Both signs as the typographic minus, as the intercept's operator is.
    const QString slopeText =
        slope < 0 ? QStringLiteral("−") + shortNumber(-slope) : shortNumber(slope);
    return QStringLiteral("%1 x %2 %3")
        .arg(slopeText, intercept < 0 ? QStringLiteral("−") : QStringLiteral("+"),
             shortNumber(std::abs(intercept)));
}

QString divergenceText(const RunTrack &run)
{
    if (run.status() != RunStatus::Diverged)
        return {};
    return QCoreApplication::translate("Training", "diverged at step %1 (mean loss %2)")
        .arg(run.divergedAt())
        .arg(shortNumber(run.divergedLoss()));
}

} // namespace losslens
