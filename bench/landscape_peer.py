"""Time the landscape benchmark's cells in NumPy and PyTorch, the peers of LossLens's engine.

Reads losslens.json, which losslens_landscape_benchmark wrote into the work folder, evaluates
the same losses on the same data files and grids in float64, and writes peer.json next to it.
Each landscape is the mean over the data of rho(w x + b - y) (regression) or rho(w x + b, y)
(classification) on every node of a G x G grid. Blocks of nodes are broadcast against chunks
of the data, so each temporary array takes at most 16 MiB whatever N and G are. NumPy runs on
one thread, PyTorch on two (torch.set_num_threads(2)).

Every NumPy landscape is compared with the LossLens landscape of the same cell, and the
largest relative difference is recorded, so a fast but wrong peer cannot go unnoticed.

Run it with /usr/bin/python3, where Debian's python3-numpy and python3-torch are installed;
bench/run.sh does.
"""

import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

try:
    import torchvision.ops
except ImportError:  # torchvision is optional; the focal loss is then written out in torch.
    torchvision = None

# Elements per broadcast block: 2**21 doubles are 16 MiB per temporary array.
BLOCK_ELEMENTS = 2**21
# Samples per chunk of the data within a block.
MAXIMUM_CHUNK = 2**16
TORCH_THREADS = 2


# The losses, written as a NumPy user would write them, with the parameters of the specs in
# landscape_benchmark.cpp. Each takes the model output (a block of nodes times a chunk of
# samples) and the targets or labels (broadcast along the nodes) and returns per-sample losses.
def numpy_loss(name):
    def error(output, target):
        return output - target

    if name == "mse":
        return lambda output, target: np.square(error(output, target))
    if name == "mae":
        return lambda output, target: np.abs(error(output, target))
    if name == "huber":
        delta = 1.0

        def huber(output, target):
            magnitude = np.abs(error(output, target))
            return np.where(magnitude < delta, 0.5 * magnitude * magnitude,
                            delta * (magnitude - 0.5 * delta))

        return huber
    if name == "logcosh":
        # log(cosh(e)) = |e| + log1p(exp(-2 |e|)) - log 2, which cannot overflow.
        def logcosh(output, target):
            magnitude = np.abs(error(output, target))
            return magnitude + np.log1p(np.exp(-2.0 * magnitude)) - math.log(2.0)

        return logcosh
    if name == "tukey":
        c = 4.685

        def tukey(output, target):
            e = error(output, target)
            u = np.square(e / c)
            inside = (c * c / 6.0) * (1.0 - (1.0 - u) ** 3)
            return np.where(np.abs(e) < c, inside, c * c / 6.0)

        return tukey
    if name == "bce":
        # softplus(z) - y z = max(z, 0) - y z + log1p(exp(-|z|)).
        def bce(logit, label):
            return np.maximum(logit, 0.0) - label * logit + np.log1p(np.exp(-np.abs(logit)))

        return bce
    if name == "focal":
        gamma, alpha = 2.0, 0.25

        # torchvision.ops.sigmoid_focal_loss's formula.
        def focal(logit, label):
            probability = 1.0 / (1.0 + np.exp(-logit))
            cross_entropy = (np.maximum(logit, 0.0) - label * logit +
                             np.log1p(np.exp(-np.abs(logit))))
            p_t = probability * label + (1.0 - probability) * (1.0 - label)
            alpha_t = alpha * label + (1.0 - alpha) * (1.0 - label)
            return alpha_t * cross_entropy * (1.0 - p_t) ** gamma

        return focal
    # The scale c is 1 in the specs of welsch, cauchy, geman_mcclure and barron, so e/c = e.
    if name == "welsch":
        # 1 - exp(-e^2/2), with expm1 keeping small errors accurate.
        return lambda output, target: -np.expm1(-0.5 * np.square(error(output, target)))
    if name == "cauchy":
        return lambda output, target: np.log1p(0.5 * np.square(error(output, target)))
    if name == "geman_mcclure":
        def geman_mcclure(output, target):
            s = np.square(error(output, target))
            return 2.0 * s / (s + 4.0)

        return geman_mcclure
    if name == "barron":
        alpha = 0.5
        b = abs(alpha - 2.0)

        # (b/alpha) ((1 + s/b)^(alpha/2) - 1), written with log1p and expm1.
        def barron(output, target):
            s = np.square(error(output, target))
            return (b / alpha) * np.expm1((0.5 * alpha) * np.log1p(s / b))

        return barron
    if name == "pseudo_huber":
        # Barron's loss at alpha = 1, sqrt(1 + e^2) - 1, written without cancellation.
        def pseudo_huber(output, target):
            s = np.square(error(output, target))
            return s / (np.sqrt(1.0 + s) + 1.0)

        return pseudo_huber
    if name == "formula":
        # The typed formula log(1+e^2/4), as written.
        return lambda output, target: np.log(1.0 + np.square(error(output, target)) / 4.0)
    raise ValueError(f"no NumPy peer for the loss {name!r}")


