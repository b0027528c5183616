"""The consent ledger: on which legal basis a category of a case may go to a recipient.

One ``Consent`` per case, privacy category (``resources/templates/privacy.json``) and
recipient (``"kantoor"``, the central office; other organisations later). The basis
(grondslag) is one of:

- **toestemming**: who gave it (person ids: parents, the jeugdige), mondeling or
  schriftelijk, the date, scope, purpose, until when; withdrawn on a date;
- **wettelijke verplichting** or **levensbedreigende situatie**: no consent, so the
  afweging is recorded instead: why no consent, who was consulted, what is shared, with
  whom, and why.

Who consents depends on gezag (``domain.custody``) and the child's age on the day
(Jeugdwet/WGBO): under 12 the parent(s) with gezag, 12 to 15 those and the jeugdige, 16
and older the jeugdige. A stepparent has no gezag: their consent does not count. A consent that is
incomplete, not yet given, lapsed (after ``valid_until``) or withdrawn is no basis, and
without a basis nothing of the category leaves the device (default deny, see ``sync``).

Two categories never leave the device, whatever is recorded: ``intern`` (the
regisseur's own notes) and ``grondslag`` (the ledger itself, whose afweging may be more
sensitive than what it allows). The recipient learns the basis of every disclosure
(basis, purpose, date, the role of who consented; no names) from each sync instead.

Pure: no I/O. ``Consent`` is listed in the entity registry (``domain.entities``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from casusregie.domain.age import age_range
from casusregie.domain.custody import CustodyView, custody_on, role_word
from casusregie.domain.dates import PartialDate
from casusregie.domain.model import (
    CaseFile,
    Choice,
    Entity,
    Person,
    Role,
)

__all__ = [
    "LEDGER_CATEGORY",
    "NEVER_SHARED",
    "OFFICE",
    "AgeGroup",
    "Basis",
    "Consent",
    "ConsentForm",
    "active_bases",
    "age_group",
    "consent_problems",
    "is_active",
    "needed_grantors",
    "next_change",
    "status",
]

OFFICE = "kantoor"
#: the category of the consent records themselves
LEDGER_CATEGORY = "grondslag"
#: never leave the device, whatever is recorded
NEVER_SHARED = frozenset({"intern", LEDGER_CATEGORY})


class Basis(Choice):
    TOESTEMMING = "toestemming", "Toestemming"
    WETTELIJK = "wettelijke_verplichting", "Wettelijke verplichting"
    LEVENSBEDREIGEND = "levensbedreigende_situatie", "Levensbedreigende situatie"


class ConsentForm(Choice):
    MONDELING = "mondeling", "Mondeling"
    SCHRIFTELIJK = "schriftelijk", "Schriftelijk"


class AgeGroup(Choice):
    ONDER_12 = "onder_12", "Jonger dan 12: de ouders beslissen"
    TWAALF_TOT_16 = "12_tot_16", "12 tot 16: ouders en jeugdige samen"
    VANAF_16 = "vanaf_16", "16 of ouder: de jeugdige zelf"
    ONBEKEND = "onbekend", "Leeftijd onbekend"
    ONZEKER = "onzeker", "Alleen het geboortejaar bekend: vraag de geboortedatum"


#: fields of the afweging, required for a basis other than consent (with Dutch names)
AFWEGING = {
    "why_no_consent": "waarom geen toestemming",
    "consulted": "wie geraadpleegd",
    "what_shared": "wat wordt gedeeld",
    "shared_with": "met wie",
    "reasons": "waarom",
}


@dataclass
class Consent(Entity):
    """One line of the consent ledger (see the module docstring)."""

    ENTITY_TYPE: ClassVar[str] = "consent"
    CHOICES: ClassVar[dict[str, type[Choice]]] = {"basis": Basis, "form": ConsentForm}
    DATES: ClassVar[tuple[str, ...]] = ("given_on", "valid_until", "withdrawn_on")
    PERSON_REFS: ClassVar[tuple[str, ...]] = ("given_by",)

    category: str = ""
    recipient: str = OFFICE
    basis: str = Basis.TOESTEMMING.value
    given_by: list[str] = field(default_factory=list)
    form: str | None = ConsentForm.MONDELING.value
    given_on: str | None = None
    scope: str = ""
    purpose: str = ""
    valid_until: str | None = None
    withdrawn_on: str | None = None
    why_no_consent: str = ""
    consulted: str = ""
    what_shared: str = ""
    shared_with: str = ""
    reasons: str = ""

    def problems(self) -> list[str]:
        """Whether it can be stored at all (import checks this): known choices, dates,
        a category. Whether it is a *basis* is ``gaps`` and ``consent_problems``."""
        out = super().problems()
        if not self.category:
            out.append("consent.category: ontbreekt")
        return out

    def gaps(self) -> list[str]:
        """What is missing before this record is a basis, whatever the family."""
        out = []
        if not self.recipient:
            out.append("consent.recipient: ontbreekt")
        for name in self.DATES:
            value = getattr(self, name)
            if value is not None and _day(value) is None:
                out.append(f"consent.{name}: geef een volledige datum (JJJJ-MM-DD)")
        if not self.given_on:
            out.append("consent.given_on: datum ontbreekt")
        if not self.purpose.strip():
            out.append("consent.purpose: doel ontbreekt")
        if self.basis == Basis.TOESTEMMING.value:
            if not self.given_by:
                out.append("consent.given_by: wie gaf toestemming?")
            if not self.form:
                out.append("consent.form: mondeling of schriftelijk?")
        else:
            for name, label in AFWEGING.items():
                if not str(getattr(self, name) or "").strip():
                    out.append(f"consent.{name}: afweging onvolledig ({label})")
        start, end = _day(self.given_on), _day(self.valid_until)
        if start and end and end < start:
            out.append("consent.valid_until: ligt voor de datum van toestemming")
        return out


def _day(text: str | None) -> dt.date | None:
    """A full date, or None (also for a year or month alone: too vague for a ledger)."""
    if not text:
        return None
    try:
        pd = PartialDate.parse(text)
    except (ValueError, AttributeError):
        return None
    if pd.month is None or pd.day is None:
        return None
    return dt.date(pd.year, pd.month, pd.day)


def age_group(person: Person, on: dt.date) -> AgeGroup:
    """The consent age group on ``on``; ``ONZEKER`` when a birth date known only to the
    year (or month) cannot tell which side of a 12th or 16th birthday the child is."""
    bounds = age_range(person.birth_date, on)
    if bounds is None:
        return AgeGroup.ONBEKEND
    groups = {_group_of(years) for years in bounds}
    return groups.pop() if len(groups) == 1 else AgeGroup.ONZEKER


def _group_of(years: int) -> AgeGroup:
    if years < 12:
        return AgeGroup.ONDER_12
    if years < 16:
        return AgeGroup.TWAALF_TOT_16
    return AgeGroup.VANAF_16


def needed_grantors(cf: CaseFile, on: dt.date) -> list[tuple[Person, AgeGroup, set[str]]]:
    """For each child of the case: its age group and whose consent counts (person ids):
    under 12 the parent(s) with gezag; 12 to 16 those and the child; 16 and up the
    child; age unknown or uncertain: the parent(s) with gezag and the child."""
    out = []
    for child in cf.persons:
        if child.role != Role.KIND.value or child.deceased:
            continue
        group = age_group(child, on)
        holders = set(custody_on(cf, child, on).holders)
        if group == AgeGroup.ONDER_12:
            needed = holders
        elif group == AgeGroup.VANAF_16:
            needed = {child.id}
        else:
            needed = holders | {child.id}
        out.append((child, group, needed))
    return out


def _parents_ok(given: set[str], view: CustodyView) -> bool:
    """Recorded gezag: every holder consents. Not recorded: at least one legal parent."""
    if not view.holders:
        return False
    if view.recorded:
        return view.holders <= given
    return bool(given & view.holders)


def consent_problems(consent: Consent, cf: CaseFile) -> list[str]:
    """Everything that makes this record no basis, in Dutch, naming roles, never names."""
    out = consent.problems() + consent.gaps()
    if consent.basis != Basis.TOESTEMMING.value or not consent.given_by:
        return out
    on = _day(consent.given_on) or dt.date.today()
    given = set(consent.given_by)
    failed = False
    holders_any: set[str] = set()
    children = set()
    for child in cf.persons:
        if child.role != Role.KIND.value or child.deceased:
            continue
        children.add(child.id)
        group = age_group(child, on)
        view = custody_on(cf, child, on)
        holders_any |= view.holders
        parents_ok = _parents_ok(given, view)
        if group != AgeGroup.VANAF_16 and not parents_ok and view.note and not view.holders:
            out.append(f"toestemming: {view.note}")
        if group == AgeGroup.ONDER_12 and not parents_ok:
            out.append("toestemming: bij een kind onder 12 geven de ouder(s) met gezag toestemming")
        elif group == AgeGroup.TWAALF_TOT_16 and not (parents_ok and child.id in given):
            out.append(
                "toestemming: bij een jeugdige van 12 tot 16 de ouder(s) met gezag én de "
                "jeugdige samen"
            )
        elif group == AgeGroup.VANAF_16 and child.id not in given:
            out.append("toestemming: een jeugdige van 16 of ouder geeft zelf toestemming")
        elif group in (AgeGroup.ONBEKEND, AgeGroup.ONZEKER) and not (
            parents_ok and child.id in given
        ):
            out.append(
                "toestemming: geboortedatum van een kind onbekend of niet precies genoeg "
                "(vraag die na); tot dan de ouder(s) met gezag én het kind samen"
            )
        else:
            continue
        failed = True
    if failed:
        for pid in consent.given_by:
            if pid not in holders_any and pid not in children:
                who = role_word(cf.person(pid))
                out.append(f"toestemming: gegeven door een {who} zonder gezag; dat telt niet")
    return sorted(set(out), key=out.index)


def is_active(consent: Consent, today: dt.date, cf: CaseFile | None = None) -> bool:
    """A basis today: complete, given, not lapsed (valid through ``valid_until``), not
    withdrawn (from ``withdrawn_on`` on), and given by the right persons."""
    problems = (
        consent_problems(consent, cf) if cf is not None else consent.problems() + consent.gaps()
    )
    if problems:
        return False
    start = _day(consent.given_on)
    if start is None or start > today:
        return False
    end = _day(consent.valid_until)
    if end is not None and today > end:
        return False
    withdrawn = _day(consent.withdrawn_on)
    return not (withdrawn is not None and withdrawn <= today)


def status(consent: Consent, today: dt.date, cf: CaseFile | None = None) -> str:
    """One Dutch word for a ledger screen: actief, ingetrokken, verlopen, nog niet,
    onvolledig."""
    if consent_problems(consent, cf) if cf is not None else consent.problems() + consent.gaps():
        return "onvolledig"
    withdrawn = _day(consent.withdrawn_on)
    if withdrawn is not None and withdrawn <= today:
        return "ingetrokken"
    end = _day(consent.valid_until)
    if end is not None and today > end:
        return "verlopen"
    start = _day(consent.given_on)
    if start is None or start > today:
        return "nog niet"
    return "actief"


def active_bases(cf: CaseFile, recipient: str, today: dt.date) -> dict[str, Consent]:
    """Category -> the record that is its basis today for ``recipient``.

    Default deny: a category without an active record is absent; ``NEVER_SHARED``
    categories are never present.
    """
    out: dict[str, Consent] = {}
    for consent in cf.consents:
        if consent.recipient != recipient or consent.category in NEVER_SHARED:
            continue
        if consent.category not in out and is_active(consent, today, cf):
            out[consent.category] = consent
    return out


def next_change(cf: CaseFile, recipient: str, today: dt.date) -> dt.date | None:
    """The first day after ``today`` on which ``active_bases`` may change by the calendar
    alone (a consent starts, lapses or a withdrawal takes effect), or None."""
    days = []
    for c in cf.consents:
        if c.recipient != recipient:
            continue
        for name, shift in (("given_on", 0), ("withdrawn_on", 0), ("valid_until", 1)):
            d = _day(getattr(c, name))
            if d is not None:
                d += dt.timedelta(days=shift)
                if d > today:
                    days.append(d)
    return min(days) if days else None
