"""The two deployables built from this repository (issue 10).

``pyproject.toml`` builds ``casusregie`` (the desktop app), ``office/pyproject.toml`` builds
``casusregie-office`` (the office server) from the same src/ tree. Checked here:

- every package a deployable's code imports is declared in that deployable's own file, and
  every declared package is imported (no forgotten or stale declarations);
- a deployable's code imports only its own casusregie packages (the office wheel has no
  store, ui, ...);
- the hash-locked files in locks/ pin every declared requirement within its floor, carry a
  hash for every pin, and keep the other deployable's packages out;
- pip itself, resolving each pyproject from the package index, finds no server package for
  the desktop and no Qt, SQCipher, reportlab or keyring for the office.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]

SERVER_ONLY = {"fastapi", "uvicorn", "starlette", "psycopg", "psycopg-binary", "psycopg-c"}
DESKTOP_ONLY = {
    "pyside6",
    "pyside6-essentials",
    "pyside6-addons",
    "pyside6-pdf",
    "shiboken6",
    "sqlcipher3",
    "reportlab",
    "keyring",
}


@dataclass(frozen=True)
class Deployable:
    name: str
    pyproject: Path
    lock: Path
    forbidden: frozenset[str]

    @property
    def config(self) -> dict:
        return tomllib.loads(self.pyproject.read_text(encoding="utf-8"))

    def requirements(self, extras: bool = False) -> list[Requirement]:
        project = self.config["project"]
        reqs = [Requirement(r) for r in project["dependencies"]]
        if extras:
            for group in project.get("optional-dependencies", {}).values():
                reqs += [Requirement(r) for r in group]
        return reqs

    def packages(self) -> dict[str, Path]:
        """Package name -> its directory, as setuptools maps them."""
        tool = self.config["tool"]["setuptools"]
        dirs = tool.get("package-dir", {})
        base = self.pyproject.parent
        out = {}
        for package in tool["packages"]:
            if package in dirs:
                out[package] = (base / dirs[package]).resolve()
            else:
                root = (base / dirs.get("", ".")).resolve()
                out[package] = root.joinpath(*package.split("."))
        return out

    def modules(self) -> list[Path]:
        """The .py files the wheel ships (office/setup.py keeps only __init__ of casusregie)."""
        files = []
        for package, folder in self.packages().items():
            found = sorted(folder.glob("*.py"))
            if self.name == "office" and package == "casusregie":
                found = [f for f in found if f.name == "__init__.py"]
            files += found
        return files


DESKTOP = Deployable(
    "desktop", ROOT / "pyproject.toml", ROOT / "locks" / "desktop.txt", frozenset(SERVER_ONLY)
)
OFFICE = Deployable(
    "office",
    ROOT / "office" / "pyproject.toml",
    ROOT / "locks" / "office.txt",
    frozenset(DESKTOP_ONLY),
)
BOTH = [DESKTOP, OFFICE]


def _imports(path: Path) -> set[str]:
    """Absolute module names imported anywhere in the file (also inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@cache
def _distributions_of(top_level: str) -> frozenset[str]:
    return frozenset(canonicalize_name(d) for d in packages_distributions().get(top_level, []))


def _third_party(dep: Deployable) -> dict[str, set[str]]:
    """Top-level third-party import name -> files (relative) that import it."""
    out: dict[str, set[str]] = {}
    for path in dep.modules():
        for name in _imports(path):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or top.startswith("casusregie"):
                continue
            out.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return out


@pytest.mark.parametrize("dep", BOTH, ids=lambda d: d.name)
def test_every_import_is_declared(dep: Deployable) -> None:
    declared = {canonicalize_name(r.name) for r in dep.requirements()}
    imported = _third_party(dep)
    assert imported, "the scan found no third-party imports at all"
    undeclared = {
        top: sorted(files)
        for top, files in imported.items()
        if not (_distributions_of(top) & declared)
    }
    assert not undeclared, f"{dep.pyproject.name}: imported but not declared: {undeclared}"


@pytest.mark.parametrize("dep", BOTH, ids=lambda d: d.name)
def test_every_declaration_is_imported(dep: Deployable) -> None:
    provided: set[str] = set()
    for top in _third_party(dep):
        provided |= _distributions_of(top)
    stale = [r.name for r in dep.requirements() if canonicalize_name(r.name) not in provided]
    assert not stale, f"{dep.pyproject.name}: declared but never imported: {stale}"


@pytest.mark.parametrize("dep", BOTH, ids=lambda d: d.name)
def test_own_packages_only(dep: Deployable) -> None:
    """Every casusregie package or module a deployable imports is in its own wheel."""
    packages = dep.packages()
    shipped = set(packages)
    for path in dep.modules():
        package = next(p for p, d in packages.items() if d == path.parent)
        shipped.add(f"{package}.{path.stem}")
    missing: dict[str, list[str]] = {}
    for path in dep.modules():
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] != "casusregie":
                continue
            for i in range(2, len(parts) + 1):
                target = ROOT / "src" / Path(*parts[:i])
                if not (target.is_dir() or target.with_suffix(".py").is_file()):
                    break  # a name defined inside the module before it
                prefix = ".".join(parts[:i])
                if prefix not in shipped:
                    missing.setdefault(prefix, []).append(str(path.relative_to(ROOT)))
                if not target.is_dir():
                    break
    assert not missing, f"{dep.name} imports what its wheel does not ship: {missing}"


