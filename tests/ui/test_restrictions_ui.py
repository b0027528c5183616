"""'Niet delen met…': marking a field or a row as not for some family members, and
what that does to their copy of the veiligheidsplan."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from test_texts import ENGLISH
from ui_casedata import CASE_ID, FATHER, GRANNY, MOTHER
from ui_editing import case_file, settle, show_template
from ui_walk import all_texts

from casusregie.domain.model import Restriction
from casusregie.reports.service import make_report, spec_for
from casusregie.ui.forms.form_rows import FormRows
from casusregie.ui.forms.list_section import ListSection
from casusregie.ui.forms.restrictions import RestrictionDialog
from casusregie.ui.ops.restriction import RestrictTarget

ADDRESS = "Kastanjelaan 17, Gouda"
_ENGLISH = re.compile(r"\b(" + "|".join(ENGLISH) + r")\b")

Answer = Callable[[RestrictionDialog], None]


def _answer_with(monkeypatch: pytest.MonkeyPatch, answer: Answer) -> list[RestrictionDialog]:
    """The real dialog, filled in by ``answer`` and accepted, instead of waiting for a
    click."""
    seen: list[RestrictionDialog] = []

    def fake_exec(dialog: RestrictionDialog) -> int:
        seen.append(dialog)
        answer(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RestrictionDialog, "exec", fake_exec)
    return seen


def _hide_from_father(dialog: RestrictionDialog) -> None:
    dialog.boxes[FATHER].setChecked(True)
    dialog.reason.setText("moeder is gevlucht")


def _nobody(dialog: RestrictionDialog) -> None:
    for check in dialog.boxes.values():
        check.setChecked(False)


def _plan_text(window: Any, person: str, widen: tuple[str, ...] = ()) -> str:
    store = window.session.store
    spec = spec_for(store, CASE_ID, person, widen=widen)
    report = make_report(store, "veiligheidsplan", CASE_ID, person, spec=spec)
    reader = PdfReader(io.BytesIO(report.pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split())


def _mothers_new_address(window: Any) -> None:
    """The mother moved; the plan mentions where (as regisseurs do type it again)."""
    store = window.session.store
    form = next(
        f
        for f in case_file(window).forms
        if (f.template, f.section, f.person) == ("veiligheidsplan", "aanleiding", None)
    )
    with store.write("test") as tx:
        tx.set("person", MOTHER, "address", ADDRESS)
        tx.set("form", form.id, "answer.situatie", f"Moeder woont nu op {ADDRESS}.")


def _restrictions(window: Any) -> list[Restriction]:
    return case_file(window).restrictions


def test_mothers_address_not_in_fathers_plan(
    qtbot: Any, edit_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = edit_window
    _mothers_new_address(window)
    # where others live is left out by default; widened, it shows while not marked yet
    assert "Kastanjelaan" not in _plan_text(window, FATHER)
    assert ADDRESS in _plan_text(window, FATHER, widen=("adressen",))

    seen = _answer_with(monkeypatch, _hide_from_father)
    target = RestrictTarget(CASE_ID, "person", MOTHER, "address", "Adres", MOTHER)
    actions = window.case_page.row_actions.restrictions
    actions.mark(target, case_file(window))
    settle(qtbot, window)
    assert MOTHER not in seen[0].boxes  # not hidden from herself
    [marking] = _restrictions(window)
    assert (marking.target_type, marking.target_id, marking.field) == ("person", MOTHER, "address")
    assert marking.hidden_from == [FATHER]
    assert marking.reason == "moeder is gevlucht"
    assert (
        window.session.store.action_of(
            window.session.store.history("restriction", marking.id)[0].txn_id
        )
        == "Niet delen met gewijzigd"
    )

    assert "Kastanjelaan" not in _plan_text(window, FATHER, widen=("adressen",))
    assert ADDRESS in _plan_text(window, MOTHER)

    # the dialog shows the marking again; nobody ticked removes it
    shown: list[tuple[bool, str]] = []

    def untick(dialog: RestrictionDialog) -> None:
        shown.append((dialog.boxes[FATHER].isChecked(), dialog.reason.text()))
        _nobody(dialog)

    _answer_with(monkeypatch, untick)
    actions.mark(target, case_file(window))
    settle(qtbot, window)
    assert shown == [(True, "moeder is gevlucht")]
    assert _restrictions(window) == []
    assert ADDRESS in _plan_text(window, FATHER, widen=("adressen",))


def test_field_link_by_keyboard_marks_and_shows_it(
    qtbot: Any, edit_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = edit_window
    view = show_template(qtbot, window, "veiligheidsplan")
    form = view.findChildren(FormRows)[0]
    button = form.more_buttons[0]
    action = form.restrict_actions[0]
    target, marker = form.markers[0]
    assert action.text() == "Niet delen met…"
    button.click()
    assert action in button.menu().actions()  # the field's small "⋯" menu
    button.menu().close()
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus  # reachable by keyboard
    assert not marker.isVisible()  # no badge until something is marked

    _answer_with(monkeypatch, _hide_from_father)
    view.ensureWidgetVisible(button)
    action.trigger()
    settle(qtbot, window)
    [marking] = _restrictions(window)
    assert (marking.target_type, marking.target_id, marking.field) == (
        target.entity_type,
        target.entity_id,
        target.field,
    )
    qtbot.waitUntil(lambda: marker.text() == "niet voor: 1 persoon", timeout=5_000)
    assert not marker.isHidden()
    assert "Youssef Amrani" in marker.toolTip()
    assert "Youssef Amrani" not in window.windowTitle()


def test_list_row_whole_or_one_field(
    qtbot: Any, edit_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = edit_window
    view = show_template(qtbot, window, "tijdlijn")
    rows = next(
        r
        for r in view.findChildren(ListSection)
        if r.model.rowCount() and r.model.entity(0).id == GRANNY
    )
    # a wide list shows its first row in the detail pane at once; a narrow one waits
    assert rows.restrict_button.isEnabled() == (rows.detail is not None)
    rows.table.selectRow(0)
    assert rows.restrict_button.isEnabled()

    def only_address(dialog: RestrictionDialog) -> None:
        assert dialog.what is not None
        dialog.what.setCurrentIndex(dialog.what.findData("address"))
        _hide_from_father(dialog)

    _answer_with(monkeypatch, only_address)
    rows.restrict_button.click()
    settle(qtbot, window)
    [marking] = _restrictions(window)
    assert (marking.target_type, marking.target_id, marking.field) == ("person", GRANNY, "address")
    qtbot.waitUntil(lambda: rows.marker.text() == "niet voor: 1 persoon", timeout=5_000)

    def whole_row(dialog: RestrictionDialog) -> None:
        assert dialog.what is not None
        dialog.what.setCurrentIndex(0)
        dialog.boxes[MOTHER].setChecked(True)

    _answer_with(monkeypatch, whole_row)
    rows.restrict_button.click()
    settle(qtbot, window)
    kinds = sorted((r.field or "", tuple(r.hidden_from)) for r in _restrictions(window))
    assert kinds == [("", (MOTHER,)), ("address", (FATHER,))]

    # undo takes the last marking away again
    window.case_page.edit_actions.undo()
    settle(qtbot, window)
    assert [r.field for r in _restrictions(window)] == ["address"]


def test_dialog_speaks_dutch(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    target = RestrictTarget(
        CASE_ID, "person", GRANNY, None, "Familie", GRANNY, (("address", "Adres"),)
    )
    dialog = RestrictionDialog(target, case_file(window), window)
    qtbot.addWidget(dialog)
    dialog.show()
    found = [m for text in all_texts(dialog) for m in _ENGLISH.findall(text)]
    assert found == []
    assert dialog.windowTitle() == "Niet delen met…"
    assert GRANNY not in dialog.boxes
    assert dialog.focusWidget() is dialog.what
