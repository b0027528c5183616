"""The project's own checks, run as tests so that one command runs everything.

ruff (lint and format) over the whole tree, mypy (strict on untyped defs) over every
package and module of src/casusregie, the ui included.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
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


def test_mypy_checks_every_package() -> None:
    """``[tool.mypy] files`` names every package and module of src/casusregie: a new
    package (or one taken out) cannot slip past the type check."""
    files = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"][
            "files"
        ]
    )
    src = ROOT / "src" / "casusregie"
    for path in sorted(src.iterdir()):
        if path.name.startswith((".", "_")) and path.name not in ("__init__.py", "__main__.py"):
            continue
        if (path.is_dir() and (path / "__init__.py").exists()) or path.suffix == ".py":
            name = path.relative_to(ROOT).as_posix()
            assert name in files, f"{name} missing from [tool.mypy] files in pyproject.toml"


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