# The same losses with PyTorch's own functions where it has them.
def torch_loss(name):
    if name == "mse":
        return lambda output, target: F.mse_loss(output, target.expand_as(output),
                                                 reduction="none")
    if name == "mae":
        return lambda output, target: F.l1_loss(output, target.expand_as(output),
                                                reduction="none")
    if name == "huber":
        return lambda output, target: F.huber_loss(output, target.expand_as(output),
                                                   reduction="none", delta=1.0)
    if name == "logcosh":
        def logcosh(output, target):
            magnitude = (output - target).abs()
            return magnitude + torch.log1p(torch.exp(-2.0 * magnitude)) - math.log(2.0)

        return logcosh
    if name == "tukey":
        c = 4.685

        def tukey(output, target):
            e = output - target
            u = (e / c).square()
            inside = (c * c / 6.0) * (1.0 - (1.0 - u).pow(3))
            return torch.where(e.abs() < c, inside, torch.full_like(e, c * c / 6.0))

        return tukey
    if name == "bce":
        return lambda logit, label: F.binary_cross_entropy_with_logits(
            logit, label.expand_as(logit), reduction="none")
    if name == "focal":
        if torchvision is not None:
            return lambda logit, label: torchvision.ops.sigmoid_focal_loss(
                logit, label.expand_as(logit), alpha=0.25, gamma=2.0, reduction="none")

        def focal(logit, label):
            label = label.expand_as(logit)
            probability = torch.sigmoid(logit)
            cross_entropy = F.binary_cross_entropy_with_logits(logit, label, reduction="none")
            p_t = probability * label + (1.0 - probability) * (1.0 - label)
            alpha_t = 0.25 * label + 0.75 * (1.0 - label)
            return alpha_t * cross_entropy * (1.0 - p_t) ** 2.0

        return focal
    # PyTorch has none of these four losses, so they are the NumPy formulas in torch.
    if name == "welsch":
        return lambda output, target: -torch.expm1(-0.5 * (output - target).square())
    if name == "cauchy":
        return lambda output, target: torch.log1p(0.5 * (output - target).square())
    if name == "geman_mcclure":
        def geman_mcclure(output, target):
            s = (output - target).square()
            return 2.0 * s / (s + 4.0)

        return geman_mcclure
    if name == "barron":
        alpha = 0.5
        b = abs(alpha - 2.0)

        def barron(output, target):
            s = (output - target).square()
            return (b / alpha) * torch.expm1((0.5 * alpha) * torch.log1p(s / b))

        return barron
    if name == "pseudo_huber":
        def pseudo_huber(output, target):
            s = (output - target).square()
            return s / (torch.sqrt(1.0 + s) + 1.0)

        return pseudo_huber
    if name == "formula":
        return lambda output, target: torch.log(1.0 + (output - target).square() / 4.0)
    raise ValueError(f"no PyTorch peer for the loss {name!r}")


def grid_nodes(lower, upper, count):
    """Node values as LossLens's LandscapeGrid computes them, the last one exactly upper."""
    nodes = lower + (upper - lower) * np.arange(count, dtype=np.float64) / (count - 1)
    nodes[-1] = upper
    return nodes


def node_pairs(cell):
    """Slopes and intercepts of every node, w in the outer loop."""
    slopes = grid_nodes(*cell["slope_range"], cell["grid"])
    intercepts = grid_nodes(*cell["intercept_range"], cell["grid"])
    return np.repeat(slopes, len(intercepts)), np.tile(intercepts, len(slopes))


