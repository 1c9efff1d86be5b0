#include "presentationlayout.h"

#include "playbackbar.h"

#include <qcustomplot.h>

#include <QAbstractButton>
#include <QDockWidget>
#include <QLayout>
#include <QMainWindow>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>

#include <functional>
#include <limits>

namespace losslens {

namespace {

// Large enough for the axes, the title and a readable curve at 1.6 times the font, small enough
// that two rows of views, their legends, the menu and the bars fit 720 pixels.
const QSize minimumPlotSize(280, 170);
// The share of the screen's width the controls dock may take; it scrolls sideways beyond.
constexpr double maximumDockShare = 0.25;
constexpr int minimumDockWidth = 200;
// Combo boxes of the views' headers shrink to this many characters and elide their text.
constexpr int shrunkComboCharacters = 6;
// The landscape's row is the one a class follows, so the top row gets what its views need and
// at least this share of the height, and the landscape's row the rest.
constexpr int minimumTopRowShare = 30;

// Steps in which fitRows() tries the split between two views of a row, in pixels.
constexpr int splitStep = 10;

// The height that a view needs at a width, which a legend wrapped to more lines raises.
// QSplitter uses only the minimum size hint, which covers a legend's first line.
int neededHeight(QWidget *view, int width)
{
    int height = view->minimumSizeHint().height();
    if (QLayout *layout = view->layout(); layout && layout->hasHeightForWidth())
        height = std::max(height, layout->minimumHeightForWidth(width));
    return height;
}

int minimumWidth(QWidget *view)
{
    return std::max(view->minimumWidth(), view->minimumSizeHint().width());
}

// The width of a row's first view, among those that leave both views their minimum widths,
// for which `cost` of the two views' widths is smallest. The current width wins a tie.
int bestSplit(QSplitter *row, const std::function<int(int, int)> &cost)
{
    const QList<int> sizes = row->sizes();
    const int width = sizes[0] + sizes[1];
    int best = sizes[0];
    int bestCost = cost(sizes[0], sizes[1]);
    const int last = width - minimumWidth(row->widget(1));
    for (int first = minimumWidth(row->widget(0)); first <= last; first += splitStep) {
        const int candidate = cost(first, width - first);
        if (candidate < bestCost ||
            (candidate == bestCost && std::abs(first - sizes[0]) < std::abs(best - sizes[0]))) {
            best = first;
            bestCost = candidate;
        }
    }
    return best;
}

} // namespace

PresentationLayout::PresentationLayout(QMainWindow *window) : QObject(window), m_window(window)
{
    m_fit.setSingleShot(true);
    m_fit.setInterval(0);
    connect(&m_fit, &QTimer::timeout, this, &PresentationLayout::fit);
}

void PresentationLayout::apply(const QFont &normalFont)
{
    QMainWindow *window = m_window;
    m_applied = true;
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
    m_comboPolicies.clear();
    m_normalFontControls.clear();
    if (QWidget *central = window->centralWidget()) {
        for (QCustomPlot *plot : central->findChildren<QCustomPlot *>()) {
            m_minimumSizes.append({plot, plot->minimumSize()});
            plot->setMinimumSize(plot->minimumSize().expandedTo(minimumPlotSize));
        }
        // The header rows' combo boxes would otherwise keep the views wider than a narrow
        // screen allows; their full choices stay in the open list.
        for (QComboBox *box : central->findChildren<QComboBox *>()) {
            m_comboPolicies.append({box, {box->sizeAdjustPolicy(), box->minimumContentsLength()}});
            box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
            box->setMinimumContentsLength(shrunkComboCharacters);
        }
        // The class reads the plots and the presenter works the controls above them, so those
        // keep the normal font, which leaves the plots height and width on a small screen. A
        // control whose view chose its font keeps that.
        QFont font = normalFont;
        font.setResolveMask(QFont::AllPropertiesResolved);
        QList<QWidget *> controls;
        for (QAbstractButton *button : central->findChildren<QAbstractButton *>())
            controls << button;
        for (QComboBox *box : central->findChildren<QComboBox *>())
            controls << box;
        for (QWidget *control : std::as_const(controls)) {
            if (control->testAttribute(Qt::WA_SetFont))
                continue;
            control->setFont(font);
            m_normalFontControls << control;
        }
        if (auto *rows = qobject_cast<QSplitter *>(central))
            m_rowSizes = rows->sizes();
    }
    auto *dock = window->findChild<QDockWidget *>(QStringLiteral("controlsDock"));
    if (auto *scroll = dock ? qobject_cast<QScrollArea *>(dock->widget()) : nullptr) {
        m_dockWidth = dock->width();
        m_controlsScrollPolicy = scroll->horizontalScrollBarPolicy();
        scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    }
    // After the new font has reached the size hints, on the next pass of the loop, and again
    // whenever the window changes size, as when a window manager makes it full screen later.
    window->installEventFilter(this);
    m_fit.start();
}

bool PresentationLayout::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Resize && m_applied)
        m_fit.start();
    return false;
}

