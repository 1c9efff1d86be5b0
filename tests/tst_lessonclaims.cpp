#include "ui/lessoncatalogue.h"
#include "ui/lessonsteps.h"
#include "ui/sessionfile.h"
#include "ui/sessionmodel.h"
#include "ui/trainingcontroller.h"

#include "core/losscatalogue.h"
#include "core/minimizer.h"
#include "core/optimizercatalogue.h"

#include <QtTest>

#include <Eigen/Eigenvalues>

#include <cmath>
#include <limits>
#include <memory>
#include <numeric>

using namespace losslens;

namespace {

// Updates a step's runs get in these tests: playback applies 2 updates per 15 ms frame by
// default, so 1000 updates are about 8 seconds of watching a step.
constexpr int playedSteps = 1000;

// The resolved steps of a bundled lesson, by its file name under :/lessons.
std::vector<ResolvedLessonStep> lessonSteps(const QString &fileName)
{
    const QString path = QStringLiteral(":/lessons/") + fileName;
    QString error;
    const std::optional<SessionDocument> document = readSessionFile(path, &error);
    if (!document)
        qFatal("%s", qPrintable(error));
    std::optional<std::vector<ResolvedLessonStep>> steps = resolveLessonSteps(*document, &error);
    if (!steps)
        qFatal("%s", qPrintable(error));
    return *steps;
}

// A lesson step's session with its runs trained by the window's own controller.
class StepSession
{
public:
    StepSession(const ResolvedLessonStep &step, int updates)
    {
        m_model.resetState(step.document.state);
        m_training.runSteps(updates);
    }

    SessionModel &model() { return m_model; }
    const RunTrack &run(int runIndex) const
    {
        const RunTrack *track = m_training.run(runIndex);
        if (!track)
            qFatal("run %d does not train", runIndex);
        return *track;
    }
    const LineObjective &objective(int runIndex) const
    {
        return *m_model.objective(m_model.runEntry(runIndex).lossIndex);
    }
    // A run's current line in the data's units.
    LineParameters line(int runIndex) const
    {
        return objective(runIndex).toDataUnits(run(runIndex).current().theta);
    }
    // The minimum of a run's mean loss, searched from the run's start.
    MinimumResult minimum(int runIndex) const
    {
        return findMinimum(objective(runIndex), m_model.runStartTheta(runIndex));
    }
    // The run's distance from its loss's minimum in training coordinates.
    double distanceToMinimum(int runIndex) const
    {
        return (run(runIndex).current().theta - minimum(runIndex).theta).norm();
    }

private:
    SessionModel m_model;
    TrainingController m_training{&m_model};
};

// The first run of the loss with this name.
int runOfLoss(StepSession &session, const QString &name)
{
    for (int i = 0; i < session.model().runCount(); ++i) {
        const int loss = session.model().runEntry(i).lossIndex;
        if (session.model().lossEntry(loss).loss->name() == name)
            return i;
    }
    qFatal("no run of %s", qPrintable(name));
}

// Largest vertical distance between two lines over the data's feature range.
double lineGap(const LineParameters &first, const LineParameters &second, const Dataset &data)
{
    double gap = 0.0;
    for (double x : {data.feature.minCoeff(), data.feature.maxCoeff()})
        gap = std::max(gap, std::abs((first.slope - second.slope) * x + first.intercept -
                                     second.intercept));
    return gap;
}

// Residuals y - (slope x + intercept), positive for points above the line.
Eigen::VectorXd residuals(const LineParameters &line, const Dataset &data)
{
    return data.target - (line.slope * data.feature.array() + line.intercept).matrix();
}

int countAbove(const LineParameters &line, const Dataset &data)
{
    return static_cast<int>((residuals(line, data).array() > 0.0).count());
}

int countBelow(const LineParameters &line, const Dataset &data)
{
    return static_cast<int>((residuals(line, data).array() < 0.0).count());
}

// Where a logistic line's predicted probability is 0.5, in the feature's units.
double decisionBoundary(const LineParameters &line)
{
    return -line.intercept / line.slope;
}

// Eigenvalues of the mean-loss Hessian at the run's start, in ascending order.
Eigen::Vector2d curvatures(const LineObjective &objective, const Eigen::Vector2d &theta)
{
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver(objective.evaluate(theta).hessian);
    return solver.eigenvalues();
}

} // namespace

// Each bundled lesson's step text makes numerical claims about the session it sets up. Each
// test here trains that session as the window does and checks the claims as the text states
// them, so a change of a loss, an optimizer or a lesson's data that makes a text false fails.
class TestLessonClaims : public QObject
{
    Q_OBJECT

private slots:
    void outlierLesson();
    void huberLesson();
    void learningRateLesson();
    void momentumLesson();
    void adamLesson();
    void focalLesson();
    void quantileLesson();
    void adaptiveLesson();
    void starsLesson();
};

