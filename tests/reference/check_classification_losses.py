#!/usr/bin/python3
"""Compare LossLens's classification losses with PyTorch, torchvision, scikit-learn and mpmath.

Usage: check_classification_losses.py LOSSEVAL

LOSSEVAL is the losslens_losseval test helper. The script sends it one line per case,
"SPEC INPUT LABEL", reads back "value first second" and compares each case with these
references:

- PyTorch's binary_cross_entropy_with_logits(pos_weight=...) for bce with pos_weight and label
  smoothing, and torchvision.ops.sigmoid_focal_loss (reduction='none') for focal, in float64
  with the derivatives taken by torch.autograd. Both lose results far below 1 to an absolute
  error of a few eps times max(1, |z|): with pos_weight, PyTorch adds (1 - t) z to a softplus
  term of nearly opposite sign, and torchvision's 1 - p_t is 1 - s(z), which is 0 once s(z)
  rounds to 1. These comparisons therefore allow 4 eps max(1, |z|) absolute, times the loss's
  weight, and stop at |z| = 40.
- scikit-learn's SGDClassifier losses (Hinge, SquaredHinge and ModifiedHuber from
  sklearn.linear_model._sgd_fast, with labels -1 and +1) for the value and first derivative
  of hinge, squared_hinge and modified_huber, the subgradients at the kinks included.
- mpmath at 50 significant digits for every loss, which gives the exact result rounded to
  double, tiny focal losses included. The second derivative is skipped at the kinks.

Run it with Debian's /usr/bin/python3, which has python3-torch, python3-torchvision,
python3-sklearn and python3-mpmath. Exits with 0 when every comparison passes, 1 when any
fails, 2 on a usage error, and 77 when one of those modules cannot be imported, which CTest
reports as a skipped test.
"""

import math
import sys

# Importing losscheck would otherwise write a bytecode cache into the source tree.
sys.dont_write_bytecode = True
import losscheck  # noqa: E402  (Python puts this script's folder first on sys.path)
# See the docstring: float64 torch and torchvision lose results far below 1 to about eps |z|.
TORCH_ABSOLUTE_ERROR = 4 * sys.float_info.epsilon
TORCH_MAXIMUM_LOGIT = 40.0

MAGNITUDES = [0.0, 1e-300, 1e-9, 0.3, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 7.0, 10.0, 30.0, 40.0,
              100.0, 700.0, 709.0, 710.0, 1e3, 1e6]
BCE_SPECS = ["bce", "bce:pos_weight=2", "bce:pos_weight=0.3,smoothing=0.1",
             "bce:pos_weight=1,smoothing=0.2", "bce:pos_weight=1e-6,smoothing=1",
             "bce:pos_weight=1e6,smoothing=0.05"]
FOCAL_SPECS = ["focal", "focal:gamma=0,alpha=0.25", "focal:gamma=0.5,alpha=-1",
               "focal:gamma=1,alpha=0.5", "focal:gamma=3.5,alpha=0.7", "focal:gamma=20,alpha=1",
               "focal:gamma=2,alpha=0"]
MARGIN_SPECS = ["hinge", "squared_hinge", "modified_huber", "exponential", "zero_one"]


def parameters(spec):
    """Return the parameters written in SPEC as a dict, such as {"gamma": 2.0}."""
    if ":" not in spec:
        return {}
    items = spec.split(":", 1)[1].split(",")
    return {key: float(value) for key, value in (item.split("=") for item in items)}


def bce_parameters(spec):
    values = parameters(spec)
    return values.get("pos_weight", 1.0), values.get("smoothing", 0.0)


def focal_parameters(spec):
    values = parameters(spec)
    return values.get("gamma", 2.0), values.get("alpha", 0.25)


