"""Fixtures for the UI tests: an encrypted profile with one invented family, built
once per session with a fast key derivation and copied for each test, and a main
window on it. Qt runs offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from ui_casedata import case_document, case_strings

from casusregie.store.caseio import import_case
from casusregie.store.keyfile import KdfParams
from casusregie.store.profile import Profile
from casusregie.templates import load_templates

PASSPHRASE = "juiste-zin-voor-tests"
FAST_KDF = KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1)


@pytest.fixture(autouse=True)
def _isolated_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QSettings and the keyring never touch the real user's files."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("CASUSREGIE_HOME", str(home / "casusregie"))
    monkeypatch.setattr("casusregie.store.keyring_store.available", lambda: False)


@pytest.fixture(autouse=True)
def _operations_done(qtbot: Any) -> Iterator[None]:
    """No test ends with a worker still running on its files."""
    yield
    from casusregie.ui import operations

    qtbot.waitUntil(lambda: operations.pending() == 0, timeout=10_000)


@pytest.fixture(scope="session")
def case_doc() -> dict[str, Any]:
    return case_document(load_templates())


@pytest.fixture(scope="session")
def secrets(case_doc: dict[str, Any]) -> set[str]:
    """Case data that must never be on screen while locked, nor in a log or title."""
    return case_strings(case_doc)


@pytest.fixture(scope="session")
def _profile_master(tmp_path_factory: pytest.TempPathFactory, case_doc: dict[str, Any]) -> Path:
    directory = tmp_path_factory.mktemp("master") / "profiel"
    store = Profile(directory).create(
        PASSPHRASE, author="Testregisseur", kdf=FAST_KDF, use_keyring=False
    )
    try:
        import_case(store, case_doc)
    finally:
        store.close()
    return directory


@pytest.fixture
def profile(_profile_master: Path, tmp_path: Path) -> Profile:
    target = tmp_path / "profiel"
    shutil.copytree(_profile_master, target)
    return Profile(target)


@pytest.fixture
def make_window(qtbot: Any) -> Callable[..., Any]:
    """``make_window(profile, idle_ms=..., demo=False, exists=True)``: a shown window."""
    from casusregie.ui.main_window import MainWindow
    from casusregie.ui.ops.profile import StartState
    from casusregie.ui.session import Session

    def make(
        profile: Profile, *, idle_ms: int = 3_600_000, demo: bool = False, exists: bool = True
    ) -> MainWindow:
        session = Session(profile, demo=demo)
        window = MainWindow(session, idle_ms=idle_ms, kdf=FAST_KDF, use_keyring=False)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.start(StartState(profile, exists, demo))
        return window

    return make


@pytest.fixture
def unlock(qtbot: Any) -> Callable[..., None]:
    """Type the passphrase on the unlock page and wait for the case list (and the
    names of the family members in it)."""

    def do(window: Any, passphrase: str = PASSPHRASE) -> None:
        page = window.unlock_page
        qtbot.waitUntil(lambda: page.unlock_button.isEnabled(), timeout=10_000)
        page.passphrase_edit.setText(passphrase)
        page.submit()
        qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
        qtbot.waitUntil(lambda: window.case_list.model.rowCount() > 0, timeout=10_000)
        # the family members' names (to search on) come a moment after the rows
        qtbot.waitUntil(lambda: window.case_list.model.flags_known, timeout=10_000)

    return do


@pytest.fixture
def open_case(qtbot: Any) -> Callable[..., None]:
    """Open the (only) case from the list, wait for its dashboard, then show template
    tab ``tab`` (an index into ``case_page.views``) and wait until it is built."""

    def do(window: Any, tab: int = 0) -> None:
        window.case_list.table.setFocus()
        window.case_list.search.setFocus()
        qtbot.keyClick(window.case_list.search, "\r")
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.case_page)
        page = window.case_page
        # (a test with a short idle time may be locked before the page is done)
        qtbot.waitUntil(
            lambda: page.dashboard.is_ready or not window.session.is_unlocked, timeout=10_000
        )
        page.tabs.setCurrentWidget(page.views[tab])
        # built after the first screen, one section a turn: an idle lock may come first
        qtbot.waitUntil(
            lambda: page.views[tab].is_rendered or not window.session.is_unlocked,
            timeout=10_000,
        )

    return do


@pytest.fixture
def edit_window(
    qtbot: Any, make_window: Callable[..., Any], profile: Profile, unlock: Any, open_case: Any
) -> Any:
    """The main window, unlocked and active, on the family's first template tab (for
    the editing tests; helpers in ``ui_editing``)."""
    window = make_window(profile)
    unlock(window)
    open_case(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.fixture(scope="session")
def _demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo family (resources/demo) in a profile of its own, built once."""
    from casusregie.store.demo import demo_document

    directory = tmp_path_factory.mktemp("demo-master") / "profiel"
    store = Profile(directory).create(
        PASSPHRASE, author="Testregisseur", kdf=FAST_KDF, use_keyring=False
    )
    try:
        import_case(store, demo_document())
    finally:
        store.close()
    return directory


@pytest.fixture
def demo_profile(_demo_master: Path, tmp_path: Path) -> Profile:
    """A copy of the demo family's profile (with scores, meetings, agreements)."""
    target = tmp_path / "demo-profiel"
    shutil.copytree(_demo_master, target)
    return Profile(target)
