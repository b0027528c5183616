"""The case list's columns: index child, next deadline (overdue marked in words, not by
colour alone) and last change; each sorts by its meaning, not by its Dutch text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont

from casusregie.domain.overview import summarize
from casusregie.store.caseio import import_case
from casusregie.store.demo import demo_document
from casusregie.store.profile import Profile
from casusregie.ui.models.case_list import (
    CASE_ID_ROLE,
    COL_CHANGED,
    COL_CHILD,
    COL_DEADLINE,
    CaseFilterProxy,
    CaseListModel,
    changed_text,
    deadline_text,
)
from casusregie.ui.ops.case import CaseDetails, CaseRow, case_details, case_rows
from conftest import PASSPHRASE

TODAY = dt.date(2026, 3, 10)
ROWS = [
    CaseRow("a", "Gezin Aalders", "Lokaal team", "Mirjam", index_child="Sanne"),
    CaseRow(
        "b",
        "Gezin Bakker",
        "Lokaal team",
        "Joris",
        last_change=dt.datetime(2026, 3, 10, 9, 5),
    ),
    CaseRow(
        "c",
        "Gezin Claes",
        "Lokaal team",
        "Ilse",
        index_child="Ayla",
        last_change=dt.datetime(2025, 11, 2, 16, 40),
    ),
]
DETAILS = {
    "a": CaseDetails((), frozenset(), (dt.date(2026, 3, 24), "Netwerkberaad")),
    "b": CaseDetails((), frozenset(), None),
    "c": CaseDetails((), frozenset(), (dt.date(2026, 2, 27), "Afspraak: " + "lang " * 20)),
}


def _model() -> CaseListModel:
    model = CaseListModel()
    model.today = lambda: TODAY
    model.set_rows(ROWS)
    model.set_details(DETAILS)
    return model


def test_texts_of_a_deadline_and_a_change() -> None:
    assert deadline_text(None, TODAY) == ""
    assert deadline_text((dt.date(2026, 3, 24), "Netwerkberaad"), TODAY) == "24 mrt · Netwerkberaad"
    late = deadline_text((dt.date(2025, 12, 1), "Netwerkberaad"), TODAY)
    assert late == "Te laat: 1 dec 2025 · Netwerkberaad"
    assert deadline_text((TODAY, "Vandaag"), TODAY).startswith("10 mrt")  # due today: not late
    long = deadline_text((TODAY, "x" * 80), TODAY)
    assert long.endswith("…") and len(long) < 60
    assert changed_text(None, TODAY) == ""
    assert changed_text(dt.datetime(2026, 3, 10, 9, 5), TODAY) == "vandaag 09:05"
    assert changed_text(dt.datetime(2026, 3, 9, 23, 59), TODAY) == "gisteren 23:59"
    assert changed_text(dt.datetime(2026, 1, 2, 8, 0), TODAY) == "2 jan"


def test_cells_and_the_overdue_mark(qtmodeltester: Any) -> None:
    model = _model()
    qtmodeltester.check(model)
    assert model.index(0, COL_CHILD).data() == "Sanne"
    assert model.index(1, COL_CHILD).data() == ""
    assert model.index(0, COL_DEADLINE).data() == "24 mrt · Netwerkberaad"
    late = model.index(2, COL_DEADLINE)
    assert str(late.data()).startswith("Te laat: 27 feb · Afspraak: lang")
    # in words first; red and bold besides
    font = late.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert isinstance(late.data(Qt.ItemDataRole.ForegroundRole), QBrush)
    assert model.index(0, COL_DEADLINE).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(0, COL_DEADLINE).data(Qt.ItemDataRole.ForegroundRole) is None
    # the whole "what" and the full date in the tooltip
    tip = str(late.data(Qt.ItemDataRole.ToolTipRole))
    assert tip.startswith("Te laat: Afspraak: lang lang") and "27 februari 2026" in tip
    assert model.index(1, COL_CHANGED).data() == "vandaag 09:05"
    assert "2 november 2025 om 16:40" in str(
        model.index(2, COL_CHANGED).data(Qt.ItemDataRole.ToolTipRole)
    )


def _sorted(model: CaseListModel, column: int, order: Qt.SortOrder) -> list[str]:
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(column, order)
    return [proxy.index(r, 0).data(CASE_ID_ROLE) for r in range(proxy.rowCount())]


def test_dates_sort_as_dates_and_empty_ones_last() -> None:
    model = _model()
    # by text, "24 mrt" would come before "Te laat: 27 feb"; by day, the late one first
    assert _sorted(model, COL_DEADLINE, Qt.SortOrder.AscendingOrder) == ["c", "a", "b"]
    assert _sorted(model, COL_DEADLINE, Qt.SortOrder.DescendingOrder) == ["b", "a", "c"]
    assert _sorted(model, COL_CHANGED, Qt.SortOrder.AscendingOrder) == ["c", "b", "a"]
    assert _sorted(model, COL_CHILD, Qt.SortOrder.AscendingOrder) == ["b", "c", "a"]


SMALL = {
    "format": "casusregie-case",
    "version": 1,
    "case": {"id": "casus-klein", "family_name": "Gezin Klein", "phase": "lokaal_team"},
    "persons": [{"id": "p-z", "name": "Zoë Klein", "role": "kind"}],
    "items": [
        {  # doorlopend: its deadline is the day it applies from, never due
            "id": "a-door",
            "template": "veiligheidsplan",
            "section": "afspraken",
            "position": 1,
            "version": 2,
            "answers": {"what": "Oma belt elke avond", "deadline": "2026-01-05"},
        },
        {
            "id": "a-een",
            "template": "veranderplan",
            "section": "doelen",
            "position": 1,
            "version": 1,
            "answers": {"what": "Huur betalen", "deadline": "2026-02-01"},
        },
        {
            "id": "a-twee",
            "template": "veranderplan",
            "section": "doelen",
            "position": 2,
            "version": 1,
            "answers": {"what": "Schoolgesprek", "deadline": "2026-04-01"},
        },
    ],
}


def test_rows_and_details_come_from_the_store(demo_profile: Profile) -> None:
    store = demo_profile.unlock(PASSPHRASE)
    try:
        import_case(store, SMALL)
        before = dt.datetime.now() - dt.timedelta(minutes=1)
        rows = {r.case_id: r for r in case_rows(store)}
        assert rows["demo-bakker"].index_child == "Jayden Kok"
        assert rows["casus-klein"].index_child == ""  # a child, but none marked
        now = dt.datetime.now() + dt.timedelta(seconds=1)
        klein, bakker = rows["casus-klein"].last_change, rows["demo-bakker"].last_change
        assert klein is not None and before <= klein <= now  # imported just now
        assert bakker is not None and bakker <= klein  # imported when the session began
        # the first thing due, overdue ones included; not the doorlopende agreement
        assert case_details(store, TODAY)["casus-klein"].next_deadline == (
            dt.date(2026, 2, 1),
            "Afspraak: Huur betalen",
        )
        with store.write("Afspraak gedaan") as tx:
            tx.set("item", "a-een", "answer.status", "gedaan")
        assert case_details(store, TODAY)["casus-klein"].next_deadline == (
            dt.date(2026, 4, 1),
            "Afspraak: Schoolgesprek",
        )
        # the demo: the netwerkberaad is overdue, the overview lists only what is ahead
        day = dt.date(2025, 12, 18)
        due = case_details(store, day)["demo-bakker"].next_deadline
        assert due == (dt.date(2025, 12, 10), "Netwerkberaad")
        summary = summarize(store.load_case("demo-bakker"), day)
        assert summary.deadlines and all(d.day >= day for d in summary.deadlines)
        assert summary.netwerkberaad_overdue
    finally:
        store.close()


def test_demo_document_has_one_index_child() -> None:
    persons: list[dict[str, Any]] = demo_document()["persons"]  # type: ignore[assignment]
    assert [p["name"] for p in persons if p.get("index_child")] == ["Jayden Kok"]
