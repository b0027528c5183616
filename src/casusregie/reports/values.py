"""Stored values as the text a reader sees on paper (the same rules as on screen).

Dates in Dutch words, choices by their label, person ids by name, yes/no in Dutch.
An empty value becomes "". No Qt here: ``ui.display`` does the same for the screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from casusregie.domain.model import CaseFile, Entity, Form, Item
from casusregie.domain.restrictions import restrictions_on
from casusregie.reports.base import clean, dutch_date
from casusregie.templates import Field

__all__ = ["field_text", "filled", "person_names", "restriction_note"]


def filled(value: Any) -> bool:
    if value is None or value == [] or value == {}:
        return False
    return not (isinstance(value, str) and not value.strip())


def person_names(cf: CaseFile) -> dict[str, str]:
    return {p.id: p.name or "(naam onbekend)" for p in cf.persons}


def _choice(field: Field, value: Any) -> str:
    return dict(field.choices).get(str(value), clean(value))


def field_text(field: Field, value: Any, persons: Mapping[str, str]) -> str:
    """The text for ``value`` of ``field``; ``persons`` maps person ids to names."""
    if not filled(value):
        return ""
    kind = field.type
    if kind in ("date", "partial_date"):
        return dutch_date(value)
    if kind == "choice":
        return _choice(field, value)
    if kind == "multichoice":
        values = value if isinstance(value, list) else [value]
        return ", ".join(_choice(field, v) for v in values)
    if kind in ("person", "persons"):
        ids = value if isinstance(value, list) else [value]
        return ", ".join(persons.get(str(i), "(onbekende persoon)") for i in ids if i)
    if kind == "bool" or isinstance(value, bool):
        return "Ja" if value else "Nee"
    if kind == "scale" and field.scale_anchors:
        return f"{value} ({field.scale_anchors[0]}; {field.scale_anchors[1]})"
    if isinstance(value, list):
        return ", ".join(clean(v) for v in value)
    return clean(value)


def restriction_note(
    cf: CaseFile, entity: Entity, field: str | None, persons: Mapping[str, str]
) -> str:
    """'Niet delen met: Mark de Vries' for a marked entity or field, else ''."""
    found = restrictions_on(cf, entity.ENTITY_TYPE, entity.id, field)
    if field is not None:  # only what is on this field; the whole entity is noted once
        found = [r for r in found if r.field == field]
    else:
        found = [r for r in found if r.field is None]
    names = sorted({persons.get(p, "(onbekende persoon)") for r in found for p in r.hidden_from})
    return f"Niet delen met: {', '.join(names)}" if names else ""


def answer_entries(cf: CaseFile, template: str, section: str) -> list[Form | Item]:
    """Forms and items of one template section, in a stable order."""
    forms: list[Form | Item] = [f for f in cf.forms if f.template == template]
    items: list[Form | Item] = [i for i in cf.items if i.template == template]
    return [e for e in forms + items if e.section == section]
