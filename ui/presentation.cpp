#include "presentation.h"

#include "plotstyle.h"
#include "presentationlayout.h"
#include "sessionmodel.h"

#include <QAction>
#include <QApplication>
#include <QMainWindow>
#include <QWidget>

namespace losslens {

PresentationMode::PresentationMode(QWidget *window, SessionModel *model)
    : QObject(window), m_window(window), m_model(model), m_action(new QAction(this))
{
    if (auto *mainWindow = qobject_cast<QMainWindow *>(window))
        m_layout = new PresentationLayout(mainWindow);
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
        if (m_layout)
            m_layout->apply(m_font);
        m_window->setWindowState(m_windowState | Qt::WindowFullScreen);
    } else {
        m_window->setWindowState(m_windowState);
        QApplication::setFont(m_font);
        if (m_layout)
            m_layout->restore();
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

} // namespace losslens
