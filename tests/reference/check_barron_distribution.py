#!/usr/bin/python3
"""Compare Barron's distribution in LossLens (core/barrondistribution.h) with mpmath.

Usage: check_barron_distribution.py BARRONEVAL

BARRONEVAL is the losslens_barroneval test helper. The script checks three things against
references that mpmath computes at 40 or more significant digits from the textbook formulas:

- log Z(alpha), Z(alpha) = integral over the real line of exp(-rho(x, alpha, 1)), against
  mpmath.quad, and against the closed forms Z(0) = sqrt(2) pi and Z(2) = sqrt(2 pi).
- d log Z / d alpha against mpmath.diff of that quadrature, and -inf at alpha = 2, where it is
  singular. At alpha = 0, where Z diverges below, the reference is -E[d rho / d alpha] by
  mpmath.quad instead.
- d rho / d alpha and d rho / d c against mpmath.diff of Barron's
  rho = |alpha - 2| / alpha (((x/c)^2 / |alpha - 2| + 1)^(alpha/2) - 1), and +inf for
  d rho / d alpha at alpha = 2 and x != 0.

The references are independent of the C++ formulas: numerical differentiation of the
definition, not the closed forms that LossLens derives. Exits with 0 when every comparison
passes, 1 when any fails, 2 on a usage error, and 77 when mpmath cannot be imported, which
CTest reports as a skipped test.
"""

import math
import subprocess
import sys

# Importing losscheck would otherwise write a bytecode cache into the source tree.
sys.dont_write_bytecode = True
import losscheck  # noqa: E402  (Python puts this script's folder first on sys.path)

# The quadrature's target is 1e-12 relatively. On these shapes it reaches 2e-15, so the check
# requires 1e-14.
PARTITION_TOLERANCE = 1e-14
# The closed forms of d rho / d alpha lose up to about 1.2e-14 here (near alpha = 2 and at
# q = (x/c)^2 / |alpha - 2| just above the series' limit 0.5), the series a few ulps.
DERIVATIVE_TOLERANCE = 1e-13

# Shapes: both ends of the range, the default learnable range (0.001, 1.999), both sides of the
# singular alpha = 2 and the whole numbers where the series' products vanish.
PARTITION_SHAPES = [0.0, 1e-8, 0.001, 0.05, 0.1, 0.3, 0.5, 0.9, 1.0, 1.2, 1.5, 1.9, 1.99,
                    1.999, 1.9999999, 2.0000001, 2.001, 2.5, 3.0, 4.0, 5.5, 6.0, 8.0, 10.0]
DERIVATIVE_SHAPES = [0.0, 1e-8, 0.001, 0.1, 0.5, 0.999, 1.0, 1.5, 1.9, 1.999, 1.99999999,
                     2.00000001, 2.001, 2.5, 3.0, 4.0, 6.0, 7.3, 10.0]
RESIDUALS = [0.0, 1e-6, -1e-3, 0.1, -0.5, 0.7, 1.0, -1.3, 2.0, 5.0, -30.0, 1e3, 1e6]
SCALES = [0.5, 1.0, 4.0]


def run_barroneval(executable, requests):
    """Return the numbers that BARRONEVAL prints for each request line, in order."""
    text = "".join(request + "\n" for request in requests)
    completed = subprocess.run([executable], input=text, capture_output=True, text=True,
                               check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{executable} failed with exit code {completed.returncode}: "
                           f"{completed.stderr.strip()}")
    lines = completed.stdout.splitlines()
    if len(lines) != len(requests):
        raise RuntimeError(f"{executable} printed {len(lines)} lines for {len(requests)} "
                           f"requests")
    return [[float(field) for field in line.split()] for line in lines]


def rho(mpmath, x, alpha, c):
    """Barron's loss from its definition, with the limits at alpha = 0 and 2, as an mpf."""
    s = (x / c) ** 2
    if alpha == 0:
        return mpmath.log1p(s / 2)
    if alpha == 2:
        return s / 2
    b = abs(alpha - 2)
    return b / alpha * ((s / b + 1) ** (alpha / 2) - 1)


def log_partition(mpmath, alpha):
    """log Z(alpha) by mpmath.quad on [0, inf), split where the density changes its shape."""
    half = mpmath.quad(lambda x: mpmath.exp(-rho(mpmath, x, alpha, 1)), [0, 1, 4, 16, mpmath.inf])
    return mpmath.log(2 * half)


def log_partition_derivative_at_zero(mpmath):
    """d log Z / d alpha at alpha = 0 as -E[d rho / d alpha] under exp(-rho) / Z.

    A one-sided mpmath.diff of log Z is only good to about 2e-14 here, because the Cauchy
    tail makes the quadrature at small alpha converge slowly. At alpha = 0,
    d rho / d alpha = (L^2 / 2 + q / (1 + q) - L) / 2 with q = x^2 / 2 and L = log1p(q), the
    limit that check_loss_derivatives compares with mpmath.diff of rho.
    """
    def shape_derivative(x):
        q = x * x / 2
        logarithm = mpmath.log1p(q)
        return (logarithm * logarithm / 2 + q / (1 + q) - logarithm) / 2

    intervals = [0, 1, 4, 16, mpmath.inf]
    partition = mpmath.quad(lambda x: 1 / (1 + x * x / 2), intervals)
    expectation = mpmath.quad(lambda x: shape_derivative(x) / (1 + x * x / 2), intervals)
    return -expectation / partition


