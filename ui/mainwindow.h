#pragma once

#include "animationexportdialog.h"
#include "sessionfile.h"
#include "sessionfiles.h"
#include "sessionmodel.h"
#include "trainingcontroller.h"
#include "trainingrecording.h"
#include "viewexportdialog.h"

#include "core/csvdialect.h"
#include "core/syntheticdata.h"

#include <QMainWindow>

class QLabel;
class QDockWidget;
class QMenu;

namespace losslens {

class ControlPanel;
class DataView;
class LandscapeView;
class LossCurveView;
class PlaybackBar;
class PresentationMode;
class RecentFiles;
class SliceWindow;
class WorkbenchWindow;
class TrainingView;
class LessonPanel;
class StartPage;
class Theme;
class ViewFocus;
class ViewRegistry;

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
    // The robustness workbench, or nullptr before View > Robustness workbench first opens it.
    WorkbenchWindow *workbenchWindow() const { return m_workbenchWindow; }
    // View > Presentation mode, View > Theme and Ctrl+1 to Ctrl+4 (mainwindowappearance.cpp).
    PresentationMode *presentationMode() const { return m_presentation; }
    Theme *theme() const { return m_theme; }
    ViewFocus *viewFocus() const { return m_viewFocus; }

    // The session as a session file saves it: the state, the views' ranges and switches, and
    // the hidden views.
    SessionDocument sessionDocument() const;
    // Replaces the whole session with a document, as opening a session file does: data, losses,
    // runs and the views, with the runs reset and an empty undo history.
    void applySessionDocument(const SessionDocument &document);

    // Loads two columns of a CSV file as the data, as one undo step. On failure returns false,
    // sets *error and leaves the current data untouched.
    bool loadCsv(const QString &path, const QString &featureColumn, const QString &targetColumn,
                 QString *error);
    // Shows data read from the CSV file at path, with targetColumn as y, as one undo step named
    // undoText. As after File > Open CSV, the model slices window can then offer the file's
    // numeric columns, read with the dialect that detection finds in the file.
    void setDataFromCsvFile(std::shared_ptr<const Dataset> data, const QString &path,
                            const QString &targetColumn, const QString &undoText);
    // The widget an animation of a source records.
    QWidget *animationSource(AnimationSource source);
    // Records an animation as File > Export animation does after its dialog, with a progress
    // dialog that can cancel, and reports the frames written or the cancellation in the status
    // bar. Failures are returned, not shown.
    TrainingRecording recordAnimation(const AnimationExportRequest &request);

    // The session's file, its modified state and autosave copy.
    SessionFiles *sessionFiles() const { return m_sessionFiles; }
    RecentFiles *recentFiles() const { return m_recentFiles; }
    // Opens a session file, first asking about unsaved changes. A rejected file is explained in
    // a message box and leaves the current session intact. Returns whether the file was opened.
    bool openSession(const QString &path);
    // Saves to the session's file, or prompts for one while it has none. Errors go to a
    // message box. Returns false when the save failed or was cancelled.
    bool saveSession();
    bool saveSessionTo(const QString &path);
    // Opens an autosave file as an unsaved session without a file.
    bool recoverSession(const QString &autosavePath);
    // Asks whether to save unsaved changes before they are lost, through the prompt that
    // setUnsavedChangesPrompt() set. Returns true when the session may be closed or replaced:
    // it was unmodified, saved, or the changes were discarded.
    bool resolveUnsavedChanges();
    // Replaces the Save / Discard / Cancel message box, for tests.
    void setUnsavedChangesPrompt(std::function<UnsavedChangesChoice(const QString &name)> prompt);
    // The widget File > Export view writes: the view's plot, or the whole window.
    QWidget *exportSource(ExportedView view);
    // Writes a view as File > Export view does after its dialog. Returns false with a message.
    bool exportViewTo(const ViewExportRequest &request, QString *error);
    // Starts the autosave copy in folder.
    void enableAutosave(const QString &folder);
    // Offers the files a crash left in folder, with the time of the newest: Recover opens it as
    // an unsaved session, Discard removes them all. Returns whether a session was recovered.
    bool offerRecovery(const QString &folder);
    // Restores the window's geometry and dock layout from QSettings; closing stores them.
    void restoreLayout();

