#!/usr/bin/env bash
# Build the desktop app as one folder with PyInstaller, from the locked versions, then wrap
# it for the platform: Linux -> build/casusregie_<version>_amd64.deb, macOS -> build/Casusregie-<version>.dmg.
# (Windows: installer/windows/build.ps1, the same steps in PowerShell.)
#   installer/build.sh            build venv + bundle + package
#   installer/build.sh --bundle   build venv + bundle only (build/dist/casusregie)
# Pip's and PyInstaller's output go to build/*.log, shown only when a step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
only_bundle=false
[ "${1:-}" = "--bundle" ] && only_bundle=true

python=${PYTHON:-python3.11}
command -v "$python" >/dev/null || python=python3
venv=build/venv
mkdir -p build

run() {  # run LOG DESCRIPTION CMD...: one Dutch line, the log only on failure
  local log=$1 what=$2
  shift 2
  echo "Casusregie: $what..." >&2
  if ! "$@" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "Casusregie: $what is mislukt (volledig verslag: $log)." >&2
    exit 1
  fi
}

install_locked() {
  "$venv/bin/python" -m pip install --disable-pip-version-check --require-hashes \
    -r locks/desktop.txt -r locks/build.txt &&
  # setuptools leaves build/lib behind and would pack stale files from it into the wheel.
  rm -rf build/lib build/bdist.* &&
  "$venv/bin/python" -m pip install --disable-pip-version-check --no-deps --force-reinstall .
}

[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
run build/install.log "bouwomgeving installeren (locks/desktop.txt, locks/build.txt)" install_locked
start=$(date +%s)
run build/pyinstaller.log "bundel maken met PyInstaller" \
  "$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath build/dist --workpath build/pyinstaller installer/casusregie.spec
echo "Casusregie: bundel klaar in build/dist/casusregie ($(du -sh build/dist/casusregie | cut -f1), $(($(date +%s) - start)) s)." >&2

$only_bundle && exit 0
case "$(uname -s)" in
  Linux) run build/deb.log "Debian-pakket maken" bash installer/linux/build-deb.sh ;;
  Darwin) run build/dmg.log "schijfkopie (.dmg) maken" bash installer/macos/build-dmg.sh ;;
esac
