#include "datapointeditor.h"

#include "plotsupport.h"
#include "replotscheduler.h"
#include "uilogging.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QKeyEvent>
#include <QMouseEvent>

#include <algorithm>

namespace losslens {

namespace {

// The label a click adds to classification data: the nearer of 0 and 1 to the click's target
// value, or the other one when otherLabel is set.
double labelForClick(double target, bool otherLabel)
{
    const bool nearerIsOne = target >= 0.5;
    return (nearerIsOne != otherLabel) ? 1.0 : 0.0;
}

} // namespace

DataPointEditor::DataPointEditor(SessionModel *model, QCPGraph *points, ReplotScheduler *replots,
                                 QCPLayer *highlightAbove)
    : QObject(points->parentPlot()), m_model(model), m_plot(points->parentPlot()),
      m_replots(replots)
{
    m_plot->addLayer(QStringLiteral("highlight"), highlightAbove, QCustomPlot::limAbove);
    m_highlightLayer = m_plot->layer(QStringLiteral("highlight"));
    m_highlightLayer->setMode(QCPLayer::lmBuffered);

    m_highlight = new QCPGraph(m_plot->xAxis, m_plot->yAxis);
    m_highlight->setLayer(m_highlightLayer);
    m_highlight->setLineStyle(QCPGraph::lsNone);
    m_highlight->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(220, 20, 60), 2.5), Qt::NoBrush, 15));
    m_highlight->setVisible(false);
    m_highlight->setSelectable(QCP::stNone);

    m_movingPoint = new QCPGraph(m_plot->xAxis, m_plot->yAxis);
    m_movingPoint->setLayer(m_highlightLayer);
    m_movingPoint->setLineStyle(QCPGraph::lsNone);
    m_movingPoint->setScatterStyle(points->scatterStyle());
    m_movingPoint->setVisible(false);
    m_movingPoint->setSelectable(QCP::stNone);

    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    connect(m_model, &SessionModel::changed, this, &DataPointEditor::onModelChanged);
}

int DataPointEditor::pointAt(const QPointF &pixel) const
{
    const Dataset &data = m_model->data();
    if (data.isEmpty())
        return -1;
    const QCPAxis *x = m_plot->xAxis;
    const QCPAxis *y = m_plot->yAxis;
    // Data units per pixel along each axis, which are linear in the data view.
    const double xPerPixel = x->range().size() / std::max(1, x->axisRect()->width());
    const double yPerPixel = y->range().size() / std::max(1, y->axisRect()->height());
    const double cursorX = x->pixelToCoord(pixel.x());
    const double cursorY = y->pixelToCoord(pixel.y());
    // Squared distances in pixels in one vectorized pass over the data.
    const Eigen::ArrayXd dx = (data.feature.array() - cursorX) / xPerPixel;
    const Eigen::ArrayXd dy = (data.target.array() - cursorY) / yPerPixel;
    Eigen::Index nearest = 0;
    const double squaredDistance = (dx.square() + dy.square()).minCoeff(&nearest);
    return squaredDistance <= grabRadius * grabRadius ? int(nearest) : -1;
}

QString DataPointEditor::instructions() const
{
    const QString common =
        tr("Right-click a point to remove it, or press Delete to remove the highlighted point "
           "(the one under the cursor, else the last one clicked). The wheel zooms and a right "
           "drag on empty space pans. Ctrl+Z undoes each edit and Ctrl+Shift+Z redoes it.");
    if (m_model->data().hasBinaryLabels()) {
        return tr("The targets are 0/1 labels, so edits keep them: a click on empty space adds "
                  "a point with the label nearer to the click (1 at 0.5 and above, else 0), and "
                  "Shift+click adds one with the other label. A drag moves a point along x "
                  "only.\n") +
               common;
    }
    return tr("A click on empty space adds a point there, and a drag moves a point.\n") + common;
}

bool DataPointEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot)
        return false;
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
        // A second click in quick succession arrives as a double click, and acts as a press.
        return handlePress(static_cast<QMouseEvent *>(event));
    case QEvent::MouseMove:
        return handleMove(static_cast<QMouseEvent *>(event));
    case QEvent::MouseButtonRelease:
        return handleRelease(static_cast<QMouseEvent *>(event));
    case QEvent::KeyPress:
        return handleKey(static_cast<QKeyEvent *>(event));
    case QEvent::Leave:
        setHovered(-1);
        return false;
    default:
        return false;
    }
}

