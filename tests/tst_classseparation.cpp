// classSeparation(): overlap, quasi-complete and complete separation of two classes by a plane,
// against the rule for one feature (a threshold), on data that only exact arithmetic separates,
// and where it returns Unknown.

#include "core/classseparation.h"

#include <QTest>

#include <cmath>
#include <random>
#include <thread>

using namespace losslens;

namespace {

Eigen::MatrixXd column(std::initializer_list<double> values)
{
    Eigen::MatrixXd features(Eigen::Index(values.size()), 1);
    Eigen::Index i = 0;
    for (const double value : values)
        features(i++, 0) = value;
    return features;
}

Eigen::VectorXd vector(std::initializer_list<double> values)
{
    Eigen::VectorXd result(Eigen::Index(values.size()));
    Eigen::Index i = 0;
    for (const double value : values)
        result[i++] = value;
    return result;
}

// With one feature a plane is a threshold t: class 1 on one side, class 0 on the other. The
// classes are completely separated when all of one class lie strictly below all of the other,
// and quasi-completely when they meet at one value. The exception is one x for every row: then
// w x + b is the same for every row, so it cannot be positive for one class and 0 for the other.
ClassSeparation thresholdRule(const Eigen::VectorXd &x, const Eigen::VectorXd &labels)
{
    double lowest[2] = {INFINITY, INFINITY};
    double highest[2] = {-INFINITY, -INFINITY};
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        const int label = labels[i] == 1.0 ? 1 : 0;
        lowest[label] = std::min(lowest[label], x[i]);
        highest[label] = std::max(highest[label], x[i]);
    }
    if (x.minCoeff() == x.maxCoeff())
        return labels.minCoeff() == labels.maxCoeff() ? ClassSeparation::Complete
                                                      : ClassSeparation::Overlap;
    if (highest[0] < lowest[1] || highest[1] < lowest[0])
        return ClassSeparation::Complete;
    if (highest[0] <= lowest[1] || highest[1] <= lowest[0])
        return ClassSeparation::QuasiComplete;
    return ClassSeparation::Overlap;
}

const char *name(ClassSeparation separation)
{
    switch (separation) {
    case ClassSeparation::Overlap:
        return "Overlap";
    case ClassSeparation::QuasiComplete:
        return "QuasiComplete";
    case ClassSeparation::Complete:
        return "Complete";
    case ClassSeparation::Unknown:
        return "Unknown";
    }
    return "?";
}

} // namespace

class TestClassSeparation : public QObject
{
    Q_OBJECT

private slots:
    void oneFeatureCases();
    void oneFeatureMatchesThresholdRule();
    void separatedOnlyInExactArithmetic();
    void planeThroughThreePoints();
    void separationInFiveFeatures();
    void badlyScaledColumns();
    void unknownAnswers();
    void runsOnManyThreads();
};

void TestClassSeparation::oneFeatureCases()
{
    QCOMPARE(classSeparation(column({0, 1, 2, 3}), vector({0, 1, 0, 1})), ClassSeparation::Overlap);
    QCOMPARE(classSeparation(column({0, 1, 2, 3}), vector({0, 0, 1, 1})), ClassSeparation::Complete);
    QCOMPARE(classSeparation(column({0, 1, 2, 3}), vector({1, 1, 0, 0})), ClassSeparation::Complete);
    // Rows at x = 1 of both classes lie on the plane x = 1.
    QCOMPARE(classSeparation(column({0, 1, 1, 2}), vector({0, 0, 1, 1})),
             ClassSeparation::QuasiComplete);
    // One class: the intercept alone puts every row on its side.
    QCOMPARE(classSeparation(column({0, 1, 2}), vector({1, 1, 1})), ClassSeparation::Complete);
    // One x for both classes: nothing splits them.
    QCOMPARE(classSeparation(column({5, 5, 5}), vector({0, 1, 1})), ClassSeparation::Overlap);
}

void TestClassSeparation::oneFeatureMatchesThresholdRule()
{
    std::mt19937_64 generator(20261205);
    // Few distinct values, so that ties between the classes, and with them quasi-complete
    // separation, are common.
    std::uniform_int_distribution<int> magnitude(0, 4);
    std::uniform_int_distribution<int> multiple(1, 2);
    std::uniform_int_distribution<int> size(1, 9);
    std::bernoulli_distribution label(0.5);
    int counts[3] = {0, 0, 0};
    for (int trial = 0; trial < 1000; ++trial) {
        const int rows = size(generator);
        Eigen::MatrixXd x(rows, 1);
        Eigen::VectorXd labels(rows);
        for (int i = 0; i < rows; ++i) {
            // Values up to 1e12 apart, so the simplex gets badly scaled columns.
            x(i, 0) = std::ldexp(multiple(generator), 10 * magnitude(generator));
            labels[i] = label(generator) ? 1.0 : 0.0;
        }
        const ClassSeparation expected = thresholdRule(x.col(0), labels);
        const ClassSeparation found = classSeparation(x, labels);
        if (found != expected) {
            QString rowsText;
            for (int i = 0; i < rows; ++i)
                rowsText += QStringLiteral(" (%1, %2)").arg(x(i, 0)).arg(labels[i]);
            QFAIL(qPrintable(QStringLiteral("%1 instead of %2 for rows%3")
                                 .arg(name(found), name(expected), rowsText)));
        }
        ++counts[int(expected)];
    }
    // The trials reach each of the three results many times (about 510, 90 and 400 times).
    for (const int count : counts)
        QVERIFY2(count >= 50, qPrintable(QString::number(count)));
}

