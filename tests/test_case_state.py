"""``domain.case_state``: one answer to every "now" question of a case."""

from __future__ import annotations

import datetime as dt

from casusregie.domain.case_state import case_state
from casusregie.domain.model import Form, Item, LifeEvent
from report_helpers import CHILD, MOTHER, fled_case

TODAY = dt.date(2025, 12, 18)


def _meeting(cf, inst: str, day: str, score: int) -> None:  # type: ignore[no-untyped-def]
    cid = cf.case.id
    cf.forms += [
        Form(f"{inst}-v", cid, "gespreksleidraad", "vooraf", instance=inst, answers={"datum": day}),
        Form(f"{inst}-s", cid, "gespreksleidraad", "directe_veiligheid_schaalvraag",
             instance=inst, answers={"score": score, "onderbouwing": f"reden {score}"}),
    ]  # fmt: skip


def test_the_newest_dated_score_is_now_and_events_after_it_count() -> None:
    cf = fled_case()  # the plan scored 5 on 2 June 2025
    _meeting(cf, "cb1", "2025-09-01", 7)
    cf.life_events.append(LifeEvent("e-new", cf.case.id, date="2025-10-03", description="Ruzie"))
    cf.life_events.append(LifeEvent("e-old", cf.case.id, date="2025-08", description="Oud"))
    state = case_state(cf, TODAY)
    assert state.safety is not None
    assert (state.safety.score, state.safety.day, state.safety.reason) == (
        7,
        dt.date(2025, 9, 1),
        "reden 7",
    )
    assert [t.score for t in state.trend] == [5, 7]
    assert [e.id for e in state.since_taxatie] == ["e-new"]
    assert not state.below_bottom


def test_a_score_after_today_is_not_now() -> None:
    cf = fled_case()
    _meeting(cf, "cb1", "2026-02-01", 9)
    state = case_state(cf, TODAY)
    assert state.safety is not None and state.safety.score == 5


def test_open_actions_leave_out_signals_and_standing_rules() -> None:
    cf = fled_case()
    cid = cf.case.id
    cf.items += [
        Item("sig", cid, "borgingsplan", "signalen", answers={"signal": "Post blijft liggen"}),
        Item("rule", cid, "veiligheidsplan", "afspraken",
             answers={"what": "Altijd bellen", "owner": "Anaïs", "aard": "doorlopend"}),
        Item("act", cid, "netwerkberaad", "afspraken",
             answers={"what": "Huisbezoek", "owner": "Ilse", "deadline": "2025-12-20"}),
    ]  # fmt: skip
    whats = [a.what for a in case_state(cf, TODAY).open_actions]
    assert "Huisbezoek" in whats
    assert "Post blijft liggen" not in whats and "Altijd bellen" not in whats


def test_gezag_and_maatregel_per_child() -> None:
    cf = fled_case()
    child = next(p for p in cf.persons if p.id == CHILD)
    child.custody, child.custody_holders = "een_ouder", [MOTHER]
    child.measure, child.measure_from = "ots", "2025-04-01"
    by_id = {c.person.id: c for c in case_state(cf, TODAY).children}
    assert by_id[CHILD].gezag == "Eén ouder: Anaïs Çelik"
    assert by_id[CHILD].maatregel == "Ondertoezichtstelling (OTS), sinds 1 april 2025"
    assert by_id[CHILD].age == 14
    others = [c for pid, c in by_id.items() if pid != CHILD]
    assert others and all(c.gezag.startswith("niet vastgelegd") for c in others)
    assert all(c.maatregel == "Geen maatregel" for c in others)


def test_regie_and_roles_are_the_overviews_roles() -> None:
    """One source for "now": the Stand van zaken words every role exactly as the overview
    does (``domain.roles``), kernteam and doorzettingsmacht included."""
    import json

    from casusregie.domain.caseformat import from_document
    from casusregie.domain.roles import case_roles, role_lines
    from casusregie.templates import resource_path

    doc = json.loads(resource_path("demo", "familie-demo.json").read_text(encoding="utf-8"))
    cf = from_document(doc)
    state = case_state(cf, TODAY)
    overview = role_lines(case_roles(cf), TODAY)
    assert state.roles[: len(overview)] == overview
    lines = dict(state.roles)
    assert "Politie" in lines["Kernteam"]
    assert "procesregisseur" in lines["Doorzettingsmacht"]
    # a role recorded later shows at once in both, worded the same
    cf.forms.append(
        Form("f-rollen", cf.case.id, "rollen", "overdracht", answers={"aan_wie": "Koen"})
    )
    again = dict(case_state(cf, TODAY).roles)
    assert again["Overgedragen"] == dict(role_lines(case_roles(cf), TODAY))["Overgedragen"]
    assert again["Overgedragen"].startswith("aan Koen")
