#include "playbackbar.h"

#include "mediaicons.h"
#include "plotstyle.h"
#include "plotsupport.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QSpinBox>

namespace losslens {

PlaybackBar::PlaybackBar(SessionModel *model, TrainingController *training, QWidget *parent)
    : QToolBar(tr("Playback"), parent), m_model(model), m_training(training),
      m_speed(new QComboBox(this)), m_speedLabel(new QLabel(this)),
      m_stepLimit(new QSpinBox(this)), m_stepLimitLabel(new QLabel(this)),
      m_counter(new QLabel(this)), m_runs(new QLabel(this))
{
    setObjectName(QStringLiteral("playbackBar"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_play = addAction(tr("Play"));
    m_play->setToolTip(tr("Train every run, each with its optimizer (Space)"));
    m_step = addAction(tr("Step"));
    m_step->setToolTip(tr("Apply one update to every run (Right arrow)"));
    m_reset = addAction(tr("Reset"));
    m_reset->setToolTip(tr("Start every run over from the start point (R)"));
    updateIcons();
    addSeparator();
    addWidget(m_speedLabel);
    for (int steps : {1, 2, 5, 10, 50, 200})
        m_speed->addItem(tr("%1×").arg(steps), steps);
    m_speed->setToolTip(tr("Updates applied to each run per animation frame, at about 60 "
                           "frames per second."));
    m_speed->setCurrentIndex(m_speed->findData(m_training->stepsPerFrame()));
    addWidget(m_speed);
    addWidget(m_stepLimitLabel);
    m_stepLimit->setRange(1, TrainingController::maximumSteps);
    m_stepLimit->setValue(m_training->stepLimit());
    m_stepLimit->setKeyboardTracking(false);
    m_stepLimit->setToolTip(tr("Playback stops when the runs reach this step. A lower limit "
                               "recomputes runs that are past it."));
    m_speedLabel->setToolTip(m_speed->toolTip());
    m_stepLimitLabel->setToolTip(m_stepLimit->toolTip());
    setCompact(false);
    addWidget(m_stepLimit);
    addSeparator();
    m_counter->setMinimumWidth(90);
    addWidget(m_counter);
    addSeparator();
    m_runs->setTextFormat(Qt::RichText);
    addWidget(m_runs);

    connect(m_play, &QAction::triggered, m_training, &TrainingController::togglePlay);
    connect(m_step, &QAction::triggered, m_training, &TrainingController::stepOnce);
    connect(m_reset, &QAction::triggered, m_training, &TrainingController::reset);
    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_training->setStepsPerFrame(m_speed->itemData(index).toInt()); });
    connect(m_stepLimit, &QSpinBox::valueChanged, this, [this](int steps) {
        m_training->setStepLimit(steps);
        updateLabels();
    });
    connect(m_training, &TrainingController::playingChanged, this, [this](bool playing) {
        m_play->setText(playing ? tr("Pause") : tr("Play"));
        updateIcons();
    });
    connect(m_training, &TrainingController::advanced, this, &PlaybackBar::updateLabels);
    // The swatches show each run in the colour its lines have, which presentation mode's
    // palette and the dark theme change.
    connect(PlotStyle::instance(), &PlotStyle::lookChanged, this, &PlaybackBar::updateLabels);
    updateLabels();
}

void PlaybackBar::setCompact(bool compact)
{
    m_compact = compact;
    setToolButtonStyle(compact ? Qt::ToolButtonIconOnly : Qt::ToolButtonTextBesideIcon);
    m_speedLabel->setText(compact ? tr(" Speed ") : tr(" Steps per frame "));
    m_stepLimitLabel->setText(compact ? tr(" Limit ") : tr(" Step limit "));
    m_counter->setMinimumWidth(compact ? 0 : 90);
    updateLabels();
}

void PlaybackBar::changeEvent(QEvent *event)
{
    QToolBar::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateIcons();
}

void PlaybackBar::updateIcons()
{
    m_play->setIcon(mediaIcon(m_training->isPlaying() ? MediaIcon::Pause : MediaIcon::Play,
                              palette()));
    m_step->setIcon(mediaIcon(MediaIcon::Step, palette()));
    m_reset->setIcon(mediaIcon(MediaIcon::Reset, palette()));
}

void PlaybackBar::updateLabels()
{
    if (m_training->stepLimit() < TrainingController::maximumSteps)
        m_counter->setText(
            tr("step %1 of %2").arg(m_training->iteration()).arg(m_training->stepLimit()));
    else
        m_counter->setText(tr("step %1").arg(m_training->iteration()));
    // The bar names each run by its loss, and by its number where several runs fit one loss, so
    // that several runs fit in one line. The tooltip and the legends add the optimizer.
    QStringList parts;
    QStringList labels;
    for (int i = 0; i < m_model->runCount(); ++i) {
        const RunTrack *run = m_training->run(i);
        if (!run)
            continue;
        const RunEntry &entry = m_model->runEntry(i);
        QString name = m_model->lossEntry(entry.lossIndex).loss->displayName();
        for (int j = 0; j < m_model->runCount(); ++j) {
            if (j != i && m_model->runEntry(j).lossIndex == entry.lossIndex) {
                name += QStringLiteral(" #%1").arg(i + 1);
                break;
            }
        }
        // A diverged run shows the loss it blew up to, not its last finite one.
        QString status = shortNumber(run->current().loss);
        if (run->status() == RunStatus::Diverged)
            status = divergenceText(*run);
        else if (run->stalled())
            status += tr(" stopped: zero gradient");
        else if (run->status() == RunStatus::Converged)
            status += tr(" converged");
        if (run->isAdaptive())
            status += tr(", alpha = %1").arg(shortNumber(run->adaptiveHistory().back().shape));
        // The compact bar leaves the names to the swatch colours and the tooltip.
        const QString swatch = QStringLiteral("<span style='color:%1'>■</span>")
                                   .arg(PlotStyle::instance()->drawnColour(entry.colour).name());
        parts << (m_compact ? QStringLiteral("%1 %2").arg(swatch, status)
                            : QStringLiteral("%1 %2 %3").arg(swatch, name.toHtmlEscaped(), status));
        labels << tr("#%1 %2: %3").arg(i + 1).arg(m_model->runLabel(i), status);
    }
    m_runs->setToolTip(labels.join(QLatin1Char('\n')));
    m_runs->setText(parts.join(QStringLiteral("&nbsp;&nbsp;&nbsp;")));
}

} // namespace losslens