void PresentationLayout::fit()
{
    fitDock();
    // After the views have taken the width the dock left them, which sets their legends' lines.
    QTimer::singleShot(0, this, &PresentationLayout::fitRows);
}

void PresentationLayout::fitRows()
{
    auto *rows = qobject_cast<QSplitter *>(m_window->centralWidget());
    if (!m_applied || !rows || rows->orientation() != Qt::Vertical || rows->count() != 2)
        return;
    auto *top = qobject_cast<QSplitter *>(rows->widget(0));
    auto *bottom = qobject_cast<QSplitter *>(rows->widget(1));
    if (!top || !bottom || top->count() != 2 || bottom->count() != 2)
        return;
    const QList<int> heights = rows->sizes();
    const int height = heights[0] + heights[1];
    // The top row as low as its views allow, since its legends wrap to fewer lines when the
    // view with the longer one gets more of the width.
    const auto topNeeds = [top](int first, int second) {
        return std::max(neededHeight(top->widget(0), first), neededHeight(top->widget(1), second));
    };
    const int topSplit = bestSplit(top, topNeeds);
    const int topWidth = top->sizes()[0] + top->sizes()[1];
    const int topHeight =
        std::max(topNeeds(topSplit, topWidth - topSplit), height * minimumTopRowShare / 100);
    const int bottomHeight = height - topHeight;
    // The landscape, the row's first view, with as few legend lines as the other view allows.
    const auto landscapeNeeds = [bottom, bottomHeight](int first, int second) {
        if (neededHeight(bottom->widget(1), second) > bottomHeight)
            return std::numeric_limits<int>::max();
        return neededHeight(bottom->widget(0), first);
    };
    const int bottomSplit = bestSplit(bottom, landscapeNeeds);
    const int bottomWidth = bottom->sizes()[0] + bottom->sizes()[1];
    if (m_columnSizes.isEmpty())
        m_columnSizes = {top->sizes(), bottom->sizes()};
    top->setSizes({topSplit, topWidth - topSplit});
    bottom->setSizes({bottomSplit, bottomWidth - bottomSplit});
    rows->setSizes({topHeight, bottomHeight});
}