void TestLessonClaims::outlierLesson()
{
    const auto steps = lessonSteps(QStringLiteral("01-mse-mae-outlier.losslens"));
    StepSession clean(steps[0], playedSteps);
    const Dataset &cleanData = clean.model().data();
    QCOMPARE(cleanData.size(), Eigen::Index(20));
    const LineParameters truth{2.0, 1.0};
    // "Twenty points lie close to the line y = 2x + 1."
    QVERIFY(residuals(truth, cleanData).cwiseAbs().maxCoeff() < 1.5);
    const LineParameters cleanMse = clean.line(0), cleanMae = clean.line(1);
    qInfo() << "clean mse" << cleanMse.slope << cleanMse.intercept << "mae" << cleanMae.slope
            << cleanMae.intercept << "gap" << lineGap(cleanMse, cleanMae, cleanData);

    StepSession outlier(steps[1], playedSteps);
    const Dataset &data = outlier.model().data();
    const Eigen::VectorXd fromTruth = residuals(truth, data);
    Eigen::Index outlierIndex = 0;
    fromTruth.maxCoeff(&outlierIndex);
    qInfo() << "outlier" << fromTruth[outlierIndex];
    const LineParameters mse = outlier.line(0), mae = outlier.line(1);
    qInfo() << "outlier mse" << mse.slope << mse.intercept << "mae" << mae.slope << mae.intercept
            << "mse gap" << lineGap(mse, cleanMse, data) << "mae gap"
            << lineGap(mae, cleanMae, data);
    const LineParameters maeMinimum = outlier.objective(1).toDataUnits(outlier.minimum(1).theta);
    qInfo() << "mae minimum above" << countAbove(maeMinimum, data) << "below"
            << countBelow(maeMinimum, data);
}

