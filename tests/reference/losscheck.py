"""Shared parts of the reference scripts that check losslens_losseval against Python libraries.

Each script builds its own cases and references. This module runs losslens_losseval on the
cases, compares its results within a relative tolerance and prints the summary that the CTest
log shows.
"""

import subprocess
import sys

# The exit code that CTest reports as a skipped test (SKIP_RETURN_CODE in tests/CMakeLists.txt).
SKIP_EXIT_CODE = 77

# Relative tolerance of a comparison, with an absolute floor for values near zero.
RELATIVE_TOLERANCE = 1e-12
ABSOLUTE_FLOOR = 1e-300


def skip(error, install):
    """Print which import failed and what to install, and return the exit code for a skip."""
    print(f"SKIPPED: {sys.executable} cannot import {error.name} ({error}). Install {install} "
          f"to run this check.")
    return SKIP_EXIT_CODE


def run_losseval(executable, cases):
    """Return (value, first, second) from the C++ side for each (spec, input, label) case, in
    order. losslens_losseval reads one "SPEC INPUT LABEL" line per case and prints one
    "value first second" line for each."""
    text = "".join(f"{spec} {value!r} {label!r}\n" for spec, value, label in cases)
    completed = subprocess.run([executable], input=text, capture_output=True, text=True,
                               check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{executable} failed with exit code {completed.returncode}: "
                           f"{completed.stderr.strip()}")
    lines = completed.stdout.splitlines()
    if len(lines) != len(cases):
        raise RuntimeError(f"{executable} printed {len(lines)} lines for {len(cases)} cases")
    return [tuple(float(field) for field in line.split()) for line in lines]


def compare(actual, expected, extra_absolute=0.0):
    """Return True when actual matches expected within the tolerances above plus
    extra_absolute, which covers a reference known to lose digits."""
    if actual == expected:
        return True
    tolerance = max(RELATIVE_TOLERANCE * abs(expected), ABSOLUTE_FLOOR) + extra_absolute
    return abs(actual - expected) <= tolerance


def compare_results(actual, expected, where, source, extra_absolute=0.0):
    """Compare the (value, first, second) triples, skipping each expected None (a derivative
    the reference leaves undefined). Return the number that match and a message for each that
    does not, which names the case by where and the reference by source."""
    passed = 0
    failures = []
    for name, got, want in zip(("value", "first", "second"), actual, expected):
        if want is None:
            continue
        if compare(got, want, extra_absolute):
            passed += 1
        else:
            failures.append(f"{where}: {name} is {got!r}, {source} gives {want!r}")
    return passed, failures


def report(test_name, passed, failures, versions):
    """Print each mismatch, the versions line and the summary, and return the exit code: 0
    when nothing failed, 1 otherwise."""
    for failure in failures:
        print(f"MISMATCH {failure}")
    print(versions)
    print(f"{test_name}: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0
