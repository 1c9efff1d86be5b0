#!/usr/bin/python3
"""Compare LossLens's robust losses (Barron, Cauchy, Geman-McClure, Welsch, Tukey) with mpmath.

Usage: check_robust_losses.py LOSSEVAL

LOSSEVAL is the losslens_losseval test helper. The script sends it one line per case,
"SPEC INPUT LABEL", reads back "value first second" and compares each with a reference that
mpmath evaluates from the textbook formulas, such as Barron's
rho = |alpha - 2| / alpha (((e/c)^2 / |alpha - 2| + 1)^(alpha/2) - 1), as written. The
working precision is 60 significant digits plus the digits that those formulas lose: to
cancellation near alpha = 0 and alpha = 2, and to 1 + q rounding to 1 when
q = (e/c)^2 / |alpha - 2| is tiny. So the reference is the exact value rounded to double.
The script also checks its closed-form derivatives against mpmath.diff of the value at a few
points.

Exits with 0 when every comparison passes, 1 when any fails, 2 on a usage error, and 77 when
mpmath cannot be imported, which CTest reports as a skipped test.
"""

import sys

# Importing losscheck would otherwise write a bytecode cache into the source tree.
sys.dont_write_bytecode = True
import losscheck  # noqa: E402  (Python puts this script's folder first on sys.path)

# The largest magnitudes make (e/c)^2 overflow at most scales, and there the losses must still
# give their finite values.
MAGNITUDES = [0.0, 1e-300, 1e-9, 0.3, 0.5, 1.0, 1.7, 2.5, 3.0, 10.0, 30.0, 700.0, 1e6, 1e150,
              1e155, 1e200, 1e300]
SCALES = ["1e-06", "0.5", "1", "2.5", "1000000"]
# Barron shapes: the named special cases, both sides of alpha = 0 and alpha = 2 at 1e-8, a
# large negative alpha next to -inf, and the maximum 10.
ALPHAS = ["-inf", "-1000000", "-10", "-2", "-1", "-0.5", "-1e-08", "0", "1e-08", "0.5", "1",
          "1.5", "1.99999999", "2", "2.00000001", "3", "5", "10"]
TUKEY_THRESHOLDS = ["0.5", "1", "2.5", "4.685", "1000000"]


def build_cases():
    """Return (spec, input, label) triples covering every loss on both signs of each input."""
    inputs = sorted({sign * magnitude for magnitude in MAGNITUDES for sign in (1.0, -1.0)})
    specs = []
    for c in SCALES:
        specs += [f"barron:alpha={alpha},c={c}" for alpha in ALPHAS]
        specs += [f"cauchy:c={c}", f"geman_mcclure:c={c}", f"welsch:c={c}"]
    specs += [f"tukey:c={c}" for c in TUKEY_THRESHOLDS]
    cases = []
    for spec in specs:
        extra = []
        if spec.startswith("tukey"):
            c = float(spec.split("=")[1])
            extra = [c, -c, 0.999 * c, 1.001 * c, 0.3 * c, -0.7 * c]
        for value in inputs + extra:
            cases.append((spec, value, 0.0))
    return cases


def parse_spec(spec):
    """Return the loss name and a dict of its parameters as strings."""
    name, _, rest = spec.partition(":")
    return name, dict(item.split("=") for item in rest.split(","))


def extra_digits(mpmath, q):
    """Digits lost when 1 + q rounds, plus a margin for cancellation near alpha = 0 and 2."""
    if q == 0:
        return 30
    return 30 + max(0, int(-mpmath.log10(q)) + 1)


def barron(mpmath, e, alpha_text, c):
    """Barron's rho, rho' and rho'' from the definition and its derivatives, as mpf values."""
    mp = mpmath.mp
    s = (e / c) ** 2
    if alpha_text == "-inf":
        w = mp.exp(-s / 2)
        return 1 - w, e / c**2 * w, w * (1 - s) / c**2
    alpha = mp.mpf(float(alpha_text))
    if alpha == 2:
        return s / 2, e / c**2, 1 / c**2
    if alpha == 0:
        p = 1 + s / 2
        return mp.log(p), e / c**2 / p, (1 - s / 2) / (p * p) / c**2
    b = abs(alpha - 2)
    base = s / b + 1
    value = b / alpha * (base ** (alpha / 2) - 1)
    # rho' = (e/c^2) P^(alpha/2 - 1) and rho'' = (1/c^2) P^(alpha/2 - 2) (1 + (alpha - 1) s/b).
    first = e / c**2 * base ** (alpha / 2 - 1)
    second = base ** (alpha / 2 - 2) * (1 + (alpha - 1) * s / b) / c**2
    return value, first, second


