#include "runarrows.h"

#include "runpaths.h"

#include <qcustomplot.h>

#include <QComboBox>

#include <algorithm>
#include <cmath>

namespace losslens {

namespace {

const QString arrowLayer = QStringLiteral("runArrows");
const QColor arrowInk(20, 20, 20);

QCPGraph *addKey(QCustomPlot *plot, const QPen &pen)
{
    QCPGraph *key = plot->addGraph();
    key->setPen(pen);
    key->setVisible(false);
    return key;
}

} // namespace

RunArrows::RunArrows(QCustomPlot *plot, SessionModel *model, TrainingController *training,
                     QWidget *controlsParent)
    : QObject(plot), m_plot(plot), m_model(model), m_training(training),
      m_modeBox(new QComboBox(controlsParent))
{
    m_modeBox->addItem(tr("Arrows: selected run"), int(Mode::SelectedRun));
    m_modeBox->addItem(tr("Arrows: every run"), int(Mode::EveryRun));
    m_modeBox->addItem(tr("No arrows"), int(Mode::None));
    m_modeBox->setToolTip(
        tr("Arrows at a run's current point: its next step in the run's colour, the gradient "
           "step −lr·∇L (solid black) and −lr·v for an optimizer with a velocity (dashed), all "
           "magnified by the factor the legend gives."));
    // Above the paths and the contour labels, whatever is added to the plot later.
    if (!m_plot->layer(arrowLayer)) {
        QCPLayer *below = m_plot->layer(QStringLiteral("runPaths"));
        m_plot->addLayer(arrowLayer, below ? below : m_plot->layer(QStringLiteral("main")),
                         QCustomPlot::limAbove);
    }
    m_plot->layer(arrowLayer)->setMode(QCPLayer::lmBuffered);
    createKeys();
    connect(m_modeBox, &QComboBox::currentIndexChanged, this, [this] {
        update();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    // The magnification depends on the pixels per unit, so a zoom recomputes it.
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis})
        connect(axis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
                &RunArrows::update);
}

void RunArrows::createKeys()
{
    m_stepKey = addKey(m_plot, QPen(QColor(90, 90, 90), 3.5));
    m_gradientKey = addKey(m_plot, QPen(arrowInk, 1.5));
    m_velocityKey = addKey(m_plot, QPen(arrowInk, 1.5, Qt::DashLine));
}

RunArrows::Mode RunArrows::mode() const
{
    return static_cast<Mode>(m_modeBox->currentData().toInt());
}

QCPLayer *RunArrows::layer() const
{
    return m_plot->layer(arrowLayer);
}

void RunArrows::clear()
{
    for (QCPItemLine *item : m_arrows) {
        item->setVisible(false);
        m_spareArrows.push_back(item);
    }
    for (QCPItemLine *item : m_halos) {
        item->setVisible(false);
        m_spareHalos.push_back(item);
    }
    m_arrows.clear();
    m_halos.clear();
    for (QCPGraph *key : {m_stepKey, m_gradientKey, m_velocityKey})
        key->setVisible(false);
    m_magnification = 0.0;
}

void RunArrows::update()
{
    clear();
    // The legend lists plottables in creation order. Paths made after the keys, for a run added
    // later, would come after them, so the keys move to the end again.
    if (m_plot->plottable(m_plot->plottableCount() - 1) != m_velocityKey) {
        for (QCPGraph *key : {m_stepKey, m_gradientKey, m_velocityKey})
            m_plot->removeGraph(key);
        createKeys();
    }
    if (mode() == Mode::None)
        return;
    std::vector<Arrow> arrows;
    bool anyVelocity = false;
    // The run whose arrows are drawn in the selected run's mode, which the key names, because
    // the landscape may show another loss than that run's.
    int drawnRun = -1;
    const int selected = m_model->state().selectedRun;
    for (int i = 0; i < std::min(m_model->runCount(), m_training->runCount()); ++i) {
        const RunTrack *run = m_training->run(i);
        if (!run || (mode() == Mode::SelectedRun && i != selected))
            continue;
        const auto objective = m_model->objective(m_model->runEntry(i).lossIndex);
        const std::optional<UpdatePreview> preview = run->previewUpdate(*objective);
        if (!preview)
            continue;
        const Eigen::Vector2d origin = run->current().theta;
        const double rate = preview->learningRate;
        drawnRun = i;
        // The wide step first, so the thin black arrows stay visible where they overlap it, as
        // the gradient step does all along for gradient descent.
        arrows.push_back({origin, preview->step, QPen(m_model->runEntry(i).colour, 3.5)});
        arrows.push_back({origin, -rate * preview->gradient, QPen(arrowInk, 1.5)});
        if (preview->velocity) {
            arrows.push_back(
                {origin, -rate * *preview->velocity, QPen(arrowInk, 1.5, Qt::DashLine)});
            anyVelocity = true;
        }
    }
    // A non-finite or zero vector has no arrow, so no painter ever gets an infinite point.
    std::erase_if(arrows, [](const Arrow &arrow) {
        return !arrow.origin.allFinite() || !arrow.vector.allFinite() || arrow.vector.isZero(0.0);
    });
    const QRect rect = m_plot->axisRect()->rect();
    m_magnification = chooseMagnification(arrows, 0.2 * std::min(rect.width(), rect.height()));
    if (m_magnification == 0.0)
        return;
    for (const Arrow &arrow : arrows)
        draw(arrow);
    if (mode() == Mode::SelectedRun && drawnRun >= 0) {
        const int lossIndex = m_model->runEntry(drawnRun).lossIndex;
        m_stepKey->setName(tr("arrows ×%1: next step of %2")
                               .arg(m_magnification, 0, 'g', 3)
                               .arg(m_model->state().losses.at(lossIndex).loss->displayName()));
    } else {
        m_stepKey->setName(tr("arrows ×%1: next step").arg(m_magnification, 0, 'g', 3));
    }
    m_gradientKey->setName(tr("−lr·∇L"));
    m_velocityKey->setName(tr("−lr·v (velocity)"));
    m_stepKey->setVisible(true);
    m_gradientKey->setVisible(true);
    m_velocityKey->setVisible(anyVelocity);
}

double RunArrows::chooseMagnification(const std::vector<Arrow> &arrows, double maximumPixels) const
{
    const QRect rect = m_plot->axisRect()->rect();
    const double xScale = rect.width() / m_plot->xAxis->range().size();
    const double yScale = rect.height() / m_plot->yAxis->range().size();
    double longest = 0.0;
    for (const Arrow &arrow : arrows)
        longest = std::max(longest, std::hypot(arrow.vector[0] * xScale, arrow.vector[1] * yScale));
    const double largest = maximumPixels / longest;
    if (!(longest > 0.0) || !std::isfinite(largest) || !(largest > 0.0))
        return 0.0;
    const double decade = std::pow(10.0, std::floor(std::log10(largest)));
    for (const double factor : {5.0, 2.0}) {
        if (factor * decade <= largest)
            return factor * decade;
    }
    return decade;
}

void RunArrows::draw(const Arrow &arrow)
{
    const QCPRange xRange = m_plot->xAxis->range(), yRange = m_plot->yAxis->range();
    const Eigen::Vector2d end = arrow.origin + m_magnification * arrow.vector;
    const QPointF from(clampToView(arrow.origin[0], xRange), clampToView(arrow.origin[1], yRange));
    const QPointF to(clampToView(end[0], xRange), clampToView(end[1], yRange));
    const QPointF pixels(
        m_plot->xAxis->coordToPixel(to.x()) - m_plot->xAxis->coordToPixel(from.x()),
        m_plot->yAxis->coordToPixel(to.y()) - m_plot->yAxis->coordToPixel(from.y()));
    const double width = arrow.pen.widthF();
    // The head takes at most 40% of a short arrow, so the shaft still shows its direction.
    const double headLength = std::min(5.0 * width + 5.0, 0.4 * std::hypot(pixels.x(), pixels.y()));
    // A white halo under each arrow keeps it readable on every colour of the map.
    const auto take = [this](std::vector<QCPItemLine *> &spares) {
        if (spares.empty()) {
            auto *item = new QCPItemLine(m_plot);
            item->setLayer(arrowLayer);
            return item;
        }
        QCPItemLine *item = spares.back();
        spares.pop_back();
        item->setVisible(true);
        return item;
    };
    QCPItemLine *halo = take(m_spareHalos);
    halo->setPen(QPen(QColor(255, 255, 255, 200), width + 3.0, Qt::SolidLine, Qt::RoundCap));
    halo->setHead(
        QCPLineEnding(QCPLineEnding::esSpikeArrow, 0.8 * headLength + 4.0, headLength + 4.0));
    QCPItemLine *line = take(m_spareArrows);
    line->setPen(arrow.pen);
    line->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, 0.8 * headLength, headLength));
    for (QCPItemLine *item : {halo, line}) {
        item->start->setCoords(from);
        item->end->setCoords(to);
    }
    m_halos.push_back(halo);
    m_arrows.push_back(line);
}

} // namespace losslens
