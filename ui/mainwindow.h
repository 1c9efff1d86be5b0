#pragma once

#include "animationexportdialog.h"
#include "sessionfile.h"
#include "sessionmodel.h"
#include "trainingcontroller.h"
#include "trainingrecording.h"

#include "core/syntheticdata.h"

#include <QMainWindow>

class QLabel;

namespace losslens {

class ControlPanel;
class DataView;
class LandscapeView;
class LossCurveView;
class PlaybackBar;
class SliceWindow;
class TrainingView;

// The main window: four linked views in a grid, the control dock on the left and the playback
// bar at the bottom. It only wires the parts together; each part observes the session model.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    SessionModel *model() { return &m_model; }
    TrainingController *training() { return m_training; }
    ControlPanel *controlPanel() const { return m_controls; }
    LossCurveView *lossCurveView() const { return m_lossCurves; }
    DataView *dataView() const { return m_dataView; }
    LandscapeView *landscapeView() const { return m_landscape; }
    TrainingView *trainingView() const { return m_trainingView; }
    PlaybackBar *playbackBar() const { return m_playback; }
    // The model slices window, or nullptr before View > Model slices first opens it.
    SliceWindow *sliceWindow() const { return m_sliceWindow; }

    // The session as a session file saves it: the state and the landscape's range.
    SessionDocument sessionDocument() const;
    // Replaces the whole session with a document, as opening a session file does: data, losses,
    // runs and the landscape's range, with the runs reset and an empty undo history.
    void applySessionDocument(const SessionDocument &document);

    // Loads two columns of a CSV file as the data, as one undo step. On failure returns false,
    // sets *error and leaves the current data untouched.
    bool loadCsv(const QString &path, const QString &featureColumn, const QString &targetColumn,
                 QString *error);
    // The widget an animation of a source records.
    QWidget *animationSource(AnimationSource source);
    // Records an animation as File > Export animation does after its dialog, with a progress
    // dialog that can cancel, and reports the frames written or the cancellation in the status
    // bar. Failures are returned, not shown.
    TrainingRecording recordAnimation(const AnimationExportRequest &request);

public slots:
    // Asks for a CSV file and its columns; a rejected file is explained in a dialog.
    void openCsv();
    // Asks for synthetic-data settings and replaces the data with a generated set.
    void newSyntheticData();
    // Opens the model slices window on the current loss, or raises it when it is open.
    void showModelSlices();
    // Asks what to record and records it; a failure is explained in a message box.
    void exportAnimation();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void createMenus();
    void showAbout();

    SessionModel m_model;
    TrainingController *m_training;
    ControlPanel *m_controls;
    LossCurveView *m_lossCurves;
    DataView *m_dataView;
    LandscapeView *m_landscape;
    TrainingView *m_trainingView;
    PlaybackBar *m_playback;
    QLabel *m_statusLabel;
    QLabel *m_frameLabel;
    QString m_lastDirectory;
    SyntheticSettings m_syntheticSettings;
    SliceWindow *m_sliceWindow = nullptr;
    // The last export's choices, which the dialog offers again.
    AnimationExportRequest m_animationRequest;
};

} // namespace losslens
