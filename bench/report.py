"""Print the landscape benchmark's table from losslens.json and peer.json in a work folder.

Each row is a loss, a data size N and a grid side G. It gives the seconds of LossLens, NumPy
and PyTorch and the ratios peer / LossLens. Each one's share of peak is its evaluation rate
G*G*N/s times the loss's flops per evaluation, divided by the machine's measured peak rate.
The output is Markdown, so it can be pasted into bench/README.md.
"""

import argparse
import json
import os
import sys


def seconds_text(seconds, predicted):
    if seconds is None:
        return f"skipped (~{predicted:.0f} s)"
    return f"{seconds:.3g}"


def ratio_text(peer, losslens):
    if peer is None or losslens is None:
        return ""
    return f"{peer / losslens:.3g}"


def share_text(work, flops, seconds, peak):
    if seconds is None:
        return ""
    return f"{100.0 * work * flops / seconds / peak:.2g}%"


# The product's speed targets for N = 10,000 and G = 200 on a 2-core machine: the maximum seconds
# LossLens may take, and the minimum NumPy / LossLens and PyTorch / LossLens ratios.
TARGET_COUNT = 10000
TARGET_GRID = 200
TARGETS = {
    "mse": (0.001, None, None),
    "mae": (0.025, 20.0, 5.0),
    "huber": (0.025, 20.0, 5.0),
    "logcosh": (0.150, 8.0, 8.0),
    "bce": (0.150, 8.0, 8.0),
    "focal": (0.150, 8.0, 8.0),
    "welsch": (0.150, 8.0, 8.0),
    "cauchy": (0.150, 8.0, 8.0),
    "barron": (0.150, 8.0, 8.0),
    "formula": (0.150, 8.0, 8.0),
}

# The first coarse picture after a slider move, N = 10,000: at most 16 ms.
FIRST_PASS_SECONDS = 0.016