def build_cases():
    """Return (spec, input, label) triples covering every loss on both signs of each input."""
    inputs = sorted({sign * magnitude for magnitude in MAGNITUDES for sign in (1.0, -1.0)})
    cases = []
    for spec in BCE_SPECS + FOCAL_SPECS + MARGIN_SPECS:
        extra = []
        if spec in MARGIN_SPECS:
            # Both sides of the kinks at m = +-1 and m = 0.
            extra = [0.999, 1.001, -0.999, -1.001, 1e-12, -1e-12]
        for label in (0.0, 1.0):
            for value in sorted(set(inputs + extra)):
                cases.append((spec, value, label))
    return cases


def smoothed_target(label, smoothing):
    """Return t = y (1 - smoothing) + smoothing / 2, as LossLens computes it in double."""
    return label * (1.0 - smoothing) + 0.5 * smoothing


def torch_reference(torch, torchvision, spec, value, label):
    """Return (value, first, second, extra absolute tolerance) from PyTorch or torchvision in
    float64, or None when neither has the loss or |z| is past TORCH_MAXIMUM_LOGIT."""
    if spec in MARGIN_SPECS or abs(value) > TORCH_MAXIMUM_LOGIT:
        return None
    dtype = torch.float64
    point = torch.tensor([value], dtype=dtype, requires_grad=True)
    if spec.startswith("bce"):
        weight, smoothing = bce_parameters(spec)
        target = torch.tensor([smoothed_target(label, smoothing)], dtype=dtype)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            point, target, pos_weight=torch.tensor([weight], dtype=dtype), reduction="none")
        scale = max(1.0, weight)
    else:
        gamma, alpha = focal_parameters(spec)
        target = torch.tensor([label], dtype=dtype)
        loss = torchvision.ops.sigmoid_focal_loss(point, target, alpha=alpha, gamma=gamma,
                                                  reduction="none")
        scale = 1.0 + gamma * gamma
    (first,) = torch.autograd.grad(loss.sum(), point, create_graph=True)
    (second,) = torch.autograd.grad(first.sum(), point)
    result = (loss.item(), first.item(), second.item())
    if not all(math.isfinite(x) for x in result):
        # torchvision differentiates (1 - p_t) ** gamma at 1 - p_t = 0, which gives NaN for
        # gamma < 1; mpmath still checks these cases.
        return None
    return result + (TORCH_ABSOLUTE_ERROR * scale * max(1.0, abs(value)),)


def sklearn_reference(sgd_fast, spec, value, label):
    """Return (value, first) from scikit-learn's SGDClassifier losses, or None."""
    losses = {"hinge": lambda: sgd_fast.Hinge(1.0),
              "squared_hinge": lambda: sgd_fast.SquaredHinge(1.0),
              "modified_huber": sgd_fast.ModifiedHuber}
    if spec not in losses:
        return None
    loss = losses[spec]()
    signed = 2.0 * label - 1.0
    return loss.py_loss(value, signed), loss.py_dloss(value, signed)


