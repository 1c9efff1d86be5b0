#!/usr/bin/env bash
# Installs what is missing, builds, and starts LossLens on its bundled stack loss data.
# Extra arguments go to the app, as in: scripts/run.sh --loss mse --loss huber:delta=2
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
exec "${LOSSLENS_BUILD_DIR:-$root/build}/app/losslens" "$@"