bool DataPointEditor::handlePress(QMouseEvent *mouse)
{
    const QPointF pixel = mouse->position();
    if (!m_plot->axisRect()->rect().contains(pixel.toPoint()))
        return false;
    const int index = pointAt(pixel);
    if (mouse->button() == Qt::RightButton) {
        // A right press on empty space is left to RightButtonPan, which pans.
        if (index < 0)
            return false;
        m_rightPressed = index;
        return true;
    }
    if (mouse->button() != Qt::LeftButton)
        return false;

    m_model->finishGesture();
    m_pressPixel = pixel;
    m_dragStarted = false;
    m_dragAlongFeature = m_model->data().hasBinaryLabels();
    if (index >= 0) {
        m_dragged = index;
        m_grabOffset = pointPixel(index) - pixel;
        m_selected = index;
        updateHighlight();
    } else {
        addPoint(pixel, mouse->modifiers() & Qt::ShiftModifier);
    }
    updateCursor();
    return true;
}

bool DataPointEditor::handleMove(QMouseEvent *mouse)
{
    const QPointF pixel = mouse->position();
    if (m_dragged >= 0) {
        if (!m_dragStarted &&
            (pixel - m_pressPixel).manhattanLength() < QApplication::startDragDistance())
            return true;
        if (!m_dragStarted) {
            m_dragStarted = true;
            emit movingPointChanged(m_dragged);
            updateHighlight();
        }
        dragTo(pixel);
        return true;
    }
    if (m_rightPressed >= 0)
        return true;
    // A right drag that pans belongs to RightButtonPan.
    if (mouse->buttons() != Qt::NoButton)
        return false;
    const bool inside = m_plot->axisRect()->rect().contains(pixel.toPoint());
    const int index = inside ? pointAt(pixel) : -1;
    setHovered(index);
    updateCursor();
    if (inside)
        emit hoverText(describePosition(pixel, index));
    return false;
}

bool DataPointEditor::handleRelease(QMouseEvent *mouse)
{
    if (mouse->button() == Qt::RightButton && m_rightPressed >= 0) {
        const int index = m_rightPressed;
        m_rightPressed = -1;
        // Releasing away from the point cancels the removal.
        if (pointAt(mouse->position()) == index) {
            m_model->finishGesture();
            removePoint(index);
        }
        return true;
    }
    if (mouse->button() != Qt::LeftButton || m_dragged < 0)
        return false;
    endDrag();
    m_model->finishGesture();
    setHovered(pointAt(mouse->position()));
    updateCursor();
    return true;
}

bool DataPointEditor::handleKey(QKeyEvent *key)
{
    if (key->key() != Qt::Key_Delete && key->key() != Qt::Key_Backspace)
        return false;
    if (key->modifiers() != Qt::NoModifier && key->modifiers() != Qt::KeypadModifier)
        return false;
    const int index = highlightedPoint();
    if (index < 0) {
        emit editMessage(tr("No point to remove: hover over a point or click one, then press "
                            "Delete."));
        return true;
    }
    m_model->finishGesture();
    removePoint(index);
    return true;
}

void DataPointEditor::onModelChanged(SessionModel::Changes changes)
{
    if (!(changes & SessionModel::DataChanged))
        return;
    const Eigen::Index size = m_model->data().size();
    // New data, or an undo, may put other points at the indices held here.
    if (!m_editing) {
        m_selected = -1;
        m_rightPressed = -1;
        endDrag();
    }
    m_hovered = -1;
    if (m_selected >= size)
        m_selected = -1;
    updateHighlight();
    updateCursor();
}

void DataPointEditor::addPoint(const QPointF &pixel, bool otherLabel)
{
    const double feature = m_plot->xAxis->pixelToCoord(pixel.x());
    double target = m_plot->yAxis->pixelToCoord(pixel.y());
    if (m_dragAlongFeature)
        target = labelForClick(target, otherLabel);
    m_editing = true;
    const QString rejection = m_model->addDataPoint(feature, target);
    m_editing = false;
    if (rejection.isEmpty()) {
        m_selected = static_cast<int>(m_model->data().size()) - 1;
        m_dragged = m_selected;
        // A label away from the click leaves the point off the cursor's y, which the drag
        // ignores.
        m_grabOffset = QPointF(0.0, 0.0);
        updateHighlight();
    }
    reportEdit(rejection);
}