void TestClassSeparation::separatedOnlyInExactArithmetic()
{
    // Class 0 one unit in the last place above class 1 near 2^40: a threshold between them
    // separates the classes completely, though no difference of these values survives adding 1.
    const double base = std::ldexp(1.0, 40);
    const double next = std::nextafter(base, INFINITY);
    QCOMPARE(classSeparation(column({base, base, next, next}), vector({1, 1, 0, 0})),
             ClassSeparation::Complete);
    QCOMPARE(classSeparation(column({base, next, base, next}), vector({1, 1, 0, 0})),
             ClassSeparation::Overlap);
    QCOMPARE(classSeparation(column({base, next, next}), vector({1, 1, 0})),
             ClassSeparation::QuasiComplete);
}

void TestClassSeparation::planeThroughThreePoints()
{
    // Three points on the line x2 = x1, the middle one of the other class: every plane that has
    // the outer two on its side has the middle one there too, or all three on it.
    Eigen::MatrixXd onLine(3, 2);
    onLine << 0, 0, 1, 1, 2, 2;
    QCOMPARE(classSeparation(onLine, vector({1, 0, 1})), ClassSeparation::Overlap);
    // Moving the middle point 1e-12 off the line lets x1 - x2 + 5e-13 = 0 separate it.
    Eigen::MatrixXd offLine = onLine;
    offLine(1, 1) = 1.0 + 1e-12;
    QCOMPARE(classSeparation(offLine, vector({1, 0, 1})), ClassSeparation::Complete);
    // And 1e-300 off the line in a coordinate far from 1 (no double lies that close to 1).
    Eigen::MatrixXd tinyOffset(3, 2);
    tinyOffset << 0, 0, 1e-300, 1e-300 + 1e-315, 2e-300, 2e-300;
    QCOMPARE(classSeparation(tinyOffset, vector({1, 0, 1})), ClassSeparation::Complete);
}

void TestClassSeparation::separationInFiveFeatures()
{
    // Labels from the sign of a fixed linear function separate completely.
    std::mt19937_64 generator(7);
    std::normal_distribution<double> normal;
    const int rows = 400;
    Eigen::MatrixXd x(rows, 5);
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < 5; ++j)
            x(i, j) = normal(generator);
    const Eigen::VectorXd weights = vector({1.0, -2.0, 0.5, 0.0, 3.0});
    const double intercept = 0.25;
    Eigen::VectorXd scores = x * weights;
    scores.array() += intercept;
    Eigen::VectorXd labels(rows);
    for (int i = 0; i < rows; ++i)
        labels[i] = scores[i] > 0.0 ? 1.0 : 0.0;
    // Keep every row at least 0.05 from the plane.
    for (int i = 0; i < rows; ++i) {
        if (std::abs(scores[i]) < 0.05)
            x(i, 4) += (scores[i] >= 0.0 ? 0.1 : -0.1);
    }
    QCOMPARE(classSeparation(x, labels), ClassSeparation::Complete);

    // A row at the centroid of six class 1 rows, labelled 0. A plane with those six on its
    // closed side and the new row on the other passes through all seven. Six random points in
    // five dimensions lie on no common plane, so the classes overlap.
    Eigen::MatrixXd withCentroid(rows + 1, 5);
    withCentroid.topRows(rows) = x;
    Eigen::RowVectorXd centroid = Eigen::RowVectorXd::Zero(5);
    int centroidRows = 0;
    for (int i = 0; i < rows && centroidRows < 6; ++i) {
        if (labels[i] == 1.0) {
            centroid += x.row(i);
            ++centroidRows;
        }
    }
    withCentroid.row(rows) = centroid / 6.0;
    Eigen::VectorXd centroidLabels(rows + 1);
    centroidLabels << labels, 0.0;
    QCOMPARE(classSeparation(withCentroid, centroidLabels), ClassSeparation::Overlap);

    // The point (0.5, 1) in both classes, with class 0 at x1 <= 0.5 and class 1 at x1 >= 0.5:
    // the plane x1 = 0.5 splits them with that point on it, and no plane splits them strictly.
    Eigen::MatrixXd onPlane(6, 2);
    onPlane << 0, 3, 0.5, 1, 0.5, 1, 1, 4, 1.5, 0, 0, -1;
    QCOMPARE(classSeparation(onPlane, vector({0, 0, 1, 1, 1, 0})), ClassSeparation::QuasiComplete);
}

