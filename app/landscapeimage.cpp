#include "landscapeimage.h"

#include "ui/landscapeview.h"
#include "ui/sessionmodel.h"
#include "ui/trainingcontroller.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QBuffer>
#include <QEventLoop>
#include <QLayout>
#include <QPixmap>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace losslens {

namespace {

// tr() of this file's messages, in the "LandscapeImage" context of the translation files.
struct LandscapeImageText
{
    Q_DECLARE_TR_FUNCTIONS(LandscapeImage)
};

// The session of the image: the data, the one loss enabled and current, the scaling.
SessionState imageSession(std::shared_ptr<const Dataset> data, std::shared_ptr<const Loss> loss,
                          bool standardize)
{
    SessionState state = defaultSessionState(std::move(data));
    int index = -1;
    for (int i = 0; i < static_cast<int>(state.losses.size()); ++i) {
        state.losses[i].enabled = false;
        if (state.losses[i].loss->name() == loss->name())
            index = i;
    }
    // A loss outside the catalogue's list, such as a composite, gets an entry of its own.
    if (index < 0) {
        state.losses.push_back({loss, false, lossColour(loss->name())});
        index = static_cast<int>(state.losses.size()) - 1;
    }
    state.losses[index].loss = std::move(loss);
    state.losses[index].enabled = true;
    state.currentLoss = index;
    state.standardize = standardize;
    return state;
}

// True once the view shows a complete landscape of exactly its current axis ranges.
bool showsCompleteRange(const LandscapeView &view)
{
    const LandscapeResult *result = view.result();
    if (!result || !result->complete)
        return false;
    const LandscapeGrid &grid = result->landscape.grid;
    const QCPRange slopes = view.plot()->xAxis->range();
    const QCPRange intercepts = view.plot()->yAxis->range();
    return grid.slopeMinimum == slopes.lower && grid.slopeMaximum == slopes.upper &&
           grid.interceptMinimum == intercepts.lower && grid.interceptMaximum == intercepts.upper;
}

} // namespace

