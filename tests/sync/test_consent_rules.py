"""The consent ledger's rules (domain, pure): who may consent at which age, when a
record is a basis, default deny, and the ledger in the case file format."""

from __future__ import annotations

import datetime as dt

import pytest

from casusregie.domain.caseformat import from_document, to_document
from casusregie.domain.consent import (
    OFFICE,
    AgeGroup,
    Basis,
    Consent,
    active_bases,
    age_group,
    consent_problems,
    is_active,
    next_change,
    status,
)
from casusregie.domain.model import Case, CaseFile, Person, Relation
from casusregie.store.caseio import validate_document
from helpers import sample_document

DAY = dt.date(2025, 6, 1)


def family(child_birth: str | None) -> CaseFile:
    cf = CaseFile(case=Case(id="c", case_id="c", family_name="X"))
    cf.persons += [
        Person(id="mama", case_id="c", role="moeder"),
        Person(id="papa", case_id="c", role="vader"),
        Person(id="kind", case_id="c", role="kind", birth_date=child_birth),
    ]
    cf.relations += [
        Relation(id="r1", case_id="c", kind="ouder_kind", type="biologisch", person_a=p,
                 person_b="kind")
        for p in ("mama", "papa")
    ]  # fmt: skip
    return cf


def toestemming(by: list[str], **kw: object) -> Consent:
    base: dict[str, object] = {
        "id": "t1", "case_id": "c", "category": "identiteit", "given_by": by,
        "form": "mondeling", "given_on": "2025-05-01", "purpose": "Overleg",
    }  # fmt: skip
    base.update(kw)
    return Consent(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("birth", "group"),
    [
        ("2015-06-02", AgeGroup.ONDER_12),  # 11 on DAY
        ("2013-06-01", AgeGroup.TWAALF_TOT_16),  # 12 today
        ("2009-06-02", AgeGroup.TWAALF_TOT_16),  # 15
        ("2009-06-01", AgeGroup.VANAF_16),  # 16 today
        ("2013", AgeGroup.ONZEKER),  # a year alone: 11 or 12 on DAY; ask, do not guess
        ("2005", AgeGroup.VANAF_16),  # a year alone, but 19 or 20 either way
        (None, AgeGroup.ONBEKEND),
    ],
)
def test_age_groups(birth: str | None, group: AgeGroup) -> None:
    assert age_group(Person(id="k", case_id="c", birth_date=birth), DAY) == group


@pytest.mark.parametrize(
    ("birth", "by", "ok"),
    [
        ("2020-01-01", ["mama"], True),  # under 12: a parent
        ("2020-01-01", ["kind"], False),
        ("2011-01-01", ["mama"], False),  # 12-16: both
        ("2011-01-01", ["kind"], False),
        ("2011-01-01", ["papa", "kind"], True),
        ("2005-01-01", ["mama"], False),  # 16+: the jeugdige
        ("2005-01-01", ["kind"], True),
    ],
)
def test_who_consents_by_age(birth: str, by: list[str], ok: bool) -> None:
    cf = family(birth)
    consent = toestemming(by, given_on="2025-05-01")
    cf.consents.append(consent)
    assert (consent_problems(consent, cf) == []) is ok
    assert is_active(consent, DAY, cf) is ok


def stepfamily() -> CaseFile:
    """Mother, her new partner (a stepfather without gezag) and a 14-year-old."""
    cf = CaseFile(case=Case(id="c", case_id="c", family_name="X"))
    cf.persons += [
        Person(id="mama", case_id="c", role="moeder"),
        Person(id="papa", case_id="c", role="vader"),
        Person(id="stief", case_id="c", role="partner"),
        Person(id="kind", case_id="c", role="kind", birth_date="2011-01-01"),
    ]
    cf.relations += [
        Relation(id=f"r-{p}", case_id="c", kind="ouder_kind", type=t, person_a=p,
                 person_b="kind")
        for p, t in (("mama", "biologisch"), ("papa", "biologisch"), ("stief", "stief"))
    ]  # fmt: skip
    return cf


def test_stepparent_without_gezag_cannot_consent() -> None:
    cf = stepfamily()
    consent = toestemming(["stief", "kind"])
    cf.consents.append(consent)
    problems = consent_problems(consent, cf)
    assert not is_active(consent, DAY, cf)
    assert any("partner van een ouder zonder gezag" in p for p in problems)
    assert all("stief" not in p for p in problems)  # roles, never ids or names
    # the mother and the child: valid (gezag not recorded: the legal parents)
    consent.given_by = ["mama", "kind"]
    assert consent_problems(consent, cf) == []


