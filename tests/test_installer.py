"""installer/: what can be checked without building (CI builds and smoke-tests the Linux
bundle itself: .ci/run, installer/linux/smoke.sh).

- one version everywhere (package, office, Windows version resource, Inno Setup, macOS);
- the committed icons are rendered from installer/icon/casusregie.svg, in every size;
- the Linux menu entry names the command and the icon the .deb installs;
- the Windows uninstaller keeps the profile unless asked, and installs per user;
- the scripts parse;
- the start probe that bench/bundle.py times the frozen app with.
"""

from __future__ import annotations

import configparser
import os
import plistlib
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from casusregie import __version__

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]


def test_one_version_everywhere() -> None:
    for pyproject in (ROOT / "pyproject.toml", ROOT / "office" / "pyproject.toml"):
        assert tomllib.loads(pyproject.read_text())["project"]["version"] == __version__
    plist = plistlib.loads((INSTALLER / "macos" / "Info.plist").read_bytes())
    assert plist["CFBundleShortVersionString"] == __version__
    assert plist["CFBundleExecutable"] == "casusregie"
    iss = (INSTALLER / "windows" / "casusregie.iss").read_text(encoding="utf-8")
    assert f'#define AppVersion "{__version__}"' in iss
    info = (INSTALLER / "windows" / "version-info.txt").read_text(encoding="utf-8")
    assert re.findall(r'"(?:File|Product)Version", "([^"]+)"', info) == [__version__] * 2
    numbers = ",".join([*__version__.split("."), "0"])
    assert f"filevers=({numbers})" in info.replace(" ", "")
    assert f"prodvers=({numbers})" in info.replace(" ", "")


def test_icons_in_every_size_from_the_svg() -> None:
    for size in ICON_SIZES:
        with Image.open(INSTALLER / "icon" / "png" / f"casusregie-{size}.png") as image:
            assert image.size == (size, size)
            assert image.mode == "RGBA"
    with Image.open(INSTALLER / "icon" / "casusregie.ico") as ico:
        assert {16, 24, 32, 48, 256} <= {w for w, _ in ico.info["sizes"]}
    with Image.open(INSTALLER / "icon" / "casusregie.icns") as icns:
        assert {(16, 16, 2), (128, 128, 1), (512, 512, 2)} <= set(icns.info["sizes"])


@pytest.mark.usefixtures("qapp")
def test_committed_icon_matches_the_svg() -> None:
    """A change to the SVG without running make_icons.py shows here."""
    sys.path.insert(0, str(INSTALLER / "icon"))
    try:
        import make_icons
    finally:
        sys.path.remove(str(INSTALLER / "icon"))
    fresh = make_icons.render(64)
    with Image.open(INSTALLER / "icon" / "png" / "casusregie-64.png") as committed:
        diff = ImageChops.difference(fresh, committed.convert("RGBA"))
        assert max(band_max for _, band_max in diff.getextrema()) <= 8


def test_linux_menu_entry() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(INSTALLER / "linux" / "casusregie.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"].split()[0] == "casusregie"  # /usr/bin/casusregie from the .deb
    assert desktop["Icon"] == "casusregie"  # usr/share/icons/hicolor/*/apps/casusregie.png
    assert desktop["Terminal"] == "false"
    deb = (INSTALLER / "linux" / "build-deb.sh").read_text(encoding="utf-8")
    assert "hicolor/${size}x${size}/apps/casusregie.png" in deb
    assert "/usr/bin/casusregie" in deb


def test_windows_installer_keeps_the_profile_unless_asked() -> None:
    iss = (INSTALLER / "windows" / "casusregie.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert "[UninstallDelete]" not in iss.split("[Code]")[0].replace("; No [UninstallDelete]", "")
    assert "Box.Checked := False;" in iss
    assert "{param:DELETEPROFILE|no}" in iss
    assert "DeleteProfile and DirExists(ProfileDir())" in iss
    # the profile directory the uninstaller offers to delete is the app's (platformdirs)
    assert "{localappdata}\\casusregie" in iss


@pytest.mark.parametrize(
    "script",
    [
        "installer/build.sh",
        "installer/linux/build-deb.sh",
        "installer/linux/smoke.sh",
        "installer/macos/build-dmg.sh",
    ],
)
def test_scripts_parse(script: str) -> None:
    result = subprocess.run(["bash", "-n", script], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_start_probe_quits_at_the_unlock_screen(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASUSREGIE_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    store = tmp_path / "profiel"
    init = subprocess.run(
        [sys.executable, "-m", "casusregie", "--store", str(store), "store", "init",
         "--geen-sleutelbos"],
        env={**env, "CASUSREGIE_PASSPHRASE": "een-lang-genoeg-wachtwoord"},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert init.returncode == 0, init.stderr
    result = subprocess.run(
        [sys.executable, "-m", "casusregie", "--store", str(store)],
        env={**env, "CASUSREGIE_START_PROBE": "1"},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"ontgrendelscherm \d+\.\d+", result.stdout.strip())