def tukey(mpmath, e, c):
    """Tukey's biweight rho, rho' and rho'' as mpf values, with rho'' = 0 at |e| = c."""
    if abs(e) >= c:
        return c * c / 6, mpmath.mpf(0), mpmath.mpf(0)
    u = (e / c) ** 2
    return c * c / 6 * (1 - (1 - u) ** 3), e * (1 - u) ** 2, (1 - u) * (1 - 5 * u)


def exact_reference(mpmath, spec, value):
    """Return (value, first, second) as floats, evaluated with enough digits to be exact."""
    mp = mpmath.mp
    name, parameters = parse_spec(spec)
    # The C++ side parses each parameter to the nearest double, and so does the reference:
    # the decimal 4.685 and the double nearest to it put Tukey's threshold 1e-16 apart.
    c_value = mp.mpf(float(parameters["c"]))
    # Barron's formula adds 1 to q = s / |alpha - 2|, which is far below s when alpha is a
    # large negative number.
    alpha_text = parameters.get("alpha", "0")
    with mp.workdps(60):
        q = (mp.mpf(value) / c_value) ** 2
        if alpha_text != "-inf":
            q /= max(1, abs(mp.mpf(float(alpha_text)) - 2))
        digits = extra_digits(mpmath, q)
    with mp.workdps(60 + digits):
        e = mp.mpf(value)
        c = c_value
        if name == "barron":
            result = barron(mpmath, e, parameters["alpha"], c)
        elif name == "cauchy":
            result = barron(mpmath, e, "0", c)
        elif name == "geman_mcclure":
            s = (e / c) ** 2
            result = (2 * s / (s + 4), 16 * e / c**2 / (s + 4) ** 2,
                      16 * (4 - 3 * s) / (s + 4) ** 3 / c**2)
        elif name == "welsch":
            result = barron(mpmath, e, "-inf", c)
        else:
            result = tukey(mpmath, e, c)
        return tuple(float(x) for x in result)


def check_closed_forms(mpmath):
    """Return messages for closed-form derivatives that disagree with mpmath.diff."""
    mp = mpmath.mp
    failures = []
    points = [("barron:alpha=0.5,c=2", 1.8), ("barron:alpha=-3,c=0.5", -0.7),
              ("barron:alpha=7,c=1", 2.2), ("barron:alpha=1.99999999,c=1", 0.9),
              ("geman_mcclure:c=1.5", 1.1), ("tukey:c=4.685", -3.1)]
    with mp.workdps(60):
        for spec, point in points:
            name, parameters = parse_spec(spec)
            c = mp.mpf(float(parameters["c"]))

            def rho(x, name=name, parameters=parameters, c=c):
                if name == "barron":
                    return barron(mpmath, x, parameters["alpha"], c)
                if name == "tukey":
                    return tukey(mpmath, x, c)
                s = (x / c) ** 2
                return (2 * s / (s + 4), 16 * x / c**2 / (s + 4) ** 2,
                        16 * (4 - 3 * s) / (s + 4) ** 3 / c**2)

            x = mp.mpf(point)
            _, first, second = rho(x)
            for order, closed in ((1, first), (2, second)):
                numeric = mp.diff(lambda y: rho(y)[0], x, order)
                if abs(numeric - closed) > mp.mpf(10) ** -40 * max(1, abs(closed)):
                    failures.append(f"{spec} input={point}: closed-form derivative {order} is "
                                    f"{mp.nstr(closed, 20)}, mpmath.diff gives "
                                    f"{mp.nstr(numeric, 20)}")
    return failures


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        import mpmath
    except ImportError as error:
        return losscheck.skip(error, "Debian's python3-mpmath")

    failures = check_closed_forms(mpmath)
    cases = build_cases()
    results = losscheck.run_losseval(argv[1], cases)
    passed = 0
    for (spec, value, _), actual in zip(cases, results):
        counted, mismatches = losscheck.compare_results(
            actual, exact_reference(mpmath, spec, value), f"{spec} input={value!r}", "mpmath")
        passed += counted
        failures += mismatches

    return losscheck.report("reference_robust", passed, failures,
                            f"mpmath {mpmath.__version__}, {len(cases)} cases")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
