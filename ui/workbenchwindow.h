#pragma once

#include "sessionmodel.h"
#include "workbenchfitjob.h"

#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QTableWidget;

namespace losslens {

class WeightPlotGrid;
class WorkbenchSweepView;

// The robustness workbench: which loss holds up against the outliers in the data? For every
// ticked regression loss of the session, with its current parameters and residual scale, it
// shows the fitted line (the minimum the landscape view marks) in a table, and a small scatter
// of the data with each point coloured by the weight w(e) = psi(e) / e the loss gives it. A
// sweep over synthetic data with a growing outlier fraction shows where each loss breaks down.
// The table and the scatters follow the session live, fitted in the background.
class WorkbenchWindow : public QWidget
{
    Q_OBJECT

public:
    enum Column { LossColumn, SlopeColumn, InterceptColumn, MinimumColumn, SearchColumn };

    explicit WorkbenchWindow(SessionModel *model, QWidget *parent = nullptr);

    QTableWidget *fitTable() const { return m_table; }
    WeightPlotGrid *weightPlots() const { return m_plots; }
    WorkbenchSweepView *sweepView() const { return m_sweep; }
    bool isFitting() const { return m_job.isBusy(); }
    // The fit shown in a row, or nullptr while it is computed or when the loss cannot be fitted.
    std::shared_ptr<const WorkbenchFit> fitAt(int row) const;
    // The session index of the loss in a row.
    int lossIndexAt(int row) const { return m_lossIndices.at(std::size_t(row)); }

signals:
    // Every row shows the fit of the session's current state.
    void fitsShown();

private:
    void onModelChanged(SessionModel::Changes changes);
    // Rebuilds the rows for the ticked regression losses and requests their fits.
    void refresh();
    void showFit(int position, std::shared_ptr<const WorkbenchFit> fit);
    void setRowText(int row, Column column, const QString &text, const QString &toolTip = {});

    SessionModel *m_model;
    QTableWidget *m_table;
    QLabel *m_status;
    WeightPlotGrid *m_plots;
    WorkbenchSweepView *m_sweep;
    WorkbenchFitJob m_job;
    std::vector<int> m_lossIndices;
    // The row of each objective of the latest fit request.
    std::vector<int> m_requestRows;
    std::vector<std::shared_ptr<const WorkbenchFit>> m_fits;
};

} // namespace losslens
