"""What each backend drew, read back from the backend's own objects and put in one
form (kind, coordinates in mm rounded to 0.001, style), so screen, paper and the layout
can be compared shape for shape. Text is compared by its baseline and its left edge as
the backend measures it."""

from __future__ import annotations

from typing import Any

from reportlab.graphics import shapes
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from casusregie.layout import primitives as p

Shape = tuple[Any, ...]


def _r(*values: float) -> tuple[float, ...]:
    return tuple(round(v, 3) + 0.0 for v in values)


def from_primitives(picture: p.Picture) -> list[Shape]:
    out: list[Shape] = []
    for item in picture.items:
        if isinstance(item, p.Rect):
            out.append(("rect", *_r(item.x, item.y, item.w, item.h, item.radius)))
        elif isinstance(item, p.Circle):
            out.append(("circle", *_r(item.cx, item.cy, item.r)))
        elif isinstance(item, p.Line):
            out.append(("line", *_r(item.x1, item.y1, item.x2, item.y2)))
        elif isinstance(item, p.Polyline):
            out.append(("poly", item.closed, *_r(*(c for pt in item.points for c in pt))))
        else:
            out.append(("text", item.text, *_r(item.y, item.size)))
    return out


def from_reportlab(drawing: shapes.Drawing, picture: p.Picture, scale: float = 1.0) -> list[Shape]:
    k = mm * scale
    height = picture.height

    def x(v: float) -> float:
        return v / k + picture.x0

    def y(v: float) -> float:
        return height - v / k + picture.y0

    out: list[Shape] = []
    for s in drawing.contents[0].contents:
        if isinstance(s, shapes.Rect):
            out.append(
                ("rect", *_r(x(s.x), y(s.y + s.height), s.width / k, s.height / k, s.rx / k))
            )
        elif isinstance(s, shapes.Circle):
            out.append(("circle", *_r(x(s.cx), y(s.cy), s.r / k)))
        elif isinstance(s, shapes.Line):
            out.append(("line", *_r(x(s.x1), y(s.y1), x(s.x2), y(s.y2))))
        elif isinstance(s, shapes.Polygon | shapes.PolyLine):
            pts = [(x(s.points[i]), y(s.points[i + 1])) for i in range(0, len(s.points), 2)]
            out.append(("poly", isinstance(s, shapes.Polygon), *_r(*(c for pt in pts for c in pt))))
        elif isinstance(s, shapes.String):
            out.append(("text", s.text, *_r(y(s.y), s.fontSize / k)))
    return out


def reportlab_text_left(drawing: shapes.Drawing, scale: float = 1.0) -> list[float]:
    """Left edge (in mm from the drawing's left) of every string, by reportlab's metrics."""
    k = mm * scale
    out = []
    for s in drawing.contents[0].contents:
        if isinstance(s, shapes.String):
            w = stringWidth(s.text, s.fontName, s.fontSize)
            shift = {"start": 0.0, "middle": w / 2, "end": w}[s.textAnchor]
            out.append((s.x - shift) / k)
    return out