def matches(actual, expected, tolerance):
    """True when actual equals expected (infinities included) or is within tolerance
    relatively."""
    if actual == expected:
        return True
    return abs(actual - expected) <= tolerance * abs(expected)


def check_partition(mpmath, executable):
    """Compare log Z and d log Z / d alpha; return (passed, failures)."""
    mp = mpmath.mp
    results = run_barroneval(executable, [f"partition {alpha!r}" for alpha in PARTITION_SHAPES]
                             + ["partition 2"])
    passed = 0
    failures = []

    def check(where, actual, expected, tolerance):
        nonlocal passed
        if matches(actual, expected, tolerance):
            passed += 1
        else:
            failures.append(f"{where} is {actual!r}, mpmath gives {expected!r}")

    for alpha, (value, derivative) in zip(PARTITION_SHAPES, results):
        with mp.workdps(40):
            shape = mp.mpf(alpha)
            expected = log_partition(mpmath, shape)
            if alpha == 0:
                expected_derivative = log_partition_derivative_at_zero(mpmath)
            else:
                expected_derivative = mpmath.diff(lambda a: log_partition(mpmath, a), shape)
        check(f"log Z({alpha!r})", value, float(expected), PARTITION_TOLERANCE)
        check(f"d log Z / d alpha at {alpha!r}", derivative, float(expected_derivative),
              PARTITION_TOLERANCE)

    # The closed forms, and the singular derivative at alpha = 2.
    closed_zero = math.log(math.sqrt(2) * math.pi)
    check("log Z(0) against log(sqrt(2) pi)", results[0][0], closed_zero, PARTITION_TOLERANCE)
    value_two, derivative_two = results[-1]
    check("log Z(2) against log(sqrt(2 pi))", value_two, 0.5 * math.log(2 * math.pi),
          PARTITION_TOLERANCE)
    check("d log Z / d alpha at 2", derivative_two, -math.inf, 0.0)
    return passed, failures


def extra_digits(mpmath, x, alpha, c):
    """Digits that 1 + q loses when q = (x/c)^2 / |alpha - 2| is tiny, plus the cancellation of
    b / alpha near alpha = 0 and of the difference quotient."""
    if x == 0 or alpha == 2:
        return 40
    q = (mpmath.mpf(x) / c) ** 2 / abs(mpmath.mpf(alpha) - 2)
    return 40 + max(0, int(-mpmath.log10(q)) + 1) + max(0, int(-mpmath.log10(alpha + 1e-30)))


def check_loss_derivatives(mpmath, executable):
    """Compare d rho / d alpha and d rho / d c; return (passed, failures)."""
    mp = mpmath.mp
    cases = [(x, alpha, c) for alpha in DERIVATIVE_SHAPES for c in SCALES for x in RESIDUALS]
    results = run_barroneval(executable,
                             [f"derivatives {x!r} {alpha!r} {c!r}" for x, alpha, c in cases])
    passed = 0
    failures = []
    for (x, alpha, c), (_, shape_derivative, scale_derivative) in zip(cases, results):
        with mp.workdps(40 + extra_digits(mpmath, x, alpha, c)):
            xm, am, cm = mp.mpf(x), mp.mpf(alpha), mp.mpf(c)
            # Barron's formula holds on both sides of alpha = 0, so the difference is central
            # there too; mpmath.diff evaluates it at alpha +- h only.
            expected_scale = mpmath.diff(lambda scale: rho(mpmath, xm, am, scale), cm)
            if x == 0:
                expected_shape = mp.mpf(0)
            elif alpha == 2:
                expected_shape = mp.inf
            elif alpha == 0:
                # mpmath's default step is too small here: b / alpha cancels to the last digit
                # at alpha = +-h. A step of 1e-25 loses 25 of the 40 extra digits and leaves a
                # truncation error of about h^2.
                expected_shape = mpmath.diff(lambda shape: rho(mpmath, xm, shape, cm), am,
                                             h=mp.mpf("1e-25"))
            else:
                expected_shape = mpmath.diff(lambda shape: rho(mpmath, xm, shape, cm), am)
        where = f"x={x!r} alpha={alpha!r} c={c!r}"
        for name, actual, expected in (("d rho / d alpha", shape_derivative, expected_shape),
                                       ("d rho / d c", scale_derivative, expected_scale)):
            if matches(actual, float(expected), DERIVATIVE_TOLERANCE):
                passed += 1
            else:
                failures.append(f"{where}: {name} is {actual!r}, mpmath gives "
                                f"{float(expected)!r}")
    return passed, failures


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2])
        return 2
    try:
        import mpmath
    except ImportError as error:
        return losscheck.skip(error, "python3-mpmath")
    executable = sys.argv[1]
    passed_partition, failures_partition = check_partition(mpmath, executable)
    passed_derivatives, failures_derivatives = check_loss_derivatives(mpmath, executable)
    return losscheck.report("reference_barron_distribution",
                            passed_partition + passed_derivatives,
                            failures_partition + failures_derivatives,
                            f"mpmath {mpmath.__version__}")


if __name__ == "__main__":
    sys.exit(main())