void TestLessonClaims::huberLesson()
{
    const auto steps = lessonSteps(QStringLiteral("02-huber-delta.losslens"));
    const auto inlierLine = [](const Dataset &data) {
        // Least squares without the point farthest above y = 2x + 1, the outlier.
        Eigen::Index outlier = 0;
        residuals(LineParameters{2.0, 1.0}, data).maxCoeff(&outlier);
        Eigen::MatrixXd design(data.size() - 1, 2);
        Eigen::VectorXd target(data.size() - 1);
        for (Eigen::Index i = 0, row = 0; i < data.size(); ++i) {
            if (i == outlier)
                continue;
            design.row(row) << data.feature[i], 1.0;
            target[row++] = data.target[i];
        }
        const Eigen::Vector2d solution = design.colPivHouseholderQr().solve(target);
        return LineParameters{solution[0], solution[1]};
    };

    // Step 1: "With δ = 100 every error here is below δ, so Huber is half of MSE, and its line
    // tilts towards the outlier as MSE's does."
    StepSession large(steps[0], playedSteps);
    const Dataset &data = large.model().data();
    const int mse = runOfLoss(large, QStringLiteral("mse"));
    const int mae = runOfLoss(large, QStringLiteral("mae"));
    const int huber = runOfLoss(large, QStringLiteral("huber"));
    const LineParameters mseLine = large.line(mse);
    // Every error below 100 at the start line and on the whole path of the Huber run.
    for (const TrainingPoint &point : large.run(huber).history()) {
        const LineParameters line = large.objective(huber).toDataUnits(point.theta);
        QVERIFY(residuals(line, data).cwiseAbs().maxCoeff() < 100.0);
    }
    const Loss &huberLoss = large.objective(huber).loss();
    for (double error : {-40.0, -3.0, 0.5, 30.0})
        QCOMPARE(huberLoss.value(error, 0.0), error * error / 2.0);
    const LineParameters inliers = inlierLine(data);
    qInfo() << "huber100 gap to mse" << lineGap(large.line(huber), mseLine, data)
            << "mse to inliers" << lineGap(mseLine, inliers, data);
    QVERIFY(lineGap(large.line(huber), mseLine, data) < 0.01);
    QVERIFY(lineGap(mseLine, inliers, data) > 3.0);

    // Step 2: "With δ = 1 the outlier's error of about 30 is in the linear part ... so the
    // Huber line follows the other points."
    StepSession one(steps[1], playedSteps);
    const LineParameters huberOne = one.line(huber);
    const Eigen::VectorXd errors = residuals(huberOne, data);
    qInfo() << "huber1 outlier error" << errors.maxCoeff() << "gap to inliers"
            << lineGap(huberOne, inliers, data);
    QVERIFY(errors.maxCoeff() > 25.0 && errors.maxCoeff() < 35.0);
    QCOMPARE(one.objective(huber).loss().evaluate(-30.0, 0.0).first, -1.0);
    QVERIFY(lineGap(huberOne, inliers, data) < 0.1 * lineGap(mseLine, inliers, data));

    // Step 3: "With δ = 0.05 almost every error is in the linear part ... Its steps shrink with
    // δ, so it trains slowly at the same learning rate."
    StepSession tiny(steps[2], playedSteps);
    const MinimumResult tinyMinimum = tiny.minimum(huber);
    const Eigen::VectorXd tinyErrors =
        residuals(tiny.objective(huber).toDataUnits(tinyMinimum.theta), data);
    const auto linear = (tinyErrors.array().abs() > 0.05).count();
    qInfo() << "huber0.05 linear" << linear << "first steps" << tiny.run(huber).history()[1].theta.norm()
            << one.run(huber).history()[1].theta.norm() << "distances after played"
            << tiny.distanceToMinimum(huber) << one.distanceToMinimum(huber);
    QVERIFY(linear >= 17);
    // From the start line y = 0 all errors but one exceed 1, so the first update with δ = 0.05
    // is close to 0.05 times the one with δ = 1.
    const double firstTiny = tiny.run(huber).history()[1].theta.norm();
    const double firstOne = one.run(huber).history()[1].theta.norm();
    QVERIFY2(firstTiny < 0.06 * firstOne, qPrintable(QString::number(firstTiny / firstOne)));
    QVERIFY(tiny.distanceToMinimum(huber) > 100.0 * one.distanceToMinimum(huber));

    // Step 4: "δ = 1.345 times the noise's standard deviation ... keeps 95% of MSE's
    // efficiency on Gaussian noise". The asymptotic efficiency of Huber's location estimate at
    // the normal distribution is (2Φ(k) − 1)² / E[ψ_k(Z)²] with
    // E[ψ_k²] = 2Φ(k) − 1 − 2kφ(k) + 2k²(1 − Φ(k)) (Huber, Robust Statistics, 1981, 4.2).
    const double k = 1.345;
    const double Phi = 0.5 * std::erfc(-k / std::sqrt(2.0));
    const double phi = std::exp(-k * k / 2.0) / std::sqrt(2.0 * M_PI);
    const double efficiency =
        std::pow(2.0 * Phi - 1.0, 2) / (2.0 * Phi - 1.0 - 2.0 * k * phi + 2.0 * k * k * (1.0 - Phi));
    QVERIFY2(std::abs(efficiency - 0.95) < 0.001, qPrintable(QString::number(efficiency)));
    // "watch the line move between the MSE and MAE lines": δ = 0.7's slope lies between them.
    StepSession middle(steps[3], playedSteps);
    const double slope = middle.line(huber).slope;
    const double mseSlope = middle.line(mse).slope, maeSlope = middle.line(mae).slope;
    qInfo() << "slopes mae" << maeSlope << "huber0.7" << slope << "mse" << mseSlope;
    QVERIFY(slope > std::min(mseSlope, maeSlope));
    QVERIFY(slope < std::max(mseSlope, maeSlope));
}

