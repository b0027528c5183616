"""'Niet delen met ...': what one person's copy may show.

A ``Restriction`` (see ``model``) marks an entity, or one field of it, as not for some
persons. ``redact(cf, person_id)`` returns the case as the copy for that person may show
it; ``redact(cf, None)`` the copy for the whole family, which leaves out everything that
is hidden from anyone (default deny: a shared copy can end up with every family member).

What is removed:

- a whole entity: a person also takes with them the forms about them, their relations
  and their place in events and help episodes; any other entity simply goes;
- one field: the attribute is emptied, the answer is dropped;
- and everywhere else in the copy, any text that contains a hidden value (an address, a
  phone number, a name) or a part of it (its street, postcode, place, the phone's
  digits, a part of a name) loses that part, cut so that the text reads naturally and
  shows nothing of what went (``redaction.leave_out``). So marking a new address once
  also keeps it out of the free text where somebody typed it again, even in part. What
  counts as a part, and how it is matched: ``domain.redaction``.

The restrictions themselves (with their reasons) never travel in a copy.
Pure functions: no I/O.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator

from casusregie.domain import redaction
from casusregie.domain.model import AnswerSet, CaseFile, Entity, Person, Restriction

__all__ = [
    "applies_to",
    "common_words",
    "hidden_parts",
    "hidden_values",
    "markers",
    "redact",
    "restrictions_on",
    "scrubber",
]
#: shorter hidden values are not searched for in other texts (too many false hits)
MIN_SCRUB_LENGTH = 4


def applies_to(restriction: Restriction, person_id: str | None) -> bool:
    """Whether the copy for ``person_id`` (None: the whole family) must leave it out."""
    return bool(restriction.hidden_from) and (
        person_id is None or person_id in restriction.hidden_from
    )


def restrictions_on(
    cf: CaseFile, entity_type: str, entity_id: str, field: str | None = None
) -> list[Restriction]:
    """Restrictions on this entity (``field`` None) or on this field of it (or on all of
    the entity, which covers every field)."""
    return [
        r
        for r in cf.restrictions
        if r.target_type == entity_type
        and r.target_id == entity_id
        and (r.field is None or r.field == field)
    ]


def _value_of(entity: Entity, name: str) -> object:
    if isinstance(entity, AnswerSet):
        return entity.answers.get(name)
    return getattr(entity, name, None)


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)


def _entity_texts(entity: Entity) -> Iterator[str]:
    """Free text of an entity: not its choices, dates, flags or person references."""
    if isinstance(entity, AnswerSet):
        for v in entity.answers.values():
            yield from _texts(v)
        return
    skip = {*entity.PERSON_REFS, *entity.CHOICES, *entity.DATES}
    for name in entity.attributes():
        if name not in skip:
            yield from _texts(getattr(entity, name))


#: stored codes (choice values such as "lopend") and ISO dates: never searched for
_CODE = re.compile(r"[a-z][a-z0-9_]*|\d{4}(-\d{2}(-\d{2})?)?")


def _searchable(text: str) -> bool:
    text = text.strip()
    return sum(ch.isalnum() for ch in text) >= MIN_SCRUB_LENGTH and not _CODE.fullmatch(text)


def hidden_values(cf: CaseFile, person_id: str | None) -> list[str]:
    """The texts the copy for ``person_id`` may not show anywhere, longest first."""
    index = {(e.ENTITY_TYPE, e.id): e for e in cf.entities()}
    found: set[str] = set()
    for r in cf.restrictions:
        entity = index.get((r.target_type, r.target_id))
        if entity is None or not applies_to(r, person_id):
            continue
        texts = _entity_texts(entity) if r.field is None else _texts(_value_of(entity, r.field))
        found.update(t.strip() for t in texts if _searchable(t))
    return sorted(found, key=lambda t: (-len(t), t))


def _person_kind(name: str) -> str:
    return {"name": "name", "address": "address", "phone": "phone", "email": "email"}.get(
        name, "text"
    )


def hidden_parts(cf: CaseFile, person_id: str | None) -> list[tuple[str, str]]:
    """(value, kind) for every text the copy for ``person_id`` may not show: the kind
    ("address", "phone", "email", "name", "text") says which of its parts are markers."""
    index = {(e.ENTITY_TYPE, e.id): e for e in cf.entities()}
    found: dict[str, str] = {}
    for r in cf.restrictions:
        entity = index.get((r.target_type, r.target_id))
        if entity is None or not applies_to(r, person_id):
            continue
        if r.field is None:
            named = _named_texts(entity)
        else:
            named = [(r.field, t) for t in _texts(_value_of(entity, r.field))]
        for name, text in named:
            if not _searchable(text):
                continue
            kind = (
                _person_kind(name)
                if isinstance(entity, Person)
                else redaction.guess_kind(name, text)
            )
            if found.get(text.strip(), "text") == "text":
                found[text.strip()] = kind
    return sorted(found.items(), key=lambda t: (-len(t[0]), t[0]))


def _named_texts(entity: Entity) -> list[tuple[str, str]]:
    if isinstance(entity, AnswerSet):
        return [(k, t) for k, v in entity.answers.items() for t in _texts(v)]
    skip = {*entity.PERSON_REFS, *entity.CHOICES, *entity.DATES}
    return [
        (name, t)
        for name in entity.attributes()
        if name not in skip
        for t in _texts(getattr(entity, name))
    ]


def common_words(cf: CaseFile, person_id: str | None) -> set[str]:
    """Words the reader sees anyway: the family name and the names of the persons not
    hidden from them. A part of a marked value that is one of these is no marker."""
    hidden = {
        r.target_id
        for r in cf.restrictions
        if r.target_type == "person" and r.field in (None, "name") and applies_to(r, person_id)
    }
    words = set(redaction.tokens(cf.case.family_name))
    for p in cf.persons:
        if p.id not in hidden:
            words.update(redaction.tokens(p.name))
    return words


def markers(
    cf: CaseFile, person_id: str | None, extra: Iterable[tuple[str, str]] = ()
) -> list[redaction.Marker]:
    """The markers of every value hidden from ``person_id``, and of ``extra`` values
    ((value, kind) pairs, e.g. the addresses a network member's copy leaves out)."""
    common = common_words(cf, person_id)
    out: list[redaction.Marker] = []
    for value, kind in [*hidden_parts(cf, person_id), *extra]:
        out.extend(redaction.markers_for(value, kind, common))
    return out


def scrubber(
    cf: CaseFile,
    person_id: str | None,
    *,
    extra: Iterable[tuple[str, str]] = (),
    released: Iterable[str] = (),
) -> Callable[[str], str]:
    """A function that hides, in any other text (a log line, a file name), what the copy
    for ``person_id`` may not show."""
    found = redaction.Scrubber(markers(cf, person_id, extra), released)
    if not found:
        return lambda s: s
    return found.scrub


def _scrub(value: object, rx: redaction.Scrubber) -> object:
    if isinstance(value, str):
        return rx.scrub(value)
    if isinstance(value, list):
        return [_scrub(v, rx) for v in value]
    return value


def _empty(entity: Entity, name: str) -> None:
    """Forget one field: an answer is dropped, an attribute goes back to empty."""
    if isinstance(entity, AnswerSet):
        entity.answers.pop(name, None)
        return
    if name not in entity.attributes():
        return
    current = getattr(entity, name)
    if isinstance(current, list):
        setattr(entity, name, [])
    elif isinstance(current, bool):
        setattr(entity, name, False)
    elif isinstance(current, str) and name not in (*entity.CHOICES, *entity.DATES):
        setattr(entity, name, "")
    elif name in entity.CHOICES and current is not None:
        default = {f.name: f.default for f in dataclasses.fields(entity)}[name]
        setattr(entity, name, default)
    else:
        setattr(entity, name, None)


def redact(
    cf: CaseFile,
    person_id: str | None,
    *,
    extra: Iterable[tuple[str, str]] = (),
    released: Iterable[str] = (),
    scrub: bool = True,
) -> CaseFile:
    """The case as the copy for ``person_id`` may show it (None: the family's copy).

    ``extra``: more (value, kind) pairs to hide everywhere (see ``markers``);
    ``released``: hits (by ``redaction.hit_key``) the regisseur let through;
    ``scrub`` False leaves free text as it is (to show the regisseur the hits).
    Returns a new aggregate; ``cf`` is not changed.
    """
    out = copy.deepcopy(cf)
    # what a child told is in nobody's copy but that child's own (domain.child_talks)
    out.child_talks = [t for t in out.child_talks if person_id and t.child == person_id]
    talks = {t.id for t in out.child_talks}
    out.child_drawings = [d for d in out.child_drawings if d.talk in talks]
    mine = [r for r in out.restrictions if applies_to(r, person_id)]
    out.restrictions = []
    extra = list(extra)
    if not mine and not extra:
        return out
    found = redaction.Scrubber(markers(cf, person_id, extra), released)
    rx = found if found and scrub else None
    whole = {(r.target_type, r.target_id) for r in mine if r.field is None}
    gone_persons = {eid for etype, eid in whole if etype == "person"}
    fields: dict[tuple[str, str], set[str]] = {}
    for r in mine:
        if r.field is not None:
            fields.setdefault((r.target_type, r.target_id), set()).add(r.field)

    def keep(entity: Entity) -> bool:
        if (entity.ENTITY_TYPE, entity.id) in whole:
            return False
        refs = [getattr(entity, ref) for ref in entity.PERSON_REFS]
        single = [r for r in refs if isinstance(r, str) and r]
        # a relation or a form about a hidden person goes with them
        return not (gone_persons and any(r in gone_persons for r in single))

    if ("case", out.case.id) in whole:
        # the case itself cannot go: leave its text empty instead
        for name in out.case.attributes():
            if name not in ("phase", "gi_product", "opened_on"):
                _empty(out.case, name)
    for name in ("persons", "relations", "life_events", "help_episodes", "forms", "items"):
        setattr(out, name, [e for e in getattr(out, name) if keep(e)])
    for entity in out.entities():
        for ref in entity.PERSON_REFS:
            value = getattr(entity, ref)
            if isinstance(value, list):
                setattr(entity, ref, [p for p in value if p not in gone_persons])
        for name in fields.get((entity.ENTITY_TYPE, entity.id), ()):
            _empty(entity, name)
        if rx is not None and entity.ENTITY_TYPE != "child_drawing":  # an image, not text
            _scrub_entity(entity, rx)
    return out


def _scrub_entity(entity: Entity, rx: redaction.Scrubber) -> None:
    if isinstance(entity, AnswerSet):
        entity.answers = {k: _scrub(v, rx) for k, v in entity.answers.items()}
        return
    for name in entity.attributes():
        if name in entity.PERSON_REFS or name in entity.CHOICES or name in entity.DATES:
            continue
        value = getattr(entity, name)
        if isinstance(value, str | list):
            setattr(entity, name, _scrub(value, rx))
