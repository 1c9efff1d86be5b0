#include "playbackbar.h"

#include "plotsupport.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QStyle>

namespace losslens {

PlaybackBar::PlaybackBar(SessionModel *model, TrainingController *training, QWidget *parent)
    : QToolBar(tr("Playback"), parent), m_model(model), m_training(training),
      m_speed(new QComboBox(this)), m_counter(new QLabel(this)), m_runs(new QLabel(this))
{
    setObjectName(QStringLiteral("playbackBar"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_play = addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Play"));
    m_play->setToolTip(tr("Run gradient descent for every shown loss (Space)"));
    m_step = addAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("Step"));
    m_step->setToolTip(tr("Apply one gradient-descent update to every run (Right arrow)"));
    m_reset = addAction(style()->standardIcon(QStyle::SP_MediaSkipBackward), tr("Reset"));
    m_reset->setToolTip(tr("Start every run over from the start point (R)"));
    addSeparator();
    addWidget(new QLabel(tr(" Steps per frame "), this));
    for (int steps : {1, 2, 5, 10, 50, 200})
        m_speed->addItem(tr("%1×").arg(steps), steps);
    m_speed->setToolTip(tr("Updates applied to each run per animation frame, at about 60 "
                           "frames per second."));
    m_speed->setCurrentIndex(m_speed->findData(m_training->stepsPerFrame()));
    addWidget(m_speed);
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
    connect(m_training, &TrainingController::playingChanged, this, [this](bool playing) {
        m_play->setText(playing ? tr("Pause") : tr("Play"));
        m_play->setIcon(
            style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    });
    connect(m_training, &TrainingController::advanced, this, &PlaybackBar::updateLabels);
    updateLabels();
}

void PlaybackBar::updateLabels()
{
    m_counter->setText(tr("step %1").arg(m_training->iteration()));
    QStringList parts;
    for (int i = 0; i < m_model->lossCount(); ++i) {
        const TrainingRun *run = m_training->run(i);
        if (!run)
            continue;
        const LossEntry &entry = m_model->lossEntry(i);
        // A diverged run shows the loss it blew up to, not its last finite one.
        QString status = shortNumber(run->current().loss);
        if (run->status() == RunStatus::Diverged)
            status = divergenceText(*run);
        else if (run->stalled())
            status += tr(" stopped: zero gradient");
        else if (run->status() == RunStatus::Converged)
            status += tr(" converged");
        parts << QStringLiteral("<span style='color:%1'>■</span> %2 %3")
                     .arg(entry.colour.name(), entry.loss->displayName().toHtmlEscaped(), status);
    }
    m_runs->setText(parts.join(QStringLiteral("&nbsp;&nbsp;&nbsp;")));
}

} // namespace losslens
