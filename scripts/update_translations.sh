#!/usr/bin/env bash
# Writes resources/translations/losslens.ts, the translation template, from every tr() and
# QCoreApplication::translate() string of ui/ and app/, and updates each translation
# resources/translations/losslens_<language>.ts alongside it. Translations already made are
# kept, and strings no longer in the code are dropped. The build does not run this script.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
lupdate=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
if [ ! -x "$lupdate" ]; then
  echo "update_translations: Qt 6 lupdate not found at $lupdate; install qt6-l10n-tools" \
       "(scripts/setup.sh does) or set LUPDATE." >&2
  exit 1
fi

cd "$root"
mkdir -p resources/translations
ts_files=(resources/translations/losslens.ts)
for translation in resources/translations/losslens_*.ts; do
  [ -e "$translation" ] && ts_files+=("$translation")
done
"$lupdate" -no-obsolete -locations relative -source-language en ui app core -ts "${ts_files[@]}"
