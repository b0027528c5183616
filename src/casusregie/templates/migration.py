"""Moving stored answers to a newer version of their template.

A template file lists, per older version, which fields moved (``moves``: "section.key"
-> "section.key", also renames) and which were removed. Migration never drops a word a
regisseur wrote: a moved answer goes to its new place (if that place is still empty;
otherwise it stays where it was), and an answer whose field no longer exists stays
stored under its old key and is shown as "antwoord zonder veld" (``orphans``).

Pure functions: they compute the new answer sets; the store applies them through its
change API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from casusregie.templates import Template

__all__ = ["Migrated", "migrate_answers", "orphans"]


@dataclass
class Migrated:
    """Answers per section after migration, for one owner (case, person or item)."""

    version: int
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)


def _moves_from(template: Template, version: int) -> list[tuple[str, str]]:
    """All moves from ``version`` up to the template's version, composed in order."""
    moves: list[tuple[str, str]] = []
    for m in sorted(template.migrations, key=lambda m: m.from_version):
        if m.from_version >= version:
            moves.extend(m.moves)
    return moves


def migrate_answers(
    template: Template,
    version: int,
    sections: dict[str, dict[str, Any]],
    *,
    occupied: dict[str, dict[str, Any]] | None = None,
    within_section: bool = False,
) -> Migrated:
    """Answers stored under ``version``, by section, moved to the current version.

    ``occupied``: answers the same owner already has at the current version; a move
    never overwrites them (the old answer then stays where it was). ``within_section``:
    apply only renames inside a section (for list rows, which belong to one list).
    """
    out = Migrated(template.version, {k: dict(v) for k, v in sections.items()})
    if version >= template.version:
        out.version = version
        return out
    occupied = occupied or {}
    for source, target in _moves_from(template, version):
        s_sec, s_key = source.split(".", 1)
        t_sec, t_key = target.split(".", 1)
        if within_section and s_sec != t_sec:
            continue
        value = out.sections.get(s_sec, {}).get(s_key)
        if value is None:
            continue
        dest = out.sections.setdefault(t_sec, {})
        if dest.get(t_key) not in (None, "") or occupied.get(t_sec, {}).get(t_key) not in (
            None,
            "",
        ):
            continue  # the new place already holds something: keep both, nothing lost
        dest[t_key] = value
        del out.sections[s_sec][s_key]
    out.sections = {k: v for k, v in out.sections.items() if v or k in sections}
    return out


def orphans(template: Template, section: str, answers: dict[str, Any]) -> dict[str, Any]:
    """Answers that have no field (any more) in the template: shown, never dropped."""
    sec = template.section(section)
    return {k: v for k, v in answers.items() if sec is None or sec.field(k) is None}
