"""The unlock screen comes up without the heavy parts of the app.

A fresh interpreter builds the application and the main window the way ``run_app``
does, finds the profile (``prepare_profile``, the start's own worker) and asks how long
to wait before a try (``unlock_wait``), then lists what got imported. None of the case
pages, the store's database (SQLCipher), the key derivation (Argon2, AES), the domain
rules, the templates, ReportLab or the OS keyring may be among them: they are imported
after the page is shown (the prewarm) or when the store is opened.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

START = """
import json, sys
from pathlib import Path
from casusregie.ui.app import make_application
from casusregie.ui.main_window import MainWindow
from casusregie.ui.ops.profile import prepare_profile, unlock_wait
from casusregie.ui.session import Session

app = make_application()
window = MainWindow(Session())
state = prepare_profile(Path(sys.argv[1]), False)
window.start(state)
unlock_wait(state.profile)
heavy = json.loads(sys.argv[2])
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy or m in heavy)))
print(json.dumps(window.stack.currentWidget() is window.unlock_page))
"""

#: modules (or top-level packages) the unlock screen must not import
HEAVY = [
    "casusregie.ui.pages.case",
    "casusregie.ui.pages.case_list",
    "casusregie.ui.forms",
    "casusregie.ui.pages.dashboard",
    "casusregie.ui.actions.printing",
    "casusregie.ui.ops.case",
    "casusregie.store.database",
    "casusregie.store.keyfile",
    "casusregie.store.caseio",
    "casusregie.domain.model",
    "casusregie.domain.rules",
    "casusregie.domain.consent",
    "casusregie.templates",
    "casusregie.reports",
    "casusregie.sync",
    "casusregie.layout",
    "sqlcipher3",
    "argon2",
    "cryptography",
    "reportlab",
    "keyring",
    "PySide6.QtPdf",
]


def _run(store: Path) -> tuple[list[str], bool]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", START, str(store), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    imported, on_unlock_page = (json.loads(line) for line in done.stdout.splitlines()[-2:])
    return imported, on_unlock_page


@pytest.fixture(scope="module")
def made_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from casusregie.store.keyfile import KdfParams
    from casusregie.store.profile import Profile

    directory = tmp_path_factory.mktemp("start") / "profiel"
    kdf = KdfParams(time_cost=1, memory_cost_kib=8 * 1024, parallelism=1)
    Profile(directory).create("lang-genoeg-wachtwoord", kdf=kdf, use_keyring=False).close()
    return directory


def test_the_unlock_screen_imports_nothing_heavy(made_profile: Path) -> None:
    imported, on_unlock_page = _run(made_profile)
    assert on_unlock_page  # the profile exists: the window shows the unlock page
    assert imported == []


def test_the_heavy_list_is_real(made_profile: Path) -> None:
    """The check above can fail: opening the store imports what the list names."""
    code = START.replace(
        "heavy = ", "state.profile.unlock('lang-genoeg-wachtwoord').close()\nheavy = "
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code, str(made_profile), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    imported = json.loads(done.stdout.splitlines()[-2])
    assert {"casusregie.store.database", "sqlcipher3", "argon2"} <= {
        m if m.startswith("casusregie") else m.split(".")[0] for m in imported
    }
