"""Synchroniseren from the main window: runs on a worker, the state in the status bar
in Dutch, locking cancels a running sync and clears the state."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from test_texts import _english

from casusregie.store.profile import Profile
from casusregie.store.syncstate import SyncState
from casusregie.sync import Progress, SyncResult
from casusregie.ui.ops import sync as sync_ops

Make = Callable[..., Any]


def _window(qtbot: Any, make_window: Make, profile: Profile, unlock: Any) -> Any:
    window = make_window(profile)
    unlock(window)
    qtbot.waitUntil(lambda: window.sync.label.text() != "", timeout=10_000)
    return window


def test_not_enrolled(qtbot: Any, make_window: Make, profile: Profile, unlock: Any) -> None:
    window = _window(qtbot, make_window, profile, unlock)
    assert window.sync.label.text() == "Niet gekoppeld aan een kantoor"
    # not coupled: Synchroniseren is off, and says why; coupling is offered
    assert not window.sync.action.isEnabled()
    assert "niet gekoppeld" in window.sync.action.toolTip()
    assert window.sync.couple_action.isEnabled()
    assert window.sync.action.shortcut().toString() == "F5"
    with qtbot.waitSignal(window.sync.finished, timeout=10_000) as blocker:
        window.sync.start()  # asked anyway (F5 from a script): it says why not
        assert window.sync.running  # returned at once; the result comes by signal
    assert blocker.args[0].state == "not_enrolled"
    assert window.sync.label.text() == "Niet gekoppeld aan een kantoor"
    assert not window.sync.action.isEnabled()
    assert not window.sync.bar.isVisible()
    window.sync._auto()  # not enrolled: no automatic attempt
    qtbot.wait(200)
    assert not window.sync.running


def test_office_not_reachable_is_offline(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any
) -> None:
    window = _window(qtbot, make_window, profile, unlock)
    SyncState(window.session.store).set_meta(
        office_url="https://127.0.0.1:9", fingerprint="ab" * 32, token="t"
    )
    window.sync.refresh()
    qtbot.waitUntil(lambda: window.sync.label.text() == "Nog niet gesynchroniseerd", timeout=10_000)
    started = time.monotonic()
    with qtbot.waitSignal(window.sync.finished, timeout=60_000) as blocker:
        window.sync.start()
        assert time.monotonic() - started < 0.5  # the window does not wait
    assert blocker.args[0].state == "offline"
    assert window.sync.label.text() == "Offline: het kantoor is niet bereikbaar"


def test_progress_then_lock_cancels_and_clears(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any, monkeypatch: Any
) -> None:
    seen: list[threading.Event] = []

    def slow_sync(store: Any, *, progress: Any, cancel: threading.Event, **_: Any) -> SyncResult:
        seen.append(cancel)
        progress(Progress("versturen", 1, 4, "Versturen: casus 1 van 4"))
        while not cancel.wait(0.01):
            pass
        return SyncResult(state="cancelled", message="Synchronisatie afgebroken.")

    monkeypatch.setattr(sync_ops, "run_sync", slow_sync)
    window = _window(qtbot, make_window, profile, unlock)
    finished: list[Any] = []
    window.sync.finished.connect(finished.append)
    window.sync.start()
    qtbot.waitUntil(lambda: window.sync.label.text() == "Versturen: casus 1 van 4", timeout=10_000)
    assert window.sync.bar.isVisible() and window.sync.bar.value() == 1
    assert not window.sync.action.isEnabled()  # one sync at a time
    window.lock()
    assert seen[0].is_set()
    assert not window.sync.running
    assert window.sync.label.text() == ""
    assert not window.sync.bar.isVisible()
    assert not window.sync.timer.isActive()
    assert not window.sync.action.isEnabled()
    qtbot.wait(200)
    assert finished == []  # the cancelled result is dropped after the lock


def test_held_deletions_are_confirmed_then_synced_again(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any, monkeypatch: Any
) -> None:
    calls: list[dict[str, Any]] = []

    def fake_sync(store: Any, **kwargs: Any) -> SyncResult:
        calls.append(kwargs)
        if "confirm_deletions" in kwargs:
            return SyncResult(state="ok")
        return SyncResult(state="ok", held={"case-1": 40})

    monkeypatch.setattr(sync_ops, "run_sync", fake_sync)
    window = _window(qtbot, make_window, profile, unlock)
    asked: list[dict[str, int]] = []
    monkeypatch.setattr(window.sync, "confirm_deletions", lambda held: asked.append(held) or True)
    window.sync.start()
    qtbot.waitUntil(lambda: len(calls) == 2 and not window.sync.running, timeout=10_000)
    assert asked == [{"case-1": 40}]
    assert calls[1]["confirm_deletions"] == ["case-1"]


def test_auto_sync_when_the_office_answers(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(sync_ops, "status", lambda store: {"enrolled": True})
    monkeypatch.setattr(sync_ops, "office_reachable", lambda store: True)
    monkeypatch.setattr(sync_ops, "run_sync", lambda store, **kw: SyncResult(state="ok"))
    window = _window(qtbot, make_window, profile, unlock)
    assert window.sync.timer.isActive()
    with qtbot.waitSignal(window.sync.finished, timeout=10_000) as blocker:
        window.sync.timer.timeout.emit()
    assert blocker.args[0].state == "ok"


def test_sync_texts_are_dutch(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any, secrets: set[str]
) -> None:
    window = _window(qtbot, make_window, profile, unlock)
    assert _english(window, secrets) == []
    assert "Synchroniseren" in [a.text() for a in window.menuBar().actions()[0].menu().actions()]


def test_first_send_shows_the_preview_then_shares(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any, monkeypatch: Any
) -> None:
    """A sync the user starts that reports never-shown categories opens the preview;
    "Delen" records them as shown and syncs again."""
    from ui_casedata import CHILD1, MOTHER

    from casusregie.domain.consent import OFFICE
    from casusregie.store.consents import record_consent

    window = _window(qtbot, make_window, profile, unlock)
    store = window.session.store
    case_id = store.list_cases()[0].id
    record_consent(store, case_id, ["identiteit"], given_by=[MOTHER, CHILD1], purpose="Overleg")
    calls: list[int] = []

    def fake_sync(store: Any, **_: Any) -> SyncResult:
        calls.append(len(calls))
        first = not SyncState(store).shown(case_id, OFFICE)
        return SyncResult(unshown={case_id: {"identiteit"}} if first else {})

    shown: list[str] = []

    def confirm(previews: Any, then_sync: bool) -> bool:
        assert then_sync
        shown.append(sync_ops.format_preview(previews))
        return True

    monkeypatch.setattr(sync_ops, "run_sync", fake_sync)
    monkeypatch.setattr(window.sync, "confirm_preview", confirm)
    window.sync.start()  # as F5 does (not coupled here: the menu entry is off)
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=20_000)
    assert "[identiteit]" in shown[0] and "VOOR HET EERST" in shown[0]
    assert SyncState(store).shown(case_id, OFFICE) == {"identiteit"}
    assert window.sync.preview_action.isEnabled()
