"""The case list's filters (phase; netwerkberaad te laat, kind niet gesproken,
overdracht niet compleet) and "Nieuwe casus" (Ctrl+N), by keyboard only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from casusregie.domain.model import Phase
from casusregie.store.caseio import import_case, validate_document
from casusregie.store.demo import demo_document
from casusregie.store.profile import Profile
from casusregie.ui.models.case_list import (
    COL_ATTENTION,
    FLAGS_ROLE,
    PHASE_ROLE,
    CaseFilterProxy,
    CaseListModel,
)
from casusregie.ui.ops.case import (
    FLAG_CHILD,
    FLAG_HANDOVER,
    FLAG_MEETING_LATE,
    CaseDetails,
    CaseRow,
    flags_of,
)
from conftest import PASSPHRASE

Make = Callable[..., Any]
DAY = dt.date(2025, 12, 18)

ROWS = [
    CaseRow("a", "Gezin Verbeek", "Lokaal team", "Mirjam", ("Sanne",), "lokaal_team"),
    CaseRow("b", "Gezin Özdemir", "Maatregel: GI (OTS)", "Joris", ("Ayla",), "maatregel_gi"),
    CaseRow("c", "Gezin Bakker", "Lokaal team", "Ilse", ("Jayden",), "lokaal_team"),
]
FLAGS = {
    "a": frozenset({FLAG_CHILD}),
    "b": frozenset({FLAG_MEETING_LATE, FLAG_HANDOVER}),
    "c": frozenset(),
}


def test_models_with_filters_pass_the_model_tester(qtmodeltester: Any) -> None:
    model = CaseListModel()
    model.set_rows(ROWS)
    assert not model.flags_known
    assert model.index(0, 0).data(FLAGS_ROLE) is None
    model.set_details({k: CaseDetails(("Mees de Wit",), v) for k, v in FLAGS.items()})
    assert model.flags_known
    qtmodeltester.check(model)
    assert model.headerData(COL_ATTENTION, Qt.Orientation.Horizontal) == "Let op"
    assert model.index(1, COL_ATTENTION).data() == "Netwerkberaad te laat, Overdracht niet compleet"
    assert model.index(1, 0).data(PHASE_ROLE) == "maatregel_gi"
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)

    def ids() -> set[str]:
        return {
            proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) for r in range(proxy.rowCount())
        }

    proxy.set_phase("lokaal_team")
    assert ids() == {"a", "c"}
    proxy.set_flags(frozenset({FLAG_CHILD}))
    assert ids() == {"a"}
    proxy.set_phase(None)
    proxy.set_flags(frozenset({FLAG_CHILD, FLAG_MEETING_LATE}))  # at least one of them
    assert ids() == {"a", "b"}
    proxy.set_query("bakker")
    assert ids() == set()
    qtmodeltester.check(proxy)
    proxy.set_flags(frozenset())
    assert ids() == {"c"}


OTHER = {
    "format": "casusregie-case",
    "version": 1,
    "case": {
        "id": "casus-ozdemir",
        "family_name": "Gezin Özdemir",
        "phase": "maatregel_gi",
        "regisseur": "Joris Kok",
        "opened_on": "2025-01-06",
    },
    "persons": [{"id": "p-ayla", "name": "Ayla Özdemir", "role": "moeder"}],
}


JANSEN = {
    "format": "casusregie-case",
    "version": 1,
    "case": {
        "id": "casus-jansen",
        "family_name": "Gezin Jansen",
        "phase": "lokaal_team_gi",
        "gi_product": "1",
        "regisseur": "Fleur Peters",
        "opened_on": "2025-12-01",
    },
    "persons": [
        {"id": "p-eva", "name": "Eva Jansen", "role": "moeder"},
        {"id": "p-tim", "name": "Tim Jansen", "role": "kind", "birth_date": "2018-04-02"},
    ],
    "forms": [
        {
            "template": "gesprekken_kinderen",
            "section": "kind",
            "person": "p-tim",
            "version": 1,
            "answers": {"laatste_gesprek": "2025-12-10"},
        }
    ],
}


@pytest.fixture
def three_cases(demo_profile: Profile) -> Profile:
    store = demo_profile.unlock(PASSPHRASE)
    try:
        import_case(store, OTHER)
        import_case(store, JANSEN)
    finally:
        store.close()
    return demo_profile


def _families(page: Any) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def test_filters_on_the_list(
    qtbot: Any, make_window: Make, three_cases: Profile, unlock: Any
) -> None:
    window = make_window(three_cases)
    page = window.case_list
    page.today = lambda: DAY
    unlock(window)
    qtbot.waitUntil(lambda: page.model.flags_known, timeout=10_000)
    demo = validate_document(demo_document())
    assert flags_of(demo, DAY) == {FLAG_MEETING_LATE, FLAG_CHILD, FLAG_HANDOVER}
    assert _families(page) == ["Bakker", "Gezin Jansen", "Gezin Özdemir"]

    page.phase_filter.setCurrentIndex(page.phase_filter.findData(Phase.MAATREGEL_GI.value))
    assert _families(page) == ["Gezin Özdemir"]
    assert page.status.text() == "1 van 3 casussen"
    page.phase_filter.setCurrentIndex(0)  # Alle fasen
    assert page.phase_filter.currentText() == "Alle fasen"
    assert len(_families(page)) == 3

    page.flag_boxes[FLAG_CHILD].setChecked(True)
    assert _families(page) == ["Bakker"]  # Tim Jansen was spoken with; Özdemir: no child
    page.flag_boxes[FLAG_MEETING_LATE].setChecked(True)
    assert _families(page) == ["Bakker", "Gezin Özdemir"]  # Özdemir: opened in January
    page.flag_boxes[FLAG_CHILD].setChecked(False)
    page.flag_boxes[FLAG_MEETING_LATE].setChecked(False)
    page.flag_boxes[FLAG_HANDOVER].setChecked(True)
    assert len(_families(page)) == 3  # no case has a complete handover set
    page.flag_boxes[FLAG_HANDOVER].setChecked(False)
    page.flag_boxes[FLAG_CHILD].setChecked(True)
    page.phase_filter.setCurrentIndex(page.phase_filter.findData(Phase.LOKAAL_TEAM_GI.value))
    assert _families(page) == []
    assert page.status.text() == "Geen casus past bij deze filters."
    row = page.model.index(0, COL_ATTENTION).data()
    assert row == "Netwerkberaad te laat, Kind niet gesproken, Overdracht niet compleet"


def test_new_case_by_keyboard_only(
    qtbot: Any, make_window: Make, demo_profile: Profile, unlock: Any
) -> None:
    window = make_window(demo_profile)
    unlock(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.case_list
    qtbot.waitUntil(lambda: page._author == "Testregisseur")
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.new_case_dialog is not None and page.new_case_dialog.isVisible())
    dialog = page.new_case_dialog
    assert dialog.windowTitle() == "Nieuwe casus"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.family_edit)

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # nothing typed yet
    assert dialog.error.isVisible() and dialog.error.text() == "Vul de naam van het gezin in."
    assert page.new_case_dialog is dialog

    qtbot.keyClicks(QApplication.focusWidget(), "Gezin de Wit")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.regisseur_edit
    assert dialog.regisseur_edit.text() == "Testregisseur"  # the profile's author
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.phase_combo
    qtbot.keyClick(dialog.phase_combo, Qt.Key.Key_Down)
    assert dialog.phase_combo.currentData() == Phase.LOKAAL_TEAM_GI.value
    qtbot.keyClick(dialog.phase_combo, Qt.Key.Key_Return)

    case_page = window.case_page
    qtbot.waitUntil(lambda: case_page.title.text() == "Gezin de Wit", timeout=10_000)
    assert window.stack.currentWidget() is case_page
    qtbot.waitUntil(lambda: case_page.dashboard.is_ready, timeout=10_000)
    assert case_page.tabs.currentWidget() is case_page.dashboard
    assert page.new_case_dialog is None
    store = window.session.store
    case = next(c for c in store.list_cases() if c.family_name == "Gezin de Wit")
    assert (case.regisseur, case.phase) == ("Testregisseur", "lokaal_team_gi")
    assert case.opened_on == dt.date.today().isoformat()
    history = store.history("case", case.id)
    assert {c.field for c in history} >= {"family_name", "phase", "opened_on"}
    assert store.action_of(history[0].txn_id) == "Nieuwe casus"
    qtbot.waitUntil(lambda: "Gezin de Wit" in _families(page), timeout=10_000)


def test_new_case_can_be_cancelled_and_is_gone_when_locked(
    qtbot: Any, make_window: Make, demo_profile: Profile, unlock: Any
) -> None:
    window = make_window(demo_profile)
    unlock(window)
    page = window.case_list
    window.case_list.new_case_action.trigger()
    dialog = page.new_case_dialog
    assert dialog is not None
    qtbot.keyClick(dialog.family_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.new_case_dialog is None)
    window.case_list.new_case_action.trigger()
    assert page.new_case_dialog is not None
    page.new_case_dialog.family_edit.setText("Gezin Geheim")
    window.lock()
    assert page.new_case_dialog is None
    assert not window.case_list.new_case_action.isEnabled()
