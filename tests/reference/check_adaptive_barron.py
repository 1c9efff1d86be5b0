#!/usr/bin/python3
"""Compare the adaptive Barron objective (core/adaptivebarron.h) with PyTorch's autograd.

Usage: check_adaptive_barron.py BARRONEVAL

BARRONEVAL is the losslens_barroneval test helper. For each case (a data set, settings and a
parameter vector theta = (w, b, u[, v])) the script sends one "objective" request and compares
the mean negative log-likelihood, the mean loss, alpha, c and the gradient with respect to
theta with the same model written in PyTorch float64:

  x' = (x - mean) / std (population) or x,  r = w x' + b - y,
  alpha = alpha_min + (alpha_max - alpha_min) sigmoid(u),
  c = c_min + (c_0 - c_min) softplus(v + log(e - 1))  (or c_0 when c is fixed),
  rho = (b / alpha) expm1((alpha / 2) log1p((r/c)^2 / b)),  b = |alpha - 2|,
  NLL = mean(rho) + log c + log Z(alpha).

rho is written as core/losses/barron.h rewrites Barron's formula, so autograd differentiates
it with respect to alpha independently of the closed form in barrondistribution.cpp. log Z is
a torch.autograd.Function whose forward pass is mpmath.quad at 30 digits and whose backward
pass is mpmath.diff of that quadrature.

Exits with 0 when every comparison passes, 1 when any fails, 2 on a usage error, and 77 when
torch or mpmath cannot be imported, which CTest reports as a skipped test.
"""

import math
import random
import subprocess
import sys

# Importing losscheck would otherwise write a bytecode cache into the source tree.
sys.dont_write_bytecode = True
import losscheck  # noqa: E402  (Python puts this script's folder first on sys.path)

# Each gradient entry is a mean of terms of either sign, so it is compared relative to the size
# of the terms it sums (the scale that reference() returns), not its own. On these cases the two
# sides differ by at most 4e-15 of that, and the values by 4e-15 relatively.
TOLERANCE = 5e-14


def make_data(seed, count, outliers):
    """Return (x, y): a line 1.5 x - 2 plus Gaussian noise, with some points moved by +25."""
    generator = random.Random(seed)
    x = [generator.uniform(20.0, 80.0) for _ in range(count)]
    y = [1.5 * value - 2.0 + generator.gauss(0.0, 3.0) for value in x]
    for i in range(outliers):
        y[i] += 25.0
    return x, y


# (settings, standardize, theta): settings are
# (alpha_min, alpha_max, alpha_0, c_min, c_0, learn_scale).
DEFAULTS = (0.001, 1.999, 1.0, 1e-5, 1.0, 1)
CASES = [
    (DEFAULTS, 1, [30.0, 85.0, 0.0, 0.0]),
    (DEFAULTS, 1, [25.0, 88.0, -2.5, 1.7]),
    (DEFAULTS, 1, [27.0, 83.0, 3.0, 0.4]),
    (DEFAULTS, 0, [1.4, 3.0, 0.8, 2.2]),
    ((0.001, 1.999, 1.0, 1e-5, 3.0, 0), 1, [28.0, 86.0, 1.2]),
    ((0.0, 3.0, 1.5, 1e-3, 2.0, 1), 1, [26.0, 84.0, 0.9, -0.3]),
    ((0.5, 10.0, 4.0, 0.01, 5.0, 1), 1, [29.0, 87.0, -0.6, 0.5]),
    ((0.5, 10.0, 4.0, 0.01, 5.0, 1), 1, [29.0, 87.0, 2.0, -1.0]),
]


def make_log_partition(torch, mpmath):
    """Return log Z as a torch function of a 0-dimensional float64 tensor alpha."""
    mp = mpmath.mp

    def log_partition(alpha):
        def density(x):
            s = x * x
            if alpha == 0:
                return 1 / (1 + s / 2)
            b = abs(alpha - 2)
            return mpmath.exp(-(b / alpha) * ((s / b + 1) ** (alpha / 2) - 1))
        return mpmath.log(2 * mpmath.quad(density, [0, 1, 4, 16, mpmath.inf]))

    class LogPartition(torch.autograd.Function):
        @staticmethod
        def forward(context, alpha):
            context.save_for_backward(alpha)
            with mp.workdps(30):
                value = log_partition(mp.mpf(alpha.item()))
            return torch.tensor(float(value), dtype=torch.float64)

        @staticmethod
        def backward(context, grad_output):
            (alpha,) = context.saved_tensors
            with mp.workdps(30):
                derivative = mpmath.diff(log_partition, mp.mpf(alpha.item()))
            return grad_output * float(derivative)

    return LogPartition.apply


