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

    // Shows the play, step and reset buttons as icons only and shortens the labels, for
    // presentation mode's larger font on a narrow screen. The tooltips keep the full text.
    void setCompact(bool compact);
    bool isCompact() const { return m_compact; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateLabels();
    // Draws the buttons' icons from the current palette.
    void updateIcons();

    SessionModel *m_model;
    TrainingController *m_training;
    QAction *m_play;
    QAction *m_step;
    QAction *m_reset;
    QComboBox *m_speed;
    QLabel *m_speedLabel;
    QSpinBox *m_stepLimit;
    QLabel *m_stepLimitLabel;
    QLabel *m_counter;
    QLabel *m_runs;
    bool m_compact = false;
};

} // namespace losslens