def test_every_package_is_in_a_deployable() -> None:
    """Each package under src/ (and resources/) is in at least one of the two wheels."""
    listed = set(DESKTOP.packages()) | set(OFFICE.packages())
    for init in (ROOT / "src").rglob("__init__.py"):
        package = ".".join(init.parent.relative_to(ROOT / "src").parts)
        assert package in listed, f"{package} is in neither pyproject.toml"
    assert "casusregie.office" not in DESKTOP.packages()
    assert DESKTOP.packages()["casusregie_resources"] == ROOT / "resources"


def _lock_pins(lock: Path) -> dict[str, tuple[Version, int]]:
    """name -> (pinned version, number of hashes)."""
    pins: dict[str, tuple[Version, int]] = {}
    current = None
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^ ;\\]+)", line)
        if match:
            current = canonicalize_name(match.group(1))
            pins[current] = (Version(match.group(2)), 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, count = pins[current]
            pins[current] = (version, count + 1)
    return pins


@pytest.mark.parametrize(
    ("lock", "deps", "extras"),
    [
        ("desktop.txt", [DESKTOP], False),
        ("office.txt", [OFFICE], False),
        ("dev.txt", [DESKTOP, OFFICE], True),
    ],
    ids=["desktop", "office", "dev"],
)
def test_lock_pins_every_requirement_with_hashes(
    lock: str, deps: list[Deployable], extras: bool
) -> None:
    pins = _lock_pins(ROOT / "locks" / lock)
    assert pins, f"no pins in locks/{lock}"
    unhashed = [name for name, (_, hashes) in pins.items() if hashes == 0]
    assert not unhashed, f"locks/{lock}: pins without a hash: {unhashed}"
    for dep in deps:
        for req in dep.requirements(extras=extras):
            name = canonicalize_name(req.name)
            assert name in pins, f"locks/{lock} lacks {req} (run locks/update.sh)"
            version = pins[name][0]
            assert req.specifier.contains(version, prereleases=True), (
                f"locks/{lock} pins {name}=={version}, outside {req} (run locks/update.sh)"
            )
    if len(deps) == 1:
        leaked = sorted(set(pins) & deps[0].forbidden)
        assert not leaked, f"locks/{lock} pins the other deployable's packages: {leaked}"


def test_locks_agree_on_versions() -> None:
    """The deployables' locks are compiled within the dev lock: CI tests what ships."""
    dev = _lock_pins(ROOT / "locks" / "dev.txt")
    for lock in ("desktop.txt", "office.txt", "build.txt"):
        for name, (version, _) in _lock_pins(ROOT / "locks" / lock).items():
            if name in dev:
                assert dev[name][0] == version, f"locks/{lock}: {name} differs from dev.txt"


@pytest.mark.slow
@pytest.mark.parametrize("dep", BOTH, ids=lambda d: d.name)
def test_pip_resolves_no_foreign_package(dep: Deployable, tmp_path: Path) -> None:
    """What `pip install .` / `pip install ./office` would install, from the package index."""
    report = tmp_path / "report.json"
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    result = subprocess.run(
        [
            sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
            "--quiet", "--report", str(report), str(dep.pyproject.parent),
        ],
        cwd=ROOT, capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    installed = {
        canonicalize_name(item["metadata"]["name"])
        for item in json.loads(report.read_text(encoding="utf-8"))["install"]
    }
    own = "casusregie" if dep is DESKTOP else "casusregie-office"
    assert own in installed
    assert not installed & dep.forbidden, sorted(installed & dep.forbidden)
    assert {canonicalize_name(r.name) for r in dep.requirements()} <= installed
