"""``--demo --screenshots DIR`` writes a PNG of every page and exits 0."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from casusregie.store.caseio import import_case
from casusregie.store.demo import DEMO_PASSPHRASE
from casusregie.store.profile import Profile, demo_profile_dir
from casusregie.templates import load_templates, resource_path
from conftest import FAST_KDF


def _make_demo_profile(case_doc: dict[str, Any]) -> None:
    """The demo profile, made fast (and with our family, whatever the demo file holds)."""
    store = Profile(demo_profile_dir()).create(DEMO_PASSPHRASE, kdf=FAST_KDF, use_keyring=False)
    try:
        import_case(store, case_doc)
    finally:
        store.close()


def _expected() -> list[str]:
    tabs = [f"03-tab{n:02d}-{t.id}.png" for n, t in enumerate(load_templates().ordered(), 1)]
    return [
        "00-eerste-keer.png",
        "01-ontgrendelen.png",
        "02-casussen.png",
        *tabs,
        "04-vergrendeld.png",
    ]


def _check(directory: Path) -> None:
    names = {p.name for p in directory.glob("*.png")}
    assert set(_expected()) <= names
    for name in names:
        image = QImage(str(directory / name))
        assert (image.width(), image.height()) == (1366, 768), name


def test_screenshots_in_process(
    qtbot: Any, tmp_path: Path, case_doc: dict[str, Any], capsys: Any
) -> None:
    from casusregie.ui.app import run_app

    _make_demo_profile(case_doc)
    shots = tmp_path / "shots"
    args = argparse.Namespace(
        demo=True, store=None, passphrase_file=None, screenshots=shots, command=None
    )
    assert run_app(args) == 0
    _check(shots)
    assert "schermafbeeldingen opgeslagen" in capsys.readouterr().out


def test_screenshots_need_the_demo(tmp_path: Path, capsys: Any) -> None:
    from casusregie.ui.app import run_app

    args = argparse.Namespace(
        demo=False,
        store=tmp_path,
        passphrase_file=None,
        screenshots=tmp_path / "shots",
        command=None,
    )
    assert run_app(args) == 2
    assert "--demo" in capsys.readouterr().err


@pytest.mark.slow
def test_screenshots_from_the_command_line(
    tmp_path: Path, case_doc: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "CASUSREGIE_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    if not resource_path("demo", "familie-demo.json").exists():
        monkeypatch.setenv("CASUSREGIE_HOME", str(home))
        _make_demo_profile(case_doc)
    shots = tmp_path / "shots"
    result = subprocess.run(
        [sys.executable, "-m", "casusregie", "--demo", "--screenshots", str(shots)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    _check(shots)