def test_recorded_gezag_decides() -> None:
    cf = stepfamily()
    kind = cf.person("kind")
    assert kind is not None
    consent = toestemming(["papa", "kind"])
    cf.consents.append(consent)
    assert is_active(consent, DAY, cf)
    # unmarried parents, father never registered: only the mother has gezag
    kind.custody, kind.custody_holders = "een_ouder", ["mama"]
    assert not is_active(consent, DAY, cf)
    consent.given_by = ["mama", "kind"]
    assert is_active(consent, DAY, cf)
    # joint gezag (it survives a divorce): both parents must consent, with the child
    kind.custody, kind.custody_holders = "beide_ouders", []
    assert not is_active(consent, DAY, cf)
    consent.given_by = ["mama", "papa", "kind"]
    assert is_active(consent, DAY, cf)
    # voogdij: the parents lose gezag; without a recorded voogd nobody can consent
    kind.measure = "voogdij"
    assert any("voogd" in p for p in consent_problems(consent, cf))
    # an OTS leaves gezag with the parents
    kind.measure = "ots"
    assert is_active(consent, DAY, cf)
    # gezag recorded only from a later date: before that the legal parents are assumed
    kind.custody, kind.custody_holders, kind.custody_from = "een_ouder", ["papa"], "2026-01-01"
    consent.given_by = ["mama", "kind"]
    assert is_active(consent, DAY, cf)


def test_year_only_birth_date_asks_for_both() -> None:
    cf = family("2013")  # 11 or 12 on the day: parent and child both, and say why
    consent = toestemming(["mama"])
    cf.consents.append(consent)
    assert any("niet precies genoeg" in p for p in consent_problems(consent, cf))
    consent.given_by = ["mama", "kind"]
    assert consent_problems(consent, cf) == []


def test_dates_make_and_end_a_basis() -> None:
    cf = family("2020-01-01")
    c = toestemming(["mama"], given_on="2025-06-02", valid_until="2025-06-30")
    cf.consents.append(c)
    assert status(c, DAY, cf) == "nog niet"
    assert is_active(c, dt.date(2025, 6, 30), cf)  # valid through the last day
    assert not is_active(c, dt.date(2025, 7, 1), cf)
    assert status(c, dt.date(2025, 7, 1), cf) == "verlopen"
    c.withdrawn_on = "2025-06-10"  # withdrawn: at once, that very day
    assert is_active(c, dt.date(2025, 6, 9), cf)
    assert not is_active(c, dt.date(2025, 6, 10), cf)
    assert status(c, dt.date(2025, 6, 10), cf) == "ingetrokken"
    assert next_change(cf, OFFICE, DAY) == dt.date(2025, 6, 2)
    assert next_change(cf, OFFICE, dt.date(2025, 6, 2)) == dt.date(2025, 6, 10)


def test_other_bases_need_the_afweging() -> None:
    cf = family("2020-01-01")
    legal = Consent(
        id="w", case_id="c", category="veiligheid", basis=Basis.WETTELIJK.value,
        given_on="2025-05-01", purpose="Melding", form=None,
    )  # fmt: skip
    cf.consents.append(legal)
    assert not is_active(legal, DAY, cf)
    assert any("afweging" in p for p in consent_problems(legal, cf))
    legal.why_no_consent = "Ouders onbereikbaar"
    legal.consulted = "Aandachtsfunctionaris"
    legal.what_shared = "Veiligheidsafspraken"
    legal.shared_with = "Centraal kantoor"
    legal.reasons = "Acute zorg om de veiligheid"
    assert is_active(legal, DAY, cf)
    assert set(active_bases(cf, OFFICE, DAY)) == {"veiligheid"}


def test_default_deny_and_never_shared() -> None:
    cf = family("2020-01-01")
    assert active_bases(cf, OFFICE, DAY) == {}
    cf.consents += [
        toestemming(["mama"], id="a", category="intern"),
        toestemming(["mama"], id="b", category="grondslag"),
        toestemming(["mama"], id="c", category="contact", recipient="school"),
        toestemming(["mama"], id="d", category="gezondheid", purpose=""),  # incomplete
        toestemming(["mama"], id="e", category="netwerk", given_on="2025"),  # vague date
    ]
    assert active_bases(cf, OFFICE, DAY) == {}
    assert set(active_bases(cf, "school", DAY)) == {"contact"}


def test_ledger_round_trips_in_the_case_format() -> None:
    doc = sample_document("c-ledger")
    doc["consents"] = [
        {
            "id": "t-1", "category": "identiteit", "recipient": "kantoor",
            "basis": "toestemming", "given_by": ["p-moeder", "p-kind"],
            "form": "schriftelijk", "given_on": "2024-03-01", "scope": "Namen",
            "purpose": "Overleg", "valid_until": "2025-03-01", "withdrawn_on": None,
        },
        {"id": "t-2", "category": "gezondheid", "purpose": ""},  # incomplete, still stored
    ]  # fmt: skip
    cf = validate_document(doc)
    assert [c.id for c in cf.consents] == ["t-1", "t-2"]
    again = to_document(cf)
    assert from_document(again) == cf
    doc["consents"][0]["given_by"] = ["p-onbekend"]
    with pytest.raises(Exception, match="onbekende persoon"):
        validate_document(doc)
