#include "csvloadjob.h"

#include "uilogging.h"

#include <QtConcurrent/QtConcurrentRun>

namespace losslens {

CsvLoadJob::CsvLoadJob(QObject *parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &CsvLoadJob::deliver);
}

CsvLoadJob::~CsvLoadJob()
{
    m_cancelled = true;
    m_watcher.waitForFinished();
}

void CsvLoadJob::start(const CsvColumnRequest &request)
{
    if (isBusy()) {
        m_cancelled = true;
        m_watcher.waitForFinished();
    }
    m_cancelled = false;
    m_lastPermille = -1;
    qCDebug(lcUi) << "loading" << request.path << "in the background";
    m_watcher.setFuture(QtConcurrent::run([this, request] {
        CsvReadControl control;
        control.cancelled = &m_cancelled;
        control.progress = [this](qint64 done, qint64 total) {
            const int permille = total > 0 ? int(1000 * done / total) : 1000;
            if (m_lastPermille.exchange(permille) == permille)
                return;
            QMetaObject::invokeMethod(
                this, [this, permille] { emit progressChanged(permille); }, Qt::QueuedConnection);
        };
        Outcome outcome;
        std::optional<CsvColumnData> data = readCsvColumns(request, control, &outcome.error);
        if (data)
            outcome.data = std::make_shared<const CsvColumnData>(std::move(*data));
        return outcome;
    }));
}

void CsvLoadJob::cancel()
{
    m_cancelled = true;
}

void CsvLoadJob::deliver()
{
    const Outcome outcome = m_watcher.result();
    emit finished(outcome.data, outcome.error);
}

} // namespace losslens
