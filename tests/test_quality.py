"""The project's own checks, run as tests so that one command runs everything.

ruff (lint and format) over the whole tree, mypy (strict on untyped defs) over the
layers that must stay typed: domain, templates, store, sync.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("args", [("check",), ("format", "--check")], ids=["lint", "format"])
def test_ruff(args: tuple[str, ...]) -> None:
    result = _run(str(BIN / "ruff"), *args, "src", "tests", "bench", "conftest.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    result = _run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_is_installed() -> None:
    """pyproject.toml lists packages by hand (resources/ is mapped in): none forgotten.

    casusregie.office is in office/pyproject.toml (the office's own distribution)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    text += (ROOT / "office" / "pyproject.toml").read_text(encoding="utf-8")
    src = ROOT / "src"
    for init in src.rglob("__init__.py"):
        package = ".".join(init.parent.relative_to(src).parts)
        assert f'"{package}"' in text, f"{package} missing from [tool.setuptools] packages"


@pytest.mark.parametrize("script", [".ci/run", ".ci/postgres.sh", "dev", "locks/update.sh"])
def test_shell_scripts_parse(script: str) -> None:
    """CI and the README's commands are bash: a quoting slip must fail here, not in CI."""
    result = _run("bash", "-n", script)
    assert result.returncode == 0, result.stderr
