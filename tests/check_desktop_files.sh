#!/usr/bin/env bash
# Validates the desktop entry and the AppStream metadata with Debian's validators, then installs
# the build into a temporary prefix and checks that the binary and the desktop files land where
# desktop environments look for them.
#   check_desktop_files.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir=$1
build_dir=$2

desktop-file-validate "$source_dir/resources/desktop/org.losslens.LossLens.desktop"
appstreamcli validate --no-net --pedantic \
  "$source_dir/resources/desktop/org.losslens.LossLens.metainfo.xml"

prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build_dir" --prefix "$prefix" > /dev/null
for file in bin/losslens \
            share/applications/org.losslens.LossLens.desktop \
            share/metainfo/org.losslens.LossLens.metainfo.xml \
            share/icons/hicolor/scalable/apps/org.losslens.LossLens.svg; do
  if [ ! -s "$prefix/$file" ]; then
    echo "missing after cmake --install: $file" >&2
    exit 1
  fi
done
"$prefix/bin/losslens" --version > /dev/null
echo "desktop files valid and installed"
