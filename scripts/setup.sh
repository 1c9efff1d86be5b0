#!/usr/bin/env bash
# Installs what LossLens needs from Debian 12 (only the packages that are missing), then
# configures and builds it in build/. Safe to run again. Run as root, or with sudo available.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${LOSSLENS_BUILD_DIR:-$root/build}

# Build tools and libraries. libginac-dev parses and differentiates formula losses,
# qt6-svg-dev writes SVG exports of the views,
# libhwy-dev (Highway) vectorizes the landscape kernels for the processor found at run time,
# libgif-dev writes animated GIF exports, and
# python3-numpy, python3-torch and python3-mpmath are the independent references of the
# numerical tests.
packages=(
  g++ cmake ninja-build pkg-config
  qt6-base-dev qt6-svg-dev libqcustomplot-dev libeigen3-dev libcsv-dev libginac-dev libhwy-dev libgif-dev
  # Boost.Math's exp-sinh quadrature (header-only) integrates Barron's distribution.
  libboost-dev
  # GLPK's rational simplex decides exactly whether a plane separates two classes.
  libglpk-dev
  # Qt 6 lupdate (/usr/lib/qt6/bin/lupdate) checks that every user-visible string is translatable.
  qt6-l10n-tools
  # desktop-file-utils and appstream validate the desktop entry and AppStream metadata in the
  # tests, and dpkg-dev lets cpack list the Debian package's dependencies.
  desktop-file-utils appstream dpkg-dev
  fonts-dejavu-core
  python3 python3-numpy python3-torch python3-torchvision python3-sklearn python3-statsmodels python3-mpmath
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build_dir" --parallel "$(nproc)"
