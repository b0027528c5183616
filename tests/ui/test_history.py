"""The history of a field (Ctrl+H, or 'Historie…' in the field's menu): who changed
what and when, newest first, in Dutch; the model passes the model tester; the dialog
closes when the app locks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from ui_casedata import MOTHER
from ui_editing import bound, settle, show_template, type_into

from casusregie.templates import load_templates
from casusregie.templates.values import CaseValues
from casusregie.ui.dialogs.history import HistoryDialog
from casusregie.ui.forms.form_rows import FormRows
from casusregie.ui.models.history import FieldHistoryModel, dutch_moment
from casusregie.ui.ops.edit import HistoryEntry

DISPLAY = Qt.ItemDataRole.DisplayRole


def test_dutch_moment() -> None:
    moment = dt.datetime(2025, 5, 14, 9, 32).astimezone()
    assert dutch_moment(int(moment.timestamp() * 1000)) == "14 mei 2025, 09:32"


def test_model_alone(qtmodeltester: Any) -> None:
    field = next(f for s, f in load_templates().get("tijdlijn").fields() if f.type == "persons")
    entries = [
        HistoryEntry(1_700_000_000_000, "Ilse", "Rij gewijzigd: Tijdlijn", ["p1"], ["p1", "p2"]),
        HistoryEntry(1_600_000_000_000, "Ilse", "Rij toegevoegd: Tijdlijn", None, ["p1"]),
    ]
    model = FieldHistoryModel(field, entries, {"p1": "Sanne", "p2": "Noor"})
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Wanneer",
        "Wie",
        "Was",
        "Werd",
        "Actie",
    ]
    assert model.index(0, 2).data(DISPLAY) == "Sanne"
    assert model.index(0, 3).data(DISPLAY) == "Sanne, Noor"
    assert model.index(1, 2).data(DISPLAY) == "(leeg)"
    empty = FieldHistoryModel(field, [], {})
    qtmodeltester.check(empty)
    assert empty.rowCount() == 0


def _dialog(qtbot: Any, window: Any) -> HistoryDialog:
    actions = window.case_page.edit_actions
    qtbot.waitUntil(
        lambda: actions.dialog is not None and actions.dialog.isVisible(), timeout=5_000
    )
    assert actions.dialog is not None
    return actions.dialog


def test_ctrl_h_shows_who_changed_what_and_when(
    qtbot: Any, edit_window: Any, qtmodeltester: Any
) -> None:
    window = edit_window
    show_template(qtbot, window, "tijdlijn")
    b = bound(window, "tijdlijn", "moeder", "naam", MOTHER)
    type_into(qtbot, b.editor, "Sanne de Wit")
    settle(qtbot, window)
    type_into(qtbot, b.editor, "Sanne Verbeek-de Wit")  # Ctrl+H comes before the pause
    qtbot.keyClick(b.editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(qtbot, window)
    model = dialog.model
    qtmodeltester.check(model)
    rows = [[model.index(r, c).data(DISPLAY) for c in range(5)] for r in range(model.rowCount())]
    assert [r[2:4] for r in rows] == [
        ["Sanne de Wit", "Sanne Verbeek-de Wit"],  # newest first, the last typing included
        ["Sanne Verbeek", "Sanne de Wit"],
        ["(leeg)", "Sanne Verbeek"],  # the import
    ]
    assert rows[0][1] == "Testregisseur"
    assert rows[0][4] == "Veld gewijzigd: Naam"
    today = dt.date.today()
    assert rows[0][0].startswith(f"{today.day} ") and str(today.year) in rows[0][0]
    assert dialog.windowTitle() == "Historie van een veld"  # no case data in a title
    window.lock()
    assert not dialog.isVisible()


def test_the_fields_menu_opens_it_too(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    view = show_template(qtbot, window, "veiligheidsplan")
    more = next(
        w for w in view.findChildren(QToolButton) if w.accessibleName().startswith("Meer bij")
    )
    assert more.text() == "⋯"  # one small button, no links
    more.click()  # its menu (made when first asked for)
    menu = more.menu()
    assert menu is not None and menu.isVisible()
    history = menu.actions()[0]
    menu.close()
    assert history.text() == "Historie…"
    history.trigger()
    dialog = _dialog(qtbot, window)
    assert dialog.model.rowCount() >= 1
    dialog.close()


def _badge_rows(view: Any) -> list[tuple[Any, int]]:
    """(FormRows, row) of every field whose "↺ gewijzigd" badge is shown."""
    return [
        (form, row)
        for form in view.findChildren(FormRows)
        for row, badge in form.history_badges.items()
        if not badge.isHidden()
    ]


def test_a_history_badge_only_where_a_field_changed(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    view = show_template(qtbot, window, "tijdlijn")
    assert _badge_rows(view) == []  # imported: nothing held another value before
    b = bound(window, "tijdlijn", "moeder", "naam", MOTHER)
    type_into(qtbot, b.editor, "Sanne de Wit")
    settle(qtbot, window)

    def shown() -> list[tuple[Any, int]]:
        return _badge_rows(view)

    qtbot.waitUntil(lambda: len(shown()) == 1, timeout=10_000)
    form, row = shown()[0]
    ref = form._badge_slots[row][0]
    assert (ref.field.key, ref.person) == ("naam", MOTHER)
    badge = form.history_badges[row]
    assert badge.text() == "↺ gewijzigd"
    assert badge.accessibleName() == f"Historie van {ref.field.label}"
    badge.click()  # opens the field's history
    dialog = _dialog(qtbot, window)
    assert dialog.model.rowCount() == 2
    dialog.close()


def test_badges_follow_the_store(qtbot: Any, edit_window: Any) -> None:
    """Only what the store says changed: the badge goes when the case is another one."""
    window = edit_window
    view = show_template(qtbot, window, "tijdlijn")
    forms = view.findChildren(FormRows)
    assert forms and all(not form.history_badges for form in forms)  # none made yet
    values = window.case_page._values
    form = forms[0]
    ref = form._badge_slots[0][0]
    target = ref.target()
    changed = CaseValues(values.cf, {(target.entity_type, target.entity_id, target.name)})
    form.refresh(changed)
    assert [r for r, b in form.history_badges.items() if not b.isHidden()] == [0]
    form.refresh(CaseValues(values.cf))
    assert all(b.isHidden() for b in form.history_badges.values())
