#pragma once

#include <QByteArray>
#include <QComboBox>
#include <QFont>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSize>
#include <QTimer>

class QMainWindow;
class QWidget;

namespace losslens {

// The main window's arrangement in presentation mode, fitted to the larger font on a screen as
// small as 1280 x 720. The controls dock scrolls sideways at up to a quarter of the screen and
// the plots keep a minimum size. The check boxes, buttons and combo boxes above the plots keep
// the normal font. The top row of views gets the height it needs and the landscape's row the
// rest. The playback bar gets compact and the status bar hides. restore() puts each of them
// back, the dock's width included.
class PresentationLayout : public QObject
{
    Q_OBJECT

public:
    explicit PresentationLayout(QMainWindow *window);

    // Rearranges the window. Call it after the application font has grown, with the font
    // from before, which the views' header rows keep.
    void apply(const QFont &normalFont);
    // Undoes apply(). Call it after the application font is back to normal.
    void restore();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fit();
    // Sets the controls dock's width from what the views leave of the screen's width.
    void fitDock();
    // Splits each row's width between its views so that the top row needs the least height
    // and the landscape the fewest legend lines, then gives the top row the height it needs
    // and the rest to the landscape's row.
    void fitRows();

    QMainWindow *m_window;
    bool m_applied = false;
    // Runs fit() once on the next pass of the event loop, however often it is started.
    QTimer m_fit;
    // The layout before apply() changed it, restored on leaving.
    QByteArray m_dockState;
    QByteArray m_geometry;
    int m_dockWidth = -1;
    Qt::ScrollBarPolicy m_controlsScrollPolicy = Qt::ScrollBarAlwaysOff;
    QList<QPair<QPointer<QWidget>, QSize>> m_minimumSizes;
    QList<int> m_rowSizes;
    // The widths of the views in each row, before fitRows() first moved them.
    QList<QList<int>> m_columnSizes;
    QList<QPair<QPointer<QComboBox>, QPair<QComboBox::SizeAdjustPolicy, int>>> m_comboPolicies;
    // The header controls that apply() gave the normal font, which inherit it again on leaving.
    QList<QPointer<QWidget>> m_normalFontControls;
    int m_dockMinimumWidth = -1;
    bool m_statusBarShown = true;
};

} // namespace losslens
