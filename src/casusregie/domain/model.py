"""The entities of a case file, as plain dataclasses.

Every entity is a bag of named attributes with JSON-compatible values, so the store can
record each attribute change on its own (field-level change log) and sync can send one
field at a time. Dates are ISO text (see ``dates.PartialDate``) so a year alone stays a
year. Free answers to template questions live in ``Form`` (one per case, template and
section, or per person) and ``Item`` (a row of a repeating table).
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from casusregie.domain.dates import PartialDate
from casusregie.domain.limits import MAX_TEXT_LENGTH, longest_text

if TYPE_CHECKING:
    from casusregie.domain.child_talks import ChildDrawing, ChildTalk
    from casusregie.domain.consent import Consent

__all__ = [
    "ANSWER_PREFIX",
    "AimedAt",
    "AnswerSet",
    "Case",
    "CaseFile",
    "Certainty",
    "Custody",
    "Entity",
    "Form",
    "Gender",
    "GiProduct",
    "HelpEpisode",
    "HelpStatus",
    "Item",
    "LifeEvent",
    "Measure",
    "ParentType",
    "PartnerType",
    "Person",
    "Phase",
    "Relation",
    "RelationKind",
    "Restriction",
    "Role",
    "new_id",
]

Json = Any


def new_id() -> str:
    return str(uuid.uuid4())


class Choice(StrEnum):
    """A closed list of values with Dutch labels. The value is what is stored."""

    label: str

    def __new__(cls, value: str, label: str) -> Choice:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]

    @classmethod
    def label_of(cls, value: str | None) -> str:
        """The Dutch label of a stored value (the value itself if unknown)."""
        return next((m.label for m in cls if m.value == value), value or "")


class Phase(Choice):
    """Seed 003, tabel 2: who holds regie depends on the phase of the case."""

    LOKAAL_TEAM = "lokaal_team", "Lokaal team"
    LOKAAL_TEAM_GI = "lokaal_team_gi", "Lokaal team met expertise van de GI"
    MAATREGEL_GI = "maatregel_gi", "Maatregel: GI (OTS)"
    NA_BORGING = "na_borging", "Lokaal team na borging"


class GiProduct(Choice):
    """Seed 003, figuur 3 and tabel 2: how the GI's expertise is engaged."""

    CONSULT = "1", "Product 1: consultatie en advies"
    ADVIES = "2a", "Product 2a: GI ondersteunt en adviseert bij de veiligheidstaxatie"
    VERANTWOORDELIJK = "2b", "Product 2b: GI is verantwoordelijk voor de veiligheidstaxatie"


class Gender(Choice):
    VROUW = "v", "Vrouw"
    MAN = "m", "Man"
    ANDERS = "x", "Anders"
    ONBEKEND = "onbekend", "Onbekend"


class Role(Choice):
    MOEDER = "moeder", "Moeder"
    VADER = "vader", "Vader"
    KIND = "kind", "Kind"
    PARTNER = "partner", "Partner van een ouder"
    GROOTOUDER = "grootouder", "Grootouder"
    FAMILIE = "familie", "Familie"
    NETWERK = "netwerk", "Netwerk (vrienden, buren, vereniging)"
    PROFESSIONAL = "professional", "Professional"
    OVERIG = "overig", "Overig"


class RelationKind(Choice):
    PARTNER = "partner", "Partnerrelatie"
    PARENT_CHILD = "ouder_kind", "Ouder en kind"


class PartnerType(Choice):
    HUWELIJK = "huwelijk", "Getrouwd"
    SAMENWONEND = "samenwonend", "Samenwonend"
    RELATIE = "relatie", "Relatie, niet samenwonend"
    UIT_ELKAAR = "uit_elkaar", "Uit elkaar"
    GESCHEIDEN = "gescheiden", "Gescheiden"


class ParentType(Choice):
    BIOLOGISCH = "biologisch", "Biologisch"
    STIEF = "stief", "Stiefouder"
    PLEEG = "pleeg", "Pleegouder"
    ADOPTIE = "adoptie", "Adoptieouder"


class Custody(Choice):
    """Who has gezag over a child (DOMAIN.md: BW 1:251 and further)."""

    BEIDE_OUDERS = "beide_ouders", "Beide ouders (gezamenlijk gezag)"
    EEN_OUDER = "een_ouder", "Eén ouder"
    VOOGD = "voogd", "Een voogd (persoon of GI)"


class Measure(Choice):
    """A kinderbeschermingsmaatregel for one child (OTS: the parents keep gezag)."""

    GEEN = "geen", "Geen maatregel"
    OTS = "ots", "Ondertoezichtstelling (OTS)"
    VOOGDIJ = "voogdij", "Voogdij"


