#pragma once

#include "sessionmodel.h"
#include "trainingcontroller.h"

#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;
class QSpinBox;

namespace losslens {

// The bottom bar: play/pause, single step, reset, speed, the step limit, the step counter and
// each run's current mean loss and status.
class PlaybackBar : public QToolBar
{
    Q_OBJECT

public:
    PlaybackBar(SessionModel *model, TrainingController *training, QWidget *parent = nullptr);

    QAction *playAction() const { return m_play; }
    QAction *stepAction() const { return m_step; }
    QAction *resetAction() const { return m_reset; }
    QSpinBox *stepLimitBox() const { return m_stepLimit; }
    QLabel *runsLabel() const { return m_runs; }

private:
    void updateLabels();

    SessionModel *m_model;
    TrainingController *m_training;
    QAction *m_play;
    QAction *m_step;
    QAction *m_reset;
    QComboBox *m_speed;
    QSpinBox *m_stepLimit;
    QLabel *m_counter;
    QLabel *m_runs;
};

} // namespace losslens
