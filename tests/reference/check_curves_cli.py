#!/usr/bin/python3
"""Compare `losslens curves` output with PyTorch in float64.

Runs the losslens executable given as the only argument for a few losses over a grid of
inputs, parses its CSV and checks value and gradient against torch.nn.functional with
reduction='none' and autograd, to 1e-12 relative plus 1e-15 absolute (PyTorch itself rounds
tiny values, such as BCE tails, to about 1e-16). Exits with 0 when every comparison passes,
1 when any fails, 2 on a usage error and 77 when torch cannot be imported, which CTest reports
as skipped.
"""

import csv
import io
import subprocess
import sys

SKIP_EXIT_CODE = 77
RELATIVE = 1e-12
ABSOLUTE = 1e-15


def torch_reference(torch, spec, inputs, label):
    """Return (values, gradients) of the loss at the inputs from PyTorch."""
    functional = torch.nn.functional
    x = torch.tensor(inputs, dtype=torch.float64, requires_grad=True)
    zeros = torch.zeros_like(x)
    if spec == "mse":
        value = functional.mse_loss(x, zeros, reduction="none")
    elif spec == "mae":
        value = functional.l1_loss(x, zeros, reduction="none")
    elif spec.startswith("huber:delta="):
        delta = float(spec.split("=")[1])
        value = functional.huber_loss(x, zeros, reduction="none", delta=delta)
    elif spec.startswith("smooth_l1:beta="):
        beta = float(spec.split("=")[1])
        value = functional.smooth_l1_loss(x, zeros, reduction="none", beta=beta)
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
             ("bce", "0"), ("bce", "1")]
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
