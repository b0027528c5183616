"""The rules of the method, each on its own, with its edges.

Every test builds a small ``CaseFile`` in code (no store, no files) and checks what one
rule finds: exactly 13 weeks is on time and the day after is not; a child changes age
group on the birthday itself; an agreement due today is not overdue yet. The last part
runs ``check_case`` as a whole, on an empty case and on the shipped demo family, and
checks that every finding points to a template section that exists.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from casusregie.domain.caseformat import from_document
from casusregie.domain.entities import ENTITY_TYPES
from casusregie.domain.model import (
    Case,
    CaseFile,
    Certainty,
    Form,
    GiProduct,
    HelpEpisode,
    HelpStatus,
    Item,
    LifeEvent,
    Person,
    Phase,
    Relation,
    RelationKind,
    Role,
)
from casusregie.domain.rules import (
    RULES,
    SEVERITIES,
    Finding,
    RuleSettings,
    agreements,
    check_case,
    children,
    facts,
    handover,
    meetings,
    phase,
    safety,
)
from casusregie.templates import load_templates, resource_path

CID = "casus-regels"
TODAY = dt.date(2025, 6, 16)
WEEKS_13 = dt.timedelta(weeks=13)
DAY = dt.timedelta(days=1)
DEFAULT = RuleSettings()

_ids = itertools.count(1)


# -- building small case files ---------------------------------------------------------


def case_file(**case_attrs: Any) -> CaseFile:
    return CaseFile(case=Case(id=CID, case_id=CID, **case_attrs))


def add_form(
    cf: CaseFile,
    template: str,
    section: str,
    answers: dict[str, Any],
    *,
    person: str | None = None,
    instance: str | None = None,
) -> Form:
    form = Form(
        id=Form.make_id(CID, template, section, person, instance),
        case_id=CID,
        template=template,
        section=section,
        person=person,
        instance=instance,
        answers=dict(answers),
    )
    cf.forms.append(form)
    return form


def add_item(
    cf: CaseFile,
    template: str,
    section: str,
    answers: dict[str, Any],
    *,
    instance: str | None = None,
) -> Item:
    n = next(_ids)
    item = Item(
        id=f"item-{n}",
        case_id=CID,
        template=template,
        section=section,
        instance=instance,
        position=n,
        answers=dict(answers),
    )
    cf.items.append(item)
    return item


def add_person(cf: CaseFile, pid: str, role: Role, **attrs: Any) -> Person:
    person = Person(id=pid, case_id=CID, name=attrs.pop("name", pid), role=role.value, **attrs)
    cf.persons.append(person)
    return person


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def only(findings: list[Finding], code: str) -> Finding:
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, codes(findings)
    return found[0]


def iso(day: dt.date) -> str:
    return day.isoformat()


# -- phase ---------------------------------------------------------------------------

PRODUCTS: list[str | None] = [None, *GiProduct.values()]


@pytest.mark.parametrize("gi_product", PRODUCTS)
@pytest.mark.parametrize("the_phase", Phase.values())
def test_roles_are_named_for_every_phase_and_product(the_phase: str, gi_product: str | None):
    r = phase.roles(the_phase, gi_product)
    assert r.regie.strip()
    assert r.veiligheidstaxatie.strip()
    assert r.kernbesluiten.strip()


@pytest.mark.parametrize(
    "the_phase", [Phase.LOKAAL_TEAM.value, Phase.MAATREGEL_GI.value, Phase.NA_BORGING.value]
)
def test_gi_product_matters_only_when_the_gi_lends_expertise(the_phase: str):
    assert {phase.roles(the_phase, p) for p in PRODUCTS} == {phase.roles(the_phase)}


def test_roles_per_phase():
    local = phase.roles(Phase.LOKAAL_TEAM.value)
    assert (local.regie, local.veiligheidstaxatie, local.kernbesluiten) == (
        "Lokaal team",
        "Lokaal team",
        "Lokaal team",
    )
    measure = phase.roles(Phase.MAATREGEL_GI.value)
    assert measure.regie.startswith("GI")
    assert measure.veiligheidstaxatie == "GI"
    assert measure.kernbesluiten.startswith("GI")
    after = phase.roles(Phase.NA_BORGING.value)
    assert after.regie == after.veiligheidstaxatie == "Lokaal team"
    assert after.kernbesluiten.startswith("Lokaal team")
    assert "GI" in after.kernbesluiten  # the GI may be involved in time
    assert after.kernbesluiten != local.kernbesluiten


def test_product_2a_and_2b_change_who_does_the_taxatie_and_the_kernbesluiten():
    gi = Phase.LOKAAL_TEAM_GI.value
    r1 = phase.roles(gi, GiProduct.CONSULT.value)
    r2a = phase.roles(gi, GiProduct.ADVIES.value)
    r2b = phase.roles(gi, GiProduct.VERANTWOORDELIJK.value)
    # regie stays with the lokaal team under 1 and 2a; under 2b it is casusregie at the
    # GI in the vrijwillig kader (seed 003, product 2b)
    assert r1.regie == r2a.regie
    assert r2a.regie.startswith("Lokaal team")
    assert r2b.regie.startswith("GI")
    assert "vrijwillig kader" in r2b.regie
    # 2a: the lokaal team does the taxatie, the GI advises; 2b: the GI does it
    assert r2a.veiligheidstaxatie.startswith("Lokaal team")
    assert "2a" in r2a.veiligheidstaxatie
    assert r2b.veiligheidstaxatie.startswith("GI")
    assert "2b" in r2b.veiligheidstaxatie
    assert r1.veiligheidstaxatie.startswith("Lokaal team")
    assert "product 1" in r1.veiligheidstaxatie
    # kernbesluiten: the lokaal team under 1 and 2a; the GI (on safety) under 2b
    assert r1.kernbesluiten == r2a.kernbesluiten == "Lokaal team"
    assert r2b.kernbesluiten.startswith("GI")
    assert "veiligheid" in r2b.kernbesluiten
    assert r2a != r2b


def test_missing_gi_product_in_lokaal_team_gi_gives_a_finding():
    cf = case_file(phase=Phase.LOKAAL_TEAM_GI.value)
    found = phase.check(cf, TODAY, DEFAULT)
    missing = only(found, "gi_product_ontbreekt")
    assert missing.level == "let_op"
    assert missing.target is not None
    assert (missing.target.entity_type, missing.target.entity_id, missing.target.field) == (
        "case",
        CID,
        "gi_product",
    )
    info = only(found, "fase")
    assert info.level == "info"
    assert Phase.LOKAAL_TEAM_GI.label in info.message


@pytest.mark.parametrize("product", GiProduct.values())
def test_recorded_gi_product_gives_no_finding(product: str):
    cf = case_file(phase=Phase.LOKAAL_TEAM_GI.value, gi_product=product)
    assert codes(phase.check(cf, TODAY, DEFAULT)) == ["fase"]


@pytest.mark.parametrize(
    "the_phase", [Phase.LOKAAL_TEAM.value, Phase.MAATREGEL_GI.value, Phase.NA_BORGING.value]
)
def test_no_gi_product_needed_outside_lokaal_team_gi(the_phase: str):
    cf = case_file(phase=the_phase)
    found = phase.check(cf, TODAY, DEFAULT)
    assert codes(found) == ["fase"]
    assert Phase.label_of(the_phase) in found[0].message


def test_phase_changes_become_timeline_entries_in_order_skipping_no_ops():
    d1, d2, d3, d4, d5 = (dt.date(2025, m, 1) for m in (1, 3, 5, 7, 9))
    history = [
        (d3, "lokaal_team_gi", "maatregel_gi"),
        (d1, None, "lokaal_team"),
        (d4, "maatregel_gi", "maatregel_gi"),  # saved again, unchanged: no entry
        (d2, "lokaal_team", "lokaal_team_gi"),
        (d5, "maatregel_gi", None),  # cleared: no entry
    ]
    assert phase.phase_changes(history) == [
        (d1, "Start casus, fase: Lokaal team"),
        (d2, "Fase gewijzigd: Lokaal team → Lokaal team met expertise van de GI"),
        (d3, "Fase gewijzigd: Lokaal team met expertise van de GI → Maatregel: GI (OTS)"),
    ]
    assert phase.phase_changes([]) == []


# -- safety (gefaseerd werken) --------------------------------------------------------


def add_meeting(
    cf: CaseFile,
    instance: str,
    day: str | None,
    *,
    direct: int | None = None,
    stable: int | None = None,
    recovery: int | None = None,
    anchor: str = "",
) -> None:
    """One case discussion (gespreksleidraad occasion) with its agreed scores."""
    if day is not None:
        add_form(cf, "gespreksleidraad", "vooraf", {"datum": day}, instance=instance)
    for prefix, score in (
        ("directe_veiligheid", direct),
        ("risicogestuurde_zorg", stable),
        ("herstelgerichte_zorg", recovery),
    ):
        if score is not None:
            add_form(
                cf,
                "gespreksleidraad",
                f"{prefix}_schaalvraag",
                {"score": score, "ankertekst": f"{anchor} ({prefix} {score})"},
                instance=instance,
            )


def set_bottom(cf: CaseFile, cijfer: int) -> None:
    add_form(
        cf, "veiligheidsplan", "zes", {"ondergrens_cijfer": cijfer, "zes": "Goed genoeg is..."}
    )


def test_score_history_in_date_order_with_anchors():
    cf = case_file()
    # added out of date order, and with instance ids that sort differently from dates
    add_meeting(cf, "m-c", "2025-03-01", direct=7, stable=4, anchor="maart")
    add_meeting(cf, "m-a", "2025-05-20", direct=8, stable=6, recovery=3, anchor="mei")
    add_meeting(cf, "m-b", "2025-01-10", direct=3, anchor="januari")
    history = safety.score_history(cf)
    assert [(s.day, s.phase, s.score, s.instance) for s in history] == [
        (dt.date(2025, 1, 10), "directe_veiligheid", 3, "m-b"),
        (dt.date(2025, 3, 1), "directe_veiligheid", 7, "m-c"),
        (dt.date(2025, 3, 1), "risicogestuurde_zorg", 4, "m-c"),
        (dt.date(2025, 5, 20), "directe_veiligheid", 8, "m-a"),
        (dt.date(2025, 5, 20), "risicogestuurde_zorg", 6, "m-a"),
        (dt.date(2025, 5, 20), "herstelgerichte_zorg", 3, "m-a"),
    ]
    # every score keeps its own anchor text beside it
    months = {"m-a": "mei", "m-b": "januari", "m-c": "maart"}
    for s in history:
        assert s.anchor == f"{months[s.instance]} ({s.phase} {s.score})"


def test_score_without_anchor_keeps_an_empty_anchor():
    cf = case_file()
    add_form(cf, "gespreksleidraad", "vooraf", {"datum": "2025-02-01"}, instance="m1")
    add_form(cf, "gespreksleidraad", "directe_veiligheid_schaalvraag", {"score": 5}, instance="m1")
    (score,) = safety.score_history(cf)
    assert (score.score, score.anchor, score.day) == (5, "", dt.date(2025, 2, 1))


def test_forms_outside_an_occasion_are_not_scores():
    cf = case_file()
    # a gespreksleidraad form without instance is not one of the case discussions
    add_form(cf, "gespreksleidraad", "directe_veiligheid_schaalvraag", {"score": 2})
    assert safety.score_history(cf) == []


def test_no_score_means_directe_veiligheid():
    cf = case_file()
    assert safety.stage(cf, DEFAULT) == "directe_veiligheid"
    found = safety.check(cf, TODAY, DEFAULT)
    assert "geen_schaalvraag" in codes(found)
    assert "terug_naar_veiligheidsplan" not in codes(found)
    assert "geen_veiligheidsafspraken" in codes(found)
    assert only(found, "fase_werk").level == "info"


def test_score_below_the_default_bottom_goes_back_to_the_veiligheidsplan():
    cf = case_file()
    add_meeting(cf, "m1", "2025-05-01", direct=5)
    assert safety.stage(cf, DEFAULT) == "directe_veiligheid"
    back = only(safety.check(cf, TODAY, DEFAULT), "terug_naar_veiligheidsplan")
    assert back.level == "let_op"
    assert "5" in back.message
    assert "6" in back.message
    assert back.target is not None
    assert (back.target.template, back.target.section) == ("veiligheidsplan", "afspraken")


def test_exactly_the_bottom_is_good_enough():
    cf = case_file()
    add_meeting(cf, "m1", "2025-05-01", direct=6)
    assert safety.bottom_line_score(cf, DEFAULT) == 6
    assert safety.stage(cf, DEFAULT) == "risicogestuurde_zorg"
    found = codes(safety.check(cf, TODAY, DEFAULT))
    assert "terug_naar_veiligheidsplan" not in found
    assert "geen_schaalvraag" not in found
    assert "geen_veiligheidsafspraken" not in found  # no longer in directe veiligheid


def test_the_6_is_fixed_a_stored_number_per_case_is_ignored():
    # seed 003: only what the 6 looks like is the family's own; the number is the method's
    cf = case_file()
    set_bottom(cf, 5)  # an answer stored before veiligheidsplan v2
    add_meeting(cf, "m1", "2025-05-01", direct=5)
    assert safety.bottom_line_score(cf, DEFAULT) == safety.BOTTOM_LINE == 6
    assert safety.score_stage(cf) == "directe_veiligheid"
    back = only(safety.check(cf, TODAY, DEFAULT), "terug_naar_veiligheidsplan")
    assert "onder de 6" in back.message
    assert back.severity == "acuut"

    cf = case_file()
    set_bottom(cf, 7)
    add_meeting(cf, "m1", "2025-05-01", direct=6)  # exactly the 6: good enough
    assert safety.stage(cf, DEFAULT) == "risicogestuurde_zorg"
    assert "terug_naar_veiligheidsplan" not in codes(safety.check(cf, TODAY, DEFAULT))


def test_stage_moves_on_when_each_phase_reaches_the_bottom():
    cf = case_file()
    add_meeting(cf, "m1", "2025-05-01", direct=7, stable=5)
    assert safety.stage(cf, DEFAULT) == "risicogestuurde_zorg"

    cf = case_file()
    add_meeting(cf, "m1", "2025-05-01", direct=7, stable=6)
    assert safety.stage(cf, DEFAULT) == "herstelgerichte_zorg"
    assert "Herstel" in only(safety.check(cf, TODAY, DEFAULT), "fase_werk").message

    # a stable-safety score only counts once the direct safety is good enough
    cf = case_file()
    add_meeting(cf, "m1", "2025-05-01", direct=4, stable=9)
    assert safety.stage(cf, DEFAULT) == "directe_veiligheid"


def test_a_drop_after_a_rise_falls_back():
    cf = case_file()
    add_meeting(cf, "m1", "2025-01-15", direct=4)
    add_meeting(cf, "m2", "2025-02-15", direct=7, stable=7)
    assert safety.stage(cf, DEFAULT) == "herstelgerichte_zorg"
    assert "terug_naar_veiligheidsplan" not in codes(safety.check(cf, TODAY, DEFAULT))

    add_meeting(cf, "m3", "2025-03-15", direct=5)
    assert safety.stage(cf, DEFAULT) == "directe_veiligheid"
    found = safety.check(cf, TODAY, DEFAULT)
    back = only(found, "terug_naar_veiligheidsplan")
    assert "scoort 5" in back.message
    assert "4, 7, 5" in only(found, "fase_werk").message  # the thermostaat over time
    assert "geen_veiligheidsafspraken" in codes(found)

    add_item(cf, "veiligheidsplan", "afspraken", {"what": "Oma komt elke avond langs."})
    assert "geen_veiligheidsafspraken" not in codes(safety.check(cf, TODAY, DEFAULT))


def test_the_latest_meeting_counts_not_the_lowest():
    cf = case_file()
    add_meeting(cf, "m-later", "2025-04-01", direct=8)
    add_meeting(cf, "m-earlier", "2025-02-01", direct=3)
    assert safety.stage(cf, DEFAULT) == "risicogestuurde_zorg"
    assert "terug_naar_veiligheidsplan" not in codes(safety.check(cf, TODAY, DEFAULT))


# -- handover (100% schone overdracht) ------------------------------------------------

ALL_PARTS = [p.key for p in handover.HANDOVER_SET]


def _fill_aanleiding(cf: CaseFile) -> None:
    cf.case.aanleiding = "Zorgmelding van school."


def _fill_genogram(cf: CaseFile) -> None:
    add_person(cf, "p-moeder", Role.MOEDER)
    add_person(cf, "p-kind", Role.KIND, birth_date="2015-04-01")
    cf.relations.append(
        Relation(
            id="r-1",
            case_id=CID,
            kind=RelationKind.PARENT_CHILD.value,
            type="biologisch",
            person_a="p-moeder",
            person_b="p-kind",
        )
    )


def _fill_tijdlijn(cf: CaseFile) -> None:
    cf.life_events.append(
        LifeEvent(id="e-1", case_id=CID, date="2016", description="Verhuisd", source="moeder")
    )


def _fill_hulpverlening(cf: CaseFile) -> None:
    cf.help_episodes.append(
        HelpEpisode(
            id="h-1",
            case_id=CID,
            provider="GGZ",
            status=HelpStatus.AFGESLOTEN.value,
            result="Klachten minder.",
        )
    )


def _fill_zorgen_krachten(cf: CaseFile) -> None:
    add_form(
        cf,
        "veiligheidsplan",
        "zorgen_krachten",
        {"zorgen": "Ruzies thuis.", "krachten": "Oma helpt."},
    )


def _fill_veiligheidsafspraken(cf: CaseFile) -> None:
    add_item(cf, "veiligheidsplan", "afspraken", {"what": "Bellen bij ruzie."})


def _fill_besluiten(cf: CaseFile) -> None:
    add_item(
        cf,
        "kernbesluiten",
        "besluiten",
        {"besluit": "Geen maatregel.", "waarom": "De ouders werken mee."},
    )


def _fill_veiligheidstaxatie(cf: CaseFile) -> None:
    add_form(cf, "veiligheidsplan", "taxatie", {"datum": "2025-03-13"})


def _fill_patroon(cf: CaseFile) -> None:
    add_form(cf, "gezinspatroon", "patroon", {"patroon": "Spanning, ruzie, terugtrekken."})


def _fill_eindsituatie(cf: CaseFile) -> None:
    add_form(cf, "veranderplan", "haalbare_eindsituatie", {"eindsituatie": "Rust thuis."})


def _fill_doelen(cf: CaseFile) -> None:
    add_item(cf, "veranderplan", "doelen", {"what": "Schulden geregeld."})


FILLERS: dict[str, Callable[[CaseFile], None]] = {
    "aanleiding": _fill_aanleiding,
    "genogram": _fill_genogram,
    "tijdlijn": _fill_tijdlijn,
    "hulpverlening": _fill_hulpverlening,
    "besluiten": _fill_besluiten,
    "zorgen_krachten": _fill_zorgen_krachten,
    "veiligheidsafspraken": _fill_veiligheidsafspraken,
    "veiligheidstaxatie": _fill_veiligheidstaxatie,
    "patroon": _fill_patroon,
    "eindsituatie": _fill_eindsituatie,
    "doelen": _fill_doelen,
}


def missing_keys(cf: CaseFile) -> list[str]:
    return [p.key for p in handover.missing(cf)]


def test_the_handover_set_has_eleven_parts():
    assert len(ALL_PARTS) == 11
    assert set(FILLERS) == set(ALL_PARTS)


def test_empty_case_misses_every_part():
    cf = case_file()
    assert missing_keys(cf) == ALL_PARTS
    found = handover.check(cf, TODAY, DEFAULT)
    assert codes(found) == ["compleetheid"] + [f"ontbreekt_{k}" for k in ALL_PARTS]
    assert "0 van 11" in found[0].message
    assert found[0].level == "info"
    assert all(f.level == "let_op" and f.target is not None for f in found[1:])


@pytest.mark.parametrize("key", list(FILLERS))
def test_filling_one_part_removes_exactly_its_finding(key: str):
    cf = case_file()
    FILLERS[key](cf)
    assert missing_keys(cf) == [k for k in ALL_PARTS if k != key]
    found = codes(handover.check(cf, TODAY, DEFAULT))
    assert f"ontbreekt_{key}" not in found
    assert len(found) == 1 + 10


def test_filling_parts_one_by_one_counts_up_to_complete():
    cf = case_file()
    for done, key in enumerate(ALL_PARTS, start=1):
        FILLERS[key](cf)
        assert missing_keys(cf) == ALL_PARTS[done:]
        assert f"{done} van 11" in handover.check(cf, TODAY, DEFAULT)[0].message
    assert codes(handover.check(cf, TODAY, DEFAULT)) == ["compleetheid"]


def test_ended_help_without_result_keeps_hulpverlening_missing():
    cf = case_file()
    cf.help_episodes.append(
        HelpEpisode(id="h-lopend", case_id=CID, provider="Wijkteam", status="lopend")
    )
    assert "hulpverlening" not in missing_keys(cf)  # nothing ended, nothing to report
    cf.help_episodes.append(
        HelpEpisode(id="h-oud", case_id=CID, provider="GGZ", status="afgesloten", result="  ")
    )
    assert "hulpverlening" in missing_keys(cf)
    cf.help_episodes[-1].result = "Gestopt na een jaar, weinig effect."
    assert "hulpverlening" not in missing_keys(cf)


def test_worries_and_strengths_need_both():
    cf = case_file()
    add_form(cf, "veiligheidsplan", "zorgen_krachten", {"zorgen": "Ruzies", "krachten": " "})
    assert "zorgen_krachten" in missing_keys(cf)


def test_genogram_needs_a_parent_child_relation():
    cf = case_file()
    add_person(cf, "p-a", Role.MOEDER)
    add_person(cf, "p-b", Role.VADER)
    cf.relations.append(
        Relation(
            id="r-p", case_id=CID, kind="partner", type="gescheiden", person_a="p-a", person_b="p-b"
        )
    )
    assert "genogram" in missing_keys(cf)


@pytest.mark.parametrize("key", ["eerste_aanleiding", "laatste_aanleiding", "ergste_incident"])
def test_aanleiding_written_in_the_tijdlijn_template_counts(key: str):
    cf = case_file()
    add_form(cf, "tijdlijn", "aanleiding", {key: "De buren belden de politie."})
    assert "aanleiding" not in missing_keys(cf)


# -- meetings (netwerkberaad every 13 weeks) ------------------------------------------

D = dt.date(2025, 1, 6)


def add_beraad(cf: CaseFile, instance: str, datum: str | None, volgende: str | None = None) -> None:
    answers: dict[str, Any] = {"besluiten": "Afspraken herzien."}
    if datum is not None:
        answers["datum"] = datum
    if volgende is not None:
        answers["volgende_datum"] = volgende
    add_form(cf, "netwerkberaad", "beraad", answers, instance=instance)


def meeting_finding(cf: CaseFile, today: dt.date, settings: RuleSettings = DEFAULT) -> Finding:
    found = meetings.check(cf, today, settings)
    assert len(found) == 1
    target = found[0].target
    assert target is not None
    assert (target.template, target.section, target.field) == ("netwerkberaad", "beraad", "datum")
    return found[0]


def test_exactly_13_weeks_after_is_on_time_the_day_after_is_late():
    cf = case_file(opened_on="2024-10-01")
    add_beraad(cf, "nb-1", iso(D))
    assert meetings.next_due(cf, DEFAULT) == (D, D + WEEKS_13)
    on_time = meeting_finding(cf, D + WEEKS_13)
    assert (on_time.code, on_time.level) == ("volgend_netwerkberaad", "info")
    late = meeting_finding(cf, D + WEEKS_13 + DAY)
    assert (late.code, late.level) == ("netwerkberaad_te_laat", "let_op")
    assert "6 januari 2025" in late.message  # the last one
    assert "7 april 2025" in late.message  # when the next was due


def test_the_last_netwerkberaad_by_date_counts():
    cf = case_file()
    add_beraad(cf, "z-latest", iso(D))
    add_beraad(cf, "a-older", iso(D - dt.timedelta(weeks=10)), volgende=iso(D - DAY))
    assert meetings.next_due(cf, DEFAULT) == (D, D + WEEKS_13)


def test_an_earlier_agreed_date_moves_the_due_date_earlier():
    cf = case_file()
    agreed = D + dt.timedelta(weeks=4)
    add_beraad(cf, "nb-1", iso(D), volgende=iso(agreed))
    assert meetings.next_due(cf, DEFAULT) == (D, agreed)
    assert meeting_finding(cf, agreed).code == "volgend_netwerkberaad"
    assert meeting_finding(cf, agreed + DAY).code == "netwerkberaad_te_laat"


def test_a_later_agreed_date_does_not_stretch_the_13_weeks():
    cf = case_file()
    add_beraad(cf, "nb-1", iso(D), volgende=iso(D + dt.timedelta(weeks=20)))
    assert meetings.next_due(cf, DEFAULT) == (D, D + WEEKS_13)
    assert meeting_finding(cf, D + WEEKS_13 + DAY).code == "netwerkberaad_te_laat"


def test_an_agreed_date_not_after_the_meeting_is_ignored():
    cf = case_file()
    add_beraad(cf, "nb-1", iso(D), volgende=iso(D))
    assert meetings.next_due(cf, DEFAULT) == (D, D + WEEKS_13)


def test_no_meeting_is_due_13_weeks_after_the_case_opened():
    cf = case_file(opened_on=iso(D))
    assert meetings.next_due(cf, DEFAULT) == (None, D + WEEKS_13)
    on_time = meeting_finding(cf, D + WEEKS_13)
    assert on_time.code == "volgend_netwerkberaad"
    assert "nog geen netwerkberaad" in on_time.message
    assert meeting_finding(cf, D + WEEKS_13 + DAY).code == "netwerkberaad_te_laat"


def test_no_opened_on_and_no_meeting():
    cf = case_file()
    assert meetings.next_due(cf, DEFAULT) == (None, None)
    finding = meeting_finding(cf, TODAY)
    assert (finding.code, finding.level) == ("geen_netwerkberaad", "let_op")


def test_a_planned_netwerkberaad_without_date_is_not_held():
    cf = case_file()
    add_beraad(cf, "nb-1", None, volgende=iso(D))
    assert meetings.next_due(cf, DEFAULT) == (None, None)
    assert meeting_finding(cf, TODAY).code == "geen_netwerkberaad"


def test_custom_interval_is_respected():
    six = RuleSettings(netwerkberaad_weeks=6)
    cf = case_file()
    add_beraad(cf, "nb-1", iso(D))
    assert meetings.next_due(cf, six) == (D, D + dt.timedelta(weeks=6))
    assert meeting_finding(cf, D + dt.timedelta(weeks=6), six).code == "volgend_netwerkberaad"
    late = meeting_finding(cf, D + dt.timedelta(weeks=6) + DAY, six)
    assert late.code == "netwerkberaad_te_laat"
    assert meeting_finding(cf, D + dt.timedelta(weeks=6) + DAY).code == "volgend_netwerkberaad"
    cf = case_file(opened_on=iso(D))
    assert meetings.next_due(cf, six) == (None, D + dt.timedelta(weeks=6))


def test_partial_dates_count_from_the_end_of_the_month():
    end_of_march = dt.date(2025, 3, 31)
    cf = case_file()
    add_beraad(cf, "nb-1", "2025-03")
    assert meetings.next_due(cf, DEFAULT) == (end_of_march, end_of_march + WEEKS_13)
    assert meeting_finding(cf, end_of_march + WEEKS_13).code == "volgend_netwerkberaad"
    assert meeting_finding(cf, end_of_march + WEEKS_13 + DAY).code == "netwerkberaad_te_laat"

    cf = case_file(opened_on="2025-03")
    assert meetings.next_due(cf, DEFAULT) == (None, end_of_march + WEEKS_13)

    cf = case_file(opened_on="2024")
    assert meetings.next_due(cf, DEFAULT) == (None, dt.date(2024, 12, 31) + WEEKS_13)


def test_an_unreadable_date_is_not_a_meeting():
    cf = case_file(opened_on=iso(D))
    add_beraad(cf, "nb-1", "volgende week")
    assert meetings.next_due(cf, DEFAULT) == (None, D + WEEKS_13)


# -- children: ages ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "day", "age", "group"),
    [
        ("2013-06-16", dt.date(2025, 6, 15), 11, "onder_12"),  # the day before turning 12
        ("2013-06-16", dt.date(2025, 6, 16), 12, "12_16"),  # the 12th birthday
        ("2009-06-16", dt.date(2025, 6, 15), 15, "12_16"),  # the day before turning 16
        ("2009-06-16", dt.date(2025, 6, 16), 16, "16_plus"),  # the 16th birthday
        ("2013-01-01", dt.date(2024, 12, 31), 11, "onder_12"),
        ("2013-01-01", dt.date(2025, 1, 1), 12, "12_16"),
        ("2013-12-31", dt.date(2025, 12, 30), 11, "onder_12"),
        ("2013-12-31", dt.date(2025, 12, 31), 12, "12_16"),
        # 29 February: the birthday is the 29th in a leap year, 1 March otherwise
        ("2012-02-29", dt.date(2024, 2, 28), 11, "onder_12"),
        ("2012-02-29", dt.date(2024, 2, 29), 12, "12_16"),
        ("2008-02-29", dt.date(2024, 2, 28), 15, "12_16"),
        ("2008-02-29", dt.date(2024, 2, 29), 16, "16_plus"),
        ("2012-02-29", dt.date(2025, 2, 28), 12, "12_16"),
        ("2012-02-29", dt.date(2025, 3, 1), 13, "12_16"),
        ("2088-02-29", dt.date(2100, 2, 28), 11, "onder_12"),  # 2100 is no leap year
        ("2088-02-29", dt.date(2100, 3, 1), 12, "12_16"),
        # known to the month or year only: certain once the last possible day has passed
        ("2013-06", dt.date(2025, 5, 31), 11, "onder_12"),
        ("2013-06", dt.date(2025, 6, 30), 12, "12_16"),
        ("2013", dt.date(2024, 12, 31), 11, "onder_12"),
        ("2013", dt.date(2025, 12, 31), 12, "12_16"),
        ("2009", dt.date(2025, 12, 31), 16, "16_plus"),
        # a baby, and a birth date in the future
        ("2025-06-16", dt.date(2025, 6, 16), 0, "onder_12"),
        ("2026-01-01", dt.date(2025, 6, 16), 0, "onder_12"),
    ],
)
def test_age_and_age_group_on_birthday_edges(birth: str, day: dt.date, age: int, group: str):
    assert children.age_on(birth, day) == age
    assert children.age_group(age) == group


@pytest.mark.parametrize("birth", ["", "onbekend", "2013-13", "2013-02-30", "13-06-2013"])
def test_unreadable_birth_date_has_no_age(birth: str):
    assert children.age_on(birth, TODAY) is None


def test_age_group_boundaries():
    assert [children.age_group(a) for a in (0, 11, 12, 15, 16, 17, 30)] == [
        "onder_12",
        "onder_12",
        "12_16",
        "12_16",
        "16_plus",
        "16_plus",
        "16_plus",
    ]
    assert set(children.AGE_GROUPS) == {"onder_12", "12_16", "16_plus"}


def test_who_consents_per_group():
    assert "ouders" in children.who_consents("onder_12")
    assert "jeugdige" not in children.who_consents("onder_12")
    both = children.who_consents("12_16")
    assert "ouders" in both
    assert "jeugdige" in both
    alone = children.who_consents("16_plus")
    assert "jeugdige" in alone
    assert "ouders" not in alone
    assert len({children.who_consents(g) for g in children.AGE_GROUPS}) == 3


# -- children: vergewisplicht --------------------------------------------------------


def child_case(birth: str = "2018-03-03", **attrs: Any) -> CaseFile:
    cf = case_file()
    add_person(cf, "p-moeder", Role.MOEDER)
    add_person(cf, "p-kind", Role.KIND, name="Lotte", birth_date=birth, **attrs)
    return cf


def talk(cf: CaseFile, day: dt.date | str, child: str = "p-kind", **extra: Any) -> Item:
    datum = day if isinstance(day, str) else iso(day)
    return add_item(
        cf, "gesprekken_kinderen", "gesprekken", {"kind": child, "datum": datum, **extra}
    )


def vergewis(cf: CaseFile, today: dt.date = TODAY, settings: RuleSettings = DEFAULT) -> list[str]:
    return [f.code for f in children.check(cf, today, settings) if f.code == "kind_niet_gesproken"]


def test_a_child_never_spoken_with_is_named():
    cf = child_case()
    found = children.check(cf, TODAY, DEFAULT)
    missing = only(found, "kind_niet_gesproken")
    assert missing.level == "let_op"
    assert "Lotte" in missing.message
    assert "nog nooit" in missing.message
    assert missing.target is not None
    assert (missing.target.template, missing.target.section, missing.target.person) == (
        "gesprekken_kinderen",
        "gesprekken",
        "p-kind",
    )


def test_a_conversation_exactly_13_weeks_ago_is_recent_enough():
    cf = child_case()
    talk(cf, TODAY - WEEKS_13)
    assert vergewis(cf) == []
    assert children.contact(cf, cf.persons[1]).last_spoken == TODAY - WEEKS_13


def test_a_conversation_13_weeks_and_a_day_ago_is_too_long_ago():
    cf = child_case()
    talk(cf, TODAY - WEEKS_13 - DAY)
    assert vergewis(cf) == ["kind_niet_gesproken"]
    message = only(children.check(cf, TODAY, DEFAULT), "kind_niet_gesproken").message
    assert "op 16 maart 2025" in message


def test_the_latest_conversation_counts():
    cf = child_case()
    talk(cf, TODAY - dt.timedelta(weeks=40))
    talk(cf, TODAY - dt.timedelta(weeks=2))
    talk(cf, TODAY - dt.timedelta(weeks=30))
    assert children.contact(cf, cf.persons[1]).last_spoken == TODAY - dt.timedelta(weeks=2)
    assert vergewis(cf) == []


def test_the_per_child_form_date_counts_too():
    cf = child_case()
    add_form(
        cf,
        "gesprekken_kinderen",
        "kind",
        {"laatste_gesprek": iso(TODAY - WEEKS_13)},
        person="p-kind",
    )
    assert vergewis(cf) == []
    cf = child_case()
    add_form(
        cf,
        "gesprekken_kinderen",
        "kind",
        {"laatste_gesprek": iso(TODAY - WEEKS_13 - DAY)},
        person="p-kind",
    )
    assert vergewis(cf) == ["kind_niet_gesproken"]


def test_a_conversation_with_another_child_does_not_count():
    cf = child_case()
    add_person(cf, "p-broer", Role.KIND, name="Daan", birth_date="2016-01-01")
    talk(cf, TODAY, child="p-broer")
    found = children.check(cf, TODAY, DEFAULT)
    assert [f.target.person for f in found if f.code == "kind_niet_gesproken" and f.target] == [
        "p-kind"
    ]


def test_a_recorded_reason_in_a_conversation_item_means_no_finding():
    cf = child_case()
    add_item(
        cf,
        "gesprekken_kinderen",
        "gesprekken",
        {"kind": "p-kind", "reden_niet_gesproken": "Moeder gaf geen toestemming (kind is 7)."},
    )
    assert vergewis(cf) == []
    assert children.contact(cf, cf.persons[1]).reason_not.startswith("Moeder gaf")


def test_a_recorded_reason_in_the_per_child_form_means_no_finding():
    cf = child_case()
    talk(cf, TODAY - dt.timedelta(weeks=30))
    add_form(
        cf,
        "gesprekken_kinderen",
        "kind",
        {"reden_niet_gesproken": "Kind in crisisopvang, gesprek via de pleegzorgwerker."},
        person="p-kind",
    )
    assert vergewis(cf) == []


def test_a_blank_reason_is_no_reason():
    cf = child_case()
    add_form(cf, "gesprekken_kinderen", "kind", {"reden_niet_gesproken": "  \n"}, person="p-kind")
    add_item(
        cf, "gesprekken_kinderen", "gesprekken", {"kind": "p-kind", "reden_niet_gesproken": ""}
    )
    assert vergewis(cf) == ["kind_niet_gesproken"]


def test_a_reason_for_another_child_does_not_count():
    cf = child_case()
    add_person(cf, "p-broer", Role.KIND, birth_date="2016-01-01")
    add_form(
        cf, "gesprekken_kinderen", "kind", {"reden_niet_gesproken": "Te jong."}, person="p-broer"
    )
    found = children.check(cf, TODAY, DEFAULT)
    assert sorted(
        f.target.person for f in found if f.code == "kind_niet_gesproken" and f.target
    ) == ["p-kind"]


def test_deceased_children_and_non_children_are_ignored():
    cf = case_file()
    add_person(cf, "p-moeder", Role.MOEDER, birth_date="1990-01-01")
    add_person(cf, "p-oma", Role.GROOTOUDER)
    add_person(cf, "p-netwerk", Role.NETWERK)
    add_person(cf, "p-overleden", Role.KIND, birth_date="2013-06-16", deceased=True)
    assert children.check(cf, TODAY, DEFAULT) == []  # not even the turned-12 info


def test_custom_vergewis_weeks_are_respected():
    four = RuleSettings(vergewis_weeks=4)
    cf = child_case()
    talk(cf, TODAY - dt.timedelta(weeks=4))
    assert vergewis(cf, settings=four) == []
    cf = child_case()
    talk(cf, TODAY - dt.timedelta(weeks=4) - DAY)
    assert vergewis(cf, settings=four) == ["kind_niet_gesproken"]
    assert vergewis(cf) == []
    assert (
        "langer dan 4 weken" in only(children.check(cf, TODAY, four), "kind_niet_gesproken").message
    )


def test_a_conversation_known_only_to_the_month_counts_from_its_end():
    cf = child_case()
    talk(cf, "2025-03")  # 31 March 2025 is 11 weeks before TODAY
    assert vergewis(cf) == []


@pytest.mark.parametrize("age", [12, 16])
@pytest.mark.parametrize(
    ("since_birthday", "expected"),
    [
        (dt.timedelta(0), True),  # the birthday itself
        (dt.timedelta(days=30), True),
        (WEEKS_13, True),  # exactly at the edge of the window
        (WEEKS_13 + DAY, False),
        (-DAY, False),  # the day before: not yet
    ],
)
def test_turning_12_or_16_within_the_window_gives_an_info(
    age: int, since_birthday: dt.timedelta, expected: bool
):
    birthday = TODAY - since_birthday
    birth = birthday.replace(year=birthday.year - age)
    cf = child_case(birth=iso(birth))
    talk(cf, TODAY)
    found = children.check(cf, TODAY, DEFAULT)
    turned = [f for f in found if f.code.startswith("leeftijd_")]
    if not expected:
        assert turned == []
        return
    assert [f.code for f in turned] == [f"leeftijd_{age}"]
    info = turned[0]
    assert info.level == "info"
    assert info.target is not None
    assert (info.target.template, info.target.section, info.target.person) == (
        "gesprekken_kinderen",
        "kind",
        "p-kind",
    )
    assert children.who_consents(children.age_group(age)) in info.message


def test_other_birthdays_give_no_info():
    for age in (11, 13, 15, 17):
        birth = TODAY.replace(year=TODAY.year - age)
        cf = child_case(birth=iso(birth))
        talk(cf, TODAY)
        assert children.check(cf, TODAY, DEFAULT) == []


def test_turning_12_window_follows_the_custom_weeks():
    four = RuleSettings(vergewis_weeks=4)
    birthday = TODAY - dt.timedelta(weeks=5)
    cf = child_case(birth=iso(birthday.replace(year=birthday.year - 12)))
    talk(cf, TODAY)
    assert [f.code for f in children.check(cf, TODAY, DEFAULT)] == ["leeftijd_12"]
    assert children.check(cf, TODAY, four) == []


def turned(cf: CaseFile, today: dt.date, settings: RuleSettings = DEFAULT) -> list[str]:
    return [f.code for f in children.check(cf, today, settings) if f.code.startswith("leeftijd_")]


def test_turning_12_with_a_birth_year_only():
    # born "2013": in 2025 the child is 11 or 12; the app says so and asks, no guess
    cf = child_case(birth="2013")
    assert children.age_on("2013", dt.date(2025, 6, 1)) is None
    assert turned(cf, dt.date(2024, 12, 31)) == []
    assert turned(cf, dt.date(2025, 1, 1)) == []
    assert "leeftijdsgroep_onzeker" in codes(children.check(cf, dt.date(2025, 1, 1), DEFAULT))
    assert "leeftijdsgroep_onzeker" not in codes(children.check(cf, dt.date(2024, 12, 31), DEFAULT))
    end = dt.date(2025, 12, 31)  # from here certainly 12
    assert turned(cf, end) == ["leeftijd_12"]
    assert "leeftijdsgroep_onzeker" not in codes(children.check(cf, end, DEFAULT))
    assert turned(cf, end + WEEKS_13 + DAY) == []


def test_leap_day_child_turning_12_on_29_february():
    cf = child_case(birth="2012-02-29")
    talk(cf, dt.date(2024, 2, 29))
    assert children.check(cf, dt.date(2024, 2, 28), DEFAULT) == []
    assert codes(children.check(cf, dt.date(2024, 2, 29), DEFAULT)) == ["leeftijd_12"]


def test_leap_day_child_turning_12_in_a_year_without_29_february():
    cf = child_case(birth="2088-02-29")
    talk(cf, dt.date(2100, 3, 1))
    assert children.check(cf, dt.date(2100, 2, 28), DEFAULT) == []
    assert codes(children.check(cf, dt.date(2100, 3, 1), DEFAULT)) == ["leeftijd_12"]
    assert turned(cf, dt.date(2100, 3, 1) + WEEKS_13) == ["leeftijd_12"]
    assert turned(cf, dt.date(2100, 3, 1) + WEEKS_13 + DAY) == []


def test_a_child_without_birth_date_still_needs_a_conversation():
    cf = case_file()
    add_person(cf, "p-kind", Role.KIND)
    assert codes(children.check(cf, TODAY, DEFAULT)) == ["kind_niet_gesproken"]
    cf.persons[0].birth_date = "ergens in 2013?"
    assert codes(children.check(cf, TODAY, DEFAULT)) == ["kind_niet_gesproken"]


# -- agreements ----------------------------------------------------------------------


def agreement(
    cf: CaseFile,
    what: str = "Oma belt elke avond.",
    *,
    template: str = "veiligheidsplan",
    section: str = "afspraken",
    instance: str | None = None,
    **answers: Any,
) -> Item:
    base: dict[str, Any] = {
        "type": "actie_gezin",
        "what": what,
        "owner": "Oma Ans",
        "rationale": "Zo is er elke avond iemand die meekijkt.",
        "status": "open",
        "aard": "eenmalig",
        "checker": "Ilse",
    }
    base.update(answers)
    return add_item(cf, template, section, base, instance=instance)


def agreement_codes(cf: CaseFile, today: dt.date = TODAY) -> list[str]:
    return codes(agreements.check(cf, today, DEFAULT))


def test_a_complete_agreement_gives_no_finding():
    cf = case_file()
    agreement(cf, deadline=iso(TODAY + DAY))
    assert agreement_codes(cf) == []


def test_overdue_only_when_open_and_deadline_before_today():
    cf = case_file()
    item = agreement(cf, deadline=iso(TODAY - DAY))
    over = only(agreements.check(cf, TODAY, DEFAULT), "over_tijd")
    assert over.level == "let_op"
    assert "Oma belt elke avond." in over.message
    assert over.target is not None
    assert (over.target.entity_type, over.target.entity_id) == ("item", item.id)
    assert (over.target.template, over.target.section) == ("veiligheidsplan", "afspraken")

    item.answers["deadline"] = iso(TODAY)
    assert agreement_codes(cf) == []  # due today is not overdue yet

    item.answers["deadline"] = iso(TODAY - dt.timedelta(days=400))
    for status in ("open", "lopend"):
        item.answers["status"] = status
        assert agreement_codes(cf) == ["over_tijd"], status
    item.answers["status"] = "niet_gelukt"
    # failed: not overdue, but a finding of its own (acute in the veiligheidsplan)
    assert agreement_codes(cf) == ["veiligheidsafspraak_niet_gelukt"]
    item.answers["status"] = "gedaan"
    assert agreement_codes(cf) == []  # done is never overdue

    del item.answers["status"]  # no status yet: open
    assert agreement_codes(cf) == ["over_tijd"]

    del item.answers["deadline"]
    assert agreement_codes(cf) == ["zonder_termijn"]


def test_a_deadline_known_to_the_month_is_overdue_after_the_month():
    cf = case_file()
    agreement(cf, deadline="2025-05")
    assert agreement_codes(cf, dt.date(2025, 5, 31)) == []
    assert agreement_codes(cf, dt.date(2025, 6, 1)) == ["over_tijd"]


@pytest.mark.parametrize("owner", [None, "", "   ", "\t\n"])
def test_an_agreement_without_owner(owner: str | None):
    cf = case_file()
    item = agreement(cf, owner=owner)
    if owner is None:
        del item.answers["owner"]
    found = only(agreements.check(cf, TODAY, DEFAULT), "zonder_eigenaar")
    assert found.target is not None
    assert (found.target.field, found.target.entity_id) == ("owner", item.id)


@pytest.mark.parametrize("rationale", [None, "", "   ", "\n"])
def test_an_agreement_without_rationale(rationale: str | None):
    cf = case_file()
    item = agreement(cf, rationale=rationale)
    if rationale is None:
        del item.answers["rationale"]
    found = only(agreements.check(cf, TODAY, DEFAULT), "zonder_onderbouwing")
    assert found.target is not None
    assert (found.target.field, found.target.entity_id) == ("rationale", item.id)


def test_a_gedaan_agreement_is_left_alone():
    cf = case_file()
    agreement(cf, status="gedaan", owner="", rationale="")
    # a done agreement needs nothing more on paper
    assert agreement_codes(cf) == []


def test_the_same_action_back_unfinished_is_found():
    cf = case_file()
    agreement(cf, "Oma belt elke avond.", template="netwerkberaad", instance="nb-1")
    agreement(
        cf,
        "  oma BELT elke   avond!",
        template="gespreksleidraad",
        section="afspraken",
        instance="gl-2",
        status="niet_gelukt",
    )
    back = only(agreements.check(cf, TODAY, DEFAULT), "steeds_terug")
    assert back.level == "let_op"
    assert "2 keer" in back.message
    assert back.target is not None
    assert back.target.template in ("netwerkberaad", "gespreksleidraad")


def test_the_same_action_is_not_back_once_one_is_done():
    cf = case_file()
    agreement(cf, "Oma belt elke avond.", template="netwerkberaad", instance="nb-1")
    agreement(cf, "oma belt elke avond", status="niet_gelukt")
    agreement(cf, "Oma belt elke avond", status="gedaan")
    assert "steeds_terug" not in agreement_codes(cf)


def test_the_same_action_open_twice_but_not_failed_or_late_is_not_back():
    cf = case_file()
    agreement(cf, "Oma belt elke avond.")
    agreement(cf, "oma belt elke avond", status="lopend")
    assert "steeds_terug" not in agreement_codes(cf)
    agreement(cf, "Oma belt elke avond", deadline=iso(TODAY - DAY))
    assert agreement_codes(cf).count("steeds_terug") == 1


def test_one_failed_action_alone_is_not_back():
    cf = case_file()
    agreement(cf, "Oma belt elke avond.", status="niet_gelukt")
    agreement(cf, "Opa belt elke avond.")
    assert "steeds_terug" not in agreement_codes(cf)


def test_signals_in_the_borgingsplan_are_agreements_too():
    cf = case_file()
    add_item(
        cf,
        "borgingsplan",
        "signalen",
        {"signal": "Jayden verzuimt weer", "status": "open", "deadline": iso(TODAY - DAY)},
    )
    found = agreements.check(cf, TODAY, DEFAULT)
    # a signal is doorlopend: never over tijd
    assert sorted(codes(found)) == ["zonder_controle", "zonder_eigenaar", "zonder_onderbouwing"]
    assert all("Jayden verzuimt weer" in f.message for f in found)
    (a,) = agreements.agreements(cf)
    assert a.what == "Jayden verzuimt weer"


def test_only_agreement_sections_are_considered():
    cf = case_file()
    # rows elsewhere carry no owner, rationale or status: they are no agreements
    add_item(cf, "veiligheidsplan", "bellen", {"naam": "Oma", "telefoon": "06"})
    add_item(cf, "veranderplan", "patronen", {"patroon": "Oma belt elke avond."})
    add_item(cf, "gesprekken_kinderen", "gesprekken", {"kind": "p", "datum": "2020-01-01"})
    add_item(
        cf,
        "kernbesluiten",
        "besluiten",
        {"what": "Oma belt elke avond.", "deadline": "2020-01-01", "status": "niet_gelukt"},
    )
    assert agreements.agreements(cf) == []
    assert agreement_codes(cf) == []
    agreement(cf, "Oma belt elke avond.", status="niet_gelukt", deadline="2025-01-01")
    # one agreement: nothing comes back, but it failed
    assert agreement_codes(cf) == ["veiligheidsafspraak_niet_gelukt"]
    assert [a.item.section for a in agreements.agreements(cf)] == ["afspraken"]


@pytest.mark.parametrize(("template", "section"), sorted(agreements.AGREEMENT_SECTIONS))
def test_every_agreement_section_is_checked(template: str, section: str):
    cf = case_file()
    add_item(cf, template, section, {"what": "Iets", "status": "open"}, instance="x")
    expected = ["zonder_controle", "zonder_eigenaar", "zonder_onderbouwing"]
    if agreements.DEFAULT_AARD[(template, section)] == agreements.EENMALIG:
        expected.append("zonder_termijn")
    assert sorted(agreement_codes(cf)) == expected


# -- facts ---------------------------------------------------------------------------


def event(cf: CaseFile, eid: str, certainty: Certainty, source: str = "") -> LifeEvent:
    e = LifeEvent(
        id=eid,
        case_id=CID,
        date="2019-11",
        description="Vader vertrokken",
        certainty=certainty.value,
        source=source,
    )
    cf.life_events.append(e)
    return e


@pytest.mark.parametrize("source", ["", "   "])
def test_a_fact_without_source_is_found(source: str):
    cf = case_file()
    e = event(cf, "e-1", Certainty.FEIT, source)
    found = only(facts.check(cf, TODAY, DEFAULT), "feit_zonder_bron")
    assert found.level == "let_op"
    assert "november 2019" in found.message
    assert found.target is not None
    assert (found.target.entity_type, found.target.entity_id, found.target.field) == (
        "life_event",
        e.id,
        "source",
    )


def test_an_assumption_without_source_is_fine():
    cf = case_file()
    event(cf, "e-1", Certainty.AANNAME)
    assert facts.check(cf, TODAY, DEFAULT) == []


def test_a_fact_with_source_is_fine():
    cf = case_file()
    event(cf, "e-1", Certainty.FEIT, "Politierapport 2019")
    assert facts.check(cf, TODAY, DEFAULT) == []


def test_one_finding_per_fact_without_source():
    cf = case_file()
    event(cf, "e-1", Certainty.FEIT)
    event(cf, "e-2", Certainty.FEIT, "moeder")
    event(cf, "e-3", Certainty.AANNAME)
    event(cf, "e-4", Certainty.FEIT)
    assert [f.target.entity_id for f in facts.check(cf, TODAY, DEFAULT) if f.target] == [
        "e-1",
        "e-4",
    ]


# -- check_case as a whole -----------------------------------------------------------

TEMPLATES = load_templates()
DATES = [
    dt.date(2000, 1, 1),
    dt.date(2025, 3, 10),
    dt.date(2025, 6, 12),
    dt.date(2025, 6, 13),
    dt.date(2025, 12, 31),
    dt.date(2028, 2, 29),
    dt.date(2040, 1, 1),
]


def demo() -> CaseFile:
    path = resource_path("demo", "familie-demo.json")
    if not path.exists():
        pytest.skip("resources/demo/familie-demo.json is not there")
    return from_document(json.loads(path.read_text(encoding="utf-8")))


def rich_case() -> CaseFile:
    """A case in which nearly every rule finds something."""
    cf = case_file(phase=Phase.LOKAAL_TEAM_GI.value, opened_on="2024-01-01")
    add_person(cf, "p-moeder", Role.MOEDER, birth_date="1990-01-01")
    add_person(cf, "p-kind", Role.KIND, name="Jayden", birth_date="2013-04-01")
    add_person(cf, "p-tiener", Role.KIND, name="Sam", birth_date="2009-04-01")
    event(cf, "e-1", Certainty.FEIT)
    cf.help_episodes.append(
        HelpEpisode(id="h-1", case_id=CID, provider="GGZ", status=HelpStatus.AFGESLOTEN.value)
    )
    add_meeting(cf, "gl-1", "2025-01-01", direct=7)
    add_meeting(cf, "gl-2", "2025-03-01", direct=4)
    add_beraad(cf, "nb-1", "2024-06-01")
    for n, (template, section) in enumerate(sorted(agreements.AGREEMENT_SECTIONS)):
        status = "open" if n == 0 else "niet_gelukt"
        add_item(
            cf,
            template,
            section,
            {
                "what": "Schuldhulp aanvragen",
                "status": status,
                "deadline": "2024-01",
                "aard": "eenmalig",
            },
            instance="gl-1" if template in ("gespreksleidraad", "netwerkberaad") else None,
        )
    return cf


def assert_targets_exist(cf: CaseFile, findings: list[Finding]) -> None:
    persons = {p.id for p in cf.persons}
    for f in findings:
        assert f.rule in RULES, f
        assert f.level in ("info", "let_op"), f
        assert f.message.strip(), f
        t = f.target
        if t is None:
            continue
        if t.template:
            assert t.template in TEMPLATES.templates, f
            tpl = TEMPLATES.get(t.template)
            if t.section:
                section = tpl.section(t.section)
                assert section is not None, f
                if t.field:
                    keys = {fl.key for fl in section.fields} | {fl.attr for fl in section.fields}
                    assert t.field in keys, f
        else:
            assert not t.section, f
        if t.entity_type:
            cls = ENTITY_TYPES[t.entity_type]
            if t.field and not t.template:
                assert t.field in cls.attributes(), f
            assert t.entity_id in {e.id for e in cf.entities() if t.entity_type == e.ENTITY_TYPE}
        if t.person is not None:
            assert t.person in persons, f


@pytest.mark.parametrize("today", DATES)
def test_check_case_on_an_empty_case_never_raises(today: dt.date):
    cf = case_file()
    found = check_case(cf, today)
    assert found
    assert_targets_exist(cf, found)
    # ranked: the most urgent first
    order = list(SEVERITIES)
    assert [order.index(f.severity) for f in found] == sorted(
        order.index(f.severity) for f in found
    )
    assert {"fase", "gefaseerd", "overdracht", "netwerkberaad"} <= {f.rule for f in found}


@pytest.mark.parametrize("today", DATES)
def test_check_case_on_the_demo_never_raises(today: dt.date):
    cf = demo()
    found = check_case(cf, today)
    assert_targets_exist(cf, found)
    assert cf.problems() == []


def test_the_demo_findings_make_sense():
    cf = demo()
    found = check_case(cf, dt.date(2025, 6, 13))
    by_code = Counter(f.code for f in found)
    assert by_code["fase"] == 1
    assert by_code["compleetheid"] == 1
    assert by_code["feit_zonder_bron"] == sum(
        1 for e in cf.life_events if e.certainty == "feit" and not e.source.strip()
    )
    kids = [p for p in cf.persons if p.role == "kind" and not p.deceased]
    assert by_code["kind_niet_gesproken"] <= len(kids)


@pytest.mark.parametrize("today", DATES)
def test_check_case_on_a_case_full_of_findings(today: dt.date):
    cf = rich_case()
    found = check_case(cf, today)
    assert_targets_exist(cf, found)
    if today == dt.date(2025, 6, 12):
        assert {
            "gi_product_ontbreekt",
            "terug_naar_veiligheidsplan",
            "ontbreekt_hulpverlening",
            "netwerkberaad_te_laat",
            "kind_niet_gesproken",
            "over_tijd",
            "zonder_eigenaar",
            "zonder_onderbouwing",
            "steeds_terug",
            "feit_zonder_bron",
        } <= set(codes(found))


def test_settings_reach_every_rule():
    cf = rich_case()
    today = dt.date(2024, 6, 20)
    talk(cf, today - dt.timedelta(weeks=5), child="p-kind")
    talk(cf, today - dt.timedelta(weeks=5), child="p-tiener")
    loose = check_case(cf, today)
    strict = check_case(cf, today, RuleSettings(netwerkberaad_weeks=2, vergewis_weeks=4))
    assert "netwerkberaad_te_laat" not in codes(loose)
    assert "netwerkberaad_te_laat" in codes(strict)
    assert "kind_niet_gesproken" not in codes(loose)
    assert codes(strict).count("kind_niet_gesproken") == 2


@pytest.mark.parametrize("date", ["", "ooit"])
def test_check_case_survives_an_event_without_a_readable_date(date: str):
    cf = case_file()
    cf.life_events.append(LifeEvent(id="e-x", case_id=CID, date=date, description="Iets"))
    found = check_case(cf, TODAY)
    assert "feit_zonder_bron" in codes(found)


def test_check_case_survives_odd_answers():
    """Answers as they may come from an old file or a half-filled form: never a crash."""
    cf = case_file(phase="lokaal_team_gi", opened_on="niet bekend")
    add_person(cf, "p-kind", Role.KIND, birth_date="2013-02-30")
    add_form(cf, "gespreksleidraad", "vooraf", {"datum": "morgen"}, instance="gl")
    add_form(
        cf,
        "gespreksleidraad",
        "directe_veiligheid_schaalvraag",
        {"score": "zeven", "ankertekst": None},
        instance="gl",
    )
    add_form(cf, "veiligheidsplan", "zes", {"ondergrens_cijfer": "zes"})
    add_form(cf, "netwerkberaad", "beraad", {"datum": 20250101, "volgende_datum": []}, instance="n")
    add_item(cf, "gesprekken_kinderen", "gesprekken", {"kind": "p-kind", "datum": "gisteren"})
    add_item(cf, "veiligheidsplan", "afspraken", {"what": None, "deadline": "volgende week"})
    add_item(cf, "veiligheidsplan", "afspraken", {})
    found = check_case(cf, TODAY)
    assert_targets_exist(cf, found)
    assert "geen_schaalvraag" in codes(found)
    assert "geen_netwerkberaad" in codes(found)
    assert "kind_niet_gesproken" in codes(found)
