#include "losscurveview.h"

#include "plotsupport.h"
#include "replotscheduler.h"
#include "trainingcontroller.h"

#include "core/losses/barron.h"
#include "core/losses/composite.h"
#include "core/losses/crossentropy.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QSpinBox>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace losslens {

namespace {

constexpr int sampleCount = 600;

// The finite samples of one curve: their extremes and quartiles Q1 and Q3.
struct CurveSpread
{
    double lowest = 0.0;
    double highest = 0.0;
    double lowerQuartile = 0.0;
    double upperQuartile = 0.0;
};

// Nothing for a curve without a finite sample. A sample at the axis limit was clamped there from
// a larger value, so it counts as infinite.
std::optional<CurveSpread> curveSpread(const QCPGraphDataContainer &data)
{
    std::vector<double> values;
    values.reserve(data.size());
    for (auto point = data.constBegin(); point != data.constEnd(); ++point) {
        if (std::isfinite(point->value) && std::abs(point->value) < largestAxisValue)
            values.push_back(point->value);
    }
    if (values.empty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const auto quantile = [&values](double share) {
        return values[static_cast<size_t>(std::lround(share * double(values.size() - 1)))];
    };
    return CurveSpread{values.front(), values.back(), quantile(0.25), quantile(0.75)};
}

// The automatic value range of the curves, with zero in view. A curve's side explodes when its
// extreme lies beyond the fence Q3 + k (Q3 - Q1) (below Q1 - k (Q3 - Q1) for the lower side),
// k = 10: a pole such as 1/e, or a growth faster than about e^8 such as exp(e^2). The steady
// sides set the range. An exploding side may at most double it, which a pole next to 0 hardly
// ever fits into. A curve that reaches further is cut off at the edge, so the other curves stay
// readable instead of lying flat on zero. When every side explodes, the fences set the range.
QCPRange curveValueRange(const std::vector<CurveSpread> &spreads)
{
    constexpr double fenceFactor = 10.0;
    constexpr double largestWidening = 2.0;
    const auto upperFence = [](const CurveSpread &spread) {
        return spread.upperQuartile + fenceFactor * (spread.upperQuartile - spread.lowerQuartile);
    };
    const auto lowerFence = [](const CurveSpread &spread) {
        return spread.lowerQuartile - fenceFactor * (spread.upperQuartile - spread.lowerQuartile);
    };
    double low = 0.0, high = 0.0;
    for (const CurveSpread &spread : spreads) {
        if (spread.highest <= upperFence(spread))
            high = std::max(high, spread.highest);
        if (spread.lowest >= lowerFence(spread))
            low = std::min(low, spread.lowest);
    }
    if (high == low) {
        for (const CurveSpread &spread : spreads) {
            high = std::max(high, std::min(spread.highest, upperFence(spread)));
            low = std::min(low, std::max(spread.lowest, lowerFence(spread)));
        }
        return QCPRange(low, high);
    }
    const double span = high - low;
    double shownLow = low, shownHigh = high;
    for (const CurveSpread &spread : spreads) {
        if (spread.highest - low <= largestWidening * span)
            shownHigh = std::max(shownHigh, spread.highest);
        if (high - spread.lowest <= largestWidening * span)
            shownLow = std::min(shownLow, spread.lowest);
    }
    return QCPRange(shownLow, shownHigh);
}

} // namespace

LossCurveView::LossCurveView(SessionModel *model, TrainingController *training, QWidget *parent)
    : QWidget(parent), m_model(model), m_training(training), m_plot(new QCustomPlot(this)),
      m_replots(new ReplotScheduler(m_plot)), m_first(new QCheckBox(tr("ρ′"), this)),
      m_second(new QCheckBox(tr("ρ″"), this)), m_weight(new QCheckBox(tr("weight ψ/e"), this)),
      m_classifierAxis(new QComboBox(this)), m_trueClass(new QSpinBox(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *header = new QHBoxLayout;
    header->setContentsMargins(6, 0, 6, 0);
    m_first->setChecked(true);
    m_first->setToolTip(tr("Show the first derivative, the gradient of the loss (dashed)."));
    m_second->setToolTip(tr("Show the second derivative, the curvature of the loss (dotted)."));
    m_weight->setToolTip(tr("Show the weight ψ(e)/e that iteratively reweighted least squares "
                            "gives a point with error e, scaled to tend to 1 at e = 0 "
                            "(dash-dotted; regression losses only)."));
    m_classifierAxis->addItem(tr("logit, label 1"));
    m_classifierAxis->addItem(tr("logit, label 0"));
    m_classifierAxis->addItem(tr("margin y′z"));
    m_classifierAxis->setToolTip(
        tr("Input of the binary classification curves: the logit z for "
           "a point of label 1 or 0, or the margin y′z with y′ = 2y − 1."));
    m_trueClass->setPrefix(tr("true class "));
    m_trueClass->setRange(0, 2);
    m_trueClass->setValue(1);
    m_trueClass->setToolTip(tr("True class y of the cross-entropy curves, 0 to K − 1. The input "
                               "is that class's logit z; the other classes' logits stay at the "
                               "loss's others."));
    header->addWidget(m_first);
    header->addWidget(m_second);
    header->addWidget(m_weight);
    header->addStretch();
    header->addWidget(m_classifierAxis);
    header->addWidget(m_trueClass);
    layout->addLayout(header);
    layout->addWidget(m_plot, 1);
    configurePlot(m_plot);
    auto *pan = new RightButtonPan(m_plot);
    connect(pan, &RightButtonPan::panFinished, this, [this] { m_userRange = true; });
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_userRange = true; });
    m_plot->installEventFilter(this);
    m_plot->setMouseTracking(true);

    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, new QCPTextElement(m_plot, tr("Loss curves")));
    m_plot->yAxis->setLabel(tr("loss ρ and its derivatives"));
    m_plot->xAxis->setRange(-4.0, 4.0);
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignHCenter);
    // Connected after configurePlot()'s PlotStyler, so the legend font is already the styled
    // one, which presentation mode enlarges.
    connect(m_plot, &QCustomPlot::beforeReplot, this, &LossCurveView::fitLegendNames);
    // The legend follows the axis rect of the last layout, so a replot that changed the axis
    // rect, as entering presentation mode does, may leave it unfitted. One more replot fits it.
    connect(m_plot, &QCustomPlot::afterReplot, this, [this] {
        if (fitLegendNames())
            m_plot->replot(QCustomPlot::rpQueuedReplot);
    });

    connect(m_plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            [this] { resample(); });
    for (QCheckBox *box : {m_first, m_second, m_weight})
        connect(box, &QCheckBox::toggled, this, [this] { rebuild(true); });
    connect(m_classifierAxis, &QComboBox::currentIndexChanged, this, [this] { rebuild(true); });
    connect(m_trueClass, &QSpinBox::valueChanged, this, [this] { rebuild(true); });
    connect(m_model, &SessionModel::changed, this, [this](SessionModel::Changes changes) {
        if (changes & (SessionModel::CurrentLossChanged | SessionModel::LossParametersChanged |
                       SessionModel::LossSelectionChanged))
            showScaleOfCurrentLoss();
        // New data or scaling gives an estimated residual scale a new value.
        if (changes & (SessionModel::LossSelectionChanged | SessionModel::LossParametersChanged |
                       SessionModel::DataChanged | SessionModel::ScalingChanged))
            rebuild(true);
    });
    if (m_training)
        connect(m_training, &TrainingController::advanced, this,
                &LossCurveView::onTrainingAdvanced);
    rebuild(true);
}

