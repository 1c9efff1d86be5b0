#include "sliceprofileview.h"

#include "plotsupport.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace losslens {

SliceProfileView::SliceProfileView(QWidget *parent)
    : QWidget(parent), m_logarithmic(new QCheckBox(tr("Lo&garithmic loss axis"), this)),
      m_plot(new QCustomPlot(this)), m_readOut(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *header = new QHBoxLayout;
    header->setContentsMargins(6, 0, 6, 0);
    m_logarithmic->setToolTip(tr("Show the mean loss on a logarithmic axis."));
    header->addWidget(m_logarithmic);
    header->addStretch();
    layout->addLayout(header);
    layout->addWidget(m_plot, 1);

    configurePlot(m_plot);
    // The profile is computed for t in [-0.5, 1.5] only, so zooming out would show empty space.
    m_plot->setInteractions(QCP::Interactions());
    m_plot->installEventFilter(this);
    m_plot->setMouseTracking(true);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(
        0, 0,
        new QCPTextElement(m_plot, tr("Mean loss on the line from the start to the end of "
                                      "training")));
    m_plot->xAxis->setLabel(tr("t, the point (1 − t)·start + t·end"));
    m_plot->yAxis->setLabel(tr("mean loss"));
    m_plot->xAxis->setRange(profileMinimumT, profileMaximumT);

    m_profile = m_plot->addGraph();
    m_profile->setPen(QPen(QColor(31, 119, 180), 2.5));
    m_profile->setName(tr("mean loss on the line"));
    m_startMarker = m_plot->addGraph();
    m_startMarker->setLineStyle(QCPGraph::lsNone);
    m_startMarker->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 2), Qt::white, 11));
    m_startMarker->setName(tr("start (t = 0)"));
    m_endMarker = m_plot->addGraph();
    m_endMarker->setLineStyle(QCPGraph::lsNone);
    m_endMarker->setScatterStyle(QCPScatterStyle(
        QCPScatterStyle::ssCircle, QPen(QColor(200, 0, 0), 2), QColor(255, 90, 90), 11));
    m_endMarker->setName(tr("end of training (t = 1)"));

    layout->addWidget(new LegendLabel(m_plot, this));
    m_readOut->setContentsMargins(6, 0, 6, 2);
    m_readOut->setWordWrap(true);
    m_readOut->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_readOut);

    connect(m_logarithmic, &QCheckBox::toggled, this, [this] {
        updateValueAxis();
        m_plot->replot();
    });
}

QString SliceProfileView::readOut() const
{
    return m_readOut->text();
}

void SliceProfileView::showResult(std::shared_ptr<const SliceResult> result)
{
    m_result = std::move(result);
    const SliceResult &slice = *m_result;
    QVector<double> ts, losses;
    for (int k = 0; k < int(slice.profile.size()); ++k) {
        const double value = slice.profile[k];
        ts << slice.profileT(k);
        // QCustomPlot leaves a gap at NaN, so an overflowing loss shows as a break in the line.
        losses << (std::isfinite(value) ? std::min(value, largestAxisValue)
                                        : std::numeric_limits<double>::quiet_NaN());
    }
    m_profile->setData(ts, losses, true);
    const double startLoss = slice.path.losses.front();
    const double endLoss = slice.path.losses.back();
    // A marker is drawn only where the mean loss is finite: an undefined (NaN) or infinite loss has
    // no place on the axis, and drawn at 0 or at the axis's end it would read as a value. The
    // read-out below gives "–" or "∞" there, and the legend leaves the hidden marker out.
    const auto place = [](QCPGraph *marker, double t, double loss) {
        const bool finite = std::isfinite(loss);
        marker->setVisible(finite);
        if (finite)
            marker->setData({t}, {std::min(loss, largestAxisValue)});
        else
            marker->data()->clear();
    };
    place(m_startMarker, 0.0, startLoss);
    place(m_endMarker, 1.0, endLoss);
    updateValueAxis();
    m_readOut->setText(tr("t = 0: mean loss %1 at the start; t = 1: mean loss %2 at the end")
                           .arg(shortNumber(startLoss), shortNumber(endLoss)));
    m_plot->replot();
}

void SliceProfileView::updateValueAxis()
{
    if (!m_result)
        return;
    double low = std::numeric_limits<double>::infinity(), high = -low;
    for (const double value : m_result->profile) {
        if (std::isfinite(value)) {
            low = std::min(low, value);
            high = std::max(high, value);
        }
    }
    if (low > high) {
        // The loss overflows on the whole line: keep an axis, with nothing drawn on it.
        low = 0.0;
        high = 1.0;
    }
    low = std::min(low, largestAxisValue);
    high = std::clamp(high, low, largestAxisValue);
    const bool logarithmic = m_logarithmic->isChecked() && low > 0.0;
    setLogarithmic(m_plot->yAxis, logarithmic);
    if (logarithmic) {
        // The margin is 5 % of the range's decades beyond each end, or a factor of 2 when the
        // profile is flat.
        const double decades = std::log10(high / low);
        const double factor = decades > 0.0 ? std::pow(10.0, 0.05 * decades) : 2.0;
        m_plot->yAxis->setRange(low / factor, std::min(high * factor, largestAxisValue));
    } else {
        const double margin =
            high > low ? 0.05 * (high - low) : std::max(1e-12, 0.05 * std::abs(high));
        m_plot->yAxis->setRange(low - margin, std::min(high + margin, largestAxisValue));
    }
    updateTicks(m_plot->yAxis);
}

bool SliceProfileView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot && event->type() == QEvent::MouseMove && m_result) {
        const QPointF position = static_cast<QMouseEvent *>(event)->position();
        if (m_plot->axisRect()->rect().contains(position.toPoint())) {
            const double t = m_plot->xAxis->pixelToCoord(position.x());
            const Eigen::VectorXd theta =
                (1.0 - t) * m_result->path.start() + t * m_result->path.end();
            m_readOut->setText(tr("t = %1: mean loss %2")
                                   .arg(shortNumber(t),
                                        shortNumber(m_result->objective->value(theta))));
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace losslens
