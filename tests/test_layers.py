"""The architecture's import rules: the import-linter contracts in pyproject.toml, and
that the non-UI layers load without Qt (so the CLI works on a machine with no display)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_import_linter_contracts_hold() -> None:
    result = subprocess.run(
        [str(BIN / "lint-imports")], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout


NON_UI = [
    "casusregie.domain.model",
    "casusregie.domain.caseformat",
    "casusregie.domain.dates",
    "casusregie.domain.hlc",
    "casusregie.domain.errors",
    "casusregie.templates",
    "casusregie.store.database",
    "casusregie.store.profile",
    "casusregie.store.caseio",
    "casusregie.store.demo",
    "casusregie.store.keyring_store",
    "casusregie.cli.main",
    "casusregie.entry",
]


def test_non_ui_layers_do_not_load_qt() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {NON_UI!r}:\n"
        "    importlib.import_module(name)\n"
        "from casusregie.cli.main import build_parser\n"
        "build_parser().parse_args(['templates', 'list'])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_cli_command_does_not_load_qt() -> None:
    code = (
        "import sys\n"
        "from casusregie.entry import main\n"
        "rc = main(['templates', 'list'])\n"
        "assert rc == 0\n"
        "print('PySide6' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_domain_and_templates_do_no_sql() -> None:
    code = (
        "import sys\n"
        "import casusregie.domain.model, casusregie.domain.caseformat, casusregie.templates\n"
        "print(sorted(m for m in ('sqlite3', 'sqlcipher3') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_ui_models_import_no_widgets() -> None:
    """ui.models are data for views (QtCore, QtGui): a widget, a delegate or a dialog
    belongs in editors/, dialogs/ or pages/. (import-linter cannot forbid a part of an
    external package, so this reads the imports itself.)"""
    strays = []
    for path in sorted((ROOT / "src" / "casusregie" / "ui" / "models").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            strays += [f"{path.name}: {n}" for n in names if n.startswith("PySide6.QtWidgets")]
    assert strays == []


def test_ui_ops_load_without_qt() -> None:
    """The operations run on workers and in tests without a display: importing every
    module of ui.ops loads no Qt."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import casusregie.ui.ops as ops\n"
        "names = [m.name for m in pkgutil.iter_modules(ops.__path__, 'casusregie.ui.ops.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "print(len(names))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    count, loaded = result.stdout.strip().splitlines()
    assert int(count) >= 5
    assert loaded == "[]"
