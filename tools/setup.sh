#!/usr/bin/env bash
# Installs what counter_app needs on a Debian machine: the system packages (Qt's xcb
# libraries, a CJK font, poppler, PostgreSQL, zbar, espeak-ng, CUPS with the cups-pdf queue
# the printing tests print on, libusb for USB ticket printers, binutils for the bundle) and a
# virtualenv in .venv with the application and its test and bundle extras. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  xvfb xauth xdotool
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-shape0 libxcb-randr0 libxcb-render-util0
  libxcb-xinerama0 libxcb-image0 libxcb-xkb1 libxkbcommon-x11-0 libxkbcommon0 libegl1 libgl1
  libfontconfig1 libdbus-1-3 libglib2.0-0
  fonts-wqy-microhei poppler-utils zbar-tools espeak-ng sox
  postgresql
  cups printer-driver-cups-pdf libusb-1.0-0 binutils
)

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "installing Debian packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# The app is installed editable: code changes need no new install, only a change to what the
# package declares (setup.cfg, pyproject.toml) does. A second run with the same declarations
# installs nothing. The versions are those of constraints.txt (the set the tests passed
# with); setup.cfg holds the ranges. pip's output goes to .venv/setup.log and is shown only when it fails.
STAMP=.venv/.counter_app-installed
WANT=$(cat setup.cfg pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ] || [ ! -x .venv/bin/counter-app ]; then
  echo "installing counter_app and its Python packages into .venv"
  # PySide6-Pdf belongs to PySide6 6.12, which the app no longer takes (setup.cfg); left in
  # an older .venv it would hold QtPdf beside PySide6-Addons' own.
  .venv/bin/python -m pip uninstall -y -q PySide6_Pdf >/dev/null 2>&1 || true
  if ! { .venv/bin/python -m pip install -q --upgrade pip \
         && .venv/bin/python -m pip install -q -c constraints.txt -e ".[test,bundle]"; } >.venv/setup.log 2>&1; then
    cat .venv/setup.log >&2
    echo "tools/setup.sh: pip failed (above; kept in .venv/setup.log)" >&2
    exit 1
  fi
  echo "$WANT" >"$STAMP"
fi
