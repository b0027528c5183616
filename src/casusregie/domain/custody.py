"""Gezag and maatregel per child, and who therefore may consent for it.

DOMAIN.md: married parents keep joint gezag after a divorce; an unmarried mother has it
alone unless the father registered; a stepparent or foster parent has none; under
voogdij the voogd (often a GI) has it; under an OTS the parents keep it. The regisseur
records it per child (``Person.custody`` with ``custody_holders`` and dates,
``Person.measure`` with dates). When nothing is recorded the legal parents (biological
or adoptive, never step or foster) are assumed, and the reason says so.

Pure: no I/O. Reasons name roles, never names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casusregie.domain.dates import PartialDate
from casusregie.domain.model import (
    CaseFile,
    Custody,
    Measure,
    ParentType,
    Person,
    RelationKind,
    Role,
)

__all__ = ["CustodyView", "custody_on", "legal_parents", "role_word"]

_LEGAL = (ParentType.BIOLOGISCH.value, ParentType.ADOPTIE.value)


@dataclass(frozen=True)
class CustodyView:
    """Who has gezag over one child on one day, and how sure that is."""

    holders: frozenset[str]
    #: True when recorded by the regisseur (and in force that day)
    recorded: bool
    #: the maatregel that day (a ``Measure`` value)
    measure: str
    #: Dutch, when something is missing or assumed ('' when all is recorded)
    note: str = ""


def legal_parents(cf: CaseFile, child: Person) -> set[str]:
    """Biological or adoptive parents (a stepparent or foster parent is no legal parent).
    A child without any parent relation in the genogram yet: the persons with the role
    mother or father (never a parent's partner)."""
    relations = [
        r
        for r in cf.relations
        if r.kind == RelationKind.PARENT_CHILD.value and r.person_b == child.id
    ]
    if relations:
        return {r.person_a for r in relations if r.type in _LEGAL}
    return {p.id for p in cf.persons if p.role in (Role.MOEDER.value, Role.VADER.value)}


def _within(start: str | None, end: str | None, on: dt.date) -> bool:
    try:
        if start and PartialDate.parse(start).earliest() > on:
            return False
        if end and PartialDate.parse(end).latest() < on:
            return False
    except (ValueError, AttributeError):
        return True
    return True


def custody_on(cf: CaseFile, child: Person, on: dt.date) -> CustodyView:
    """Who has gezag over ``child`` on ``on`` (see the module docstring)."""
    measure = Measure.GEEN.value
    if child.measure and _within(child.measure_from, child.measure_until, on):
        measure = child.measure
    recorded = child.custody is not None and _within(child.custody_from, child.custody_until, on)
    kind = child.custody if recorded else None
    if measure == Measure.VOOGDIJ.value and kind != Custody.VOOGD.value:
        holders = frozenset(child.custody_holders) if kind == Custody.VOOGD.value else frozenset()
        return CustodyView(
            holders, False, measure, "voogdij: leg vast wie de voogd is (geen ouder heeft gezag)"
        )
    if kind == Custody.BEIDE_OUDERS.value:
        holders = frozenset(child.custody_holders) or frozenset(legal_parents(cf, child))
        return CustodyView(holders, True, measure)
    if kind in (Custody.EEN_OUDER.value, Custody.VOOGD.value):
        holders = frozenset(child.custody_holders)
        if not holders:
            who = "welke ouder" if kind == Custody.EEN_OUDER.value else "wie de voogd is"
            return CustodyView(holders, False, measure, f"gezag: leg vast {who} het gezag heeft")
        return CustodyView(holders, True, measure)
    return CustodyView(
        frozenset(legal_parents(cf, child)),
        False,
        measure,
        "gezag niet vastgelegd: uitgegaan van de juridische ouders",
    )


def role_word(person: Person | None) -> str:
    """A role for a reason text (never a name)."""
    if person is None:
        return "onbekende persoon"
    if person.role == Role.KIND.value:
        return "jeugdige"
    if person.role in (Role.MOEDER.value, Role.VADER.value):
        return "ouder"
    return Role.label_of(person.role).lower()
