#pragma once

#include <QComboBox>
#include <QFont>
#include <QPointer>
#include <QList>
#include <QObject>
#include <QSize>

class QAction;
class QWidget;

namespace losslens {

class SessionModel;

// Presentation mode for teaching in front of a class: the window full screen, the application
// font and every plot's fonts larger, lines and markers thicker, and the runs and losses drawn in
// Okabe and Ito's colour-blind-safe palette. The session's own colours stay as they are, since
// the plots map them as they draw. Leaving restores the window state, the font and the plots.
class PresentationMode : public QObject
{
    Q_OBJECT

public:
    // Chosen to read from the back of a classroom on a projector.
    static constexpr double fontScale = 1.6;
    static constexpr double lineScale = 2.0;
    static constexpr double markerScale = 1.5;

    PresentationMode(QWidget *window, SessionModel *model);
    ~PresentationMode() override;

    bool isActive() const { return m_active; }
    void setActive(bool active);
    // View > Presentation mode: checkable, F11.
    QAction *action() const { return m_action; }

signals:
    void activeChanged(bool active);

private:
    void updateSeriesColours();
    // Fits the window to presentation mode's larger font on a screen as small as 1280 x 720.
    // The controls dock scrolls sideways at up to a third of the screen and the plots keep a
    // minimum size. The landscape's row gets more height, the playback bar gets compact and
    // the status bar hides.
    void arrangeForPresentation();
    // Undoes arrangeForPresentation().
    void restoreArrangement();

    QWidget *m_window;
    SessionModel *m_model;
    QAction *m_action;
    bool m_active = false;
    // The window state and application font before entering, restored on leaving.
    Qt::WindowStates m_windowState;
    QFont m_font;
    // The layout before arrangeForPresentation() changed it, restored on leaving.
    QByteArray m_dockState;
    QByteArray m_geometry;
    Qt::ScrollBarPolicy m_controlsScrollPolicy = Qt::ScrollBarAlwaysOff;
    QList<QPair<QWidget *, QSize>> m_minimumSizes;
    QList<int> m_rowSizes;
    QList<QPair<QPointer<QComboBox>, QPair<QComboBox::SizeAdjustPolicy, int>>> m_comboPolicies;
    int m_dockMinimumWidth = -1;
    bool m_statusBarShown = true;
};

} // namespace losslens