void PresentationLayout::fitDock()
{
    QMainWindow *window = m_window;
    auto *dock = window->findChild<QDockWidget *>(QStringLiteral("controlsDock"));
    auto *scroll = dock ? qobject_cast<QScrollArea *>(dock->widget()) : nullptr;
    if (!m_applied || !scroll || !scroll->widget())
        return;
    const QScreen *screen = window->screen();
    const int screenWidth = screen ? screen->availableGeometry().width() : window->width();
    const int needed = scroll->widget()->minimumSizeHint().width() +
                       scroll->verticalScrollBar()->sizeHint().width() + 2 * scroll->frameWidth();
    // What the views leave, but never narrower than minimumDockWidth, beyond which the
    // controls are not worth showing.
    const int viewsWidth =
        window->centralWidget() ? window->centralWidget()->minimumSizeHint().width() : 0;
    const int separators = 2 * window->style()->pixelMetric(QStyle::PM_DockWidgetSeparatorExtent);
    const int left = screenWidth - viewsWidth - separators;
    const int share = int(maximumDockShare * screenWidth);
    const int width = std::max(std::min({needed, share, left}), minimumDockWidth);
    // A minimum width, since the views' own minimum widths would otherwise squeeze the
    // dock to a sliver on a narrow screen.
    if (m_dockMinimumWidth < 0)
        m_dockMinimumWidth = dock->minimumWidth();
    dock->setMinimumWidth(width);
    window->resizeDocks({dock}, {width}, Qt::Horizontal);
}

void PresentationLayout::restore()
{
    if (!m_applied)
        return;
    m_applied = false;
    QMainWindow *window = m_window;
    window->removeEventFilter(this);
    m_fit.stop();
    if (auto *bar = window->findChild<PlaybackBar *>())
        bar->setCompact(false);
    window->statusBar()->setVisible(m_statusBarShown);
    for (const auto &[widget, size] : std::as_const(m_minimumSizes)) {
        if (widget)
            widget->setMinimumSize(size);
    }
    m_minimumSizes.clear();
    for (const auto &[box, policy] : std::as_const(m_comboPolicies)) {
        if (box) {
            box->setSizeAdjustPolicy(policy.first);
            box->setMinimumContentsLength(policy.second);
        }
    }
    m_comboPolicies.clear();
    // A default QFont resolves nothing, so each control inherits the application font again.
    for (const QPointer<QWidget> &control : std::as_const(m_normalFontControls)) {
        if (control)
            control->setFont(QFont());
    }
    m_normalFontControls.clear();
    if (auto *rows = qobject_cast<QSplitter *>(window->centralWidget());
        rows && m_rowSizes.size() == rows->count()) {
        rows->setSizes(m_rowSizes);
        for (int i = 0; i < rows->count() && i < m_columnSizes.size(); ++i) {
            if (auto *row = qobject_cast<QSplitter *>(rows->widget(i)))
                row->setSizes(m_columnSizes[i]);
        }
    }
    m_rowSizes.clear();
    m_columnSizes.clear();
    auto *dock = window->findChild<QDockWidget *>(QStringLiteral("controlsDock"));
    if (auto *scroll = dock ? qobject_cast<QScrollArea *>(dock->widget()) : nullptr)
        scroll->setHorizontalScrollBarPolicy(m_controlsScrollPolicy);
    if (dock && m_dockMinimumWidth >= 0)
        dock->setMinimumWidth(m_dockMinimumWidth);
    m_dockMinimumWidth = -1;
    // Once now, and again after the smaller font has reached the size hints. Without a window
    // manager, or when a minimum size grew the window, leaving full screen keeps the size.
    // restoreState() alone can bring the dock back narrower than it was (about 425 instead of
    // 450 pixels in a 1280 x 720 window offscreen), so the dock then gets its width from before.
    const auto restoreLayout = [window, dock = QPointer<QDockWidget>(dock),
                                dockState = m_dockState, geometry = m_geometry,
                                dockWidth = m_dockWidth] {
        if (!(window->windowState() & Qt::WindowFullScreen))
            window->restoreGeometry(geometry);
        if (!dockState.isEmpty())
            window->restoreState(dockState);
        if (dock && dockWidth > 0 && dock->isVisible() && !dock->isFloating())
            window->resizeDocks({dock}, {dockWidth}, Qt::Horizontal);
    };
    restoreLayout();
    QTimer::singleShot(0, window, restoreLayout);
    m_dockWidth = -1;
}

} // namespace losslens
