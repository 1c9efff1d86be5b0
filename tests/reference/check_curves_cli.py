#!/usr/bin/python3
"""Compare `losslens curves` output with PyTorch in float64.

Runs the losslens executable given as the only argument for a few losses over a grid of
inputs, parses its CSV and checks value and gradient against torch.nn.functional with
reduction='none' and autograd, to 1e-12 relative plus 1e-15 absolute (PyTorch itself rounds
tiny values, such as BCE tails, to about 1e-16). Multi-class cross-entropy runs with
--label 2, so the input is the logit of class 2 of K = 3, and is compared with
torch.nn.functional.cross_entropy on logits that put the input at column 2 and the spec's
"others" at columns 0 and 1, with the spec's class weights and label smoothing. A Huber loss with a
residual scale and a composite loss are compared with the same sums of PyTorch's losses.
Every row's label column must repeat --label, or be empty for a regression loss. Exits with 0 when every
comparison passes, 1 when any fails, 2 on a usage error and 77 when torch cannot be imported,
which CTest reports as skipped.
"""

import csv
import io
import subprocess
import sys

SKIP_EXIT_CODE = 77
RELATIVE = 1e-12
ABSOLUTE = 1e-15


# A robust loss with a fixed residual scale, rho(e / 2.5), and a composite loss that adds it to
# MSE with weights and an L2 penalty.
SCALED_HUBER = "huber:delta=0.5,scale=2.5"
COMPOSITE = "0.25*(mse) + 0.75*(huber:delta=0.5,scale=2.5) + l1(0) + l2(0.3)"


def cross_entropy_parameters(spec):
    """Return (weights, smoothing, others) written in a cross_entropy spec that gives all three."""
    values = dict(item.split("=") for item in spec.split(":", 1)[1].split(","))
    weights = [float(part) for part in values["weights"].split("|")]
    others = [float(part) for part in values["others"].split("|")]
    return weights, float(values["smoothing"]), others


def cross_entropy_curve(torch, x, label, spec):
    """Return PyTorch's per-row cross-entropy with x as the logit of class `label`."""
    weights, smoothing, others = cross_entropy_parameters(spec)
    remaining = iter(others)
    columns = [x if k == label else torch.full_like(x, next(remaining))
               for k in range(len(weights))]
    logits = torch.stack(columns, dim=1)
    target = torch.full((len(x),), label, dtype=torch.long)
    return torch.nn.functional.cross_entropy(
        logits, target, weight=torch.tensor(weights, dtype=torch.float64),
        label_smoothing=smoothing, reduction="none")


def torch_reference(torch, spec, inputs, label):
    """Return (values, gradients) of the loss at the inputs from PyTorch."""
    functional = torch.nn.functional
    x = torch.tensor(inputs, dtype=torch.float64, requires_grad=True)
    zeros = torch.zeros_like(x)
    if spec == SCALED_HUBER:
        value = functional.huber_loss(x / 2.5, zeros, reduction="none", delta=0.5)
    elif spec == COMPOSITE:
        # The penalty acts on the model's weight, not on the curve of the loss.
        value = (0.25 * functional.mse_loss(x, zeros, reduction="none")
                 + 0.75 * functional.huber_loss(x / 2.5, zeros, reduction="none", delta=0.5))
    elif spec == "mse":
        value = functional.mse_loss(x, zeros, reduction="none")
    elif spec == "mae":
        value = functional.l1_loss(x, zeros, reduction="none")
    elif spec.startswith("huber:delta="):
        delta = float(spec.split("=")[1])
        value = functional.huber_loss(x, zeros, reduction="none", delta=delta)
    elif spec.startswith("smooth_l1:beta="):
        beta = float(spec.split("=")[1])
        value = functional.smooth_l1_loss(x, zeros, reduction="none", beta=beta)
    elif spec.startswith("cross_entropy:"):
        value = cross_entropy_curve(torch, x, int(label), spec)
    elif spec.startswith("bce"):
        target = torch.full_like(x, float(label))
        value = functional.binary_cross_entropy_with_logits(x, target, reduction="none")
    else:
        raise ValueError(spec)
    value.sum().backward()
    return value.detach().tolist(), x.grad.tolist()


def close(actual, expected):
    return abs(actual - expected) <= RELATIVE * abs(expected) + ABSOLUTE


def main():
    if len(sys.argv) != 2:
        print("usage: check_curves_cli.py PATH_TO_LOSSLENS", file=sys.stderr)
        return 2
    try:
        import torch
    except ImportError as error:
        print(f"SKIPPED: {sys.executable} cannot import torch ({error}). Install Debian's "
              "python3-torch to run this check.")
        return SKIP_EXIT_CODE

    # Inputs avoid the kinks (0 for MAE, +-delta and +-beta), where PyTorch and LossLens may
    # choose different subgradients.
    cases = [("mse", ""), ("mae", ""), ("huber:delta=0.5", ""), ("smooth_l1:beta=0.5", ""),
             ("bce", "0"), ("bce", "1"),
             ("cross_entropy:weights=0.5|1.5|1,smoothing=0.1,others=0.3|-1.2", "2"),
             (SCALED_HUBER, ""), (COMPOSITE, "")]
    failures = 0
    checked = 0
    for spec, label in cases:
        arguments = [sys.argv[1], "curves", "--loss", spec, "--from", "-37.31", "--to", "41.07",
                     "--points", "157"]
        if label:
            arguments += ["--label", label]
        completed = subprocess.run(arguments, capture_output=True, text=True, check=False)
        if completed.returncode != 0:
            print(f"FAIL {spec}: losslens exited {completed.returncode}: {completed.stderr}")
            failures += 1
            continue
        rows = list(csv.DictReader(io.StringIO(completed.stdout)))
        inputs = [float(row["x"]) for row in rows]
        values, gradients = torch_reference(torch, spec, inputs, label or 0)
        for row, value, gradient in zip(rows, values, gradients):
            checked += 1
            if row["label"] != label:
                failures += 1
                print(f"FAIL {spec} x={row['x']}: label column {row['label']!r}, "
                      f"expected {label!r}")
            for name, expected in (("loss", value), ("gradient", gradient)):
                checked += 1
                actual = float(row[name])
                if not close(actual, expected):
                    failures += 1
                    print(f"FAIL {spec} label={label} x={row['x']} {name}: losslens {actual!r}, "
                          f"torch {expected!r}")
    print(f"{checked - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
