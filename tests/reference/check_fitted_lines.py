"""Compares lines fitted by LossLens's minimizer with statsmodels and scikit-learn.

- Robust regression with the residual scale estimated from the data (scale=mad) against
  statsmodels' RLM, which alternates iteratively reweighted least squares with the same scale
  estimate, median(|r|) / 0.6745.
- Penalized losses against scikit-learn: Lasso, Ridge and ElasticNet for MSE with an L1, L2 or
  elastic-net penalty, LogisticRegression for BCE with an L2 penalty.

Usage: check_fitted_lines.py LOSSLENS_FITEVAL STACKLOSS_CSV
"""

import os
import subprocess
import sys
import tempfile

from losscheck import skip

TOLERANCE = 1e-10
# statsmodels' RLM stops its reweighting with parameters and scale one round apart, about 1e-9
# relative from the fixed point on these data; LossLens's fixed point is checked on its own
# (the estimating equations and the scale's defining equation) to TOLERANCE.
RLM_TOLERANCE = 1e-8


def fit(executable, path, x, y, spec, standardize):
    completed = subprocess.run([executable, path, x, y, spec, standardize], capture_output=True,
                               text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{executable} failed for {spec}: {completed.stderr.strip()}")
    fields = completed.stdout.split()
    return float(fields[0]), float(fields[1]), float(fields[3]), fields[4]


def close(actual, expected, tolerance=TOLERANCE):
    return abs(actual - expected) <= tolerance * max(1.0, abs(expected))


def main():
    try:
        import numpy as np
        import statsmodels.api as sm
        from sklearn.linear_model import ElasticNet, Lasso, LogisticRegression, Ridge
    except ImportError as error:
        return skip(error, "python3-numpy, python3-statsmodels and python3-sklearn")

    executable, stackloss = sys.argv[1], sys.argv[2]
    failures = []
    checks = 0

    def compare(name, ours, reference, tolerance=TOLERANCE):
        nonlocal checks
        for label, a, b in zip(("slope", "intercept", "scale"), ours, reference):
            checks += 1
            if not close(a, b, tolerance):
                failures.append(f"{name}: {label} {a!r}, reference {b!r}")

    rng = np.random.default_rng(20261204)
    with tempfile.TemporaryDirectory() as folder:
        # Data sets: the bundled stack loss data and a seeded line with gross outliers.
        data = np.loadtxt(stackloss, delimiter=",", skiprows=1)
        sets = [("stack loss", stackloss, "AIRFLOW", "STACKLOSS", data[:, 1], data[:, 0])]
        x = rng.uniform(-3.0, 5.0, 60)
        y = 1.5 * x - 2.0 + rng.normal(0.0, 0.5, 60)
        y[:8] += rng.uniform(8.0, 15.0, 8)
        synthetic = os.path.join(folder, "outliers.csv")
        np.savetxt(synthetic, np.column_stack([x, y]), delimiter=",", header="x,y", comments="",
                   fmt="%.17g")
        sets.append(("outliers", synthetic, "x", "y", x, y))

        for name, path, xname, yname, xs, ys in sets:
            design = sm.add_constant(xs)
            for spec, norm in (("huber:delta=1.345,scale=mad", sm.robust.norms.HuberT(t=1.345)),
                               ("huber:delta=2,scale=mad", sm.robust.norms.HuberT(t=2.0)),
                               ("tukey:c=4.685,scale=mad",
                                sm.robust.norms.TukeyBiweight(c=4.685))):
                result = sm.RLM(ys, design, M=norm).fit(scale_est="mad", conv="coefs",
                                                          tol=1e-14, maxiter=5000)
                for standardize in ("on", "off"):
                    slope, intercept, scale, _ = fit(executable, path, xname, yname, spec,
                                                     standardize)
                    compare(f"{name} {spec} standardize={standardize} against statsmodels RLM",
                            (slope, intercept, scale),
                            (result.params[1], result.params[0], result.scale), RLM_TOLERANCE)
                    # The fixed point itself: sum psi(r / s) [x, 1] = 0 and s = mad(r).
                    residual = ys - (slope * xs + intercept)
                    psi = norm.psi(residual / scale)
                    size = np.abs(psi).sum() * max(1.0, np.abs(xs).max())
                    checks += 3
                    for label, value in (("sum psi x", (psi * xs).sum()), ("sum psi", psi.sum())):
                        if abs(value) > TOLERANCE * size:
                            failures.append(f"{name} {spec}: {label} = {value!r} at the fit")
                    robust_scale = sm.robust.scale.mad(residual, center=0)
                    if not close(scale, robust_scale):
                        failures.append(f"{name} {spec}: scale {scale!r} but the fit's "
                                        f"residuals give {robust_scale!r}")

            n = len(xs)
            column = xs.reshape(-1, 1)
            for alpha in (0.01, 0.3, 5.0):
                # Lasso: (1/2n) |y - Xw|^2 + alpha |w|, so twice it is mean e^2 + 2 alpha |w|.
                lasso = Lasso(alpha=alpha, tol=1e-14, max_iter=1000000).fit(column, ys)
                slope, intercept, _, _ = fit(executable, path, xname, yname,
                                             f"mse + l1({2 * alpha!r})", "off")
                compare(f"{name} mse+l1 against Lasso(alpha={alpha})", (slope, intercept),
                        (lasso.coef_[0], lasso.intercept_))
                # Ridge: |y - Xw|^2 + alpha w^2, so over n it is mean e^2 + (alpha / n) w^2.
                ridge = Ridge(alpha=alpha * n, solver="cholesky").fit(column, ys)
                slope, intercept, _, _ = fit(executable, path, xname, yname,
                                             f"mse + l2({alpha!r})", "off")
                compare(f"{name} mse+l2 against Ridge(alpha={alpha * n})", (slope, intercept),
                        (ridge.coef_[0], ridge.intercept_))
                # ElasticNet: twice its objective is mean e^2 + 2 alpha r |w| + alpha (1 - r) w^2.
                ratio = 0.3
                net = ElasticNet(alpha=alpha, l1_ratio=ratio, tol=1e-14,
                                 max_iter=1000000).fit(column, ys)
                spec = f"1*(mse) + l1({2 * alpha * ratio!r}) + l2({alpha * (1 - ratio)!r})"
                slope, intercept, _, _ = fit(executable, path, xname, yname, spec, "off")
                compare(f"{name} {spec} against ElasticNet", (slope, intercept),
                        (net.coef_[0], net.intercept_))

        # Logistic regression with an L2 penalty, on overlapping and on separable classes (the
        # penalty gives the separable ones a minimum). scikit-learn minimizes
        # w^2 / 2 + C sum log-loss, which over C n is mean log-loss + w^2 / (2 C n).
        features = np.concatenate([rng.normal(-1.0, 1.0, 40), rng.normal(1.0, 1.0, 40)])
        labels = np.concatenate([np.zeros(40), np.ones(40)])
        separable = np.concatenate([rng.uniform(-3.0, -0.5, 30), rng.uniform(0.5, 3.0, 30)])
        separable_labels = np.concatenate([np.zeros(30), np.ones(30)])
        for name, xs, ys in (("overlapping classes", features, labels),
                             ("separable classes", separable, separable_labels)):
            path = os.path.join(folder, name.replace(" ", "_") + ".csv")
            np.savetxt(path, np.column_stack([xs, ys]), delimiter=",", header="x,label",
                       comments="", fmt="%.17g")
            for c in (0.05, 1.0, 20.0):
                model = LogisticRegression(C=c, tol=1e-14, max_iter=100000,
                                           solver="lbfgs").fit(xs.reshape(-1, 1), ys)
                strength = 1.0 / (2.0 * c * len(xs))
                slope, intercept, _, status = fit(executable, path, "x", "label",
                                                  f"bce + l2({strength!r})", "off")
                checks += 1
                if status != "global":
                    failures.append(f"{name} C={c}: status {status}, expected global")
                # lbfgs stops near 1e-8 in the gradient, which bounds the agreement.
                compare(f"{name} bce+l2 against LogisticRegression(C={c})", (slope, intercept),
                        (model.coef_[0][0], model.intercept_[0]), 1e-6)

    for failure in failures:
        print("FAIL:", failure)
    print(f"{checks - len(failures)} of {checks} fitted values agree with statsmodels and "
          f"scikit-learn")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
