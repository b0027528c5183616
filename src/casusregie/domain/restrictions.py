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
  phone number, a name) gets that value replaced by ``HIDDEN``. So marking a new address
  once also keeps it out of the free text where somebody typed it again. Matching
  ignores case, punctuation and spaces between digits ("06-1234 5678" = "0612345678").

The restrictions themselves (with their reasons) never travel in a copy.
Pure functions: no I/O.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator

from casusregie.domain.model import AnswerSet, CaseFile, Entity, Restriction

__all__ = ["HIDDEN", "applies_to", "hidden_values", "redact", "restrictions_on", "scrubber"]

#: what a copy shows where a hidden value stood in a longer text
HIDDEN = "[niet gedeeld]"
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


def _pattern(value: str) -> str:
    """A regex for ``value`` that ignores case, runs of punctuation or spaces, and single
    separators between digits."""
    value = value.strip()
    start = next(i for i, ch in enumerate(value) if ch.isalnum())
    end = max(i for i, ch in enumerate(value) if ch.isalnum()) + 1
    value = value[start:end]
    out: list[str] = []
    i = 0
    while i < len(value):
        ch = value[i]
        if not ch.isalnum():
            while not value[i].isalnum():
                i += 1
            out.append(r"[\W_]*")
            continue
        out.append(re.escape(ch))
        if ch.isdigit() and i + 1 < len(value) and value[i + 1].isdigit():
            out.append(r"[\s.\-/]?")
        i += 1
    return "".join(out)


def _scrubber(values: Iterable[str]) -> re.Pattern[str] | None:
    patterns = [_pattern(v) for v in values if _searchable(v)]
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def scrubber(cf: CaseFile, person_id: str | None) -> Callable[[str], str]:
    """A function that hides, in any other text (a log line, a file name), what the copy
    for ``person_id`` may not show."""
    rx = _scrubber(hidden_values(cf, person_id))
    if rx is None:
        return lambda s: s
    return lambda s: rx.sub(HIDDEN, s)


def _scrub(value: object, rx: re.Pattern[str]) -> object:
    if isinstance(value, str):
        return rx.sub(HIDDEN, value)
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


def redact(cf: CaseFile, person_id: str | None) -> CaseFile:
    """The case as the copy for ``person_id`` may show it (None: the family's copy).

    Returns a new aggregate; ``cf`` is not changed.
    """
    out = copy.deepcopy(cf)
    mine = [r for r in out.restrictions if applies_to(r, person_id)]
    out.restrictions = []
    if not mine:
        return out
    rx = _scrubber(hidden_values(cf, person_id))
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
        if rx is not None:
            _scrub_entity(entity, rx)
    return out


def _scrub_entity(entity: Entity, rx: re.Pattern[str]) -> None:
    if isinstance(entity, AnswerSet):
        entity.answers = {k: _scrub(v, rx) for k, v in entity.answers.items()}
        return
    for name in entity.attributes():
        if name in entity.PERSON_REFS or name in entity.CHOICES or name in entity.DATES:
            continue
        value = getattr(entity, name)
        if isinstance(value, str | list):
            setattr(entity, name, _scrub(value, rx))
