"""Compares LossLens's optimizers and learning rate schedules with PyTorch's torch.optim.

Each case runs losslens_optimeval and the same optimizer in PyTorch (float64, gradients set
by hand from the same formula) on a narrow quadratic valley, and compares the learning rate and
theta after every step to 1e-12 relative plus 1e-15 absolute.

Usage: check_optimizers.py LOSSLENS_OPTIMEVAL
"""

import subprocess
import sys

from losscheck import skip

RELATIVE = 1e-12
ABSOLUTE = 1e-15
STEPS = 300

# (LossLens optimizer, LossLens schedule, PyTorch optimizer factory, PyTorch schedule factory)
CASES = [
    ("gd", "constant", lambda o, p: o.SGD(p, lr=0.01), None),
    ("gd:learning_rate=0.09", "constant", lambda o, p: o.SGD(p, lr=0.09), None),
    ("sgd:learning_rate=0.05,weight_decay=0.1", "constant",
     lambda o, p: o.SGD(p, lr=0.05, weight_decay=0.1), None),
    ("momentum", "constant", lambda o, p: o.SGD(p, lr=0.01, momentum=0.9), None),
    ("momentum:learning_rate=0.08,momentum=0.95", "step:interval=40,factor=0.5",
     lambda o, p: o.SGD(p, lr=0.08, momentum=0.95),
     lambda s, o: s.StepLR(o, step_size=40, gamma=0.5)),
    ("nesterov", "constant", lambda o, p: o.SGD(p, lr=0.01, momentum=0.9, nesterov=True), None),
    ("nesterov:learning_rate=0.04,momentum=0.7,weight_decay=0.01", "exponential:factor=0.99",
     lambda o, p: o.SGD(p, lr=0.04, momentum=0.7, nesterov=True, weight_decay=0.01),
     lambda s, o: s.ExponentialLR(o, gamma=0.99)),
    ("adagrad", "constant", lambda o, p: o.Adagrad(p), None),
    ("adagrad:learning_rate=0.5,learning_rate_decay=0.01,initial_accumulator=0.1,"
     "epsilon=1e-6,weight_decay=0.05", "constant",
     lambda o, p: o.Adagrad(p, lr=0.5, lr_decay=0.01, initial_accumulator_value=0.1, eps=1e-6,
                            weight_decay=0.05), None),
    ("rmsprop", "constant", lambda o, p: o.RMSprop(p), None),
    ("rmsprop:learning_rate=0.02,alpha=0.9,epsilon=1e-6,momentum=0.5,weight_decay=0.01",
     "cosine:period=70,minimum=0.001",
     lambda o, p: o.RMSprop(p, lr=0.02, alpha=0.9, eps=1e-6, momentum=0.5, weight_decay=0.01),
     lambda s, o: s.CosineAnnealingLR(o, T_max=70, eta_min=0.001)),
    ("adam", "constant", lambda o, p: o.Adam(p), None),
    ("adam:learning_rate=0.1,beta1=0.8,beta2=0.99,epsilon=1e-6,weight_decay=0.02",
     "cosine:period=50,minimum=0",
     lambda o, p: o.Adam(p, lr=0.1, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.02),
     lambda s, o: s.CosineAnnealingLR(o, T_max=50, eta_min=0.0)),
    ("adamw", "constant", lambda o, p: o.AdamW(p), None),
    ("adamw:learning_rate=0.05,weight_decay=0.3", "step:interval=25,factor=0.8",
     lambda o, p: o.AdamW(p, lr=0.05, weight_decay=0.3),
     lambda s, o: s.StepLR(o, step_size=25, gamma=0.8)),
]


def torch_run(torch, make_optimizer, make_schedule):
    theta = torch.tensor([-3.0, 2.0], dtype=torch.float64, requires_grad=True)
    optimizer = make_optimizer(torch.optim, [theta])
    schedule = make_schedule(torch.optim.lr_scheduler, optimizer) if make_schedule else None
    rows = []
    for _ in range(STEPS):
        t0, t1 = float(theta[0]), float(theta[1])
        theta.grad = torch.tensor([3.0 * t0 + 1.5 * t1 - 1.0, 1.5 * t0 + 20.0 * t1 + 2.0],
                                  dtype=torch.float64)
        rate = optimizer.param_groups[0]["lr"]
        optimizer.step()
        if schedule:
            schedule.step()
        rows.append((rate, float(theta[0]), float(theta[1])))
    return rows


def main():
    try:
        import torch
    except ImportError as error:
        return skip(error, "python3-torch")
    executable = sys.argv[1]
    failures = []
    checks = 0
    largest = 0.0
    for spec, schedule_spec, make_optimizer, make_schedule in CASES:
        completed = subprocess.run([executable, spec, schedule_spec, str(STEPS)],
                                   capture_output=True, text=True, check=False)
        if completed.returncode != 0:
            failures.append(f"{spec}: {completed.stderr.strip()}")
            continue
        ours = [tuple(float(x) for x in line.split()) for line in completed.stdout.splitlines()]
        reference = torch_run(torch, make_optimizer, make_schedule)
        for step, (mine, theirs) in enumerate(zip(ours, reference), start=1):
            for label, a, b in zip(("learning rate", "theta0", "theta1"), mine, theirs):
                checks += 1
                difference = abs(a - b)
                largest = max(largest, difference / max(abs(b), 1e-300))
                if difference > RELATIVE * abs(b) + ABSOLUTE:
                    failures.append(f"{spec} with {schedule_spec}, step {step}: {label} {a!r}, "
                                    f"PyTorch {b!r}")
                    break
    for failure in failures[:20]:
        print("FAIL:", failure)
    print(f"{checks} values over {len(CASES)} optimizer runs compared with PyTorch "
          f"{torch.__version__}; largest relative difference {largest:.3g}; "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
