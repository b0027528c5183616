"""The case list: model, search on family and person names, opening by keyboard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from casusregie.store.caseio import import_case
from casusregie.store.profile import Profile
from casusregie.ui.models.case_list import (
    CASE_ID_ROLE,
    COL_REGISSEUR,
    CaseFilterProxy,
    CaseListModel,
    fold,
)
from casusregie.ui.ops.case import CaseRow
from conftest import PASSPHRASE

Make = Callable[..., Any]

OTHER = {
    "format": "casusregie-case",
    "version": 1,
    "case": {
        "id": "casus-ozdemir",
        "family_name": "Gezin Özdemir",
        "phase": "lokaal_team",
        "regisseur": "Joris Kok",
    },
    "persons": [
        {"id": "p-ayla", "name": "Ayla Özdemir", "role": "moeder"},
        {"id": "p-mees", "name": "Mees de Wit", "role": "kind"},
    ],
}


@pytest.fixture
def two_cases(profile: Profile) -> Profile:
    store = profile.unlock(PASSPHRASE)
    try:
        import_case(store, OTHER)
    finally:
        store.close()
    return profile


def _rows() -> list[CaseRow]:
    return [
        CaseRow("a", "Gezin Verbeek", "Lokaal team", "Mirjam", ("Sanne Verbeek",)),
        CaseRow("b", "Gezin Özdemir", "Lokaal team", "Joris", ("Mees de Wit", "Ayla")),
    ]


def test_models_pass_the_model_tester(qtmodeltester: Any) -> None:
    model = CaseListModel()
    model.set_rows(_rows())
    qtmodeltester.check(model)
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_query("wit")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)] == [
        "Gezin",
        "Indexkind",
        "Fase",
        "Regisseur",
        "Volgende termijn",
        "Laatste wijziging",
        "Let op",
    ]


def test_fold() -> None:
    assert fold("Özdemir") == "ozdemir"
    assert fold("  Çelik-VAN Dijk ") == "  celik-van dijk "


def test_search_on_family_and_person_names(
    qtbot: Any, make_window: Make, two_cases: Profile, unlock: Any
) -> None:
    window = make_window(two_cases)
    unlock(window)
    page = window.case_list
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2)
    assert page.status.text() == "2 casussen"

    def families() -> list[str]:
        return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]

    assert families() == ["Gezin Özdemir", "Gezin Verbeek-Amrani"]  # sorted, locale-aware
    page.search.setText("ozdemir")
    assert families() == ["Gezin Özdemir"]
    page.search.setText("Bakhuizen")  # the neighbour: a person, not the family name
    assert families() == ["Gezin Verbeek-Amrani"]
    page.search.setText("mees wit")  # every word must match
    assert families() == ["Gezin Özdemir"]
    assert page.status.text() == "1 van 2 casussen"
    page.search.setText("Pietersen")
    assert families() == []
    assert page.status.text().startswith("Geen gezin of persoon gevonden")


def test_open_with_keyboard_and_double_click(
    qtbot: Any, make_window: Make, two_cases: Profile, unlock: Any
) -> None:
    window = make_window(two_cases)
    unlock(window)
    page = window.case_list
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2)

    page.search.setText("Ayla")
    with qtbot.waitSignal(page.open_requested) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened.args == ["casus-ozdemir"]
    qtbot.waitUntil(lambda: window.case_page.title.text() == "Gezin Özdemir", timeout=10_000)

    window.show_case_list()
    page.search.setText("")
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)  # into the list
    assert page.table.hasFocus() or window.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.open_requested) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == ["casus-verbeek"]

    window.show_case_list()
    index = page.proxy.index(0, 0)
    rect = page.table.visualRect(index)
    with qtbot.waitSignal(page.open_requested) as opened:
        # QTest's double click needs the click before it, as a real one has
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [index.data(CASE_ID_ROLE)]


def test_a_change_refreshes_the_list_and_the_open_case(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any, open_case: Any
) -> None:
    window = make_window(profile)
    unlock(window)
    open_case(window)

    def rename(store: Any) -> Any:
        with store.write("Regisseur gewijzigd") as tx:
            tx.set("case", "casus-verbeek", "regisseur", "Anouk Jansen")
        return tx.changes

    with qtbot.waitSignal(window.session.changed):
        window.session.change(window, rename)
    qtbot.waitUntil(
        lambda: window.case_list.model.index(0, COL_REGISSEUR).data() == "Anouk Jansen",
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: "Anouk Jansen" in window.case_page.subtitle.text(), timeout=10_000)