void DataPointEditor::dragTo(const QPointF &pixel)
{
    const Dataset &data = m_model->data();
    if (m_dragged >= data.size())
        return;
    const QPointF centre = pixel + m_grabOffset;
    const double feature = m_plot->xAxis->pixelToCoord(centre.x());
    const double target =
        m_dragAlongFeature ? data.target[m_dragged] : m_plot->yAxis->pixelToCoord(centre.y());
    m_editing = true;
    const QString rejection = m_model->moveDataPoint(m_dragged, feature, target);
    m_editing = false;
    reportEdit(rejection);
}

void DataPointEditor::removePoint(int index)
{
    m_editing = true;
    const QString rejection = m_model->removeDataPoint(index);
    m_editing = false;
    if (rejection.isEmpty()) {
        if (m_selected == index)
            m_selected = -1;
        else if (m_selected > index)
            --m_selected;
        updateHighlight();
    }
    reportEdit(rejection);
}

void DataPointEditor::reportEdit(const QString &rejection)
{
    if (!rejection.isEmpty()) {
        qCDebug(lcUi) << "data edit rejected:" << rejection;
        emit editMessage(rejection);
        return;
    }
    // Data that could not be fitted before an edit may still be unfittable after it.
    const QString problem = lineFitProblem(m_model->data());
    if (!problem.isEmpty())
        emit editMessage(tr("The data cannot be fitted yet: %1").arg(problem));
}

void DataPointEditor::endDrag()
{
    const bool moving = movingPoint() >= 0;
    m_dragged = -1;
    m_dragStarted = false;
    updateHighlight();
    if (moving)
        emit movingPointChanged(-1);
}

void DataPointEditor::setHovered(int index)
{
    if (index == m_hovered)
        return;
    m_hovered = index;
    updateHighlight();
}

void DataPointEditor::updateHighlight()
{
    const int index = highlightedPoint();
    const Dataset &data = m_model->data();
    const bool visible = index >= 0 && index < data.size();
    bool changed = visible != m_highlight->visible();
    if (visible) {
        const double x = data.feature[index];
        const double y = data.target[index];
        const auto current = m_highlight->data()->constBegin();
        changed = changed || m_highlight->dataCount() != 1 || current->key != x ||
                  current->value != y;
        if (changed)
            m_highlight->setData({x}, {y}, true);
    }
    m_highlight->setVisible(visible);

    // The data view leaves the moving point out of its scatter, so this layer alone is redrawn
    // on each step of a drag.
    const int moving = movingPoint();
    const bool movingVisible = moving >= 0 && moving < data.size();
    changed = changed || movingVisible != m_movingPoint->visible();
    if (movingVisible) {
        m_movingPoint->setData({data.feature[moving]}, {data.target[moving]}, true);
        changed = true;
    }
    m_movingPoint->setVisible(movingVisible);
    if (changed)
        m_replots->requestLayerReplot(m_highlightLayer);
}

void DataPointEditor::updateCursor()
{
    Qt::CursorShape shape = Qt::CrossCursor;
    if (m_dragged >= 0)
        shape = Qt::ClosedHandCursor;
    else if (m_hovered >= 0)
        shape = Qt::OpenHandCursor;
    if (m_plot->cursor().shape() != shape)
        m_plot->setCursor(shape);
}

QString DataPointEditor::describePosition(const QPointF &pixel, int index) const
{
    const Dataset &data = m_model->data();
    if (index >= 0) {
        return tr("Point %1 of %2: %3 = %4, %5 = %6. Drag to move it; right-click or Delete "
                  "removes it.")
            .arg(index + 1)
            .arg(data.size())
            .arg(data.featureName, shortNumber(data.feature[index]), data.targetName,
                 shortNumber(data.target[index]));
    }
    const double x = m_plot->xAxis->pixelToCoord(pixel.x());
    const double y = m_plot->yAxis->pixelToCoord(pixel.y());
    if (data.hasBinaryLabels()) {
        const double label = labelForClick(y, false);
        return tr("%1 = %2: click to add a point with label %3 here, Shift+click for label %4.")
            .arg(data.featureName, shortNumber(x))
            .arg(label)
            .arg(1.0 - label);
    }
    return tr("%1 = %2, %3 = %4: click to add a point here.")
        .arg(data.featureName, shortNumber(x), data.targetName, shortNumber(y));
}

QPointF DataPointEditor::pointPixel(int index) const
{
    const Dataset &data = m_model->data();
    return {m_plot->xAxis->coordToPixel(data.feature[index]),
            m_plot->yAxis->coordToPixel(data.target[index])};
}

} // namespace losslens