QCPGraph *LossCurveView::learnedCurve(int runIndex) const
{
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        const QVariant run = m_plot->graph(g)->property("runIndex");
        if (run.isValid() && run.toInt() == runIndex)
            return m_plot->graph(g);
    }
    return nullptr;
}

bool LossCurveView::showsLearnedCurves() const
{
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        if (m_plot->graph(g)->property("runIndex").isValid())
            return true;
    }
    for (int i = 0; i < m_training->runCount(); ++i) {
        const RunTrack *run = m_training->run(i);
        if (run && run->isAdaptive())
            return true;
    }
    return false;
}

void LossCurveView::onTrainingAdvanced()
{
    if (!showsLearnedCurves())
        return;
    // The curves are cheap, but replotting at every frame of playback is not. While playing,
    // alpha is redrawn about five times a second, and at once when paused or stepped.
    if (m_training->isPlaying() && m_learnedRedraw.isValid() && m_learnedRedraw.elapsed() < 200)
        return;
    m_learnedRedraw.start();
    rebuild(false);
}

void LossCurveView::fitRange()
{
    m_userRange = false;
    showScaleOfCurrentLoss();
    rebuild(true);
}

void LossCurveView::setUserRange(const ViewRange &range)
{
    m_userRange = true;
    m_plot->xAxis->setRange(range.horizontalMinimum, range.horizontalMaximum);
    m_plot->yAxis->setRange(range.verticalMinimum, range.verticalMaximum);
    m_replots->requestReplot();
}

