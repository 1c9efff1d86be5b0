#pragma once

#include "sessionmodel.h"

#include <QObject>
#include <QPointF>

class QCustomPlot;
class QCPGraph;
class QCPLayer;
class QKeyEvent;
class QMouseEvent;

namespace losslens {

class ReplotScheduler;

// Edits the data view's points with the mouse and the keyboard. Every edit goes through the
// session model, so it is undoable and every view follows it, during a drag too:
// - a left click on empty space adds a point, and a drag that starts there moves the new point;
// - a left drag on a point moves it, and the add or the moves of one press are one undo step;
// - a right click on a point removes it, and Delete or Backspace removes the highlighted point:
//   the one under the cursor, else the selected one (the last clicked, added or moved).
// The wheel zoom and the right drag on empty space, which pans, stay with the plot.
//
// Data whose targets are all 0 or 1 (Dataset::hasBinaryLabels) is classification data, and
// edits keep it so. A click adds a point with the label nearer to the click's y, or the other
// label with Shift. A drag moves a point along x only.
class DataPointEditor : public QObject
{
    Q_OBJECT

public:
    // Distance in pixels from a point's centre within which the mouse takes the point. The
    // points are drawn 7 pixels wide, so this leaves a few pixels of slack around them.
    static constexpr double grabRadius = 8.0;

    // Draws the highlight and the moving point, in the style of the graph points, on a
    // buffered layer of its own above the layer highlightAbove.
    DataPointEditor(SessionModel *model, QCPGraph *points, ReplotScheduler *replots,
                    QCPLayer *highlightAbove);

    // The index of the point nearest to a pixel position of the plot, if it lies within
    // grabRadius of it, or -1. A linear scan in data units scaled to pixels.
    int pointAt(const QPointF &pixel) const;
    // The last point clicked, added or moved, or -1.
    int selectedPoint() const { return m_selected; }
    // The point drawn highlighted, which Delete removes: the one under the cursor, else the
    // selected one, or -1.
    int highlightedPoint() const { return m_hovered >= 0 ? m_hovered : m_selected; }
    // The point that a drag is moving, which this editor draws itself, or -1.
    int movingPoint() const { return m_dragStarted ? m_dragged : -1; }
    QCPGraph *highlightGraph() const { return m_highlight; }
    // How to edit the current data with the mouse and the keys, for the plot's tooltip.
    QString instructions() const;

signals:
    // The position under the cursor and what a click there does, for the status bar.
    void hoverText(const QString &text);
    // Why an edit was rejected, or why the edited data still cannot be fitted, for the status
    // bar.
    void editMessage(const QString &message);
    // A drag started moving a point, or it ended (index -1).
    void movingPointChanged(int index);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool handlePress(QMouseEvent *mouse);
    bool handleMove(QMouseEvent *mouse);
    bool handleRelease(QMouseEvent *mouse);
    bool handleKey(QKeyEvent *key);
    void onModelChanged(SessionModel::Changes changes);

    void addPoint(const QPointF &pixel, bool otherLabel);
    void dragTo(const QPointF &pixel);
    void removePoint(int index);
    // Emits editMessage for a rejection, or for edited data that still cannot be fitted.
    void reportEdit(const QString &rejection);

    void setHovered(int index);
    // Ends the drag, if any, and emits movingPointChanged(-1) when a point was moving.
    void endDrag();
    void updateHighlight();
    void updateCursor();
    // The hover text for a pixel position and the point under it (or -1).
    QString describePosition(const QPointF &pixel, int index) const;
    QPointF pointPixel(int index) const;

    SessionModel *m_model;
    QCustomPlot *m_plot;
    ReplotScheduler *m_replots;
    QCPLayer *m_highlightLayer;
    QCPGraph *m_highlight;
    QCPGraph *m_movingPoint;
    int m_selected = -1;
    int m_hovered = -1;
    // The point that the left button holds, or -1.
    int m_dragged = -1;
    // Whether the dragged point moves along x only, because the data has 0/1 labels.
    bool m_dragAlongFeature = false;
    // Whether the cursor has gone QApplication::startDragDistance() from the press, so a click
    // that only selects a point never moves it by the mouse's jitter.
    bool m_dragStarted = false;
    QPointF m_pressPixel;
    // The dragged point's centre minus the press position, so the point keeps its place under
    // the cursor rather than jumping to it.
    QPointF m_grabOffset;
    // The point that the right button was pressed on, which its release removes, or -1.
    int m_rightPressed = -1;
    // True while this editor's own call changes the model, so onModelChanged keeps the
    // selection, which any other change of the data resets.
    bool m_editing = false;
};

} // namespace losslens
