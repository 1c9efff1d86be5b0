#pragma once

#include <QFont>
#include <QObject>

class QAction;
class QWidget;

namespace losslens {

class PresentationLayout;
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

    QWidget *m_window;
    SessionModel *m_model;
    QAction *m_action;
    // The arrangement of a main window for the larger font, or nullptr for another window.
    PresentationLayout *m_layout = nullptr;
    bool m_active = false;
    // The window state and application font before entering, restored on leaving.
    Qt::WindowStates m_windowState;
    QFont m_font;
};

} // namespace losslens