def exact_reference(mpmath, spec, value, label):
    """Return (value, first, second) from mpmath at 50 digits, with second None at a kink."""
    mp = mpmath.mp
    z = mp.mpf(value)
    y = mp.mpf(label)
    signed = 2 * y - 1
    margin = signed * z

    def sigmoid(x):
        # Either form is exact at 50 digits; this one never overflows.
        return 1 / (1 + mp.exp(-x)) if x >= 0 else mp.exp(x) / (1 + mp.exp(x))

    def softplus(x):
        return max(x, 0) + mp.log1p(mp.exp(-abs(x)))

    if spec.startswith("bce"):
        weight, smoothing = bce_parameters(spec)
        weight = mp.mpf(weight)
        # The exact target for the double smoothing, as LossLens's weights intend it.
        smoothing = mp.mpf(smoothing)
        target = y * (1 - smoothing) + smoothing / 2
        loss = weight * target * softplus(-z) + (1 - target) * softplus(z)
        first = (1 - target) * sigmoid(z) - weight * target * sigmoid(-z)
        second = (weight * target + 1 - target) * sigmoid(z) * sigmoid(-z)
        return loss, first, second

    if spec.startswith("focal"):
        gamma, alpha = focal_parameters(spec)
        gamma = mp.mpf(gamma)
        weight = 1 if alpha < 0 else mp.mpf(alpha) * y + (1 - mp.mpf(alpha)) * (1 - y)
        u = margin
        cross_entropy = softplus(-u)
        focus = sigmoid(-u) ** gamma
        value_u = cross_entropy * focus
        first_u = -focus * (sigmoid(-u) + gamma * sigmoid(u) * cross_entropy)
        second_u = focus * ((1 + 2 * gamma) * sigmoid(u) * sigmoid(-u)
                            + gamma * sigmoid(u) * cross_entropy
                            * (gamma * sigmoid(u) - sigmoid(-u)))
        return weight * value_u, weight * signed * first_u, weight * second_u

    if spec == "hinge":
        if margin <= 1:
            return 1 - margin, -signed, None if margin == 1 else mp.mpf(0)
        return mp.mpf(0), mp.mpf(0), mp.mpf(0)
    if spec == "squared_hinge":
        gap = max(mp.mpf(0), 1 - margin)
        second = mp.mpf(2) if margin < 1 else mp.mpf(0)
        if margin == 1:
            second = None
        return gap * gap, -2 * gap * signed, second
    if spec == "modified_huber":
        if margin < -1:
            return -4 * margin, -4 * signed, mp.mpf(0)
        gap = max(mp.mpf(0), 1 - margin)
        second = mp.mpf(2) if margin < 1 else mp.mpf(0)
        if abs(margin) == 1:
            second = None
        return gap * gap, -2 * gap * signed, second
    if spec == "exponential":
        # Past m = -709.78 the exact value exceeds the largest double, and float() of it is inf.
        loss = mp.exp(-margin)
        return loss, -signed * loss, loss
    if spec == "zero_one":
        return (mp.mpf(1) if margin <= 0 else mp.mpf(0)), mp.mpf(0), mp.mpf(0)
    raise ValueError(f"no reference for {spec}")


def to_double(mpmath, x):
    """Round an mpmath number to double, giving +-inf past the largest double."""
    if x is None:
        return None
    if abs(x) > sys.float_info.max:
        return math.copysign(math.inf, float(mpmath.sign(x)))
    return float(x)


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        import mpmath
        import torch
        import torchvision
        from sklearn.linear_model import _sgd_fast as sgd_fast
    except ImportError as error:
        return losscheck.skip(
            error, "Debian's python3-torchvision, python3-sklearn and python3-mpmath")
    mpmath.mp.dps = 50

    cases = build_cases()
    results = losscheck.run_losseval(argv[1], cases)

    passed = 0
    failures = []
    for (spec, value, label), actual in zip(cases, results):
        if any(math.isnan(x) for x in actual):
            failures.append(f"{spec} input={value!r} label={label!r}: NaN in {actual!r}")
            continue
        references = []
        torch_result = torch_reference(torch, torchvision, spec, value, label)
        if torch_result is not None:
            references.append(("torch", torch_result[:3], torch_result[3]))
        sklearn_result = sklearn_reference(sgd_fast, spec, value, label)
        if sklearn_result is not None:
            references.append(("sklearn", sklearn_result + (None,), 0.0))
        exact = exact_reference(mpmath, spec, value, label)
        references.append(("mpmath", tuple(to_double(mpmath, x) for x in exact), 0.0))
        for source, expected, extra in references:
            counted, mismatches = losscheck.compare_results(
                actual, expected, f"{spec} input={value!r} label={label!r}", source, extra)
            passed += counted
            failures += mismatches

    return losscheck.report(
        "reference_classification", passed, failures,
        f"torch {torch.__version__}, torchvision {torchvision.__version__}, {len(cases)} cases")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
