#pragma once

#include "slicejob.h"

#include "core/csvreader.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace losslens {

class SliceControls;
class SliceHeatMap;
class SliceProfileView;

// The model slices window: a linear model with one weight per chosen CSV column is trained by
// gradient descent from theta = 0, and its mean loss is shown on a 2D slice through the end (or
// the start) of training, along two parameters or two random directions, and on the line from
// the start to the end. It opens on the bundled stack loss data with every column but
// STACKLOSS as a feature. Input that cannot be used (a CSV column that is not numeric, labels
// other than 0/1 for a classification loss) is explained above the plots, and the plots keep
// the last result. Zooming or panning the slice recomputes it on the new range, and a change of
// the settings goes back to the automatic range. While a slice is computed, a busy indicator and
// a Cancel button show under the plots; Cancel and Esc stop the computation, and the plots keep
// the last slice. Esc closes the window when nothing is computed, and Ctrl+W closes it at any
// time. Closing or hiding the window stops the computation, which starts again when it shows.
// A progress bar counts the grid rows computed. Ctrl+S saves the slice as CSV, and the plots
// can be saved as a PNG image.
class SliceWindow : public QWidget
{
    Q_OBJECT

public:
    static constexpr int resolution = 121;

    // lossSpec is the loss to start with, such as the main window's current loss.
    explicit SliceWindow(const QString &lossSpec, QWidget *parent = nullptr);
    // Stops a read of the main window's file in flight, whose table is then dropped.
    ~SliceWindow() override;