def landscape_numpy(loss, slopes, intercepts, x, y):
    count = len(x)
    chunk = min(count, MAXIMUM_CHUNK)
    nodes_per_block = max(1, BLOCK_ELEMENTS // chunk)
    sums = np.zeros(len(slopes))
    with np.errstate(over="ignore"):
        for first_node in range(0, len(slopes), nodes_per_block):
            node_slice = slice(first_node, first_node + nodes_per_block)
            w = slopes[node_slice, None]
            b = intercepts[node_slice, None]
            for first in range(0, count, chunk):
                xs = x[None, first:first + chunk]
                ys = y[None, first:first + chunk]
                sums[node_slice] += loss(w * xs + b, ys).sum(axis=1)
    return sums / count


def landscape_torch(loss, slopes, intercepts, x, y):
    count = len(x)
    chunk = min(count, MAXIMUM_CHUNK)
    nodes_per_block = max(1, BLOCK_ELEMENTS // chunk)
    sums = torch.zeros(len(slopes), dtype=torch.float64)
    with torch.no_grad():
        for first_node in range(0, len(slopes), nodes_per_block):
            w = slopes[first_node:first_node + nodes_per_block, None]
            b = intercepts[first_node:first_node + nodes_per_block, None]
            for first in range(0, count, chunk):
                xs = x[None, first:first + chunk]
                ys = y[None, first:first + chunk]
                sums[first_node:first_node + nodes_per_block] += loss(w * xs + b, ys).sum(dim=1)
    return sums / count


def best_time(run):
    """Run repeatedly until 0.25 s have passed (at most 20 times) and return the fastest time,
    the number of runs and the last result."""
    best = math.inf
    total = 0.0
    repeats = 0
    result = None
    while repeats < 20 and total < 0.25:
        start = time.perf_counter()
        result = run()
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        total += elapsed
        repeats += 1
    return best, repeats, result


def largest_relative_difference(actual, expected):
    scale = np.maximum(np.abs(expected), np.finfo(np.float64).tiny)
    return float(np.max(np.abs(actual - expected) / scale))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work-dir", required=True,
                        help="folder where losslens_landscape_benchmark wrote losslens.json")
    parser.add_argument("--max-seconds", type=float, default=None,
                        help="skip a cell whose time, predicted from the loss's last timed "
                             "cell, exceeds this (default: the limit in losslens.json)")
    arguments = parser.parse_args()

    torch.set_num_threads(TORCH_THREADS)
    with open(os.path.join(arguments.work_dir, "losslens.json")) as file:
        manifest = json.load(file)
    limit = arguments.max_seconds if arguments.max_seconds else manifest["max_seconds"]
    kinds = {loss["name"]: loss["kind"] for loss in manifest["losses"]}

    data = {}
    for entry in manifest["data"]:
        columns = np.loadtxt(entry["path"], delimiter=",", skiprows=1, dtype=np.float64)
        data[entry["count"]] = columns

    results = []
    # The manifest lists each loss's cells from the least work to the most, and the prediction
    # for a cell extrapolates from the loss's last timed cell in the same implementation.
    rates = {}
    for cell in manifest["cells"]:
        name = cell["loss"]
        count, side = cell["count"], cell["grid"]
        work = count * side * side
        columns = data[count]
        x = columns[:, 0]
        y = columns[:, 1] if kinds[name] == "regression" else columns[:, 2]
        slopes, intercepts = node_pairs(cell)
        result = {"loss": name, "count": count, "grid": side}
        for implementation in ("numpy", "torch"):
            rate = rates.get((name, implementation))
            predicted = work / rate if rate else 0.0
            result[implementation + "_predicted_seconds"] = predicted
            label = f"{implementation} {name} N={count} G={side}: "
            if predicted > limit:
                result[implementation + "_seconds"] = None
                print(label + f"skipped, predicted {predicted:.3g} s", flush=True)
                continue
            if implementation == "numpy":
                loss = numpy_loss(name)
                seconds, repeats, values = best_time(
                    lambda: landscape_numpy(loss, slopes, intercepts, x, y))
            else:
                loss = torch_loss(name)
                tensors = [torch.from_numpy(array) for array in (slopes, intercepts, x, y)]
                seconds, repeats, values = best_time(
                    lambda: landscape_torch(loss, *tensors))
                values = values.numpy()
            rates[(name, implementation)] = work / seconds
            result[implementation + "_seconds"] = seconds
            result[implementation + "_repeats"] = repeats
            line = label + f"{seconds:.4g} s (best of {repeats})"
            if cell.get("landscape"):
                expected = np.fromfile(cell["landscape"], dtype="<f8")
                difference = largest_relative_difference(values, expected)
                result[implementation + "_relative_difference"] = difference
                line += f", largest relative difference from LossLens {difference:.2g}"
            print(line, flush=True)
        results.append(result)

    output = {"numpy_version": np.__version__, "torch_version": torch.__version__,
              "torch_threads": torch.get_num_threads(), "max_seconds": limit,
              "cells": results}
    with open(os.path.join(arguments.work_dir, "peer.json"), "w") as file:
        json.dump(output, file, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
