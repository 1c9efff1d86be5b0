#include "presentation.h"

#include "plotstyle.h"
#include "sessionmodel.h"

#include "playbackbar.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QPointer>
#include <QStyle>
#include <QDockWidget>
#include <QMainWindow>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QWidget>

namespace losslens {

PresentationMode::PresentationMode(QWidget *window, SessionModel *model)
    : QObject(window), m_window(window), m_model(model), m_action(new QAction(this))
{
    m_action->setText(tr("&Presentation mode"));
    m_action->setCheckable(true);
    m_action->setShortcut(QKeySequence(Qt::Key_F11));
    m_action->setToolTip(tr("Full screen with larger text, thicker lines and colour-blind-safe "
                            "colours, for a projector (F11)"));
    connect(m_action, &QAction::toggled, this, &PresentationMode::setActive);
    connect(m_model, &SessionModel::changed, this, &PresentationMode::updateSeriesColours);
    updateSeriesColours();
}

PresentationMode::~PresentationMode()
{
    // The font and the plot look belong to the application, which outlives this window.
    if (m_active) {
        QApplication::setFont(m_font);
        PlotStyle *style = PlotStyle::instance();
        style->clearBaseFont();
        PlotLook look = style->look();
        look.fontScale = look.lineScale = look.markerScale = 1.0;
        look.colourBlindPalette = false;
        style->setLook(look);
    }
}

void PresentationMode::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    m_action->setChecked(active);
    PlotStyle *style = PlotStyle::instance();
    PlotLook look = style->look();
    if (active) {
        m_windowState = m_window->windowState();
        m_font = QApplication::font();
        style->setBaseFont(m_font);
        QFont large = m_font;
        if (large.pointSizeF() > 0.0)
            large.setPointSizeF(large.pointSizeF() * fontScale);
        else
            large.setPixelSize(int(std::lround(large.pixelSize() * fontScale)));
        QApplication::setFont(large);
        look.fontScale = fontScale;
        look.lineScale = lineScale;
        look.markerScale = markerScale;
        look.colourBlindPalette = true;
        updateSeriesColours();
        style->setLook(look);
        arrangeForPresentation();
        m_window->setWindowState(m_windowState | Qt::WindowFullScreen);
    } else {
        m_window->setWindowState(m_windowState);
        QApplication::setFont(m_font);
        restoreArrangement();
        style->clearBaseFont();
        look.fontScale = look.lineScale = look.markerScale = 1.0;
        look.colourBlindPalette = false;
        style->setLook(look);
    }
    emit activeChanged(active);
}

void PresentationMode::updateSeriesColours()
{
    // Runs first: their paths, lines and curves are what a class follows.
    std::vector<QColor> colours;
    for (int i = 0; i < m_model->runCount(); ++i)
        colours.push_back(m_model->runEntry(i).colour);
    for (int i = 0; i < m_model->lossCount(); ++i) {
        if (m_model->lossEntry(i).enabled)
            colours.push_back(m_model->lossEntry(i).colour);
    }
    PlotStyle::instance()->setSeriesColours(colours);
}

namespace {

// Large enough for the axes, the title and a readable curve at 1.6 times the font, small enough
// that two rows of views, their legends, the menu and the bars fit 720 pixels.
const QSize minimumPlotSize(280, 170);
// The share of the screen's width the controls dock may take; it scrolls sideways beyond.
constexpr double maximumDockShare = 0.32;
constexpr int minimumDockWidth = 200;
// Combo boxes of the views' headers shrink to this many characters and elide their text.
constexpr int shrunkComboCharacters = 6;
// The landscape's row is the one a class follows, so it gets the larger share of the height.
constexpr int topRowShare = 40;
constexpr int bottomRowShare = 60;

} // namespace

