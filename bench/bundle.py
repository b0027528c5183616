"""The built desktop bundle: its size on disk, and how fast it starts against the venv.

Run from the repository root after ``installer/build.sh --bundle``::

    python bench/bundle.py                 # build/dist/casusregie; --help for options

What is measured
----------------
1. **size**: bytes of every file in the one-folder bundle (symlinks not followed), the
   number of files, the biggest parts, and the .deb in build/ when there is one.
2. **start to unlock screen**, in one run, each in a fresh process with
   ``QT_QPA_PLATFORM=offscreen`` on the same fresh profile:
   - the bundle (``build/dist/casusregie/casusregie --store DIR``),
   - the same app from the venv (this Python: ``-m casusregie --store DIR``),
   - a bare PySide6 window (a ``QMainWindow`` of the app's size) from the venv.
   "On screen" is when a ``QTimer.singleShot(0)`` fires after the unlock page was shown
   (the app prints it under ``CASUSREGIE_START_PROBE=1``, see ``ui/app.py``), measured
   from just before the process is started. Rounds alternate the three so that a busy
   shared machine hits each alike; one unmeasured warm-up round first (disk cache).
   Medians, and the ratios bundle : venv : bare window. A report, never an exit code.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "bench-wachtwoord-lang-genoeg"

BARE = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1366, 768)
    window.show()
    QTimer.singleShot(0, lambda: (print("shown", time.time(), flush=True), app.quit()))
    app.exec()
    """
)


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASUSREGIE_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        CASUSREGIE_START_PROBE="1",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    return env


def _start(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from just before the start until the child says it is on screen."""
    before = time.time()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    stamps = [line.split()[-1] for line in result.stdout.splitlines() if line.strip()]
    if result.returncode != 0 or not stamps:
        raise SystemExit(f"start failed ({' '.join(cmd[:2])}):\n{result.stderr[-2000:]}")
    return float(stamps[-1]) - before


def _size(bundle: Path) -> tuple[int, int, list[tuple[int, str]]]:
    total, files, parts = 0, 0, {}
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            size = path.stat().st_size
            total += size
            files += 1
            rel = path.relative_to(bundle).parts
            key = "/".join(rel[:2]) if rel[0] == "_internal" and len(rel) > 2 else "/".join(rel)
            parts[key] = parts.get(key, 0) + size
    top = sorted(((s, k) for k, s in parts.items()), reverse=True)[:6]
    return total, files, top


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "build/dist/casusregie")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    app = args.bundle / "casusregie"
    if not app.exists():  # `./dev bench` runs every bench: say so, do not fail
        print(f"bench/bundle.py: no bundle at {args.bundle}; run installer/build.sh --bundle")
        return

    mib = 1024 * 1024
    total, files, top = _size(args.bundle)
    print(f"bundle {args.bundle}: {total / mib:.0f} MiB on disk, {files} files")
    for size, name in top:
        print(f"  {size / mib:6.1f} MiB  {name}")
    for deb in sorted((ROOT / "build").glob("casusregie_*.deb")):
        print(f"  package {deb.name}: {deb.stat().st_size / mib:.0f} MiB")

    with tempfile.TemporaryDirectory(prefix="casusregie-bench-") as tmp:
        home, store = Path(tmp), Path(tmp) / "profiel"
        env = _env(home)
        init = subprocess.run(
            [sys.executable, "-m", "casusregie", "--store", str(store), "store", "init",
             "--geen-sleutelbos"],
            env={**env, "CASUSREGIE_PASSPHRASE": PASSPHRASE},
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if init.returncode != 0:
            raise SystemExit(f"store init failed:\n{init.stderr}")
        commands = {
            "bundle": [str(app), "--store", str(store)],
            "venv": [sys.executable, "-m", "casusregie", "--store", str(store)],
            "bare Qt window": [sys.executable, "-c", BARE],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for round_ in range(args.rounds + 1):
            for name, cmd in commands.items():
                seconds = _start(cmd, env)
                if round_:  # round 0 warms the disk cache
                    times[name].append(seconds)

    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"start to unlock screen (median of {args.rounds}, offscreen):")
    for name, value in median.items():
        spread = f"{min(times[name]) * 1000:.0f}-{max(times[name]) * 1000:.0f} ms"
        print(f"  {name:15} {value * 1000:7.0f} ms   ({spread})")
    bare = median["bare Qt window"]
    print(
        f"ratios: bundle/bare {median['bundle'] / bare:.2f}, venv/bare {median['venv'] / bare:.2f},"
        f" bundle/venv {median['bundle'] / median['venv']:.2f}"
    )


if __name__ == "__main__":
    main()