void LossCurveView::showScaleOfCurrentLoss()
{
    // The automatic range is [-4, 4], widened so that a loss's scale parameter (Tukey's
    // c = 4.685, a large delta) and the behaviour beyond it are in sight. It narrows again when
    // the parameter does. A range the user chose is left alone. A residual scale s moves the
    // parameter to s times its value in the error's units.
    if (m_userRange)
        return;
    const Loss &loss = drawnLoss(m_model->state().currentLoss);
    double scale = 0.0;
    const auto parameters = loss.parameters();
    for (int p = 0; p < int(parameters.size()); ++p) {
        const QString &key = parameters[p].key;
        if (key == QLatin1String("delta") || key == QLatin1String("beta") ||
            key == QLatin1String("c") || key == QLatin1String("epsilon"))
            scale = std::max(scale, loss.parameterValue(p));
    }
    if (loss.acceptsResidualScale())
        scale *= loss.residualScale().value;
    const double reach = std::clamp(1.5 * scale, 4.0, 1e6);
    const QCPRange range = m_plot->xAxis->range();
    if (range.lower != -reach || range.upper != reach)
        m_plot->xAxis->setRange(-reach, reach);
}

double LossCurveView::classifierLabel() const
{
    return m_classifierAxis->currentIndex() == int(ClassifierAxis::LogitLabelZero) ? 0.0 : 1.0;
}

double LossCurveView::labelFor(const Loss &loss) const
{
    if (loss.kind() != LossKind::Classification)
        return 0.0;
    if (crossEntropyClassCount(loss) > 0)
        return m_trueClass->value();
    return classifierLabel();
}

bool LossCurveView::lacksTrueClass(const Loss &loss) const
{
    const int count = crossEntropyClassCount(loss);
    return count > 0 && m_trueClass->value() >= count;
}

const Loss &LossCurveView::drawnLoss(int lossIndex) const
{
    return m_model->objective(lossIndex)->loss();
}

double LossCurveView::weightScale(const Loss &loss)
{
    // rho''(0) where that is positive. MAE-like losses have no curvature at 0, so their weight
    // psi / e stays unscaled.
    const double curvature = loss.evaluate(0.0, 0.0).second;
    return curvature > 0.0 && std::isfinite(curvature) ? curvature : 1.0;
}

double LossCurveView::curveValue(const Loss &loss, Curve curve, double input,
                                 double weightScale) const
{
    // The margin y'z of a label-1 point is its logit, so the margin view evaluates label 1.
    const LossDerivatives d = loss.evaluate(input, labelFor(loss));
    // Where the loss is infinite or undefined, as log(e) at e <= 0 (+inf from the formula loss),
    // its derivatives are NaN too, so their curves have the same gap as rho's. The symbolic
    // rho'(e) = 1 / e of log(e) would otherwise draw a curve for e < 0.
    if (curve != Curve::Value && !std::isfinite(d.value))
        return std::numeric_limits<double>::quiet_NaN();
    // A typed formula may lack a derivative where its value exists, as e^e at e = -1.
    if ((curve == Curve::First || curve == Curve::Weight) && !d.firstDefined)
        return std::numeric_limits<double>::quiet_NaN();
    if (curve == Curve::Second && !d.secondDefined)
        return std::numeric_limits<double>::quiet_NaN();
    switch (curve) {
    case Curve::Value:
        return d.value;
    case Curve::First:
        return d.first;
    case Curve::Second:
        return d.second;
    case Curve::Weight: {
        if (input == 0.0)
            return std::numeric_limits<double>::quiet_NaN();
        return d.first / input / weightScale;
    }
    }
    return 0.0;
}