class Certainty(Choice):
    FEIT = "feit", "Feit"
    AANNAME = "aanname", "Aanname"


class AimedAt(Choice):
    KIND = "kind", "Kind"
    GEZIN = "gezin", "Gezin"
    OUDER = "ouder", "Ouder"


class HelpStatus(Choice):
    LOPEND = "lopend", "Lopend"
    AFGESLOTEN = "afgesloten", "Afgesloten"


E = TypeVar("E", bound="Entity")


@dataclass
class Entity:
    """Base of every stored entity. ``id`` and ``case_id`` are not attributes."""

    ENTITY_TYPE: ClassVar[str] = ""
    #: attribute -> Choice type whose values it must take (None allowed where optional)
    CHOICES: ClassVar[dict[str, type[Choice]]] = {}
    #: attributes that hold a PartialDate as text
    DATES: ClassVar[tuple[str, ...]] = ()
    #: attributes that hold person ids
    PERSON_REFS: ClassVar[tuple[str, ...]] = ()

    id: str
    case_id: str

    @classmethod
    def attributes(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls) if f.name not in ("id", "case_id"))

    def to_fields(self) -> dict[str, Json]:
        return {name: _copy(getattr(self, name)) for name in self.attributes()}

    @classmethod
    def from_fields(cls: type[E], entity_id: str, case_id: str, fields: dict[str, Json]) -> E:
        known = set(cls.attributes())
        kwargs = {k: _copy(v) for k, v in fields.items() if k in known}
        return cls(id=entity_id, case_id=case_id, **kwargs)

    def problems(self) -> list[str]:
        """What is wrong with the values, in Dutch, naming fields but never values."""
        out: list[str] = []
        for name, choice in self.CHOICES.items():
            value = getattr(self, name)
            if value is not None and value not in choice.values():
                out.append(f"{self.ENTITY_TYPE}.{name}: onbekende waarde")
        for name in self.DATES:
            value = getattr(self, name)
            if value is None:
                continue
            try:
                PartialDate.parse(value)
            except (ValueError, AttributeError):
                out.append(f"{self.ENTITY_TYPE}.{name}: geen geldige datum")
        for name, value in self.to_fields().items():
            if longest_text(value) > MAX_TEXT_LENGTH:
                out.append(
                    f"{self.ENTITY_TYPE}.{name}: tekst te lang "
                    f"(ten hoogste {MAX_TEXT_LENGTH:,} tekens)".replace(",", ".")
                )
        return out


def _copy(value: Json) -> Json:
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value


@dataclass
class Case(Entity):
    ENTITY_TYPE: ClassVar[str] = "case"
    CHOICES: ClassVar[dict[str, type[Choice]]] = {"phase": Phase, "gi_product": GiProduct}
    DATES: ClassVar[tuple[str, ...]] = ("opened_on",)

    family_name: str = ""
    aanleiding: str = ""
    phase: str = Phase.LOKAAL_TEAM.value
    gi_product: str | None = None
    regisseur: str = ""
    opened_on: str | None = None


@dataclass
class Person(Entity):
    """A member of the family or its network. For a child also gezag and maatregel:
    ``custody`` (a ``Custody``; None: not recorded), ``custody_holders`` (who has it;
    for both parents empty means the legal parents), and ``measure`` (a ``Measure``),
    each with the dates it runs (see ``domain.custody``)."""

    ENTITY_TYPE: ClassVar[str] = "person"
    CHOICES: ClassVar[dict[str, type[Choice]]] = {
        "gender": Gender,
        "role": Role,
        "custody": Custody,
        "measure": Measure,
    }
    DATES: ClassVar[tuple[str, ...]] = (
        "birth_date",
        "death_date",
        "custody_from",
        "custody_until",
        "measure_from",
        "measure_until",
    )
    PERSON_REFS: ClassVar[tuple[str, ...]] = ("custody_holders",)

    name: str = ""
    birth_date: str | None = None
    gender: str = Gender.ONBEKEND.value
    role: str = Role.OVERIG.value
    deceased: bool = False
    death_date: str | None = None
    index_child: bool = False
    relation_to_child: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    #: where the regisseur dragged this person in the genogram (mm from the left);
    #: None: the layout places them. Screen and paper both use it.
    genogram_x: float | None = None
    custody: str | None = None
    custody_holders: list[str] = field(default_factory=list)
    custody_from: str | None = None
    custody_until: str | None = None
    measure: str | None = None
    measure_from: str | None = None
    measure_until: str | None = None


