"""Undo and redo per case: Ctrl+Z writes the old values back as a new transaction (the
change log only grows), saves of one field in a row are one step, Ctrl+Shift+Z does
it again, the toolbar says what will be undone, and locking forgets the steps."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from ui_casedata import CASE_ID
from ui_editing import (
    bound,
    case_file,
    settle,
    show_template,
    stored,
    type_into,
)

from casusregie.domain.model import Case, LifeEvent
from casusregie.store.database import Change
from casusregie.ui.ops.undo import Edit, Step, UndoHistory

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _change(field: str, old: Any, new: Any, entity: str = "e1") -> Change:
    return Change(0, "c", "t", "case", entity, "k", field, old, new, "a", "d", "h")


def test_steps_merge_per_field_and_close_after_undo() -> None:
    history = UndoHistory()
    history.record("k", Step.from_changes("A", [_change("f", "", "a")], group="f"))
    history.record("k", Step.from_changes("A", [_change("f", "a", "ab")], group="f"))
    step = history.next_undo("k")
    assert step is not None and step.edits == [Edit("case", "e1", "f", "", "ab")]
    history.record("k", Step.from_changes("B", [_change("g", None, 1)], group="g"))
    history.record("k", Step.from_changes("A", [_change("f", "ab", "abc")], group="f"))
    assert [s.label for s in history._cases["k"].undo] == ["A", "B", "A"]  # not consecutive
    top = history.next_undo("k")
    assert top is not None
    history.undone("k", top)
    assert history.next_redo("k") is top
    history.redone("k", top)
    history.record("k", Step.from_changes("A", [_change("f", "abc", "abcd")], group="f"))
    assert len(history._cases["k"].undo) == 4  # a redone step takes no more merges
    assert history.next_undo("other") is None  # per case
    history.clear()
    assert history.next_undo("k") is None


def test_ctrl_z_and_ctrl_shift_z_in_a_field(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    show_template(qtbot, window, "tijdlijn")
    b = bound(window, "tijdlijn", "gezin", "naam_gezin")
    store = window.session.store
    for piece in ("Gezin", " Verbeek", " en co"):  # three saves of one field
        b.editor.setFocus()
        qtbot.keyClick(b.editor, Qt.Key.Key_End)
        if piece == "Gezin":
            type_into(qtbot, b.editor, piece)
        else:
            qtbot.keyClicks(b.editor, piece)
        settle(qtbot, window)
    assert stored(window, b.ref) == "Gezin Verbeek en co"
    actions = window.case_page.edit_actions
    assert actions.undo_action.isEnabled()
    assert actions.undo_action.toolTip() == "Ongedaan maken: Veld gewijzigd: Naam gezin (Ctrl+Z)"
    changes_before = len(store.history("case", CASE_ID))

    qtbot.keyClick(b.editor, Qt.Key.Key_Z, CTRL)  # in the field: still the app's undo
    settle(qtbot, window)
    assert stored(window, b.ref) == "Gezin Verbeek-Amrani"  # all three saves at once
    assert b.editor.text() == "Gezin Verbeek-Amrani"  # type: ignore[attr-defined]
    history = store.history("case", CASE_ID, "family_name")
    assert len(store.history("case", CASE_ID)) == changes_before + 1  # appended, not erased
    assert store.action_of(history[-1].txn_id) == ("Ongedaan gemaakt: Veld gewijzigd: Naam gezin")
    assert not actions.undo_action.isEnabled() and actions.redo_action.isEnabled()

    qtbot.keyClick(b.editor, Qt.Key.Key_Z, CTRL_SHIFT)
    settle(qtbot, window)
    assert stored(window, b.ref) == "Gezin Verbeek en co"
    assert actions.undo_action.isEnabled() and not actions.redo_action.isEnabled()


def test_ctrl_z_right_after_typing_takes_the_typing_back(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    window.case_page.editing.autosaver._timer.setInterval(600_000)
    show_template(qtbot, window, "tijdlijn")
    b = bound(window, "tijdlijn", "aanleiding", "eerste_aanleiding")
    before = stored(window, b.ref)
    type_into(qtbot, b.editor, "Iets nieuws")  # not yet saved when Ctrl+Z comes
    qtbot.keyClick(b.editor, Qt.Key.Key_Z, CTRL)
    settle(qtbot, window)
    assert stored(window, b.ref) == before
    assert b.editor.value() == before  # type: ignore[attr-defined]


def test_toolbar_actions_and_undo_of_rows(qtbot: Any, edit_window: Any, monkeypatch: Any) -> None:
    window = edit_window
    view = show_template(qtbot, window, "tijdlijn")
    toolbar_texts = [a.text() for a in window.findChildren(type(window.lock_action))]
    assert "Ongedaan maken" in toolbar_texts and "Opnieuw" in toolbar_texts
    section = next(s for s in view.sections() if s.section.key == "tijdlijn")
    rows = section.lists[0]
    count = rows.model.rowCount()
    monkeypatch.setattr("casusregie.ui.forms.row_actions.confirm_delete", lambda *a: True)
    rows.table.selectRow(0)
    rows.delete()
    settle(qtbot, window)
    assert rows.model.rowCount() == count - 1
    window.case_page.edit_actions.undo_action.trigger()
    settle(qtbot, window)
    assert rows.model.rowCount() == count  # the deleted event is back, with its fields
    events = {e.id: e for e in case_file(window).life_events}
    assert isinstance(events["e-noor"], LifeEvent) and events["e-noor"].description
    window.case_page.edit_actions.redo_action.trigger()
    settle(qtbot, window)
    assert rows.model.rowCount() == count - 1


def test_undo_is_per_case_and_forgotten_on_lock(qtbot: Any, edit_window: Any, unlock: Any) -> None:
    window = edit_window
    show_template(qtbot, window, "tijdlijn")
    b = bound(window, "tijdlijn", "gezin", "naam_gezin")
    type_into(qtbot, b.editor, "Andere naam")
    settle(qtbot, window)
    actions = window.case_page.edit_actions
    assert actions.undo_action.isEnabled()
    store = window.session.store
    with store.write("Casus") as tx:
        tx.create(Case(id="tweede", case_id="tweede", family_name="Tweede gezin"))
    window.open_case("tweede")
    qtbot.waitUntil(lambda: window.case_page.title.text() == "Tweede gezin", timeout=10_000)
    assert not actions.undo_action.isEnabled()  # nothing done in this case
    window.open_case(CASE_ID)
    qtbot.waitUntil(lambda: actions.undo_action.isEnabled(), timeout=10_000)
    window.show_case_list()
    assert not actions.undo_action.isEnabled()  # not while no case is on screen
    window.open_case(CASE_ID)
    qtbot.waitUntil(lambda: actions.undo_action.isEnabled(), timeout=10_000)
    window.lock()
    unlock(window)
    window.open_case(CASE_ID)
    qtbot.waitUntil(lambda: window.case_page.title.text() == "Andere naam", timeout=10_000)
    assert not actions.undo_action.isEnabled()  # the steps held case data: gone
