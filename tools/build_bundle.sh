#!/usr/bin/env bash
# Builds the one-folder app for hall PCs with PyInstaller: build/bundle/dist/counter-app/,
# to copy to a PC with no Python and no virtualenv (see README, "Hall PC"). Run after
# tools/setup.sh (it installs PyInstaller). The spec, tools/bundle/counter-app.spec, is the
# same on Windows.
#
#   bash tools/build_bundle.sh            # build, or say it is up to date with the sources
#   bash tools/build_bundle.sh --force    # build again
#
# The bundle records a hash of what it was built from; an unchanged tree is not rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
OUT=build/bundle
APP=$OUT/dist/counter-app
STAMP=$APP/.built-from

source_hash() {
  {
    find counter_app resources tools/bundle -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 \
      | sort -z | xargs -0 sha256sum
    sha256sum setup.cfg
    "$PYTHON" -m pip freeze --exclude-editable 2>/dev/null
  } | sha256sum | cut -d' ' -f1
}

hash=$(source_hash)
if [ "${1:-}" != "--force" ] && [ -x "$APP/counter-app" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$hash" ]; then
  echo "bundle up to date: $APP"
  exit 0
fi

start=$(date +%s)
rm -rf "$APP"
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath "$OUT/dist" --workpath "$OUT/work" \
  tools/bundle/counter-app.spec
cp tools/bundle/autostart/* "$APP/"  # examples for a Linux kiosk or display PC (README)
echo "$hash" > "$STAMP"
echo "bundle built in $(( $(date +%s) - start )) s: $APP ($(du -sh "$APP" | cut -f1))"