void PresentationMode::arrangeForPresentation()
{
    auto *window = qobject_cast<QMainWindow *>(m_window);
    if (!window)
        return;
    m_dockState = window->saveState();
    m_geometry = window->saveGeometry();
    if (auto *bar = window->findChild<PlaybackBar *>())
        bar->setCompact(true);
    // The status bar's cursor read-outs are too small to read from a classroom, and its line
    // of height goes to the plots.
    m_statusBarShown = window->statusBar()->isVisibleTo(window);
    window->statusBar()->hide();
    m_minimumSizes.clear();
    m_rowSizes.clear();
    if (QWidget *central = window->centralWidget()) {
        for (QCustomPlot *plot : central->findChildren<QCustomPlot *>()) {
            m_minimumSizes.append({plot, plot->minimumSize()});
            plot->setMinimumSize(plot->minimumSize().expandedTo(minimumPlotSize));
        }
        // The header rows' combo boxes would otherwise keep the views wider than a narrow
        // screen allows; their full choices stay in the open list.
        m_comboPolicies.clear();
        for (QComboBox *box : central->findChildren<QComboBox *>()) {
            m_comboPolicies.append({box, {box->sizeAdjustPolicy(), box->minimumContentsLength()}});
            box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
            box->setMinimumContentsLength(shrunkComboCharacters);
        }
        if (auto *rows = qobject_cast<QSplitter *>(central);
            rows && rows->orientation() == Qt::Vertical && rows->count() == 2) {
            m_rowSizes = rows->sizes();
            const int height = m_rowSizes[0] + m_rowSizes[1];
            rows->setSizes({height * topRowShare / 100, height * bottomRowShare / 100});
        }
    }
    auto *dock = window->findChild<QDockWidget *>(QStringLiteral("controlsDock"));
    auto *scroll = dock ? qobject_cast<QScrollArea *>(dock->widget()) : nullptr;
    if (!scroll || !scroll->widget())
        return;
    m_controlsScrollPolicy = scroll->horizontalScrollBarPolicy();
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    // After the new font has reached the controls' size hints, on the next pass of the loop.
    QTimer::singleShot(0, this, [this, window, dock, scroll] {
        if (!m_active || !scroll->widget())
            return;
        const QScreen *screen = window->screen();
        const int screenWidth = screen ? screen->availableGeometry().width() : window->width();
        const int needed = scroll->widget()->minimumSizeHint().width() +
                           scroll->verticalScrollBar()->sizeHint().width() +
                           2 * scroll->frameWidth();
        // What the views leave, but never narrower than minimumDockWidth, beyond which the
        // controls are not worth showing.
        const int viewsWidth = window->centralWidget()
                                   ? window->centralWidget()->minimumSizeHint().width()
                                   : 0;
        const int separators =
            2 * window->style()->pixelMetric(QStyle::PM_DockWidgetSeparatorExtent);
        const int left = screenWidth - viewsWidth - separators;
        const int share = int(maximumDockShare * screenWidth);
        const int width = std::max(std::min({needed, share, left}), minimumDockWidth);
        // A minimum width, since the views' own minimum widths would otherwise squeeze the
        // dock to a sliver on a narrow screen.
        if (m_dockMinimumWidth < 0)
            m_dockMinimumWidth = dock->minimumWidth();
        dock->setMinimumWidth(width);
        window->resizeDocks({dock}, {width}, Qt::Horizontal);
    });
}

void PresentationMode::restoreArrangement()
{
    auto *window = qobject_cast<QMainWindow *>(m_window);
    if (!window)
        return;
    if (auto *bar = window->findChild<PlaybackBar *>())
        bar->setCompact(false);
    window->statusBar()->setVisible(m_statusBarShown);
    for (const auto &[widget, size] : std::as_const(m_minimumSizes))
        widget->setMinimumSize(size);
    m_minimumSizes.clear();
    for (const auto &[box, policy] : std::as_const(m_comboPolicies)) {
        if (box) {
            box->setSizeAdjustPolicy(policy.first);
            box->setMinimumContentsLength(policy.second);
        }
    }
    m_comboPolicies.clear();
    if (auto *rows = qobject_cast<QSplitter *>(window->centralWidget());
        rows && m_rowSizes.size() == rows->count())
        rows->setSizes(m_rowSizes);
    m_rowSizes.clear();
    auto *dock = window->findChild<QDockWidget *>(QStringLiteral("controlsDock"));
    if (auto *scroll = dock ? qobject_cast<QScrollArea *>(dock->widget()) : nullptr)
        scroll->setHorizontalScrollBarPolicy(m_controlsScrollPolicy);
    if (dock && m_dockMinimumWidth >= 0)
        dock->setMinimumWidth(m_dockMinimumWidth);
    m_dockMinimumWidth = -1;
    // Once now, and again after the smaller font has reached the size hints. Without a window
    // manager, or when a minimum size grew the window, leaving full screen keeps the size.
    const auto restoreLayout = [window, dockState = m_dockState, geometry = m_geometry] {
        if (!(window->windowState() & Qt::WindowFullScreen))
            window->restoreGeometry(geometry);
        if (!dockState.isEmpty())
            window->restoreState(dockState);
    };
    restoreLayout();
    QTimer::singleShot(0, window, restoreLayout);
}

} // namespace losslens