@dataclass
class Relation(Entity):
    """A partner relation (``type`` a PartnerType) or parent-child (``type`` a ParentType).

    For parent-child, ``person_a`` is the parent and ``person_b`` the child.
    """

    ENTITY_TYPE: ClassVar[str] = "relation"
    CHOICES: ClassVar[dict[str, type[Choice]]] = {"kind": RelationKind}
    DATES: ClassVar[tuple[str, ...]] = ("start", "end")
    PERSON_REFS: ClassVar[tuple[str, ...]] = ("person_a", "person_b")

    kind: str = RelationKind.PARTNER.value
    type: str = PartnerType.RELATIE.value
    person_a: str = ""
    person_b: str = ""
    start: str | None = None
    end: str | None = None

    def problems(self) -> list[str]:
        out = super().problems()
        allowed = PartnerType if self.kind == RelationKind.PARTNER.value else ParentType
        if self.type not in allowed.values():
            out.append("relation.type: past niet bij de soort relatie")
        if self.person_a and self.person_a == self.person_b:
            out.append("relation: een persoon kan geen relatie met zichzelf hebben")
        return out


@dataclass
class LifeEvent(Entity):
    """A big life event: a date or a period, with how certain it is and where it came from."""

    ENTITY_TYPE: ClassVar[str] = "life_event"
    CHOICES: ClassVar[dict[str, type[Choice]]] = {"certainty": Certainty}
    DATES: ClassVar[tuple[str, ...]] = ("date", "end_date")
    PERSON_REFS: ClassVar[tuple[str, ...]] = ("persons",)

    date: str = ""
    end_date: str | None = None
    description: str = ""
    persons: list[str] = field(default_factory=list)
    source: str = ""
    certainty: str = Certainty.FEIT.value
    category: str = ""
    leefgebied: str = ""
    #: the privacy category the regisseur chose or confirmed ('' : the app's
    #: suggestion, see ``domain.sensitivity``)
    privacy: str = ""

    def problems(self) -> list[str]:
        out = super().problems()
        if not self.date:
            out.append("life_event.date: datum ontbreekt")
        return out


@dataclass
class HelpEpisode(Entity):
    """Help given to the family, current (lopend) or in the past (afgesloten)."""

    ENTITY_TYPE: ClassVar[str] = "help_episode"
    CHOICES: ClassVar[dict[str, type[Choice]]] = {"aimed_at": AimedAt, "status": HelpStatus}
    DATES: ClassVar[tuple[str, ...]] = ("start", "end")
    PERSON_REFS: ClassVar[tuple[str, ...]] = ("persons",)

    provider: str = ""
    start: str | None = None
    end: str | None = None
    status: str = HelpStatus.LOPEND.value
    reason: str = ""
    aimed_at: str | None = None
    goals: str = ""
    contact: str = ""
    result: str = ""
    leefgebied: str = ""
    persons: list[str] = field(default_factory=list)
    #: as ``LifeEvent.privacy``
    privacy: str = ""


ANSWER_PREFIX = "answer."


@dataclass
class AnswerSet(Entity):
    """Answers to the fields of one template section, with where they belong.

    ``instance`` tells apart the occasions of a template filled in more than once per
    case (every netwerkberaad, every case discussion); it is None for the others. Each
    answer is stored as its own field ``answer.<key>``, so each has its own history.
    """

    template: str = ""
    section: str = ""
    instance: str | None = None
    version: int = 1
    answers: dict[str, Json] = field(default_factory=dict)

    @classmethod
    def attributes(cls) -> tuple[str, ...]:
        return tuple(a for a in super().attributes() if a != "answers")

    def to_fields(self) -> dict[str, Json]:
        fields = {name: _copy(getattr(self, name)) for name in self.attributes()}
        fields.update({ANSWER_PREFIX + k: _copy(v) for k, v in self.answers.items()})
        return fields

    @classmethod
    def from_fields(cls: type[A], entity_id: str, case_id: str, fields: dict[str, Json]) -> A:
        known = set(cls.attributes())
        kwargs = {k: _copy(v) for k, v in fields.items() if k in known}
        answers = {
            k[len(ANSWER_PREFIX) :]: _copy(v)
            for k, v in fields.items()
            if k.startswith(ANSWER_PREFIX)
        }
        return cls(id=entity_id, case_id=case_id, answers=answers, **kwargs)


A = TypeVar("A", bound=AnswerSet)


