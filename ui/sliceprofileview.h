#pragma once

#include "slicecomputation.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QCustomPlot;
class QCPGraph;
class QLabel;

namespace losslens {

// The mean loss on the straight line from the start of training (t = 0) to its end (t = 1),
// drawn from t = -0.5 to 1.5 with both ends marked: the 1D view of a run, which shows whether
// the path crossed a barrier or the loss keeps falling past the end. A read-out under the plot
// gives t and the mean loss at the pointer.
class SliceProfileView : public QWidget
{
    Q_OBJECT

public:
    explicit SliceProfileView(QWidget *parent = nullptr);

    QCustomPlot *plot() const { return m_plot; }
    QCPGraph *profileGraph() const { return m_profile; }
    // The start (t = 0) and the end of training (t = 1), each hidden while its mean loss is not
    // finite.
    QCPGraph *startMarker() const { return m_startMarker; }
    QCPGraph *endMarker() const { return m_endMarker; }
    QString readOut() const;

    void showResult(std::shared_ptr<const SliceResult> result);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateValueAxis();

    QCheckBox *m_logarithmic;
    QCustomPlot *m_plot;
    QCPGraph *m_profile;
    QCPGraph *m_startMarker;
    QCPGraph *m_endMarker;
    QLabel *m_readOut;
    std::shared_ptr<const SliceResult> m_result;
};

} // namespace losslens