    SliceControls *controls() const { return m_controls; }
    SliceHeatMap *heatMap() const { return m_heatMap; }
    SliceProfileView *profileView() const { return m_profile; }
    // The latest result shown, or nullptr while none has arrived.
    std::shared_ptr<const SliceResult> result() const { return m_result; }
    // The objective of the latest accepted settings, which the next result will be for.
    std::shared_ptr<const LinearModelObjective> objective() const { return m_objective; }
    bool isComputing() const { return m_job.isBusy(); }
    QProgressBar *busyIndicator() const { return m_busyIndicator; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    // The line beside the busy indicator: what is being computed, or that it was stopped.
    QString status() const;
    // Why the current input cannot be used, or an empty string.
    QString message() const;

    // Reads a CSV file and lists its columns, keeping the current target column when the file
    // has one. Returns false, with the reason shown in the window, when the file cannot be read
    // or its chosen columns cannot be used.
    // This read runs on the calling thread; the window's own File > Open uses
    // openCsvFileInBackground().
    bool openCsvFile(const QString &path);
    // Reads a CSV file as openCsvFile() does, but on Qt's thread pool, and shows it when the read
    // ends. A later open, or choosing the main window's data, drops a read in flight. The shown
    // data stays while the file is read and when the read fails, which shows the reason.
    void openCsvFileInBackground(const QString &path);
    bool isReadingOwnFile() const { return m_ownRead != nullptr; }
    // Shows a table read elsewhere, such as the columns chosen in File > Open CSV, with
    // targetColumn as the target and every other column ticked as a feature. source names the
    // file in the window.
    void openTable(CsvTable table, const QString &source, const QString &targetColumn);

    // The main window's data as a table (its numeric columns), offered by the main window when
    // it opens a CSV file or goes back to one. The window shows it at once while it follows the
    // main window, which it does until the user opens a file in the window itself. Otherwise it
    // keeps what it shows, and "Use the main window's data" switches to the table. An empty
    // table withdraws the offer, as when the main window's data no longer comes from a file,
    // and the window then keeps what it shows.
    void offerMainWindowTable(std::optional<CsvTable> table, const QString &source,
                              const QString &targetColumn);
    // Offers the main window's file as offerMainWindowTable() offers a table, but reads and
    // parses it on Qt's thread pool (readSliceFileTable()), so that the window keeps responding
    // while a large file is read. A later offer, of a file or a table, supersedes a read in
    // flight, whose table is dropped. A read that fails withdraws the offer and, while the window
    // follows the main window, shows the reason naming the file; the shown data stays. The read
    // goes on while the window is hidden, and its table is there when the window shows again.
    void offerMainWindowFile(const SliceFileRequest &request);
    bool isReadingMainWindowFile() const { return m_mainWindowRead != nullptr; }
    // Whether a main-window table replaces the shown data as soon as it is offered.
    bool followsMainWindow() const { return m_followMainWindow; }
    QPushButton *mainWindowDataButton() const { return m_mainWindowData; }
    // Shows the offered main-window table and follows the main window again.
    void useMainWindowData();

    // The note under the message about the current result, such as separated classes, or an
    // empty string.
    QString note() const;

    // Writes the shown slice as CSV (see sliceCsv) or the plots as a PNG image. Each returns
    // false with the reason in error when there is nothing to save or the file cannot be
    // written.
    bool saveSliceCsv(const QString &path, QString *error);
    bool saveImage(const QString &path, QString *error);
    QPushButton *saveCsvButton() const { return m_saveCsv; }
    QPushButton *saveImageButton() const { return m_saveImage; }

public slots:
    // Asks for a CSV file and opens it.
    void openCsv();
    // Ask for a file name and save the slice as CSV (Ctrl+S) or the plots as a PNG image.
    void saveSliceCsvAs();
    void saveImageAs();
    // Stops the computation in flight, if any. The plots keep the last slice, and the status
    // line states that they do not show the current settings.
    void cancelComputation();

signals:
    // A coarse or complete result was drawn.
    void resultShown();
    // The latest read of the main window's file ended: its table was offered, or ok is false
    // and the offer was withdrawn. A superseded read does not report.
    void mainWindowFileRead(bool ok);
    // The latest read of openCsvFileInBackground() ended, with the table shown when ok.
    void ownFileRead(bool ok);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void loadBundledData();
    void showBusy(bool busy);
    void showProgress(int rowsDone, int rowCount);
    void updateNote();
    void updateSaveButtons();
    void recompute();
    // Starts computing the slice for objective and settings, replacing any request in flight.
    void requestSlice(std::shared_ptr<const LinearModelObjective> objective,
                      const SliceSettings &settings);
    // Recomputes the latest requested slice on another range, or on the automatic one.
    void requestRange(const std::optional<SliceRange> &range);
    void showMessage(const QString &message);
    void showResult(std::shared_ptr<const SliceResult> result);
    // Drops the read of the main window's file in flight, if any, and lets it stop early.
    void cancelMainWindowRead();
    void finishMainWindowRead();
    // Drops the read of openCsvFileInBackground() in flight, if any.
    void cancelOwnRead();
    void finishOwnRead();
    // The status line when no computation uses it: the read in flight, or nothing.
    void showIdleStatus();

    SliceControls *m_controls;
    SliceHeatMap *m_heatMap;
    SliceProfileView *m_profile;
    QLabel *m_message;
    QProgressBar *m_busyIndicator;
    QLabel *m_status;
    QPushButton *m_cancelButton;
    QLabel *m_note;
    QPushButton *m_saveCsv;
    QPushButton *m_saveImage;
    QPushButton *m_mainWindowData;
    QWidget *m_plots;
    // The main window's data as offered, and whether an offer replaces the shown data.
    std::optional<CsvTable> m_mainWindowTable;
    QString m_mainWindowSource;
    QString m_mainWindowTarget;
    bool m_followMainWindow = true;
    // The read of the main window's file in flight, its file and the flag that stops it. Only
    // the latest read has a watcher, so a superseded one never delivers.
    QFutureWatcher<SliceFileTable> *m_mainWindowRead = nullptr;
    QString m_mainWindowReadPath;
    std::shared_ptr<std::atomic_bool> m_mainWindowReadCancelled;
    // The read of a file opened in the window itself, and its file.
    struct OwnFileRead
    {
        std::optional<CsvTable> table;
        QString error;
    };
    QFutureWatcher<OwnFileRead> *m_ownRead = nullptr;
    QString m_ownReadPath;
    // Set when hiding the window stopped a computation, which showing it again restarts.
    bool m_resumeOnShow = false;
    std::optional<CsvTable> m_table;
    QString m_source;
    // The data and objective built from the latest accepted input, rebuilt only when the
    // columns, the loss or the scaling change, so the training path is reused otherwise.
    QStringList m_featureColumns;
    QString m_targetColumn;
    bool m_standardize = true;
    std::shared_ptr<const MultiFeatureData> m_data;
    std::shared_ptr<const LinearModelObjective> m_objective;
    SliceJob m_job;
    // The latest request, which a zoom or pan recomputes on its new range. While the input is
    // rejected it is the last valid one, which the plots still show.
    std::shared_ptr<const LinearModelObjective> m_requestedObjective;
    SliceSettings m_requestedSettings;
    std::shared_ptr<const SliceResult> m_result;
    QString m_lastDirectory;
};

} // namespace losslens