void LossCurveView::rebuild(bool rescaleValues)
{
    m_plot->clearGraphs();
    bool binaryClassifier = false;
    bool regression = false;
    int classCount = 0;
    for (int i = 0; i < m_model->lossCount(); ++i) {
        const LossEntry &entry = m_model->lossEntry(i);
        regression = regression || (entry.enabled && entry.loss->kind() == LossKind::Regression);
        if (!entry.enabled || entry.loss->kind() != LossKind::Classification)
            continue;
        const int count = crossEntropyClassCount(*entry.loss);
        classCount = std::max(classCount, count);
        binaryClassifier = binaryClassifier || count == 0;
    }
    m_classifierAxis->setVisible(binaryClassifier);
    m_trueClass->setVisible(classCount > 0);
    if (classCount > 0) {
        // The range follows the largest K. A class beyond another loss's K leaves that loss
        // without a curve, and its legend entry names the missing class.
        const QSignalBlocker blocker(m_trueClass);
        m_trueClass->setRange(0, classCount - 1);
    }
    QStringList classifierInputs;
    if (binaryClassifier) {
        classifierInputs << (m_classifierAxis->currentIndex() == int(ClassifierAxis::Margin)
                                 ? tr("margin y′z")
                                 : tr("logit z, label %1").arg(classifierLabel()));
    }
    if (classCount > 0)
        classifierInputs << tr("logit z of the true class %1").arg(m_trueClass->value());
    // With classifiers alone, the axis names their input only.
    const QString inputs = classifierInputs.join(QStringLiteral("; "));
    if (classifierInputs.isEmpty())
        m_plot->xAxis->setLabel(tr("error e = prediction − target"));
    else if (!regression)
        m_plot->xAxis->setLabel(inputs);
    else
        m_plot->xAxis->setLabel(tr("error e (classifiers: %1)").arg(inputs));

    const std::pair<Curve, Qt::PenStyle> curves[] = {{Curve::Value, Qt::SolidLine},
                                                     {Curve::First, Qt::DashLine},
                                                     {Curve::Second, Qt::DotLine},
                                                     {Curve::Weight, Qt::DashDotLine}};
    for (int i = 0; i < m_model->lossCount(); ++i) {
        const LossEntry &entry = m_model->lossEntry(i);
        if (!entry.enabled)
            continue;
        for (const auto &[curve, style] : curves) {
            if ((curve == Curve::First && !m_first->isChecked()) ||
                (curve == Curve::Second && !m_second->isChecked()) ||
                (curve == Curve::Weight &&
                 (!m_weight->isChecked() || entry.loss->kind() != LossKind::Regression)))
                continue;
            QCPGraph *graph = m_plot->addGraph();
            graph->setPen(QPen(entry.colour, curve == Curve::Value ? 2.5 : 1.8, style));
            graph->setProperty("lossIndex", i);
            graph->setProperty("curve", int(curve));
            if (curve == Curve::Value) {
                const Loss &loss = drawnLoss(i);
                const QString name =
                    lacksTrueClass(loss)
                        ? tr("%1: no class %2").arg(loss.label()).arg(m_trueClass->value())
                        : loss.label();
                graph->setName(name);
                graph->setProperty("fullName", name);
            } else
                graph->removeFromLegend();
        }
    }
    for (int i = 0; m_training && i < std::min(m_training->runCount(), m_model->runCount()); ++i) {
        const RunTrack *run = m_training->run(i);
        if (!run || !run->isAdaptive())
            continue;
        const AdaptiveBarronPoint &point = run->adaptiveHistory().back();
        QCPGraph *graph = m_plot->addGraph();
        graph->setPen(QPen(m_model->runEntry(i).colour, 2.0, Qt::DashDotDotLine));
        graph->setProperty("runIndex", i);
        graph->setProperty("curve", int(Curve::Value));
        const QString name = tr("run %1 learned: alpha = %2, c = %3")
                                 .arg(i + 1)
                                 .arg(shortNumber(point.shape), shortNumber(point.scale));
        graph->setName(name);
        graph->setProperty("fullName", name);
    }
    resample();
    if (rescaleValues && !m_userRange && m_plot->graphCount() > 0) {
        // Fit the loss and its gradient, with zero always in view. The second derivative and
        // the weight may be unbounded (MAE's weight at 0), so they do not set the range, and
        // an exploding loss is cut off (see curveValueRange()).
        std::vector<CurveSpread> spreads;
        for (int g = 0; g < m_plot->graphCount(); ++g) {
            const auto curve = Curve(m_plot->graph(g)->property("curve").toInt());
            if (curve != Curve::Value && curve != Curve::First)
                continue;
            if (const std::optional<CurveSpread> spread = curveSpread(*m_plot->graph(g)->data()))
                spreads.push_back(*spread);
        }
        const QCPRange fitted = curveValueRange(spreads);
        const double low = fitted.lower, high = fitted.upper;
        const double margin = std::max(0.05 * (high - low), 1e-12);
        m_plot->yAxis->setRange(std::max(low - margin, -largestAxisValue),
                                std::min(high + margin, largestAxisValue));
    }
    // Queued, so the replots after one change of the session coalesce into one.
    m_replots->requestReplot();
}