    // The named views and controls that a session may hide (View > Show).
    ViewRegistry *viewRegistry() const { return m_views; }
    // The lesson dock's panel and the dock, hidden while no lesson is open.
    LessonPanel *lessonPanel() const { return m_lessonPanel; }
    QDockWidget *lessonDock() const { return m_lessonDock; }
    // The start page, or nullptr before showStartPage() first opens it.
    StartPage *startPage() const { return m_startPage; }
    // Opens a lesson file, bundled (":/lessons/...") or not, through applySessionDocument().
    // A rejected file is explained in a message box and leaves the session intact.
    bool openLesson(const QString &path);

public slots:
    // Shows the start page with the bundled lessons (Help > Start page).
    void showStartPage();
    // Asks for a CSV file, then imports it as importCsv() does.
    void openCsv();
    // Opens the import dialog on a CSV file. One x column replaces the data as one undo step;
    // several open the model slices window on them. A rejected or cancelled file leaves the
    // current data untouched.
    void importCsv(const QString &path);
    // Asks for synthetic-data settings and replaces the data with a generated set.
    void newSyntheticData();
    // Replaces the data with exampleDatasets()[index] on its default columns.
    void openExampleData(int index);
    // Asks for a file name and writes the current data, edits included, as CSV.
    void saveDataAs();
    // Opens the model slices window on the current loss, or raises it when it is open.
    void showModelSlices();
    // Opens the robustness workbench on the session, or raises it when it is open.
    void showRobustnessWorkbench();
    // Asks what to record and records it; a failure is explained in a message box.
    void exportAnimation();
    // File > Open session, Save session as and Export view, each asking for a file.
    void openSessionDialog();
    bool saveSessionAs();
    void exportViewDialog();
    // File > Export as CSV: each prompts for a file name and writes it through QSaveFile.
    void exportLossCurvesCsv();
    void exportLandscapeCsv();
    void exportTrajectoriesCsv();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createMenus();
    // The lesson dock, the Lessons menu and View > Show (mainwindowlessons.cpp).
    void createLessonDock();
    void createLessonMenus(QMenu *view, QMenu *help);
    // Presentation mode, the theme and the view focus keys, with their View menu entries.
    void createAppearance(QMenu *view);
    // Ctrl+1 to Ctrl+4, and Escape in presentation mode. Returns true when it used the key.
    bool handleAppearanceKey(QKeyEvent *event);
    // Applies a document's session, hidden views and landscape range, but not its lesson.
    void applySessionContents(const SessionDocument &document);
    void showAbout();
    // The File menu's session, recent-file and export actions (mainwindowfiles.cpp).
    void createOpenActions(QMenu *file);
    void createSaveActions(QMenu *file);
    void createExportActions(QMenu *file);
    void updateWindowTitle();
    // Puts the docks and the playback bar back where they started, keeping hidden views hidden.
    void resetLayout();
    // Opens a CSV or session file by its suffix, as Open recent and a drop do.
    void openFile(const QString &path);
    // Asks for a file to write an export to; empty when cancelled.
    QString askExportPath(const QString &title, const QString &name, const QString &filter);

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
    // The files that the line's data sets came from (File > Open CSV, --data, the bundled
    // examples), so that the model slices window can show a file's numeric columns while its data
    // is current, also after an undo brings it back. The data pointer identifies the data.
    struct CsvOrigin
    {
        std::shared_ptr<const Dataset> data;
        QString path;
        CsvDialect dialect;
        QString targetColumn;
    };
    std::vector<CsvOrigin> m_csvOrigins;
    // Remembers where data came from, with the file's dialect detected from its start unless
    // given. Keeps the latest origins only, as the undo stack keeps a bounded history too.
    void rememberCsvOrigin(std::shared_ptr<const Dataset> data, const QString &path,
                           const QString &targetColumn,
                           std::optional<CsvDialect> dialect = std::nullopt);
    const CsvOrigin *csvOriginOf(const Dataset &data) const;
    // The data that the slices window was last offered a table for, so that it is read once.
    const Dataset *m_sliceOfferedData = nullptr;
    // Offers the slices window the loaded file's numeric columns when the current data is the
    // file's, and withdraws the offer otherwise.
    void offerDataToSlices();
    WorkbenchWindow *m_workbenchWindow = nullptr;
    // The last export's choices, which the dialog offers again.
    AnimationExportRequest m_animationRequest;
    ViewExportRequest m_viewExportRequest;
    SessionFiles *m_sessionFiles = nullptr;
    RecentFiles *m_recentFiles = nullptr;
    QMenu *m_recentMenu = nullptr;
    // The dock layout right after construction, which View > Reset layout restores.
    QByteArray m_defaultLayout;
    std::function<UnsavedChangesChoice(const QString &name)> m_unsavedChangesPrompt;
    ViewRegistry *m_views = nullptr;
    LessonPanel *m_lessonPanel = nullptr;
    QDockWidget *m_lessonDock = nullptr;
    StartPage *m_startPage = nullptr;
    PresentationMode *m_presentation = nullptr;
    Theme *m_theme = nullptr;
    ViewFocus *m_viewFocus = nullptr;
};

} // namespace losslens