void TestLessonClaims::learningRateLesson()
{
    const auto steps = lessonSteps(QStringLiteral("03-learning-rate.losslens"));

    // Step 1: "On the standardized feature the landscape is a round bowl, and the run walks
    // straight to its minimum."
    StepSession small(steps[0], playedSteps);
    const Eigen::Vector2d start = small.run(0).history().front().theta;
    const Eigen::Vector2d minimum = small.minimum(0).theta;
    const Eigen::Vector2d round = curvatures(small.objective(0), start);
    QVERIFY(std::abs(round[0] - 2.0) < 1e-9);
    QVERIFY(std::abs(round[1] - 2.0) < 1e-9);
    const Eigen::Vector2d direction = (minimum - start).normalized();
    double offPath = 0.0;
    for (const TrainingPoint &point : small.run(0).history()) {
        const Eigen::Vector2d offset = point.theta - start;
        offPath = std::max(offPath, std::abs(offset[0] * direction[1] - offset[1] * direction[0]));
    }
    QVERIFY2(offPath < 1e-9 * (minimum - start).norm(), qPrintable(QString::number(offPath)));
    QVERIFY(small.distanceToMinimum(0) < 1e-9);

    // Step 2: learning rate 0.9, "the error is multiplied by 1 − 2·0.9 = −0.8 at each step: the
    // run zigzags but still converges."
    StepSession zigzag(steps[1], playedSteps);
    const auto &zigzagPath = zigzag.run(0).history();
    for (int i = 0; i < 10; ++i) {
        const Eigen::Vector2d before = zigzagPath[i].theta - minimum;
        const Eigen::Vector2d after = zigzagPath[i + 1].theta - minimum;
        QVERIFY((after + 0.8 * before).norm() < 1e-9 * before.norm());
    }
    QVERIFY(zigzag.run(0).status() != RunStatus::Diverged);
    QVERIFY(zigzag.distanceToMinimum(0) < 1e-9);

    // Step 3: learning rate 1.1, "the factor is 1 − 2·1.1 = −1.2 ... the run is marked as
    // diverged."
    StepSession divergent(steps[2], playedSteps);
    const auto &divergentPath = divergent.run(0).history();
    for (int i = 0; i < 10; ++i) {
        const Eigen::Vector2d before = divergentPath[i].theta - minimum;
        const Eigen::Vector2d after = divergentPath[i + 1].theta - minimum;
        QVERIFY((after + 1.2 * before).norm() < 1e-9 * before.norm());
    }
    QCOMPARE(divergent.run(0).status(), RunStatus::Diverged);
    qInfo() << "diverged at" << divergent.run(0).divergedAt();

    // Step 4: "a curvature of about 7,500 across it. A learning rate of 0.0002 is then close to
    // the limit of 2/7,500, and progress along the valley floor is very slow."
    StepSession raw(steps[3], playedSteps);
    const Eigen::Vector2d rawStart = raw.run(0).history().front().theta;
    const Eigen::Vector2d valley = curvatures(raw.objective(0), rawStart);
    qInfo() << "raw curvatures" << valley[0] << valley[1] << "distance"
            << raw.distanceToMinimum(0) << (rawStart - raw.minimum(0).theta).norm();
    QVERIFY(std::abs(valley[1] - 7500.0) < 100.0);
    QVERIFY(0.0002 < 2.0 / valley[1]);
    QVERIFY(0.0002 > 0.7 * 2.0 / valley[1]);
    QVERIFY(raw.distanceToMinimum(0) > 0.5 * (rawStart - raw.minimum(0).theta).norm());
}

namespace {

// The eigenvector of the smaller curvature at theta: the direction along a valley's floor.
Eigen::Vector2d valleyFloor(const LineObjective &objective, const Eigen::Vector2d &theta)
{
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver(objective.evaluate(theta).hessian);
    return solver.eigenvectors().col(0);
}

// Coordinates of a run's path along a direction, measured from the minimum.
std::vector<double> pathAlong(const RunTrack &run, const Eigen::Vector2d &minimum,
                              const Eigen::Vector2d &direction)
{
    std::vector<double> coordinates;
    for (const TrainingPoint &point : run.history())
        coordinates.push_back(direction.dot(point.theta - minimum));
    return coordinates;
}

// How far a path along one direction goes past the minimum, as a fraction of its start
// distance: 0 when it never crosses.
double overshoot(const std::vector<double> &coordinates)
{
    const double first = coordinates.front();
    double largest = 0.0;
    for (double coordinate : coordinates)
        largest = std::max(largest, -coordinate * (first > 0 ? 1.0 : -1.0));
    return largest / std::abs(first);
}

} // namespace

