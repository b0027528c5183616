"""Vergewisplicht: every child is spoken with, recently, or the reason why not is recorded.

Age decides who gives consent and how a conversation goes: under 12 the parents decide,
from 12 to 16 the parents and the jeugdige both, from 16 the jeugdige. The group
changes on the birthday itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casusregie.domain.age import age_range
from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile, Person, Role
from casusregie.domain.rules.base import (
    Finding,
    RuleSettings,
    Target,
    answer,
    filled,
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
    "who_consents",
]

RULE = "vergewisplicht"
TEMPLATE = "gesprekken_kinderen"
AGE_GROUPS = {"onder_12": "jonger dan 12", "12_16": "12 tot 16 jaar", "16_plus": "16 jaar of ouder"}


def age_on(birth: str, day: dt.date) -> int | None:
    """Whole years on ``day``. A birth date known only to the month or year counts from
    its first possible day (a child is never taken as younger than it may be); the
    range itself is ``domain.age.age_range``, the one age function."""
    bounds = age_range(birth, day)
    return None if bounds is None else bounds[1]


def age_group(age: int) -> str:
    if age < 12:
        return "onder_12"
    if age < 16:
        return "12_16"
    return "16_plus"


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


def contact(cf: CaseFile, child: Person) -> ChildContact:
    """The last conversation with ``child`` and any recorded reason for not speaking."""
    days = []
    reason = ""
    for item in items(cf, TEMPLATE, "gesprekken"):
        if item.answers.get("kind") != child.id:
            continue
        if filled(item.answers.get("reden_niet_gesproken")):
            reason = str(item.answers["reden_niet_gesproken"])
            continue
        day = parse_day(item.answers.get("datum"))
        if day is not None:
            days.append(day)
    form_day = parse_day(answer(cf, TEMPLATE, "kind", "laatste_gesprek", person=child.id))
    if form_day is not None:
        days.append(form_day)
    form_reason = answer(cf, TEMPLATE, "kind", "reden_niet_gesproken", person=child.id)
    if filled(form_reason):
        reason = str(form_reason)
    return ChildContact(child, max(days) if days else None, reason)


def _birthday(birth: str, age: int) -> dt.date | None:
    try:
        born = PartialDate.parse(birth).earliest()
    except ValueError:
        return None
    try:
        return born.replace(year=born.year + age)
    except ValueError:  # 29 February
        return dt.date(born.year + age, 3, 1)


def check(cf: CaseFile, today: dt.date, settings: RuleSettings) -> list[Finding]:
    findings = []
    window = dt.timedelta(weeks=settings.vergewis_weeks)
    for child in cf.persons:
        if child.role != Role.KIND.value or child.deceased:
            continue
        target = Target(template=TEMPLATE, section="gesprekken", person=child.id)
        c = contact(cf, child)
        recent = c.last_spoken is not None and today - c.last_spoken <= window
        if not recent and not c.reason_not:
            name = child.name or "Een kind"
            if c.last_spoken:
                text = (
                    f"{name} is voor het laatst gesproken op "
                    f"{PartialDate.from_date(c.last_spoken).dutch()}, langer dan "
                    f"{settings.vergewis_weeks} weken geleden"
                )
            else:
                text = f"{name} is nog nooit gesproken"
            findings.append(
                Finding(
                    RULE,
                    "kind_niet_gesproken",
                    f"{text}, en er staat geen reden waarom niet (vergewisplicht).",
                    target=target,
                )
            )
        age = age_on(child.birth_date, today) if child.birth_date else None
        if age in (12, 16) and child.birth_date:
            birthday = _birthday(child.birth_date, age)
            if birthday is not None and today - birthday <= window:
                group = age_group(age)
                findings.append(
                    Finding(
                        RULE,
                        f"leeftijd_{age}",
                        f"{child.name or 'Een kind'} is {age} geworden: voor toestemming "
                        f"beslissen nu {who_consents(group)}.",
                        level="info",
                        target=Target(template=TEMPLATE, section="kind", person=child.id),
                    )
                )
    return findings
