"""Every list section is one table over a model and ONE editor pane for the selected
row: edits in the pane take the one change path (autosave, undo, "Opgeslagen"), a
required field left empty is not saved, the keyboard walks list and pane, and a change
pulled from the office shows up in the open list and pane."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from ui_editing import case_file, settle, show_template, type_into

from casusregie.domain.model import ANSWER_PREFIX
from casusregie.ui.dialogs.row_editor import RowEditor, RowSpec
from casusregie.ui.forms.list_section import ListSection


def _list(qtbot: Any, window: Any, template: str, key: str) -> ListSection:
    view = show_template(qtbot, window, template)
    return next(s for s in view.sections() if s.section.key == key).lists[0]


def _text_field(rows: ListSection) -> str:
    """The first free-text field of the list."""
    return next(f.key for f in rows.model.section.fields if f.type in ("text", "longtext"))


def test_rows_do_not_add_widgets(qtbot: Any, edit_window: Any, monkeypatch: Any) -> None:
    window = edit_window
    rows = _list(qtbot, window, "kernbesluiten", "besluiten")
    before_rows = rows.model.rowCount()
    before_widgets = len(rows.findChildren(QWidget))
    assert before_rows >= 2
    assert len(rows.detail.editors) == len(rows.model.section.fields)  # one pane, not per row

    def ask(spec: RowSpec, parent: Any) -> dict[str, Any]:
        return {**{f.key: spec.values.get(f.key) for f in spec.fields}, _text_field(rows): "Nog"}

    monkeypatch.setattr(RowEditor, "ask", staticmethod(ask))
    for _ in range(3):
        rows.add()
        settle(qtbot, window)
    assert rows.model.rowCount() == before_rows + 3
    assert len(rows.findChildren(QWidget)) == before_widgets
    for row in range(rows.model.rowCount()):  # every row selected in turn: the same pane
        rows.table.selectRow(row)
    assert len(rows.findChildren(QWidget)) == before_widgets


def test_the_pane_edits_the_selected_row_and_undo_restores_it(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    rows = _list(qtbot, window, "veiligheidsplan", "afspraken")
    rows.table.selectRow(1)
    item = rows.current()
    assert item is not None
    key = _text_field(rows)
    old = item.answers.get(key)  # type: ignore[attr-defined]
    editor = rows.detail.editors[key]
    assert editor.value() == old  # type: ignore[attr-defined]
    changes: list[Any] = []
    window.session.changed.connect(changes.append)
    type_into(qtbot, editor, "Oma haalt de kinderen op woensdag")
    settle(qtbot, window)
    stored = next(i for i in case_file(window).items if i.id == item.id)
    assert stored.answers[key] == "Oma haalt de kinderen op woensdag"
    assert any(c.entity_id == item.id for batch in changes for c in batch)
    assert window.saved_label.text().startswith("Opgeslagen om ")
    assert rows.current() is not None and rows.current().id == item.id  # type: ignore[union-attr]
    shown = rows.model.index(1, [f.key for f in rows.model.section.fields].index(key))
    assert shown.data() == "Oma haalt de kinderen op woensdag"  # the list follows
    others = [i for i in case_file(window).items if i.id != item.id]
    window.case_page.edit_actions.undo_action.trigger()
    settle(qtbot, window)
    stored = next(i for i in case_file(window).items if i.id == item.id)
    assert stored.answers.get(key) == old
    assert rows.detail.editors[key].value() == old  # type: ignore[attr-defined]
    assert [i for i in case_file(window).items if i.id != item.id] == others


def test_an_entity_row_is_edited_by_its_attributes(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    rows = _list(qtbot, window, "tijdlijn", "tijdlijn")
    rows.table.selectRow(0)
    event = rows.current()
    assert event is not None and event.ENTITY_TYPE == "life_event"
    type_into(qtbot, rows.detail.editors["beschrijving"], "Verhuisd naar Zwolle")
    settle(qtbot, window)
    stored = next(e for e in case_file(window).life_events if e.id == event.id)
    assert stored.description == "Verhuisd naar Zwolle"
    # a required field emptied: said, and not saved
    type_into(qtbot, rows.detail.editors["beschrijving"], "")
    settle(qtbot, window)
    assert rows.detail.problem.isVisible()
    assert "Wat gebeurde er?" in rows.detail.problem.text()
    stored = next(e for e in case_file(window).life_events if e.id == event.id)
    assert stored.description == "Verhuisd naar Zwolle"


def test_the_keyboard_walks_the_list_and_the_pane(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    rows = _list(qtbot, window, "veiligheidsplan", "afspraken")
    key = _text_field(rows)
    rows.table.setFocus()
    rows.table.selectRow(0)
    first = rows.current()
    qtbot.keyClick(rows.table, Qt.Key.Key_Down)
    second = rows.current()
    assert first is not None and second is not None and second.id != first.id
    assert rows.detail.row_id == second.id
    assert rows.detail.editors[key].value() == second.answers.get(key)  # type: ignore[attr-defined]
    qtbot.keyClick(rows.table, Qt.Key.Key_Return)  # Enter: to the pane's first field
    assert rows.detail.isAncestorOf(window.focusWidget())


def test_delete_from_the_list(qtbot: Any, edit_window: Any, monkeypatch: Any) -> None:
    window = edit_window
    monkeypatch.setattr("casusregie.ui.forms.row_actions.confirm_delete", lambda *a: True)
    rows = _list(qtbot, window, "veiligheidsplan", "afspraken")
    count = rows.model.rowCount()
    rows.table.selectRow(0)
    gone = rows.current()
    assert gone is not None
    rows.delete()
    settle(qtbot, window)
    assert rows.model.rowCount() == count - 1
    assert rows.detail.row_id is not None and rows.detail.row_id != gone.id


def test_a_pulled_change_refreshes_the_open_list(qtbot: Any, edit_window: Any) -> None:
    """Sync writes to the store on its worker, then announces what the pull applied
    (``Session.announce``): the open list and its pane show it."""
    window = edit_window
    rows = _list(qtbot, window, "veiligheidsplan", "afspraken")
    rows.table.selectRow(0)
    item = rows.current()
    assert item is not None
    key = _text_field(rows)
    store = window.session.store
    with store.write("sync: ontvangen van het kantoor") as tx:
        tx.set("item", item.id, ANSWER_PREFIX + key, "Afgesproken op kantoor")
        changes = list(tx.changes)
    window.session.announce(changes)
    column = [f.key for f in rows.model.section.fields].index(key)
    qtbot.waitUntil(lambda: rows.model.index(0, column).data() == "Afgesproken op kantoor")
    assert rows.detail.editors[key].value() == "Afgesproken op kantoor"  # type: ignore[attr-defined]