void TestLessonClaims::momentumLesson()
{
    const auto steps = lessonSteps(QStringLiteral("04-momentum-valley.losslens"));

    // Step 1: "Gradient descent with learning rate 0.0002 zigzags across it and barely moves
    // along it."
    StepSession crawl(steps[0], playedSteps);
    const LineObjective &objective = crawl.objective(0);
    const Eigen::Vector2d start = crawl.run(0).history().front().theta;
    const Eigen::Vector2d minimum = crawl.minimum(0).theta;
    const Eigen::Vector2d floor = valleyFloor(objective, start);
    const Eigen::Vector2d across(-floor[1], floor[0]);
    const std::vector<double> crawlAcross = pathAlong(crawl.run(0), minimum, across);
    for (int i = 1; i < 6; ++i)
        QVERIFY(crawlAcross[i] * crawlAcross[i + 1] < 0.0);
    const std::vector<double> crawlAlong = pathAlong(crawl.run(0), minimum, floor);
    qInfo() << "gd along after played" << crawlAlong.back() / crawlAlong.front();
    QVERIFY(std::abs(crawlAlong.back()) > 0.9 * std::abs(crawlAlong.front()));

    // Step 2: "steps that agree add up to about ten times the gradient step": the velocity
    // under a constant gradient tends to g / (1 − 0.9).
    QString error;
    std::unique_ptr<Optimizer> momentum =
        OptimizerCatalogue::parse(QStringLiteral("momentum:learning_rate=1,momentum=0.9"), &error);
    QVERIFY2(momentum, qPrintable(error));
    Eigen::VectorXd theta = Eigen::VectorXd::Zero(1), previous = theta;
    const Eigen::VectorXd gradient = Eigen::VectorXd::Constant(1, -1.0);
    for (int i = 0; i < 200; ++i) {
        previous = theta;
        momentum->step(theta, gradient, 1.0);
    }
    QVERIFY(std::abs(theta[0] - previous[0] - 10.0) < 1e-6);
    // "Along the valley the gradients agree, and the run moves there about ten times as fast as
    // gradient descent. Across the valley they alternate, so the run overshoots the valley
    // floor and swings from side to side for many steps."
    StepSession swing(steps[1], playedSteps);
    const std::vector<double> swingAlong = pathAlong(swing.run(0), minimum, floor);
    const double speedup = (1.0 - swingAlong.back() / swingAlong.front()) /
                           (1.0 - crawlAlong.back() / crawlAlong.front());
    QVERIFY2(speedup > 8.0 && speedup < 11.0, qPrintable(QString::number(speedup)));
    const std::vector<double> swingAcross = pathAlong(swing.run(0), minimum, across);
    QVERIFY(overshoot(swingAcross) > 1.0);
    // Swings after 40 to 60 steps: |r| = sqrt(0.9) per step for the swing, against 0.49 for
    // gradient descent's zigzag, since lr times the curvature across is about 1.49.
    const auto largestBetween = [](const std::vector<double> &coordinates, int first, int last) {
        double largest = 0.0;
        for (int i = first; i <= last; ++i)
            largest = std::max(largest, std::abs(coordinates[i]));
        return largest / std::abs(coordinates.front());
    };
    QVERIFY(largestBetween(swingAcross, 40, 60) > 0.05);
    QVERIFY(largestBetween(crawlAcross, 40, 60) < 1e-6);

    // Step 3: "Smaller momentum overshoots less across the valley but is slower along it."
    StepSession three(steps[2], playedSteps);
    const RunTrack &half = three.run(1), &most = three.run(2);
    QVERIFY(overshoot(pathAlong(half, minimum, across)) <
            0.6 * overshoot(pathAlong(most, minimum, across)));
    QVERIFY(std::abs(pathAlong(half, minimum, floor).back()) >
            std::abs(pathAlong(most, minimum, floor).back()));

    // Step 4: Nesterov "brakes before the turn and overshoots less than plain momentum. Here both
    // use learning rate 0.0001, because at 0.0002 Nesterov's look-ahead is unstable across the
    // valley and the run diverges."
    StepSession nesterov(steps[3], playedSteps);
    QVERIFY(nesterov.run(0).status() != RunStatus::Diverged);
    QVERIFY(nesterov.run(1).status() != RunStatus::Diverged);
    const double plain = overshoot(pathAlong(nesterov.run(0), minimum, across));
    const double braked = overshoot(pathAlong(nesterov.run(1), minimum, across));
    QVERIFY2(braked < 0.5 * plain, qPrintable(QStringLiteral("%1 %2").arg(braked).arg(plain)));
    std::unique_ptr<Optimizer> fast = OptimizerCatalogue::parse(
        QStringLiteral("nesterov:learning_rate=0.0002,momentum=0.9"), &error);
    TrainingRun unstable(objective, start, *fast);
    for (int i = 0; i < playedSteps && unstable.status() == RunStatus::Running; ++i)
        unstable.step(objective);
    QCOMPARE(unstable.status(), RunStatus::Diverged);
}

