"""Compares `losslens fit` with the same training written in PyTorch.

For each case, losslens fits a line to the bundled stack loss data (standardized feature, as
the window trains) and PyTorch runs the same optimizer on the mean loss of torch.nn.functional
with autograd gradients, in float64, for the same number of steps. The final slope and
intercept in the data's units and the mean loss must agree to 1e-9 relative: the two sum the
data in different orders, and the difference grows a little over hundreds of steps. Cases
where an adaptive optimizer circles the minimum with steps of about its learning rate are
left out: there the last bits of each gradient steer the path, and the two drift apart by
about 1e-6 after a few hundred steps although each update agrees.
`--optimizer minimize` is compared with the least-squares line for MSE.

Usage: check_fit_cli.py LOSSLENS STACKLOSS_CSV
"""

import json
import subprocess
import sys

from losscheck import skip

TOLERANCE = 1e-9

CASES = [
    ("mse", "gd:learning_rate=0.1", 300, lambda o, p: o.SGD(p, lr=0.1)),
    ("mse", "momentum:learning_rate=0.05,momentum=0.8", 300,
     lambda o, p: o.SGD(p, lr=0.05, momentum=0.8)),
    ("huber:delta=2", "nesterov:learning_rate=0.1", 400,
     lambda o, p: o.SGD(p, lr=0.1, momentum=0.9, nesterov=True)),
    ("huber:delta=2", "adam:learning_rate=0.1", 500, lambda o, p: o.Adam(p, lr=0.1)),
    ("logcosh", "gd:learning_rate=0.5", 300, lambda o, p: o.SGD(p, lr=0.5)),
    ("mse", "rmsprop:learning_rate=0.05", 150, lambda o, p: o.RMSprop(p, lr=0.05)),
    ("mse", "adagrad:learning_rate=2", 300, lambda o, p: o.Adagrad(p, lr=2.0)),
    ("smooth_l1:beta=0.5", "adamw:learning_rate=0.2,weight_decay=0.05", 300,
     lambda o, p: o.AdamW(p, lr=0.2, weight_decay=0.05)),
]


def mean_loss(torch, spec, prediction, target):
    functional = torch.nn.functional
    if spec == "mse":
        return functional.mse_loss(prediction, target)
    if spec == "huber:delta=2":
        return functional.huber_loss(prediction, target, delta=2.0)
    if spec == "smooth_l1:beta=0.5":
        return functional.smooth_l1_loss(prediction, target, beta=0.5)
    if spec == "logcosh":
        error = prediction - target
        return (error + functional.softplus(-2.0 * error) - torch.log(torch.tensor(2.0,
                dtype=torch.float64))).mean()
    raise ValueError(spec)


def close(actual, expected):
    return abs(actual - expected) <= TOLERANCE * max(1.0, abs(expected))


def main():
    try:
        import numpy as np
        import torch
    except ImportError as error:
        return skip(error, "python3-numpy and python3-torch")
    executable, path = sys.argv[1], sys.argv[2]
    table = np.loadtxt(path, delimiter=",", skiprows=1)
    x, y = table[:, 1], table[:, 0]
    mean = x.mean()
    deviation = np.sqrt(((x - mean) ** 2).mean())
    features = torch.tensor((x - mean) / deviation, dtype=torch.float64)
    targets = torch.tensor(y, dtype=torch.float64)

    failures = []
    checks = 0
    for spec, optimizer_spec, steps, make_optimizer in CASES:
        completed = subprocess.run(
            [executable, "fit", "--data", path, "--x", "AIRFLOW", "--y", "STACKLOSS", "--loss",
             spec, "--optimizer", optimizer_spec, "--steps", str(steps)],
            capture_output=True, text=True, check=False)
        if completed.returncode != 0:
            failures.append(f"{spec} {optimizer_spec}: {completed.stderr.strip()}")
            continue
        ours = json.loads(completed.stdout)
        if sorted(ours) != ["b", "loss", "mean_loss", "optimizer", "status", "steps", "w"]:
            failures.append(f"{spec} {optimizer_spec}: keys {sorted(ours)}")
        weight = torch.zeros(1, dtype=torch.float64, requires_grad=True)
        bias = torch.zeros(1, dtype=torch.float64, requires_grad=True)
        optimizer = make_optimizer(torch.optim, [weight, bias])
        for _ in range(ours["steps"]):
            optimizer.zero_grad()
            mean_loss(torch, spec, weight * features + bias, targets).backward()
            optimizer.step()
        with torch.no_grad():
            final = float(mean_loss(torch, spec, weight * features + bias, targets))
        slope = float(weight) / deviation
        intercept = float(bias) - slope * mean
        for label, a, b in (("w", ours["w"][0], slope), ("b", ours["b"], intercept),
                            ("mean_loss", ours["mean_loss"], final)):
            checks += 1
            if not close(a, b):
                failures.append(f"{spec} {optimizer_spec}: {label} {a!r}, PyTorch {b!r}")

    completed = subprocess.run(
        [executable, "fit", "--data", path, "--x", "AIRFLOW", "--y", "STACKLOSS", "--loss", "mse",
         "--optimizer", "minimize"], capture_output=True, text=True, check=False)
    ours = json.loads(completed.stdout)
    slope, intercept = np.polyfit(x, y, 1)
    for label, a, b in (("w", ours["w"][0], slope), ("b", ours["b"], intercept)):
        checks += 1
        if not close(a, b):
            failures.append(f"minimize mse: {label} {a!r}, least squares {b!r}")

    for failure in failures:
        print("FAIL:", failure)
    print(f"{checks - len(failures)} of {checks} fitted values agree with PyTorch and numpy")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