void LossCurveView::resample()
{
    const QCPRange range = m_plot->xAxis->range();
    QVector<double> inputs(sampleCount);
    for (int k = 0; k < sampleCount; ++k)
        inputs[k] = range.lower + (range.upper - range.lower) * k / (sampleCount - 1);

    for (int g = 0; g < m_plot->graphCount(); ++g) {
        QCPGraph *graph = m_plot->graph(g);
        const QVariant runIndex = graph->property("runIndex");
        if (runIndex.isValid()) {
            // Barron's loss of a run that learns alpha, at its current alpha and c. c is in the
            // target's units, as the errors on this axis are.
            const RunTrack *run = m_training->run(runIndex.toInt());
            if (!run || !run->isAdaptive()) {
                graph->data()->clear();
                continue;
            }
            const AdaptiveBarronPoint &point = run->adaptiveHistory().back();
            const BarronLoss learned(point.shape, point.scale);
            QVector<double> values(sampleCount);
            for (int k = 0; k < sampleCount; ++k)
                values[k] = std::min(learned.value(inputs[k], 0.0), largestAxisValue);
            graph->setData(inputs, values, true);
            continue;
        }
        const Loss &loss = drawnLoss(graph->property("lossIndex").toInt());
        const auto curve = Curve(graph->property("curve").toInt());
        if (lacksTrueClass(loss)) {
            graph->data()->clear();
            continue;
        }
        // The weight's scale is one evaluation at 0, done once per curve rather than per sample.
        const double scale = curve == Curve::Weight ? weightScale(loss) : 1.0;
        QVector<double> values(sampleCount);
        for (int k = 0; k < sampleCount; ++k) {
            const double value = curveValue(loss, curve, inputs[k], scale);
            // NaN leaves a gap in the line (the weight at e = 0), and so does an infinity, such
            // as log(e) at e <= 0: QPainter draws no line at all through a point 1e249 away.
            values[k] = std::isfinite(value)
                            ? std::clamp(value, -largestAxisValue, largestAxisValue)
                            : std::numeric_limits<double>::quiet_NaN();
        }
        graph->setData(inputs, values, true);
    }
    m_replots->requestReplot();
}

QString LossCurveView::readOut(double input) const
{
    QStringList parts;
    for (int i = 0; i < m_model->lossCount(); ++i) {
        if (!m_model->lossEntry(i).enabled)
            continue;
        const Loss &loss = drawnLoss(i);
        if (lacksTrueClass(loss))
            continue;
        parts << tr("%1 %2, ρ′ %3, ρ″ %4")
                     .arg(loss.displayName(), shortNumber(curveValue(loss, Curve::Value, input)),
                          shortNumber(curveValue(loss, Curve::First, input)),
                          shortNumber(curveValue(loss, Curve::Second, input)));
    }
    return tr("at %1: %2").arg(shortNumber(input), parts.join(QStringLiteral("; ")));
}