void TestLessonClaims::adamLesson()
{
    const auto steps = lessonSteps(QStringLiteral("05-adam-sgd.losslens"));

    // Step 1: "Gradient descent must use a learning rate below 2/7,500 to stay stable".
    StepSession crawl(steps[0], playedSteps);
    const Eigen::Vector2d start = crawl.run(0).history().front().theta;
    const double limit = 2.0 / curvatures(crawl.objective(0), start)[1];
    QVERIFY(0.0002 < limit);
    QVERIFY(std::abs(limit - 2.0 / 7500.0) < 0.01 * limit);

    // Step 2: "both parameters move about lr per step ... With lr = 0.5 it heads for the
    // minimum while gradient descent is still crawling." Adam's first update is lr · sign(g)
    // up to its epsilon.
    StepSession beside(steps[1], playedSteps);
    const Eigen::Vector2d firstUpdate =
        beside.run(1).history()[1].theta - beside.run(1).history()[0].theta;
    QVERIFY(std::abs(std::abs(firstUpdate[0]) - 0.5) < 1e-6);
    QVERIFY(std::abs(std::abs(firstUpdate[1]) - 0.5) < 1e-6);
    const double startDistance = (start - crawl.minimum(0).theta).norm();
    qInfo() << "after played: adam" << beside.distanceToMinimum(1) / startDistance << "gd"
            << beside.distanceToMinimum(0) / startDistance;
    QVERIFY(beside.distanceToMinimum(0) > 0.9 * startDistance);
    QVERIFY(beside.distanceToMinimum(1) < 0.1 * startDistance);

    // Step 3: "Adam's steps shrink near the minimum ... so even a constant learning rate lands.
    // A schedule that shrinks the learning rate too soon, here cosine to 0 over 300 steps, leaves
    // the run stranded far from the minimum."
    StepSession schedules(steps[2], playedSteps);
    const auto &constant = schedules.run(0).history();
    const double lastStep = (constant.back().theta - constant[constant.size() - 2].theta).norm();
    qInfo() << "constant" << schedules.distanceToMinimum(0) << lastStep << "cosine" << schedules.distanceToMinimum(1);
    QVERIFY(lastStep < 0.01 * 0.5);
    QVERIFY(schedules.distanceToMinimum(0) < 0.01 * startDistance);
    QVERIFY(schedules.distanceToMinimum(1) > 0.5 * startDistance);

    // Step 4: "With the feature standardized ... plain gradient descent with learning rate 0.5
    // reaches the minimum in a few steps." The curvature is 2, so 1 − 2·0.5 = 0.
    StepSession scaled(steps[3], 3);
    qInfo() << "gd standardized after 3" << scaled.distanceToMinimum(0);
    QVERIFY(scaled.distanceToMinimum(0) < 1e-9 * (1.0 + scaled.minimum(0).theta.norm()));
}

void TestLessonClaims::focalLesson()
{
    const auto steps = lessonSteps(QStringLiteral("06-focal-imbalance.losslens"));

    // Step 1: "Two classes of 100 points each, x around −1 for label 0 and around +1 for label
    // 1 ... its decision boundary ... lies near x = 0."
    StepSession balanced(steps[0], playedSteps);
    const Dataset &even = balanced.model().data();
    QCOMPARE((even.target.array() == 1.0).count(), Eigen::Index(100));
    QCOMPARE((even.target.array() == 0.0).count(), Eigen::Index(100));
    const double balancedBoundary = decisionBoundary(balanced.line(0));
    qInfo() << "balanced boundary" << balancedBoundary;
    QVERIFY(std::abs(balancedBoundary) < 0.1);

    // Step 2: "180 points have label 0 and only 20 have label 1 ... the boundary moves right,
    // into the minority class."
    StepSession imbalanced(steps[1], playedSteps);
    const Dataset &data = imbalanced.model().data();
    QCOMPARE((data.target.array() == 1.0).count(), Eigen::Index(20));
    QCOMPARE((data.target.array() == 0.0).count(), Eigen::Index(180));
    const double crossEntropyBoundary = decisionBoundary(imbalanced.line(0));
    double minorityMean = 0.0;
    for (Eigen::Index i = 0; i < data.size(); ++i)
        minorityMean += data.target[i] == 1.0 ? data.feature[i] / 20.0 : 0.0;
    qInfo() << "bce boundary" << crossEntropyBoundary << "minority mean" << minorityMean
            << "minimum" << decisionBoundary(imbalanced.objective(0).toDataUnits(imbalanced.minimum(0).theta));
    QVERIFY(crossEntropyBoundary > 0.8);

    // Step 3: "With γ = 2 a point classified with p = 0.9 counts 100 times less".
    StepSession focal(steps[2], playedSteps);
    const int focalRun = runOfLoss(focal, QStringLiteral("focal"));
    const int bceRun = runOfLoss(focal, QStringLiteral("bce"));
    const Loss &focalLoss = focal.objective(focalRun).loss();
    const Loss &bce = focal.objective(bceRun).loss();
    const double logit = std::log(9.0);
    QVERIFY(std::abs(focalLoss.value(logit, 1.0) / (0.5 * bce.value(logit, 1.0)) - 0.01) < 1e-12);
    const double focalBoundary = decisionBoundary(focal.line(focalRun));
    qInfo() << "focal 0.5 boundary" << focalBoundary << "bce" << decisionBoundary(focal.line(bceRun))
            << "minimum" << decisionBoundary(focal.objective(focalRun).toDataUnits(focal.minimum(focalRun).theta));
    // "Yet the boundary hardly moves, and even goes a little further right".
    QVERIFY(focalBoundary > crossEntropyBoundary);
    QVERIFY(focalBoundary < crossEntropyBoundary + 0.15);

    // Step 4: "With α = 0.9 the rare class gets nine times the weight, which undoes the
    // imbalance of nine to one."
    StepSession weighted(steps[3], playedSteps);
    const double weightedBoundary = decisionBoundary(weighted.line(focalRun));
    qInfo() << "focal 0.9 boundary" << weightedBoundary;
    QVERIFY(std::abs(weightedBoundary - balancedBoundary) < 0.2);
}

