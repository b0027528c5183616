"""What every rule shares: findings, settings and reading template answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile, Form, Item

__all__ = [
    "Finding",
    "RuleSettings",
    "Target",
    "answer",
    "filled",
    "form",
    "instances",
    "items",
    "parse_day",
]


@dataclass(frozen=True)
class Target:
    """Where a finding is resolved: a template section (and field), or an entity."""

    template: str = ""
    section: str = ""
    field: str = ""
    entity_type: str = ""
    entity_id: str = ""
    person: str | None = None
    instance: str | None = None


@dataclass(frozen=True)
class Finding:
    """One thing a regisseur should look at. ``level``: 'let_op' (act) or 'info'."""

    rule: str
    code: str
    message: str
    level: str = "let_op"
    target: Target | None = None


@dataclass(frozen=True)
class RuleSettings:
    netwerkberaad_weeks: int = 13
    vergewis_weeks: int = 13
    #: the directe-veiligheid score the family and professionals agreed as "good enough"
    default_safety_bottom: int = 6


def filled(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict):
        return bool(value)
    return True


def form(
    cf: CaseFile,
    template: str,
    section: str,
    person: str | None = None,
    instance: str | None = None,
) -> Form | None:
    for f in cf.forms:
        if (f.template, f.section, f.person, f.instance) == (template, section, person, instance):
            return f
    return None


def answer(
    cf: CaseFile,
    template: str,
    section: str,
    key: str,
    person: str | None = None,
    instance: str | None = None,
) -> Any:
    f = form(cf, template, section, person, instance)
    return None if f is None else f.answers.get(key)


def items(cf: CaseFile, template: str, section: str | None = None) -> Iterator[Item]:
    for i in sorted(cf.items, key=lambda i: (i.template, i.section, i.position, i.id)):
        if i.template == template and (section is None or i.section == section):
            yield i


def parse_day(value: Any) -> dt.date | None:
    """A date answer as a day: full dates as is; a month or year counts from its end,
    so "2025-03" is not treated as earlier than it may have been."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return PartialDate.parse(value).latest()
    except ValueError:
        return None


def instances(
    cf: CaseFile, template: str, date_section: str, date_key: str
) -> list[tuple[dt.date | None, str]]:
    """The occasions of a 'multiple' template, oldest first, with their dates."""
    seen: dict[str, dt.date | None] = {}
    for f in cf.forms:
        if f.template == template and f.instance is not None:
            seen.setdefault(f.instance, None)
            if f.section == date_section:
                seen[f.instance] = parse_day(f.answers.get(date_key))
    return sorted(((d, i) for i, d in seen.items()), key=lambda p: (p[0] or dt.date.min, p[1]))
