#pragma once

#include "sessionmodel.h"
#include "trainingcontroller.h"

#include <QObject>
#include <QPen>

#include <vector>

class QComboBox;
class QCustomPlot;
class QCPGraph;
class QCPItemLine;
class QCPLayer;
class QWidget;

namespace losslens {

// Arrows on the landscape at the current point of the selected run, or of every run. They show
// the update the run makes next and the gradient step −lr·∇L that plain gradient descent would
// make from there, with SGD's gradient on its next mini-batch. An optimizer with a velocity also
// gets −lr·v: the momentum buffer of momentum, Nesterov and RMSProp, or Adam's bias-corrected
// first moment. With momentum the next step is −lr·(μ v + ∇L), so it follows the velocity
// across a valley where the gradient already points back. Adam divides by the root of the
// squared gradients' average, so its step stays near lr whatever the gradient's size.
//
// The vectors are in training coordinates, as the paths are. All arrows are magnified by one
// factor k, 1, 2 or 5 times a power of ten, the largest that keeps the longest arrow within a
// fifth of the plot's smaller side, and the legend gives k. A stopped run has no arrows, and no
// arrow ever gets a non-finite coordinate.
class RunArrows : public QObject
{
    Q_OBJECT

public:
    enum class Mode { SelectedRun, EveryRun, None };

    RunArrows(QCustomPlot *plot, SessionModel *model, TrainingController *training,
              QWidget *controlsParent);

    // The choice of runs that get arrows, for the view's header.
    QComboBox *modeBox() const { return m_modeBox; }
    Mode mode() const;
    // Recomputes the arrows from the runs; the caller replots.
    void update();
    // The arrows drawn, without their halos.
    const std::vector<QCPItemLine *> &arrows() const { return m_arrows; }
    // The buffered layer of the arrows, which a training step replots alone.
    QCPLayer *layer() const;
    // The factor k of the arrows drawn, or 0 when there are none.
    double magnification() const { return m_magnification; }

private:
    struct Arrow
    {
        Eigen::Vector2d origin;
        Eigen::Vector2d vector;
        QPen pen;
    };

    void createKeys();
    void clear();
    void draw(const Arrow &arrow);
    // The largest k of 1, 2, 5 times a power of ten with the longest arrow at most maximumPixels
    // long, or 0 when no arrow has a length.
    double chooseMagnification(const std::vector<Arrow> &arrows, double maximumPixels) const;

    QCustomPlot *m_plot;
    SessionModel *m_model;
    TrainingController *m_training;
    QComboBox *m_modeBox;
    std::vector<QCPItemLine *> m_arrows;
    std::vector<QCPItemLine *> m_halos;
    // Hidden items kept for reuse: adding or removing an item would force a full replot.
    std::vector<QCPItemLine *> m_spareArrows;
    std::vector<QCPItemLine *> m_spareHalos;
    // Empty graphs that only name the three kinds of arrow in the legend.
    QCPGraph *m_stepKey = nullptr;
    QCPGraph *m_gradientKey = nullptr;
    QCPGraph *m_velocityKey = nullptr;
    double m_magnification = 0.0;
};

} // namespace losslens
