#!/usr/bin/python3
"""Compare LossLens's per-sample losses with PyTorch in float64.

Usage: check_against_torch.py LOSSEVAL

LOSSEVAL is the losslens_losseval test helper. The script sends it one line per case,
"SPEC INPUT LABEL", reads back "value first second" and compares each case with two
references:

- PyTorch (mse_loss, l1_loss, huber_loss, smooth_l1_loss and
  binary_cross_entropy_with_logits with reduction='none'), with the first and second derivatives
  taken by torch.autograd. The second derivative is skipped at the kinks (0 for MAE, +-delta
  for Huber, +-beta for smooth L1 and 0 for smooth L1 with beta = 0), where it is undefined.
  PyTorch has no log-cosh, quantile or epsilon-insensitive loss, so those are checked against
  mpmath alone.
- mpmath at 50 significant digits, which gives the exact value rounded to double even where
  float64 formulas lose digits. It checks every loss, with the second derivative skipped at the
  kinks (also 0 for quantile and +-epsilon for epsilon-insensitive).

Run it with Debian's /usr/bin/python3, which has python3-torch and its dependency
python3-mpmath. Exits with 0 when every comparison passes, 1 when any fails, 2 on a usage
error, and 77 when torch or mpmath cannot be imported, which CTest reports as a skipped test.
"""

import sys

# Importing losscheck would otherwise write a bytecode cache into the source tree.
sys.dont_write_bytecode = True
import losscheck  # noqa: E402  (Python puts this script's folder first on sys.path)

# When the prediction is confidently right, the exact BCE value and derivatives are about
# exp(-|z|), far below 1. torch 1.13 (Debian's python3-torch 1.13.1) loses them to an absolute
# error of about one unit in the last place of 1, 2.2e-16: at z = 30 with label 1 its value is
# 9.348e-14 where the exact value is 9.358e-14, and at z = 40 with label 1 the value and both
# derivatives are 0 in place of 4.2e-18 in size. Against torch, BCE comparisons therefore allow
# an extra 4 eps absolute, and the mpmath reference checks those small results to full relative
# precision.
TORCH_BCE_ABSOLUTE_ERROR = 4 * sys.float_info.epsilon

MAGNITUDES = [0.0, 1e-300, 1e-9, 0.3, 0.5, 1.0, 1.7, 2.5, 3.0, 10.0, 30.0, 40.0, 700.0, 1e3,
              1e6]
REGRESSION_SPECS = ["mse", "mae", "huber:delta=0.5", "huber:delta=1", "huber:delta=2.5",
                    "smooth_l1:beta=0", "smooth_l1:beta=0.5", "smooth_l1:beta=1",
                    "smooth_l1:beta=2.5", "logcosh", "quantile:tau=0", "quantile:tau=0.1",
                    "quantile:tau=0.5", "quantile:tau=0.9", "quantile:tau=1",
                    "epsilon_insensitive:epsilon=0", "epsilon_insensitive:epsilon=0.1",
                    "epsilon_insensitive:epsilon=2.5"]

# Log-cosh changes formula past |e| = 20 (LogCoshLoss::kSwitch), and cosh(e)^2 and cosh(e)
# overflow past about 355.6 and 710.5, so the check adds inputs on either side of each.
LOGCOSH_EXTRA = [1e-4, 0.7, 19.999, 20.0, 20.001, 25.0, 355.0, 356.0, 710.0, 711.0]


def parameter(spec):
    """Return the one parameter value written in SPEC, such as 2.5 for "huber:delta=2.5"."""
    return float(spec.split("=")[1])


def build_cases():
    """Return (spec, input, label) triples covering every loss on both signs of each input."""
    inputs = sorted({sign * magnitude for magnitude in MAGNITUDES for sign in (1.0, -1.0)})
    cases = []
    for spec in REGRESSION_SPECS:
        extra = []
        if spec.startswith(("huber", "smooth_l1", "epsilon_insensitive")):
            # Both sides of the kinks at +-threshold. With threshold 0 they collapse onto 0.
            threshold = parameter(spec)
            extra = [threshold, -threshold, 0.999 * threshold, 1.001 * threshold,
                     -0.999 * threshold, -1.001 * threshold]
        elif spec == "logcosh":
            extra = [sign * magnitude for magnitude in LOGCOSH_EXTRA for sign in (1.0, -1.0)]
        for value in inputs + extra:
            cases.append((spec, value, 0.0))
    for label in (0.0, 1.0):
        for value in inputs:
            cases.append(("bce", value, label))
    return cases


