"""Sync you can see, against a real office (uvicorn, TLS), two devices, the main window
of one of them: a pulled change reaches the open view (the app's sync announces what it
applied on the session's one change signal); coupling from the app shows the office's
fingerprint; the conflicts screen shows both values, who and when, and restores a choice."""

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
    from casusregie.ui.ops.profile import StartState
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


def test_coupling_from_the_app_shows_the_fingerprint(
    qtbot: Any, sqlite_office: ThreadOffice, filled_profile: Profile
) -> None:
    from casusregie.ui.dialogs.sync import grouped_fingerprint

    office = sqlite_office
    window = _window(qtbot, filled_profile)
    sync = window.sync
    qtbot.waitUntil(lambda: sync.enrolled is False, timeout=10_000)
    assert not sync.action.isEnabled() and sync.couple_action.isEnabled()
    sync.couple_action.trigger()
    dialog = sync.couple_dialog
    assert dialog is not None
    _device, code = office.add_device("Laptop")
    dialog.url_edit.setText(office.url)
    assert not dialog.couple_button.isEnabled()  # no code yet
    dialog.code_edit.setText(code)
    prefix = code.rsplit("-", 1)[1]
    assert dialog.fingerprint.text() == grouped_fingerprint(prefix)  # compare before sending
    assert dialog.couple_button.isEnabled()
    with qtbot.waitSignal(dialog.coupled, timeout=30_000) as blocker:
        dialog.couple_button.click()
    assert blocker.args[1] == office.fingerprint
    assert grouped_fingerprint(office.fingerprint) in dialog.outcome.text()
    qtbot.waitUntil(lambda: sync.enrolled is True and sync.action.isEnabled(), timeout=10_000)
    assert sync.label.text() == "Nog niet gesynchroniseerd"


def test_the_conflicts_screen_shows_both_and_restores_a_choice(
    qtbot: Any, sqlite_office: ThreadOffice, filled_profile: Profile, tmp_path: Path
) -> None:
    office = sqlite_office
    device = filled_profile.unlock(PASSPHRASE)
    other = new_store(tmp_path / "b")
    try:
        a_id = enrolled(device, office, "A")
        consent(device, CASE_ID, ["identiteit"])
        assert run_sync(device).ok
        b_id = enrolled(other, office, "B")
        with device.write("A, offline") as tx:  # A first (the earlier stamp) ...
            tx.set("case", CASE_ID, "family_name", "Naam van A")
        repo.assign(office.db, CASE_ID, b_id)
        assert run_sync(other).ok
        time.sleep(0.01)
        with other.write("B") as tx:  # ... B later: B wins
            tx.set("case", CASE_ID, "family_name", "Naam van B")
        consent(other, CASE_ID, ["identiteit"])
        assert run_sync(other).ok
        repo.assign(office.db, CASE_ID, a_id)
        assert run_sync(device).conflicts >= 1
    finally:
        other.close()
        device.close()

    window = _window(qtbot, filled_profile)
    sync = window.sync
    qtbot.waitUntil(lambda: sync.conflicts_action.isEnabled(), timeout=10_000)
    assert "conflict" in sync.label.text()
    sync.conflicts_action.trigger()
    dialog = sync.conflicts_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() >= 1, timeout=10_000)
    rows = range(dialog.table.rowCount())
    row = next(r for r in rows if "family_name" in dialog.table.item(r, 0).text())
    cells = [dialog.table.item(row, c).text() for c in range(5)]
    assert cells[1] == "Naam van A" and cells[2] == "Naam van B"  # both values
    assert cells[3] and cells[4]  # who and when
    dialog.table.selectRow(row)
    seen: list[Any] = []
    window.session.changed.connect(seen.append)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert any(c.field == "family_name" and c.new == "Naam van A" for c in seen[0])

    def gone() -> bool:
        table = dialog.table
        return all("family_name" not in table.item(r, 0).text() for r in range(table.rowCount()))

    qtbot.waitUntil(gone, timeout=10_000)
