"""Locking: on demand (Ctrl+L), after idle time and on suspend. Locked means the
store is closed (its key gone) and no case data is left in any widget or model."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_walk import all_texts

from casusregie.store.profile import Profile

Make = Callable[..., Any]


def _leaks(window: Any, secrets: set[str]) -> list[str]:
    return sorted({s for text in all_texts(window) for s in secrets if s in text})


def _visit_every_tab(qtbot: Any, window: Any) -> None:
    for view in window.case_page.views:
        window.case_page.tabs.setCurrentWidget(view)
        qtbot.waitUntil(lambda v=view: v.is_rendered)


def test_ctrl_l_locks_and_clears_every_view(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any, open_case: Any, secrets: set[str]
) -> None:
    window = make_window(profile)
    unlock(window)
    open_case(window)
    _visit_every_tab(qtbot, window)
    window.case_list.search.setText("Noor")  # a name typed in the search field
    store = window.session.store
    shown = _leaks(window, secrets)
    assert "Gezin Verbeek-Amrani" in shown and "Noor Verbeek" in shown  # the walk sees data
    assert "Melding bij Veilig Thuis na ruzie in de keuken" in shown

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    assert not window.session.is_unlocked
    assert store is not None and not store.is_open
    assert window.stack.currentWidget() is window.unlock_page
    assert _leaks(window, secrets) == []
    assert all(m.rowCount() == 0 for m in window.case_page.models())
    assert window.case_list.model.rowCount() == 0
    assert not window.lock_action.isEnabled()
    assert window.windowTitle() == "Casusregie"


def test_idle_time_locks(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any, open_case: Any, secrets: set[str]
) -> None:
    window = make_window(profile, idle_ms=400)
    unlock(window)
    open_case(window)
    qtbot.waitUntil(lambda: not window.session.is_unlocked, timeout=5_000)
    assert window.stack.currentWidget() is window.unlock_page
    assert window.unlock_page.note.isVisible()
    assert "Vanzelf vergrendeld" in window.unlock_page.note.text()
    assert _leaks(window, secrets) == []
    assert not window.idle.watching


def test_activity_postpones_the_idle_lock(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any
) -> None:
    window = make_window(profile, idle_ms=600)
    unlock(window)
    for _ in range(8):  # 8 x 150 ms of typing: longer than the idle time
        qtbot.keyClick(window.case_list.search, Qt.Key.Key_Shift)
        qtbot.wait(150)
        assert window.session.is_unlocked
    qtbot.waitUntil(lambda: not window.session.is_unlocked, timeout=5_000)


def test_suspend_locks(qtbot: Any, make_window: Make, profile: Profile, unlock: Any) -> None:
    window = make_window(profile)
    unlock(window)
    app = QApplication.instance()
    assert app is not None
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationSuspended)
    assert not window.session.is_unlocked
    assert "slaapstand" in window.unlock_page.note.text()


def test_unlocking_returns_to_the_same_case_and_tab(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any, open_case: Any
) -> None:
    window = make_window(profile)
    unlock(window)
    open_case(window, tab=2)
    window.lock()
    assert window.case_page.title.text() == ""
    unlock(window)
    qtbot.waitUntil(lambda: window.case_page.views[2].is_rendered, timeout=10_000)
    assert window.stack.currentWidget() is window.case_page
    assert window.case_page.tabs.currentWidget() is window.case_page.views[2]
    assert window.case_page.title.text() == "Gezin Verbeek-Amrani"
    assert not window.unlock_page.note.isVisible()


def test_a_result_on_its_way_during_locking_is_dropped(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any
) -> None:
    window = make_window(profile)
    unlock(window)
    gate = threading.Event()
    delivered: list[object] = []

    def slow_read(store: Any) -> Any:
        gate.wait(5)
        return "Gezin Verbeek-Amrani"

    window.session.query(window, slow_read, delivered.append)
    window.lock()
    gate.set()
    from casusregie.ui import operations

    qtbot.waitUntil(lambda: operations.pending() == 0)
    assert delivered == []


def test_locking_clears_text_copied_from_a_case(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any
) -> None:
    window = make_window(profile)
    unlock(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    clipboard = QApplication.clipboard()
    clipboard.setText("Noor Verbeek")  # as a copy from a value on the case page
    window.lock()
    assert clipboard.text() == ""


def test_markup_in_case_data_is_shown_as_text() -> None:
    from PySide6.QtWidgets import QLabel

    from casusregie.ui.widgets import heading, value_label

    for label in (heading("<b>Jansen</b>"), value_label("<i>x</i>", "leeg")):
        assert isinstance(label, QLabel)
        assert label.textFormat() == Qt.TextFormat.PlainText