void TestLessonClaims::quantileLesson()
{
    const auto steps = lessonSteps(QStringLiteral("07-quantile-engel.losslens"));
    const auto fractionBelow = [](const StepSession &session, int run) {
        const Dataset &data = const_cast<StepSession &>(session).model().data();
        return countBelow(session.line(run), data) / double(data.size());
    };

    // Step 1: "The quantile loss with τ = 0.5 is half the absolute error, so its line is the
    // median regression line".
    StepSession median(steps[0], playedSteps);
    QCOMPARE(median.model().data().size(), Eigen::Index(235));
    const int quantile = runOfLoss(median, QStringLiteral("quantile"));
    for (double error : {-3.0, -0.25, 2.0})
        QCOMPARE(median.objective(quantile).loss().value(error, 0.0), std::abs(error) / 2.0);
    qInfo() << "median below" << fractionBelow(median, quantile);
    QVERIFY(std::abs(fractionBelow(median, quantile) - 0.5) < 0.02);

    // Step 2: "With τ = 0.9 the loss charges 0.9 per unit for points above the line and 0.1 for
    // points below. Its minimum leaves about 90% of the points below the line."
    StepSession upper(steps[1], playedSteps);
    const Loss &upperLoss = upper.objective(quantile).loss();
    // e = prediction − target, so a point above the line has e < 0.
    QCOMPARE(upperLoss.evaluate(-2.0, 0.0).first, -0.9);
    QCOMPARE(upperLoss.evaluate(2.0, 0.0).first, 0.1);
    qInfo() << "0.9 below" << fractionBelow(upper, quantile);
    QVERIFY(std::abs(fractionBelow(upper, quantile) - 0.9) < 0.02);

    // Step 3: "With τ = 0.1 ... about 10% of the points end below the line."
    StepSession lower(steps[2], playedSteps);
    qInfo() << "0.1 below" << fractionBelow(lower, quantile);
    QVERIFY(std::abs(fractionBelow(lower, quantile) - 0.1) < 0.02);

    // Step 4: "The 90% line is steeper than the 10% line".
    qInfo() << "slopes 0.9" << upper.line(quantile).slope << "0.1" << lower.line(quantile).slope;
    QVERIFY(upper.line(quantile).slope > lower.line(quantile).slope + 0.1);
}

void TestLessonClaims::adaptiveLesson()
{
    const auto steps = lessonSteps(QStringLiteral("08-adaptive-loss.losslens"));
    const Dataset &outliers = *steps[0].document.state.data;
    const Dataset &clean = *steps[3].document.state.data;
    const Eigen::VectorXd shift = outliers.target - clean.target;
    QCOMPARE(outliers.size(), Eigen::Index(30));
    // "6 of the 30 points are outliers 15 above the line"
    QCOMPARE((shift.array().abs() > 1e-9).count(), Eigen::Index(6));
    for (double moved : shift) {
        if (std::abs(moved) > 1e-9)
            QVERIFY2(std::abs(moved - 15.0) < 1e-6, qPrintable(QString::number(moved)));
    }
    const auto leastSquares = [](const Dataset &data) {
        Eigen::MatrixXd design(data.size(), 2);
        design.col(0) = data.feature;
        design.col(1).setOnes();
        const Eigen::Vector2d solution = design.colPivHouseholderQr().solve(data.target);
        return LineParameters{solution[0], solution[1]};
    };
    const LineParameters cleanLine = leastSquares(clean);

    // Step 1: "Here α = 2 ... outliers ... which pull the fit up."
    StepSession quadratic(steps[0], playedSteps);
    const Loss &barron = quadratic.objective(0).loss();
    for (double error : {-3.0, 0.5, 4.0})
        QVERIFY(std::abs(barron.value(error, 0.0) - error * error / 2.0) < 1e-12);
    const LineParameters pulled = quadratic.line(0);
    const double middle = 0.5 * (outliers.feature.minCoeff() + outliers.feature.maxCoeff());
    const auto heightAt = [](const LineParameters &line, double x) {
        return line.slope * x + line.intercept;
    };
    qInfo() << "alpha 2 pulled up by" << heightAt(pulled, middle) - heightAt(cleanLine, middle);
    QVERIFY(heightAt(pulled, middle) - heightAt(cleanLine, middle) > 2.0);

    // Step 2: "With α = 0 ... the line follows the other 24 points."
    StepSession cauchy(steps[1], playedSteps);
    qInfo() << "alpha 0 gap" << lineGap(cauchy.line(0), cleanLine, outliers);
    QVERIFY(lineGap(cauchy.line(0), cleanLine, outliers) < 0.5);

    // Step 3: "This run starts at α = 1 ... With outliers present, α falls towards 0".
    StepSession learning(steps[2], playedSteps);
    const auto &learned = learning.run(0).adaptiveHistory();
    QVERIFY(!learned.empty());
    QCOMPARE(learned.front().shape, 1.0);
    for (int at : {50, 100, 200, 300, 500, 1000}) {
        if (at < int(learned.size()))
            qInfo() << "alpha at" << at << learned[at].shape << "c" << learned[at].scale;
    }
    qInfo() << "alpha end" << learned.back().shape << learned.back().iteration;
    // Within the played steps alpha falls from 1 to below 0.05 (about 0.008 at step 1000).
    QCOMPARE(learned.back().iteration, playedSteps);
    QVERIFY2(learned.back().shape < 0.05, qPrintable(QString::number(learned.back().shape)));
    QVERIFY(learned[playedSteps / 2].shape < learned.front().shape);

    // Step 4: "without outliers ... the learned α rises towards 2".
    StepSession gaussian(steps[3], playedSteps);
    const auto &rising = gaussian.run(0).adaptiveHistory();
    for (int at : {50, 100, 200, 300, 500, 1000}) {
        if (at < int(rising.size()))
            qInfo() << "clean alpha at" << at << rising[at].shape << "c" << rising[at].scale;
    }
    // Within the played steps alpha climbs above 1.7 (about 1.84 at step 1000) and still rises.
    QCOMPARE(rising.back().iteration, playedSteps);
    QVERIFY2(rising.back().shape > 1.7, qPrintable(QString::number(rising.back().shape)));
    QVERIFY(rising.back().shape > rising[playedSteps / 2].shape);
}

