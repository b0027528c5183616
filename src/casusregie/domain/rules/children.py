"""Vergewisplicht: every child is spoken with, recently, or the reason why not is recorded.

Seed 003, bouwsteen gesprekken met kinderen: "Ga altijd in gesprek met de jeugdige";
"Noteer redenen om (nog) niet met ouders of jeugdige te spreken altijd in het dossier";
"Er kan met argumenten worden afgeweken van bovenstaande, maar je bent wel verplicht te
controleren of doorlopend tijdens het proces met de jeugdige wordt gesproken
(vergewisplicht)". A conversation counts when it is a row of the template's
"gesprekken" list, the "laatste gesprek" date per child, or a recorded conversation
in the child's own words (``domain.child_talks``). So:

- a child not spoken with in ``vergewis_weeks`` (13) is a finding, unless a reason is
  recorded **and still current**: a reason holds from its date until the next
  netwerkberaad held after it, or ``reason_weeks`` (13) after it, whichever is first; a
  reason without a date is not current (nobody can tell when it was weighed);
- when the file records who speaks with the child doorlopend (``doorlopend_gesproken``)
  and the child has been spoken with before, the finding is administrative: check that
  it still happens;
- from 18 the child is an adult: the vergewisplicht for children ends and the young
  person decides alone; turning 18 is a finding (and 13 weeks before, a warning);
- the age group (who consents) changes on the birthday itself (seed 003: "tot 12 jaar,
  van 12 tot 16 jaar en 16 jaar en ouder"). Ages come from ``domain.age``: a birth year
  alone that cannot tell the group gives "leeftijd onzeker", never a guess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casusregie.domain import age as ages
from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile, Person, Role
from casusregie.domain.rules.base import (
    AANDACHT,
    ADMINISTRATIEF,
    INFO,
    Finding,
    RuleSettings,
    Target,
    answer,
    filled,
    instances,
    items,
    parse_day,
)

__all__ = [
    "AGE_GROUPS",
    "RULE",
    "ChildContact",
    "age_group",
    "age_on",
    "check",
    "contact",
    "reason_valid_until",
    "who_consents",
]

RULE = "vergewisplicht"
TEMPLATE = "gesprekken_kinderen"
AGE_GROUPS = ages.BANDS
age_on = ages.age_on


def age_group(age: int) -> str:
    """The group of a known whole age (a key of ``AGE_GROUPS``)."""
    return ages.band_of(age)


def who_consents(group: str) -> str:
    return {
        "onder_12": "de ouders (met gezag)",
        "12_16": "de ouders én de jeugdige",
        "16_plus": "de jeugdige zelf",
    }[group]


@dataclass(frozen=True)
class ChildContact:
    child: Person
    last_spoken: dt.date | None
    reason_not: str
    #: the date of the latest recorded reason (None: undated or no reason)
    reason_on: dt.date | None = None
    #: who speaks with the child doorlopend (seed 003), as recorded
    ongoing: str = ""


def contact(cf: CaseFile, child: Person) -> ChildContact:
    """The last conversation with ``child`` (any of the three records) and the latest
    recorded reason for not speaking (a dated one wins over an undated one)."""
    days = []
    reasons: list[tuple[dt.date | None, str]] = []
    for item in items(cf, TEMPLATE, "gesprekken"):
        if item.answers.get("kind") != child.id:
            continue
        day = parse_day(item.answers.get("datum"))
        if filled(item.answers.get("reden_niet_gesproken")):
            reasons.append((day, str(item.answers["reden_niet_gesproken"])))
            continue
        if day is not None:
            days.append(day)
    # a recorded conversation (Drie Huizen, Words & Pictures, a talk) counts as well
    days.extend(day for t in cf.child_talks if t.child == child.id and (day := parse_day(t.date)))
    form_day = parse_day(answer(cf, TEMPLATE, "kind", "laatste_gesprek", person=child.id))
    if form_day is not None:
        days.append(form_day)
    form_reason = answer(cf, TEMPLATE, "kind", "reden_niet_gesproken", person=child.id)
    if filled(form_reason):
        on = parse_day(answer(cf, TEMPLATE, "kind", "reden_datum", person=child.id))
        reasons.append((on, str(form_reason)))
    ongoing = answer(cf, TEMPLATE, "kind", "doorlopend_gesproken", person=child.id)
    reason_on, reason = (None, "")
    if reasons:
        reason_on, reason = max(reasons, key=lambda r: r[0] or dt.date.min)
    return ChildContact(
        child,
        max(days) if days else None,
        reason,
        reason_on,
        str(ongoing) if filled(ongoing) else "",
    )


def reason_valid_until(cf: CaseFile, reason_on: dt.date, settings: RuleSettings) -> dt.date:
    """The last day a reason recorded on ``reason_on`` holds: the day before the next
    netwerkberaad held after it (that meeting weighs it again), or ``reason_weeks``
    after it, whichever comes first."""
    until = reason_on + dt.timedelta(weeks=settings.reason_weeks)
    for day, _ in instances(cf, "netwerkberaad", "beraad", "datum"):
        if day is not None and day > reason_on:
            return min(until, day - dt.timedelta(days=1))
    return until


def _nl(day: dt.date) -> str:
    return PartialDate.from_date(day).dutch()


def _spoken_finding(
    cf: CaseFile, child: Person, today: dt.date, settings: RuleSettings
) -> Finding | None:
    window = dt.timedelta(weeks=settings.vergewis_weeks)
    c = contact(cf, child)
    if c.last_spoken is not None and today - c.last_spoken <= window:
        return None
    name = child.name or "Een kind"
    if c.last_spoken:
        text = (
            f"{name} is voor het laatst gesproken op {_nl(c.last_spoken)}, langer dan "
            f"{settings.vergewis_weeks} weken geleden"
        )
    else:
        text = f"{name} is nog nooit gesproken"
    target = Target(template=TEMPLATE, section="gesprekken", person=child.id)
    if c.reason_not:
        if c.reason_on is None:
            return Finding(
                RULE,
                "reden_zonder_datum",
                f"{text}. Er staat een reden waarom niet, maar zonder datum: weeg die opnieuw "
                "en zet de datum erbij (vergewisplicht).",
                AANDACHT,
                Target(template=TEMPLATE, section="kind", person=child.id),
            )
        until = reason_valid_until(cf, c.reason_on, settings)
        if today <= until:
            return None
        return Finding(
            RULE,
            "reden_verlopen",
            f"{text}. De reden waarom niet (van {_nl(c.reason_on)}) gold tot {_nl(until)}: "
            "weeg opnieuw of het kind gesproken kan worden (vergewisplicht).",
            AANDACHT,
            target,
        )
    if c.ongoing and c.last_spoken is not None:
        return Finding(
            RULE,
            "doorlopend_nagaan",
            f"{text}. Volgens het dossier spreekt iemand het kind doorlopend: ga na of dat "
            "nog zo is (vergewisplicht).",
            ADMINISTRATIEF,
            Target(
                template=TEMPLATE, section="kind", field="doorlopend_gesproken", person=child.id
            ),
        )
    return Finding(
        RULE,
        "kind_niet_gesproken",
        f"{text}, en er staat geen reden waarom niet (vergewisplicht).",
        AANDACHT,
        target,
    )


def _age_findings(child: Person, today: dt.date, settings: RuleSettings) -> list[Finding]:
    """Turning 12 or 16 (info), turning 18 (soon or just now), or an age that cannot
    be told from a year-only birth date where it matters."""
    out: list[Finding] = []
    name = child.name or "Een kind"
    window = dt.timedelta(weeks=settings.vergewis_weeks)
    target = Target(template=TEMPLATE, section="kind", person=child.id)
    birth = child.birth_date
    exact = ages.age_on(birth, today)
    for years in (12, 16):
        day = ages.surely(birth, years)
        if exact == years and day is not None and today - day <= window:
            group = ages.age_band(birth, today)
            out.append(
                Finding(
                    RULE,
                    f"leeftijd_{years}",
                    f"{name} is {years} geworden: voor toestemming beslissen nu "
                    f"{who_consents(group)}.",
                    INFO,
                    target,
                )
            )
    adult = ages.is_adult(birth, today)
    eighteen = ages.birthday(birth, ages.ADULT)
    if adult:
        since = f" op {_nl(eighteen)}" if eighteen else ""
        out.append(
            Finding(
                RULE,
                "achttien",
                f"{name} is 18 geworden{since}: geen kind meer in deze casus. Leg vast hoe "
                f"{name} nu betrokken is (toestemming geeft de jongere zelf; hulp voor "
                "volwassenen, 18-/18+).",
                AANDACHT,
                Target(entity_type="person", entity_id=child.id, field="role"),
            )
        )
    elif adult is None and ages.age_range(birth, today) is not None:
        out.append(
            Finding(
                RULE,
                "leeftijd_onzeker",
                f"Van {name} is alleen het geboortejaar bekend: het kind is misschien al 18. "
                "Vraag de geboortedatum.",
                ADMINISTRATIEF,
                Target(entity_type="person", entity_id=child.id, field="birth_date"),
            )
        )
    elif eighteen is not None and today < eighteen <= today + window:
        out.append(
            Finding(
                RULE,
                "bijna_achttien",
                f"{name} wordt op {_nl(eighteen)} 18: bereid de overgang voor (wie beslist, "
                "welke hulp loopt door na 18).",
                AANDACHT,
                target,
            )
        )
    if ages.age_band(birth, today) == ages.ONBEKEND and ages.age_range(birth, today):
        out.append(
            Finding(
                RULE,
                "leeftijdsgroep_onzeker",
                f"Van {name} is de geboortedatum niet precies bekend: het kind kan in twee "
                "leeftijdsgroepen vallen (wie toestemming geeft). Vraag de geboortedatum.",
                ADMINISTRATIEF,
                Target(entity_type="person", entity_id=child.id, field="birth_date"),
            )
        )
    return out


def check(cf: CaseFile, today: dt.date, settings: RuleSettings) -> list[Finding]:
    findings = []
    for child in cf.persons:
        if child.role != Role.KIND.value or child.deceased:
            continue
        if ages.is_adult(child.birth_date, today) is not True:
            spoken = _spoken_finding(cf, child, today, settings)
            if spoken is not None:
                findings.append(spoken)
        findings += _age_findings(child, today, settings)
    return findings
