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
from casusregie.ui.dialogs.history import HistoryDialog
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
