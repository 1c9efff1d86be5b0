#include "trainingrecording.h"

#include "landscapeview.h"
#include "trainingcontroller.h"
#include "uilogging.h"

#include <QEventLoop>
#include <QProgressDialog>
#include <QTimer>

namespace losslens {

namespace {

// Updates attempted by all runs together, diverging ones included, so a change of the sum
// means that some path moved or ended.
long long totalStepsTaken(const TrainingController &training)
{
    long long total = 0;
    for (int i = 0; i < training.runCount(); ++i) {
        if (const auto *run = training.run(i))
            total += run->stepsTaken();
    }
    return total;
}

// A landscape still being computed would put a coarse or an old picture into the first frames.
void waitForLandscape(LandscapeView *landscape)
{
    if (!landscape || !landscape->isComputing())
        return;
    QEventLoop loop;
    QObject::connect(landscape, &LandscapeView::computingChanged, &loop, [&loop](bool computing) {
        if (!computing)
            loop.quit();
    });
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    if (landscape->isComputing())
        qCWarning(lcUi) << "recording starts while the landscape is still computed";
}

} // namespace

TrainingRecording recordTraining(TrainingController *training, LandscapeView *landscape,
                                 QWidget *source, const AnimationExportSettings &settings,
                                 QWidget *dialogParent)
{
    training->pause();
    waitForLandscape(landscape);

    QProgressDialog progress(QObject::tr("Recording %1 frames to %2…")
                                 .arg(settings.frameCount)
                                 .arg(settings.path),
                             QObject::tr("Cancel"), 0, settings.frameCount, dialogParent);
    progress.setWindowTitle(QObject::tr("Export animation"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);

    TrainingRecording outcome;
    // The runs move with runSteps, the Step button's stepping. A frame is grabbed only after
    // some run moved or ended, so the animation ends on the last change.
    const auto advance = [&](int steps) {
        const long long before = totalStepsTaken(*training);
        training->runSteps(steps);
        const bool moved = totalStepsTaken(*training) > before;
        outcome.runsStopped = !moved;
        return moved;
    };
    const auto report = [&](int done, int) {
        progress.setValue(done);
        outcome.cancelled = progress.wasCanceled();
        return !outcome.cancelled;
    };
    qCDebug(lcUi) << "recording" << settings.frameCount << "frames of" << settings.stepsPerFrame
                  << "steps to" << settings.path;
    outcome.written = exportAnimation(source, settings, advance, report, &outcome.error,
                                      &outcome.framesWritten);
    if (!outcome.written && !outcome.cancelled)
        qCWarning(lcUi) << "animation export failed:" << outcome.error;
    return outcome;
}

} // namespace losslens
