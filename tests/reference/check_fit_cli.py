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

The same holds for the linear model on all three features (`--x` repeated): PyTorch trains a
weight vector and a bias on the features standardized each on its own, from the same start,
and the weights, intercept and mean loss must agree to 1e-9 relative. Long MSE runs and
`--optimizer minimize` are compared with numpy.linalg.lstsq on the raw features.

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

FEATURES = ["AIRFLOW", "WATERTEMP", "ACIDCONC"]

# Cases on the three features: loss, optimizer spec, steps, --start in data units (W1,W2,W3,B),
# the torch.optim optimizer, and the learning rate scheduler or None. Adam and AdamW start where
# some errors lie within the loss's quadratic zone. Where every error lies beyond it, as from
# (0, 0, 0, 0), the weights' gradients are means of standardized features, 0 but for rounding.
# Adam divides each gradient by its own size, so rounding noise alone then sets steps of about
# the learning rate, and the two sides part at once.
MULTI_CASES = [
    ("mse", "gd:learning_rate=0.1", 300, "0,0,0,0", lambda o, p: o.SGD(p, lr=0.1), None),
    ("mse", "momentum:learning_rate=0.05,momentum=0.8", 300, "0.5,-0.2,0.1,-30",
     lambda o, p: o.SGD(p, lr=0.05, momentum=0.8), None),
    ("huber:delta=2", "nesterov:learning_rate=0.1", 400, "0,0,0,0",
     lambda o, p: o.SGD(p, lr=0.1, momentum=0.9, nesterov=True), None),
    ("huber:delta=2", "adam:learning_rate=0.1", 300, "0.5,1,0,-35",
     lambda o, p: o.Adam(p, lr=0.1), None),
    ("logcosh", "gd:learning_rate=0.5", 300, "0,0,0,0", lambda o, p: o.SGD(p, lr=0.5), None),
    ("mse", "rmsprop:learning_rate=0.05", 150, "0,0,0,0", lambda o, p: o.RMSprop(p, lr=0.05),
     None),
    ("mse", "adagrad:learning_rate=2", 300, "0,0,0,0", lambda o, p: o.Adagrad(p, lr=2.0), None),
    ("smooth_l1:beta=0.5", "adamw:learning_rate=0.2,weight_decay=0.05", 300, "1,0.5,-0.2,-30",
     lambda o, p: o.AdamW(p, lr=0.2, weight_decay=0.05), None),
    ("mse", "gd:learning_rate=0.2", 200, "0,0,0,0", lambda o, p: o.SGD(p, lr=0.2),
     ("step:interval=50,factor=0.5",
      lambda s, o: s.StepLR(o, step_size=50, gamma=0.5))),
    ("huber:delta=2", "momentum:learning_rate=0.1", 200, "0,0,0,0",
     lambda o, p: o.SGD(p, lr=0.1, momentum=0.9),
     ("cosine:period=200,minimum=0.001",
      lambda s, o: s.CosineAnnealingLR(o, T_max=200, eta_min=0.001))),
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


def run_fit(executable, path, arguments):
    """Run `losslens fit` on the three features and return its JSON object, or the error."""
    command = [executable, "fit", "--data", path, "--y", "STACKLOSS"]
    for feature in FEATURES:
        command += ["--x", feature]
    completed = subprocess.run(command + arguments, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        return None, completed.stderr.strip()
    return json.loads(completed.stdout), None


def check_features(executable, path, table, np, torch):
    """Compare the three-feature fits with PyTorch and numpy; return (checks, failures)."""
    raw = table[:, 1:4]
    y = table[:, 0]
    means = raw.mean(axis=0)
    deviations = np.sqrt(((raw - means) ** 2).mean(axis=0))
    features = torch.tensor((raw - means) / deviations, dtype=torch.float64)
    targets = torch.tensor(y, dtype=torch.float64)
    failures = []
    checks = 0

    def compare(label, ours, weights, intercept, final=None):
        nonlocal checks
        pairs = [(f"w{j + 1}", ours["w"][j], weights[j]) for j in range(len(FEATURES))]
        pairs.append(("b", ours["b"], intercept))
        if final is not None:
            pairs.append(("mean_loss", ours["mean_loss"], final))
        for name, a, b in pairs:
            checks += 1
            if not close(a, b):
                failures.append(f"{label}: {name} {a!r}, reference {b!r}")

    for spec, optimizer_spec, steps, start, make_optimizer, schedule in MULTI_CASES:
        label = f"3 features {spec} {optimizer_spec}"
        arguments = ["--loss", spec, "--optimizer", optimizer_spec, "--steps", str(steps),
                     "--start", start]
        if schedule:
            arguments += ["--schedule", schedule[0]]
            label += f" {schedule[0]}"
        ours, error = run_fit(executable, path, arguments)
        if error:
            failures.append(f"{label}: {error}")
            continue
        if sorted(ours) != ["b", "loss", "mean_loss", "optimizer", "status", "steps", "w"]:
            failures.append(f"{label}: keys {sorted(ours)}")
        # The start in training coordinates: w'_j = W_j s_j and b' = B + sum_j W_j m_j.
        start_values = np.array([float(v) for v in start.split(",")])
        weight = torch.tensor(start_values[:3] * deviations, dtype=torch.float64,
                              requires_grad=True)
        bias = torch.tensor([start_values[3] + float(start_values[:3] @ means)],
                            dtype=torch.float64, requires_grad=True)
        optimizer = make_optimizer(torch.optim, [weight, bias])
        scheduler = schedule[1](torch.optim.lr_scheduler, optimizer) if schedule else None
        for _ in range(ours["steps"]):
            optimizer.zero_grad()
            mean_loss(torch, spec, features @ weight + bias, targets).backward()
            optimizer.step()
            if scheduler:
                scheduler.step()
        with torch.no_grad():
            final = float(mean_loss(torch, spec, features @ weight + bias, targets))
        weights = weight.detach().numpy() / deviations
        intercept = float(bias) - float(weights @ means)
        compare(label, ours, weights, intercept, final)

    # MSE trained long enough reaches the least-squares solution, and so does minimize.
    design = np.column_stack([raw, np.ones(len(y))])
    solution = np.linalg.lstsq(design, y, rcond=None)[0]
    residual_mean = float(((design @ solution - y) ** 2).mean())
    for optimizer_spec, steps in (("gd:learning_rate=0.2", 5000),
                                  ("momentum:learning_rate=0.05,momentum=0.9", 3000),
                                  ("minimize", None)):
        label = f"3 features mse {optimizer_spec}, least squares"
        arguments = ["--loss", "mse", "--optimizer", optimizer_spec]
        if steps:
            arguments += ["--steps", str(steps)]
        ours, error = run_fit(executable, path, arguments)
        if error:
            failures.append(f"{label}: {error}")
            continue
        if ours["status"] not in ("converged", "max_steps"):
            failures.append(f"{label}: status {ours['status']}")
        compare(label, ours, solution[:3], solution[3], residual_mean)
    return checks, failures


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

    multi_checks, multi_failures = check_features(executable, path, table, np, torch)
    checks += multi_checks
    failures += multi_failures

    for failure in failures:
        print("FAIL:", failure)
    print(f"{checks - len(failures)} of {checks} fitted values agree with PyTorch and numpy")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