std::optional<LandscapeImage> renderLandscapeImage(std::shared_ptr<const Dataset> data,
                                               std::shared_ptr<const Loss> loss, bool standardize,
                                               const LandscapeGrid &dataGrid, bool automaticRange,
                                               QString *error)
{
    SessionModel model;
    model.resetState(imageSession(std::move(data), std::move(loss), standardize));
    TrainingController training(&model);
    LandscapeView view(&model, &training);
    // The image is 960 by 720 below the row of controls, which it leaves out.
    view.resize(960, 720);
    view.show();
    if (view.layout())
        view.layout()->activate();
    view.resize(960, 720 + view.plot()->geometry().top());

    QCPRange requestedSlopes;
    QCPRange requestedIntercepts;
    if (!automaticRange) {
        // A data-unit node (w, b) is (w s, b + w m) in training coordinates, so the corners of
        // the data-unit rectangle bound the training rectangle.
        const auto objective = model.objective(model.state().currentLoss);
        double slopeMinimum = 0.0, slopeMaximum = 0.0;
        double interceptMinimum = 0.0, interceptMaximum = 0.0;
        bool first = true;
        for (const double slope : {dataGrid.slopeMinimum, dataGrid.slopeMaximum}) {
            for (const double intercept : {dataGrid.interceptMinimum, dataGrid.interceptMaximum}) {
                const Eigen::Vector2d corner = objective->fromDataUnits({slope, intercept});
                slopeMinimum = first ? corner[0] : std::min(slopeMinimum, corner[0]);
                slopeMaximum = first ? corner[0] : std::max(slopeMaximum, corner[0]);
                interceptMinimum = first ? corner[1] : std::min(interceptMinimum, corner[1]);
                interceptMaximum = first ? corner[1] : std::max(interceptMaximum, corner[1]);
                first = false;
            }
        }
        requestedSlopes = QCPRange(slopeMinimum, slopeMaximum);
        requestedIntercepts = QCPRange(interceptMinimum, interceptMaximum);
        view.plot()->xAxis->setRange(requestedSlopes);
        view.plot()->yAxis->setRange(requestedIntercepts);
        // QCustomPlot keeps its previous range, here the automatic one, for a range outside
        // (-maxRange, maxRange) or narrower than minRange, which would draw another rectangle
        // than the requested one.
        if (view.plot()->xAxis->range() != requestedSlopes ||
            view.plot()->yAxis->range() != requestedIntercepts) {
            *error = LandscapeImageText::tr(
                         "the image cannot show the requested ranges, which are [%1, %2] x [%3, "
                         "%4] in the view's training coordinates: its axes reach from %5 to %6, "
                         "over a width above %7. Choose narrower -w and -b, or write CSV, "
                         "which has no such limit.")
                         .arg(formatNumber(slopeMinimum), formatNumber(slopeMaximum),
                              formatNumber(interceptMinimum), formatNumber(interceptMaximum),
                              formatNumber(-QCPRange::maxRange), formatNumber(QCPRange::maxRange),
                              formatNumber(QCPRange::minRange));
            return std::nullopt;
        }
    }

    // The view requests a landscape for a new range after a short settling delay and computes
    // it in the background. The event loop sleeps until a result arrives, so the computation
    // has every core. A check every half second ends the wait when the view has stayed idle
    // without the complete result for two seconds, which would otherwise never end.
    QEventLoop loop;
    auto finishWhenComplete = [&] {
        if (!view.isComputing() && showsCompleteRange(view))
            loop.quit();
    };
    QObject::connect(&view, &LandscapeView::landscapeUpdated, &loop, finishWhenComplete);
    int idleChecks = 0;
    QTimer watchdog;
    QObject::connect(&watchdog, &QTimer::timeout, &loop, [&] {
        idleChecks = view.isComputing() ? 0 : idleChecks + 1;
        if (idleChecks >= 4)
            loop.quit();
    });
    watchdog.start(500);
    finishWhenComplete();
    if (!(showsCompleteRange(view) && !view.isComputing()))
        loop.exec();
    watchdog.stop();
    QApplication::processEvents();
    // The view could also have returned to its automatic range on its own since.
    const bool keptRange = automaticRange || (view.plot()->xAxis->range() == requestedSlopes &&
                                              view.plot()->yAxis->range() == requestedIntercepts);
    if (!showsCompleteRange(view) || !keptRange) {
        *error = LandscapeImageText::tr(
            "the landscape view did not compute the requested range, so no image was written.");
        return std::nullopt;
    }

    // The plot and its legend, without the row of controls above them, which an image cannot use.
    const int plotTop = view.plot()->geometry().top();
    const QPixmap image = view.grab(QRect(0, plotTop, view.width(), view.height() - plotTop));
    // The caller writes the bytes, so that a failed write shows with the system's reason.
    LandscapeImage result;
    QBuffer buffer(&result.png);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG")) {
        *error = LandscapeImageText::tr("the image could not be encoded as PNG.");
        return std::nullopt;
    }

    // The view's grid is in training coordinates, so its first undefined node is converted.
    const Landscape &drawn = view.result()->landscape;
    result.nodeCount = drawn.values.size();
    result.undefinedCount = (!drawn.values.array().isFinite()).count();
    for (int i = 0; i < drawn.grid.slopeCount && result.undefinedCount > 0; ++i) {
        int j = 0;
        while (j < drawn.grid.interceptCount && std::isfinite(drawn.values(i, j)))
            ++j;
        if (j < drawn.grid.interceptCount) {
            result.firstUndefined = view.result()->objective->toDataUnits(
                {drawn.grid.slopeAt(i), drawn.grid.interceptAt(j)});
            break;
        }
    }
    return result;
}

} // namespace losslens