@dataclass
class Form(AnswerSet):
    """Free answers to one section of a template, for the case or for one person."""

    ENTITY_TYPE: ClassVar[str] = "form"
    PERSON_REFS: ClassVar[tuple[str, ...]] = ("person",)

    person: str | None = None

    @staticmethod
    def make_id(
        case_id: str,
        template: str,
        section: str,
        person: str | None = None,
        instance: str | None = None,
    ) -> str:
        parts = [case_id, template, section] + ([person] if person else [])
        return "/".join(parts) + (f"@{instance}" if instance else "")


@dataclass
class Item(AnswerSet):
    """One row of a repeating table in a template (for example one agreement)."""

    ENTITY_TYPE: ClassVar[str] = "item"

    position: int = 0


@dataclass
class Restriction(Entity):
    """An entity, or one field of it, marked "niet delen met ...": kept out of some copies.

    ``target_type`` and ``target_id`` name the entity (for a form or item ``field`` is the
    answer key, else an attribute; None means the whole entity). ``hidden_from`` holds the
    ids of the persons whose copy must never show it. What it means for a printed copy is
    in ``domain.restrictions``.
    """

    ENTITY_TYPE: ClassVar[str] = "restriction"
    PERSON_REFS: ClassVar[tuple[str, ...]] = ("hidden_from",)
    TARGET_TYPES: ClassVar[tuple[str, ...]] = (
        "case",
        "person",
        "relation",
        "life_event",
        "help_episode",
        "form",
        "item",
    )

    target_type: str = "person"
    target_id: str = ""
    field: str | None = None
    hidden_from: list[str] = dataclasses.field(default_factory=list)
    reason: str = ""

    def problems(self) -> list[str]:
        out = super().problems()
        if self.target_type not in self.TARGET_TYPES:
            out.append("restriction.target_type: onbekende waarde")
        if not self.target_id:
            out.append("restriction.target_id: ontbreekt")
        if not self.hidden_from:
            out.append("restriction.hidden_from: voor wie niet? (leeg)")
        return out


_LIST_OF = {
    "person": "persons",
    "relation": "relations",
    "life_event": "life_events",
    "help_episode": "help_episodes",
    "form": "forms",
    "item": "items",
    "restriction": "restrictions",
    "consent": "consents",
    "child_talk": "child_talks",
    "child_drawing": "child_drawings",
}


@dataclass
class CaseFile:
    """Everything the store holds for one case, as one aggregate."""

    case: Case
    persons: list[Person] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    life_events: list[LifeEvent] = field(default_factory=list)
    help_episodes: list[HelpEpisode] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    restrictions: list[Restriction] = field(default_factory=list)
    consents: list[Consent] = field(default_factory=list)
    #: conversations with a child and their drawings (``domain.child_talks``)
    child_talks: list[ChildTalk] = field(default_factory=list)
    child_drawings: list[ChildDrawing] = field(default_factory=list)

    def entities(self) -> list[Entity]:
        return [
            self.case,
            *self.persons,
            *self.relations,
            *self.life_events,
            *self.help_episodes,
            *self.forms,
            *self.items,
            *self.restrictions,
            *self.consents,
            *self.child_talks,
            *self.child_drawings,
        ]

    def add(self, entity: Entity) -> None:
        """Append an entity to the list that holds its type."""
        getattr(self, _LIST_OF[entity.ENTITY_TYPE]).append(entity)

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.persons if p.id == person_id), None)

    def sorted_events(self) -> list[LifeEvent]:
        """Chronological; an event without a readable date comes first (never an error)."""

        def key(e: LifeEvent) -> tuple[tuple[int, int, int], str]:
            try:
                return PartialDate.parse(e.date).sort_key(), e.description
            except (ValueError, AttributeError):
                return (0, 0, 0), e.description

        return sorted(self.life_events, key=key)

    def problems(self) -> list[str]:
        """Consistency problems: bad values and references to persons not in the case."""
        out: list[str] = []
        ids = {p.id for p in self.persons}
        seen: set[tuple[str, str]] = set()
        for entity in self.entities():
            key = (entity.ENTITY_TYPE, entity.id)
            if key in seen:
                out.append(f"{entity.ENTITY_TYPE}: dubbel id")
            seen.add(key)
            if entity.case_id != self.case.id:
                out.append(f"{entity.ENTITY_TYPE}: hoort bij een andere casus")
            out.extend(entity.problems())
            for ref in entity.PERSON_REFS:
                value = getattr(entity, ref)
                refs = value if isinstance(value, list) else [value] if value else []
                if any(r not in ids for r in refs):
                    out.append(f"{entity.ENTITY_TYPE}.{ref}: verwijst naar een onbekende persoon")
        talks = {t.id for t in self.child_talks}
        if any(d.talk not in talks for d in self.child_drawings):
            out.append("child_drawing.talk: verwijst naar een onbekend gesprek")
        return out