bool LossCurveView::fitLegendNames()
{
    bool changed = false;
    QCPLegend *legend = m_plot->legend;
    // The axis rect of the coming layout is the viewport less the axis margins of the last
    // layout. After a resize the viewport is already the new one.
    const QMargins axisMargins = m_plot->axisRect()->margins();
    const int axisWidth = m_plot->viewport().width() - axisMargins.left() - axisMargins.right();
    // Room for the text in one legend row: the legend's own margins and border, then each
    // item's margins, icon and the gap between icon and text.
    int room = axisWidth - legend->margins().left() - legend->margins().right() -
               2 * int(std::ceil(legend->borderPen().widthF())) - legend->iconSize().width() -
               legend->iconTextPadding();
    if (legend->itemCount() > 0) {
        const QMargins itemMargins = legend->item(0)->margins();
        room -= itemMargins.left() + itemMargins.right();
    }
    // A legend taller than maxLegendShare of the axis rect is laid out in more columns, so it
    // stays a strip along the top and leaves the curves near e = 0 in view, as long as each
    // column keeps room for minimumColumnCharacters. The names are then shortened to their
    // column, and the tooltip gives them in full. A legend that still takes more than
    // hiddenLegendShare is hidden, as on a low plot in presentation mode: the swatches of the
    // controls' list of losses name the curves' colours too. The axis rect's height is the
    // last layout's.
    constexpr double maxLegendShare = 0.35;
    constexpr double hiddenLegendShare = 0.4;
    constexpr int minimumColumnCharacters = 6;
    const QFontMetrics metrics(legend->font());
    const int count = legend->itemCount();
    // An item is as tall as its text or its icon, whichever is taller.
    int rowHeight = std::max(metrics.height(), legend->iconSize().height()) + legend->rowSpacing();
    if (count > 0)
        rowHeight += legend->item(0)->margins().top() + legend->item(0)->margins().bottom();
    const double axisHeight = m_plot->axisRect()->height();
    // Each column's share of the width, less the gaps between columns.
    const auto columnRoom = [&](int columns) {
        return (room - (columns - 1) * (legend->columnSpacing() + legend->iconSize().width() +
                                        legend->iconTextPadding())) /
               columns;
    };
    int columns = 1;
    while (columns < count && axisHeight > 0.0 &&
           double((count + columns - 1) / columns) * rowHeight > maxLegendShare * axisHeight &&
           columnRoom(columns + 1) >= minimumColumnCharacters * metrics.averageCharWidth())
        ++columns;
    const double rowsHeight = double((count + columns - 1) / columns) * rowHeight;
    const bool legendShown = axisHeight <= 0.0 || rowsHeight <= hiddenLegendShare * axisHeight;
    if (legendShown != legend->visible()) {
        legend->setVisible(legendShown);
        changed = true;
    }
    // An empty legend has no columns to compare.
    if ((count > 0 && columns != legend->columnCount()) || legend->wrap() != columns) {
        changed = true;
        legend->setWrap(columns);
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    }
    // A few pixels for rounding in QCustomPlot's own text measure.
    room = std::max(columnRoom(columns) - 4, 0);
    for (int g = 0; g < m_plot->graphCount(); ++g) {
        QCPGraph *graph = m_plot->graph(g);
        const QString fullName = graph->property("fullName").toString();
        if (fullName.isEmpty())
            continue;
        // Several columns keep the start of each name, which the list of losses also shows.
        const QString name =
            metrics.elidedText(fullName, columns > 1 ? Qt::ElideRight : Qt::ElideMiddle, room);
        if (name != graph->name()) {
            graph->setName(name);
            changed = true;
        }
    }
    return changed;
}

QString LossCurveView::legendNameAt(const QPoint &position) const
{
    if (!m_plot->legend->visible())
        return {};
    for (int k = 0; k < m_plot->legend->itemCount(); ++k) {
        auto *item = qobject_cast<QCPPlottableLegendItem *>(m_plot->legend->item(k));
        if (item && item->visible() && item->outerRect().contains(position))
            return item->plottable()->property("fullName").toString();
    }
    return {};
}

bool LossCurveView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot && event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const QString name = legendNameAt(help->pos());
        if (name.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), name, m_plot);
        return true;
    }
    if (watched == m_plot && event->type() == QEvent::MouseMove) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const double input = m_plot->xAxis->pixelToCoord(mouse->position().x());
        if (std::isfinite(input))
            emit hoverText(readOut(input));
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace losslens
