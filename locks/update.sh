#!/usr/bin/env bash
# Re-resolve the hash-locked requirement files after a change to a pyproject.toml or to
# installer/build-requirements.in (tests/test_deployables.py says when). Uses uv from the
# PATH or $UV, else installs it once into build/uv-venv. Pip installs from the results:
#   dev.txt      the desktop app + the office + the test tools (./dev, CI)
#   desktop.txt  the desktop app only (the installer builds)
#   office.txt   the office server only (its venv, the Containerfile)
#   build.txt    PyInstaller, for installer/build.sh
# --universal: one file for Linux, Windows and macOS (markers say which pin is for which).
# The deployables' files are compiled within dev.txt, so CI tests the versions that ship.
set -euo pipefail
cd "$(dirname "$0")/.."
uv=${UV:-$(command -v uv || true)}
if [ -z "$uv" ]; then
  uv=build/uv-venv/bin/uv
  if [ ! -x "$uv" ]; then
    python3 -m venv build/uv-venv
    build/uv-venv/bin/python -m pip install --quiet --disable-pip-version-check uv
  fi
fi
compile() { "$uv" pip compile --quiet --universal --python-version 3.11 --generate-hashes "$@"; }
compile --all-extras pyproject.toml office/pyproject.toml -o locks/dev.txt
compile -c locks/dev.txt pyproject.toml -o locks/desktop.txt
compile -c locks/dev.txt office/pyproject.toml -o locks/office.txt
compile -c locks/dev.txt installer/build-requirements.in -o locks/build.txt
