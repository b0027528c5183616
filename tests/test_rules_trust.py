"""Issue 13: rules a regisseur can trust. Each rule on both sides of its edge.

Severities and ranking; agreements eenmalig/doorlopend; a netwerkberaad in the future;
vergewisplicht reasons that expire, doorlopend gesproken, turning 18; the one age
function; phase and product; the fixed 6 and the team's phase; direct veiligstellen,
an incident after the taxatie, a new weging; kernbesluiten; evaluations; escalation and
doorzettingsmacht; the demo's dates following the day the profile is made.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.test_rules import (
    CID,
    DAY,
    DEFAULT,
    TODAY,
    WEEKS_13,
    add_form,
    add_item,
    add_person,
    case_file,
    codes,
    iso,
    only,
)

from casusregie.domain import age
from casusregie.domain.consent import AgeGroup
from casusregie.domain.consent import age_group as consent_age_group
from casusregie.domain.model import GiProduct, LifeEvent, Person, Phase, Role
from casusregie.domain.rules import (
    RuleSettings,
    agreements,
    check_case,
    children,
    decisions,
    grouped,
    meetings,
    phase,
    ranked,
    safety,
    weighing,
)
from casusregie.domain.rules.base import Finding
from casusregie.store.demo import DEMO_REFERENCE, demo_document, shift_document

# -- severities, ranking, grouping, JSON ----------------------------------------------


def test_findings_are_ranked_acute_first_and_grouped_per_rule_and_code():
    f = [
        Finding("a", "x", "admin 1", "administratief"),
        Finding("b", "y", "info", "info"),
        Finding("a", "x", "admin 2", "administratief"),
        Finding("c", "z", "acute", "acuut"),
        Finding("d", "w", "attention", "aandacht"),
    ]
    assert [x.severity for x in ranked(f)] == [
        "acuut",
        "aandacht",
        "administratief",
        "administratief",
        "info",
    ]
    groups = grouped(f)
    assert [len(g) for g in groups] == [1, 1, 2, 1]
    assert [x.message for x in groups[2]] == ["admin 1", "admin 2"]
    assert f[1].level == "info" and f[0].level == "let_op"


def test_a_finding_as_json_names_rule_severity_message_and_target():
    cf = case_file()
    add_item(cf, "veiligheidsplan", "afspraken", {"what": "Oma belt", "status": "niet_gelukt"})
    found = check_case(cf, TODAY)
    assert found[0].severity == "acuut"
    data = found[0].to_json()
    assert set(data) == {"rule", "code", "severity", "message", "target"}
    assert data["target"]["template"] == "veiligheidsplan"
    assert "person" not in data["target"]  # unset parts are left out


# -- agreements: eenmalig and doorlopend ----------------------------------------------


def agree(cf: Any, **answers: Any) -> Any:
    base = {
        "what": "Als het thuis te onrustig wordt, app ik oma.",
        "owner": "Jayden",
        "checker": "Oma Ans",
        "rationale": "Dan is er een plek om naartoe te gaan.",
        "status": "lopend",
    }
    base.update(answers)
    return add_item(cf, "veiligheidsplan", "afspraken", base)


def agreement_codes(cf: Any, today: dt.date = TODAY) -> list[str]:
    return codes(agreements.check(cf, today, DEFAULT))


def test_a_standing_agreement_is_never_over_tijd_it_is_due_for_review():
    cf = case_file()
    agree(cf, aard="doorlopend", deadline="2024-01-01", herzien_op=iso(TODAY))
    assert agreement_codes(cf, TODAY - DAY) == []
    assert agreement_codes(cf, TODAY) == ["herzien"]  # the review day itself
    assert agreement_codes(cf, TODAY + dt.timedelta(days=400)) == ["herzien"]
    herzien = only(agreements.check(cf, TODAY, DEFAULT), "herzien")
    assert herzien.severity == "administratief"


def test_a_one_off_agreement_is_over_tijd_the_day_after_its_deadline():
    cf = case_file()
    agree(cf, aard="eenmalig", deadline=iso(TODAY))
    assert agreement_codes(cf, TODAY) == []
    assert agreement_codes(cf, TODAY + DAY) == ["over_tijd"]


def test_veiligheidsafspraken_are_doorlopend_by_default_and_reviewed_with_the_plan():
    cf = case_file()
    agree(cf, deadline="2024-01-01")
    assert agreement_codes(cf) == []  # no review date at all: nothing overdue
    add_form(cf, "veiligheidsplan", "plan", {"volgende_evaluatie": iso(TODAY + DAY)})
    assert agreement_codes(cf) == []
    assert agreement_codes(cf, TODAY + DAY) == ["herzien"]


def test_meeting_actions_are_eenmalig_by_default():
    cf = case_file()
    add_item(
        cf,
        "netwerkberaad",
        "afspraken",
        {
            "what": "Kim belt de woningcorporatie.",
            "owner": "Kim",
            "checker": "Ilse",
            "rationale": "Ontruiming voorkomen.",
            "deadline": iso(TODAY - DAY),
        },
        instance="nb-1",
    )
    assert agreement_codes(cf) == ["over_tijd"]


def test_a_failed_agreement_is_a_finding_acute_in_the_veiligheidsplan():
    cf = case_file()
    item = agree(cf, status="lopend")
    assert agreement_codes(cf) == []
    item.answers["status"] = "niet_gelukt"
    failed = only(agreements.check(cf, TODAY, DEFAULT), "veiligheidsafspraak_niet_gelukt")
    assert failed.severity == "acuut"
    assert failed.target is not None and failed.target.field == "status"


def test_a_failed_meeting_action_counts_only_in_the_latest_meeting():
    cf = case_file()
    add_form(cf, "netwerkberaad", "beraad", {"datum": "2025-01-10"}, instance="nb-1")
    base = {"what": "Iets", "owner": "Kim", "checker": "Ilse", "rationale": "Omdat."}
    add_item(cf, "netwerkberaad", "afspraken", {**base, "status": "niet_gelukt"}, instance="nb-1")
    assert "niet_gelukt" in agreement_codes(cf)
    add_form(cf, "netwerkberaad", "beraad", {"datum": "2025-04-10"}, instance="nb-2")
    assert "niet_gelukt" not in agreement_codes(cf)  # the next meeting took it up


@pytest.mark.parametrize("owner", ["iedereen", "Iedereen!", " wij ", "het netwerk"])
def test_an_owner_who_is_nobody_in_particular(owner: str):
    cf = case_file()
    agree(cf, owner=owner)
    assert agreement_codes(cf) == ["vage_eigenaar"]


@pytest.mark.parametrize("owner", ["Iedereen van de familie Bakker zorgt", "Oma Ans", "Wijkagent"])
def test_a_named_owner_is_fine(owner: str):
    cf = case_file()
    agree(cf, owner=owner)
    assert agreement_codes(cf) == []


def test_missing_checker_and_deadline_are_administrative():
    cf = case_file()
    agree(cf, aard="eenmalig", checker="", deadline=None)
    found = agreements.check(cf, TODAY, DEFAULT)
    assert sorted(codes(found)) == ["zonder_controle", "zonder_termijn"]
    assert {f.severity for f in found} == {"administratief"}


# -- netwerkberaad ----------------------------------------------------------------------


def test_a_netwerkberaad_dated_in_the_future_is_planned_not_held():
    cf = case_file(opened_on=iso(TODAY - dt.timedelta(weeks=20)))
    add_form(cf, "netwerkberaad", "beraad", {"datum": iso(TODAY + DAY)}, instance="nb-1")
    assert meetings.next_due(cf, DEFAULT, TODAY)[0] is None
    late = only(meetings.check(cf, TODAY, DEFAULT), "netwerkberaad_te_laat")
    assert "gepland" in late.message
    # on its day it counts as held
    held = meetings.check(cf, TODAY + DAY, DEFAULT)
    assert codes(held) == ["volgend_netwerkberaad"]


# -- the one age function ------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "day", "span", "band"),
    [
        ("2014-06-01", dt.date(2026, 5, 31), (11, 11), "onder_12"),
        ("2014-06-01", dt.date(2026, 6, 1), (12, 12), "12_16"),
        ("2014", dt.date(2026, 6, 1), (11, 12), "onbekend"),  # which side of the birthday?
        ("2014", dt.date(2026, 12, 31), (12, 12), "12_16"),
        ("2014", dt.date(2025, 12, 31), (11, 11), "onder_12"),
        ("2015", dt.date(2026, 6, 1), (10, 11), "onder_12"),  # both under 12: known
        ("2010-03", dt.date(2026, 3, 15), (15, 16), "onbekend"),
        ("2010-03", dt.date(2026, 4, 1), (16, 16), "16_plus"),
    ],
)
def test_one_age_function_with_an_explicit_unknown(birth, day, span, band):
    assert age.age_range(birth, day) == span
    assert age.age_band(birth, day) == band
    assert age.age_on(birth, day) == (span[0] if span[0] == span[1] else None)


@pytest.mark.parametrize(
    ("birth", "day"),
    [
        ("2014", dt.date(2026, 6, 1)),
        ("2014", dt.date(2026, 12, 31)),
        ("2010-03", dt.date(2026, 3, 15)),
        ("2010-03-20", dt.date(2026, 3, 20)),
        ("2010-03-20", dt.date(2026, 3, 19)),
        ("2015", dt.date(2026, 6, 1)),
        (None, dt.date(2026, 6, 1)),
    ],
)
def test_vergewisplicht_and_consent_agree_on_the_age_group(birth, day):
    person = Person(id="k", case_id=CID, role=Role.KIND.value, birth_date=birth)
    by_consent = consent_age_group(person, day)
    mapping = {
        "onder_12": AgeGroup.ONDER_12,
        "12_16": AgeGroup.TWAALF_TOT_16,
        "16_plus": AgeGroup.VANAF_16,
        # a birth date that cannot tell the group: 'ask' on both sides
        "onbekend": AgeGroup.ONZEKER if age.age_range(birth, day) else AgeGroup.ONBEKEND,
    }
    assert by_consent == mapping[age.age_band(birth, day)]


# -- vergewisplicht: reasons expire, doorlopend, 18 ------------------------------------


def child(cf: Any, birth: str = "2015-03-03") -> Person:
    return add_person(cf, "p-kind", Role.KIND, name="Lotte", birth_date=birth)


def reason(cf: Any, on: dt.date | None, text: str = "Kind in crisisopvang.") -> None:
    answers: dict[str, Any] = {"reden_niet_gesproken": text}
    if on is not None:
        answers["reden_datum"] = iso(on)
    add_form(cf, "gesprekken_kinderen", "kind", answers, person="p-kind")


def spoken_codes(cf: Any, today: dt.date, settings: RuleSettings = DEFAULT) -> list[str]:
    return [
        f.code
        for f in children.check(cf, today, settings)
        if f.code
        in (
            "kind_niet_gesproken",
            "reden_verlopen",
            "reden_zonder_datum",
            "doorlopend_nagaan",
        )
    ]


def test_a_reason_holds_13_weeks_and_not_a_day_longer():
    cf = case_file()
    child(cf)
    reason(cf, TODAY)
    assert spoken_codes(cf, TODAY + WEEKS_13) == []
    assert spoken_codes(cf, TODAY + WEEKS_13 + DAY) == ["reden_verlopen"]


def test_a_reason_holds_until_the_next_netwerkberaad():
    cf = case_file()
    child(cf)
    reason(cf, TODAY)
    meeting = TODAY + dt.timedelta(weeks=4)
    add_form(cf, "netwerkberaad", "beraad", {"datum": iso(meeting)}, instance="nb-1")
    assert children.reason_valid_until(cf, TODAY, DEFAULT) == meeting - DAY
    assert spoken_codes(cf, meeting - DAY) == []
    assert spoken_codes(cf, meeting) == ["reden_verlopen"]


def test_an_undated_reason_does_not_silence_the_rule():
    cf = case_file()
    child(cf)
    reason(cf, None)
    assert spoken_codes(cf, TODAY) == ["reden_zonder_datum"]


def test_doorlopend_gesproken_makes_an_old_conversation_administrative():
    cf = case_file()
    child(cf)
    add_item(
        cf,
        "gesprekken_kinderen",
        "gesprekken",
        {"kind": "p-kind", "datum": iso(TODAY - WEEKS_13 - DAY)},
    )
    assert spoken_codes(cf, TODAY) == ["kind_niet_gesproken"]
    add_form(
        cf,
        "gesprekken_kinderen",
        "kind",
        {"doorlopend_gesproken": "De schoolmaatschappelijk werker, elke twee weken."},
        person="p-kind",
    )
    found = only(children.check(cf, TODAY, DEFAULT), "doorlopend_nagaan")
    assert found.severity == "administratief"


def test_a_child_never_spoken_with_stays_a_finding_despite_doorlopend():
    cf = case_file()
    child(cf)
    add_form(
        cf, "gesprekken_kinderen", "kind", {"doorlopend_gesproken": "De juf."}, person="p-kind"
    )
    assert spoken_codes(cf, TODAY) == ["kind_niet_gesproken"]


def test_turning_18_ends_the_vergewisplicht_with_a_finding():
    birthday = TODAY
    cf = case_file()
    child(cf, birth=iso(birthday.replace(year=birthday.year - 18)))
    before = codes(children.check(cf, TODAY - DAY, DEFAULT))
    assert "bijna_achttien" in before and "kind_niet_gesproken" in before
    on = codes(children.check(cf, TODAY, DEFAULT))
    assert "achttien" in on
    assert "kind_niet_gesproken" not in on  # an adult now
    far = TODAY - WEEKS_13 - DAY
    assert "bijna_achttien" not in codes(children.check(cf, far, DEFAULT))
    assert "bijna_achttien" in codes(children.check(cf, far + DAY, DEFAULT))


def test_a_birth_year_alone_near_18_asks_for_the_date():
    cf = case_file()
    child(cf, birth=str(TODAY.year - 18))
    assert "leeftijd_onzeker" in codes(children.check(cf, TODAY, DEFAULT))
    cf.persons[0].birth_date = str(TODAY.year - 19)
    assert "leeftijd_onzeker" not in codes(children.check(cf, TODAY, DEFAULT))


# -- phase and product -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("the_phase", "product", "contradicts"),
    [
        (Phase.LOKAAL_TEAM.value, None, False),
        (Phase.LOKAAL_TEAM.value, GiProduct.CONSULT.value, False),
        (Phase.LOKAAL_TEAM.value, GiProduct.VERANTWOORDELIJK.value, True),
        (Phase.LOKAAL_TEAM_GI.value, GiProduct.VERANTWOORDELIJK.value, False),
        (Phase.MAATREGEL_GI.value, None, False),
        (Phase.MAATREGEL_GI.value, GiProduct.ADVIES.value, True),
        (Phase.NA_BORGING.value, GiProduct.ADVIES.value, True),
    ],
)
def test_phase_and_product_that_contradict(the_phase, product, contradicts):
    cf = case_file(phase=the_phase, gi_product=product)
    found = codes(phase.check(cf, TODAY, DEFAULT))
    assert ("fase_product_tegenstrijdig" in found) == contradicts


def test_2b_is_casusregie_at_the_gi_in_the_vrijwillig_kader():
    r = phase.roles(Phase.LOKAAL_TEAM_GI.value, GiProduct.VERANTWOORDELIJK.value)
    assert r.regie.startswith("GI") and "vrijwillig kader" in r.regie


# -- safety: the team's phase ----------------------------------------------------------


def meeting(cf: Any, inst: str, day: str, fase: str | None = None, direct: int | None = None):
    answers = {"datum": day} | ({"fase": fase} if fase else {})
    add_form(cf, "gespreksleidraad", "vooraf", answers, instance=inst)
    if direct is not None:
        add_form(
            cf,
            "gespreksleidraad",
            "directe_veiligheid_schaalvraag",
            {"score": direct},
            instance=inst,
        )


def test_the_phase_is_the_teams_judgement_when_it_gave_one():
    cf = case_file()
    meeting(cf, "m1", "2025-05-01", direct=8)
    assert safety.stage(cf, DEFAULT) == "risicogestuurde_zorg"
    meeting(cf, "m2", "2025-06-01", fase="directe_veiligheid")
    assert safety.stage(cf, DEFAULT) == "directe_veiligheid"  # the team is more careful
    assert safety.score_stage(cf) == "risicogestuurde_zorg"


def test_a_score_under_the_6_is_acute_whatever_the_team_chose():
    cf = case_file()
    meeting(cf, "m1", "2025-06-01", fase="herstelgerichte_zorg", direct=5)
    back = only(safety.check(cf, TODAY, DEFAULT), "terug_naar_veiligheidsplan")
    assert back.severity == "acuut"
    assert "Het team koos" in back.message


# -- weging and taxatie ----------------------------------------------------------------


def incident(cf: Any, day: str, category: str = "incident") -> None:
    cf.life_events.append(
        LifeEvent(id=f"e-{day}-{category}", case_id=CID, date=day, category=category)
    )


def test_direct_veiligstellen_in_the_arij_is_acute():
    cf = case_file()
    add_form(cf, "veiligheidsplan", "taxatie", {"datum": iso(TODAY), "ontvoering": "onveilig"})
    assert "direct_veiligstellen" not in codes(weighing.check(cf, TODAY, DEFAULT))
    cf.forms[-1].answers["ontvoering"] = "direct_veiligstellen"
    found = only(weighing.check(cf, TODAY, DEFAULT), "direct_veiligstellen")
    assert found.severity == "acuut"
    assert "dreiging van ontvoering" in found.message


def test_an_incident_after_the_last_taxatie_is_acute():
    cf = case_file()
    add_form(cf, "veiligheidsplan", "taxatie", {"datum": "2025-05-10"})
    incident(cf, "2025-05-10")  # the same day: taxed
    assert "incident_na_taxatie" not in codes(weighing.check(cf, TODAY, DEFAULT))
    incident(cf, "2025-05-11")
    found = only(weighing.check(cf, TODAY, DEFAULT), "incident_na_taxatie")
    assert found.severity == "acuut"
    # an incident known to the month counts from its end
    cf.life_events.pop()
    incident(cf, "2025-05")
    assert "incident_na_taxatie" in codes(weighing.check(cf, TODAY, DEFAULT))


def test_an_incident_after_today_is_not_counted_yet():
    cf = case_file()
    add_form(cf, "veiligheidsplan", "taxatie", {"datum": "2025-05-10"})
    incident(cf, iso(TODAY + DAY))
    assert "incident_na_taxatie" not in codes(weighing.check(cf, TODAY, DEFAULT))


def weging(cf: Any, day: str, fase: str = Phase.LOKAAL_TEAM.value) -> None:
    add_form(cf, "weging", "besluit", {"datum": day, "fase_casus": fase}, instance=f"wg-{day}")


def test_a_new_zorgmelding_after_the_last_weging_asks_for_a_new_one():
    cf = case_file()
    assert "geen_weging" in codes(weighing.check(cf, TODAY, DEFAULT))
    weging(cf, "2025-03-01")
    incident(cf, "2025-03-01", "zorgmelding")
    assert codes(weighing.check(cf, TODAY, DEFAULT)) == []
    incident(cf, "2025-03-02", "zorgmelding")
    assert codes(weighing.check(cf, TODAY, DEFAULT)) == ["weging_na_melding"]
    weging(cf, "2025-03-02")
    assert codes(weighing.check(cf, TODAY, DEFAULT)) == []


def test_a_schakelmoment_asks_for_a_new_weging():
    cf = case_file(phase=Phase.LOKAAL_TEAM.value)
    weging(cf, "2025-03-01", Phase.LOKAAL_TEAM.value)
    assert codes(weighing.check(cf, TODAY, DEFAULT)) == []
    cf.case.phase = Phase.LOKAAL_TEAM_GI.value
    assert codes(weighing.check(cf, TODAY, DEFAULT)) == ["weging_schakelmoment"]


# -- kernbesluiten, evaluations, escalation --------------------------------------------


def besluit(cf: Any, **answers: Any) -> None:
    add_item(cf, "kernbesluiten", "besluiten", {"besluit": "Geen maatregel.", **answers})


def decision_codes(cf: Any, today: dt.date = TODAY, settings: RuleSettings = DEFAULT):
    return codes(decisions.check(cf, today, settings))


def test_a_kernbesluit_needs_the_advice_of_the_gedragswetenschapper():
    cf = case_file()
    besluit(cf)
    assert decision_codes(cf) == ["kernbesluit_zonder_advies"]
    cf.items[-1].answers["advies_gw"] = "Vrijwillig kader is verantwoord."
    assert decision_codes(cf) == []


def test_advice_not_followed_needs_a_reason():
    cf = case_file()
    besluit(cf, advies_gw="Een maatregel aanvragen.", advies_gevolgd="nee")
    assert decision_codes(cf) == ["advies_niet_gevolgd_zonder_reden"]
    cf.items[-1].answers["waarom"] = "De ouders werken nu mee."
    assert decision_codes(cf) == []
    cf.items[-1].answers.update(advies_gevolgd="ja", waarom="")
    assert decision_codes(cf) == []


@pytest.mark.parametrize(
    ("template", "rows"), [("veiligheidsplan", "afspraken"), ("veranderplan", "doelen")]
)
def test_an_evaluation_is_overdue_the_day_after_its_date(template: str, rows: str):
    cf = case_file()
    add_item(cf, template, rows, {"what": "Iets"})
    assert decision_codes(cf) == ["geen_evaluatiedatum"]
    add_form(cf, template, "plan", {"volgende_evaluatie": iso(TODAY)})
    assert decision_codes(cf) == []
    assert decision_codes(cf, TODAY + DAY) == ["evaluatie_te_laat"]


def barrier(cf: Any, step: str, since: dt.date, **answers: Any) -> None:
    add_item(
        cf,
        "feedback_barrieres",
        "barrieres",
        {"escalatiestap": step, "datum": iso(since), **answers},
    )


def test_a_barrier_shows_its_step_and_who_holds_doorzettingsmacht():
    cf = case_file()
    barrier(cf, "stap_2", TODAY)
    info = only(decisions.check(cf, TODAY, DEFAULT), "barriere_stap")
    assert info.severity == "info"
    assert "stap 2" in info.message and "niet vastgelegd" in info.message
    add_form(cf, "rollen", "regie", {"doorzettingsmacht": "M. de Groot (ZVH)"})
    assert "M. de Groot" in only(decisions.check(cf, TODAY, DEFAULT), "barriere_stap").message


def test_a_barrier_stuck_on_one_step_asks_for_the_next():
    cf = case_file()
    four = dt.timedelta(weeks=4)
    barrier(cf, "stap_2", TODAY - four)
    assert "barriere_blijft" not in decision_codes(cf)
    cf.items[-1].answers["datum"] = iso(TODAY - four - DAY)
    stuck = only(decisions.check(cf, TODAY, DEFAULT), "barriere_blijft")
    assert "stap 3" in stuck.message
    cf.items[-1].answers["uitkomst"] = "Opgelost in een gesprek."
    assert decision_codes(cf) == []  # a barrier with an outcome is closed


def test_from_step_3_someone_must_hold_doorzettingsmacht():
    cf = case_file()
    barrier(cf, "stap_2", TODAY)
    assert "geen_doorzettingsmacht" not in decision_codes(cf)
    cf.items[-1].answers["escalatiestap"] = "stap_3"
    assert "geen_doorzettingsmacht" in decision_codes(cf)
    add_form(cf, "rollen", "regie", {"doorzettingsmacht": "De procesregisseur"})
    assert "geen_doorzettingsmacht" not in decision_codes(cf)


# -- the demo: current, and a handful of acute findings ---------------------------------


def test_the_demo_dates_follow_the_day_the_profile_is_made():
    later = DEMO_REFERENCE + dt.timedelta(days=365 + 30)
    doc = demo_document(later)
    raw = demo_document()
    assert doc["case"]["opened_on"] == iso(
        dt.date.fromisoformat(raw["case"]["opened_on"]) + dt.timedelta(days=395)
    )
    jayden = next(p for p in doc["persons"] if p["id"] == "p-jayden")
    raw_jayden = next(p for p in raw["persons"] if p["id"] == "p-jayden")
    assert age.age_on(jayden["birth_date"], later) == age.age_on(
        raw_jayden["birth_date"], DEMO_REFERENCE
    )
    # texts move along: "januari 2025" becomes "februari 2026"
    assert "januari 2025" in raw["case"]["aanleiding"]
    assert "februari 2026" in doc["case"]["aanleiding"]
    # occasion ids move the same way in forms and items
    instances = {f.get("instance") for f in doc["forms"]} | {
        i.get("instance") for i in doc["items"]
    }
    assert {i.get("instance") for i in doc["items"]} <= instances
    assert shift_document(raw, 0) == raw


def test_shifting_texts_keeps_phone_numbers_and_moves_day_months():
    doc = {"a": "Bel 0800-2000 op 13 maart of in 2018, zie 2025-03-10 (Juni 2018)."}
    out = shift_document(doc, 366)
    assert out == {"a": "Bel 0800-2000 op 14 maart of in 2019, zie 2026-03-11 (Juni 2019)."}


def test_the_demo_has_a_handful_of_acute_findings_none_about_standing_agreements():
    from casusregie.domain.caseformat import from_document

    cf = from_document(demo_document())
    for today in (DEMO_REFERENCE, DEMO_REFERENCE + dt.timedelta(days=30)):
        acute = [f for f in check_case(cf, today) if f.severity == "acuut"]
        assert 1 <= len(acute) <= 5
        assert {f.code for f in acute} <= {
            "terug_naar_veiligheidsplan",
            "incident_na_taxatie",
            "veiligheidsafspraak_niet_gelukt",
        }
        over = [f for f in check_case(cf, today) if f.code == "over_tijd"]
        standing = {a.item.id for a in agreements.agreements(cf) if a.standing}
        assert not {f.target.entity_id for f in over if f.target} & standing


# -- roles ---------------------------------------------------------------------------


def test_roles_are_case_data_with_organisation_and_since():
    from casusregie.domain.caseformat import from_document
    from casusregie.domain.roles import case_roles

    cf = from_document(demo_document())
    roles = case_roles(cf)
    assert roles.casusregisseur.name == "Ilse van Dijk"
    assert roles.casusregisseur.since == dt.date(2025, 3, 10)
    assert roles.procesregisseur.organisation == "Zorg- en Veiligheidshuis Haaglanden"
    assert "procesregisseur" in roles.doorzettingsmacht
    core = roles.members("kernteam", DEMO_REFERENCE)
    assert {"Veilig Thuis Haaglanden", "Politie"} <= {m.organisation for m in core}
    assert roles.members("tweede_schil", DEMO_REFERENCE)
    assert not roles.handover.recorded


def test_roles_fall_back_to_the_case_regisseur_and_leave_the_team_when_ended():
    from casusregie.domain.roles import case_roles

    cf = case_file(regisseur="Ilse")
    assert case_roles(cf).casusregisseur.name == "Ilse"
    assert case_roles(cf).procesregisseur.name == ""
    add_item(cf, "rollen", "kernteam", {"naam": "A", "schil": "kernteam", "tot": iso(TODAY)})
    assert case_roles(cf).members("kernteam", TODAY)
    assert not case_roles(cf).members("kernteam", TODAY + DAY)
    add_form(cf, "rollen", "overdracht", {"aan_wie": "GI", "samen_met_gezin": "ja"})
    assert case_roles(cf).handover.recorded and case_roles(cf).handover.with_family


def test_the_overview_lines_name_the_roles():
    from casusregie.domain.caseformat import from_document
    from casusregie.domain.overview import role_lines
    from casusregie.domain.roles import case_roles

    lines = dict(role_lines(case_roles(from_document(demo_document())), DEMO_REFERENCE))
    assert lines["Casusregisseur"].startswith("Ilse van Dijk (")
    assert "sinds 10 maart 2025" in lines["Casusregisseur"]
    assert lines["Procesregisseur"].startswith("M. de Groot")
    assert "Politie" in lines["Kernteam"]
    assert "Overgedragen" not in lines
    empty = dict(role_lines(case_roles(case_file()), TODAY))
    assert empty["Procesregisseur"] == empty["Doorzettingsmacht"] == "niet vastgelegd"


def test_the_per_case_number_of_the_6_is_removed_by_a_template_migration():
    from casusregie.templates import load_templates
    from casusregie.templates.migration import migrate_answers, orphans

    tpl = load_templates().get("veiligheidsplan")
    assert tpl.version == 2
    assert tpl.section("zes").field("ondergrens_cijfer") is None
    stored = {"zes": {"zes": "Niemand wordt meer geslagen.", "ondergrens_cijfer": 5}}
    moved = migrate_answers(tpl, 1, stored)
    assert moved.version == 2
    # nothing written is dropped: the old number stays visible as an answer without field
    assert orphans(tpl, "zes", moved.sections["zes"]) == {"ondergrens_cijfer": 5}
    cf = case_file()
    add_form(cf, "veiligheidsplan", "zes", moved.sections["zes"])
    assert safety.bottom_line_score(cf, DEFAULT) == 6
