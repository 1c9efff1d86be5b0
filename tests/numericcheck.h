#pragma once

#include <QByteArray>
#include <QString>
#include <QTest>

#include <algorithm>
#include <cmath>
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
