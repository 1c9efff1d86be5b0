#!/usr/bin/env bash
# Benchmarks LossLens's landscape engine against NumPy and PyTorch on the same seeded data and
# prints a Markdown table. Builds losslens_landscape_benchmark first when it is missing or out
# of date, in LOSSLENS_BUILD_DIR (default build/).
#
#   bench/run.sh            7 losses, N = 1e3 to 1e6, G = 64 to 512; cells predicted to take
#                           more than 10 s on one implementation are skipped for it
#   bench/run.sh --quick    the same losses, N = 1e3 to 1e5, G = 64 and 128, 2 s limit
#   bench/run.sh --max-seconds 60    a longer run with a 60 s limit
#   bench/run.sh --losses welsch,barron --sizes 10000 --grids 200
#                           other losses (see losslens_landscape_benchmark --help) or cells
#   bench/run.sh --ui       the UI latency benchmark instead. It times the real main window,
#                           offscreen, from each change of a loss control to the repainted
#                           landscape. It takes about 25 s, and --quick makes fewer changes.
#   bench/run.sh --animation
#                           the animation benchmark instead. It plays four runs on 10,000
#                           points in the real main window, offscreen, for 1 + 5 s and prints
#                           the frame rate and the time per frame.
#
# The data, landscapes and JSON results go to a temporary folder that is removed at the end,
# unless --keep is given.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${LOSSLENS_BUILD_DIR:-$root/build}
python=/usr/bin/python3

sizes=1000,10000,100000,1000000
grids=64,128,256,512
max_seconds=10
probe_seconds=6
losses=
keep=0
quick=0
ui=0
animation=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) sizes=1000,10000,100000; grids=64,128; max_seconds=2; probe_seconds=2; quick=1 ;;
    --max-seconds) max_seconds=$2; shift ;;
    --losses) losses=$2; shift ;;
    --sizes) sizes=$2; shift ;;
    --grids) grids=$2; shift ;;
    --keep) keep=1 ;;
    --ui) ui=1 ;;
    --animation) animation=1 ;;
    *) echo "run.sh: unknown argument '$1'; use --quick, --max-seconds S, --losses L, --sizes N, --grids G, --keep, --ui or --animation." >&2
       exit 2 ;;
  esac
  shift
done

if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi

if [ "$animation" -eq 1 ]; then
  cmake --build "$build_dir" --target losslens_animation_benchmark --parallel "$(nproc)"
  QT_QPA_PLATFORM=offscreen "$build_dir/bench/losslens_animation_benchmark"
  exit
fi

if [ "$ui" -eq 1 ]; then
  cmake --build "$build_dir" --target losslens_ui_latency_benchmark --parallel "$(nproc)"
  # The source the benchmark was built from, because other work on the engine changes the results.
  if commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null); then
    changed=$(git -C "$root" --no-optional-locks status --porcelain -- core ui app | awk '{print $2}' | paste -sd' ' -)
    echo "run.sh: commit $commit${changed:+, with uncommitted changes in $changed}"
  fi
  ui_options=()
  if [ "$quick" -eq 1 ]; then ui_options+=(--quick); fi
  QT_QPA_PLATFORM=offscreen "$build_dir/bench/losslens_ui_latency_benchmark" "${ui_options[@]}"
  exit
fi

cmake --build "$build_dir" --target losslens_landscape_benchmark --parallel "$(nproc)"

work_dir=$(mktemp -d)
if [ "$keep" -eq 0 ]; then
  trap 'rm -rf "$work_dir"' EXIT
else
  echo "run.sh: keeping the results in $work_dir"
fi

echo "run.sh: load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
loss_options=()
if [ -n "$losses" ]; then loss_options=(--losses "$losses"); fi
"$build_dir/bench/losslens_landscape_benchmark" --work-dir "$work_dir" --sizes "$sizes" \
  --grids "$grids" --max-seconds "$max_seconds" --probe-seconds "$probe_seconds" "${loss_options[@]}"
"$python" "$root/bench/landscape_peer.py" --work-dir "$work_dir"
echo
"$python" "$root/bench/report.py" --work-dir "$work_dir"
echo
echo "run.sh: load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
