#pragma once

#include "core/csvimport.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

namespace losslens {

// Reads the chosen columns of a CSV file on Qt's thread pool (readCsvColumns()), so that the
// window keeps responding while a file of millions of rows loads. Reports progress and can be
// cancelled, and a cancelled read delivers data whose cancelled flag is set.
class CsvLoadJob : public QObject
{
    Q_OBJECT

public:
    explicit CsvLoadJob(QObject *parent = nullptr);
    // Cancels a read in flight and waits for it, which takes at most one chunk of 1 MiB.
    ~CsvLoadJob() override;

    // Starts reading, cancelling and waiting for any read in flight first.
    void start(const CsvColumnRequest &request);
    void cancel();
    bool isBusy() const { return m_watcher.isRunning(); }

signals:
    // Share of the file read so far, from 0 to 1000.
    void progressChanged(int permille);
    // The read ended. data is null when it failed, with the reason in error, and data->cancelled
    // is set when it was cancelled.
    void finished(std::shared_ptr<const losslens::CsvColumnData> data,
                  const losslens::CsvError &error);

private:
    struct Outcome
    {
        std::shared_ptr<const CsvColumnData> data;
        CsvError error;
    };
    void deliver();

    std::atomic_bool m_cancelled = false;
    // The last permille sent, so that the worker posts an event only when it changes.
    std::atomic_int m_lastPermille = -1;
    QFutureWatcher<Outcome> m_watcher;
};

} // namespace losslens
