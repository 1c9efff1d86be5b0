#pragma once

#include "core/loss.h"

#include <QByteArray>
#include <QString>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>

namespace losslens::test {

// Machine epsilon of double, 2^-52: the spacing of doubles just above 1.
inline constexpr double epsilon = std::numeric_limits<double>::epsilon();

// True when actual equals expected (infinities included) or differs from it by at most
// tolerance. A NaN on either side never matches.
inline bool isNear(double actual, double expected, double tolerance)
{
    return actual == expected || std::abs(actual - expected) <= tolerance;
}

// Tolerance for a relative comparison: relative times |expected|, but never below floor.
inline double relativeTolerance(double expected, double relative, double floor = 0.0)
{
    return std::max(relative * std::abs(expected), floor);
}

inline QByteArray describeMismatch(const char *expression, double actual, double expected,
                                   double tolerance)
{
    return QStringLiteral("%1 is %2, expected %3 within %4 (difference %5)")
        .arg(QString::fromLatin1(expression))
        .arg(actual, 0, 'g', 17)
        .arg(expected, 0, 'g', 17)
        .arg(tolerance, 0, 'g', 3)
        .arg(std::abs(actual - expected), 0, 'g', 3)
        .toUtf8();
}

} // namespace losslens::test

// Fails the current test function unless actual is within tolerance of expected. The message
// prints both values with 17 significant digits, so a failure shows the exact doubles. A
// tolerance of 0 demands equality, which QCOMPARE on doubles does not: it accepts a relative
// difference of 1e-12 and treats any value below 1e-12 as equal to 0.
#define COMPARE_NEAR(actual, expected, tolerance)                                                  \
    do {                                                                                           \
        const double actualValue = (actual);                                                       \
        const double expectedValue = (expected);                                                   \
        const double toleranceValue = (tolerance);                                                 \
        if (!::losslens::test::isNear(actualValue, expectedValue, toleranceValue)) {               \
            QFAIL(::losslens::test::describeMismatch(#actual, actualValue, expectedValue,          \
                                                     toleranceValue)                               \
                      .constData());                                                               \
        }                                                                                          \
    } while (false)

namespace losslens::test {

// Compares a loss's value and derivatives with expected ones, each to relative times its size.
// An expected 0 needs a floor to tolerate anything, and tiny curvatures may need their own.
inline void compareDerivatives(const LossDerivatives &actual, double value, double first,
                               double second, double relative, double floor = 0.0,
                               double secondFloor = 0.0)
{
    COMPARE_NEAR(actual.value, value, relativeTolerance(value, relative, floor));
    COMPARE_NEAR(actual.first, first, relativeTolerance(first, relative, floor));
    COMPARE_NEAR(actual.second, second, relativeTolerance(second, relative, secondFloor));
}

// Compares the first and second derivatives at input with central differences, with
// h = 1e-5 max(1, |x|) near the optimum h ~ eps^(1/3). The rounding error is about
// eps (|f(x + h)| + |f(x - h)|) / (2 h), and 8 eps also covers evaluating f. The truncation error
// is h^2 |f'''| / 6, so each caller passes its own bound as truncation, multiplied by h^2 here.
inline void compareWithDifferences(const Loss &loss, double input, double label, double truncation)
{
    const LossDerivatives d = loss.evaluate(input, label);
    const double h = 1e-5 * std::max(1.0, std::abs(input));
    const LossDerivatives above = loss.evaluate(input + h, label);
    const LossDerivatives below = loss.evaluate(input - h, label);

    const double firstDifference = (above.value - below.value) / (2.0 * h);
    const double firstTolerance =
        8 * epsilon * (std::abs(above.value) + std::abs(below.value)) / (2.0 * h) +
        truncation * h * h;
    COMPARE_NEAR(d.first, firstDifference, firstTolerance);

    const double secondDifference = (above.first - below.first) / (2.0 * h);
    const double secondTolerance =
        8 * epsilon * (std::abs(above.first) + std::abs(below.first)) / (2.0 * h) +
        truncation * h * h;
    COMPARE_NEAR(d.second, secondDifference, secondTolerance);
}

// Checks that the loss at (-x, mirroredLabel) has exactly the value and curvature it has at
// (x, label), and the opposite slope, for every x in inputs. Equal labels check an even loss, and
// swapped labels check a classification loss that treats both labels alike.
inline void compareMirrored(const Loss &loss, std::initializer_list<double> inputs, double label,
                            double mirroredLabel)
{
    for (const double input : inputs) {
        const LossDerivatives direct = loss.evaluate(input, label);
        const LossDerivatives mirrored = loss.evaluate(-input, mirroredLabel);
        COMPARE_NEAR(mirrored.value, direct.value, 0.0);
        COMPARE_NEAR(mirrored.first, -direct.first, 0.0);
        COMPARE_NEAR(mirrored.second, direct.second, 0.0);
    }
}

} // namespace losslens::test
