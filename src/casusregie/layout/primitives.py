"""The drawing vocabulary every picture is made of, in millimetres.

A layout (genogram, tijdlijn, CAF-driehoek, sociogram) turns a case into a ``Picture``:
a list of primitives in drawing order, with the origin at the top left and y pointing
down. The Qt scene, the reportlab drawing and the SVG writer each draw exactly this list
and nothing else, which is why the screen and the paper show the same picture.

Every primitive carries a ``role`` (what it is, for tests and for the legend) and a
``key`` (what it belongs to, e.g. ``person:<id>``, so the screen can move a person's
symbol and label together).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from casusregie.layout.textmetrics import ASCENT, DESCENT, text_width

__all__ = [
    "Anchor",
    "Box",
    "Circle",
    "Line",
    "Pen",
    "Picture",
    "Polyline",
    "Primitive",
    "Rect",
    "Text",
    "bbox",
]

Point = tuple[float, float]
Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True)
class Pen:
    """How a line is stroked: colour (#rrggbb), width and dash pattern (on, off, ...)."""

    color: str = "#222222"
    width: float = 0.3
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: left, top, right, bottom."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def grow(self, d: float) -> Box:
        return Box(self.x0 - d, self.y0 - d, self.x1 + d, self.y1 + d)

    def overlaps(self, other: Box, tol: float = 1e-6) -> bool:
        return (
            self.x0 < other.x1 - tol
            and other.x0 < self.x1 - tol
            and self.y0 < other.y1 - tol
            and other.y0 < self.y1 - tol
        )

    def union(self, other: Box) -> Box:
        return Box(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    pen: Pen | None = Pen()
    fill: str | None = None
    radius: float = 0.0
    role: str = ""
    key: str = ""


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    pen: Pen | None = Pen()
    fill: str | None = None
    role: str = ""
    key: str = ""


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    pen: Pen = Pen()
    role: str = ""
    key: str = ""


@dataclass(frozen=True)
class Polyline:
    """An open path, or a closed polygon (``closed=True``, optionally filled)."""

    points: tuple[Point, ...]
    pen: Pen | None = Pen()
    fill: str | None = None
    closed: bool = False
    role: str = ""
    key: str = ""


@dataclass(frozen=True)
class Text:
    """One line of text; ``y`` is the baseline, ``size`` the em size in mm."""

    x: float
    y: float
    text: str
    size: float = 3.0
    color: str = "#222222"
    anchor: Anchor = "start"
    bold: bool = False
    role: str = ""
    key: str = ""


Primitive = Rect | Circle | Line | Polyline | Text


def bbox(p: Primitive) -> Box:
    """The box a primitive covers (text by its font metrics, lines without width)."""
    if isinstance(p, Rect):
        return Box(p.x, p.y, p.x + p.w, p.y + p.h)
    if isinstance(p, Circle):
        return Box(p.cx - p.r, p.cy - p.r, p.cx + p.r, p.cy + p.r)
    if isinstance(p, Line):
        return Box(min(p.x1, p.x2), min(p.y1, p.y2), max(p.x1, p.x2), max(p.y1, p.y2))
    if isinstance(p, Polyline):
        xs = [x for x, _ in p.points]
        ys = [y for _, y in p.points]
        return Box(min(xs), min(ys), max(xs), max(ys))
    w = text_width(p.text, p.size, p.bold)
    x0 = p.x - {"start": 0.0, "middle": w / 2, "end": w}[p.anchor]
    return Box(x0, p.y - ASCENT * p.size, x0 + w, p.y + DESCENT * p.size)


@dataclass(frozen=True)
class Picture:
    """A finished picture: primitives in drawing order inside the ``width`` x ``height``
    mm rectangle whose top left corner is (``x0``, ``y0``).

    ``anchors`` maps keys (``person:<id>``) to the box of that thing's symbol, so a view
    can find a person and a test can check that no two symbols overlap. A layout keeps
    its own coordinates (a hand-placed person stays where it was put) and says with
    ``x0``/``y0`` where the picture begins.
    """

    kind: str
    width: float
    height: float
    items: tuple[Primitive, ...]
    anchors: dict[str, Box] = field(default_factory=dict)
    title: str = ""
    x0: float = 0.0
    y0: float = 0.0

    def of_role(self, role: str) -> list[Primitive]:
        return [p for p in self.items if p.role == role]
