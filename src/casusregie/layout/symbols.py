"""The genogram symbol of one person: square (man), circle (vrouw), diamond (anders or
onbekend); a cross when deceased; a double line and a tint for the index child; the age
inside when a reference date is given."""

from __future__ import annotations

import datetime as dt

from casusregie.domain.dates import PartialDate
from casusregie.domain.model import Person
from casusregie.layout.primitives import Circle, Line, Pen, Polyline, Primitive, Rect, Text
from casusregie.layout.styles import FILL_INDEX, INK, PAPER, SYMBOL_PEN

__all__ = ["age_on", "person_symbol", "shape_of", "year_line"]


def shape_of(gender: str) -> str:
    return {"m": "square", "v": "circle"}.get(gender, "diamond")


def _shape(
    shape: str, cx: float, cy: float, s: float, pen: Pen, fill: str | None, role: str, key: str
) -> Primitive:
    h = s / 2
    if shape == "square":
        return Rect(cx - h, cy - h, s, s, pen, fill, role=role, key=key)
    if shape == "circle":
        return Circle(cx, cy, h, pen, fill, role=role, key=key)
    pts = ((cx, cy - h), (cx + h, cy), (cx, cy + h), (cx - h, cy))
    return Polyline(pts, pen, fill, closed=True, role=role, key=key)


def person_symbol(
    shape: str,
    cx: float,
    cy: float,
    size: float,
    *,
    key: str = "",
    index: bool = False,
    deceased: bool = False,
    age: str = "",
) -> list[Primitive]:
    """Primitives of one symbol, all with role ``symbol`` (the outline) or ``symbol-mark``."""
    out: list[Primitive] = [
        _shape(shape, cx, cy, size, SYMBOL_PEN, FILL_INDEX if index else PAPER, "symbol", key)
    ]
    if index:
        out.append(_shape(shape, cx, cy, size - 2.4, Pen(INK, 0.35), None, "symbol-mark", key))
    if deceased:
        d = size / 2 * (0.72 if shape == "circle" else 0.55 if shape == "diamond" else 1.0)
        pen = Pen(INK, 0.45)
        out.append(Line(cx - d, cy - d, cx + d, cy + d, pen, "symbol-mark", key))
        out.append(Line(cx - d, cy + d, cx + d, cy - d, pen, "symbol-mark", key))
    if age and not deceased:
        out.append(Text(cx, cy + 1.1, age, 3.0, INK, "middle", True, "symbol-mark", key))
    return out


def age_on(p: Person, as_of: dt.date | None) -> str:
    """The age in whole years on ``as_of`` (empty when unknown or not asked for)."""
    if as_of is None or not p.birth_date:
        return ""
    try:
        born = PartialDate.parse(p.birth_date)
    except ValueError:
        return ""
    if born.month is None or born.day is None:
        age = as_of.year - born.year
        return f"{age}" if 0 <= age < 130 else ""
    b = born.earliest()
    age = as_of.year - b.year - ((as_of.month, as_of.day) < (b.month, b.day))
    return f"{age}" if 0 <= age < 130 else ""


def year_line(p: Person) -> str:
    """'1989', '1959 – 2022', '† 2022' or ''."""

    def year(text: str | None) -> str:
        try:
            return str(PartialDate.parse(text or "").year)
        except ValueError:
            return ""

    born, died = year(p.birth_date), year(p.death_date)
    if p.deceased or died:
        if born and died:
            return f"{born} – {died}"
        return f"† {died}" if died else (f"{born} – †" if born else "†")
    return born