def model(torch, features, targets, settings, theta):
    """Return (rho_i for every sample, alpha, c) as tensors that depend on theta."""
    alpha_min, alpha_max, _, c_min, c_0, learn_scale = settings
    residuals = theta[0] * features + theta[1] - targets
    alpha = alpha_min + (alpha_max - alpha_min) * torch.sigmoid(theta[2])
    if learn_scale:
        c = c_min + (c_0 - c_min) * torch.nn.functional.softplus(theta[3] + math.log(math.e - 1))
    else:
        c = torch.tensor(c_0, dtype=torch.float64)
    b = torch.abs(alpha - 2)
    rho = b / alpha * torch.expm1(alpha / 2 * torch.log1p((residuals / c) ** 2 / b))
    return rho, alpha, c


def reference(torch, log_partition, x, y, settings, standardize, theta):
    """Return (nll, mean_rho, alpha, c, gradient, gradient_scale) from PyTorch."""
    features = torch.tensor(x, dtype=torch.float64)
    targets = torch.tensor(y, dtype=torch.float64)
    if standardize:
        mean = features.mean()
        deviation = torch.sqrt(((features - mean) ** 2).mean())
        features = (features - mean) / deviation
    parameters = torch.tensor(theta, dtype=torch.float64, requires_grad=True)
    rho, alpha, c = model(torch, features, targets, settings, parameters)
    nll = rho.mean() + torch.log(c) + log_partition(alpha)
    nll.backward()

    # The size of the terms that each gradient entry sums, for a tolerance that does not depend
    # on how far they cancel: the mean over samples of |d (rho_i + log c) / d theta|, plus
    # |d log Z / d theta|.
    def per_sample(t):
        rho_t, _, c_t = model(torch, features, targets, settings, t)
        return rho_t + torch.log(c_t)

    jacobian = torch.autograd.functional.jacobian(per_sample,
                                                  torch.tensor(theta, dtype=torch.float64))
    shape_parameters = torch.tensor(theta, dtype=torch.float64, requires_grad=True)
    _, shape, _ = model(torch, features, targets, settings, shape_parameters)
    log_partition(shape).backward()
    scale = jacobian.abs().mean(dim=0) + shape_parameters.grad.abs()
    return (nll.item(), rho.mean().item(), alpha.item(), c.item(), parameters.grad.tolist(),
            scale.tolist())


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2])
        return 2
    try:
        import mpmath
        import torch
    except ImportError as error:
        return losscheck.skip(error, "python3-torch and python3-mpmath")
    executable = sys.argv[1]
    x, y = make_data(seed=7, count=40, outliers=4)
    data = " ".join(f"{a!r} {b!r}" for a, b in zip(x, y))
    requests = []
    for settings, standardize, theta in CASES:
        alpha_min, alpha_max, alpha_0, c_min, c_0, learn_scale = settings
        requests.append(f"objective {alpha_min!r} {alpha_max!r} {alpha_0!r} {c_min!r} {c_0!r} "
                        f"{learn_scale} {standardize} {len(x)} {data} "
                        + " ".join(repr(value) for value in theta))
    completed = subprocess.run([executable], input="\n".join(requests) + "\n",
                               capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        print(f"{executable} failed with exit code {completed.returncode}: "
              f"{completed.stderr.strip()}")
        return 1
    lines = completed.stdout.splitlines()
    if len(lines) != len(CASES):
        print(f"{executable} printed {len(lines)} lines for {len(CASES)} requests")
        return 1

    log_partition = make_log_partition(torch, mpmath)
    passed = 0
    failures = []
    for (settings, standardize, theta), line in zip(CASES, lines):
        actual = [float(field) for field in line.split()]
        nll, mean_rho, alpha, c, gradient, scale = reference(torch, log_partition, x, y,
                                                             settings, standardize, theta)
        where = f"settings={settings} standardize={standardize} theta={theta}"
        named = [("NLL", actual[0], nll, abs(nll)), ("mean rho", actual[1], mean_rho, mean_rho),
                 ("alpha", actual[2], alpha, alpha), ("c", actual[3], c, c)]
        named += [(f"gradient[{i}]", actual[4 + i], gradient[i], scale[i])
                  for i in range(len(theta))]
        if len(actual) != 4 + len(theta):
            failures.append(f"{where}: {len(actual)} numbers, expected {4 + len(theta)}")
            continue
        for name, got, want, size in named:
            if abs(got - want) <= TOLERANCE * size:
                passed += 1
            else:
                failures.append(f"{where}: {name} is {got!r}, PyTorch gives {want!r} "
                                f"(difference {abs(got - want):.3g}, allowed "
                                f"{TOLERANCE * size:.3g})")
    return losscheck.report("reference_adaptive_barron", passed, failures,
                            f"torch {torch.__version__}, mpmath {mpmath.__version__}")


if __name__ == "__main__":
    sys.exit(main())
