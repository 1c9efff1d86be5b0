#include "viewsettings.h"

#include "dataview.h"
#include "landscapeview.h"
#include "losscurveview.h"
#include "mainwindow.h"
#include "trainingview.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QSpinBox>

namespace losslens {

namespace {

ViewRange axisRange(const QCustomPlot *plot)
{
    return {plot->xAxis->range().lower, plot->xAxis->range().upper, plot->yAxis->range().lower,
            plot->yAxis->range().upper};
}

void setAxisRange(QCustomPlot *plot, const std::optional<ViewRange> &range)
{
    if (!range)
        return;
    plot->xAxis->setRange(range->horizontalMinimum, range->horizontalMaximum);
    plot->yAxis->setRange(range->verticalMinimum, range->verticalMaximum);
    plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace

ViewSettings currentViewSettings(const MainWindow &window)
{
    ViewSettings settings;
    const LandscapeView *landscape = window.landscapeView();
    settings.logarithmicColours = landscape->logarithmicBox()->isChecked();
    settings.contours = landscape->contoursBox()->isChecked();

    settings.dataRange = axisRange(window.dataView()->plot());

    const LossCurveView *curves = window.lossCurveView();
    if (curves->hasUserRange())
        settings.lossCurveRange = axisRange(curves->plot());
    settings.firstDerivative = curves->firstDerivativeBox()->isChecked();
    settings.secondDerivative = curves->secondDerivativeBox()->isChecked();
    settings.weight = curves->weightBox()->isChecked();
    settings.classifierInput = ClassifierInput(curves->classifierAxisBox()->currentIndex());
    settings.trueClass = curves->trueClassBox()->value();

    const TrainingView *training = window.trainingView();
    // An automatic range follows the runs, so only the user's own range is kept.
    if (training->hasUserRange())
        settings.trainingRange = axisRange(training->plot());
    settings.logarithmicLoss = training->logarithmicBox()->isChecked();
    return settings;
}

void applyViewSettings(MainWindow &window, const ViewSettings &settings)
{
    // Each switch refits its view, so the switches come first and the ranges after them.
    LandscapeView *landscape = window.landscapeView();
    landscape->logarithmicBox()->setChecked(settings.logarithmicColours);
    landscape->contoursBox()->setChecked(settings.contours);

    LossCurveView *curves = window.lossCurveView();
    curves->firstDerivativeBox()->setChecked(settings.firstDerivative);
    curves->secondDerivativeBox()->setChecked(settings.secondDerivative);
    curves->weightBox()->setChecked(settings.weight);
    curves->classifierAxisBox()->setCurrentIndex(int(settings.classifierInput));
    // NOTE: the box offers the classes of the enabled cross-entropy losses (0 to 2 without one),
    // so a saved class beyond them is clamped to the last.
    curves->trueClassBox()->setValue(settings.trueClass);

    TrainingView *training = window.trainingView();
    training->logarithmicBox()->setChecked(settings.logarithmicLoss);

    setAxisRange(window.dataView()->plot(), settings.dataRange);
    if (settings.lossCurveRange)
        curves->setUserRange(*settings.lossCurveRange);
    else
        curves->fitRange();
    if (settings.trainingRange)
        training->setUserRange(*settings.trainingRange);
    else
        training->fitRange();
}

} // namespace losslens