def torch_reference(torch, spec, value, label):
    """Return (value, first, second) from PyTorch in float64, with second None at a kink, or
    None when PyTorch has no such loss."""
    if spec.startswith(("logcosh", "quantile", "epsilon_insensitive")):
        return None

    functional = torch.nn.functional
    dtype = torch.float64
    point = torch.tensor([value], dtype=dtype, requires_grad=True)
    if spec == "bce":
        target = torch.tensor([label], dtype=dtype)
        loss = functional.binary_cross_entropy_with_logits(point, target, reduction="none")
        at_kink = False
    else:
        target = torch.zeros(1, dtype=dtype)
        if spec == "mse":
            loss = functional.mse_loss(point, target, reduction="none")
            at_kink = False
        elif spec == "mae":
            loss = functional.l1_loss(point, target, reduction="none")
            at_kink = value == 0.0
        elif spec.startswith("smooth_l1"):
            beta = parameter(spec)
            loss = functional.smooth_l1_loss(point, target, reduction="none", beta=beta)
            at_kink = abs(value) == beta
        else:
            delta = parameter(spec)
            loss = functional.huber_loss(point, target, reduction="none", delta=delta)
            at_kink = abs(value) == delta

    (first,) = torch.autograd.grad(loss.sum(), point, create_graph=True)
    second = None
    if not at_kink:
        (second_tensor,) = torch.autograd.grad(first.sum(), point, allow_unused=True)
        # l1_loss's derivative does not depend on the input, so autograd reports no gradient.
        second = 0.0 if second_tensor is None else second_tensor.item()

    first_value = first.item()
    if spec.startswith("smooth_l1") and at_kink and value == 0.0:
        # With beta = 0 smooth L1 is |e|, and at e = 0 every slope in [-1, 1] is a subgradient.
        # torch 1.13's smooth_l1_loss returns -1 there and l1_loss returns 0. LossLens takes 0
        # as for MAE, and the mpmath reference still checks that 0.
        first_value = None
    return loss.item(), first_value, second


def exact_reference(mpmath, spec, value, label):
    """Return (value, first, second) from mpmath at 50 digits, with second None at a kink."""
    mp = mpmath.mp
    e = mp.mpf(value)

    if spec == "mse":
        return e * e, 2 * e, mp.mpf(2)
    if spec == "mae":
        sign = mp.mpf(0) if e == 0 else mp.sign(e)
        return abs(e), sign, None if e == 0 else mp.mpf(0)

    if spec.startswith("smooth_l1"):
        # Smooth L1 as PyTorch defines it: quadratic for |e| < beta, so beta = 0 is L1.
        beta = mp.mpf(parameter(spec))
        if abs(e) < beta:
            return e * e / (2 * beta), e / beta, 1 / beta
        sign = mp.mpf(0) if e == 0 else mp.sign(e)
        second = None if abs(e) == beta else mp.mpf(0)
        return abs(e) - beta / 2, sign, second

    if spec == "logcosh":
        # cosh(e) = 1 + 2 sinh(e / 2)^2 keeps the value's relative precision for tiny e, where
        # cosh(e) - 1 would cancel even at 50 digits (e = 1e-300).
        return (mp.log1p(2 * mp.sinh(e / 2) ** 2), mp.tanh(e), 1 / mp.cosh(e) ** 2)

    if spec.startswith("quantile"):
        # Pinball loss on e = prediction - target: tau per unit below, 1 - tau above, and
        # slope 0 at the kink e = 0, a subgradient as for MAE.
        tau = mp.mpf(parameter(spec))
        if e < 0:
            return -tau * e, -tau, mp.mpf(0)
        if e > 0:
            return (1 - tau) * e, 1 - tau, mp.mpf(0)
        return mp.mpf(0), mp.mpf(0), None

    if spec.startswith("epsilon_insensitive"):
        # max(0, |e| - epsilon), with slope 0 inside the tube and on its edge.
        width = mp.mpf(parameter(spec))
        if abs(e) > width:
            return abs(e) - width, mp.sign(e), mp.mpf(0)
        return mp.mpf(0), mp.mpf(0), None if abs(e) == width else mp.mpf(0)

    if spec.startswith("huber"):
        delta = mp.mpf(parameter(spec))
        if abs(e) < delta:
            return e * e / 2, e, mp.mpf(1)
        second = None if abs(e) == delta else mp.mpf(0)
        return delta * (abs(e) - delta / 2), delta * mp.sign(e), second
    # BCE written without cancellation: with t = exp(-|z|), the loss is log1p(t) plus |z| when
    # the prediction is on the wrong side, and s(z) - y is t / (1 + t) or 1 / (1 + t) in size.
    t = mp.exp(-abs(e))
    right_side = (e >= 0) == (label == 1.0)
    loss = mp.log1p(t) + (0 if right_side else abs(e))
    if e >= 0:
        sigmoid, complement = 1 / (1 + t), t / (1 + t)
    else:
        sigmoid, complement = t / (1 + t), 1 / (1 + t)
    first = sigmoid if label == 0.0 else -complement
    return loss, first, t / ((1 + t) * (1 + t))


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        import mpmath
        import torch
    except ImportError as error:
        return losscheck.skip(error, "Debian's python3-torch, which brings python3-mpmath,")
    mpmath.mp.dps = 50

    cases = build_cases()
    results = losscheck.run_losseval(argv[1], cases)

    passed = 0
    failures = []
    for (spec, value, label), actual in zip(cases, results):
        references = [
            ("torch", torch_reference(torch, spec, value, label),
             TORCH_BCE_ABSOLUTE_ERROR if spec == "bce" else 0.0),
            ("mpmath", tuple(None if x is None else float(x)
                             for x in exact_reference(mpmath, spec, value, label)), 0.0),
        ]
        for source, expected, extra in references:
            if expected is None:
                continue
            counted, mismatches = losscheck.compare_results(
                actual, expected, f"{spec} input={value!r} label={label!r}", source, extra)
            passed += counted
            failures += mismatches

    return losscheck.report("reference_torch", passed, failures,
                            f"torch {torch.__version__}, {len(cases)} cases")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
