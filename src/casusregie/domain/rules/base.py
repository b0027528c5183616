"""What every rule shares: findings, settings and reading template answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile, Form, Item

__all__ = [
    "AANDACHT",
    "ACUUT",
    "ADMINISTRATIEF",
    "INFO",
    "SEVERITIES",
    "SEVERITY_LABELS",
    "Finding",
    "RuleSettings",
    "Target",
    "answer",
    "filled",
    "form",
    "grouped",
    "instances",
    "items",
    "parse_day",
    "ranked",
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


#: how urgent a finding is, most urgent first. ``acuut``: a child may be unsafe now (a
#: score under the 6, direct veiligstellen, an incident after the last taxatie);
#: ``aandacht``: the method is not followed and that matters soon (a netwerkberaad or a
#: conversation with a child overdue, an agreement failed); ``administratief``: something
#: is missing on paper (an owner, a reason, a source). ``info`` is not a finding to act
#: on: it says where the case stands.
ACUUT = "acuut"
AANDACHT = "aandacht"
ADMINISTRATIEF = "administratief"
INFO = "info"
SEVERITIES = (ACUUT, AANDACHT, ADMINISTRATIEF, INFO)
SEVERITY_LABELS = {
    ACUUT: "Acuut",
    AANDACHT: "Aandacht",
    ADMINISTRATIEF: "Administratief",
    INFO: "Ter info",
}


@dataclass(frozen=True)
class Finding:
    """One thing a regisseur should look at, with its ``severity`` (see ``SEVERITIES``)."""

    rule: str
    code: str
    message: str
    severity: str = AANDACHT
    target: Target | None = None

    @property
    def level(self) -> str:
        """'let_op' (act on it) or 'info'."""
        return "info" if self.severity == INFO else "let_op"

    def to_json(self) -> dict[str, object]:
        """Plain JSON: rule, code, severity, message, target (None or its set parts)."""
        target = None
        if self.target is not None:
            target = {k: v for k, v in self.target.__dict__.items() if v not in ("", None)}
        return {
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "target": target,
        }


def ranked(findings: list[Finding]) -> list[Finding]:
    """Most urgent first (acuut, aandacht, administratief, info); stable within a level."""
    order = {s: n for n, s in enumerate(SEVERITIES)}
    return sorted(findings, key=lambda f: order.get(f.severity, len(order)))


def grouped(findings: list[Finding]) -> list[list[Finding]]:
    """Ranked findings with the same rule, code and severity together, in first-seen
    order: one line with a count for a repeated finding (twelve afspraken without an
    owner), each member still pointing to where it is resolved."""
    groups: dict[tuple[str, str, str], list[Finding]] = {}
    for f in ranked(findings):
        groups.setdefault((f.severity, f.rule, f.code), []).append(f)
    return list(groups.values())


@dataclass(frozen=True)
class RuleSettings:
    netwerkberaad_weeks: int = 13
    vergewis_weeks: int = 13
    #: how long a reason for not speaking with a child holds at most (seed 003)
    reason_weeks: int = 13
    #: how long a barrier in the samenwerking may stay on one escalation step
    escalation_weeks: int = 4


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
