#!/usr/bin/python3
"""Compare LossLens's multi-class cross-entropy with PyTorch.

Usage: check_cross_entropy.py LOSSEVAL

LOSSEVAL is the losslens_losseval test helper. The script sends it one line per case,
"SPEC INPUT LABEL", where INPUT is the true class's logit z and LABEL the true class's index,
reads back "value first second" and compares them with
torch.nn.functional.cross_entropy(logits, target, weight=..., label_smoothing=...,
reduction='none') in float64. The K logits put z at the true class and the spec's "others", in
order, at the remaining positions. The first and second derivatives with respect to z come from
torch.autograd (the second by differentiating the first again).

Every comparison allows 1e-12 relative plus 1e-15 absolute. PyTorch forms log p_k as
l_k - m - log(sum_j exp(l_j - m)) and the slope as C p_y - c_y, with C = sum_k q_k w_k. Both
lose results far below 1 to an absolute error of a few eps times C, so the specs here keep C at
most 2.

Run it with Debian's /usr/bin/python3, which has python3-torch. Exits with 0 when every
comparison passes, 1 when any fails, 2 on a usage error, and 77 when torch cannot be imported,
which CTest reports as a skipped test.
"""

import sys

# Importing losscheck would otherwise write a bytecode cache into the source tree.
sys.dont_write_bytecode = True
import losscheck  # noqa: E402  (Python puts this script's folder first on sys.path)

SKIP_EXIT_CODE = 77
RELATIVE_TOLERANCE = 1e-12
ABSOLUTE_TOLERANCE = 1e-15

MAGNITUDES = [0.0, 1e-9, 0.5, 1.0, 2.5, 7.0, 30.0, 40.0, 100.0, 700.0, 1e3, 1e6]
SPECS = [
    "cross_entropy",
    "cross_entropy:weights=1|2|0.5",
    "cross_entropy:smoothing=0.3",
    "cross_entropy:weights=1|2|0.5,smoothing=0.1,others=0|1",
    "cross_entropy:weights=0.5|0.25|1,smoothing=1,others=-2|3",
    "cross_entropy:weights=1|1,others=0",
    "cross_entropy:weights=0.7|1.3,smoothing=0.4,others=-1e6",
    "cross_entropy:weights=0.1|0.2|0.3|0.4|0.5,smoothing=0.25,others=1e6|-1e6|0.5|-3",
    "cross_entropy:weights=0|1|0,smoothing=0.2,others=5|-5",
]


def parameters(spec):
    """Return (weights, smoothing, others) written in SPEC, with the loss's defaults."""
    values = {"weights": [1.0, 1.0, 1.0], "smoothing": 0.0, "others": None}
    if ":" in spec:
        for item in spec.split(":", 1)[1].split(","):
            key, text = item.split("=")
            if key == "smoothing":
                values[key] = float(text)
            else:
                values[key] = [float(part) for part in text.split("|")]
    weights = values["weights"]
    others = values["others"]
    if others is None:
        others = [0.0] * (len(weights) - 1)
    return weights, values["smoothing"], others


def build_cases():
    """Return (spec, z, label) triples: every class as the true one, both signs of each z."""
    inputs = sorted({sign * magnitude for magnitude in MAGNITUDES for sign in (1.0, -1.0)})
    cases = []
    for spec in SPECS:
        classes = len(parameters(spec)[0])
        for label in range(classes):
            cases.extend((spec, z, label) for z in inputs)
    return cases


def torch_reference(torch, spec, z, label):
    """Value, dL/dz and d2L/dz2 of PyTorch's cross_entropy, reduction='none', in float64."""
    weights, smoothing, others = parameters(spec)
    rest = list(others)
    logits = []
    for k in range(len(weights)):
        logits.append(None if k == label else torch.tensor(rest.pop(0), dtype=torch.float64))
    true_logit = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    logits[label] = true_logit
    row = torch.stack(logits).unsqueeze(0)
    loss = torch.nn.functional.cross_entropy(
        row, torch.tensor([label]), weight=torch.tensor(weights, dtype=torch.float64),
        label_smoothing=smoothing, reduction="none")[0]
    (first,) = torch.autograd.grad(loss, true_logit, create_graph=True)
    (second,) = torch.autograd.grad(first, true_logit)
    return loss.item(), first.item(), second.item()


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import torch
    except ImportError as error:
        print(f"skipped: {error}")
        return SKIP_EXIT_CODE

    cases = build_cases()
    rows = losscheck.run_losseval(sys.argv[1], cases)
    failures = 0
    for (spec, z, label), row in zip(cases, rows):
        expected = torch_reference(torch, spec, z, label)
        for name, actual, reference in zip(("value", "first", "second"), row, expected):
            if abs(actual - reference) > RELATIVE_TOLERANCE * abs(reference) + ABSOLUTE_TOLERANCE:
                failures += 1
                print(f"FAIL {spec} z={z!r} y={label} {name}: {actual!r}, torch {reference!r}")
    print(f"{len(cases)} cases, {3 * len(cases)} comparisons, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