void TestLessonClaims::starsLesson()
{
    const auto steps = lessonSteps(QStringLiteral("09-robust-stars.losslens"));
    StepSession squares(steps[0], playedSteps);
    const Dataset &data = squares.model().data();
    QCOMPARE(data.size(), Eigen::Index(47));
    // The four giants: the four coolest stars.
    std::vector<Eigen::Index> order(data.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](Eigen::Index a, Eigen::Index b) { return data.feature[a] < data.feature[b]; });
    const std::vector<Eigen::Index> giants(order.begin(), order.begin() + 4);
    const auto giantErrors = [&](const LineParameters &line) {
        const Eigen::VectorXd errors = residuals(line, data);
        double smallest = std::numeric_limits<double>::infinity();
        for (Eigen::Index giant : giants)
            smallest = std::min(smallest, std::abs(errors[giant]));
        return smallest;
    };

    // Step 1: "The four giants ... pull the MSE line until its slope is negative".
    const LineParameters mse = squares.line(0);
    qInfo() << "mse" << mse.slope << mse.intercept << "giant x" << data.feature[order[3]] << data.feature[order[4]];
    QVERIFY(mse.slope < 0.0);

    // Step 2: "Huber's line stays near MSE's."
    StepSession huber(steps[1], playedSteps);
    const LineParameters huberLine = huber.line(runOfLoss(huber, QStringLiteral("huber")));
    qInfo() << "huber" << huberLine.slope << huberLine.intercept << "gap" << lineGap(huberLine, mse, data);
    QVERIFY(huberLine.slope < 0.0);
    QVERIFY(lineGap(huberLine, mse, data) < 0.3);

    // Step 3: "Started near the main sequence's line, it fits the main sequence and ignores the
    // giants": every giant's error exceeds c = 0.6.
    StepSession tukey(steps[2], playedSteps);
    const int tukeyRun = runOfLoss(tukey, QStringLiteral("tukey"));
    const LineParameters mainSequence = tukey.line(tukeyRun);
    qInfo() << "tukey main" << mainSequence.slope << mainSequence.intercept << "giant error" << giantErrors(mainSequence);
    QVERIFY(mainSequence.slope > 1.0);
    QVERIFY(giantErrors(mainSequence) > 0.6);

    // Step 4: "Started at the MSE line instead, the same loss settles next to the giants."
    StepSession giantsStart(steps[3], playedSteps);
    const LineParameters nearGiants = giantsStart.line(tukeyRun);
    qInfo() << "tukey giants" << nearGiants.slope << nearGiants.intercept;
    QVERIFY(nearGiants.slope < 0.0);
}

QTEST_MAIN(TestLessonClaims)
#include "tst_lessonclaims.moc"
