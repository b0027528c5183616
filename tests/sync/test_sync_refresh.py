"""A pulled change reaches the open view: the app's sync announces what it applied on the
session's one change signal, so the open case shows the office's value without a
reopen. Real office (uvicorn, TLS), two devices, the main window of one of them."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import time
from pathlib import Path
from typing import Any

from officekit import ThreadOffice, consent, enrolled, new_store

from casusregie.office import repo
from casusregie.store.keyfile import KdfParams
from casusregie.store.profile import Profile
from casusregie.sync import run_sync
from helpers import CASE_ID, FAST_KDF, PASSPHRASE


def _window(qtbot: Any, profile: Profile) -> Any:
    from casusregie.ui.main_window import MainWindow
    from casusregie.ui.profile_ops import StartState
    from casusregie.ui.session import Session

    kdf: KdfParams = FAST_KDF
    window = MainWindow(Session(profile), idle_ms=3_600_000, kdf=kdf, use_keyring=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.start(StartState(profile, True, False))
    page = window.unlock_page
    qtbot.waitUntil(lambda: page.unlock_button.isEnabled(), timeout=10_000)
    page.passphrase_edit.setText(PASSPHRASE)
    page.submit()
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() > 0, timeout=10_000)
    return window


def test_a_pulled_change_refreshes_the_open_case(
    qtbot: Any, sqlite_office: ThreadOffice, filled_profile: Profile, tmp_path: Path
) -> None:
    office = sqlite_office
    device = filled_profile.unlock(PASSPHRASE)
    try:
        a_id = enrolled(device, office, "A")
        consent(device, CASE_ID, ["identiteit"])
        assert run_sync(device).ok
    finally:
        device.close()

    window = _window(qtbot, filled_profile)
    window.open_case(CASE_ID)
    page = window.case_page
    qtbot.waitUntil(lambda: page.case_id == CASE_ID and page.title.text() != "", timeout=10_000)
    before = page.title.text()
    assert before != "Naam van kantoor"

    other = new_store(tmp_path / "b")  # a colleague's device edits the family name
    try:
        b_id = enrolled(other, office, "B")
        repo.assign(office.db, CASE_ID, b_id)
        assert run_sync(other).ok
        time.sleep(0.01)
        with other.write("B") as tx:
            tx.set("case", CASE_ID, "family_name", "Naam van kantoor")
        consent(other, CASE_ID, ["identiteit"])
        assert run_sync(other).ok
    finally:
        other.close()
    repo.assign(office.db, CASE_ID, a_id)

    seen: list[Any] = []
    window.session.changed.connect(seen.append)
    with qtbot.waitSignal(window.sync.finished, timeout=60_000) as blocker:
        window.sync.start()
    result = blocker.args[0]
    assert result.ok and result.received > 0
    assert any(c.field == "family_name" and c.case_id == CASE_ID for c in result.changes)
    assert seen and any(c.field == "family_name" for batch in seen for c in batch)
    qtbot.waitUntil(lambda: page.title.text() == "Naam van kantoor", timeout=10_000)
