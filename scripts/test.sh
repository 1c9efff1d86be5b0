#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test headless (Qt's offscreen platform).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${LOSSLENS_BUILD_DIR:-$root/build}
"$root/scripts/setup.sh"
cd "$build_dir"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 600