void TestClassSeparation::badlyScaledColumns()
{
    // Integers of about 2^984 next to the intercept's 1 made GLPK's scale factor underflow,
    // and GLPK aborted the process. Such spreads are now left Unknown.
    QCOMPARE(classSeparation(column({1.0, 1e-280}), vector({0, 1})), ClassSeparation::Unknown);
    Eigen::MatrixXd wide(4, 2);
    wide << 1.0, 0.0, 1e-280, 1.0, 0.5, 2.0, 0.25, -1.0;
    QCOMPARE(classSeparation(wide, vector({0, 1, 1, 0})), ClassSeparation::Unknown);
    // The widest spread that is decided.
    QCOMPARE(classSeparation(column({1.0, std::ldexp(1.0, 600)}), vector({1, 0})),
             ClassSeparation::Complete);
    Eigen::MatrixXd fine(4, 2);
    fine << 1.0, 0.0, 1e-150, 1.0, 0.5, 2.0, 0.25, -1.0;
    // The line b = 0.5 splits these classes.
    QCOMPARE(classSeparation(fine, vector({0, 1, 1, 0})), ClassSeparation::Complete);

    // 2^-51 among values near 1 made the floating-point simplex stall until the time limit, and
    // the check returned Unknown. The classes overlap: the segment between the class 0 rows
    // (3, 0) and (-2, -0.5) passes through (0, -0.3), inside the triangle of the class 1 rows,
    // so no plane splits them, not even with rows on it.
    Eigen::MatrixXd stalling(5, 2);
    stalling << -3, 0, 3, 0, -2, -0.5, std::ldexp(1.0, -51), 2, 2, -1;
    QCOMPARE(classSeparation(stalling, vector({1, 0, 0, 1, 1})), ClassSeparation::Overlap);
}

void TestClassSeparation::unknownAnswers()
{
    QCOMPARE(classSeparation(Eigen::MatrixXd(0, 1), Eigen::VectorXd(0)), ClassSeparation::Unknown);
    QCOMPARE(classSeparation(column({0, 1}), vector({0, 0.5})), ClassSeparation::Unknown);
    QCOMPARE(classSeparation(column({0, NAN}), vector({0, 1})), ClassSeparation::Unknown);
    QCOMPARE(classSeparation(column({0, 1, 2}), vector({0, 1})), ClassSeparation::Unknown);
    // A column from 1e-300 to 1e300 has no power of 2 that makes both integers below 2^1024.
    QCOMPARE(classSeparation(column({1e-300, 1e300}), vector({0, 1})), ClassSeparation::Unknown);
    // Integers over more than 600 binary orders made GLPK abort the process.
    QCOMPARE(classSeparation(column({1.0, std::ldexp(1.0, 601)}), vector({1, 0})),
             ClassSeparation::Unknown);
    QCOMPARE(classSeparation(column({1e-100, 1e100}), vector({1, 0})), ClassSeparation::Unknown);
    Eigen::MatrixXd spread(6, 2);
    spread << std::ldexp(1.0, 401), 0, 1, 0, 0, 1, 0, 0, std::ldexp(1.0, -498),
        -std::ldexp(1.0, 401), 0, 0;
    QCOMPARE(classSeparation(spread, vector({1, 1, 1, 0, 1, 1})), ClassSeparation::Unknown);
    // No time at all.
    QCOMPARE(classSeparation(column({0, 1, 2, 3}), vector({0, 1, 0, 1}), std::chrono::milliseconds(0)),
             ClassSeparation::Unknown);
    // More coefficients than the programs take.
    const Eigen::Index rows = maximumSeparationCoefficients / 2 + 1;
    Eigen::MatrixXd large = Eigen::MatrixXd::Zero(rows, 1);
    QCOMPARE(classSeparation(large, Eigen::VectorXd::Zero(rows)), ClassSeparation::Unknown);
}

void TestClassSeparation::runsOnManyThreads()
{
    // GLPK keeps its state per thread: concurrent checks must not disturb each other.
    std::vector<ClassSeparation> answers(8, ClassSeparation::Unknown);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([t, &answers] {
            const bool separated = t % 2 == 0;
            answers[t] = classSeparation(column({0, 1, 2, 3, 4, 5}),
                                         separated ? vector({0, 0, 0, 1, 1, 1})
                                                   : vector({0, 1, 0, 1, 0, 1}));
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    for (int t = 0; t < 8; ++t)
        QCOMPARE(answers[t], t % 2 == 0 ? ClassSeparation::Complete : ClassSeparation::Overlap);
}

QTEST_GUILESS_MAIN(TestClassSeparation)
#include "tst_classseparation.moc"
