"""Turning stored values into the text a regisseur reads.

Dates as Dutch words ("14 mei 2016", "mei 2016", "2016"), choices by their label,
person ids by the person's name, yes/no in Dutch. An empty value becomes "".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from casusregie.domain.dates import PartialDate

if TYPE_CHECKING:
    from casusregie.templates import Field

__all__ = ["display_text", "person_heading"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("display", text)


def _date(value: Any) -> str:
    try:
        return PartialDate.parse(str(value)).dutch()
    except ValueError:
        return str(value)


def _choice(field: Field, value: Any) -> str:
    return dict(field.choices).get(str(value), str(value))


def _names(value: Any, persons: Mapping[str, str]) -> str:
    ids = value if isinstance(value, list) else [value]
    return ", ".join(persons.get(str(i), _tr("(onbekende persoon)")) for i in ids if i)


def display_text(field: Field, value: Any, persons: Mapping[str, str]) -> str:
    """The text for ``value`` of ``field``; ``persons`` maps person ids to names."""
    if value is None or value == "" or value == []:
        return ""
    kind = field.type
    if kind in ("date", "partial_date"):
        return _date(value)
    if kind == "choice":
        return _choice(field, value)
    if kind == "multichoice":
        values = value if isinstance(value, list) else [value]
        return ", ".join(_choice(field, v) for v in values)
    if kind in ("person", "persons"):
        return _names(value, persons)
    if kind == "bool" or isinstance(value, bool):
        return _tr("Ja") if value else _tr("Nee")
    if kind == "scale" and field.scale_anchors:
        return _tr("{value} ({low}; {high})").format(
            value=value, low=field.scale_anchors[0], high=field.scale_anchors[1]
        )
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def person_heading(name: str, birth_date: str | None) -> str:
    """'Sanne de Vries, geboren 14 mei 2016' (or only the name)."""
    if not birth_date:
        return name or _tr("(naam onbekend)")
    return _tr("{name}, geboren {date}").format(
        name=name or _tr("(naam onbekend)"), date=_date(birth_date)
    )