def target_rows(losslens_cells, peers):
    """Yield a Markdown row per loss with a target whose N = 10,000, G = 200 cell was timed."""
    for cell in losslens_cells:
        name = cell["loss"]
        if (cell["count"], cell["grid"]) != (TARGET_COUNT, TARGET_GRID) or name not in TARGETS:
            continue
        ours = cell["seconds"]
        if ours is None:
            continue
        max_seconds_allowed, numpy_ratio, torch_ratio = TARGETS[name]
        other = peers.get((name, TARGET_COUNT, TARGET_GRID), {})
        checks = [f"{ours * 1e3:.3g} ms <= {max_seconds_allowed * 1e3:g} ms: "
                  f"{'met' if ours <= max_seconds_allowed else 'missed'}"]
        for label, key, least in (("NumPy", "numpy_seconds", numpy_ratio),
                                  ("PyTorch", "torch_seconds", torch_ratio)):
            if least is None:
                continue
            peer_seconds = other.get(key)
            if peer_seconds is None:
                checks.append(f"{label} not timed")
                continue
            ratio = peer_seconds / ours
            checks.append(f"{label} / LossLens {ratio:.3g} >= {least:g}: "
                          f"{'met' if ratio >= least else 'missed'}")
        yield f"| {name} | " + " | ".join(checks) + " |"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work-dir", required=True)
    arguments = parser.parse_args()
    with open(os.path.join(arguments.work_dir, "losslens.json")) as file:
        losslens = json.load(file)
    with open(os.path.join(arguments.work_dir, "peer.json")) as file:
        peer = json.load(file)

    machine = losslens["machine"]
    peak = machine["peak_flops"]
    losses = {loss["name"]: loss for loss in losslens["losses"]}
    peers = {(cell["loss"], cell["count"], cell["grid"]): cell for cell in peer["cells"]}

    print(f"Peak: {peak / 1e9:.1f} GFLOP/s (double precision, a fused multiply-add counted as "
          f"2) on {machine['threads']} threads, measured with {machine['chains']} independent "
          f"chains of {machine['vector_width']}-wide fused multiply-adds per thread "
          f"(probe compiled with {machine['probe_flags']}).")
    print(f"LossLens's engine ran on {machine['engine_threads']} threads, NumPy "
          f"{peer['numpy_version']} on 1, PyTorch {peer['torch_version']} on "
          f"{peer['torch_threads']}. Cells predicted to take more than "
          f"{losslens['max_seconds']:g} s were skipped.")
    print()
    print("| loss | flops per evaluation (estimate) |")
    print("|---|---|")
    for loss in losslens["losses"]:
        # A '|' in the text would end the Markdown cell.
        breakdown = loss["flop_breakdown"].replace("|", "\\|")
        print(f"| {loss['spec']} | {loss['flops']}: {breakdown} |")
    print()
    print("| loss | N | G | LossLens s | NumPy s | PyTorch s | NumPy / LossLens "
          "| PyTorch / LossLens | LossLens evaluations/s | LossLens % of peak "
          "| NumPy % of peak | PyTorch % of peak |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    differences = {}
    for cell in losslens["cells"]:
        name, count, side = cell["loss"], cell["count"], cell["grid"]
        other = peers.get((name, count, side), {})
        work = count * side * side
        flops = losses[name]["flops"]
        ours = cell["seconds"]
        numpy_seconds = other.get("numpy_seconds")
        torch_seconds = other.get("torch_seconds")
        for key in ("numpy_relative_difference", "torch_relative_difference"):
            if key in other:
                differences[name] = max(differences.get(name, 0.0), other[key])
        rate = f"{work / ours:.3g}" if ours is not None else ""
        # LossLens computes the MSE landscape from a few sums over the data, not from one loss
        # evaluation per node and sample, so its share of peak would mean nothing.
        # For bce, log-cosh and Cauchy the kernels sum logarithms as the logarithm of a product,
        # and bce and log-cosh take exponentials as products, so the flop count of the plain
        # formula overstates their work and the share could pass 100%. The focal kernel sums the
        # samples far from the decision boundary from power sums, without one evaluation each.
        if name == "mse":
            our_share = "(sums)"
        elif name in ("bce", "logcosh", "focal", "cauchy"):
            our_share = "(rewritten)"
        else:
            our_share = share_text(work, flops, ours, peak)
        print(f"| {name} | {count} | {side} "
              f"| {seconds_text(ours, cell['predicted_seconds'])} "
              f"| {seconds_text(numpy_seconds, other.get('numpy_predicted_seconds', 0.0))} "
              f"| {seconds_text(torch_seconds, other.get('torch_predicted_seconds', 0.0))} "
              f"| {ratio_text(numpy_seconds, ours)} | {ratio_text(torch_seconds, ours)} "
              f"| {rate} | {our_share} "
              f"| {share_text(work, flops, numpy_seconds, peak)} "
              f"| {share_text(work, flops, torch_seconds, peak)} |")
    print()
    rows = list(target_rows(losslens["cells"], peers))
    if rows:
        print(f"Targets for N = {TARGET_COUNT}, G = {TARGET_GRID}:")
        print()
        print("| loss | time | against NumPy | against PyTorch |")
        print("|---|---|---|---|")
        for row in rows:
            print(row)
        print()
    first_passes = losslens.get("first_passes", [])
    if first_passes:
        print(f"First coarse picture after a slider move (target at most "
              f"{FIRST_PASS_SECONDS * 1e3:g} ms), on the view's 161 x 161 grid:")
        print()
        print("| loss | N | 41 x 41 | first pass chosen for 5 ms | target |")
        print("|---|---:|---:|---:|---|")
        for entry in first_passes:
            largest = entry["largest_seconds"]
            chosen = entry["chosen_seconds"]
            side = entry["chosen_side"]
            verdict = "met" if chosen <= FIRST_PASS_SECONDS else "missed"
            print(f"| {entry['loss']} | {entry['count']} | {largest * 1e3:.3g} ms "
                  f"| {side} x {side}: {chosen * 1e3:.3g} ms | {verdict} |")
        print()
    print("Largest relative difference of a peer's landscape from LossLens's, per loss: " +
          ", ".join(f"{name} {value:.1g}" for name, value in differences.items()) + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
