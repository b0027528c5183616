"""Who a copy is for, and what it shows by default: the least that reader needs.

Every copy of the family's plan is made for one recipient of one kind:

- ``GEZIN``: a parent or a parent's partner: the whole plan, but not where other people
  live (a grandmother's street in the ex-partner's copy helps nobody);
- ``KIND``: a child, by age: the afspraken, the grens, what to do when it goes wrong,
  whom to call; from 12 also the 6 and when we look at the plan again;
- ``NETWERK``: a grandparent, aunt, neighbour, trainer: the afspraken, the grens, what
  to do when it is crossed, whom to call. Not the history, the worries, health,
  justice or money, and not where other people live;
- ``PROFESSIONAL``: a school, a GP, another organisation: as the network, plus why the
  plan exists and when it is looked at again;
- ``KANTOOR``: the receiving office: the whole plan.

On top of that comes what is hidden from that person by name ("niet delen met",
``domain.restrictions``). A copy shows more only when the regisseur widens it, part by
part or topic by topic (``widen``); that choice is logged with the disclosure.

Rows (an afspraak, a grens, a number to call) that are about health, justice or money
stay out of the copies for children, the network and professionals unless widened:
the topic of a row follows what it says (``domain.sensitivity.topic_of``, the one place
that reads what a text is about), not only the list it is in.
Pure functions: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from casusregie.domain import redaction
from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile, Person, Role

__all__ = [
    "KIND_LABELS",
    "PARTS",
    "TOPICS",
    "CopySpec",
    "RecipientKind",
    "age_on",
    "copy_spec",
    "default_parts",
    "kind_of",
]


class RecipientKind(StrEnum):
    GEZIN = "gezin"
    KIND = "kind"
    NETWERK = "netwerk"
    PROFESSIONAL = "professional"
    KANTOOR = "kantoor"


KIND_LABELS = {
    RecipientKind.GEZIN: "gezinslid",
    RecipientKind.KIND: "kind",
    RecipientKind.NETWERK: "netwerk",
    RecipientKind.PROFESSIONAL: "professional of organisatie",
    RecipientKind.KANTOOR: "kantoor",
}

#: the parts of the family plan, in order, with a short name for the regisseur
PARTS = {
    "waarom": "Waarom is dit plan er",
    "goed": "Wat gaat goed (en wie helpen)",
    "zorgen": "Zorgen",
    "afspraken": "Afspraken",
    "grens": "Grens (ondergrens)",
    "misgaat": "Als het misgaat",
    "bellen": "Wie kun je bellen",
    "zes": "Zo ziet een 6 eruit",
    "evaluatie": "Wanneer kijken we weer",
    "handtekeningen": "Handtekeningen",
}
#: topics a row can be about that only the family (and the office) get by default (the
#: first three are what ``sensitivity.topic_of`` finds in a text)
TOPICS = {
    "gezondheid": "Gezondheid en verslaving",
    "justitie": "Politie en justitie",
    "financien": "Geld en schulden",
    "adressen": "Adressen van anderen",
}

_ALL = frozenset(PARTS)
_CORE = frozenset({"afspraken", "grens", "misgaat", "bellen"})
_DEFAULTS: dict[RecipientKind, frozenset[str]] = {
    RecipientKind.GEZIN: _ALL,
    RecipientKind.KANTOOR: _ALL,
    RecipientKind.NETWERK: _CORE,
    RecipientKind.PROFESSIONAL: _CORE | {"waarom", "evaluatie"},
}
_CHILD_YOUNG = _CORE | {"goed"}
_CHILD_OLDER = _CHILD_YOUNG | {"zes", "evaluatie", "handtekeningen"}
CHILD_OLDER_FROM = 12


def age_on(person: Person, on: dt.date) -> int | None:
    """Age in whole years on ``on``; None when the birth date is unknown. With a year
    only, the youngest age the person can be (so a child is never made older)."""
    if not person.birth_date:
        return None
    try:
        born = PartialDate.parse(person.birth_date).latest()
    except ValueError:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def kind_of(person: Person | None) -> RecipientKind:
    """The kind of recipient a person of the case is, by their role."""
    if person is None:
        return RecipientKind.GEZIN
    role = person.role
    if role in (Role.MOEDER.value, Role.VADER.value, Role.PARTNER.value):
        return RecipientKind.GEZIN
    if role == Role.KIND.value:
        return RecipientKind.KIND
    if role == Role.PROFESSIONAL.value:
        return RecipientKind.PROFESSIONAL
    return RecipientKind.NETWERK  # grandparents, family, friends, anyone else: least


def default_parts(kind: RecipientKind, age: int | None = None) -> frozenset[str]:
    """The parts of the plan this kind of reader gets without widening."""
    if kind is RecipientKind.KIND:
        return _CHILD_OLDER if age is not None and age >= CHILD_OLDER_FROM else _CHILD_YOUNG
    return _DEFAULTS[kind]


def _default_topics(kind: RecipientKind) -> frozenset[str]:
    if kind is RecipientKind.KANTOOR:
        return frozenset(TOPICS)
    if kind is RecipientKind.GEZIN:
        return frozenset(TOPICS) - {"adressen"}
    return frozenset()


@dataclass(frozen=True)
class CopySpec:
    """What one copy is: for whom, which parts and topics, what the regisseur changed."""

    for_person: str | None
    kind: RecipientKind
    parts: frozenset[str]
    topics: frozenset[str]
    widened: tuple[str, ...] = ()  # part and topic keys beyond the default, in order
    released: frozenset[str] = field(default_factory=frozenset)  # hit keys let through
    age: int | None = None

    @property
    def kind_label(self) -> str:
        if self.kind is RecipientKind.KIND and self.age is not None:
            return f"kind van {self.age}"
        return KIND_LABELS[self.kind]

    def widened_labels(self) -> list[str]:
        return [PARTS.get(w) or TOPICS.get(w, w) for w in self.widened]

    def log_note(self) -> str:
        """For the disclosure log: the kind of copy and what was widened or released."""
        note = f"exemplaar voor {self.kind_label}"
        if self.widened:
            note += "; extra gedeeld: " + ", ".join(self.widened_labels())
        if self.released:
            n = len(self.released)
            note += f"; {n} {'verborgen stuk' if n == 1 else 'verborgen stukken'} vrijgegeven"
        return note

    def other_addresses(self, cf: CaseFile) -> list[tuple[str, str]]:
        """Addresses this copy leaves out: everyone's but the reader's own, unless widened."""
        if "adressen" in self.topics:
            return []
        own = cf.person(self.for_person) if self.for_person else None
        mine = own.address.strip() if own is not None else ""
        return [
            (p.address, "street")
            for p in cf.persons
            if p.address.strip() and p.address.strip() != mine
        ]


class UnknownPart(ValueError):
    """A widening that names no part or topic."""


def copy_spec(
    cf: CaseFile,
    for_person: str | None,
    *,
    kind: RecipientKind | str | None = None,
    widen: Iterable[str] = (),
    released: Iterable[str] = (),
    today: dt.date | None = None,
) -> CopySpec:
    """The copy for ``for_person`` (None: the family's shared copy), of the person's own
    kind unless ``kind`` says otherwise, widened by ``widen`` (part or topic keys)."""
    today = today or dt.date.today()
    person = cf.person(for_person) if for_person else None
    rkind = RecipientKind(kind) if kind else kind_of(person)
    age = age_on(person, today) if person is not None else None
    parts = default_parts(rkind, age)
    topics = _default_topics(rkind)
    widened: list[str] = []
    for key in widen:
        key = key.strip().lower()
        if key in PARTS:
            if key not in parts:
                parts = parts | {key}
                widened.append(key)
        elif key in TOPICS:
            if key not in topics:
                topics = topics | {key}
                widened.append(key)
        else:
            raise UnknownPart(key)
    return CopySpec(
        for_person,
        rkind,
        frozenset(parts),
        frozenset(topics),
        tuple(widened),
        frozenset(redaction.hit_key(r) for r in released),
        age,
    )
